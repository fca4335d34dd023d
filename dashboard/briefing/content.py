"""What a briefing pack says: key figures, sections of tables and images, and the numbered
citations behind them, assembled from the query layer for one viewer's clearance.

Nothing here talks to DuckDB or knows about PDF or slides: `assemble` asks dashboard.queries
(which filters by clearance before aggregating), draws the images with dashboard.briefing.images
and returns a `Briefing` (dashboard.briefing.model) that dashboard.briefing.pdf and
dashboard.briefing.slides lay out. The summary and the screening verdicts, which open the pack,
are written by dashboard.briefing.summary."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl

from dashboard import map_layers, profile, queries
from dashboard.briefing import images
from dashboard.briefing.model import (
    PRODUCT,
    Briefing,
    Citations,
    Image,
    KeyFigure,
    Section,
    Table,
)
from dashboard.briefing.model import cell_text as _text
from dashboard.briefing.summary import screening_section, summary_section
from dashboard.captions import EMBARGO_SOURCE, SHAPES_SOURCE, caption_lines, data_version_text
from dashboard.charts import short_embargo_label
from dashboard.embargo_status import status_words
from embargo.classification import Classification
from embargo.i18n import (
    _,
    country_name,
    format_date,
    format_datetime,
    format_number,
    format_share,
    translate,
)
from embargo.i18n.labels import (
    embargo_labels,
    in_reader_language,
    label_values,
    short_name,
    value_label,
)


def _number(value: float | int | None, decimals: int = 0) -> str:
    return format_number(value, decimals)


def _rows(frame: pl.DataFrame, columns: list[str]) -> list[list[str]]:
    """The columns' cells as a reader reads them: vocabulary values labelled, country codes as
    names, no date as "open-ended" where an end is meant, none as "—", reference texts in the
    pack's language."""
    shown = label_values(in_reader_language(frame).select(columns))
    return [[_text(value) for value in row] for row in shown.iter_rows()]


def produced_text(briefing: Briefing) -> str:
    return _(
        "Produced by {product} on {moment} UTC. Classification of the most sensitive data "
        "included: {marking}."
    ).format(
        product=PRODUCT,
        moment=format_datetime(briefing.produced_at),
        marking=briefing.marking_text,
    )


def _by_year_and_number(symbol: str) -> tuple[int, int, str]:
    """S/RES/733 (1992) before S/RES/1519 (2003): resolutions in the order they were adopted."""
    year = re.search(r"\((\d{4})\)", symbol)
    number = re.search(r"/(\d+)", symbol)
    return (int(year.group(1)) if year else 0, int(number.group(1)) if number else 0, symbol)


def _scope_text(scope: queries.ProfileScope) -> str:
    years = (
        _("all years")
        if (scope.year_from, scope.year_to) == (1950, 2100)
        else f"{scope.year_from}–{scope.year_to}"
    )
    return _(
        "Registered transfers, seized materiel and tracing: {years}. Embargo history and the "
        "before/during comparison of imports: every embargo on the country (baseline: the "
        "{baseline} years before imposition)."
    ).format(years=years, baseline=queries.BASELINE_YEARS)


def _places(paragraphs: str | None) -> str:
    """A document's paragraphs and annexes as the seizure records cite them ("12, 40, annex 3")
    in the pack's words: "paras 12, 40, annex 3"."""
    if not paragraphs:
        return ""
    parts = [part.strip() for part in paragraphs.split(",") if part.strip()]
    annexes = [part[len("annex") :].strip() for part in parts if part.lower().startswith("annex")]
    numbers = [part for part in parts if not part.lower().startswith("annex")]
    words = [_("paras {numbers}").format(numbers=", ".join(numbers))] if numbers else []
    return ", ".join(words + [_("annex {number}").format(number=annex) for annex in annexes])


