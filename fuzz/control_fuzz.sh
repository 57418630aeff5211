#!/usr/bin/env bash
# Control-plane fuzzing: a 3-instance fleet (ports 31101-31103, a temporary data folder,
# Prometheus off), fuzz/control_fuzz.py against its command, instance and event endpoints,
# then `fleet down` and checks that no process of the fleet and no file but what is expected
# is left. Every process is ended by PID; the folder is deleted.
#
#   fuzz/control_fuzz.sh
#
# Knobs (environment): FUZZ_SEED (1), FUZZ_FLOOD (20000 messages per flood),
# FUZZ_SCENARIO_FLOOD (2000), FUZZ_RANDOM_REQUESTS (2000), FUZZ_MAX_SECONDS (240),
# FUZZ_STORM_SCENARIO (scenario3), FUZZ_SUSTAIN_SECONDS (0: no sustained flood),
# FUZZ_RSS_EXTRA_MB (20), FUZZ_LEAK_MB (8), FUZZ_BASE_PORT (31101),
# FLEET_BINARY (default .build/release/fleet, else .build/debug/fleet).
# Exit status: 0 clean, 1 findings, 2 could not run.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE_PORT="${FUZZ_BASE_PORT:-31101}"

source "$REPO/fuzz/lib.sh"

python3 -c 'import zmq' 2>/dev/null || { echo "fuzz: python3 with pyzmq is required" >&2; exit 2; }

resolve_fleet_binary
WORK="$(mktemp -d /tmp/fleet-fuzz-ctl.XXXXXX)"
DATA="$WORK/data"
SUPERVISOR_PID=""
FUZZ_PID=""

cleanup() {
    local status=$? pid
    trap - EXIT INT TERM
    [[ -n "$FUZZ_PID" ]] && stop_pid "$FUZZ_PID" 5
    [[ -n "$SUPERVISOR_PID" ]] && stop_pid "$SUPERVISOR_PID" 15
    kill_leftovers
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cat >"$WORK/fleet.yaml" <<EOF
fleet: { name: ctlfuzz, instances: 3, host: 127.0.0.1, base_port: $BASE_PORT, data_dir: $DATA }
node: { memory: 512MiB, disk: 32MiB }
scenarios:
  scenario1: { chunk_size: 1MB, interval: 500ms, max_chunks: 10 }
  scenario2: { chunk_size: 1MiB, interval: 500ms, free_space_reserve: 2GiB }
  scenario3: { client_rate: 5, min_delay: 1ms, max_delay: 20ms }
supervisor: { metrics_port: 0 }
prometheus: { enabled: false, rule_files: [] }
chaos: { duration: 1m, warmup: 50s }
EOF
fleet() { "$FLEET" "$@" --config "$WORK/fleet.yaml" --data-dir "$DATA"; }

"$FLEET" up --config "$WORK/fleet.yaml" --data-dir "$DATA" >"$WORK/up.log" 2>&1 &
SUPERVISOR_PID=$!
for ((i = 0; i < 600; i++)); do
    kill -0 "$SUPERVISOR_PID" 2>/dev/null || { echo "fuzz: fleet up exited:" >&2; cat "$WORK/up.log" >&2; exit 2; }
    if [[ "$(fleet status --json 2>/dev/null | python3 -c 'import json,sys; print(sum(i["state"] == "up" for i in json.load(sys.stdin)["instances"]))' 2>/dev/null)" == 3 ]]; then
        break
    fi
    sleep 0.1
done
echo "== control-plane fuzz ($(date -u +%FT%TZ), $(nproc) cores, binary $FLEET, supervisor PID $SUPERVISOR_PID)"
sleep 1

status=0
python3 "$REPO/fuzz/control_fuzz.py" \
    --command "ipc://$DATA/control.sock" --events "ipc://$DATA/events.sock" --instances "ipc://$DATA/instances.sock" \
    --supervisor-pid "$SUPERVISOR_PID" --expect-instances 3 \
    --fleet "$FLEET" --config "$WORK/fleet.yaml" --data-dir "$DATA" &
FUZZ_PID=$!
wait "$FUZZ_PID" || status=$?
FUZZ_PID=""

echo
echo "== supervisor log: what it said about the fuzz (counts)"
for pattern in "refused command" "dropped instance message" "dropped message from unknown instance" \
    "dropped command message" "control plane:" "instance hung" "instance died" "error"; do
    printf '  %-40s %s\n' "$pattern" "$(grep -c -- "$pattern" "$WORK/up.log" || true)"
done

echo "== fleet down"
fleet down >/dev/null || { echo "FAIL: fleet down failed"; status=1; }
for ((i = 0; i < 300; i++)); do kill -0 "$SUPERVISOR_PID" 2>/dev/null || break; sleep 0.05; done
if kill -0 "$SUPERVISOR_PID" 2>/dev/null; then
    echo "FAIL: the supervisor did not exit within 15 s of fleet down"
    status=1
else
    wait "$SUPERVISOR_PID" && code=0 || code=$?
    SUPERVISOR_PID=""
    echo "supervisor exit status: $code"
    [[ "$code" == 0 ]] || status=1
fi
sleep 0.3
left_pids="$(pids_naming_data | xargs)"
if [[ -n "$left_pids" ]]; then echo "FAIL: processes left: $left_pids"; status=1; else echo "no process of the fleet left"; fi
if [[ -d "$DATA" ]]; then
    left_files="$(cd "$DATA" && find . -mindepth 1 | sort | xargs)"
    echo "left in the data folder: ${left_files:-nothing}"
    # Only the chaos journal may remain (a `chaos` request may have been accepted).
    for f in $left_files; do [[ "$f" == ./chaos-journal.jsonl ]] || status=1; done
else
    echo "data folder removed"
fi
exit "$status"
