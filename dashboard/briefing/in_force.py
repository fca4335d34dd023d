"""The one-page "embargoes in force" summary at a chosen date, to paste into a note (Markdown) or
to hand out (PDF, one A4 landscape page): every UN arms embargo in force on the date with its
kind of target, since when, its status in words with the caveat where it is projected or
contested, and the last resolution on record. Public reference data: marked public; the data
version it was read from is printed on it."""

from __future__ import annotations

import datetime as dt

import polars as pl
from fpdf import FPDF
from fpdf.fonts import FontFace

from dashboard.briefing.content import PRODUCT
from dashboard.briefing.pdf import FONT_DIR, MARKING_RED
from dashboard.embargo_status import with_status_words
from embargo.i18n import _, format_date
from embargo.i18n.labels import short_name, value_label

MARKING = "public"


def summary_rows(in_force: pl.DataFrame) -> list[dict]:
    """The rows of the summary, in the reader's words, from embargoes_in_force (query layer)."""
    shown = with_status_words(in_force)
    return [
        {
            "embargo": short_name(row["short_name"]),
            "target_kind": value_label("target_kind", row["target_kind"]),
            "since": format_date(row["start_date"], "medium"),
            "imposed_by": row["imposed_by"],
            "status": row["status_words"],
            "last_resolution": row["last_resolution_words"],
            "caveat": row["caveat"],
        }
        for row in shown.iter_rows(named=True)
    ]


def _title(on_date: dt.date) -> str:
    return _("UN arms embargoes in force on {date}").format(date=format_date(on_date))


def _notes(rows: list[dict], data_version: str) -> list[str]:
    caveated = sum(1 for row in rows if row["caveat"])
    return [
        _(
            "{count} embargoes in force; {caveated} of them projected or contested (see Caveat)."
        ).format(count=len(rows), caveated=caveated),
        _(
            "Source: UN Security Council resolutions, cited by symbol (Embargo Monitor reference "
            "table of UN arms embargoes, with the resolutions recorded since). Read from {version}."
        ).format(version=data_version),
    ]


def _headings() -> list[str]:
    return [
        _("Embargo"),
        _("Target"),
        _("Since"),
        _("Imposed by"),
        _("Status"),
        _("Last resolution on record"),
        _("Caveat"),
    ]


def markdown(rows: list[dict], on_date: dt.date, data_version: str) -> str:
    """The summary as Markdown: marking, title, one table, notes."""
    marking = value_label("classification", MARKING).upper()

    def cell(text: str) -> str:
        return (text or "").replace("|", "\\|").replace("\n", " ")

    lines = [f"**{marking}**", "", f"## {_title(on_date)}", ""]
    lines.append("| " + " | ".join(_headings()) + " |")
    lines.append("|" + "---|" * len(_headings()))
    for row in rows:
        lines.append(
            "| "
            + " | ".join(
                cell(row[key])
                for key in (
                    "embargo",
                    "target_kind",
                    "since",
                    "imposed_by",
                    "status",
                    "last_resolution",
                    "caveat",
                )
            )
            + " |"
        )
    lines.append("")
    lines += [f"{note}  " for note in _notes(rows, data_version)]
    lines += ["", f"**{marking}**", ""]
    return "\n".join(lines)


def pdf(rows: list[dict], on_date: dt.date, data_version: str) -> bytes:
    """The summary as a one-page A4 landscape PDF, marked at top and bottom."""
    marking = value_label("classification", MARKING).upper()
    document = FPDF(orientation="landscape", unit="mm", format="A4")
    document.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    document.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    document.set_auto_page_break(auto=True, margin=12)
    document.set_margins(10, 10, 10)
    document.set_title(_title(on_date))
    document.set_creator(PRODUCT)
    document.add_page()

    def marking_line() -> None:
        document.set_font("DejaVu", "B", 8)
        document.set_text_color(*MARKING_RED)
        document.cell(0, 4, marking, align="C", new_x="LMARGIN", new_y="NEXT")
        document.set_text_color(0, 0, 0)

    marking_line()
    document.set_font("DejaVu", "B", 13)
    document.cell(0, 8, _title(on_date), new_x="LMARGIN", new_y="NEXT")
    document.set_font("DejaVu", "", 6.5)
    with document.table(
        col_widths=(30, 22, 20, 26, 22, 60, 97),
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 233, 238)),
        line_height=3.2,
        text_align="LEFT",
    ) as table:
        table.row(_headings())
        for row in rows:
            table.row(
                [
                    row["embargo"],
                    row["target_kind"],
                    row["since"],
                    row["imposed_by"],
                    row["status"],
                    row["last_resolution"],
                    row["caveat"],
                ]
            )
    document.ln(2)
    document.set_font("DejaVu", "", 7)
    for note in _notes(rows, data_version):
        document.multi_cell(0, 3.5, note, new_x="LMARGIN", new_y="NEXT")
    marking_line()
    return bytes(document.output())
