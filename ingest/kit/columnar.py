"""Record files read and checked column by column (polars) instead of line by line, for formats
whose files run to a million lines (seizures).

The rules and messages stay those of the line-by-line validators (ingest.kit.validation Column
parsers and row rules): a column's values are vouched for by a polars expression where that is
exact (plain text, vocabulary words, plain decimal numbers) and otherwise parsed by the column's
own parser, either way once per distinct value of a column that repeats its values; a line with
any problem is then checked again by the line-by-line code, which writes its rejects. So a
reject reads exactly as before, and only the lines found good skip the Python loop."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import duckdb
import polars as pl
import pyarrow as pa

from ingest.kit.record_format import RecordFormat, extra_columns
from ingest.kit.tables import (
    OLD_EXCEL_MAGIC,
    Table,
    decode_text,
    extract,
    is_spreadsheet,
    parse_csv_text,
    read_table,
    sniff_delimiter,
)
from ingest.kit.validation import Column, InvalidValue, Reject

ROW = "__row_number"  # the row number as the user sees it (header = 1)

# Characters Python's str.split()/strip() take for white space and polars (Rust) does not: a
# value holding one is parsed by Python, so both agree on what "trimmed" means.
PYTHON_ONLY_SPACE = "[\x1c-\x1f]"
PYTHON_ONLY_SPACES = ("\x1c", "\x1d", "\x1e", "\x1f")
ASCII_PRINTABLE = r"^[\x20-\x7e]*$"


@dataclass(frozen=True)
class RecordFrame:
    """A file's data rows: ROW plus one text column per named header column (cells as written,
    "" where a row is short), and the problems found while reading, by row number."""

    where: str
    header: list[str]
    frame: pl.DataFrame
    problems: dict[int, list[Reject]]
    python_space_free: bool = False  # no cell holds white space only Python recognises

    def records(self, frame: pl.DataFrame) -> list[tuple[int, dict[str, str]]]:
        """Rows of (a part of) the frame as (row number, {column: text}), as the line-by-line
        code reads them."""
        names = [name for name in frame.columns if name != ROW]
        return [
            (row[0], dict(zip(names, row[1:], strict=True)))
            for row in frame.select(ROW, *names).iter_rows()
        ]


def read_frame(
    path, sheet_name: str, check_header: Callable[[str, list[str], int], None]
) -> RecordFrame:
    """The whole file as a RecordFrame. A CSV file without quotes is split by polars; any other
    file (quoted values, which may span lines, or a workbook) goes through the line-by-line
    reader so row numbers and cells are the same either way."""
    if is_spreadsheet(path):
        table = read_table(path, sheet_name)
    else:
        data = path.read_bytes()
        plain = plain_utf8_csv_frame(data, path.name)
        if plain is None:
            text = decode_text(data, path.name)
            plain = plain_csv_frame(text, path.name)
        if plain is not None:
            check_header(plain.where, plain.header, plain.frame.height)
            return plain
        table = parse_csv_text(text, path.name)
    check_header(table.where, table.header, len(table.rows))
    return frame_of_table(table)


def frame_of_table(table: Table) -> RecordFrame:
    extracted = extract(table)
    names = [name for name in table.header if name]
    data: dict[str, list] = {ROW: [number for number, _, _ in extracted]}
    for name in names:
        data[name] = [record[name] for _, record, _ in extracted]
    frame = pl.DataFrame(data, schema={ROW: pl.Int64, **dict.fromkeys(names, pl.String)})
    problems = {number: found for number, _, found in extracted if found}
    return RecordFrame(table.where, table.header, frame, problems)


UTF8_BOM = b"\xef\xbb\xbf"


def plain_utf8_csv_frame(data: bytes, name: str) -> RecordFrame | None:
    """plain_csv_frame for a UTF-8 file, checked and split as bytes: the file is neither decoded
    to text nor encoded back for polars (about a third of the reading time at a million lines).
    The checks give what plain_csv_frame's give on the decoded text, because in UTF-8 the
    characters they look for (quote, line ends, delimiters, the white space only Python knows)
    are single bytes that occur in no other character. None for anything else (another
    encoding, which polars refuses as invalid UTF-8, a file decode_text refuses, or one that is
    not plain), which then goes the way of the text."""
    if data.startswith(OLD_EXCEL_MAGIC) or b"\x00" in data:
        return None
    data = data.removeprefix(UTF8_BOM)
    if b'"' in data or any(space.encode() in data for space in PYTHON_ONLY_SPACES):
        return None
    carriage_returns = data.count(b"\r")
    if carriage_returns and carriage_returns != data.count(b"\r\n"):
        return None
    if b"\n\n" in data or b"\n\r\n" in data:
        return None
    end_of_header = data.find(b"\n")
    if end_of_header < 0:
        return None
    try:
        first_line = data[:end_of_header].decode("utf-8")
    except UnicodeDecodeError:
        return None
    # The body is counted and split in place: a copy of it would hold the file twice.
    body = end_of_header + 1
    # A printable ASCII character near the start shows the body is not empty white space (which
    # str.strip() knows in more spellings than bytes.strip()); without one the text decides.
    if not first_line.strip() or not PRINTABLE_BYTE.search(data, body, body + 4096):
        return None
    delimiter = sniff_delimiter(first_line)
    header = [cell.strip() for cell in first_line.removesuffix("\r").split(delimiter)]
    lines = data.count(b"\n", body) + (not data.endswith(b"\n"))
    if not all(header) or data.count(delimiter.encode(), body) != (len(header) - 1) * lines:
        return None
    return split_plain_lines(data, name, delimiter, header, lines, skip_lines=1)


PRINTABLE_BYTE = re.compile(rb"[\x21-\x7e]")


def plain_csv_frame(text: str, name: str) -> RecordFrame | None:
    """A CSV text read by polars when that reads it as the csv module does: no quote character
    (a quoted value may hold delimiters and line breaks), no lone carriage return, no white space
    only Python recognises, no blank line (skipped but counted) and every line as wide as the
    header (else a cell may stand in a column without a header). None otherwise."""
    if '"' in text or any(space in text for space in PYTHON_ONLY_SPACES):
        return None
    if text.count("\r") != text.count("\r\n") or "\n\n" in text or "\n\r\n" in text:
        return None
    first_line, _, body = text.partition("\n")
    if not first_line.strip() or not body.strip():
        return None
    delimiter = sniff_delimiter(first_line)
    header = [cell.strip() for cell in first_line.removesuffix("\r").split(delimiter)]
    lines = body.count("\n") + (not body.endswith("\n"))
    if not all(header) or body.count(delimiter) != (len(header) - 1) * lines:
        return None
    return split_plain_lines(body.encode(), name, delimiter, header, lines)


def split_plain_lines(
    body: bytes, name: str, delimiter: str, header: list[str], lines: int, skip_lines: int = 0
) -> RecordFrame | None:
    """The lines below the header of a plain CSV file (UTF-8 bytes, after its first
    `skip_lines` lines) split by polars; None when polars cannot read them (invalid UTF-8) or
    finds another number of lines."""
    try:
        cells = pl.read_csv(
            body,
            has_header=False,
            skip_lines=skip_lines,
            separator=delimiter,
            quote_char=None,
            infer_schema=False,
            new_columns=header,
            # An empty cell is read as "" (as the csv module reads it), not as a null to fill
            # after: filling would copy every column of cells (half a gigabyte at a million
            # lines) while the columns read are still held.
            empty_string_is_null=False,
        )
    except pl.exceptions.PolarsError:
        return None
    if cells.height != lines:
        return None
    frame = cells.select(
        pl.int_range(2, cells.height + 2, dtype=pl.Int64).alias(ROW),
        *[
            pl.col(column).fill_null("") if cells[column].null_count() else pl.col(column)
            for column in header
        ],
    )
    del cells
    # A row of nothing but white space is skipped, its number kept (only rows whose first cell
    # is empty can be one).
    maybe_blank = frame.filter(pl.col(header[0]).str.strip_chars() == "")
    blank = maybe_blank.filter(
        pl.all_horizontal(pl.col(column).str.strip_chars() == "" for column in header)
    )[ROW]
    if blank.len():
        frame = frame.filter(~pl.col(ROW).is_in(blank.implode()))
    return RecordFrame(name, header, frame, {}, python_space_free=True)


# ---------------------------------------------------------------------------------------------
# Column values: parsed by polars where that is exact, else once per distinct value in Python


@dataclass(frozen=True)
class Output:
    """One parsed column a Column parser's result becomes (most give one, some two)."""

    name: str
    dtype: pl.DataType
    part: Callable[[object], object] = lambda parsed: parsed


