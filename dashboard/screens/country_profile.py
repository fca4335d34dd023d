"""Country profile: one country or embargoed territory at a time (chosen from the list, on the
map or by ?country=ISO3): its embargo history, registered imports before and during each embargo,
seized materiel, fresh supply, tracing, panel findings, listed parties and conflict events, each
with its sources; and the same as a briefing pack (PDF or slides) to download."""

import datetime as dt
import html

import folium
import polars as pl
import streamlit as st

from dashboard import charts, links, maps, profile, queries
from dashboard.briefing import FORMATS, briefing_pack, file_name
from dashboard.brokering_view import show_brokering
from dashboard.chain_view import PARTY_LINK, party_link_column, with_party_link
from dashboard.chart_images import show_chart
from dashboard.choices import choice_key
from dashboard.common import (
    CHANGE_COLUMNS,
    EMBARGO_SOURCE,
    SHAPES_SOURCE,
    UN_MAP_DISCLAIMER,
    audited_download_button,
    embargo_names,
    show_table,
    synthetic_banner,
    viewer_clearance,
)
from dashboard.downloads import table_downloads
from dashboard.embargo_status import caveat_only, short_resolution_words
from dashboard.kept_charts import show_kept_chart
from dashboard.kept_maps import show_kept_map
from dashboard.shapes_file import country_shapes_url
from embargo.classification import Classification
from embargo.i18n import _, country_label, country_name, format_date, format_number, language
from embargo.i18n.labels import in_reader_language, reference_value, value_label
from embargo.python_columns import python_mapped

clearance = viewer_clearance()
today = dt.date.today()

st.title(_("Country profile"))
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
    _("Country or territory"),
    options,
    # The widget's own default, so a value that is not an option falls back to it.
    index=options.index(first_shown) if first_shown in names else 0,
    # A code that is not an option (a forged request) still formats, so Streamlit can drop it.
    format_func=lambda code: country_label(code, names.get(code)),
    key=choice_key("profile_country"),
)
years = right.slider(
    _("Years of records"), 1950, today.year, (1950, today.year), key="profile_years"
)

st.query_params["country"] = country
scope = queries.ProfileScope(country, years[0], years[1])
# The world map is drawn only when asked for: it is the heaviest element of the page.
if st.toggle(_("Choose on the map"), key="profile_show_map"):
    show_chart(
        charts.country_picker_map(
            choices,
            country,
            country_shapes_url(clearance),
            queries.map_shape_keys(clearance),
        ),
        title=_("Countries ever under a UN arms embargo"),
        source=_(SHAPES_SOURCE),
        is_map=True,
        key="profile_map",
        on_select="rerun",
        selection_mode="points",
    )
    st.caption(
        _("Countries ever under a UN arms embargo; click one to open its profile.")
        + f" {_(SHAPES_SOURCE)} {_(UN_MAP_DISCLAIMER)}"
    )

data = profile.gather(clearance, scope, today)
# The current measures first: who is covered, how, the latest resolution and when it runs out,
# each linked to its episode record.
if data.in_force_status:
    st.subheader(_("Current measures"))
    applicable = queries.embargoes_applicable(clearance, country, today)
    current_names = embargo_names(clearance)
    statuses = data.statuses
    for measure in data.in_force_status:
        embargo_id = measure["embargo_id"]
        status_row = statuses.filter(pl.col("embargo_id") == embargo_id).row(0, named=True)
        rules = applicable.filter(
            (pl.col("embargo_id") == embargo_id) & (pl.col("direction") == "to_target")
        )
        with st.container(border=True):
            st.markdown(f"**{current_names.get(embargo_id, embargo_id)}** · {measure['status']}")
            for rule in rules.iter_rows(named=True):
                # the note as the reference table words it, marked when it is not in French
                st.markdown(
                    "- "
                    + _("{scope}: {coverage}").format(
                        scope=value_label("actor_scope", rule["actor_scope"]),
                        coverage=value_label("coverage", rule["coverage"]),
                    )
                    + (f" ({reference_value(rule, 'note')})" if rule["note"] else "")
                )
            latest = short_resolution_words(status_row)
            if latest:
                st.markdown(_("Latest resolution: {latest}.").format(latest=latest))
            if status_row["last_resolution_runs_to"] is not None:
                st.markdown(
                    _("Next renewal due by {date}.").format(
                        date=format_date(status_row["last_resolution_runs_to"])
                    )
                )
            if caveat_only(status_row):
                st.caption(caveat_only(status_row))
            st.page_link(
                "screens/embargo_regimes.py",
                label=_("The episode record"),
                icon=":material/gavel:",
                query_params={"episode": embargo_id},
            )
