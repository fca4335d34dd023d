"""A missing report is never a zero: for the Central African Republic, year by year and around its
2013 embargo, each register says reported, nil report (kept, a real zero), none recorded (a
compiled register: zero), did not report or not covered (shown "—", never 0), on invented lines
loaded through the real path; the Country profile page and a French profile show it; a delivery
dated before the recipient state existed is a data problem."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest
from support import query
from support.registers import VISIBLE, registers_loaded

from dashboard import profile, queries
from embargo.classification import Classification
from embargo.config import DASHBOARD_APP

TODAY = dt.date(2026, 11, 1)
UN_REGISTER = [
    # the Central African Republic's own import report for 2014
    ["Central African Republic", 2014, "import", "II", "France", 3, "", "", "M113A2 APC", ""],
    # its nil report for 2015: kept, a real zero
    ["Central African Republic", 2015, "import", "I", "", 0, "", "", "", "nil"],
    # France reports a delivery in 2016; the Central African Republic filed nothing that year
    ["France", 2016, "export", "II", "Central African Republic", 5, "", "", "BTR-80 APC", ""],
    # a delivery to South Sudan in 2009, before it existed (2011-07-09): a data problem
    ["France", 2009, "export", "II", "South Sudan", 2, "", "", "BTR-80 APC", ""],
]
ATT_REPORTS = [
    ["France", 2016, "export", "actual", "II", "Central African Republic", 5, "", "", "APC", ""],
]
TRADE_REGISTER = [
    ("301", "France", "Central African Republic", "BTR-80", "APC", "Armoured vehicles", 5, 2016)
]


@pytest.fixture(scope="module")
def reported(tmp_path_factory, warehouse):
    folder = tmp_path_factory.mktemp("register_reporting")
    db, loaded = registers_loaded(warehouse, folder, TRADE_REGISTER, UN_REGISTER, ATT_REPORTS)
    assert loaded == [("loaded", 1, 0), ("loaded", 4, 0), ("loaded", 1, 0)]
    return db


def test_each_register_says_why_a_year_has_no_number(reported):
    rows = query(
        reported,
        "SELECT source_id, year, reporting, deliveries FROM register_reporting(?, 'CAF', 1991, "
        "2016) WHERE year IN (1991, 2012, 2014, 2015, 2016) ORDER BY source_id, year",
        [VISIBLE],
    )
    assert rows == [
        ("att_reports", 1991, "not_covered", 0),
        ("att_reports", 2012, "not_covered", 0),
        ("att_reports", 2014, "not_covered", 0),
        # the Treaty entered into force for the Central African Republic on 2016-01-05: it
        # reports from 2017, so 2015 is not covered; France's report of 2016 counts
        ("att_reports", 2015, "not_covered", 0),
        ("att_reports", 2016, "reported", 1),
        ("sipri_trade_register", 1991, "none_recorded", 0),
        ("sipri_trade_register", 2012, "none_recorded", 0),
        ("sipri_trade_register", 2014, "none_recorded", 0),
        ("sipri_trade_register", 2015, "none_recorded", 0),
        ("sipri_trade_register", 2016, "reported", 1),
        ("un_register", 1991, "not_covered", 0),
        ("un_register", 2012, "not_reported", 0),
        ("un_register", 2014, "reported", 1),
        ("un_register", 2015, "nil_report", 0),
        ("un_register", 2016, "reported", 1),
    ]


def test_imports_around_the_embargo_never_turn_a_missing_report_into_zero(reported, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(reported))
    around = queries.imports_around_embargoes(Classification.STRICTLY_CONFIDENTIAL, "CAF", TODAY)
    rows = (
        around.filter(around["embargo_id"] == "un-car-2013")
        .select(
            "period",
            "source_id",
            "reporting",
            "years_counted",
            "years_not_reported",
            "years_not_covered",
            "deliveries",
        )
        .rows()
    )
    assert rows == [
        # 2008-2012: ATT did not exist, the Central African Republic filed no UN Register report
        ("before", "att_reports", "not_covered", 0, 0, 5, None),
        ("before", "sipri_trade_register", "none_recorded", 5, 0, 0, 0),
        ("before", "un_register", "not_reported", 0, 5, 0, None),
        ("before", None, "none_recorded", 5, 0, 0, 0),
        # 2013-2024 (lifted in 2024): one delivery reported by three registers, one by the UN
        # Register alone
        ("during", "att_reports", "partly_reported", 1, 8, 3, 1),
        ("during", "sipri_trade_register", "reported", 12, 0, 0, 1),
        ("during", "un_register", "partly_reported", 3, 9, 0, 2),
        ("during", None, "reported", 12, 0, 0, 2),
    ]
    shown = profile.imports_around_in_words(around.filter(around["embargo_id"] == "un-car-2013"))
    assert shown.select("source_title", "reporting", "deliveries").rows() == [
        (
            "Arms Trade Treaty annual reports",
            "Not covered by the register (0 of 5 years counted; 5 not covered)",
            "—",
        ),
        ("SIPRI Arms Transfers Database: trade registers", "None recorded", "0"),
        (
            "United Nations Register of Conventional Arms: national reports",
            "Did not report (0 of 5 years counted; 5 not reported)",
            "—",
        ),
        ("All registers (each delivery once)", "None recorded", "0"),
        (
            "Arms Trade Treaty annual reports",
            "Partly reported (1 of 12 years counted; 8 not reported; 3 not covered)",
            "1",
        ),
        ("SIPRI Arms Transfers Database: trade registers", "Reported", "1"),
        (
            "United Nations Register of Conventional Arms: national reports",
            "Partly reported (3 of 12 years counted; 9 not reported)",
            "2",
        ),
        ("All registers (each delivery once)", "Reported", "2"),
    ]


def test_a_delivery_before_the_state_existed_is_a_data_problem(reported):
    rows = query(
        reported,
        "SELECT party, country_iso3, delivery_year, problem FROM transfers_outside_state_existence",
    )
    assert rows == [
        (
            "recipient",
            "SSD",
            2009,
            "Delivered in 2009 to or from South Sudan, which came into being on 2011-07-09 "
            "(independence from Sudan).",
        )
    ]
    south_sudan = query(
        reported,
        "SELECT year, reporting, deliveries FROM register_reporting(?, 'SSD', 2009, 2011) "
        "WHERE source_id = 'un_register' ORDER BY year",
        [VISIBLE],
    )
    assert south_sudan == [
        (2009, "data_problem", 1),
        (2010, "state_not_existing", 0),
        (2011, "not_reported", 0),
    ]


def open_profile(country: str, language: str = "en") -> AppTest:
    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=120)
    at.query_params["country"] = country
    at.run()
    if language != "en":
        at.session_state["language"] = language
    at.switch_page("screens/country_profile.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_profile_page_shows_a_dash_and_the_reason_never_zero(reported, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(reported))
    at = open_profile("CAF")
    table = next(frame.value for frame in at.dataframe if "reporting" in frame.value.columns)
    before = table[table["first_year"] == 2008]
    assert before[["reporting", "deliveries"]].values.tolist() == [
        ["Not covered by the register (0 of 5 years counted; 5 not covered)", "—"],
        ["None recorded", "0"],
        ["Did not report (0 of 5 years counted; 5 not reported)", "—"],
        ["None recorded", "0"],
    ]
    assert any("A missing report is never a zero" in c.value for c in at.caption)
    south_sudan = open_profile("SSD")
    assert [w.value for w in south_sudan.warning if w.value.startswith("Data problem")] == [
        "Data problem: 1 register lines date a delivery to or from South Sudan in a year it did "
        "not exist (first 2009). They are counted as given; check the year or the state named "
        "in the source file."
    ]


def test_transfers_page_shows_each_register_year_by_year(reported, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(reported))
    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=120)
    at.run()
    at.switch_page("screens/transfers.py")
    at.run()
    at.multiselect(key="transfers_recipients").set_value(["CAF"]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "What each register says about imports to Central African Republic, year by year" in [
        s.value for s in at.subheader
    ]
    grid = next(frame.value for frame in at.dataframe if "Register" in frame.value.columns)
    assert grid[["Register", "2013", "2014", "2015", "2016"]].values.tolist() == [
        ["Arms Trade Treaty annual reports", "—", "—", "—", "1"],
        ["SIPRI Arms Transfers Database: trade registers", "0", "0", "0", "1"],
        [
            "United Nations Register of Conventional Arms: national reports",
            "—",
            "1",
            "0 (nil)",
            "1",
        ],
    ]
