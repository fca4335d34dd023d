"""Value parsers shared by the formats: each takes a cell's trimmed text and returns the value, or
raises InvalidValue with a reason a field officer understands (what was expected)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from embargo.classification import DEFAULT_CLASSIFICATION, Classification
from ingest.kit.validation import InvalidValue

CLASSIFICATIONS = tuple(level.label for level in Classification)
FIRST_YEAR = 1800  # earlier years are typing errors in any of the field records


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


def or_list(values: Sequence[str]) -> str:
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"


def vocabulary_key(value: str) -> str:
    """A vocabulary word as typed, in the spelling of the vocabulary: any case, with spaces or
    hyphens for underscores ("Assault rifle" = assault_rifle)."""
    return re.sub(r"[\s\-]+", "_", value.strip().lower())


def vocabulary(column: str, allowed: Sequence[str]) -> Callable[[str], str]:
    """A value from a fixed list, in any case, with spaces or hyphens for underscores."""

    def parse(value: str) -> str:
        key = vocabulary_key(value)
        if key not in allowed:
            raise InvalidValue(f"{column} must be {or_list(allowed)}")
        return key

    return parse


def text(value: str) -> str:
    """Free text with surrounding and repeated white space removed (identifiers, names)."""
    return " ".join(value.split())


def text_or_none(value: object) -> str | None:
    """Any value as text with surrounding and repeated white space removed; None when empty."""
    if value is None:
        return None
    cleaned = " ".join(str(value).split())
    return cleaned or None


def iso_date(column: str) -> Callable[[str], dt.date]:
    """A full date YYYY-MM-DD, not in the future."""

    def parse(value: str) -> dt.date:
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            date = dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidValue(f"{column} {value} is not a date (YYYY-MM-DD)") from None
        if date > dt.date.today():
            raise InvalidValue(f"{column} {value} is in the future")
        return date

    return parse


def year(column: str) -> Callable[[str], int]:
    """A four-digit year from FIRST_YEAR to this year."""

    def parse(value: str) -> int:
        if column == "headstamp_year" and re.fullmatch(r"\d{2}", value):
            raise InvalidValue(
                f"{column} {value} is not a four-digit year: the century cannot be told from two "
                "digits; write the full year only if you know it, and the mark as written in "
                "markings"
            )
        if re.fullmatch(r"\d{1,3}", value):
            raise InvalidValue(f"{column} {value} is not a four-digit year")
        if not re.fullmatch(r"\d{4}", value):
            raise InvalidValue(f"{column} '{value}' is not a four-digit year")
        number = int(value)
        if number > dt.date.today().year:
            raise InvalidValue(f"{column} {number} is in the future")
        if number < FIRST_YEAR:
            raise InvalidValue(f"{column} {number} is before {FIRST_YEAR}: check the year")
        return number

    return parse


def year_between(column: str, first: int, why: str) -> Callable[[str], int]:
    """A year from `first` to the current year (a report covers a year that has begun)."""

    def parse(value: str) -> int:
        last = dt.date.today().year
        if not re.fullmatch(r"\d{4}", value):
            raise InvalidValue(f"{column} '{value}' is not a four-digit year")
        number = int(value)
        if not first <= number <= last:
            raise InvalidValue(f"{column} {number} is outside {first} to {last}: {why}")
        return number

    return parse


def positive_number(column: str) -> Callable[[str], float]:
    def parse(value: str) -> float:
        if not re.fullmatch(r"[+-]?\d+(\.\d+)?", value):
            raise InvalidValue(
                f"{column} '{value}' is not a number: write digits with '.' for decimals and no "
                "thousands separators or units"
            )
        number = float(value)
        if number <= 0:
            raise InvalidValue(f"{column} must be positive")
        return number

    return parse


def classification(value: str) -> str:
    return vocabulary("classification", CLASSIFICATIONS)(value)


def most_sensitive(levels: Sequence[str]) -> str:
    parsed = [Classification.parse(level) for level in levels]
    return max(parsed, default=DEFAULT_CLASSIFICATION).label


# ---------------------------------------------------------------------------------------------
# Serial numbers (seizures, traces, panel findings)

SERIAL_SEPARATORS = r"[\s\-\u2010-\u2015/\\.]+"


def normalize_serial(value: str) -> str:
    """Upper case without white space, dashes, slashes or dots: 'AK-12 345' -> 'AK12345'."""
    return re.sub(SERIAL_SEPARATORS, "", value).upper()


# What field officers write in the serial column when there is no readable serial: loading it
# would make every item with an 'OBLITERATED' serial of one model look like a single item.
SERIAL_PLACEHOLDERS = frozenset(
    normalize_serial(word)
    for word in (
        "none", "no serial", "n/a", "na", "nil", "unknown", "unk", "obliterated", "removed",
        "erased", "illegible", "unreadable", "defaced", "ground off", "not visible", "no number",
        "?", "x", "xx", "xxx",
    )
)  # fmt: skip


def serial_number(value: str) -> tuple[str, str]:
    """(serial as marked, serial_normalized)."""
    normalized = normalize_serial(value)
    if not normalized or not re.search(r"\w", normalized):
        raise InvalidValue(f"serial_number '{value}' has no letters or digits")
    if normalized in SERIAL_PLACEHOLDERS:
        raise InvalidValue(
            f"serial_number '{value}' is not a serial number: leave serial_number empty and "
            "describe the marking (obliterated, removed, ...) in markings or notes"
        )
    return value, normalized
