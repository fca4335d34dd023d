"""Links between records on the demo warehouse (AppTest): a serial, a seizure event, a finding
and an embargo episode in a table are links to their own views, and each view opened at such an
address (its query parameter) shows that record and keeps the parameter in the address."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from support import query, scalar

from dashboard import links
from embargo.config import DASHBOARD_APP

EVENT = "Synthetic JMAC UNMISS:SYN-SSD-000001"


@pytest.fixture
def open_at(demo_warehouse, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))
    monkeypatch.setenv("EMBARGO_CLEARANCE", "strictly_confidential")

    def run(page: str, **parameters: str) -> AppTest:
        at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=60)
        at.run()
        at.switch_page(page)
        for name, value in parameters.items():
            at.query_params[name] = value
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def test_addresses_escape_the_record_and_read_as_it():
    assert links.address("event", "JMAC UNMISS:SYN-1") == (
        "seizure-event?event=JMAC%20UNMISS%3ASYN-1#JMAC UNMISS:SYN-1"
    )
    assert links.address("serial", "56+12/34", "56+12/34") == (
        "item-search?serial=56%2B12%2F34#56+12/34"
    )
    assert links.address("episode", "un-car-2013", "CAR 2013 (S/RES/2127)") == (
        "embargo-regimes?episode=un-car-2013#CAR 2013 (S/RES/2127)"
    )


def test_the_event_view_shows_the_event_its_items_and_findings(open_at, demo_warehouse):
    at = open_at("screens/seizure_event.py", event=EVENT)
    assert [t.value for t in at.title] == ["Seizure event"]
    assert at.selectbox(key="seizure_event_choice").value == EVENT
    assert at.query_params["event"] == EVENT
    assert at.subheader[0].value == "SYN-SSD-000001 · Synthetic JMAC UNMISS"
    items = scalar(
        demo_warehouse, "SELECT count(*) FROM seizure_items WHERE event_uid = ?", [EVENT]
    )
    assert at.subheader[1].value == f"Items ({items})"
    table = at.dataframe[0].value
    serials = query(
        demo_warehouse,
        "SELECT serial_number FROM seizure_items WHERE event_uid = ? "
        "ORDER BY file_name, source_row_number, item_line_uid",
        [EVENT],
    )
    assert list(table["serial_number"]) == [
        "" if serial is None else links.address("serial", serial) for (serial,) in serials
    ]


def test_an_unknown_event_is_said_so(open_at):
    at = open_at("screens/seizure_event.py", event="nobody:nothing")
    assert [w.value for w in at.warning][-1] == (
        "No seizure event nobody:nothing that you are cleared to see."
    )


def test_item_search_opens_at_a_serial_and_links_its_event(open_at, demo_warehouse):
    serial, event_uid, event_id = query(
        demo_warehouse,
        "SELECT serial_number, event_uid, event_id FROM seizure_item_facts_stored "
        "WHERE serial_number IS NOT NULL ORDER BY item_line_uid LIMIT 1",
    )[0]
    at = open_at("screens/item_search.py", serial=serial)
    assert at.text_input(key="item_search_text").value == serial
    table = at.dataframe[0].value
    assert table["serial_number"].iloc[0] == links.address("serial", serial)
    assert links.address("event", event_uid, event_id) in set(table["event_id"])
    # what is typed goes into the address
    at.text_input(key="item_search_text").set_value("56-12").run()
    assert at.query_params["serial"] == "56-12"


def test_findings_open_at_a_finding(open_at, demo_warehouse):
    uid = scalar(
        demo_warehouse,
        "SELECT finding_uid FROM panel_findings ORDER BY document_date DESC, finding_uid LIMIT 1",
    )
    at = open_at("screens/findings.py", finding=uid)
    assert at.selectbox(key="findings_selected").value == uid
    assert at.query_params["finding"] == uid
    symbol = scalar(
        demo_warehouse, "SELECT document_symbol FROM panel_findings WHERE finding_uid = ?", [uid]
    )
    assert links.address("finding", uid, symbol) in set(at.dataframe[0].value["document_symbol"])


def test_an_episode_link_opens_its_record_and_stays_in_the_address(open_at):
    at = open_at("screens/embargo_regimes.py", episode="un-car-2013")
    assert at.selectbox(key="regimes_episode").value == "un-car-2013"
    assert at.query_params["episode"] == "un-car-2013"


def test_unmatched_references_link_their_finding(open_at, demo_warehouse):
    at = open_at("screens/findings.py")
    embargo_id, finding_id = query(
        demo_warehouse,
        "SELECT embargo_id, finding_id FROM panel_finding_unmatched "
        "ORDER BY embargo_id, finding_id LIMIT 1",
    )[0]
    unmatched = at.dataframe[-1].value
    assert links.address("finding", f"{embargo_id}:{finding_id}", finding_id) in set(
        unmatched["finding_id"]
    )
