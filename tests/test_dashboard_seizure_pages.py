"""Hotspots, Trends, Tracing and Item search pages run headless with AppTest against the demo
warehouse: no exception, maps bounded, emerging hotspots, fresh supply, SDG 16.4.2 and item
search shown with their sources."""

from __future__ import annotations

import pytest
from support import page_of, scalar


@pytest.fixture
def open_page(demo_warehouse, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))

    return page_of


def test_hotspots_page_draws_a_bounded_grid_and_lists_emerging_cells(open_page, demo_warehouse):
    at = open_page("screens/hotspots.py")
    assert [t.value for t in at.title] == ["Hotspots"]
    assert at.warning[0].value.startswith("**Synthetic demo data.**")
    emerging = next(df.value for df in at.dataframe if "p_value" in df.value.columns)
    assert len(emerging) <= 50
    flagged = int(emerging["emerging"].sum())
    assert any(
        f"**Emerging hotspots: {flagged}**" in m.value and "one-sided Poisson test" in m.value
        for m in at.markdown
    )
    cells_caption = next(c.value for c in at.caption if "grid cells of 0.5 degrees" in c.value)
    cells = int(cells_caption.split(" ")[0].replace(",", ""))
    assert 0 < cells <= 5000


def test_hotspots_page_leaflet_view(open_page):
    at = open_page("screens/hotspots.py")
    next(radio for radio in at.radio if radio.label == "Map").set_value("Grid on Leaflet").run()
    assert not at.exception
    assert any("red: emerging hotspots" in c.value for c in at.caption)


def test_trends_page_shows_fresh_supply_with_items_behind(open_page, demo_warehouse):
    at = open_page("screens/trends.py")
    assert [t.value for t in at.title] == ["Trends"]
    indicator = at.dataframe[0].value
    expected = scalar(
        demo_warehouse,
        "SELECT count(*) FROM fresh_supply_indicator(['public', 'restricted', 'confidential', "
        "'strictly_confidential'])",
    )
    assert len(indicator) == expected > 0
    first = indicator.iloc[0]
    items = at.dataframe[1].value
    assert len(items) == first["dated_lines"]
    assert int(items["made_after_embargo_start"].sum()) == first["fresh_lines"]


def test_tracing_page_figures(open_page, demo_warehouse):
    at = open_page("screens/tracing.py")
    metrics = {m.label: m.value for m in at.metric}
    total = scalar(demo_warehouse, "SELECT count(*) FROM trace_requests")
    answered = scalar(
        demo_warehouse,
        "SELECT count(*) FROM trace_requests WHERE status IN ('responded', 'partial', 'negative')",
    )
    assert metrics["Trace requests"] == f"{total:,}"
    assert metrics["Answered"] == f"{answered:,}"
    assert metrics["Response rate"] == f"{answered / total:.0%}"
    sdg = next(df.value for df in at.dataframe if "denominator" in df.value.columns)
    assert (sdg["numerator"] <= sdg["denominator"]).all()


def test_item_search_finds_an_item_seen_by_two_entities(open_page, demo_warehouse):
    serial = scalar(
        demo_warehouse,
        "SELECT serial_normalized FROM documented_items WHERE sightings >= 2 "
        "ORDER BY serial_normalized LIMIT 1",
    )
    at = open_page("screens/item_search.py")
    at.text_input[0].set_value(serial.lower()).run()
    assert not at.exception
    sightings = at.dataframe[0].value
    assert len(sightings) >= 2
    assert sightings["reporting_entity"].nunique() >= 2
    # the label of the stored "serial (exact)"
    assert set(sightings["matched_on"]) == {"Serial (exact)"}
