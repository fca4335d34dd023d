"""The label catalogue: the one place that turns what the warehouse stores (column names,
vocabulary values, embargo ids, ISO3 codes, nulls, midnight timestamps) into words a person
reads, in the reader's language. Pages, charts, CSV downloads and briefing packs all go through
it.

The English labels live in two files, `locales/column_labels.csv` (column, label, help) and
`locales/vocabulary_labels.csv` (vocabulary, value, label); their French is in the gettext
catalogue like every other message (`locales/README.md` extracts them from the files).
VOCABULARY_LABELS_FILE is the one pointer to the vocabulary source.
"""

from __future__ import annotations

import csv
import datetime as dt
from functools import lru_cache

import polars as pl

from embargo.i18n import (
    LANGUAGES,
    LOCALES_DIR,
    MISSING,
    _,
    _reference_countries,
    country_name,
    language,
)
from embargo.python_columns import python_mapped

COLUMN_LABELS_FILE = LOCALES_DIR / "column_labels.csv"
VOCABULARY_LABELS_FILE = LOCALES_DIR / "vocabulary_labels.csv"

# Columns whose values come from a vocabulary named otherwise (every other column's vocabulary,
# when it has one, is named like the column).
COLUMN_VOCABULARY = {
    "recipient_actor_type": "actor_type",
    "supplier_actor_type": "actor_type",
    "finding_classification": "classification",
    "item_classification": "classification",
    "matched_classification": "classification",
    "transfer_classification": "classification",
    "event_classification": "classification",
    "weapon_category": "category",
    "item_category": "category",
    "coverage_category": "coverage",
    "widest_coverage": "coverage",
    "requirement": "coverage",
    "seizure_context": "context",
    "response_status": "status",
    "trace_status": "status",
    "state": "status",  # the states of trace requests, notifications and findings
}
# Columns holding an ISO3 code shown as the country's name.
COUNTRY_CODE_SUFFIX = "_iso3"
COUNTRY_CODE_COLUMNS = {"target_iso3", "country_of_manufacture"}
# Columns holding a country's code or another name as written (a trace request is addressed to
# a State or to a manufacturer): a code shown as the country's name, anything else as written.
COUNTRY_OR_NAME_COLUMNS = {"addressed_to"}
# Columns holding several ISO3 codes in one cell ("COD, RWA": the countries of a grid cell).
COUNTRY_LIST_COLUMNS = {"countries"}
# Columns of text the catalogue translates as it stands (embargo short names, source titles).
TRANSLATED_COLUMNS = {"embargo_short_name", "short_name", "panel_name", "title", "source_title"}
# Columns holding embargo ids, shown as "Target year (imposing resolution)".
EMBARGO_ID_COLUMNS = {"embargo_id", "panel", "embargo"}


@lru_cache(maxsize=1)
def _column_rows() -> dict[str, tuple[str, str]]:
    with COLUMN_LABELS_FILE.open(encoding="utf-8", newline="") as file:
        return {row["column"]: (row["label"], row["help"]) for row in csv.DictReader(file)}


@lru_cache(maxsize=1)
def _vocabulary_rows() -> dict[str, dict[str, str]]:
    vocabularies: dict[str, dict[str, str]] = {}
    with VOCABULARY_LABELS_FILE.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            vocabularies.setdefault(row["vocabulary"], {})[row["value"]] = row["label"]
    return vocabularies


def known_columns() -> set[str]:
    return set(_column_rows())


def vocabularies() -> dict[str, dict[str, str]]:
    """Every vocabulary with its values and English labels."""
    return {name: dict(values) for name, values in _vocabulary_rows().items()}


def vocabulary_of(column: str) -> str | None:
    name = COLUMN_VOCABULARY.get(column, column)
    return name if name in _vocabulary_rows() else None


def column_label(column: str) -> str:
    """A column's label in the reader's language; a column missing from the catalogue reads as
    its words (`recipient_actor_type` -> "Recipient actor type"), never as the raw name."""
    label, _help = _column_rows().get(column, ("", ""))
    if not label:
        words = column.replace("_", " ").strip()
        label = words[:1].upper() + words[1:]
    return _(label)


