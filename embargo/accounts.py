"""Local accounts: who may sign in, with which role and clearance, and how sign-in is checked.

Accounts and the audit trail live in their own store, never inside the warehouse: the warehouse
is rebuilt and swapped by `embargo build` and the dashboard opens it read-only, while accounts
and the audit trail must outlive every rebuild and be written by several processes at once.
- With a local warehouse file: a SQLite file beside it (`<warehouse>.access.sqlite`), which
  SQLite's own file locking keeps consistent between the processes of one machine.
- With a shared catalog: the schema `embargo_access` of the catalog's PostgreSQL database, so
  that dashboards and commands on every machine share one set of accounts and one audit trail
  (SQLite's locking is not safe on network file systems).
- EMBARGO_ACCESS_DB names either explicitly: a file path, or `postgres:` and a libpq connection
  string (`postgres:dbname=embargo host=db port=5432 user=embargo`; the password from
  PGPASSWORD or ~/.pgpass, as for the catalog).
Both hold the same tables, and every transaction is serialised (SQLite's BEGIN IMMEDIATE; a
transaction-level advisory lock in PostgreSQL), so sign-in failure counts hold across processes.

Passwords are stored only as scrypt hashes (stdlib, memory-hard; N=2^17, r=8, p=1) with a random
salt per password; a hash made with other parameters is replaced at the account's next sign-in.
Failed sign-ins are counted in the store, so the limits hold across browser sessions and
dashboard processes: per account and source (where the attempt came from) a hard limit, per
source a hard limit over all names, and per account from anywhere only a growing delay, so that
nobody can lock another person out by failing on purpose; `embargo users unlock` clears an
account's failures. The failures are kept under a keyed hash of the name typed (the key is
in the store), never the name itself, which may be a password typed into the wrong field.
The SQLite store is created readable by its owner only (0600).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from embargo import settings
from embargo.classification import Classification
from embargo.config import warehouse_location, warehouse_path
from embargo.lake import LakeCatalog

ROLES = ("viewer", "analyst", "admin")
ROLE_DESCRIPTIONS = {
    "viewer": "sees the pages, within their clearance",
    "analyst": "as viewer, and uploads data files",
    "admin": "as analyst, and manages accounts and reads the audit trail",
}
MIN_PASSWORD_LENGTH = 12

# scrypt cost (current guidance for interactive sign-in): 2^17 x 8 x 128 bytes = 128 MiB of
# memory and about half a second per attempt.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
SCRYPT_MAXMEM = 256 * 1024 * 1024

# Failed sign-ins within the window: from one source for one account, and from one source for
# all names together, at most this many (then that source is refused until the oldest failure
# has aged out); for one account from anywhere, after this many each further attempt waits a
# delay that doubles per failure up to the cap (refused, without checking, until it has passed).
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_SOURCE = 20
MAX_FAILURES_PER_SESSION = 10
FAILURE_WINDOW = dt.timedelta(minutes=15)
LONGEST_DELAY = dt.timedelta(seconds=60)

# The tables both stores hold alike; the audit log differs in its key and its guards.
ACCOUNT_TABLES = """
CREATE TABLE IF NOT EXISTS users (
    user_name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
    clearance TEXT NOT NULL CHECK (
        clearance IN ('public', 'restricted', 'confidential', 'strictly_confidential')),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'en'
);
DROP TABLE IF EXISTS sign_in_failures;
CREATE TABLE IF NOT EXISTS failed_sign_ins (
    name_key TEXT NOT NULL,
    source TEXT NOT NULL,
    failed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS failed_sign_ins_by_name ON failed_sign_ins (name_key, failed_at);
CREATE INDEX IF NOT EXISTS failed_sign_ins_by_source ON failed_sign_ins (source, failed_at);
CREATE TABLE IF NOT EXISTS store_keys (
    key_name TEXT PRIMARY KEY,
    key_hex TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sign_in_tickets (
    ticket_hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL,
    issued_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS remembered_sign_ins (
    token_hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL,
    signed_in_at DOUBLE PRECISION NOT NULL,
    last_activity DOUBLE PRECISION NOT NULL,
    taken_up INTEGER NOT NULL DEFAULT 0
);
"""
SCHEMA = (
    ACCOUNT_TABLES  # noqa: S608 (the project's own DDL, no input)
    + """
CREATE TABLE IF NOT EXISTS audit_log (
    audit_id INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at TEXT NOT NULL,
    user_name TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '{}',
    row_hash TEXT
);
CREATE INDEX IF NOT EXISTS audit_log_by_time ON audit_log (occurred_at);
CREATE TRIGGER IF NOT EXISTS audit_log_refuses_replace BEFORE INSERT ON audit_log
WHEN NEW.audit_id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE audit_id = NEW.audit_id)
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: rows cannot be replaced'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_refuses_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: rows cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_refuses_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: rows cannot be deleted'); END;
"""
)


POSTGRES_PREFIX = "postgres:"
POSTGRES_SCHEMA = "embargo_access"
POSTGRES_SCHEMA_SQL = f"""
CREATE SCHEMA IF NOT EXISTS {POSTGRES_SCHEMA};
SET LOCAL search_path TO {POSTGRES_SCHEMA};
{ACCOUNT_TABLES}
ALTER TABLE users ADD COLUMN IF NOT EXISTS language TEXT NOT NULL DEFAULT 'en';
CREATE TABLE IF NOT EXISTS audit_log (
    audit_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at TEXT NOT NULL,
    user_name TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '{{}}',
    row_hash TEXT
);
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS row_hash TEXT;
CREATE INDEX IF NOT EXISTS audit_log_by_time ON audit_log (occurred_at);
CREATE OR REPLACE FUNCTION audit_log_refuses_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: rows cannot be %',
        CASE TG_OP WHEN 'UPDATE' THEN 'changed' ELSE 'deleted' END;
END $$;
CREATE OR REPLACE TRIGGER audit_log_refuses_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuses_change();
CREATE OR REPLACE TRIGGER audit_log_refuses_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuses_change();
"""
# Every transaction on the PostgreSQL store first takes this lock (any 64-bit number of our own).
POSTGRES_LOCK = 0x656D6261726730  # "embarg0"

AccessStore = Path | str  # a SQLite file, or POSTGRES_PREFIX and a libpq connection string


class AccountError(Exception):
    """A user-management request that cannot be done; the message says why."""


def access_store_path(location: Path | LakeCatalog | None = None) -> AccessStore:
    """The account and audit store: EMBARGO_ACCESS_DB, else for a shared catalog its PostgreSQL
    database, else `<warehouse>.access.sqlite` beside the warehouse file (so `embargo build`,
    which swaps only the warehouse file, keeps it)."""
    from_env = settings.value("EMBARGO_ACCESS_DB")
    if from_env:
        if from_env.startswith(POSTGRES_PREFIX):
            return from_env
        return Path(from_env).expanduser().resolve()
    warehouse = location or warehouse_location()
    if isinstance(warehouse, LakeCatalog):
        if warehouse.postgres_conninfo is not None:
            return POSTGRES_PREFIX + warehouse.postgres_conninfo
        warehouse = warehouse_path()
    return warehouse.with_name(f"{warehouse.stem}.access.sqlite")


class _PostgresStore:
    """A PostgreSQL transaction that takes the store's SQL as written for SQLite (qmark
    parameters), so each account and audit function has one text for both stores."""

    def __init__(self, con) -> None:
        self._con = con

    def execute(self, sql: str, params: list | tuple = ()):
        return self._con.execute(sql.replace("?", "%s"), params)


# PostgreSQL stores whose schema this process has created or checked already.
_postgres_ready: set[str] = set()


@contextmanager
def _postgres_store(conninfo: str) -> Iterator[_PostgresStore]:
    import psycopg

    with psycopg.connect(conninfo, connect_timeout=30) as con:  # commits, or rolls back on error
        con.execute("SELECT pg_advisory_xact_lock(%s)", [POSTGRES_LOCK])
        if conninfo not in _postgres_ready and not _postgres_schema_complete(con):
            con.execute(POSTGRES_SCHEMA_SQL)
        else:
            con.execute(f"SET LOCAL search_path TO {POSTGRES_SCHEMA}")
        yield _PostgresStore(con)
    _postgres_ready.add(conninfo)


def _postgres_schema_complete(con) -> bool:
    """Whether the schema holds this version's tables already: then a role without the right to
    create or change them (see grant_store_role) uses it as it is."""
    (complete,) = con.execute(
        "SELECT to_regclass(%s) IS NOT NULL AND to_regclass(%s) IS NOT NULL "
        "AND to_regclass(%s) IS NOT NULL AND EXISTS ("
        "SELECT 1 FROM information_schema.columns WHERE table_schema = %s "
        "AND table_name = 'audit_log' AND column_name = 'row_hash')",
        [
            f"{POSTGRES_SCHEMA}.store_keys",
            f"{POSTGRES_SCHEMA}.failed_sign_ins",
            f"{POSTGRES_SCHEMA}.remembered_sign_ins",
            POSTGRES_SCHEMA,
        ],
    ).fetchone()
    return complete


def grant_store_role(role: str, path: AccessStore | None = None) -> None:
    """Let a PostgreSQL role use the store (run by the schema's owner): accounts and failed
    sign-ins in full, the audit trail to read and append only. Dashboards and commands that
    connect as that role cannot change or delete an audit row, nor drop the triggers (only the
    owner can): keep the owner's password away from the machines that serve the dashboard."""
    import psycopg
    from psycopg import sql

    path = path or access_store_path()
    if not isinstance(path, str):
        raise AccountError(
            "roles exist only in a PostgreSQL store (EMBARGO_ACCESS_DB=postgres:...)"
        )
    with _postgres_store(path.removeprefix(POSTGRES_PREFIX)) as store_con:
        con = store_con._con
        who = sql.Identifier(role)
        schema = sql.Identifier(POSTGRES_SCHEMA)
        try:
            for statement in (
                "GRANT USAGE ON SCHEMA {schema} TO {who}",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON {schema}.users, {schema}.failed_sign_ins, "
                "{schema}.sign_in_tickets, {schema}.remembered_sign_ins TO {who}",
                "GRANT SELECT, INSERT ON {schema}.audit_log, {schema}.store_keys TO {who}",
                "REVOKE UPDATE, DELETE, TRUNCATE ON {schema}.audit_log FROM {who}",
                "GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {who}",
            ):
                con.execute(sql.SQL(statement).format(schema=schema, who=who))
        except psycopg.errors.UndefinedObject:
            raise AccountError(f"no PostgreSQL role '{role}': create it first") from None


@contextmanager
def store(path: AccessStore | None = None) -> Iterator[sqlite3.Connection | _PostgresStore]:
    """One short transaction on the store: committed on success, rolled back on error."""
    path = path or access_store_path()
    if isinstance(path, str):
        with _postgres_store(path.removeprefix(POSTGRES_PREFIX)) as con:
            yield con
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    _create_private(path)
    con = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        con.execute("PRAGMA busy_timeout = 30000")
        _add_audit_chain_column(con)
        con.executescript(SCHEMA)
        _add_language_column(con)
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.close()


def _create_private(path: Path) -> None:
    """The store holds password hashes and the audit trail: readable by its owner only. A new
    file is created so (whatever the umask); an existing one is narrowed to it. SQLite gives its
    journal the database file's mode."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        if path.stat().st_mode & 0o077 and path.stat().st_uid == os.getuid():
            path.chmod(0o600)


def _add_audit_chain_column(con: sqlite3.Connection) -> None:
    """A store made before the audit rows were chained gains the column; its older rows keep no
    hash (`embargo audit verify` counts them as made before the chain began)."""
    columns = {row[1] for row in con.execute("PRAGMA table_info(audit_log)")}
    if columns and "row_hash" not in columns:
        con.execute("ALTER TABLE audit_log ADD COLUMN row_hash TEXT")


def store_key(con, key_name: str) -> bytes:
    """A random key kept in the store, made on first use (within the caller's transaction)."""
    row = con.execute("SELECT key_hex FROM store_keys WHERE key_name = ?", [key_name]).fetchone()
    if row:
        return bytes.fromhex(row[0])
    key = secrets.token_bytes(32)
    con.execute("INSERT INTO store_keys VALUES (?, ?)", [key_name, key.hex()])
    return key


def name_key(con, user_name: str) -> str:
    """A keyed hash standing for a name typed at sign-in: the same name gives the same key in
    this store, and the key does not give the name back (it may be a mistyped password)."""
    digest = hmac.new(store_key(con, "sign_in_names"), user_name.encode("utf-8"), "sha256")
    return digest.hexdigest()[:16]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso_timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


# --- passwords ---------------------------------------------------------------------------------


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=SCRYPT_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
        maxmem=SCRYPT_MAXMEM,
    )
    encoded = [base64.b64encode(part).decode("ascii") for part in (salt, digest)]
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${encoded[0]}${encoded[1]}"


def hash_is_current(stored: str) -> bool:
    """Whether a stored hash was made with the current parameters."""
    return stored.startswith(f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}$")


def verify_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=SCRYPT_MAXMEM,
            dklen=len(expected),
        )
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


