"""What a briefing pack says: key figures, sections of tables and images, and the numbered
citations behind them, assembled from the query layer for one viewer's clearance.

Nothing here talks to DuckDB or knows about PDF or slides: `assemble` asks dashboard.queries
(which filters by clearance before aggregating), draws the images with dashboard.briefing.images
and returns a `Briefing` that dashboard.briefing.pdf and dashboard.briefing.slides lay out."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import polars as pl

from dashboard import profile, queries
from dashboard.briefing import images
from embargo.classification import Classification

PRODUCT = "Embargo Monitor"
UN_MAP_DISCLAIMER = (
    "The boundaries and names shown and the designations used on this map do not imply official "
    "endorsement or acceptance by the United Nations."
)


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    citations: tuple[int, ...]


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[str]
    rows: list[list[str]]
    citations: tuple[int, ...]
    note: str = ""


@dataclass(frozen=True)
class Image:
    title: str
    png: bytes
    citations: tuple[int, ...]
    note: str = ""


@dataclass
class Section:
    heading: str
    text: str
    items: list[Table | Image] = field(default_factory=list)


@dataclass
class Briefing:
    title: str
    scope: str
    data_as_of: str
    # The state of the warehouse read (catalog snapshot or warehouse file): the pack can be
    # reproduced from it (`embargo export briefing --as-of SNAPSHOT`).
    data_version: str
    produced_at: dt.datetime
    marking: Classification
    synthetic_note: str | None
    key_figures: list[KeyFigure]
    sections: list[Section]
    citations: list[str]

    @property
    def marking_text(self) -> str:
        return self.marking.label.replace("_", " ").upper()


class _Citations:
    """Numbered citations, each text numbered once, in order of first use."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def add(self, text: str) -> int:
        if text not in self.texts:
            self.texts.append(text)
        return self.texts.index(text) + 1

    def add_all(self, texts: list[str]) -> tuple[int, ...]:
        return tuple(self.add(text) for text in texts)


def _number(value: float | int | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{decimals}f}"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return _number(value, 0 if value.is_integer() else 2)
    if isinstance(value, int) and not isinstance(value, bool):
        return _number(value)
    return str(value)


def _rows(frame: pl.DataFrame, columns: list[str]) -> list[list[str]]:
    return [[_text(value) for value in row] for row in frame.select(columns).iter_rows()]


def _by_year_and_number(symbol: str) -> tuple[int, int, str]:
    """S/RES/733 (1992) before S/RES/1519 (2003): resolutions in the order they were adopted."""
    year = re.search(r"\((\d{4})\)", symbol)
    number = re.search(r"/(\d+)", symbol)
    return (int(year.group(1)) if year else 0, int(number.group(1)) if number else 0, symbol)


def _scope_text(scope: queries.ProfileScope) -> str:
    years = (
        "all years"
        if (scope.year_from, scope.year_to) == (1950, 2100)
        else f"{scope.year_from}–{scope.year_to}"
    )
    return (
        f"Registered transfers, seized materiel and tracing: {years}. Embargo history and the "
        f"before/during comparison of imports: every embargo on the country "
        f"(baseline: the {queries.BASELINE_YEARS} years before imposition)."
    )


def _data_as_of(data: profile.ProfileData) -> str:
    records = data.sources.filter(pl.col("block") != "embargoes")["loaded_at"].max()
    reference = data.sources.filter(pl.col("block") == "embargoes")["loaded_at"].max()
    parts = [f"records loaded up to {records:%Y-%m-%d}" if records else "no records loaded"]
    if reference:
        parts.append(f"embargo reference loaded {reference:%Y-%m-%d}")
    return "; ".join(parts)


