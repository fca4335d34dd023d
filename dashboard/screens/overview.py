"""Overview: the key figures on a chosen date, the embargoes in force then, and what is loaded."""

import datetime as dt

import polars as pl
import streamlit as st

from dashboard import charts, queries
from dashboard.common import EMBARGO_SOURCE, loaded_on, synthetic_banner, viewer_clearance

clearance = viewer_clearance()

st.title("Overview")
synthetic_banner(clearance)
st.markdown(
    "What was under a United Nations arms embargo, where, for whom, when, and with which "
    "exemptions: every figure below comes from Security Council resolutions, cited by symbol."
)

as_of = st.columns([1, 3])[0].date_input(
    "Figures as of",
    value=dt.date.today(),
    min_value=dt.date(1963, 1, 1),
    max_value=dt.date.today(),
    help="Every figure and the list below describe this date.",
    key="overview_date",
)

figures = queries.embargo_key_figures(clearance, as_of)
for column, figure in zip(st.columns(figures.height), figures.iter_rows(named=True), strict=True):
    column.metric(figure["label"], f"{figure['value']:,}", help=figure["definition"])
st.caption(
    f"{EMBARGO_SOURCE} Reference table {loaded_on(clearance, 'un_security_council_embargoes')}."
)

st.subheader(f"Embargoes in force on {as_of:%d %B %Y}")
in_force = queries.embargoes_in_force(clearance, as_of).with_columns(
    pl.col("target_kind").replace(charts.TARGET_KIND_LABELS)
)
st.dataframe(
    in_force.select(
        "short_name",
        "target_kind",
        "mandatory",
        "imposed_by",
        "start_date",
        "status_projected",
        "exemption_type",
        "panel",
    ),
    hide_index=True,
    height=35 * (in_force.height + 1) + 3,
    column_config={
        "short_name": "Target",
        "target_kind": "Kind of target",
        "mandatory": st.column_config.CheckboxColumn("Mandatory"),
        "imposed_by": "Imposed by",
        "start_date": st.column_config.DateColumn("Since"),
        "status_projected": st.column_config.CheckboxColumn(
            "Projected", help="In force projected from the latest renewal found, not confirmed."
        ),
        "exemption_type": "Exemption procedures",
        "panel": "Panel or group of experts",
    },
)
st.caption(EMBARGO_SOURCE)

st.subheader("What is loaded")
inventory = queries.data_inventory(clearance)
st.dataframe(
    inventory.select(
        "title",
        "publisher",
        "target_table",
        "files_loaded",
        "rows_loaded",
        "rows_rejected",
        "last_loaded_at",
        "is_synthetic",
    ),
    hide_index=True,
    column_config={
        "title": "Source",
        "publisher": "Publisher",
        "target_table": "Table",
        "files_loaded": "Files",
        "rows_loaded": "Rows loaded",
        "rows_rejected": "Rows rejected",
        "last_loaded_at": st.column_config.DatetimeColumn(
            "Last loaded (UTC)", format="YYYY-MM-DD HH:mm"
        ),
        "is_synthetic": st.column_config.CheckboxColumn("Synthetic"),
    },
)
st.caption(
    "Source: the warehouse load log. The Sources page lists every file, its SHA-256 "
    "and its rejects."
)
