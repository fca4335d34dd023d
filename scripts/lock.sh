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

uv=${UV:-.venv/bin/uv}
[ -x "$uv" ] || uv=$(command -v uv) || {
    echo "lock.sh: uv is missing: run scripts/setup.sh --dev" >&2
    exit 1
}
compile=("$uv" pip compile pyproject.toml --quiet --universal --generate-hashes
    --python-version 3.11 --custom-compile-command "scripts/lock.sh" "$@")

"${compile[@]}" --output-file requirements.lock
# The runtime versions stay those of requirements.lock: the dev file only adds to them.
"${compile[@]}" --group dev --constraint requirements.lock --output-file requirements-dev.lock
echo "lock: wrote requirements.lock ($(grep -c '^[a-z0-9]' requirements.lock) packages) and" \
    "requirements-dev.lock ($(grep -c '^[a-z0-9]' requirements-dev.lock) packages)"
