"""Actors: administrators add or correct names of countries, armed groups, organisations and
other parties, as `embargo actors` does: the same registry, the same refusals, the same audit
rows, and the same merge into the warehouse (like Upload, a page that writes through the
functions the command uses)."""

import polars as pl
import streamlit as st

from dashboard.actor_refusals import ADD_CHOICE, CORRECT_CHOICE, mapping_words, refusal_words
from dashboard.choices import choice_key
from dashboard.common import signed_in_viewer
from embargo import accounts, actors
from embargo.config import warehouse_location
from embargo.i18n import MISSING, _, country_name, format_number
from embargo.i18n.labels import value_label
from ingest.registry import apply_registry

CHANGE_WORDS = {"add": ADD_CHOICE, "correct": CORRECT_CHOICE}


def by_whom(moment: str, user: str) -> str:
    """When (to the minute, UTC) and by whom."""
    return _("{moment} by {user}").format(moment=moment[:16].replace("T", " "), user=user)


viewer = signed_in_viewer()
st.title(_("Actors"))
if not viewer.is_admin:
    st.error(_("The actor registry is changed by administrators."))
    st.stop()

st.markdown(
    _(
        "Names that the committed alias table lacks or maps otherwise: a spelling as a source "
        "writes it, the country it stands for (for a non-state actor, the country it operates "
        "in) and its kind. A name already known otherwise is refused with both mappings shown; "
        "correct it instead. Every change is in the audit trail and reaches the warehouse at "
        "once, so the next load resolves the name; entries are kept beside the warehouse (or in "
        "the shared catalog's database) and survive every rebuild."
    )
)
location = warehouse_location()
store = accounts.access_store_path(location)

with st.form("actors_change", clear_on_submit=False):
    change = st.radio(
        _("Change"),
        ["add", "correct"],
        format_func=lambda choice: _(CHANGE_WORDS[choice]),
        horizontal=True,
        key=choice_key("actors_change_kind"),
    )
    name = st.text_input(_("Name, as the source spells it"), key="actors_name")
    left, middle, right = st.columns(3)
    actor_type = left.selectbox(
        _("Kind"),
        actors.ACTOR_TYPES,
        format_func=lambda kind: value_label("actor_type", kind),
        index=actors.ACTOR_TYPES.index("non_state"),
        key=choice_key("actors_type"),
    )
    country = middle.text_input(_("Country (ISO3)"), key="actors_country", max_chars=3)
    actor_name = right.text_input(_("Actor it stands for (optional)"), key="actors_actor")
    note = st.text_input(_("Why this mapping (optional)"), key="actors_note")
    submitted = st.form_submit_button(_("Save"), type="primary")

if submitted:
    mapping = actors.Mapping(country or None, actor_type, actor_name or None)
    try:
        if change == "add":
            entry = actors.add_entry(name, mapping, note or None, viewer.user_name, store)
            st.session_state["actors_message"] = _("Added **{name}**: {mapping}.").format(
                name=entry.name, mapping=mapping_words(entry.mapping)
            )
        else:
            entry, before = actors.set_entry(name, mapping, note or None, viewer.user_name, store)
            st.session_state["actors_message"] = _("Corrected **{name}**: {mapping}.").format(
                name=entry.name, mapping=mapping_words(entry.mapping)
            )
    except actors.RegistryError as refused:
        st.error(_("Not saved: {reason}").format(reason=refusal_words(refused)))
    else:
        with st.spinner(_("Updating the warehouse...")):
            merged = apply_registry(location, actors.list_entries(store))
        st.session_state["actors_merged"] = merged
        st.rerun()

if message := st.session_state.pop("actors_message", None):
    merged = st.session_state.pop("actors_merged", None)
    in_force = (
        _("The warehouse has {merged} of {entries} entries in force.").format(
            merged=format_number(merged.merged), entries=format_number(merged.entries)
        )
        if merged is not None
        else _("The warehouse does not exist yet: the next build takes the registry in.")
    )
    st.success(message + " " + in_force)

entries = actors.list_entries(store)
st.subheader(_("Registry ({count} names)").format(count=format_number(len(entries))))
frame = pl.DataFrame(
    {
        "name": [e.name for e in entries],
        "actor_type": [value_label("actor_type", e.actor_type) for e in entries],
        "country_iso3": [
            country_name(e.country_iso3) if e.country_iso3 else MISSING for e in entries
        ],
        "actor_name": [e.actor_name or MISSING for e in entries],
        "note": [e.note or MISSING for e in entries],
        "added": [by_whom(e.added_at, e.added_by) for e in entries],
        "changed": [by_whom(e.changed_at, e.changed_by) for e in entries],
    },
    schema={
        column: pl.String
        for column in (
            "name",
            "actor_type",
            "country_iso3",
            "actor_name",
            "note",
            "added",
            "changed",
        )
    },
)
# An empty table would say so in the browser's English
if not entries:
    st.info(_("No name has been added or corrected yet."))
else:
    st.dataframe(
        frame,
        hide_index=True,
        column_config={
            "name": _("Name"),
            "actor_type": _("Kind"),
            "country_iso3": _("Country"),
            "actor_name": _("Actor"),
            "note": st.column_config.TextColumn(_("Why"), width="large"),
            "added": _("Added (UTC)"),
            "changed": _("Last changed (UTC)"),
        },
    )
if entries:
    left, right = st.columns([3, 1])
    removing = left.selectbox(
        _("Remove a name (a committed alias it corrected applies again)"),
        [e.name for e in entries],
        key="actors_remove_name",
    )
    if right.button(_("Remove"), key="actors_remove"):
        removed = actors.remove_entry(removing, viewer.user_name, store)
        with st.spinner(_("Updating the warehouse...")):
            merged = apply_registry(location, actors.list_entries(store))
        st.session_state["actors_message"] = _("Removed **{name}**.").format(name=removed.name)
        st.session_state["actors_merged"] = merged
        st.rerun()
st.caption(
    _(
        "Source: the actor registry in the access store beside the warehouse (or the shared "
        "catalog's database), with the committed data/reference/country_aliases.csv it adds to. "
        "The same registry as `embargo actors`; every change is in the audit trail."
    )
)
