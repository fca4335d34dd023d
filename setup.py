"""The one packaging step pyproject.toml cannot state: the warehouse's SQL (`sql/`), the reference
data (`data/reference/`, `data/geo/`) and `streamlit_config.toml` are kept at the top of the
checkout, where they are edited, and ship inside the wheel as `embargo/resources/`, where
embargo/config.py finds them when the program runs from an installed wheel. An editable install
reads them from the checkout and gets no copy.

The wheel also carries the map assets vendored into dashboard/static/vendor/ (package data in
pyproject.toml): the build refuses to make a wheel without them, since its maps would then have
no Leaflet to load offline."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent

# (folder or file in the checkout, the file patterns of it that ship): everything under data/
# but the warehouse and raw files of a checkout (data/build/, data/raw/) and maintainer scripts.
RESOURCES = (
    ("sql", ("**/*.sql",)),
    ("data", ("**/*.csv", "**/*.geojson", "**/*.json", "**/README.md")),
    ("streamlit_config.toml", ()),
    # Translations, where the checkout has them.
    ("locales", ("**/*.po", "**/*.mo", "**/*.csv", "README.md")),
)
OPTIONAL = ("locales",)
NOT_SHIPPED = ("data/build/", "data/raw/")
VENDORED_LEAFLET = ROOT / "dashboard" / "static" / "vendor" / "leaflet" / "leaflet.js"


class BuildWithResources(build_py):
    """build_py that also copies RESOURCES into the built package's embargo/resources/."""

    def run(self) -> None:
        if not self.editable_mode and not VENDORED_LEAFLET.is_file():
            raise SystemExit(
                f"{VENDORED_LEAFLET.relative_to(ROOT)} is missing: run "
                "scripts/vendor_assets.py before building a wheel, or its maps load no Leaflet"
            )
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "embargo" / "resources"
        shutil.rmtree(target, ignore_errors=True)
        for name, patterns in RESOURCES:
            source = ROOT / name
            if name in OPTIONAL and not source.exists():
                continue
            if source.is_file():
                files = [source]
            else:
                files = sorted(
                    path
                    for path in {found for pattern in patterns for found in source.glob(pattern)}
                    if not path.relative_to(ROOT).as_posix().startswith(NOT_SHIPPED)
                )
            if not files:
                raise SystemExit(f"{name}: nothing to ship (the build runs from a checkout)")
            for path in files:
                copy = target / path.relative_to(ROOT)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, copy)


setup(cmdclass={"build_py": BuildWithResources})
