"""Tables taken away: any table of a page as CSV (UTF-8 with a byte-order mark, so spreadsheets
read the accents, and formula-safe) or XLSX (text cells stored as text, never as formulas), in
the reader's words, each file carrying the classification marking of the most sensitive data in
it, the data version it was read from and, when synthetic demo data are loaded, the note that
they are not facts. The files go through the audited download button (dashboard.common), which
the server's guard serves to the preparing session only and records in the audit trail."""

from __future__ import annotations

import csv
import io

import polars as pl
import streamlit as st

from dashboard import queries
from dashboard.common import (
    audited_download_button,
    data_version_text,
    viewer_clearance,
)
from embargo.classification import Classification
from embargo.i18n import _, labels
from embargo.spreadsheet import neutralized

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"


def marking_of(frame: pl.DataFrame, default: Classification) -> Classification:
    """The classification a file of the frame carries: the most sensitive of its rows when it
    has a classification column, else `default` (the level the page read at)."""
    if "classification" in frame.columns and frame.height:
        return max(Classification.parse(value) for value in frame["classification"].drop_nulls())
    return default


def file_notes(marking: Classification) -> list[str]:
    """The lines every downloaded table starts with: marking, data version, synthetic note."""
    clearance = viewer_clearance()
    notes = [
        labels.value_label("classification", marking.label).upper(),
        _("Data: {version}.").format(version=data_version_text(queries.data_version(clearance))),
    ]
    titles = queries.synthetic_sources_loaded(clearance)
    if titles:
        notes.append(
            _(
                "Includes synthetic demo data ({titles}): invented records, not facts, never "
                "to be cited."
            ).format(titles="; ".join(_(title) for title in titles))
        )
    return notes


def spreadsheet_safe_marked_csv(
    frame: pl.DataFrame, marking: Classification, embargoes: dict[str, str] | None = None
) -> str:
    """The table as CSV in the reader's words: UTF-8 with a byte-order mark, the marking, data
    version and synthetic note as the first lines, a blank line, the table, and the marking
    again as the last line; every text cell a spreadsheet would run prefixed by an apostrophe."""
    shown = labels.labelled_frame(frame, embargoes)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    notes = file_notes(marking)
    for note in notes:
        writer.writerow([neutralized(note)])
    writer.writerow([])
    writer.writerow([neutralized(column) for column in shown.columns])
    for row in shown.iter_rows():
        writer.writerow(["" if cell is None else neutralized(cell) for cell in row])
    writer.writerow([])
    writer.writerow([notes[0]])
    return BOM + out.getvalue()


def spreadsheet_safe_marked_xlsx(
    frame: pl.DataFrame, marking: Classification, embargoes: dict[str, str] | None = None
) -> bytes:
    """The table as an XLSX workbook in the reader's words: the marking, data version and
    synthetic note above the table and the marking in every printed page's header and footer;
    text cells are stored as text, so nothing in them runs as a formula."""
    from openpyxl import Workbook

    shown = labels.labelled_frame(frame, embargoes)
    notes = file_notes(marking)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Data")[:31]
    rows = [[note] for note in notes] + [[]] + [list(shown.columns)]
    rows += [list(row) for row in shown.iter_rows()]
    for row in rows:
        sheet.append([None if cell is None else cell for cell in row])
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
    sheet.oddHeader.center.text = notes[0]
    sheet.oddFooter.center.text = notes[0]
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def table_downloads(
    frame: pl.DataFrame,
    name: str,
    key: str,
    embargoes: dict[str, str] | None = None,
    marking: Classification | None = None,
) -> None:
    """A toggle under a table that, when on, offers it as CSV and XLSX (prepared only when
    asked: a page must not build every file on every rerun)."""
    if not st.toggle(_("Download this table (CSV, XLSX)"), key=f"download_{key}"):
        return
    level = marking or marking_of(frame, viewer_clearance())
    left, right = st.columns(2)
    with left:
        audited_download_button(
            _("CSV"),
            spreadsheet_safe_marked_csv(frame, level, embargoes),
            file_name=f"{name}.csv",
            key=f"download_{key}_csv",
        )
    with right:
        audited_download_button(
            _("XLSX"),
            spreadsheet_safe_marked_xlsx(frame, level, embargoes),
            file_name=f"{name}.xlsx",
            mime=XLSX_MIME,
            key=f"download_{key}_xlsx",
        )
