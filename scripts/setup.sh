#!/usr/bin/env bash
# Sets up Embargo Monitor.
#
# From a checkout, with the network: creates .venv (Python >= 3.11) if it is missing, installs the
# pinned packages of requirements.lock (hash-checked), the project editable, and copies the map
# assets (Leaflet, jQuery) from them to dashboard/static/vendor/ (scripts/vendor_assets.py). With
# --dev it installs requirements-dev.lock instead (pytest, playwright, ruff, uv, ...), and, as
# root, Debian's chromium plus fonts for the browser tests, PostgreSQL for the shared-catalog
# tests and nginx for the deployment-file tests (apt-get). Safe to run again: pip only runs when
# pyproject.toml or the lock files changed since the last successful run.
#
# Offline (an air-gapped machine): --offline ARCHIVE installs from the archive scripts/bundle.sh
# made (or the folder it unpacks to) with pip --no-index: no network at all, pip itself included.
# The installed program reads its SQL and reference data from the package and keeps its
# warehouse in ~/.local/share/embargo-monitor/ (EMBARGO_DB to put it elsewhere).
#
#   scripts/setup.sh                      runtime only (enough for `embargo build` and `serve`)
#   scripts/setup.sh --dev                runtime + dev tools + chromium, PostgreSQL, nginx
#   scripts/setup.sh --offline ARCHIVE    runtime from the offline bundle, no network
#   --venv DIR                            the virtual environment to use (default: .venv here)
set -euo pipefail

dev=0
offline=""
venv=""
while [ $# -gt 0 ]; do
    case "$1" in
        --dev) dev=1 ;;
        --offline)
            [ $# -ge 2 ] || { echo "setup.sh: --offline needs the bundle's archive" >&2; exit 2; }
            offline=$2
            shift
            ;;
        --venv)
            [ $# -ge 2 ] || { echo "setup.sh: --venv needs a folder" >&2; exit 2; }
            venv=$2
            shift
            ;;
        -h | --help)
            sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "setup.sh: unknown argument: $1 (try --help)" >&2
            exit 2
            ;;
    esac
    shift
done
if [ -n "$offline" ] && [ "$dev" = 1 ]; then
    echo "setup.sh: --offline installs the runtime only; the dev tools need the network" >&2
    exit 2
fi
# Paths given relative to where the script was called from.
[ -z "$offline" ] || offline=$(realpath -- "$offline")
[ -z "$venv" ] || venv=$(realpath -m -- "$venv")

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

venv=${venv:-$PWD/.venv}
python_of_venv="$venv/bin/python"

# --- Offline: everything from the bundle ------------------------------------------------------
if [ -n "$offline" ]; then
    work=""
    if [ -d "$offline" ]; then
        bundle=$offline
    elif [ -f "$offline" ]; then
        work=$(mktemp -d)
        trap 'rm -rf "$work"' EXIT
        tar -xf "$offline" -C "$work"
        bundle=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n 1)
    else
        echo "setup.sh: $offline: no such archive or folder" >&2
        exit 1
    fi
    [ -f "$bundle/SHA256SUMS" ] && [ -d "$bundle/wheels" ] || {
        echo "setup.sh: $offline is not an offline bundle of scripts/bundle.sh" \
            "(no SHA256SUMS or wheels/)" >&2
        exit 1
    }
    echo "setup: checking the bundle's files against its SHA256SUMS"
    (cd "$bundle" && sha256sum --check --quiet --strict SHA256SUMS) || {
        echo "setup.sh: the bundle's files do not match their SHA-256 sums: copy it again" >&2
        exit 1
    }
    if [ ! -x "$python_of_venv" ]; then
        if ! python=$(find_python); then
            echo "setup.sh: Python >= 3.11 is required (set PYTHON=/path/to/python3.11)" >&2
            exit 1
        fi
        wanted=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
        grep -qx "$wanted" "$bundle/PYTHON_VERSIONS" || {
            echo "setup.sh: the bundle has wheels for Python $(paste -sd, "$bundle/PYTHON_VERSIONS")," \
                "not for $wanted ($python): make one with scripts/bundle.sh --python $wanted" >&2
            exit 1
        }
        echo "setup: creating $venv with $("$python" --version 2>&1)"
        # Without ensurepip (which Debian splits off into python3-venv): pip comes from the bundle.
        "$python" -m venv --without-pip "$venv"
    fi
    pip_wheel=$(find "$bundle/wheels" -maxdepth 1 -name 'pip-*.whl' | head -n 1)
    offline_pip=("$python_of_venv" -m pip)
    if ! "$python_of_venv" -m pip --version >/dev/null 2>&1; then
        offline_pip=("$python_of_venv" "$pip_wheel/pip")  # pip runs from its own wheel
    fi
    echo "setup: installing from $(basename "$offline") with pip --no-index"
    # --isolated: no pip.conf or PIP_* variable can add an index or other wheels.
    no_index=(--quiet --isolated --disable-pip-version-check --no-index --find-links "$bundle/wheels")
    "${offline_pip[@]}" install "${no_index[@]}" --upgrade "$pip_wheel"
    "$python_of_venv" -m pip install "${no_index[@]}" --require-hashes \
        --requirement "$bundle/requirements.lock"
    "$python_of_venv" -m pip install "${no_index[@]}" --no-deps --force-reinstall \
        "$bundle"/wheels/embargo_monitor-*.whl
    "$venv/bin/embargo" --version >/dev/null
    echo "setup: done; the program is $venv/bin/embargo (warehouse and raw files in" \
        "${XDG_DATA_HOME:-~/.local/share}/embargo-monitor/ unless EMBARGO_DB says otherwise)"
    exit 0
