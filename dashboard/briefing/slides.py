"""A briefing as slides (python-pptx, 16:9): title slide, the summary (bottom line up front, as in
the PDF), key figures, one slide per image, tables split over as many slides as they need,
sections without data together on one slide, numbered citations; the classification marking at
the top and bottom of every slide."""

from __future__ import annotations

import io

from PIL import Image as PILImage
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from dashboard.briefing.content import PRODUCT, Briefing, Image, Table, produced_text
from dashboard.briefing.model import Section
from embargo.i18n import _

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
MARKING_RED = RGBColor(0xA5, 0x0F, 0x15)
TABLE_ROWS_PER_SLIDE = 12
CITATIONS_PER_SLIDE = 8


def _text_box(slide, left, top, width, height, text, size=12, bold=False, colour=None, align=None):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for index, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)
        paragraph.font.bold = bold
        if colour is not None:
            paragraph.font.color.rgb = colour
        if align is not None:
            paragraph.alignment = align
    return box


def _slide(deck, briefing: Briefing, title: str | None):
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    for top in (Inches(0.1), HEIGHT - Inches(0.45)):
        _text_box(
            slide,
            0,
            top,
            WIDTH,
            Inches(0.35),
            briefing.marking_text,
            size=11,
            bold=True,
            colour=MARKING_RED,
            align=PP_ALIGN.CENTER,
        )
    if briefing.synthetic_note:
        _text_box(
            slide,
            MARGIN,
            HEIGHT - Inches(0.75),
            WIDTH - 2 * MARGIN,
            Inches(0.3),
            _("Includes synthetic demo data: not facts, never to be cited."),
            size=9,
            colour=MARKING_RED,
        )
    if title:
        _text_box(slide, MARGIN, Inches(0.45), WIDTH - 2 * MARGIN, Inches(0.6), title, 24, True)
    return slide


def _numbers(numbers: tuple[int, ...]) -> str:
    return ", ".join(f"[{n}]" for n in numbers) if numbers else _("none loaded")


def _cites(numbers: tuple[int, ...]) -> str:
    return _("Sources: {numbers}").format(numbers=_numbers(numbers))


def _footnote(slide, text: str) -> None:
    _text_box(slide, MARGIN, HEIGHT - Inches(1.15), WIDTH - 2 * MARGIN, Inches(0.4), text, 10)


