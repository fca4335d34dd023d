"""Sources: where every figure comes from — the source registry, every file loaded with its
SHA-256 and counts, every rejected row with its reason, the actors a naming rule recognised (for
an administrator to confirm into the actor registry or correct), and what each column means."""

import streamlit as st

from dashboard import queries
from dashboard.actor_refusals import refusal_words
from dashboard.choices import choice_key, open_tab, tabs_in_language
from dashboard.common import show_table, signed_in_viewer, synthetic_banner, viewer_clearance
from embargo import accounts, actors
from embargo.config import warehouse_location
from embargo.i18n import _, country_name, format_number, language
from embargo.i18n.labels import value_label
from ingest.registry import apply_registry

clearance = viewer_clearance()
viewer = signed_in_viewer()

st.title(_("Sources"))
synthetic_banner(clearance)

# Keyed, so the open tab stays open across a language switch; every tab runs, as before.
VIEWS = {
    "registry": _("Source registry"),
    "loads": _("Load log"),
    "rejects": _("Rejects"),
    "rule_actors": _("Actors to confirm"),
    "columns": _("Column descriptions"),
}
registry_tab, loads_tab, rejects_tab, rule_tab, columns_tab = st.tabs(
    tabs_in_language("sources_view", VIEWS), key="sources_view", on_change="rerun"
)
open_tab("sources_view", VIEWS)

with registry_tab:
    show_table(
        # The title names the source; its id is the warehouse's key for it.
        queries.source_registry(clearance).drop("source_id"),
        hide_index=True,
        column_config={
            "is_synthetic": st.column_config.CheckboxColumn(_("Synthetic")),
            # Here a source's scope and how to cite it (elsewhere these names are an embargo's
            # requirement and resolution).
            "coverage": _("Coverage"),
            "citation": _("How to cite"),
        },
    )
    st.caption(_("Every source the warehouse draws on, with its publisher, licence and coverage."))

with loads_tab:
    loads = queries.load_log(clearance)
    show_table(
        loads.select(
            "file_name",
            "source_title",
            "target_table",
            "rows_read",
            "rows_loaded",
            "rows_rejected",
            "file_sha256",
            "file_size_bytes",
            "started_at",
            "finished_at",
            "load_id",
        ),
        hide_index=True,
        column_config={
            "file_name": _("File"),
            "source_title": _("Source"),
            "target_table": _("Warehouse table"),
            "rows_read": _("Read"),
            "rows_loaded": _("Loaded"),
            "rows_rejected": _("Rejected"),
            "file_sha256": _("SHA-256"),
            "file_size_bytes": _("Bytes"),
            "started_at": st.column_config.DatetimeColumn(_("Started (UTC)")),
            "finished_at": st.column_config.DatetimeColumn(_("Finished (UTC)")),
            "load_id": _("Load id"),
        },
    )
    st.caption(_("Every file loaded: rows read = rows loaded + rows rejected, for each file."))

with rejects_tab:
    rejected = queries.rejects(clearance)
    if rejected.is_empty():
        st.success(_("No row has been rejected: every row read was loaded."))
    else:
        resolved = rejected["resolved_by_load_id"].is_not_null()
        left, right = st.columns(2)
        left.metric(_("Rejects still open"), format_number((~resolved).sum()))
        right.metric(_("Resolved: loaded later"), format_number(resolved.sum()))
        show_table(
            rejected,
            hide_index=True,
            column_config={
                "file_name": _("File"),
                "row_number": _("Row"),
                "column_name": _("Column"),
                "value": _("Value"),
                "reason": _("Reason"),
                "load_id": _("Load id"),
                "resolved_by_load_id": _("Resolved: loaded later by load"),
            },
        )
    st.caption(
        _(
            "Rows refused by validation, with the line in the file (header = line 1). A row "
            "that `embargo reprocess-rejects` loaded later, once the name or reference data it "
            "lacked was added, keeps its rejects here as history, with the load that loaded it."
        )
    )

