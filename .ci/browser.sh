#!/usr/bin/env bash
# Installs Debian's headless Chromium and its chromedriver for the "browser" test profile
# (webhook-console), when they are missing. Idempotent: does nothing when both are there. The tests
# use /usr/bin/chromium and /usr/bin/chromedriver and never download a driver.
set -euo pipefail

say() { echo "[browser] $*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  say "chromium and chromedriver are installed"
else
  say "installing chromium and chromium-driver"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null
fi
/usr/bin/chromium --version
/usr/bin/chromedriver --version
