"""Workbook templates for the record formats a person fills in by hand (seizure documentation,
trace requests, exemption notifications, panel findings): an .xlsx whose first sheet, named after
the format (the sheet `embargo ingest` reads), has the format's columns as its header, each
header cell with a comment saying what the column holds, whether it is required and which values
it takes; a column with a vocabulary offers its values as a drop-down list (data validation).
Everything comes from the format definitions (ingest.kit.record_format, ingest/sources/*) and the
vocabularies (data/reference/vocabularies.csv): a new column or value is in the next template.

The other formats are exports of their publishers (SIPRI, UNROCA, ATT, UCDP, ACLED, the UN
list), loaded as those publish them: no template."""

from __future__ import annotations

import io

from ingest.formats import FORMAT_MODULES
from ingest.kit import vocabularies
from ingest.kit.record_format import RecordFormat
from ingest.kit.tables import FileRefused

# The drop-down lists and comments cover this many data rows below the header.
TEMPLATE_ROWS = 5000
LISTS_SHEET = "lists"  # the vocabularies the drop-down lists read, one column each (hidden)
REQUIRED_FILL = "FFE8EEF7"


def template_formats() -> list[str]:
    """The formats with a template: those defined as a RecordFormat, in detection order."""
    return [
        name
        for name, module in FORMAT_MODULES.items()
        if isinstance(getattr(module, "FORMAT", None), RecordFormat)
    ]


def record_format(name: str) -> RecordFormat:
    if name not in template_formats():
        raise FileRefused(
            f"no template for format '{name}': templates exist for {', '.join(template_formats())}"
        )
    return FORMAT_MODULES[name].FORMAT


def column_note(column) -> str:
    """The comment on a header cell: what the column holds, required or not, its values."""
    lines = [column.holds, "Required." if column.required else "Optional."]
    if column.vocabulary:
        lines.append("One of: " + ", ".join(vocabularies.values(column.vocabulary)) + ".")
    return "\n".join(lines)


def spreadsheet_safe_template(name: str) -> bytes:
    """The .xlsx template of the format `name` (FileRefused for a format without one). Its cells
    are the format's column names and vocabulary values, made formula-safe like every download."""
    # openpyxl is imported here: only the template needs it, and it is slow to import.
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from embargo.spreadsheet import neutralized

    spec = record_format(name)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = spec.format_name
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    used_lists: dict[str, str] = {}
    for index, column in enumerate(spec.documented, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index, value=neutralized(column.name))
        cell.font = Font(bold=column.required)
        if column.required:
            cell.fill = PatternFill("solid", fgColor=REQUIRED_FILL)
        comment = Comment(column_note(column), "Embargo Monitor")
        comment.width, comment.height = 320, 160
        cell.comment = comment
        sheet.column_dimensions[letter].width = max(12, len(column.name) + 4)
        if not column.vocabulary:
            continue
        if column.vocabulary not in used_lists:
            values = vocabularies.values(column.vocabulary)
            list_column = get_column_letter(len(used_lists) + 1)
            lists.cell(row=1, column=len(used_lists) + 1, value=column.vocabulary)
            for row, value in enumerate(values, start=2):
                lists.cell(row=row, column=len(used_lists) + 1, value=neutralized(value))
            used_lists[column.vocabulary] = (
                f"{LISTS_SHEET}!${list_column}$2:${list_column}${len(values) + 1}"
            )
        validation = DataValidation(
            type="list",
            formula1=used_lists[column.vocabulary],
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",  # a value typed otherwise is still checked by the ingest
            errorTitle=column.name,
            error=f"Expected one of the {column.vocabulary} values in the list.",
        )
        validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
