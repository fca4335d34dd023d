"""`embargo template FORMAT -o FILE`: write the .xlsx template of a record format
(ingest.templates): the format's columns as the header, a comment on each saying what it holds,
the vocabularies as drop-down lists. Filled in, the file loads with `embargo ingest` as it is."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def run(args: argparse.Namespace) -> int:
    # Imported here: the format modules are slow to import, and other commands do not need them.
    from ingest.kit.tables import FileRefused
    from ingest.templates import spreadsheet_safe_template

    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        print(
            f"embargo: {output.name}: a template is a workbook: name it FILE.xlsx", file=sys.stderr
        )
        return 2
    try:
        data = spreadsheet_safe_template(args.format)
    except FileRefused as error:
        print(f"embargo: {error}", file=sys.stderr)
        return 2
    partial = output.with_name(f".{output.name}.partial")
    partial.write_bytes(data)
    partial.replace(output)  # the whole file or none
    print(f"{output}: {args.format} template, {len(data):,} bytes", file=sys.stderr)
    return 0


def add_parser(commands) -> None:
    template = commands.add_parser(
        "template",
        help="write the .xlsx template of an input format, to fill in and load",
        description="The template's first sheet, named after the format, has the format's "
        "columns as its header (required ones in bold), a comment on each saying what it holds "
        "and a drop-down list of the values of each column with a vocabulary. Templates exist "
        "for the formats whose columns docs/formats.md lists one by one.",
    )
    template.add_argument("format", metavar="FORMAT", help="the input format of the template")
    template.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the FILE.xlsx to write"
    )
    template.set_defaults(run=run)
