#!/usr/bin/env bash
# Runs every check CI runs: sets up .venv with the dev tools and chromium, lints and
# format-checks with ruff, then runs the whole pytest suite (browser tests included).
# Arguments go to pytest, e.g. `scripts/test.sh -q tests/browser`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh --dev
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/pytest "$@"
