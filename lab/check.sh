#!/usr/bin/env bash
# Checks the lab material in lab/ (works from any directory):
#   - `promtool check rules` on every rule file in lab/rules/,
#   - `promtool test rules` on every unit-test file in lab/tests/ (and that every rule file has one),
#   - the generated files (rules/fleet-alerts-fast.yml, dashboard-queries.txt) are up to date,
#   - the Grafana dashboard is valid JSON, every panel query filters on $instance and uses the
#     provisioned datasource uid,
#   - every line of dashboard-queries.txt parses as PromQL.
# Needs promtool (Debian/Ubuntu: `apt-get install prometheus`) and python3.
# The last line printed is always "N passed, M failed"; the exit status is 0 only when M is 0.
set -euo pipefail

lab="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
promtool="${PROMTOOL:-promtool}"
passed=0
failed=0
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

check() {
    local name="$1"
    shift
    echo "--- $name"
    if "$@"; then
        passed=$((passed + 1))
        echo "PASS $name"
    else
        failed=$((failed + 1))
        echo "FAIL $name"
    fi
}

if ! command -v "$promtool" >/dev/null 2>&1; then
    echo "promtool not found (set PROMTOOL, or: apt-get install prometheus)" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
"$promtool" --version 2>&1 | head -1

cd "$lab"

for rules in rules/*.yml; do
    check "promtool check rules $rules" "$promtool" check rules "$rules"
    test_file="tests/$(basename "$rules" .yml).test.yml"
    check "$rules has unit tests ($test_file)" test -f "$test_file"
done

for tests in tests/*.test.yml; do
    check "promtool test rules $tests" "$promtool" test rules "$tests"
done

check "generated files are up to date (bash lab/generate.sh)" bash generate.sh --check

dashboard_valid() {
    python3 - grafana/dashboards/fleetsim-oncall.json grafana/provisioning/datasources/fleetsim.yml <<'PY'
import json, re, sys
dash = json.load(open(sys.argv[1]))
uids = re.findall(r"^\s*uid:\s*['\"]?([\w-]+)", open(sys.argv[2]).read(), re.M)
errors = []
if len(uids) != 1:
    errors.append(f"expected one datasource uid in {sys.argv[2]}, found {uids}")
uid = uids[0] if uids else None
variables = {v["name"]: v for v in dash["templating"]["list"]}
inst = variables.get("instance")
if not inst or not inst.get("multi") or not inst.get("includeAll"):
    errors.append("template variable 'instance' missing, or not multi with All")
elif inst["datasource"].get("uid") != uid:
    errors.append(f"variable 'instance' uses datasource {inst['datasource']}, not uid {uid}")
targets = 0
for p in dash["panels"]:
    if p.get("datasource", {}).get("uid") != uid:
        errors.append(f"panel {p['title']!r}: datasource is not uid {uid}")
    for t in p.get("targets", []):
        targets += 1
        if t.get("datasource", {}).get("uid") != uid:
            errors.append(f"panel {p['title']!r} {t['refId']}: datasource is not uid {uid}")
        if 'instance=~"$instance"' not in t["expr"]:
            errors.append(f"panel {p['title']!r} {t['refId']}: not filtered by instance=~\"$instance\"")
for e in errors:
    print(e, file=sys.stderr)
print(f"{len(dash['panels'])} panels, {targets} queries, datasource uid {uid}")
sys.exit(1 if errors else 0)
PY
}
check "dashboard is valid and consistent with the provisioned datasource" dashboard_valid

queries_parse() {
    local n=0
    {
        echo "groups:"
        echo "  - name: dashboard-queries"
        echo "    rules:"
        while IFS= read -r q || [ -n "$q" ]; do
            case "$q" in '' | '#'*) continue ;; esac
            n=$((n + 1))
            echo "      - record: dashboard_query_$n"
            # a YAML single-quoted scalar: double any single quote
            echo "        expr: '${q//\'/\'\'}'"
        done <dashboard-queries.txt
    } >"$tmp/dashboard-queries.rules.yml"
    [ "$n" -gt 0 ] || { echo "no queries in dashboard-queries.txt" >&2; return 1; }
    echo "$n queries"
    "$promtool" check rules "$tmp/dashboard-queries.rules.yml"
}
check "every line of dashboard-queries.txt parses as PromQL" queries_parse

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
