"""Every chart of the dashboard is shown through `show_chart`, so a chart taken away (the image
Plotly's toolbar downloads, a screenshot) carries what it is, when and from what: its title, the
data version and the day it was drawn, the source it cites, and on a map the UN disclaimer on
boundaries and names. They are written inside the figure, under its title, in the reader's
language; the toolbar's download is a PNG named after the title, at twice the screen's
resolution."""

from __future__ import annotations

import datetime as dt
import re

import plotly.graph_objects as go
import streamlit as st

from dashboard import queries
from dashboard.captions import CAPTION_WIDTH, caption_lines, data_version_text  # noqa: F401
from dashboard.common import viewer_clearance


def chart_caption(source: str, is_map: bool = False, today: dt.date | None = None) -> str:
    """The lines under a chart's title (dashboard.captions.caption_lines, the packs' images
    carry the same) joined by Plotly's <br>."""
    version = data_version_text(queries.data_version(viewer_clearance()))
    return "<br>".join(caption_lines(source, version, is_map, today))


def file_stem(title: str) -> str:
    """A file name for the chart's image: the title's letters and digits, dashes between."""
    return re.sub(r"[^\w]+", "-", title, flags=re.UNICODE).strip("-").lower() or "chart"


def with_caption(
    figure: go.Figure, title: str, source: str, is_map: bool = False, today: dt.date | None = None
) -> go.Figure:
    """The figure with its title and caption written in (see the module's docstring)."""
    figure.update_layout(title=caption_title(title, source, is_map, today))
    return figure


def caption_title(title: str, source: str, is_map: bool, today: dt.date | None = None) -> dict:
    """The title `with_caption` writes into a figure: its title, then the caption below it."""
    return {
        "text": title,
        "x": 0,
        "xanchor": "left",
        "automargin": True,
        "font": {"size": 15},
        "subtitle": {
            "text": chart_caption(source, is_map, today),
            "font": {"size": 10, "color": "#555555"},
        },
    }


def show_chart(
    figure: go.Figure,
    *,
    title: str,
    source: str,
    key: str,
    is_map: bool = False,
    config: dict | None = None,
    where=st,
    **options,
):
    """st.plotly_chart of the figure (in `where`, a column or container, if given) with its
    title, data version, day and source (and the UN disclaimer for a map) inside it, and a
    toolbar download of a PNG named after the title."""
    image = {"format": "png", "filename": file_stem(title), "scale": 2}
    return where.plotly_chart(
        with_caption(figure, title, source, is_map),
        key=key,
        config={**(config or {}), "toImageButtonOptions": image},
        **options,
    )
