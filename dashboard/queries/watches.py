"""What's new: what a saved watch (embargo/watches.py) finds new or changed since a moment, read
at the viewer's clearance, through the macro watch_news that `embargo watch-report` reads too."""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboard.queries.engine import fetch
from embargo.classification import Classification
from embargo.watches import Watch


def watch_news(clearance: Classification, watch: Watch, since: dt.datetime) -> pl.DataFrame:
    """The records the watch matches that entered the warehouse at or after `since`, newest
    first: record_kind, record_id, change (new or changed), recorded_at, record_date,
    country_iso3, summary, classification."""
    return fetch(
        "SELECT * FROM watch_news(?, ?, ?, ?, ?, ?, ?, ?)",
        [clearance.visible_levels(), since, *watch.macro_arguments()],
    )