# expression over the trimmed text -> (True where polars vouches for the value, parsed value(s))
FastParse = Callable[[pl.Expr], tuple[pl.Expr, list[pl.Expr]]]


@dataclass(frozen=True)
class ColumnPlan:
    column: Column
    outputs: tuple[Output, ...]
    fast: FastParse | None = None


def parse_columns(records: RecordFrame, plans: Sequence[ColumnPlan]) -> pl.DataFrame:
    """ROW, `ok` (every column has a good value, or is empty where that is allowed) and the parsed
    outputs of every plan (null where empty or bad)."""
    frame = records.frame
    parts = [frame.select(ROW)]
    for plan in plans:
        name = plan.column.name
        if name not in frame.columns:
            missing = parsed_values(pl.lit("", dtype=pl.String), plan, python_space_free=True)
            parts.append(frame.select(ROW, *missing).drop(ROW))
            continue
        # A column's outcome depends on its text alone: each distinct value is parsed once.
        parts.append(
            by_distinct_value(
                frame,
                name,
                lambda values, plan=plan: parsed_column(values, plan, records.python_space_free),
            )
        )
    parsed = pl.concat(parts, how="horizontal")
    ok = pl.all_horizontal(
        pl.col(f"{plan.column.name}:good")
        | (pl.lit(not plan.column.required) & pl.col(f"{plan.column.name}:empty"))
        for plan in plans
    )
    return parsed.select(
        ROW,
        ok.alias("ok"),
        *[
            pl.when(pl.col(f"{plan.column.name}:good")).then(pl.col(output.name)).alias(output.name)
            for plan in plans
            for output in plan.outputs
        ],
    )


