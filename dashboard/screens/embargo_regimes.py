"""Embargo regimes: the timeline of every episode, a map of embargoes in force on a chosen date,
which embargoes applied to a country on a date, and the full record of one episode."""

import datetime as dt

import polars as pl
import streamlit as st

from dashboard import charts, queries
from dashboard.common import (
    CHANGE_COLUMNS,
    COVERAGE_COLUMNS,
    EMBARGO_SOURCE,
    SHAPES_SOURCE,
    UN_MAP_DISCLAIMER,
    synthetic_banner,
    viewer_clearance,
)
from dashboard.shapes_file import country_shapes_url

clearance = viewer_clearance()
today = dt.date.today()

st.title("Embargo regimes")
synthetic_banner(clearance)

# Only the open tab runs and is drawn: the page costs the server and the browser one view of four.
timeline_tab, map_tab, country_tab, detail_tab = st.tabs(
    ["Timeline", "Map on a date", "Country on a date", "Episode detail"],
    key="regimes_view",
    on_change="rerun",
)

if timeline_tab.open:
    with timeline_tab:
        st.markdown(
            "Every UN Security Council arms embargo since 1963, from adoption to end. Hatched "
            "bars are voluntary calls; grey extensions mark voluntary calls that lapsed at a date "
            "no source gives. Markers show entry into force, exemptions and partial liftings, "
            "suspensions and changes of scope (hover for the resolution)."
        )
        st.plotly_chart(
            charts.embargo_gantt(
                queries.embargo_timeline(clearance), queries.embargo_change_points(clearance), today
            ),
            key="embargo_gantt",
        )
        st.caption(
            f"{EMBARGO_SOURCE} Bars of embargoes in force run to today ({today:%d %B %Y}); "
            "dates known only to the month or year are placed on its first day."
        )

if map_tab.open:
    with map_tab:
        on_date = st.slider(
            "Embargoes in force on",
            min_value=dt.date(1963, 7, 31),
            max_value=today,
            value=today,
            step=dt.timedelta(days=1),
            format="YYYY-MM-DD",
            key="regimes_map_date",
        )
        in_force_map = queries.embargo_map(clearance, on_date)
        clicked = st.plotly_chart(
            charts.embargo_world_map(
                in_force_map,
                country_shapes_url(clearance),
                queries.map_shape_keys(clearance),
            ),
            key="embargo_map",
            config={"scrollZoom": True},
            on_select="rerun",
            selection_mode="points",
        )
        clicked_codes = [point.get("location") for point in clicked.selection.points]
        if clicked_codes and clicked_codes[0] in in_force_map["country_iso3"].to_list():
            st.page_link(
                "screens/country_profile.py",
                label=f"Open the country profile of {clicked_codes[0]}",
                icon=":material/flag:",
                query_params={"country": clicked_codes[0]},
            )
        st.caption(
            f"Territorial embargoes in force on {on_date:%d %B %Y}, coloured by the widest "
            "coverage that applied. Regimes on listed parties worldwide (ISIL (Da'esh) and "
            f"Al-Qaida) are not drawn. {EMBARGO_SOURCE} {SHAPES_SOURCE}"
        )
        st.caption(UN_MAP_DISCLAIMER)
        st.dataframe(
            in_force_map.select(
                "country_name",
                "coverage_category",
                "targets",
                "citations",
                ("/country-profile?country=" + pl.col("country_iso3")).alias("profile"),
            ),
            hide_index=True,
            column_config={
                "profile": st.column_config.LinkColumn("Profile", display_text="Country profile"),
                "country_name": "Country",
                "coverage_category": "Coverage",
                "targets": "Embargo targets",
                "citations": "Resolutions",
            },
        )

if country_tab.open:
    with country_tab:
        countries = queries.country_choices(clearance)
        names = dict(zip(countries["country_iso3"], countries["country_name"], strict=True))
        left, right = st.columns([2, 1])
        country = left.selectbox(
            "Country",
            options=list(names),
            index=list(names).index("LBY"),
            format_func=lambda code: f"{names[code]} ({code})",
            key="regimes_country",
        )
        asked_date = right.date_input(
            "On", value=today, min_value=dt.date(1963, 1, 1), max_value=today, key="country_date"
        )
        applicable = queries.embargoes_applicable(clearance, country, asked_date)
        if applicable.is_empty():
            st.info(f"No UN arms embargo applied to {names[country]} on {asked_date:%d %B %Y}.")
        else:
            st.dataframe(
                applicable.select(
                    "target_name",
                    "direction",
                    "actor_scope",
                    "coverage",
                    "item_scope",
                    "valid_from",
                    "valid_to",
                    "citation",
                    "note",
                ),
                hide_index=True,
                column_config=COVERAGE_COLUMNS,
            )
        st.caption(
            "Applies to: government = the state and its forces; non_state = non-state actors in "
            "the territory; listed = designated individuals and entities (the ISIL (Da'esh) and "
            "Al-Qaida regime applies to listed parties in every country). Requirement: "
            "prohibited; approval or notification = an exemption procedure must be followed; "
            f"exempt_if = exempt under a condition; suspended; not_covered. {EMBARGO_SOURCE}"
        )

if detail_tab.open:
    with detail_tab:
        choices = queries.embargo_choices(clearance)
        labels = dict(zip(choices["embargo_id"], choices["timeline_label"], strict=True))
        embargo_id = st.selectbox(
            "Episode",
            options=list(labels),
            format_func=lambda key: f"{labels[key]} ({key})",
            key="regimes_episode",
        )
        detail = queries.embargo_detail(clearance, embargo_id)
        embargo = detail["embargo"]
        st.subheader(embargo["target_name"])
        facts = st.columns(4)
        facts[0].markdown(f"**Imposed by**  \n{embargo['imposed_by']}  \n{embargo['start_date']}")
        ended = (
            f"{embargo['end_date']}  \n{embargo['ended_by'] or ''}" if embargo["end_date"] else "—"
        )
        facts[1].markdown(f"**Ended**  \n{ended}")
        projected = " (projected)" if embargo["status_projected"] else ""
        facts[2].markdown(
            f"**Status on {embargo['status_as_of']}**  \n{embargo['status']}{projected}  \n"
            f"{'mandatory' if embargo['mandatory'] else 'voluntary call'}"
        )
        facts[3].markdown(f"**Confidence**  \n{embargo['confidence'].replace('_', ' ')}")
        st.markdown(f"**Regime:** {embargo['regime_name']}")
        st.markdown(f"**Scope:** {embargo['scope']}")
        st.markdown(f"**Exemption procedures:** {embargo['exemption_type']}")
        st.markdown(
            f"**Committee:** {embargo['committee'] or 'none (voluntary call)'} · "
            f"**Panel:** {embargo['panel']} · "
            f"**Supporting mission:** {embargo['supporting_mission']}"
        )
        if embargo["notes"]:
            st.markdown(f"**Notes:** {embargo['notes']}")
        st.markdown("**Who and what was covered, period by period**")
        st.dataframe(detail["coverage"], hide_index=True, column_config=COVERAGE_COLUMNS)
        st.markdown("**Every change, with its resolution**")
        st.dataframe(detail["changes"], hide_index=True, column_config=CHANGE_COLUMNS)
        if not detail["countries"].is_empty():
            st.markdown("**Present-day countries covered**")
            st.dataframe(
                detail["countries"],
                hide_index=True,
                column_config={"country_iso3": "Code", "country_name": "Country", "note": "Note"},
            )
        st.caption(EMBARGO_SOURCE)
