"""Embargo changes: every regime's changes of the last N months (renewals, changes, ends, and the
resolutions recorded since the reference table's release), and, for administrators, recording a
new resolution: audited, kept beside the warehouse (or in the catalog's database) so it survives
rebuilds and reaches every machine, merged into the warehouse at once; a renewal running past the
reference table's status date turns "in force (projected)" into verified."""

import datetime as dt

import streamlit as st

from dashboard import queries
from dashboard.choices import choice_key
from dashboard.common import (
    EMBARGO_SOURCE,
    date_input_format,
    embargo_names,
    show_table,
    signed_in_viewer,
    synthetic_banner,
)
from dashboard.downloads import table_downloads
from embargo import accounts, embargo_changes
from embargo.classification import Classification
from embargo.commands.embargoes import months_before
from embargo.config import warehouse_location
from embargo.i18n import _, format_date, format_number
from embargo.i18n.labels import value_label
from ingest.embargo_records import apply_embargo_records

viewer = signed_in_viewer()
clearance = viewer.clearance
st.title(_("Embargo changes"))
synthetic_banner(clearance)

months = st.number_input(
    _("Changes in the last … months"), min_value=1, max_value=120, value=12, key="changes_months"
)
since = months_before(dt.date.today(), int(months))
changes = queries.embargo_changes_since(clearance, since)
names = embargo_names(clearance)
st.subheader(
    _("{count} changes since {date}").format(
        count=format_number(changes.height), date=format_date(since)
    )
)
shown = changes.drop("embargo_short_name")
show_table(
    shown,
    embargoes=names,
    hide_index=True,
    column_config={
        "change": {"label": _("Change"), "width": "large"},
        "recorded_after_release": st.column_config.CheckboxColumn(
            _("Recorded since the release"),
            help=_("Recorded by an administrator after the reference table was released"),
        ),
    },
)
table_downloads(shown, f"embargo-changes-since-{since:%Y%m%d}", "changes", names,
                marking=Classification.PUBLIC)  # fmt: skip
st.caption(_(EMBARGO_SOURCE))

st.subheader(_("Record a new resolution"))
if not viewer.is_admin:
    st.info(_("Administrators record resolutions adopted since the reference table's release."))
    st.stop()
st.markdown(
    _(
        "A renewal, change or termination adopted by the Security Council since the reference "
        "table's release: its symbol and date (and, for a renewal, the date the measures now run "
        "to). It is in the audit trail, reaches the warehouse at once, survives every rebuild "
        "and applies on every machine of a shared deployment."
    )
)
location = warehouse_location()
store = accounts.access_store_path(location)
# Resolutions act on embargoes in force (an ended one is not renewed), the latest first.
statuses = queries.embargo_statuses(clearance)
in_force = set(
    statuses.filter(statuses["status_kind"].str.starts_with("in_force"))["embargo_id"].to_list()
)
choices = [key for key in reversed(list(names)) if key in in_force]
with st.form("record_change"):
    left, middle = st.columns([2, 1])
    embargo_id = left.selectbox(
        _("Embargo"),
        choices,
        format_func=lambda key: names.get(key, key),
        key=choice_key("record_embargo"),
    )
    kind = middle.selectbox(
        _("Kind of change"),
        embargo_changes.CHANGE_KINDS,
        format_func=lambda kind: value_label("resolution_kind", kind),
        key=choice_key("record_kind"),
    )
    left, middle, right = st.columns(3)
    resolution = left.text_input(_("Resolution"), placeholder="S/RES/2800 (2026)", key="record_res")
    adopted = middle.date_input(
        _("Adopted on"), value=None, format=date_input_format(), key="record_adopted"
    )
    runs_to = right.date_input(
        _("Runs to (renewals)"), value=None, format=date_input_format(), key="record_runs_to"
    )
    summary = st.text_input(_("What it does"), key="record_summary")
    summary_fr = st.text_input(
        _("What it does, in French (optional)"),
        help=_("Without it, French readers see the English, marked as English."),
        key="record_summary_fr",
    )
    submitted = st.form_submit_button(_("Record the resolution"), type="primary")
if submitted:
    try:
        record = embargo_changes.add_record(
            embargo_id,
            kind,
            resolution,
            adopted.isoformat() if adopted else "",
            summary,
            viewer.user_name,
            runs_to=runs_to.isoformat() if runs_to else None,
            path=store,
            summary_fr=summary_fr,
        )
    except embargo_changes.RecordError as refused:
        st.error(_("Not recorded: {reason}").format(reason=refused))
    else:
        with st.spinner(_("Updating the warehouse...")):
            apply_embargo_records(location, embargo_changes.list_records(store))
        st.session_state["record_message"] = _("Recorded {symbol} ({kind}) for {embargo}.").format(
            symbol=record.resolution,
            kind=value_label("resolution_kind", record.change_kind),
            embargo=names.get(record.embargo_id, record.embargo_id),
        )
        st.rerun()
if message := st.session_state.pop("record_message", None):
    st.success(message)