with rule_tab:
    recognised = queries.rule_resolved_actors(clearance)
    pending = recognised.filter(recognised["registry_actor_type"].is_null())
    st.markdown(
        _(
            "Names that neither the alias table nor the actor registry knew, recognised from "
            "their form alone: SIPRI writes a non-state actor as its name, the country it "
            "operates in between brackets, and a star (`Some Militia (Chad)*`). Each is listed "
            "once, with the record that first named it, and the known names closest to it (the "
            "same actor may be known under another spelling). Confirm the country, or correct "
            "it: either way the name joins the actor registry."
        )
    )
    if recognised.is_empty():
        st.success(_("No name has needed a rule: every name loaded is in the alias table."))
    else:
        st.metric(_("Waiting for confirmation"), len(pending))
        show_table(
            recognised.select(
                "name",
                "country_iso3",
                "actor_rule",
                "close_known_names",
                "registry_country_iso3",
                "registry_changed_by",
                "file_name",
                "source_row_number",
            ),
            hide_index=True,
            column_config={
                "name": _("Name, as the source spells it"),
                "country_iso3": _("Country the rule found"),
                "actor_rule": _("Rule"),
                "close_known_names": _("Close known names"),
                "registry_country_iso3": _("Country in the registry"),
                "registry_changed_by": _("Confirmed or corrected by"),
                "file_name": _("First seen in file"),
                "source_row_number": _("Row in the file"),
            },
        )
    if not pending.is_empty():
        if not viewer.is_admin:
            st.info(_("An administrator confirms or corrects these names."))
        else:
            # Outside the form: choosing a name shows the country the rule found for it.
            chosen_name = st.selectbox(
                _("Name to confirm"), pending["name"].to_list(), key="rule_actor_name"
            )
            found = pending.filter(pending["name"] == chosen_name).row(0, named=True)
            with st.form("confirm_rule_actor"):
                found_code = found["country_iso3"] or ""
                country = st.text_input(
                    _(
                        "Country it operates in, as an ISO3 code (the rule found {code}: "
                        "{country}); change it to correct the rule"
                    ).format(code=found_code, country=country_name(found_code)),
                    value=found["country_iso3"] or "",
                    max_chars=3,
                    key=f"rule_actor_country_{chosen_name}",
                )
                # Names already known that look alike: the same actor under another spelling is
                # registered as that actor, not as a new one.
                close = (found["close_known_names"] or "").split("; ")
                close = [name for name in close if name]
                same_actor = ""
                if close:
                    same_actor = st.selectbox(
                        _("Did you mean an existing name? The same actor as"),
                        ["", *close],
                        format_func=lambda name: name or _("None of them: a new actor"),
                        key=choice_key(f"rule_actor_same_{chosen_name}"),
                    )
                confirmed = st.form_submit_button(_("Add to the actor registry"), type="primary")
            if confirmed:
                location = warehouse_location()
                store = accounts.access_store_path(location)
                same = country.strip().upper() == (found["country_iso3"] or "")
                note = (
                    "confirmed the SIPRI bracket rule's country"
                    if same
                    else f"corrected the SIPRI bracket rule's {found['country_iso3']}"
                )
                try:
                    entry = actors.add_entry(
                        chosen_name,
                        actors.Mapping(country or None, found["actor_type"], same_actor or None),
                        note,
                        viewer.user_name,
                        store,
                    )
                except actors.RegistryError as refused:
                    st.error(_("Not saved: {reason}").format(reason=refusal_words(refused)))
                else:
                    apply_registry(location, actors.list_entries(store))
                    st.session_state["rule_actor_message"] = _(
                        "{name} is in the actor registry: {country}."
                    ).format(name=entry.name, country=country_name(entry.country_iso3))
                    st.rerun()
    if message := st.session_state.pop("rule_actor_message", None):
        st.success(message)
    st.caption(
        _(
            "Source: the actors recognised by a rule as loads first met them "
            "(rule_resolved_actors) and the actor registry."
        )
    )

with columns_tab:
    described = queries.column_descriptions(clearance)
    objects = described.select("object_name", "object_type", "object_comment").unique(
        maintain_order=True
    )
    chosen = st.selectbox(
        _("Table or view"),
        options=objects["object_name"].to_list(),
        # Table names are what a DuckDB client uses: shown as they are, with their description.
        format_func=str,
        key="sources_table",
    )
    about = objects.filter(objects["object_name"] == chosen).row(0, named=True)
    st.markdown(
        f"**{chosen}** ({value_label('object_type', about['object_type'])}): "
        f"{about['object_comment'] or ''}"
    )
    show_table(
        described.filter(described["object_name"] == chosen).select(
            "column_name", "data_type", "column_comment"
        ),
        hide_index=True,
        column_config={
            "column_name": _("Column"),
            "data_type": _("Type"),
            "column_comment": _("Description"),
        },
    )
    st.caption(
        _("Descriptions are stored in the database itself, so any DuckDB client shows them.")
    )
    if language() != "en":
        st.caption(_("They are written in English, as the database holds them."))
