#!/usr/bin/env python3
"""The invariants of a --paper session against fake_alpaca, checked after the fact (crash and fault
tests): no client_order_id reached the broker twice, every order the broker holds is in the state
store, every order the store marks sent is at the broker, no intent is left unsent, and the store's
positions equal the broker's. Usage: paper_invariants.py STATE_DB BASE_URL KEY_ID SECRET"""
import http.client, json, sqlite3, sys, time, urllib.request
db, base, key, secret = sys.argv[1:5]

CRYPTO_FEE_RATE = 0.0025  # fake_alpaca's default (ServerOptions::crypto_fee_rate)


def get(path):
    # The fake may still be injecting faults (429/5xx, dropped connections, garbled bodies): ask
    # again, as a client would, until a whole JSON answer arrives.
    last = None
    for attempt in range(40):
        request = urllib.request.Request(base + path, headers={
            "APCA-API-KEY-ID": key, "APCA-API-SECRET-KEY": secret})
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return json.load(answer)
        except (OSError, ValueError, http.client.HTTPException) as error:
            last = error
            time.sleep(0.25)
    raise SystemExit(f"assertion failed: GET {path} kept failing: {last}")

def fail(text):
    print("assertion failed: " + text, file=sys.stderr)
    sys.exit(1)

broker_orders = get("/v2/orders?status=all&limit=500&direction=asc")
ids = [o["client_order_id"] for o in broker_orders]
if len(ids) != len(set(ids)):
    fail("a client_order_id reached the broker twice")
if not ids:
    fail("no order reached the broker: the test proves nothing")
store = sqlite3.connect(db)
stored = {row[0]: row[1:] for row in store.execute(
    "SELECT client_order_id, broker_id, status FROM orders")}
filled = {row[0]: float(row[1]) for row in store.execute(
    "SELECT client_order_id, filled_qty FROM orders")}
store_fills = {}
for client_id, qty in store.execute("SELECT client_order_id, qty FROM fills"):
    store_fills[client_id] = store_fills.get(client_id, 0.0) + float(qty)
# A fill updates its order in the same transaction: an order never says less than its own fills
# (seen: 529 shares in the fills table beside an order still "new" with 0 filled).
for client_id, qty in store_fills.items():
    if abs(filled.get(client_id, 0.0) - qty) > 1e-9:
        fail(f"{client_id}: its stored fills sum to {qty}, the order says {filled.get(client_id)}")
# A position bought by an order of ours carries that order's strategy (its exits are that
# strategy's); "unknown" means the position was mirrored from the broker and never booked.
# Allowed only while an order of ours in that symbol is still open in the store (the mirror saw
# the fill before crew's last lookups could: booked at the next tick or restart).
orphans = [row[0] for row in store.execute(
    "SELECT symbol FROM positions WHERE strategy = 'unknown' AND symbol NOT IN (SELECT symbol FROM "
    "orders WHERE status NOT IN ('filled', 'canceled', 'expired', 'rejected', 'replaced'))")]
if orphans:
    fail(f"positions with no strategy (mirrored, never booked): {orphans}")
lost = [i for i in ids if i not in stored]
if lost:
    fail(f"orders at the broker missing from the store: {lost[:5]}")
sent = {i for i, (broker_id, status) in stored.items() if broker_id}
unknown = sent - set(ids)
if unknown:
    fail(f"orders the store says were sent, unknown to the broker: {sorted(unknown)[:5]}")
intents = [i for i, (broker_id, status) in stored.items() if status == "intent"]
if intents:
    fail(f"orders left as unsent intents after reconciliation: {intents[:5]}")

# What was traded: each order's filled quantity, as the order and as the sum of its stored fills.
# An order still open in the store when crew stopped may have filled at the broker since (the venue
# goes on); its difference is carried into the positions check instead.
final = {"filled", "canceled", "expired", "rejected", "replaced", "done_for_day"}
details = {row[0]: row[1:] for row in store.execute(
    "SELECT client_order_id, side, status, symbol FROM orders")}
in_flight = {}
for order in broker_orders:
    client_id, qty = order["client_order_id"], float(order["filled_qty"])
    side, status, symbol = details[client_id]
    if status not in final:
        delta = qty - filled.get(client_id, 0.0)
        if side == "buy" and "/" in symbol:
            # Like Alpaca, fake_alpaca takes a crypto buy's fee from the coins received.
            delta *= 1 - CRYPTO_FEE_RATE
        if abs(delta) > 1e-9:
            in_flight.setdefault(symbol, []).append(delta if side == "buy" else -delta)
        continue
    if abs(filled.get(client_id, 0.0) - qty) > 1e-9:
        fail(f"{client_id}: broker filled {qty}, store says {filled.get(client_id)}")
    if abs(store_fills.get(client_id, 0.0) - qty) > 1e-9:
        fail(f"{client_id}: broker filled {qty}, store fills sum to {store_fills.get(client_id)}")

def norm(symbol):
    for quote in ("USDT", "USDC", "USD"):
        if "/" not in symbol and symbol.endswith(quote) and len(symbol) > len(quote) + 1 \
                and symbol not in ("AAPL", "MSFT", "NVDA"):
            return symbol[:-len(quote)] + "/" + quote
    return symbol

broker_positions = {norm(p["symbol"]): float(p["qty"]) for p in get("/v2/positions")}
store_positions = {row[0]: float(row[1]) for row in store.execute("SELECT symbol, qty FROM positions")}
# The store's positions mirror the broker's /v2/positions as crew last read it. An order still
# open in the store when crew stopped may have filled before that read (then the mirror holds
# it) or after it (then it is missing): each in-flight quantity is either in or out, never twice.
def explained(symbol, difference):
    sums = {0.0}
    for delta in in_flight.get(symbol, []):
        sums |= {s + delta for s in sums}
    return any(abs(difference - s) <= 1e-9 for s in sums)

symbols = set(broker_positions) | set(store_positions)
unexplained = {s: (broker_positions.get(s, 0.0), store_positions.get(s, 0.0)) for s in symbols
               if not explained(s, broker_positions.get(s, 0.0) - store_positions.get(s, 0.0))}
if unexplained:
    fail(f"positions differ: broker {broker_positions}, store {store_positions}, "
         f"in flight {in_flight}")
print(f"ok: {len(ids)} orders at the broker, each once and each in the store, fills equal")
print(f"ok: positions agree: {store_positions}")
