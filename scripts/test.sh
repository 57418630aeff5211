#!/usr/bin/env bash
# Runs every test of fleetsim: the lab's Prometheus rules, then the Swift test suite
# (unit tests of each module and the multi-process fleet tests).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
bash lab/check.sh
swift build --build-tests
swift test --skip-build
