"""Plotly charts kept across sessions (dashboard/kept_charts.py): the JSON sent for a kept figure
is the text st.plotly_chart sends for the figure built afresh, and on the pages every chart
(its JSON, configuration, id and theme) is what the uncached path sends, in English and in
French, on the first run and from the kept store."""

from __future__ import annotations

import datetime as dt
import math

import plotly.graph_objects as go
import plotly.io
import polars as pl
import pytest
from support import page_of

from dashboard import charts, kept_charts, map_layers
from dashboard.chart_images import show_chart

TITLE = {
    "text": "Seized <items> in Côte d'Ivoire / 2024",
    "x": 0,
    "xanchor": "left",
    "automargin": True,
    "font": {"size": 15},
    "subtitle": {"text": "Source: a/b<br>warehouse file of 2026-12-07", "font": {"size": 10}},
}


def sent_by_plotly(figure: go.Figure, title: dict) -> str:
    """What st.plotly_chart sends for the figure once chart_images has written its title."""
    figure.update_layout(title=title)
    return plotly.io.to_json(figure.to_dict(), validate=False)


def figures() -> dict[str, go.Figure]:
    by_year = pl.DataFrame(
        {
            "document_year": [2020, 2021, 2021],
            "finding_type": ["violation", "diversion", "violation"],
            "findings": [3, 1, 2],
        }
    )
    points = pl.DataFrame(
        {
            "event_id": ["E-1", "E-2"],
            "event_date": [dt.date(2024, 3, 5), dt.date(2024, 4, 1)],
            "location_name": ["Nanyuki", None],
            "country_iso3": ["KEN", "SOM"],
            "latitude": [0.02, 2.04],
            "longitude": [37.07, 45.34],
            "findings": [1, 3],
            "finding_type": ["violation", "diversion"],
            "cited_in": ["S/2024/1 para. 3", "S/2024/2 annex 4"],
        }
    )
    with_nan = go.Figure(go.Bar(x=["a", "b"], y=[1.5, math.nan], text=["NaN", "Infinity"]))
    titled = go.Figure(go.Bar(x=[1], y=[2]))
    titled.update_layout(title={"text": "own title", "y": 0.9, "font": {"color": "red"}})
    return {
        "stacked bars": charts.findings_over_time(by_year),
        "map with places": charts.finding_events_map(
            points,
            "/app/static/shapes/x.json",
            pl.DataFrame({"shape_key": ["KEN", "SOM"], "country_name": ["Kenya", "Somalia"]}),
        ),
        "not a number": with_nan,
        "a title of its own": titled,
        "vertical lines": charts.manufacture_years(
            pl.DataFrame({"manufacture_year": [1975, None, 1990], "item_lines": [2, 1, 5]}),
            [dt.date(1992, 1, 23)],
        ),
    }


@pytest.mark.parametrize(
    "name",
    ["stacked bars", "map with places", "not a number", "a title of its own", "vertical lines"],
)
def test_the_kept_figure_with_its_title_is_the_json_plotly_writes(name: str) -> None:
    kept = kept_charts.kept_figure(figures()[name])
    assert kept_charts.spec(kept, TITLE) == sent_by_plotly(figures()[name], TITLE)
    # The kept parts are not changed by writing a title in.
    again = kept_charts.spec(kept, {**TITLE, "text": "another"})
    assert again == sent_by_plotly(figures()[name], {**TITLE, "text": "another"})
    assert kept_charts.spec(kept, TITLE) == sent_by_plotly(figures()[name], TITLE)


def test_the_map_layers_are_in_the_kept_traces() -> None:
    kept = kept_charts.kept_figure(figures()["map with places"])
    assert f'"meta":"{map_layers.PLACES_META}"' in kept.data_json
    assert kept.layout["geo"]["showland"] is False


def plotly_protos(at) -> list:
    return [element.proto for element in at.get("plotly_chart")]


# Each page with the widget changes that show its other charts.
PAGES = {
    "screens/country_profile.py": [],
    "screens/findings.py": [],
    "screens/hotspots.py": [("hotspots_map", "Grid"), ("hotspots_map", "Countries")],
    "screens/trends.py": [("trends_dimension", "context")],
    "screens/tracing.py": [],
    "screens/transfers.py": [],
    "screens/screening.py": [],
    "screens/embargo_regimes.py": [],
}


def charts_shown(page: str, language: str) -> list:
    at = page_of(page, language)
    shown = [plotly_protos(at)]
    for key, value in PAGES[page]:
        at.radio(key=key).set_value(value).run()
        assert not at.exception, [e.value for e in at.exception]
        shown.append(plotly_protos(at))
    return shown


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("page", list(PAGES))
def test_a_page_sends_the_charts_it_sent_before(
    page: str, language: str, demo_warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))
    kept_charts._charts.clear()
    kept = charts_shown(page, language)
    from_the_store = charts_shown(page, language)
    built = []
    with monkeypatch.context() as uncached:

        def built_afresh(chart, *arguments, **options):
            built.append(chart)
            return show_chart(chart(*arguments), **options)

        uncached.setattr(kept_charts, "show_kept_chart", built_afresh)
        afresh = charts_shown(page, language)
    assert len(built) == sum(len(run) for run in afresh) > 0
    assert kept == afresh
    assert from_the_store == afresh
