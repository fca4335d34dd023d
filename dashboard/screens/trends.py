"""Trends: monthly seizures by category, context or reporting entity with the embargo's dates on
the time axis, and the fresh-supply indicator: the share of documented items made after the
embargo began, with the items behind each figure."""

import streamlit as st

from dashboard import charts, links, queries
from dashboard.choices import choice_key
from dashboard.common import (
    EMBARGO_SOURCE,
    SEIZURE_SOURCES,
    audited_download_button,
    embargo_names,
    show_table,
    spreadsheet_safe_labelled_csv,
    synthetic_banner,
    viewer_clearance,
)
from dashboard.downloads import table_downloads
from dashboard.filters import seizure_filter_controls
from dashboard.kept_charts import show_kept_chart
from embargo.i18n import N_, _, format_number

clearance = viewer_clearance()
SHOWN_ROWS = 2000
DIMENSIONS = {
    "category": N_("Category"),
    "context": N_("Context"),
    "reporting_entity": N_("Reporting entity"),
}

st.title(_("Trends"))
synthetic_banner(clearance)
filters = seizure_filter_controls(clearance, key="trends")

# The country chosen in the filters above is the one the embargo dates and the fresh supply below
# follow.
country = filters.countries[0] if filters.countries else None
left, right = st.columns(2)
dimension = left.radio(
    _("Split by"),
    list(DIMENSIONS),
    horizontal=True,
    format_func=lambda name: _(DIMENSIONS[name]),
    key=choice_key("trends_dimension"),
)
measure = right.radio(
    _("Count"),
    ["events", "item_lines", "items"],
    horizontal=True,
    format_func=lambda name: _(charts.MEASURE_LABELS[name]),
    key=choice_key("trends_measure"),
)

monthly = queries.seizure_monthly(clearance, filters, country, dimension)
change_points = (
    queries.embargo_change_points_for_country(clearance, country)
    if country
    else queries.embargo_change_points_for_country(clearance, "")
)
show_kept_chart(
    charts.monthly_trend,
    monthly,
    measure,
    change_points,
    title=_("Seizures by month"),
    source=_(SEIZURE_SOURCES) + " " + _(EMBARGO_SOURCE),
    key="monthly_trend",
)
st.caption(
    _(SEIZURE_SOURCES)
    + " "
    + _(
        "Dotted lines: imposition (red), changes and end (green) of the embargoes on the chosen "
        "country, labelled with their resolution."
    )
    + " "
    + _(EMBARGO_SOURCE)
)

st.subheader(_("Fresh supply"))
st.markdown(
    _(
        "For each embargoed territory: of the weapons and ammunition lots documented there since "
        "the embargo began whose year of manufacture (or headstamp year) is known, the share made "
        "in a later year than the embargo's start. Such materiel cannot predate the embargo."
    )
    + " "
    + _("Only the items documented in the period and country chosen above count.")
)

# The period chosen above too: the items documented in it.
period = {"date_from": filters.date_from, "date_to": filters.date_to}
indicator = queries.fresh_supply_indicator(clearance, country, **period)
if indicator.is_empty():
    st.info(
        _("No dated item was documented in an embargoed territory in the period and place chosen.")
    )
else:
    show_kept_chart(
        charts.fresh_supply_bars,
        indicator,
        title=_("Fresh supply: items made after the embargo began"),
        source=_(SEIZURE_SOURCES) + " " + _(EMBARGO_SOURCE),
        key="fresh_supply",
    )
    embargoes = embargo_names(clearance)
    show_table(
        links.with_episode_links(indicator.drop("embargo_short_name"), embargoes),
        hide_index=True,
        keep=("embargo_id",),
        column_config={
            "embargo_id": links.link_column(_("Embargo"), _("The embargo's record")),
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
    chosen = st.selectbox(
        _("Show the items behind"),
        indicator["embargo_id"].to_list(),
        format_func=lambda embargo_id: embargoes.get(embargo_id, embargo_id),
        key=choice_key("trends_items_behind"),
    )
    behind = int(indicator.filter(indicator["embargo_id"] == chosen)["dated_lines"].sum())
    items = queries.fresh_supply_items(
        clearance, chosen, limit=SHOWN_ROWS, country=country, **period
    )
    if behind > items.height:
        st.caption(
            _(
                "The first {shown} are listed (fresh ones and the most recently made first); the "
                "CSV holds all {total}."
            ).format(shown=format_number(items.height), total=format_number(behind))
        )
    show_table(
        links.with_links(items, {"serial_number": ("serial", "serial_number")}).select(
            "made_after_embargo_start",
            "manufacture_year",
            "item_kind",
            "category",
            "manufacturer",
            "model",
            "calibre",
            "serial_number",
            "lot_number",
            "headstamp_factory",
            "country_of_manufacture",
            "event_date",
            "country_iso3",
            "reporting_entity",
            "source_document",
            "file_name",
            "source_row_number",
        ),
        hide_index=True,
        keep=("serial_number",),
        column_config={
            "serial_number": links.link_column(
                _("Serial"), _("Every sighting of this serial and its trace history")
            ),
            "made_after_embargo_start": st.column_config.CheckboxColumn(_("Fresh")),
            "manufacture_year": st.column_config.NumberColumn(_("Made"), format="%d"),
            "event_date": st.column_config.DateColumn(_("Documented")),
            "source_row_number": st.column_config.NumberColumn(_("Row in file"), format="%d"),
        },
    )
    # The full list is read only when asked for: at a million item lines one embargo has up
    # to 150,000 dated items, which the page must not send to the browser on every rerun.
    if st.toggle(_("Prepare all items behind the figure as CSV"), key="prepare_fresh_supply_csv"):
        audited_download_button(
            _("Download the items as CSV"),
            spreadsheet_safe_labelled_csv(
                queries.fresh_supply_items(clearance, chosen, country=country, **period), embargoes
            ),
            file_name=f"fresh_supply_items_{chosen}.csv",
        )
    st.caption(f"{_(SEIZURE_SOURCES)} {_(EMBARGO_SOURCE)}")

    # --- post-embargo items by country of manufacture (dashboard/filters.py's country) -------
    st.subheader(_("Post-embargo items by country of manufacture"))
    made_in = queries.fresh_supply_by_manufacture(clearance, chosen, country, **period)
    st.markdown(
        _(
            "Of the dated items behind the figure ({embargo}), per country of manufacture: how "
            "many were documented and how many were made after the embargo began."
        ).format(embargo=embargoes.get(chosen, chosen))
    )
    show_table(
        made_in,
        hide_index=True,
        column_config={
            "dated_lines": _("Dated items and lots"),
            "fresh_lines": _("Made after the start"),
            "fresh_share": st.column_config.NumberColumn(_("Share"), format="percent"),
            "latest_manufacture_year": st.column_config.NumberColumn(_("Latest year"), format="%d"),
        },
    )
    table_downloads(made_in, f"post-embargo-items-by-maker-country-{chosen}", "fresh_made_in")
    st.caption(f"{_(SEIZURE_SOURCES)} {_(EMBARGO_SOURCE)}")
