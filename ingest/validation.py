"""Column-by-column validation shared by every ingester: each bad value becomes a reject with the
file, row number, column, value and a reason a field officer understands."""

from __future__ import annotations

import datetime as dt
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


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidValue("expected a date as YYYY-MM-DD") from None


def parse_bool(value: str) -> bool:
    lowered = value.lower()
    if lowered in ("true", "yes"):
        return True
    if lowered in ("false", "no"):
        return False
    raise InvalidValue("expected true or false")


def parse_int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise InvalidValue("expected a whole number") from None


def parse_float(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise InvalidValue("expected a decimal number") from None


def one_of(*allowed: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in allowed:
            raise InvalidValue("expected one of " + ", ".join(allowed))
        return value

    return parse


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
