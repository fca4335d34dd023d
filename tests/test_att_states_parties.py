"""ATT membership: a State reports to the ATT from the first full calendar year the Treaty is in
force for it (data/reference/att_states_parties.csv), so a year before that with no report of
its own is not covered, never "did not report"; a delivery another State reports still counts; a
State not in the list is read as before. Exact values on invented ATT reports loaded through the
real path."""

from __future__ import annotations

import datetime as dt

import pytest
from support import query
from support.registers import VISIBLE, registers_loaded

from dashboard import profile, queries
from embargo.classification import Classification

ATT_REPORTS = [
    # Benin: the Treaty in force for it on 2017-02-05, so it reports from 2018; a nil report
    # for 2019
    ["Benin", 2019, "import", "actual", "I", "", 0, "", "", "", "nil"],
    # France reports a delivery to Benin in 2016, before Benin was a party: it counts
    ["France", 2016, "export", "actual", "II", "Benin", 2, "", "", "APC", ""],
    # Australia: in force on 2014-12-24, reports from 2015
    ["Australia", 2016, "import", "actual", "II", "France", 3, "", "", "APC", ""],
]

# a line in each of the other registers, about other States
TRADE_REGISTER = [("204", "France", "India", "BTR-80", "APC", "Armoured vehicles", 12, 2019)]
UN_REGISTER = [["France", 2019, "export", "II", "India", 12, "", "", "BTR-80 APC", ""]]


@pytest.fixture(scope="module")
def reported(tmp_path_factory, warehouse):
    folder = tmp_path_factory.mktemp("att_parties")
    db, loaded = registers_loaded(warehouse, folder, TRADE_REGISTER, UN_REGISTER, ATT_REPORTS)
    assert loaded == [("loaded", 1, 0), ("loaded", 1, 0), ("loaded", 3, 0)]
    return db


def test_the_reference_file_is_loaded_with_its_dates(warehouse):
    rows = query(
        warehouse,
        "SELECT country_iso3, deposited_on, instrument, entry_into_force FROM att_states_parties "
        "WHERE country_iso3 IN ('CAF', 'BEN', 'AFG', 'AUS', 'FRA', 'CZE', 'CHN', 'LBN', 'GAB', "
        "'CHE', 'POL') ORDER BY country_iso3",
    )
    assert rows == [
        ("AFG", dt.date(2020, 7, 29), "accession", dt.date(2020, 10, 27)),
        ("AUS", dt.date(2014, 6, 3), "ratification", dt.date(2014, 12, 24)),
        ("BEN", dt.date(2016, 11, 7), "ratification", dt.date(2017, 2, 5)),
        ("CAF", dt.date(2015, 10, 7), "accession", dt.date(2016, 1, 5)),
        # 90 days after its deposit of 30 January 2015
        ("CHE", dt.date(2015, 1, 30), "ratification", dt.date(2015, 4, 30)),
        ("CHN", dt.date(2020, 7, 6), "accession", dt.date(2020, 10, 4)),
        # the fiftieth instrument came with the joint deposit of 25 September 2014
        ("CZE", dt.date(2014, 9, 25), "ratification", dt.date(2014, 12, 24)),
        # one of the eighteen instruments deposited on 2 April 2014
        ("FRA", dt.date(2014, 4, 2), "ratification", dt.date(2014, 12, 24)),
        ("GAB", dt.date(2022, 9, 21), "acceptance", dt.date(2022, 12, 20)),
        ("LBN", dt.date(2019, 5, 9), "ratification", dt.date(2019, 8, 7)),
        # deposited after the fiftieth instrument but before the Treaty entered into force
        ("POL", dt.date(2014, 12, 17), "ratification", dt.date(2014, 12, 24)),
    ]
    # in force on 2014-12-24 for an instrument deposited before it (article 22(1)), even after
    # the fiftieth of 25 September 2014, else 90 days after the deposit (article 22(2))
    assert query(
        warehouse,
        "SELECT count(*) FROM att_states_parties WHERE entry_into_force <> CASE "
        "WHEN deposited_on < DATE '2014-12-24' THEN DATE '2014-12-24' "
        "ELSE deposited_on + INTERVAL 90 DAY END",
    ) == [(0,)]
    assert query(warehouse, "SELECT count(*) FROM att_states_parties") == [(84,)]
    # every row names at least two sources
    assert query(
        warehouse,
        "SELECT count(*) FROM att_states_parties WHERE len(string_split(source, '; ')) < 2",
    ) == [(0,)]


def reporting(db, country: str) -> list[tuple]:
    return query(
        db,
        "SELECT year, reporting, deliveries FROM register_reporting(?, ?, 2014, 2019) "
        "WHERE source_id = 'att_reports' ORDER BY year",
        [VISIBLE, country],
    )


def test_years_before_a_state_became_party_are_not_covered(reported):
    assert reporting(reported, "BEN") == [
        (2014, "not_covered", 0),
        (2015, "not_covered", 0),
        (2016, "reported", 1),
        (2017, "not_covered", 0),
        (2018, "not_reported", 0),
        (2019, "nil_report", 0),
    ]
    assert reporting(reported, "AUS") == [
        (2014, "not_covered", 0),
        (2015, "not_reported", 0),
        (2016, "reported", 1),
        (2017, "not_reported", 0),
        (2018, "not_reported", 0),
        (2019, "not_reported", 0),
    ]


def test_a_state_not_listed_is_read_as_before(reported):
    assert reporting(reported, "SOM") == [
        (2014, "not_covered", 0),
        (2015, "not_reported", 0),
        (2016, "not_reported", 0),
        (2017, "not_reported", 0),
        (2018, "not_reported", 0),
        (2019, "not_reported", 0),
    ]


def test_a_year_before_a_newly_listed_state_joined_is_not_covered_on_the_profile(
    reported, monkeypatch
):
    # Lebanon deposited on 2019-05-09, in force 2019-08-07: it reports from 2020
    assert query(
        reported,
        "SELECT year, reporting FROM register_reporting(?, 'LBN', 2018, 2021) "
        "WHERE source_id = 'att_reports' ORDER BY year",
        [VISIBLE],
    ) == [
        (2018, "not_covered"),
        (2019, "not_covered"),
        (2020, "not_reported"),
        (2021, "not_reported"),
    ]
    monkeypatch.setenv("EMBARGO_DB", str(reported))
    around = queries.imports_around_embargoes(
        Classification.STRICTLY_CONFIDENTIAL, "LBN", dt.date(2026, 11, 1)
    )
    att = around.filter(around["source_id"] == "att_reports")
    shown = profile.imports_around_in_words(att)
    # the embargo on non-state actors in Lebanon since 2006: ATT reports cover no year before
    # 2015, and 2015 to 2019 are years before Lebanon was bound to report (with the State not
    # listed they read "12 not reported; 9 not covered")
    assert shown.select("period", "reporting", "deliveries").rows() == [
        ("Before", "Not covered by the register (0 of 5 years counted; 5 not covered)", "—"),
        (
            "During",
            "Did not report (0 of 21 years counted; 7 not reported; 14 not covered)",
            "—",
        ),
    ]
