#!/usr/bin/env bash
# Fleet start-up time and idle CPU.
#
# 1. STARTUP_REPS (5) times: launch `fleet up --instances 20`, and time until `fleet status
#    --json` shows all 20 `up` AND each of them answers GET /scenario/health; then SIGTERM.
#    Prints min / median / max (target < 3 s).
# 2. A 50-instance fleet, up and settled (IDLE_SETTLE, 10 s): CPU ticks (utime+stime of
#    /proc/PID/stat) of the supervisor and every instance over IDLE_WINDOW (30 s), as % of one
#    core (target < 5 %).
# Prints figures; never fails on a slow one.
#
#   FLEET_BINARY=.build/release/fleet bench/startup.sh
#
# Knobs (environment): STARTUP_INSTANCES (20), STARTUP_REPS (5), IDLE_INSTANCES (50),
# IDLE_SETTLE (10), IDLE_WINDOW (30), BENCH_BASE_PORT (30201).
source "$(dirname "$0")/lib.sh"

STARTUP_INSTANCES="${STARTUP_INSTANCES:-20}"
REPS="${STARTUP_REPS:-5}"
IDLE_INSTANCES="${IDLE_INSTANCES:-50}"
SETTLE="${IDLE_SETTLE:-10}"
WINDOW="${IDLE_WINDOW:-30}"
BASE_PORT="${BENCH_BASE_PORT:-30201}"

resolve_fleet_binary
command -v jq >/dev/null || { echo "bench: jq is required" >&2; exit 2; }
make_work
HZ=$(getconf CLK_TCK)

echo "== fleet start-up and idle CPU bench ($(date -u +%FT%TZ), $(nproc) cores, load avg $(cut -d' ' -f1-3 /proc/loadavg))"
echo "binary: $FLEET"
wait_quiet

# --- 1. start-up ------------------------------------------------------------------------------
write_config "$WORK/fleet.yaml" "$BASE_PORT" "$STARTUP_INSTANCES"
TIMES=()
STATUS_CALLS=()
for ((rep = 1; rep <= REPS; rep++)); do
    t0=$(now_ns)
    start_fleet "$STARTUP_INSTANCES" "$BASE_PORT" "$WORK/up-$rep.log"
    polls=0
    ok=0
    while (($(now_ns) - t0 < 30000000000)); do
        kill -0 "$FLEET_PID" 2>/dev/null || break
        polls=$((polls + 1))
        if [[ "$(fleet_up_count)" -ge "$STARTUP_INSTANCES" ]] && all_healthy; then ok=1; break; fi
        sleep 0.02
    done
    t1=$(now_ns)
    if ((ok)); then
        ms=$(((t1 - t0) / 1000000))
        TIMES+=("$ms")
        # What one poll costs (a `fleet status --json` process), the resolution of the figure.
        s0=$(now_ns); fleet_cli status --json >/dev/null; STATUS_CALLS+=($((($(now_ns) - s0) / 1000000)))
        echo "run $rep: all $STARTUP_INSTANCES up and healthy after $ms ms ($polls polls)"
    else
        echo "run $rep: NOT all up and healthy within 30 s; log tail:"
        tail -10 "$WORK/up-$rep.log"
    fi
    stop_fleet
    sleep 1
done
if ((${#TIMES[@]} > 0)); then
    read -r MIN MED MAX < <(printf '%s\n' "${TIMES[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[1], v[int((NR + 1) / 2)], v[NR] }')
    POLL=$(printf '%s\n' "${STATUS_CALLS[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    echo "start-up of $STARTUP_INSTANCES instances: min $MIN ms, median $MED ms, max $MAX ms over ${#TIMES[@]} runs (target < 3000 ms: $(((MAX < 3000)) && echo met || echo MISSED)); one status poll takes ~${POLL} ms"
fi

# --- 2. idle CPU --------------------------------------------------------------------------------
write_config "$WORK/fleet.yaml" "$BASE_PORT" "$IDLE_INSTANCES"
t0=$(now_ns)
start_fleet "$IDLE_INSTANCES" "$BASE_PORT" "$WORK/up-idle.log"
if ! wait_fleet_up "$IDLE_INSTANCES" 60; then
    echo "bench: the $IDLE_INSTANCES-instance fleet did not come up within 60 s; log tail:" >&2
    tail -20 "$WORK/up-idle.log" >&2
    exit 1
fi
echo "$IDLE_INSTANCES instances up after $((($(now_ns) - t0) / 1000000)) ms; settling ${SETTLE} s"
fg_run sleep "$SETTLE"

mapfile -t CHILDREN < <(ps -o pid= --ppid "$FLEET_PID" | awk '{ print $1 }')
declare -A BEFORE
for pid in "$FLEET_PID" "${CHILDREN[@]}"; do BEFORE[$pid]=$(cpu_ticks "$pid"); done
w0=$(now_ns)
fg_run sleep "$WINDOW"
w1=$(now_ns)
SECONDS_MEASURED=$(awk -v d=$((w1 - w0)) 'BEGIN { printf "%.3f", d / 1e9 }')
SUP_TICKS=$(($(cpu_ticks "$FLEET_PID") - BEFORE[$FLEET_PID]))
INST_TICKS=0
MAX_TICKS=0
for pid in "${CHILDREN[@]}"; do
    d=$(($(cpu_ticks "$pid") - BEFORE[$pid]))
    INST_TICKS=$((INST_TICKS + d))
    ((d > MAX_TICKS)) && MAX_TICKS=$d
done
NOW_CHILDREN=$(ps -o pid= --ppid "$FLEET_PID" | wc -l)
THREADS_SUP=$(awk '/^Threads:/ { print $2 }' "/proc/$FLEET_PID/status")
THREADS_INST=$(awk '/^Threads:/ { print $2 }' "/proc/${CHILDREN[0]}/status")
RSS_TOTAL=0
PSS_TOTAL=0
for pid in "$FLEET_PID" "${CHILDREN[@]}"; do
    RSS_TOTAL=$((RSS_TOTAL + $(rss_kb "$pid" 2>/dev/null || echo 0)))
    PSS_TOTAL=$((PSS_TOTAL + $(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)))
done
pct() { awk -v t="$1" -v hz="$HZ" -v s="$SECONDS_MEASURED" 'BEGIN { printf "%.2f", t / hz / s * 100 }'; }
TOTAL_PCT=$(pct $((SUP_TICKS + INST_TICKS)))
echo "idle CPU over ${SECONDS_MEASURED} s ($HZ ticks/s), ${#CHILDREN[@]} instances (still $NOW_CHILDREN at the end):"
echo "  supervisor:          $SUP_TICKS ticks = $(pct "$SUP_TICKS") % of one core ($THREADS_SUP threads)"
echo "  instances (sum):     $INST_TICKS ticks = $(pct "$INST_TICKS") % of one core; busiest instance $MAX_TICKS ticks = $(pct "$MAX_TICKS") %; mean $(pct "$(awk -v t="$INST_TICKS" -v n="${#CHILDREN[@]}" 'BEGIN { printf "%.2f", t / n }')") % ($THREADS_INST threads each)"
echo "  fleet total:         $TOTAL_PCT % of one core (target < 5 %: $(awk -v v="$TOTAL_PCT" 'BEGIN { print (v < 5) ? "met" : "MISSED" }'))"
echo "  fleet memory: sum of VmRSS $((RSS_TOTAL / 1024)) MB (counts shared library pages once per process), sum of Pss $((PSS_TOTAL / 1024)) MB (real footprint)"
echo "load avg at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
stop_fleet
