"""What's new: the viewer's saved watches (a serial or serial pattern, a lot, an actor or listed
party, a country and category, an embargo regime, a place and radius) and what each finds new or
changed since their last visit, at the viewer's clearance now; a form to save a watch, a button
to remove one. The same digest as `embargo watch-report`."""

import datetime as dt

import streamlit as st

from dashboard import queries
from dashboard.choices import choice_key
from dashboard.common import audited_download_button, show_table, signed_in_viewer
from embargo import accounts, watches
from embargo.config import warehouse_location
from embargo.i18n import _, format_number
from embargo.i18n.labels import value_label
from embargo.watches import spreadsheet_safe_digest_csv

viewer = signed_in_viewer()
store = accounts.access_store_path(warehouse_location())
SINCE = "whats_new_since"

st.title(_("What's new"))

# The first time the page is shown in a session, it shows what came since the viewer's last
# visit (a week when there was none) and records this visit; reruns keep that moment.
if SINCE not in st.session_state:
    previous = watches.last_visit(viewer.user_name, store)
    st.session_state[SINCE] = previous or (accounts.utc_now() - dt.timedelta(days=7))
    watches.record_visit(viewer.user_name, store)
since_day = st.date_input(
    _("New or changed since"),
    value=st.session_state[SINCE].date(),
    help=_(
        "By the date records entered the warehouse (loads and corrections), not their own "
        "dates. It starts at your last visit of this page."
    ),
    key="whats_new_day",
)
since = (
    st.session_state[SINCE]
    if since_day == st.session_state[SINCE].date()
    else dt.datetime.combine(since_day, dt.time())
)
st.caption(
    _("Since {moment} UTC, at your clearance ({clearance}).").format(
        moment=since.strftime("%Y-%m-%d %H:%M"),
        clearance=value_label("classification", viewer.clearance.label),
    )
)


def watch_words(watch: watches.Watch) -> str:
    """What the watch follows, in the reader's words."""
    if watch.kind == "place":
        return _("within {radius} km of {latitude}, {longitude}").format(
            radius=f"{watch.radius_km:g}", latitude=f"{watch.latitude:g}",
            longitude=f"{watch.longitude:g}",
        )  # fmt: skip
    if watch.category:
        return f"{watch.subject}, {value_label('category', watch.category)}"
    return watch.subject or ""


def watch_title(watch: watches.Watch) -> str:
    """The watch's own name, or (when it has none of its own) its kind and what it follows."""
    if watch.label != watch.describe():
        return watch.label
    return f"{value_label('watch_kind', watch.kind)}: {watch_words(watch)}"


saved = watches.list_watches(viewer.user_name, store)
if not saved:
    st.info(_("You have no watch yet: save one below."))
found = {watch.watch_id: queries.watch_news(viewer.clearance, watch, since) for watch in saved}
if saved:
    total = sum(frame.height for frame in found.values())
    st.metric(_("New or changed records"), format_number(total))
for watch in saved:
    news = found[watch.watch_id]
    with st.container(border=True):
        title, remove = st.columns([5, 1])
        title.subheader(f"{watch_title(watch)} ({format_number(news.height)})")
        if watch.label != watch.describe():
            title.caption(f"{value_label('watch_kind', watch.kind)}: {watch_words(watch)}")
        if remove.button(_("Remove"), key=f"remove_{watch.watch_id}"):
            watches.remove_watch(viewer.user_name, watch.watch_id, store)
            st.rerun()
        if news.is_empty():
            st.write(_("Nothing new."))
        else:
            show_table(
                news,
                {
                    "record_date": st.column_config.DateColumn(_("Date")),
                    "recorded_at": st.column_config.DatetimeColumn(
                        _("Recorded"), format="YYYY-MM-DD HH:mm"
                    ),
                },
                hide_index=True,
                use_container_width=True,
            )

if saved and any(not frame.is_empty() for frame in found.values()):
    hits = [
        watches.Hit(watch, *row)
        for watch in saved
        for row in found[watch.watch_id].iter_rows()
    ]  # fmt: skip
    audited_download_button(
        _("Download the digest (CSV)"),
        spreadsheet_safe_digest_csv(hits),
        f"whats-new-{since:%Y%m%d}.csv",
        key="whats_new_download",
    )

st.subheader(_("Save a watch"))
with st.form("watch_new", clear_on_submit=True):
    kind = st.selectbox(
        _("What to watch"),
        list(watches.KINDS),
        format_func=lambda name: value_label("watch_kind", name),
        key=choice_key("watch_kind"),
    )
    subject = st.text_input(
        _("Serial or pattern (*), lot, name, country (ISO3) or embargo id"), key="watch_subject"
    )
    category = st.text_input(_("Item category (country watches, optional)"), key="watch_category")
    left, middle, right = st.columns(3)
    latitude = left.number_input(_("Latitude"), -90.0, 90.0, value=None, key="watch_lat")
    longitude = middle.number_input(_("Longitude"), -180.0, 180.0, value=None, key="watch_lon")
    radius = right.number_input(_("Radius (km)"), 0.0, 20000.0, value=None, key="watch_radius")
    label = st.text_input(_("Name (optional)"), key="watch_label")
    if st.form_submit_button(_("Save the watch"), type="primary"):
        try:
            watch = watches.new_watch(
                viewer.user_name, kind, subject=subject, category=category, latitude=latitude,
                longitude=longitude, radius_km=radius, label=label,
            )  # fmt: skip
        except watches.WatchError as error:
            st.error(error.translated())
        else:
            watches.save_watch(watch, store)
            st.rerun()
