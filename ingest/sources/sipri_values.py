"""The cells of a SIPRI trade register as values: years, numbers of items, TIV figures, `?` flags
and Yes/No, each parser raising InvalidValue with what was expected (ingest.kit.validation), and the
spread of a classic deal over its delivery years (ingest.sources.sipri documents the rules)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from ingest.kit.validation import InvalidValue, RowCheck
from ingest.sources.sipri_header import YEAR

FIRST_YEAR = 1900
LAST_YEAR = 2100
MAX_REJECT_VALUE = 200

ISO_DATE_YEAR = re.compile(r"(\d{4})-\d{2}(-\d{2})?")
NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)")
DECIMAL_COMMA = re.compile(r"-?\d+,\d+")
LIST_SEPARATOR = re.compile(r"[;,]")


def read_number(text: str, decimal_comma: bool) -> float:
    """A number as SIPRI writes it (`2.5`); in a `;`-separated file re-saved by Excel in a locale
    with a decimal comma, `2,5`."""
    if decimal_comma and DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    if not NUMBER.fullmatch(text):
        raise InvalidValue("not a number")
    return float(text)


# --------------------------------------------------------------------------------------------
# Value parsers (each raises InvalidValue; ingest.kit.validation.RowCheck records it)
# --------------------------------------------------------------------------------------------


def sipri_year(text: str) -> int:
    if not YEAR.fullmatch(text):
        raise InvalidValue("expected a year (four digits)")
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidValue(f"year {year} is outside {FIRST_YEAR}-{LAST_YEAR}")
    return year


def required_year(check: RowCheck, column: str, raw: str) -> int | None:
    return check.parse(column, raw, sipri_year, required=True)


def order_date_year(check: RowCheck, column: str, raw: str) -> int | None:
    """The new layout's Order date is a year, or a date of which the year is taken."""
    dated = ISO_DATE_YEAR.fullmatch(raw.strip())
    return required_year(check, column, dated.group(1) if dated else raw)


def whole_items(decimal_comma: bool) -> Callable[[str], int]:
    """A number of items: digits, or a number that is whole (`3.0`, `3,0` with `;`)."""

    def parse(text: str) -> int:
        if text.isascii() and text.isdigit():
            return int(text)
        try:
            number = read_number(text, decimal_comma)
        except InvalidValue:
            raise InvalidValue("expected a whole number of items (0 or more)") from None
        if number < 0:
            raise InvalidValue("a number of items cannot be negative")
        if number != int(number):
            raise InvalidValue("expected a whole number of items (0 or more)")
        return int(number)

    return parse


def tiv_figure(decimal_comma: bool) -> Callable[[str], float]:
    """A SIPRI TIV figure: millions, 0 or more."""

    def parse(text: str) -> float:
        try:
            number = read_number(text, decimal_comma)
        except InvalidValue:
            raise InvalidValue(
                "expected a SIPRI TIV figure (a number of millions, 0 or more)"
            ) from None
        if number < 0:
            raise InvalidValue("a TIV figure cannot be negative")
        return number

    return parse


def uncertainty_flag(text: str) -> bool:
    """SIPRI's `?` column: the number to its left is uncertain."""
    if text != "?":
        raise InvalidValue("expected '?' (uncertain) or empty")
    return True


def yes_no(text: str) -> bool:
    lowered = text.lower()
    if lowered not in ("yes", "no"):
        raise InvalidValue("expected Yes or No")
    return lowered == "yes"


def delivery_years(check: RowCheck, column: str, raw: str) -> list[int]:
    """The classic layout's `Year(s) of delivery` list: one reject per bad year of the list."""
    years: list[int] = []
    for item in LIST_SEPARATOR.split(raw):
        text = item.strip()
        if not text:
            continue
        if not YEAR.fullmatch(text):
            check.reject(column, raw, f"'{text}' is not a year (four digits)")
            continue
        year = int(text)
        if year in years:
            check.reject(column, raw, f"delivery year {year} is listed twice")
        elif year > LAST_YEAR:
            check.reject(column, raw, f"delivery year {year} is after {LAST_YEAR}")
        elif year < FIRST_YEAR:
            check.reject(column, raw, f"year {year} is outside {FIRST_YEAR}-{LAST_YEAR}")
        else:
            years.append(year)
    return years


def row_check(line_number: int) -> RowCheck:
    return RowCheck(line_number, max_value_length=MAX_REJECT_VALUE)


# --------------------------------------------------------------------------------------------
# Spreading classic deals over their delivery years
# --------------------------------------------------------------------------------------------


def spread_deliveries(
    years: list[int], number: int | None, tiv: float | None
) -> list[tuple[int, int | None, float | None]]:
    """(year, items, TIV) per delivery year, earliest first: items split as evenly as whole
    items allow with the remainder one each to the earliest years; TIV in proportion to the
    items (evenly when the number is empty or 0), rounded to 6 decimals with the residue on the
    earliest year so the shares add up to the deal's TIV."""
    if len(years) == 1:
        return [(years[0], number, tiv)]
    years = sorted(years)
    count = len(years)
    quantities: list[int | None]
    if number is None:
        quantities = [None] * count
    else:
        base, remainder = divmod(number, count)
        quantities = [base + (1 if index < remainder else 0) for index in range(count)]
    values: list[float | None]
    if tiv is None:
        values = [None] * count
    elif count == 1:
        values = [tiv]
    else:
        # Items known: TIV follows the items; else every year gets the same share.
        shares = [q / number for q in quantities] if number else [1 / count] * count  # type: ignore[operator]
        spread = [round(tiv * share, 6) for share in shares]
        spread[0] = round(tiv - sum(spread[1:]), 6)
        values = list(spread)
    return list(zip(years, quantities, values, strict=True))


CLASSIC_ID_FIELDS = (
    "recipient",
    "supplier",
    "year_of_order",
    "number_ordered",
    "weapon_designation",
    "weapon_description",
    "comments",
)


def classic_record_id(cells: dict[str, str]) -> str:
    """Stable id of a classic deal (the layout has none): SHA-1 over the fields that describe the
    order, which do not change when deliveries are added."""
    key = "|".join([cells.get(name, "").strip() for name in CLASSIC_ID_FIELDS])
    return "classic-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
