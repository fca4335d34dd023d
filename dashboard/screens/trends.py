"""Trends: monthly seizures by category, context or reporting entity with the embargo's dates on
the time axis, and the fresh-supply indicator: the share of documented items made after the
embargo began, with the items behind each figure."""

import streamlit as st

from dashboard import charts, queries
from dashboard.common import (
    EMBARGO_SOURCE,
    SEIZURE_SOURCES,
    audited_download_button,
    seizure_filter_controls,
    spreadsheet_safe_csv,
    synthetic_banner,
    viewer_clearance,
)

clearance = viewer_clearance()
SHOWN_ROWS = 2000

st.title("Trends")
synthetic_banner(clearance)
filters = seizure_filter_controls(clearance, key="trends")

countries = queries.seizures_by_country(clearance, filters)
names = dict(zip(countries["country_iso3"], countries["country_name"], strict=True))
left, middle, right = st.columns(3)
country = left.selectbox(
    "Country",
    [None, *names],
    format_func=lambda code: "All countries" if code is None else f"{names[code] or code} ({code})",
    key="trends_country",
)
dimension = middle.radio(
    "Split by",
    ["category", "context", "reporting_entity"],
    horizontal=True,
    format_func=lambda name: name.replace("_", " "),
)
measure = right.radio(
    "Count",
    ["events", "item_lines", "items"],
    horizontal=True,
    format_func=lambda name: name.replace("_", " "),
)

monthly = queries.seizure_monthly(clearance, filters, country, dimension)
change_points = (
    queries.embargo_change_points_for_country(clearance, country)
    if country
    else queries.embargo_change_points_for_country(clearance, "")
)
st.plotly_chart(charts.monthly_trend(monthly, measure, change_points), key="monthly_trend")
st.caption(
    f"{SEIZURE_SOURCES} Dotted lines: imposition (red), changes and end (green) of the embargoes "
    f"on the chosen country, labelled with their resolution. {EMBARGO_SOURCE}"
)

st.subheader("Fresh supply")
st.markdown(
    "For each embargoed territory: of the weapons and ammunition lots documented there since the "
    "embargo began whose year of manufacture (or headstamp year) is known, the share made in a "
    "later year than the embargo's start. Such materiel cannot predate the embargo."
)
indicator = queries.fresh_supply_indicator(clearance)
if indicator.is_empty():
    st.info("No dated item has been documented in an embargoed territory.")
else:
    st.plotly_chart(charts.fresh_supply_bars(indicator), key="fresh_supply")
    st.dataframe(
        indicator,
        hide_index=True,
        column_config={
            "embargo_id": "Embargo",
            "embargo_short_name": "Target",
            "embargo_start": st.column_config.DateColumn("Embargo since"),
            "dated_lines": "Dated items and lots",
            "fresh_lines": "Made after the start",
            "dated_weapons": "Dated weapons",
            "fresh_weapons": "Fresh weapons",
            "dated_ammunition_lots": "Dated ammunition lots",
            "fresh_ammunition_lots": "Fresh lots",
            "fresh_share": st.column_config.NumberColumn("Share", format="percent"),
            "latest_manufacture_year": st.column_config.NumberColumn("Latest year", format="%d"),
        },
    )
    chosen = st.selectbox(
        "Show the items behind",
        indicator["embargo_id"].to_list(),
        format_func=dict(
            zip(indicator["embargo_id"], indicator["embargo_short_name"], strict=True)
        ).get,
        key="trends_items_behind",
    )
    behind = int(indicator.filter(indicator["embargo_id"] == chosen)["dated_lines"].sum())
    items = queries.fresh_supply_items(clearance, chosen, limit=SHOWN_ROWS)
    if behind > items.height:
        st.caption(
            f"The first {items.height:,} are listed (fresh ones and the most recently made "
            f"first); the CSV holds all {behind:,}."
        )
    st.dataframe(
        items.select(
            "made_after_embargo_start",
            "manufacture_year",
            "item_kind",
            "category",
            "manufacturer",
            "model",
            "calibre",
            "serial_number",
            "lot_number",
            "headstamp_factory",
            "country_of_manufacture",
            "event_date",
            "country_iso3",
            "reporting_entity",
            "source_document",
            "file_name",
            "source_row_number",
        ),
        hide_index=True,
        column_config={
            "made_after_embargo_start": st.column_config.CheckboxColumn("Fresh"),
            "manufacture_year": st.column_config.NumberColumn("Made", format="%d"),
            "event_date": st.column_config.DateColumn("Documented"),
            "source_row_number": st.column_config.NumberColumn("Row in file", format="%d"),
        },
    )
    # The full list is read only when asked for: at a million item lines one embargo has up
    # to 150,000 dated items, which the page must not send to the browser on every rerun.
    if st.toggle("Prepare all items behind the figure as CSV", key="prepare_fresh_supply_csv"):
        audited_download_button(
            "Download the items as CSV",
            spreadsheet_safe_csv(queries.fresh_supply_items(clearance, chosen)),
            file_name=f"fresh_supply_items_{chosen}.csv",
        )
    st.caption(f"{SEIZURE_SOURCES} {EMBARGO_SOURCE}")
