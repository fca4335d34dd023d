"""Country profile: one country or embargoed territory at a time (chosen from the list, on the
map or by ?country=ISO3): its embargo history, registered imports before and during each embargo,
seized materiel, fresh supply, tracing, panel findings, listed parties and conflict events, each
with its sources; and the same as a briefing pack (PDF or slides) to download."""

import datetime as dt

import streamlit as st

from dashboard import charts, profile, queries
from dashboard.briefing import FORMATS, briefing_pack, file_name
from dashboard.common import (
    CHANGE_COLUMNS,
    EMBARGO_SOURCE,
    SHAPES_SOURCE,
    UN_MAP_DISCLAIMER,
    audited_download_button,
    synthetic_banner,
    viewer_clearance,
)
from dashboard.shapes_file import country_shapes_url

clearance = viewer_clearance()
today = dt.date.today()

st.title("Country profile")
synthetic_banner(clearance)

choices = queries.profile_country_choices(clearance)
names = dict(zip(choices["country_iso3"], choices["country_name"], strict=True))
asked = st.query_params.get("country", "").upper()
if asked and asked not in names and queries.country_name(clearance, asked):
    names[asked] = queries.country_name(clearance, asked)  # a country never under embargo
options = list(names)
first_shown = asked if asked in names else "SOM"
# A click on the map chooses the country it names (once per click).
points = st.session_state.get("profile_map", {}).get("selection", {}).get("points", [])
clicked = points[0].get("location") if points else None
if clicked in names and clicked != st.session_state.get("profile_map_applied"):
    st.session_state["profile_country"] = clicked
    st.session_state["profile_map_applied"] = clicked

left, right = st.columns([2, 3])
country = left.selectbox(
    "Country or territory",
    options,
    # The widget's own default, so a value that is not an option falls back to it.
    index=options.index(first_shown) if first_shown in names else 0,
    # A code that is not an option (a forged request) still formats, so Streamlit can drop it.
    format_func=lambda code: f"{names.get(code, code)} ({code})",
    key="profile_country",
)
years = right.slider("Years of records", 1950, today.year, (1950, today.year), key="profile_years")
st.query_params["country"] = country
scope = queries.ProfileScope(country, years[0], years[1])
# The world map is drawn only when asked for: it is the heaviest element of the page.
if st.toggle("Choose on the map", key="profile_show_map"):
    st.plotly_chart(
        charts.country_picker_map(
            choices,
            country,
            country_shapes_url(clearance),
            queries.map_shape_keys(clearance),
        ),
        key="profile_map",
        on_select="rerun",
        selection_mode="points",
    )
    st.caption(
        "Countries ever under a UN arms embargo; click one to open its profile. "
        f"{SHAPES_SOURCE} {UN_MAP_DISCLAIMER}"
    )

data = profile.gather(clearance, scope, today)
figures = profile.key_figures(data)
columns = st.columns(3)
for index, figure in enumerate(figures):
    columns[index % 3].metric(figure.label, figure.value)
st.caption(
    f"Records of {years[0]}–{years[1]}; the embargo history and the before/during comparison "
    "cover every embargo on the country. Most sensitive data shown: "
    f"{data.highest_classification.label.replace('_', ' ')}."
)

st.subheader("Embargo history")
if data.embargoes.is_empty():
    st.info(f"No UN arms embargo on record for {data.country_name}.")
else:
    st.plotly_chart(
        charts.embargo_gantt(data.embargoes, data.change_points, today), key="profile_gantt"
    )
    st.dataframe(
        data.changes.select(
            "change_date", "embargo_short_name", "change_kind", "resolution", "change"
        ),
        hide_index=True,
        column_config={**CHANGE_COLUMNS, "embargo_short_name": "Embargo"},
    )
st.caption(f"{EMBARGO_SOURCE} {profile.sources_caption(data, 'embargoes')}")

st.subheader("Registered imports before and during each embargo")
if data.imports_by_year.is_empty():
    st.info("No registered delivery to this country is loaded.")
