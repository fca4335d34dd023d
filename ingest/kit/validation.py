"""Validation shared by every format: each bad value becomes a reject with the file, row number,
column, value and a reason a field officer understands. A column's parser takes the trimmed text
and returns the value or raises InvalidValue (ingest.kit.values has the common ones); a row rule
sees the parsed row and returns a Reject or None. A row with any problem is rejected whole, one
reject per problem, so the user sees everything wrong with it at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field


class InvalidValue(ValueError):
    """A value that does not fit its column; the message says what was expected."""


@dataclass(frozen=True)
class Reject:
    row_number: int
    column_name: str | None
    value: str | None
    reason: str


@dataclass(frozen=True)
class Column:
    """One input column: its name, whether it must be filled, and how to parse it."""

    name: str
    parse: Callable[[str], object] = str
    required: bool = True


@dataclass
class Validated:
    rows: list[dict] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    rows_read: int = 0

    @property
    def rows_rejected(self) -> int:
        return len({reject.row_number for reject in self.rejects})


def validate_rows(
    records: Iterable[tuple[int, dict[str, str]]],
    columns: Sequence[Column],
    row_rules: Sequence[Callable[[dict], Reject | None]] = (),
) -> Validated:
    """Parse every (row_number, raw record) pair. A row with any problem is rejected whole, with
    one reject per problem, so the user sees everything wrong with it at once."""
    result = Validated()
    for row_number, record in records:
        result.rows_read += 1
        parsed: dict[str, object] = {}
        problems: list[Reject] = []
        for column in columns:
            raw = (record.get(column.name) or "").strip()
            if not raw:
                if column.required:
                    problems.append(Reject(row_number, column.name, raw, "a value is required"))
                parsed[column.name] = None
                continue
            try:
                parsed[column.name] = column.parse(raw)
            except InvalidValue as error:
                problems.append(Reject(row_number, column.name, raw, str(error)))
        if not problems:
            for rule in row_rules:
                problem = rule({"_row_number": row_number, **parsed})
                if problem is not None:
                    problems.append(problem)
        if problems:
            result.rejects.extend(problems)
        else:
            result.rows.append(parsed)
    return result


RowRule = Callable[[dict], Reject | None]


def check_row(
    row_number: int, record: dict[str, str], columns: Sequence[Column], rules: Sequence[RowRule]
) -> tuple[dict | None, list[Reject]]:
    """Parse one row column by column, then apply the row rules (which see the parsed values,
    `_row_number` and `_raw`, the cells as written). Returns (parsed row or None, problems)."""
    validated = validate_rows([(row_number, record)], columns)
    if validated.rejects:
        return None, validated.rejects
    raw = {name: (value or "").strip() for name, value in record.items()}
    row = {"_row_number": row_number, "_raw": raw, **validated.rows[0]}
    problems = [problem for rule in rules if (problem := rule(row)) is not None]
    return (None, problems) if problems else (row, [])


def raw_of(row: dict, column: str) -> str:
    """A cell as written in the file (trimmed), for reject values."""
    return row["_raw"].get(column, "")


@dataclass
class RowCheck:
    """The problems of one record whose cells are parsed one at a time (a format whose records
    are not one row of named columns, such as SIPRI's exports): each `parse` returns the value,
    or None after recording the problem, so every problem of the record is listed."""

    row_number: int
    rejects: list[Reject] = field(default_factory=list)
    max_value_length: int | None = None  # longer values are shortened in the reject

    def reject(self, column: str | None, value: str | None, reason: str) -> None:
        limit = self.max_value_length
        if value is not None and limit is not None and len(value) > limit:
            value = value[:limit] + "..."
        self.rejects.append(Reject(self.row_number, column, value, reason))

    def parse(
        self, column: str, raw: str, parse: Callable[[str], object], *, required: bool = False
    ) -> object | None:
        """`parse` of the trimmed cell; None for an empty cell (a reject when `required`)."""
        text = raw.strip()
        if not text:
            if required:
                self.reject(column, raw, "a value is required")
            return None
        try:
            return parse(text)
        except InvalidValue as error:
            self.reject(column, raw, str(error))
            return None
