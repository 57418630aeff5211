#!/usr/bin/env bash
# HTTP fuzzing of one instance with Schemathesis, driven by the instance's own /openapi.json.
#
# Starts `fleet instance` alone on a free loopback port with a temporary data folder and small
# scenario caps (a fuzzer *will* start scenario1/scenario2 through POST /scenario/{alias}),
# runs Schemathesis with the checks
#   not_a_server_error, response_schema_conformance, status_code_conformance
# (our OpenAPI documents 200/304/400/409/422 — the codes FastAPI's original declares), then
# checks that the instance is still alive, logged no unhandled error and exposes no 5xx series
# in /metrics; stops it (SIGTERM, by PID) and deletes the folder.
#
#   fuzz/http_schemathesis.sh
#
# Knobs (environment): FUZZ_MAX_EXAMPLES (50 per operation), FUZZ_SEED (1), FUZZ_WORKERS (1),
# FUZZ_REPORT_DIR (keep Schemathesis' JUnit report and the instance log there),
# FUZZ_EXPLORE=1 (afterwards, a second report-only run with `--checks all`: its findings are
# printed, never fail the script), FLEET_BINARY (default .build/debug/fleet, else release).
# Needs python3 (3.9+); installs the pinned Schemathesis with pip when it is missing.
# Exit status: 0 clean, 1 a finding (Schemathesis failure, crash, 5xx), 2 could not run.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCHEMATHESIS_VERSION="4.32.5"   # OpenAPI 3.1 support, `--max-examples`; works on Python 3.11
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-50}"
SEED="${FUZZ_SEED:-1}"
WORKERS="${FUZZ_WORKERS:-1}"

FLEET="${FLEET_BINARY:-}"
if [[ -z "$FLEET" ]]; then
    for candidate in "$REPO/.build/debug/fleet" "$REPO/.build/release/fleet"; do
        [[ -x "$candidate" ]] && { FLEET="$candidate"; break; }
    done
