"""Remembered sign-ins in a real access store (SQLite file): a ticket is good once and for a
minute, the sign-in is kept under the hash of a new token only, the browser's earlier token is
forgotten, a resumption is told from the first page after signing in, idleness past the
session's lifetime and signing out end it, and disabling or removing the account ends its
sign-ins."""

from __future__ import annotations

import sqlite3

import pytest

from embargo import accounts, remembered_sign_ins
from embargo.remembered_sign_ins import TICKET_SECONDS, token_hash

PASSWORD = "a long enough password"
T0 = 1_800_000_000.0


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("EMBARGO_SESSION_MINUTES", "30")
    path = tmp_path / "w.access.sqlite"
    accounts.add_user("vera", "viewer", "public", PASSWORD, path)
    return path


def rows(store, table: str) -> list[tuple]:
    with sqlite3.connect(store) as con:
        return con.execute(f"SELECT * FROM {table}").fetchall()


def test_a_ticket_gives_a_new_token_once(store):
    ticket = remembered_sign_ins.issue_ticket("vera", store, now=T0)
    assert rows(store, "sign_in_tickets") == [(token_hash(ticket), "vera", T0)]
    token = remembered_sign_ins.redeem_ticket(ticket, "pre-sign-in-cookie", store, now=T0 + 5)
    assert token is not None and token != ticket
    assert rows(store, "remembered_sign_ins") == [(token_hash(token), "vera", T0 + 5, T0 + 5, 0)]
    assert rows(store, "sign_in_tickets") == []
    # used once
    assert remembered_sign_ins.redeem_ticket(ticket, None, store, now=T0 + 6) is None
    # the cookie of before the sign-in is not signed in; the new one is
    assert remembered_sign_ins.resume("pre-sign-in-cookie", store, now=T0 + 7) is None
    assert remembered_sign_ins.resume(token, store, now=T0 + 7) == ("vera", False)
    assert remembered_sign_ins.resume(token, store, now=T0 + 8) == ("vera", True)


def test_a_ticket_expires(store):
    ticket = remembered_sign_ins.issue_ticket("vera", store, now=T0)
    late = T0 + TICKET_SECONDS + 1
    assert remembered_sign_ins.redeem_ticket(ticket, None, store, now=late) is None
    assert rows(store, "remembered_sign_ins") == []


def test_a_new_sign_in_forgets_the_browsers_earlier_token(store):
    first = remembered_sign_ins.redeem_ticket(
        remembered_sign_ins.issue_ticket("vera", store, now=T0), None, store, now=T0
    )
    second = remembered_sign_ins.redeem_ticket(
        remembered_sign_ins.issue_ticket("vera", store, now=T0 + 1), first, store, now=T0 + 1
    )
    assert [row[0] for row in rows(store, "remembered_sign_ins")] == [token_hash(second)]


def test_idleness_and_signing_out_end_it(store):
    token = remembered_sign_ins.redeem_ticket(
        remembered_sign_ins.issue_ticket("vera", store, now=T0), None, store, now=T0
    )
    remembered_sign_ins.touch(token, "vera", store, now=T0 + 25 * 60)
    # 30 minutes after the last activity, not after the sign-in
    assert remembered_sign_ins.resume(token, store, now=T0 + 54 * 60) == ("vera", False)
    assert remembered_sign_ins.resume(token, store, now=T0 + 84 * 60 + 1) is None
    assert rows(store, "remembered_sign_ins") == []
    other = remembered_sign_ins.redeem_ticket(
        remembered_sign_ins.issue_ticket("vera", store, now=T0), None, store, now=T0
    )
    remembered_sign_ins.forget(other, store)
    assert remembered_sign_ins.resume(other, store, now=T0 + 1) is None


@pytest.mark.parametrize("end", ["disable", "remove"])
def test_disabling_or_removing_the_account_ends_its_sign_ins(store, end):
    token = remembered_sign_ins.redeem_ticket(
        remembered_sign_ins.issue_ticket("vera", store), None, store
    )
    if end == "disable":
        accounts.set_disabled("vera", True, store)
    else:
        accounts.remove_user("vera", store)
    assert remembered_sign_ins.resume(token, store) is None
