"""The Parties page's records and the supply chains "as known on" a date, through the real loads
and the pages' own query functions: the chain of tests/support/party_chain.py loaded on one day,
and a later seizure file (another rifle seized from the Houthis) loaded on a later day. Before
the first load the listed party is unknown; between the loads, the party's items seized and its
chain's edges are the first load's; today (or with no date), they include the later load's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support.party_chain import HOUTHIS, SEIZURES_HEADER, party_chain_warehouse

import ingest.kit.loads
from dashboard import queries as F
from embargo.classification import Classification
from ingest.files import ingest_files

VIEWER = Classification.CONFIDENTIAL
FIRST_DAY, LATER_DAY = dt.datetime(2026, 1, 10, 9), dt.datetime(2026, 2, 10, 9)
BEFORE_ANY, BETWEEN = dt.date(2026, 1, 9), dt.date(2026, 1, 20)
# the later file: a rifle seized from the Houthis at Marib
LATER = (
    "E-H3,2024-06-01,day,YEM,Marib,15.46,45.32,seizure,Houthi rebels (Yemen)*,"
    "non_state_armed_group,Panel of Experts,weapon,assault_rifle,Izhmash,AKM,HX-777,RUS,1,items,"
    "public"
)


@pytest.fixture(scope="module")
def db(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parties_known_on")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EMBARGO_ACCESS_DB", str(folder / "access.sqlite"))
        patch.setenv("EMBARGO_AUTH_MODE", "local")
        patch.setattr(ingest.kit.loads, "recorded_now", lambda: FIRST_DAY)
        path = party_chain_warehouse(warehouse, folder)
        patch.setattr(ingest.kit.loads, "recorded_now", lambda: LATER_DAY)
        later = folder / "seizures_later.csv"
        later.write_text(f"{SEIZURES_HEADER}\n{LATER}\n", encoding="utf-8")
        [report] = ingest_files(path, [later])
        assert (report.rows_loaded, report.rows_rejected) == (1, 0), report.rejects
    return path


@pytest.fixture
def read(db: Path):
    """Run a query function of the pages on the fixture, as known on a day (None: now)."""

    def on(day: dt.date | None, function, *args):
        with F.reading_from(db), F.known_on(day):
            return function(*args)

    return on


def test_the_party_seized_items_and_listing_follow_the_date(read) -> None:
    assert read(BEFORE_ANY, F.party_seized_items, VIEWER, "YEe.901").rows() == []
    assert read(BEFORE_ANY, F.party_listing, VIEWER, "YEe.901").rows() == []
    # the listed party is not known yet: the name stands for no listed party
    assert read(BEFORE_ANY, F.resolve_party, "YEe.901") is None
    assert read(BETWEEN, F.resolve_party, HOUTHIS) == "YEe.901"
    columns = ["event_id", "serial_number", "quantity"]
    assert read(BETWEEN, F.party_seized_items, VIEWER, "YEe.901").select(columns).rows() == [
        ("E-H1", "HX-001", 1),
        ("E-H1", "HX-002", 1),
        ("E-H2", "HX-900", 1),
    ]
    for today in (None, dt.date.today()):
        assert read(today, F.party_seized_items, VIEWER, "YEe.901").select(columns).rows() == [
            ("E-H1", "HX-001", 1),
            ("E-H1", "HX-002", 1),
            ("E-H2", "HX-900", 1),
            ("E-H3", "HX-777", 1),
        ]
        assert read(today, F.party_listing, VIEWER, "YEe.901")["listed_on"].to_list() == [
            dt.date(2022, 2, 28)
        ]
    assert read(BETWEEN, F.party_listing, VIEWER, "YEe.901")["listed_on"].to_list() == [
        dt.date(2022, 2, 28)
    ]


def seized_from_edges(read, day: dt.date | None) -> list[tuple]:
    edges = read(day, F.supply_chain_edges, VIEWER, F.ChainFilters(party="YEe.901"))
    return sorted(
        (row["to_label"], row["record_label"], row["record_year"])
        for row in edges.iter_rows(named=True)
        if row["edge_kind"] == "seized_from"
    )


def test_the_supply_chain_follows_the_date(read) -> None:
    assert seized_from_edges(read, BEFORE_ANY) == []
    assert seized_from_edges(read, BETWEEN) == [
        ("E-H1 2023-05-10 YEM", "1 Izhmash AKM HX-001", 2023),
        ("E-H1 2023-05-10 YEM", "1 Izhmash AKM HX-002", 2023),
        ("E-H2 2024-01-15 YEM", "1 KBM Igla HX-900", 2024),
    ]
    for today in (None, dt.date.today()):
        assert seized_from_edges(read, today) == [
            ("E-H1 2023-05-10 YEM", "1 Izhmash AKM HX-001", 2023),
            ("E-H1 2023-05-10 YEM", "1 Izhmash AKM HX-002", 2023),
            ("E-H2 2024-01-15 YEM", "1 KBM Igla HX-900", 2024),
            ("E-H3 2024-06-01 YEM", "1 Izhmash AKM HX-777", 2024),
        ]
    # every chain: registered transfers have no versions (the page says so); the rest follows
    every = F.ChainFilters(year_from=0, year_to=9999)
    kinds = {
        day: dict(read(day, F.supply_chain_edges, VIEWER, every)["edge_kind"].value_counts().rows())
        for day in (BEFORE_ANY, BETWEEN, None)
    }
    assert kinds == {
        BEFORE_ANY: {"transfer": 4},
        BETWEEN: {"seized_from": 4, "transfer": 4, "cites": 3, "names": 3, "brokering": 2},
        None: {"seized_from": 5, "transfer": 4, "cites": 3, "names": 3, "brokering": 2},
    }


def test_the_findings_citing_a_seizure_event_follow_the_date(read) -> None:
    [uid] = read(None, F.seizure_event_choices, VIEWER).filter(event_id="E-H1")["event_uid"]
    columns = ["document_symbol", "paragraph", "cited_as"]
    assert read(BEFORE_ANY, F.seizure_event_findings, VIEWER, uid).rows() == []
    for day in (BETWEEN, None):
        assert read(day, F.seizure_event_findings, VIEWER, uid).select(columns).rows() == [
            ("S/2024/0101", "12", "E-H1")
        ]


def test_an_items_chain_follows_the_date(read) -> None:
    """Item search's chain of the item loaded after BETWEEN: nothing on that day; today its
    seizure from the party and the registered transfer that could explain it."""
    [uid] = read(None, F.item_search, VIEWER, "HX-777")["item_line_uid"]
    assert read(BETWEEN, F.item_chain_edges, VIEWER, [uid]).rows() == []
    today = read(None, F.item_chain_edges, VIEWER, [uid])
    assert sorted(today.select("edge_kind", "from_label", "to_label").rows()) == [
        ("could_explain", "Yemen", "E-H3 2024-06-01 YEM"),
        ("seized_from", "THE HOUTHIS", "E-H3 2024-06-01 YEM"),
        ("transfer", "Russia", "Yemen"),
    ]
