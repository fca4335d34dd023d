"""Findings page runs headless with AppTest against the demo warehouse: no exception, figures
equal to the warehouse's, filters narrow the list, a finding shows its citation, evidence,
listed parties and references, and a viewer cleared only for public data sees public findings
only."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from support import page_of, scalar

PAGE = "screens/findings.py"


@pytest.fixture
def open_page(demo_warehouse, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))

    def run(clearance: str = "strictly_confidential") -> AppTest:
        monkeypatch.setenv("EMBARGO_CLEARANCE", clearance)
        return page_of(PAGE)

    return run


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def test_findings_page_figures_match_the_warehouse(open_page, demo_warehouse):
    at = open_page()
    assert [t.value for t in at.title] == ["Findings"]
    assert at.warning[0].value.startswith("**Synthetic demo data.**")
    total = scalar(demo_warehouse, "SELECT count(*) FROM panel_findings")
    reports = scalar(demo_warehouse, "SELECT count(DISTINCT document_symbol) FROM panel_findings")
    confirmed = scalar(
        demo_warehouse, "SELECT count(*) FROM panel_findings WHERE confidence = 'confirmed'"
    )
    citing = scalar(
        demo_warehouse,
        "SELECT count(DISTINCT finding_uid) FROM panel_finding_links "
        "WHERE matched_kind = 'seizure_event'",
    )
    assert metrics(at) == {
        "Findings": f"{total:,}",
        "Reports": f"{reports:,}",
        "Confirmed": f"{confirmed:,}",
        "Citing seized materiel": f"{citing:,}",
    }
    table = at.dataframe[0].value
    assert len(table) == total
    # each document is a link to its finding, reading as the document's symbol
    assert all(
        link.startswith("findings?finding=") and link.split("#", 1)[1].startswith("SYN/PoE/")
        for link in table["document_symbol"]
    )
    assert any("do not imply official endorsement" in c.value for c in at.caption)
    unmatched = at.dataframe[-1].value
    assert len(unmatched) == scalar(demo_warehouse, "SELECT count(*) FROM panel_finding_unmatched")


def test_filters_narrow_the_findings(open_page, demo_warehouse):
    at = open_page()
    at.multiselect[0].set_value(["un-libya-2011"]).run()
    at.multiselect[2].set_value(["confirmed"]).run()
    assert not at.exception
    expected = scalar(
        demo_warehouse,
        "SELECT count(*) FROM panel_findings WHERE embargo_id = 'un-libya-2011' "
        "AND confidence = 'confirmed'",
    )
    assert metrics(at)["Findings"] == f"{expected:,}"
    assert set(at.dataframe[0].value["panel_name"]) == {
        scalar(
            demo_warehouse, "SELECT short_name FROM embargoes WHERE embargo_id = 'un-libya-2011'"
        )
    }


def test_a_finding_shows_its_evidence_and_listed_parties(open_page, demo_warehouse):
    uid = scalar(
        demo_warehouse,
        "SELECT finding_uid FROM panel_finding_links WHERE matched_kind = 'sanctioned_party' "
        "AND finding_uid IN (SELECT finding_uid FROM panel_finding_links "
        "WHERE matched_kind = 'seizure_item') ORDER BY finding_uid LIMIT 1",
    )
    at = open_page()
    at.selectbox[0].set_value(uid).run()
    assert not at.exception
    symbol, paragraph = (
        scalar(demo_warehouse, "SELECT document_symbol FROM panel_findings WHERE finding_uid = ?",
               [uid]),
        scalar(demo_warehouse, "SELECT paragraph FROM panel_findings WHERE finding_uid = ?",
               [uid]),
    )  # fmt: skip
    assert any(h.value.startswith(f"{symbol} (") and f"para. {paragraph}" in h.value
               for h in at.subheader)  # fmt: skip
    evidence = at.dataframe[1].value
    assert {"Event", "Item"} <= set(evidence["record"])
    parties = at.dataframe[2].value
    assert len(parties) >= 1
    assert all(reference.startswith("SYN") for reference in parties["reference_number"])


def test_public_clearance_sees_public_findings_only(open_page, demo_warehouse):
    at = open_page("public")
    public = scalar(
        demo_warehouse, "SELECT count(*) FROM panel_findings WHERE classification = 'public'"
    )
    assert metrics(at)["Findings"] == f"{public:,}"
    assert set(at.dataframe[0].value["classification"]) == {"Public"}


def test_leaflet_view_of_the_cited_events(open_page):
    at = open_page()
    at.radio[0].set_value("Leaflet").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("do not imply official endorsement" in c.value for c in at.caption)
