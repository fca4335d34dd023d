"""The UN consolidated list of any date through the real ingest path: an old-style list naming
regimes since terminated loads every party whose regime is one of every regime since 1966 (by the
list type it wrote then, or its reference number), with the embargo of the regime's period on the
listing date; an unknown regime is a reject naming the tables; a party a newer list no longer
names is marked delisted on that list's date, never deleted, whatever order the lists come in."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import copy_of, query
from test_sanctions_list_ingest import ENTITY, consolidated_list, individual

from ingest.files import ingest_files


@pytest.fixture
def db(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_of(warehouse, tmp_path_factory.mktemp("regimes"))


def load(db: Path, folder: Path, name: str, text: str):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    [report] = ingest_files(db, [path])
    return report


def test_an_old_list_with_terminated_regimes(db: Path, tmp_path: Path) -> None:
    old = consolidated_list(
        [
            # line 4: the Liberia list type of 2003-2016
            individual(reference="LRi.001", list_type="Liberia", listed_on="2004-03-12"),
            # line 21: a list type no table spells so, a reference prefix of a terminated regime
            individual(reference="CIi.001", list_type="Cote d'Ivoire", listed_on="2006-02-07"),
            # line 38: an unknown regime
            individual(reference="XXi.001", list_type="Narnia"),
            # line 55: a list type written otherwise than today (SouthSudan)
            individual(reference="SSi.001", list_type="South Sudan", listed_on="2018-07-13"),
        ],
        [],
        "2012-05-01T10:00:00Z",
    )
    report = load(db, tmp_path, "2012.xml", old)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (4, 3, 1)
    assert query(
        db,
        "SELECT reference_number, un_list_type, embargo_id, list_date::VARCHAR "
        "FROM sanctioned_parties ORDER BY reference_number",
    ) == [
        ("CIi.001", "Cote d'Ivoire", "un-cote-divoire-2004", "2012-05-01"),
        ("LRi.001", "Liberia", "un-liberia-2003", "2012-05-01"),
        ("SSi.001", "South Sudan", "un-south-sudan-2018", "2012-05-01"),
    ]
    assert query(db, "SELECT row_number, column_name, value, reason FROM rejects") == [
        (38, "UN_LIST_TYPE", "Narnia",
         "regime 'Narnia' of XXi.001 is in none of data/reference/un_list_types.csv, "
         "un_sanctions_regime_periods.csv (by list type) and un_sanctions_regimes.csv (by "
         "reference prefix): add it there with the arms embargo it falls under (or none)"),
    ]  # fmt: skip


def delisted(db: Path) -> list[tuple]:
    return query(
        db,
        "SELECT reference_number, list_date::VARCHAR, delisted_on::VARCHAR, file_name "
        "FROM sanctioned_parties ORDER BY reference_number",
    )


def test_a_party_absent_from_a_newer_list_is_delisted_never_deleted(
    db: Path, tmp_path: Path
) -> None:
    both = [individual(), individual(reference="CDi.902", first="MARIE")]
    load(db, tmp_path, "jan.xml", consolidated_list(both, [], "2025-01-01T10:00:00Z"))
    load(db, tmp_path, "jun.xml", consolidated_list([individual()], [], "2025-06-01T10:00:00Z"))
    # CDi.901 is named by June's list as it was: the list date moves on, the version (and the
    # file, row and load it came from) stays January's, so "as known on" a day before June's
    # list still finds it.
    assert delisted(db) == [
        ("CDi.901", "2025-06-01", None, "jan.xml"),
        ("CDi.902", "2025-01-01", "2025-06-01", "jan.xml"),
    ]
    # A later list naming only another regime's parties says nothing of the DRC's.
    car = consolidated_list([], [ENTITY.format(name="FRONT")], "2025-09-01T10:00:00Z")
    load(db, tmp_path, "sep.xml", car)
    # A later list without CDi.901: delisted on its date; CDi.902 keeps its first delisting.
    drc = [individual(reference="CDi.903", first="PAUL")]
    load(db, tmp_path, "nov.xml", consolidated_list(drc, [], "2025-11-01T10:00:00Z"))
    # An older list loaded last: CDi.904, which no newer list names, was delisted by the first
    # newer list (January).
    older = [individual(), individual(reference="CDi.904", first="ANNE")]
    load(db, tmp_path, "2024.xml", consolidated_list(older, [], "2024-06-01T10:00:00Z"))
    assert delisted(db) == [
        ("CDi.901", "2025-06-01", "2025-11-01", "jan.xml"),
        ("CDi.902", "2025-01-01", "2025-06-01", "jan.xml"),
        ("CDi.903", "2025-11-01", None, "nov.xml"),
        ("CDi.904", "2024-06-01", "2025-01-01", "2024.xml"),
        ("CFe.901", "2025-09-01", None, "sep.xml"),
    ]
