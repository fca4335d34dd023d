"""A briefing as a PDF (fpdf2): title page, key figures, sections of images and tables, numbered
citations; the classification marking at the top and bottom of every page. The text font is the
DejaVu Sans that matplotlib ships, embedded, so every name prints and no system font is needed."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace
from PIL import Image as PILImage

from dashboard.briefing.content import PRODUCT, Briefing, Image, Table, produced_text
from embargo.i18n import _

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
MARKING_RED = (165, 15, 21)
MAX_IMAGE_HEIGHT = 150  # mm: a map or chart leaves room for its heading and sources
# An image shrinks to at most this share of its height to fit the room left on a page.
SMALLEST_SHARE = 0.85
SECTION_ROOM = 90  # mm: a section starts on the page it follows when this much is left
WIDEST_COLUMN = 100  # mm: a column's share of the width grows towards its text up to this


class _Pack(FPDF):
    def __init__(self, briefing: Briefing) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.briefing = briefing
        self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=22)
        self.set_margins(15, 20, 15)
        self.set_title(briefing.title)
        self.set_creator(PRODUCT)
        self.set_subject(_("Classification: {marking}").format(marking=briefing.marking_text))
        self.set_keywords(_("Read from {version}").format(version=briefing.data_version))

    def _marking(self, y: float) -> None:
        self.set_xy(15, y)
        self.set_font("DejaVu", "B", 9)
        self.set_text_color(*MARKING_RED)
        self.cell(0, 5, self.briefing.marking_text, align="C")
        self.set_text_color(0, 0, 0)

    def header(self) -> None:
        self._marking(7)
        self.set_y(20)

    def footer(self) -> None:
        self.set_font("DejaVu", "", 7)
        self.set_text_color(90, 90, 90)
        if self.briefing.synthetic_note:
            self.set_xy(15, -20)
            self.cell(0, 4, _("Includes synthetic demo data: not facts, never to be cited."))
        self.set_xy(15, -16)
        page = _("page {number}").format(number=self.page_no())
        self.cell(0, 4, f"{self.briefing.title} · {page}", align="R")
        self._marking(-12)


def _heading(pdf: _Pack, text: str, size: int = 14) -> None:
    pdf.set_font("DejaVu", "B", size)
    # ranged left: a justified title spreads its few words across the line
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(1)


def _paragraph(pdf: _Pack, text: str, size: int = 9) -> None:
    pdf.set_font("DejaVu", "", size)
    pdf.multi_cell(0, size * 0.48, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _numbers(numbers: tuple[int, ...]) -> str:
    return ", ".join(f"[{n}]" for n in numbers) if numbers else _("none loaded")


def _cites(numbers: tuple[int, ...]) -> str:
    return _("Sources: {numbers}").format(numbers=_numbers(numbers))


def _image(pdf: _Pack, item: Image) -> None:
    with PILImage.open(io.BytesIO(item.png)) as picture:
        pixels_wide, pixels_high = picture.size
    width = pdf.epw
    height = width * pixels_high / pixels_wide
    if height > MAX_IMAGE_HEIGHT:
        height = MAX_IMAGE_HEIGHT
        width = height * pixels_wide / pixels_high
    room = pdf.page_break_trigger - pdf.get_y() - 10
    if height > room:
        # Shrunk a little to fit the room left rather than leave the page near-empty; moved to
        # the next page when it would have to shrink more than that.
        if room >= SMALLEST_SHARE * height:
            width, height = width * room / height, room
        else:
            pdf.add_page()
    # The image carries its title, source, data version and day inside it (a copy taken out of
    # the pack keeps them): no heading repeats the title above it.
    pdf.image(io.BytesIO(item.png), x=pdf.l_margin, w=width, h=height)
    pdf.ln(1)
    _paragraph(pdf, " ".join(part for part in (item.note, _cites(item.citations)) if part), 7)


def _column_widths(pdf: _Pack, item: Table) -> tuple[float, ...]:
    """Each column at least as wide as its longest word, so no word or date is broken across
    lines; the rest of the page's width shared out towards each column's longest cell (at most
    WIDEST_COLUMN), so long texts get the room."""
    padding = 2 * pdf.c_margin + 0.5

    def widest(texts: list[str], words: bool) -> float:
        parts = [part for text in texts for part in (text.split() if words else [text])]
        return max((pdf.get_string_width(part) for part in parts), default=0.0)

    least, wanted = [], []
    for index, name in enumerate(item.columns):
        cells = [row[index] for row in item.rows]
        pdf.set_font("DejaVu", "B", 7)
        heading_word, heading = widest([name], True), widest([name], False)
        pdf.set_font("DejaVu", "", 7)
        floor = max(heading_word, widest(cells, True)) + padding
        least.append(floor)
        wanted.append(max(floor, min(max(heading, widest(cells, False)) + padding, WIDEST_COLUMN)))
    spare = pdf.epw - sum(least)
    if spare <= 0:
        return tuple(least)
    extra = [want - floor for want, floor in zip(wanted, least, strict=True)]
    if sum(extra) <= spare:
        # everything fits on one line: the page's width in proportion to what each wants
        return tuple(want * pdf.epw / sum(wanted) for want in wanted)
    return tuple(
        floor + spare * more / sum(extra) for floor, more in zip(least, extra, strict=True)
    )


def _table(pdf: _Pack, item: Table) -> None:
    if pdf.get_y() + 30 > pdf.page_break_trigger:
        pdf.add_page()
    _heading(pdf, item.title, 10)
    if not item.rows:
        _paragraph(pdf, _("No rows."), 8)
    else:
        pdf.set_font("DejaVu", "", 7)
        with pdf.table(
            col_widths=_column_widths(pdf, item),
            headings_style=FontFace(emphasis="BOLD", fill_color=(230, 233, 238)),
            line_height=3.4,
            text_align="LEFT",
            repeat_headings=1,
        ) as table:
            table.row(item.columns)
            for row in item.rows:
                table.row(row)
    pdf.ln(1)
    _paragraph(pdf, " ".join(part for part in (item.note, _cites(item.citations)) if part), 7)


def render(briefing: Briefing) -> bytes:
    pdf = _Pack(briefing)
    pdf.add_page()
    pdf.ln(30)
    _heading(pdf, briefing.title, 20)
    _paragraph(pdf, _("Scope: {scope}").format(scope=briefing.scope), 10)
    _paragraph(pdf, _("Date of data: {date}.").format(date=briefing.data_as_of), 10)
    _paragraph(pdf, _("Read from {version}.").format(version=briefing.data_version), 10)
    _paragraph(pdf, produced_text(briefing), 10)
    if briefing.synthetic_note:
        pdf.set_text_color(*MARKING_RED)
        _paragraph(pdf, briefing.synthetic_note, 10)
        pdf.set_text_color(0, 0, 0)
    _paragraph(
        pdf,
        _(
            "Every figure and table carries numbered source references, listed at the end. Check "
            "obligations against the resolutions themselves."
        ),
        9,
    )

    pdf.add_page()
    # The bottom line up front: the summary, then the key figures on the same page.
    sections = list(briefing.sections)
    if sections and not sections[0].items:
        summary = sections.pop(0)
        _heading(pdf, summary.heading)
        _paragraph(pdf, summary.text, 10)
        pdf.ln(2)
    _heading(pdf, _("Key figures"))
    pdf.set_font("DejaVu", "", 9)
    with pdf.table(
        col_widths=(60, 25, 15),
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 233, 238)),
        line_height=5,
    ) as table:
        table.row([_("Figure"), _("Value"), _("Sources")])
        for figure in briefing.key_figures:
            table.row([figure.label, figure.value, _numbers(figure.citations)])

    for section in sections:
        # A section starts a page only when less than a third of the page is left, so neither a
        # section without data (one line) nor the tail of a long one leaves a near-empty page;
        # its tables and images move to the next page themselves when they do not fit.
        if pdf.get_y() > pdf.page_break_trigger - (SECTION_ROOM if section.items else 30):
            pdf.add_page()
        else:
            pdf.ln(6)
        _heading(pdf, section.heading)
        _paragraph(pdf, section.text)
        for item in section.items:
            (_image if isinstance(item, Image) else _table)(pdf, item)

    # The sources follow the last section on its page when there is room for a few of them.
    if pdf.get_y() > pdf.page_break_trigger - SECTION_ROOM / 2:
        pdf.add_page()
    else:
        pdf.ln(6)
    _heading(pdf, _("Sources"))
    for number, text in enumerate(briefing.citations, start=1):
        _paragraph(pdf, f"[{number}] {text}", 8)
    return bytes(pdf.output())