fi
case "$FLEET" in /*) ;; "") ;; *) FLEET="$REPO/$FLEET" ;; esac
[[ -n "$FLEET" && -x "$FLEET" ]] || { echo "fuzz: no fleet binary (swift build, or set FLEET_BINARY)" >&2; exit 2; }

if ! python3 -c "import schemathesis, sys; sys.exit(schemathesis.__version__ != '$SCHEMATHESIS_VERSION')" 2>/dev/null; then
    echo "fuzz: installing schemathesis==$SCHEMATHESIS_VERSION with pip" >&2
    python3 -m pip install -q "schemathesis==$SCHEMATHESIS_VERSION" >&2
fi
# Run from the scratch folder: Schemathesis keeps a .schemathesis/ cache in its working directory.
st() { (cd "$WORK" && python3 -m schemathesis.cli "$@"); }

WORK="$(mktemp -d /tmp/fleet-fuzz-http.XXXXXX)"
INSTANCE_PID=""
cleanup() {
    local status=$? i
    trap - EXIT INT TERM
    if [[ -n "$INSTANCE_PID" ]] && kill -0 "$INSTANCE_PID" 2>/dev/null; then
        kill -TERM "$INSTANCE_PID" 2>/dev/null || true
        for ((i = 0; i < 100; i++)); do kill -0 "$INSTANCE_PID" 2>/dev/null || break; sleep 0.05; done
        kill -KILL "$INSTANCE_PID" 2>/dev/null || true
        wait "$INSTANCE_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free loopback port (the kernel's choice; the tiny race with another binder is acceptable).
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat >"$WORK/fleet.yaml" <<EOF
fleet: { name: fuzz, instances: 1, host: 127.0.0.1, base_port: $PORT, data_dir: $WORK/data }
node: { memory: 512MiB, disk: 16MiB }
scenarios:
  scenario1: { chunk_size: 1MB, interval: 1s, max_chunks: 10 }
  scenario2: { chunk_size: 1MiB, interval: 1s, free_space_reserve: 2GiB }
  scenario3: { client_rate: 5, min_delay: 1ms, max_delay: 20ms }
supervisor: { metrics_port: 0 }
prometheus: { enabled: false, rule_files: [] }
EOF

"$FLEET" instance --id svc-01 --port "$PORT" --config "$WORK/fleet.yaml" --data-dir "$WORK/data" \
    >"$WORK/instance.log" 2>&1 &
INSTANCE_PID=$!
BASE="http://127.0.0.1:$PORT"
for ((i = 0; i < 200; i++)); do
    [[ "$(curl -s -o /dev/null -m 1 -w '%{http_code}' "$BASE/scenario/health" 2>/dev/null)" == 200 ]] && break
    kill -0 "$INSTANCE_PID" 2>/dev/null || { echo "fuzz: the instance exited:" >&2; cat "$WORK/instance.log" >&2; exit 2; }
    sleep 0.05
done
echo "== schemathesis $SCHEMATHESIS_VERSION against $BASE/openapi.json (instance PID $INSTANCE_PID, $FLEET)"
echo "   checks: not_a_server_error, response_schema_conformance, status_code_conformance; max $MAX_EXAMPLES examples per operation; seed $SEED"

findings=0
st_status=0
st run "$BASE/openapi.json" \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance \
    --max-examples "$MAX_EXAMPLES" --seed "$SEED" --workers "$WORKERS" \
    --request-timeout 10 --no-color --generation-database none \
    --report junit --report-dir "$WORK/report" || st_status=$?
if ((st_status != 0)); then
    echo "fuzz: schemathesis exited $st_status (failures above)"
    findings=1
fi

if [[ "${FUZZ_EXPLORE:-0}" == 1 ]]; then
    echo
    echo "== exploratory run, every check (report only; FastAPI-faithful behaviour shows up here too)"
    st run "$BASE/openapi.json" --checks all --max-examples "$MAX_EXAMPLES" --seed "$SEED" \
        --workers "$WORKERS" --request-timeout 10 --no-color --generation-database none \
        --continue-on-failure || true
fi

echo
echo "== the instance after fuzzing"
if ! kill -0 "$INSTANCE_PID" 2>/dev/null; then
    echo "FAIL: the instance died during fuzzing; its log:"
    tail -50 "$WORK/instance.log"
    findings=1
else
    curl -s -m 5 "$BASE/metrics" >"$WORK/metrics.txt" || true
    metrics="$(cat "$WORK/metrics.txt")"
    echo "responses by status code (sum of http_server_duration_milliseconds_count):"
    python3 - "$WORK/metrics.txt" <<'EOF'
import re, sys
counts = {}
for line in open(sys.argv[1]).read().splitlines():
    m = re.match(r'http_server_duration_milliseconds_count\{(.*)\} ([0-9.e+]+)$', line)
    if m:
        code = re.search(r'http_status_code="(\d+)"', m.group(1))
        key = code.group(1) if code else "?"
        counts[key] = counts.get(key, 0) + int(float(m.group(2)))
print("  " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
EOF
    if grep -E 'http_status_code="5[0-9][0-9]"' <<<"$metrics" | grep -v '^#' | head -5 | grep -q .; then
        echo "FAIL: 5xx series in /metrics:"
        grep -E 'http_status_code="5[0-9][0-9]"' <<<"$metrics" | grep -v '^#' | head -10
        findings=1
    else
        echo "no 5xx series in /metrics"
    fi
    health="$(curl -s -m 2 -o /dev/null -w '%{http_code}' "$BASE/scenario/health" || true)"
    echo "GET /scenario/health after fuzzing: $health"
    [[ "$health" == 200 ]] || findings=1
fi
if grep -q "unhandled error" "$WORK/instance.log"; then
    echo "FAIL: the instance logged unhandled errors:"
    grep "unhandled error" "$WORK/instance.log" | head -10
    findings=1
fi

# Stop it the way the supervisor would, and check it cleaned the scenario files it made.
kill -TERM "$INSTANCE_PID" 2>/dev/null || true
for ((i = 0; i < 200; i++)); do kill -0 "$INSTANCE_PID" 2>/dev/null || break; sleep 0.05; done
if kill -0 "$INSTANCE_PID" 2>/dev/null; then
    echo "FAIL: the instance ignored SIGTERM for 10 s"
    findings=1
else
    wait "$INSTANCE_PID" 2>/dev/null && code=0 || code=$?
    echo "instance stopped by SIGTERM, exit status $code"
    INSTANCE_PID=""
    if [[ -d "$WORK/data/svc-01/scenario2" ]]; then
        echo "FAIL: scenario2 files left after shutdown: $(ls "$WORK/data/svc-01/scenario2" | wc -l)"
        findings=1
    fi
fi
if [[ -n "${FUZZ_REPORT_DIR:-}" ]]; then
    mkdir -p "$FUZZ_REPORT_DIR"
    cp -r "$WORK/report/." "$FUZZ_REPORT_DIR/" 2>/dev/null || true
    cp "$WORK/instance.log" "$FUZZ_REPORT_DIR/"
    echo "report: $FUZZ_REPORT_DIR"
fi
echo
if ((findings)); then echo "http fuzzing: FINDINGS (see above)"; else echo "http fuzzing: clean"; fi
exit "$findings"
