"""The admin-1 check of seizure records: each event's `admin1` value is compared with the
admin-1 areas of its country in the maps' layer (embargo.geo_layers, Natural Earth 1:10m). A
value that names no area is a warning, never a reject: the layer may lag behind a country's
reorganisation (the Central African Republic's 2020 prefectures), and the record is right as
its source wrote it. Each warning names the file, row, column, value and the closest names. The
committed other spellings of areas (admin1_aliases: North Kivu for Nord-Kivu) and the areas'
ISO 3166-2 codes (CD-NK) name their area too."""

from __future__ import annotations

import difflib
import functools
import unicodedata

import duckdb

from embargo import geo_layers

COLUMN = "admin1"


def folded(text: str) -> str:
    """Case, accents, apostrophes, hyphens and spaces left out: `Ombella M'Poko` and
    `ombella-mpoko` are one name."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def unknown_admin1_message(file_name: str, row: int, iso3: str, value: str) -> str | None:
    """The warning for one value, or None when it names an area of the country (or the layer
    has no areas for the country: nothing to check against)."""
    candidates = closest_areas(iso3, value)
    if candidates is None:
        return None
    return (
        f"{file_name} row {row}, column {COLUMN}: '{value}' is not an admin-1 area of {iso3} "
        f"on the maps (Natural Earth); closest: {candidates}"
    )


# A file of a million lines repeats a few hundred (country, admin1) values: each is looked up
# once (the close matches cost about a tenth of a millisecond each).
@functools.lru_cache(maxsize=65536)
def closest_areas(iso3: str, value: str) -> str | None:
    """None when `value` names an area of the country (or the layer has none for it); else the
    closest areas' names, quoted, or 'none close'."""
    by_fold = areas_by_fold(iso3)
    if not by_fold:
        return None
    if folded(value) in by_fold:
        return None
    close = difflib.get_close_matches(folded(value), list(by_fold), n=3, cutoff=0.6)
    return ", ".join(f"'{by_fold[key]}'" for key in close) or "none close"


@functools.lru_cache(maxsize=512)
def areas_by_fold(iso3: str) -> dict[str, str]:
    """The country's admin-1 names in the layer, by their folded spelling."""
    return {folded(name): name for name in geo_layers.admin1_names(iso3)}


def admin1_warnings(con: duckdb.DuckDBPyConnection, load_id: str) -> list[str]:
    """The warnings of one seizures load, by row: one per event whose admin1 names no area."""
    rows = con.execute(
        "SELECT file_name, source_row_number, country_iso3, admin1 FROM seizure_events "
        "WHERE load_id = ? AND admin1 IS NOT NULL ORDER BY source_row_number",
        [load_id],
    ).fetchall()
    other_names: dict[str, set[str]] = {}
    for iso3, name in con.execute(
        "SELECT country_iso3, alias FROM admin1_aliases UNION ALL "
        "SELECT country_iso3, iso_3166_2 FROM admin1_areas WHERE iso_3166_2 IS NOT NULL"
    ).fetchall():
        other_names.setdefault(iso3, set()).add(folded(name))
    found = []
    for file_name, row, iso3, value in rows:
        if folded(value) in other_names.get(iso3, set()):
            continue
        message = unknown_admin1_message(file_name, row, iso3, value)
        if message is not None:
            found.append(message)
    return found
