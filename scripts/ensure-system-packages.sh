#!/bin/sh
# What the tests need beyond Python: Debian's chromium (browser tests) and GNU gettext
# (the check that the catalogues hold every string). Installed when we are root on Debian.
set -e
missing=""
chromium_found() { [ -n "$LEDERTRIVSEL_CHROMIUM" ] && [ -x "$LEDERTRIVSEL_CHROMIUM" ] || command -v chromium >/dev/null 2>&1; }
chromium_found || missing="$missing chromium fonts-dejavu-core"
command -v xgettext >/dev/null 2>&1 || missing="$missing gettext"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages for the tests:$missing"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null
fi
if ! chromium_found; then
  cat >&2 <<'MSG'
The browser tests need Chromium, and it is not installed.
  On Debian or Ubuntu:   sudo apt-get install chromium
  Elsewhere:             install Chromium and set LEDERTRIVSEL_CHROMIUM=/path/to/chromium
Then run `make test` again.
MSG
  exit 1
fi
command -v xgettext >/dev/null 2>&1 || echo "Note: GNU gettext is not installed; the catalogue completeness check will be skipped (apt-get install gettext)."
exit 0
