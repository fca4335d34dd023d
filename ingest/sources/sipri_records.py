"""The records of a SIPRI trade register or TIV table as SIPRI and Excel write them: CSV records
after the header, put back together when an unquoted line break in Comments split one over
several physical lines (also when Excel padded both halves), surplus empty cells dropped, a
trailing `;` on every line removed (ingest.sources.sipri validates them)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ingest.sources.sipri_header import Header

# A comment broken by line breaks spans a few physical lines at most; a longer run of short lines
# is reported as one malformed record instead of swallowing the file.
MAX_LINES_PER_RECORD = 5


@dataclass
class Record:
    """One logical record: the physical line it starts on, its cells, and a problem when its
    cells cannot be matched to the header."""

    line_number: int
    fields: list[str]
    last_line: int
    problem: str | None = None


def strip_trailing_semicolon(lines: Iterable[str]) -> Iterator[str]:
    """Some exports end every line with `;` after the last comma-separated cell: drop it, so the
    last cell reads `3.25`, not `3.25;`."""
    for line in lines:
        body = line.rstrip("\r\n")
        if body.endswith(";"):
            yield body[:-1] + line[len(body) :]
        else:
            yield line


def physical_records(lines: list[str], header: Header) -> Iterator[tuple[int, int, list[str]]]:
    """(first line, last line, cells) of each csv record after the header; quoted cells may span
    lines, so the line numbers come from the reader."""
    source: Iterable[str] = lines[header.line_number :]
    if header.trailing_semicolon:
        source = strip_trailing_semicolon(source)
    reader = csv.reader(source, delimiter=header.delimiter)
    consumed = 0
    for fields in reader:
        first = header.line_number + consumed + 1
        consumed = reader.line_num
        yield first, header.line_number + consumed, fields


def fit_width(fields: list[str], width: int) -> list[str]:
    """Drop empty cells beyond the header's width: a trailing delimiter on every line, or Excel
    padding rows to the widest row."""
    if len(fields) > width and not any(cell.strip() for cell in fields[width:]):
        return fields[:width]
    return fields


def join_broken(head: list[str], tail: list[str]) -> list[str]:
    """Cells of a record whose last cell continues on the next line (the line break is kept)."""
    tail = tail or [""]
    return [*head[:-1], head[-1] + "\n" + tail[0], *tail[1:]]


def is_blank(fields: list[str]) -> bool:
    # One string to strip instead of one per cell (a register has tens of thousands of lines).
    return not "".join(fields).strip()


def reassemble_broken_records(
    physical: Iterable[tuple[int, int, list[str]]], width: int
) -> Iterator[Record]:
    """SIPRI writes Comments unquoted, so a line break inside a comment ends the physical line:
    the record continues on the next line (the classic export of October 2024 has two such
    records, four lines). A line with fewer cells than the header is joined with the following
    lines while the joined record still fits the header; a record that never fits is returned
    with a problem, to be rejected."""
    pending: Record | None = None
    for first, last, fields in physical:
        if pending is not None:
            joined = fit_width(join_broken(pending.fields, fields), width)
            lines_spanned = last - pending.line_number + 1
            if len(joined) <= width and lines_spanned <= MAX_LINES_PER_RECORD:
                pending.fields, pending.last_line = joined, last
                if len(joined) == width:
                    yield pending
                    pending = None
                continue
            yield short_record(pending, width)
            pending = None
        if is_blank(fields):
            continue
        fields = fit_width(fields, width)
        record = Record(first, fields, last)
        if len(fields) < width:
            pending = record
            continue
        if len(fields) > width:
            record.problem = (
                f"the record has {len(fields)} fields where the header has {width} "
                "(a delimiter inside a value that is not quoted?)"
            )
        yield record
    if pending is not None:
        yield short_record(pending, width)


def short_record(record: Record, width: int) -> Record:
    record.problem = (
        f"the record has {len(record.fields)} fields where the header has {width}, "
        "and the next line does not complete it"
    )
    return record


def merge_excel_padded_continuations(
    records: Iterable[Record], width: int, broken_column: int | None
) -> Iterator[Record]:
    """Excel pads every row to the widest one, so after a re-save both halves of a record broken
    inside Comments are full width: the first half's cells end with the comment, the second
    half's cells start with the rest of it. The two are merged when the first half, without its
    padding, ends exactly at the Comments column and the cells of both, without the padding,
    make exactly one record of the header's width."""
    if broken_column is None:
        yield from records
        return
    previous: Record | None = None
    for record in records:
        if previous is not None and record.problem is None and previous.problem is None:
            merged = padded_merge(previous.fields, record.fields, width, broken_column)
            if merged is not None:
                yield Record(previous.line_number, merged, record.last_line)
                previous = None
                continue
        if previous is not None:
            yield previous
        previous = record
    if previous is not None:
        yield previous


def padded_merge(
    head: list[str], tail: list[str], width: int, broken_column: int
) -> list[str] | None:
    if len(head) != broken_column + 1 and head[-1].strip():
        # Cells beyond Comments that are not padding: no broken comment (the usual record).
        return None
    head_cells = trim_empty_end(head)
    tail_cells = trim_empty_end(tail)
    if len(head_cells) != broken_column + 1 or not tail_cells or len(tail_cells) == width:
        return None
    merged = join_broken(head_cells, tail_cells)
    return merged if len(merged) == width else None


def trim_empty_end(fields: list[str]) -> list[str]:
    end = len(fields)
    while end and not fields[end - 1].strip():
        end -= 1
    return fields[:end]
