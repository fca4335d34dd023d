"""Sources: where every figure comes from — the source registry, every file loaded with its
SHA-256 and counts, every rejected row with its reason, and what each column means."""

import streamlit as st

from dashboard import queries
from dashboard.common import show_table, synthetic_banner, viewer_clearance
from embargo.i18n import _
from embargo.i18n.labels import value_label

clearance = viewer_clearance()

st.title(_("Sources"))
synthetic_banner(clearance)

registry_tab, loads_tab, rejects_tab, columns_tab = st.tabs(
    [_("Source registry"), _("Load log"), _("Rejects"), _("Column descriptions")]
)

with registry_tab:
    show_table(
        # The title names the source; its id is the warehouse's key for it.
        queries.source_registry(clearance).drop("source_id"),
        hide_index=True,
        column_config={"is_synthetic": st.column_config.CheckboxColumn(_("Synthetic"))},
    )
    st.caption(_("Every source the warehouse draws on, with its publisher, licence and coverage."))

with loads_tab:
    loads = queries.load_log(clearance)
    show_table(
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
            "file_name": _("File"),
            "source_title": _("Source"),
            "target_table": _("Table"),
            "rows_read": _("Read"),
            "rows_loaded": _("Loaded"),
            "rows_rejected": _("Rejected"),
            "file_sha256": _("SHA-256"),
            "file_size_bytes": _("Bytes"),
            "started_at": st.column_config.DatetimeColumn(_("Started (UTC)")),
            "finished_at": st.column_config.DatetimeColumn(_("Finished (UTC)")),
            "load_id": _("Load id"),
        },
    )
    st.caption(_("Every file loaded: rows read = rows loaded + rows rejected, for each file."))

with rejects_tab:
    rejected = queries.rejects(clearance)
    if rejected.is_empty():
        st.success(_("No row has been rejected: every row read was loaded."))
    else:
        show_table(
            rejected,
            hide_index=True,
            column_config={
                "file_name": _("File"),
                "row_number": _("Row"),
                "column_name": _("Column"),
                "value": _("Value"),
                "reason": _("Reason"),
                "load_id": _("Load id"),
            },
        )
    st.caption(_("Rows refused by validation, with the line in the file (header = line 1)."))

with columns_tab:
    described = queries.column_descriptions(clearance)
    objects = described.select("object_name", "object_type", "object_comment").unique(
        maintain_order=True
    )
    chosen = st.selectbox(
        _("Table or view"),
        options=objects["object_name"].to_list(),
        # Table names are what a DuckDB client uses: shown as they are, with their description.
        format_func=str,
        key="sources_table",
    )
    about = objects.filter(objects["object_name"] == chosen).row(0, named=True)
    st.markdown(
        f"**{chosen}** ({value_label('object_type', about['object_type'])}): "
        f"{about['object_comment'] or ''}"
    )
    show_table(
        described.filter(described["object_name"] == chosen).select(
            "column_name", "data_type", "column_comment"
        ),
        hide_index=True,
        column_config={
            "column_name": _("Column"),
            "data_type": _("Type"),
            "column_comment": _("Description"),
        },
    )
    st.caption(
        _("Descriptions are stored in the database itself, so any DuckDB client shows them.")
    )
