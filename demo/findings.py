"""Synthetic panel-of-experts findings, with a small synthetic sanctions list for them to name.
Invented records, labelled synthetic: every document symbol starts with "SYN/PoE/" (never a
real UN document symbol), every summary with "Synthetic finding", every listed party's name with
"SYNTHETIC" and its reference number with "SYN"; real people, entities and reports are never
named.

The findings are tied to the synthetic seizure events and items already loaded (demo.
seizures, loaded first by `embargo build --demo`):
- events of one territory and year are gathered into the findings of that year's synthetic
  panel report (one report per regime and year, document date 40-120 days after the last
  event it covers, never after 2026-10-31);
- the panel is the embargo episode in force on the document date for the territory (so CAR's
  2024 reports belong to the armed-groups episode, Somalia's since December 2023 to Al-Shabaab);
- each finding names 1-3 of those events and up to 3 serials of their items, the States where
  the items were made (involved_states) and sometimes a synthetic listed entity or individual;
- a few findings name an event or a serial that is not in the warehouse, so the list of
  unmatched references is never empty in the demonstration;
- finding types, confidence and classification are drawn with fixed weights from a fixed seed:
  the same warehouse gives the same findings on every build."""

from __future__ import annotations

import csv
import datetime as dt
import random
import tempfile
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import escape

import duckdb

from ingest.files import ingest_into
from ingest.sources.panel_findings import FORMAT

SEED = 20261123
LAST_DAY = dt.date(2026, 10, 31)
FINDINGS_PER_REPORT = (2, 5)
REPORT_SHARE = 0.8  # share of territory-years with seized materiel that get a report

FINDING_TYPES = (
    ("violation", 30),
    ("alleged_violation", 22),
    ("diversion", 16),
    ("notification_failure", 10),
    ("illicit_brokering", 8),
    ("recommendation", 8),
    ("other", 6),
)
CONFIDENCES = (("confirmed", 40), ("probable", 40), ("possible", 20))
CLASSIFICATIONS = (("public", 30), ("restricted", 40), ("confidential", 22),
                   ("strictly_confidential", 8))  # fmt: skip
SUMMARIES = {
    "violation": "Synthetic finding: {items} documented in {place} reached {target} while the "
    "arms embargo applied, without an exemption on file.",
    "alleged_violation": "Synthetic finding: {items} recovered in {place} are alleged to have "
    "been supplied to armed groups after the embargo began; the supplier denies it.",
    "diversion": "Synthetic finding: {items} seized in {place} had been delivered to national "
    "forces and were diverted from their stocks.",
    "notification_failure": "Synthetic finding: {items} documented in {place} match a delivery "
    "that was not notified to the Committee in advance.",
    "illicit_brokering": "Synthetic finding: a broker arranged the shipment of {items} later "
    "recovered in {place}, through intermediary companies.",
    "recommendation": "Synthetic finding: after the seizure of {items} in {place}, the panel "
    "recommends that States trace the serial numbers recorded in annex.",
    "other": "Synthetic finding: {items} documented in {place} are recorded for reference.",
}

# Invented parties for the findings to name, on a small synthetic list (reference numbers SYN).
SYNTHETIC_PARTIES = (
    ("SYNi.001", "individual", "SYNTHETIC BROKER ONE", "DRC", "COD", ("SYNTH BROKER 1",)),
    ("SYNi.002", "individual", "SYNTHETIC COMMANDER TWO", "Sudan", "SDN", ("COMMANDER TWO",)),
    ("SYNi.003", "individual", "SYNTHETIC FINANCIER THREE", "Somalia", "SOM", ()),
    ("SYNi.004", "individual", "SYNTHETIC PILOT FOUR", "Libya", "LBY", ()),
    ("SYNe.001", "entity", "SYNTHETIC RIVER TRADING COMPANY", "DRC", "COD",
     ("SYNTHETIC RIVER TRADING CO", "SRTC")),
    ("SYNe.002", "entity", "SYNTHETIC AIR CARGO LTD", "Libya", "LBY", ("SYN AIR CARGO",)),
    ("SYNe.003", "entity", "SYNTHETIC ARMED FRONT", "CAR", "CAF", ("FRONT SYNTHETIQUE",)),
    ("SYNe.004", "entity", "SYNTHETIC MARITIME LOGISTICS", "Somalia", "SOM", ()),
    ("SYNe.005", "entity", "SYNTHETIC HOLDINGS GROUP", "SouthSudan", "SSD", ()),
)  # fmt: skip
UNLISTED_ENTITIES = ("Synthetic Freight Services", "Synthetic Import-Export SARL")


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _ in weighted], [w for _, w in weighted])[0]


