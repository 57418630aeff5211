#!/usr/bin/env bash
# Builds the release `fleet` binary the way the fleet runs it, and prints its path.
#
#   scripts/build-release.sh [extra swift build arguments, e.g. --scratch-path .build-bench]
#
# Static Swift runtime and Foundation, and no position-independent executable: a class runs
# dozens of instances of this binary, so its memory per process counts. Linked statically, the
# runtime and Foundation are no separate shared objects to load and relocate at every start;
# not position-independent, the loader has no 2 MB relocation table to apply to it. Figures
# in bench/README.md. (Tests build the ordinary way, `swift build --build-tests`.)
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-c release --product fleet --static-swift-stdlib -Xlinker -no-pie "$@")
swift build "${flags[@]}" >&2
echo "$(swift build "${flags[@]}" --show-bin-path)/fleet"
