"""Findings: what the panels and groups of experts found, by panel, type, year and confidence,
each cited to its document symbol, paragraph and annex; the seizure events and items the findings
cite on a map; for one finding, its evidence, the listed parties it names and the references
that match nothing in the warehouse."""

import html

import streamlit as st

from dashboard import charts, maps, queries
from dashboard.common import SHAPES_SOURCE, UN_MAP_DISCLAIMER, synthetic_banner, viewer_clearance
from dashboard.shapes_file import country_shapes_url

FINDINGS_SOURCES = (
    "Source: panel-of-experts findings as loaded (document symbol, paragraph and annex on every "
    "finding); seizure events and items from field documentation; listed parties from the UN "
    "Security Council Consolidated List."
)

clearance = viewer_clearance()

st.title("Findings")
synthetic_banner(clearance)

options = queries.finding_filter_options(clearance)
panels = options["panels"]
if panels.is_empty():
    st.info(
        "No panel findings are loaded (or none you are cleared to see). Load a poe-findings "
        "file with `embargo ingest FILE --format poe-findings`."
    )
    st.stop()

panel_names = dict(zip(panels["embargo_id"], panels["short_name"], strict=True))
values = options["values"]


def choices(kind: str) -> list[str]:
    return values.filter(values["kind"] == kind)["value"].to_list()


