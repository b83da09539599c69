#!/usr/bin/env bash
# Runs every test of the project: unit, integration, CLI, classifier fixture and the
# headless-Chromium browser tests. Installs what the tests need on a fresh Debian machine
# (Chromium), so this one command is all a newcomer or CI has to run.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tests/install-browser.sh
cargo test --locked --all-targets
