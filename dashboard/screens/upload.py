"""Upload: analysts and administrators load data files through the same ingest as
`embargo ingest` and see what was loaded and what was rejected, row by row."""

import polars as pl
import streamlit as st

from dashboard import queries
from dashboard.choices import choice_key
from dashboard.common import audited_download_button, show_table, signed_in_viewer
from embargo import audit
from embargo.config import warehouse_path
from embargo.i18n import N_, _, format_number
from embargo.i18n.labels import value_label
from ingest.formats import available_formats
from ingest.kit.loads import Loader
from ingest.templates import spreadsheet_safe_template, template_formats
from ingest.uploads import EXTENSIONS, Upload, load_uploads, max_upload_bytes

viewer = signed_in_viewer()
st.title(_("Upload"))
if not viewer.can_upload:
    st.error(_("Uploading data needs the analyst or admin role."))
    st.stop()

st.markdown(
    _(
        "Load files in any supported format (transfer registers, seizure documentation, tracing "
        "requests, exemption notifications; see the input formats). Each file goes through the "
        "same checks as `embargo ingest`: bad rows are kept as rejects with their reason, good "
        "rows load, and the same file is never loaded twice. A load is committed whole or not at "
        "all (a new warehouse file, or a new snapshot of a shared catalog): pages show nothing of "
        "it until it is complete, then all of it."
    )
)
st.caption(
    _("Accepted: {extensions}, at most {megabytes} MB per file.").format(
        extensions=", ".join(EXTENSIONS), megabytes=format_number(max_upload_bytes() / 1e6)
    )
)

with st.expander(_("Templates to fill in")):
    st.markdown(
        _(
            "An Excel template per format: the format's columns as the header (required ones in "
            "bold), a comment on each saying what it holds, and a drop-down list of the accepted "
            "values where the column has a vocabulary. Filled in, it loads here as it is."
        )
    )
    template_format = st.selectbox(
        _("Template of the format"),
        template_formats(),
        format_func=lambda name: value_label("file_format", name),
        key=choice_key("upload_template_format"),
    )
    audited_download_button(
        _("Download the template"),
        spreadsheet_safe_template(template_format),
        file_name=f"{template_format}-template.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="upload_template_download",
    )

DETECT = N_("Recognise from the header")
format_name = st.selectbox(
    _("Format"),
    [DETECT, *available_formats()],
    format_func=lambda name: _(DETECT) if name == DETECT else value_label("file_format", name),
    key=choice_key("upload_format"),
)
# A new uploader key after each load empties the file list for the next upload.
round_number = st.session_state.setdefault("upload_round", 0)
files = st.file_uploader(
    _("Files"),
    type=[extension.lstrip(".") for extension in EXTENSIONS],
    accept_multiple_files=True,
    key=f"upload_files_{round_number}",
)

if st.button(_("Load the files"), type="primary", disabled=not files, key="upload_load"):
    with st.spinner(_("Loading...")):
        results = load_uploads(
            warehouse_path(),
            [Upload(file.name, file.getvalue()) for file in files],
            None if format_name == DETECT else format_name,
            viewer.clearance,
            loaded_by=Loader(viewer.user_name, viewer.clearance),
        )
    for result in results:
        report = result.report
        if result.status in ("loaded", "already_loaded"):
            audit.record(
                viewer.user_name,
                "upload",
                result.safe_name,
                {
                    "sha256": result.sha256,
                    "size_bytes": result.size_bytes,
                    "format": report.format,
                    "status": report.status,
                    "load_id": report.load_id,
                    "rows_read": report.rows_read,
                    "rows_loaded": report.rows_loaded,
                    "rows_rejected": report.rows_rejected,
                },
            )
        else:
            audit.record(
                viewer.user_name,
                "upload_refused",
                result.safe_name,
                {
                    "sha256": result.sha256,
                    "size_bytes": result.size_bytes,
                    "reason": result.refusal,
                },
            )
    st.session_state["upload_results"] = results
    st.session_state["upload_round"] = round_number + 1
    st.rerun()

results = st.session_state.get("upload_results")
if not results:
    st.stop()

st.subheader(_("What was loaded"))
show_table(
    pl.DataFrame(
        {
            "file_name": [r.safe_name for r in results],
            "status": [value_label("upload_status", r.status) for r in results],
            "file_format": [r.report.format if r.report else None for r in results],
            "rows_read": [r.report.rows_read if r.report else 0 for r in results],
            "rows_loaded": [r.report.rows_loaded if r.report else 0 for r in results],
            "rows_rejected": [r.report.rows_rejected if r.report else 0 for r in results],
            "load_id": [r.report.load_id if r.report else None for r in results],
            "message": [r.refusal or (r.report.message if r.report else "") for r in results],
            "sha256": [r.sha256 for r in results],
        }
    ),
    hide_index=True,
    column_config={
        "file_name": _("File"),
        "status": _("Status"),
        "file_format": _("Format"),
        "rows_read": _("Rows read"),
        "rows_loaded": _("Loaded"),
        "rows_rejected": _("Rejected"),
        "load_id": _("Load"),
        "message": st.column_config.TextColumn(_("Why"), width="large"),
        "sha256": _("SHA-256"),
    },
)
for result in results:
    if result.status == "refused":
        st.error(
            _("**{file}** was not loaded: {reason}").format(
                file=result.safe_name, reason=result.refusal
            )
        )
    elif result.status == "already_loaded":
        st.info(f"**{result.safe_name}**: {result.report.message}")
    elif result.report.rows_rejected:
        st.warning(
            _("**{file}**: {loaded} rows loaded, {rejected} rejected (listed below).").format(
                file=result.safe_name,
                loaded=format_number(result.report.rows_loaded),
                rejected=format_number(result.report.rows_rejected),
            )
        )
    else:
        st.success(
            _("**{file}**: all {loaded} rows loaded.").format(
                file=result.safe_name, loaded=format_number(result.report.rows_loaded)
            )
        )
    # Loaded, but worth a look (an admin-1 name the maps do not know): never a reject.
    for warning in result.report.warnings if result.report else ():
        st.warning(warning)

load_ids = [r.report.load_id for r in results if r.status == "loaded"]
if load_ids:
    rejected = queries.load_report(viewer.clearance, load_ids)["rejects"]
    if not rejected.is_empty():
        st.subheader(
            _("Rejected rows ({count} problems)").format(count=format_number(rejected.height))
        )
        show_table(
            rejected.drop("load_id"),
            hide_index=True,
            column_config={
                "file_name": _("File"),
                "row_number": st.column_config.NumberColumn(_("Row"), format="%d"),
                "column_name": _("Column"),
                "value": _("Value"),
                "reason": st.column_config.TextColumn(_("Reason"), width="large"),
            },
        )
st.caption(
    _(
        "Rows are numbered as in the file, the header being row 1. Every load and its rejects stay "
        "listed on the Sources page."
    )
)
