#!/usr/bin/env bash
# Installs what the e2e tests need from Debian's packages: chromium and firefox-esr (no test
# tool may download its own browser) and CJK fonts for the screenshots. Skips the install
# when all are present.
set -euo pipefail
if [ -d /usr/lib/chromium/locales ] && ls /usr/lib/chromium/locales | grep -q zh-CN && command -v chromium >/dev/null && command -v firefox-esr >/dev/null && fc-list :lang=zh 2>/dev/null | grep -q .; then
  echo "install-browsers: chromium, firefox-esr and CJK fonts are installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium chromium-l10n firefox-esr fonts-noto-cjk
