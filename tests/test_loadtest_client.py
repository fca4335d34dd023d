"""The protocol-level load-test client (bench/loadtest.py) against a real `embargo serve`: two
analysts' sessions for a few seconds, every page run finished without error."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import loadtest

pytestmark = pytest.mark.loadtest


def test_two_sessions_run_pages_and_filter_changes_without_error(tmp_path, monkeypatch):
    monkeypatch.delenv("EMBARGO_ACCESS_DB", raising=False)
    args = argparse.Namespace(
        sessions=2, ramp=1.0, duration=8.0, think_min=0.5, think_max=1.0, timeout=60.0,
        writers=0, writer_pause=5.0, canary=False,
    )  # fmt: skip
    result = loadtest.run_target("file", tmp_path, args)

    # The warm-up ran every weighted page of the navigation once, signed in by the proxy header.
    assert result["warm_up"]["errors"] == []
    assert sorted(result["warm_up"]["seconds"]) == sorted(loadtest.PAGE_WEIGHTS)
    runs = result["all"]
    assert runs["errors"] == 0, result["errors"]
    # Each session's first page at least, then more while the 9 s last (how many depends on the
    # machine's speed, which a test does not assert).
    assert runs["runs"] >= 2
    assert runs["p50_s"] is not None and runs["max_s"] < 60
    assert set(result["pages"]) <= set(loadtest.PAGE_WEIGHTS)
    # The server was sampled: its CPU and memory while both sessions were open.
    assert result["server"]["rss_mb_at_sessions"][2] > 50
    assert result["server"]["cpu_s_per_page_run_after_ramp"] > 0
