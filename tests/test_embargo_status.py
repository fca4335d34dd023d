"""Projected and contested status travels: the view embargo_status says in force, in force
(projected) or in force (contested) with the last resolution on record and when it runs out, and
the Overview, the Embargo regimes map table and episode record, the Country profile and the
briefing pack (PDF and slides) all say it with the caveat; "in force" without caveat only where
verified. On the reference warehouse built through the real build."""

from __future__ import annotations

import datetime as dt
import io

import pptx
import pypdf
import pytest
from support import page_of, query

from dashboard import queries
from dashboard.briefing import briefing_pack
from embargo.classification import Classification

TODAY = dt.date(2026, 11, 1)


@pytest.fixture
def on_reference(warehouse, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(warehouse))
    return warehouse


def test_status_view_names_projected_and_contested_with_the_last_resolution(warehouse):
    rows = query(
        warehouse,
        "SELECT embargo_id, status_kind, last_resolution, last_resolution_date, "
        "CAST(last_resolution_runs_to AS VARCHAR), runs_to_estimated FROM embargo_status "
        "WHERE embargo_id IN ('un-drc-2003', 'un-sudan-darfur-2004', 'un-iran-2025', "
        "'un-libya-2011', 'un-lebanon-2006', 'un-car-2013') ORDER BY embargo_id",
    )
    assert rows == [
        ("un-car-2013", "lifted", "S/RES/2745 (2024)", "2024-07-30", None, False),
        (
            "un-drc-2003",
            "in_force_projected",
            "S/RES/2738 (2024); S/RES/2783 (2025)",
            "2024-06-27",
            "2026-07-01",
            False,
        ),
        ("un-iran-2025", "in_force_contested", "S/RES/2231 (2015)", "2025-09-27", None, False),
        # a UNIFIL mandate's end is not the embargo's: open-ended
        ("un-lebanon-2006", "in_force", "S/RES/2790 (2025)", "2025-08-28", None, False),
        ("un-libya-2011", "in_force", "S/RES/2174 (2014)", "2014-08-27", None, False),
        # renewed "one year" (the panel's mandate date is not the measures')
        (
            "un-sudan-darfur-2004",
            "in_force_projected",
            "S/RES/2791 (2025)",
            "2025-09-12",
            "2026-09-12",
            True,
        ),
    ]
    contested = query(
        warehouse, "SELECT contested_note FROM embargo_status WHERE contested ORDER BY 1"
    )
    assert contested == [
        (
            "Iran, Russia and China call the snapback notification 'null and void'; Russia "
            "argues 2231/JCPOA terminated on 18 Oct 2025 (UNSanctionsApp, citing Crisis Group)",
        )
    ]


def test_overview_says_projected_and_contested_with_the_caveat(on_reference):
    at = page_of("screens/overview.py")
    at.date_input(key="overview_date").set_value(TODAY).run()
    table = at.dataframe[0].value
    status = dict(zip(table["short_name"], table["status_words"], strict=True))
    assert status["DR Congo"] == "In force (projected)"
    assert status["Iran: snapback"] == "In force (contested)"
    assert status["Libya"] == "In force"
    caveat = dict(zip(table["short_name"], table["caveat"], strict=True))
    assert caveat["DR Congo"] == (
        "Projected: the reference table could not verify a renewal after the last resolution "
        "found; in force is assumed, not confirmed."
    )
    assert caveat["Libya"] == ""  # verified: no caveat
    last = dict(zip(table["short_name"], table["last_resolution_words"], strict=True))
    assert (
        last["DR Congo"] == "S/RES/2738 (2024); S/RES/2783 (2025) (2024-06-27), runs to 1 July 2026"
    )
    assert caveat["Iran: snapback"].startswith("Contested: Iran, Russia and China call")
    assert any(
        "In force without caveat only where the reference table verified it: 7 of these" in c.value
        for c in at.caption
    )


