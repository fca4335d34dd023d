"""Every EMBARGO_* setting, defined once: its name, what it does, the values it takes and its
default. The code reads a setting only through value(); `embargo config` prints each with its
value and where that came from, and the README's settings table is generated from SETTINGS
(`python -m embargo.settings` rewrites it; tests/test_settings.py fails while it is stale).

A setting comes from, first to last:
1. the environment (an empty value counts as unset),
2. the configuration file: EMBARGO_CONFIG, else /etc/embargo-monitor/embargo.toml when it exists;
   TOML, each setting under its name without the EMBARGO_ prefix, in lower case
   (`db = "/var/lib/embargo-monitor/warehouse.duckdb"`, `query_cache_mb = 512`),
3. its default.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SYSTEM_CONFIG_FILE = Path("/etc/embargo-monitor/embargo.toml")


class SettingsError(Exception):
    """A configuration file that cannot be used; the message names the file and the fault."""


@dataclass(frozen=True)
class Setting:
    name: str
    description: str
    # What values it takes, as the README's table says it.
    values: str
    # The value when neither the environment nor the file sets one (None: unset); a function for
    # defaults that depend on where the program runs from.
    default: str | Callable[[], str] | None = None
    # The default as the README states it, when `default` is a function.
    documented_default: str | None = None
    # Read from the environment only (the configuration file cannot name itself).
    environment_only: bool = False

    @property
    def file_key(self) -> str:
        return self.name.removeprefix("EMBARGO_").lower()

    def default_value(self) -> str | None:
        return self.default() if callable(self.default) else self.default

    @property
    def default_text(self) -> str:
        if self.documented_default is not None:
            return self.documented_default
        return "unset" if self.default is None else f"`{self.default}`"


def _default_db() -> str:
    from embargo.config import DEFAULT_DB

    return str(DEFAULT_DB)


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "EMBARGO_CONFIG",
        "the configuration file read for the settings below that the environment does not set",
        "a TOML file path",
        str(SYSTEM_CONFIG_FILE),
        documented_default=f"`{SYSTEM_CONFIG_FILE}` (when it exists)",
        environment_only=True,
    ),
    Setting(
        "EMBARGO_DB",
        "the local warehouse file (`--db` wins); its raw files are kept in `raw/` beside it",
        "a file path",
        _default_db,
        documented_default="`data/build/warehouse.duckdb` in a checkout, "
        "`~/.local/share/embargo-monitor/warehouse.duckdb` when installed",
    ),
    Setting(
        "EMBARGO_CATALOG",
        "a shared DuckLake catalog, used instead of the local file (`--catalog` wins); "
        "the password comes from PGPASSWORD or ~/.pgpass, never from here",
        "`ducklake:postgres:dbname=... host=... user=...`",
    ),
    Setting(
        "EMBARGO_LAKE_DATA",
        "the shared catalog's data folder, which also holds its raw files (`--lake-data` wins)",
        "a folder path",
    ),
    Setting(
        "EMBARGO_AS_OF",
        "read the shared catalog as it was at this snapshot (`--as-of` wins)",
        "a snapshot number",
    ),
    Setting(
        "EMBARGO_ACCESS_DB",
        "the accounts and audit trail; by default beside the warehouse "
        "(`<warehouse>.access.sqlite`) or in the shared catalog's PostgreSQL database",
        "a SQLite file path, or `postgres:` and a connection string",
    ),
    Setting(
        "EMBARGO_AUTH_MODE",
        "how the dashboard knows its viewer",
        "`accounts`, `proxy` or `local`",
        "accounts",
    ),
    Setting(
        "EMBARGO_PROXY_USER_HEADER",
        "with `proxy`: the request header in which the authenticating proxy names the account",
        "a header name",
    ),
    Setting(
        "EMBARGO_CLIENT_ADDRESS_HEADER",
        "behind a reverse proxy: the request header in which it passes the client's address, "
        "the source the sign-in limits count per (set it only behind such a proxy)",
        "a header name",
    ),
    Setting(
        "EMBARGO_CLEARANCE",
        "with `local`: the operator's clearance (also that of `embargo export briefing`)",
        "`public`, `restricted`, `confidential` or `strictly_confidential`",
        "strictly_confidential",
    ),
    Setting(
        "EMBARGO_SESSION_MINUTES",
        "a dashboard session ends after this long without activity",
        "minutes",
        "30",
    ),
    Setting(
        "EMBARGO_QUERY_CACHE_MB",
        "memory for query results shared by a dashboard process's sessions (0 turns it off)",
        "megabytes",
        "256",
    ),
    Setting(
        "EMBARGO_QUERY_MEMORY_MB",
        "the most memory DuckDB may use for a dashboard process's queries, all sessions together "
        "(its `memory_limit`; larger intermediate results go to temporary files); 0 leaves "
        "DuckDB's own limit, 80% of the machine's memory",
        "megabytes (2^20 bytes)",
        "2048",
    ),
    Setting(
        "EMBARGO_CATALOG_COPY_MB",
        "a shared catalog's tables whose data files hold at most this much are copied into a "
        "dashboard process's memory, and a query reading only such tables reads the copies (each "
        "copied again when a load changes its table); 0 reads every table from the catalog",
        "megabytes (2^20 bytes)",
        "8",
    ),
    Setting(
        "EMBARGO_TRACE_DEADLINE_DAYS",
        "a trace request still unanswered this long after it was sent is overdue (Tracing page)",
        "days",
        "90",
    ),
    Setting(
        "EMBARGO_DOUBLE_REPORT_DAYS",
        "two sightings of one item by different reporting entities at most this many days apart "
        "(and EMBARGO_DOUBLE_REPORT_KM apart) are flagged as possibly one report (Item search)",
        "days",
        "30",
    ),
    Setting(
        "EMBARGO_DOUBLE_REPORT_KM",
        "the distance within which two such sightings are flagged as possibly one report",
        "kilometres",
        "25",
    ),
    Setting(
        "EMBARGO_UPLOAD_MAX_MB",
        "the largest file the Upload page takes",
        "megabytes (10^6 bytes)",
        "50",
    ),
    Setting(
        "EMBARGO_UPLOAD_SESSION_MB",
        "the most uploaded files one dashboard session may hold (`embargo serve`)",
        "megabytes (10^6 bytes)",
        "200",
    ),
    Setting(
        "EMBARGO_UPLOAD_SERVER_MB",
        "the most uploaded files all sessions of a dashboard process may hold (`embargo serve`)",
        "megabytes (10^6 bytes)",
        "1000",
    ),
    Setting(
        "EMBARGO_MAX_INPUT_MB",
        "the largest file `embargo ingest` and `embargo watch` load",
        "megabytes (2^20 bytes)",
        "512",
    ),
    Setting(
        "EMBARGO_TILE_URL",
        "a mission's own tile server for the Leaflet maps (no tiles when unset)",
        "a URL template with `{z}`, `{x}` and `{y}`",
    ),
    Setting(
        "EMBARGO_TILE_ATTRIBUTION",
        "the attribution shown with those tiles",
        "text",
        "Tiles: mission tile server",
    ),
)
BY_NAME = {setting.name: setting for setting in SETTINGS}
_BY_FILE_KEY = {setting.file_key: setting for setting in SETTINGS if not setting.environment_only}

# The parsed configuration file by (path, modification time): read again only when it changes.
_file_cache: dict[tuple[str, int], dict[str, str]] = {}


def config_file() -> Path | None:
    """The configuration file in force: EMBARGO_CONFIG (which must exist), else the system one
    when it exists, else None."""
    named = os.environ.get("EMBARGO_CONFIG")
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            raise SettingsError(f"EMBARGO_CONFIG names {path}, which is not a file")
        return path
    return SYSTEM_CONFIG_FILE if SYSTEM_CONFIG_FILE.is_file() else None


def file_settings(path: Path) -> dict[str, str]:
    """The settings a configuration file sets, as EMBARGO_* name -> text."""
    key = (str(path), path.stat().st_mtime_ns)
    if key in _file_cache:
        return _file_cache[key]
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(f"{path}: cannot be read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path}: not valid TOML: {error}") from None
    found = {}
    for name, raw in table.items():
        setting = _BY_FILE_KEY.get(name)
        if setting is None:
            close = difflib.get_close_matches(name, _BY_FILE_KEY, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise SettingsError(
                f"{path}: unknown setting {name!r}{hint} (known: {', '.join(_BY_FILE_KEY)})"
            )
        if isinstance(raw, bool):
            text = str(raw).lower()
        elif isinstance(raw, str | int | float):
            text = str(raw)
        else:
            raise SettingsError(
                f"{path}: {name} must be a string or a number, not {type(raw).__name__}"
            )
        found[setting.name] = text
    _file_cache.clear()
    _file_cache[key] = found
    return found


def lookup(name: str) -> tuple[str | None, str]:
    """A setting's value and where it came from: 'environment', 'file PATH' or 'default'."""
    setting = BY_NAME[name]  # a KeyError here is a setting missing from SETTINGS
    from_environment = os.environ.get(name)
    if from_environment:
        return from_environment, "environment"
    if not setting.environment_only:
        path = config_file()
        if path is not None:
            from_file = file_settings(path).get(name)
            if from_file:
                return from_file, f"file {path}"
    return setting.default_value(), "default"


