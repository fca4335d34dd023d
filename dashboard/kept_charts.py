"""Plotly charts kept across sessions (dashboard.render_cache), as the Leaflet maps are
(dashboard.kept_maps): a page run drawing a chart an earlier run (any session's) drew from the
same data sends what that run made, without building the figure again.

Building a figure is most of a chart's server time: plotly checks every property of every trace
as it is set, then `st.plotly_chart` copies the figure into a dict and writes it as JSON. A chart
function of dashboard.charts is a pure function of its arguments and the reader's language, so
its figure is kept under the function, its arguments (frames by content: a load that changes
them changes the key, a load of other records leaves it), the viewer's clearance (nothing made
for one clearance is sent to another) and the language. What is kept is the figure's traces as
the JSON plotly writes and its layout as a dict: the title and caption (dashboard.chart_images),
which name the data version and the day and so change with every load, are written into the
layout at each run, and the JSON sent is the same text `st.plotly_chart` would send for the
captioned figure (JSON is written part by part, so the traces' text is the same inside the whole).

The chart is sent as `st.plotly_chart` sends it (written against Streamlit 1.67: its proto, id,
size and the description agents read), without selections: a chart whose clicks rerun the page
is shown with chart_images.show_chart."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from dashboard.chart_images import caption_title, file_stem
from dashboard.common import viewer_clearance
from dashboard.render_cache import Kept, key_of
from embargo.i18n import language

_charts = Kept(max_entries=256, max_bytes=48 * 2**20)


@dataclass(frozen=True)
class KeptFigure:
    """A figure without its title: its traces as plotly writes them in JSON, and its layout."""

    data_json: str
    layout: dict


def to_json(value: Any) -> str:
    """`value` as plotly.io.to_json writes it within a figure (its engine, no spaces, `<`, `>`
    and `/` escaped)."""
    from plotly.io._json import to_json_plotly

    return to_json_plotly(value)


def kept_figure(figure: go.Figure) -> KeptFigure:
    """What is kept of a figure: plotly.io.to_json's parts of figure.to_dict()."""
    whole = figure.to_dict()
    if set(whole) != {"data", "layout"}:
        raise ValueError(f"a kept chart has traces and a layout only, not {sorted(whole)}")
    for trace in whole["data"]:
        trace.pop("uid", None)  # as plotly.io.to_json leaves them out
    return KeptFigure(to_json(whole["data"]), whole["layout"])


# The title plotly makes, by the title the layout had and the structure (keys, nested) of the
# title written in: a figure's update orders the properties its own way (compound ones first),
# which depends on the keys alone, and making it through a figure costs a few milliseconds.
_titles: dict[tuple, dict] = {}
_TITLES_KEPT = 64


def _structure(title: dict) -> tuple:
    return tuple(
        (key, _structure(value) if isinstance(value, dict) else None)
        for key, value in title.items()
    )


def _filled(made: dict, title: dict) -> dict:
    """`made` (a title plotly made) with the values of `title` where it gives them."""
    return {
        key: (
            _filled(value, title[key])
            if isinstance(value, dict) and isinstance(title.get(key), dict)
            else title.get(key, value)
        )
        for key, value in made.items()
    }


def titled_layout(layout: dict, title: dict) -> dict:
    """The layout as figure.update_layout(title=title) leaves it: the title made as plotly
    makes it (on a figure of the title alone the first time, then in the order it gave), where
    the layout had it, else last."""
    had = layout.get("title")
    shape = (json.dumps(had, default=str) if had is not None else None, _structure(title))
    made = _titles.get(shape)
    if made is None:
        alone = go.Figure(layout={"title": had} if had is not None else None)
        alone.update_layout(title=title)
        made = alone.to_dict()["layout"]["title"]
        if len(_titles) >= _TITLES_KEPT:
            _titles.clear()
        _titles[shape] = made
    return {**layout, "title": _filled(made, title)}


def spec(kept: KeptFigure, title: dict) -> str:
    """The JSON `st.plotly_chart` sends for the kept figure with `title` set in its layout."""
    layout_json = to_json(titled_layout(kept.layout, title))
    return '{"data":' + kept.data_json + ',"layout":' + layout_json + "}"


def send_plotly_spec(
    where: Any, spec_json: str, layout: dict, *, key: str, config: dict, theme: str = "streamlit"
) -> Any:
    """What `st.plotly_chart` does with a figure, a key and a configuration once it has the JSON
    (`spec_json`) and layout, for a chart without selections (Streamlit 1.67)."""
    from streamlit.elements.lib import agent_spec
    from streamlit.elements.lib.form_utils import current_form_id
    from streamlit.elements.lib.layout_utils import LayoutConfig
    from streamlit.elements.lib.utils import compute_and_register_element_id, to_key
    from streamlit.elements.plotly_chart import (
        _plotly_data,
        _resolve_content_height,
        _resolve_content_width,
    )
    from streamlit.proto.PlotlyChart_pb2 import PlotlyChart as PlotlyChartProto

    dg = st._main if where is st else where
    width, height = "stretch", "content"
    proto = PlotlyChartProto()
    proto.theme = theme
    proto.form_id = current_form_id(dg)
    proto.spec = spec_json
    proto.config = json.dumps(config)
    proto.id = compute_and_register_element_id(
        "plotly_chart",
        user_key=to_key(key),
        key_as_main_identity=False,
        dg=dg,
        plotly_spec=proto.spec,
        plotly_config=proto.config,
        selection_mode=("points", "box", "lasso"),
        is_selection_activated=False,
        theme=theme,
        width=width,
        height=height,
        alt=None,
    )
    figure = {"layout": layout}
    layout_config = LayoutConfig(
        width=_resolve_content_width(width, figure), height=_resolve_content_height(height, figure)
    )
    return dg._enqueue(
        "plotly_chart",
        proto,
        layout_config=layout_config,
        agent_props=agent_spec.element(
            "plotly_chart",
            key=to_key(key),
            data_builder=lambda: _plotly_data(proto.spec),
            alt=None,
        ),
    )


def show_kept_chart(
    chart: Callable[..., go.Figure],
    *arguments: Any,
    title: str,
    source: str,
    key: str,
    is_map: bool = False,
    config: dict | None = None,
    where: Any = st,
) -> Any:
    """chart_images.show_chart(chart(*arguments), title=..., source=..., key=..., ...), the
    figure built only when no earlier run (of any session) built it from the same arguments.
    `chart` must be a function of dashboard.charts: a figure made from its arguments and the
    reader's language alone."""
    kept_key = (
        "chart",
        chart.__module__,
        chart.__qualname__,
        viewer_clearance(),
        language(),
        key_of(arguments),
    )

    def make() -> tuple[KeptFigure, int]:
        kept = kept_figure(chart(*arguments))
        return kept, len(kept.data_json) + len(json.dumps(kept.layout, default=str))

    kept = _charts.get(kept_key, make)
    image = {"format": "png", "filename": file_stem(title), "scale": 2}
    title_properties = caption_title(title, source, is_map)
    return send_plotly_spec(
        where,
        spec(kept, title_properties),
        titled_layout(kept.layout, title_properties),
        key=key,
        config={**(config or {}), "toImageButtonOptions": image},
    )
