#!/usr/bin/env bash
# Install the Debian packages the test suite needs (PostgreSQL 15 server, Chromium, poppler's PDF tools
# for the report tests, DejaVu fonts that cover Persian and Arabic names) when missing.
# Runs apt-get only when something is missing, so repeated `make test` runs stay fast.
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
