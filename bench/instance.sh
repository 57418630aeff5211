#!/usr/bin/env bash
# One `fleet instance` measured side by side with nginx on the same cores: throughput as a ratio
# of nginx's rate in the same run (alternating pairs, median), p99 latency, CPU µs per request
# (of the server process, from /proc/PID/stat), idle and loaded RSS, and the render time of
# /metrics with 200 label values of `my_count`. Prints figures; never fails on a slow one.
#
#   FLEET_BINARY=.build-bench/release/fleet bench/instance.sh
#   FLEET_BINARY=… COMPARE_BINARY=/tmp/fleet-before bench/instance.sh   # before/after, same run
#   (COMPARE_BINARY may list several binaries, colon-separated: cmp1, cmp2, …)
#
# Absolute rates mean nothing on a shared machine; the ratio against nginx measured in the same
# minute does. Each round runs nginx and the instance (and every COMPARE_BINARY instance) back
# to back, in an order that rotates from round to round.
#
# nginx is Debian's `nginx-light` (installed here when missing and we are root; the bench only,
# not CI): one process, loopback, `return 200 '{"status":"ok"}'`, keep-alive without a request
# limit (nginx closes a connection after 1,000 requests by default; Hummingbird never does),
# no access log. Its config, pid and temp files live in the bench's mktemp folder.
#
# Knobs (environment): BENCH_PORT (32081: the instance; the COMPARE_BINARY instances use the next ports),
# NGINX_PORT (32090), PAIRS (3; use 5 or more on a busy machine), WRK_DURATION (5s),
# WRK_CONNECTIONS (32), WRK_THREADS (2), BENCH_PATH (/showcase/count/x), METRICS_LABELS (200),
# METRICS_CALLS (200).
source "$(dirname "$0")/lib.sh"

PORT="${BENCH_PORT:-32081}"
NGINX_PORT="${NGINX_PORT:-32090}"
PAIRS="${PAIRS:-3}"
DURATION="${WRK_DURATION:-5s}"
CONNECTIONS="${WRK_CONNECTIONS:-32}"
THREADS="${WRK_THREADS:-2}"
BENCH_PATH="${BENCH_PATH:-/showcase/count/x}"
METRICS_LABELS="${METRICS_LABELS:-200}"
METRICS_CALLS="${METRICS_CALLS:-200}"
HZ=$(getconf CLK_TCK)

resolve_fleet_binary
for tool in wrk curl python3; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 2; }
done
if ! command -v nginx >/dev/null; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        echo "bench: installing nginx-light (the reference server of this bench)" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y nginx-light >/dev/null 2>&1 ||
            { apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y nginx-light >/dev/null 2>&1; } ||
            { echo "bench: could not install nginx-light" >&2; exit 2; }
    else
        echo "bench: nginx is required (Debian: apt-get install nginx-light)" >&2
        exit 2
    fi