def column_help(column: str) -> str | None:
    _label, text = _column_rows().get(column, ("", ""))
    return _(text) if text else None


def value_label(vocabulary: str, value: object) -> str:
    """A vocabulary value in words (`violation_indicator` -> "Violation indicator"); "—" for
    none; an unknown value as its words rather than with underscores."""
    if value is None or value == "":
        return MISSING
    label = _vocabulary_rows().get(vocabulary, {}).get(str(value))
    if label is None:
        text = str(value).replace("_", " ")
        return _(text[:1].upper() + text[1:]) if "_" in str(value) else _(str(value))
    return _(label)


def embargo_labels(timeline: pl.DataFrame) -> dict[str, str]:
    """Embargo id -> "Target year (imposing resolution)" in the reader's language, from the
    embargo timeline (embargo_id, timeline_label = short name and year, imposed_by)."""
    labels = {}
    for row in timeline.iter_rows(named=True):
        short, _space, year = row["timeline_label"].rpartition(" ")
        label = (
            f"{short_name(short)} {year}" if year.isdigit() else short_name(row["timeline_label"])
        )
        labels[row["embargo_id"]] = f"{label} ({row['imposed_by']})" if row["imposed_by"] else label
    return labels


def short_name(short: str) -> str:
    """An embargo's short name ("CAR: armed groups") in the reader's language: the short names
    are the `embargo_short_name` vocabulary, generated from the reference table of embargoes."""
    return _(short)


def country_name_english(iso3: str) -> str | None:
    found = _reference_countries().get(iso3)
    return found[1] if found else None


def is_country_code_column(column: str) -> bool:
    return column.endswith(COUNTRY_CODE_SUFFIX) or column in COUNTRY_CODE_COLUMNS


def _text(value: object) -> str:
    return MISSING if value is None else str(value)


# Reference texts the project writes in English carry their other languages beside them, in a
# column named after the English one with the language's code (`change`, `change_fr`).
def reference_value(row: dict, column: str) -> str | None:
    """A row's reference text (`row[column]`) in the reader's language: its translation
    (`row[column + "_fr"]`) when there is one, else the English marked as English, never
    silently mixed in."""
    english = row.get(column)
    if english is None or language() == "en":
        return english
    translated = row.get(f"{column}_{language()}")
    if translated:
        return translated
    return _("{text} (in English)").format(text=english)


