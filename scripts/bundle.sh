#!/usr/bin/env bash
# Makes the offline bundle, on a machine with the network, from a set-up checkout: one archive
# that scripts/setup.sh --offline installs on an air-gapped machine with no network at all.
#
#   dist/embargo-monitor-VERSION-offline.tar
#     embargo-monitor-VERSION/              the project's committed files (README, scripts/,
#                                           deploy/, sql/, data/, ...) and its vendored map assets
#     embargo-monitor-VERSION/wheels/       the project's wheel (SQL, reference data, map assets
#                                           inside) and every wheel requirements.lock names, for
#                                           Linux x86_64 and each Python version below, and pip
#     embargo-monitor-VERSION/requirements.lock, PYTHON_VERSIONS, SHA256SUMS (of every file)
#
#   scripts/bundle.sh [--python 3.11,3.12,3.13] [--out DIR] [--wheelhouse DIR]
#
# --python: the Python versions to carry wheels for (default: 3.11,3.12,3.13, the versions the
# project supports). Wheels are downloaded, hash-checked against requirements.lock, into
# --wheelhouse (default: ~/.cache/embargo-monitor/wheelhouse), which later runs reuse without
# the network. The files under version control are taken from HEAD (commit first).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

pythons=3.11,3.12,3.13
out=dist
wheelhouse=${XDG_CACHE_HOME:-$HOME/.cache}/embargo-monitor/wheelhouse
while [ $# -gt 0 ]; do
    case "$1" in
        --python) pythons=$2; shift ;;
        --out) out=$2; shift ;;
        --wheelhouse) wheelhouse=$2; shift ;;
        -h | --help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bundle.sh: unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

python=.venv/bin/python
[ -x "$python" ] || { echo "bundle.sh: run scripts/setup.sh first (no .venv)" >&2; exit 1; }
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_PROGRESS_BAR=off
version=$("$python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
name=embargo-monitor-$version
mkdir -p "$out" "$wheelhouse"
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
root=$staging/$name
mkdir -p "$root/wheels"

# The project: its committed files, and the map assets vendored from the locked packages.
git archive --format=tar HEAD | tar -x -C "$root"
"$python" scripts/vendor_assets.py --target "$root/dashboard/static/vendor" >/dev/null
cp requirements.lock "$root/"
tr ',' '\n' <<<"$pythons" >"$root/PYTHON_VERSIONS"

# The project's wheel, built from the exported files (so only committed code ships).
echo "bundle: building the project's wheel"
"$python" -m pip wheel --quiet --no-deps --wheel-dir "$root/wheels" "$root"
rm -rf "$root/build" "$root"/*.egg-info

# Linux x86_64 with glibc 2.28 or newer (Debian 10, RHEL 8, Ubuntu 18.10 and later): pip takes
# only the platform tags it is given, so each manylinux tag up to 2.28 is named.
platforms=()
for minor in $(seq 28 -1 5); do platforms+=(--platform "manylinux_2_${minor}_x86_64"); done
platforms+=(--platform manylinux2014_x86_64 --platform manylinux2010_x86_64
    --platform manylinux1_x86_64)

# Every locked wheel for each Python version: first from the wheelhouse alone, then, for what it
# lacks, from the index into the wheelhouse. Hash-checked either way (--require-hashes).
for version_wanted in $(cat "$root/PYTHON_VERSIONS"); do
    tag=cp${version_wanted/./}
    download=("$python" -m pip download --quiet --require-hashes --requirement requirements.lock
        --only-binary=:all: --implementation cp --python-version "$version_wanted"
        --abi "$tag" --abi abi3 --abi none "${platforms[@]}")
    if ! "${download[@]}" --no-index --find-links "$wheelhouse" --dest "$wheelhouse" \
        >/dev/null 2>&1; then
        echo "bundle: downloading the wheels for Python $version_wanted"
        "${download[@]}" --find-links "$wheelhouse" --dest "$wheelhouse"
    fi
    # This version's files, copied from the wheelhouse.
    "${download[@]}" --no-index --find-links "$wheelhouse" --dest "$root/wheels"
done
# pip itself, so the offline machine needs no ensurepip and no network to get it.
pip_version=$("$python" -m pip --version | cut -d' ' -f2)
"$python" -m pip download --quiet --no-deps --only-binary=:all: "pip==$pip_version" \
    --find-links "$wheelhouse" --dest "$wheelhouse"
cp "$wheelhouse/pip-$pip_version-py3-none-any.whl" "$root/wheels/"

(cd "$root" && find . -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort |
    xargs -d '\n' sha256sum >SHA256SUMS)
archive=$out/$name-offline.tar
tar -C "$staging" -cf "$archive.partial" "$name"
mv "$archive.partial" "$archive"
echo "bundle: wrote $archive ($(du -h "$archive" | cut -f1), $(ls "$root/wheels" | wc -l) wheels" \
    "for Python $(paste -sd, "$root/PYTHON_VERSIONS"))"
