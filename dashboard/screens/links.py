"""Links: candidate links between the parties of registered transfers (armed groups,
organisations, unidentified parties) and the parties of the UN sanctions list, with the score and
the name that matched; analysts and administrators confirm or reject each, as `embargo links
confirm|reject` does (the same decisions kept beside the warehouse, the same audit rows, the same
merge into the warehouse). Only confirmed links count in the screening of listed parties."""

import polars as pl
import streamlit as st

from dashboard import queries
from dashboard.chain_view import PARTY_LINK, party_link_column, with_party_link
from dashboard.common import show_table, signed_in_viewer, viewer_clearance
from embargo import accounts, links
from embargo.config import warehouse_location
from embargo.i18n import _
from ingest.registry import apply_links

viewer = signed_in_viewer()
clearance = viewer_clearance()
st.title(_("Links to listed parties"))
st.markdown(
    _(
        "Names of the registered transfers that may be parties of the UN sanctions list: each "
        "pair with how alike the names are (0-100, word order not counting) and the list's name "
        "or alias that matched. A person decides each: only confirmed links count in the "
        "screening of deliveries to listed parties (Screening page)."
    )
)
location = warehouse_location()
store = accounts.access_store_path(location)
decided = links.list_decisions(store)
min_score = st.slider(
    _("Names at least this alike"), min_value=60, max_value=100, value=80, key="links_min_score"
)
found = queries.link_candidates(clearance, decided, min_score)
left, middle, right = st.columns(3)
left.metric(_("Candidate links"), len(found))
middle.metric(_("Confirmed links"), found.filter(found["decision"] == "confirmed").height)
right.metric(_("Rejected links"), found.filter(found["decision"] == "rejected").height)
if found.is_empty():
    st.info(_("No name of the transfers is that alike to a name of the sanctions list."))
else:
    show_table(
        # What a person decides on first: the two names, how alike, the decision so far.
        with_party_link(found, "reference_number").select(
            "party_name",
            "listed_name",
            "score",
            pl.col("decision").alias("link_decision"),
            "matched_name",
            "name_kind",
            "reference_number",
            "un_list_type",
            "listed_on",
            "transfers",
            PARTY_LINK,
        ),
        hide_index=True,
        keep=(PARTY_LINK,),
        column_config={
            PARTY_LINK: party_link_column(),
            "party_name": _("Party in the transfers"),
            "reference_number": _("List reference"),
            "listed_name": _("Listed as"),
            "matched_name": _("Name that matched"),
            "name_kind": _("Which name"),
            "un_list_type": _("Regime"),
            "listed_on": st.column_config.DateColumn(_("Listed on")),
            "score": st.column_config.NumberColumn(_("Alike (0-100)"), format="%.1f"),
            "transfers": _("Deliveries naming it"),
            "link_decision": _("Decision"),
        },
    )
    if not viewer.can_upload:
        st.info(_("Analysts and administrators confirm or reject these links."))
    else:
        pairs = [
            f"{row['party_name']} ~ {row['reference_number']}"
            for row in found.iter_rows(named=True)
        ]
        chosen = st.selectbox(_("Link to decide"), pairs, key="links_pair")
        note = st.text_input(_("Why (optional)"), key="links_note")
        confirm_column, reject_column = st.columns(2)
        decision = None
        if confirm_column.button(_("Confirm: the same party"), type="primary", key="links_ok"):
            decision = "confirmed"
        if reject_column.button(_("Reject: another party"), key="links_no"):
            decision = "rejected"
        if decision is not None:
            party_name, reference = chosen.rsplit(" ~ ", 1)
            row = found.filter(
                (found["party_name"] == party_name) & (found["reference_number"] == reference)
            ).row(0, named=True)
            candidate = links.Candidate(
                row["party_name"], row["reference_number"], row["listed_name"],
                row["matched_name"], row["name_kind"], row["un_list_type"], row["listed_on"],
                row["score"], row["transfers"], row["decision"],
            )  # fmt: skip
            links.decide(
                party_name, reference, decision, viewer.user_name, candidate, note or None, store
            )
            apply_links(location, links.list_decisions(store))
            st.session_state["links_message"] = _("{pair}: {decision}.").format(
                pair=chosen,
                decision=_("confirmed") if decision == "confirmed" else _("rejected"),
            )
            st.rerun()
if message := st.session_state.pop("links_message", None):
    st.success(message)
st.caption(
    _(
        "Sources: the registered transfers you may see, the UN sanctions list loaded, and the "
        "decisions kept with the actor registry (the same as `embargo links`)."
    )
)
