"""Versions of listed parties through the real load (format un-sanctions-list): a more recent
list that gives a party a new alias or another name makes a new version and keeps the one it
replaces with its names; a list that gives the party as it was keeps its version, known since
the list that first gave it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support import copy_of, query
from test_sanctions_list_ingest import consolidated_list, individual, write

import ingest.kit.loads
from embargo.warehouse import connect_read_only
from ingest.files import ingest_files


@pytest.fixture
def db(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_of(warehouse, tmp_path_factory.mktemp("sanctions"))


DAYS = ("2026-01-02", "2026-01-03", "2026-01-10", "2026-02-10")


@pytest.fixture
def load_on(monkeypatch):
    def on(day: str) -> None:
        moment = dt.datetime.fromisoformat(day).replace(hour=9)
        monkeypatch.setattr(ingest.kit.loads, "recorded_now", lambda: moment)

    return on


VERSIONS = (
    "SELECT version, name, file_name FROM sanctioned_parties UNION ALL "
    "SELECT version, name, file_name FROM sanctioned_party_earlier_versions ORDER BY version"
)


def test_a_new_alias_and_a_new_name_make_versions(db: Path, tmp_path: Path, load_on) -> None:
    lists = [
        ("2025.xml", [individual()], "2025-11-20T23:00:09.067Z"),
        ("2025-12.xml", [individual()], "2025-12-20T10:00:00Z"),  # as it was
        ("2026-01.xml", [individual(alias="J.E.")], "2026-01-05T10:00:00Z"),  # a new alias
        ("2026-02.xml", [individual(alias="J.E.", second="EXEMPLE")], "2026-02-05T10:00:00Z"),
    ]
    for (name, parties, generated), day in zip(lists, DAYS, strict=True):
        load_on(day)
        [report] = ingest_files(
            db, [write(tmp_path, name, consolidated_list(parties, [], generated))]
        )
        assert (report.rows_loaded, report.rows_rejected) == (1, 0)
    assert query(db, VERSIONS) == [
        (1, "JOHN EXAMPLE", "2025.xml"),  # the list of 2025-12 gave it as it was
        (2, "JOHN EXAMPLE", "2026-01.xml"),
        (3, "JOHN EXEMPLE", "2026-02.xml"),
    ]
    [(second_load,), (third_load,)] = query(
        db,
        "SELECT load_id FROM load_log WHERE file_name IN ('2026-01.xml', '2026-02.xml') "
        "ORDER BY file_name",
    )
    assert query(
        db,
        "SELECT version, [n.name FOR n IN names IF n.name_kind = 'alias'], superseded_by_load_id "
        "FROM sanctioned_party_earlier_versions ORDER BY version",
    ) == [(1, ["JOHNNY", "Le Général"], second_load), (2, ["J.E.", "Le Général"], third_load)]
    assert query(
        db, "SELECT name FROM sanctioned_party_names WHERE name_kind = 'alias' ORDER BY name"
    ) == [("J.E.",), ("Le Général",)]
    assert query(db, "SELECT list_date FROM sanctioned_parties") == [(dt.date(2026, 2, 5),)]
    # the list that named the party as it was is still a public load (by the names it wrote)
    assert query(
        db,
        "SELECT l.file_name, c.classification FROM load_log AS l "
        "JOIN load_classification_stored AS c USING (load_id) WHERE l.file_name LIKE '%.xml' "
        "ORDER BY l.file_name",
    ) == [(name, "public") for name in ("2025-12.xml", "2025.xml", "2026-01.xml", "2026-02.xml")]
    # as known on a day between the second and the third list: the version with the first alias
    con = connect_read_only(db)
    try:
        known = (
            "SELECT version, name, file_name, recorded_at FROM sanctioned_party_versions "
            "WHERE version_known(recorded_at, superseded_at)"
        )
        con.execute("SET VARIABLE known_on = DATE '2026-01-05'")
        assert con.execute(known).fetchall() == [
            (1, "JOHN EXAMPLE", "2025.xml", dt.datetime(2026, 1, 2, 9))
        ]
        # a day before the list that named it again unchanged: the party was known already
        con.execute("SET VARIABLE known_on = DATE '2026-01-02'")
        assert con.execute(known).fetchall() == [
            (1, "JOHN EXAMPLE", "2025.xml", dt.datetime(2026, 1, 2, 9))
        ]
        con.execute("SET VARIABLE known_on = DATE '2026-01-01'")
        assert con.execute(known).fetchall() == []
        con.execute("SET VARIABLE known_on = DATE '2026-01-20'")
        assert con.execute(known).fetchall() == [
            (2, "JOHN EXAMPLE", "2026-01.xml", dt.datetime(2026, 1, 10, 9))
        ]
    finally:
        con.close()
