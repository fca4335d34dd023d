"""Guards on the HTTP endpoints Streamlit serves beside the page, which the pages' own checks do
not reach: they answer any client that has the address, signed in or not.

- `/media/<id>` serves every file a page prepared (download buttons' files, images) to whoever
  has the link. Here a file with `Content-Disposition: attachment` (a download) is served only
  to the browser whose signed-in session prepared it (the same SHA-256, registered by
  `prepared_download`), and the download is recorded in the audit trail when it is served, not
  when a button is clicked; other media only to a browser with a signed-in session.
- `/_stcore/upload_file/<session>/<file>` takes files from any session, before signing in
  included (ten 30 MB files held 300 MB until the session's clean-up). Here a PUT is accepted
  only for a session signed in with the upload role, and only within a quota per session and
  per server (EMBARGO_UPLOAD_SESSION_MB, EMBARGO_UPLOAD_SERVER_MB).
- `/_stcore/metrics` (cache sizes) is refused: it says what other sessions hold.
- Every response forbids framing (X-Frame-Options, CSP frame-ancestors): Streamlit has no
  setting for response headers. Custom components (the Leaflet maps of streamlit-folium), which
  the page itself frames, may be framed by the same origin only.

A browser is known by a random cookie this guard sets (HttpOnly, SameSite=Strict, Secure when
the page is served over HTTPS, directly or behind a proxy that says so in X-Forwarded-Proto; no
expiry: the browser drops it when it closes); the page's websocket carries it, so a session
registers it with its viewer (`register_viewer`, on every run of the app). The cookie is replaced
when the browser signs in and when it signs out, so a cookie someone had before a sign-in never
carries it (session fixation):
- `POST .../_embargo/sign-in?ticket=...`: the signed-in page hands over the one-time ticket it
  got at sign-in; the guard redeems it and sets a new random cookie, under which the sign-in is
  remembered in the access store (embargo.remembered_sign_ins: the hash of the cookie's token
  only). Reloading the page, opening a shared link in the same browser, a server restart or
  another replica of a shared deployment then start a Streamlit session already signed in, for
  as long as the sign-in lives (until EMBARGO_SESSION_MINUTES without activity, or signing out).
- `POST .../_embargo/sign-out`: the remembered sign-in of the cookie is forgotten and a new
  random cookie set.

Streamlit documents one way in: `st.App`, its ASGI application, takes Starlette middleware
(dashboard/server.py makes it; `embargo serve` runs that). The guard uses only the ASGI
interface (paths, headers, bodies): no internal of Streamlit. Run without it (`streamlit run
dashboard/app.py`), downloads are recorded at the click instead, and the endpoints are open:
use `embargo serve`.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool

from embargo import remembered_sign_ins, settings

BROWSER_COOKIE = "embargo_browser"
# Streamlit's endpoints, with or without a base URL path in front.
_UPLOAD = re.compile(r"/_stcore/upload_file/([^/]+)/([^/]+)$")
# Files pages prepared (`/media/<id>`), not Streamlit's own fonts and images under
# `/static/media/`, which every page needs before sign-in (without them icons show as words).
_MEDIA = re.compile(r"(?<!/static)/media/[^/]+$")
_METRICS = re.compile(r"/_stcore/metrics$")
_SIGN_IN = re.compile(r"/_embargo/sign-in$")
_SIGN_OUT = re.compile(r"/_embargo/sign-out$")
FRAME_HEADERS = (
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
)
# A custom component (streamlit-folium's maps) is a page the dashboard frames itself: it may be
# framed by the dashboard's own origin, never by another site.
_COMPONENT = re.compile(r"/component/[^/]+/")
COMPONENT_FRAME_HEADERS = (
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"content-security-policy", b"frame-ancestors 'self'"),
    (b"x-content-type-options", b"nosniff"),
)


def _megabytes(name: str) -> int:
    return int(float(settings.value(name) or settings.BY_NAME[name].default) * 1_000_000)


def session_upload_quota() -> int:
    return _megabytes("EMBARGO_UPLOAD_SESSION_MB")


def server_upload_quota() -> int:
    return _megabytes("EMBARGO_UPLOAD_SERVER_MB")


def _session_seconds() -> float:
    name = "EMBARGO_SESSION_MINUTES"
    return float(settings.value(name) or settings.BY_NAME[name].default) * 60


@dataclass
class SessionGrant:
    """What one signed-in browser session may fetch and send."""

    browser_key: str | None
    user_name: str
    can_upload: bool
    seen_at: float
    uploads: dict[str, int] = field(default_factory=dict)  # file id -> bytes held
    downloads: dict[str, dict] = field(default_factory=dict)  # SHA-256 -> audit detail


class Grants:
    """The signed-in sessions of this server process, shared by the app's script threads (which
    register them) and the server's event loop (which checks requests against them)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sessions: dict[str, SessionGrant] = {}

    def _live(self, now: float) -> dict[str, SessionGrant]:
        """Sessions seen within the inactivity limit (the others have ended or will at their
        next run)."""
        limit = _session_seconds()
        stale = [sid for sid, grant in self._sessions.items() if now - grant.seen_at > limit]
        for session_id in stale:
            del self._sessions[session_id]
        return self._sessions

    def grant(self, session_id: str, browser_key: str | None, user_name: str, can_upload: bool):
        now = time.time()
        with self._lock:
            sessions = self._live(now)
            held = sessions.get(session_id)
            if held is None or held.user_name != user_name:
                sessions[session_id] = SessionGrant(browser_key, user_name, can_upload, now)
            else:
                held.browser_key, held.can_upload, held.seen_at = browser_key, can_upload, now

    def revoke(self, session_id: str) -> None:
        with self._lock:
            self._sessions.pop(session_id, None)

    def prepare_download(self, session_id: str, sha256: str, detail: dict) -> None:
        with self._lock:
            grant = self._sessions.get(session_id)
            if grant is not None:
                grant.downloads[sha256] = detail

    def download_for(self, browser_key: str | None, sha256: str) -> tuple[str, dict | None] | None:
        """(user name, audit detail) of the live session of this browser that prepared a file
        with this SHA-256; the detail only at the first serving (a browser may fetch a download
        more than once for one click: one audit row per prepared file and session)."""
        if browser_key is None:
            return None
        with self._lock:
            for grant in self._live(time.time()).values():
                if grant.browser_key == browser_key and sha256 in grant.downloads:
                    detail = grant.downloads[sha256]
                    grant.downloads[sha256] = {**detail, "served": True}
                    first = None if detail.get("served") else dict(detail)
                    return grant.user_name, first
        return None

    def prepared_for(self, browser_key: str | None, sha256: str) -> bool:
        """Whether a live session of this browser prepared a file with this SHA-256."""
        if browser_key is None:
            return False
        with self._lock:
            sessions = self._live(time.time()).values()
            return any(g.browser_key == browser_key and sha256 in g.downloads for g in sessions)

    def browser_signed_in(self, browser_key: str | None) -> bool:
        if browser_key is None:
            return False
        with self._lock:
            sessions = self._live(time.time()).values()
            return any(grant.browser_key == browser_key for grant in sessions)

    def admit_upload(self, session_id: str, file_id: str, size: int) -> str | None:
        """Count an upload against the quotas; None when admitted, else why not."""
        with self._lock:
            sessions = self._live(time.time())
            grant = sessions.get(session_id)
            if grant is None or not grant.can_upload:
                return "uploads need a session signed in with the analyst or admin role"
            held = sum(grant.uploads.values()) - grant.uploads.get(file_id, 0)
            if held + size > session_upload_quota():
                return "this session holds its quota of uploaded files (EMBARGO_UPLOAD_SESSION_MB)"
            everyone = sum(sum(g.uploads.values()) for g in sessions.values())
            if everyone - grant.uploads.get(file_id, 0) + size > server_upload_quota():
                return "the server holds its quota of uploaded files (EMBARGO_UPLOAD_SERVER_MB)"
            grant.uploads[file_id] = size
            return None

    def release_upload(self, session_id: str, file_id: str) -> None:
        with self._lock:
            grant = self._sessions.get(session_id)
            if grant is not None:
                grant.uploads.pop(file_id, None)