def assemble(
    clearance: Classification, scope: queries.ProfileScope, today: dt.date | None = None
) -> Briefing:
    """Everything a briefing pack on `scope` shows to a viewer with `clearance`."""
    data = profile.gather(clearance, scope, today)
    cite = _Citations()
    resolutions = sorted(
        set(data.changes["resolution"].drop_nulls().to_list())
        | set(data.embargoes["imposed_by"].to_list()),
        key=_by_year_and_number,
    )
    block_cites = {
        "embargoes": (
            cite.add(
                "UN Security Council resolutions, by symbol: "
                + "; ".join(resolutions)
                + ". As recorded in the Embargo Monitor reference table of UN arms embargoes."
            ),
            *cite.add_all(profile.file_citations(data, "embargoes")),
        ),
        "transfers": cite.add_all(profile.file_citations(data, "transfers")),
        "seizures": cite.add_all(profile.file_citations(data, "seizures")),
    }
    if not data.documents.is_empty():
        block_cites["seizures"] += (
            cite.add(
                "Documents cited by the seizure records (symbol, paragraphs): "
                + "; ".join(
                    f"{row['source_document']}"
                    + (f" paras {row['paragraphs']}" if row["paragraphs"] else "")
                    for row in data.documents.iter_rows(named=True)
                )
                + "."
            ),
        )
    block_cites["traces"] = cite.add_all(profile.file_citations(data, "traces"))
    block_cites["findings"] = _finding_citations(cite, data)
    block_cites["parties"] = cite.add_all(profile.file_citations(data, "parties"))
    block_cites["conflict"] = cite.add_all(profile.file_citations(data, "conflict"))

    synthetic = data.synthetic_titles
    return Briefing(
        title=f"{data.country_name} ({scope.country_iso3}): arms embargo briefing",
        scope=_scope_text(scope),
        data_as_of=_data_as_of(data),
        data_version=str(queries.data_version(clearance)),
        produced_at=dt.datetime.now(dt.UTC),
        marking=data.highest_classification,
        synthetic_note=(
            "Includes synthetic demo data (" + "; ".join(synthetic) + "): invented records for "
            "demonstration. They are not facts and must never be cited."
            if synthetic
            else None
        ),
        key_figures=[
            KeyFigure(figure.label, figure.value, block_cites[figure.block])
            for figure in profile.key_figures(data)
        ],
        sections=[
            _embargo_section(data, block_cites["embargoes"]),
            _imports_section(data, block_cites["transfers"]),
            _seizure_section(clearance, data, block_cites["seizures"]),
            _tracing_section(data.tracing, block_cites["traces"]),
            _findings_section(data, block_cites["findings"]),
            _parties_section(data, block_cites["parties"]),
            _conflict_section(data, block_cites["conflict"]),
        ],
        citations=cite.texts,
    )


def _embargo_section(data: profile.ProfileData, cites: tuple[int, ...]) -> Section:
    embargoes, changes, today = data.embargoes, data.changes, data.today
    section = Section(
        "Embargo history",
        "Every UN arms embargo on the country, from imposition to end, and every recorded "
        "change with the resolution that made it.",
    )
    if embargoes.is_empty():
        section.text = "No UN arms embargo on record for this country."
        return section
    section.items.append(
        Image("Embargo timeline", images.embargo_timeline(embargoes, changes, today), cites)
    )
    section.items.append(
        Table(
            "Embargoes",
            ["Embargo", "Target", "Imposed by", "From", "Until", "Ended by", "Status"],
            _rows(
                embargoes,
                [
                    "timeline_label",
                    "target_name",
                    "imposed_by",
                    "start_date",
                    "end_date",
                    "ended_by",
                    "status",
                ],
            ),
            cites,
        )
    )
    section.items.append(
        Table(
            "Every change and its resolution",
            ["Date", "Embargo", "Kind", "Resolution", "Change"],
            _rows(
                changes,
                ["change_date", "embargo_short_name", "change_kind", "resolution", "change"],
            ),
            cites,
        )
    )
    return section


