"""Columns in the reader's words written column-wise (dashboard.columnwise_words) are exactly the
texts of the per-value functions: format_number's digit grouping in each language, the
register reports of a delivery in one cell, the items reported as one number or a range."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.columnwise_words import deliveries_in_words, whole_number_words
from embargo import i18n
from embargo.i18n import MISSING, format_number, labels, translate

NUMBERS = [0, 1, -1, 12, 999, 1000, -1000, 12345, 123456, 1234567, -1234567, 10**12, 2**40]
FRACTIONS = [0.5, 1.9, -1.9, 999.99, 1000.0, 12345.6, None]

TITLES = {"sipri": "SIPRI Arms Transfers Database", "unroca": "UN Register of Conventional Arms"}
REPORTS = pl.List(
    pl.Struct(
        {"source": pl.String, "flow": pl.String, "quantity": pl.Float64, "transfer_id": pl.String}
    )
)
DELIVERIES = pl.DataFrame(
    {
        "delivery_id": ["d1", "d2", "d3", "d4", "d5"],
        "quantity_low": [12.0, 1000.0, None, 2.0, 1234567.0],
        "quantity_high": [14.0, 1000.0, None, 2.0, 1234999.0],
        "reported_by": [
            [
                {"source": "sipri", "flow": None, "quantity": 12.0, "transfer_id": "t1"},
                {"source": "unroca", "flow": "export", "quantity": 14.0, "transfer_id": "t2"},
                {"source": "unroca", "flow": "import", "quantity": None, "transfer_id": "t3"},
            ],
            [{"source": "att", "flow": "", "quantity": 1000.0, "transfer_id": "t4"}],
            [],
            None,
            [{"source": "sipri", "flow": "export", "quantity": 1234567.0, "transfer_id": "t5"}],
        ],
        "verdict": ["violation_indicator"] * 5,
    },
    schema_overrides={"reported_by": REPORTS},
)


def per_value(frame: pl.DataFrame, titles: dict[str, str]) -> pl.DataFrame:
    """The same columns written value by value with the per-value functions."""

    def reports(lines: list[dict] | None) -> str | None:
        if lines is None:
            return None
        parts = []
        for line in lines:
            text = translate(titles.get(line["source"], line["source"]))
            if line["flow"]:
                text += f" ({labels.value_label('flow', line['flow'])})"
            if line["quantity"] is not None:
                text += f": {format_number(int(line['quantity']))}"
            parts.append(text)
        return "; ".join(parts)

    def items(low: float | None, high: float | None) -> str:
        if low is None:
            return MISSING
        if low == high:
            return format_number(int(low))
        return f"{format_number(int(low))}–{format_number(int(high))}"

    lows, highs = frame["quantity_low"].to_list(), frame["quantity_high"].to_list()
    return frame.with_columns(
        pl.Series("items_reported", [items(*pair) for pair in zip(lows, highs, strict=True)]),
        pl.Series("reported_by", [reports(lines) for lines in frame["reported_by"].to_list()]),
    ).drop("quantity_low", "quantity_high")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_whole_numbers_are_grouped_as_format_number_groups_them(language):
    with i18n.using(language):
        for values in (NUMBERS, FRACTIONS):
            written = pl.select(whole_number_words(pl.lit(pl.Series(values)))).to_series()
            assert written.to_list() == [
                None if value is None else format_number(int(value)) for value in values
            ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_deliveries_read_as_the_per_value_functions_write_them(language):
    with i18n.using(language):
        written = deliveries_in_words(DELIVERIES, TITLES)
        assert written.equals(per_value(DELIVERIES, TITLES))
    assert written.columns == ["delivery_id", "reported_by", "verdict", "items_reported"]


def test_deliveries_in_english_and_french():
    with i18n.using("en"):
        english = deliveries_in_words(DELIVERIES, TITLES)
    with i18n.using("fr"):
        french = deliveries_in_words(DELIVERIES, TITLES)
    assert english["items_reported"].to_list() == [
        "12–14",
        "1,000",
        "—",
        "2",
        "1,234,567–1,234,999",
    ]
    assert english["reported_by"].to_list()[:2] == [
        "SIPRI Arms Transfers Database: 12; UN Register of Conventional Arms (Export): 14; "
        "UN Register of Conventional Arms (Import)",
        "att: 1,000",
    ]
    assert english["reported_by"].to_list()[2:4] == ["", None]
    assert french["items_reported"].to_list()[4] == "1\u202f234\u202f567–1\u202f234\u202f999"