# A hash to check against when the account does not exist, so an unknown name takes as long
# to refuse as a wrong password and response times do not reveal which names exist.
_DUMMY_HASH: str | None = None


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password(secrets.token_urlsafe(16))
    return _DUMMY_HASH


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")


# --- accounts ----------------------------------------------------------------------------------


class RoleRights:
    """What a role may do beyond viewing the pages: analysts and administrators upload data,
    administrators read the audit trail."""

    role: str

    @property
    def can_upload(self) -> bool:
        return self.role in ("analyst", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class Account(RoleRights):
    user_name: str
    role: str
    clearance: Classification
    disabled: bool
    created_at: str
    password_changed_at: str


def _account(row: tuple) -> Account:
    name, role, clearance, disabled, created, changed = row[:6]
    return Account(name, role, Classification.parse(clearance), bool(disabled), created, changed)


_ACCOUNT_QUERY = (
    "SELECT user_name, role, clearance, disabled, created_at, password_changed_at, password_hash "
    "FROM users"
)


def _valid_user_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 64 or not all(c.isalnum() or c in "._-@" for c in name):
        raise AccountError(
            "a user name has 1 to 64 letters, digits or the characters . _ - @ (no spaces)"
        )
    return name


def _valid_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"unknown role '{role}': expected one of {', '.join(ROLES)}")
    return role


