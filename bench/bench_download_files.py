"""Benchmark of the full-result download files without a warehouse: a synthetic result shaped
like the Screening download (300,000 rows of its 20 columns: text with a few distinct values,
free text, country codes, vocabulary values, years, counts, dates and open-ended dates) in the
reader's words (`labelled_frame`), then its CSV rows (`csv_body`) and its XLSX workbook
(`write_xlsx`), as the download buttons write them.

    .venv/bin/python bench/bench_download_files.py [--rows 300000] [--runs 3] [--old CHECKOUT]

CPU seconds of this process (all its threads) and wall-clock for each step, each run; the size
of each file. With `--old`, the two writers of another checkout of the code (its
dashboard/downloads.py and dashboard/downloads_xlsx.py) run alternately with this one's in the
same minutes (A/B), and both must write the same CSV bytes; the XLSX files may differ in their
XML but not in what a reader reads (tests/test_table_downloads.py holds that)."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import io
import statistics
import sys
import time
from functools import partial
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard import downloads, downloads_xlsx  # noqa: E402
from embargo.i18n.labels import labelled_frame  # noqa: E402


def screening_like(rows: int) -> pl.DataFrame:
    """The columns of the screening_rows macro, with values of the kinds it returns."""
    i = pl.int_range(0, rows, eager=True)

    def cycle(values: list, dtype: pl.DataType | None = None) -> pl.Series:
        return pl.Series(values, dtype=dtype)[i % len(values)]

    return pl.DataFrame(
        {
            "transfer_id": "T" + i.cast(pl.String),
            "source": cycle(["sipri", "unroca", "att"]),
            "supplier": cycle(["Russia", "China", "France", "Ukraine"]),
            "supplier_iso3": cycle(["RUS", "CHN", "FRA", "UKR"]),
            "recipient": cycle(["Libya", "South Sudan", "Central African Republic"]),
            "recipient_iso3": cycle(["LBY", "SSD", "CAF", "COD", "SOM", "SDN", "MLI", "YEM"]),
            "recipient_actor_type": cycle(["state", "non_state_armed_group"]),
            "weapon_description": "assault rifle model " + (i % 97).cast(pl.String),
            "delivery_year": (1990 + i % 35).cast(pl.Int32),
            "quantity": (1 + i % 500).cast(pl.Int64),
            "embargo_id": cycle(["LBY-2011", "SSD-2018", "CAF-2013"]),
            "embargo_start": cycle([dt.date(2011, 2, 26), dt.date(2018, 7, 13)]),
            "embargo_end": cycle([None, dt.date(2020, 1, 1)], pl.Date),
            "window_overlap": cycle(["full", "partial"]),
            "verdict": cycle(
                ["violation_indicator", "exemption_check", "partial_overlap", "outside_window"]
            ),
            "reason_kind": cycle(["in_window", "exempt"]),
            "reason": "Delivered in " + (1990 + i % 35).cast(pl.String) + ", inside the window",
            "citation": cycle(["S/RES/1970 (2011), para. 9", "=S/RES/2428 & <2018>"]),
            "file_name": cycle(["sipri_trade_register.csv"]),
            "source_row_number": (i + 2).cast(pl.Int64),
        }
    )


def module_of(checkout: Path, name: str, alias: str):
    spec = importlib.util.spec_from_file_location(alias, checkout / "dashboard" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(step):
    cpu, wall = time.process_time(), time.perf_counter()
    result = step()
    return result, time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--old", type=Path, help="another checkout, run alternately (A/B)")
    args = parser.parse_args()
    sides = {"this": (downloads, downloads_xlsx)}
    if args.old:
        sides["old"] = (
            module_of(args.old, "downloads", "old_downloads"),
            module_of(args.old, "downloads_xlsx", "old_downloads_xlsx"),
        )
    frame = screening_like(args.rows)
    figures: dict[str, list[tuple[float, float]]] = {}
    sizes: dict[str, int] = {}
    texts: dict[str, bytes] = {}
    for _ in range(args.runs):
        for side, (csv_module, xlsx_module) in sides.items():
            shown, cpu, wall = timed(lambda: labelled_frame(frame))
            figures.setdefault("labels", []).append((cpu, wall))
            body, cpu, wall = timed(partial(csv_module.csv_body, shown))
            figures.setdefault(f"{side}: CSV rows", []).append((cpu, wall))
            # The rows' UTF-8 bytes (a checkout's writer may give them as text).
            body = body.encode() if isinstance(body, str) else body
            texts[side], sizes[f"{side}: CSV rows"] = body, len(body)
            out = io.BytesIO()
            header = [["MARKING"], [], list(shown.columns)]
            write = partial(xlsx_module.write_xlsx, out, shown, header, "Data", "MARKING")
            _, cpu, wall = timed(write)
            figures.setdefault(f"{side}: XLSX", []).append((cpu, wall))
            sizes[f"{side}: XLSX"] = out.tell()
    if args.old and texts["old"] != texts["this"]:
        raise SystemExit("the two checkouts wrote different CSV rows")
    print(f"{args.rows:,} rows x {frame.width} columns, {args.runs} runs (CPU-s; wall s)")
    for step, runs in figures.items():
        cpus = ", ".join(f"{cpu:.2f}" for cpu, _ in runs)
        median = statistics.median(cpu for cpu, _ in runs)
        walls = ", ".join(f"{wall:.1f}" for _, wall in runs)
        size = f"; {sizes[step] / 1e6:.1f} MB" if step in sizes else ""
        print(f"{step}: median {median:.2f} CPU-s ({cpus}; wall {walls}){size}")


if __name__ == "__main__":
    main()
