"""Sign-in, roles, the audit trail and uploads, through AppTest against a real warehouse and a
real access store: success, wrong password, rate limits, inactivity expiry, which pages each role
gets, an upload through the same ingest as the CLI, and the exact audit rows all of it writes."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from embargo import accounts, audit
from embargo.config import DASHBOARD_APP, PROJECT_ROOT
from ingest.uploads import Upload, content_problem, load_uploads, safe_file_name

PASSWORD = "correct horse battery"
SCREENS = PROJECT_ROOT / "dashboard" / "screens"
SEIZURE_HEADER = (
    "event_id,event_date,date_precision,country_iso3,context,reporting_entity,item_kind,"
    "weapon_category,quantity,unit,classification\n"
)
SEIZURE_CSV = (
    SEIZURE_HEADER
    + "UP-1,2024-05-01,day,CAF,seizure,Test JMAC,weapon,rifle,1,items,public\n"
    + "UP-2,2024-05-02,day,Narnia,seizure,Test JMAC,weapon,rifle,1,items,public\n"
    + "UP-3,2024-05-03,day,SSD,seizure,Test JMAC,weapon,rifle,2,items,confidential\n"
).encode()


@pytest.fixture
def store(warehouse, tmp_path, monkeypatch) -> Path:
    """Accounts mode on a copy of the reference warehouse, with one account per role."""
    db = tmp_path / "w.duckdb"
    shutil.copy(warehouse, db)
    monkeypatch.setenv("EMBARGO_DB", str(db))
    monkeypatch.setenv("EMBARGO_AUTH_MODE", "accounts")
    monkeypatch.delenv("EMBARGO_ACCESS_DB")
    accounts.add_user("vera", "viewer", "restricted", PASSWORD)
    accounts.add_user("ana", "analyst", "confidential", PASSWORD)
    accounts.add_user("adam", "admin", "strictly_confidential", PASSWORD)
    return accounts.access_store_path()


def new_app() -> AppTest:
    return AppTest.from_file(str(DASHBOARD_APP), default_timeout=60)


def sign_in(at: AppTest, user_name: str, password: str) -> AppTest:
    at.text_input(key="access_sign_in_name").input(user_name)
    at.text_input(key="access_sign_in_password").input(password)
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def signed_in(user_name: str) -> AppTest:
    at = new_app()
    at.run()
    return sign_in(at, user_name, PASSWORD)


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def trail(store: Path) -> list[tuple]:
    """The audit rows, oldest first, without their times."""
    rows = audit.read(store)
    return [(r.user_name, r.action, r.target, r.detail) for r in reversed(rows)]


def test_the_store_sits_beside_the_warehouse_and_outlives_a_rebuild(store, tmp_path):
    from ingest.build import build_warehouse

    assert store == tmp_path / "w.access.sqlite"
    build_warehouse(tmp_path / "w.duckdb")
    assert [a.user_name for a in accounts.list_users()] == ["adam", "ana", "vera"]


def test_only_the_sign_in_page_until_signed_in(store):
    at = new_app()
    at.run()
    assert titles(at) == ["Sign in"]
    at.switch_page("screens/sources.py")
    at.run()
    assert titles(at) == ["Sign in"], "no page is shown before signing in"
    sign_in(at, "vera", PASSWORD)
    assert titles(at) == ["Sources"], "the page asked for opens once signed in"
    assert [row[1] for row in trail(store)] == ["sign_in", "page_view"]


def test_sign_in_with_the_right_password(store):
    at = signed_in("vera")
    assert titles(at) == ["Overview"]
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    assert "Signed in as **vera** (Viewer), cleared **Restricted**" in sidebar
    assert "Figures read from the warehouse file of " in sidebar
    assert trail(store) == [
        ("vera", "sign_in", "", {"mode": "accounts"}),
        (
            "vera",
            "page_view",
            "Overview",
            {
                "url_path": "",
                "filters": {"known_on": None, "overview_date": dt.date.today().isoformat()},
                "clearance": "restricted",
            },
        ),
    ]
    at.date_input(key="overview_date").set_value(dt.date(2001, 9, 11)).run()
    at.run()  # a rerun with the same filters adds nothing
    assert trail(store)[2:] == [
        (
            "vera",
            "page_view",
            "Overview",
            {
                "url_path": "",
                "filters": {"known_on": None, "overview_date": "2001-09-11"},
                "clearance": "restricted",
            },
        )
    ]


def test_wrong_password_is_refused_and_recorded(store):
    at = new_app()
    at.run()
    sign_in(at, "vera", "not the password")
    assert titles(at) == ["Sign in"]
    assert [e.value for e in at.error] == [
        "Wrong user name or password, or the account is disabled."
    ]
    sign_in(at, "nobody", PASSWORD)
    assert [e.value for e in at.error] == [
        "Wrong user name or password, or the account is disabled."
    ]
    # A name that is no account is recorded as a keyed hash, never as typed.
    nobody = accounts.audit_name("nobody")
    assert nobody.startswith("unknown:")
    assert trail(store) == [
        ("vera", "sign_in_failed", "vera", {"source": "local"}),
        (nobody, "sign_in_failed", nobody, {"source": "local"}),
    ]


def test_failed_sign_ins_are_limited_per_account(store):
    at = new_app()
    at.run()
    for _ in range(accounts.MAX_FAILURES_PER_ACCOUNT):
        sign_in(at, "ana", "guess guess guess")
    # From another browser session at the same place, even the right password is refused.
    other = new_app()
    other.run()
    sign_in(other, "ana", PASSWORD)
    assert titles(other) == ["Sign in"]
    assert [e.value for e in other.error] == [
        "Too many failed sign-ins for this account from here: try again in 15 minutes, or ask "
        "an administrator to unlock it."
    ]
    assert [row[1] for row in trail(store)] == ["sign_in_failed"] * 5 + ["sign_in_rate_limited"]
    assert trail(store)[-1] == (
        "ana",
        "sign_in_rate_limited",
        "ana",
        {"limit": "account_source", "source": "local"},
    )
    # Once the window has passed, the account signs in again.
    later = accounts.utc_now() + accounts.FAILURE_WINDOW + dt.timedelta(seconds=1)
    assert accounts.sign_in("ana", PASSWORD, now=later).outcome == "ok"


def test_failed_sign_ins_are_limited_per_browser_session(store):
    at = new_app()
    at.run()
    names = ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "u10"]
    for name in names:  # one failure per name: no account reaches its own limit
        sign_in(at, name, "guess guess guess")
    sign_in(at, "vera", PASSWORD)
    assert titles(at) == ["Sign in"]
    assert [e.value for e in at.error] == [
        "Too many failed sign-ins from this browser: try again in 15 minutes."
    ]
    assert trail(store)[-1] == (
        "vera",
        "sign_in_rate_limited",
        "vera",
        {"limit": "session", "source": "local"},
    )


def test_session_expires_after_inactivity(store, monkeypatch):
    monkeypatch.setenv("EMBARGO_SESSION_MINUTES", "30")
    at = signed_in("vera")
    at.session_state["access_last_activity"] = time.time() - 31 * 60
    at.run()
    assert titles(at) == ["Sign in"]
    assert [i.value for i in at.info] == [
        "Your session ended after 30 minutes without activity: sign in again."
    ]
    assert trail(store)[-1] == ("vera", "session_expired", "", {"idle_minutes": 31})


def test_a_disabled_account_is_signed_out_at_its_next_step(store):
    at = signed_in("vera")
    accounts.set_disabled("vera", True)
    at.run()
    assert titles(at) == ["Sign in"]
    assert [i.value for i in at.info] == ["Your account has been disabled or removed."]


def test_sign_out(store):
    at = signed_in("vera")
    at.sidebar.button(key="access_sign_out").click().run()
    assert titles(at) == ["Sign in"]
    assert trail(store)[-1] == ("vera", "sign_out", "", {})


@pytest.mark.parametrize(
    ("user_name", "upload", "audit_page"),
    [("vera", False, False), ("ana", True, False), ("adam", True, True)],
)
def test_pages_by_role(store, user_name, upload, audit_page):
    for page, title, allowed in (
        ("screens/country_profile.py", "Country profile", True),  # every signed-in viewer
        ("screens/upload.py", "Upload", upload),
        ("screens/audit.py", "Audit", audit_page),
        ("screens/actors.py", "Actors", audit_page),
    ):
        at = signed_in(user_name)
        if not allowed:
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(page)  # the page is not in this role's navigation at all
            continue
        at.switch_page(page)
        at.run()
        assert not at.exception
        assert titles(at) == [title], (user_name, page)


def test_clearance_comes_from_the_account(store, demo_warehouse, monkeypatch):
    """The same Item search page shows a restricted viewer fewer sightings than an admin."""
    monkeypatch.setenv("EMBARGO_ACCESS_DB", str(store))
    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))
    found = {}
    for user_name in ("vera", "adam"):
        at = signed_in(user_name)
        at.switch_page("screens/item_search.py")
        at.run()
        at.text_input(key="item_search_text").input("AK").run()
        assert not at.exception
        found[user_name] = len(at.dataframe[0].value)
        serial = at.selectbox(key="item_search_serial").value
    assert 0 < found["vera"] < found["adam"]
    views = [r for r in trail(store) if r[2] == "Item search"]
    assert views[-1] == (
        "adam",
        "page_view",
        "Item search",
        {
            "url_path": "item-search",
            "filters": {
                "item_search_areas": [],
                "item_search_chain": serial,
                "item_search_country": "",
                "item_search_km": 25.0,
                "item_search_preset": "all",
                "item_search_serial": serial,
                "item_search_text": "AK",
                "item_search_town": "",
                "known_on": None,
            },
            "clearance": "strictly_confidential",
        },
    )


def test_upload_goes_through_the_ingest_and_the_pages_see_it(store):
    at = signed_in("ana")
    at.switch_page("screens/upload.py")
    at.run()
    at.file_uploader[0].set_value(("../../etc/my seizures.csv", SEIZURE_CSV, "text/csv")).run()
    at.button(key="upload_load").click().run()
    assert not at.exception, [e.value for e in at.exception]
    report = at.dataframe[0].value
    assert report[
        ["file_name", "status", "file_format", "rows_read", "rows_loaded"]
    ].values.tolist() == [["my_seizures.csv", "Loaded", "Seizure documentation", 3, 2]]
    assert report["rows_rejected"].tolist() == [1]
    load_id = report["load_id"][0]
    rejects = at.dataframe[1].value
    assert rejects[["file_name", "row_number", "column_name", "value"]].values.tolist() == [
        ["my_seizures.csv", 3, "country_iso3", "Narnia"]
    ]
    assert [w.value for w in at.warning] == [
        "**my_seizures.csv**: 2 rows loaded, 1 rejected (listed below)."
    ]
    upload_rows = [r for r in trail(store) if r[1] == "upload"]
    assert upload_rows == [
        (
            "ana",
            "upload",
            "my_seizures.csv",
            {
                "format": "seizures",
                "load_id": load_id,
                "rows_loaded": 2,
                "rows_read": 3,
                "rows_rejected": 1,
                "sha256": audit.sha256_of(SEIZURE_CSV),
                "size_bytes": len(SEIZURE_CSV),
                "status": "loaded",
            },
        )
    ]
    # The dashboard's read-only connection notices the swapped warehouse file at once.
    at.switch_page("screens/sources.py")
    at.run()
    loads = next(df.value for df in at.dataframe if "file_sha256" in df.value.columns)
    assert "my_seizures.csv" in loads["file_name"].tolist()
    # The same bytes again change nothing.
    again = load_uploads(
        accounts.access_store_path().with_name("w.duckdb"), [Upload("copy.csv", SEIZURE_CSV)]
    )
    assert again[0].status == "already_loaded"


def test_proxy_mode_trusts_the_header_only_for_enabled_local_accounts(store, monkeypatch):
    from dashboard import session

    monkeypatch.setenv("EMBARGO_AUTH_MODE", "proxy")
    monkeypatch.setenv("EMBARGO_PROXY_USER_HEADER", "X-Remote-User")
    monkeypatch.setattr(session, "proxy_user_name", lambda header: "")
    at = new_app()
    at.run()
    assert titles(at) == ["Sign in"]
    assert not at.text_input, "no password form: the proxy signs people in"
    assert [i.value for i in at.info] == [
        "The proxy did not name an enabled local account in X-Remote-User (no name given): "
        "ask an administrator."
    ]
    monkeypatch.setattr(session, "proxy_user_name", lambda header: "ana")
    at = new_app()
    at.run()
    assert titles(at) == ["Overview"]
    assert "Signed in as **ana** (Analyst), cleared **Confidential**" in " ".join(
        c.value for c in at.sidebar.caption
    )
    assert trail(store)[0] == ("ana", "sign_in", "", {"header": "X-Remote-User", "mode": "proxy"})


def test_audit_page_filters_and_downloads(store):
    signed_in("vera")
    at = signed_in("adam")
    at.switch_page("screens/audit.py")
    at.run()
    at.multiselect(key="audit_users").set_value(["vera"]).run()
    table = at.dataframe[0].value
    assert table[["user_name", "action", "target"]].values.tolist() == [
        ["vera", "Page viewed", "Overview"],
        ["vera", "Signed in", ""],
    ]
    at.multiselect(key="audit_actions").set_value(["sign_in"]).run()
    assert at.dataframe[0].value["action"].tolist() == ["Signed in"]
    assert at.subheader[0].value == "Audit trail (1 rows)"
    button = at.get("download_button")[0]
    assert button.proto.label == "Download these rows as CSV"


def test_the_audit_trail_refuses_changes_and_deletions(store):
    audit.record("vera", "sign_in")
    con = sqlite3.connect(store)
    try:
        for statement in ("UPDATE audit_log SET user_name = 'x'", "DELETE FROM audit_log"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                con.execute(statement)
    finally:
        con.close()
    assert trail(store) == [("vera", "sign_in", "", {})]


def test_passwords_are_stored_as_scrypt_hashes(store):
    con = sqlite3.connect(store)
    try:
        stored = con.execute("SELECT password_hash FROM users WHERE user_name = 'vera'").fetchone()
    finally:
        con.close()
    assert stored[0].startswith("scrypt$131072$8$1$")
    assert PASSWORD not in stored[0]
    assert accounts.verify_password(PASSWORD, stored[0])
    assert not accounts.verify_password(PASSWORD + " ", stored[0])


def embargo(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "embargo.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=PROJECT_ROOT,
    )


def test_users_command(tmp_path, monkeypatch):
    monkeypatch.delenv("EMBARGO_ACCESS_DB")
    db = str(tmp_path / "w.duckdb")
    added = embargo("users", "add", "kim", "--role", "analyst", "--clearance", "restricted",
                    "--db", db, stdin=PASSWORD + "\n")  # fmt: skip
    assert (added.returncode, added.stdout) == (0, "added kim: analyst, cleared restricted\n")
    short = embargo("users", "passwd", "kim", "--db", db, stdin="short\n")
    assert short.returncode == 2
    assert short.stderr == "users passwd: the password must have at least 12 characters\n"
    assert embargo("users", "disable", "kim", "--db", db).stdout == "kim disabled\n"
    listing = embargo("users", "list", "--db", db).stdout.splitlines()
    assert listing[1].split()[:4] == ["kim", "analyst", "restricted", "disabled"]
    assert embargo("users", "remove", "kim", "--db", db).returncode == 0
    store = tmp_path / "w.access.sqlite"
    operator = trail(store)[0][0]
    assert operator.startswith("cli:")
    assert trail(store) == [
        (operator, "user_added", "kim", {"clearance": "restricted", "role": "analyst"}),
        (operator, "user_disabled", "kim", {}),
        (operator, "user_removed", "kim", {}),
    ]
    no_argv_password = embargo("users", "add", "lee", "--role", "viewer", "--password", "x")
    assert no_argv_password.returncode == 2, "passwords are never taken from the command line"


def test_upload_checks_and_safe_names():
    assert safe_file_name("../../etc/passwd") == "passwd"
    assert safe_file_name("C:\\Users\\me\\SIPRI trade register.CSV") == ("SIPRI_trade_register.csv")
    assert safe_file_name(".hidden.csv") == "hidden.csv"
    assert safe_file_name("a;rm -rf;.xlsx") == "a_rm_-rf.xlsx"
    assert len(safe_file_name("x" * 500 + ".csv")) == 120
    assert (
        content_problem("x.exe", b"MZ")
        == "only .csv, .txt, .xlsx, .xls, .ods, .xml, .json, .geojson files are accepted, "
        "not '.exe'"
    )
    assert content_problem("x.csv", b"") == "the file is empty"
    assert content_problem("x.csv", b"a,b\x00\x01") == (
        "the file is not text (it holds NUL bytes): save it as CSV, XLSX, XML or JSON"
    )
    assert content_problem("x.xlsx", b"a,b\n") == (
        "the file is not an Excel workbook (.xlsx is a zip archive)"
    )
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("hello.txt", "hi")
    assert content_problem("x.xlsx", archive.getvalue()) == (
        "the archive is not an Excel workbook (no xl/workbook.xml)"
    )
    assert content_problem("x.csv", "a,b\n1,2\n".encode("utf-16")) == ""
    assert content_problem("x.csv", b"a,b\n") == ""


def test_upload_size_limit(monkeypatch):
    monkeypatch.setenv("EMBARGO_UPLOAD_MAX_MB", "0.001")
    assert content_problem("x.csv", b"a" * 1001) == (
        "the file has 1,001 bytes, more than the limit of 1,000 (EMBARGO_UPLOAD_MAX_MB)"
    )


def test_refused_uploads_are_reported_not_loaded(store, tmp_path):
    results = load_uploads(
        tmp_path / "w.duckdb",
        [Upload("notes.txt", b"just some words\n"), Upload("tool.exe", b"MZ")],
    )
    assert [(r.safe_name, r.status) for r in results] == [
        ("notes.txt", "refused"),
        ("tool.exe", "refused"),
    ]
    assert results[0].refusal.startswith("notes.txt: the format could not be recognised")
    assert (
        results[1].refusal
        == "only .csv, .txt, .xlsx, .xls, .ods, .xml, .json, .geojson files are accepted, "
        "not '.exe'"
    )


def test_pages_offer_downloads_only_through_the_audited_button():
    """A download must leave its SHA-256 in the audit trail: pages use
    dashboard.common.audited_download_button, never st.download_button directly."""
    direct = [
        path.name
        for path in sorted(SCREENS.glob("*.py"))
        if "st.download_button" in path.read_text(encoding="utf-8")
    ]
    assert direct == []
