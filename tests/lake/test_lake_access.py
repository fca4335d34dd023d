"""A shared deployment keeps accounts and the audit trail in the catalog's PostgreSQL database
(schema embargo_access): every machine's dashboards and commands see the same accounts, failed
sign-ins count across processes, the audit trail stays append-only there, and writers in several
processes at once lose no audit row."""

from __future__ import annotations

import os
import subprocess
import sys

import psycopg
import pytest

from embargo import accounts, audit
from embargo.config import PROJECT_ROOT

PASSWORD = "correct horse battery"


@pytest.fixture
def shared_store(lake, monkeypatch) -> str:
    """The access store a deployment on `lake` uses when nothing else is configured."""
    monkeypatch.delenv("EMBARGO_ACCESS_DB")
    monkeypatch.setenv("EMBARGO_CATALOG", lake.catalog)
    where = accounts.access_store_path()
    assert where == accounts.POSTGRES_PREFIX + lake.postgres_conninfo
    return where


def audit_rows(where: str) -> list[tuple[str, str, str]]:
    return [(row.user_name, row.action, row.target) for row in reversed(audit.read(where))]


def test_accounts_and_sign_in_failures_live_in_the_catalog_database(shared_store):
    accounts.add_user("vera", "analyst", "confidential", PASSWORD)
    assert accounts.sign_in("vera", "wrong password!").outcome == "wrong"
    assert accounts.sign_in("vera", PASSWORD).account.clearance.label == "confidential"
    with psycopg.connect(shared_store.removeprefix(accounts.POSTGRES_PREFIX)) as con:
        assert con.execute(
            "SELECT user_name, role, clearance, disabled FROM embargo_access.users"
        ).fetchall() == [("vera", "analyst", "confidential", 0)]
        # a successful sign-in clears the failures
        assert con.execute("SELECT count(*) FROM embargo_access.failed_sign_ins").fetchone() == (0,)


def test_another_process_sees_the_same_accounts(shared_store):
    accounts.add_user("vera", "viewer", "restricted", PASSWORD)
    listed = subprocess.run(
        [sys.executable, "-m", "embargo.cli", "users", "list"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=dict(os.environ),
        timeout=120,
    )
    assert listed.returncode == 0, listed.stderr
    assert [line.split()[:4] for line in listed.stdout.splitlines()[1:]] == [
        ["vera", "viewer", "restricted", "enabled"]
    ]


def test_failed_sign_ins_are_limited_across_processes(shared_store):
    accounts.add_user("vera", "viewer", "public", PASSWORD)
    attempt = (
        "from embargo import accounts; print(accounts.sign_in('vera', 'wrong password!').outcome)"
    )
    outcomes = [
        subprocess.run(
            [sys.executable, "-c", attempt],
            capture_output=True,
            text=True,
            cwd=PROJECT_ROOT,
            env=dict(os.environ),
            timeout=120,
            check=True,
        ).stdout.strip()
        for _ in range(accounts.MAX_FAILURES_PER_ACCOUNT)
    ]
    assert outcomes == ["wrong"] * accounts.MAX_FAILURES_PER_ACCOUNT
    assert accounts.sign_in("vera", PASSWORD).outcome == "rate_limited"


def test_the_shared_audit_trail_refuses_changes_and_deletions(shared_store):
    audit.record("vera", "sign_in")
    with psycopg.connect(shared_store.removeprefix(accounts.POSTGRES_PREFIX)) as con:
        for statement in (
            "UPDATE embargo_access.audit_log SET user_name = 'x'",
            "DELETE FROM embargo_access.audit_log",
            "TRUNCATE embargo_access.audit_log",
        ):
            with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                con.execute(statement)
            con.rollback()
    assert audit_rows(shared_store) == [("vera", "sign_in", "")]


def test_concurrent_writers_lose_no_audit_row(shared_store):
    script = (
        "import sys\nfrom embargo import audit\n"
        "for n in range(40):\n"
        "    audit.record(sys.argv[1], 'page_view', f'page {n}')\n"
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", script, name],
            cwd=PROJECT_ROOT,
            env=dict(os.environ),
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("ana", "ben", "cai")
    ]
    for writer in writers:
        assert writer.wait(timeout=300) == 0, writer.stderr.read()
    rows = audit_rows(shared_store)
    assert len(rows) == 120
    for name in ("ana", "ben", "cai"):
        assert [target for user, _, target in rows if user == name] == [
            f"page {n}" for n in range(40)
        ]


def test_the_application_role_can_only_add_to_the_audit_trail(shared_store, postgres):
    """Run by the owner once (`embargo audit grant ROLE`), dashboards connecting as the
    application role use accounts and the audit trail but cannot change, delete or truncate an
    audit row, nor drop the triggers that refuse it."""
    accounts.add_user("vera", "viewer", "public", PASSWORD)
    postgres.psql(f"CREATE ROLE embargo_app LOGIN PASSWORD '{postgres.password}'")
    granted = subprocess.run(
        [sys.executable, "-m", "embargo.cli", "audit", "grant", "embargo_app"],
        capture_output=True, text=True, cwd=PROJECT_ROOT, env=dict(os.environ), timeout=120,
    )  # fmt: skip
    assert (granted.returncode, granted.stdout) == (
        0,
        "embargo_app may use the access store; it can only add rows to the audit trail\n",
    ), granted.stderr
    app_store = shared_store.replace("user=embargo", "user=embargo_app")
    assert app_store != shared_store
    assert accounts.sign_in("vera", PASSWORD, app_store).outcome == "ok"
    assert accounts.sign_in("vera", "wrong password!", app_store).outcome == "wrong"
    audit.record("vera", "sign_in", path=app_store)
    with psycopg.connect(app_store.removeprefix(accounts.POSTGRES_PREFIX)) as con:
        for statement in (
            "UPDATE embargo_access.audit_log SET user_name = 'x'",
            "DELETE FROM embargo_access.audit_log",
            "TRUNCATE embargo_access.audit_log",
            "DROP TRIGGER audit_log_refuses_update ON embargo_access.audit_log",
            "ALTER TABLE embargo_access.audit_log DISABLE TRIGGER ALL",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                con.execute(statement)
            con.rollback()
    assert [row[1] for row in audit_rows(shared_store)] == ["store_role_granted", "sign_in"]
    assert audit.verify(shared_store).intact