else:
    st.dataframe(
        data.imports_around.select(
            "embargo_short_name",
            "embargo_start",
            "period",
            "first_year",
            "last_year",
            "source_title",
            "deliveries",
            "items",
            "tiv",
            "tiv_per_year",
        ),
        hide_index=True,
        column_config={
            "embargo_short_name": "Embargo",
            "embargo_start": st.column_config.DateColumn("Imposed"),
            "period": "Period",
            "first_year": st.column_config.NumberColumn("From", format="%d"),
            "last_year": st.column_config.NumberColumn("To", format="%d"),
            "source_title": "Source",
            "deliveries": "Delivery records",
            "items": st.column_config.NumberColumn("Items", format="%.0f"),
            "tiv": st.column_config.NumberColumn("SIPRI TIV", format="%.1f"),
            "tiv_per_year": st.column_config.NumberColumn("TIV per year", format="%.2f"),
        },
    )
    st.plotly_chart(
        charts.imports_by_year(data.imports_by_year, data.embargoes, today),
        key="profile_imports",
    )
    st.markdown("**Largest suppliers**")
    st.dataframe(
        data.suppliers,
        hide_index=True,
        column_config={
            "source_id": "Source",
            "supplier_iso3": "Code",
            "supplier": "Supplier",
            "deliveries": "Delivery records",
            "items": st.column_config.NumberColumn("Items", format="%.0f"),
            "tiv": st.column_config.NumberColumn("SIPRI TIV", format="%.1f"),
            "first_year": st.column_config.NumberColumn("First year", format="%d"),
            "last_year": st.column_config.NumberColumn("Last year", format="%d"),
        },
    )
st.caption(
    f"Before: the {queries.BASELINE_YEARS} calendar years before the embargo was imposed; "
    "during: the year of imposition to the last year in force. Shaded: years under embargo. "
    "Sources are never added together (the same delivery may be in several). "
    + profile.sources_caption(data, "transfers")
)

st.subheader("Seized and recovered materiel")
totals = data.seizure_totals
if not totals["item_lines"]:
    st.info("No seized or recovered item documented in this country is loaded.")
else:
    st.markdown(
        f"{totals['events']:,} events and {totals['item_lines']:,} item lines documented from "
        f"{totals['first_date']:%d %B %Y} to {totals['last_date']:%d %B %Y}."
    )
    shapes, shape_keys = (
        queries.country_shapes_geojson(clearance),
        queries.map_shape_keys(clearance),
    )
    st.plotly_chart(
        charts.country_places_map(data.places, country, shapes, shape_keys), key="profile_places"
    )
    st.caption(UN_MAP_DISCLAIMER)
    by_category, by_origin = st.columns(2)
    by_category.markdown("**By category**")
    by_category.plotly_chart(
        charts.counted_bars(data.seized["category"], "category", charts.FLOW_COLOUR),
        key="profile_categories",
    )
    by_origin.markdown("**By country of manufacture**")
    by_origin.plotly_chart(
        charts.counted_bars(data.seized["origin"], "origin", charts.EMBARGOED_COLOUR),
        key="profile_origins",
    )
    st.markdown("**By year of manufacture** (dashed: years embargoes were imposed)")
    st.plotly_chart(
        charts.manufacture_years(
            data.seized["manufacture_year"], data.embargoes["start_date"].to_list()
        ),
        key="profile_years_made",
    )
    st.markdown("**Documents the records cite**")
    st.dataframe(
        data.documents,
        hide_index=True,
        column_config={
            "source_document": "Document",
            "paragraphs": "Paragraphs and annexes",
            "item_lines": "Item lines",
        },
    )
st.caption(profile.sources_caption(data, "seizures"))

st.subheader("Fresh supply")
if data.fresh.is_empty():
    st.info("No dated weapon or ammunition lot was documented here while an embargo applied.")
else:
    st.dataframe(
        data.fresh,
        hide_index=True,
        column_config={
            "embargo_id": "Embargo",
            "embargo_short_name": "Target",
            "embargo_start": st.column_config.DateColumn("Embargo since"),
            "dated_lines": "Dated items and lots",
            "fresh_lines": "Made after the start",
            "dated_weapons": "Dated weapons",
            "fresh_weapons": "Fresh weapons",
            "dated_ammunition_lots": "Dated ammunition lots",
            "fresh_ammunition_lots": "Fresh lots",
            "fresh_share": st.column_config.NumberColumn("Share", format="percent"),
            "latest_manufacture_year": st.column_config.NumberColumn("Latest year", format="%d"),
        },
    )
