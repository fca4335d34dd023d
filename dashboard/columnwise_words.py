"""Columns of a table in the reader's words, computed column-wise by polars expressions instead
of a Python call per value: a full Screening download holds 300,000 deliveries, each with its
register reports in one cell, which babel's number formatting and a Python loop took seconds
of the server's CPU to write (the page's 2,000 shown deliveries a noticeable part of its run).

The texts are exactly those of the per-value functions (embargo.i18n.format_number,
labels.value_label, translate): each distinct value is put into words once by them, and the
digit grouping of whole numbers is the one format_number gives, found from its own output."""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from embargo.i18n import MISSING, format_number, labels, language, translate


@lru_cache(maxsize=8)
def _number_signs(code: str) -> tuple[str, str]:
    """The group separator and minus sign format_number writes in language `code`, checked
    against its text of a large negative number (format_number reads the language itself)."""
    del code  # the cache's key: format_number speaks the current language
    separator = format_number(1000)[1:-3]
    minus = format_number(-1)[:-1]
    expected = f"{minus}1{separator}234{separator}567{separator}890"
    if format_number(-1234567890) != expected:
        raise ValueError(f"unexpected digit grouping: {format_number(-1234567890)!r}")
    return separator, minus


def whole_number_words(values: pl.Expr) -> pl.Expr:
    """Numbers as format_number writes them without decimals (`12,345` in English, `12 345` in
    French), a fraction cut as int() cuts it; a missing number stays missing."""
    separator, minus = _number_signs(language())
    whole = values.cast(pl.Int64)
    # Every third digit from the right gets a separator: reversed, a comma after each group of
    # three, reversed again, the comma that would lead taken off, then the language's sign.
    grouped = (
        whole.abs()
        .cast(pl.String)
        .str.reverse()
        .str.replace_all(r"(\d{3})", "${1},")
        .str.reverse()
        .str.strip_chars_start(",")
        .str.replace_all(",", separator, literal=True)
    )
    return pl.when(whole < 0).then(pl.lit(minus) + grouped).otherwise(grouped)


def _distinct_words(values: pl.Series, words) -> dict[str, str]:
    return {value: words(value) for value in values.drop_nulls().unique().to_list()}


def deliveries_in_words(frame: pl.DataFrame, titles: dict[str, str]) -> pl.DataFrame:
    """Deliveries matched across registers (screening_deliveries) as a person reads them: the
    items as one number where the reports agree and as a range where they differ
    (`items_reported`, in place of quantity_low and quantity_high), and every report of the
    delivery in one cell (`reported_by`: "Source (export): 12; Source (import): 14"), each
    register named by its title in `titles` (source id -> title, translated here)."""
    reports = frame["reported_by"].explode()
    sources = _distinct_words(
        reports.struct.field("source"), lambda source: translate(titles.get(source, source))
    )
    flows = _distinct_words(
        reports.struct.field("flow"), lambda flow: labels.value_label("flow", flow)
    )
    line = pl.element()
    flow = line.struct.field("flow")
    quantity = line.struct.field("quantity")
    report = pl.concat_str(
        [
            line.struct.field("source").replace_strict(sources, return_dtype=pl.String),
            pl.when(flow.is_not_null() & (flow != "")).then(
                pl.concat_str(
                    [pl.lit(" ("), flow.replace_strict(flows, return_dtype=pl.String), pl.lit(")")]
                )
            ),
            pl.when(quantity.is_not_null()).then(pl.lit(": ") + whole_number_words(quantity)),
        ],
        ignore_nulls=True,
    )
    low, high = pl.col("quantity_low"), pl.col("quantity_high")
    items = (
        pl.when(low.is_null())
        .then(pl.lit(MISSING))
        .when(low == high)
        .then(whole_number_words(low))
        .otherwise(pl.concat_str([whole_number_words(low), pl.lit("–"), whole_number_words(high)]))
    )
    return frame.with_columns(
        items.cast(pl.String).alias("items_reported"),
        pl.col("reported_by").list.eval(report).list.join("; ").alias("reported_by"),
    ).drop("quantity_low", "quantity_high")
