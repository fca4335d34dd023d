"""Findings: what the panels and groups of experts found, by panel, type, year and confidence,
each cited to its document symbol, paragraph and annex; the seizure events and items the findings
cite on a map; for one finding, its evidence, the listed parties it names and the references
that match nothing in the warehouse."""

import html

import folium
import polars as pl
import streamlit as st

from dashboard import charts, links, maps, queries
from dashboard.chain_view import PARTY_LINK, party_link_column, with_party_link
from dashboard.choices import choice_key
from dashboard.common import (
    SHAPES_SOURCE,
    UN_MAP_DISCLAIMER,
    embargo_names,
    show_table,
    synthetic_banner,
    viewer_clearance,
)
from dashboard.kept_charts import show_kept_chart
from dashboard.kept_maps import show_kept_map
from dashboard.shapes_file import country_shapes_url
from embargo.i18n import N_, _, country_name, format_date, format_number
from embargo.i18n.labels import value_label

FINDINGS_SOURCES = N_(
    "Source: panel-of-experts findings as loaded (document symbol, paragraph and annex on every "
    "finding); seizure events and items from field documentation; listed parties from the UN "
    "Security Council Consolidated List."
)

clearance = viewer_clearance()

st.title(_("Findings"))
synthetic_banner(clearance)

options = queries.finding_filter_options(clearance)
panels = options["panels"]
if panels.is_empty():
    st.info(
        _(
            "No panel findings are loaded (or none you are cleared to see). Load a poe-findings "
            "file with `embargo ingest FILE --format poe-findings`."
        )
    )
    st.stop()

embargoes = embargo_names(clearance)
panel_names = {
    embargo_id: embargoes.get(embargo_id, short_name)
    for embargo_id, short_name in zip(panels["embargo_id"], panels["short_name"], strict=True)
}
values = options["values"]


def choices(kind: str) -> list[str]:
    return values.filter(values["kind"] == kind)["value"].to_list()


first_year = int(options["years"]["first_year"][0])
last_year = int(options["years"]["last_year"][0])
top = st.columns([3, 3, 2])
chosen_panels = top[0].multiselect(
    _("Panel (embargo regime)"),
    list(panel_names),
    format_func=lambda embargo_id: panel_names.get(embargo_id, embargo_id),
    placeholder=_("All panels"),
    key=choice_key("findings_panels"),
)
chosen_types = top[1].multiselect(
    _("Finding type"),
    choices("finding_type"),
    format_func=lambda value: value_label("finding_type", value),
    placeholder=_("All types"),
    key=choice_key("findings_types"),
)
chosen_confidence = top[2].multiselect(
    _("Confidence"),
    choices("confidence"),
    format_func=lambda value: value_label("confidence", value),
    placeholder=_("Any confidence"),
    key=choice_key("findings_confidence"),
)
years = (
    st.slider(
        _("Year of the document"),
        min_value=first_year,
        max_value=last_year,
        value=(first_year, last_year),
    )
    if last_year > first_year
    else (first_year, last_year)
)
filters = queries.FindingFilters(
    tuple(chosen_panels), tuple(chosen_types), tuple(chosen_confidence), years[0], years[1]
)

findings = queries.findings_table(clearance, filters)
metrics = st.columns(4)
metrics[0].metric(_("Findings"), format_number(findings.height))
metrics[1].metric(_("Reports"), format_number(findings["document_symbol"].n_unique()))
metrics[2].metric(
    _("Confirmed"), format_number(findings.filter(findings["confidence"] == "confirmed").height)
)
metrics[3].metric(
    _("Citing seized materiel"), format_number(findings.filter(findings["events"] > 0).height)
)
if findings.is_empty():
    st.warning(_("No finding matches these filters."))
    st.stop()

left, right = st.columns(2)
with left:
    st.subheader(_("By year and type"))
    show_kept_chart(
        charts.findings_over_time,
        queries.findings_by_year(clearance, filters),
        title=_("Findings by year and type"),
        source=_(FINDINGS_SOURCES),
        key="findings_by_year",
    )
with right:
    st.subheader(_("By panel and confidence"))
    show_kept_chart(
        charts.findings_by_panel_bars,
        queries.findings_by_panel(clearance, filters),
        title=_("Findings by panel and confidence"),
        source=_(FINDINGS_SOURCES),
        key="findings_by_panel",
    )
st.caption(_(FINDINGS_SOURCES))

