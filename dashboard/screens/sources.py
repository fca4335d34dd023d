"""Sources: where every figure comes from — the source registry, every file loaded with its
SHA-256 and counts, every rejected row with its reason, and what each column means."""

import streamlit as st

from dashboard import queries
from dashboard.common import synthetic_banner, viewer_clearance

clearance = viewer_clearance()

st.title("Sources")
synthetic_banner(clearance)

registry_tab, loads_tab, rejects_tab, columns_tab = st.tabs(
    ["Source registry", "Load log", "Rejects", "Column descriptions"]
)

with registry_tab:
    st.dataframe(
        queries.source_registry(clearance),
        hide_index=True,
        column_config={"is_synthetic": st.column_config.CheckboxColumn("Synthetic")},
    )
    st.caption("Every source the warehouse draws on, with its publisher, licence and coverage.")

with loads_tab:
    loads = queries.load_log(clearance)
    st.dataframe(
        loads.select(
            "file_name",
            "source_title",
            "target_table",
            "rows_read",
            "rows_loaded",
            "rows_rejected",
            "file_sha256",
            "file_size_bytes",
            "started_at",
            "finished_at",
            "load_id",
        ),
        hide_index=True,
        column_config={
            "file_name": "File",
            "source_title": "Source",
            "target_table": "Table",
            "rows_read": "Read",
            "rows_loaded": "Loaded",
            "rows_rejected": "Rejected",
            "file_sha256": "SHA-256",
            "file_size_bytes": "Bytes",
            "started_at": st.column_config.DatetimeColumn("Started (UTC)"),
            "finished_at": st.column_config.DatetimeColumn("Finished (UTC)"),
            "load_id": "Load id",
        },
    )
    st.caption("Every file loaded: rows read = rows loaded + rows rejected, for each file.")

with rejects_tab:
    rejected = queries.rejects(clearance)
    if rejected.is_empty():
        st.success("No row has been rejected: every row read was loaded.")
    else:
        st.dataframe(
            rejected,
            hide_index=True,
            column_config={
                "file_name": "File",
                "row_number": "Row",
                "column_name": "Column",
                "value": "Value",
                "reason": "Reason",
                "load_id": "Load id",
            },
        )
    st.caption("Rows refused by validation, with the line in the file (header = line 1).")

with columns_tab:
    described = queries.column_descriptions(clearance)
    objects = described.select("object_name", "object_type", "object_comment").unique(
        maintain_order=True
    )
    chosen = st.selectbox(
        "Table or view",
        options=objects["object_name"].to_list(),
        format_func=lambda name: name.replace("_", " "),
        key="sources_table",
    )
    about = objects.filter(objects["object_name"] == chosen).row(0, named=True)
    st.markdown(f"**{chosen}** ({about['object_type']}): {about['object_comment'] or ''}")
    st.dataframe(
        described.filter(described["object_name"] == chosen).select(
            "column_name", "data_type", "column_comment"
        ),
        hide_index=True,
        column_config={
            "column_name": "Column",
            "data_type": "Type",
            "column_comment": "Description",
        },
    )
    st.caption("Descriptions are stored in the database itself, so any DuckDB client shows them.")
