"""Parties: who a party is and what the warehouse holds on it, and the supply chains of the
parties. A party is a listed party of the UN sanctions list (by its reference number) or another
actor (an armed group, organisation or unidentified party of the alias table or the actor
registry); a name a person linked to a listed party (Links page, confirmed) is that party.

The profile (`?party=` a reference number or any name) gives every name and alias in every
script the list gives, the listing (regime, dates, reference, delisting), the registered
deliveries to and from it, the items seized from it, the brokering licences naming it, the
findings naming it, the listed-party screening verdicts, and its own chain. The supply-chain tab
draws supplier -> broker or intermediary -> recipient -> items recovered -> findings for every
party, filtered by country, regime and period, each edge citing its records. Everything is read
at the viewer's clearance."""

import datetime as dt

import polars as pl
import streamlit as st

from dashboard import queries
from dashboard.chain_view import show_chain
from dashboard.choices import choice_key, open_tab, tabs_in_language
from dashboard.common import (
    embargo_names,
    long_date,
    show_table,
    shows_current_records,
    synthetic_banner,
    viewer_clearance,
)
from embargo.i18n import _, country_name, format_number
from embargo.i18n.labels import reference_value, value_label

clearance = viewer_clearance()
today = dt.date.today()

st.title(_("Parties"))
synthetic_banner(clearance)
st.markdown(
    _(
        "Listed parties of the UN sanctions list and other actors (armed groups, organisations, "
        "unidentified parties): their names, listings, registered deliveries, items seized from "
        "them and findings naming them. A name of the registered transfers or of a seizure "
        "record counts for a listed party only once a person has confirmed the link (Links to "
        "listed parties page)."
    )
)


def party_choice() -> str | None:
    """The party to show: one found by the search box, else the one the address names."""
    search = st.text_input(
        _("Find a party by any of its names"),
        placeholder=_("e.g. Ansar Allah, الحوثيون, Forces démocratiques"),
        max_chars=100,
        key="parties_search",
    )
    asked = st.query_params.get("party")
    if len(search.strip()) >= 2:
        found = queries.party_search(clearance, search)
        if found.is_empty():
            st.warning(_("No party has a name containing “{text}”.").format(text=search.strip()))
            return None
        labels = {
            row["party_key"]: _("{label} ({kind}) — matched “{name}”").format(
                label=row["party_label"],
                kind=value_label("party_kind", row["party_kind"]),
                name=row["matched_name"],
            )
            for row in found.iter_rows(named=True)
        }
        options = list(labels)
        chosen = st.selectbox(
            _("Parties found ({count})").format(count=format_number(len(options))),
            options,
            index=options.index(asked) if asked in labels else 0,
            format_func=lambda key: labels.get(key, key),
            key=choice_key("parties_found"),
        )
        st.query_params["party"] = chosen
        return chosen
    if not asked:
        st.info(_("Type at least two characters of a name, or open a party from another page."))
        return None
    party = queries.resolve_party(asked)
    if party is None:
        st.warning(_("No party is known by “{name}”.").format(name=asked))
    return party


def record_section(
    heading: str,
    records: pl.DataFrame,
    none_message: str,
    columns: tuple[str, ...],
    column_config: dict,
    key: str,
    embargoes: dict[str, str] | None = None,
) -> None:
    """One of the profile's sections of records naming the party: its heading, then the
    records' columns as a table, or the line saying there are none."""
    st.subheader(heading)
    if records.is_empty():
        st.info(none_message)
        return
    show_table(
        records.select(columns),
        hide_index=True,
        embargoes=embargoes,
        column_config=column_config,
        key=key,
    )