def _data_as_of(data: profile.ProfileData) -> str:
    records = data.sources.filter(pl.col("block") != "embargoes")["loaded_at"].max()
    reference = data.sources.filter(pl.col("block") == "embargoes")["loaded_at"].max()
    parts = [
        _("records loaded up to {date}").format(date=format_date(records))
        if records
        else _("no records loaded")
    ]
    if reference:
        parts.append(_("embargo reference loaded {date}").format(date=format_date(reference)))
    return "; ".join(parts)


def assemble(
    clearance: Classification, scope: queries.ProfileScope, today: dt.date | None = None
) -> Briefing:
    """Everything a briefing pack on `scope` shows to a viewer with `clearance`."""
    data = profile.gather(clearance, scope, today)
    cite = Citations()
    resolutions = sorted(
        set(data.changes["resolution"].drop_nulls().to_list())
        | set(data.embargoes["imposed_by"].to_list()),
        key=_by_year_and_number,
    )
    block_cites = {
        "embargoes": (
            cite.add(
                _(
                    "UN Security Council resolutions, by symbol: {resolutions}. As recorded in "
                    "the Embargo Monitor reference table of UN arms embargoes."
                ).format(resolutions="; ".join(resolutions))
            ),
            *cite.add_all(profile.file_citations(data, "embargoes")),
        ),
        "transfers": cite.add_all(profile.file_citations(data, "transfers")),
        "seizures": cite.add_all(profile.file_citations(data, "seizures")),
    }
    if not data.documents.is_empty():
        block_cites["seizures"] += (
            cite.add(
                _(
                    "Documents cited by the seizure records (symbol, paragraphs): {documents}."
                ).format(
                    documents="; ".join(
                        " ".join(filter(None, [row["source_document"], _places(row["paragraphs"])]))
                        for row in data.documents.iter_rows(named=True)
                    )
                )
            ),
        )
    block_cites["traces"] = cite.add_all(profile.file_citations(data, "traces"))
    block_cites["findings"] = _finding_citations(cite, data)
    block_cites["parties"] = cite.add_all(profile.file_citations(data, "parties"))
    block_cites["conflict"] = cite.add_all(profile.file_citations(data, "conflict"))

    synthetic = data.synthetic_titles
    version = data_version_text(queries.data_version(clearance))
    return Briefing(
        title=_("{country} ({code}): arms embargo briefing").format(
            country=country_name(scope.country_iso3, data.country_name), code=scope.country_iso3
        ),
        scope=_scope_text(scope),
        data_as_of=_data_as_of(data),
        data_version=version,
        produced_at=dt.datetime.now(dt.UTC),
        marking=data.highest_classification,
        synthetic_note=(
            _(
                "Includes synthetic demo data ({titles}): invented records for demonstration. "
                "They are not facts and must never be cited."
            ).format(titles="; ".join(_(title) for title in synthetic))
            if synthetic
            else None
        ),
        key_figures=[
            KeyFigure(figure.label, figure.value, block_cites[figure.block])
            for figure in profile.key_figures(data)
        ],
        sections=[
            summary_section(clearance, data, block_cites),
            _embargo_section(data, block_cites["embargoes"], version),
            screening_section(clearance, data, block_cites["transfers"]),
            _imports_section(data, block_cites["transfers"], version),
            _seizure_section(clearance, data, block_cites["seizures"], version),
            _tracing_section(data.tracing, block_cites["traces"]),
            _findings_section(data, block_cites["findings"]),
            _parties_section(data, block_cites["parties"]),
            _conflict_section(data, block_cites["conflict"], version),
        ],
        citations=cite.texts,
    )


def _caption(title: str, source: str, version: str, is_map: bool = False) -> images.Caption:
    """What an image carries inside it: its title, then the source, the data version, the day
    drawn and on a map the UN disclaimer, as the dashboard's charts carry them."""
    return images.Caption(title, tuple(caption_lines(source, version, is_map)))


