"""Embargo Monitor dashboard: the Streamlit entry point. Chooses the language of the run (the
sidebar's switch, else the account's language, else the browser's), declares the pages, shows
each viewer the pages their role allows (only the sign-in page until someone has signed in) and
the sidebar, and records every page view in the audit trail."""

from pathlib import Path

import streamlit as st

from dashboard import queries, session
from dashboard.common import data_version_text
from dashboard.screens.sign_in import show_sign_in
from embargo import accounts
from embargo.config import warehouse_location
from embargo.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, set_language
from embargo.i18n.labels import value_label

# A local icon: Material icons as favicons would be fetched from a font CDN.
FAVICON = Path(__file__).parent / "assets" / "favicon.png"
st.set_page_config(page_title=_("Embargo Monitor"), page_icon=str(FAVICON), layout="wide")

# The language switch's session-state key ("access_": not a page filter in the audit trail),
# and the account whose stored language it was last set from.
LANGUAGE = "access_language"
LANGUAGE_OF = "access_language_of"


def browser_language() -> str:
    locale = (getattr(st.context, "locale", None) or "").lower()
    code = locale.split("-")[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def choose_language(viewer: session.Viewer | None) -> str:
    """The run's language: the account's stored language when someone has just signed in (so
    each person finds the dashboard in theirs), the session's switch after that."""
    signed_in = viewer is not None and viewer.mode != "local"
    if signed_in and st.session_state.get(LANGUAGE_OF) != viewer.user_name:
        st.session_state[LANGUAGE_OF] = viewer.user_name
        st.session_state[LANGUAGE] = accounts.get_language(viewer.user_name)
    if st.session_state.get(LANGUAGE) not in LANGUAGES:
        st.session_state[LANGUAGE] = browser_language()
    return set_language(st.session_state[LANGUAGE])


viewer = session.current_viewer()
st.session_state[session.VIEWER] = viewer
session.register_with_server(viewer)
choose_language(viewer)
with st.sidebar:
    st.radio(
        _("Language"), list(LANGUAGES), format_func=LANGUAGES.get, key=LANGUAGE, horizontal=True
    )

PAGES = {
    _("Embargoes"): [
        st.Page(
            "screens/overview.py", title=_("Overview"), icon=":material/dashboard:", default=True
        ),
        st.Page(
            "screens/embargo_regimes.py",
            title=_("Embargo regimes"),
            icon=":material/gavel:",
            url_path="embargo-regimes",
        ),
        st.Page(
            "screens/country_profile.py",
            title=_("Country profile"),
            icon=":material/flag:",
            url_path="country-profile",
        ),
        st.Page(
            "screens/embargo_changes.py",
            title=_("Embargo changes"),
            icon=":material/update:",
            url_path="embargo-changes",
        ),
    ],
    _("Registered transfers"): [
        st.Page(
            "screens/transfers.py",
            title=_("Transfers"),
            icon=":material/local_shipping:",
            url_path="transfers",
        ),
        st.Page(
            "screens/flows.py", title=_("Flows"), icon=":material/swap_horiz:", url_path="flows"
        ),
        st.Page(
            "screens/screening.py",
            title=_("Screening"),
            icon=":material/rule:",
            url_path="screening",
        ),
    ],
    _("Seized materiel"): [
        st.Page(
            "screens/hotspots.py",
            title=_("Hotspots"),
            icon=":material/location_on:",
            url_path="hotspots",
        ),
        st.Page(
            "screens/trends.py", title=_("Trends"), icon=":material/trending_up:", url_path="trends"
        ),
        st.Page(
            "screens/tracing.py",
            title=_("Tracing"),
            icon=":material/search_check:",
            url_path="tracing",
        ),
        st.Page(
            "screens/item_search.py",
            title=_("Item search"),
            icon=":material/search:",
            url_path="item-search",
        ),
        st.Page(
            "screens/seizure_event.py",
            title=_("Seizure event"),
            icon=":material/inventory_2:",
            url_path="seizure-event",
        ),
    ],
    _("Panel findings"): [
        st.Page(
            "screens/findings.py",
            title=_("Findings"),
            icon=":material/fact_check:",
            url_path="findings",
        ),
    ],
    _("Data"): [
        st.Page(
            "screens/whats_new.py",
            title=_("What's new"),
            icon=":material/notifications:",
            url_path="whats-new",
        ),
        st.Page(
            "screens/sources.py", title=_("Sources"), icon=":material/source:", url_path="sources"
        ),
        st.Page(
            "screens/parties.py", title=_("Parties"), icon=":material/hub:", url_path="parties"
        ),
        st.Page(
            "screens/links.py",
            title=_("Links to listed parties"),
            icon=":material/link:",
            url_path="links",
        ),
        st.Page(
            "screens/glossary.py",
            title=_("Glossary"),
            icon=":material/menu_book:",
            url_path="glossary",
        ),
    ],
}

# Pages by role: analysts and admins upload data, admins keep the actor registry and read the
# audit trail.
UPLOAD_PAGE = st.Page(
    "screens/upload.py", title=_("Upload"), icon=":material/upload_file:", url_path="upload"
)
AUDIT_PAGE = st.Page(
    "screens/audit.py", title=_("Audit"), icon=":material/policy:", url_path="audit"
)
ACTORS_PAGE = st.Page(
    "screens/actors.py", title=_("Actors"), icon=":material/groups:", url_path="actors"
)


def pages_for(viewer: session.Viewer) -> dict[str, list]:
    pages = {section: list(entries) for section, entries in PAGES.items()}
    if viewer.can_upload:
        pages.setdefault(_("Data"), []).append(UPLOAD_PAGE)
    if viewer.is_admin:
        pages.setdefault(_("Administration"), []).extend([ACTORS_PAGE, AUDIT_PAGE])
    return pages


if viewer is None:
    # Every page is known, so a link to one survives signing in, but none is run: whatever
    # the address, the sign-in form is all that is shown.
    st.navigation(pages_for(session.local_operator()), position="hidden")
    show_sign_in()
    st.stop()

# Expanded: with more than a few pages the sidebar would otherwise hide the last ones behind
# "View more".
navigation = st.navigation(pages_for(viewer), expanded=True)
st.session_state[session.PAGE_TITLE] = navigation.title
clearance = viewer.clearance
# The warehouse `embargo serve` configured this process with: every query of the run reads it.
with queries.reading_from(warehouse_location()):
    outdated = queries.outdated_warehouse(clearance)
    if outdated:
        st.error(_("The pages cannot be shown: {reason}.").format(reason=outdated))
        st.stop()
    # The caption names the snapshot (or file) every figure of the page is read from: the one a
    # briefing pack records and `--as-of` takes.
    with queries.one_snapshot_per_page():
        with st.sidebar:
            if viewer.mode == "local":
                who = _("the local operator")
            else:
                who = f"**{viewer.user_name}** ({value_label('role', viewer.role)})"
            st.caption(
                _(
                    "Signed in as {who}, cleared **{clearance}**. Figures read from the {version}."
                ).format(
                    who=who,
                    clearance=value_label("classification", clearance.label),
                    version=data_version_text(queries.data_version(clearance)),
                )
            )
            if viewer.mode == "accounts" and st.button(_("Sign out"), key="access_sign_out"):
                session.sign_out(viewer)
                st.rerun()
            known_on = st.date_input(
                _("As known on"),
                value=None,
                key="known_on",
                help=_(
                    "Show seizures, traces, notifications, findings, listed parties, brokering "
                    "decisions and conflict events as the warehouse knew them at the end of this "
                    "day (by the date they were loaded); empty: as it knows them now. Every "
                    "figure computed from them (hotspots, places, fresh supply, screening "
                    "verdicts, supply chains, SDG 16.4.2) follows the day too. Registered "
                    "deliveries are shown as loaded."
                ),
            )
            if known_on is not None:
                st.caption(_("Records as known on **{day}**.").format(day=known_on))
        try:
            with queries.known_on(known_on):
                navigation.run()
        finally:
            # Also when the page stops early (st.stop) or fails: the view is on record either
            # way.
            session.record_page_view(viewer, navigation.title, navigation.url_path)
