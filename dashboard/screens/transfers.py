"""Transfers: registered deliveries from every loaded register, filtered, totalled over time,
and listed with their provenance (file and row)."""

import streamlit as st

from dashboard import charts, queries
from dashboard.common import (
    synthetic_banner,
    transfer_filter_controls,
    transfer_sources_caption,
    viewer_clearance,
)

clearance = viewer_clearance()

st.title("Transfers")
synthetic_banner(clearance)

filters = transfer_filter_controls(clearance, key="transfers")
measure = st.radio(
    "Measure", list(charts.MEASURES), format_func=charts.MEASURES.get, horizontal=True
)

total = queries.transfers_count(clearance, filters)
if total == 0:
    st.info("No transfer matches these filters. Load a register with `embargo ingest`.")
    st.stop()

st.subheader("Deliveries over time")
st.plotly_chart(
    charts.transfers_over_time(queries.transfer_totals_by_year(clearance, filters), measure),
    key="transfers_over_time",
)
st.caption(
    f"{transfer_sources_caption(clearance)} TIV (trend-indicator value) is SIPRI's measure of "
    "the volume of transfers, not a financial value; UN Register and ATT lines carry items and "
    "currencies instead."
)

st.subheader(f"Records ({total:,})")
table = queries.transfers_table(clearance, filters)
if total > table.height:
    st.caption(f"Showing the {table.height:,} most recent of {total:,} records.")
st.dataframe(
    table,
    hide_index=True,
    column_config={
        "transfer_id": "Transfer",
        "source_id": "Source",
        "supplier_name": "Supplier",
        "supplier_iso3": "Supplier code",
        "recipient_name": "Recipient",
        "recipient_iso3": "Recipient code",
        "recipient_actor_type": "Recipient type",
        "category": "Category",
        "designation": "Designation",
        "description": "Description",
        "order_year": st.column_config.NumberColumn("Ordered", format="%d"),
        "delivery_year": st.column_config.NumberColumn("Delivered", format="%d"),
        "quantity": "Quantity",
        "value": "Value",
        "value_unit": "Unit",
        "status": "Status",
        "file_name": "File",
        "source_row_number": st.column_config.NumberColumn("Row in file", format="%d"),
        "load_id": "Load",
    },
)
st.caption("Every record names the file and line it came from; the Sources page lists the loads.")

st.subheader("Mirror check: exporter against importer reports")
mirror = queries.register_mirror(clearance, filters)
if mirror.is_empty():
    st.info("No UN Register or ATT report matches these filters.")
else:
    statuses = st.multiselect(
        "Status",
        ["mismatch", "exporter_only", "importer_only", "not_comparable", "match"],
        default=["mismatch", "exporter_only", "importer_only"],
        key="transfers_status",
    )
    shown = mirror.filter(mirror["status"].is_in(statuses))
    st.dataframe(
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
            "source_id": "Source",
            "basis": "ATT basis",
            "supplier_iso3": "Exporter",
            "recipient_iso3": "Importer",
            "year": st.column_config.NumberColumn("Year", format="%d"),
            "category": "Category",
            "exporter_reported_items": "Exporter reported",
            "importer_reported_items": "Importer reported",
            "discrepancy_items": "Difference",
            "status": "Status",
            "other_side_reported": st.column_config.CheckboxColumn(
                "Other side filed a report",
                help="Whether the other State filed a report for that flow and year at all",
            ),
            "exporter_files": "Exporter report file",
            "importer_files": "Importer report file",
        },
    )
    counts = mirror.group_by("status").len().sort("status")
    st.caption(
        "Same pair, year and category as reported by each side. "
        + "; ".join(f"{row['status']}: {row['len']:,}" for row in counts.iter_rows(named=True))
        + ". Discrepancies are common in the real registers (different definitions, timing, "
        "reporting gaps) and are leads, not findings."
    )
