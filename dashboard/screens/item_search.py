"""Item search: find a weapon or lot by serial (full, partial or prefix, in normalised form),
marking, lot number or headstamp; see every sighting on a map and a timeline with its sources,
its trace history, and the registered transfers that could explain it."""

import datetime as dt

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import charts, links, queries
from dashboard.candidate_words import chain_record_words, with_sentences
from dashboard.chain_view import show_chain
from dashboard.chart_images import show_chart
from dashboard.choices import choice_key
from dashboard.common import (
    SEIZURE_SOURCES,
    SHAPES_SOURCE,
    show_table,
    synthetic_banner,
    viewer_clearance,
)
from dashboard.downloads import table_downloads
from dashboard.filters import place_columns, seizure_filter_controls, with_place_words
from dashboard.kept_charts import show_kept_chart
from dashboard.shapes_file import country_shapes_url
from embargo.config import double_report_thresholds
from embargo.i18n import _, country_name, format_date, format_number
from embargo.i18n.labels import column_label

clearance = viewer_clearance()

st.title(_("Item search"))
synthetic_banner(clearance)
# A link to a serial (?serial=...) searches for it; the address keeps what is searched for.
links.follow_link("serial", "item_search_text")
search_text = st.text_input(
    _("Serial number, marking, lot number or headstamp"),
    placeholder=_("e.g. 56-1234 (dashes and spaces are ignored for serials)"),
    max_chars=100,
    key="item_search_text",
)
links.keep_in_address("serial", search_text.strip() or None)
# --- filters (dashboard/filters.py): sightings of events in the period and place ----------------
filters = seizure_filter_controls(clearance, key="item_search", kinds=False)
# --- end of filters ----------------------------------------------------------------------------
if len(search_text.strip()) < 2:
    st.info(_("Type at least two characters."))
    st.stop()

found = queries.item_search(clearance, search_text, filters=filters)
st.subheader(_("Sightings ({count})").format(count=format_number(found.height)))
if found.is_empty():
    st.warning(_("No documented item matches."))
    st.stop()
show_table(
    links.with_links(
        with_place_words(found),
        {
            "serial_number": ("serial", "serial_number"),
            "event_id": ("event", "event_uid", "event_id"),
        },
    ).select(
        "matched_on",
        "serial_number",
        "event_id",
        "manufacturer",
        "model",
        "calibre",
        "lot_number",
        "headstamp_factory",
        # as text: a day reads without a time, a year not marked reads "—", not "None"
        pl.col("headstamp_year").cast(pl.String),
        pl.col("event_date").cast(pl.String),
        "country_iso3",
        "admin1_area",
        "near",
        "location_name",
        "context",
        "reporting_entity",
        "source_document",
        "source_paragraph",
        "file_name",
        "source_row_number",
    ),
    hide_index=True,
    keep=("serial_number", "event_id"),
    column_config={
        "serial_number": links.link_column(
            _("Serial"), _("Every sighting of this serial and its trace history")
        ),
        "event_id": links.link_column(_("Event"), _("The seizure event in full")),
        **place_columns(),
    },
)
earlier = queries.seizure_earlier_versions(clearance, found["item_line_uid"].to_list())
known_day = st.session_state.get("known_on")
if known_day is not None:
    # the sightings, their places and the double reports below are those known then
    st.caption(
        _("Sightings as the warehouse knew them on {day}: the versions loaded by then.").format(
            day=format_date(known_day)
        )
    )
if not earlier.is_empty():
    if known_day is None:
        shown = _(
            "Sightings with earlier versions: {count} (a later file or a correction revised the "
            "item or its event); the table shows the current ones."
        )
    else:
        shown = _(
            "Sightings with earlier versions: {count} (a later file or a correction revised the "
            "item or its event by then); the table shows the versions known on {day}."
        )
    st.info(
        shown.format(
            count=format_number(earlier["item_line_uid"].n_unique()),
            day=format_date(known_day) if known_day else "",
        )
    )
    with st.expander(_("Earlier versions")):
        show_table(
            earlier.with_columns(
                pl.col("version_of").replace_strict(
                    {"item_line": _("Item line"), "event": _("Event")}
                ),
                # A day, as the sightings table shows it; an item line's version has none.
                pl.col("event_date").cast(pl.String),
            ).drop("item_line_uid", "classification"),
            hide_index=True,
        )