def by_distinct_value(
    frame: pl.DataFrame, name: str, compute: Callable[[pl.DataFrame], pl.DataFrame]
) -> pl.DataFrame:
    """`compute` (a function of a frame holding only the column `name`, giving a frame line for
    line) of frame[name], line for line. Most columns repeat a few values (a vocabulary word, a
    country, the event columns of each line): `compute` then runs once per distinct value and
    its results are joined back to the lines."""
    values = frame.select(name)
    distinct = values.unique()
    if distinct.height * DISTINCT_SHARE > values.height:
        return compute(values)
    outcomes = compute(distinct)
    # Often every result is the value itself (text already trimmed, a word already in the
    # format's spelling) or the same for every value: then there is nothing to join.
    kept = {
        column: frame[name].alias(column)
        for column in outcomes.columns
        if outcomes[column].equals(
            distinct[name], check_dtypes=True, check_names=False, null_equal=True
        )
    }
    if all(column in kept or outcomes[column].n_unique() == 1 for column in outcomes.columns):
        return pl.DataFrame(
            [
                kept.get(column, outcomes[column].new_from_index(0, values.height))
                for column in outcomes.columns
            ]
        )
    outcomes = outcomes.with_columns(distinct[name].alias(DISTINCT_KEY))
    return (
        values.select(pl.col(name).alias(DISTINCT_KEY))
        .join(outcomes, on=DISTINCT_KEY, how="left", maintain_order="left", nulls_equal=True)
        .drop(DISTINCT_KEY)
    )


DISTINCT_KEY = "__distinct_value"
# A column with more distinct values than 1 in DISTINCT_SHARE of its lines is computed line by
# line: joining the results back would cost more than it saves.
DISTINCT_SHARE = 4


