#!/usr/bin/env bash
# Control-plane fan-out: a 50-instance fleet, then bench/fanout.py times `start scenario3` and
# `stop all` on every instance over the command endpoint. Prints figures; never fails on a
# slow one. Stops the fleet with SIGTERM and checks that no instance process outlives it.
#
#   FLEET_BINARY=.build/release/fleet bench/fanout.sh [extra fanout.py arguments, e.g. --rounds 50]
#
# Knobs (environment): FANOUT_INSTANCES (50), BENCH_BASE_PORT (30101).
source "$(dirname "$0")/lib.sh"

INSTANCES="${FANOUT_INSTANCES:-50}"
BASE_PORT="${BENCH_BASE_PORT:-30101}"

resolve_fleet_binary
python3 -c 'import zmq' 2>/dev/null || { echo "bench: python3 with pyzmq is required" >&2; exit 2; }
make_work
write_config "$WORK/fleet.yaml" "$BASE_PORT" "$INSTANCES"

echo "== fleet fan-out bench ($(date -u +%FT%TZ), $(nproc) cores, load avg $(cut -d' ' -f1-3 /proc/loadavg))"
echo "binary: $FLEET"
wait_quiet
STARTED=$(now_ns)
start_fleet "$INSTANCES" "$BASE_PORT" "$WORK/up.log"
if ! wait_fleet_up "$INSTANCES" 60; then
    echo "bench: the fleet did not show $INSTANCES instances up within 60 s; its log (tail):" >&2
    tail -30 "$WORK/up.log" >&2
    exit 1
fi
echo "$INSTANCES instances up after $((($(now_ns) - STARTED) / 1000000)) ms; settling 2 s"
sleep 2

status=0
mapfile -t FLEET_PIDS < <(echo "$FLEET_PID"; ps -o pid= --ppid "$FLEET_PID" | awk '{ print $1 }')
fleet_ticks() { local sum=0 pid; for pid in "${FLEET_PIDS[@]}"; do sum=$((sum + $(cpu_ticks "$pid"))); done; echo "$sum"; }
TICKS0=$(fleet_ticks); SUP0=$(cpu_ticks "$FLEET_PID"); T0=$(now_ns)
fg_run python3 "$(dirname "$0")/fanout.py" "ipc://$WORK/data/control.sock" --expect "$INSTANCES" "$@" || status=$?
TICKS1=$(fleet_ticks); SUP1=$(cpu_ticks "$FLEET_PID"); T1=$(now_ns)
HZ=$(getconf CLK_TCK)
echo "fleet CPU during the run: $((TICKS1 - TICKS0)) ticks (supervisor $((SUP1 - SUP0))) over $(((T1 - T0) / 1000000)) ms" \
    "= $(awk -v t=$((TICKS1 - TICKS0)) -v hz="$HZ" -v ns=$((T1 - T0)) 'BEGIN { printf "%.0f", t / hz / (ns / 1e9) * 100 }') % of one core on average"
echo "load avg at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
stop_fleet
[[ -z "$LEFTOVER_INSTANCES" ]] || status=1
exit "$status"
