#!/usr/bin/env bash
# One `fleet instance`, measured alone: idle RSS, HTTP throughput and p99 latency under wrk,
# RSS after the load, and the render time of /metrics. Prints figures; never fails on a slow one.
#
#   FLEET_BINARY=.build/release/fleet bench/instance.sh
#
# Knobs (environment): BENCH_PORT (30081), WRK_DURATION (10s), WRK_CONNECTIONS (32),
# WRK_THREADS (2), METRICS_CALLS (200).
source "$(dirname "$0")/lib.sh"

PORT="${BENCH_PORT:-30081}"
DURATION="${WRK_DURATION:-10s}"
CONNECTIONS="${WRK_CONNECTIONS:-32}"
THREADS="${WRK_THREADS:-2}"
METRICS_CALLS="${METRICS_CALLS:-200}"
BASE="http://127.0.0.1:$PORT"

resolve_fleet_binary
for tool in wrk curl python3; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 2; }
done
make_work
write_config "$WORK/fleet.yaml" 30080 1

echo "== fleet instance bench ($(date -u +%FT%TZ), $(nproc) cores, load avg $(cut -d' ' -f1-3 /proc/loadavg))"
echo "binary: $FLEET"
wait_quiet

"$FLEET" instance --id svc-01 --port "$PORT" --config "$WORK/fleet.yaml" --data-dir "$WORK/data" \
    >"$WORK/instance.log" 2>&1 &
INSTANCE=$!
track_pid "$INSTANCE"
STARTED=$(now_ns)
if ! wait_http "$BASE/scenario/health" 20; then
    echo "bench: the instance did not answer /scenario/health within 20 s; its log:" >&2
    cat "$WORK/instance.log" >&2
    exit 1
fi
READY_MS=$((($(now_ns) - STARTED) / 1000000))
# Let the first moments' allocations settle, as a scrape-less idle instance would.
sleep 2
IDLE_RSS_KB=$(rss_kb "$INSTANCE")
IDLE_MEM="$(mem_breakdown "$INSTANCE")"
echo "ready after ${READY_MS} ms (launch → first health 200); idle VmRSS ${IDLE_RSS_KB} kB ($IDLE_MEM kB; file = mapped binary and shared libraries), $(awk '/^Threads:/ { print $2 }' "/proc/$INSTANCE/status") threads"
HZ=$(getconf CLK_TCK)

# run_wrk NAME PATH: prints the summary line, leaves RPS_<NAME>, P99_<NAME> (ms), REQS_<NAME>;
# also the instance's CPU per request and which of its threads spent it.
run_wrk() {
    local name="$1" path="$2" out rps p99 reqs errors non2xx ticks0 ticks1 threads0 threads1 cpu_us machine0 machine1 wall0 wall1
    out="$WORK/wrk-$name.txt"
    ticks0=$(cpu_ticks "$INSTANCE"); threads0="$(thread_ticks "$INSTANCE")"; machine0=$(machine_ticks); wall0=$(now_ns)
    fg_run wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 2s --latency "$BASE$path" >"$out" 2>&1 || true
    ticks1=$(cpu_ticks "$INSTANCE"); threads1="$(thread_ticks "$INSTANCE")"; machine1=$(machine_ticks); wall1=$(now_ns)
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    reqs=$(awk '/requests in/ { print $1 }' "$out")
    # "     99%    1.23ms" → milliseconds.
    p99=$(awk '$1 == "99%" {
            v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
            if (unit == "us") v /= 1000; else if (unit == "s") v *= 1000; else if (unit == "m") v *= 60000
            printf "%.2f", v }' "$out")
    errors=$(awk '/Socket errors/ { print }' "$out")
    non2xx=$(awk '/Non-2xx/ { print $NF }' "$out")
    printf -v "RPS_$name" '%s' "${rps:-0}"
    printf -v "P99_$name" '%s' "${p99:-nan}"
    printf -v "REQS_$name" '%s' "${reqs:-0}"
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION $path: ${reqs:-?} requests, ${rps:-?} req/s, p99 ${p99:-?} ms${non2xx:+, non-2xx $non2xx}${errors:+, $errors}"
    cpu_us=$(awk -v t=$((ticks1 - ticks0)) -v hz="$HZ" -v n="${reqs:-0}" 'BEGIN { if (n > 0) printf "%.1f", t / hz * 1e6 / n; else print "?" }')
    printf -v "CPU_$name" '%s' "$cpu_us"
    echo "  instance CPU: $((ticks1 - ticks0)) ticks = ${cpu_us} µs per request; by thread (ticks): $(python3 -c '
import sys
a = dict(kv.split("=") for kv in sys.argv[1].split())
b = dict(kv.split("=") for kv in sys.argv[2].split())
print(", ".join(f"{k} {int(b[k]) - int(a[k])}" for k in ("nio", "pool", "other")))' "$threads0" "$threads1") (nio = NIO event loops, pool = Swift concurrency pool)"
    awk -v m=$((machine1 - machine0)) -v i=$((ticks1 - ticks0)) -v hz="$HZ" -v ns=$((wall1 - wall0)) -v cores="$(nproc)" 'BEGIN {
        cap = hz * ns / 1e9
        printf "  machine during the run: %.0f%% of %d cores busy; instance %.0f%%, wrk and everything else %.0f%% (of one core each)\n",
            m * 100 / (cap * cores), cores, i * 100 / cap, (m - i) * 100 / cap }'
}

