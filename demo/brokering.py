"""Synthetic brokering records: a few decisions of invented brokering controls on licences held by
invented brokers, labelled synthetic everywhere: every licence id starts with "SYN-", every
broker's name with "Synthetic", every description with "Synthetic record" and every source
document with "SYN/"; no real broker, licence or report is named.

The brokers are not in any user's actor registry: the set adds them to the warehouse's alias
table itself, as actors of kind broker, logged as a load of the synthetic source: they exist
only in a warehouse built with the demonstration data. The records cover each
verdict of the brokering screening: licences issued for South Sudan and for a Libyan non-state
end user while the measures prohibited supplies, one for Libya's government under its approval
procedure, one issued before South Sudan's embargo, one revoked, refusals, and a destination under
no embargo."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

import duckdb

from ingest.files import ingest_into
from ingest.kit.loads import insert_rows, new_load_id, record_merge, utc_now
from ingest.kit.places import normalize_alias
from ingest.sources.brokering import FORMAT

SOURCE_ID = "demo_brokering"
NOTE = "Synthetic demonstration broker: invented, not a real company."
# name -> the country it is based in
BROKERS = {
    "Synthetic Meridian Brokers Ltd": "GBR",
    "Synthetic Adler Vermittlung GmbH": "DEU",
    "Synthetic Levant Trade SARL": None,
}
MERIDIAN, ADLER, LEVANT = BROKERS
# licence_id, reporting_state, decision, decision_date, broker, source, destination, end_user,
# category, what, quantity, value (USD)
RECORDS = (
    ("SYN-GB-0101", "GBR", "issued", "2019-06-12", MERIDIAN, "BGR", "SSD", "",
     "SALW", "assault rifles", 800, 960000),
    ("SYN-GB-0102", "GBR", "issued", "2018-03-20", MERIDIAN, "SRB", "SSD", "",
     "SALW", "machine guns", 60, 300000),
    ("SYN-GB-0103", "GBR", "refused", "2020-11-02", MERIDIAN, "UKR", "SSD", "",
     "II", "armoured personnel carriers", 6, 2400000),
    ("SYN-DE-0201", "DEU", "issued", "2021-04-08", ADLER, "CZE", "LBY", "Libya",
     "II", "patrol vehicles", 10, 1800000),
    ("SYN-DE-0201", "DEU", "revoked", "2021-10-01", ADLER, "CZE", "LBY", "Libya",
     "II", "patrol vehicles", 10, 1800000),
    ("SYN-DE-0202", "DEU", "issued", "2022-07-19", ADLER, "BIH", "LBY", "Libya HoR*",
     "SALW", "pistols and ammunition", 400, 250000),
    ("SYN-FR-0301", "FRA", "refused", "2023-02-14", LEVANT, "BGR", "CAF", "",
     "SALW", "rifles", 1500, 900000),
    ("SYN-FR-0302", "FRA", "issued", "2023-05-30", LEVANT, "ROU", "KEN", "Kenya",
     "other", "ammunition", 200000, 150000),
)  # fmt: skip


def rows() -> list[dict[str, str]]:
    """The file's rows, in the format's columns."""
    return [
        {
            "licence_id": licence,
            "reporting_state": reporting,
            "decision": decision,
            "decision_date": decided,
            "broker_name": broker,
            "source_country": source,
            "destination_country": destination,
            "end_user": end_user,
            "category": category,
            "description": f"Synthetic record: {what}",
            "quantity": str(quantity),
            "value": str(value),
            "currency": "USD",
            "source_document": f"SYN/brokering/{reporting}/{decided[:4]}",
            "classification": "public" if decision != "refused" else "restricted",
        }
        for (licence, reporting, decision, decided, broker, source, destination, end_user,
             category, what, quantity, value) in RECORDS
    ]  # fmt: skip


def register_brokers(con: duckdb.DuckDBPyConnection) -> None:
    """The invented brokers into the alias table, logged as a load of the synthetic source."""
    load_id, started_at = new_load_id(), utc_now()
    known = {
        key
        for (key,) in con.execute(
            "SELECT alias_normalized FROM country_aliases WHERE list_contains(?, alias_normalized)",
            [[normalize_alias(name) for name in BROKERS]],
        ).fetchall()
    }
    added = [
        {
            "alias": name,
            "alias_normalized": normalize_alias(name),
            "country_iso3": country,
            "actor_type": "broker",
            "note": NOTE,
            "load_id": load_id,
        }
        for name, country in BROKERS.items()
        if normalize_alias(name) not in known
    ]
    if not added:
        return
    insert_rows(con, "country_aliases", added)
    record_merge(
        con,
        load_id=load_id,
        source_id=SOURCE_ID,
        name="synthetic brokers",
        file_format="registry",
        target_table="country_aliases",
        content=json.dumps(BROKERS, sort_keys=True).encode(),
        rows_read=len(added),
        rows_loaded=len(added),
        rejects=[],
        started_at=started_at,
    )


def write_records(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(FORMAT.header))
        writer.writeheader()
        writer.writerows(rows())
    return path


def load_demo_brokering(con: duckdb.DuckDBPyConnection) -> None:
    """The synthetic brokers, then their records through the real format module."""
    con.execute("BEGIN TRANSACTION")
    try:
        register_brokers(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    with tempfile.TemporaryDirectory() as folder:
        path = write_records(Path(folder) / "synthetic_brokering.csv")
        report = ingest_into(con, path, "brokering", source_id=SOURCE_ID)
        if report.status not in ("loaded", "already_loaded"):
            raise RuntimeError(f"synthetic brokering set did not load: {report.message}")
        if report.rows_rejected:
            raise RuntimeError(
                f"synthetic brokering set: {report.rows_rejected} rows rejected "
                f"(load {report.load_id}); the records must be valid"
            )