figures = profile.key_figures(data)
columns = st.columns(3)
for index, figure in enumerate(figures):
    columns[index % 3].metric(figure.label, figure.value)
st.caption(
    _(
        "Records of {first}–{last}; the embargo history and the before/during comparison cover "
        "every embargo on the country. Most sensitive data shown: {classification}."
    ).format(
        first=years[0],
        last=years[1],
        classification=value_label("classification", data.highest_classification.label),
    )
)
embargoes = embargo_names(clearance)

st.subheader(_("Embargo history"))
if data.embargoes.is_empty():
    st.info(
        _("No UN arms embargo on record for {country}.").format(
            country=country_name(country, data.country_name)
        )
    )
else:
    show_kept_chart(
        charts.embargo_gantt,
        data.embargoes,
        data.change_points,
        today,
        title=_("Embargoes on {country}").format(country=country_name(country, data.country_name)),
        source=_(EMBARGO_SOURCE),
        key="profile_gantt",
    )
    show_table(
        in_reader_language(data.changes).select(
            "change_date", "embargo_short_name", "change_kind", "resolution", "change"
        ),
        hide_index=True,
        column_config={**CHANGE_COLUMNS, "embargo_short_name": _("Embargo")},
    )
st.caption(f"{_(EMBARGO_SOURCE)} {profile.sources_caption(data, 'embargoes')}")

st.subheader(_("Registered imports before and during each embargo"))
if data.imports_by_year.is_empty():
    st.info(_("No registered delivery to this country is loaded."))
else:
    show_table(
        profile.imports_around_in_words(data.imports_around),
        hide_index=True,
        column_config={
            "embargo_short_name": _("Embargo"),
            "embargo_start": st.column_config.DateColumn(_("Imposed")),
            "period": _("Period"),
            "first_year": st.column_config.NumberColumn(_("From"), format="%d"),
            "last_year": st.column_config.NumberColumn(_("To"), format="%d"),
            "source_title": _("Source"),
            "deliveries": _("Deliveries"),
            "items": _("Items"),
            "tiv": _("SIPRI TIV"),
            "tiv_per_year": _("TIV per year"),
        },
    )
    table_downloads(
        profile.imports_around_in_words(data.imports_around),
        f"imports-around-embargoes-{country}",
        "profile_imports_around",
    )
    st.caption(
        _(
            "Each register counts distinct deliveries; the last row of each period counts those "
            "all registers report together, each once. A missing report is never a zero: "
            '"—" where the register did not cover the years (the UN Register before 1992, ATT '
            "reports before 2015) or the State filed no report and no other State reported a "
            "delivery to it; a nil report is a real zero."
        )
    )
    if not data.data_problems.is_empty():
        st.warning(
            _(
                "Data problem: {count} register lines date a delivery to or from {country} in a "
                "year it did not exist (first {year}). They are counted as given; check the "
                "year or the state named in the source file."
            ).format(
                count=format_number(data.data_problems.height),
                country=country_name(country, data.country_name),
                year=int(data.data_problems["delivery_year"].min()),
            )
        )
        with st.expander(_("Lines dated when the state did not exist")):
            show_table(
                data.data_problems.drop("transfer_id"),
                hide_index=True,
                column_config={
                    "delivery_year": st.column_config.NumberColumn(format="%d"),
                    "source_row_number": st.column_config.NumberColumn(format="%d"),
                },
            )
    show_kept_chart(
        charts.imports_by_year,
        data.imports_by_year,
        data.embargoes,
        today,
        dict(zip(data.sources["source_id"], data.sources["title"], strict=False)),
        title=_("Registered imports of {country} by year").format(
            country=country_name(country, data.country_name)
        ),
        source=profile.sources_caption(data, "transfers"),
        key="profile_imports",
    )
    st.markdown(_("**Largest suppliers**"))
    show_table(
        data.suppliers.with_columns(
            python_mapped(
                data.suppliers,
                pl.col("source_id").replace_strict(
                    dict(zip(data.sources["source_id"], data.sources["title"], strict=False)),
                    default=pl.col("source_id"),
                ),
                _,
                "source_id",
            )
        ).drop("supplier"),
        hide_index=True,
        column_config={
            "source_id": _("Source"),
            "supplier_iso3": _("Supplier"),
            "deliveries": _("Deliveries"),
            "items": st.column_config.NumberColumn(_("Items"), format="%.0f"),
            "tiv": st.column_config.NumberColumn(_("SIPRI TIV"), format="%.1f"),
            "first_year": st.column_config.NumberColumn(_("First year"), format="%d"),
            "last_year": st.column_config.NumberColumn(_("Last year"), format="%d"),
        },
    )
