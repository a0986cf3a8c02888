"""Every fill of a --sim session over imported CSVs is a price of those CSVs (issue 12).

usage: sim_prices_from_csv.py STATE_DB DATA_DIR

The fill rules (docs/backtest-fills.md, docs/parity.md rows 2 and 3), each against one bar of one
of the CSVs the home imported, moved against the trader by the profile's slippage:
- a market order fills at the open of the first stored bar after it was sent (the fill's time is
  that bar's open time), or, sent inside a bar that completed after it, at that bar's close;
- a resting stop (a stop order, or for crypto a stop-limit) fills in a bar whose low reached its
  stop: at the stop, or at the bar's open when the bar gapped below it, never below a stop-limit's
  limit.
Trades must carry their fills' prices, the entry's being the buy's fill price. Prints one line per
fill checked, exits 1 on a mismatch.
"""
import csv
import glob
import os
import sqlite3
import sys
from datetime import datetime, timezone

SLIPPAGE = {"crypto": 5.0 / 1e4, "us_equity": 2.0 / 1e4}  # the built-in profiles
SECONDS = {"1m": 60, "5m": 300, "15m": 900, "1h": 3600, "1d": 86400}


def csv_name(symbol):
    return symbol.replace("/", "-") + ".csv"


def bars_of(data_dir, symbol):
    """(market, [(start, seconds, open, high, low, close)]) of every CSV of the symbol."""
    market = "crypto" if "/" in symbol else "us_equity"
    bars = []
    for path in glob.glob(os.path.join(data_dir, market, "*", csv_name(symbol))):
        seconds = SECONDS[os.path.basename(os.path.dirname(path))]
        with open(path) as f:
            for row in csv.DictReader(f):
                t = datetime.strptime(row["timestamp"], "%Y-%m-%dT%H:%M:%SZ")
                start = int(t.replace(tzinfo=timezone.utc).timestamp())
                bars.append((start, seconds, float(row["open"]), float(row["high"]),
                             float(row["low"]), float(row["close"])))
    return market, bars


def near(a, b):
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def explains(fill, order, bars, slip):
    """How a bar of the CSVs explains the fill, or None."""
    side, price, at = fill
    kind, stop, limit = order
    move = (1 + slip) if side == "buy" else (1 - slip)
    for start, seconds, o, h, low, c in bars:
        if kind == "market":
            if start == at and near(price, o * move):
                return f"open {o} of the bar at its time"
            if start < at < start + seconds and near(price, c * move):
                return f"close {c} of the bar it was sent in"
        elif kind in ("stop", "stop_limit") and start == at and low <= stop:
            trigger = min(o, stop)
            candidates = [trigger * move]
            if kind == "stop_limit":
                candidates = [max(limit, trigger * move), limit]
            if any(near(price, p) for p in candidates):
                return f"stop {stop} in the bar (open {o}, low {low})"
    return None


def main():
    db, data_dir = sys.argv[1], sys.argv[2]
    con = sqlite3.connect(db)
    fills = con.execute(
        "SELECT f.symbol, f.side, f.price, f.time, o.type, o.stop_price, o.limit_price "
        "FROM fills f JOIN orders o ON o.client_order_id = f.client_order_id "
        "ORDER BY f.time").fetchall()
    if not fills:
        print("no fills: nothing to check")
        return 1
    cache, bad = {}, 0
    for symbol, side, price, time_ns, kind, stop, limit in fills:
        if symbol not in cache:
            cache[symbol] = bars_of(data_dir, symbol)
        market, bars = cache[symbol]
        at = time_ns // 1_000_000_000
        order = (kind, float(stop) if stop else 0.0, float(limit) if limit else 0.0)
        why = explains((side, float(price), at), order, bars, SLIPPAGE[market])
        when = datetime.fromtimestamp(at, timezone.utc).isoformat()
        if why:
            print(f"ok {symbol} {side} {kind} {price} at {when}: {why} ± slippage")
        else:
            bad += 1
            print(f"MISMATCH {symbol} {side} {kind} {price} at {when}: no CSV bar explains it")
    trades = con.execute(
        "SELECT t.symbol, t.entry_price, e.price, t.exit_price, x.price FROM trades t "
        "JOIN fills e ON e.client_order_id = t.entry_client_order_id "
        "JOIN fills x ON x.client_order_id = t.exit_client_order_id").fetchall()
    for symbol, entry, entry_fill, exit_, exit_fill in trades:
        # The entry price is the buy's fill price, for crypto too (its coin fee is among the fees).
        entry_ok = near(float(entry), float(entry_fill))
        if not entry_ok or not near(float(exit_), float(exit_fill)):
            bad += 1
            print(f"MISMATCH trade {symbol}: {entry}->{exit_} but fills {entry_fill}->{exit_fill}")
    print(f"{len(fills)} fills and {len(trades)} trades checked, {bad} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
