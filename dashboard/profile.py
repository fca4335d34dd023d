"""The country profile's data, gathered once from the query layer, and its key figures: the one
definition the Country profile page and the briefing packs share, so both show the same numbers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from dashboard import queries
from embargo.classification import Classification
from embargo.i18n import (
    MISSING,
    _,
    format_date,
    format_datetime,
    format_number,
    format_share,
    translate,
)
from embargo.i18n.labels import reference_value, value_label


@dataclass(frozen=True)
class ProfileData:
    scope: queries.ProfileScope
    country_name: str
    today: dt.date
    sources: pl.DataFrame
    embargoes: pl.DataFrame
    changes: pl.DataFrame
    change_points: pl.DataFrame
    imports_by_year: pl.DataFrame
    imports_around: pl.DataFrame
    deliveries: int
    data_problems: pl.DataFrame
    statuses: pl.DataFrame  # embargo_status of the country's embargoes
    suppliers: pl.DataFrame
    seizure_totals: dict
    seized: dict[str, pl.DataFrame]
    places: pl.DataFrame
    documents: pl.DataFrame
    fresh: pl.DataFrame
    tracing: pl.DataFrame
    sdg: pl.DataFrame
    findings: pl.DataFrame
    parties: pl.DataFrame
    conflict_by_year: pl.DataFrame
    conflict_by_type: pl.DataFrame

    @property
    def in_force(self) -> pl.DataFrame:
        return self.embargoes.filter(
            pl.col("in_force_until").is_null() | (pl.col("in_force_until") > self.today)
        )

    @property
    def in_force_status(self) -> list[dict]:
        """Each embargo in force on the profile's date with its status in words and caveat
        (dashboard/embargo_status.py): what the profile and the pack say first."""
        from dashboard.embargo_status import caveat, status_words

        shown = []
        for row in self.in_force.join(self.statuses, on="embargo_id", how="left").iter_rows(
            named=True
        ):
            shown.append(
                {
                    "embargo_id": row["embargo_id"],
                    "status_kind": row["status_kind"],
                    "status": status_words(row["status_kind"]),
                    "caveat": caveat(row),
                }
            )
        return shown

    @property
    def synthetic_titles(self) -> list[str]:
        return sorted(set(self.sources.filter(pl.col("is_synthetic"))["title"].to_list()))

    @property
    def highest_classification(self) -> Classification:
        """The most sensitive classification among the records the profile uses."""
        levels = [Classification.PUBLIC]
        for labels in self.sources["classifications"].to_list():
            levels += [Classification.parse(label) for label in labels]
        return max(levels)


def gather(
    clearance: Classification, scope: queries.ProfileScope, today: dt.date | None = None
) -> ProfileData:
    today = today or dt.date.today()
    iso3 = scope.country_iso3
    return ProfileData(
        scope=scope,
        country_name=queries.country_name(clearance, iso3) or iso3,
        today=today,
        sources=queries.country_profile_sources(clearance, scope),
        embargoes=queries.country_embargoes(clearance, iso3),
        changes=queries.country_embargo_changes(clearance, iso3),
        change_points=queries.embargo_change_points_for_country(clearance, iso3),
        imports_by_year=queries.country_imports_by_year(clearance, scope),
        imports_around=queries.imports_around_embargoes(clearance, iso3, today),
        deliveries=queries.country_delivery_count(clearance, scope),
        data_problems=queries.transfers_outside_state_existence(clearance, iso3),
        statuses=queries.embargo_statuses(clearance),
        suppliers=queries.country_top_suppliers(clearance, scope),
        seizure_totals=queries.country_seizure_totals(clearance, scope),
        seized=queries.country_seized_items(clearance, scope),
        places=queries.country_seizure_places(clearance, scope),
        documents=queries.country_seizure_documents(clearance, scope),
        fresh=queries.country_fresh_supply(clearance, scope),
        tracing=queries.country_tracing_outcomes(clearance, scope),
        sdg=queries.country_sdg_16_4_2(clearance, scope),
        findings=queries.country_panel_findings(clearance, scope),
        parties=queries.country_listed_parties(clearance, iso3),
        conflict_by_year=queries.country_conflict_by_year(clearance, scope),
        conflict_by_type=queries.country_conflict_by_type(clearance, scope),
    )


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    block: str  # the profile block whose sources back the figure


def _count(value: float | int | None, decimals: int = 0) -> str:
    return format_number(value, decimals)


def key_figures(data: ProfileData) -> list[KeyFigure]:
    tiv = data.imports_by_year["tiv"].sum() if data.imports_by_year.height else None
    figures = [
        KeyFigure(_("UN arms embargoes on record"), _count(data.embargoes.height), "embargoes"),
        KeyFigure(
            _("In force on {date}").format(date=format_date(data.today, "medium")),
            _count(data.in_force.height),
            "embargoes",
        ),
        KeyFigure(
            _("Changes recorded, with resolutions"), _count(data.changes.height), "embargoes"
        ),
        KeyFigure(
            _("Registered deliveries (all registers, each counted once)"),
            _count(data.deliveries),
            "transfers",
        ),
        KeyFigure(_("SIPRI TIV delivered (millions)"), _count(tiv, 1), "transfers"),
        KeyFigure(
            _("Seizure events documented"), _count(data.seizure_totals["events"]), "seizures"
        ),
        KeyFigure(
            _("Item lines documented"), _count(data.seizure_totals["item_lines"]), "seizures"
        ),
    ]
    if not data.fresh.is_empty():
        dated = int(data.fresh["dated_lines"].sum())
        fresh = int(data.fresh["fresh_lines"].sum())
        figures.append(
            KeyFigure(
                _("Dated items made after an embargo began"),
                _("{part} of {whole}").format(part=_count(fresh), whole=_count(dated))
                + f" ({format_share(fresh / dated)})",
                "seizures",
            )
        )
    requests = int(data.tracing["requests"].sum()) if data.tracing.height else 0
    answered = int(data.tracing["answered"].sum()) if data.tracing.height else 0
    figures.append(
        KeyFigure(
            _("Trace requests answered"),
            _("{part} of {whole}").format(part=_count(answered), whole=_count(requests)),
            "traces",
        )
    )
    figures.append(KeyFigure(_("Panel findings"), _count(data.findings.height), "findings"))
    individuals = data.parties.filter(pl.col("party_type") == "individual").height
    figures.append(
        KeyFigure(
            _("Listed individuals and entities"),
            _("{individuals} and {entities}").format(
                individuals=individuals, entities=data.parties.height - individuals
            ),
            "parties",
        )
    )
    figures.append(
        KeyFigure(
            _("Conflict events (fatalities)"),
            f"{_count(data.conflict_by_year['events'].sum())} "
            f"({_count(data.conflict_by_year['fatalities'].sum())})",
            "conflict",
        )
    )
    return figures


def imports_around_in_words(frame: pl.DataFrame) -> pl.DataFrame:
    """The imports before and during each embargo as a person reads them: a number only where
    the register covers the years and has a report for them, otherwise "—" and the reason (a
    missing report is never a zero), and which years were counted."""

    def number(value: float | int | None, decimals: int = 0) -> str:
        return MISSING if value is None else format_number(value, decimals)

    def years_note(row: dict) -> str:
        parts = []
        if row["years_counted"] < row["years"]:
            parts.append(
                _("{counted} of {years} years counted").format(
                    counted=row["years_counted"], years=row["years"]
                )
            )
        if row["years_not_reported"]:
            parts.append(_("{n} not reported").format(n=row["years_not_reported"]))
        if row["years_not_covered"]:
            parts.append(_("{n} not covered").format(n=row["years_not_covered"]))
        reporting = value_label("reporting", row["reporting"])
        return reporting + (f" ({'; '.join(parts)})" if parts else "")

    rows = list(frame.iter_rows(named=True))
    return pl.DataFrame(
        {
            "embargo_short_name": [row["embargo_short_name"] for row in rows],
            "embargo_start": [row["embargo_start"] for row in rows],
            "period": [value_label("period", row["period"]) for row in rows],
            "first_year": [row["first_year"] for row in rows],
            "last_year": [row["last_year"] for row in rows],
            "source_title": [translate(row["source_title"]) for row in rows],
            "deliveries": [number(row["deliveries"]) for row in rows],
            "items": [number(row["items"]) for row in rows],
            "tiv": [number(row["tiv"], 1) for row in rows],
            "tiv_per_year": [number(row["tiv_per_year"], 2) for row in rows],
            "reporting": [years_note(row) for row in rows],
        },
        schema={
            "embargo_short_name": pl.String,
            "embargo_start": pl.Date,
            "period": pl.String,
            "first_year": pl.Int64,
            "last_year": pl.Int64,
            "source_title": pl.String,
            "deliveries": pl.String,
            "items": pl.String,
            "tiv": pl.String,
            "tiv_per_year": pl.String,
            "reporting": pl.String,
        },
    )


def file_citations(data: ProfileData, block: str) -> list[str]:
    """One line per loaded file a block draws on: source, file, load date and records used."""
    rows = data.sources.filter(pl.col("block") == block)
    return [
        _("{source}: file {file}, loaded {date} ({records} records used).").format(
            source=translate(row["title"]),
            file=row["file_name"],
            date=format_date(row["loaded_at"], "iso"),
            records=format_number(row["rows_used"]),
        )
        + f" {reference_value(row, 'citation')}"
        + (" " + _("SYNTHETIC DEMO DATA, not facts.") if row["is_synthetic"] else "")
        for row in rows.iter_rows(named=True)
    ]


def sources_caption(data: ProfileData, block: str) -> str:
    """Where a block's figures come from: each source with its files, load dates and records."""
    rows = data.sources.filter(pl.col("block") == block)
    if rows.is_empty():
        return _("Sources: none loaded for this country.")
    parts = [
        _("{source} ({file}, loaded {moment} UTC, {records} records)").format(
            source=translate(row["title"]),
            file=row["file_name"],
            moment=format_datetime(row["loaded_at"]),
            records=format_number(row["rows_used"]),
        )
        for row in rows.iter_rows(named=True)
    ]
    citations = sorted({reference_value(row, "citation") for row in rows.iter_rows(named=True)})
    return _("Sources: {sources}.").format(sources="; ".join(parts)) + " " + " ".join(citations)