first_year = int(options["years"]["first_year"][0])
last_year = int(options["years"]["last_year"][0])
top = st.columns([3, 3, 2])
chosen_panels = top[0].multiselect(
    "Panel (embargo regime)",
    list(panel_names),
    format_func=lambda embargo_id: f"{panel_names[embargo_id]} ({embargo_id})",
    placeholder="All panels",
)
chosen_types = top[1].multiselect(
    "Finding type",
    choices("finding_type"),
    format_func=lambda value: value.replace("_", " "),
    placeholder="All types",
)
chosen_confidence = top[2].multiselect(
    "Confidence", choices("confidence"), placeholder="Any confidence"
)
years = (
    st.slider(
        "Year of the document",
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
metrics[0].metric("Findings", f"{findings.height:,}")
metrics[1].metric("Reports", f"{findings['document_symbol'].n_unique():,}")
metrics[2].metric("Confirmed", f"{findings.filter(findings['confidence'] == 'confirmed').height:,}")
metrics[3].metric("Citing seized materiel", f"{findings.filter(findings['events'] > 0).height:,}")
if findings.is_empty():
    st.warning("No finding matches these filters.")
    st.stop()

left, right = st.columns(2)
with left:
    st.subheader("By year and type")
    st.plotly_chart(
        charts.findings_over_time(queries.findings_by_year(clearance, filters)),
        key="findings_by_year",
    )
with right:
    st.subheader("By panel and confidence")
    st.plotly_chart(
        charts.findings_by_panel_bars(queries.findings_by_panel(clearance, filters)),
        key="findings_by_panel",
    )
st.caption(FINDINGS_SOURCES)

st.subheader("Findings")
st.dataframe(
    findings.select(
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
    column_config={
        "document_symbol": "Document",
        "paragraph": "Para.",
        "annex": "Annex",
        "document_date": st.column_config.DateColumn("Date"),
        "panel_name": "Panel",
        "finding_type": "Type",
        "confidence": "Confidence",
        "target_iso3": "Target",
        "summary": st.column_config.TextColumn("Finding", width="large"),
        "events": st.column_config.NumberColumn("Events", help="Seizure events cited"),
        "items": st.column_config.NumberColumn("Items", help="Seized items cited by serial"),
        "listed_parties": st.column_config.NumberColumn(
            "Listed parties", help="Parties on the sanctions list the finding names"
        ),
        "classification": "Classification",
        "file_name": "File",
        "source_row_number": "Row",
    },
)


def citation(row: dict) -> str:
    where = [f"para. {row['paragraph']}"] if row["paragraph"] else []
    where += [f"annex {row['annex']}"] if row["annex"] else []
    return f"{row['document_symbol']} ({row['document_date']:%d %B %Y}), {', '.join(where)}"


rows = {row["finding_uid"]: row for row in findings.head(2000).iter_rows(named=True)}
selected_uid = st.selectbox(
    "Finding to examine",
    list(rows),
    format_func=lambda uid: f"{citation(rows[uid])}: {rows[uid]['finding_type'].replace('_', ' ')}",
)
selected = rows[selected_uid]
linked = queries.finding_linked_records(clearance, selected_uid)

st.subheader("Cited seizure events on the map")
view = st.radio(
    "Map",
    ["Plotly", "Leaflet"],
    horizontal=True,
    help="Leaflet draws the same points with Folium, offline (no tiles unless a mission tile "
    "server is configured with EMBARGO_TILE_URL).",
)
points = queries.finding_event_points(clearance, filters)
if view == "Plotly":
    st.plotly_chart(
        charts.finding_events_map(
            points, country_shapes_url(clearance), queries.map_shape_keys(clearance), linked
        ),
        key="findings_map",
        config={"scrollZoom": True},
    )
else:
    located = linked.drop_nulls(["latitude", "longitude"])
    centre_of = located if not located.is_empty() else points
    centre = (
        (centre_of["latitude"].mean(), centre_of["longitude"].mean())
        if not centre_of.is_empty()
        else (5, 20)
    )
    leaflet = maps.offline_folium_map(center=centre, zoom=5 if not located.is_empty() else 3)
    maps.add_country_shapes(leaflet, queries.country_shapes_geojson(clearance))
    # the selected finding's events first, so the cited events drawn over them look ringed
    maps.add_circle_markers(
        leaflet,
        located,
        lat="latitude",
        lon="longitude",
        min_radius=14,
        colour="#000000",
        tooltip=lambda row: f"Selected finding: {row['record']} {html.escape(row['cited_as'])}",
        name="Selected finding",
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
            f"{html.escape(row['location_name'] or '')} ({row['country_iso3']})<br>"
            f"{row['findings']} finding(s): {html.escape(row['cited_in'] or '')}"
        ),
        name="Cited events",
    )
    maps.show_map(leaflet, key="findings_leaflet", height=460)
st.caption(
    "Each point is a seizure event cited by at least one of the findings above (colour: type of "
    "the first finding citing it; size: number of findings); the selected finding's events and "
    f"items are ringed. {FINDINGS_SOURCES} {SHAPES_SOURCE} {UN_MAP_DISCLAIMER}"
)

st.subheader(citation(selected))
st.markdown(
    f"**{selected['panel_name']}** (`{selected['embargo_id']}`) · "
    f"{selected['finding_type'].replace('_', ' ')} · confidence **{selected['confidence']}** · "
    f"target {selected['target_iso3'] or 'not given'} · {selected['classification']}"
)
st.markdown(f"> {selected['summary']}")
st.caption(f"From {selected['file_name']}, row {selected['source_row_number']}.")

evidence, parties_column = st.columns([3, 2])
with evidence:
    st.markdown("**Evidence: cited events and items**")
    if linked.is_empty():
        st.info("The finding cites no seizure event or item in the warehouse.")
    else:
        st.dataframe(
            linked.select(
                "record",
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
            column_config={
                "record": "Record",
                "cited_as": "Cited as",
                "event_date": st.column_config.DateColumn("Date"),
                "country_iso3": "Country",
                "location_name": "Place",
                "context": "Context",
                "serial_number": "Serial",
                "item": "Item",
                "reporting_entity": "Documented by",
                "file_name": "File",
                "source_row_number": "Row",
            },
        )
with parties_column:
    st.markdown("**Listed parties it names**")
    parties = queries.finding_listed_parties(clearance, selected_uid)
    if parties.is_empty():
        st.info("No entity named by this finding is on a loaded sanctions list.")
    else:
        st.dataframe(
            parties.select(
                "named_as", "reference_number", "name", "un_list_type", "embargo_id", "listed_on"
            ),
            hide_index=True,
            column_config={
                "named_as": "Named as",
                "reference_number": "Reference",
                "name": "Listed name",
                "un_list_type": "Regime",
                "embargo_id": "Embargo",
                "listed_on": st.column_config.DateColumn("Listed on"),
            },
        )
    st.markdown("**Everything the finding names**")
    references = queries.finding_references(clearance, selected_uid)
    st.dataframe(
        references,
        hide_index=True,
        column_config={
            "reference_kind": "Kind",
            "reference": "As written",
            "matches": st.column_config.NumberColumn(
                "Matches", help="Records in the warehouse it matches (0: nothing matches)"
            ),
        },
    )

st.subheader("References that match nothing")
unmatched = queries.findings_unmatched(clearance, filters)
if unmatched.is_empty():
    st.success("Every State, entity, event and serial the findings name matches a record.")
else:
    st.dataframe(
        unmatched,
        hide_index=True,
        column_config={
            "finding_id": "Finding",
            "embargo_id": "Embargo",
            "document_symbol": "Document",
            "reference_kind": "Kind",
            "reference": "As written",
            "file_name": "File",
            "source_row_number": "Row",
        },
    )
    st.caption(
        "The findings are kept; these references name an event or item not (yet) loaded, an "
        "entity not on a loaded sanctions list, or a State name the alias table does not know."
    )