st.subheader(_("Findings"))
show_table(
    links.with_links(
        findings, {"document_symbol": ("finding", "finding_uid", "document_symbol")}
    ).select(
        "document_symbol",
        "paragraph",
        "annex",
        "document_date",
        "panel_name",
        "finding_type",
        "confidence",
        "target_iso3",
        "summary",
        "events",
        "items",
        "listed_parties",
        "classification",
        "file_name",
        "source_row_number",
    ),
    hide_index=True,
    keep=("document_symbol",),
    column_config={
        "document_symbol": links.link_column(_("Document"), _("Open the finding")),
        "paragraph": _("Para."),
        "annex": _("Annex"),
        "document_date": st.column_config.DateColumn(_("Date")),
        "panel_name": _("Panel"),
        "finding_type": _("Type"),
        "confidence": _("Confidence"),
        "target_iso3": _("Target"),
        "summary": st.column_config.TextColumn(_("Finding"), width="large"),
        "events": st.column_config.NumberColumn(_("Events"), help=_("Seizure events cited")),
        "items": st.column_config.NumberColumn(_("Items"), help=_("Seized items cited by serial")),
        "listed_parties": st.column_config.NumberColumn(
            _("Listed parties"), help=_("Parties on the sanctions list the finding names")
        ),
        "classification": _("Classification"),
        "file_name": _("File"),
        "source_row_number": _("Row"),
    },
)


def citation(row: dict) -> str:
    where = [_("para. {number}").format(number=row["paragraph"])] if row["paragraph"] else []
    where += [_("annex {number}").format(number=row["annex"])] if row["annex"] else []
    return f"{row['document_symbol']} ({format_date(row['document_date'])}), {', '.join(where)}"


rows = {row["finding_uid"]: row for row in findings.head(2000).iter_rows(named=True)}
# A link to a finding (?finding=...) examines it; the address keeps the finding examined.
asked_finding = links.asked("finding")
if asked_finding is not None and asked_finding not in rows:
    st.warning(
        _(
            "The finding asked for is not among those shown: it is filtered out, or you are not "
            "cleared to see it."
        )
    )
links.follow_link("finding", "findings_selected")
if st.session_state.get("findings_selected") not in rows:
    st.session_state.pop("findings_selected", None)
selected_uid = st.selectbox(
    _("Finding to examine"),
    list(rows),
    format_func=lambda uid: (
        f"{citation(rows[uid])}: {value_label('finding_type', rows[uid]['finding_type'])}"
    ),
    key=choice_key("findings_selected"),
)
links.keep_in_address("finding", selected_uid)
selected = rows[selected_uid]
linked = queries.finding_linked_records(clearance, selected_uid)

st.subheader(_("Cited seizure events on the map"))
view = st.radio(
    _("Map"),
    ["Plotly", "Leaflet"],
    horizontal=True,
    key="findings_map_view",
    help=_(
        "Leaflet draws the same points with Folium, offline (no tiles unless a mission tile "
        "server is configured with EMBARGO_TILE_URL)."
    ),
)
points = queries.finding_event_points(clearance, filters)
if view == "Plotly":
    show_kept_chart(
        charts.finding_events_map,
        points,
        country_shapes_url(clearance),
        queries.map_shape_keys(clearance),
        linked,
        title=_("Seizure events cited by the findings"),
        source=_(FINDINGS_SOURCES) + " " + _(SHAPES_SOURCE),
        is_map=True,
        key="findings_map",
        config=charts.geo_config(),
    )
else:
    located = linked.drop_nulls(["latitude", "longitude"])
    centre_of = located if not located.is_empty() else points
    centre = (
        (centre_of["latitude"].mean(), centre_of["longitude"].mean())
        if not centre_of.is_empty()
        else (5, 20)
    )

    def cited_events_map() -> folium.Map:
        leaflet = maps.offline_folium_map(center=centre, zoom=5 if not located.is_empty() else 3)
        maps.add_country_shapes(leaflet, queries.country_shapes_geojson(clearance))
        maps.add_places_of(leaflet, points["country_iso3"].to_list())
        # the selected finding's events first, so the cited events drawn over them look ringed
        maps.add_circle_markers(
            leaflet,
            located,
            lat="latitude",
            lon="longitude",
            min_radius=14,
            colour="#000000",
            tooltip=lambda row: _("Selected finding: {record} {cited_as}").format(
                record=row["record"], cited_as=html.escape(row["cited_as"])
            ),
            name=_("Selected finding"),
        )
        maps.add_circle_markers(
            leaflet,
            points,
            lat="latitude",
            lon="longitude",
            size_column="findings",
            min_radius=4,
            max_radius=12,
            colour_column="finding_type",
            colours=charts.FINDING_TYPE_COLOURS,
            tooltip=lambda row: (
                f"<b>{html.escape(row['event_id'])}</b> {row['event_date']} "
                f"{html.escape(row['location_name'] or '')} "
                f"({country_name(row['country_iso3'])})<br>"
                + _("Findings: {count}").format(count=row["findings"])
                + f" — {html.escape(row['cited_in'] or '')}"
            ),
            name=_("Cited events"),
        )
        return leaflet

    show_kept_map(
        cited_events_map,
        clearance=clearance,
        inputs=(centre, located, points, queries.country_shapes_digest(clearance)),
        key="findings_leaflet",
        height=460,
    )
    st.caption(_(maps.PLACES_NOTE))
