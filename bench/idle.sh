#!/usr/bin/env bash
# Idle CPU of a class-sized fleet, two binaries side by side: the same fleet (200 instances,
# Prometheus scraping each one every 5 s, no background traffic) brought up with each binary in
# turn, alternating, so that both meet the same machine. For each run it prints the CPU of the
# fleet (supervisor + instances), of the supervisor, and of Prometheus, in % of one core; then
# the median of each binary and the after/before ratio of the medians.
#
#   bench/idle.sh BEFORE_BINARY AFTER_BINARY
#
# Knobs (environment): IDLE_INSTANCES (200), IDLE_PAIRS (3), IDLE_SETTLE (15), IDLE_WINDOW (30),
# BENCH_BASE_PORT (28001), IDLE_PROMETHEUS_PORT (28290): below the kernel's ephemeral range
# (32768+), where any outgoing connection may hold a port.
source "$(dirname "$0")/lib.sh"

[[ $# -eq 2 && -x "$1" && -x "$2" ]] || { echo "usage: bench/idle.sh BEFORE_BINARY AFTER_BINARY" >&2; exit 2; }
BINARIES=("$1" "$2")
INSTANCES="${IDLE_INSTANCES:-200}"
PAIRS="${IDLE_PAIRS:-3}"
SETTLE="${IDLE_SETTLE:-15}"
WINDOW="${IDLE_WINDOW:-30}"
BASE_PORT="${BENCH_BASE_PORT:-28001}"
PROM_PORT="${IDLE_PROMETHEUS_PORT:-28290}"
command -v prometheus >/dev/null || { echo "bench: prometheus is required (scripts/install-deps.sh)" >&2; exit 2; }
make_work
{
    large_fleet_yaml idle "$INSTANCES" "$BASE_PORT"
    echo "prometheus: { enabled: true, port: $PROM_PORT, scrape_interval: 5s, rule_files: [], keep_data: false }"
    echo "traffic: { enabled: false }"
} >"$WORK/fleet.yaml"

echo "== idle CPU of a fleet of $INSTANCES, before/after ($(date -u +%FT%TZ), $(nproc) cores)"
echo "before: ${BINARIES[0]}"
echo "after:  ${BINARIES[1]}"
wait_quiet
declare -a FLEET_PCTS=() SUP_PCTS=() PROM_PCTS=()
for ((pair = 1; pair <= PAIRS; pair++)); do
    for side in 0 1; do
        FLEET="${BINARIES[$side]}"
        up_configured_fleet "$INSTANCES" 120
        fg_run sleep "$SETTLE"
        mapfile -t CHILDREN < <(instance_pids_of "$WORK/data")
        measure_idle_cpu "$WINDOW" "$FLEET_PID" "$(prometheus_pid_of "$WORK/data")" "${CHILDREN[@]}"
        FLEET_PCTS[side]+="$IDLE_FLEET_PCT "
        SUP_PCTS[side]+="$IDLE_SUPERVISOR_PCT "
        PROM_PCTS[side]+="$IDLE_PROMETHEUS_PCT "
        echo "pair $pair $( ((side)) && echo after || echo before): fleet $IDLE_FLEET_PCT %, supervisor $IDLE_SUPERVISOR_PCT %," \
            "Prometheus $IDLE_PROMETHEUS_PCT % of one core over $IDLE_SECONDS s (${#CHILDREN[@]} instances; load avg $(cut -d' ' -f1 /proc/loadavg))"
        fleet_cli down --wait 30 >/dev/null
        wait "$FLEET_PID" 2>/dev/null || true
    done
done
for side in 0 1; do
    # shellcheck disable=SC2086  # the lists are space-separated numbers
    MEDIANS[side]="$(median ${FLEET_PCTS[side]}) $(median ${SUP_PCTS[side]}) $(median ${PROM_PCTS[side]})"
done
read -r fb sb pb <<<"${MEDIANS[0]}"
read -r fa sa pa <<<"${MEDIANS[1]}"
echo "median before: fleet $fb %, supervisor $sb %, Prometheus $pb %"
echo "median after:  fleet $fa %, supervisor $sa %, Prometheus $pa %"
echo "after/before (fleet): $(awk -v a="$fa" -v b="$fb" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }');" \
    "fleet after $(awk -v v="$fa" 'BEGIN { print (v < 10) ? "meets" : "MISSES" }') the < 10 % target"
