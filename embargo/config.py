"""Where things live: project folders, the SQL and reference data, and the warehouse: a local
DuckDB file by default, or a shared DuckLake catalog when one is configured."""

import os
from pathlib import Path

from embargo.lake import LakeCatalog, LakeConfigurationError

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SQL_DIR = PROJECT_ROOT / "sql"
DATA_DIR = PROJECT_ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
GEO_DIR = DATA_DIR / "geo"
BUILD_DIR = DATA_DIR / "build"
STREAMLIT_CONFIG = PROJECT_ROOT / "streamlit_config.toml"
DASHBOARD_APP = PROJECT_ROOT / "dashboard" / "app.py"

DEFAULT_DB = BUILD_DIR / "warehouse.duckdb"


def warehouse_path(explicit: str | os.PathLike | None = None) -> Path:
    """The warehouse file: an explicit path, else EMBARGO_DB, else data/build/warehouse.duckdb."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get("EMBARGO_DB")
    if from_env:
        return Path(from_env).expanduser().resolve()
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
    catalog = catalog or (None if db else os.environ.get("EMBARGO_CATALOG"))
    if catalog:
        if as_of is None and os.environ.get("EMBARGO_AS_OF"):
            as_of = int(os.environ["EMBARGO_AS_OF"])
        data = lake_data or os.environ.get("EMBARGO_LAKE_DATA") or None
        return LakeCatalog(catalog, data, as_of)
    if as_of is not None:
        raise LakeConfigurationError(
            "reading an earlier snapshot needs a shared catalog (--catalog or EMBARGO_CATALOG)"
        )
    return warehouse_path(db)
