"""Where things live: the SQL, the reference data and the Streamlit settings the program ships
with, the default warehouse and raw-file store, or a shared DuckLake catalog when one is configured.

The one place that knows the difference between running from a checkout and from an installed
wheel:

- From a checkout (`scripts/setup.sh` installs it editable, or PYTHONPATH names it), `sql/`,
  `data/` and `streamlit_config.toml` are read where they are edited, at the top of the checkout;
  the warehouse defaults to `data/build/warehouse.duckdb` and the raw-file store to `data/raw/`.
- From an installed wheel (`pip install`, the offline bundle), the same files ship inside the
  package as `embargo/resources/` (setup.py copies them there) and the warehouse defaults to the
  user's data folder, `$XDG_DATA_HOME/embargo-monitor/` (`~/.local/share/embargo-monitor/`), with
  the raw-file store in its `raw/` folder: never inside the installed package.
"""

import os
from pathlib import Path

from embargo import settings
from embargo.lake import LakeCatalog, LakeConfigurationError

PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED_RESOURCES = PACKAGE_DIR / "resources"
# An installed wheel carries embargo/resources/; a checkout never does (setup.py creates it only
# in the wheel's build folder).
FROM_CHECKOUT = not BUNDLED_RESOURCES.is_dir()
# The checkout's root; for an installed wheel the folder holding the packages (site-packages).
PROJECT_ROOT = PACKAGE_DIR.parent
RESOURCE_ROOT = PROJECT_ROOT if FROM_CHECKOUT else BUNDLED_RESOURCES

SQL_DIR = RESOURCE_ROOT / "sql"
# The data the program ships with (reference tables, shapes, demo catalogues).
DATA_DIR = RESOURCE_ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
GEO_DIR = DATA_DIR / "geo"
STREAMLIT_CONFIG = RESOURCE_ROOT / "streamlit_config.toml"
DASHBOARD_APP = PROJECT_ROOT / "dashboard" / "app.py"
DASHBOARD_SERVER = PROJECT_ROOT / "dashboard" / "server.py"

APP_NAME = "embargo-monitor"


def user_data_dir() -> Path:
    """The user's data folder for an installed program: $XDG_DATA_HOME/embargo-monitor, by
    default ~/.local/share/embargo-monitor (the XDG base directory convention)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / APP_NAME


# Where the default warehouse and the raw files behind it are kept (other warehouse files keep
# their raw files beside them).
if FROM_CHECKOUT:
    BUILD_DIR = PROJECT_ROOT / "data" / "build"
    DEFAULT_RAW_DIR = PROJECT_ROOT / "data" / "raw"
else:
    BUILD_DIR = user_data_dir()
    DEFAULT_RAW_DIR = BUILD_DIR / "raw"
DEFAULT_DB = BUILD_DIR / "warehouse.duckdb"


def double_report_thresholds() -> tuple[int, float]:
    """EMBARGO_DOUBLE_REPORT_DAYS (30) and EMBARGO_DOUBLE_REPORT_KM (25): two sightings of one
    item by different reporting entities this close in time and place are flagged as possibly
    the same seizure reported twice. A month is about the time a panel's or a mission's report
    takes to reach the other's records, and 25 km about the spread of one locality's reported
    coordinates (a town centre, a camp beside it)."""
    values = []
    for name, kind in (("EMBARGO_DOUBLE_REPORT_DAYS", int), ("EMBARGO_DOUBLE_REPORT_KM", float)):
        value = (settings.value(name) or "").strip() or settings.BY_NAME[name].default
        try:
            number = kind(value)
        except ValueError:
            number = -1
        if number < 0:
            unit = "days" if kind is int else "kilometres"
            raise ValueError(f"{name} '{value}' is not a number of {unit} (0 or more)")
        values.append(number)
    return values[0], values[1]


def trace_deadline_days() -> int:
    """EMBARGO_TRACE_DEADLINE_DAYS (90 by default): days after sending when an unanswered trace
    request is overdue (the International Tracing Instrument asks for timely replies; missions
    set their own deadline)."""

    value = (settings.value("EMBARGO_TRACE_DEADLINE_DAYS") or "").strip()
    value = value or settings.BY_NAME["EMBARGO_TRACE_DEADLINE_DAYS"].default
    if not value.isdigit() or int(value) < 1:
        raise ValueError(
            f"EMBARGO_TRACE_DEADLINE_DAYS '{value}' is not a whole number of days (1 or more)"
        )
    return int(value)


def warehouse_path(explicit: str | os.PathLike | None = None) -> Path:
    """The warehouse file: an explicit path, else EMBARGO_DB, else DEFAULT_DB (data/build/ in a
    checkout, the user's data folder for an installed wheel)."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    configured, source = settings.lookup("EMBARGO_DB")
    if source != "default" and configured:
        return Path(configured).expanduser().resolve()
    return DEFAULT_DB


def warehouse_location(
    db: str | os.PathLike | None = None,
    catalog: str | None = None,
    lake_data: str | None = None,
    as_of: int | None = None,
) -> Path | LakeCatalog:
    """The warehouse to use: a DuckLake catalog when one is named (an explicit catalog, else
    EMBARGO_CATALOG, with its data folder from lake_data or EMBARGO_LAKE_DATA, read at snapshot
    as_of or EMBARGO_AS_OF if given), else the local file of warehouse_path(). An explicit --db
    wins over a catalog from the environment."""
    catalog = catalog or (None if db else settings.value("EMBARGO_CATALOG"))
    if catalog:
        pinned = settings.value("EMBARGO_AS_OF")
        if as_of is None and pinned:
            as_of = int(pinned)
        data = lake_data or settings.value("EMBARGO_LAKE_DATA")
        return LakeCatalog(catalog, data, as_of)
    if as_of is not None:
        raise LakeConfigurationError(
            "reading an earlier snapshot needs a shared catalog (--catalog or EMBARGO_CATALOG)"
        )
    return warehouse_path(db)
