#!/usr/bin/env bash
# Runs every test of the project: unit, integration, CLI, classifier fixture and the
# headless-Chromium browser tests (tests/browser.rs, then tests/e2e/ with playwright-core and
# axe-core). Installs what the tests need on a fresh Debian machine (Chromium, Node.js), so
# this one command is all a newcomer or CI has to run.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tests/install-browser.sh
cargo test --locked --all-targets
# The browser checks read the committed site/, which tests/site.rs has just found identical to
# a fresh build.
npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error
(cd tests/e2e && node --test --test-concurrency=1)
