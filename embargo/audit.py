"""The audit trail: who did what and when, appended to the access store beside the warehouse.

Rows are only ever added: triggers in the store refuse UPDATE, DELETE and a replacing INSERT on
`audit_log`. Each row names the user, the action, what it was done to (`target`: a page, a file,
an account) and the details as JSON (filters, search terms, a file's SHA-256, a load id, a
refusal's reason).

Each row also carries `row_hash`, the SHA-256 of the previous row's hash and its own content, so
that a row changed or removed by someone who went around the triggers (dropped them, or edited
the file) breaks the chain from that row on: `embargo audit verify` recomputes it. Rows cut off
the end leave no break: compare the count and last hash `verify` prints with a copy kept
elsewhere.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from embargo.accounts import AccessStore, iso_timestamp, store, utc_now

# The hash before the first chained row.
CHAIN_START = "0" * 64

# Every action the trail records, with what it means (the Audit page offers these as a filter).
ACTIONS = {
    "sign_in": "signed in",
    "sign_in_failed": "a sign-in was refused (wrong password, unknown or disabled account)",
    "sign_in_rate_limited": "a sign-in was refused: too many failures",
    "sign_out": "signed out",
    "sign_in_resumed": "a new session of a browser still signed in (a page reload, a link opened)",
    "session_expired": "signed out after inactivity",
    "page_view": "viewed a page, with its filters and search terms",
    "download": "downloaded a file from a page (with its SHA-256)",
    "upload": "uploaded a file to load (with its SHA-256 and load id)",
    "upload_refused": "an uploaded file was refused before loading",
    "user_added": "added an account",
    "user_disabled": "disabled an account",
    "user_enabled": "enabled an account",
    "user_removed": "removed an account",
    "user_unlocked": "cleared an account's failed sign-ins",
    "store_role_granted": "let a PostgreSQL role use the access store (audit trail: add only)",
    "password_changed": "changed an account's password",
    "role_changed": "changed an account's role or clearance",
    "language_changed": "changed the language an account reads in",
    "export": "wrote a file from the command line, such as a briefing pack (with its SHA-256)",
    "catalog_maintained": "expired old snapshots of the shared catalog and deleted their files",
    "actor_added": "added a name to the actor registry",
    "actor_changed": "corrected a name of the actor registry or of the committed aliases",
    "actor_removed": "removed a name from the actor registry",
    "link_confirmed": "confirmed that a registered party is a listed party",
    "embargo_change_recorded": "recorded a resolution renewing, changing or ending an embargo",
    "link_rejected": "recorded that a registered party is not a listed party",
    "rejects_reprocessed": "loaded the kept rejected rows that now resolve (with the counts)",
    "correction_reverted": "reversed a correction of a stored record (a new version)",
    "correction_reversal_refused": "tried to reverse a correction; it was refused",
    "watch_saved": "saved a watch (a serial, lot, party, place... to follow)",
    "watch_removed": "removed a watch",
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
    with store(path) as con:
        append_row(con, user_name, action, target, detail, iso_timestamp(now or utc_now()))


def append_row(con, user_name: str, action: str, target: str, detail: dict | None, at: str) -> None:
    """Add one row, chained to the previous row's hash, inside an open store transaction, so a
    change and its audit row are written together or not at all."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action '{action}'")
    text = json.dumps(detail or {}, sort_keys=True, default=str, ensure_ascii=False)
    # The store serialises its transactions, so the previous row is still the last one at the
    # insert.
    last = con.execute(
        "SELECT row_hash FROM audit_log WHERE row_hash IS NOT NULL ORDER BY audit_id DESC LIMIT 1"
    ).fetchone()
    previous = last[0] if last else CHAIN_START
    con.execute(
        "INSERT INTO audit_log (occurred_at, user_name, action, target, detail, row_hash) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            at,
            user_name,
            action,
            target,
            text,
            chained_hash(previous, at, user_name, action, target, text),
        ],
    )


def chained_hash(previous: str, *content: str) -> str:
    """The hash of a row: over the previous row's hash and this row's columns, each written as
    JSON so no two different rows give the same text."""
    return sha256_of(json.dumps([previous, *content], ensure_ascii=False))


@dataclass(frozen=True)
class ChainCheck:
    rows: int  # rows in the trail
    unchained: int  # rows written before the chain began (stores made by earlier versions)
    broken_at: int | None  # audit_id of the first row whose hash does not follow
    last_hash: str  # the hash of the last chained row

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify(path: AccessStore | None = None) -> ChainCheck:
    """Recompute the chain of row hashes from the first row to the last."""
    with store(path) as con:
        rows = con.execute(
            "SELECT audit_id, occurred_at, user_name, action, target, detail, row_hash "
            "FROM audit_log ORDER BY audit_id"
        ).fetchall()
    previous, unchained, chained = CHAIN_START, 0, False
    for audit_id, *content, row_hash in rows:
        if row_hash is None and not chained:
            unchained += 1
            continue
        chained = True
        if row_hash != chained_hash(previous, *content):
            return ChainCheck(len(rows), unchained, audit_id, previous)
        previous = row_hash
    return ChainCheck(len(rows), unchained, None, previous)


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
