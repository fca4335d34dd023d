"""`embargo watch-report --since DATE [--user NAME] --format markdown|csv`: what the saved watches
find new or changed since DATE, as the What's new page shows it, for a mission's daily note.
Each user's watches are read at that user's clearance now (an account's, or EMBARGO_CLEARANCE
for the local operator's `operator:` watches); a disabled account's watches are left out."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path


def since_moment(value: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value} is not a date (YYYY-MM-DD) or a time (YYYY-MM-DDTHH:MM, UTC)"
        ) from None


def add_parser(commands) -> None:
    from embargo.cli import add_location_options

    report = commands.add_parser(
        "watch-report",
        help="what the saved watches find new or changed since a date (Markdown or CSV)",
        description="The digest of the What's new page: for each user's saved watches, the "
        "records that entered the warehouse since DATE, read at the user's clearance now.",
    )
    report.add_argument(
        "--since",
        required=True,
        type=since_moment,
        metavar="DATE",
        help="from the start of this day (YYYY-MM-DD), or this time (YYYY-MM-DDTHH:MM, UTC)",
    )
    report.add_argument("--user", help="only this user's watches (default: every user's)")
    report.add_argument(
        "--format",
        choices=("markdown", "csv"),
        default="markdown",
        help="markdown: a section per user and watch (default); csv: a row per record found",
    )
    report.add_argument("--out", help="write the digest to this file (default: standard output)")
    add_location_options(report)
    report.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from embargo import accounts, watches
    from embargo.classification import Classification
    from embargo.cli import location_of, read_only_connection
    from embargo.settings import value

    store = accounts.access_store_path(location_of(args))
    saved = watches.list_watches(args.user, store)
    users = sorted({watch.user_name for watch in saved} | ({args.user} if args.user else set()))
    sections = []
    con = read_only_connection(args)
    if con is None:
        return 2
    try:
        for user in users:
            if user.startswith("operator:"):
                clearance = Classification.parse(
                    value("EMBARGO_CLEARANCE") or Classification.STRICTLY_CONFIDENTIAL.label
                )
            else:
                account = accounts.get_user(user, store)
                if account is None or account.disabled:
                    if args.user:
                        print(f"watch-report: no enabled account {user}", file=sys.stderr)
                        return 2
                    continue
                clearance = account.clearance
            own = [watch for watch in saved if watch.user_name == user]
            sections.append((user, clearance, own, watches.news(con, own, clearance, args.since)))
    finally:
        con.close()
    if args.format == "csv":
        text = watches.spreadsheet_safe_digest_csv([hit for *_, hits in sections for hit in hits])
    else:
        text = watches.digest_markdown(sections, args.since)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        found = sum(len(hits) for *_, hits in sections)
        print(f"wrote {args.out}: {found} records for {len(sections)} users", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