st.caption(
    _(
        "Before: the {years} calendar years before the embargo was imposed; during: the year of "
        "imposition to the last year in force. Shaded: years under embargo. Sources are never "
        "added together (the same delivery may be in several)."
    ).format(years=queries.BASELINE_YEARS)
    + " "
    + profile.sources_caption(data, "transfers")
)

st.subheader(_("Seized and recovered materiel"))
totals = data.seizure_totals
if not totals["item_lines"]:
    st.info(_("No seized or recovered item documented in this country is loaded."))
else:
    st.markdown(
        _("{events} events and {lines} item lines documented from {first} to {last}.").format(
            events=format_number(totals["events"]),
            lines=format_number(totals["item_lines"]),
            first=format_date(totals["first_date"]),
            last=format_date(totals["last_date"]),
        )
    )

    def places_map() -> folium.Map:
        leaflet = maps.country_map(queries.country_shapes_geojson(clearance), country)
        maps.add_circle_markers(
            leaflet,
            data.places,
            lat="latitude",
            lon="longitude",
            size_column="events",
            min_radius=5,
            max_radius=16,
            colour=charts.EMBARGOED_COLOUR,
            tooltip=lambda row: (
                f"<b>{html.escape(row['location_name'] or '')}</b><br>"
                + _("{events} events, {lines} item lines").format(
                    events=format_number(row["events"]), lines=format_number(row["item_lines"])
                )
            ),
            name=_("Places of seizure"),
        )
        return leaflet

    show_kept_map(
        places_map,
        clearance=clearance,
        inputs=(country, data.places, queries.country_shapes_digest(clearance)),
        key="profile_places",
        height=460,
    )
    st.caption(_("Red circles: places of seizure, sized by events.") + " " + _(maps.PLACES_NOTE))
    st.caption(_(UN_MAP_DISCLAIMER))
    by_category, by_origin = st.columns(2)
    by_category.markdown(_("**By category**"))
    show_kept_chart(
        charts.counted_bars,
        data.seized["category"],
        "category",
        charts.FLOW_COLOUR,
        title=_("Seized items in {country} by category").format(
            country=country_name(country, data.country_name)
        ),
        source=profile.sources_caption(data, "seizures"),
        where=by_category,
        key="profile_categories",
    )
    by_origin.markdown(_("**By country of manufacture**"))
    show_kept_chart(
        charts.counted_bars,
        data.seized["origin"],
        "origin",
        charts.EMBARGOED_COLOUR,
        title=_("Seized items in {country} by country of manufacture").format(
            country=country_name(country, data.country_name)
        ),
        source=profile.sources_caption(data, "seizures"),
        where=by_origin,
        key="profile_origins",
    )
    st.markdown(_("**By year of manufacture** (dashed: years embargoes were imposed)"))
    show_kept_chart(
        charts.manufacture_years,
        data.seized["manufacture_year"],
        data.embargoes["start_date"].to_list(),
        title=_("Seized items in {country} by year of manufacture").format(
            country=country_name(country, data.country_name)
        ),
        source=profile.sources_caption(data, "seizures"),
        key="profile_years_made",
    )
    st.markdown(_("**Documents the records cite**"))
    show_table(
        data.documents,
        hide_index=True,
        column_config={
            "source_document": _("Document"),
            "paragraphs": _("Paragraphs and annexes"),
            "item_lines": _("Item lines"),
        },
    )
