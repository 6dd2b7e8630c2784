#!/usr/bin/env bash
# The browser suite drives Debian's Chromium. Install it when missing and we are root;
# otherwise say in one line what to install.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "weft: installing Debian's chromium for the browser suite" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "weft: the browser tests need Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium'" >&2
exit 1
