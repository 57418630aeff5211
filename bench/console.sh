#!/usr/bin/env bash
# The console at class scale: a fleet of 200 instances with the console on.
#
# Prints: the page's load time (navigation start until the grid shows all 200 rows, signed in
# as the instructor, in headless chromium; median of CONSOLE_LOADS loads; target < 1 s), and the
# supervisor's CPU over CONSOLE_WINDOW seconds without a console, then with the instructor's
# console open (live event feed + grid refresh), while the same scenario churn runs in both
# windows (a start and a stop on 3 random instances every 5 s); the console's cost is the
# difference (target < 5 % of one core). Prints figures; never fails on a slow one.
#
#   bench/console.sh                                   # the release build of scripts/build-release.sh
#   FLEET_BINARY=.build/debug/fleet bench/console.sh
#
# Needs chromium, chromium-driver and Selenium in .build/browser-venv (scripts/install-deps.sh).
# Knobs (environment): CONSOLE_INSTANCES (200), CONSOLE_WINDOW (30), CONSOLE_LOADS (5),
# BENCH_BASE_PORT (31001), CONSOLE_PORT (31900).
source "$(dirname "$0")/lib.sh"

INSTANCES="${CONSOLE_INSTANCES:-200}"
WINDOW="${CONSOLE_WINDOW:-30}"
LOADS="${CONSOLE_LOADS:-5}"
BASE_PORT="${BENCH_BASE_PORT:-31001}"
PORT="${CONSOLE_PORT:-31900}"
PYTHON="$REPO/.build/browser-venv/bin/python"

resolve_fleet_binary
command -v jq >/dev/null || { echo "bench: jq is required" >&2; exit 2; }
[[ -x "$PYTHON" ]] || { echo "bench: $PYTHON missing; run scripts/install-deps.sh" >&2; exit 2; }
make_work
HZ=$(getconf CLK_TCK)
{
    large_fleet_yaml console "$INSTANCES" "$BASE_PORT" | grep -v '^console:'
    echo "prometheus: { enabled: false }"
    echo "traffic: { enabled: false }"
    echo "console: { port: $PORT }"
} >"$WORK/fleet.yaml"

echo "== console bench: $INSTANCES instances ($(date -u +%FT%TZ), $(nproc) cores, load avg $(cut -d' ' -f1-3 /proc/loadavg))"
echo "binary: $FLEET"
wait_quiet
up_configured_fleet "$INSTANCES" 180
wait_http "http://127.0.0.1:$PORT/" 30 || { echo "bench: no console" >&2; tail -30 "$WORK/up.log" >&2; exit 1; }
# The instructor's token, from the class's tokens file (what `fleet roster` prints).
TOKEN="$(jq -r .instructor "$WORK/data/classroom-tokens.json")"
[[ -n "$TOKEN" && "$TOKEN" != null ]] || { echo "bench: no instructor token in $WORK/data/classroom-tokens.json" >&2; exit 1; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$FLEET_PID/stat"; }

# churn_window SECONDS: the same scenario churn in both windows; prints the supervisor's CPU in % of one core.
churn_window() {
    local seconds="$1" before after start end i
    before=$(cpu_ticks); start=$(now_ns)
    for ((i = 0; i < seconds / 5; i++)); do
        "$FLEET" start scenario4 --random 3 --config "$WORK/fleet.yaml" >/dev/null 2>&1 || true
        fg_run sleep 2.5
        "$FLEET" stop all --all --config "$WORK/fleet.yaml" >/dev/null 2>&1 || true
        fg_run sleep 2.5
    done
    after=$(cpu_ticks); end=$(now_ns)
    awk -v t=$((after - before)) -v hz="$HZ" -v ns=$((end - start)) 'BEGIN { printf "%.1f", 100 * t / hz / (ns / 1e9) }'
}

idle=$(churn_window "$WINDOW")
"$PYTHON" "$REPO/bench/console_page.py" "http://127.0.0.1:$PORT" "$TOKEN" "$INSTANCES" "$LOADS" >"$WORK/page.log" 2>&1 &
PAGE_PID=$!
track_pid "$PAGE_PID"
deadline=$(($(now_ns) + 120 * 1000000000))
until grep -q '^open' "$WORK/page.log"; do
    kill -0 "$PAGE_PID" 2>/dev/null || { echo "bench: the page driver failed:" >&2; cat "$WORK/page.log" >&2; exit 1; }
    (($(now_ns) < deadline)) || { echo "bench: the page did not load within 120 s" >&2; exit 1; }
    sleep 0.1
done
loads=$(awk '/^load_ms/ { print $2 }' "$WORK/page.log" | xargs)
median=$(echo "$loads" | tr ' ' '\n' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
open=$(churn_window "$WINDOW")
stop_pid "$PAGE_PID" 5

echo "page load with $INSTANCES instances: median ${median} ms (loads: $loads ms; target < 1000 ms)"
echo "supervisor CPU over ${WINDOW} s: ${idle} % of one core without a console, ${open} % with the instructor's console open"
awk -v a="$idle" -v b="$open" 'BEGIN { printf "the console'\''s live updates: %.1f %% of one core (target < 5 %%)\n", b - a }'
stop_fleet