map_column, timeline_column = st.columns(2)
with map_column:
    show_kept_chart(
        charts.sightings_map,
        found,
        country_shapes_url(clearance),
        queries.map_shape_keys(clearance),
        title=_("Sightings of the items found"),
        source=_(SEIZURE_SOURCES) + " " + _(SHAPES_SOURCE),
        is_map=True,
        key="sightings_map",
        config=charts.geo_config(),
    )
with timeline_column:
    # Days as numbers: the built-in chart named days and months in English whatever the language
    timeline = go.Figure(
        go.Scatter(
            x=found["event_date"].to_list(),
            y=found["reporting_entity"].to_list(),
            mode="markers",
            hovertemplate="%{x|%Y-%m-%d}<br>%{y}<extra></extra>",
        )
    )
    # at least a month wide, so a single day does not get ticks by the hour
    first, last = found["event_date"].min(), found["event_date"].max()
    pad = max(dt.timedelta(days=15), (last - first) / 20) if first and last else None
    timeline.update_layout(
        xaxis={
            "type": "date",
            "tickformat": "%Y-%m-%d",
            "title": column_label("event_date"),
            **({"range": [first - pad, last + pad]} if pad else {}),
        },
        yaxis={"title": column_label("reporting_entity"), "automargin": True},
        height=420,
    )
    show_chart(
        timeline,
        title=_("Sightings over time"),
        source=_(SEIZURE_SOURCES),
        key="sightings_timeline",
    )
st.caption(f"{_(SEIZURE_SOURCES)} {_(SHAPES_SOURCE)}")
# --- sightings off the map (dashboard/filters.py) -----------------------------------------------
unlocated = found.filter(pl.col("latitude").is_null() | pl.col("longitude").is_null())
if not unlocated.is_empty():
    events = ", ".join(
        f"{row['event_id']} ({row['location_name'] or country_name(row['country_iso3'])})"
        for row in unlocated.iter_rows(named=True)
    )
    message = (
        _("1 sighting has no coordinates and is not on the map: {events}.")
        if unlocated.height == 1
        else _("{count} sightings have no coordinates and are not on the map: {events}.")
    )
    st.markdown("**" + message.format(count=format_number(unlocated.height), events=events) + "**")
# --- end of sightings off the map ---------------------------------------------------------------

# --- possible double reporting ------------------------------------------------------------------
max_days, max_km = double_report_thresholds()
doubles = queries.possible_double_reports(
    clearance, max_days, max_km, item_line_uids=found["item_line_uid"].to_list()
)
st.subheader(_("Possible double reporting ({count})").format(count=format_number(doubles.height)))
st.markdown(
    _(
        "Two sightings of one item (same serial, manufacturer and model) by different reporting "
        "entities at most {days} days and {km} km apart may be one seizure reported twice: check "
        "both sources before counting it twice (EMBARGO_DOUBLE_REPORT_DAYS, "
        "EMBARGO_DOUBLE_REPORT_KM)."
    ).format(days=max_days, km=format_number(max_km))
)
if doubles.is_empty():
    st.info(_("No two sightings found here are that close by different entities."))
