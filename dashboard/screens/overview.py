"""Overview: the key figures on a chosen date, the embargoes in force then, and what is loaded."""

import datetime as dt

import polars as pl
import streamlit as st

from dashboard import queries
from dashboard.briefing import in_force as in_force_page
from dashboard.common import (
    EMBARGO_SOURCE,
    audited_download_button,
    data_version_text,
    date_input_format,
    loaded_on,
    show_table,
    synthetic_banner,
    viewer_clearance,
)
from dashboard.downloads import table_downloads
from dashboard.embargo_status import CAVEATED, with_status_words
from embargo.classification import Classification
from embargo.i18n import _, format_date, format_number, language
from embargo.i18n.labels import value_label
from embargo.python_columns import python_mapped

clearance = viewer_clearance()

st.title(_("Overview"))
synthetic_banner(clearance)
st.markdown(
    _(
        "What was under a United Nations arms embargo, where, for whom, when, and with which "
        "exemptions: every figure below comes from Security Council resolutions, cited by symbol."
    )
)

as_of = st.columns([1, 3])[0].date_input(
    _("Figures as of"),
    value=dt.date.today(),
    min_value=dt.date(1963, 1, 1),
    max_value=dt.date.today(),
    help=_("Every figure and the list below describe this date."),
    format=date_input_format(),
    key="overview_date",
)

figures = queries.embargo_key_figures(clearance, as_of)
for column, figure in zip(st.columns(figures.height), figures.iter_rows(named=True), strict=True):
    column.metric(
        value_label("key_figure", figure["figure_id"]),
        format_number(figure["value"]),
        help=value_label("key_figure_definition", figure["figure_id"]),
    )
st.caption(
    _(EMBARGO_SOURCE)
    + " "
    + _("Reference table {loaded}.").format(
        loaded=loaded_on(clearance, "un_security_council_embargoes")
    )
)

st.subheader(_("Embargoes in force on {date}").format(date=format_date(as_of)))
in_force = with_status_words(queries.embargoes_in_force(clearance, as_of))
in_force_table = in_force.select(
    "short_name",
    "target_kind",
    "mandatory",
    "imposed_by",
    "start_date",
    "status_words",
    "caveat",
    "last_resolution_words",
    "exemption_type",
    "panel",
)
show_table(
    in_force_table,
    hide_index=True,
    height=35 * (in_force.height + 1) + 3,
    column_config={
        "mandatory": st.column_config.CheckboxColumn(_("Mandatory")),
        "start_date": st.column_config.DateColumn(_("Since")),
        "caveat": st.column_config.TextColumn(width="large"),
    },
)
table_downloads(
    in_force_table,
    f"embargoes-in-force-{as_of:%Y%m%d}",
    "overview_in_force",
    marking=Classification.PUBLIC,
)
if st.toggle(
    _("One-page summary of the embargoes in force (PDF, Markdown)"), key="download_in_force_page"
):
    rows = in_force_page.summary_rows(queries.embargoes_in_force(clearance, as_of))
    version = data_version_text(queries.data_version(clearance))
    left, right = st.columns(2)
    with left:
        audited_download_button(
            _("PDF"),
            in_force_page.pdf(rows, as_of, version),
            file_name=f"embargoes-in-force-{as_of:%Y%m%d}.pdf",
            mime="application/pdf",
            key="download_in_force_pdf",
        )
    with right:
        audited_download_button(
            _("Markdown"),
            in_force_page.markdown(rows, as_of, version),
            file_name=f"embargoes-in-force-{as_of:%Y%m%d}.md",
            mime="text/markdown",
            key="download_in_force_md",
        )
caveated = in_force.filter(pl.col("status_kind").is_in(CAVEATED))
if not caveated.is_empty():
    st.caption(
        _(
            "In force without caveat only where the reference table verified it: {count} of "
            "these are projected from the latest renewal found or contested (see Caveat)."
        ).format(count=caveated.height)
    )
st.caption(_(EMBARGO_SOURCE))
if language() != "en":
    st.caption(
        _(
            "The regime's name, scope, procedures and notes are quoted in English, as the "
            "reference table records them from the resolutions."
        )
    )

st.subheader(_("What is loaded"))
inventory = queries.data_inventory(clearance)
inventory = inventory.with_columns(python_mapped(inventory, "title", _, "title"))
show_table(
    inventory.select(
        "title",
        "publisher",
        "publisher_fr",  # the publisher in the reader's language (show_table)
        "target_table",
        "files_loaded",
        "rows_loaded",
        "rows_rejected",
        "last_loaded_at",
        "is_synthetic",
    ),
    hide_index=True,
    column_config={
        "last_loaded_at": st.column_config.DatetimeColumn(
            _("Last loaded (UTC)"), format="YYYY-MM-DD HH:mm"
        ),
        "is_synthetic": st.column_config.CheckboxColumn(_("Synthetic")),
    },
)
st.caption(
    _(
        "Source: the warehouse load log. The Sources page lists every file, its SHA-256 "
        "and its rejects."
    )
)
