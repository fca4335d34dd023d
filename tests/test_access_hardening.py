"""What a red-team pass got through on sign-in, the access store, uploads and the inbox, each
reproduced: a cheap password hash, an account locked by anyone failing on purpose, a password
typed into the name field kept in clear, audit rows changed unseen (a replacing INSERT, dropped
triggers), a store readable by every local user, a NUL in an upload's file name, and a link in
the watched folder that reads a file elsewhere."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from embargo import accounts, audit
from embargo.config import DASHBOARD_APP, PROJECT_ROOT
from ingest.inbox import Inbox
from ingest.uploads import Upload, load_uploads

PASSWORD = "correct horse battery"
ATTACKER = "198.51.100.7"


@pytest.fixture
def store(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "access.sqlite"
    monkeypatch.setenv("EMBARGO_ACCESS_DB", str(path))
    accounts.add_user("adam", "admin", "strictly_confidential", PASSWORD)
    return path


def stored_hash(store: Path, user_name: str) -> str:
    con = sqlite3.connect(store)
    try:
        return con.execute(
            "SELECT password_hash FROM users WHERE user_name = ?", [user_name]
        ).fetchone()[0]
    finally:
        con.close()


def embargo(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "embargo.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT_ROOT,
        env=env,
    )


def test_passwords_are_hashed_at_current_cost_and_old_hashes_replaced_at_sign_in(store):
    assert stored_hash(store, "adam").startswith("scrypt$131072$8$1$")
    # A hash made with the former cost (N=2^15), as stores made before hold.
    salt = b"0123456789abcdef"
    old = hashlib.scrypt(PASSWORD.encode(), salt=salt, n=2**15, r=8, p=1, maxmem=64 << 20)
    old_hash = (
        f"scrypt$32768$8$1${base64.b64encode(salt).decode()}${base64.b64encode(old).decode()}"
    )
    con = sqlite3.connect(store)
    con.execute("UPDATE users SET password_hash = ? WHERE user_name = 'adam'", [old_hash])
    con.commit()
    con.close()
    assert accounts.sign_in("adam", "wrong password!").outcome == "wrong"
    assert stored_hash(store, "adam") == old_hash, "a wrong password changes nothing"
    assert accounts.sign_in("adam", PASSWORD).outcome == "ok"
    renewed = stored_hash(store, "adam")
    assert renewed.startswith("scrypt$131072$8$1$")
    assert accounts.verify_password(PASSWORD, renewed)
    assert accounts.sign_in("adam", PASSWORD).outcome == "ok"


def test_failures_from_one_source_do_not_lock_the_account_out_elsewhere(store):
    start = accounts.utc_now()
    for second in range(accounts.MAX_FAILURES_PER_ACCOUNT):
        moment = start + dt.timedelta(seconds=second)
        result = accounts.sign_in("adam", "guess guess guess", now=moment, source=ATTACKER)
        assert result.outcome == "wrong"
    # The attacker's source is refused for this account, even with the right password.
    after = start + dt.timedelta(seconds=accounts.MAX_FAILURES_PER_ACCOUNT)
    refused = accounts.sign_in("adam", PASSWORD, now=after, source=ATTACKER)
    assert (refused.outcome, refused.limit) == ("rate_limited", "account_source")
    assert refused.message == (
        "Too many failed sign-ins for this account from here: try again in 15 minutes, or ask "
        "an administrator to unlock it."
    )
    # Elsewhere the account is only slowed down: a wait of a second after the fifth failure.
    at_once = accounts.sign_in("adam", PASSWORD, now=after - dt.timedelta(seconds=0.5))
    assert (at_once.outcome, at_once.limit) == ("rate_limited", "account_delay")
    assert at_once.message == (
        "Several sign-ins for this account have failed: try again in 1 seconds."
    )
    assert accounts.sign_in("adam", PASSWORD, now=after + dt.timedelta(seconds=1)).outcome == "ok"


def test_one_source_failing_on_many_names_is_refused(store):
    start = accounts.utc_now()
    for number in range(accounts.MAX_FAILURES_PER_SOURCE):
        moment = start + dt.timedelta(seconds=number)
        accounts.sign_in(f"name{number}", "guess guess guess", now=moment, source=ATTACKER)
    later = start + dt.timedelta(seconds=accounts.MAX_FAILURES_PER_SOURCE)
    refused = accounts.sign_in("adam", PASSWORD, now=later, source=ATTACKER)
    assert (refused.outcome, refused.limit) == ("rate_limited", "source")
    assert accounts.sign_in("adam", PASSWORD, now=later).outcome == "ok"


def test_an_administrator_unlocks_an_account(store):
    for _ in range(accounts.MAX_FAILURES_PER_ACCOUNT):
        accounts.sign_in("adam", "guess guess guess", source=ATTACKER)
    assert accounts.sign_in("adam", PASSWORD, source=ATTACKER).outcome == "rate_limited"
    unlocked = embargo("users", "unlock", "adam", env=dict(os.environ))
    assert (unlocked.returncode, unlocked.stdout) == (
        0,
        "adam unlocked (5 failed sign-ins cleared)\n",
    ), unlocked.stderr
    assert accounts.sign_in("adam", PASSWORD, source=ATTACKER).outcome == "ok"
    row = audit.read(store)[0]
    assert (row.user_name.startswith("cli:"), row.action, row.target, row.detail) == (
        True,
        "user_unlocked",
        "adam",
        {"failures": 5},
    )


def test_a_name_that_is_no_account_is_never_stored_as_typed(store, warehouse, monkeypatch):
    """A password typed into the name field must not end up in clear in the store."""
    monkeypatch.setenv("EMBARGO_DB", str(warehouse))
    monkeypatch.setenv("EMBARGO_AUTH_MODE", "accounts")
    typed = "Tr0ub4dor&3-my-password"
    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=60)
    at.run()
    at.text_input(key="access_sign_in_name").input(typed)
    at.text_input(key="access_sign_in_password").input(PASSWORD)
    at.button[0].click().run()
    for _ in range(accounts.MAX_FAILURES_PER_ACCOUNT):
        accounts.sign_in(typed, PASSWORD)
    rows = audit.read(store)
    assert [row.action for row in rows] == ["sign_in_failed"]
    (row,) = rows
    assert row.user_name == row.target
    assert row.user_name.startswith("unknown:") and len(row.user_name) == len("unknown:") + 16
    assert row.detail == {"source": "local"}
    assert row.user_name == accounts.audit_name(typed), "the same name gives the same key"
    for path in store.parent.iterdir():
        assert typed.encode() not in path.read_bytes(), path.name


def test_the_audit_chain_shows_a_row_changed_around_the_triggers(store):
    for number in range(3):
        audit.record("adam", "page_view", f"page {number}")
    intact = embargo("audit", "verify", env=dict(os.environ))
    assert intact.returncode == 0, intact.stderr
    assert intact.stdout.startswith("audit trail intact: 3 rows; last hash ")
    con = sqlite3.connect(store)
    con.execute("DROP TRIGGER audit_log_refuses_update")
    con.execute("UPDATE audit_log SET target = 'nothing to see' WHERE audit_id = 2")
    con.commit()
    con.close()
    broken = embargo("audit", "verify", env=dict(os.environ))
    assert (broken.returncode, broken.stdout) == (1, "")
    assert broken.stderr.startswith("audit trail BROKEN at row 2: ")


def test_a_removed_audit_row_breaks_the_chain(store):
    for number in range(3):
        audit.record("adam", "page_view", f"page {number}")
    con = sqlite3.connect(store)
    con.execute("DROP TRIGGER audit_log_refuses_delete")
    con.execute("DELETE FROM audit_log WHERE audit_id = 2")
    con.commit()
    con.close()
    check = audit.verify(store)
    assert (check.rows, check.broken_at) == (2, 3)


def test_insert_or_replace_cannot_overwrite_an_audit_row(store):
    audit.record("adam", "sign_in")
    con = sqlite3.connect(store)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute(
                "INSERT OR REPLACE INTO audit_log (audit_id, occurred_at, user_name, action) "
                "VALUES (1, '2020-01-01', 'nobody', 'sign_out')"
            )
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute("REPLACE INTO audit_log (audit_id, occurred_at, user_name, action) "
                        "VALUES (1, '2020-01-01', 'nobody', 'sign_out')")  # fmt: skip
    finally:
        con.close()
    assert [(r.audit_id, r.user_name, r.action) for r in audit.read(store)] == [
        (1, "adam", "sign_in")
    ]
    assert audit.verify(store).intact


def test_the_store_is_readable_by_its_owner_only(tmp_path, monkeypatch):
    old_umask = os.umask(0o022)
    try:
        path = tmp_path / "new.access.sqlite"
        accounts.list_users(path)
        assert path.stat().st_mode & 0o777 == 0o600
        wide = tmp_path / "wide.access.sqlite"
        wide.touch(mode=0o644)
        wide.chmod(0o644)
        accounts.list_users(wide)
        assert wide.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old_umask)


def test_a_nul_in_an_upload_file_name_is_refused_with_a_message(warehouse, tmp_path):
    db = tmp_path / "w.duckdb"
    db.write_bytes(warehouse.read_bytes())
    seizures = (
        b"event_id,event_date,date_precision,country_iso3,context,reporting_entity,item_kind,"
        b"weapon_category,quantity,unit,classification\n"
        b"NUL-1,2024-05-01,day,CAF,seizure,Test JMAC,weapon,rifle,1,items,public\n"
    )
    (result,) = load_uploads(db, [Upload("seizures\x00.exe.csv", seizures)])
    assert (result.status, result.refusal) == (
        "refused",
        "the file name holds a control character (such as NUL): rename the file",
    )


def test_watch_refuses_a_link_to_a_file_outside_its_folder(tmp_path):
    inbox_folder = tmp_path / "inbox"
    inbox_folder.mkdir()
    secret = tmp_path / "elsewhere.csv"
    secret.write_text("a,b\n1,2\n")
    (inbox_folder / "inside.csv").write_text("a,b\n3,4\n")
    (inbox_folder / "link-inside.csv").symlink_to(inbox_folder / "inside.csv")
    (inbox_folder / "link-out.csv").symlink_to(secret)
    inbox = Inbox(inbox_folder)
    inbox.ready()
    ready = inbox.ready()
    assert [path.name for path in ready] == ["inside.csv", "link-inside.csv"]
    assert {path.name: message for path, message in inbox.refused.items()} == {
        "link-out.csv": f"link-out.csv: a link to a file outside {inbox_folder} is not loaded"
    }
