"""Uploads into a shared catalog follow the clearance rules of a local file: a file above the
uploader's clearance is refused inside its snapshot's transaction (no snapshot of it is
committed), a line naming a stored event of a higher classification is rejected without a word
of it, and bytes loaded above the clearance are reported without naming that load."""

from __future__ import annotations

import csv
import io

from seizure_files import HEADER
from support import query

from embargo.classification import Classification
from embargo.lake import current_snapshot
from embargo.warehouse import connect_read_only
from ingest.build import build_warehouse
from ingest.files import ingest_files
from ingest.uploads import Upload, load_uploads

RESTRICTED = Classification.RESTRICTED


def seizures(*lines: tuple[str, str, str, str]) -> bytes:
    """A seizures file of one-rifle lines (event id, date, classification, serial)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(HEADER)
    for event_id, date, level, serial in lines:
        writer.writerow([
            event_id, date, "day", "MLI", "Hidden Valley", "16.27", "-0.04", "exact", "seizure",
            "", "JMAC MINUSMA", "weapon", "assault_rifle", "Izhmash", "AKM", "7.62 x 39 mm",
            serial, "RUS", "1975", "1", "items", level,
        ])  # fmt: skip
    return text.getvalue().encode()


def snapshot_of(lake) -> int:
    con = connect_read_only(lake)
    try:
        return current_snapshot(con).snapshot_id
    finally:
        con.close()


def test_uploads_into_the_catalog_stay_within_the_clearance(lake, tmp_path):
    build_warehouse(lake)
    stored = tmp_path / "field-office.csv"
    stored.write_bytes(seizures(("C-1", "2015-01-16", "confidential", "SECRET001")))
    (report,) = ingest_files(lake, [stored])
    assert report.status == "loaded"

    before = snapshot_of(lake)
    (refused,) = load_uploads(
        lake,
        [Upload("probe.csv", seizures(("C-1", "2020-01-01", "confidential", "PROBE1")))],
        clearance=RESTRICTED,
    )
    assert refused.status == "refused"
    assert "classified confidential, above the uploader's clearance" in refused.refusal
    assert snapshot_of(lake) == before

    (loaded,) = load_uploads(
        lake,
        [Upload("probe.csv", seizures(("C-1", "2020-01-01", "restricted", "PROBE2")))],
        clearance=RESTRICTED,
    )
    assert (loaded.status, loaded.report.rows_rejected) == ("loaded", 1)
    assert query(lake, "SELECT reason FROM rejects WHERE load_id = ?", [loaded.report.load_id]) == [
        (
            "event C-1 of JMAC MINUSMA conflicts with a record of a higher classification than "
            "this line (restricted): a line adds to a stored event only at the event's "
            "classification or above",
        )
    ]
    assert query(lake, "SELECT classification, event_date::VARCHAR FROM seizure_events") == [
        ("confidential", "2015-01-16")
    ]

    (again,) = load_uploads(lake, [Upload("copy.csv", stored.read_bytes())], clearance=RESTRICTED)
    assert (again.status, again.report.load_id, again.report.message) == (
        "already_loaded",
        None,
        "same bytes already loaded, by a load above your clearance: nothing changed",
    )