def parsed_values(raw: pl.Expr, plan: ColumnPlan, python_space_free: bool) -> list[pl.Expr]:
    """`<name>:empty`, `<name>:good` (polars vouches for the value) and the outputs polars gives,
    for the text of one column."""
    name = plan.column.name
    trimmed = raw.str.strip_chars()
    safe = pl.lit(True) if python_space_free else ~raw.str.contains(PYTHON_ONLY_SPACE)
    empty = (safe & (trimmed == "")).alias(f"{name}:empty")
    if plan.fast is None:
        return [
            empty,
            pl.lit(False).alias(f"{name}:good"),
            *[pl.lit(None, output.dtype).alias(output.name) for output in plan.outputs],
        ]
    vouched, values = plan.fast(trimmed)
    return [
        empty,
        (safe & (trimmed != "") & vouched.fill_null(False)).alias(f"{name}:good"),
        *[
            value.cast(output.dtype, strict=False).alias(output.name)
            for value, output in zip(values, plan.outputs, strict=True)
        ],
    ]


def parsed_column(values: pl.DataFrame, plan: ColumnPlan, python_space_free: bool) -> pl.DataFrame:
    """parsed_values of a frame of the column's texts, line for line; values polars cannot vouch
    for go once per distinct value through the column's own parser."""
    name = plan.column.name
    fast = values.select(parsed_values(pl.col(name), plan, python_space_free))
    undecided = ~fast[f"{name}:empty"] & ~fast[f"{name}:good"]
    rest = values[name].filter(undecided).unique().alias("raw").to_frame()
    if not rest.height:
        return fast
    mapping = python_parsed(rest["raw"].to_list(), plan)
    joined = values.select(pl.col(name).alias("raw")).join(
        mapping, on="raw", how="left", maintain_order="left"
    )
    return fast.with_columns(
        ((undecided & joined["empty_python"].fill_null(False)) | fast[f"{name}:empty"]).alias(
            f"{name}:empty"
        ),
        ((undecided & joined["good_python"].fill_null(False)) | fast[f"{name}:good"]).alias(
            f"{name}:good"
        ),
        *[
            pl.when(undecided)
            .then(joined[f"{output.name}_python"])
            .otherwise(pl.col(output.name))
            .alias(output.name)
            for output in plan.outputs
        ],
    )


def python_parsed(values: list[str], plan: ColumnPlan) -> pl.DataFrame:
    """Each distinct raw value through the column's own parser: empty, good, parsed outputs."""
    empty, good = [], []
    outputs: list[list] = [[] for _ in plan.outputs]
    for value in values:
        trimmed = (value or "").strip()
        parsed = None
        ok = False
        if trimmed:
            try:
                parsed = plan.column.parse(trimmed)
                ok = True
            except InvalidValue:
                pass
        empty.append(not trimmed)
        good.append(ok)
        for index, output in enumerate(plan.outputs):
            outputs[index].append(output.part(parsed) if ok else None)
    return pl.DataFrame(
        {
            "raw": values,
            "empty_python": empty,
            "good_python": good,
            **{
                f"{output.name}_python": column
                for output, column in zip(plan.outputs, outputs, strict=True)
            },
        },
        schema={
            "raw": pl.String,
            "empty_python": pl.Boolean,
            "good_python": pl.Boolean,
            **{f"{output.name}_python": output.dtype for output in plan.outputs},
        },
    )


# Fast parsers: exact for the values they vouch for, silent (not vouched) for the rest.


def fast_text(trimmed: pl.Expr) -> tuple[pl.Expr, list[pl.Expr]]:
    """ingest.kit.values.text: surrounding and repeated white space removed."""
    return pl.lit(True), [trimmed.str.replace_all(r"\s+", " ")]


def fast_as_is(trimmed: pl.Expr) -> tuple[pl.Expr, list[pl.Expr]]:
    """A free-text column kept as written (trimmed)."""
    return pl.lit(True), [trimmed]


