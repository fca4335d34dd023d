"""Tables taken away: any table of a page as CSV (UTF-8 with a byte-order mark, so spreadsheets
read the accents, and formula-safe) or XLSX (text cells stored as text, never as formulas), in
the reader's words, each file carrying the classification marking of the most sensitive data in
it, the data version it was read from and, when synthetic demo data are loaded, the note that
they are not facts. The files go through the audited download button (dashboard.common), which
the server's guard serves to the preparing session only and records in the audit trail."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import polars as pl
import streamlit as st

from dashboard import queries
from dashboard.common import (
    audited_download_button,
    data_version_text,
    viewer_clearance,
)
from dashboard.downloads_xlsx import write_xlsx
from embargo.classification import Classification
from embargo.i18n import _, labels
from embargo.spreadsheet import FORMULA_START, neutralized

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"


def marking_of(frame: pl.DataFrame, default: Classification) -> Classification:
    """The classification a file of the frame carries: the most sensitive of its rows when it
    has a classification column, else `default` (the level the page read at)."""
    if "classification" in frame.columns and frame.height:
        return max(Classification.parse(value) for value in frame["classification"].drop_nulls())
    return default


def file_notes(marking: Classification, clearance: Classification | None = None) -> list[str]:
    """The lines every downloaded table starts with: marking, data version, synthetic note, as
    the viewer (of `clearance`, by default the page's viewer) may read them."""
    clearance = clearance or viewer_clearance()
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
    frame: pl.DataFrame,
    marking: Classification,
    embargoes: dict[str, str] | None = None,
    clearance: Classification | None = None,
) -> bytes:
    """The table as CSV in the reader's words: UTF-8 with a byte-order mark, the marking, data
    version and synthetic note as the first lines, a blank line, the table, and the marking
    again as the last line; every text cell a spreadsheet would run prefixed by an apostrophe.
    The file's bytes, as the server sends them (no Python text of a large table made, encoded
    and hashed again)."""
    shown = labels.labelled_frame(frame, embargoes)
    notes = file_notes(marking, clearance)
    head = io.StringIO(newline="")
    writer = csv.writer(head, lineterminator="\r\n")
    for note in notes:
        writer.writerow([neutralized(note)])
    writer.writerow([])
    writer.writerow([neutralized(column) for column in shown.columns])
    if shown.width > 1:
        body = csv_body(shown)
    else:  # one column: the csv module writes an empty cell as "" (a line of its own)
        for row in shown.iter_rows():
            writer.writerow(["" if cell is None else neutralized(cell) for cell in row])
        body = b""
    tail = io.StringIO(newline="")
    ending = csv.writer(tail, lineterminator="\r\n")
    ending.writerow([])
    ending.writerow([notes[0]])
    return b"".join([(BOM + head.getvalue()).encode(), body, tail.getvalue().encode()])


def csv_body(shown: pl.DataFrame) -> bytes:
    """The rows of a frame of two or more columns as the csv module writes them (minimal
    quoting, CRLF, every cell as str() gives it, text cells neutralized), in UTF-8, written
    column-wise by polars: a 300,000-row screening is a fraction of a second instead of seconds
    of a Python loop over six million cells."""
    texts = []
    for name, dtype in shown.schema.items():
        column = shown[name]
        if dtype == pl.String:
            # An empty text is written as nothing, like a missing value (polars would quote it).
            texts.append(
                pl.when(pl.col(name).str.contains(FORMULA_START.pattern))
                .then(pl.lit("'") + pl.col(name))
                .otherwise(pl.col(name))
                .replace("", None)
                .alias(name)
            )
        elif dtype.is_integer() or dtype == pl.Date:
            texts.append(pl.col(name).cast(pl.String))
        elif dtype == pl.Boolean:
            texts.append(
                pl.when(pl.col(name))
                .then(pl.lit("True"))
                .when(~pl.col(name))
                .then(pl.lit("False"))
                .alias(name)
            )
        elif dtype.is_float():
            # polars writes a float as Python does except very small, very large or not finite
            # ones (0.00001 for 1e-05): those few take Python's text.
            magnitude = column.abs()
            odd = column.is_not_null() & (
                ~column.is_finite() | ((magnitude < 1e-4) & (column != 0)) | (magnitude >= 1e15)
            )
            text = column.cast(pl.String)
            if odd.any():
                text = text.scatter(odd.arg_true(), [str(value) for value in column.filter(odd)])
            texts.append(pl.lit(text).alias(name))
        else:  # datetimes and the rest: the text Python gives them
            texts.append(
                pl.Series(
                    name, [None if value is None else str(value) for value in column], pl.String
                )
            )
    out = io.BytesIO()
    shown.select(texts).write_csv(
        out, include_header=False, line_terminator="\r\n", quote_style="necessary"
    )
    return out.getvalue()


