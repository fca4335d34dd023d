"""Embargo regimes: the timeline of every episode, a map of embargoes in force on a chosen date,
which embargoes applied to a country on a date, and the full record of one episode."""

import datetime as dt

import polars as pl
import streamlit as st

from dashboard import charts, links, queries
from dashboard.chart_images import show_chart
from dashboard.choices import choice_key, open_tab, tabs_in_language
from dashboard.common import (
    CHANGE_COLUMNS,
    COVERAGE_COLUMNS,
    EMBARGO_SOURCE,
    SHAPES_SOURCE,
    UN_MAP_DISCLAIMER,
    date_input_format,
    embargo_names,
    show_table,
    synthetic_banner,
    viewer_clearance,
)
from dashboard.downloads import table_downloads
from dashboard.embargo_status import CAVEATED, caveat, status_words
from dashboard.kept_charts import show_kept_chart
from dashboard.shapes_file import country_shapes_url
from embargo.classification import Classification
from embargo.i18n import _, country_label, country_name, format_date, language
from embargo.i18n.labels import value_label
from embargo.python_columns import python_mapped

clearance = viewer_clearance()
today = dt.date.today()

st.title(_("Embargo regimes"))
synthetic_banner(clearance)

# A link to an episode (?episode=ID, e.g. from the Country profile's current measures) opens its
# record; the address keeps the episode while its record is shown.
asked_episode = links.asked("episode")
if (
    asked_episode in set(queries.embargo_choices(clearance)["embargo_id"])
    and st.session_state.get("link_applied_episode") != asked_episode
):
    st.session_state["regimes_view"] = _("Episode detail")
    links.follow_link("episode", "regimes_episode")
# Only the open tab runs and is drawn: the page costs the server and the browser one view of four.
VIEWS = {
    "timeline": _("Timeline"),
    "map": _("Map on a date"),
    "country": _("Country on a date"),
    "episode": _("Episode detail"),
}
timeline_tab, map_tab, country_tab, detail_tab = st.tabs(
    tabs_in_language("regimes_view", VIEWS), key="regimes_view", on_change="rerun"
)
open_tab("regimes_view", VIEWS)

if timeline_tab.open:
    with timeline_tab:
        st.markdown(
            _(
                "Every UN Security Council arms embargo since 1963, from adoption to end. Hatched "
                "bars are voluntary calls; grey extensions mark voluntary calls that lapsed at a "
                "date no source gives. Markers show entry into force, exemptions and partial "
                "liftings, suspensions and changes of scope (hover for the resolution)."
            )
        )
        show_kept_chart(
            charts.embargo_gantt,
            queries.embargo_timeline(clearance),
            queries.embargo_change_points(clearance),
            today,
            title=_("UN arms embargoes since 1963"),
            source=_(EMBARGO_SOURCE),
            key="embargo_gantt",
        )
        st.caption(
            _(EMBARGO_SOURCE)
            + " "
            + _(
                "Bars of embargoes in force run to today ({today}); dates known only to the "
                "month or year are placed on its first day."
            ).format(today=format_date(today))
        )

if map_tab.open:
    with map_tab:
        on_date = st.slider(
            _("Embargoes in force on"),
            min_value=dt.date(1963, 7, 31),
            max_value=today,
            value=today,
            step=dt.timedelta(days=1),
            format="YYYY-MM-DD",
            key="regimes_map_date",
        )
        in_force_map = queries.embargo_map(clearance, on_date)
        clicked = show_chart(
            charts.embargo_world_map(
                in_force_map,
                country_shapes_url(clearance),
                queries.map_shape_keys(clearance),
            ),
            title=_("Embargoes in force on {date}").format(date=format_date(on_date)),
            source=_(EMBARGO_SOURCE) + " " + _(SHAPES_SOURCE),
            is_map=True,
            key="embargo_map",
            config=charts.geo_config(),
            on_select="rerun",
            selection_mode="points",
        )
        clicked_codes = [point.get("location") for point in clicked.selection.points]
        if clicked_codes and clicked_codes[0] in in_force_map["country_iso3"].to_list():
            st.page_link(
                "screens/country_profile.py",
                label=_("Open the country profile of {country}").format(
                    country=country_name(clicked_codes[0])
                ),
                icon=":material/flag:",
                query_params={"country": clicked_codes[0]},
            )
        st.caption(
            _(
                "Territorial embargoes in force on {date}, coloured by the widest coverage that "
                "applied. Regimes on listed parties worldwide (ISIL (Da'esh) and Al-Qaida) are "
                "not drawn."
            ).format(date=format_date(on_date))
            + f" {_(EMBARGO_SOURCE)} {_(SHAPES_SOURCE)}"
        )
        st.caption(_(UN_MAP_DISCLAIMER))
        show_table(
            in_force_map.select(
                "country_iso3",
                "coverage_category",
                "targets",
                python_mapped(
                    in_force_map,
                    "caveated_statuses",
                    lambda kinds: "; ".join(status_words(kind) for kind in kinds),
                    "status_words",
                ),
                "citations",
                ("/country-profile?country=" + pl.col("country_iso3")).alias("profile"),
            ),
            hide_index=True,
            keep=("profile",),
            column_config={
                "profile": st.column_config.LinkColumn(
                    _("Profile"), display_text=_("Country profile")
                ),
                "country_iso3": st.column_config.TextColumn(_("Country")),
            },
        )
        table_downloads(
            in_force_map.select(
                "country_iso3",
                "coverage_category",
                "targets",
                python_mapped(
                    in_force_map,
                    "caveated_statuses",
                    lambda kinds: "; ".join(status_words(kind) for kind in kinds),
                    "status_words",
                ),
                "citations",
            ),
            f"embargo-map-{on_date:%Y%m%d}",
            "regimes_map",
            marking=Classification.PUBLIC,
        )