fi

if [ ! -x "$python_of_venv" ]; then
    if ! python=$(find_python); then
        echo "setup.sh: Python >= 3.11 is required (set PYTHON=/path/to/python3.11)" >&2
        exit 1
    fi
    echo "setup: creating $venv with $("$python" --version 2>&1)"
    "$python" -m venv "$venv"
fi

# --- Python packages ---------------------------------------------------------------------------
# Exactly the versions (and files, by SHA-256) of the lock files; then the project itself,
# editable, without dependencies of its own choosing. The stamp records the inputs it installed.
stamp="$venv/.embargo-setup"
lock=requirements.lock
[ "$dev" = 0 ] || lock=requirements-dev.lock
want="$(cat pyproject.toml "$lock" | sha256sum | cut -d' ' -f1) $lock"
have="$(cat "$stamp" 2>/dev/null || true)"
with_dev="$(cat pyproject.toml requirements-dev.lock | sha256sum | cut -d' ' -f1) requirements-dev.lock"
if [ "$have" = "$want" ] || { [ "$dev" = 0 ] && [ "$have" = "$with_dev" ]; }; then
    echo "setup: python packages up to date"
else
    echo "setup: installing python packages from $lock"
    rm -f "$stamp"
    "$python_of_venv" -m pip install --quiet --require-hashes --requirement "$lock"
    "$python_of_venv" -m pip install --quiet --no-deps --editable .
    echo "$want" >"$stamp"
fi

# --- Leaflet and jQuery for the maps ---------------------------------------------------------
# Copied from the installed packages to dashboard/static/vendor/ (gitignored), served by Streamlit
# at /app/static/vendor/: folium maps never load them from a CDN. Idempotent, so it runs every time.
"$python_of_venv" scripts/vendor_assets.py

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
# --- nginx for the deployment-file tests ------------------------------------------------------
# tests/test_deploy.py checks deploy/nginx/ with `nginx -t` in a prefix of its own; the server
# the package may start is stopped.
if [ "$dev" = 1 ]; then
    if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
        echo "setup: nginx present"
    elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing Debian nginx with apt-get"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq --no-install-recommends nginx >/dev/null 2>&1 || {
            apt-get update -qq
            apt-get install -y -qq --no-install-recommends nginx >/dev/null
        }
        if [ -f /run/nginx.pid ]; then /usr/sbin/nginx -s quit 2>/dev/null || true; fi
    else
        echo "setup: nginx is missing and this is not root: the nginx test will be skipped."
        echo "       Install it with: sudo apt-get install nginx"
    fi
fi
echo "setup: done"
