"""Charts carry their title, data version, day and source (and the UN disclaimer on a map)
inside the figure, so the image Plotly's toolbar downloads says what it is: every chart of the
pages goes through dashboard.chart_images.show_chart (or dashboard.kept_charts.show_kept_chart,
which sends the same figure), checked on the demo warehouse in English and French (AppTest)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support import page_of

from dashboard.chart_images import CAPTION_WIDTH, file_stem

DASHBOARD = Path(__file__).resolve().parents[1] / "dashboard"
DISCLAIMER = (
    "The boundaries and names shown and the designations used on this map do not imply official "
    "endorsement or acceptance by the United Nations."
)


def charts(at: AppTest) -> list[tuple[dict, dict]]:
    """(figure, config) of every Plotly chart the page drew."""
    return [
        (json.loads(element.proto.spec), json.loads(element.proto.config))
        for element in at.get("plotly_chart")
    ]


def caption_of(figure: dict) -> str:
    return figure["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")


def test_every_chart_of_the_pages_goes_through_show_chart():
    drawn_directly = [
        path.name
        for path in DASHBOARD.rglob("*.py")
        if path.name != "chart_images.py"
        if re.search(r"\.plotly_chart\(", path.read_text())
    ]
    assert drawn_directly == []


def test_file_stem():
    assert file_stem("Embargoes in force on 7 December 2026") == (
        "embargoes-in-force-on-7-december-2026"
    )
    assert file_stem("Événements de conflit (Soudan du Sud)") == (
        "événements-de-conflit-soudan-du-sud"
    )


@pytest.fixture
def demo(demo_warehouse, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))
    monkeypatch.setenv("EMBARGO_CLEARANCE", "strictly_confidential")
    return demo_warehouse


def test_a_chart_carries_title_data_version_day_and_source(demo):
    at = page_of("screens/transfers.py")
    [(figure, config)] = charts(at)
    assert figure["layout"]["title"]["text"] == "Registered transfers by year"
    caption = caption_of(figure)
    today = dt.date.today()
    assert f"Drawn on {today.day} {today:%B} {today.year}." in caption
    assert caption.index("Data: warehouse file of ") > 0
    assert caption.startswith("Sources:") or caption.startswith("Source")
    assert DISCLAIMER not in caption
    assert config["toImageButtonOptions"] == {
        "format": "png",
        "filename": "registered-transfers-by-year",
        "scale": 2,
    }
    lines = figure["layout"]["title"]["subtitle"]["text"].split("<br>")
    assert max(len(line) for line in lines) <= CAPTION_WIDTH


def test_a_map_carries_the_un_disclaimer(demo):
    at = page_of("screens/findings.py")
    captions = {figure["layout"]["title"]["text"]: caption_of(figure) for figure, _ in charts(at)}
    assert sorted(captions) == [
        "Findings by panel and confidence",
        "Findings by year and type",
        "Seizure events cited by the findings",
    ]
    assert captions["Seizure events cited by the findings"].endswith(DISCLAIMER)
    assert DISCLAIMER not in captions["Findings by year and type"]


def test_a_chart_in_french(demo, monkeypatch):
    from streamlit.testing.v1 import AppTest as App

    from embargo.config import DASHBOARD_APP

    at = App.from_file(str(DASHBOARD_APP), default_timeout=60)
    at.session_state["access_language"] = "fr"
    at.run()
    at.switch_page("screens/transfers.py")
    at.run()
    assert not at.exception
    [(figure, config)] = charts(at)
    assert figure["layout"]["title"]["text"] == "Transferts enregistrés par année"
    from embargo.i18n import format_date, set_language

    set_language("fr")
    try:
        drawn_on = f"Graphique du {format_date(dt.date.today())}."
    finally:
        set_language("en")
    assert caption_of(figure).count("Données : ") == 1
    assert drawn_on in caption_of(figure)
    assert config["toImageButtonOptions"]["filename"] == "transferts-enregistrés-par-année"
