"""Recorded resolutions: the reference data kept current without a release.

When the Security Council renews, changes or terminates an arms embargo, an administrator
records the resolution (`embargo embargoes change add`, or the Embargo changes page): its
symbol, the date it was adopted, the kind of change, and for a renewal the date the measures now
run to. Records are kept in the access store beside the accounts and the audit trail, like the
actor registry (`embargo.actors`): a SQLite file beside a local warehouse, the catalog's
PostgreSQL database for a shared deployment. So they survive every rebuild and apply on every
machine. Each record writes its audit row in the same transaction.

The warehouse takes the records in at every build and after every record
(ingest/embargo_records.py): each becomes a dated change of the embargo (embargo_changes), a
renewal that runs past the reference table's status date turns "in force (projected)" into
verified (view embargo_status), and a termination ends the embargo from its date (view
embargo_spans).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path

from embargo.accounts import AccessStore, iso_timestamp, store, utc_now
from embargo.actors import close_candidates
from embargo.audit import append_row
from embargo.config import REFERENCE_DIR
from embargo.i18n import _, using

CHANGE_KINDS = ("renewal", "change", "termination")
# A Security Council resolution symbol as the reference table writes it.
RESOLUTION = re.compile(r"S/RES/\d{1,5} \(\d{4}\)")

RECORDS_SCHEMA = """
CREATE TABLE IF NOT EXISTS embargo_change_records (
    record_id TEXT PRIMARY KEY,
    embargo_id TEXT NOT NULL,
    change_kind TEXT NOT NULL CHECK (change_kind IN ('renewal', 'change', 'termination')),
    resolution TEXT NOT NULL,
    adopted_on TEXT NOT NULL,
    runs_to TEXT,
    summary TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    summary_fr TEXT
)
"""
_COLUMNS = (
    "record_id, embargo_id, change_kind, resolution, adopted_on, runs_to, summary, "
    "recorded_by, recorded_at, summary_fr"
)


class RecordError(Exception):
    """A record that cannot be kept; the message says why."""


@dataclass(frozen=True)
class ChangeRecord:
    record_id: str
    embargo_id: str
    change_kind: str
    resolution: str
    adopted_on: str
    runs_to: str | None
    summary: str
    recorded_by: str
    recorded_at: str
    # What the resolution does, in French; None when only the English was written (French
    # readers then see the English marked as such).
    summary_fr: str | None = None


@dataclass(frozen=True)
class Embargo:
    embargo_id: str
    short_name: str
    start_date: str
    end_date: str | None


def change_text_fr(record: ChangeRecord) -> str | None:
    """The change in French, when the record has a French summary (embargo_changes.change_fr)."""
    if not record.summary_fr:
        return None
    with using("fr"):
        head = {
            "renewal": _("renewed to {date}").format(date=record.runs_to),
            "change": _("changed"),
            "termination": _("terminated"),
        }[record.change_kind]
        return _("{change}: {summary} (recorded by {user} on {date})").format(
            change=head,
            summary=record.summary_fr,
            user=record.recorded_by,
            date=record.recorded_at[:10],
        )


def committed_embargoes(folder: Path = REFERENCE_DIR) -> dict[str, Embargo]:
    with (folder / "embargoes.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["embargo_id"]: Embargo(
                row["embargo_id"], row["short_name"], row["start_date"], row["end_date"] or None
            )
            for row in csv.DictReader(handle)
        }


def _ensure(con) -> None:
    con.execute(RECORDS_SCHEMA)
    # A store made before records had a French summary gains the column (empty for them).
    if isinstance(con, sqlite3.Connection):
        columns = {row[1] for row in con.execute("PRAGMA table_info(embargo_change_records)")}
        if "summary_fr" not in columns:
            con.execute("ALTER TABLE embargo_change_records ADD COLUMN summary_fr TEXT")
    else:
        con.execute("ALTER TABLE embargo_change_records ADD COLUMN IF NOT EXISTS summary_fr TEXT")


def list_records(path: AccessStore | None = None) -> list[ChangeRecord]:
    """Every record, oldest first. A local store that does not exist yet has none."""
    if isinstance(path, Path) and not path.exists():
        return []
    with store(path) as con:
        _ensure(con)
        rows = con.execute(
            f"SELECT {_COLUMNS} FROM embargo_change_records "  # noqa: S608
            "ORDER BY adopted_on, recorded_at, record_id"
        ).fetchall()
    return [ChangeRecord(*row) for row in rows]


def _day(value: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise RecordError(f"{what} '{value}' is not a date: expected YYYY-MM-DD") from None


def add_record(
    embargo_id: str,
    change_kind: str,
    resolution: str,
    adopted_on: str,
    summary: str,
    user: str,
    runs_to: str | None = None,
    path: AccessStore | None = None,
    now: dt.datetime | None = None,
    summary_fr: str | None = None,
) -> ChangeRecord:
    """Record a resolution renewing, changing or terminating an embargo, with its audit row."""
    embargoes = committed_embargoes()
    embargo = embargoes.get(embargo_id.strip())
    if embargo is None:
        near = close_candidates(embargo_id, list(embargoes))
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise RecordError(f"no embargo '{embargo_id}' in data/reference/embargoes.csv{hint}")
    if change_kind not in CHANGE_KINDS:
        raise RecordError(
            f"unknown kind of change '{change_kind}': expected one of {', '.join(CHANGE_KINDS)}"
        )
    symbol = " ".join(resolution.split())
    if not RESOLUTION.fullmatch(symbol):
        raise RecordError(
            f"resolution '{resolution}' is not a Security Council resolution symbol: expected "
            "e.g. S/RES/2800 (2026)"
        )
    adopted = _day(adopted_on, "adoption date")
    today = (now or utc_now()).date()
    if adopted > today:
        raise RecordError(f"adoption date {adopted} is after today ({today})")
    if adopted.isoformat() < embargo.start_date:
        raise RecordError(
            f"adoption date {adopted} is before the embargo was imposed ({embargo.start_date})"
        )
    if symbol[-5:-1] != str(adopted.year):
        raise RecordError(
            f"resolution {symbol} is of {symbol[-5:-1]} but the adoption date is in {adopted.year}"
        )
    until = None
    if change_kind == "renewal":
        if not runs_to:
            raise RecordError("a renewal needs the date the measures now run to (--runs-to)")
        until = _day(runs_to, "runs-to date")
        if until <= adopted:
            raise RecordError(f"runs-to date {until} is not after the adoption date {adopted}")
    elif runs_to:
        raise RecordError("only a renewal has a runs-to date")
    if change_kind == "termination" and embargo.end_date:
        raise RecordError(
            f"{embargo_id} already ended on {embargo.end_date} in the reference table"
        )
    text = " ".join(summary.split())
    if not text:
        raise RecordError("a summary of what the resolution does is needed")
    text_fr = " ".join((summary_fr or "").split()) or None
    stamp = iso_timestamp(now or utc_now())
    with store(path) as con:
        _ensure(con)
        same = con.execute(
            f"SELECT {_COLUMNS} FROM embargo_change_records "  # noqa: S608
            "WHERE embargo_id = ? AND resolution = ?",
            [embargo_id, symbol],
        ).fetchone()
        if same is not None:
            other = ChangeRecord(*same)
            raise RecordError(
                f"{symbol} is already recorded for {embargo_id} (by {other.recorded_by} on "
                f"{other.recorded_at[:10]})"
            )
        (count,) = con.execute("SELECT count(*) FROM embargo_change_records").fetchone()
        record = ChangeRecord(
            f"R{count + 1:04d}",
            embargo_id,
            change_kind,
            symbol,
            adopted.isoformat(),
            until.isoformat() if until else None,
            text,
            user,
            stamp,
            text_fr,
        )
        con.execute(
            f"INSERT INTO embargo_change_records ({_COLUMNS}) "  # noqa: S608
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            list(asdict(record).values()),
        )
        detail = {k: v for k, v in asdict(record).items() if k not in ("recorded_by",)}
        append_row(con, user, "embargo_change_recorded", embargo_id, detail, stamp)
    return record