if country_tab.open:
    with country_tab:
        countries = queries.country_choices(clearance)
        names = dict(zip(countries["country_iso3"], countries["country_name"], strict=True))
        left, right = st.columns([2, 1])
        country = left.selectbox(
            _("Country"),
            options=list(names),
            index=list(names).index("LBY"),
            format_func=lambda code: country_label(code, names[code]),
            key=choice_key("regimes_country"),
        )
        asked_date = right.date_input(
            _("On"),
            value=today,
            min_value=dt.date(1963, 1, 1),
            max_value=today,
            format=date_input_format(),
            key="country_date",
        )
        applicable = queries.embargoes_applicable(clearance, country, asked_date)
        if applicable.is_empty():
            st.info(
                _("No UN arms embargo applied to {country} on {date}.").format(
                    country=country_name(country, names[country]), date=format_date(asked_date)
                )
            )
        else:
            show_table(
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
            _(
                "The ISIL (Da'esh) and Al-Qaida regime applies to listed individuals and entities "
                "in every country. Where prior approval or notification is required, an "
                "exemption procedure must be followed."
            )
            + " "
            + _(EMBARGO_SOURCE)
        )

if not detail_tab.open:
    links.keep_in_address("episode", None)
if detail_tab.open:
    with detail_tab:
        choices = queries.embargo_choices(clearance)
        labels = embargo_names(clearance)
        embargo_id = st.selectbox(
            _("Episode"),
            options=choices["embargo_id"].to_list(),
            format_func=lambda key: labels.get(key, key),
            key=choice_key("regimes_episode"),
        )
        links.keep_in_address("episode", embargo_id)
        detail = queries.embargo_detail(clearance, embargo_id)
        embargo = detail["embargo"]
        st.subheader(labels.get(embargo_id, embargo["target_name"]))
        facts = st.columns(4)
        facts[0].markdown(
            f"**{_('Imposed by')}**  \n{embargo['imposed_by']}  \n"
            f"{format_date(embargo['start_date'])}"
        )
        ended = (
            f"{format_date(embargo['end_date'])}  \n{embargo['ended_by'] or ''}"
            if embargo["end_date"]
            else _("open-ended")
        )
        facts[1].markdown(f"**{_('Ended')}**  \n{ended}")
        statuses = queries.embargo_statuses(clearance)
        status = statuses.filter(pl.col("embargo_id") == embargo_id).row(0, named=True)
        facts[2].markdown(
            f"**{_('Status on {date}').format(date=format_date(embargo['status_as_of']))}**  \n"
            f"{status_words(status['status_kind'])}  \n"
            f"{_('mandatory') if embargo['mandatory'] else _('voluntary call')}"
        )
        facts[3].markdown(
            f"**{_('Confidence')}**  \n{value_label('confidence', embargo['confidence'])}"
        )
        if caveat(status):
            (st.warning if status["status_kind"] in CAVEATED else st.caption)(caveat(status))
        st.markdown(f"**{_('Regime:')}** {embargo['regime_name']}")
        st.markdown(f"**{_('Scope:')}** {embargo['scope']}")
        st.markdown(f"**{_('Exemption procedures:')}** {embargo['exemption_type']}")
        st.markdown(
            f"**{_('Committee:')}** {embargo['committee'] or _('none (voluntary call)')} · "
            f"**{_('Panel:')}** {embargo['panel']} · "
            f"**{_('Supporting mission:')}** {embargo['supporting_mission']}"
        )
        if embargo["notes"]:
            st.markdown(f"**{_('Notes:')}** {embargo['notes']}")
        if language() != "en":
            st.caption(
                _(
                    "The regime's name, scope, procedures and notes are quoted in English, as the "
                    "reference table records them from the resolutions."
                )
            )
        st.markdown(f"**{_('Who and what was covered, period by period')}**")
        show_table(detail["coverage"], hide_index=True, column_config=COVERAGE_COLUMNS)
        st.markdown(f"**{_('Every change, with its resolution')}**")
        show_table(detail["changes"], hide_index=True, column_config=CHANGE_COLUMNS)
        if not detail["countries"].is_empty():
            st.markdown(f"**{_('Present-day countries covered')}**")
            show_table(
                detail["countries"].drop("country_name"),
                hide_index=True,
                column_config={"country_iso3": st.column_config.TextColumn(_("Country"))},
            )
        st.caption(_(EMBARGO_SOURCE))
