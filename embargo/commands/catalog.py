"""`embargo catalog init|maintain`: create a shared DuckLake catalog and its warehouse, and keep
it small (merge small files, expire old snapshots and delete the files only they read)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from embargo.cli import add_location_options, location_of, operator_name
from embargo.lake import LakeCatalog


def cmd_catalog_init(args: argparse.Namespace) -> int:
    """Create the shared catalog's metadata and data folder and publish a warehouse of the
    reference data (and of the raw files already kept beside the data, if any)."""
    from ingest.build import build_warehouse

    location = location_of(args)
    if not isinstance(location, LakeCatalog) or location.data_path is None:
        print(
            "catalog init needs --catalog (or EMBARGO_CATALOG) and --lake-data "
            "(or EMBARGO_LAKE_DATA)",
            file=sys.stderr,
        )
        return 2
    Path(location.data_path).expanduser().mkdir(parents=True, exist_ok=True)
    report = build_warehouse(location)
    passed = sum(check.passed for check in report.checks)
    print(f"initialised {location}; {passed}/{len(report.checks)} checks passed")
    return 0


def cmd_catalog_maintain(args: argparse.Namespace) -> int:
    """Merge the catalog's small files; with --keep-days, expire older snapshots (but those of
    packs and downloads) and delete the files only they read, after --delete-after-hours."""
    from embargo import maintenance

    location = location_of(args)
    if not isinstance(location, LakeCatalog):
        print("catalog maintain needs --catalog (or EMBARGO_CATALOG)", file=sys.stderr)
        return 2
    limits = {"--keep-days": args.keep_days, "--delete-after-hours": args.delete_after_hours}
    for option, value in limits.items():
        if value is not None and value < 0:
            print(f"catalog maintain: {option} must be 0 or more, not {value:g}", file=sys.stderr)
            return 2
    report = maintenance.maintain(
        location,
        keep=None if args.keep_days is None else dt.timedelta(days=args.keep_days),
        delete_after=dt.timedelta(hours=args.delete_after_hours),
        operator=operator_name(),
    )
    print(f"{location}: {report.files_merged} small files merged")
    if args.keep_days is not None:
        kept = ", ".join(map(str, report.snapshots_kept_for_exports)) or "none"
        print(
            f"{len(report.snapshots_expired)} snapshots older than {args.keep_days:g} days "
            f"expired; kept for briefing packs and downloads: {kept}"
        )
    print(
        f"{report.files_deleted} files no snapshot reads deleted; {report.files_waiting} wait "
        f"{args.delete_after_hours:g} hours after their snapshots expired"
    )
    return 0


def add_parser(commands) -> None:
    catalog = commands.add_parser("catalog", help="manage a shared DuckLake catalog")
    catalog_commands = catalog.add_subparsers(dest="catalog_command", required=True)
    init = catalog_commands.add_parser("init", help="create the catalog and its warehouse")
    add_location_options(init)
    init.set_defaults(run=cmd_catalog_init)
    maintain = catalog_commands.add_parser(
        "maintain", help="merge small files; expire old snapshots and delete their files"
    )
    maintain.add_argument(
        "--keep-days",
        type=float,
        help="expire the snapshots older than this, but the newest and those a briefing pack or "
        "download was read from (default: expire none)",
    )
    maintain.add_argument(
        "--delete-after-hours",
        type=float,
        default=24,
        help="delete the files of expired snapshots only this long after they expired, so a "
        "backup running meanwhile still finds them (24)",
    )
    add_location_options(maintain)
    maintain.set_defaults(run=cmd_catalog_maintain)
