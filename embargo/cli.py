"""The `embargo` command: build and check the warehouse, query it, and serve the dashboard.

Exit codes (the README lists them): 0 done; 1 the command ran and found a fault (a check failed,
a build failed its checks or could not reload a kept raw file, a file could not be loaded);
2 it could not run as asked (arguments, configuration, a missing, locked or outdated warehouse,
a refused query); 3 `ingest --fail-on-rejects` rejected rows; 130 interrupted. Known errors end
in one line on standard error, never a traceback."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import signal
import sys
import threading
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from embargo import settings
from embargo.classification import Classification
from embargo.config import (
    DASHBOARD_SERVER,
    STREAMLIT_CONFIG,
    warehouse_location,
)
from embargo.lake import LakeCatalog, LakeConfigurationError, redact
from embargo.spreadsheet import neutralized
from embargo.warehouse.checks import run_checks
from embargo.warehouse.connections import Location, connect_read_only
from embargo.warehouse.read_only import run_read_only_query, set_known_on
from embargo.warehouse.versions import WarehouseOutdated

if TYPE_CHECKING:
    from ingest.files import FileReport

EXIT_OK = 0
EXIT_FAULT = 1
EXIT_USAGE = 2
EXIT_REJECTS = 3
EXIT_INTERRUPTED = 130


def location_of(args: argparse.Namespace) -> Location:
    return warehouse_location(args.db, args.catalog, args.lake_data, getattr(args, "as_of", None))


def cmd_build(args: argparse.Namespace) -> int:
    from embargo.progress import Progress
    from ingest.build import BuildFailed, RawFileNotReloaded, build_warehouse

    path = location_of(args)
    progress = Progress("build")
    try:
        report = build_warehouse(path, demo=args.demo, progress=progress)
    except BuildFailed as error:
        progress.close()
        print(f"build failed, {path} left unchanged: {error}", file=sys.stderr)
        for check in error.failed:
            print(f"  {check.name}: {check.description} e.g. {check.sample[:3]}", file=sys.stderr)
        return EXIT_FAULT
    except RawFileNotReloaded as error:
        progress.close()
        print(
            f"build failed, {path} left unchanged: a kept raw file no longer loads: {error} "
            "(move it out of the raw-file store, or load it again with `embargo ingest`)",
            file=sys.stderr,
        )
        return EXIT_FAULT
    progress.close()
    con = connect_read_only(path)
    try:
        loads = con.execute(
            "SELECT target_table, rows_read, rows_loaded, rows_rejected FROM load_log "
            "ORDER BY started_at"
        ).fetchall()
    finally:
        con.close()
    for table, read, loaded, rejected in loads:
        print(f"  {table:<26} read {read:>6}  loaded {loaded:>6}  rejected {rejected:>4}")
    passed = sum(check.passed for check in report.checks)
    demo = " with synthetic demo data" if args.demo else ""
    print(
        f"built {path}{demo} in {report.seconds:.2f} s; {passed}/{len(report.checks)} checks passed"
    )
    return 0


def without_pandas() -> None:
    """Mark pandas as absent in this process. DuckDB's Python client imports pandas (half a
    second or more) the first time a statement binds a parameter, only to ask whether the value
    is a pandas object; no ingest passes one. Without it, `embargo ingest` of a small file takes
    a third of the CPU it would (writers of a shared catalog run it every few seconds)."""
    sys.modules.setdefault("pandas", None)


def cmd_ingest(args: argparse.Namespace) -> int:
    without_pandas()
    from embargo.progress import Progress
    from ingest.files import ingest_files

    path = location_of(args)
    progress = Progress("ingest")
    try:
        reports = ingest_files(path, [Path(name) for name in args.files], args.format, progress)
    except (FileNotFoundError, WarehouseOutdated) as error:
        progress.close()
        print(error, file=sys.stderr)
        return EXIT_USAGE
    progress.close()
    if args.output_format == "json":
        write_json([report_record(report) for report in reports])
    else:
        for report in reports:
            print_report(report)
    if any(report.status == "refused" for report in reports):
        return EXIT_FAULT
    if args.fail_on_rejects and any(report.rows_rejected for report in reports):
        return EXIT_REJECTS
    return EXIT_OK


def report_record(report: FileReport) -> dict:
    """One file's load as `embargo ingest --output-format json` gives it."""
    return {
        "file": str(report.path),
        "format": report.format,
        "status": report.status,
        "load_id": report.load_id,
        "rows_read": report.rows_read,
        "rows_loaded": report.rows_loaded,
        "rows_rejected": report.rows_rejected,
        "message": report.message,
        "conflicts_retried": report.conflicts_retried,
        "warnings": list(report.warnings),
    }


