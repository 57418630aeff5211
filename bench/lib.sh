# Shared helpers of the bench scripts; sourced, never run.
#
# Provides: REPO, FLEET (the binary), WORK (a mktemp -d folder removed on exit),
# track_pid / stop_pid / cleanup (every process a script starts is ended by PID on exit),
# write_config, wait_http, rss_kb, and small number-crunching helpers.
# Everything binds 127.0.0.1; bench ports are 30000+.

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# --- the binary ---------------------------------------------------------------------------
# FLEET_BINARY wins; the default is the repository's release build, built when missing.
resolve_fleet_binary() {
    local binary="${FLEET_BINARY:-.build/release/fleet}"
    case "$binary" in /*) ;; *) binary="$REPO/$binary" ;; esac
    if [[ ! -x "$binary" ]]; then
        if [[ -n "${FLEET_BINARY:-}" ]]; then
            echo "bench: FLEET_BINARY=$FLEET_BINARY is not an executable" >&2
            exit 2
        fi
        echo "bench: $binary missing; building it (scripts/build-release.sh)" >&2
        binary="$("$REPO/scripts/build-release.sh")"
    fi
    FLEET="$binary"
}

# --- processes and files ------------------------------------------------------------------
PIDS=()
WORK=""
FG_PID=""

track_pid() { PIDS+=("$1"); }

# fg_run CMD…: runs a long step (wrk, a python driver, a sleep) as a child and waits for it, so
# that Ctrl-C or SIGTERM reaches the traps at once instead of after the step (bash runs traps
# only between foreground commands). Returns the command's status.
fg_run() {
    local status=0
    "$@" &
    FG_PID=$!
    wait "$FG_PID" || status=$?
    FG_PID=""
    return "$status"
}

# stop_pid PID [grace seconds]: SIGTERM, wait up to the grace period, then SIGKILL.
stop_pid() {
    local pid="$1" grace="${2:-10}" i
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 20; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "bench: PID $pid ignored SIGTERM for ${grace}s; SIGKILL" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

# PIDs of `fleet instance` processes whose command line names data dir $1 (read from /proc,
# so only exact processes are listed; nothing is signalled here).
instance_pids_of() {
    local dir="$1" p cmd
    for p in /proc/[0-9]*; do
        cmd="$( { tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null || true)"
        [[ "$cmd" == *" instance "*"--data-dir $dir "* ]] && echo "${p#/proc/}"
    done
    return 0
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    local pid
    if [[ -n "$FG_PID" ]]; then kill -TERM "$FG_PID" 2>/dev/null || true; wait "$FG_PID" 2>/dev/null || true; fi
    for pid in "${PIDS[@]+"${PIDS[@]}"}"; do stop_pid "$pid" 10; done
    if [[ -n "$WORK" && -d "$WORK" ]]; then
        # Instances a killed supervisor left behind (they also exit on their own when their
        # parent dies; this only covers the worst case), by PID.
        for pid in $(instance_pids_of "$WORK/data"); do
            echo "bench: leftover instance PID $pid; SIGKILL" >&2
            kill -KILL "$pid" 2>/dev/null || true
        done
        rm -rf "$WORK"
    fi
    exit "$status"
}

# make_work: the scratch folder (config, data dir, logs); removed by cleanup.
make_work() {
    WORK="$(mktemp -d /tmp/fleet-bench.XXXXXX)"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# write_config FILE BASE_PORT INSTANCES: a bench configuration. Prometheus and the supervisor's
# own /metrics and the console are off, and so is the background traffic (bench/traffic.sh measures it); the scenario caps are small so large fleets pass the resource preflight;
# scenario3's in-process client sends 1 request/s.
write_config() {
    local file="$1" base_port="$2" instances="$3"
    cat >"$file" <<EOF
fleet:
  name: bench
  instances: $instances
  host: 127.0.0.1
  base_port: $base_port
  data_dir: $WORK/data
node:
  memory: 2GiB
  disk: 64MiB
scenarios:
  scenario1:
    chunk_size: 1MB
    max_chunks: 10
  scenario2:
    chunk_size: 1MB
  scenario3:
    client_rate: 1
supervisor:
  metrics_port: 0
console:
  port: 0
prometheus:
  enabled: false
  rule_files: []
traffic:
  enabled: false
EOF
}

# --- probes ---------------------------------------------------------------------------------
# wait_http URL TIMEOUT_S: true once URL answers 200.
wait_http() {
    local url="$1" timeout="$2" deadline
    deadline=$(($(date +%s%N) + timeout * 1000000000))
    while (($(date +%s%N) < deadline)); do
        if [[ "$(curl -s -o /dev/null -m 1 -w '%{http_code}' "$url" 2>/dev/null)" == 200 ]]; then return 0; fi
        sleep 0.02
    done
    return 1
}

# rss_kb PID: VmRSS in kB.
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# cpu_ticks PID: utime+stime in clock ticks (0 when the process is gone).
cpu_ticks() {
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || { echo 0; return; }
    # Fields after "(comm)": state is field 3, utime 14, stime 15.
    stat="${stat##*) }"
    awk '{ print $12 + $13 }' <<<"$stat"
}

now_ns() { date +%s%N; }

# --- fleets ---------------------------------------------------------------------------------
# fleet_cli ARGS…: a client command against the bench fleet (config and data dir of WORK).
fleet_cli() { "$FLEET" "$@" --config "$WORK/fleet.yaml" --data-dir "$WORK/data"; }

# fleet_up_count: how many instances `fleet status --json` shows as up (0 when no answer).
fleet_up_count() {
    local json
    json="$(fleet_cli status --json 2>/dev/null)" || { echo 0; return; }
    jq '[.instances[] | select(.state == "up")] | length' <<<"$json" 2>/dev/null || echo 0
}

# all_healthy: true when every instance URL of `fleet status --json` answers health with 200.
all_healthy() {
    local json urls=() args=() url codes
    json="$(fleet_cli status --json 2>/dev/null)" || return 1
    mapfile -t urls < <(jq -r '.instances[].url + "/scenario/health"' <<<"$json")
    ((${#urls[@]} > 0)) || return 1
    for url in "${urls[@]}"; do args+=(-o /dev/null "$url"); done
    # One curl process for all of them (one connection each, in turn).
    codes="$(curl -s -m 2 -w '%{http_code}\n' "${args[@]}" 2>/dev/null || true)"
    [[ "$(grep -c '^200$' <<<"$codes")" -eq "${#urls[@]}" ]]
}

# pss_kb PID: Pss in kB (0 when the process is gone).
pss_kb() { awk '/^Pss:/ { print $2 }' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }

# large_fleet_yaml NAME INSTANCES BASE_PORT: the first lines of a class-sized bench fleet's
# config (caps small enough for the resource preflight of 200 instances); the caller appends
# its own prometheus: and traffic: lines.
large_fleet_yaml() {
    printf '%s\n' \
        "fleet: { name: $1, instances: $2, host: 127.0.0.1, base_port: $3, data_dir: $WORK/data }" \
        "node: { memory: 2GiB, disk: 256MiB }" \
        "scenarios:" \
        "  scenario1: { chunk_size: 1MB, max_chunks: 50 }" \
        "  scenario2: { chunk_size: 1MB }" \
        "  scenario3: { client_rate: 1 }" \
        "supervisor: { metrics_port: 0 }" \
        "console: { port: 0 }"
}

# up_configured_fleet INSTANCES TIMEOUT_S: `fleet up` of $WORK/fleet.yaml in the background
# (sets FLEET_PID), then waits until every instance is up; exits with the log's tail if not.
up_configured_fleet() {
    local instances="$1" timeout="$2"
    "$FLEET" up --config "$WORK/fleet.yaml" >"$WORK/up.log" 2>&1 &
    FLEET_PID=$!
    track_pid "$FLEET_PID"
    if ! wait_fleet_up "$instances" "$timeout"; then
        echo "bench: the fleet did not show $instances instances up within $timeout s; its log (tail):" >&2
        tail -30 "$WORK/up.log" >&2
        exit 1
    fi
}

# start_fleet INSTANCES BASE_PORT LOG: launches `fleet up` in the background; sets FLEET_PID.
start_fleet() {
    local instances="$1" base_port="$2" log="$3"
    "$FLEET" up --config "$WORK/fleet.yaml" --data-dir "$WORK/data" --instances "$instances" \
        --base-port "$base_port" >"$log" 2>&1 &
    FLEET_PID=$!
    track_pid "$FLEET_PID"
}

# wait_fleet_up INSTANCES TIMEOUT_S: true once every instance is up.
wait_fleet_up() {
    local instances="$1" timeout="$2" deadline
    deadline=$(($(now_ns) + timeout * 1000000000))
    while (($(now_ns) < deadline)); do
        kill -0 "$FLEET_PID" 2>/dev/null || return 1
        [[ "$(fleet_up_count)" -ge "$instances" ]] && return 0
        sleep 0.05
    done
    return 1
}

# stop_fleet: SIGTERM to the supervisor, wait (15 s at most), then report any `fleet instance`
# of this data dir still alive (and kill those by PID). Sets LEFTOVER_INSTANCES.
stop_fleet() {
    local started elapsed pid
    started=$(now_ns)
    stop_pid "$FLEET_PID" 15
    elapsed=$((($(now_ns) - started) / 1000000))
    sleep 0.2
    LEFTOVER_INSTANCES="$(instance_pids_of "$WORK/data" | xargs)"
    if [[ -n "$LEFTOVER_INSTANCES" ]]; then
        echo "fleet stopped in ${elapsed} ms, but instance processes remain: PIDs $LEFTOVER_INSTANCES (killing them)"
        for pid in $LEFTOVER_INSTANCES; do kill -KILL "$pid" 2>/dev/null || true; done
    else
        echo "fleet stopped (SIGTERM) in ${elapsed} ms; no 'fleet instance' process of $WORK/data remains"
    fi
}

# mem_breakdown PID: "anon=<kB> file=<kB> pss=<kB>" (RssAnon, RssFile, Pss of smaps_rollup).
mem_breakdown() {
    local anon file pss
    anon=$(awk '/^RssAnon:/ { print $2 }' "/proc/$1/status")
    file=$(awk '/^RssFile:/ { print $2 }' "/proc/$1/status")
    pss=$(awk '/^Pss:/ { print $2 }' "/proc/$1/smaps_rollup" 2>/dev/null || echo "?")
    echo "anon=$anon file=$file pss=$pss"
}

# thread_ticks PID: "nio=<ticks> pool=<ticks> other=<ticks>" summed over the live threads:
# NIO event loop threads (NIO-*), the Swift concurrency / libdispatch pool (*qos*), the rest.
thread_ticks() {
    local task comm stat nio=0 pool=0 other=0 t
    for task in /proc/"$1"/task/*; do
        comm="$(cat "$task/comm" 2>/dev/null)" || continue
        stat="$(cat "$task/stat" 2>/dev/null)" || continue
        stat="${stat##*) }"
        t=$(awk '{ print $12 + $13 }' <<<"$stat")
        case "$comm" in
            NIO-*) nio=$((nio + t)) ;;
            *qos*) pool=$((pool + t)) ;;
            *) other=$((other + t)) ;;
        esac
    done
    echo "nio=$nio pool=$pool other=$other"
}

# machine_busy [seconds]: % of all cores busy (any process) over a short window, from /proc/stat.
machine_busy() {
    local window="${1:-2}" a b
    a=($(head -1 /proc/stat)); sleep "$window"; b=($(head -1 /proc/stat))
    awk -v u1="${a[1]}" -v n1="${a[2]}" -v s1="${a[3]}" -v i1="${a[4]}" -v w1="${a[5]}" -v q1="${a[6]}" -v sq1="${a[7]}" -v st1="${a[8]}" \
        -v u2="${b[1]}" -v n2="${b[2]}" -v s2="${b[3]}" -v i2="${b[4]}" -v w2="${b[5]}" -v q2="${b[6]}" -v sq2="${b[7]}" -v st2="${b[8]}" \
        'BEGIN { busy = (u2 + n2 + s2 + q2 + sq2 + st2) - (u1 + n1 + s1 + q1 + sq1 + st1)
                 idle = (i2 + w2) - (i1 + w1)
                 printf "%.0f", (busy + idle > 0) ? busy * 100 / (busy + idle) : 0 }'
}

# wait_quiet: on a shared machine, other work skews every figure. With BENCH_MAX_BUSY=<percent>
# set, waits (at most BENCH_QUIET_WAIT seconds, default 900) until the machine is less busy than
# that over 3 s; then, or without it, prints how busy the machine is before the bench starts.
wait_quiet() {
    local busy deadline
    busy=$(machine_busy 2)
    if [[ -n "${BENCH_MAX_BUSY:-}" ]]; then
        deadline=$(($(date +%s) + ${BENCH_QUIET_WAIT:-900}))
        while ((busy >= BENCH_MAX_BUSY && $(date +%s) < deadline)); do
            sleep 10
            busy=$(machine_busy 3)
        done
    fi
    echo "machine before the bench: ${busy}% of $(nproc) cores busy with other work; load avg $(cut -d' ' -f1-3 /proc/loadavg)"
}

# machine_ticks: busy clock ticks of all cores so far (user+nice+system+irq+softirq+steal).
machine_ticks() { awk 'NR == 1 { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }

# prometheus_pid_of DATA_DIR: the PID of the Prometheus a fleet of DATA_DIR runs, or nothing.
prometheus_pid_of() {
    local dir="$1" p cmd
    for p in /proc/[0-9]*; do
        cmd="$( { tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null || true)"
        [[ "$cmd" == *prometheus*"--config.file=$dir/"* ]] && echo "${p#/proc/}"
    done
    return 0
}

# measure_idle_cpu WINDOW_S SUPERVISOR_PID PROMETHEUS_PID INSTANCE_PID…: CPU of each group over
# WINDOW_S seconds, in % of one core. Sets IDLE_FLEET_PCT (supervisor + instances),
# IDLE_SUPERVISOR_PCT, IDLE_PROMETHEUS_PCT (0 without a Prometheus PID) and IDLE_SECONDS.
measure_idle_cpu() {
    local window="$1" supervisor="$2" prometheus="$3" pid hz t0 sup fleet prom
    shift 3
    hz=$(getconf CLK_TCK)
    declare -A before
    for pid in "$supervisor" "$@" ${prometheus:+"$prometheus"}; do before[$pid]=$(cpu_ticks "$pid"); done
    t0=$(now_ns)
    fg_run sleep "$window"
    IDLE_SECONDS=$(awk -v d=$(($(now_ns) - t0)) 'BEGIN { printf "%.3f", d / 1e9 }')
    sup=$(($(cpu_ticks "$supervisor") - before[$supervisor]))
    fleet=$sup
    for pid in "$@"; do fleet=$((fleet + $(cpu_ticks "$pid") - before[$pid])); done
    prom=0
    [[ -z "$prometheus" ]] || prom=$(($(cpu_ticks "$prometheus") - before[$prometheus]))
    percent() { awk -v t="$1" -v hz="$hz" -v s="$IDLE_SECONDS" 'BEGIN { printf "%.2f", t / hz / s * 100 }'; }
    IDLE_FLEET_PCT=$(percent "$fleet")
    IDLE_SUPERVISOR_PCT=$(percent "$sup")
    IDLE_PROMETHEUS_PCT=$(percent "$prom")
}

# median V…: the median of numbers (the mean of the middle two for an even count).
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