def _valid_clearance(clearance: str) -> Classification:
    try:
        return Classification.parse(clearance)
    except KeyError:
        levels = ", ".join(level.label for level in Classification)
        raise AccountError(f"unknown clearance '{clearance}': expected one of {levels}") from None


def add_user(
    user_name: str, role: str, clearance: str, password: str, path: AccessStore | None = None
) -> Account:
    user_name = _valid_user_name(user_name)
    level = _valid_clearance(clearance)
    check_password_strength(password)
    now = iso_timestamp(utc_now())
    with store(path) as con:
        if con.execute("SELECT 1 FROM users WHERE user_name = ?", [user_name]).fetchone():
            raise AccountError(f"user '{user_name}' already exists")
        con.execute(
            "INSERT INTO users (user_name, role, clearance, password_hash, disabled, created_at, "
            "password_changed_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
            [user_name, _valid_role(role), level.label, hash_password(password), now, now],
        )
    return get_user(user_name, path)


def get_user(user_name: str, path: AccessStore | None = None) -> Account | None:
    with store(path) as con:
        row = con.execute(_ACCOUNT_QUERY + " WHERE user_name = ?", [user_name]).fetchone()
    return _account(row) if row else None


def list_users(path: AccessStore | None = None) -> list[Account]:
    with store(path) as con:
        rows = con.execute(_ACCOUNT_QUERY + " ORDER BY user_name").fetchall()
    return [_account(row) for row in rows]


