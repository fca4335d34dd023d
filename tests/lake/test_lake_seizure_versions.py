"""Versions and corrections of seizure records on a shared catalog (DuckLake on a throw-away
PostgreSQL): a later file's version and a correction replace the current rows, the earlier ones
are kept, and the derived tables committed with them hold what their queries give."""

from __future__ import annotations

import datetime as dt

from support import write_csv
from test_corrections import HEADER as CORRECTION_HEADER
from test_seizure_versions import AMMO, HEADER, RIFLE, derived_tables_hold, line

from embargo.classification import Classification
from embargo.warehouse import connect_read_only
from ingest.build import build_warehouse
from ingest.files import ingest_files
from ingest.kit.loads import Loader


def test_versions_and_a_correction_on_the_catalog(lake, tmp_path):
    build_warehouse(lake)
    first = write_csv(tmp_path / "jmac_march.csv", HEADER, [line(RIFLE), line(AMMO)])
    later = {"as_of": "2024-04-20", "event_date": "2024-03-04"}
    second = write_csv(
        tmp_path / "jmac_april.csv",
        HEADER,
        [line(RIFLE, **later, serial_number="AK-12 354"), line(AMMO, **later)],
    )
    reports = ingest_files(lake, [first])
    reports += ingest_files(lake, [second])
    assert [(r.rows_loaded, r.rows_rejected) for r in reports] == [(2, 0), (2, 0)]
    fix = write_csv(
        tmp_path / "corrections.csv",
        CORRECTION_HEADER,
        [{"correction_id": "K-1", "record_kind": "seizure_event",
          "record_key": "JMAC MINUSMA:E-1", "field": "location_name", "new_value": "Gao",
          "reason": "place misread"}],
    )  # fmt: skip
    [report] = ingest_files(lake, [fix], loaded_by=Loader("analyst", Classification.RESTRICTED))
    assert report.rows_loaded == 1
    con = connect_read_only(lake)
    try:
        assert con.execute(
            "SELECT version, event_date, location_name, superseded_at IS NULL "
            "FROM seizure_event_versions ORDER BY version"
        ).fetchall() == [
            (1, dt.date(2024, 3, 5), "Ansongo", False),
            (2, dt.date(2024, 3, 4), "Ansongo", False),
            (3, dt.date(2024, 3, 4), "Gao", True),
        ]
        assert con.execute(
            "SELECT serial_number, version FROM seizure_item_versions WHERE item_id = '1' "
            "ORDER BY version"
        ).fetchall() == [("AK-12 345", 1), ("AK-12 354", 2)]
        assert con.execute(
            "SELECT DISTINCT location_name, event_date FROM seizure_item_facts_stored"
        ).fetchall() == [("Gao", dt.date(2024, 3, 4))]
    finally:
        con.close()
    derived_tables_hold(lake)
