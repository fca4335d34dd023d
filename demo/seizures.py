"""Synthetic field documentation of seized and recovered materiel, with tracing requests and
exemption notifications. Invented records, labelled synthetic: every reporting and requesting
entity starts with "Synthetic", every document reference with "SYN", and no real UN document
symbol is ever used.

Shapes follow public field documentation (panel-of-experts annexes, iTrace-style item records):
- events clustered around real towns in embargoed territories (data/reference/places.csv),
  jittered by a few km, 2015-2026, with the last months denser around a few towns (North Darfur,
  North Kivu, Port-au-Prince) so emerging hotspots show;
- mostly small arms and their ammunition: AK-pattern rifles, PK-pattern machine guns, RPG-7
  pattern launchers, 7.62x39 / 7.62x54R rounds with headstamp factory codes, years and lots;
  manufacturers as marked, serial numbers in the formats of each maker;
- most items made before the embargo on the territory began (start dates read from
  data/reference/embargoes.csv), a minority after it (the "fresh supply" signal);
- a few items documented twice by different entities, once with the serial written differently;
- tracing requests for a share of serial-numbered weapons, with response rates and delays like
  the published ones; some confirm a delivery in the synthetic transfer register
  (demo/transfers.py), named in `transfer_ref`;
- exemption notifications matching some synthetic deliveries to regimes with a notification or
  approval route (Somalia, DR Congo, CAR, Libya).

Generation is vectorised (numpy and polars) so `scale` can be raised to a million item lines.
The scenario is in demo.seizure_catalogue, the events and item lines are drawn in
demo.seizure_generator, the tracing requests and notifications in demo.seizure_requests."""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import polars as pl

from demo import transfers as demo_transfers
from demo.seizure_catalogue import (
    BASE_EVENTS,
    EXEMPTION_COLUMNS,
    SEED,
    SEIZURE_COLUMNS,
    TERRITORIES,
    TRACE_COLUMNS,
    fresh_supply_years,
    read_places,
)
from demo.seizure_generator import (
    concatenate_sets,
    draw_events,
    draw_item_lines,
    register_links,
    second_sightings,
    seizure_table,
)
from demo.seizure_requests import exemption_notifications, later_traces, trace_requests
from ingest.files import ingest_into

# Imported from here by the tests, benchmarks and the demo build.
__all__ = [
    "EXEMPTION_COLUMNS",
    "SEED",
    "SEIZURE_COLUMNS",
    "TRACE_COLUMNS",
    "DemoSeizures",
    "generate",
    "load_demo_seizures",
    "write_demo_files",
]


@dataclass(frozen=True)
class DemoSeizures:
    seizures: pl.DataFrame
    traces: pl.DataFrame
    exemptions: pl.DataFrame


def generate(scale: float = 1.0, seed: int = SEED) -> DemoSeizures:
    rng = np.random.default_rng(seed)
    places = read_places()
    fresh_year = fresh_supply_years()
    events = draw_events(rng, places, max(len(TERRITORIES), round(BASE_EVENTS * scale)))
    lines = draw_item_lines(rng, events, fresh_year)
    # The synthetic transfer register, regenerated exactly as demo.transfers loads it.
    deals = {
        deal.deal_id: deal
        for deal in demo_transfers.generate_deals(random.Random(demo_transfers.SEED))
    }
    linked = register_links(rng, places, events, lines, deals, len(events["event_id"]))
    first = len(events["event_id"]) + len(linked[0]["event_id"])
    again = second_sightings(rng, events, lines, first)
    events, lines = concatenate_sets((events, lines), linked, again)
    seizures = seizure_table(events, lines)
    traces = trace_requests(rng, events, lines, deals)
    return DemoSeizures(seizures, traces, exemption_notifications(deals))


# --- files and loading -----------------------------------------------------------------------


def write_demo_files(folder: Path, scale: float = 1.0) -> dict[str, Path]:
    """Write the three synthetic files in their real input formats; returns format -> path."""
    demo = generate(scale)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "seizures": folder / "synthetic-seizures.csv",
        "traces": folder / "synthetic-traces.csv",
        "exemptions": folder / "synthetic-exemptions.csv",
        "traces-later": folder / "synthetic-traces-later.csv",
    }
    demo.seizures.write_csv(paths["seizures"], float_precision=4)
    demo.traces.write_csv(paths["traces"])
    demo.exemptions.write_csv(paths["exemptions"])
    later_traces(demo.traces).write_csv(paths["traces-later"])
    return paths


SOURCE_IDS = {
    "seizures": "demo_seizures",
    "traces": "demo_traces",
    "exemptions": "demo_exemptions",
    "traces-later": "demo_traces",
}
# The files in load order, with their format: the later traces file after the first.
LOAD_ORDER = (
    ("seizures", "seizures"),
    ("traces", "traces"),
    ("exemptions", "exemptions"),
    ("traces-later", "traces"),
)


def load_demo_seizures(con: duckdb.DuckDBPyConnection, scale: float = 1.0) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = write_demo_files(Path(folder), scale)
        for name, format_name in LOAD_ORDER:
            report = ingest_into(con, paths[name], format_name, source_id=SOURCE_IDS[name])
            if report.status not in ("loaded", "already_loaded"):
                raise RuntimeError(f"synthetic {name} set did not load: {report.message}")
            if report.rows_rejected:
                raise RuntimeError(
                    f"synthetic {name} set: {report.rows_rejected} rows rejected "
                    f"(load {report.load_id}); the generator must write valid rows"
                )


def main(argv: list[str] | None = None) -> None:
    """Write the synthetic files to a folder (for benchmarks): python -m demo.seizures"""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    paths = write_demo_files(args.folder, args.scale)
    seconds = time.perf_counter() - started
    with paths["seizures"].open("rb") as handle:
        lines = sum(1 for _ in handle) - 1
    print(
        f"{lines} item lines in {seconds:.2f} s ({lines / seconds:,.0f} lines/s); "
        + ", ".join(str(path) for path in paths.values())
    )


if __name__ == "__main__":
    main()
