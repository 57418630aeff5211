#!/usr/bin/env bash
# Where a settled fleet's idle CPU goes: IDLE_INSTANCES (50) standalone `fleet instance`
# processes (no supervisor, no ZeroMQ link) against a `fleet up` fleet of the same size, each
# measured over IDLE_WINDOW (20 s): CPU (% of one core) and wake-ups (context switches per
# second), the latter per thread name for the supervisor and one instance. The difference is
# the cost of supervision (heartbeats, event-loop ticks, the supervisor's tick). Prints figures.
#
#   FLEET_BINARY=.build/release/fleet bench/idle-breakdown.sh
#
# Knobs (environment): IDLE_INSTANCES (50), IDLE_SETTLE (5), IDLE_WINDOW (20),
# BENCH_BASE_PORT (30301; the standalone instances use the next IDLE_INSTANCES ports after the fleet's).
source "$(dirname "$0")/lib.sh"

N="${IDLE_INSTANCES:-50}"
SETTLE="${IDLE_SETTLE:-5}"
WINDOW="${IDLE_WINDOW:-20}"
BASE_PORT="${BENCH_BASE_PORT:-30301}"
BARE_PORT=$((BASE_PORT + N))

resolve_fleet_binary
make_work
HZ=$(getconf CLK_TCK)
echo "== idle CPU breakdown ($(date -u +%FT%TZ), $(nproc) cores)"
echo "binary: $FLEET"
wait_quiet
write_config "$WORK/fleet.yaml" "$BASE_PORT" "$N"

# switches PID…: voluntary + involuntary context switches of every thread of the PIDs so far.
switches() {
    local sum=0 pid task
    for pid in "$@"; do
        for task in /proc/"$pid"/task/*; do
            sum=$((sum + $(awk '/ctxt_switches/ { s += $2 } END { print s + 0 }' "$task/status" 2>/dev/null || echo 0)))
        done
    done
    echo "$sum"
}
ticks() { local sum=0 pid; for pid in "$@"; do sum=$((sum + $(cpu_ticks "$pid"))); done; echo "$sum"; }
# per_thread PID: "tid|name|switches" lines.
per_thread() {
    local task
    for task in /proc/"$1"/task/*; do
        echo "${task##*/}|$(cat "$task/comm")|$(awk '/ctxt_switches/ { s += $2 } END { print s + 0 }' "$task/status")"
    done | sort
}
# measure LABEL PID…: CPU and switches of the PIDs over the window.
measure() {
    local label="$1" t0 t1 s0 s1 w0 w1
    shift
    t0=$(ticks "$@"); s0=$(switches "$@"); w0=$(now_ns)
    fg_run sleep "$WINDOW"
    t1=$(ticks "$@"); s1=$(switches "$@"); w1=$(now_ns)
    awk -v t=$((t1 - t0)) -v s=$((s1 - s0)) -v hz="$HZ" -v ns=$((w1 - w0)) -v n="$N" -v label="$label" 'BEGIN {
        secs = ns / 1e9
        printf "%-34s CPU %5.2f %% of one core   %6.0f wake-ups/s (%.1f per instance)\n", label, t / hz / secs * 100, s / secs, s / secs / n }'
}

# 1. Standalone instances.
BARE=()
for ((i = 1; i <= N; i++)); do
    "$FLEET" instance --id "bare-$i" --port $((BARE_PORT + i - 1)) --config "$WORK/fleet.yaml" --data-dir "$WORK/bare" \
        >/dev/null 2>&1 &
    BARE+=($!)
    track_pid $!
done
for ((i = 1; i <= N; i++)); do
    wait_http "http://127.0.0.1:$((BARE_PORT + i - 1))/scenario/health" 30 || echo "bare-$i did not answer health"
done
fg_run sleep "$SETTLE"
measure "$N standalone instances:" "${BARE[@]}"
for pid in "${BARE[@]}"; do stop_pid "$pid" 5; done

# 2. The same number under `fleet up`.
start_fleet "$N" "$BASE_PORT" "$WORK/up.log"
wait_fleet_up "$N" 60 || { echo "bench: the fleet did not come up; log tail:" >&2; tail -20 "$WORK/up.log" >&2; exit 1; }
fg_run sleep "$SETTLE"
mapfile -t CHILDREN < <(ps -o pid= --ppid "$FLEET_PID" | awk '{ print $1 }')
ONE="${CHILDREN[0]}"
per_thread "$FLEET_PID" >"$WORK/sup0"; per_thread "$ONE" >"$WORK/one0"
W0=$(now_ns)
measure "$N instances under fleet up:" "${CHILDREN[@]}"
per_thread "$FLEET_PID" >"$WORK/sup1"; per_thread "$ONE" >"$WORK/one1"
SECS=$(awk -v ns=$(($(now_ns) - W0)) 'BEGIN { print ns / 1e9 }')
measure "the supervisor alone:" "$FLEET_PID"
echo "wake-ups per second by thread over the first window (thread names as the kernel truncates them):"
echo "  supervisor:";   join -t'|' "$WORK/sup0" "$WORK/sup1" | awk -F'|' -v s="$SECS" '{ printf "    %7.1f  %s\n", ($5 - $3) / s, $2 }' | sort -rn | head -6
echo "  one instance:"; join -t'|' "$WORK/one0" "$WORK/one1" | awk -F'|' -v s="$SECS" '{ printf "    %7.1f  %s\n", ($5 - $3) / s, $2 }' | sort -rn | head -6
stop_fleet