def spreadsheet_safe_marked_xlsx(
    frame: pl.DataFrame,
    marking: Classification,
    embargoes: dict[str, str] | None = None,
    clearance: Classification | None = None,
) -> bytes:
    """The table as an XLSX workbook in the reader's words: the marking, data version and
    synthetic note above the table and the marking in every printed page's header and footer;
    text cells are stored as text, so nothing in them runs as a formula (written column-wise:
    dashboard.downloads_xlsx)."""
    shown = labels.labelled_frame(frame, embargoes)
    notes = file_notes(marking, clearance)
    out = io.BytesIO()
    lines_above = [*([note] for note in notes), [], list(shown.columns)]
    write_xlsx(out, shown, lines_above, _("Data")[:31], notes[0])
    return out.getvalue()


def _when_clicked(
    write: Callable[..., bytes],
    frame: pl.DataFrame | Callable[[], pl.DataFrame],
    clearance: Classification,
    embargoes: dict[str, str] | None,
    marking: Classification | None,
) -> Callable[[], bytes]:
    """The function that makes the table's file with `write` when its button is clicked;
    `frame` may be the function that reads the table."""

    def make() -> bytes:
        table = frame() if callable(frame) else frame
        level = marking or marking_of(table, clearance)
        return write(table, level, embargoes, clearance)

    return make


def spreadsheet_safe_csv_when_clicked(
    frame: pl.DataFrame | Callable[[], pl.DataFrame],
    clearance: Classification,
    embargoes: dict[str, str] | None = None,
    marking: Classification | None = None,
) -> Callable[[], bytes]:
    """The table's CSV file (spreadsheet_safe_marked_csv), made when its button is clicked."""
    return _when_clicked(spreadsheet_safe_marked_csv, frame, clearance, embargoes, marking)


def spreadsheet_safe_xlsx_when_clicked(
    frame: pl.DataFrame | Callable[[], pl.DataFrame],
    clearance: Classification,
    embargoes: dict[str, str] | None = None,
    marking: Classification | None = None,
) -> Callable[[], bytes]:
    """The table's XLSX workbook (spreadsheet_safe_marked_xlsx), made when its button is
    clicked."""
    return _when_clicked(spreadsheet_safe_marked_xlsx, frame, clearance, embargoes, marking)


def table_downloads(
    frame: pl.DataFrame | Callable[[], pl.DataFrame],
    name: str,
    key: str,
    embargoes: dict[str, str] | None = None,
    marking: Classification | None = None,
) -> None:
    """A toggle under a table that, when on, offers it as CSV and XLSX, each file made only
    when its button is clicked (a page must not build every file on every rerun); `frame` may
    be the function that reads the table (a full result read only for a file)."""
    if not st.toggle(_("Download this table (CSV, XLSX)"), key=f"download_{key}"):
        return
    clearance = viewer_clearance()
    left, right = st.columns(2)
    with left:
        audited_download_button(
            _("CSV"),
            spreadsheet_safe_csv_when_clicked(frame, clearance, embargoes, marking),
            file_name=f"{name}.csv",
            key=f"download_{key}_csv",
        )
    with right:
        audited_download_button(
            _("XLSX"),
            spreadsheet_safe_xlsx_when_clicked(frame, clearance, embargoes, marking),
            file_name=f"{name}.xlsx",
            mime=XLSX_MIME,
            key=f"download_{key}_xlsx",
        )
