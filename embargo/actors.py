"""The actor registry: names of countries, armed groups, organisations and other parties that
users add or correct without touching the committed reference data.

An entry maps one spelling, as a source writes it (`Some Militia (Chad)*`, `Ansar Allah`), to a
country code and an actor type, like a row of data/reference/country_aliases.csv, and may name
the actor it stands for (several spellings of one armed group). Entries are kept in the access
store beside the accounts and the audit trail (`embargo.accounts.store`): a SQLite file beside a
local warehouse, the `embargo_access` schema of a shared catalog's PostgreSQL database. So they
survive every rebuild and apply on every machine of a shared deployment. Each change writes its
audit row in the same transaction, with who and when, and what was there before.

The rules, checked against the committed tables and the registry itself:
- a name is one spelling under the alias matching rule (case and spacing do not count);
- `add` refuses a name already known with another mapping (committed or in the registry), and
  an actor already registered in another country; both are shown. A correction is a `set`;
- `set` changes a registry entry, or overrides a committed alias (the committed mapping is
  kept, shown, and applies again when the entry is removed);
- countries come from data/reference/countries.csv; states and historical states need their
  kind of code, non-state actors the country they operate in, organisations and unknown
  parties none.
The warehouse takes the entries into its alias table at every build and after every change
(ingest/registry.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from embargo.accounts import AccessStore, iso_timestamp, store, utc_now
from embargo.audit import append_row
from embargo.config import REFERENCE_DIR

ACTOR_TYPES = ("state", "historical", "non_state", "organisation", "broker", "unknown")
ACTOR_TYPE_WORDS = {
    "state": "a State",
    "historical": "a former State",
    "non_state": "a non-state actor",
    "organisation": "an international organisation",
    "broker": "a broker",
    "unknown": "an unidentified party",
}
MAX_CANDIDATES = 3

REGISTRY_SCHEMA = """
CREATE TABLE IF NOT EXISTS actor_registry (
    name_normalized TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    country_iso3 TEXT,
    actor_type TEXT NOT NULL CHECK (
        actor_type IN ('state', 'historical', 'non_state', 'organisation', 'broker', 'unknown')),
    actor_name TEXT,
    note TEXT NOT NULL DEFAULT '',
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL
)
"""


class RegistryError(Exception):
    """A registry change that cannot be made; the message says why, with what it conflicts, in
    the command line's words. `reason` names the rule that refused it (one of REFUSALS) and
    `facts` its particulars (names, Mapping objects, codes, candidates), so a page says the same
    in the reader's language and words (dashboard/actor_refusals.py)."""

    def __init__(self, message: str, reason: str, **facts: object) -> None:
        super().__init__(message)
        self.reason = reason
        self.facts = facts


# Every reason a change is refused for.
REFUSALS = (
    "name_needed",
    "unknown_type",
    "unknown_country",
    "broker_in_former_state",
    "no_country_for_kind",
    "country_needed",
    "former_state",
    "not_former_state",
    "actor_elsewhere",
    "committed_alias",
    "registry_entry",
    "no_entry",
    "committed_not_registry",
)


def normalize_name(name: str) -> str:
    """The alias matching rule of data/reference/country_aliases.csv: case, surrounding and
    repeated white space do not distinguish names."""
    return " ".join(name.split()).lower()


@dataclass(frozen=True)
class Mapping:
    """What a name stands for."""

    country_iso3: str | None
    actor_type: str
    actor_name: str | None = None

    def describe(self) -> str:
        where = f" ({self.country_iso3})" if self.country_iso3 else ""
        actor = f", the actor '{self.actor_name}'" if self.actor_name else ""
        return f"{ACTOR_TYPE_WORDS[self.actor_type]}{where}{actor}"


@dataclass(frozen=True)
class Entry:
    """One registry entry, with who added and last changed it, and when."""

    name: str
    country_iso3: str | None
    actor_type: str
    actor_name: str | None
    note: str
    added_by: str
    added_at: str
    changed_by: str
    changed_at: str

    @property
    def mapping(self) -> Mapping:
        return Mapping(self.country_iso3, self.actor_type, self.actor_name)

    @property
    def name_normalized(self) -> str:
        return normalize_name(self.name)


@dataclass(frozen=True)
class CommittedAlias:
    name: str
    mapping: Mapping
    note: str


def committed_aliases(folder: Path = REFERENCE_DIR) -> dict[str, CommittedAlias]:
    """The committed alias table by normalised name."""
    with (folder / "country_aliases.csv").open(encoding="utf-8", newline="") as handle:
        return {
            normalize_name(row["alias"]): CommittedAlias(
                row["alias"],
                Mapping(row["country_iso3"] or None, row["actor_type"]),
                row["note"],
            )
            for row in csv.DictReader(handle)
        }