def _require(con: sqlite3.Connection, user_name: str) -> None:
    if not con.execute("SELECT 1 FROM users WHERE user_name = ?", [user_name]).fetchone():
        raise AccountError(f"no user '{user_name}'")


def set_disabled(user_name: str, disabled: bool, path: AccessStore | None = None) -> None:
    with store(path) as con:
        _require(con, user_name)
        con.execute("UPDATE users SET disabled = ? WHERE user_name = ?", [int(disabled), user_name])
        if disabled:  # its browsers are signed out (embargo.remembered_sign_ins)
            con.execute("DELETE FROM remembered_sign_ins WHERE user_name = ?", [user_name])


def remove_user(user_name: str, path: AccessStore | None = None) -> None:
    """Remove the account; its audit rows stay, under its name."""
    with store(path) as con:
        _require(con, user_name)
        con.execute("DELETE FROM users WHERE user_name = ?", [user_name])
        con.execute("DELETE FROM failed_sign_ins WHERE name_key = ?", [name_key(con, user_name)])
        con.execute("DELETE FROM remembered_sign_ins WHERE user_name = ?", [user_name])


def unlock_user(user_name: str, path: AccessStore | None = None) -> int:
    """Forget the account's failed sign-ins (from every source); returns how many there were."""
    with store(path) as con:
        _require(con, user_name)
        key = name_key(con, user_name)
        (count,) = con.execute(
            "SELECT count(*) FROM failed_sign_ins WHERE name_key = ?", [key]
        ).fetchone()
        con.execute("DELETE FROM failed_sign_ins WHERE name_key = ?", [key])
    return count


