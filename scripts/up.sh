#!/usr/bin/env bash
# Installs what is missing, builds fleetsim (release) and brings up the default fleet from
# fleet.yaml in the foreground. Extra arguments go to `fleet up` (e.g. --instances 3).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
fleet="$(scripts/build-release.sh)"
exec "$fleet" up "$@"
