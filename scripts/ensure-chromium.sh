#!/bin/sh
# Finds Debian's chromium for the browser tests, installing it when we are root on Debian.
set -e
if [ -n "$LEDERTRIVSEL_CHROMIUM" ] && [ -x "$LEDERTRIVSEL_CHROMIUM" ]; then exit 0; fi
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests (apt-get install chromium)..."
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-dejavu-core >/dev/null
  command -v chromium >/dev/null 2>&1 && exit 0
fi
cat >&2 <<'MSG'
The browser tests need Chromium, and it is not installed.
  On Debian or Ubuntu:   sudo apt-get install chromium
  Elsewhere:             install Chromium and set LEDERTRIVSEL_CHROMIUM=/path/to/chromium
Then run `make test` again.
MSG
exit 1