def show_profile(party: str) -> None:
    embargoes = embargo_names(clearance)
    names = queries.party_names(party)
    first = names.row(0, named=True)
    listing = queries.party_listing(clearance, party)
    deliveries = queries.party_deliveries(clearance, party)
    seized = queries.party_seized_items(clearance, party)
    findings = queries.party_findings(clearance, party)
    verdicts = queries.party_screening(clearance, party)
    st.header(first["party_label"])
    shows_current_records(
        _(
            "Registered deliveries (and their screening verdicts) and the names and aliases of "
            "the list are shown as the warehouse knows them now, not as known on {day}: the "
            "listing, seizure records, brokering records and findings are those known then."
        )
    )
    kind = value_label("party_kind", first["party_kind"])
    where = country_name(first["country_iso3"]) if first["country_iso3"] else None
    st.caption(" · ".join(part for part in (kind, party, where) if part))
    columns = st.columns(4)
    columns[0].metric(_("Registered deliveries"), format_number(deliveries.height))
    columns[1].metric(
        _("Items seized from it"),
        format_number(int(seized["quantity"].sum()) if not seized.is_empty() else 0),
    )
    columns[2].metric(_("Findings naming it"), format_number(findings.height))
    columns[3].metric(_("Screening verdicts"), format_number(verdicts.height))

    st.subheader(_("Names and aliases"))
    show_table(
        names.select("name", "name_kind", "script", "quality"),
        hide_index=True,
        column_config={
            "name": _("Name"),
            "name_kind": _("Which name"),
            "script": _("Script"),
            "quality": _("Alias quality"),
        },
        key="party_names",
    )
    if not listing.is_empty():
        row = listing.row(0, named=True)
        st.subheader(_("Listing"))
        delisted = (
            _("delisted on {day}").format(day=long_date(row["delisted_on"]))
            if row["delisted_on"]
            else _("still listed in the latest list loaded ({day})").format(
                day=long_date(row["list_date"])
            )
        )
        st.markdown(
            _(
                "**{reference}**, listed on **{listed_on}** under the regime **{regime_name}** "
                "(list code {regime}); {delisted}."
            ).format(
                reference=row["reference_number"],
                listed_on=long_date(row["listed_on"]) if row["listed_on"] else _("an unknown date"),
                regime=row["un_list_type"],
                regime_name=reference_value(row, "regime_name") or "—",
                delisted=delisted,
            )
        )
        show_table(
            # the regime by its name, in the reader's language (regime_name_fr)
            listing.select(
                "reference_number", "regime_name", "regime_name_fr", "embargo_id", "listed_on",
                "delisted_on", "last_updated_on", "party_type", "nationality", "designation",
                "list_date", "file_name",
            ),
            hide_index=True,
            embargoes=embargoes,
            column_config={
                "reference_number": _("List reference"),
                "regime_name": _("Regime"),
                "listed_on": st.column_config.DateColumn(_("Listed on")),
                "delisted_on": st.column_config.DateColumn(_("Delisted on")),
                "last_updated_on": st.column_config.DateColumn(_("Last amended")),
                "list_date": st.column_config.DateColumn(_("List of")),
            },
            key="party_listing",
        )  # fmt: skip
        if row["comments"]:
            with st.expander(_("The list's narrative")):
                st.write(row["comments"])

    record_section(
        _("Registered deliveries to and from it"),
        deliveries,
        _("No registered delivery names this party."),
        (
            "party_role", "delivery_year", "supplier_name", "recipient_name", "quantity",
            "designation", "description", "category", "source_id", "source_record_id",
            "file_name", "source_row_number",
        ),
        {
            "party_role": _("Its role"),
            "supplier_name": _("Supplier"),
            "recipient_name": _("Recipient"),
        },
        "party_deliveries",
    )  # fmt: skip
    record_section(
        _("Items seized from it"),
        seized,
        _("No seizure record names this party as the one the items were taken from."),
        (
            "event_date", "event_id", "country_iso3", "location_name", "seized_from",
            "item_kind", "manufacturer", "model", "serial_number", "quantity",
            "reporting_entity", "source_document", "file_name", "source_row_number",
        ),
        {
            "event_date": st.column_config.DateColumn(_("Date")),
            "seized_from": _("Seized from (as written)"),
        },
        "party_seized",
    )  # fmt: skip
    record_section(
        _("Brokering records naming it"),
        queries.party_brokering(clearance, party),
        _("No brokering licence names this party as the broker or the end user."),
        (
            "party_role", "decision_date", "decision", "licence_id", "reporting_state_iso3",
            "broker_name", "source_country_iso3", "destination_country_iso3", "end_user",
            "category", "description", "quantity", "source_document", "file_name",
            "source_row_number",
        ),
        {
            "party_role": _("Its role"),
            "decision_date": st.column_config.DateColumn(_("Decided on")),
            "reporting_state_iso3": _("Reporting State"),
        },
        "party_brokering",
    )  # fmt: skip
    record_section(
        _("Findings naming it"),
        findings,
        _("No panel finding names this party."),
        (
            "document_date", "document_symbol", "paragraph", "annex", "finding_type",
            "summary", "named_as", "confidence", "embargo_id",
        ),
        {
            "document_date": st.column_config.DateColumn(_("Document date")),
            "summary": st.column_config.TextColumn(_("Summary"), width="large"),
        },
        "party_findings",
        embargoes,
    )  # fmt: skip
    record_section(
        _("Listed-party screening"),
        verdicts,
        _("No registered delivery to this party is screened as a listed party's."),
        (
            "delivery_year", "supplier", "recipient", "weapon_description", "quantity",
            "verdict", "reason", "citation",
        ),
        {"reason": st.column_config.TextColumn(_("Reason"), width="large")},
        "party_verdicts",
    )  # fmt: skip

    st.subheader(_("Its supply chain"))
    show_chain(
        queries.supply_chain_edges(clearance, queries.ChainFilters(party=party)),
        "party",
        _("No record links this party to a supplier, an item or a finding."),
    )


