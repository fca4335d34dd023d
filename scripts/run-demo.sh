#!/usr/bin/env bash
# Runs the dashboard on synthetic demo data: sets up .venv, builds the demo warehouse
# (data/build/warehouse.duckdb), creates (or resets) the demo account `demo` with a newly
# generated password, prints how to sign in, and serves the dashboard on http://127.0.0.1:8501 .
# The demo account is an administrator cleared strictly confidential: on a real installation,
# remove it (`.venv/bin/embargo users remove demo`) and add real accounts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
.venv/bin/embargo build --demo

# A fresh random password on every run: no password is ever written in a file.
password="$(.venv/bin/python -c 'from embargo.accounts import new_password; print(new_password())')"
if .venv/bin/embargo users list | awk 'NR > 1 {print $1}' | grep -qx demo; then
    printf '%s\n' "$password" | .venv/bin/embargo users passwd demo
else
    printf '%s\n' "$password" |
        .venv/bin/embargo users add demo --role admin --clearance strictly_confidential
fi
cat <<MESSAGE

  Open http://127.0.0.1:8501 and sign in with the demo account:
    user name: demo
    password:  $password
  (a new password is generated each time this script runs; the demo account is for the
  synthetic demo only: remove it with \`.venv/bin/embargo users remove demo\` before real use)

MESSAGE
exec .venv/bin/embargo serve