def write_json(records: list[dict]) -> None:
    json.dump(records, sys.stdout, default=str, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def print_report(report: FileReport) -> None:
    """One loaded file as `embargo ingest` and `embargo watch` tell it."""
    if report.status == "loaded":
        print(
            f"{report.path.name}: {report.format}, read {report.rows_read}, "
            f"loaded {report.rows_loaded}, rejected {report.rows_rejected}",
            flush=True,
        )
        if report.rows_rejected:
            print(f"  rejects of load {report.load_id}: see the Sources page or the rejects table")
        for warning in report.warnings:
            print(f"  warning: {warning}", file=sys.stderr, flush=True)
        if report.conflicts_retried:
            print(
                f"  loaded after {report.conflicts_retried} retries: other writers of the "
                "catalog committed first"
            )
    elif report.status == "already_loaded":
        print(f"{report.path.name}: {report.message}", flush=True)
    else:
        print(f"{report.path.name}: could not be read: {report.message}", file=sys.stderr)


def cmd_watch(args: argparse.Namespace) -> int:
    without_pandas()
    from ingest.inbox import watch

    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"{folder} is not a folder", file=sys.stderr)
        return 2
    location = location_of(args)
    stop = threading.Event()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signal_number, lambda *_: stop.set())
    print(f"watching {folder} for files to load into {location}; stop with Ctrl-C", flush=True)

    def failed(error: Exception) -> None:
        print(f"load failed, tried again at the next look: {redact(str(error))}", file=sys.stderr)

    try:
        watch(location, folder, print_report, failed, stop, args.poll, args.format)
    except (FileNotFoundError, WarehouseOutdated) as error:
        print(error, file=sys.stderr)
        return 2
    print("stopped", flush=True)
    return 0


def read_only_connection(args: argparse.Namespace) -> duckdb.DuckDBPyConnection | None:
    """A read-only connection to the warehouse the arguments name; None, said on stderr, when
    that warehouse does not exist."""
    try:
        return connect_read_only(location_of(args))
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return None


def cmd_check(args: argparse.Namespace) -> int:
    con = read_only_connection(args)
    if con is None:
        return 2
    try:
        results = run_checks(con)
    finally:
        con.close()
    failed = [check for check in results if not check.passed]
    if args.format == "json":
        write_json(
            [
                {
                    "check": check.name,
                    "description": check.description,
                    "passed": check.passed,
                    "violations": check.violations,
                    "sample": [list(row) for row in check.sample],
                }
                for check in results
            ]
        )
        return EXIT_FAULT if failed else EXIT_OK
    for check in results:
        verdict = "ok  " if check.passed else "FAIL"
        detail = "" if check.passed else f"  ({check.violations} rows, e.g. {check.sample[:3]})"
        print(f"{verdict} {check.name}: {check.description}{detail}")
    print(f"{len(results) - len(failed)} of {len(results)} checks passed")
    return 1 if failed else 0


def cmd_sql(args: argparse.Namespace) -> int:
    query = query_text(args)
    if query is None:
        return EXIT_USAGE
    path = location_of(args)
    try:
        columns, rows = run_read_only_query(path, query, args.known_on)
    except (ValueError, FileNotFoundError, duckdb.Error) as error:
        print(f"query refused: {redact(str(error))}", file=sys.stderr)
        return 2
    write_rows(columns, rows, args.format)
    return 0


def query_text(args: argparse.Namespace) -> str | None:
    """The query of `embargo sql`: the argument, or the file -f names ('-': standard input)."""
    if (args.query is None) == (args.file is None):
        print(
            "sql: give the query either as an argument or with -f FILE (- for stdin)",
            file=sys.stderr,
        )
        return None
    if args.file is None:
        return args.query
    if args.file == "-":
        return sys.stdin.read()
    try:
        return Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"sql: cannot read the query from {args.file}: {error}", file=sys.stderr)
        return None


