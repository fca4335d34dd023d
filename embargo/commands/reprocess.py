"""`embargo reprocess-rejects [--format F]`: load the rejected rows that now resolve, from the
kept raw files, after the actor registry or the reference data was extended (ingest/reprocess.py
says how nothing is loaded twice). Prints, per file, the rows tried, loaded and still rejected;
the run is recorded in the audit trail with those counts."""

from __future__ import annotations

import argparse
import sys

from embargo import accounts, audit

EXIT_OK = 0
EXIT_USAGE = 2


def add_parser(commands) -> None:
    command = commands.add_parser(
        "reprocess-rejects",
        help="load the kept rejected rows that now resolve (after `embargo actors add` or new "
        "reference data), from the kept raw files",
        description="Read each kept raw file whose latest load left rejected rows again and load "
        "the rows that now pass; rows already loaded are never loaded twice, rows that still fail "
        "keep their reason. Audited.",
    )
    command.add_argument(
        "--format",
        dest="input_format",
        metavar="F",
        help="only the kept files of this input format (sipri, unroca, ...)",
    )
    from embargo.cli import add_location_options

    add_location_options(command)
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from embargo.cli import location_of, operator_name
    from embargo.progress import Progress
    from ingest.kit.tables import FileRefused
    from ingest.reprocess import reprocess_rejects

    location = location_of(args)
    progress = Progress("reprocess")
    try:
        results = reprocess_rejects(location, args.input_format, progress)
    except FileRefused as refused:
        progress.close()
        print(refused, file=sys.stderr)
        return EXIT_USAGE
    progress.close()
    for result in results:
        line = (
            f"{result.file_name} ({result.format}, rejects of load {result.earlier_load_id}): "
            f"{result.rows_tried} tried, {result.rows_loaded} now loaded, "
            f"{result.rows_still_rejected} still rejected"
        )
        if result.load_id:
            line += f" (load {result.load_id})"
        if result.message:
            line += f"; {result.message}"
        print(line)
    loaded = sum(result.rows_loaded for result in results)
    still = sum(result.rows_still_rejected for result in results)
    print(f"{loaded} rows now loaded, {still} still rejected, from {len(results)} kept files")
    audit.record(
        operator_name(),
        "rejects_reprocessed",
        args.input_format or "all formats",
        {
            "rows_loaded": loaded,
            "rows_still_rejected": still,
            "loads": [result.load_id for result in results if result.load_id],
        },
        accounts.access_store_path(location),
    )
    return EXIT_OK
