"""The server's code never runs a Python function inside a polars expression
(embargo.python_columns says why: it deadlocked the dashboard under load)."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from embargo.python_columns import python_mapped

REPO = Path(__file__).resolve().parents[1]
# What the dashboard's server imports: the pages and the core they read through.
SERVER_CODE = ("dashboard", "embargo")
PYTHON_IN_POLARS = re.compile(r"\.(map_elements|map_batches|map_groups|map_rows)\(")


def test_no_python_function_inside_a_polars_expression():
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for folder in SERVER_CODE
        for path in sorted((REPO / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PYTHON_IN_POLARS.search(line)
    ]
    assert found == []


def test_python_mapped_keeps_nulls_and_order():
    frame = pl.DataFrame({"word": ["b", None, "a"], "n": [1, 2, 3]})
    mapped = python_mapped(frame, "word", str.upper, "upper")
    assert mapped.name == "upper"
    assert mapped.to_list() == ["B", None, "A"]
    doubled = python_mapped(frame, pl.col("n") * 2, lambda n: f"{n}!", "text")
    assert doubled.to_list() == ["2!", "4!", "6!"]
