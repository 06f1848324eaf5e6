#!/usr/bin/env bash
# Makes sure the system components the test suite drives are present: Debian's chromium (browser
# tests) and PostgreSQL server binaries (team-mode tests). Installs them with apt-get when missing
# and we are root; otherwise says what to install. Never skips silently: the tests fail loudly
# when a component is still missing.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need+=(postgresql)
fi
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "Missing system packages: ${need[*]}. Install them (e.g. sudo apt-get install ${need[*]})." >&2
  exit 1
fi
