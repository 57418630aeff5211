#!/usr/bin/env bash
# Runs every test of fleetsim: the lab's Prometheus rules, then the Swift test suite
# (unit tests of each module and the multi-process fleet tests).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
bash lab/check.sh
swift build --build-tests
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Tests that measure this process as a whole (its RSS, its count of open descriptors) run alone
# in a process of their own: beside the other suites, which allocate and open files too, a
# process-wide figure says nothing about the code under test.
isolated="MemoryLeakScenarioTests|ProcessAndHostMetricsTests"
swift test --skip-build --skip "$isolated" 2>&1 | tee "$log"
swift test --skip-build --filter "$isolated" 2>&1 | tee -a "$log"
# The tests that need Prometheus, promtool, pyzmq, root (network namespaces) and Chromium fail
# rather than skip under CI; say that
# they ran, so a reader of the CI log need not take it on trust.
for name in eachScenarioShowsInPrometheusOnItsOwnInstanceOnly aPythonClientWithPyzmqDrivesTheFleet promtoolAcceptsTheGeneratedConfiguration \
  aStudentsLaptopSeesTheFleetAndBreaksOnlyTheirInstance aCurveControlEndpointServesOnlyAuthorisedKeys theButtonsSendTheTokenTypedIntoTheField; do
  if grep -q "Test $name() passed" "$log"; then
    echo "ran and passed: $name"
  else
    echo "did not pass: $name"
    [ -z "${CI:-}" ] || exit 1
  fi
done
