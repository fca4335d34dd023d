"""Briefing packs from a shared catalog record the snapshot they were read from, and a pack made
again `--as-of` that snapshot, after later loads, has exactly the same key figures, tables and
images (byte for byte)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from pypdf import PdfReader

from dashboard import queries
from dashboard.briefing import content
from embargo.classification import Classification
from ingest.build import build_warehouse
from ingest.files import ingest_files

OPERATOR = Classification.STRICTLY_CONFIDENTIAL
TODAY = dt.date(2026, 11, 1)
SCOPE = queries.ProfileScope("MLI")


def pack_data(briefing: content.Briefing) -> tuple:
    """Everything a pack shows, but the time it was produced."""
    return (
        briefing.title,
        briefing.scope,
        briefing.data_as_of,
        briefing.data_version,
        briefing.marking,
        [(figure.label, figure.value, figure.citations) for figure in briefing.key_figures],
        [
            (section.heading, section.text, section.items)  # tables and images are dataclasses
            for section in briefing.sections
        ],
        briefing.citations,
    )


def test_a_pack_made_as_of_its_snapshot_is_the_same_pack(lake, monkeypatch, seizure_file, tmp_path):
    build_warehouse(lake)
    ingest_files(lake, [seizure_file(1)])
    monkeypatch.setenv("EMBARGO_CATALOG", lake.catalog)
    snapshot = queries.data_version(OPERATOR).snapshot_id
    first = content.assemble(OPERATOR, SCOPE, TODAY)
    assert first.data_version.startswith(f"catalog snapshot {snapshot} of ")
    seized = {figure.label: figure.value for figure in first.key_figures}

    ingest_files(lake, [seizure_file(2)])
    later = content.assemble(OPERATOR, SCOPE, TODAY)
    assert {figure.label: figure.value for figure in later.key_figures} != seized

    monkeypatch.setenv("EMBARGO_AS_OF", str(snapshot))
    again = content.assemble(OPERATOR, SCOPE, TODAY)
    assert pack_data(again) == pack_data(first)
    images = [item for section in again.sections for item in section.items]
    assert any(isinstance(item, content.Image) for item in images), "images were compared"

    # The command line does the same and says which snapshot it read.
    env = {key: value for key, value in os.environ.items() if key != "EMBARGO_AS_OF"}
    out = tmp_path / "mli.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "embargo.cli", "export", "briefing", "--target", "MLI",
         "--as-of", str(snapshot), "--out", str(out)],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"read from catalog snapshot {snapshot} of " in result.stdout
    reader = PdfReader(out)
    assert f"Read from catalog snapshot {snapshot} of " in reader.pages[0].extract_text()
    assert reader.metadata["/Keywords"].startswith(f"Read from catalog snapshot {snapshot} ")
