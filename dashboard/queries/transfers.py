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
        "SELECT DISTINCT t.source_id, s.title, s.is_synthetic FROM transfers AS t "
        "JOIN source_registry AS s USING (source_id) WHERE list_contains(?, t.classification) "
        "ORDER BY t.source_id",
        [clearance.visible_levels()],
    )


def transfer_filter_options(clearance: Classification) -> dict[str, pl.DataFrame]:
    """What the transfer filters can offer: parties, categories, sources and the year range."""
    visible = [clearance.visible_levels()]
    parties = fetch("SELECT * FROM transfer_parties(?)", visible)
    sources = transfer_sources(clearance)
    years = fetch(
        "SELECT min(coalesce(delivery_year, order_year)) AS first_year, "
        "max(coalesce(delivery_year, order_year)) AS last_year FROM transfers "
        "WHERE list_contains(?, classification)",
        visible,
    )
    categories = fetch(
        "SELECT DISTINCT category FROM transfers WHERE list_contains(?, classification) "
        "ORDER BY category",
        visible,
    )
    return {"parties": parties, "sources": sources, "years": years, "categories": categories}


def transfers_table(
    clearance: Classification, filters: TransferFilters, limit: int = 2000
) -> pl.DataFrame:
    return fetch(
        "SELECT transfer_id, delivery_id, source_id, supplier_name, supplier_iso3, recipient_name, "
        "recipient_iso3, recipient_actor_type, category, designation, description, order_year, "
        "delivery_year, quantity, value, value_unit, status, classification, file_name, "
        "source_row_number, load_id FROM transfers_filtered("
        "$visible, $suppliers, $recipients, $categories, $sources, $year_from, $year_to) "
        "ORDER BY delivery_year DESC NULLS LAST, transfer_id LIMIT $limit",
        filters.params(clearance, limit=limit),
    )


def transfers_count(clearance: Classification, filters: TransferFilters) -> int:
    frame = fetch(
        "SELECT count(*) AS n FROM transfers_filtered("
        "$visible, $suppliers, $recipients, $categories, $sources, $year_from, $year_to)",
        filters.params(clearance),
    )
    return int(frame["n"][0])


def deliveries_count(clearance: Classification, filters: TransferFilters) -> int:
    """Distinct deliveries behind the filtered transfers: one several registers report counts
    once (macro deliveries_filtered)."""
    frame = fetch(
        "SELECT count(*) AS n FROM deliveries_filtered("
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
