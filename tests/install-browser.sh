#!/usr/bin/env bash
# Makes sure Debian's `chromium` (and poppler-utils) is installed, for tests/browser.rs. Idempotent: does nothing
# when a `chromium` binary is already on PATH. Needs root (or sudo) on a Debian-based machine.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; then
  echo "chromium already installed: $(command -v chromium)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install-browser.sh: installing chromium needs root (or sudo)" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
# poppler-utils: pdfinfo and pdftoppm read the printed PDFs.
$SUDO apt-get install -y --no-install-recommends chromium poppler-utils
command -v chromium
