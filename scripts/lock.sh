#!/usr/bin/env bash
# Writes the two lock files from pyproject.toml, the only place where exact versions are pinned:
#   requirements.lock      the runtime dependencies (what a user's installation gets)
#   requirements-dev.lock  the same plus the `dev` dependency group (tests, lint)
# Each names every package, direct or indirect, at one version with the SHA-256 of every file of
# that release on PyPI: pip installs with --require-hashes, so nothing else can be installed.
# The resolution is universal (one file for every platform and Python version the project
# supports). Versions already in the lock files are kept when they still fit; `--upgrade` moves
# every package to the newest release pyproject.toml allows, `--upgrade-package NAME` one.
# Needs the network and uv (in the dev group). tests/test_dependencies.py checks the result.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# uv: $UV, else the environment's, else one on PATH, else the version requirements-dev.lock pins,
# installed into a throw-away environment (the lock needs the network anyway).
uv=${UV:-.venv/bin/uv}
if [ ! -x "$uv" ]; then
    uv=$(command -v uv || true)
fi
if [ -z "$uv" ]; then
    version=$(sed -n 's/^uv==\([^ ]*\).*/\1/p' requirements-dev.lock)
    tools=$(mktemp -d)
    trap 'rm -rf "$tools"' EXIT
    echo "lock: installing uv ${version:-(newest)} into a temporary environment"
    python3 -m venv "$tools"
    "$tools/bin/python" -m pip install --quiet "uv${version:+==$version}"
    uv=$tools/bin/uv
fi
compile=("$uv" pip compile pyproject.toml --quiet --universal --generate-hashes
    --python-version 3.11 --custom-compile-command "scripts/lock.sh" "$@")

"${compile[@]}" --output-file requirements.lock
# The runtime versions stay those of requirements.lock: the dev file only adds to them.
"${compile[@]}" --group dev --constraint requirements.lock --output-file requirements-dev.lock
echo "lock: wrote requirements.lock ($(grep -c '^[a-z0-9]' requirements.lock) packages) and" \
    "requirements-dev.lock ($(grep -c '^[a-z0-9]' requirements-dev.lock) packages)"
