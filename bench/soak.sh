#!/usr/bin/env bash
# Soak test: a fleet under load, chaos and kill -9 for SOAK_SECONDS, then strict checks
# (every instance back, Prometheus targets up, no 5xx, chaos journal closed, caps held, no
# orphan process, no leftover file, supervisor RSS bounded). The orchestration is
# bench/soak.py; this wrapper resolves the binary, makes the scratch folder and guarantees
# cleanup by PID, even when soak.py itself is killed.
#
#   bench/soak.sh                                   # 300 s, 50 instances (release build)
#   SOAK_SECONDS=60 SOAK_INSTANCES=10 bench/soak.sh # the CI version, ~65 s
#
# Knobs (environment): SOAK_SECONDS (300), SOAK_INSTANCES (50), SOAK_SEED (random, printed),
# SOAK_BASE_PORT (31001), SOAK_METRICS_PORT (31900), SOAK_PROMETHEUS_PORT (31990),
# SOAK_PROMETHEUS (auto|off), SOAK_KILL_INTERVAL (4 s), SOAK_RATE (40 req/s per instance),
# SOAK_RSS_SLACK_MB (48), SOAK_SUPERVISOR_RSS_EXTRA_MB (32), SOAK_REPORT_DIR (keep the summary,
# the chaos journal and the logs there; default: nothing is kept), FLEET_BINARY (default
# .build/release/fleet, else .build/debug/fleet, else a release build is made).
# Loopback only. Exit status: 0 passed, 1 a hard check failed, 2 could not run.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

resolve_binary() {
    local binary="${FLEET_BINARY:-}"
    if [[ -n "$binary" ]]; then
        case "$binary" in /*) ;; *) binary="$REPO/$binary" ;; esac
        [[ -x "$binary" ]] || { echo "soak: FLEET_BINARY=$FLEET_BINARY is not an executable" >&2; exit 2; }
    elif [[ -x "$REPO/.build/release/fleet" ]]; then
        binary="$REPO/.build/release/fleet"
    elif [[ -x "$REPO/.build/debug/fleet" ]]; then
        binary="$REPO/.build/debug/fleet"
    else
        echo "soak: no fleet binary; building it (scripts/build-release.sh)" >&2
        binary="$("$REPO/scripts/build-release.sh")"
    fi
    FLEET="$binary"
}

for tool in python3 wrk; do
    command -v "$tool" >/dev/null || { echo "soak: $tool is required (scripts/install-deps.sh)" >&2; exit 2; }
done
resolve_binary

WORK="$(mktemp -d /tmp/fleet-soak.XXXXXX)"
SOAK_PID=""

# PIDs of processes whose command line names the scratch folder (the fleet's instances,
# `fleet guard` + Prometheus, wrk with its copied script), read from /proc. Never by name.
pids_naming_work() {
    local p
    for p in /proc/[0-9]*; do
        [[ "${p#/proc/}" == "$$" ]] && continue
        if { tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null | grep -qF -- "$WORK"; then echo "${p#/proc/}"; fi
    done
    return 0
}

cleanup() {
    local status=$? pid i
    trap - EXIT INT TERM
    if [[ -n "$SOAK_PID" ]] && kill -0 "$SOAK_PID" 2>/dev/null; then
        # soak.py stops the fleet and wrk itself on SIGTERM; give it time to.
        kill -TERM "$SOAK_PID" 2>/dev/null || true
        for ((i = 0; i < 600; i++)); do kill -0 "$SOAK_PID" 2>/dev/null || break; sleep 0.05; done
        kill -KILL "$SOAK_PID" 2>/dev/null || true
        wait "$SOAK_PID" 2>/dev/null || true
    fi
    for pid in $(pids_naming_work); do
        echo "soak: leftover PID $pid ($(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-100)); SIGKILL" >&2
        kill -KILL "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== fleet soak ($(date -u +%FT%TZ), $(nproc) cores, binary $FLEET)"
# In the background + wait, so that a signal to this script runs the trap at once.
python3 "$REPO/bench/soak.py" --fleet "$FLEET" --work "$WORK" --repo "$REPO" "$@" &
SOAK_PID=$!
status=0
wait "$SOAK_PID" || status=$?
SOAK_PID=""
exit "$status"
