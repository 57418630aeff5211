#!/usr/bin/env bash
# A fleet of 200 on this machine, with Prometheus scraping every instance every 5 s.
#
# Prints: time until all instances are up; summed and per-instance Pss; idle CPU of the fleet
# (supervisor + instances) and of Prometheus; `start scenario3 --all` / `stop all --all` round
# trips (p50/p99 over 20 rounds, bench/fanout.py); the fleet after its supervisor was stopped
# (SIGSTOP) for 5 s and resumed (time until all healthy again, zombies); `fleet down` (time,
# processes and files left). Prints figures; never fails on a slow one, only on a broken fleet.
#
#   bench/scale.sh                                   # the release build of scripts/build-release.sh
#   FLEET_BINARY=.build/release/fleet bench/scale.sh # the plain `swift build -c release`
#
# Knobs (environment): SCALE_INSTANCES (200), SCALE_ROUNDS (20), IDLE_SETTLE (15),
# IDLE_WINDOW (30), BENCH_BASE_PORT (31001), SCALE_PROMETHEUS_PORT (31290).
source "$(dirname "$0")/lib.sh"

INSTANCES="${SCALE_INSTANCES:-200}"
ROUNDS="${SCALE_ROUNDS:-20}"
SETTLE="${IDLE_SETTLE:-15}"
WINDOW="${IDLE_WINDOW:-30}"
BASE_PORT="${BENCH_BASE_PORT:-31001}"
PROM_PORT="${SCALE_PROMETHEUS_PORT:-31290}"

resolve_fleet_binary
command -v jq >/dev/null || { echo "bench: jq is required" >&2; exit 2; }
command -v prometheus >/dev/null || { echo "bench: prometheus is required (scripts/install-deps.sh)" >&2; exit 2; }
python3 -c 'import zmq' 2>/dev/null || { echo "bench: python3 with pyzmq is required" >&2; exit 2; }
make_work
{
    large_fleet_yaml scale "$INSTANCES" "$BASE_PORT"
    echo "prometheus: { enabled: true, port: $PROM_PORT, scrape_interval: 5s, rule_files: [], keep_data: false }"
    echo "traffic: { enabled: false }"
} >"$WORK/fleet.yaml"

echo "== fleet of $INSTANCES bench ($(date -u +%FT%TZ), $(nproc) cores, load avg $(cut -d' ' -f1-3 /proc/loadavg))"
echo "binary: $FLEET"
wait_quiet

# --- 1. up --------------------------------------------------------------------------------------
T0=$(now_ns)
up_configured_fleet "$INSTANCES" 120
UP_MS=$((($(now_ns) - T0) / 1000000))
echo "all $INSTANCES up after $UP_MS ms (target < 10000 ms: $(((UP_MS < 10000)) && echo met || echo MISSED))"
fg_run sleep "$SETTLE"

# --- 2. memory and idle CPU -----------------------------------------------------------------------
PROM_PID="$(prometheus_pid_of "$WORK/data")"
mapfile -t CHILDREN < <(instance_pids_of "$WORK/data")
PSS=0
for pid in "${CHILDREN[@]}"; do PSS=$((PSS + $(pss_kb "$pid"))); done
PROM_PSS=0
[[ -z "$PROM_PID" ]] || PROM_PSS=$(pss_kb "$PROM_PID")
echo "memory: instances' Pss $((PSS / 1024)) MB in all, $(awk -v p="$PSS" -v n="${#CHILDREN[@]}" 'BEGIN { printf "%.2f", p / n / 1024 }') MB per instance" \
    "(target < 3 MB); supervisor Pss $(($(pss_kb "$FLEET_PID") / 1024)) MB; Prometheus Pss $((PROM_PSS / 1024)) MB"

measure_idle_cpu "$WINDOW" "$FLEET_PID" "$PROM_PID" "${CHILDREN[@]}"
echo "idle CPU over ${IDLE_SECONDS} s: fleet (supervisor + instances) $IDLE_FLEET_PCT % of one core" \
    "(target < 10 %: $(awk -v v="$IDLE_FLEET_PCT" 'BEGIN { print (v < 10) ? "met" : "MISSED" }')), of which the supervisor $IDLE_SUPERVISOR_PCT %;" \
    "Prometheus $IDLE_PROMETHEUS_PCT %"

# --- 3. fan-out -----------------------------------------------------------------------------------
status=0
fg_run python3 "$(dirname "$0")/fanout.py" "ipc://$WORK/data/control.sock" --expect "$INSTANCES" --rounds "$ROUNDS" \
    --hold 1.5 --ack-target 0 --start-target 100 || status=$?

# --- 4. a supervisor stopped for 5 s ----------------------------------------------------------------
kill -STOP "$FLEET_PID"
fg_run sleep 5
kill -CONT "$FLEET_PID"
R0=$(now_ns)
healthy=0
while (($(now_ns) - R0 < 60000000000)); do
    if [[ "$(fleet_up_count)" -ge "$INSTANCES" ]] && all_healthy; then healthy=1; break; fi
    sleep 0.2
done
ZOMBIES=$( (awk -v parent="$FLEET_PID" '{ sub(/.*\) /, ""); if ($1 == "Z" && $2 == parent) n++ } END { print n + 0 }' /proc/[0-9]*/stat 2>/dev/null) || true)
RESTARTS=$(fleet_cli status --json | jq '[.instances[].restarts] | add')
if ((healthy)); then
    echo "after a 5 s SIGSTOP of the supervisor: $INSTANCES/$INSTANCES healthy after $((($(now_ns) - R0) / 1000000)) ms" \
        "($RESTARTS restarts); zombies: $ZOMBIES (target: within 15000 ms, 0 zombies)"
else
    echo "after a 5 s SIGSTOP of the supervisor: NOT all healthy within 60 s ($(fleet_up_count) up); zombies: $ZOMBIES"
    status=1
fi

# --- 5. fleet down ----------------------------------------------------------------------------------
D0=$(now_ns)
fleet_cli down --wait 30 >/dev/null || status=1
wait "$FLEET_PID" 2>/dev/null || true
DOWN_MS=$((($(now_ns) - D0) / 1000000))
LEFT_PROCS=$(instance_pids_of "$WORK/data" | wc -l)
[[ -z "$PROM_PID" ]] || ! kill -0 "$PROM_PID" 2>/dev/null || LEFT_PROCS=$((LEFT_PROCS + 1))
LEFT_FILES=$( (find "$WORK/data" -mindepth 1 2>/dev/null || true) | wc -l)
echo "fleet down: $DOWN_MS ms, $LEFT_PROCS processes and $LEFT_FILES files left (target < 10000 ms, 0, 0)"
((LEFT_PROCS == 0)) || status=1
echo "load avg at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