@dataclass(frozen=True)
class Country:
    name: str
    is_historical: bool


def committed_countries(folder: Path = REFERENCE_DIR) -> dict[str, Country]:
    """Country code -> its name and whether it is a former State."""
    with (folder / "countries.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["country_iso3"]: Country(row["country_name"], row["is_historical"] == "true")
            for row in csv.DictReader(handle)
        }


def country_candidate_codes(value: str, countries: dict[str, Country]) -> list[str]:
    """Codes whose code, country name or committed alias is closest to a mistyped code: 'CHD'
    -> TCD (Chad), 'DRC' -> COD."""
    by_text = {
        alias.name: alias.mapping.country_iso3
        for alias in committed_aliases().values()
        if alias.mapping.country_iso3 in countries and alias.mapping.actor_type != "non_state"
    }
    by_text.update({country.name: code for code, country in countries.items()})
    by_text.update({code: code for code in countries})
    codes: list[str] = []
    for text in close_candidates(value, by_text, limit=3 * MAX_CANDIDATES):
        if by_text[text] not in codes:
            codes.append(by_text[text])
    return codes[:MAX_CANDIDATES]


# Candidates at least this alike (rapidfuzz's ratio, 0-100). On 637 misspellings of the real
# SIPRI names, the true name came first for 98.4% and among three for 99.1%, as with difflib's
# get_close_matches at 0.6, a hundred times faster (bench/README.md, bench_name_matching.py).
CANDIDATE_MIN_RATIO = 60


def close_candidates(name: str, known: Iterable[str], limit: int = MAX_CANDIDATES) -> list[str]:
    """Up to `limit` known names closest to `name`, best first ("did you mean ...")."""
    by_key: dict[str, str] = {}
    for candidate in known:
        by_key.setdefault(normalize_name(candidate), candidate)
    found = process.extract(
        normalize_name(name),
        list(by_key),
        scorer=fuzz.ratio,
        limit=limit,
        score_cutoff=CANDIDATE_MIN_RATIO,
    )
    return [by_key[key] for key, _, _ in found]


# --- the store ---------------------------------------------------------------------------------

_ENTRY_COLUMNS = (
    "name, country_iso3, actor_type, actor_name, note, added_by, added_at, changed_by, changed_at"
)


def _ensure(con) -> None:
    con.execute(REGISTRY_SCHEMA)
    _admit_every_actor_type(con)


def _admit_every_actor_type(con) -> None:
    """A store made before the broker kind existed checks actor_type against the older list:
    its check is replaced by this version's (the entries stay as they are)."""
    if isinstance(con, sqlite3.Connection):
        (table_sql,) = con.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'actor_registry'"
        ).fetchone()
        if "'broker'" in table_sql:
            return
        # SQLite cannot change a check: the table is made again and its rows copied over.
        con.execute("ALTER TABLE actor_registry RENAME TO actor_registry_before_brokers")
        con.execute(REGISTRY_SCHEMA)
        con.execute("INSERT INTO actor_registry SELECT * FROM actor_registry_before_brokers")
        con.execute("DROP TABLE actor_registry_before_brokers")
        return
    (definition,) = con.execute(
        "SELECT coalesce(string_agg(pg_get_constraintdef(oid), ' '), '') FROM pg_constraint "
        "WHERE conrelid = 'actor_registry'::regclass AND contype = 'c'"
    ).fetchone()
    if "'broker'" in definition:
        return
    con.execute(
        "ALTER TABLE actor_registry DROP CONSTRAINT IF EXISTS actor_registry_actor_type_check"
    )
    con.execute(
        "ALTER TABLE actor_registry ADD CONSTRAINT actor_registry_actor_type_check CHECK ("
        "actor_type IN (" + ", ".join(f"'{kind}'" for kind in ACTOR_TYPES) + "))"
    )


def list_entries(path: AccessStore | None = None) -> list[Entry]:
    """Every entry, by name. A local store that does not exist yet has none (and is not made)."""
    if isinstance(path, Path) and not path.exists():
        return []
    with store(path) as con:
        _ensure(con)
        rows = con.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM actor_registry ORDER BY name_normalized"  # noqa: S608
        ).fetchall()
    return [Entry(*row) for row in rows]


def _entry_by_key(con, key: str) -> Entry | None:
    row = con.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM actor_registry WHERE name_normalized = ?",  # noqa: S608
        [key],
    ).fetchone()
    return Entry(*row) if row else None


def _clean(text: str | None) -> str | None:
    text = " ".join((text or "").split())
    return text or None


