#!/usr/bin/env bash
# Calibration: what wrk measures on this machine against the cheapest possible HTTP server
# (bench/ceiling.c: one thread, epoll, a fixed 15-byte JSON answer), with the same wrk settings
# as bench/instance.sh. The instance's figures are best read as a fraction of this ceiling:
# wrk itself shares the cores. Prints figures only.
#
#   bench/ceiling.sh        (needs cc and wrk; no fleet binary)
#
# Knobs (environment): BENCH_CEILING_PORT (30999), WRK_DURATION (10s), WRK_CONNECTIONS (32), WRK_THREADS (2).
source "$(dirname "$0")/lib.sh"

PORT="${BENCH_CEILING_PORT:-30999}"
DURATION="${WRK_DURATION:-10s}"
CONNECTIONS="${WRK_CONNECTIONS:-32}"
THREADS="${WRK_THREADS:-2}"
for tool in cc wrk curl; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 2; }
done
make_work
echo "== HTTP ceiling of this machine ($(date -u +%FT%TZ), $(nproc) cores)"
wait_quiet
cc -O2 -o "$WORK/ceiling" "$(dirname "$0")/ceiling.c"
"$WORK/ceiling" "$PORT" 60 &
track_pid $!
wait_http "http://127.0.0.1:$PORT/" 5 || { echo "bench: the ceiling server did not answer" >&2; exit 1; }
fg_run wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 2s --latency "http://127.0.0.1:$PORT/showcase/count/x" >"$WORK/wrk.txt" 2>&1 || true
RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk.txt")
P99=$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.txt")
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION against the C reference server: ${RPS:-?} req/s, p99 ${P99:-?}"