def test_map_table_and_profile_carry_the_caveat(on_reference):
    at = page_of("screens/embargo_regimes.py")
    at.session_state["regimes_view"] = "Map on a date"
    at.run()
    tables = [frame.value for frame in at.dataframe if "status_words" in frame.value.columns]
    assert tables, "the map's table has a status column"
    by_country = dict(zip(tables[0]["country_iso3"], tables[0]["status_words"], strict=True))
    assert by_country["Iran (Islamic Republic of)"] == "In force (contested)"
    assert by_country["South Sudan"] == "In force (projected)"
    assert by_country["Libya"] == "—"


def test_pack_states_the_status_with_its_caveat(on_reference):
    scope = queries.ProfileScope("SSD")
    pdf = briefing_pack(Classification.STRICTLY_CONFIDENTIAL, scope, "pdf", TODAY)
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "Status of the embargoes in force on 1 Nov 2026" in text
    assert "In force (projected)" in text
    assert "Last resolution on record: S/RES/2781 (2025) (2025-05-30); runs to 31 May 2026." in text
    slides = briefing_pack(Classification.STRICTLY_CONFIDENTIAL, scope, "pptx", TODAY)
    deck = pptx.Presentation(io.BytesIO(slides))
    cells = [
        cell.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    ]
    assert "In force (projected)" in cells


def test_one_page_summary_of_the_embargoes_in_force(on_reference):
    from dashboard.briefing import in_force

    rows = in_force.summary_rows(queries.embargoes_in_force(Classification.PUBLIC, TODAY))
    text = in_force.markdown(rows, TODAY, "warehouse file of 2026-11-01 00:00:00 UTC")
    lines = text.splitlines()
    assert lines[:5] == [
        "**PUBLIC**",
        "",
        "## UN arms embargoes in force on 1 November 2026",
        "",
        "| Embargo | Target | Since | Imposed by | Status | Last resolution on record | Caveat |",
    ]
    assert (
        "| DR Congo | Non-state actors | 28 Jul 2003 | S/RES/1493 (2003) | In force (projected) | "
        "S/RES/2738 (2024); S/RES/2783 (2025) (2024-06-27), runs to 1 July 2026 | Projected: the "
        "reference table could not verify a renewal after the last resolution found; in force is "
        "assumed, not confirmed. |"
    ) in lines
    assert "| Iraq | State | 6 Aug 1990 | S/RES/661 (1990) | In force | S/RES/1957 (2010) |  |" in (
        lines
    )
    assert "15 embargoes in force; 7 of them projected or contested (see Caveat).  " in lines
    document = pypdf.PdfReader(io.BytesIO(in_force.pdf(rows, TODAY, "warehouse file")))
    assert len(document.pages) == 1
    page = " ".join(document.pages[0].extract_text().split())
    assert page.count("PUBLIC") == 2
    assert "In force (contested)" in page
    at = page_of("screens/overview.py")
    at.toggle(key="download_in_force_page").set_value(True).run()
    assert [b.proto.label for b in at.get("download_button")] == ["PDF", "Markdown"]


def test_profile_opens_with_the_current_measures_linked_to_the_episode(on_reference):
    from streamlit.testing.v1 import AppTest

    from embargo.config import DASHBOARD_APP

    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=120)
    at.query_params["country"] = "SSD"
    at.run()
    at.switch_page("screens/country_profile.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.subheader[0].value == "Current measures"
    texts = [m.value for m in at.markdown]
    assert "**South Sudan 2018 (S/RES/2428 (2018))** · In force (projected)" in texts
    assert "Latest resolution: S/RES/2781 (2025) (2025-05-30), runs to 31 May 2026." in texts
    assert "Next renewal due by 31 May 2026." in texts
    regimes = AppTest.from_file(str(DASHBOARD_APP), default_timeout=120)
    regimes.query_params["episode"] = "un-south-sudan-2018"
    regimes.run()
    regimes.switch_page("screens/embargo_regimes.py")
    regimes.run()
    assert not regimes.exception, [e.value for e in regimes.exception]
    assert regimes.selectbox(key="regimes_episode").value == "un-south-sudan-2018"
