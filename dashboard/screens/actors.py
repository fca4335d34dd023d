"""Actors: administrators add or correct names of countries, armed groups, organisations and
other parties, as `embargo actors` does: the same registry, the same refusals, the same audit
rows, and the same merge into the warehouse (like Upload, a page that writes through the
functions the command uses)."""

import polars as pl
import streamlit as st

from dashboard.common import signed_in_viewer
from embargo import accounts, actors
from embargo.config import warehouse_location
from ingest.registry import apply_registry

viewer = signed_in_viewer()
st.title("Actors")
if not viewer.is_admin:
    st.error("The actor registry is changed by administrators.")
    st.stop()

st.markdown(
    "Names that the committed alias table lacks or maps otherwise: a spelling as a source writes "
    "it, the country it stands for (for a non-state actor, the country it operates in) and its "
    "kind. A name already known otherwise is refused with both mappings shown; correct it "
    "instead. Every change is in the audit trail and reaches the warehouse at once, so the next "
    "load resolves the name; entries are kept beside the warehouse (or in the shared catalog's "
    "database) and survive every rebuild."
)
location = warehouse_location()
store = accounts.access_store_path(location)

with st.form("actors_change", clear_on_submit=False):
    change = st.radio(
        "Change",
        ["Add a new name", "Correct a name"],
        horizontal=True,
        key="actors_change_kind",
    )
    name = st.text_input("Name, as the source spells it", key="actors_name")
    left, middle, right = st.columns(3)
    actor_type = left.selectbox(
        "Kind",
        actors.ACTOR_TYPES,
        format_func=lambda kind: actors.ACTOR_TYPE_WORDS[kind],
        index=actors.ACTOR_TYPES.index("non_state"),
        key="actors_type",
    )
    country = middle.text_input("Country (ISO3)", key="actors_country", max_chars=3)
    actor_name = right.text_input("Actor it stands for (optional)", key="actors_actor")
    note = st.text_input("Why this mapping (optional)", key="actors_note")
    submitted = st.form_submit_button("Save", type="primary")

if submitted:
    mapping = actors.Mapping(country or None, actor_type, actor_name or None)
    try:
        if change == "Add a new name":
            entry = actors.add_entry(name, mapping, note or None, viewer.user_name, store)
            st.session_state["actors_message"] = (
                f"Added **{entry.name}**: {entry.mapping.describe()}."
            )
        else:
            entry, before = actors.set_entry(name, mapping, note or None, viewer.user_name, store)
            st.session_state["actors_message"] = (
                f"Corrected **{entry.name}**: {entry.mapping.describe()}."
            )
    except actors.RegistryError as refused:
        st.error(f"Not saved: {refused}")
    else:
        with st.spinner("Updating the warehouse..."):
            merged = apply_registry(location, actors.list_entries(store))
        st.session_state["actors_merged"] = merged
        st.rerun()

if message := st.session_state.pop("actors_message", None):
    merged = st.session_state.pop("actors_merged", None)
    in_force = (
        f" The warehouse has {merged.merged} of {merged.entries} entries in force."
        if merged is not None
        else " The warehouse does not exist yet: the next build takes the registry in."
    )
    st.success(message + in_force)

entries = actors.list_entries(store)
st.subheader(f"Registry ({len(entries):,} names)")
frame = pl.DataFrame(
    {
        "name": [e.name for e in entries],
        "actor_type": [e.actor_type for e in entries],
        "country_iso3": [e.country_iso3 for e in entries],
        "actor_name": [e.actor_name for e in entries],
        "note": [e.note for e in entries],
        "added": [f"{e.added_at[:16].replace('T', ' ')} by {e.added_by}" for e in entries],
        "changed": [f"{e.changed_at[:16].replace('T', ' ')} by {e.changed_by}" for e in entries],
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
st.dataframe(
    frame,
    hide_index=True,
    column_config={
        "name": "Name",
        "actor_type": "Kind",
        "country_iso3": "Country",
        "actor_name": "Actor",
        "note": st.column_config.TextColumn("Why", width="large"),
        "added": "Added (UTC)",
        "changed": "Last changed (UTC)",
    },
)
if entries:
    left, right = st.columns([3, 1])
    removing = left.selectbox(
        "Remove a name (a committed alias it corrected applies again)",
        [e.name for e in entries],
        key="actors_remove_name",
    )
    if right.button("Remove", key="actors_remove"):
        removed = actors.remove_entry(removing, viewer.user_name, store)
        with st.spinner("Updating the warehouse..."):
            merged = apply_registry(location, actors.list_entries(store))
        st.session_state["actors_message"] = f"Removed **{removed.name}**."
        st.session_state["actors_merged"] = merged
        st.rerun()
st.caption(
    "Source: the actor registry in the access store beside the warehouse (or the shared "
    "catalog's database), with the committed data/reference/country_aliases.csv it adds to. "
    "The same registry as `embargo actors`; every change is in the audit trail."
)
