"""What a chart or map taken away carries, in the reader's language: the source it cites, the
data version it was read from, the day it was drawn and, on a map, the UN disclaimer on
boundaries and names. One source of truth for the dashboard's charts (dashboard.chart_images
writes the lines into the Plotly figure) and the briefing packs' images
(dashboard.briefing.images writes them into the PNG). No Streamlit here: packs are written by
the command line too."""

from __future__ import annotations

import datetime as dt
import textwrap

from dashboard import queries
from dashboard.map_layers import UN_MAP_DISCLAIMER
from embargo.i18n import N_, _, format_date, format_datetime

# Messages defined here are marked with N_ and translated where they are shown (`_(...)`).
EMBARGO_SOURCE = N_(
    "Source: UN Security Council resolutions, cited by symbol (Embargo Monitor reference table "
    "of UN arms embargoes, status as of 2026-11-01)."
)
SHAPES_SOURCE = N_("Boundaries: Natural Earth admin-0 1:110m (public domain).")

# Characters per line of the caption under the title (neither Plotly nor matplotlib wraps).
CAPTION_WIDTH = 90


def data_version_text(version: queries.DataVersion) -> str:
    """The state of the warehouse figures were read from, in the reader's language."""
    when = format_datetime(version.changed_at, seconds=True) + " UTC"
    if version.snapshot_id is None:
        return _("warehouse file of {when}").format(when=when)
    return _("catalog snapshot {snapshot} of {when}").format(
        snapshot=version.snapshot_id, when=when
    )


def caption_lines(
    source: str, version: str, is_map: bool = False, today: dt.date | None = None
) -> list[str]:
    """The lines under a chart's title: the source, the data version and the day, and for a map
    the UN disclaimer; each at most CAPTION_WIDTH characters."""
    parts = [
        source,
        _("Data: {version}. Drawn on {date}.").format(
            version=version, date=format_date(today or dt.date.today())
        ),
    ]
    if is_map:
        parts.append(_(UN_MAP_DISCLAIMER))
    return [line for part in parts for line in textwrap.wrap(part, CAPTION_WIDTH)]
