"""Who is using this browser session: signing in and out, inactivity expiry, and recording what
the person does in the audit trail.

Three ways to know the viewer, chosen by EMBARGO_AUTH_MODE:
- `accounts` (default): local accounts (`embargo users add`); the sign-in form checks the
  password and the session ends after EMBARGO_SESSION_MINUTES of inactivity (default 30).
- `proxy`: an authenticating reverse proxy in front of the dashboard has signed the person in and
  passes the user name in the header named by EMBARGO_PROXY_USER_HEADER; the name must be a local
  account, which gives the role and clearance. Only safe when the dashboard is reachable through
  that proxy alone.
- `local`: the single-user local mode of the operator at their own workstation: no sign-in, role
  admin, clearance EMBARGO_CLEARANCE (default strictly confidential).
"""

from __future__ import annotations

import getpass
import json
import time
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard import server_guard
from embargo import accounts, audit, remembered_sign_ins, settings
from embargo.classification import Classification
from embargo.i18n import _

MODES = ("accounts", "proxy", "local")
DEFAULT_SESSION_MINUTES = float(settings.BY_NAME["EMBARGO_SESSION_MINUTES"].default)

# Session-state keys of this module; they start with "access_" so they are never taken for
# page filters.
SIGNED_IN = "access_user_name"
LAST_ACTIVITY = "access_last_activity"
NOTICE = "access_notice"
FAILURES = "access_failures"
LAST_PAGE_VIEW = "access_last_page_view"
PROXY_RECORDED = "access_proxy_recorded"
VIEWER = "access_viewer"  # set by app.py on every run
PAGE_TITLE = "access_page_title"
# When this session last wrote its activity to the remembered sign-in.
LAST_TOUCH = "access_last_touch"
# What the browser is to hand to the server's guard for a new cookie: ("sign-in", ticket) after
# signing in, ("sign-out", None) after signing out (dashboard/screens/sign_in.py does it).
COOKIE_CHANGE = "access_cookie_change"


@dataclass(frozen=True)
class Viewer(accounts.RoleRights):
    user_name: str
    role: str
    clearance: Classification
    mode: str


def auth_mode() -> str:
    mode = (settings.value("EMBARGO_AUTH_MODE") or "").strip().lower()
    if mode not in MODES:
        raise RuntimeError(f"EMBARGO_AUTH_MODE={mode!r}: expected one of {', '.join(MODES)}")
    return mode


def session_minutes() -> float:
    return float(settings.value("EMBARGO_SESSION_MINUTES") or DEFAULT_SESSION_MINUTES)


def local_operator() -> Viewer:
    clearance = settings.value("EMBARGO_CLEARANCE") or "strictly_confidential"
    return Viewer(
        f"operator:{getpass.getuser()}", "admin", Classification.parse(clearance), "local"
    )


def current_viewer() -> Viewer | None:
    """The signed-in viewer, or None when nobody is (the app then shows only the sign-in page).
    Each run re-reads the account, so disabling or removing it takes effect at once."""
    mode = auth_mode()
    if mode == "local":
        return local_operator()
    if mode == "proxy":
        return _proxy_viewer()
    user_name = st.session_state.get(SIGNED_IN)
    if user_name is None:
        user_name = _resumed_sign_in()
    if user_name is None:
        return None
    idle_minutes = (time.time() - st.session_state.get(LAST_ACTIVITY, 0.0)) / 60
    if idle_minutes > session_minutes():
        audit.record(user_name, "session_expired", detail={"idle_minutes": round(idle_minutes)})
        _forget_sign_in()
        st.session_state[NOTICE] = _(
            "Your session ended after {minutes} minutes without activity: sign in again."
        ).format(minutes=f"{session_minutes():g}")
        return None
    account = accounts.get_user(user_name)
    if account is None or account.disabled:
        _forget_sign_in()
        st.session_state[NOTICE] = _("Your account has been disabled or removed.")
        return None
    now = time.time()
    st.session_state[LAST_ACTIVITY] = now
    if now - st.session_state.get(LAST_TOUCH, 0.0) > remembered_sign_ins.touch_interval():
        remembered_sign_ins.touch(browser_key(), account.user_name, now=now)
        st.session_state[LAST_TOUCH] = now
    return Viewer(account.user_name, account.role, account.clearance, mode)