def _embargo_section(data: profile.ProfileData, cites: tuple[int, ...], version: str) -> Section:
    embargoes, changes, today = data.embargoes, data.changes, data.today
    section = Section(
        _("Embargo history"),
        _(
            "Every UN arms embargo on the country, from imposition to end, and every recorded "
            "change with the resolution that made it."
        ),
    )
    if embargoes.is_empty():
        section.text = _("No UN arms embargo on record for this country.")
        return section
    kinds = dict(zip(data.statuses["embargo_id"], data.statuses["status_kind"], strict=True))
    statuses = data.in_force_status
    if statuses:
        labels = embargo_labels(embargoes)
        section.items.append(
            Table(
                _("Status of the embargoes in force on {date}").format(
                    date=format_date(today, "medium")
                ),
                [_("Embargo"), _("Status"), _("Caveat")],
                [
                    [labels.get(row["embargo_id"], row["embargo_id"]), row["status"], row["caveat"]]
                    for row in statuses
                ],
                cites,
            )
        )
    title = _("Embargo timeline")
    section.items.append(
        Image(
            title,
            images.embargo_timeline(
                embargoes, changes, today, caption=_caption(title, _(EMBARGO_SOURCE), version)
            ),
            cites,
        )
    )
    section.items.append(
        Table(
            _("Embargoes"),
            [
                _("Embargo"),
                _("Target"),
                _("Imposed by"),
                _("From"),
                _("Until"),
                _("Ended by"),
                _("Status"),
            ],
            _rows(
                embargoes.with_columns(
                    timeline_label=pl.Series(
                        [short_embargo_label(row) for row in embargoes.iter_rows(named=True)],
                        dtype=pl.String,
                    ),
                    # in force only where verified: projected and contested say so
                    status=pl.Series(
                        [
                            status_words(kinds.get(row["embargo_id"]))
                            if kinds.get(row["embargo_id"])
                            else value_label("status", row["status"])
                            for row in embargoes.iter_rows(named=True)
                        ],
                        dtype=pl.String,
                    ),
                ),
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
            _("Every change and its resolution"),
            [_("Date"), _("Embargo"), _("Kind"), _("Resolution"), _("Change")],
            _rows(
                changes,
                ["change_date", "embargo_short_name", "change_kind", "resolution", "change"],
            ),
            cites,
        )
    )
    return section


def _imports_section(data: profile.ProfileData, cites: tuple[int, ...], version: str) -> Section:
    by_year, around, suppliers = data.imports_by_year, data.imports_around, data.suppliers
    embargoes, today = data.embargoes, data.today
    section = Section(
        _("Registered imports"),
        _(
            "Deliveries to the country in the transfer registers. Before: the {years} calendar "
            "years before an embargo was imposed; during: the year of imposition to the last year "
            "in force. Registers are shown apart, each counting distinct deliveries, and together "
            "with each delivery once; a missing report is never a zero (—)."
        ).format(years=queries.BASELINE_YEARS),
    )
    if by_year.is_empty():
        section.text += " " + _("No registered delivery to the country is loaded.")
        return section
    title = _("Registered deliveries per year")
    section.items.append(
        Image(
            title,
            images.imports_by_year(
                by_year,
                embargoes,
                today,
                dict(zip(data.sources["source_id"], data.sources["title"], strict=False)),
                caption=_caption(title, profile.sources_caption(data, "transfers"), version),
            ),
            cites,
        )
    )
    if not around.is_empty():
        shown = profile.imports_around_in_words(around)
        section.items.append(
            Table(
                _("Imports before and during each embargo"),
                [
                    _("Embargo"),
                    _("Period"),
                    _("Years"),
                    _("Source"),
                    _("Reporting"),
                    _("Deliveries"),
                    _("Items"),
                    _("TIV"),
                    _("TIV/yr"),
                ],
                [
                    [
                        _short_name(row) + f" {row['embargo_start']:%Y}",
                        row["period"],
                        f"{row['first_year']}–{row['last_year']}",
                        row["source_title"],
                        row["reporting"],
                        row["deliveries"],
                        row["items"],
                        row["tiv"],
                        row["tiv_per_year"],
                    ]
                    for row in shown.iter_rows(named=True)
                ],
                cites,
                note=_(
                    'A missing report is never a zero: "—" where the register did not cover '
                    "the years or the State filed no report and no other State reported a "
                    "delivery to it. Each register counts distinct deliveries; the last row of "
                    "each period counts each delivery once across all registers."
                ),
            )
        )
    titles = dict(zip(data.sources["source_id"], data.sources["title"], strict=False))
    section.items.append(
        Table(
            _("Largest suppliers"),
            [
                _("Source"),
                _("Supplier"),
                _("Deliveries"),
                _("Items"),
                _("TIV"),
                _("First"),
                _("Last"),
            ],
            [
                [
                    translate(titles.get(row["source_id"], row["source_id"])),
                    country_name(row["supplier_iso3"], row["supplier"])
                    if row["supplier_iso3"]
                    else (row["supplier"] or _("unknown")),
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
    clearance: Classification, data: profile.ProfileData, cites: tuple[int, ...], version: str
) -> Section:
    iso3 = data.scope.country_iso3
    name = country_name(iso3, data.country_name)
    seized, places, fresh, embargoes = data.seized, data.places, data.fresh, data.embargoes
    section = Section(
        _("Seized and recovered materiel"),
        _(
            "Items documented in the country by category, country of manufacture and year of "
            "manufacture (headstamp year for ammunition). Fresh supply: of the dated weapons and "
            "ammunition lots documented while an embargo applied, those made in a later year than "
            "its start."
        ),
    )
    source = profile.sources_caption(data, "seizures")
    title = _("Where materiel was documented in {country}").format(country=name)
    map_source = f"{source} {_(SHAPES_SOURCE)} {_(map_layers.PLACES_SOURCE)}"
    section.items.append(
        Image(
            title,
            images.country_map(
                queries.country_shapes_geojson(clearance),
                iso3,
                places,
                name,
                caption=_caption(title, map_source, version, is_map=True),
            ),
            cites,
        )
    )
    if seized["category"].is_empty():
        section.text += " " + _("No seized or recovered item documented in the country is loaded.")
        return section
    title = _("Documented items by category and by country of manufacture")
    section.items.append(
        Image(
            title,
            images.seized_items(
                seized["category"], seized["origin"], caption=_caption(title, source, version)
            ),
            cites,
        )
    )
    starts = [day.year for day in embargoes["start_date"].to_list()]
    title = _("Documented items by year of manufacture")
    section.items.append(
        Image(
            title,
            images.manufacture_years(
                seized["manufacture_year"], starts, caption=_caption(title, source, version)
            ),
            cites,
            note=_("Vertical lines: years embargoes on the country were imposed."),
        )
    )
    section.items.append(
        Table(
            _("Documented items by category"),
            [_("Category"), _("Item lines"), _("Items"), _("Rounds")],
            _rows(seized["category"], ["category", "item_lines", "items", "rounds"]),
            cites,
        )
    )
    if not fresh.is_empty():
        section.items.append(
            Table(
                _("Fresh supply per embargo"),
                [
                    _("Embargo"),
                    _("Since"),
                    _("Dated"),
                    _("Fresh"),
                    _("Share"),
                    _("Latest year made"),
                ],
                [
                    [
                        _short_name(row),
                        str(row["embargo_start"]),
                        _text(row["dated_lines"]),
                        _text(row["fresh_lines"]),
                        format_share(row["fresh_share"]),
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
        _("Tracing outcomes"),
        _(
            "Trace requests about items documented in the country, by status: answered (responded "
            "or partial) and whether the answer established the last legal recipient or the "
            "diversion point."
        ),
    )
    if tracing.is_empty():
        section.text += " " + _("No trace request about items documented in the country is loaded.")
        return section
    section.items.append(
        Table(
            _("Trace requests by status"),
            [
                _("Status"),
                _("Requests"),
                _("Answered"),
                _("Origin established"),
                _("Median days to answer"),
            ],
            _rows(
                tracing,
                ["status", "requests", "answered", "origin_established", "median_response_days"],
            ),
            cites,
        )
    )
    return section


def _finding_citations(cite: Citations, data: profile.ProfileData) -> tuple[int, ...]:
    """Each panel document cited with the paragraphs and annexes the findings come from, then
    the files the findings were loaded from."""
    numbers = []
    panels = embargo_labels(data.embargoes) if not data.embargoes.is_empty() else {}
    for (symbol,), rows in data.findings.group_by("document_symbol", maintain_order=True):
        places = sorted(
            {_("para {number}").format(number=p) for p in rows["paragraph"].drop_nulls()}
            | {_("annex {number}").format(number=a) for a in rows["annex"].drop_nulls()}
        )
        numbers.append(
            cite.add(
                _("{symbol} of {date} ({panel}): {places}.").format(
                    symbol=symbol,
                    date=format_date(rows["document_date"][0]),
                    panel=panels.get(rows["panel"][0], rows["panel"][0]),
                    places=", ".join(places),
                )
            )
        )
    return (*numbers, *cite.add_all(profile.file_citations(data, "findings")))


def _findings_section(data: profile.ProfileData, cites: tuple[int, ...]) -> Section:
    section = Section(
        _("Panel findings"),
        _(
            "Findings of the panels and groups of experts on the country's embargoes or naming the "
            "country as target, each with its document symbol, paragraph and annex."
        ),
    )
    if data.findings.is_empty():
        section.text += " " + _("No panel finding on the country is loaded.")
        return section
    section.items.append(
        Table(
            _("Findings"),
            [
                _("Document"),
                _("Date"),
                _("Para"),
                _("Annex"),
                _("Type"),
                _("Confidence"),
                _("Summary"),
            ],
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
        _("Listed parties"),
        _(
            "Individuals and entities on the UN Security Council Consolidated List under the "
            "sanctions regimes of the country's embargoes."
        ),
    )
    if data.parties.is_empty():
        section.text += " " + _("No listed party of these regimes is loaded.")
        return section
    section.items.append(
        Table(
            _("Listed individuals and entities"),
            [_("Reference"), _("Name"), _("Type"), _("Embargo"), _("Listed on"), _("Nationality")],
            _rows(
                # The regime named by its embargo (the list's code, "CAR", is not a name).
                data.parties.with_columns(
                    pl.col("embargo_id").replace_strict(
                        embargo_labels(data.embargoes), default=pl.col("embargo_id")
                    )
                ),
                [
                    "reference_number",
                    "name",
                    "party_type",
                    "embargo_id",
                    "listed_on",
                    "nationality_iso3",
                ],
            ),
            cites,
        )
    )
    return section


def _conflict_section(data: profile.ProfileData, cites: tuple[int, ...], version: str) -> Section:
    section = Section(
        _("Conflict events"),
        _(
            "Events of organised violence and political disorder in the country, for context: "
            "UCDP's best estimate or ACLED's count of fatalities."
        ),
    )
    if data.conflict_by_year.is_empty():
        section.text += " " + _("No conflict event in the country is loaded.")
        return section
    title = _("Conflict events and fatalities per year")
    section.items.append(
        Image(
            title,
            images.conflict_by_year(
                data.conflict_by_year,
                caption=_caption(title, profile.sources_caption(data, "conflict"), version),
            ),
            cites,
        )
    )
    section.items.append(
        Table(
            _("Conflict events by type"),
            [_("Source"), _("Type"), _("Events"), _("Fatalities"), _("First"), _("Last")],
            _rows(
                data.conflict_by_type,
                ["source", "event_type", "events", "fatalities", "first_date", "last_date"],
            ),
            cites,
        )
    )
    return section


def _short_name(row: dict) -> str:
    """An embargo's short name in the pack's language."""
    return short_name(row["embargo_short_name"])
