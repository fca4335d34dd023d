"""Screening: registered deliveries screened against UN arms embargo windows, grouped by
embargo, verdict and reason with the resolutions cited, filterable and downloadable."""

import streamlit as st

from dashboard import charts, queries
from dashboard.chain_view import PARTY_LINK, party_link_column, with_party_link
from dashboard.choices import choice_key
from dashboard.common import (
    EMBARGO_SOURCE,
    deliveries_in_words,
    embargo_names,
    show_table,
    synthetic_banner,
    transfer_sources_caption,
    viewer_clearance,
)
from dashboard.downloads import table_downloads
from dashboard.kept_charts import show_kept_chart
from embargo.i18n import _, format_number
from embargo.i18n.labels import short_name, value_label

clearance = viewer_clearance()
SHOWN_ROWS = 2000

st.title(_("Screening"))
synthetic_banner(clearance)
st.markdown(
    _(
        "Each delivery to an embargo target (or from a target under an export ban) is compared "
        "with the period in which the embargo applied to that kind of recipient. **Violation "
        "indicator**: prohibited all year, no exemption route; **exemption check**: an exemption "
        "procedure could apply; **partial overlap**: the year straddles a start, end or change; "
        "**outside the window**: the measure did not apply. Indicators call for investigation, "
        "not conclusions."
    )
)

choices = queries.screening_embargo_choices(clearance)
if choices.is_empty():
    st.info(_("No delivery touches an embargo target. Load a register with `embargo ingest`."))
    st.stop()
names = embargo_names(clearance)
labels = {
    embargo_id: names.get(embargo_id, label)
    for embargo_id, label in zip(choices["embargo_id"], choices["label"], strict=True)
}
left, middle, right = st.columns([2, 2, 1])
embargo_ids = left.multiselect(
    _("Embargoes"),
    list(labels),
    format_func=lambda embargo_id: labels.get(embargo_id, embargo_id),
    placeholder=_("All embargoes"),
    key=choice_key("screening_embargoes"),
)
verdicts = middle.multiselect(
    _("Verdicts"),
    list(charts.VERDICT_COLOURS),
    format_func=lambda verdict: value_label("verdict", verdict),
    placeholder=_("All verdicts"),
    key=choice_key("screening_verdicts"),
)
years = right.slider(_("Delivery years"), 1950, 2030, (1950, 2030), key="screening_years")
filters = queries.ScreeningFilters(tuple(embargo_ids), tuple(verdicts), (), years[0], years[1])

summary = queries.screening_summary(clearance, filters)
st.subheader(_("By embargo, verdict and reason"))
show_table(
    summary.drop("embargo_short_name"),
    embargoes=names,
    hide_index=True,
    column_config={
        "first_year": st.column_config.NumberColumn(_("From"), format="%d"),
        "last_year": st.column_config.NumberColumn(_("To"), format="%d"),
        "example_reason": st.column_config.TextColumn(_("Example"), width="large"),
    },
)

st.subheader(_("Deliveries inside and outside the windows, over time"))
by_year = queries.screening_by_year(clearance, filters)
targets = sorted(by_year["embargo_short_name"].unique().to_list())
target = (
    st.selectbox(_("Target"), targets, format_func=short_name, key=choice_key("screening_target"))
    if targets
    else None
)
if target:
    show_kept_chart(
        charts.screening_over_time,
        by_year.filter(by_year["embargo_short_name"] == target),
        title=_("Screened deliveries by year: {embargo}").format(embargo=short_name(target)),
        source=transfer_sources_caption(clearance) + " " + _(EMBARGO_SOURCE),
        key="screening_over_time",
    )

total = queries.screening_delivery_count(clearance, filters)
lines = int(summary["register_lines"].sum()) if not summary.is_empty() else 0
shown = queries.screening_deliveries(clearance, filters, limit=SHOWN_ROWS)
st.subheader(_("Screened deliveries ({count})").format(count=format_number(total)))
st.caption(
    _(
        "Each delivery is counted once, with every register report of it: {lines} register "
        "lines report these {total} deliveries. Lines of different registers and reports match "
        "when they give the same supplier, recipient, year, category and weapon, with numbers "
        "at most 5 items or 25% apart."
    ).format(lines=format_number(lines), total=format_number(total))
)
if total > shown.height:
    st.caption(
        _("The {shown} most serious are listed; the CSV holds all {total}.").format(
            shown=format_number(shown.height), total=format_number(total)
        )
    )
show_table(
    deliveries_in_words(shown).drop("delivery_id", "embargo_start", "embargo_end"),
    embargoes=names,
    hide_index=True,
    column_config={
        "delivery_year": st.column_config.NumberColumn(format="%d"),
        "reported_by": st.column_config.TextColumn(width="large"),
    },
)
# The per-register view: every register line as its register gives it, one click away.
if st.toggle(_("Show each register's report"), key="screening_per_register"):
    per_register = queries.screening_rows(clearance, filters, limit=SHOWN_ROWS)
    st.caption(
        _(
            "{lines} register lines; the same delivery appears once per register that reports it."
        ).format(lines=format_number(lines))
    )
    show_table(
        per_register,
        embargoes=names,
        hide_index=True,
        column_config={"delivery_year": st.column_config.NumberColumn(format="%d")},
    )
# The full tables are read only when asked for: at a million deliveries they are hundreds of
# thousands of rows, which the page must not read and send on every rerun.
if st.toggle(_("Prepare the full screening for download"), key="prepare_screening_csv"):
    st.markdown(_("**Every screened delivery, with every register report of it**"))
    # Each full table is read only when a file of it is asked for (a click on its button).
    table_downloads(
        lambda: deliveries_in_words(queries.screening_deliveries(clearance, filters), clearance),
        "transfer_screening",
        "screening_deliveries",
        embargoes=names,
    )
    st.markdown(_("**Every register line**"))
    table_downloads(
        lambda: queries.screening_rows(clearance, filters),
        "transfer_screening_register_lines",
        "screening_lines",
        embargoes=names,
    )
listed = queries.listed_party_screening(clearance, filters)
st.subheader(_("Deliveries to listed parties") + f" ({listed.height:,})")
st.caption(
    _(
        "Deliveries to a party that a person has confirmed to be a party of the UN sanctions "
        "list (`embargo links confirm`), screened under its regime from its own listing date; "
        "the reference number is in the reason and the citation. Candidates nobody has "
        "confirmed never count."
    )
)
if not listed.is_empty():
    show_table(
        with_party_link(listed, "reference_number"),
        hide_index=True,
        keep=(PARTY_LINK,),
        column_config={PARTY_LINK: party_link_column()},
    )
st.caption(f"{_(EMBARGO_SOURCE)} {transfer_sources_caption(clearance)}")
