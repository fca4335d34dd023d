"""XLSX workbooks of large tables, written column-wise: the sheet's XML is made by polars
expressions, one per column, in slices of rows, whose rows polars' CSV writer streams into the
zip (cells joined by a space, each row ended by its closing tag); no Python object is made per
cell (openpyxl, even in write-only mode, made one for each of the six million cells of a
300,000-row, 20-column screening: tens of seconds).

Text is written as strings, which a spreadsheet never runs as a formula: the columns of few
distinct texts into the shared strings (each text once, a cell its number there), the others
inline; numbers as numbers, true/false as booleans, dates and times as Excel day numbers
formatted as dates (as openpyxl writes them), empty values as an empty element. No cell carries
its reference, only each row its number, and only the columns holding characters XML must
escape are escaped. The few values of other types are written as the text Python gives them."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Sequence
from typing import BinaryIO

import polars as pl
import pyarrow as pa

# Excel's day 0 (day numbers of dates from 1 March 1900, where its 1900 leap-year error no
# longer matters; earlier dates are written as text).
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
FIRST_DAY_NUMBERED = dt.date(1900, 3, 1)
ROWS_PER_SLICE = 20_000
# A text column is written into the shared strings when it holds at most one distinct text for
# this many cells: a cell is then a number, each text written once.
SHARED_AT_MOST = 2
# Characters XML 1.0 does not allow (openpyxl refuses them): left out.
NOT_IN_XML = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"
TO_ESCAPE = r"[\x00-\x08\x0b\x0c\x0e-\x1f&<>]"
SPACED = r"^\s|\s$"  # a text a spreadsheet would trim unless told to keep its spaces
_ROW = "\x00row"  # the row number column, named so that no table's column is taken for it
_BODY = "\x00cell"  # the cells of column N, named _BODY + "N"
DATE_STYLE, DATETIME_STYLE = 1, 2

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CONTENT_TYPES = (
    f'{_HEAD}<Types xmlns="{_PACKAGE}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
    '+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/></Types>'
)
CONTENT_TYPES_SHARED = CONTENT_TYPES.replace(
    "</Types>",
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
)
PACKAGE_RELATIONSHIPS = (
    f'{_HEAD}<Relationships xmlns="{_PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELATIONSHIPS = (
    f'{_HEAD}<Relationships xmlns="{_PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_RELATIONSHIPS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELATIONSHIPS_SHARED = WORKBOOK_RELATIONSHIPS.replace(
    "</Relationships>",
    f'<Relationship Id="rId3" Type="{_RELATIONSHIPS}/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>',
)
# Style 1: a date, style 2: a date and time (the formats openpyxl gives them).
STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd h:mm:ss"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    "</cellStyles></styleSheet>"
)


def escaped(text: str) -> str:
    text = re.sub(NOT_IN_XML, "", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def column_letters(number: int) -> str:
    """The letters of the 0-based column `number` (0 -> A, 26 -> AA)."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text_cell(text: pl.Expr, escape: bool = False, preserve: bool = False) -> pl.Expr:
    """Text cells; `escape` when some of the column's texts hold a character XML must not
    have as it is (four passes over every text: most columns need none), `preserve` when some
    begin or end with a space (kept, as openpyxl marks them)."""
    start = (
        '<c t="inlineStr"><is><t xml:space="preserve">' if preserve else '<c t="inlineStr"><is><t>'
    )

    safe = (
        text.str.replace_all(NOT_IN_XML, "")
        .str.replace_all("&", "&amp;", literal=True)
        .str.replace_all("<", "&lt;", literal=True)
        .str.replace_all(">", "&gt;", literal=True)
        if escape
        else text
    )
    return pl.when(text != "").then(
        pl.concat_str(
            [
                pl.lit(start),
                safe,
                pl.lit("</t></is></c>"),
            ]
        )
    )


def _shared_cells(name: str, values: pl.Series) -> pl.Expr:
    """Text cells of a shared column: each the cell of its text's position in the shared
    strings (`values`), looked up whole (no text made per cell); none for an empty text."""
    positions = pl.int_range(len(values), eager=True).cast(pl.String)
    written = pl.select(pl.concat_str([pl.lit('<c t="s"><v>'), positions, pl.lit("</v></c>")]))
    return (
        pl.col(name)
        .cast(pl.String)
        .replace_strict(values, written.to_series(), default=None, return_dtype=pl.String)
    )