# The screening contract of FORMATS.md: these columns, in this order, filtered by bound values.
# Deliveries to parties confirmed to be listed parties are screened under their regime too.
SCREENING_QUERY = """
SELECT * FROM (
    SELECT transfer_id, source, supplier, supplier_iso3, recipient, recipient_iso3,
           recipient_actor_type, weapon_description, delivery_year, quantity, embargo_id,
           embargo_start, embargo_end, window_overlap, verdict, reason, citation
    FROM transfer_screening
    UNION ALL
    SELECT transfer_id, source, supplier, supplier_iso3, recipient, recipient_iso3,
           recipient_actor_type, weapon_description, delivery_year, quantity, embargo_id,
           embargo_start, embargo_end, window_overlap, verdict, reason, citation
    FROM listed_party_screening
    WHERE embargo_id IS NOT NULL
)
WHERE ($target IS NULL OR embargo_id IN (
          SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = $target))
  AND ($from_year IS NULL OR delivery_year >= $from_year)
  AND ($to_year IS NULL OR delivery_year <= $to_year)
ORDER BY embargo_id, delivery_year, transfer_id
"""


def cmd_screen(args: argparse.Namespace) -> int:
    con = read_only_connection(args)
    if con is None:
        return 2
    try:
        set_known_on(con, args.known_on)
        relation = con.execute(
            SCREENING_QUERY,
            {
                "target": args.target.upper() if args.target else None,
                "from_year": args.from_year,
                "to_year": args.to_year,
            },
        )
        columns = [column[0] for column in relation.description]
        write_rows(columns, relation.fetchall(), args.format)
    finally:
        con.close()
    return 0


def location_environment(location: Location) -> dict[str, str]:
    """The environment that points a dashboard process (`embargo serve`) at `location`."""
    env = {key: value for key, value in os.environ.items() if key not in LOCATION_VARIABLES}
    if isinstance(location, LakeCatalog):
        env["EMBARGO_CATALOG"] = location.catalog
        if location.data_path is not None:
            env["EMBARGO_LAKE_DATA"] = location.data_path
        if location.snapshot_version is not None:
            env["EMBARGO_AS_OF"] = str(location.snapshot_version)
    else:
        env["EMBARGO_DB"] = str(location)
    return env


LOCATION_VARIABLES = ("EMBARGO_DB", "EMBARGO_CATALOG", "EMBARGO_LAKE_DATA", "EMBARGO_AS_OF")


def cmd_export_briefing(args: argparse.Namespace) -> int:
    """Write a briefing pack as the local operator: the clearance the dashboard gives the operator
    (EMBARGO_CLEARANCE), through the same builder as the Country profile page. With --as-of, from
    that snapshot of a shared catalog, exactly as a pack made then. The file's SHA-256 goes into
    the audit trail, as a download from the page does."""
    path = location_of(args)
    if not isinstance(path, LakeCatalog) and not path.exists():
        print(f"warehouse {path} does not exist: run `embargo build --db {path}` first")
        return 2
    out = Path(args.out)
    pack_format = out.suffix.lower().lstrip(".")
    if pack_format not in ("pdf", "pptx"):
        print(f"--out must end in .pdf or .pptx, not {out.name}", file=sys.stderr)
        return 2
    from dashboard import queries, session
    from dashboard.briefing import briefing_pack
    from embargo import accounts, audit

    target = args.target.upper()
    clearance = session.local_operator().clearance
    if args.classification:
        # A pack to circulate more widely: only records at or below the level go in.
        wanted = Classification.parse(args.classification)
        if wanted > clearance:
            return fail(
                f"--classification {args.classification} is above the operator's clearance "
                f"({clearance.label}, EMBARGO_CLEARANCE)"
            )
        clearance = wanted
    from embargo.i18n import using

    # The query layer reads the warehouse it is given here, whatever the environment names.
    with queries.reading_from(path), queries.known_on(args.known_on):
        if queries.country_name(clearance, target) is None:
            print(f"unknown country code {target}", file=sys.stderr)
            return 2
        scope = queries.ProfileScope(target, args.from_year or 1950, args.to_year or 2100)
        from embargo.progress import Progress

        # The pack's own two steps, then writing the file: three in all.
        progress = Progress("export")
        try:
            with using(args.language):
                pack = briefing_pack(
                    clearance,
                    scope,
                    pack_format,
                    progress=lambda done, _total, label: progress(done, 3, label),
                )
            data_version = queries.data_version(clearance)
            progress(2, 3, f"writing {out.name}")
            out.write_bytes(pack)
            progress(3, 3, "done")
        finally:
            progress.close()
    audit.record(
        operator_name(),
        "export",
        str(out.resolve()),
        {
            "export": "briefing",
            "format": pack_format,
            "country_iso3": target,
            "year_from": scope.year_from,
            "year_to": scope.year_to,
            "clearance": clearance.label,
            "data_version": str(data_version),
            "sha256": audit.sha256_of(pack),
            "bytes": len(pack),
        },
        accounts.access_store_path(path),
    )
    print(
        f"wrote {out} ({out.stat().st_size:,} bytes, {pack_format}) for {target}, read from "
        f"{data_version}"
    )
    return 0


