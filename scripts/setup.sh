#!/usr/bin/env bash
# Sets up Embargo Monitor in this checkout: creates .venv (Python >= 3.11) if it is missing,
# upgrades pip, installs the project editable with its runtime dependencies and copies the map
# assets (Leaflet, jQuery) from them to dashboard/static/vendor/ (scripts/vendor_assets.py).
# With --dev it also installs the `dev` dependency group (pytest, playwright, ruff, ...),
# Debian's chromium plus fonts for the browser tests and Debian's PostgreSQL server for the
# shared-catalog tests (apt-get, as root only).
# Safe to run again: pip only runs when pyproject.toml changed since the last successful run.
#
#   scripts/setup.sh          runtime only (enough for `embargo build` and `embargo serve`)
#   scripts/setup.sh --dev    runtime + dev tools + chromium
set -euo pipefail

dev=0
for arg in "$@"; do
    case "$arg" in
        --dev) dev=1 ;;
        -h | --help)
            sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "setup.sh: unknown argument: $arg (try --help)" >&2
            exit 2
            ;;
    esac
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_PROGRESS_BAR=off

# --- Python and the virtual environment -------------------------------------------------------
find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3 python3.13 python3.12 python3.11; do
        [ -n "$candidate" ] || continue
        command -v "$candidate" >/dev/null 2>&1 || continue
        if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

if [ ! -x .venv/bin/python ]; then
    if ! python=$(find_python); then
        echo "setup.sh: Python >= 3.11 is required (set PYTHON=/path/to/python3.11)" >&2
        exit 1
    fi
    echo "setup: creating .venv with $("$python" --version 2>&1)"
    "$python" -m venv .venv
fi

# --- Python packages ---------------------------------------------------------------------------
# The stamp records the pyproject.toml it installed and whether the dev group came with it.
stamp=.venv/.embargo-setup
want="$(.venv/bin/python -c 'import hashlib, sys; print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest())')"
have="$(cat "$stamp" 2>/dev/null || true)"
if [ "$have" = "$want dev" ] || { [ "$dev" = 0 ] && [ "$have" = "$want runtime" ]; }; then
    echo "setup: python packages up to date"
else
    echo "setup: installing python packages ($([ "$dev" = 1 ] && echo 'runtime + dev' || echo runtime))"
    rm -f "$stamp"
    .venv/bin/python -m pip install --quiet --upgrade "pip>=25.1"
    if [ "$dev" = 1 ]; then
        # PEP 735 dependency group, read from ./pyproject.toml (pip >= 25.1).
        .venv/bin/python -m pip install --quiet --editable . --group dev
        echo "$want dev" >"$stamp"
    else
        .venv/bin/python -m pip install --quiet --editable .
        echo "$want runtime" >"$stamp"
    fi
fi

# --- Leaflet and jQuery for the maps ---------------------------------------------------------
# Copied from the installed packages to dashboard/static/vendor/ (gitignored), served by Streamlit
# at /app/static/vendor/: folium maps never load them from a CDN. Idempotent, so it runs every time.
.venv/bin/python scripts/vendor_assets.py

# --- Chromium for the browser tests ----------------------------------------------------------
if [ "$dev" = 1 ]; then
    if [ -x /usr/bin/chromium ]; then
        echo "setup: chromium present"
    elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing Debian chromium and fonts with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends \
            chromium fonts-liberation fonts-dejavu-core >/dev/null
        [ -x /usr/bin/chromium ] || {
            echo "setup.sh: apt-get ran but /usr/bin/chromium is still missing" >&2
            exit 1
        }
        echo "setup: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) installed"
    else
        echo "setup: /usr/bin/chromium is missing and this is not root: the browser tests will be"
        echo "       skipped. Install it with: sudo apt-get install chromium fonts-liberation"
    fi
fi
# --- PostgreSQL for the shared-catalog tests --------------------------------------------------
# The tests start a throw-away cluster on 127.0.0.1 from Debian's server binaries.
if [ "$dev" = 1 ]; then
    if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
        echo "setup: postgresql present"
    elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing Debian postgresql with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends postgresql >/dev/null
        # The package starts a cluster of its own on port 5432; the tests run their own.
        if command -v pg_ctlcluster >/dev/null 2>&1; then
            for cluster in /etc/postgresql/*/main; do
                [ -d "$cluster" ] || continue
                version=$(basename "$(dirname "$cluster")")
                pg_ctlcluster "$version" main stop 2>/dev/null || true
            done
        fi
        compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || {
            echo "setup.sh: apt-get ran but PostgreSQL's initdb is still missing" >&2
            exit 1
        }
    else
        echo "setup: PostgreSQL is missing and this is not root: the shared-catalog tests will be"
        echo "       skipped. Install it with: sudo apt-get install postgresql"
    fi
fi
echo "setup: done"
