#!/usr/bin/env bash
# Kills aimed inside writes (reliability issue, crash campaign): SIGKILL lands
#   1. inside the state backup a session takes at its start (a 100 MB state store, so the copy
#      lasts long enough to hit): no file under a backup name is ever partial, the store is intact,
#      and the next session deletes the leftover and backs up completely;
#   2. inside a bar import (one transaction of 600,000 bars, killed while its WAL grows): the bar
#      store is intact and holds all of the file or none of it; a rerun imports it all;
#   3. inside a write or fsync of the state store by `crew autonomous --paper` (found through
#      /proc/PID/task/*/syscall): after the restarts the session runs to its end and every order
#      invariant of paper_invariants.py holds.
# WRITE_KILLS (default 3) kills per part; kill_when.py aims them and says where each landed.
source "$(dirname "$0")/common.sh"
KILLS=${WRITE_KILLS:-3}
AIM="python3 $(dirname "$0")/kill_when.py"
integrity() { # FILE: SQLite's own check must say ok
  python3 -c 'import sqlite3, sys
sys.exit(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0] != "ok")' "$1" ||
    fail "$1 fails PRAGMA integrity_check"
}
rows() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$@"; }
# run_aimed WHAT AIM-ARGS… -- CREW-ARGS…: starts crew, aims a kill at it, counts the hits.
hits=0
run_aimed() {
  local what=$1 aim=() rc=0
  shift
  while [ "$1" != "--" ]; do aim+=("$1"); shift; done
  shift
  # Not the crew function: $! must be crew itself, not a subshell around it.
  "$CREW_BIN" --home "$CREW_HOME" --log-level warn "$@" >>"$WORK_DIR/$what.out" 2>&1 &
  local pid=$!
  $AIM "${aim[0]}" "$pid" "${aim[@]:1}" || rc=$?
  wait "$pid" 2>/dev/null || true
  [ "$rc" -ne 1 ] || fail "$what: the kill could not be aimed"
  [ "$rc" -ne 0 ] || hits=$((hits + 1))
}

# --- 1. inside a backup ------------------------------------------------------------------------
cat >"$WORK_DIR/sim.toml" <<'TOML'
[scheduler]
backups_to_keep = 3
TOML
SIM=(--config "$WORK_DIR/sim.toml" autonomous --sim --duration 10m)
crew "${SIM[@]}" --start 2026-11-16T14:00:00Z >/dev/null
STATE="$CREW_HOME/state/state.db"
BACKUPS="$CREW_HOME/backups"
python3 - "$STATE" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
filler = "x" * 1000
db.executemany("INSERT INTO events(time, kind, market, message) VALUES (?, 'reconcile', NULL, ?)",
               ((978307200 * 10**9 + i, f"old note {i} {filler}") for i in range(100_000)))
db.commit()
PY
events=$(rows "$STATE" "SELECT count(*) FROM events")
hits=0
for i in $(seq "$KILLS"); do
  # A session's backup is named after its start, which follows the previous one's end.
  for attempt in 1 2 3 4 5; do
    before=$hits
    run_aimed backup exists "$BACKUPS/*.partial" 0.15 -- "${SIM[@]}"
    [ "$hits" -gt "$before" ] && break
  done
  integrity "$STATE"
  for b in "$BACKUPS"/state-*.db; do integrity "$b"; done
done
[ "$hits" -eq "$KILLS" ] || fail "only $hits of $KILLS kills landed inside a backup"
ls "$BACKUPS"/*.partial >/dev/null 2>&1 || fail "no unfinished backup was left: the kills missed"
echo "ok: $hits kills inside a backup; every file under a backup name is whole, the store intact"
crew "${SIM[@]}" >/dev/null || fail "the session after the kills failed"
! ls "$BACKUPS"/*.partial >/dev/null 2>&1 || fail "the unfinished backups were not deleted"
newest=$(ls "$BACKUPS"/state-*.db | tail -1)
integrity "$newest"
[ "$(rows "$newest" "SELECT count(*) FROM events")" -ge "$events" ] || fail "$newest lacks events"
echo "ok: the next session deleted the leftovers and backed up $(du -m "$newest" | cut -f1) MB whole"

# --- 2. inside a bar import --------------------------------------------------------------------
CSV="$WORK_DIR/BTC-USD.csv"
python3 - "$CSV" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("timestamp,open,high,low,close,volume\n")
    t, price = 1_600_000_000, 10_000.0
    for i in range(600_000):
        price *= 1.0001 if i % 3 else 0.99985
        f.write(f"{t + 60 * i},{price:.2f},{price * 1.001:.2f},{price * 0.999:.2f},{price:.2f},{1 + i % 7}\n")
PY
BARS="$CREW_HOME/data/bars.db"
hits=0
for i in $(seq "$KILLS"); do
  rm -f "$BARS" "$BARS-wal" "$BARS-shm"
  for attempt in 1 2 3 4 5; do
    before=$hits
    run_aimed import grows "$BARS-wal" 1000000 0.3 -- data import --timeframe 1Min "$CSV"
    [ "$hits" -gt "$before" ] && break
  done
  integrity "$BARS"
  n=$(rows "$BARS" "SELECT coalesce(sum(count), 0) FROM bar_blocks")
  [ "$n" -eq 0 ] || [ "$n" -eq 600000 ] || fail "a killed import left $n of 600000 bars"
done
[ "$hits" -eq "$KILLS" ] || fail "only $hits of $KILLS kills landed inside the import"
crew data import --timeframe 1Min "$CSV" >/dev/null || fail "the import after the kills failed"
[ "$(rows "$BARS" "SELECT coalesce(sum(count), 0) FROM bar_blocks")" -eq 600000 ] || fail "the rerun did not import all"
echo "ok: $hits kills inside an import; the bar store held all or nothing each time, the rerun all"

# --- 3. inside a state-store write of a --paper session ------------------------------------------
CREW_HOME="$WORK_DIR/paper-home"
source "$(dirname "$0")/paper.inc"
hits=0
for i in $(seq "$KILLS"); do
  for attempt in 1 2 3 4 5; do
    before=$hits
    session --duration 7d >>"$WORK_DIR/paper.out" 2>&1 &
    pid=$!
    rc=0
    $AIM syscall "$pid" '/state\.db(-wal|-journal)?$' 3 60 >>"$WORK_DIR/aims.txt" || rc=$?
    wait "$pid" 2>/dev/null || true
    [ "$rc" -ne 0 ] || { hits=$((hits + 1)); break; }
  done
done
cat "$WORK_DIR/aims.txt"
[ "$hits" -eq "$KILLS" ] || fail "only $hits of $KILLS kills landed inside a state write"
(session --duration 8h) >"$WORK_DIR/final.jsonl" 2>"$WORK_DIR/final.err" ||
  fail "the session after the kills failed: $(tail -3 "$WORK_DIR/final.err")"
integrity "$CREW_HOME/state/state.db"
check_invariants
echo "ok: $hits kills inside state-store writes; the last session ran to its end, invariants hold"
