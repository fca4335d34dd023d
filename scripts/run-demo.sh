#!/usr/bin/env bash
# Runs the dashboard on synthetic demo data: sets up .venv, builds the demo warehouse
# (data/build/warehouse.duckdb) and serves the dashboard on http://127.0.0.1:8501 .
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
.venv/bin/embargo build --demo
exec .venv/bin/embargo serve
