#!/usr/bin/env bash
# Installs what fleetsim needs beyond the Swift toolchain, only when it is missing:
#   libzmq3-dev + pkg-config  the ZeroMQ library the control plane links against
#   prometheus                the server `fleet up` starts, and promtool for the tests
#   wrk                       the load generator of bench/
#   pyzmq (PyPI)              the test that drives a fleet from Python
#   iproute2                  `ip netns`: the classroom test's network namespace (a student's laptop)
#   chromium + websocket-client  the test of /docs' token field in headless Chromium (DevTools protocol)
#   chromium, chromium-driver the console's browser tests (Tests/browser), headless
#   selenium (PyPI)           drives them, in a venv under .build/browser-venv (git-ignored):
#                             Debian 12's own Python is "externally managed" and refuses pip
# Safe to run again; needs root (or sudo) for apt-get.
set -euo pipefail

missing=()
pkg-config --exists libzmq 2>/dev/null || missing+=(libzmq3-dev pkg-config)
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
python3 -c "import venv, ensurepip" 2>/dev/null || missing+=(python3-venv)

if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# pyzmq for the python3 on PATH: from PyPI where pip may install (a pyenv or venv Python), else
# Debian's python3-zmq (Debian 12's own Python is "externally managed" and refuses pip).
if ! python3 -c "import zmq" 2>/dev/null; then
  echo "installing: pyzmq"
  python3 -m pip install -q pyzmq 2>&1 | grep -v "Running pip as the 'root' user" || true
fi
if ! python3 -c "import zmq" 2>/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-zmq >/dev/null
fi
python3 -c "import zmq" || { echo "error: pyzmq could not be installed for $(command -v python3)" >&2; exit 1; }

# websocket-client (the DevTools protocol client of the /docs test), the same way as pyzmq.
if ! python3 -c "import websocket" 2>/dev/null; then
  echo "installing: websocket-client"
  python3 -m pip install -q websocket-client 2>&1 | grep -v "Running pip as the 'root' user" || true
fi
if ! python3 -c "import websocket" 2>/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-websocket >/dev/null
fi
python3 -c "import websocket" || { echo "error: websocket-client could not be installed for $(command -v python3)" >&2; exit 1; }
# Selenium from PyPI for the console's browser tests, in a venv of the repository's own.
venv="$(cd "$(dirname "$0")/.." && pwd)/.build/browser-venv"
if ! "$venv/bin/python" -c "import selenium" 2>/dev/null; then
  echo "installing: selenium (in $venv)"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check selenium
fi
"$venv/bin/python" -c "import selenium" || { echo "error: selenium could not be installed in $venv" >&2; exit 1; }