def _image_slide(deck, briefing: Briefing, heading: str, item: Image) -> None:
    # The image carries its title, source, data version and day inside it: the slide's title is
    # the section's, not the image's again.
    slide = _slide(deck, briefing, heading)
    with PILImage.open(io.BytesIO(item.png)) as picture:
        pixels_wide, pixels_high = picture.size
    box_width, box_height = WIDTH - 2 * MARGIN, HEIGHT - Inches(2.5)
    scale = min(box_width / pixels_wide, box_height / pixels_high)
    width, height = int(pixels_wide * scale), int(pixels_high * scale)
    picture = slide.shapes.add_picture(
        io.BytesIO(item.png), Emu((WIDTH - width) // 2), Inches(1.2), Emu(width), Emu(height)
    )
    picture.name = item.title
    _footnote(slide, " ".join(part for part in (item.note, _cites(item.citations)) if part))


def _table_slides(deck, briefing: Briefing, heading: str, item: Table) -> None:
    chunks = [
        item.rows[start : start + TABLE_ROWS_PER_SLIDE]
        for start in range(0, max(len(item.rows), 1), TABLE_ROWS_PER_SLIDE)
    ]
    for number, rows in enumerate(chunks, start=1):
        suffix = (
            " (" + _("{part} of {whole}").format(part=number, whole=len(chunks)) + ")"
            if len(chunks) > 1
            else ""
        )
        slide = _slide(deck, briefing, f"{heading}: {item.title}{suffix}")
        if not rows:
            _text_box(slide, MARGIN, Inches(1.3), Inches(6), Inches(0.5), _("No rows."), 14)
        else:
            shape = slide.shapes.add_table(
                len(rows) + 1,
                len(item.columns),
                MARGIN,
                Inches(1.2),
                WIDTH - 2 * MARGIN,
                Inches(0.3) * (len(rows) + 1),
            )
            for column, name in enumerate(item.columns):
                shape.table.cell(0, column).text = name
            for row_index, row in enumerate(rows, start=1):
                for column, value in enumerate(row):
                    shape.table.cell(row_index, column).text = value
            for cells in shape.table.rows:
                for cell in cells.cells:
                    for paragraph in cell.text_frame.paragraphs:
                        paragraph.font.size = Pt(9)
        _footnote(slide, " ".join(part for part in (item.note, _cites(item.citations)) if part))


def render(briefing: Briefing) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    deck.core_properties.title = briefing.title
    deck.core_properties.subject = _("Classification: {marking}").format(
        marking=briefing.marking_text
    )
    deck.core_properties.author = PRODUCT
    deck.core_properties.keywords = _("Read from {version}").format(version=briefing.data_version)

    title = _slide(deck, briefing, None)
    _text_box(title, MARGIN, Inches(1.6), WIDTH - 2 * MARGIN, Inches(1), briefing.title, 32, True)
    lines = [
        _("Scope: {scope}").format(scope=briefing.scope),
        _("Date of data: {date}.").format(date=briefing.data_as_of)
        + " "
        + _("Read from {version}.").format(version=briefing.data_version),
        produced_text(briefing),
        _("Every figure and table carries numbered source references, listed at the end."),
    ]
    _text_box(title, MARGIN, Inches(2.9), WIDTH - 2 * MARGIN, Inches(2.5), "\n".join(lines), 14)
    if briefing.synthetic_note:
        _text_box(
            title,
            MARGIN,
            Inches(5.3),
            WIDTH - 2 * MARGIN,
            Inches(0.8),
            briefing.synthetic_note,
            14,
            colour=MARKING_RED,
        )

    # The bottom line up front, as in the PDF: the summary, then the key figures.
    sections = list(briefing.sections)
    if sections and not sections[0].items:
        summary = sections.pop(0)
        slide = _slide(deck, briefing, summary.heading)
        _text_box(slide, MARGIN, Inches(1.3), WIDTH - 2 * MARGIN, Inches(5), summary.text, 16)

    figures = _slide(deck, briefing, _("Key figures"))
    shape = figures.shapes.add_table(
        len(briefing.key_figures) + 1,
        3,
        MARGIN,
        Inches(1.2),
        WIDTH - 2 * MARGIN,
        Inches(0.4) * (len(briefing.key_figures) + 1),
    )
    for column, name in enumerate([_("Figure"), _("Value"), _("Sources")]):
        shape.table.cell(0, column).text = name
    for row, figure in enumerate(briefing.key_figures, start=1):
        shape.table.cell(row, 0).text = figure.label
        shape.table.cell(row, 1).text = figure.value
        shape.table.cell(row, 2).text = _numbers(figure.citations)

    # Sections without data, one after the other, share a slide: a line each, not a near-empty
    # slide each.
    without_data: list[Section] = []

    def one_slide_for_those_without_data() -> None:
        if without_data:
            slide = _slide(deck, briefing, " · ".join(part.heading for part in without_data))
            text = "\n\n".join(f"{part.heading}: {part.text}" for part in without_data)
            _text_box(slide, MARGIN, Inches(1.3), WIDTH - 2 * MARGIN, Inches(5), text, 14)
            without_data.clear()

    for section in sections:
        if not section.items:
            without_data.append(section)
            continue
        one_slide_for_those_without_data()
        intro = _slide(deck, briefing, section.heading)
        _text_box(intro, MARGIN, Inches(1.3), WIDTH - 2 * MARGIN, Inches(3), section.text, 16)
        for item in section.items:
            if isinstance(item, Image):
                _image_slide(deck, briefing, section.heading, item)
            else:
                _table_slides(deck, briefing, section.heading, item)

    one_slide_for_those_without_data()
    for start in range(0, len(briefing.citations), CITATIONS_PER_SLIDE):
        slide = _slide(deck, briefing, _("Sources"))
        text = "\n".join(
            f"[{number}] {text}"
            for number, text in enumerate(
                briefing.citations[start : start + CITATIONS_PER_SLIDE], start=start + 1
            )
        )
        _text_box(slide, MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, Inches(5), text, 11)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