GRANTS = Grants()


# Set when the guard wraps the server of this process (dashboard/server.py).
installed = threading.Event()


def _cookie(scope: dict) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            cookies = SimpleCookie()
            cookies.load(value.decode("latin-1"))
            if BROWSER_COOKIE in cookies:
                return cookies[BROWSER_COOKIE].value
    return None


def _script_fetch(scope: dict) -> bool:
    """A request a page's script made (fetch), not one the person asked for by following a link
    or clicking a download: browsers say so in Sec-Fetch-Mode, which scripts cannot set."""
    return (_header(scope, b"sec-fetch-mode") or "navigate") in ("cors", "same-origin", "no-cors")


def _header(scope: dict, wanted: bytes) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == wanted:
            return value.decode("latin-1")
    return None


class ServerGuard:
    """ASGI middleware: see the module's docstring."""

    def __init__(self, app) -> None:
        self.app = app
        installed.set()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, method = scope["path"], scope["method"]
        browser_key = _cookie(scope)
        new_key = None if browser_key else secrets.token_urlsafe(24)
        secure = scope.get("scheme") == "https" or (
            (_header(scope, b"x-forwarded-proto") or "").strip().lower() == "https"
        )

        async def send_guarded(message) -> None:
            if message["type"] == "http.response.start":
                frame_headers = (
                    COMPONENT_FRAME_HEADERS if _COMPONENT.search(path) else FRAME_HEADERS
                )
                headers = [h for h in message.get("headers", []) if h[0] not in dict(FRAME_HEADERS)]
                headers += list(frame_headers)
                if new_key is not None:
                    headers.append(_cookie_header(new_key, secure))
                message = {**message, "headers": headers}
            await send(message)

        if _METRICS.search(path):
            await _refuse(send_guarded, 404, "not served")
            return
        if (_SIGN_IN.search(path) or _SIGN_OUT.search(path)) and method == "POST":
            await _new_cookie(scope, send, browser_key, secure)
            return
        upload = _UPLOAD.search(path)
        if upload and method in ("PUT", "POST"):
            await self._upload(scope, receive, send_guarded, *upload.groups())
            return
        if upload and method == "DELETE":
            GRANTS.release_upload(*upload.groups())
        if _MEDIA.search(path) and method in ("GET", "HEAD"):
            await self._media(scope, receive, send_guarded, browser_key)
            return
        await self.app(scope, receive, send_guarded)

    async def _upload(self, scope, receive, send, session_id: str, file_id: str) -> None:
        length = _header(scope, b"content-length")
        if length is None or not length.isdigit():
            await _refuse(send, 411, "an upload must state its length")
            return
        refusal = GRANTS.admit_upload(session_id, file_id, int(length))
        if refusal is not None:
            await _refuse(send, 403 if "role" in refusal else 413, refusal)
            return
        received = 0

        async def counted():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > int(length):  # more than it stated: cut it off
                raise ValueError("upload longer than its Content-Length")
            return message

        await self.app(scope, counted, send)

    async def _media(self, scope, receive, send, browser_key: str | None) -> None:
        start: dict = {}
        body = bytearray()

        async def keep(message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            else:
                body.extend(message.get("body", b""))

        await self.app(scope, receive, keep)
        headers = dict(start.get("headers", []))
        attachment = headers.get(b"content-disposition", b"").startswith(b"attachment")
        if start.get("status") not in (200, 206):
            pass  # not found and the like: nothing is disclosed
        elif attachment and scope["method"] == "GET":
            content = bytes(body)
            if headers.get(b"content-encoding") == b"gzip":  # Streamlit compresses text files
                content = gzip.decompress(content)
            sha256 = hashlib.sha256(content).hexdigest()
            if _script_fetch(scope):
                # Streamlit's front end fetches each download button's file when it draws the
                # button, to see that it is there: that is no download. It is told the file is
                # there, without its bytes and without a record.
                if not GRANTS.prepared_for(browser_key, sha256):
                    await _refuse(send, 403, "this download belongs to another session")
                    return
                await send({"type": "http.response.start", "status": 200, "headers": []})
                await send({"type": "http.response.body", "body": b""})
                return
            served = GRANTS.download_for(browser_key, sha256)
            if served is None or start.get("status") != 200:
                await _refuse(send, 403, "this download belongs to another session")
                return
            user_name, detail = served
            if detail is not None:
                await run_in_threadpool(_record_download, user_name, detail)
        elif not GRANTS.browser_signed_in(browser_key):
            await _refuse(send, 403, "sign in first")
            return
        await send(start)
        await send({"type": "http.response.body", "body": bytes(body)})


def _cookie_header(token: str, secure: bool) -> tuple[bytes, bytes]:
    cookie = f"{BROWSER_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
    if secure:
        cookie += "; Secure"
    return (b"set-cookie", cookie.encode("latin-1"))


async def _new_cookie(scope, send, browser_key: str | None, secure: bool) -> None:
    """The browser's new cookie after signing in (for a valid ticket: the sign-in is remembered
    under it) or signing out (the old cookie's sign-in is forgotten)."""
    # Only the dashboard's own pages may post here: not another site (its page would sign the
    # browser in to an account of its choosing, or out).
    origin = _header(scope, b"origin")
    hosts = {_header(scope, b"host"), _header(scope, b"x-forwarded-host")} - {None}
    if origin is not None and origin.split("://", 1)[-1] not in hosts:
        await _refuse(send, 403, "not from this dashboard's pages")
        return
    if _SIGN_IN.search(scope["path"]):
        ticket = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("ticket", [""])[0]
        token = await run_in_threadpool(remembered_sign_ins.redeem_ticket, ticket, browser_key)
        if token is None:
            await _refuse(send, 403, "no such sign-in ticket, or it has expired")
            return
    else:
        await run_in_threadpool(remembered_sign_ins.forget, browser_key)
        token = secrets.token_urlsafe(24)
    headers = [*FRAME_HEADERS, (b"cache-control", b"no-store"), _cookie_header(token, secure)]
    await send({"type": "http.response.start", "status": 204, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


def _record_download(user_name: str, detail: dict) -> None:
    from embargo import audit

    file_name = detail.pop("file_name")
    audit.record(user_name, "download", file_name, detail)


async def _refuse(send, status: int, reason: str) -> None:
    body = f"{reason}\n".encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