def browser_key() -> str | None:
    """The random key of this browser's cookie (set by the server's guard), if any."""
    try:
        key = st.context.cookies.get(server_guard.BROWSER_COOKIE)
    except Exception:  # no request context (bare runs)
        return None
    return key if isinstance(key, str) and key else None


def _resumed_sign_in() -> str | None:
    """The account still signed in in this browser when this is a new session of it: the page
    the browser reloads to right after signing in (it gets its new cookie first: see
    embargo.remembered_sign_ins), a reload, a shared link opened in the same browser, a page
    after a server restart or served by another replica. Taken up, and recorded as resumed
    except on that first page."""
    remembered = remembered_sign_ins.resume(browser_key())
    if remembered is None:
        return None
    user_name, taken_up_before = remembered
    now = time.time()
    st.session_state[SIGNED_IN] = user_name
    st.session_state[LAST_ACTIVITY] = now
    st.session_state[LAST_TOUCH] = now
    if taken_up_before:
        audit.record(user_name, "sign_in_resumed", detail={"mode": "accounts"})
    return user_name


def _proxy_viewer() -> Viewer | None:
    header = (settings.value("EMBARGO_PROXY_USER_HEADER") or "").strip()
    if not header:
        raise RuntimeError("EMBARGO_AUTH_MODE=proxy needs EMBARGO_PROXY_USER_HEADER")
    user_name = proxy_user_name(header)
    account = accounts.get_user(user_name) if user_name else None
    if account is None or account.disabled:
        st.session_state[NOTICE] = _(
            "The proxy did not name an enabled local account in {header} ({user}): ask an "
            "administrator."
        ).format(header=header, user=user_name or _("no name given"))
        return None
    if st.session_state.get(PROXY_RECORDED) != user_name:
        audit.record(user_name, "sign_in", detail={"mode": "proxy", "header": header})
        st.session_state[PROXY_RECORDED] = user_name
    return Viewer(account.user_name, account.role, account.clearance, "proxy")


def proxy_user_name(header: str) -> str:
    """The user name the authenticating proxy put in the request header."""
    return (st.context.headers.get(header) or "").strip()


def _forget_sign_in() -> None:
    for key in (SIGNED_IN, LAST_ACTIVITY, LAST_PAGE_VIEW, LAST_TOUCH):
        st.session_state.pop(key, None)
    remembered_sign_ins.forget(browser_key())


def sign_in_source() -> str:
    """Where a sign-in comes from: the client's address, "local" for the machine itself. Behind
    a reverse proxy every connection comes from the proxy: EMBARGO_CLIENT_ADDRESS_HEADER names
    the header in which the proxy passes the client's address (e.g. X-Real-IP), so the per-source
    limits hold per client and not for all of them together. Set it only behind such a proxy:
    a client reaching the dashboard directly could write any address there."""
    header = (settings.value("EMBARGO_CLIENT_ADDRESS_HEADER") or "").strip()
    if header:
        forwarded = st.context.headers.get(header)
        if isinstance(forwarded, str) and forwarded.strip():
            return forwarded.strip()
    address = st.context.ip_address
    return address if isinstance(address, str) and address else "local"