def _value_cell(value: pl.Expr, attributes: str = "") -> pl.Expr:
    return pl.concat_str([pl.lit(f"<c{attributes}><v>"), value, pl.lit("</v></c>")])


def _written_types(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with the columns of other types than text, numbers, booleans, dates and times
    (lists, durations, ...) as the text Python gives their values (few tables have them)."""
    return frame.with_columns(
        pl.Series(name, [None if v is None else str(v) for v in frame[name].to_list()], pl.String)
        for name, dtype in frame.schema.items()
        if not (
            dtype in (pl.String, pl.Categorical, pl.Enum, pl.Boolean, pl.Date, pl.Datetime)
            or dtype.is_numeric()
        )
    )


def _cell(dtype: pl.DataType, name: str, escape: bool, preserve: bool) -> pl.Expr:
    """A column's cells as XML (null where no cell is written)."""
    column = pl.col(name)
    if dtype in (pl.String, pl.Categorical, pl.Enum):
        return _text_cell(column.cast(pl.String), escape, preserve)
    if dtype.is_integer():
        return _value_cell(column.cast(pl.String))
    if dtype.is_float():
        # A whole number as openpyxl writes it (1, not 1.0; read back as a whole number).
        whole = (column == column.floor()) & (column.abs() < 1e16)
        text = pl.when(whole).then(column.cast(pl.Int64).cast(pl.String))
        return pl.when(column.is_finite()).then(_value_cell(text.otherwise(column.cast(pl.String))))
    if dtype == pl.Boolean:
        return _value_cell(column.cast(pl.Int8).cast(pl.String), ' t="b"')
    if dtype == pl.Date:
        days = (column.cast(pl.Datetime("us")) - EXCEL_EPOCH).dt.total_days()
        return (
            pl.when(column >= FIRST_DAY_NUMBERED)
            .then(_value_cell(days.cast(pl.String), f' s="{DATE_STYLE}"'))
            .otherwise(_text_cell(column.cast(pl.String)))
        )
    if dtype == pl.Datetime:
        moment = column.dt.replace_time_zone(None) if dtype.time_zone else column
        days = (moment.cast(pl.Datetime("us")) - EXCEL_EPOCH).dt.total_microseconds() / 86400e6
        return (
            pl.when(moment.dt.date() >= FIRST_DAY_NUMBERED)
            .then(_value_cell(days.cast(pl.String), f' s="{DATETIME_STYLE}"'))
            .otherwise(_text_cell(moment.cast(pl.String)))
        )
    raise TypeError(f"{name}: {dtype} is not written (see _written_types)")


def _joined(texts: pl.Series) -> memoryview:
    """The texts one after the other, as UTF-8 bytes: the data of their Arrow array, which
    holds them so (no Python text of the slice's XML made and encoded again)."""
    if texts.is_empty():
        return memoryview(b"")
    array = texts.to_arrow()
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    array = array.cast(pa.large_string())
    _, offsets, data = array.buffers()
    bounds = memoryview(offsets).cast("q")
    return memoryview(data)[bounds[array.offset] : bounds[array.offset + len(array)]]


def _text_row(number: int, cells: Sequence[str]) -> str:
    written = "".join(
        f'<c r="{column_letters(index)}{number}" t="inlineStr"><is><t xml:space="preserve">'
        f"{escaped(cell)}</t></is></c>"
        for index, cell in enumerate(cells)
        if cell
    )
    return f'<row r="{number}">{written}</row>'


def _shared_columns(texts: dict[str, pl.Series]) -> list[str]:
    """The text columns of few distinct values (each repeated at least twice on average): their
    cells are written as a number into the shared strings, each text once."""
    return [
        name
        for name, text in texts.items()
        if text.len() and text.n_unique() * SHARED_AT_MOST <= text.len()
    ]


def _shared_strings(texts: dict[str, pl.Series], shared: list[str]) -> tuple[pl.Series, bytes]:
    """The distinct non-empty texts of the shared columns, and the shared strings part holding
    them in that order (a cell of one of them is its position there)."""
    values = pl.concat([texts[name] for name in shared]).drop_nulls()
    values = values.filter(values != "").unique(maintain_order=True)
    frame = pl.DataFrame({"text": values})
    items = frame.select(
        pl.concat_str(
            [
                pl.lit('<si><t xml:space="preserve">'),
                pl.col("text")
                .str.replace_all(NOT_IN_XML, "")
                .str.replace_all("&", "&amp;", literal=True)
                .str.replace_all("<", "&lt;", literal=True)
                .str.replace_all(">", "&gt;", literal=True),
                pl.lit("</t></si>"),
            ]
        )
    ).to_series()
    head = f'{_HEAD}<sst xmlns="{_MAIN}" uniqueCount="{len(values)}">'.encode()
    return values, head + bytes(_joined(items)) + b"</sst>"


def write_xlsx(
    out: BinaryIO,
    frame: pl.DataFrame,
    lines_above: Sequence[Sequence[str]],
    sheet_name: str,
    page_marking: str,
) -> None:
    """A workbook of one sheet: the text rows `lines_above` (notes, a blank row, the column
    names), then the frame's rows; `page_marking` in every printed page's header and footer."""
    frame = _written_types(frame)
    # The columns copied in row order first: a frame put in order by polars (a gather) holds
    # each text column's strings scattered in memory, which the cells' passes over them paid
    # for (0.75 CPU-s at 300,000 rows of the register lines, against 0.2 for the copy).
    frame = pl.from_arrow(frame.to_arrow(compat_level=pl.CompatLevel.oldest()))
    texts = {
        name: frame[name].cast(pl.String)
        for name, dtype in frame.schema.items()
        if dtype in (pl.String, pl.Categorical, pl.Enum)
    }
    shared = _shared_columns(texts)
    values, shared_strings = _shared_strings(texts, shared) if shared else (None, b"")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES_SHARED if shared else CONTENT_TYPES)
        package.writestr("_rels/.rels", PACKAGE_RELATIONSHIPS)
        package.writestr(
            "xl/workbook.xml",
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}"><sheets>'
            f'<sheet name="{escaped(sheet_name)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        package.writestr(
            "xl/_rels/workbook.xml.rels",
            WORKBOOK_RELATIONSHIPS_SHARED if shared else WORKBOOK_RELATIONSHIPS,
        )
        package.writestr("xl/styles.xml", STYLES)
        if shared:
            package.writestr("xl/sharedStrings.xml", shared_strings)
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'{_HEAD}<worksheet xmlns="{_MAIN}"><sheetData>'.encode())
            for number, cells in enumerate(lines_above, start=1):
                sheet.write(_text_row(number, cells).encode())
            first = len(lines_above) + 1
            numbered = frame.with_row_index(_ROW, offset=first).with_columns(
                pl.col(_ROW).cast(pl.String)
            )
            escaped_columns = {
                name for name, text in texts.items() if text.str.contains(TO_ESCAPE).any()
            }
            spaced_columns = {
                name for name, text in texts.items() if text.str.contains(SPACED).any()
            }
            bodies = [_BODY + str(index) for index in range(frame.width)]
            cells = [
                (
                    _shared_cells(name, values)
                    if values is not None and name in shared
                    else _cell(dtype, name, name in escaped_columns, name in spaced_columns)
                ).alias(body)
                for body, (name, dtype) in zip(bodies, frame.schema.items(), strict=True)
            ]
            # No cell carries its reference (r="C12"): a reader places each next to the one
            # before it, so an empty cell is written as an empty element (<c/>). The row's number
            # is written once, in its <row>. The rows are written by polars' CSV writer, which
            # joins a row's cells with a space (whitespace between elements, which XML readers
            # pass over), ends each with </row> and quotes nothing: the XML of six million cells
            # is made without joining each row's cells into a text first.
            start = pl.concat_str([pl.lit('<row r="'), pl.col(_ROW), pl.lit('">')])
            for rows in numbered.iter_slices(ROWS_PER_SLICE):
                rows.select(start.alias(_ROW), *cells).write_csv(
                    sheet,
                    include_header=False,
                    separator=" ",
                    line_terminator="</row>",
                    quote_style="never",
                    null_value="<c/>",
                )
            marking = escaped(page_marking)
            sheet.write(
                f"</sheetData><headerFooter><oddHeader>&amp;C{marking}</oddHeader>"
                f"<oddFooter>&amp;C{marking}</oddFooter></headerFooter></worksheet>".encode()
            )
