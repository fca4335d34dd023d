"""Item search: find a weapon or lot by serial (full, partial or prefix, in normalised form),
marking, lot number or headstamp; see every sighting on a map and a timeline with its sources,
its trace history, and the registered transfers that could explain it."""

import streamlit as st

from dashboard import charts, queries
from dashboard.common import SEIZURE_SOURCES, SHAPES_SOURCE, synthetic_banner, viewer_clearance
from dashboard.shapes_file import country_shapes_url

clearance = viewer_clearance()

st.title("Item search")
synthetic_banner(clearance)
search_text = st.text_input(
    "Serial number, marking, lot number or headstamp",
    placeholder="e.g. 56-1234 (dashes and spaces are ignored for serials)",
    max_chars=100,
    key="item_search_text",
)
if len(search_text.strip()) < 2:
    st.info("Type at least two characters.")
    st.stop()

found = queries.item_search(clearance, search_text)
st.subheader(f"Sightings ({found.height:,})")
if found.is_empty():
    st.warning("No documented item matches.")
    st.stop()
st.dataframe(
    found.select(
        "matched_on",
        "serial_number",
        "manufacturer",
        "model",
        "calibre",
        "lot_number",
        "headstamp_factory",
        "headstamp_year",
        "event_date",
        "country_iso3",
        "location_name",
        "context",
        "reporting_entity",
        "source_document",
        "source_paragraph",
        "file_name",
        "source_row_number",
    ),
    hide_index=True,
)
map_column, timeline_column = st.columns(2)
with map_column:
    st.plotly_chart(
        charts.sightings_map(
            found, country_shapes_url(clearance), queries.map_shape_keys(clearance)
        ),
        key="sightings_map",
    )
with timeline_column:
    st.scatter_chart(
        found.select("event_date", "reporting_entity").to_pandas(),
        x="event_date",
        y="reporting_entity",
    )
st.caption(f"{SEIZURE_SOURCES} {SHAPES_SOURCE}")

# In the order found (best matches first): the default choice is the same on every rerun.
serials = [
    serial for serial in found["serial_normalized"].unique(maintain_order=True).to_list() if serial
]
if serials:
    serial = st.selectbox("Trace history of serial", serials, key="item_search_serial")
    history = queries.item_trace_history(clearance, serial)
    if history.is_empty():
        st.info("No trace request for this serial.")
    else:
        st.dataframe(history, hide_index=True)

st.subheader("Registered transfers that could explain these items")
candidates = queries.item_transfer_candidates(clearance, found["item_line_uid"].to_list())
if candidates.is_empty():
    st.info("No registered transfer matches the country of manufacture and the place of seizure.")
else:
    st.dataframe(
        candidates.select(
            "serial_number", "score", "confirmed", "explanation", "transfer_id", "delivery_year"
        ),
        hide_index=True,
        column_config={
            "serial_number": "Serial",
            "score": st.column_config.ProgressColumn("Score", min_value=0, max_value=100),
            "confirmed": st.column_config.CheckboxColumn("Confirmed by a trace"),
            "explanation": st.column_config.TextColumn("Why", width="large"),
            "transfer_id": "Transfer",
            "delivery_year": st.column_config.NumberColumn("Delivered", format="%d"),
        },
    )
    st.caption(
        "Candidates are leads for tracing, not findings: the score adds points for the recipient "
        "(the country of seizure or a neighbour), a designation matching the model, a fitting "
        "register category and a recent delivery; links confirmed by a trace response come first."
    )