def set_password(user_name: str, password: str, path: AccessStore | None = None) -> None:
    check_password_strength(password)
    with store(path) as con:
        _require(con, user_name)
        con.execute(
            "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE user_name = ?",
            [hash_password(password), iso_timestamp(utc_now()), user_name],
        )
        con.execute("DELETE FROM failed_sign_ins WHERE name_key = ?", [name_key(con, user_name)])


def set_role(user_name: str, role: str, clearance: str, path: AccessStore | None = None) -> None:
    level = _valid_clearance(clearance)
    with store(path) as con:
        _require(con, user_name)
        con.execute(
            "UPDATE users SET role = ?, clearance = ? WHERE user_name = ?",
            [_valid_role(role), level.label, user_name],
        )


def _add_language_column(con: sqlite3.Connection) -> None:
    """Stores made before accounts had a language get the column (English for everyone)."""
    columns = {row[1] for row in con.execute("PRAGMA table_info(users)")}
    if "language" not in columns:
        con.execute("ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'en'")


def get_language(user_name: str, path: AccessStore | None = None) -> str:
    """The language the account reads the dashboard and its packs in (`en` for none)."""
    with store(path) as con:
        row = con.execute("SELECT language FROM users WHERE user_name = ?", [user_name]).fetchone()
    return row[0] if row else "en"


def set_language(user_name: str, language: str, path: AccessStore | None = None) -> None:
    from embargo.i18n import valid_language

    try:
        language = valid_language(language)
    except ValueError as error:
        raise AccountError(str(error)) from None
    with store(path) as con:
        _require(con, user_name)
        con.execute("UPDATE users SET language = ? WHERE user_name = ?", [language, user_name])


# --- signing in --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignInResult:
    account: Account | None
    message: str  # why it was refused; empty on success
    # ok, rate_limited, or wrong (also for an unknown or disabled account, so the message does
    # not tell which names exist)
    outcome: str
    # which limit refused it (rate_limited only): account_source, source or account_delay
    limit: str = ""