st.caption(
    _(
        "Each point is a seizure event cited by at least one of the findings above (colour: type "
        "of the first finding citing it; size: number of findings); the selected finding's events "
        "and items are ringed."
    )
    + f" {_(FINDINGS_SOURCES)} {_(SHAPES_SOURCE)} {_(UN_MAP_DISCLAIMER)}"
)

st.subheader(citation(selected))
target = country_name(selected["target_iso3"]) if selected["target_iso3"] else _("target not given")
st.markdown(
    f"**{selected['panel_name']}** ({embargoes.get(selected['embargo_id'], '—')}) · "
    f"{value_label('finding_type', selected['finding_type'])} · "
    + _("confidence **{confidence}**").format(
        confidence=value_label("confidence", selected["confidence"])
    )
    + f" · {target} · {value_label('classification', selected['classification'])}"
)
st.markdown(f"> {selected['summary']}")
st.caption(
    _("From {file}, row {row}.").format(
        file=selected["file_name"], row=selected["source_row_number"]
    )
)

evidence, parties_column = st.columns([3, 2])
with evidence:
    st.markdown(_("**Evidence: cited events and items**"))
    if linked.is_empty():
        st.info(_("The finding cites no seizure event or item in the warehouse."))
    else:
        show_table(
            links.with_links(
                linked.with_columns(
                    pl.col("event_uid").str.replace(r"^[^:]*:", "").alias("event_id")
                ),
                {
                    "event_id": ("event", "event_uid", "event_id"),
                    "serial_number": ("serial", "serial_number"),
                },
            ).select(
                "record",
                "event_id",
                "cited_as",
                "event_date",
                "country_iso3",
                "location_name",
                "context",
                "serial_number",
                "item",
                "reporting_entity",
                "file_name",
                "source_row_number",
            ),
            hide_index=True,
            keep=("event_id", "serial_number"),
            column_config={
                "record": _("Record"),
                "event_id": links.link_column(_("Event"), _("The seizure event in full")),
                "cited_as": _("Cited as"),
                "event_date": st.column_config.DateColumn(_("Date")),
                "country_iso3": _("Country"),
                "location_name": _("Place"),
                "context": _("Context"),
                "serial_number": links.link_column(
                    _("Serial"), _("Every sighting of this serial and its trace history")
                ),
                "item": _("Item"),
                "reporting_entity": _("Documented by"),
                "file_name": _("File"),
                "source_row_number": _("Row"),
            },
        )
with parties_column:
    st.markdown(_("**Listed parties it names**"))
    parties = queries.finding_listed_parties(clearance, selected_uid)
    if parties.is_empty():
        st.info(_("No entity named by this finding is on a loaded sanctions list."))
    else:
        show_table(
            links.with_episode_links(
                with_party_link(
                    parties.select(
                        "named_as",
                        "reference_number",
                        "name",
                        "un_list_type",
                        "embargo_id",
                        "listed_on",
                    ),
                    "reference_number",
                ),
                embargoes,
            ),
            hide_index=True,
            keep=(PARTY_LINK, "embargo_id"),
            column_config={
                PARTY_LINK: party_link_column(),
                "named_as": _("Named as"),
                "reference_number": _("Reference"),
                "name": _("Listed name"),
                "un_list_type": _("Regime"),
                "embargo_id": links.link_column(_("Embargo"), _("The embargo's record")),
                "listed_on": st.column_config.DateColumn(_("Listed on")),
            },
        )
    st.markdown(_("**Everything the finding names**"))
    references = queries.finding_references(clearance, selected_uid)
    show_table(
        references,
        hide_index=True,
        column_config={
            "reference_kind": _("Kind"),
            "reference": _("As written"),
            "matches": st.column_config.NumberColumn(
                _("Matches"), help=_("Records in the warehouse it matches (0: nothing matches)")
            ),
        },
    )

st.subheader(_("References that match nothing"))
unmatched = queries.findings_unmatched(clearance, filters)
if unmatched.is_empty():
    st.success(_("Every State, entity, event and serial the findings name matches a record."))
else:
    # a finding's uid is its embargo id, a colon and its id (panel_finding_versions)
    show_table(
        links.with_episode_links(
            links.with_links(
                unmatched.with_columns(
                    pl.concat_str(["embargo_id", "finding_id"], separator=":").alias("uid")
                ),
                {"finding_id": ("finding", "uid", "finding_id")},
            ).drop("uid"),
            embargoes,
        ),
        hide_index=True,
        keep=("finding_id", "embargo_id"),
        column_config={
            "finding_id": links.link_column(_("Finding"), _("Open the finding")),
            "embargo_id": links.link_column(_("Embargo"), _("The embargo's record")),
            "document_symbol": _("Document"),
            "reference_kind": _("Kind"),
            "reference": _("As written"),
            "file_name": _("File"),
            "source_row_number": _("Row"),
        },
    )
    st.caption(
        _(
            "The findings are kept; these references name an event or item not (yet) loaded, an "
            "entity not on a loaded sanctions list, or a State name the alias table does not know."
        )
    )
