"""`embargo embargoes`: keeping the UN arms embargo reference data current without a release.

- `embargo embargoes change add EMBARGO_ID --kind renewal|change|termination --resolution SYMBOL
  --date YYYY-MM-DD [--runs-to YYYY-MM-DD] --summary TEXT [--summary-fr TEXT]`: record a
  resolution (audited, kept in the access store so it survives rebuilds and reaches every
  machine of a shared deployment) and merge it into the warehouse at once; French readers see
  the French summary, or the English marked as English;
- `embargo embargoes change list`: the recorded resolutions;
- `embargo embargoes changes --months N`: every regime's changes of the last N months.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from embargo.embargo_changes import CHANGE_KINDS


def add_parser(commands) -> None:
    from embargo.cli import add_location_options

    group = commands.add_parser(
        "embargoes",
        help="record resolutions renewing, changing or ending an embargo; recent changes",
        description="The reference table of UN arms embargoes is released with the program; a "
        "resolution adopted since is recorded here by an administrator, audited, kept beside "
        "the warehouse (or in the catalog's database) so it survives rebuilds and reaches "
        "every machine, and merged into the warehouse at once. A renewal that runs past the "
        "reference table's status date turns 'in force (projected)' into verified.",
    )
    sub = group.add_subparsers(dest="embargoes_command", required=True)
    change = sub.add_parser("change", help="record a resolution, or list those recorded")
    change_commands = change.add_subparsers(dest="change_command", required=True)
    add = change_commands.add_parser("add", help="record a resolution on an embargo")
    add.add_argument(
        "embargo_id", help="the embargo, as the reference table names it (un-drc-2003)"
    )
    add.add_argument(
        "--kind", required=True, choices=CHANGE_KINDS, help="renewal, change or termination"
    )
    add.add_argument("--resolution", required=True, help="its symbol, e.g. 'S/RES/2800 (2026)'")
    add.add_argument("--date", required=True, help="the date it was adopted (YYYY-MM-DD)")
    add.add_argument(
        "--runs-to", help="for a renewal: the date the measures now run to (YYYY-MM-DD)"
    )
    add.add_argument("--summary", required=True, help="what the resolution does, in a sentence")
    add.add_argument(
        "--summary-fr",
        help="the same in French (French readers see the English marked as such without it)",
    )
    add_location_options(add)
    add.set_defaults(run=run_change)
    listing = change_commands.add_parser("list", help="list the recorded resolutions")
    add_location_options(listing)
    listing.set_defaults(run=run_change)
    recent = sub.add_parser("changes", help="every regime's changes of the last N months")
    recent.add_argument("--months", type=int, default=6, help="how many months back (default 6)")
    add_location_options(recent)
    recent.set_defaults(run=run_recent)


def run_change(args: argparse.Namespace) -> int:
    from embargo import accounts, embargo_changes
    from embargo.cli import location_of, operator_name
    from embargo.warehouse import WarehouseOutdated
    from ingest.embargo_records import apply_embargo_records

    location = location_of(args)
    store = accounts.access_store_path(location)
    if args.change_command == "list":
        records = embargo_changes.list_records(store)
        for r in records:
            runs = f" to {r.runs_to}" if r.runs_to else ""
            print(
                f"{r.record_id}  {r.adopted_on}  {r.embargo_id:<28} {r.change_kind:<12} "
                f"{r.resolution}{runs}: {r.summary} (by {r.recorded_by})"
            )
        print(f"{len(records)} recorded resolutions")
        return 0
    try:
        record = embargo_changes.add_record(
            args.embargo_id,
            args.kind,
            args.resolution,
            args.date,
            args.summary,
            operator_name(),
            runs_to=args.runs_to,
            path=store,
            summary_fr=args.summary_fr,
        )
    except embargo_changes.RecordError as error:
        print(f"embargoes change add: {error}", file=sys.stderr)
        return 2
    runs = f", to {record.runs_to}" if record.runs_to else ""
    print(
        f"recorded {record.record_id}: {record.change_kind} of {record.embargo_id} by "
        f"{record.resolution} ({record.adopted_on}{runs})"
    )
    try:
        merged = apply_embargo_records(location, embargo_changes.list_records(store))
    except (FileNotFoundError, WarehouseOutdated) as error:
        print(f"the record is saved; the warehouse was not updated: {error}", file=sys.stderr)
        return 1
    if merged is None:
        print(f"the record is saved; {location} does not exist yet: `embargo build` takes it in")
        return 0
    print(
        f"warehouse {location}: {merged.merged} of {merged.entries} recorded resolutions in force"
    )
    for reject in merged.rejects:
        print(f"  not taken: {reject.reason}", file=sys.stderr)
    return 1 if merged.rejects else 0


def run_recent(args: argparse.Namespace) -> int:
    from embargo.cli import location_of
    from embargo.warehouse import connect_read_only

    since = months_before(dt.date.today(), args.months)
    con = connect_read_only(location_of(args))
    try:
        rows = con.execute(
            "SELECT change_date, embargo_short_name, change_kind, coalesce(resolution, ''), "
            "change, recorded_after_release FROM embargo_changes_since(?)",
            [since],
        ).fetchall()
    finally:
        con.close()
    for day, name, kind, resolution, text, recorded in rows:
        mark = " [recorded]" if recorded else ""
        print(f"{day}  {name:<32} {kind:<18} {resolution:<22} {text}{mark}")
    print(f"{len(rows)} changes since {since}")
    return 0


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (the month's last day when shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)
