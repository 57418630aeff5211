#!/usr/bin/env bash
# The background traffic generator at class scale: a fleet of 200 at the default rate
# (5 requests/s per instance, 1,000 requests/s in all), skew 0.5, amplitude 0 so the target is
# constant over the window (the daily curve is tested in unit tests).
#
# Prints, over a 60 s window after a settle time: the achieved rate against the target (target:
# within 5 %), the worst per-instance share against its seeded weight (`fleet traffic status`;
# target: every one within 10 %), requests without an answer and dropped, and the generator's
# CPU (target < 10 % of one core) and RSS (target < 40 MB). Counts come from the generator's own
# /metrics (fleet_traffic_requests_total), read before and after the window. Prints figures; never
# fails on a slow one, only on a broken fleet.
#
#   bench/traffic.sh                                   # the release build of scripts/build-release.sh
#   FLEET_BINARY=.build/release/fleet bench/traffic.sh
#
# Knobs (environment): TRAFFIC_INSTANCES (200), TRAFFIC_RATE (5), TRAFFIC_SETTLE (15),
# TRAFFIC_WINDOW (60), BENCH_BASE_PORT (32001), TRAFFIC_METRICS_PORT (32900).
source "$(dirname "$0")/lib.sh"

INSTANCES="${TRAFFIC_INSTANCES:-200}"
RATE="${TRAFFIC_RATE:-5}"
SETTLE="${TRAFFIC_SETTLE:-15}"
WINDOW="${TRAFFIC_WINDOW:-60}"
BASE_PORT="${BENCH_BASE_PORT:-32001}"
METRICS_PORT="${TRAFFIC_METRICS_PORT:-32900}"

resolve_fleet_binary
command -v jq >/dev/null || { echo "bench: jq is required" >&2; exit 2; }
make_work
HZ=$(getconf CLK_TCK)
{
    large_fleet_yaml traffic "$INSTANCES" "$BASE_PORT"
    echo "prometheus: { enabled: false }"
    echo "traffic: { rate: $RATE, skew: 0.5, amplitude: 0, seed: 12, metrics_port: $METRICS_PORT }"
} >"$WORK/fleet.yaml"

echo "== traffic bench: $INSTANCES instances at $RATE req/s each ($(date -u +%FT%TZ), $(nproc) cores, load avg $(cut -d' ' -f1-3 /proc/loadavg))"
echo "binary: $FLEET"
wait_quiet

up_configured_fleet "$INSTANCES" 180
wait_http "http://127.0.0.1:$METRICS_PORT/metrics" 30 || { echo "bench: no generator /metrics" >&2; tail -30 "$WORK/up.log" >&2; exit 1; }
GEN_PID=""
for p in /proc/[0-9]*; do
    cmd="$( { tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null || true)"
    [[ "$cmd" == *" traffic run "*"--data-dir $WORK/data "* || "$cmd" == *" traffic run "*"--data-dir $WORK/data" ]] && GEN_PID="${p#/proc/}"
done
[[ -n "$GEN_PID" ]] || { echo "bench: no traffic generator process" >&2; exit 1; }
fg_run sleep "$SETTLE"

# counts FILE: "<instance> <answered> <errors>" per instance, from the generator's /metrics.
counts() {
    curl -fsS "http://127.0.0.1:$METRICS_PORT/metrics" |
        awk -F'[{}" ]+' '/^fleet_traffic_requests_total\{/ {
            for (i = 2; i < NF; i += 2) { if ($i == "instance=") inst = $(i + 1); if ($i == "status_code=") code = $(i + 1) }
            if (code == "error") err[inst] += $NF; else ok[inst] += $NF; seen[inst] = 1
        } END { for (k in seen) print k, ok[k] + 0, err[k] + 0 }' | sort >"$1"
}
dropped() { curl -fsS "http://127.0.0.1:$METRICS_PORT/metrics" | awk '/^fleet_traffic_dropped_total/ { print $NF + 0 }'; }

fleet_cli traffic status --json >"$WORK/status.json"
jq -r '.instances[] | "\(.id) \(.share)"' "$WORK/status.json" | sort >"$WORK/shares"
TARGET=$(jq -r '.target_rate' "$WORK/status.json")
counts "$WORK/before"
D0=$(dropped)
C0=$(cpu_ticks "$GEN_PID")
T0=$(now_ns)
MAX_RSS=0
for ((s = 0; s < WINDOW; s++)); do
    fg_run sleep 1
    r=$(rss_kb "$GEN_PID"); ((r > MAX_RSS)) && MAX_RSS=$r
done
counts "$WORK/after"
SECS=$(awk -v d=$(($(now_ns) - T0)) 'BEGIN { printf "%.3f", d / 1e9 }')
C1=$(cpu_ticks "$GEN_PID")
D1=$(dropped)

join "$WORK/before" "$WORK/after" | join - "$WORK/shares" >"$WORK/joined"
awk -v secs="$SECS" -v target="$TARGET" -v n="$INSTANCES" '
    { ok = $4 - $2; err = $5 - $3; total += ok + err; errors += err; sent[$1] = ok + err; share[$1] = $6 }
    END {
        achieved = total / secs
        printf "achieved %.1f req/s against a target of %.1f over %.1f s: %+.2f %% (target within 5 %%: %s)\n",
            achieved, target, secs, (achieved / target - 1) * 100, ((achieved / target - 1) ^ 2 < 0.0025) ? "met" : "MISSED"
        worst = 0
        for (k in sent) { d = (sent[k] / total) / share[k] - 1; if (d < 0) d = -d; if (d > worst) { worst = d; wk = k } }
        printf "per-instance shares: %d instances, worst %s off its weight by %.2f %% (target within 10 %%: %s)\n",
            length(sent), wk, worst * 100, (worst < 0.10) ? "met" : "MISSED"
        printf "requests without an answer: %d\n", errors
    }' "$WORK/joined"
echo "dropped (too many in flight): $((D1 - D0))"
awk -v t=$((C1 - C0)) -v hz="$HZ" -v s="$SECS" -v rss="$MAX_RSS" 'BEGIN {
    cpu = t / hz / s * 100
    printf "generator CPU %.2f %% of one core (target < 10 %%: %s); RSS max %.1f MB (target < 40 MB: %s)\n",
        cpu, (cpu < 10) ? "met" : "MISSED", rss / 1024, (rss / 1024 < 40) ? "met" : "MISSED"
}'


stop_fleet