st.caption(
    "Of the weapons and ammunition lots documented while an embargo applied whose year of "
    "manufacture is known, those made in a later year than the embargo's start. "
    + profile.sources_caption(data, "seizures")
)

st.subheader("Tracing outcomes")
if data.tracing.is_empty():
    st.info("No trace request about items documented in this country is loaded.")
else:
    st.dataframe(
        data.tracing,
        hide_index=True,
        column_config={
            "status": "Status",
            "requests": "Requests",
            "answered": "Answered",
            "origin_established": "Origin established",
            "median_response_days": st.column_config.NumberColumn(
                "Median days to answer", format="%.0f"
            ),
        },
    )
    st.markdown("**SDG indicator 16.4.2** (share of documented weapons whose origin was traced)")
    st.dataframe(
        data.sdg,
        hide_index=True,
        column_config={
            "year": st.column_config.NumberColumn("Year", format="%d"),
            "numerator": "Weapons traced",
            "denominator": "Weapons documented",
            "proportion": st.column_config.NumberColumn("Proportion", format="percent"),
        },
    )
st.caption(profile.sources_caption(data, "traces"))

st.subheader("Panel findings")
if data.findings.is_empty():
    st.info("No panel finding on this country is loaded.")
else:
    st.dataframe(
        data.findings.drop("classification"),
        hide_index=True,
        column_config={
            "document_symbol": "Document",
            "document_date": st.column_config.DateColumn("Date"),
            "paragraph": "Paragraph",
            "annex": "Annex",
            "finding_type": "Finding",
            "confidence": "Confidence",
            "summary": st.column_config.TextColumn("Summary", width="large"),
        },
    )
st.caption(
    "Findings of the panels on this country's embargoes or naming it as target, cited by "
    "document symbol and paragraph. " + profile.sources_caption(data, "findings")
)

st.subheader("Listed parties")
if data.parties.is_empty():
    st.info("No listed individual or entity of these sanctions regimes is loaded.")
else:
    st.dataframe(
        data.parties,
        hide_index=True,
        column_config={
            "reference_number": "Reference",
            "name": "Name",
            "party_type": "Type",
            "un_list_type": "Regime",
            "listed_on": st.column_config.DateColumn("Listed on"),
            "nationality_iso3": "Nationality",
            "embargo_id": "Embargo",
        },
    )
st.caption(
    "Individuals and entities on the UN Security Council Consolidated List under the regimes of "
    "this country's embargoes. " + profile.sources_caption(data, "parties")
)

st.subheader("Conflict events")
if data.conflict_by_year.is_empty():
    st.info("No conflict event in this country is loaded.")
else:
    st.plotly_chart(charts.conflict_by_year(data.conflict_by_year), key="profile_conflict")
    st.dataframe(
        data.conflict_by_type,
        hide_index=True,
        column_config={
            "first_date": st.column_config.DateColumn("First"),
            "last_date": st.column_config.DateColumn("Last"),
        },
    )
st.caption(
    "For context: events of organised violence and political disorder, with UCDP's best "
    "estimate or ACLED's count of fatalities. " + profile.sources_caption(data, "conflict")
)

st.subheader("Briefing pack")
st.markdown(
    "The figures above with charts, maps, tables and a numbered citation for each, marked with "
    "the classification of the most sensitive data included."
)
pack_format = st.radio("Format", list(FORMATS), horizontal=True, key="profile_pack_format")
# Built on request (it takes a few seconds), then offered through the audited button, so the
# file's SHA-256 is on record; a pack built for another country, years or format is not offered.
pack_request = (scope, pack_format, clearance)
if st.button(
    "Prepare the briefing pack", key="profile_pack_prepare", icon=":material/description:"
):
    with st.spinner("Drawing charts and maps and laying out the pack..."):
        st.session_state["profile_pack"] = (
            pack_request,
            briefing_pack(clearance, scope, pack_format, today),
        )
prepared = st.session_state.get("profile_pack")
if prepared and prepared[0] == pack_request:
    audited_download_button(
        f"Download the briefing pack ({pack_format.upper()})",
        prepared[1],
        file_name(scope, pack_format, today),
        mime=FORMATS[pack_format],
        key="profile_pack_download",
    )
