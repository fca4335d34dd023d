"""Remembered sign-ins: a browser that signed in stays signed in across page reloads, shared links
opened in it, server restarts and the replicas of a shared deployment, until it signs out or has
been idle longer than the session's lifetime (EMBARGO_SESSION_MINUTES).

They are kept in the access store beside the accounts (a SQLite file beside a local warehouse,
the catalog's PostgreSQL database for a shared deployment), so every dashboard process knows
them. The store holds only a SHA-256 hash of each browser's token, never the token: reading the
store does not give a way to sign in.

A sign-in never takes over the cookie the browser had before (session fixation: someone who set
or read that cookie would share the session). The signed-in page gets a ticket instead, random
and good once for TICKET_SECONDS; the browser hands it to the server's guard
(dashboard/server_guard.py), which takes the ticket back and gives the browser a new random
token in its cookie. Signing out forgets the token and the guard replaces the cookie again.
"""

from __future__ import annotations

import hashlib
import secrets
import time

from embargo import settings
from embargo.accounts import AccessStore, store

# How long a ticket handed to the signed-in page may wait for the browser to bring it back.
TICKET_SECONDS = 60
# Activity is written to the store at most this often per session (a sign-in idle for the
# whole lifetime still ends within this much of it).
TOUCH_SECONDS = 60


def session_seconds() -> float:
    name = "EMBARGO_SESSION_MINUTES"
    return float(settings.value(name) or settings.BY_NAME[name].default) * 60


def touch_interval() -> float:
    """Seconds between two writes of a session's activity: a tenth of the lifetime, at most
    TOUCH_SECONDS."""
    return min(TOUCH_SECONDS, session_seconds() / 10)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_ticket(user_name: str, path: AccessStore | None = None, now: float | None = None) -> str:
    """A one-time ticket for the account that has just signed in; the store keeps its hash."""
    ticket = secrets.token_urlsafe(32)
    moment = time.time() if now is None else now
    with store(path) as con:
        con.execute("DELETE FROM sign_in_tickets WHERE issued_at < ?", [moment - TICKET_SECONDS])
        con.execute(
            "INSERT INTO sign_in_tickets (ticket_hash, user_name, issued_at) VALUES (?, ?, ?)",
            [token_hash(ticket), user_name, moment],
        )
    return ticket


def redeem_ticket(
    ticket: str, old_token: str | None, path: AccessStore | None = None, now: float | None = None
) -> str | None:
    """Take a ticket back (once) and remember its sign-in under a new random token, which is
    returned for the browser's cookie; None when the ticket is unknown, used or too old. The
    browser's previous token, if any, is forgotten."""
    moment = time.time() if now is None else now
    with store(path) as con:
        row = con.execute(
            "SELECT user_name, issued_at FROM sign_in_tickets WHERE ticket_hash = ?",
            [token_hash(ticket)],
        ).fetchone()
        con.execute("DELETE FROM sign_in_tickets WHERE ticket_hash = ?", [token_hash(ticket)])
        if row is None or moment - row[1] > TICKET_SECONDS:
            return None
        if old_token:
            con.execute(
                "DELETE FROM remembered_sign_ins WHERE token_hash = ?", [token_hash(old_token)]
            )
        token = secrets.token_urlsafe(32)
        con.execute(
            "INSERT INTO remembered_sign_ins "
            "(token_hash, user_name, signed_in_at, last_activity, taken_up) VALUES (?, ?, ?, ?, 0)",
            [token_hash(token), row[0], moment, moment],
        )
    return token


def resume(
    token: str | None, path: AccessStore | None = None, now: float | None = None
) -> tuple[str, bool] | None:
    """(account, whether an earlier page of the browser already took the sign-in up) of the
    browser with this token, or None: never signed in, signed out, or idle past the session's
    lifetime (then forgotten). The first page after signing in continues the sign-in; later ones
    (a reload, a shared link, after a restart) resume it."""
    if not token:
        return None
    moment = time.time() if now is None else now
    with store(path) as con:
        con.execute(
            "DELETE FROM remembered_sign_ins WHERE last_activity < ?",
            [moment - session_seconds()],
        )
        row = con.execute(
            "SELECT user_name, taken_up FROM remembered_sign_ins WHERE token_hash = ?",
            [token_hash(token)],
        ).fetchone()
        if row is None:
            return None
        con.execute(
            "UPDATE remembered_sign_ins SET taken_up = 1, last_activity = ? WHERE token_hash = ?",
            [moment, token_hash(token)],
        )
    return row[0], bool(row[1])


def touch(
    token: str | None, user_name: str, path: AccessStore | None = None, now: float | None = None
) -> None:
    """Note activity of the signed-in browser: its sign-in lives on from now."""
    if not token:
        return
    moment = time.time() if now is None else now
    with store(path) as con:
        con.execute(
            "UPDATE remembered_sign_ins SET last_activity = ? "
            "WHERE token_hash = ? AND user_name = ?",
            [moment, token_hash(token), user_name],
        )


def forget(token: str | None, path: AccessStore | None = None) -> None:
    """Sign the browser with this token out (its token is no longer accepted)."""
    if token:
        with store(path) as con:
            con.execute("DELETE FROM remembered_sign_ins WHERE token_hash = ?", [token_hash(token)])