# Keyed, so the open tab stays open across a language switch; both tabs run, as before.
VIEWS = {"profile": _("Party profile"), "chains": _("Supply chains")}
profile_tab, chains_tab = st.tabs(
    tabs_in_language("parties_view", VIEWS), key="parties_view", on_change="rerun"
)
open_tab("parties_view", VIEWS)
with profile_tab:
    party = party_choice()
    if party is not None:
        show_profile(party)

with chains_tab:
    shows_current_records(
        _(
            "The supply chains' registered deliveries are shown as the warehouse knows them "
            "now, not as known on {day}: seizure records, brokering records, findings and "
            "listed parties are those known then."
        )
    )
    choices = queries.supply_chain_choices(clearance)
    if not choices["years"]:
        st.info(_("No registered delivery, seizure record or finding names a party yet."))
    else:
        left, middle, right = st.columns([2, 2, 2])
        countries = left.multiselect(
            _("Countries"),
            choices["countries"],
            format_func=country_name,
            placeholder=_("All countries"),
            key=choice_key("chains_countries"),
        )
        regime_words = {
            row["un_list_type"]: reference_value(row, "regime_name")
            for row in queries.regime_names().iter_rows(named=True)
        }
        regimes = middle.multiselect(
            _("Sanctions regimes"),
            choices["regimes"],
            format_func=lambda code: regime_words.get(code, code),
            placeholder=_("All regimes"),
            key=choice_key("chains_regimes"),
        )
        first_year, last_year = choices["years"]
        years = right.slider(
            _("Years of records"),
            first_year,
            max(last_year, first_year + 1),
            (first_year, max(last_year, first_year + 1)),
            key="chains_years",
        )
        filters = queries.ChainFilters(
            countries=tuple(countries),
            regimes=tuple(regimes),
            year_from=years[0],
            year_to=years[1],
        )
        show_chain(
            queries.supply_chain_edges(clearance, filters),
            "chains",
            _("No record links a party to a supplier, an item or a finding with these filters."),
        )
        st.caption(
            _(
                "Suppliers and recipients from the registered transfers, items from the seizure "
                "records (the party they were seized from), findings from the panels' reports "
                "(those citing the items or naming the party), as you may see them. Years: of "
                "delivery, seizure and report."
            )
        )
