"""The vocabularies of the input formats (data/reference/vocabularies.csv, ingest.kit.vocabularies):
one line per value, read by the parsers, written to the warehouse table the SQL checks read."""

from __future__ import annotations

import csv
import shutil

import pytest

from embargo.classification import Classification
from embargo.warehouse import connect_writable
from ingest.kit import vocabularies
from ingest.kit.validation import InvalidValue
from ingest.kit.values import vocabulary
from ingest.sources import brokering, exemptions, panel_findings, traces
from ingest.sources.seizures import columns as seizure_columns


def file_values() -> dict[str, tuple[str, ...]]:
    """The file read on its own, by the csv module: vocabulary -> values in file order."""
    found: dict[str, tuple[str, ...]] = {}
    with vocabularies.VOCABULARIES_FILE.open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            found[line["vocabulary"]] = (*found.get(line["vocabulary"], ()), line["value"])
    return found


def test_the_parsers_accept_exactly_the_values_of_the_file():
    expected = file_values()
    assert len(expected) == 15
    for name, values in expected.items():
        assert vocabularies.values(name) == values
    assert expected["seizure_context"] == seizure_columns.CONTEXTS
    assert expected["unit"] == seizure_columns.UNITS
    assert expected["weapon_category"] == seizure_columns.WEAPON_CATEGORIES
    assert expected["trace_status"] == traces.STATUSES
    assert expected["exemption_decision"] == exemptions.DECISIONS
    assert expected["brokering_decision"] == brokering.DECISIONS == ("issued", "refused", "revoked")
    assert expected["finding_type"] == panel_findings.FINDING_TYPES
    assert vocabularies.values("classification") == tuple(level.label for level in Classification)
    context = vocabulary("context", seizure_columns.CONTEXTS)
    assert context("Battlefield capture") == "battlefield_capture"
    with pytest.raises(InvalidValue, match="context must be seizure, recovery, cache"):
        context("raid")


def test_every_line_of_the_file_is_one_value():
    with vocabularies.VOCABULARIES_FILE.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.DictReader(handle))
    file_terms = [t for t in vocabularies.terms() if t.vocabulary != "classification"]
    assert [(line["vocabulary"], line["value"]) for line in lines] == [
        (term.vocabulary, term.value) for term in file_terms
    ]
    assert len(vocabularies.names()) == 16
    with pytest.raises(KeyError, match="no vocabulary 'colour'"):
        vocabularies.values("colour")


def test_the_warehouse_table_holds_every_value_and_the_checks_read_it(warehouse, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, db)
    con = connect_writable(db)
    try:
        stored = con.execute(
            "SELECT vocabulary, value, position, label_en FROM vocabularies "
            "ORDER BY vocabulary, position"
        ).fetchall()
        expected = sorted(
            (t.vocabulary, t.value, t.position, t.label_en) for t in vocabularies.terms()
        )
        assert sorted(stored) == expected
        assert ("seizure_context", "battlefield_capture", 6, "Battlefield capture") in stored
        assert ("classification", "strictly_confidential", 4, "Strictly confidential") in stored
        # A value the vocabulary lacks is what the SQL check finds.
        check = (vocabularies.VOCABULARIES_FILE.parents[2] / "sql" / "checks").joinpath(
            "trace_requests_consistent.sql"
        )
        con.execute(
            "INSERT INTO trace_request_versions (trace_id, requesting_entity, addressed_to, "
            "date_sent, status, classification, as_of, version, recorded_at, load_id, file_name, "
            "source_row_number) VALUES ('T-1', 'JMAC', 'China', DATE '2023-01-01', 'lost', "
            "'public', DATE '2023-01-01', 1, TIMESTAMP '2023-01-02', 'l', 'f.csv', 2)"
        )
        assert con.execute(check.read_text()).fetchall() == [("status or dates", "JMAC:T-1")]
        con.execute("INSERT INTO vocabularies VALUES ('trace_status', 'lost', 6, 'Lost', NULL)")
        assert con.execute(check.read_text()).fetchall() == []
    finally:
        con.close()