else:
    show_table(
        doubles.select(
            "serial_number",
            "manufacturer",
            "model",
            "days_apart",
            "km_apart",
            "first_reporting_entity",
            "first_event_id",
            "first_event_date",
            "first_location_name",
            "first_source_document",
            "second_reporting_entity",
            "second_event_id",
            "second_event_date",
            "second_location_name",
            "second_source_document",
            "classification",
        ),
        hide_index=True,
        column_config={
            "serial_number": _("Serial"),
            "days_apart": st.column_config.NumberColumn(_("Days apart"), format="%d"),
            "km_apart": st.column_config.NumberColumn(_("Km apart"), format="%.1f"),
            "first_reporting_entity": _("First reported by"),
            "first_event_id": _("First event"),
            "first_event_date": st.column_config.DateColumn(_("First date")),
            "first_location_name": _("First place"),
            "first_source_document": _("First source"),
            "second_reporting_entity": _("Then reported by"),
            "second_event_id": _("Second event"),
            "second_event_date": st.column_config.DateColumn(_("Second date")),
            "second_location_name": _("Second place"),
            "second_source_document": _("Second source"),
        },
    )
    table_downloads(doubles, "possible-double-reports", "item_search_doubles")
# --- end of possible double reporting -----------------------------------------------------------

# In the order found (best matches first): the default choice is the same on every rerun.
serials = [
    serial for serial in found["serial_normalized"].unique(maintain_order=True).to_list() if serial
]
if serials:
    serial = st.selectbox(_("Trace history of serial"), serials, key="item_search_serial")
    history = queries.item_trace_history(clearance, serial)
    if history.is_empty():
        st.info(_("No trace request for this serial."))
    else:
        show_table(history, hide_index=True)

st.subheader(_("Registered transfers that could explain these items"))
candidates = queries.item_transfer_candidates(clearance, found["item_line_uid"].to_list())
# each candidate's reason in the reader's words, here and in the item's chain below
registry = queries.source_registry(clearance)
explained = with_sentences(
    candidates, dict(zip(registry["source_id"], registry["title"], strict=True))
)
if candidates.is_empty():
    st.info(
        _("No registered transfer matches the country of manufacture and the place of seizure.")
    )
else:
    show_table(
        explained.select(
            "serial_number", "score", "confirmed", "explanation", "transfer_id", "delivery_year"
        ),
        hide_index=True,
        column_config={
            "serial_number": _("Serial"),
            "score": st.column_config.ProgressColumn(_("Score"), min_value=0, max_value=100),
            "confirmed": st.column_config.CheckboxColumn(_("Confirmed by a trace")),
            "explanation": st.column_config.TextColumn(_("Why"), width="large"),
            "transfer_id": _("Transfer"),
            "delivery_year": st.column_config.NumberColumn(_("Delivered"), format="%d"),
        },
    )
    st.caption(
        _(
            "Candidates are leads for tracing, not findings: the score adds points for the "
            "recipient (the country of seizure or a neighbour), a designation matching the model, "
            "a fitting register category and a recent delivery; links confirmed by a trace "
            "response come first."
        )
    )

# --- an item's own chain: its sightings, whom it was seized from, the registered transfers that
# could explain it, the findings citing it (dashboard/chain_view.py) ---
chain_items = found.with_columns(
    pl.coalesce("serial_normalized", "item_line_uid").alias("chain_item")
)
chain_labels = dict(
    chain_items.select(
        "chain_item",
        pl.concat_str(
            [pl.coalesce("serial_number", "lot_number", "item_line_uid"), "manufacturer", "model"],
            separator=" ",
            ignore_nulls=True,
        ),
    )
    .unique("chain_item", keep="first", maintain_order=True)
    .rows()
)
st.subheader(_("The item's chain"))
chain_item = st.selectbox(
    _("Chain of item"),
    list(chain_labels),
    format_func=lambda item: chain_labels.get(item, item),
    key=choice_key("item_search_chain"),
)
show_chain(
    queries.item_chain_edges(
        clearance,
        chain_items.filter(pl.col("chain_item") == chain_item)["item_line_uid"].to_list(),
    ),
    "item_chain",
    _("No party, registered transfer or finding is linked to this item yet."),
    record_words=chain_record_words(candidates, explained),
)
