"""Checks for the committed country reference files in data/reference/.

countries.csv holds one row per country code (current ISO 3166-1 entries, Kosovo and a few
historical codes); country_aliases.csv maps every spelling the project meets (SIPRI names,
UN names, ISO names, common variants) to one of those codes. The integration test at the end
reads the SIPRI exports kept next to the repository (../shared/data/sipri) and checks that
every supplier and recipient name in them maps; it is skipped when that folder is absent.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO / "data" / "reference"
COUNTRIES_CSV = REFERENCE / "countries.csv"
ALIASES_CSV = REFERENCE / "country_aliases.csv"

COUNTRY_COLUMNS = [
    "country_iso3",
    "country_iso2",
    "m49_code",
    "country_name",
    "region",
    "sub_region",
    "is_historical",
    "note",
]
ALIAS_COLUMNS = ["alias", "country_iso3", "actor_type", "note"]
ACTOR_TYPES = {"state", "non_state", "organisation", "historical", "unknown"}
HISTORICAL_CODES = {"SUN", "YUG", "CSK", "DDR", "YMD", "YAR", "ANT", "SCG", "VDR", "RVN"}


def normalise(name: str) -> str:
    """The alias matching rule: trim, collapse internal whitespace, ignore case."""
    return " ".join(name.split()).lower()


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@pytest.fixture(scope="module")
def countries() -> list[dict[str, str]]:
    return read_csv(COUNTRIES_CSV)[1]


@pytest.fixture(scope="module")
def aliases() -> list[dict[str, str]]:
    return read_csv(ALIASES_CSV)[1]


@pytest.fixture(scope="module")
def alias_map(aliases: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {normalise(row["alias"]): row for row in aliases}


@pytest.mark.parametrize(
    ("path", "columns"), [(COUNTRIES_CSV, COUNTRY_COLUMNS), (ALIASES_CSV, ALIAS_COLUMNS)]
)
def test_file_format_and_header(path: Path, columns: list[str]) -> None:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    assert b"\r" not in raw, "LF line ends only"
    assert raw.endswith(b"\n")
    raw.decode("utf-8")
    header, rows = read_csv(path)
    assert header == columns
    assert rows
    for row in rows:
        assert None not in row and all(value is not None for value in row.values()), row
        assert all(value == value.strip() for value in row.values()), row


def test_countries_rows(countries: list[dict[str, str]]) -> None:
    codes = [row["country_iso3"] for row in countries]
    assert len(codes) == len(set(codes)), "duplicate country_iso3"
    assert codes == sorted(codes)
    current = [row for row in countries if row["is_historical"] == "false"]
    historical = [row for row in countries if row["is_historical"] == "true"]
    assert len(current) + len(historical) == len(countries)
    assert len(current) == 249 + 1  # ISO 3166-1 entries plus Kosovo (XKX)
    assert {row["country_iso3"] for row in historical} == HISTORICAL_CODES
    iso2_current = [row["country_iso2"] for row in current]
    assert len(iso2_current) == len(set(iso2_current)), "duplicate current country_iso2"
    for row in countries:
        assert re.fullmatch(r"[A-Z]{3}", row["country_iso3"]), row
        assert re.fullmatch(r"([A-Z]{2})?", row["country_iso2"]), row
        assert re.fullmatch(r"(\d{3})?", row["m49_code"]), row
        assert row["country_name"], row
        # Codes outside ISO 3166-1 (and blank M49 codes) must be explained.
        if row["is_historical"] == "true" or not row["m49_code"]:
            assert row["note"], row
    by_code = {row["country_iso3"]: row for row in countries}
    assert by_code["XKX"]["country_iso2"] == "XK"
    assert by_code["XKX"]["region"] == "Europe"
    assert by_code["COD"]["m49_code"] == "180"
    assert by_code["AFG"]["m49_code"] == "004"
    assert (by_code["COD"]["region"], by_code["COD"]["sub_region"]) == (
        "Africa",
        "Sub-Saharan Africa",
    )


def test_aliases_sorted_and_unique(aliases: list[dict[str, str]]) -> None:
    keys = [normalise(row["alias"]) for row in aliases]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert not duplicates, f"aliases equal after normalisation: {duplicates}"
    assert keys == sorted(keys)
    for row in aliases:
        assert row["alias"] == " ".join(row["alias"].split()), row


def test_alias_codes_and_actor_types(
    aliases: list[dict[str, str]], countries: list[dict[str, str]]
) -> None:
    historical = {row["country_iso3"] for row in countries if row["is_historical"] == "true"}
    known = {row["country_iso3"] for row in countries}
    for row in aliases:
        code, actor_type = row["country_iso3"], row["actor_type"]
        assert actor_type in ACTOR_TYPES, row
        assert code == "" or code in known, row
        if actor_type == "organisation":
            assert code == "", row
        if actor_type == "state":
            assert code and code not in historical, row
        if actor_type == "historical":
            assert code in historical, row
        if actor_type in {"non_state", "unknown"} and not code:
            assert row["note"] or row["alias"].startswith("unknown"), row
        # SIPRI conventions: "**" marks an international organisation, "*" a non-state actor.
        if row["alias"].endswith("**"):
            assert actor_type == "organisation", row
        elif row["alias"].endswith("*"):
            assert actor_type in {"non_state", "unknown"}, row


def test_every_country_name_is_an_alias(
    countries: list[dict[str, str]], alias_map: dict[str, dict[str, str]]
) -> None:
    for row in countries:
        alias = alias_map.get(normalise(row["country_name"]))
        assert alias is not None, row
        assert alias["country_iso3"] == row["country_iso3"], (row, alias)


@pytest.mark.parametrize(
    ("name", "code", "actor_type"),
    [
        ("DR Congo", "COD", "state"),
        ("Democratic Republic of the Congo", "COD", "state"),
        ("Congo", "COG", "state"),
        ("Turkiye", "TUR", "state"),
        ("Türkiye", "TUR", "state"),
        ("Turkey", "TUR", "state"),
        ("UAE", "ARE", "state"),
        ("North Korea", "PRK", "state"),
        ("Viet Nam", "VNM", "state"),
        ("Vietnam", "VNM", "state"),
        ("Cote d'Ivoire", "CIV", "state"),
        ("Côte d'Ivoire", "CIV", "state"),
        ("Eswatini", "SWZ", "state"),
        ("Kosovo", "XKX", "state"),
        ("Soviet Union", "SUN", "historical"),
        ("Yugoslavia", "YUG", "historical"),
        ("East Germany (GDR)", "DDR", "historical"),
        ("Czechoslovakia", "CSK", "historical"),
        ("South Yemen", "YMD", "historical"),
        ("North Yemen", "YAR", "historical"),
        ("Darfur rebels (Sudan)*", "SDN", "non_state"),
        ("Hezbollah (Lebanon)*", "LBN", "non_state"),
        ("African Union**", "", "organisation"),
        ("United Nations**", "", "organisation"),
        ("NATO**", "", "organisation"),
        ("unknown supplier(s)", "", "unknown"),
        ("unknown recipient(s)", "", "unknown"),
    ],
)
def test_specific_mappings(
    alias_map: dict[str, dict[str, str]], name: str, code: str, actor_type: str
) -> None:
    row = alias_map.get(normalise(name))
    assert row is not None, f"{name!r} has no alias row"
    assert (row["country_iso3"], row["actor_type"]) == (code, actor_type)


def test_matching_ignores_case_and_whitespace(alias_map: dict[str, dict[str, str]]) -> None:
    assert alias_map[normalise("  dr   CONGO ")]["country_iso3"] == "COD"
