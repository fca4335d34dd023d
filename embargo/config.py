"""Where things live: project folders, the SQL and reference data, and the warehouse file."""

import os
from pathlib import Path

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
