"""The audit trail: who did what and when, appended to the access store beside the warehouse.

Rows are only ever added: triggers in the store refuse UPDATE and DELETE on `audit_log`. Each
row names the user, the action, what it was done to (`target`: a page, a file, an account) and
the details as JSON (filters, search terms, a file's SHA-256, a load id, a refusal's reason).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from embargo.accounts import AccessStore, iso_timestamp, store, utc_now

# Every action the trail records, with what it means (the Audit page offers these as a filter).
ACTIONS = {
    "sign_in": "signed in",
    "sign_in_failed": "a sign-in was refused (wrong password, unknown or disabled account)",
    "sign_in_rate_limited": "a sign-in was refused: too many failures",
    "sign_out": "signed out",
    "session_expired": "signed out after inactivity",
    "page_view": "viewed a page, with its filters and search terms",
    "download": "downloaded a file from a page (with its SHA-256)",
    "upload": "uploaded a file to load (with its SHA-256 and load id)",
    "upload_refused": "an uploaded file was refused before loading",
    "user_added": "added an account",
    "user_disabled": "disabled an account",
    "user_enabled": "enabled an account",
    "user_removed": "removed an account",
    "password_changed": "changed an account's password",
    "role_changed": "changed an account's role or clearance",
    "language_changed": "changed the language an account reads in",
    "export": "wrote a file from the command line, such as a briefing pack (with its SHA-256)",
    "catalog_maintained": "expired old snapshots of the shared catalog and deleted their files",
}


@dataclass(frozen=True)
class AuditRow:
    audit_id: int
    occurred_at: str
    user_name: str
    action: str
    target: str
    detail: dict


def sha256_of(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def record(
    user_name: str,
    action: str,
    target: str = "",
    detail: dict | None = None,
    path: AccessStore | None = None,
    now: dt.datetime | None = None,
) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action '{action}'")
    text = json.dumps(detail or {}, sort_keys=True, default=str, ensure_ascii=False)
    with store(path) as con:
        con.execute(
            "INSERT INTO audit_log (occurred_at, user_name, action, target, detail) "
            "VALUES (?, ?, ?, ?, ?)",
            [iso_timestamp(now or utc_now()), user_name, action, target, text],
        )


def read(
    path: AccessStore | None = None,
    user_names: tuple[str, ...] = (),
    actions: tuple[str, ...] = (),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int | None = 100_000,
) -> list[AuditRow]:
    """Audit rows, newest first, narrowed by users, actions and an inclusive UTC date range;
    at most `limit` of them (None: all)."""
    clauses, params = [], []
    if user_names:
        clauses.append(f"user_name IN ({', '.join('?' * len(user_names))})")
        params += list(user_names)
    if actions:
        clauses.append(f"action IN ({', '.join('?' * len(actions))})")
        params += list(actions)
    if date_from:
        clauses.append("occurred_at >= ?")
        params.append(date_from.isoformat())
    if date_to:
        clauses.append("occurred_at < ?")
        params.append((date_to + dt.timedelta(days=1)).isoformat())
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    with store(path) as con:
        rows = con.execute(
            "SELECT audit_id, occurred_at, user_name, action, target, detail FROM audit_log "  # noqa: S608
            f"{where} ORDER BY audit_id DESC{'' if limit is None else ' LIMIT ?'}",
            [*params] if limit is None else [*params, limit],
        ).fetchall()
    return [AuditRow(*row[:5], json.loads(row[5])) for row in rows]


def user_names_seen(path: AccessStore | None = None) -> list[str]:
    with store(path) as con:
        rows = con.execute("SELECT DISTINCT user_name FROM audit_log ORDER BY 1").fetchall()
    return [row[0] for row in rows]


def detail_text(detail: dict) -> str:
    """The details as one line of JSON, keys sorted, for tables and CSV files."""
    return json.dumps(detail, sort_keys=True, default=str, ensure_ascii=False)
