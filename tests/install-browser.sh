#!/usr/bin/env bash
# Makes sure what the browser tests need is installed: Debian's `chromium` (tests/browser.rs
# and tests/e2e/), poppler-utils, and Node.js with npm (tests/e2e/ drives Chromium with playwright-core and
# checks accessibility with axe-core). Idempotent: installs only what is missing. Needs root
# (or sudo) on a Debian-based machine; waits for another apt or dpkg run to finish.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# poppler-utils: pdfinfo, pdftoppm and pdftotext read the printed PDFs (tests/browser.rs).
{ command -v pdfinfo && command -v pdftotext; } >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -eq 0 ]; then
  echo "browser test tools already installed: $(command -v chromium), node $(node --version)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install-browser.sh: installing ${missing[*]} needs root (or sudo)" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
apt_get() { $SUDO apt-get -o DPkg::Lock::Timeout=600 "$@"; }
apt_get update
apt_get install -y --no-install-recommends "${missing[@]}"
command -v chromium node npm pdfinfo