fi
for binary in ${COMPARE_BINARY:+${COMPARE_BINARY//:/ }}; do
    [[ -x "$binary" ]] || { echo "bench: $binary (COMPARE_BINARY) is not an executable" >&2; exit 2; }
done
make_work
write_config "$WORK/fleet.yaml" $((PORT - 1)) 1

echo "== fleet instance vs nginx ($(date -u +%FT%TZ), $(nproc) cores, load avg $(cut -d' ' -f1-3 /proc/loadavg))"
echo "binary: $FLEET (instance)"
k=0; for binary in ${COMPARE_BINARY:+${COMPARE_BINARY//:/ }}; do k=$((k + 1)); echo "compared: $binary (cmp$k)"; done
echo "nginx: $(nginx -v 2>&1 | sed 's/^nginx version: //')"
wait_quiet

# --- the servers ------------------------------------------------------------------------------
mkdir -p "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    keepalive_requests 100000000;
    keepalive_timeout 60s;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            default_type application/json;
            return 200 '{"status":"ok"}';
        }
    }
}
EOF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" >"$WORK/nginx/stdout.log" 2>&1 &
NGINX_PID=$!
track_pid "$NGINX_PID"

# start_instance BINARY PORT ID: launches one instance; prints its PID.
start_instance() {
    "$1" instance --id "$3" --port "$2" --config "$WORK/fleet.yaml" --data-dir "$WORK/data-$3" \
        >"$WORK/$3.log" 2>&1 &
    echo $!
}
STARTED=$(now_ns)
INSTANCE=$(start_instance "$FLEET" "$PORT" svc-new)
track_pid "$INSTANCE"
if ! wait_http "http://127.0.0.1:$PORT/scenario/health" 20; then
    echo "bench: the instance did not answer /scenario/health within 20 s; its log:" >&2
    cat "$WORK/svc-new.log" >&2
    exit 1
fi
READY_MS=$((($(now_ns) - STARTED) / 1000000))
SERVERS=(nginx instance)
declare -A SERVER_PID=([nginx]=$NGINX_PID [instance]=$INSTANCE)
declare -A SERVER_URL=([nginx]="http://127.0.0.1:$NGINX_PORT$BENCH_PATH" [instance]="http://127.0.0.1:$PORT$BENCH_PATH")
# COMPARE_BINARY: more instance binaries (colon-separated), each on the next port, as cmp1, cmp2…
IFS=: read -r -a COMPARED_BINARIES <<<"${COMPARE_BINARY:-}"
for ((k = 1; k <= ${#COMPARED_BINARIES[@]}; k++)); do
    pid=$(start_instance "${COMPARED_BINARIES[$((k - 1))]}" $((PORT + k)) "svc-cmp$k")
    track_pid "$pid"
    wait_http "http://127.0.0.1:$((PORT + k))/scenario/health" 20 ||
        { echo "bench: cmp$k did not answer; its log:" >&2; cat "$WORK/svc-cmp$k.log" >&2; exit 1; }
    SERVERS+=("cmp$k")
    SERVER_PID[cmp$k]=$pid
    SERVER_URL[cmp$k]="http://127.0.0.1:$((PORT + k))$BENCH_PATH"
done
wait_http "http://127.0.0.1:$NGINX_PORT/" 10 ||
    { echo "bench: nginx did not answer; its log:" >&2; cat "$WORK/nginx/"*.log >&2; exit 1; }
# Let the first moments' allocations settle, as a scrape-less idle instance would.
sleep 2
IDLE_RSS_KB=$(rss_kb "$INSTANCE")
echo "instance ready after ${READY_MS} ms (launch → first health 200); idle VmRSS ${IDLE_RSS_KB} kB ($(mem_breakdown "$INSTANCE") kB), $(awk '/^Threads:/ { print $2 }' "/proc/$INSTANCE/status") threads"

# --- alternating wrk runs ---------------------------------------------------------------------
# run_wrk SERVER ROUND: one wrk run; appends "server round rps p99_ms cpu_us_per_request
# nio_ticks pool_ticks other_ticks non2xx errors" to $WORK/runs.txt.
run_wrk() {
    local server="$1" round="$2" pid out ticks0 ticks1 threads0 threads1 rps reqs p99 cpu_us non2xx errors
    pid="${SERVER_PID[$server]}"
    out="$WORK/wrk-$server-$round.txt"
    ticks0=$(cpu_ticks "$pid"); threads0="$(thread_ticks "$pid")"
    fg_run wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 2s --latency "${SERVER_URL[$server]}" >"$out" 2>&1 || true
    ticks1=$(cpu_ticks "$pid"); threads1="$(thread_ticks "$pid")"
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    reqs=$(awk '/requests in/ { print $1 }' "$out")
    # "     99%    1.23ms" → milliseconds.
    p99=$(awk '$1 == "99%" {
            v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
            if (unit == "us") v /= 1000; else if (unit == "s") v *= 1000; else if (unit == "m") v *= 60000
            printf "%.2f", v }' "$out")
    non2xx=$(awk '/Non-2xx/ { print $NF }' "$out")
    errors=$(awk '/Socket errors/ { gsub(/ /, ""); print }' "$out")
    cpu_us=$(awk -v t=$((ticks1 - ticks0)) -v hz="$HZ" -v n="${reqs:-0}" 'BEGIN { if (n > 0) printf "%.2f", t / hz * 1e6 / n; else print "nan" }')
    split=$(python3 -c '
import sys
a = dict(kv.split("=") for kv in sys.argv[1].split())
b = dict(kv.split("=") for kv in sys.argv[2].split())
print(" ".join(str(int(b[k]) - int(a[k])) for k in ("nio", "pool", "other")))' "$threads0" "$threads1")
    echo "$server $round ${rps:-0} ${p99:-nan} $cpu_us $split ${non2xx:-0} ${errors:-none}" >>"$WORK/runs.txt"
    printf '  round %d %-8s %10s req/s  p99 %6s ms  CPU %6s µs/request%s%s\n' "$round" "$server" "${rps:-?}" "${p99:-?}" "$cpu_us" \
        "${non2xx:+  non-2xx $non2xx}" "${errors:+  $errors}"
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION $BENCH_PATH, $PAIRS rounds, alternating (load avg before: $(cut -d' ' -f1-3 /proc/loadavg))"
for ((round = 1; round <= PAIRS; round++)); do
    # Rotate the order so that neither server always runs first (a warming or cooling machine).
    count=${#SERVERS[@]}
    for ((k = 0; k < count; k++)); do
        run_wrk "${SERVERS[$(((k + round - 1) % count))]}" "$round"
    done
done
LOADED_RSS_KB=$(rss_kb "$INSTANCE")
echo "load avg after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$WORK/runs.txt" "$HZ" <<'PY'
import statistics, sys
runs, hz = sys.argv[1], int(sys.argv[2])
rows = [line.split() for line in open(runs)]
by = {}
for server, round_, rps, p99, cpu, nio, pool, other, non2xx, errors in rows:
    by.setdefault(server, {})[int(round_)] = dict(rps=float(rps), p99=float(p99), cpu=float(cpu),
        nio=int(nio), pool=int(pool), other=int(other), non2xx=int(non2xx), errors=errors)
rounds = sorted(by["nginx"])
print()
print("per round: rate / nginx rate (same round)")
others = [s for s in by if s != "nginx"]
for server in others:
    ratios = [by[server][r]["rps"] / by["nginx"][r]["rps"] for r in rounds if by["nginx"][r]["rps"] > 0]
    print(f"  {server:8}  " + "  ".join(f"{x:.3f}" for x in ratios) + f"   median {statistics.median(ratios):.3f}")
print()
print(f"{'server':9} {'median req/s':>12} {'median ratio':>12} {'median p99':>10} {'CPU µs/req':>10}  CPU split (nio / pool / other ticks, all rounds)")
for server in ["nginx"] + others:
    runs_ = [by[server][r] for r in rounds]
    ratio = statistics.median(by[server][r]["rps"] / by["nginx"][r]["rps"] for r in rounds)
    nio, pool, other = (sum(x[k] for x in runs_) for k in ("nio", "pool", "other"))
    total = max(1, nio + pool + other)
    split = "-" if server == "nginx" else f"{nio} / {pool} / {other} ({100 * nio / total:.0f} / {100 * pool / total:.0f} / {100 * other / total:.0f} %)"
    print(f"{server:9} {statistics.median(x['rps'] for x in runs_):>12.0f} {ratio:>12.3f} "
          f"{statistics.median(x['p99'] for x in runs_):>8.2f} ms {statistics.median(x['cpu'] for x in runs_):>10.2f}  {split}")
inst = [by["instance"][r] for r in rounds]
ratio = statistics.median(by["instance"][r]["rps"] / by["nginx"][r]["rps"] for r in rounds)
p99 = statistics.median(x["p99"] for x in inst)
print(f"targets (instance): rate / nginx {ratio:.3f} (>= 0.40: {'met' if ratio >= 0.40 else 'MISSED'}), "
      f"p99 {p99:.2f} ms (< 5 ms: {'met' if p99 < 5 else 'MISSED'})")
bad = [(s, r) for s in by for r in by[s] if by[s][r]["non2xx"] or by[s][r]["errors"] != "none"]
if bad:
    print("runs with non-2xx answers or socket errors: " + ", ".join(f"{s} round {r}" for s, r in bad))
PY

# --- /metrics with METRICS_LABELS label values of my_count --------------------------------------
# render_metrics PORT: fills my_count with the labels, then times sequential keep-alive GETs of
# /metrics (send to last byte); prints "median p99 max bytes".
render_metrics() {
    python3 - "$1" "$METRICS_LABELS" "$METRICS_CALLS" <<'PY'
import http.client, statistics, sys, time
port, labels, calls = (int(x) for x in sys.argv[1:4])
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
for i in range(labels):
    conn.request("GET", f"/showcase/count/label-{i:03d}")
    response = conn.getresponse(); response.read()
    if response.status != 200:
        sys.exit(f"/showcase/count answered {response.status}")
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
    if i == 0 and body.count(b"\nmy_count_total{") < labels:
        sys.exit("/metrics lacks the my_count series")
conn.close()
times.sort()
p99 = times[min(len(times) - 1, int(round(0.99 * len(times))) - 1)]
print(f"{statistics.median(times):.3f} {p99:.3f} {times[-1]:.3f} {size}")
PY
}
echo
read -r M50 M99 MMAX MBYTES <<<"$(render_metrics "$PORT")"
echo "/metrics with $METRICS_LABELS my_count labels, x$METRICS_CALLS keep-alive GETs: median ${M50} ms, p99 ${M99} ms, max ${MMAX} ms, body ${MBYTES} bytes (target < 2 ms)"
for ((k = 1; k <= ${#COMPARED_BINARIES[@]}; k++)); do
    read -r C50 C99 CMAX CBYTES <<<"$(render_metrics $((PORT + k)))"
    echo "  cmp$k: median ${C50} ms, p99 ${C99} ms, max ${CMAX} ms, body ${CBYTES} bytes"
done
echo "instance VmRSS: idle ${IDLE_RSS_KB} kB, after the runs ${LOADED_RSS_KB} kB"
echo "load avg at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
