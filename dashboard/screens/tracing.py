"""Tracing: trace requests with their status, age and outcome; response rate and response time
by addressed state or manufacturer; SDG indicator 16.4.2 with its numerator and denominator."""

import streamlit as st

from dashboard import charts, queries
from dashboard.common import (
    SEIZURE_SOURCES,
    audited_download_button,
    spreadsheet_safe_csv,
    synthetic_banner,
    viewer_clearance,
)

clearance = viewer_clearance()
SHOWN_ROWS = 2000

st.title("Tracing")
synthetic_banner(clearance)

requests = queries.trace_requests(clearance, limit=SHOWN_ROWS)
if requests.is_empty():
    st.info("No trace request is loaded. Load a `traces` file with `embargo ingest`.")
    st.stop()

by_addressee = queries.tracing_by_addressee(clearance)
answered = int(by_addressee["answered"].sum())
total = int(by_addressee["requests"].sum())
figures = st.columns(4)
figures[0].metric("Trace requests", f"{total:,}")
figures[1].metric("Answered", f"{answered:,}", help="Status responded or partial.")
figures[2].metric("Response rate", f"{answered / total:.0%}")
figures[3].metric("Open", f"{int(by_addressee['pending'].sum()):,}", help="Requests still pending.")

st.subheader("Response rate and time by addressee")
st.plotly_chart(charts.response_rates(by_addressee), key="response_rates")
st.caption(
    "Timely and reliable responses to tracing requests are a commitment of the International "
    f"Tracing Instrument. Response time: days from sending to the response. {SEIZURE_SOURCES}"
)
st.dataframe(by_addressee, hide_index=True)

st.subheader("SDG indicator 16.4.2")
st.markdown(
    "Proportion of seized, found or surrendered arms whose illicit origin or context has been "
    "traced or established: weapons documented in the country and year (denominator) and, of "
    "those, the weapons whose trace request was answered with the last legal recipient or the "
    "point of diversion (numerator)."
)
st.dataframe(
    queries.sdg_16_4_2(clearance),
    hide_index=True,
    column_config={
        "country_iso3": "Code",
        "country_name": "Country",
        "year": st.column_config.NumberColumn("Year", format="%d"),
        "numerator": "Traced or established",
        "denominator": "Weapons seized, found or surrendered",
        "proportion": st.column_config.NumberColumn("Proportion", format="percent"),
    },
)

st.subheader(f"Trace requests ({total:,})")
if total > requests.height:
    st.caption(
        f"The {requests.height:,} most recently sent are listed; the CSV holds all {total:,}."
    )
st.dataframe(requests, hide_index=True)
# The full list is read only when asked for: at a million item lines it is about 100,000
# requests, which the page must not send to the browser on every rerun.
if st.toggle("Prepare all trace requests as CSV", key="prepare_trace_requests_csv"):
    audited_download_button(
        "Download the trace requests as CSV",
        spreadsheet_safe_csv(queries.trace_requests(clearance)),
        file_name="trace_requests.csv",
    )
st.caption(SEIZURE_SOURCES)
