"""Every fill of a --sim session over imported CSVs is a price of those CSVs (issue 12).

usage: sim_prices_from_csv.py STATE_DB DATA_DIR

A market order fills at the open of the first stored bar after it was sent, moved against the
trader by the asset-class profile's slippage (docs/parity.md): so fill price / (1 ± slippage) must
be the open of a bar of that symbol, at the fill's time, in one of the CSVs the home imported.
Trades must carry their fills' prices. Prints one line per fill checked, exits 1 on a mismatch.
"""
import csv
import glob
import os
import sqlite3
import sys
from datetime import datetime, timezone

SLIPPAGE = {"crypto": 5.0 / 1e4, "us_equity": 2.0 / 1e4}  # the built-in profiles
CRYPTO_FEE = 0.0025


def csv_name(symbol):
    return symbol.replace("/", "-") + ".csv"


def opens_of(data_dir, symbol):
    """{epoch seconds: open} of every CSV of the symbol under DATA_DIR."""
    market = "crypto" if "/" in symbol else "us_equity"
    opens = {}
    for path in glob.glob(os.path.join(data_dir, market, "*", csv_name(symbol))):
        with open(path) as f:
            for row in csv.DictReader(f):
                t = datetime.strptime(row["timestamp"], "%Y-%m-%dT%H:%M:%SZ")
                opens.setdefault(int(t.replace(tzinfo=timezone.utc).timestamp()), []).append(
                    float(row["open"]))
    return market, opens


def main():
    db, data_dir = sys.argv[1], sys.argv[2]
    con = sqlite3.connect(db)
    fills = con.execute("SELECT symbol, side, price, time FROM fills ORDER BY time").fetchall()
    if not fills:
        print("no fills: nothing to check")
        return 1
    cache, bad = {}, 0
    for symbol, side, price, time_ns in fills:
        if symbol not in cache:
            cache[symbol] = opens_of(data_dir, symbol)
        market, opens = cache[symbol]
        slip = SLIPPAGE[market]
        raw = float(price) / (1 + slip if side == "buy" else 1 - slip)
        at = time_ns // 1_000_000_000
        found = [o for o in opens.get(at, []) if abs(o - raw) <= 1e-6 * max(1.0, o)]
        when = datetime.fromtimestamp(at, timezone.utc).isoformat()
        if found:
            print(f"ok {symbol} {side} {price} = open {found[0]} of the {when} bar ± slippage")
        else:
            bad += 1
            print(f"MISMATCH {symbol} {side} {price} at {when}: no CSV bar opens at {raw:.6f} "
                  f"(opens then: {opens.get(at)})")
    trades = con.execute(
        "SELECT t.symbol, t.entry_price, e.price, t.exit_price, x.price FROM trades t "
        "JOIN fills e ON e.client_order_id = t.entry_client_order_id "
        "JOIN fills x ON x.client_order_id = t.exit_client_order_id").fetchall()
    for symbol, entry, entry_fill, exit_, exit_fill in trades:
        # A crypto buy pays its fee in the coin (docs/parity.md): the trade's entry price is then
        # the cost per coin held, the fill price / (1 - fee rate).
        entry_prices = [float(entry_fill)]
        if "/" in symbol:
            entry_prices.append(float(entry_fill) / (1 - CRYPTO_FEE))
        entry_ok = any(abs(float(entry) - p) <= 1e-6 * p for p in entry_prices)
        if not entry_ok or abs(float(exit_) - float(exit_fill)) > 1e-9:
            bad += 1
            print(f"MISMATCH trade {symbol}: {entry}->{exit_} but fills {entry_fill}->{exit_fill}")
    print(f"{len(fills)} fills and {len(trades)} trades checked, {bad} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
