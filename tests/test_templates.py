"""The .xlsx input templates (ingest.templates, `embargo template`): generated from the format
definitions, with a comment on every header cell and the vocabularies as drop-down lists; a
filled-in template loads through `embargo ingest` with exact results."""

from __future__ import annotations

import shutil
import subprocess
import sys

import duckdb
import openpyxl
import pytest

from ingest.formats import FORMAT_MODULES
from ingest.kit import vocabularies
from ingest.kit.tables import FileRefused
from ingest.templates import spreadsheet_safe_template, template_formats


def embargo(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "embargo.cli", *args], capture_output=True, text=True, timeout=180
    )


def test_every_record_format_has_a_template_and_the_publishers_exports_none():
    assert template_formats() == [
        "unroca", "att", "seizures", "traces", "exemptions", "brokering", "poe-findings",
        "corrections",
    ]  # fmt: skip
    with pytest.raises(FileRefused, match="no template for format 'sipri'"):
        spreadsheet_safe_template("sipri")


@pytest.mark.parametrize("name", ["seizures", "traces", "exemptions", "brokering", "poe-findings"])
def test_a_template_has_the_formats_columns_notes_and_drop_down_lists(tmp_path, name):
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(spreadsheet_safe_template(name))
    workbook = openpyxl.load_workbook(path)
    spec = FORMAT_MODULES[name].FORMAT
    sheet = workbook[spec.format_name]
    assert workbook.sheetnames == [spec.format_name, "lists"]
    assert workbook["lists"].sheet_state == "hidden"
    assert [cell.value for cell in sheet[1]] == [column.name for column in spec.documented]
    for cell, column in zip(sheet[1], spec.documented, strict=True):
        assert cell.comment.text.splitlines()[0] == column.holds
        assert cell.comment.text.splitlines()[1] == (
            "Required." if column.required else "Optional."
        )
        assert cell.font.b == column.required
    lists = workbook["lists"]
    validated = {}
    for validation in sheet.data_validations.dataValidation:
        (cells,) = str(validation.sqref).split()
        column_letter = cells.split(":")[0].rstrip("0123456789")
        source = validation.formula1.split("!")[1].replace("$", "")
        first, last = source.split(":")
        values = [row[0].value for row in lists[f"{first}:{last}"]]
        header = sheet[f"{column_letter}1"].value
        assert cells == f"{column_letter}2:{column_letter}5001"
        validated[header] = values
    assert validated == {
        column.name: list(vocabularies.values(column.vocabulary))
        for column in spec.documented
        if column.vocabulary
    }


def test_a_filled_in_seizures_template_loads_with_exact_results(warehouse, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(warehouse, db)
    template = tmp_path / "blank.xlsx"
    result = embargo("template", "seizures", "-o", str(template))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    workbook = openpyxl.load_workbook(template)
    sheet = workbook["seizures"]
    header = [cell.value for cell in sheet[1]]
    rows = [
        {"event_id": "T-1", "event_date": "2024-05-02", "date_precision": "day",
         "country_iso3": "CAF", "admin1": "Ouaka", "location_name": "Bambari",
         "latitude": 5.76, "longitude": 20.67, "location_precision": "exact",
         "context": "seizure", "actor_type": "non_state_armed_group",
         "reporting_entity": "JMAC MINUSCA", "item_kind": "weapon",
         "weapon_category": "assault_rifle", "manufacturer": "Izhmash", "model": "AKM",
         "calibre": "7.62 x 39 mm", "serial_number": "TPL-0001",
         "country_of_manufacture": "RUS", "year_of_manufacture": 1978, "quantity": 1,
         "unit": "items", "classification": "restricted"},
        {"event_id": "T-2", "event_date": "2024-05-09", "date_precision": "day",
         "country_iso3": "CAF", "context": "seizure", "reporting_entity": "JMAC MINUSCA",
         "item_kind": "weapon", "weapon_category": "not_a_category", "quantity": 1,
         "unit": "items", "classification": "restricted"},
    ]  # fmt: skip
    for number, row in enumerate(rows, start=2):
        for name, value in row.items():
            sheet.cell(row=number, column=header.index(name) + 1, value=value)
    filled = tmp_path / "minusca-may.xlsx"
    workbook.save(filled)

    result = embargo("ingest", "--db", str(db), str(filled))
    assert (
        result.stdout.splitlines()[0] == "minusca-may.xlsx: seizures, read 2, loaded 1, rejected 1"
    )
    with duckdb.connect(str(db), read_only=True) as con:
        events = con.execute(
            "SELECT event_uid, event_date::VARCHAR, country_iso3, admin1, location_name, "
            "latitude, longitude, context, source_row_number FROM seizure_events "
            "WHERE file_name = ?",
            ["minusca-may.xlsx"],
        ).fetchall()
        rejects = con.execute(
            "SELECT row_number, column_name, value FROM rejects WHERE file_name = ?",
            ["minusca-may.xlsx"],
        ).fetchall()
    assert events == [
        ("JMAC MINUSCA:T-1", "2024-05-02", "CAF", "Ouaka", "Bambari", 5.76, 20.67, "seizure", 2)
    ]
    assert rejects == [(3, "weapon_category", "not_a_category")]


def test_the_template_command_refuses_a_format_without_template_and_a_wrong_name(tmp_path):
    result = embargo("template", "sipri", "-o", str(tmp_path / "s.xlsx"))
    assert result.returncode == 2
    assert result.stderr.startswith("embargo: no template for format 'sipri': templates exist for ")
    result = embargo("template", "seizures", "-o", str(tmp_path / "s.csv"))
    assert (result.returncode, result.stderr) == (
        2,
        "embargo: s.csv: a template is a workbook: name it FILE.xlsx\n",
    )
    assert list(tmp_path.iterdir()) == []
