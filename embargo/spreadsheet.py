"""Text cells that a spreadsheet would run as a formula.

Excel, LibreOffice and Google Sheets read a CSV cell that starts with = + - or @ as a formula (and
some skip a leading tab or carriage return first), so a loaded value such as `=HYPERLINK(...)` or
`=cmd|...` would run when an analyst opens an export. Every CSV the project writes for people
(dashboard downloads, `embargo sql` and `embargo screen` output) prefixes such cells with an
apostrophe, which spreadsheets show as text and do not display.
"""

from __future__ import annotations

import re

FORMULA_START = re.compile(r"^[=+\-@\t\r]")


def neutralized(value: object) -> object:
    """The value, with an apostrophe in front if it is text a spreadsheet would run."""
    if isinstance(value, str) and FORMULA_START.match(value):
        return "'" + value
    return value
