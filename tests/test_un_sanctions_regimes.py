"""Every UN sanctions regime since 1966 (data/reference/un_sanctions_regimes.csv and its periods):
exact counts and rows of the reference tables, the check that guards them (each broken rule makes
it fail), and a consolidated list of 2015 naming a regime terminated in 2016 loading its parties
with no reject."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from embargo.warehouse import connect_read_only, connect_writable, run_checks
from ingest.files import ingest_files

CHECK = "un_sanctions_regimes_consistent"


def rows(con, sql: str, params: list | None = None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def test_every_regime_since_1966_with_its_status(con) -> None:
    assert rows(
        con,
        "SELECT status, arms_embargo, count(*) FROM un_sanctions_regimes GROUP BY ALL ORDER BY ALL",
    ) == [("in force", "none", 2), ("in force", "yes", 13), ("terminated", "none", 1),
          ("terminated", "yes", 17)]  # fmt: skip
    assert rows(
        con,
        "SELECT regime_id, start_date::VARCHAR, end_date::VARCHAR, ended_by FROM "
        "un_sanctions_regimes WHERE start_date < DATE '1993-01-01' ORDER BY start_date",
    ) == [
        ("un-1966-southern-rhodesia", "1966-12-16", "1979-12-21", "S/RES/460 (1979)"),
        ("un-1977-south-africa", "1977-11-04", "1994-05-25", "S/RES/919 (1994)"),
        ("un-1990-iraq-kuwait", "1990-08-06", "2003-11-21", "S/RES/1483 (2003)"),
        ("un-1991-yugoslavia", "1991-09-25", "1996-10-01", "S/RES/1074 (1996)"),
        ("un-1992-somalia", "1992-01-23", None, None),
        ("un-1992-libya", "1992-03-31", "2003-09-12", "S/RES/1506 (2003)"),
        ("un-1992-liberia", "1992-11-19", "2001-03-07", "S/RES/1343 (2001)"),
    ]
    # The regimes without an arms embargo, ever.
    assert rows(
        con, "SELECT regime_id FROM un_sanctions_regimes WHERE arms_embargo = 'none' ORDER BY 1"
    ) == [("un-2005-lebanon",), ("un-2012-guinea-bissau",), ("un-2017-mali",)]


def test_the_somalia_list_over_time(con) -> None:
    """One list whose committee and embargo changed: the periods say which, when."""
    assert rows(
        con,
        "SELECT valid_from::VARCHAR, valid_to::VARCHAR, un_list_type, embargo_id, "
        "committee_name FROM un_sanctions_regime_periods WHERE regime_id = 'un-1992-somalia' "
        "ORDER BY valid_from",
    ) == [
        ("1992-01-23", "2009-12-23", None, "un-somalia-1992",
         "Security Council Committee established pursuant to resolution 751 (1992) concerning "
         "Somalia"),
        ("2009-12-23", "2018-11-14", "Somalia", "un-somalia-1992",
         "Security Council Committee pursuant to resolutions 751 (1992) and 1907 (2009) "
         "concerning Somalia and Eritrea"),
        ("2018-11-14", "2023-12-01", "Somalia", "un-somalia-1992",
         "Security Council Committee pursuant to resolution 751 (1992) concerning Somalia"),
        ("2023-12-01", None, "Somalia", "un-al-shabaab-2023",
         "Security Council Committee pursuant to resolution 2713 (2023) concerning Al-Shabaab"),
    ]  # fmt: skip


def test_every_list_type_names_its_regime(con) -> None:
    assert rows(
        con,
        "SELECT un_list_type, regime_id, embargo_id, seen_in_list_of::VARCHAR FROM un_list_types "
        "WHERE seen_in_list_of IS NULL OR un_list_type IN ('Iran', 'Somalia') ORDER BY 1",
    ) == [
        ("Iran", "un-2006-iran", "un-iran-2025", "2025-11-20"),
        ("Liberia", "un-2003-liberia", "un-liberia-2003", None),
        ("Mali", "un-2017-mali", None, None),
        ("Somalia", "un-1992-somalia", "un-al-shabaab-2023", "2025-11-20"),
    ]
    assert rows(con, "SELECT count(*) FROM un_list_types") == [(16,)]


@pytest.fixture
def writable_copy(warehouse: Path, tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    return path


def check_violations(path: Path) -> int:
    con = connect_read_only(path)
    try:
        return next(check.violations for check in run_checks(con) if check.name == CHECK)
    finally:
        con.close()


@pytest.mark.parametrize(
    ("breaking", "violations"),
    [
        # a period after its regime ended
        (
            "UPDATE un_sanctions_regime_periods SET valid_to = DATE '2017-01-01' "
            "WHERE regime_id = 'un-2003-liberia'",
            1,
        ),
        # a regime without arms embargo linked to one
        (
            "UPDATE un_sanctions_regime_periods SET embargo_id = 'un-libya-2011' "
            "WHERE regime_id = 'un-2017-mali'",
            1,
        ),
        # an embargo that does not exist (and the DPRK embargo is then in no regime)
        (
            "UPDATE un_sanctions_regime_periods SET embargo_id = 'un-narnia-1999' "
            "WHERE regime_id = 'un-2006-dprk'",
            2,
        ),
        # two periods of one regime and embargo overlapping
        (
            "UPDATE un_sanctions_regime_periods SET valid_to = DATE '2019-01-01' "
            "WHERE regime_id = 'un-1992-somalia' AND valid_from = DATE '2009-12-23'",
            1,
        ),
        # a list type whose regime has no period with it
        ("UPDATE un_list_types SET regime_id = 'un-2011-libya' WHERE un_list_type = 'Mali'", 1),
        # an embargo kept by a committee that no regime links
        ("DELETE FROM un_sanctions_regime_periods WHERE embargo_id = 'un-rwanda-1994'", 1),
        # a terminated regime without an end
        ("UPDATE un_sanctions_regimes SET end_date = NULL WHERE regime_id = 'un-2017-mali'", 1),
    ],
)
def test_the_check_finds_each_broken_rule(
    writable_copy: Path, breaking: str, violations: int
) -> None:
    assert check_violations(writable_copy) == 0
    con = connect_writable(writable_copy)
    try:
        con.execute(breaking)
    finally:
        con.close()
    assert check_violations(writable_copy) == violations


OLD_LIST = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<CONSOLIDATED_LIST dateGenerated="2015-06-01T10:00:00.000Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>1</DATAID>
      <VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>INVENTED</FIRST_NAME>
      <SECOND_NAME>PERSON</SECOND_NAME>
      <UN_LIST_TYPE>Liberia</UN_LIST_TYPE>
      <REFERENCE_NUMBER>LRi.901</REFERENCE_NUMBER>
      <LISTED_ON>2004-03-12</LISTED_ON>
    </INDIVIDUAL>
    <INDIVIDUAL>
      <DATAID>2</DATAID>
      <VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>INVENTED</FIRST_NAME>
      <SECOND_NAME>OFFICER</SECOND_NAME>
      <UN_LIST_TYPE>Mali</UN_LIST_TYPE>
      <REFERENCE_NUMBER>MLi.901</REFERENCE_NUMBER>
      <LISTED_ON>2018-12-20</LISTED_ON>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES/>
</CONSOLIDATED_LIST>
"""


def test_a_list_naming_terminated_regimes_loads_without_reject(
    writable_copy: Path, tmp_path: Path
) -> None:
    path = tmp_path / "consolidated-2015.xml"
    path.write_text(OLD_LIST, encoding="utf-8")
    [report] = ingest_files(writable_copy, [path])
    assert (report.status, report.rows_read, report.rows_loaded, report.rows_rejected) == (
        "loaded", 2, 2, 0
    )  # fmt: skip
    con = connect_read_only(writable_copy)
    try:
        assert rows(
            con,
            "SELECT p.reference_number, p.un_list_type, p.embargo_id, l.regime_id "
            "FROM sanctioned_parties AS p JOIN un_list_types AS l USING (un_list_type) "
            "ORDER BY 1",
        ) == [
            ("LRi.901", "Liberia", "un-liberia-2003", "un-2003-liberia"),
            ("MLi.901", "Mali", None, "un-2017-mali"),
        ]
    finally:
        con.close()
