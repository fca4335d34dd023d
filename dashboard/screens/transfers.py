"""Transfers: registered deliveries from every loaded register, filtered, totalled over time,
and listed with their provenance (file and row)."""

import streamlit as st

from dashboard import charts, queries
from dashboard.brokering_view import show_brokering
from dashboard.choices import choice_key
from dashboard.common import (
    embargo_names,
    register_reporting_grid,
    show_table,
    synthetic_banner,
    transfer_filter_controls,
    transfer_sources_caption,
    viewer_clearance,
)
from dashboard.downloads import table_downloads
from dashboard.kept_charts import show_kept_chart
from embargo.i18n import _, country_name, format_number
from embargo.i18n.labels import value_label

clearance = viewer_clearance()

st.title(_("Transfers"))
synthetic_banner(clearance)

filters = transfer_filter_controls(clearance, key="transfers")
measure = st.radio(
    _("Measure"),
    list(charts.MEASURES),
    format_func=lambda measure: _(charts.MEASURES[measure]),
    horizontal=True,
    key=choice_key("transfers_measure"),
)

total = queries.transfers_count(clearance, filters)
if total == 0:
    st.info(_("No transfer matches these filters. Load a register with `embargo ingest`."))
    st.stop()

deliveries = queries.deliveries_count(clearance, filters)
st.subheader(_("Deliveries over time"))
st.caption(
    _(
        "{deliveries} distinct deliveries: a delivery that several registers (or both the "
        "exporter and the importer) report counts once. The records below are the {lines} "
        "register lines, each with the delivery it reports."
    ).format(deliveries=format_number(deliveries), lines=format_number(total))
)
show_kept_chart(
    charts.transfers_over_time,
    queries.transfer_totals_by_year(clearance, filters),
    measure,
    title=_("Registered transfers by year"),
    source=transfer_sources_caption(clearance),
    key="transfers_over_time",
)
st.caption(
    transfer_sources_caption(clearance)
    + " "
    + _(
        "TIV (trend-indicator value) is SIPRI's measure of the volume of transfers, not a "
        "financial value; UN Register and ATT lines carry items and currencies instead."
    )
)

if len(filters.recipient_codes) == 1:
    (recipient,) = filters.recipient_codes
    st.subheader(
        _("What each register says about imports to {country}, year by year").format(
            country=country_name(recipient)
        )
    )
    grid = register_reporting_grid(
        queries.register_reporting(clearance, recipient, filters.year_from, filters.year_to)
    )
    st.dataframe(grid, hide_index=True, key="transfers_register_reporting")
    st.caption(
        _(
            'Distinct deliveries per register and year. "—": the register did not cover the '
            "year (the UN Register before 1992, ATT reports before 2015; before the state "
            "existed) or the State filed no report and no other State reported a delivery to it "
            '— unknown, never zero. "0 (nil)": the State filed a nil report. "!": a '
            "delivery dated when the state did not exist (a data problem)."
        )
    )

st.subheader(_("Records ({count})").format(count=format_number(total)))
table = queries.transfers_table(clearance, filters)
if total > table.height:
    st.caption(
        _("Showing the {shown} most recent of {total} records.").format(
            shown=format_number(table.height), total=format_number(total)
        )
    )
show_table(
    table.drop("supplier_name", "recipient_name", strict=False),
    hide_index=True,
    column_config={
        "transfer_id": _("Transfer"),
        "delivery_id": _("Delivery"),
        "source_id": _("Source"),
        "supplier_iso3": _("Supplier"),
        "recipient_iso3": _("Recipient"),
        "recipient_actor_type": _("Recipient type"),
        "category": _("Category"),
        "designation": _("Designation"),
        "description": _("Description"),
        "order_year": st.column_config.NumberColumn(_("Ordered"), format="%d"),
        "delivery_year": st.column_config.NumberColumn(_("Delivered"), format="%d"),
        "quantity": _("Quantity"),
        "value": _("Value"),
        "value_unit": _("Unit"),
        "status": _("Status"),
        "file_name": _("File"),
        "source_row_number": st.column_config.NumberColumn(_("Row in file"), format="%d"),
        "load_id": _("Load"),
    },
)
table_downloads(
    table.drop("supplier_name", "recipient_name", strict=False), "transfers", "transfers"
)
st.caption(
    _("Every record names the file and line it came from; the Sources page lists the loads.")
)

st.subheader(_("Mirror check: exporter against importer reports"))
mirror = queries.register_mirror(clearance, filters)
if mirror.is_empty():
    st.info(_("No UN Register or ATT report matches these filters."))
else:
    statuses = st.multiselect(
        _("Status"),
        ["mismatch", "exporter_only", "importer_only", "not_comparable", "match"],
        default=["mismatch", "exporter_only", "importer_only"],
        format_func=lambda status: value_label("status", status),
        key=choice_key("transfers_status"),
    )
    shown = mirror.filter(mirror["status"].is_in(statuses))
    show_table(
        shown.select(
            "source_id",
            "basis",
            "supplier_iso3",
            "recipient_iso3",
            "year",
            "category",
            "exporter_reported_items",
            "importer_reported_items",
            "discrepancy_items",
            "status",
            "other_side_reported",
            "exporter_files",
            "importer_files",
        ),
        hide_index=True,
        column_config={
            "source_id": _("Source"),
            "basis": _("ATT basis"),
            "supplier_iso3": _("Exporter"),
            "recipient_iso3": _("Importer"),
            "year": st.column_config.NumberColumn(_("Year"), format="%d"),
            "category": _("Category"),
            "exporter_reported_items": _("Exporter reported"),
            "importer_reported_items": _("Importer reported"),
            "discrepancy_items": _("Difference"),
            "status": _("Status"),
            "other_side_reported": st.column_config.CheckboxColumn(
                _("Other side filed a report"),
                help=_("Whether the other State filed a report for that flow and year at all"),
            ),
            "exporter_files": _("Exporter report file"),
            "importer_files": _("Importer report file"),
        },
    )
    counts = mirror.group_by("status").len().sort("status")
    st.caption(
        _("Same pair, year and category as reported by each side.")
        + " "
        + "; ".join(
            f"{value_label('status', row['status'])}: {format_number(row['len'])}"
            for row in counts.iter_rows(named=True)
        )
        + ". "
        + _(
            "Discrepancies are common in the real registers (different definitions, timing, "
            "reporting gaps) and are leads, not findings."
        )
    )

# Brokering licences for the one recipient chosen, or for every destination.
show_brokering(
    clearance,
    filters.recipient_codes[0] if len(filters.recipient_codes) == 1 else None,
    embargo_names(clearance),
    key="transfers",
)