def synthetic_list_xml() -> str:
    """The synthetic parties as a Consolidated List XML, read by the real list ingest."""
    individuals, entities = [], []
    for number, (reference, kind, name, list_type, iso3, aliases) in enumerate(
        SYNTHETIC_PARTIES, start=1
    ):
        tag = "INDIVIDUAL" if kind == "individual" else "ENTITY"
        alias_tag = f"{tag}_ALIAS"
        quality = "Good" if kind == "individual" else "a.k.a."
        alias_xml = "".join(
            f"<{alias_tag}><QUALITY>{quality}</QUALITY><ALIAS_NAME>{escape(alias)}</ALIAS_NAME>"
            f"</{alias_tag}>"
            for alias in aliases
        )
        nationality = (
            f"<NATIONALITY><VALUE>{iso3}</VALUE></NATIONALITY>" if kind == "individual" else ""
        )
        record = (
            f"\n    <{tag}>\n      <DATAID>{900000 + number}</DATAID><VERSIONNUM>1</VERSIONNUM>"
            f"<FIRST_NAME>{escape(name)}</FIRST_NAME><UN_LIST_TYPE>{list_type}</UN_LIST_TYPE>"
            f"<REFERENCE_NUMBER>{reference}</REFERENCE_NUMBER>"
            f"<LISTED_ON>{2016 + number % 8}-0{1 + number % 9}-15</LISTED_ON>"
            f"<COMMENTS1>Synthetic demonstration record: this party does not exist.</COMMENTS1>"
            f"{nationality}{alias_xml}\n    </{tag}>"
        )
        (individuals if kind == "individual" else entities).append(record)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<CONSOLIDATED_LIST dateGenerated="2026-10-31T00:00:00Z">\n'
        f"  <INDIVIDUALS>{''.join(individuals)}\n  </INDIVIDUALS>\n"
        f"  <ENTITIES>{''.join(entities)}\n  </ENTITIES>\n</CONSOLIDATED_LIST>\n"
    )