st.caption(profile.sources_caption(data, "seizures"))

st.subheader(_("Fresh supply"))
if data.fresh.is_empty():
    st.info(_("No dated weapon or ammunition lot was documented here while an embargo applied."))
else:
    show_table(
        links.with_episode_links(data.fresh.drop("embargo_short_name"), embargoes),
        hide_index=True,
        keep=("embargo_id",),
        column_config={
            "embargo_id": links.link_column(_("Embargo"), _("The embargo's record")),
            "embargo_short_name": _("Target"),
            "embargo_start": st.column_config.DateColumn(_("Embargo since")),
            "dated_lines": _("Dated items and lots"),
            "fresh_lines": _("Made after the start"),
            "dated_weapons": _("Dated weapons"),
            "fresh_weapons": _("Fresh weapons"),
            "dated_ammunition_lots": _("Dated ammunition lots"),
            "fresh_ammunition_lots": _("Fresh lots"),
            "fresh_share": st.column_config.NumberColumn(_("Share"), format="percent"),
            "latest_manufacture_year": st.column_config.NumberColumn(_("Latest year"), format="%d"),
        },
    )
st.caption(
    _(
        "Of the weapons and ammunition lots documented while an embargo applied whose year of "
        "manufacture is known, those made in a later year than the embargo's start."
    )
    + " "
    + profile.sources_caption(data, "seizures")
)

st.subheader(_("Tracing outcomes"))
if data.tracing.is_empty():
    st.info(_("No trace request about items documented in this country is loaded."))
else:
    show_table(
        data.tracing,
        hide_index=True,
        column_config={
            "status": _("Status"),
            "requests": _("Requests"),
            "answered": _("Answered"),
            "origin_established": _("Origin established"),
            "median_response_days": st.column_config.NumberColumn(
                _("Median days to answer"), format="%.0f"
            ),
        },
    )
    st.markdown(_("**SDG indicator 16.4.2** (share of documented weapons whose origin was traced)"))
    show_table(
        data.sdg,
        hide_index=True,
        column_config={
            "year": st.column_config.NumberColumn(_("Year"), format="%d"),
            "numerator": _("Weapons traced"),
            "denominator": _("Weapons documented"),
            "proportion": st.column_config.NumberColumn(_("Proportion"), format="percent"),
        },
    )
st.caption(profile.sources_caption(data, "traces"))

st.subheader(_("Panel findings"))
if data.findings.is_empty():
    st.info(_("No panel finding on this country is loaded."))
else:
    show_table(
        # The finding's panel is the embargo it reports on: one column says it.
        data.findings.drop("classification", "panel", strict=False),
        embargoes=embargoes,
        hide_index=True,
        column_config={
            "document_symbol": _("Document"),
            "document_date": st.column_config.DateColumn(_("Date")),
            "paragraph": _("Paragraph"),
            "annex": _("Annex"),
            "finding_type": _("Finding"),
            "confidence": _("Confidence"),
            "summary": st.column_config.TextColumn(_("Summary"), width="large"),
        },
    )
