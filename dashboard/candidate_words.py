"""Why a registered transfer could explain a documented item, in the reader's language.

The warehouse's `item_transfer_candidates` (sql/macros/item_transfer_candidates.sql) gives each
candidate an English sentence for scripts and, beside it, the sentence's parts: the trace
request that confirms it, the deal, whether the recipient is the country of seizure, how many
years before the sighting it was delivered. Item search says the same from those parts, with
countries by their names in the reader's language (never a code), the source by its title and
years as years; a State as the register writes it ("China") is named as the reader's language
names it, any other party as written."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import polars as pl

from embargo import actors
from embargo.i18n import _, country_name, find_country, format_number, translate

# The columns the sentence reads (item_transfer_candidates' output).
PARTS = (
    "manufacturer",
    "model",
    "country_of_manufacture",
    "seizure_country_iso3",
    "event_date",
    "trace_id",
    "source_id",
    "source_record_id",
    "supplier_name",
    "recipient_name",
    "recipient_iso3",
    "designation",
    "description",
    "delivery_year",
    "quantity",
    "same_country",
    "years_before",
)


@cache
def _state_spellings() -> dict[str, str]:
    """The committed alias table's spellings of States ("UAE", "DR Congo"), as the loads
    resolve them -> ISO3 code."""
    return {
        key: alias.mapping.country_iso3
        for key, alias in actors.committed_aliases().items()
        if alias.mapping.actor_type in ("state", "historical") and alias.mapping.country_iso3
    }


def state_code(name: str) -> str | None:
    """The ISO3 code of the State a register's name stands for (a spelling of the alias table,
    or a country's name or alias in a supported language); None for any other party."""
    return _state_spellings().get(actors.normalize_name(name)) or find_country(name)


def party_words(name: str | None, iso3: str | None) -> str:
    """A supplier or recipient as the register writes it: a State by its name in the reader's
    language when the written name is that State's; anyone else (an armed group, a company) as
    written."""
    if not name:
        return country_name(iso3)
    if iso3 and state_code(name) == iso3:
        return country_name(iso3)
    return name


def _when(years: int) -> str:
    if years == 0:
        return _("the same year")
    if years == 1:
        return _("1 year earlier")
    return _("{years} years earlier").format(years=format_number(years))


def _what(row: dict) -> str:
    return " ".join(part for part in (row["designation"], row["description"]) if part)


def candidate_sentence(row: dict, source_title: Callable[[str], str]) -> str:
    """One candidate's reason (a row of item_transfer_candidates) in the reader's words;
    `source_title` names a source id."""
    supplier = party_words(row["supplier_name"], row["country_of_manufacture"])
    recipient = party_words(row["recipient_name"], row["recipient_iso3"])
    if row["trace_id"]:
        return _(
            "Confirmed by the response to trace request {trace}: the item was part of deal "
            "{deal} of {source} ({what} from {supplier} to {recipient}, delivered in {year})."
        ).format(
            trace=row["trace_id"],
            deal=row["source_record_id"],
            source=source_title(row["source_id"]),
            what=_what(row),
            supplier=supplier,
            recipient=recipient,
            year=row["delivery_year"],
        )
    item = " ".join(part for part in (row["manufacturer"], row["model"]) if part)
    return _(
        "{item} made in {made_in} and documented in {found_in} in {year}; {supplier} delivered "
        "{quantity} {what} to {recipient} ({where}) in {delivery_year}, {when}."
    ).format(
        item=item or _("An item"),
        made_in=country_name(row["country_of_manufacture"]),
        found_in=country_name(row["seizure_country_iso3"]),
        year=row["event_date"].year,
        supplier=supplier,
        quantity=format_number(row["quantity"] or 0),
        what=_what(row),
        recipient=recipient,
        where=_("the country of seizure") if row["same_country"] else _("a neighbour"),
        delivery_year=row["delivery_year"],
        when=_when(row["years_before"]),
    )


def with_sentences(candidates: pl.DataFrame, titles: dict[str, str]) -> pl.DataFrame:
    """The candidates with `explanation` in the reader's words (`titles`: source id -> title,
    translated here)."""
    sentences = [
        candidate_sentence(row, lambda source: translate(titles.get(source, source)))
        for row in candidates.select(PARTS).iter_rows(named=True)
    ]
    return candidates.with_columns(pl.Series("explanation", sentences, dtype=pl.String))


def chain_record_words(candidates: pl.DataFrame, explained: pl.DataFrame) -> dict[str, str]:
    """The chain's "could explain" records (item_chain_edges: the English explanation and the
    score) -> the same in the reader's words, from the candidates before and after
    `with_sentences`."""
    return {
        f"{english} ({score}/100)": f"{words} ({score}/100)"
        for english, words, score in zip(
            candidates["explanation"], explained["explanation"], candidates["score"], strict=True
        )
    }
