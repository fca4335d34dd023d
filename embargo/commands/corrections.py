"""`embargo corrections`: list the corrections of stored records the operator may see, and reverse
one (`revert ID --reason TEXT`). A reversal is a line of the corrections format, written to a
file and loaded like any other (kept in the raw store, so a rebuild replays it), as the local
operator; the load is recorded in the audit trail."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import tempfile
from pathlib import Path


def add_parser(commands) -> None:
    from embargo.cli import add_location_options

    corrections = commands.add_parser(
        "corrections",
        help="list corrections of stored records, or reverse one",
        description="Corrections are loaded as files of the corrections format (embargo "
        "ingest); each makes a new version of the record it corrects. The operator sees and "
        "reverses only corrections of records within their clearance (EMBARGO_CLEARANCE).",
    )
    sub = corrections.add_subparsers(dest="corrections_command", required=True)
    listing = sub.add_parser("list", help="list the corrections the operator may see")
    listing.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: a line per correction (default); json: a list of the corrections table's rows",
    )
    add_location_options(listing)
    revert = sub.add_parser("revert", help="reverse a correction: restore the value before it")
    revert.add_argument("correction_id", metavar="ID", help="the correction_id to reverse")
    revert.add_argument("--reason", required=True, help="why the correction is reversed")
    revert.add_argument(
        "--id", dest="reversal_id", help="the reversal's own correction_id (default: ID-reversal)"
    )
    add_location_options(revert)
    corrections.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.corrections_command == "list":
        return list_corrections(args)
    return revert(args)


def list_corrections(args: argparse.Namespace) -> int:
    from embargo.cli import read_only_connection, write_json
    from ingest.kit.loads import local_loader

    con = read_only_connection(args)
    if con is None:
        return 2
    try:
        relation = con.execute(
            "SELECT * FROM corrections WHERE list_contains(?, classification) "
            "ORDER BY recorded_at, correction_id",
            [local_loader().clearance.visible_levels()],
        )
        names = [description[0] for description in relation.description]
        rows = [dict(zip(names, values, strict=True)) for values in relation.fetchall()]
    finally:
        con.close()
    if args.format == "json":
        write_json(rows)
        return 0
    for row in rows:
        action = f"reverses {row['reverses']}" if row["reverses"] else "corrects"
        print(
            f"{row['correction_id']}  {row['recorded_at']:%Y-%m-%d %H:%M}  {row['corrected_by']}  "
            f"{action} {row['record_kind']} {row['record_key']} {row['field']} = "
            f"{row['new_value'] if row['new_value'] is not None else '(empty)'}: {row['reason']}"
        )
    print(f"{len(rows)} corrections")
    return 0


def revert(args: argparse.Namespace) -> int:
    from embargo import accounts, audit
    from embargo.cli import location_of, print_report
    from embargo.warehouse import connect_read_only
    from ingest.files import ingest_files
    from ingest.kit.loads import local_loader
    from ingest.sources import corrections

    location = location_of(args)
    loader = local_loader()
    reversal_id = args.reversal_id or f"{args.correction_id}-reversal"
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    with tempfile.TemporaryDirectory(prefix="embargo-reversal-") as folder:
        path = Path(folder) / f"reversal-{stamp}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=corrections.FORMAT.header)
            writer.writeheader()
            writer.writerow({
                "correction_id": reversal_id, "reason": args.reason,
                "reverses": args.correction_id,
            })  # fmt: skip
        [report] = ingest_files(location, [path], corrections.FORMAT_NAME, loaded_by=loader)
    print_report(report)
    audit.record(
        loader.name,
        "correction_reverted" if report.rows_loaded else "correction_reversal_refused",
        args.correction_id,
        {"reversal_id": reversal_id, "load_id": report.load_id, "reason": args.reason},
        accounts.access_store_path(location),
    )
    if report.status == "refused":
        return 1
    if report.rows_rejected:
        # The operator's own line: its reasons name only what the line gave.
        con = connect_read_only(location)
        try:
            reasons = con.execute(
                "SELECT reason FROM rejects WHERE load_id = ? ORDER BY row_number",
                [report.load_id],
            ).fetchall()
        finally:
            con.close()
        for (reason,) in reasons:
            print(f"corrections revert: {reason}", file=sys.stderr)
        return 1
    return 0
