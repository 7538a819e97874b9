#!/usr/bin/env bash
# Installs the browsers the e2e tests drive: Debian's chromium and firefox-esr (no test
# tool may download its own browser). Skips the install when both are present.
set -euo pipefail
if command -v chromium >/dev/null && command -v firefox-esr >/dev/null; then
  echo "install-browsers: chromium and firefox-esr are installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium firefox-esr