def validate_mapping(mapping: Mapping, countries: dict[str, Country]) -> Mapping:
    """The mapping as stored, or RegistryError saying what is wrong with it."""
    if mapping.actor_type not in ACTOR_TYPES:
        raise RegistryError(
            f"unknown actor type '{mapping.actor_type}': expected one of {', '.join(ACTOR_TYPES)}",
            "unknown_type",
            kind=mapping.actor_type,
        )
    code = (mapping.country_iso3 or "").strip().upper() or None
    kind = mapping.actor_type
    if kind == "broker":
        # A broker (a company or a person) may be registered without the country it is based in.
        if code is not None and code not in countries:
            _refuse_unknown_country(code, countries)
        if code is not None and countries[code].is_historical:
            raise RegistryError(
                f"{code} is a former State: a broker is based in a present-day State",
                "broker_in_former_state",
                code=code,
            )
    elif kind in ("organisation", "unknown"):
        if code:
            raise RegistryError(
                f"{ACTOR_TYPE_WORDS[kind]} has no country: leave --country out (a non-state "
                "actor has the country it operates in)",
                "no_country_for_kind",
                kind=kind,
            )
    else:
        if code is None:
            what = "operates in" if kind == "non_state" else "is"
            raise RegistryError(
                f"{ACTOR_TYPE_WORDS[kind]} needs --country: the country it {what}",
                "country_needed",
                kind=kind,
            )
        if code not in countries:
            _refuse_unknown_country(code, countries)
        if kind == "state" and countries[code].is_historical:
            raise RegistryError(
                f"{code} is a former State: use --type historical", "former_state", code=code
            )
        if kind == "historical" and not countries[code].is_historical:
            raise RegistryError(
                f"{code} is not a former State: use --type state", "not_former_state", code=code
            )
    return Mapping(code, kind, _clean(mapping.actor_name))


def _refuse_unknown_country(code: str, countries: dict[str, Country]) -> None:
    near = country_candidate_codes(code, countries)
    named = [f"{near_code} ({countries[near_code].name})" for near_code in near]
    hint = f"; did you mean {', '.join(named)}?" if near else ""
    raise RegistryError(
        f"country '{code}' is not a code of data/reference/countries.csv{hint}",
        "unknown_country",
        code=code,
        candidates=near,
    )


def _same_actor_elsewhere(con, mapping: Mapping, key: str) -> Entry | None:
    """Another entry naming the same actor with another country or type."""
    if not mapping.actor_name:
        return None
    rows = con.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM actor_registry "  # noqa: S608
        "WHERE lower(actor_name) = lower(?) AND name_normalized <> ?",
        [mapping.actor_name, key],
    ).fetchall()
    for row in rows:
        other = Entry(*row)
        if (other.country_iso3, other.actor_type) != (mapping.country_iso3, mapping.actor_type):
            return other
    return None


def _refuse_actor_conflict(con, name: str, mapping: Mapping, key: str) -> None:
    other = _same_actor_elsewhere(con, mapping, key)
    if other is not None:
        raise RegistryError(
            f"'{name}' as {mapping.describe()} conflicts with the registry entry "
            f"'{other.name}': {other.mapping.describe()} (added by {other.added_by} on "
            f"{other.added_at[:10]}); one actor has one country and type: correct that entry "
            "first with `embargo actors set`",
            "actor_elsewhere",
            name=name,
            mapping=mapping,
            entry=other,
        )


def _detail(entry_name: str, mapping: Mapping, note: str | None, before: dict | None) -> dict:
    detail = {"name": entry_name, **asdict(mapping), "note": note or ""}
    if before is not None:
        detail["before"] = before
    return detail


def add_entry(
    name: str,
    mapping: Mapping,
    note: str | None,
    user: str,
    path: AccessStore | None = None,
    now: dt.datetime | None = None,
) -> Entry:
    """Add a name that nothing maps yet."""
    name = _clean(name) or ""
    if not name:
        raise RegistryError("a name is needed", "name_needed")
    mapping = validate_mapping(mapping, committed_countries())
    key = normalize_name(name)
    committed = committed_aliases().get(key)
    if committed is not None:
        same = (committed.mapping.country_iso3, committed.mapping.actor_type) == (
            mapping.country_iso3,
            mapping.actor_type,
        )
        verdict = "already maps it the same way" if same else "maps it otherwise"
        raise RegistryError(
            f"'{name}' as {mapping.describe()}: the committed alias table {verdict}: "
            f"'{committed.name}' is {committed.mapping.describe()}"
            + ("" if same else "; to correct it, use `embargo actors set`"),
            "committed_alias",
            name=name,
            mapping=mapping,
            alias=committed,
            same=same,
        )
    stamp = iso_timestamp(now or utc_now())
    with store(path) as con:
        _ensure(con)
        existing = _entry_by_key(con, key)
        if existing is not None:
            raise RegistryError(
                f"'{name}' as {mapping.describe()} conflicts with the registry entry "
                f"'{existing.name}': {existing.mapping.describe()} (added by {existing.added_by} "
                f"on {existing.added_at[:10]}); to correct it, use `embargo actors set`",
                "registry_entry",
                name=name,
                mapping=mapping,
                entry=existing,
            )
        _refuse_actor_conflict(con, name, mapping, key)
        con.execute(
            f"INSERT INTO actor_registry (name_normalized, {_ENTRY_COLUMNS}) "  # noqa: S608
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [key, name, mapping.country_iso3, mapping.actor_type, mapping.actor_name,
             note or "", user, stamp, user, stamp],
        )  # fmt: skip
        append_row(con, user, "actor_added", name, _detail(name, mapping, note, None), stamp)
        return _entry_by_key(con, key)