def value(name: str) -> str | None:
    """A setting's value (None when unset)."""
    return lookup(name)[0]


# --- The README's table -----------------------------------------------------------------------

README_BEGIN = "<!-- settings: generated by `python -m embargo.settings` -->"
README_END = "<!-- end of settings -->"


def markdown_table() -> str:
    rows = ["| setting | does | values | default |", "|---|---|---|---|"]
    for setting in SETTINGS:
        cells = [f"`{setting.name}`", setting.description, setting.values, setting.default_text]
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(rows)


def readme_with_table(readme: str) -> str:
    """The README with the text between its settings markers replaced by markdown_table()."""
    pattern = re.compile(re.escape(README_BEGIN) + r"\n.*?" + re.escape(README_END), re.DOTALL)
    if not pattern.search(readme):
        raise ValueError(f"the README has no {README_BEGIN} ... {README_END} block")
    return pattern.sub(lambda _: f"{README_BEGIN}\n{markdown_table()}\n{README_END}", readme)


def main() -> int:
    """Rewrite the README's settings table from SETTINGS (run from the checkout)."""
    readme = Path(__file__).resolve().parents[1] / "README.md"
    text = readme.read_text(encoding="utf-8")
    updated = readme_with_table(text)
    if updated != text:
        readme.write_text(updated, encoding="utf-8")
        print(f"updated the settings table in {readme}")
    else:
        print("the README's settings table is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
