"""Audit: the audit trail for administrators, filtered by user, action and date, downloadable."""

import datetime as dt

import polars as pl
import streamlit as st

from dashboard.choices import choice_key
from dashboard.common import (
    audited_download_button,
    date_input_format,
    show_table,
    signed_in_viewer,
    spreadsheet_safe_labelled_csv,
)
from embargo import audit
from embargo.i18n import _, format_number
from embargo.i18n.labels import value_label

viewer = signed_in_viewer()
st.title(_("Audit"))
if not viewer.is_admin:
    st.error(_("The audit trail is for administrators."))
    st.stop()

st.markdown(
    _(
        "Every sign-in and refusal, page view with its filters and search terms, download (with "
        "the file's SHA-256), upload (with its load id) and change to an account, in the order "
        "they happened. Rows are only ever added: the store refuses changes and deletions."
    )
)
today = dt.datetime.now(dt.UTC).date()
left, middle, right = st.columns([2, 3, 2])
user_names = left.multiselect(
    _("Users"), audit.user_names_seen(), key="audit_users", placeholder=_("All users")
)
actions = middle.multiselect(
    _("Actions"),
    list(audit.ACTIONS),
    format_func=lambda action: value_label("action", action),
    key=choice_key("audit_actions"),
    placeholder=_("All actions"),
)
period = right.date_input(
    _("Dates (UTC)"),
    value=(today - dt.timedelta(days=30), today),
    format=date_input_format(),
    key="audit_dates",
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
st.subheader(_("Audit trail ({count} rows)").format(count=format_number(frame.height)))
show_table(
    frame,
    hide_index=True,
    column_config={
        "audit_id": st.column_config.NumberColumn("#", format="%d"),
        "occurred_at": _("When (UTC)"),
        "user_name": _("User"),
        "action": _("Action"),
        "target": _("Page, file or account"),
        "detail": st.column_config.TextColumn(_("Details"), width="large"),
    },
)
audited_download_button(
    _("Download these rows as CSV"),
    spreadsheet_safe_labelled_csv(frame),
    file_name=f"audit_{date_from}_{date_to}.csv",
    key="audit_download",
)

st.caption(
    _(
        "Source: the access store beside the warehouse (accounts and audit trail; it outlives "
        "warehouse rebuilds). Accounts are managed with `embargo users`."
    )
)