def write_rows(columns: list[str], rows: list[tuple], output_format: str) -> None:
    if output_format == "json":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        json.dump(records, sys.stdout, default=str, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        # CSV is opened in spreadsheets: cells that would run as formulas are neutralised there.
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([neutralized(column) for column in columns])
        writer.writerows([neutralized(value) for value in row] for row in rows)


def streamlit_flags(config_path: Path) -> list[str]:
    """Streamlit reads only .streamlit/config.toml, flags and environment variables: pass every
    setting of streamlit_config.toml as a command-line flag so that file is the one in force."""
    settings = tomllib.loads(config_path.read_text(encoding="utf-8"))
    flags = []

    def walk(prefix: str, table: dict) -> None:
        for key, value in table.items():
            name = f"{prefix}.{key}" if prefix else key
            if isinstance(value, dict):
                walk(name, value)
            else:
                text = str(value).lower() if isinstance(value, bool) else str(value)
                flags.append(f"--{name}={text}")

    walk("", settings)
    return flags


def cmd_serve(args: argparse.Namespace) -> int:
    path = location_of(args)
    if not isinstance(path, LakeCatalog) and not path.exists():
        print(
            f"warehouse {path} does not exist: run `embargo build --db {path}` first",
            file=sys.stderr,
        )
        return 2
    env = location_environment(path)
    # The application with its guards on Streamlit's own endpoints (dashboard/server.py).
    command = [sys.executable, "-m", "streamlit", "run", str(DASHBOARD_SERVER)]
    command += streamlit_flags(STREAMLIT_CONFIG)
    if args.port:
        command.append(f"--server.port={args.port}")
    print(f"serving {path} with {STREAMLIT_CONFIG.name}", flush=True)
    os.execve(sys.executable, command, env)
    return 0  # not reached: the process becomes Streamlit


def operator_name() -> str:
    import getpass

    return f"cli:{getpass.getuser()}"


def cmd_config(args: argparse.Namespace) -> int:
    """Every setting, its value and where the value came from."""
    rows = []
    for setting in settings.SETTINGS:
        if setting.name == "EMBARGO_CONFIG":
            path = settings.config_file()
            named = bool(os.environ.get(setting.name))
            value = str(path) if path else None
            source = "environment" if named else "default"
            if path is None:
                source = f"default ({settings.SYSTEM_CONFIG_FILE} absent)"
        else:
            value, source = settings.lookup(setting.name)
        rows.append({"setting": setting.name, "value": value, "source": source})
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    shown = [(row["setting"], redact(row["value"] or "(unset)"), row["source"]) for row in rows]
    widths = [max(len(cells[i]) for cells in [("setting", "value", ""), *shown]) for i in (0, 1)]
    print(f"{'setting':<{widths[0]}}  {'value':<{widths[1]}}  source")
    for name, value, source in shown:
        print(f"{name:<{widths[0]}}  {value:<{widths[1]}}  {source}")
    return 0


def program_version() -> str:
    """The installed distribution's version (pyproject.toml's, for a checkout not installed)."""
    from importlib import metadata

    try:
        return metadata.version("embargo-monitor")
    except metadata.PackageNotFoundError:
        from embargo.config import PROJECT_ROOT

        pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        return pyproject["project"]["version"]


class HelpFormatter(argparse.HelpFormatter):
    """Fills {formats} in a help text with the input formats' names only when help is shown:
    importing every format module would slow down each command."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = super()._get_help_string(action)
        if text and "{formats}" in text:
            from ingest.formats import FORMAT_MODULES

            text = text.replace("{formats}", ", ".join(FORMAT_MODULES))
        return text


EPILOG = (
    "exit codes: 0 done; 1 a check failed, a build failed or a file could not be loaded; "
    "2 wrong arguments, configuration or warehouse (missing, locked, outdated), or a refused "
    "query; 3 ingest --fail-on-rejects rejected rows; 130 interrupted"
)


def parser(with_groups: bool = True) -> argparse.ArgumentParser:
    """The command line. Without `with_groups`, the commands defined in this module only (their
    names are the default `core_commands`): running one of them needs none of the command groups
    of embargo/commands, nor what their modules import (main builds it first: 0.04 CPU-s of
    every `embargo ingest`)."""
    root = argparse.ArgumentParser(
        prog="embargo",
        description="Embargo Monitor: UN arms embargo monitoring workstation",
        epilog=EPILOG,
    )
    root.add_argument("--version", action="version", version=f"embargo-monitor {program_version()}")
    commands = root.add_subparsers(dest="command", required=True)
    if with_groups:
        from embargo.commands import embargoes as embargo_commands
        from embargo.commands import reprocess

        reprocess.add_parser(commands)
        embargo_commands.add_parser(commands)
    groups_first = set(commands.choices)

    build = commands.add_parser("build", help="(re)build the warehouse, atomically")
    build.add_argument("--demo", action="store_true", help="add the synthetic demo data sets")
    add_location_options(build)
    build.set_defaults(run=cmd_build)

    ingest = commands.add_parser(
        "ingest",
        help="load files; the format is detected if not named",
        formatter_class=HelpFormatter,
    )
    ingest.add_argument(
        "files", nargs="+", metavar="FILE", help="CSV, XLSX, JSON, GeoJSON or XML files to load"
    )
    ingest.add_argument(
        "--format",
        metavar="FORMAT",
        help="the files' format, when not detected from the header: one of {formats}",
    )
    ingest.add_argument(
        "--output-format",
        choices=("text", "json"),
        default="text",
        help="text: a line per file (default); json: a list of {file, format, status, load_id, "
        "rows_read, rows_loaded, rows_rejected, message, conflicts_retried}",
    )
    ingest.add_argument(
        "--fail-on-rejects",
        action="store_true",
        help=f"exit {EXIT_REJECTS} when any row was rejected (the good rows are still loaded)",
    )
    add_location_options(ingest)
    ingest.set_defaults(run=cmd_ingest)

    watching = commands.add_parser(
        "watch",
        help="load every file dropped into a folder as it arrives, until stopped",
        formatter_class=HelpFormatter,
    )
    watching.add_argument("folder", help="the folder to watch (its sub-folders are not)")
    watching.add_argument(
        "--poll", type=float, default=2.0, help="seconds between looks at the folder (2)"
    )
    watching.add_argument(
        "--format",
        metavar="FORMAT",
        help="the files' format, when not detected from the header: one of {formats}",
    )
    add_location_options(watching)
    watching.set_defaults(run=cmd_watch)

    check = commands.add_parser("check", help="run the warehouse checks; non-zero if any fails")
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: a line per check (default); json: a list of {check, description, passed, "
        "violations, sample}",
    )
    add_location_options(check)
    check.set_defaults(run=cmd_check)

    sql = commands.add_parser("sql", help="run one read-only SQL query and print the result")
    sql.add_argument("query", nargs="?", help="the query (DuckDB SQL), unless -f gives it")
    sql.add_argument(
        "-f", "--file", metavar="FILE", help="read the query from FILE ('-': standard input)"
    )
    add_location_options(sql)
    sql.add_argument(
        "--format",
        choices=("csv", "json"),
        default="csv",
        help="csv: a header line, then a line per row (default); json: a list of objects",
    )
    sql.add_argument(
        "--as-of", type=int, metavar="SNAPSHOT", help="read this snapshot of a shared catalog"
    )
    add_known_on_option(sql)
    sql.set_defaults(run=cmd_sql)

    screen = commands.add_parser("screen", help="print the embargo screening of transfers")
    add_location_options(screen)
    screen.add_argument(
        "--format",
        choices=("csv", "json"),
        default="csv",
        help="csv: a header line, then a line per delivery (default); json: a list of objects",
    )
    screen.add_argument("--target", help="ISO3 code of an embargo target, e.g. SOM")
    screen.add_argument("--from", dest="from_year", type=int, help="first delivery year")
    screen.add_argument("--to", dest="to_year", type=int, help="last delivery year")
    add_known_on_option(screen)
    screen.set_defaults(run=cmd_screen)

    export = commands.add_parser("export", help="write reports from the warehouse")
    exports = export.add_subparsers(dest="export", required=True)
    briefing = exports.add_parser("briefing", help="write a briefing pack (PDF or PPTX)")
    briefing.add_argument("--target", required=True, help="ISO3 code of a country, e.g. LBY")
    briefing.add_argument("--from", dest="from_year", type=int, help="first year of records")
    briefing.add_argument("--to", dest="to_year", type=int, help="last year of records")
    add_location_options(briefing)
    briefing.add_argument(
        "--as-of", type=int, metavar="SNAPSHOT", help="build it from this snapshot of a catalog"
    )
    briefing.add_argument("--out", required=True, help="FILE.pdf or FILE.pptx")
    from embargo.i18n import LANGUAGES

    briefing.add_argument(
        "--language", default="en", choices=tuple(LANGUAGES), help="the language of the pack"
    )
    briefing.add_argument(
        "--classification",
        choices=[level.label for level in Classification],
        help="produce the pack at this level, at or below the operator's clearance: only data "
        "at or below it go in, and the pack is marked accordingly",
    )
    add_known_on_option(briefing)
    briefing.set_defaults(run=cmd_export_briefing)

    config = commands.add_parser(
        "config",
        help="print every EMBARGO_* setting, its value and where it came from",
        description="Each setting comes from the environment, else the configuration file "
        f"(EMBARGO_CONFIG, else {settings.SYSTEM_CONFIG_FILE} when it exists), else its default.",
    )
    config.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: aligned columns (default); json: a list of {setting, value, source}",
    )
    config.set_defaults(run=cmd_config)

    serve = commands.add_parser("serve", help="start the dashboard with streamlit_config.toml")
    add_location_options(serve)
    serve.add_argument(
        "--port", type=int, help="the TCP port on 127.0.0.1 (default: streamlit_config.toml's 8501)"
    )
    serve.set_defaults(run=cmd_serve)

    root.set_defaults(core_commands=frozenset(commands.choices.keys() - groups_first))
    if with_groups:
        from embargo.commands import actors as actor_commands
        from embargo.commands import catalog as catalog_commands
        from embargo.commands import corrections, parties, watch_report
        from embargo.commands import template as template_command
        from embargo.commands import users as users_commands

        users_commands.add_parser(commands)
        actor_commands.add_parser(commands)
        catalog_commands.add_parser(commands)
        corrections.add_parser(commands)
        watch_report.add_parser(commands)
        template_command.add_parser(commands)
        parties.add_parser(commands)
    return root


def known_on_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value} is not a date (YYYY-MM-DD)") from None


def add_known_on_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--known-on",
        type=known_on_date,
        metavar="DATE",
        help="read traces, notifications, findings and conflict events as the warehouse knew "
        "them at the end of DATE (by load date); with a catalog, of the snapshot read",
    )


def add_location_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--db",
        metavar="PATH",
        help="the warehouse file (default: EMBARGO_DB, else data/build/warehouse.duckdb in a "
        "checkout, ~/.local/share/embargo-monitor/warehouse.duckdb when installed)",
    )
    command.add_argument(
        "--catalog",
        help="shared DuckLake catalog, e.g. 'ducklake:postgres:dbname=embargo host=... user=...' "
        "(default: EMBARGO_CATALOG); the password comes from PGPASSWORD or ~/.pgpass",
    )
    command.add_argument(
        "--lake-data", help="data folder of the shared catalog (default: EMBARGO_LAKE_DATA)"
    )


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    core = parser(with_groups=False)
    chosen = core if words and words[0] in core.get_default("core_commands") else parser()
    args = chosen.parse_args(argv)
    try:
        # A faulty configuration file stops every command before it does anything.
        path = settings.config_file()
        if path is not None:
            settings.file_settings(path)
        return args.run(args)
    except (settings.SettingsError, LakeConfigurationError, WarehouseOutdated) as error:
        return fail(str(error), EXIT_USAGE)
    except FileNotFoundError as error:
        return fail(
            f"{error.strerror or error}: {error.filename}" if error.filename else str(error)
        )
    except PermissionError as error:
        return fail(f"permission denied: {error.filename or error}")
    except duckdb.IOException as error:
        # Most often the warehouse file is held by another writer, or the disk is full.
        return fail(f"the warehouse could not be opened or written: {error}")
    except duckdb.Error as error:
        return fail(f"DuckDB: {error}", EXIT_FAULT)
    except KeyboardInterrupt:
        return fail("interrupted", EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader of the output went away (`embargo sql ... | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def fail(message: str, code: int = EXIT_USAGE) -> int:
    """One line on standard error (any password in a connection string masked) and the code."""
    print(f"embargo: {redact(message)}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