def minutes_until(moment: dt.datetime, now: dt.datetime) -> int:
    return max(1, -(-int((moment - now).total_seconds()) // 60))


def seconds_until(moment: dt.datetime, now: dt.datetime) -> int:
    return max(1, -(-int((moment - now).total_seconds() * 1000) // 1000))


def _failure_times(con, column: str, value: str, now: dt.datetime, source: str | None = None):
    since = iso_timestamp(now - FAILURE_WINDOW)
    # `column` is one of two names of this module's own table, never input.
    rows = con.execute(
        f"SELECT failed_at FROM failed_sign_ins WHERE {column} = ? AND failed_at > ? "  # noqa: S608
        "AND (CAST(? AS TEXT) IS NULL OR source = ?) ORDER BY failed_at",
        [value, since, source, source],
    ).fetchall()
    return [dt.datetime.fromisoformat(row[0]) for row in rows]


def _refusal(con, key: str, source: str, now: dt.datetime) -> tuple[str, str] | None:
    """Why an attempt is refused before its password is checked, as (limit, message); None
    when it may be checked."""
    from_here = _failure_times(con, "name_key", key, now, source)
    if len(from_here) >= MAX_FAILURES_PER_ACCOUNT:
        free_at = from_here[-MAX_FAILURES_PER_ACCOUNT] + FAILURE_WINDOW
        return "account_source", (
            "Too many failed sign-ins for this account from here: try again in "
            f"{minutes_until(free_at, now)} minutes, or ask an administrator to unlock it."
        )
    by_source = _failure_times(con, "source", source, now)
    if len(by_source) >= MAX_FAILURES_PER_SOURCE:
        free_at = by_source[-MAX_FAILURES_PER_SOURCE] + FAILURE_WINDOW
        return "source", (
            "Too many failed sign-ins from here: try again in "
            f"{minutes_until(free_at, now)} minutes."
        )
    anywhere = _failure_times(con, "name_key", key, now)
    beyond = len(anywhere) - MAX_FAILURES_PER_ACCOUNT
    if beyond >= 0:
        delay = min(LONGEST_DELAY, dt.timedelta(seconds=2**beyond))
        if now < anywhere[-1] + delay:
            return "account_delay", (
                "Several sign-ins for this account have failed: try again in "
                f"{seconds_until(anywhere[-1] + delay, now)} seconds."
            )
    return None


def sign_in(
    user_name: str,
    password: str,
    path: AccessStore | None = None,
    now: dt.datetime | None = None,
    source: str = "local",
) -> SignInResult:
    """Check a name and password from a source (the client's address, or "local"). Refused
    without checking the password while a limit holds (see the module's docstring). A correct
    password whose hash was made with older parameters is hashed again with the current ones."""
    now = now or utc_now()
    user_name = user_name.strip()
    with store(path) as con:
        key = name_key(con, user_name)
        refusal = _refusal(con, key, source, now)
        if refusal is not None:
            limit, message = refusal
            return SignInResult(None, message, "rate_limited", limit)
        row = con.execute(
            _ACCOUNT_QUERY + " WHERE user_name = ?",
            [user_name],
        ).fetchone()
    stored = row[-1] if row else _dummy_hash()
    password_ok = verify_password(password, stored)
    if row and password_ok and not row[3]:
        with store(path) as con:
            con.execute("DELETE FROM failed_sign_ins WHERE name_key = ?", [key])
            if not hash_is_current(stored):
                con.execute(
                    "UPDATE users SET password_hash = ? WHERE user_name = ? AND password_hash = ?",
                    [hash_password(password), user_name, stored],
                )
        return SignInResult(_account(row), "", "ok")
    with store(path) as con:
        con.execute(
            "INSERT INTO failed_sign_ins VALUES (?, ?, ?)", [key, source, iso_timestamp(now)]
        )
    return SignInResult(None, "Wrong user name or password, or the account is disabled.", "wrong")


def audit_name(user_name: str, path: AccessStore | None = None) -> str:
    """How the audit trail names whoever typed this name at sign-in: the account's name when it
    exists, else `unknown:` and the keyed hash of what was typed (never the text itself, which
    may be a password typed into the wrong field)."""
    user_name = user_name.strip()
    with store(path) as con:
        if con.execute("SELECT 1 FROM users WHERE user_name = ?", [user_name]).fetchone():
            return user_name
        return f"unknown:{name_key(con, user_name)}"


def new_password() -> str:
    """A random password for a demo or a reset: 20 URL-safe characters."""
    return secrets.token_urlsafe(15)
