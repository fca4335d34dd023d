"""Audit: the audit trail for administrators, filtered by user, action and date, downloadable."""

import datetime as dt

import polars as pl
import streamlit as st

from dashboard.common import audited_download_button, signed_in_viewer, spreadsheet_safe_csv
from embargo import audit

viewer = signed_in_viewer()
st.title("Audit")
if not viewer.is_admin:
    st.error("The audit trail is for administrators.")
    st.stop()

st.markdown(
    "Every sign-in and refusal, page view with its filters and search terms, download (with the "
    "file's SHA-256), upload (with its load id) and change to an account, in the order they "
    "happened. Rows are only ever added: the store refuses changes and deletions."
)
today = dt.datetime.now(dt.UTC).date()
left, middle, right = st.columns([2, 3, 2])
user_names = left.multiselect(
    "Users", audit.user_names_seen(), key="audit_users", placeholder="All users"
)
actions = middle.multiselect(
    "Actions",
    list(audit.ACTIONS),
    format_func=lambda action: action.replace("_", " "),
    key="audit_actions",
    placeholder="All actions",
)
period = right.date_input(
    "Dates (UTC)", value=(today - dt.timedelta(days=30), today), key="audit_dates"
)
date_from, date_to = period if len(period) == 2 else (period[0], period[0])

rows = audit.read(
    user_names=tuple(user_names), actions=tuple(actions), date_from=date_from, date_to=date_to
)
frame = pl.DataFrame(
    {
        "audit_id": [row.audit_id for row in rows],
        "occurred_at": [row.occurred_at for row in rows],
        "user_name": [row.user_name for row in rows],
        "action": [row.action for row in rows],
        "target": [row.target for row in rows],
        "detail": [audit.detail_text(row.detail) for row in rows],
    },
    schema={
        "audit_id": pl.Int64,
        "occurred_at": pl.String,
        "user_name": pl.String,
        "action": pl.String,
        "target": pl.String,
        "detail": pl.String,
    },
)
st.subheader(f"Audit trail ({frame.height:,} rows)")
st.dataframe(
    frame,
    hide_index=True,
    column_config={
        "audit_id": st.column_config.NumberColumn("#", format="%d"),
        "occurred_at": "When (UTC)",
        "user_name": "User",
        "action": "Action",
        "target": "Page, file or account",
        "detail": st.column_config.TextColumn("Details", width="large"),
    },
)
audited_download_button(
    "Download these rows as CSV",
    spreadsheet_safe_csv(frame),
    file_name=f"audit_{date_from}_{date_to}.csv",
    key="audit_download",
)
st.caption(
    "Source: the access store beside the warehouse (accounts and audit trail; it outlives "
    "warehouse rebuilds). Accounts are managed with `embargo users`."
)