def _episodes(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Per country, the episodes with a panel or monitoring body, by start date."""
    episodes: dict[str, list[tuple]] = defaultdict(list)
    for iso3, embargo_id, start, end in con.execute(
        "SELECT t.country_iso3, e.embargo_id, e.start_date, e.end_date "
        "FROM embargo_target_codes AS t JOIN embargoes AS e USING (embargo_id) "
        "WHERE coalesce(e.panel, 'none') NOT LIKE 'none%' ORDER BY e.start_date, e.embargo_id"
    ).fetchall():
        episodes[iso3].append((embargo_id, start, end))
    return episodes


def _in_force(episodes: list[tuple], on: dt.date) -> str | None:
    found = [eid for eid, start, end in episodes if start <= on and (end is None or on < end)]
    return found[-1] if found else None


def generate(con: duckdb.DuckDBPyConnection, seed: int = SEED) -> list[dict[str, str]]:
    """Finding rows (poe-findings columns) for the synthetic seizure events in the warehouse."""
    rng = random.Random(seed)
    events = con.execute(
        "SELECT e.event_id, e.event_uid, e.event_date, e.country_iso3, "
        "coalesce(e.location_name, e.admin1, c.country_name) AS place, c.country_name "
        "FROM seizure_events AS e JOIN load_log AS l USING (load_id) "
        "JOIN countries AS c USING (country_iso3) WHERE l.source_id = 'demo_seizures' "
        "ORDER BY e.event_uid"
    ).fetchall()
    items: dict[str, list[tuple]] = defaultdict(list)
    for event_uid, serial, made_in, category in con.execute(
        "SELECT i.event_uid, i.serial_number, i.country_of_manufacture, "
        "coalesce(i.weapon_category, i.item_kind) FROM seizure_items AS i "
        "JOIN load_log AS l USING (load_id) WHERE l.source_id = 'demo_seizures' "
        "ORDER BY i.item_line_uid"
    ).fetchall():
        items[event_uid].append((serial, made_in, category))
    by_year: dict[tuple[str, int], list[tuple]] = defaultdict(list)
    for event in events:
        by_year[(event[3], event[2].year)].append(event)
    episodes = _episodes(con)
    parties_by_country = defaultdict(list)
    for _, _kind, name, _, iso3, aliases in SYNTHETIC_PARTIES:
        parties_by_country[iso3].append(rng.choice((name, *aliases)) if aliases else name)

    rows: list[dict[str, str]] = []
    for (iso3, year), year_events in sorted(by_year.items()):
        if rng.random() > REPORT_SHARE:
            continue
        last = max(event[2] for event in year_events)
        document_date = min(last + dt.timedelta(days=rng.randint(40, 120)), LAST_DAY)
        embargo_id = _in_force(episodes.get(iso3, []), document_date)
        if embargo_id is None:
            continue
        # one synthetic report per territory and year of events
        report = f"SYN/PoE/{iso3}/{year}"
        paragraph = rng.randint(8, 60)
        for number in range(1, rng.randint(*FINDINGS_PER_REPORT) + 1):
            chosen = rng.sample(year_events, min(len(year_events), rng.randint(1, 3)))
            lines = [line for event in chosen for line in items[event[1]]]
            serials = sorted({line[0] for line in lines if line[0]})
            made_in = sorted({line[1] for line in lines if line[1] and line[1] != iso3})
            categories = sorted({line[2].replace("_", " ") for line in lines})
            finding_type = _pick(rng, FINDING_TYPES)
            event_ids = [event[0] for event in chosen]
            related_serials = rng.sample(serials, min(len(serials), rng.randint(0, 3)))
            if rng.random() < 0.04:  # a reference not (yet) in the warehouse
                if rng.random() < 0.5:
                    event_ids.append(f"SYN-{iso3}-999{rng.randint(100, 999)}")
                else:
                    related_serials.append(f"SYN{rng.randint(10000, 99999)}")
            entities = []
            if parties_by_country.get(iso3) and rng.random() < 0.35:
                entities.append(rng.choice(parties_by_country[iso3]))
            if rng.random() < 0.1:
                entities.append(rng.choice(UNLISTED_ENTITIES))
            paragraph += rng.randint(1, 9)
            in_annex = rng.random() < 0.3
            rows.append(
                {
                    "finding_id": f"{year}-{iso3}-{number:02d}",
                    "panel": embargo_id,
                    "document_symbol": report,
                    "document_date": document_date.isoformat(),
                    "paragraph": str(paragraph),
                    "annex": str(rng.randint(2, 40)) if in_annex else "",
                    "finding_type": finding_type,
                    "target_iso3": iso3,
                    "involved_states": "; ".join(made_in[:3]),
                    "involved_entities": "; ".join(entities),
                    "summary": SUMMARIES[finding_type].format(
                        items=", ".join(categories[:3]) or "items",
                        place=chosen[0][4],
                        target=chosen[0][5],
                    ),
                    "related_event_ids": "; ".join(event_ids),
                    "related_serials": "; ".join(related_serials),
                    "confidence": _pick(rng, CONFIDENCES),
                    "classification": _pick(rng, CLASSIFICATIONS),
                }
            )
    return rows


def write_findings(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(FORMAT.all_columns))
        writer.writeheader()
        writer.writerows(rows)
    return path


def load_demo_findings(con: duckdb.DuckDBPyConnection) -> None:
    """The synthetic list and findings, through the real format modules."""
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "synthetic_consolidated_list.xml"
        listing.write_text(synthetic_list_xml(), encoding="utf-8")
        findings = write_findings(Path(folder) / "synthetic_findings.csv", generate(con))
        for path, format_name, source_id in (
            (listing, "un-sanctions-list", "demo_sanctions_list"),
            (findings, "poe-findings", "demo_findings"),
        ):
            report = ingest_into(con, path, format_name, source_id=source_id)
            if report.status not in ("loaded", "already_loaded"):
                raise RuntimeError(f"synthetic {format_name} set did not load: {report.message}")
            if report.rows_rejected:
                raise RuntimeError(
                    f"synthetic {format_name} set: {report.rows_rejected} rows rejected "
                    f"(load {report.load_id}); the generator must write valid rows"
                )
