"""Registered transfers: the Transfers and Flows page filters, tables, totals and flows, and the
exporter/importer mirror check."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from dashboard.queries.engine import fetch
from embargo.classification import Classification


@dataclass(frozen=True)
class TransferFilters:
    """The Transfers and Flows page filters; empty tuples mean "all"."""

    supplier_codes: tuple[str, ...] = ()
    recipient_codes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()
    year_from: int = 1950
    year_to: int = 2100

    def params(self, clearance: Classification, **extra: object) -> dict:
        return {
            "visible": clearance.visible_levels(),
            "suppliers": list(self.supplier_codes),
            "recipients": list(self.recipient_codes),
            "categories": list(self.categories),
            "sources": list(self.source_ids),
            "year_from": self.year_from,
            "year_to": self.year_to,
            **extra,
        }


def transfer_sources(clearance: Classification) -> pl.DataFrame:
    """The sources of the transfers the viewer may see, for filters and captions."""
    return fetch(
        "SELECT s.source_id, s.title, s.is_synthetic FROM source_registry AS s "
        "WHERE s.source_id IN (SELECT value FROM transfer_filter_values "
        "WHERE kind = 'source' AND list_contains(?, classification)) ORDER BY s.source_id",
        [clearance.visible_levels()],
    )


def transfer_filter_options(clearance: Classification) -> dict[str, pl.DataFrame]:
    """What the transfer filters can offer: parties, categories, sources and the year range, read
    in one statement (macro transfer_filter_lists)."""
    lists = fetch("SELECT * FROM transfer_filter_lists(?)", [clearance.visible_levels()])
    of = lists.partition_by("list", as_dict=True, include_key=False, maintain_order=True)
    empty = lists.clear()

    def entries(name: str) -> pl.DataFrame:
        return of.get((name,), empty)

    return {
        "parties": entries("party").select("role", pl.col("code").alias("country_iso3"), "name"),
        "sources": entries("source").select(
            pl.col("code").alias("source_id"), pl.col("name").alias("title"), "is_synthetic"
        ),
        "years": entries("years").select("first_year", "last_year"),
        "categories": entries("category").select(pl.col("code").alias("category")),
    }


def transfers_table(
    clearance: Classification, filters: TransferFilters, limit: int = 2000
) -> pl.DataFrame:
    """The first `limit` filtered lines, the latest delivered first, each with its delivery
    (transfers_filtered): the lines are chosen first and only those joined to their deliveries."""
    return fetch(
        "SELECT t.transfer_id, coalesce(m.delivery_id, t.transfer_id) AS delivery_id, "
        "t.source_id, t.supplier_name, t.supplier_iso3, t.recipient_name, t.recipient_iso3, "
        "t.recipient_actor_type, t.category, t.designation, "
        "t.description, t.order_year, t.delivery_year, t.quantity, t.value, t.value_unit, "
        "t.status, t.classification, t.file_name, t.source_row_number, t.load_id "
        "FROM (SELECT * FROM transfer_lines_filtered("
        "$visible, $suppliers, $recipients, $categories, $sources, $year_from, $year_to) "
        "ORDER BY delivery_year DESC NULLS LAST, transfer_id LIMIT $limit) AS t "
        "LEFT JOIN delivery_matched_lines AS m "
        "ON m.transfer_id = t.transfer_id AND m.clearance = clearance_of($visible) "
        "ORDER BY t.delivery_year DESC NULLS LAST, t.transfer_id",
        filters.params(clearance, limit=limit),
    )


def transfers_count(clearance: Classification, filters: TransferFilters) -> int:
    frame = fetch(
        "SELECT count(*) AS n FROM transfer_lines_filtered("
        "$visible, $suppliers, $recipients, $categories, $sources, $year_from, $year_to)",
        filters.params(clearance),
    )
    return int(frame["n"][0])


def deliveries_count(clearance: Classification, filters: TransferFilters) -> int:
    """Distinct deliveries behind the filtered transfers: one several registers report counts
    once (macro deliveries_filtered, added up from the stored groups)."""
    frame = fetch(
        "SELECT CAST(coalesce(sum(deliveries), 0) AS BIGINT) AS n FROM delivery_groups_filtered("
        "$visible, $suppliers, $recipients, $categories, $sources, $year_from, $year_to)",
        filters.params(clearance),
    )
    return int(frame["n"][0])


def transfer_totals_by_year(clearance: Classification, filters: TransferFilters) -> pl.DataFrame:
    return fetch(
        "SELECT * FROM transfer_totals_by_year("
        "$visible, $suppliers, $recipients, $categories, $sources, $year_from, $year_to)",
        filters.params(clearance),
    )


def transfer_flows(
    clearance: Classification, filters: TransferFilters, top: int = 40
) -> pl.DataFrame:
    return fetch(
        "SELECT * FROM transfer_flows("
        "$visible, $suppliers, $recipients, $categories, $sources, $year_from, $year_to) "
        "LIMIT $top",
        filters.params(clearance, top=top),
    )


def embargoed_countries_in_year(clearance: Classification, year: int) -> pl.DataFrame:
    return fetch("SELECT * FROM embargoed_countries_in_year(?)", [year])


def register_mirror(clearance: Classification, filters: TransferFilters) -> pl.DataFrame:
    """Exporter- against importer-reported numbers (UN Register, ATT) under the page filters."""
    return fetch(
        "SELECT * FROM register_mirror_filtered("
        "$visible, $suppliers, $recipients, $categories, $year_from, $year_to)",
        {key: value for key, value in filters.params(clearance).items() if key != "sources"},
    )