run_wrk count /showcase/count/x
run_wrk health /scenario/health
LOADED_RSS_KB=$(rss_kb "$INSTANCE")
echo "VmRSS after $((REQS_count + REQS_health)) requests: ${LOADED_RSS_KB} kB ($(mem_breakdown "$INSTANCE") kB)"

# /metrics: sequential GETs on one keep-alive connection, each timed from send to last byte.
METRICS_OUT=$(python3 - "$PORT" "$METRICS_CALLS" <<'EOF'
import http.client, statistics, sys, time
port, calls = int(sys.argv[1]), int(sys.argv[2])
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
times, size = [], 0
for i in range(calls + 5):
    t0 = time.perf_counter()
    conn.request("GET", "/metrics")
    response = conn.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - t0) * 1000
    if response.status != 200:
        sys.exit(f"/metrics answered {response.status}")
    if i >= 5:  # the first calls warm the connection and the sampler
        times.append(elapsed)
    size = len(body)
conn.close()
times.sort()
p99 = times[min(len(times) - 1, int(round(0.99 * len(times))) - 1)]
print(f"{statistics.median(times):.3f} {p99:.3f} {times[-1]:.3f} {size}")
EOF
)
read -r METRICS_P50 METRICS_P99 METRICS_MAX METRICS_BYTES <<<"$METRICS_OUT"
echo "/metrics x$METRICS_CALLS (keep-alive): median ${METRICS_P50} ms, p99 ${METRICS_P99} ms, max ${METRICS_MAX} ms, body ${METRICS_BYTES} bytes"

# The same with curl (a new connection and process per call), for comparison with the brief.
CURL_TIMES="$WORK/curl-times.txt"
for ((i = 0; i < 50; i++)); do
    curl -s -o /dev/null -m 5 -w '%{time_total}\n' "$BASE/metrics" >>"$CURL_TIMES"
done
read -r CURL_P50 CURL_MAX < <(sort -n "$CURL_TIMES" | awk '{ v[NR] = $1 * 1000 } END { printf "%.3f %.3f\n", v[int((NR + 1) / 2)], v[NR] }')
echo "/metrics x50 with curl (new connection each): median ${CURL_P50} ms, max ${CURL_MAX} ms"

echo "load avg at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

verdict() { # verdict VALUE OP TARGET → met / MISSED
    if awk -v v="$1" -v t="$3" "BEGIN { exit !(v $2 t) }"; then echo met; else echo MISSED; fi
}
tput_verdict() { # 20x of 2,000 met; 20x of 1,600 only → partly; below → MISSED
    if awk -v v="$1" 'BEGIN { exit !(v >= 40000) }'; then echo met
    elif awk -v v="$1" 'BEGIN { exit !(v >= 32000) }'; then echo "met vs 1,600 only"
    else echo MISSED; fi
}
echo
printf '%-28s %-22s %-18s %-16s %s\n' "figure" "fleetsim" "original" "target" "verdict"
printf '%-28s %-22s %-18s %-16s %s\n' "idle RSS" "$((IDLE_RSS_KB / 1024)) MB ($IDLE_RSS_KB kB)" "71 MB" "< 20 MB" "$(verdict "$IDLE_RSS_KB" '<' 20480)"
printf '%-28s %-22s %-18s %-16s %s\n' "RSS after load" "$((LOADED_RSS_KB / 1024)) MB ($LOADED_RSS_KB kB)" "-" "-" "-"
printf '%-28s %-22s %-18s %-16s %s\n' "/showcase/count/x req/s" "$RPS_count" "1,600-2,000" ">= 32,000-40,000" "$(tput_verdict "$RPS_count")"
printf '%-28s %-22s %-18s %-16s %s\n' "/showcase/count/x p99" "$P99_count ms" "50-65 ms" "< 5 ms" "$(verdict "$P99_count" '<' 5)"
printf '%-28s %-22s %-18s %-16s %s\n' "/scenario/health req/s" "$RPS_health" "1,600-2,000" ">= 32,000-40,000" "$(tput_verdict "$RPS_health")"
printf '%-28s %-22s %-18s %-16s %s\n' "/scenario/health p99" "$P99_health ms" "50-65 ms" "< 5 ms" "$(verdict "$P99_health" '<' 5)"
printf '%-28s %-22s %-18s %-16s %s\n' "/metrics render median/p99" "$METRICS_P50 / $METRICS_P99 ms" "-" "-" "-"
printf '%-28s %-22s %-18s %-16s %s\n' "instance CPU per request" "$CPU_count / $CPU_health µs" "-" "-" "count / health"
echo "(throughput target: 20x the original's 1,600-2,000 req/s; wrk runs on the same $(nproc) cores as the instance)"
