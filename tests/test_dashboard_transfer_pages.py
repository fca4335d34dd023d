"""Transfers, Flows and Screening pages run headless with AppTest against the demo warehouse:
filters narrow what is shown, totals and flows are exact, the screening table downloads, and the
synthetic banner is shown."""

from __future__ import annotations

import pytest
from support import page_of


@pytest.fixture
def open_page(demo_warehouse, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))

    return page_of


def test_transfers_page_lists_every_record_with_provenance(open_page):
    at = open_page("screens/transfers.py")
    assert [t.value for t in at.title] == ["Transfers"]
    assert at.warning[0].value.startswith("**Synthetic demo data.**")
    assert [s.value for s in at.subheader] == [
        "Deliveries over time",
        "Records (3,305)",
        "Mirror check: exporter against importer reports",
        "Brokering licences",
    ]
    table = at.dataframe[0].value
    assert len(table) == 2000
    assert {"file_name", "source_row_number", "load_id"} <= set(table.columns)
    mirror = at.dataframe[1].value
    assert mirror["status"].value_counts().to_dict() == {"Exporter only": 241, "Mismatch": 177}
    assert any(
        "Exporter only: 241; Match: 561; Mismatch: 177." in caption.value for caption in at.caption
    )


def test_transfers_page_filters_by_recipient_and_source(open_page):
    at = open_page("screens/transfers.py")
    at.multiselect(key="transfers_recipients").set_value(["SOM"]).run()
    at.multiselect(key="transfers_sources").set_value(["demo_transfers"]).run()
    table = next(df.value for df in at.dataframe if "recipient_iso3" in df.value.columns)
    assert set(table["recipient_iso3"]) == {"Somalia"}
    assert set(table["source_id"]) == {"Synthetic transfer register (demonstration)"}
    # one recipient chosen: what each register says about its imports, then the records
    assert [s.value for s in at.subheader][1:3] == [
        "What each register says about imports to Somalia, year by year",
        f"Records ({len(table):,})",
    ]


def test_flows_page_highlights_embargoed_recipients(open_page):
    at = open_page("screens/flows.py")
    assert [t.value for t in at.title] == ["Flows"]
    at.session_state["flows_view"] = "Table"
    at.run()
    flows = at.dataframe[0].value
    assert len(flows) == 40
    assert flows["supplier_iso3"].iloc[0] == "United States of America"
    assert flows["recipient_iso3"].iloc[0] == "Ethiopia"
    # 71 register lines report 28 deliveries: each delivery counted once
    assert flows["deliveries"].iloc[0] == 28
    assert flows["register_lines"].iloc[0] == 71
    assert any(
        "Red: recipients in a territory under a UN arms embargo at any time in 2025." in c.value
        for c in at.caption
    )


def test_screening_page_groups_by_embargo_verdict_and_reason(open_page):
    at = open_page("screens/screening.py")
    assert [t.value for t in at.title] == ["Screening"]
    at.multiselect[0].set_value(["un-somalia-1992"]).run()
    at.multiselect[1].set_value(["violation_indicator"]).run()
    summary = at.dataframe[0].value
    assert set(summary["verdict"]) == {"Violation indicator"}
    # 31 register lines report 23 distinct deliveries
    assert summary["deliveries"].sum() == 23
    assert summary["register_lines"].sum() == 31
    assert list(summary["reason_kind"]) == ["Prohibited all year, no exemption route"]
    rows = at.dataframe[1].value
    assert len(rows) == 23
    assert set(rows["citation"]) == {"S/RES/733 (1992)"}
    assert rows["reports"].value_counts().to_dict() == {1: 19, 3: 4}
    assert rows[rows["reports"] == 3]["reported_by"].iloc[0] == (
        "Synthetic transfer register (demonstration): 72; "
        "Synthetic UN Register reports (demonstration) (Export): 72; "
        "Synthetic UN Register reports (demonstration) (Import): 72"
    )
    assert [h.value for h in at.subheader][-2:] == [
        "Screened deliveries (23)",
        "Deliveries to listed parties (0)",
    ]
    # the per-register view, one click away: every register line
    at.toggle(key="screening_per_register").set_value(True).run()
    assert len(at.dataframe[2].value) == 31
    assert not at.get("download_button")
    at.toggle(key="prepare_screening_csv").set_value(True).run()
    at.toggle(key="download_screening_deliveries").set_value(True).run()
    assert [b.proto.label for b in at.get("download_button")] == ["CSV", "XLSX"]
