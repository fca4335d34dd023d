"""Tracing: trace requests with their status, age and outcome; where requests stand (sent,
acknowledged, answered or declined), the days spent in each state and the overdue list; response
rate and response time by addressed state or manufacturer; SDG indicator 16.4.2 with its
numerator and denominator; the states of exemption notifications."""

import streamlit as st

from dashboard import charts, queries
from dashboard.common import (
    SEIZURE_SOURCES,
    audited_download_button,
    show_table,
    spreadsheet_safe_labelled_csv,
    synthetic_banner,
    viewer_clearance,
)
from dashboard.filters import sdg_in_place, seizure_filter_controls
from dashboard.kept_charts import show_kept_chart
from embargo.config import trace_deadline_days
from embargo.i18n import _, format_number, format_share

clearance = viewer_clearance()
SHOWN_ROWS = 2000

st.title(_("Tracing"))
synthetic_banner(clearance)

if queries.trace_requests(clearance, limit=1).is_empty():
    st.info(_("No trace request is loaded. Load a `traces` file with `embargo ingest`."))
    st.stop()

# --- filters (dashboard/filters.py): requests sent in the period, about events in the place ----
filters = seizure_filter_controls(clearance, key="tracing", kinds=False)
requests = queries.trace_requests(clearance, limit=SHOWN_ROWS, filters=filters)
if requests.is_empty():
    st.info(_("No trace request was sent in this period about an event in this place."))
    st.stop()
# --- end of filters ----------------------------------------------------------------------------

by_addressee = queries.tracing_by_addressee(clearance, filters)
answered = int(by_addressee["answered"].sum())
total = int(by_addressee["requests"].sum())
deadline = trace_deadline_days()
overdue = queries.trace_overdue(clearance, deadline, filters)
still_open = int(by_addressee["pending"].sum() + by_addressee["acknowledged"].sum())
figures = st.columns(5)
figures[0].metric(_("Trace requests"), format_number(total))
figures[1].metric(
    _("Answered"), format_number(answered), help=_("Status responded, partial or negative.")
)
figures[2].metric(_("Response rate"), format_share(answered / total))
figures[3].metric(
    _("Open"), format_number(still_open), help=_("Requests sent or acknowledged, not answered.")
)
figures[4].metric(
    _("Overdue"),
    format_number(overdue.height),
    help=_("Open more than {days} days after they were sent (EMBARGO_TRACE_DEADLINE_DAYS).").format(
        days=deadline
    ),
)

st.subheader(_("Where the requests stand"))
st.markdown(
    _(
        "Each request moves from sent (pending) to acknowledged, then to an answer (responded, "
        "partial or negative) or a refusal (declined); each state is dated and sourced by the "
        "file that reported it. Days in a state count to today, or to the day chosen in the "
        "sidebar."
    )
)
state_columns = {
    "state": _("State"),
    "records_now": _("Requests in it now"),
    "spells": _("Requests that were in it"),
    "median_days": st.column_config.NumberColumn(_("Median days in it"), format="%.0f"),
    "longest_days": _("Longest days in it"),
}
show_table(
    queries.trace_request_state_summary(clearance, filters),
    hide_index=True,
    column_config=state_columns,
)
st.subheader(_("Overdue requests ({count})").format(count=format_number(overdue.height)))
st.caption(
    _(
        "Sent or acknowledged and unanswered more than {days} days after sending "
        "(EMBARGO_TRACE_DEADLINE_DAYS); the most overdue first."
    ).format(days=deadline)
)
if not overdue.is_empty():
    show_table(overdue, hide_index=True)
with st.expander(_("State history of the requests")):
    show_table(queries.trace_request_history(clearance, filters), hide_index=True)

st.subheader(_("Response rate and time by addressee"))
show_kept_chart(
    charts.response_rates,
    by_addressee,
    title=_("Response rate and time by addressee"),
    source=_(SEIZURE_SOURCES),
    key="response_rates",
)
st.caption(
    _(
        "Timely and reliable responses to tracing requests are a commitment of the International "
        "Tracing Instrument. Response time: days from sending to the response."
    )
    + f" {_(SEIZURE_SOURCES)}"
)
show_table(
    by_addressee,
    hide_index=True,
    column_config={"response_rate": st.column_config.NumberColumn(format="percent")},
)

st.subheader(_("SDG indicator 16.4.2"))
st.markdown(
    _(
        "Proportion of seized, found or surrendered arms whose illicit origin or context has been "
        "traced or established: weapons documented in the country and year (denominator) and, of "
        "those, the weapons whose trace request was answered with the last legal recipient or the "
        "point of diversion (numerator)."
    )
)
show_table(
    sdg_in_place(queries.sdg_16_4_2(clearance), filters).drop("country_name"),
    hide_index=True,
    column_config={
        "year": st.column_config.NumberColumn(_("Year"), format="%d"),
        "numerator": _("Traced or established"),
        "denominator": _("Weapons seized, found or surrendered"),
        "proportion": st.column_config.NumberColumn(_("Proportion"), format="percent"),
    },
)

st.subheader(_("Trace requests ({count})").format(count=format_number(total)))
if total > requests.height:
    st.caption(
        _("The {shown} most recently sent are listed; the CSV holds all {total}.").format(
            shown=format_number(requests.height), total=format_number(total)
        )
    )
show_table(requests, hide_index=True)
# The full list is read only when asked for: at a million item lines it is about 100,000
# requests, which the page must not send to the browser on every rerun.
if st.toggle(_("Prepare all trace requests as CSV"), key="prepare_trace_requests_csv"):
    audited_download_button(
        _("Download the trace requests as CSV"),
        spreadsheet_safe_labelled_csv(queries.trace_requests(clearance, filters=filters)),
        file_name="trace_requests.csv",
    )
st.caption(_(SEIZURE_SOURCES))

st.subheader(_("Exemption notifications"))
st.markdown(
    _(
        "Each notification is filed (pending), then meets no objection, an objection, approval "
        "or denial, or is withdrawn (a withdrawn notification no longer counts in the screening)."
    )
)
show_table(
    queries.workflow_state_summary(clearance, "exemption notification"),
    hide_index=True,
    column_config={**state_columns, "records_now": _("Notifications in it now"),
                   "spells": _("Notifications that were in it")},
)  # fmt: skip
with st.expander(_("State history of the notifications")):
    show_table(queries.workflow_history(clearance, "exemption notification"), hide_index=True)