def in_reader_language(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with each reference text column (`change`) in the reader's language, taken
    from its companion column (`change_fr`) or marked as English where that is empty, and the
    companion columns dropped."""
    companions = [
        f"{name}_{code}"
        for name in frame.columns
        for code in LANGUAGES
        if code != "en" and f"{name}_{code}" in frame.columns
    ]
    if not companions:
        return frame
    own = language()
    replaced = []
    for name in {companion.rsplit("_", 1)[0] for companion in companions}:
        translated = f"{name}_{own}"
        if own == "en" or translated not in frame.columns:
            continue
        prefix, suffix = _("{text} (in English)").split("{text}")
        marked = pl.concat_str([pl.lit(prefix), pl.col(name), pl.lit(suffix)])
        present = pl.col(translated).is_not_null() & (pl.col(translated) != "")
        replaced.append(
            pl.when(pl.col(name).is_null())
            .then(None)
            .when(present)
            .then(pl.col(translated))
            .otherwise(marked)
            .alias(name)
        )
    return frame.with_columns(replaced).drop(companions)


def label_values(
    frame: pl.DataFrame,
    embargoes: dict[str, str] | None = None,
    open_ended: tuple[str, ...] = ("end_date", "valid_to", "in_force_until"),
    keep: tuple[str, ...] = (),
    lookups: dict[str, dict[str, str]] | None = None,
) -> pl.DataFrame:
    """The frame with every value a person reads in words: vocabulary values labelled, ISO3
    codes as country names, embargo ids as their labels, empty text as "—", empty end dates as
    "open-ended", timestamps that are all midnight as dates. Columns named in `keep` stay as
    stored (e.g. a code a link is built from). `lookups` names the words for the values of
    other columns (e.g. source id -> source title), translated."""
    frame = in_reader_language(frame)
    embargoes = embargoes or {}
    lookups = lookups or {}
    replaced = []
    for name, dtype in frame.schema.items():
        if name in keep:
            continue
        column = pl.col(name)
        if dtype == pl.Datetime and _all_midnight(frame[name]):
            replaced.append(column.dt.date())
            continue
        if name in open_ended and dtype in (pl.Date, pl.Datetime):
            # An end nobody has set is an embargo still in force: say so instead of "None".
            days = python_mapped(frame, name, lambda day: day.isoformat()[:10], name)
            replaced.append(pl.lit(days).fill_null(_("open-ended")).alias(name))
            continue
        if dtype not in (pl.String, pl.Categorical, pl.Enum):
            continue
        text = column.cast(pl.String)
        vocabulary = vocabulary_of(name)
        if name in lookups:
            values = frame[name].cast(pl.String).unique().to_list()
            words = lookups[name]
            mapping = {value: _(words.get(value, value)) for value in values if value}
            replaced.append(text.replace_strict(mapping, default=text).fill_null(MISSING))
        elif vocabulary is not None:
            values = frame[name].cast(pl.String).unique().to_list()
            mapping = {value: value_label(vocabulary, value) for value in values if value}
            replaced.append(text.replace_strict(mapping, default=text).fill_null(MISSING))
        elif name in TRANSLATED_COLUMNS:
            values = frame[name].cast(pl.String).unique().to_list()
            mapping = {value: _(value) for value in values if value}
            replaced.append(text.replace_strict(mapping, default=text).fill_null(MISSING))
        elif name in EMBARGO_ID_COLUMNS and embargoes:
            values = frame[name].cast(pl.String).unique().to_list()
            mapping = {value: embargoes.get(value, value) for value in values if value}
            replaced.append(text.replace_strict(mapping, default=text).fill_null(MISSING))
        elif is_country_code_column(name):
            values = frame[name].cast(pl.String).unique().to_list()
            mapping = {value: country_name(value) for value in values if value}
            replaced.append(text.replace_strict(mapping, default=text).fill_null(MISSING))
        elif name in COUNTRY_LIST_COLUMNS:
            values = frame[name].cast(pl.String).unique().to_list()
            mapping = {
                value: ", ".join(country_name(code) for code in value.split(", "))
                for value in values
                if value
            }
            replaced.append(text.replace_strict(mapping, default=text).fill_null(MISSING))
        elif name in COUNTRY_OR_NAME_COLUMNS:
            codes = _reference_countries()
            values = frame[name].cast(pl.String).unique().to_list()
            mapping = {value: country_name(value) for value in values if value in codes}
            replaced.append(text.replace_strict(mapping, default=text).fill_null(MISSING))
        else:
            replaced.append(text.fill_null(MISSING))
    return frame.with_columns(replaced) if replaced else frame


def _all_midnight(series: pl.Series) -> bool:
    values = series.drop_nulls()
    if values.is_empty():
        return False
    return bool(
        (
            (values.dt.hour() == 0)
            & (values.dt.minute() == 0)
            & (values.dt.second() == 0)
            & (values.dt.microsecond() == 0)
        ).all()
    )


def labelled_frame(
    frame: pl.DataFrame, embargoes: dict[str, str] | None = None, **options
) -> pl.DataFrame:
    """The frame as a person reads it, column names included: for CSV downloads and packs."""
    values = label_values(frame, embargoes, **options)
    names = {}
    for column in values.columns:
        label = column_label(column)
        while label in names.values():  # two columns with one label stay apart
            label += " "
        names[column] = label
    return values.rename(names)


def year_text(day: dt.date | None) -> str:
    return MISSING if day is None else str(day.year)


def text_of(value: object) -> str:
    """Any cell as text: none as "—", a date without a time of day."""
    if value is None:
        return MISSING
    if isinstance(value, dt.datetime) and value.time() == dt.time(0, 0):
        return value.date().isoformat()
    return _text(value)