def fast_vocabulary(allowed: Sequence[str]) -> FastParse:
    """ingest.kit.values.vocabulary for plain ASCII words."""

    def fast(trimmed: pl.Expr) -> tuple[pl.Expr, list[pl.Expr]]:
        key = trimmed.str.to_lowercase().str.replace_all(r"[\s\-]+", "_")
        return trimmed.str.contains(ASCII_PRINTABLE) & key.is_in(list(allowed)), [key]

    return fast


def fast_decimal(check: Callable[[pl.Expr], pl.Expr]) -> FastParse:
    """A plain decimal number (ASCII digits, optional sign and fraction) that passes `check`."""

    def fast(trimmed: pl.Expr) -> tuple[pl.Expr, list[pl.Expr]]:
        number = trimmed.cast(pl.Float64, strict=False)
        plain = trimmed.str.contains(r"^[+-]?[0-9]+(\.[0-9]+)?$")
        return plain & check(number), [number]

    return fast


# ---------------------------------------------------------------------------------------------
# Writing frames


def arrow_batches(frame: pl.DataFrame) -> pa.Table:
    """A frame for DuckDB to read: Arrow's plain strings, which it takes faster than polars'
    string views, in batches of a row group, which its threads read and write in parallel (a
    single batch of a million lines is inserted by one thread: twice the time on 2 cores)."""
    arrow = frame.to_arrow(compat_level=pl.CompatLevel.oldest())
    batches = arrow.to_batches(max_chunksize=DUCKDB_ROW_GROUP_SIZE)
    return pa.Table.from_batches(batches, schema=arrow.schema)


DUCKDB_ROW_GROUP_SIZE = 122_880  # rows


def insert_frame(
    con: duckdb.DuckDBPyConnection,
    table: str,
    frame: pl.DataFrame,
    order: pl.Series | None = None,
) -> None:
    """Insert a frame into a warehouse table by column name, a slice of INSERT_SLICE rows at a
    time: only one slice at a time is copied into Arrow's strings for DuckDB (at a million
    lines, a copy of the whole frame held half a gigabyte more). With `order` (row indices of
    the frame), the rows are written in that order, each slice gathered as it is copied."""
    for offset in range(0, frame.height, INSERT_SLICE):
        part = (
            frame.slice(offset, INSERT_SLICE)
            if order is None
            else frame[order.slice(offset, INSERT_SLICE)]
        )
        con.register("incoming_frame", arrow_batches(part))
        try:
            # The table name comes from the ingest code, never from input data.
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_frame")  # noqa: S608
        finally:
            con.unregister("incoming_frame")


# Rows inserted per statement: whole row groups, several of them, which DuckDB's threads write
# in parallel.
INSERT_SLICE = 2 * DUCKDB_ROW_GROUP_SIZE


def in_rows(row_numbers: Iterable[int]) -> pl.Expr:
    """True on the lines with these row numbers."""
    return pl.col(ROW).is_in(pl.Series(sorted(row_numbers), dtype=pl.Int64).implode())


def raw_frame(
    records: RecordFrame, spec: RecordFormat, rejected_rows: set[int], load_id: str, file_name: str
) -> pl.DataFrame:
    """Every row read, as text, for the format's raw table (as raw_rows makes it)."""
    frame = records.frame
    extra = [name for name in frame.columns if name != ROW and name not in spec.all_columns]
    extra_json = pl.lit(None, dtype=pl.String)
    if extra:  # JSON as Python writes it, line by line, only for files that have such columns
        extra_json = pl.Series(
            [
                extra_columns(record, spec)
                for _, record in records.records(frame.select(ROW, *extra))
            ],
            dtype=pl.String,
        )
    return frame.select(
        *[
            pl.col(name) if name in frame.columns else pl.lit(None, dtype=pl.String).alias(name)
            for name in spec.all_columns
        ],
        extra_json.alias("extra_columns"),
        (~in_rows(rejected_rows)).alias("loaded"),
        pl.lit(load_id).alias("load_id"),
        pl.lit(file_name).alias("file_name"),
        pl.col(ROW).alias("source_row_number"),
    )
