#!/usr/bin/env bash
# Figures of scenario4 … scenario8 on a 5-instance fleet (one mode each on svc-01 … svc-05):
#
# 1. cpu (svc-03): CPU of the instance process (utime+stime of /proc/PID/stat) over CPU_WINDOW
#    (20 s) while scenario6 runs, against `cores`, before and during.
# 2. latency (svc-01): LAT_REQUESTS (200) sequential GET /showcase/count/x on the latency instance
#    and on a healthy one (curl's time_total); p50 and p99 of the difference against
#    delay … delay + jitter.
# 3. crash loop (svc-04): restarts per minute from `fleet status --json` over CRASH_WINDOW (60 s),
#    with scenario7's interval; and whether the instance is ever `down`.
# 4. fd leak (svc-05): process_open_fds of /metrics once a second; the slope (least squares) of
#    the climb against per_step / interval, and the plateau against max_open.
# scenario5 (errors, svc-02): the share of 500s over ERR_REQUESTS (400) requests.
# Prints figures; never fails on a slow one.
#
#   FLEET_BINARY=.build/release/fleet bench/added-scenarios.sh
#
# Knobs (environment): PARTS ("cpu latency errors crash fd": which figures), CPU_CORES (0.5), CPU_WINDOW (20), LAT_REQUESTS (200), ERR_REQUESTS (400),
# CRASH_INTERVAL (5s), CRASH_WINDOW (60), FD_PER_STEP (10), FD_MAX_OPEN (300),
# BENCH_BASE_PORT (30601).
source "$(dirname "$0")/lib.sh"

CORES="${CPU_CORES:-0.5}"
CPU_WINDOW="${CPU_WINDOW:-20}"
LAT_REQUESTS="${LAT_REQUESTS:-200}"
ERR_REQUESTS="${ERR_REQUESTS:-400}"
CRASH_INTERVAL="${CRASH_INTERVAL:-5s}"
CRASH_WINDOW="${CRASH_WINDOW:-60}"
FD_PER_STEP="${FD_PER_STEP:-10}"
FD_MAX_OPEN="${FD_MAX_OPEN:-300}"
BASE_PORT="${BENCH_BASE_PORT:-30601}"
PARTS="${PARTS:-cpu latency errors crash fd}"
want() { [[ " $PARTS " == *" $1 "* ]]; }

resolve_fleet_binary
command -v jq >/dev/null || { echo "bench: jq is required" >&2; exit 2; }
make_work
HZ=$(getconf CLK_TCK)

echo "== scenario4–8 bench ($(date -u +%FT%TZ), $(nproc) cores, load avg $(cut -d' ' -f1-3 /proc/loadavg))"
echo "binary: $FLEET"
wait_quiet

write_config "$WORK/fleet.yaml" "$BASE_PORT" 5
# The added scenarios' settings: a section per key would repeat `scenarios:`, so rewrite it.
sed -i '/^scenarios:/a\
  scenario4: { delay: 250ms, jitter: 250ms }\
  scenario5: { error_rate: 0.3 }\
  scenario6: { cores: '"$CORES"' }\
  scenario7: { interval: '"$CRASH_INTERVAL"' }\
  scenario8: { per_step: '"$FD_PER_STEP"', interval: 1s, max_open: '"$FD_MAX_OPEN"' }' "$WORK/fleet.yaml"

start_fleet 5 "$BASE_PORT" "$WORK/fleet.log"
wait_fleet_up 5 60 || { echo "bench: the fleet did not come up"; cat "$WORK/fleet.log"; exit 1; }
port() { echo $((BASE_PORT + $1 - 1)); }
pid_of() { fleet_cli status --json | jq -r ".instances[] | select(.id == \"$1\") | .pid"; }

# --- 1. cpu ---------------------------------------------------------------------------------
if want cpu; then
    cpu_share() { # PID WINDOW → cores used over the window
        local pid="$1" window="$2" t0 t1 n0 n1
        t0=$(cpu_ticks "$pid"); n0=$(now_ns); sleep "$window"; t1=$(cpu_ticks "$pid"); n1=$(now_ns)
        awk -v a="$t0" -v b="$t1" -v hz="$HZ" -v ns=$((n1 - n0)) 'BEGIN { printf "%.3f", (b - a) / hz / (ns / 1e9) }'
    }
    pid=$(pid_of svc-03)
    idle=$(cpu_share "$pid" 5)
    fleet_cli start scenario6 --instance svc-03 >/dev/null
    sleep 1
    busy=$(cpu_share "$pid" "$CPU_WINDOW")
    fleet_cli stop scenario6 --instance svc-03 >/dev/null
    awk -v c="$CORES" -v b="$busy" -v i="$idle" 'BEGIN {
        printf "cpu (scenario6, cores %s): process uses %.3f cores idle, %.3f during (%+.1f%% of cores, %+.1f%% net of idle)\n",
            c, i, b, (b - c) * 100 / c, (b - i - c) * 100 / c }'
