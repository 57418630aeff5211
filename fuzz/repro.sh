#!/usr/bin/env bash
# Reproduces one bug of fuzz/FINDINGS.md on a fresh 3-instance fleet (ports 31151-31153, a
# temporary data folder), then removes everything (processes by PID, the folder).
#
#   fuzz/repro.sh scenario3-stop-hang   # an instance wedged by start+stop of scenario3
#   fuzz/repro.sh chaos-duration        # one chaos request exhausts the supervisor (watchdog at 1 GiB)
#   fuzz/repro.sh command-flood         # a 10 s ping flood gets healthy instances killed
#
# FLEET_BINARY as for the other fuzz scripts. Exit 1: the bug reproduced; 0: it did not.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUG="${1:?usage: fuzz/repro.sh scenario3-stop-hang|chaos-duration|command-flood}"
BASE_PORT=31151

source "$REPO/fuzz/lib.sh"
resolve_fleet_binary

WORK="$(mktemp -d /tmp/fleet-repro.XXXXXX)"
DATA="$WORK/data"
SUPERVISOR_PID=""
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    [[ -n "$SUPERVISOR_PID" ]] && stop_pid "$SUPERVISOR_PID" 10
    wait 2>/dev/null || true
    kill_leftovers
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cat >"$WORK/fleet.yaml" <<EOF
fleet: { name: repro, instances: 3, host: 127.0.0.1, base_port: $BASE_PORT, data_dir: $DATA }
node: { memory: 512MiB, disk: 32MiB }
scenarios:
  scenario1: { chunk_size: 1MB, interval: 500ms, max_chunks: 10 }
  scenario2: { chunk_size: 1MiB, interval: 500ms, free_space_reserve: 2GiB }
supervisor: { metrics_port: 0 }
prometheus: { enabled: false, rule_files: [] }
EOF
"$FLEET" up --config "$WORK/fleet.yaml" --data-dir "$DATA" >"$WORK/up.log" 2>&1 &
SUPERVISOR_PID=$!
for ((i = 0; i < 300; i++)); do
    [[ -S "$DATA/control.sock" ]] && curl -s -o /dev/null -m 1 "http://127.0.0.1:$((BASE_PORT + 2))/scenario/health" && break
    sleep 0.1
done
sleep 1
echo "== repro $BUG ($FLEET, supervisor PID $SUPERVISOR_PID)"
status=0
python3 "$REPO/fuzz/repro.py" "$BUG" --command "ipc://$DATA/control.sock" --supervisor-pid "$SUPERVISOR_PID" \
    --port "$BASE_PORT" || status=$?
echo "-- supervisor log (warnings and errors, last 12):"
grep -E "warning|error|Error" "$WORK/up.log" | grep -v "refused command" | tail -12 | cut -c1-220 || true
exit "$status"
