"""Copies the JavaScript and CSS that folium maps need from installed PyPI packages into
dashboard/static/vendor/, so the dashboard serves them itself and no map loads them from a CDN.

Streamlit serves dashboard/static/ at /app/static/ (enableStaticServing in streamlit_config.toml),
so the files below end up at /app/static/vendor/leaflet/leaflet.js and so on; dashboard/maps.py
points folium at exactly these URLs.

    leaflet/leaflet.js, leaflet.js.map, leaflet.css, images/*.png
        from django-js-lib-leaflet (Leaflet 1.9.4, BSD-2-Clause; module js_lib_leaflet)
    jquery/jquery.min.js
        from xstatic-jquery (jQuery 3.7.1, MIT; module xstatic.pkg.jquery): folium's popups and
        its keep-in-front handler call `$`

Both packages are pinned runtime dependencies in pyproject.toml. dashboard/static/vendor/ is
gitignored: the files are copied, never committed. scripts/setup.sh runs this script after pip
install; it can also be run on its own:

    .venv/bin/python scripts/vendor_assets.py           copy what is missing or changed
    .venv/bin/python scripts/vendor_assets.py --check   exit 1 if anything is missing or stale

Idempotent: a file is only written when its bytes differ (atomically, so a running dashboard never
serves half a file), and files in the vendored folders that no package provides are removed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

DEFAULT_TARGET = Path(__file__).resolve().parents[1] / "dashboard" / "static" / "vendor"

# vendored folder -> (importable module, folder inside it, files or sub-folders to copy)
SOURCES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "leaflet": (
        "js_lib_leaflet",
        "static/js_lib_leaflet",
        ("leaflet.js", "leaflet.js.map", "leaflet.css", "images"),
    ),
    "jquery": ("xstatic.pkg.jquery", "data", ("jquery.min.js",)),
}


def _walk(node: Traversable, relative: str) -> list[tuple[str, Traversable]]:
    if node.is_dir():
        found = []
        for child in sorted(node.iterdir(), key=lambda item: item.name):
            found += _walk(child, f"{relative}/{child.name}")
        return found
    return [(relative, node)]


def planned_files() -> dict[str, Traversable]:
    """Every vendored file, as its path under the target folder -> the file in its package."""
    planned: dict[str, Traversable] = {}
    for folder, (module, inside, names) in SOURCES.items():
        root = resources.files(module)
        for part in inside.split("/"):
            root = root / part
        for name in names:
            source = root / name
            if not (source.is_file() or source.is_dir()):
                raise FileNotFoundError(f"{module} does not ship {inside}/{name}")
            planned.update(_walk(source, f"{folder}/{name}"))
    return planned


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _stale_files(target: Path, planned: dict[str, Traversable]) -> list[Path]:
    stale = []
    for folder in SOURCES:
        base = target / folder
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                relative = path.relative_to(target).as_posix()
                if path.is_file() and relative not in planned:
                    stale.append(path)
    return stale


def vendor_assets(target: Path = DEFAULT_TARGET) -> list[Path]:
    """Brings `target` up to date with the installed packages; returns the files it changed
    (written or removed). Running it again changes nothing."""
    planned = planned_files()
    changed = []
    for relative, source in planned.items():
        data = source.read_bytes()
        path = target / relative
        if path.is_file() and path.read_bytes() == data:
            continue
        _write_atomically(path, data)
        changed.append(path)
    for path in _stale_files(target, planned):
        path.unlink()
        changed.append(path)
    return changed


def check_assets(target: Path = DEFAULT_TARGET) -> list[str]:
    """What `vendor_assets` would change, without changing anything: [] when up to date."""
    planned = planned_files()
    problems = []
    for relative, source in planned.items():
        path = target / relative
        if not path.is_file():
            problems.append(f"missing {relative}")
        elif path.read_bytes() != source.read_bytes():
            problems.append(f"outdated {relative}")
    problems += [f"not from any package: {path}" for path in _stale_files(target, planned)]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=Path, default=DEFAULT_TARGET, help="vendor folder")
    parser.add_argument("--check", action="store_true", help="only report, exit 1 if stale")
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems = check_assets(args.target)
            for problem in problems:
                print(f"vendor_assets: {problem}", file=sys.stderr)
            return 1 if problems else 0
        changed = vendor_assets(args.target)
    except (ModuleNotFoundError, FileNotFoundError) as error:
        print(
            f"vendor_assets: {error} (run scripts/setup.sh to install the packages)",
            file=sys.stderr,
        )
        return 1
    total = len(planned_files())
    if changed:
        print(f"vendor_assets: {len(changed)} file(s) updated in {args.target} ({total} in all)")
    else:
        print(f"vendor_assets: {total} files up to date in {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