def _imports_section(data: profile.ProfileData, cites: tuple[int, ...]) -> Section:
    by_year, around, suppliers = data.imports_by_year, data.imports_around, data.suppliers
    embargoes, today = data.embargoes, data.today
    section = Section(
        "Registered imports",
        f"Deliveries to the country in the transfer registers. Before: the "
        f"{queries.BASELINE_YEARS} calendar years before an embargo was imposed; during: the year "
        "of imposition to the last year in force. Sources are shown apart, never added: the same "
        "delivery may appear in several.",
    )
    if by_year.is_empty():
        section.text += " No registered delivery to the country is loaded."
        return section
    section.items.append(
        Image(
            "Registered deliveries per year",
            images.imports_by_year(by_year, embargoes, today),
            cites,
        )
    )
    if not around.is_empty():
        section.items.append(
            Table(
                "Imports before and during each embargo",
                ["Embargo", "Period", "Years", "Source", "Deliveries", "Items", "TIV", "TIV/yr"],
                [
                    [
                        row["embargo_short_name"] + f" {row['embargo_start']:%Y}",
                        row["period"],
                        f"{row['first_year']}–{row['last_year']}",
                        row["source_title"],
                        _text(row["deliveries"]),
                        _text(row["items"]),
                        _number(row["tiv"], 1),
                        _number(row["tiv_per_year"], 2),
                    ]
                    for row in around.iter_rows(named=True)
                ],
                cites,
            )
        )
    section.items.append(
        Table(
            "Largest suppliers",
            ["Source", "Supplier", "Deliveries", "Items", "TIV", "First", "Last"],
            [
                [
                    row["source_id"],
                    row["supplier"] or "unknown",
                    _text(row["deliveries"]),
                    _text(row["items"]),
                    _number(row["tiv"], 1),
                    str(row["first_year"]),
                    str(row["last_year"]),
                ]
                for row in suppliers.iter_rows(named=True)
            ],
            cites,
        )
    )
    return section


def _seizure_section(
    clearance: Classification, data: profile.ProfileData, cites: tuple[int, ...]
) -> Section:
    iso3, name = data.scope.country_iso3, data.country_name
    seized, places, fresh, embargoes = data.seized, data.places, data.fresh, data.embargoes
    section = Section(
        "Seized and recovered materiel",
        "Items documented in the country by category, country of manufacture and year of "
        "manufacture (headstamp year for ammunition). Fresh supply: of the dated weapons and "
        "ammunition lots documented while an embargo applied, those made in a later year than "
        "its start.",
    )
    section.items.append(
        Image(
            f"Where materiel was documented in {name}",
            images.country_map(queries.country_shapes_geojson(clearance), iso3, places, name),
            cites,
            note=UN_MAP_DISCLAIMER,
        )
    )
    if seized["category"].is_empty():
        section.text += " No seized or recovered item documented in the country is loaded."
        return section
    section.items.append(
        Image(
            "Documented items by category and by country of manufacture",
            images.seized_items(seized["category"], seized["origin"]),
            cites,
        )
    )
    starts = [day.year for day in embargoes["start_date"].to_list()]
    section.items.append(
        Image(
            "Documented items by year of manufacture",
            images.manufacture_years(seized["manufacture_year"], starts),
            cites,
            note="Vertical lines: years embargoes on the country were imposed.",
        )
    )
    section.items.append(
        Table(
            "Documented items by category",
            ["Category", "Item lines", "Items", "Rounds"],
            _rows(seized["category"], ["category", "item_lines", "items", "rounds"]),
            cites,
        )
    )
    if not fresh.is_empty():
        section.items.append(
            Table(
                "Fresh supply per embargo",
                ["Embargo", "Since", "Dated", "Fresh", "Share", "Latest year made"],
                [
                    [
                        row["embargo_short_name"],
                        str(row["embargo_start"]),
                        _text(row["dated_lines"]),
                        _text(row["fresh_lines"]),
                        f"{row['fresh_share']:.0%}",
                        str(row["latest_manufacture_year"]),
                    ]
                    for row in fresh.iter_rows(named=True)
                ],
                cites,
            )
        )
    return section