fi

# --- 2. latency -----------------------------------------------------------------------------
if want latency; then
    times_ms() { # PORT N → one request time (ms) a line
        local i
        for ((i = 0; i < $2; i++)); do
            curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$1/showcase/count/x"
        done | awk '{ printf "%.1f\n", $1 * 1000 }'
    }
    percentile() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int(p * NR + 0.999999); if (i < 1) i = 1; print v[i] }'; }
    fleet_cli start scenario4 --instance svc-01 >/dev/null
    healthy="$(times_ms "$(port 3)" "$LAT_REQUESTS")"
    slow="$(times_ms "$(port 1)" "$LAT_REQUESTS")"
    fleet_cli stop scenario4 --instance svc-01 >/dev/null
    h50=$(percentile 0.5 <<<"$healthy"); h99=$(percentile 0.99 <<<"$healthy")
    s50=$(percentile 0.5 <<<"$slow"); s99=$(percentile 0.99 <<<"$slow"); smin=$(percentile 0 <<<"$slow")
    awk -v h50="$h50" -v h99="$h99" -v s50="$s50" -v s99="$s99" -v smin="$smin" -v n="$LAT_REQUESTS" 'BEGIN {
        printf "latency (scenario4, 250ms + 0–250ms): %d requests; healthy p50 %.1f p99 %.1f ms; slow p50 %.1f p99 %.1f min %.1f ms\n", n, h50, h99, s50, s99, smin
        printf "  added: p50 %.1f ms (config 375), p99 %.1f ms (config ≤ 500), min %.1f ms (config ≥ 250)\n", s50 - h50, s99 - h50, smin - h50 }'
fi

# --- scenario5 ------------------------------------------------------------------------------
if want errors; then
    fleet_cli start scenario5 --instance svc-02 >/dev/null
    errors=0
    for ((i = 0; i < ERR_REQUESTS; i++)); do
        [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(port 2)/showcase/count/x")" == 500 ]] && errors=$((errors + 1))
    done
    fleet_cli stop scenario5 --instance svc-02 >/dev/null
    awk -v e="$errors" -v n="$ERR_REQUESTS" 'BEGIN { printf "errors (scenario5, error_rate 0.3): %d of %d answered 500 (%.3f)\n", e, n, e / n }'
fi

# --- 3. crash loop --------------------------------------------------------------------------
if want crash; then
    restarts() { fleet_cli status --json | jq -r '.instances[] | select(.id == "svc-04") | .restarts'; }
    fleet_cli start scenario7 --instance svc-04 >/dev/null
    r0=$(restarts); n0=$(now_ns); down=0
    for ((i = 0; i < CRASH_WINDOW; i++)); do
        sleep 1
        state=$(fleet_cli status --json | jq -r '.instances[] | select(.id == "svc-04") | .state')
        [[ "$state" == down ]] && down=$((down + 1))
    done
    r1=$(restarts); n1=$(now_ns)
    for ((i = 0; i < 20; i++)); do
        fleet_cli stop scenario7 --instance svc-04 2>/dev/null | grep -q stopped && break
        sleep 0.5
    done
    awk -v a="$r0" -v b="$r1" -v ns=$((n1 - n0)) -v iv="$CRASH_INTERVAL" -v d="$down" 'BEGIN {
        printf "crash loop (scenario7, interval %s): %d restarts in %.0f s = %.2f per minute; seconds seen down: %d\n", iv, b - a, ns / 1e9, (b - a) * 60e9 / ns, d }'
fi

# --- 4. fd leak -----------------------------------------------------------------------------
if want fd; then
    open_fds() { curl -s "http://127.0.0.1:$(port 5)/metrics" | awk '/^process_open_fds / { printf "%d\n", $2 }'; }
    base=$(open_fds)
    fleet_cli start scenario8 --instance svc-05 >/dev/null
    n0=$(now_ns)
    samples=""
    climb=$((FD_MAX_OPEN / FD_PER_STEP + 5))
    for ((i = 0; i < climb; i++)); do
        samples+="$((($(now_ns) - n0) / 1000000)) $(open_fds)"$'\n'
        sleep 1
    done
    plateau=$(open_fds)
    fleet_cli stop scenario8 --instance svc-05 >/dev/null
    sleep 1
    after=$(open_fds)
    # Least-squares slope over the climb (samples below the plateau only).
    slope=$(awk -v top="$plateau" '$2 < top - 1 { n++; x += $1 / 1000; y += $2; xx += ($1 / 1000) ^ 2; xy += ($1 / 1000) * $2 }
        END { if (n > 1) printf "%.2f", (n * xy - x * y) / (n * xx - x * x); else print "?" }' <<<"$samples")
    echo "fd leak (scenario8, $FD_PER_STEP per 1s, max_open $FD_MAX_OPEN): slope $slope fds/s; baseline $base, plateau $plateau (+$((plateau - base))), after stop $after"
fi

stop_fleet