st.caption(
    _(
        "Findings of the panels on this country's embargoes or naming it as target, cited by "
        "document symbol and paragraph."
    )
    + " "
    + profile.sources_caption(data, "findings")
)

st.subheader(_("Listed parties"))
if data.parties.is_empty():
    st.info(_("No listed individual or entity of these sanctions regimes is loaded."))
else:
    show_table(
        # The regime is named by its embargo (the list's code, "CAR", is not a name).
        with_party_link(data.parties.drop("un_list_type"), "reference_number"),
        embargoes=embargoes,
        hide_index=True,
        keep=(PARTY_LINK,),
        column_config={
            PARTY_LINK: party_link_column(),
            "reference_number": _("Reference"),
            "name": _("Name"),
            "party_type": _("Type"),
            "listed_on": st.column_config.DateColumn(_("Listed on")),
            "nationality_iso3": _("Nationality"),
            "embargo_id": _("Embargo"),
        },
    )
st.caption(
    _(
        "Individuals and entities on the UN Security Council Consolidated List under the regimes "
        "of this country's embargoes."
    )
    + " "
    + profile.sources_caption(data, "parties")
)

show_brokering(clearance, country, embargoes, key="profile")

st.subheader(_("Conflict events"))
if data.conflict_by_year.is_empty():
    st.info(_("No conflict event in this country is loaded."))
else:
    show_kept_chart(
        charts.conflict_by_year,
        data.conflict_by_year,
        title=_("Conflict events in {country}").format(
            country=country_name(country, data.country_name)
        ),
        source=profile.sources_caption(data, "conflict"),
        key="profile_conflict",
    )
    show_table(
        data.conflict_by_type,
        hide_index=True,
        column_config={
            "first_date": st.column_config.DateColumn(_("First")),
            "last_date": st.column_config.DateColumn(_("Last")),
        },
    )
st.caption(
    _(
        "For context: events of organised violence and political disorder, with UCDP's best "
        "estimate or ACLED's count of fatalities."
    )
    + " "
    + profile.sources_caption(data, "conflict")
)

st.subheader(_("Briefing pack"))
st.markdown(
    _(
        "The figures above with charts, maps, tables and a numbered citation for each, marked with "
        "the classification of the most sensitive data included."
    )
)
left, right = st.columns(2)
pack_format = left.radio(_("Format"), list(FORMATS), horizontal=True, key="profile_pack_format")
# A pack to circulate more widely: only the records at or below the level chosen go in, and the
# pack is marked with the most sensitive of them.
levels = [level for level in Classification if level <= clearance]
pack_clearance = right.selectbox(
    _("Produce at classification"),
    levels,
    index=len(levels) - 1,
    format_func=lambda level: value_label("classification", level.label),
    help=_(
        "Only data at or below this classification go into the pack, which is marked "
        "accordingly; your clearance is the highest offered."
    ),
    key=choice_key("profile_pack_classification"),
)
# Built on request (it takes a few seconds), then offered through the audited button, so the
# file's SHA-256 is on record; a pack built for another country, years or format is not offered.
pack_request = (scope, pack_format, pack_clearance, language())
if st.button(
    _("Prepare the briefing pack"), key="profile_pack_prepare", icon=":material/description:"
):
    with st.spinner(_("Drawing charts and maps and laying out the pack...")):
        st.session_state["profile_pack"] = (
            pack_request,
            briefing_pack(pack_clearance, scope, pack_format, today),
        )
prepared = st.session_state.get("profile_pack")
if prepared and prepared[0] == pack_request:
    audited_download_button(
        _("Download the briefing pack ({format})").format(format=pack_format.upper()),
        prepared[1],
        file_name(scope, pack_format, today),
        mime=FORMATS[pack_format],
        key="profile_pack_download",
    )
