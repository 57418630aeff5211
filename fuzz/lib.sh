# Shared by the fuzz/ scripts (sourced, not run): find the fleet binary, and end every process
# of a temporary fleet by PID. Expects REPO and DATA (the fleet's data folder) to be set.

# FLEET := $FLEET_BINARY, else .build/release/fleet, else .build/debug/fleet; exit 2 if none.
resolve_fleet_binary() {
    FLEET="${FLEET_BINARY:-}"
    if [[ -z "$FLEET" ]]; then
        local candidate
        for candidate in "$REPO/.build/release/fleet" "$REPO/.build/debug/fleet"; do
            [[ -x "$candidate" ]] && { FLEET="$candidate"; break; }
        done
    fi
    case "$FLEET" in /*) ;; "") ;; *) FLEET="$REPO/$FLEET" ;; esac
    [[ -n "$FLEET" && -x "$FLEET" ]] || { echo "fuzz: no fleet binary (swift build, or set FLEET_BINARY)" >&2; exit 2; }
}

# PIDs (other than this shell) whose command line names $DATA.
pids_naming_data() {
    local p
    for p in /proc/[0-9]*; do
        [[ "${p#/proc/}" == "$$" ]] && continue
        if { tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null | grep -qF -- "$DATA"; then echo "${p#/proc/}"; fi
    done
    return 0
}

# stop_pid PID GRACE_S: SIGTERM, wait up to GRACE_S, then SIGKILL; reaps it.
stop_pid() {
    local pid="$1" grace="$2" i
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 20; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# Whatever still names $DATA gets SIGKILL (a wedged process may ignore SIGTERM).
kill_leftovers() {
    local pid
    for pid in $(pids_naming_data); do
        echo "fuzz: leftover PID $pid; SIGKILL" >&2
        kill -KILL "$pid" 2>/dev/null || true
    done
}