def attempt_sign_in(user_name: str, password: str) -> str | None:
    """Sign in; None on success, else the message to show. Failures are limited per account and
    source, per source and per browser session (see embargo.accounts). A name that is no
    account is recorded in the audit trail as a keyed hash, never as typed."""
    now = time.time()
    window = accounts.FAILURE_WINDOW.total_seconds()
    failures = [t for t in st.session_state.get(FAILURES, []) if now - t < window]
    st.session_state[FAILURES] = failures
    name = user_name.strip()
    source = sign_in_source()
    if len(failures) >= accounts.MAX_FAILURES_PER_SESSION:
        minutes = max(1, -(-int(failures[0] + window - now) // 60))
        who = accounts.audit_name(name)
        audit.record(who, "sign_in_rate_limited", who, {"limit": "session", "source": source})
        return f"Too many failed sign-ins from this browser: try again in {minutes} minutes."
    result = accounts.sign_in(name, password, source=source)
    if result.outcome == "ok":
        st.session_state[SIGNED_IN] = result.account.user_name
        st.session_state[LAST_ACTIVITY] = now
        if server_guard.installed.is_set():
            # Remembered for the browser only under a new cookie, never the one it came with.
            ticket = remembered_sign_ins.issue_ticket(result.account.user_name, now=now)
            st.session_state[COOKIE_CHANGE] = ("sign-in", ticket)
        st.session_state.pop(NOTICE, None)
        st.session_state.pop(FAILURES, None)
        audit.record(result.account.user_name, "sign_in", detail={"mode": "accounts"})
        return None
    who = accounts.audit_name(name)
    if result.outcome == "rate_limited":
        audit.record(who, "sign_in_rate_limited", who, {"limit": result.limit, "source": source})
    else:
        failures.append(now)
        st.session_state[FAILURES] = failures
        audit.record(who, "sign_in_failed", who, {"source": source})
    return result.message


def register_with_server(viewer: Viewer | None) -> None:
    """Tell the server's guard who this session is (or that nobody is signed in), so that it
    serves this browser's downloads and takes its uploads only while that holds."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    if viewer is None:
        server_guard.GRANTS.revoke(ctx.session_id)
        return
    browser_key = st.context.cookies.get(server_guard.BROWSER_COOKIE)
    server_guard.GRANTS.grant(
        ctx.session_id,
        browser_key if isinstance(browser_key, str) else None,
        viewer.user_name,
        viewer.can_upload,
    )


def prepare_download(
    user_name: str, file_name: str, detail: dict, sha256: str, session_id: str | None = None
) -> bool:
    """Leave a download to the server's guard, which serves it to this session's browser (or
    that of `session_id`, for a file made after the page run) only and records it when served;
    False when no guard wraps the server (the click is recorded instead)."""
    if session_id is None:
        ctx = get_script_run_ctx()
        session_id = None if ctx is None else ctx.session_id
    if session_id is None or not server_guard.installed.is_set():
        return False
    detail = {**detail, "sha256": sha256, "file_name": file_name}
    server_guard.GRANTS.prepare_download(session_id, sha256, detail)
    return True


def sign_out(viewer: Viewer) -> None:
    audit.record(viewer.user_name, "sign_out")
    register_with_server(None)
    _forget_sign_in()
    st.session_state[NOTICE] = _("You have signed out.")
    if server_guard.installed.is_set():
        st.session_state[COOKIE_CHANGE] = ("sign-out", None)


# --- what the viewer does ----------------------------------------------------------------------


def _active_widget_values() -> dict:
    """Values of the widgets with a key that were drawn in this run: the page's filters and
    search terms. Streamlit builds a keyed widget's id ending in "-<key>", which tells the
    widgets of this page from those kept from earlier pages."""
    ids = getattr(getattr(get_script_run_ctx(), "shared", None), "widget_ids_this_run", None)
    drawn = set(ids.snapshot()) if hasattr(ids, "snapshot") else None
    values = {}
    for key in st.session_state:
        # Download toggles (dashboard/downloads.py) choose no data: not filters either.
        if not isinstance(key, str) or key.startswith(
            ("access_", "$$", "FormSubmitter:", "download_")
        ):
            continue
        if drawn is not None and not any(wid.endswith(f"-{key}") for wid in drawn):
            continue
        values[key] = st.session_state[key]
    return json.loads(json.dumps(values, default=str, sort_keys=True))


def record_page_view(viewer: Viewer, page_title: str, url_path: str) -> None:
    """One audit row per page shown with a new set of filters (a rerun with the same filters,
    e.g. opening an expander, adds nothing)."""
    filters = _active_widget_values()
    view = (page_title, json.dumps(filters, sort_keys=True))
    if st.session_state.get(LAST_PAGE_VIEW) == view:
        return
    st.session_state[LAST_PAGE_VIEW] = view
    audit.record(
        viewer.user_name,
        "page_view",
        page_title,
        {"url_path": url_path, "filters": filters, "clearance": viewer.clearance.label},
    )


def record_download(
    user_name: str, page: str, file_name: str, sha256: str, rows: int | None, data_version: str
) -> None:
    detail = {"page": page, "sha256": sha256, "rows": rows, "data_version": data_version}
    audit.record(user_name, "download", file_name, detail)