def set_entry(
    name: str,
    mapping: Mapping,
    note: str | None,
    user: str,
    path: AccessStore | None = None,
    now: dt.datetime | None = None,
) -> tuple[Entry, dict]:
    """Correct a registry entry, or override a committed alias; returns the entry and what the
    name meant before."""
    name = _clean(name) or ""
    mapping = validate_mapping(mapping, committed_countries())
    key = normalize_name(name)
    committed = committed_aliases().get(key)
    stamp = iso_timestamp(now or utc_now())
    with store(path) as con:
        _ensure(con)
        existing = _entry_by_key(con, key)
        if existing is None and committed is None:
            known = [entry.name for entry in _all(con)] + [
                alias.name for alias in committed_aliases().values()
            ]
            raise _unknown(name, known, "add it with `embargo actors add`")
        _refuse_actor_conflict(con, name, mapping, key)
        if existing is not None:
            before = {"registry": {**asdict(existing.mapping), "note": existing.note}}
            con.execute(
                "UPDATE actor_registry SET name = ?, country_iso3 = ?, actor_type = ?, "
                "actor_name = ?, note = ?, changed_by = ?, changed_at = ? "
                "WHERE name_normalized = ?",
                [name, mapping.country_iso3, mapping.actor_type, mapping.actor_name,
                 note if note is not None else existing.note, user, stamp, key],
            )  # fmt: skip
        else:
            before = {"committed": {**asdict(committed.mapping), "note": committed.note}}
            con.execute(
                f"INSERT INTO actor_registry (name_normalized, {_ENTRY_COLUMNS}) "  # noqa: S608
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [key, name, mapping.country_iso3, mapping.actor_type, mapping.actor_name,
                 note or "", user, stamp, user, stamp],
            )  # fmt: skip
        append_row(con, user, "actor_changed", name, _detail(name, mapping, note, before), stamp)
        return _entry_by_key(con, key), before


def remove_entry(
    name: str, user: str, path: AccessStore | None = None, now: dt.datetime | None = None
) -> Entry:
    """Remove a registry entry (a committed alias it overrode applies again)."""
    key = normalize_name(name)
    stamp = iso_timestamp(now or utc_now())
    with store(path) as con:
        _ensure(con)
        existing = _entry_by_key(con, key)
        if existing is None:
            committed = committed_aliases().get(key)
            if committed is not None:
                raise RegistryError(
                    f"'{name}' is in the committed alias table ({committed.mapping.describe()}), "
                    "not in the registry: correct it with `embargo actors set`",
                    "committed_not_registry",
                    name=name,
                    alias=committed,
                )
            raise _unknown(name, [entry.name for entry in _all(con)], "")
        con.execute("DELETE FROM actor_registry WHERE name_normalized = ?", [key])
        before = {"registry": {**asdict(existing.mapping), "note": existing.note}}
        detail = {"name": existing.name, "before": before}
        append_row(con, user, "actor_removed", existing.name, detail, stamp)
    return existing


def _all(con) -> list[Entry]:
    rows = con.execute(f"SELECT {_ENTRY_COLUMNS} FROM actor_registry").fetchall()  # noqa: S608
    return [Entry(*row) for row in rows]


def _unknown(name: str, known: Sequence[str], then: str) -> RegistryError:
    """The refusal of a change to a name the registry lacks; `then` says what to do instead
    (the add command) when one does."""
    near = close_candidates(name, known)
    hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""
    return RegistryError(
        f"no registry entry '{name}'{hint}" + (f" ({then})" if then and not near else ""),
        "no_entry",
        name=name,
        candidates=near,
        may_add=bool(then),
    )


def entries_digest(entries: Sequence[Entry]) -> str:
    """The entries as one canonical JSON text (their SHA-256 identifies a registry state)."""
    return json.dumps([asdict(entry) for entry in entries], sort_keys=True, ensure_ascii=False)