def _tracing_section(tracing: pl.DataFrame, cites: tuple[int, ...]) -> Section:
    section = Section(
        "Tracing outcomes",
        "Trace requests about items documented in the country, by status: answered (responded "
        "or partial) and whether the answer established the last legal recipient or the "
        "diversion point.",
    )
    if tracing.is_empty():
        section.text += " No trace request about items documented in the country is loaded."
        return section
    section.items.append(
        Table(
            "Trace requests by status",
            ["Status", "Requests", "Answered", "Origin established", "Median days to answer"],
            _rows(
                tracing,
                ["status", "requests", "answered", "origin_established", "median_response_days"],
            ),
            cites,
        )
    )
    return section


def _finding_citations(cite: _Citations, data: profile.ProfileData) -> tuple[int, ...]:
    """Each panel document cited with the paragraphs and annexes the findings come from, then
    the files the findings were loaded from."""
    numbers = []
    for (symbol,), rows in data.findings.group_by("document_symbol", maintain_order=True):
        places = sorted(
            {f"para {p}" for p in rows["paragraph"].drop_nulls()}
            | {f"annex {a}" for a in rows["annex"].drop_nulls()}
        )
        numbers.append(
            cite.add(
                f"{symbol} of {rows['document_date'][0]:%d %B %Y} ({rows['panel'][0]}): "
                + ", ".join(places)
                + "."
            )
        )
    return (*numbers, *cite.add_all(profile.file_citations(data, "findings")))


def _findings_section(data: profile.ProfileData, cites: tuple[int, ...]) -> Section:
    section = Section(
        "Panel findings",
        "Findings of the panels and groups of experts on the country's embargoes or naming the "
        "country as target, each with its document symbol, paragraph and annex.",
    )
    if data.findings.is_empty():
        section.text += " No panel finding on the country is loaded."
        return section
    section.items.append(
        Table(
            "Findings",
            ["Document", "Date", "Para", "Annex", "Type", "Confidence", "Summary"],
            _rows(
                data.findings,
                [
                    "document_symbol",
                    "document_date",
                    "paragraph",
                    "annex",
                    "finding_type",
                    "confidence",
                    "summary",
                ],
            ),
            cites,
        )
    )
    return section


def _parties_section(data: profile.ProfileData, cites: tuple[int, ...]) -> Section:
    section = Section(
        "Listed parties",
        "Individuals and entities on the UN Security Council Consolidated List under the "
        "sanctions regimes of the country's embargoes.",
    )
    if data.parties.is_empty():
        section.text += " No listed party of these regimes is loaded."
        return section
    section.items.append(
        Table(
            "Listed individuals and entities",
            ["Reference", "Name", "Type", "Regime", "Listed on", "Nationality"],
            _rows(
                data.parties,
                [
                    "reference_number",
                    "name",
                    "party_type",
                    "un_list_type",
                    "listed_on",
                    "nationality_iso3",
                ],
            ),
            cites,
        )
    )
    return section


def _conflict_section(data: profile.ProfileData, cites: tuple[int, ...]) -> Section:
    section = Section(
        "Conflict events",
        "Events of organised violence and political disorder in the country, for context: "
        "UCDP's best estimate or ACLED's count of fatalities.",
    )
    if data.conflict_by_year.is_empty():
        section.text += " No conflict event in the country is loaded."
        return section
    section.items.append(
        Image(
            "Conflict events and fatalities per year",
            images.conflict_by_year(data.conflict_by_year),
            cites,
        )
    )
    section.items.append(
        Table(
            "Conflict events by type",
            ["Source", "Type", "Events", "Fatalities", "First", "Last"],
            _rows(
                data.conflict_by_type,
                ["source", "event_type", "events", "fatalities", "first_date", "last_date"],
            ),
            cites,
        )
    )
    return section
