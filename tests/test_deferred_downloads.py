"""Download files made when their button is clicked (dashboard.deferred_downloads): a page run
with its download toggles on reads no full result and writes no file; the file made on a worker
thread, as the click makes it, is the file the page would have made (in the page's language),
and its SHA-256, rows and data version go to the server's guard (which serves and records it)
or, without the guard, straight to the audit trail."""

from __future__ import annotations

import hashlib
import threading

import pytest
from support import page_of

from dashboard import queries, server_guard
from dashboard.deferred_downloads import PageContext, made_when_clicked
from dashboard.downloads import spreadsheet_safe_csv_when_clicked, spreadsheet_safe_marked_csv
from dashboard.queries import engine
from embargo import audit, i18n
from embargo.classification import Classification

STRICT = Classification.STRICTLY_CONFIDENTIAL


@pytest.fixture
def on_demo(demo_warehouse, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))
    monkeypatch.setenv("EMBARGO_QUERY_CACHE_MB", "0")
    return demo_warehouse


def context_of(session_id: str | None) -> PageContext:
    return PageContext(
        user_name="ana",
        clearance=STRICT,
        page="Screening",
        file_name="transfer_screening_register_lines.csv",
        session_id=session_id,
        language="fr",
        known_on=None,
        location=engine.current_location(),
        snapshot_id=None,
    )


def clicked(session_id: str | None) -> bytes:
    """The register lines' CSV as a click makes it: on a thread of its own, outside any page
    run, from the page run's context."""
    make = spreadsheet_safe_csv_when_clicked(
        lambda: queries.screening_rows(STRICT, queries.ScreeningFilters()), STRICT
    )
    made: list = []
    click = made_when_clicked(make, context_of(session_id))
    worker = threading.Thread(target=lambda: made.append(click()))
    worker.start()
    worker.join()
    return made[0]


def test_the_file_is_made_on_click_as_the_page_would_and_recorded(on_demo):
    data = clicked(None)
    frame = queries.screening_rows(STRICT, queries.ScreeningFilters())
    with i18n.using("fr"):
        assert data == spreadsheet_safe_marked_csv(frame, STRICT, None, STRICT)
    header = data.decode().splitlines()[4]
    assert header.startswith("Transfert,Source,Fournisseur (tel que déclaré),")
    [row] = [r for r in audit.read() if r.action == "download"]
    assert (row.user_name, row.target) == ("ana", "transfer_screening_register_lines.csv")
    assert row.detail == {
        "page": "Screening",
        "sha256": hashlib.sha256(data).hexdigest(),
        "rows": data.count(b"\n") - 1,
        "data_version": str(queries.data_version(STRICT)),
    }
    # the lines after the first: the data version, the synthetic note, a blank line, the
    # header, the rows, a blank line and the marking
    assert data.count(b"\n") - 1 == frame.height + 6


def test_with_the_guard_the_file_is_left_to_it_for_its_session(on_demo):
    server_guard.installed.set()
    server_guard.GRANTS.grant("session-1", "browser-1", "ana", False)
    try:
        data = clicked("session-1")
        sha256 = hashlib.sha256(data).hexdigest()
        assert not server_guard.GRANTS.prepared_for("browser-2", sha256)
        user_name, detail = server_guard.GRANTS.download_for("browser-1", sha256)
        assert (user_name, detail["file_name"], detail["sha256"]) == (
            "ana",
            "transfer_screening_register_lines.csv",
            sha256,
        )
        assert detail["rows"] == data.count(b"\n") - 1
        assert [r for r in audit.read() if r.action == "download"] == []
    finally:
        server_guard.GRANTS.revoke("session-1")
        server_guard.installed.clear()


def test_a_page_run_with_its_download_toggles_on_reads_no_full_result(on_demo, monkeypatch):
    at = page_of("screens/screening.py")
    at.toggle(key="prepare_screening_csv").set_value(True).run()
    at.toggle(key="download_screening_deliveries").set_value(True).run()
    sent: list[tuple[str, object]] = []
    read = engine._read

    def recording(sql, params):
        sent.append((sql, params))
        return read(sql, params)

    monkeypatch.setattr(engine, "_read", recording)
    at.toggle(key="download_screening_lines").set_value(True).run()
    assert [b.proto.label for b in at.get("download_button")] == ["CSV", "XLSX", "CSV", "XLSX"]
    # The page's own list of 2,000 deliveries only: no full result read for a file.
    listed = [params["limit"] for sql, params in sent if "screening_deliveries(" in sql]
    assert listed == [2000]
    assert not [sql for sql, _ in sent if "screening_rows(" in sql]
