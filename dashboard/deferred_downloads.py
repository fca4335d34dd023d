"""Download files made when their button is clicked, not when the page is drawn: a page whose
download toggle is on then costs a rerun nothing for its files (a 300,000-row screening's CSV
and XLSX took seconds of the server's CPU on every rerun), and a file nobody clicks is never made.

Streamlit runs the function given as a download button's data on a worker thread of the server
when the button is clicked (st.download_button with a callable). That thread has no page run:
the function is given everything the page run knew (the reader's language, the "as known on"
day, the warehouse read and its data version, the session and the viewer) and reads the
warehouse under them, every query from one snapshot. Once the file is made, its SHA-256 and rows
go to the server's guard, which serves it to that session's browser only and records it in the
audit trail when served (dashboard/server_guard.py), exactly as for a file made with the page;
without the guard (a bare `streamlit run`) the click itself is recorded with them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard import session
from dashboard.queries import engine
from embargo import audit, i18n
from embargo.classification import Classification
from embargo.warehouse.connections import Location


class DataChangedSinceDrawn(RuntimeError):
    """The shared catalog moved to a newer snapshot between the page run and the click: the
    file would not be the one its name and the page announce (the next run offers the new one)."""


@dataclass(frozen=True)
class PageContext:
    """What a page run knew that the file's function needs on the server's worker thread."""

    user_name: str
    clearance: Classification
    page: str
    file_name: str
    session_id: str | None
    language: str
    known_on: dt.date | None
    location: Location
    snapshot_id: int | None


def page_context(
    viewer: session.Viewer, page: str, file_name: str, snapshot_id: int | None
) -> PageContext:
    """What this page run knows, for a file made after it (on the server's worker thread)."""
    ctx = get_script_run_ctx()
    return PageContext(
        user_name=viewer.user_name,
        clearance=viewer.clearance,
        page=page,
        file_name=file_name,
        session_id=None if ctx is None else ctx.session_id,
        language=i18n.language(),
        known_on=engine.current_known_on(),
        location=engine.current_location(),
        snapshot_id=snapshot_id,
    )


def made_when_clicked(
    make: Callable[[], str | bytes], context: PageContext
) -> Callable[[], str | bytes]:
    """The function a download button runs when clicked: `make` run as the page run would have
    run it, then the file's SHA-256, rows and data version left with the server's guard (or,
    without one, recorded in the audit trail)."""

    def run() -> str | bytes:
        from dashboard import queries

        with (
            i18n.using(context.language),
            engine.reading_from(context.location),
            engine.known_on(context.known_on),
            engine.one_snapshot_per_page(),
        ):
            version = queries.data_version(context.clearance)
            if version.snapshot_id != context.snapshot_id:
                raise DataChangedSinceDrawn(
                    f"{context.file_name}: the catalog is at snapshot {version.snapshot_id}, "
                    f"not {context.snapshot_id} as when the page was drawn"
                )
            data = make()
        register(data, str(version), context)
        return data

    return run


def rows_of(data: str | bytes, file_name: str) -> int | None:
    """The rows the audit trail records for a file: the lines of a text file (or of a CSV file's
    bytes) after its header, none for a binary one."""
    if isinstance(data, str):
        return max(data.count("\n") - 1, 0)
    return max(data.count(b"\n") - 1, 0) if file_name.lower().endswith(".csv") else None


def register(data: str | bytes, data_version: str, context: PageContext) -> None:
    """The made file's SHA-256, rows and data version: with the server's guard, to serve it to
    the session that asked and record it when served; else recorded now."""
    digest = audit.sha256_of(data)
    rows = rows_of(data, context.file_name)
    detail = {"page": context.page, "rows": rows, "data_version": data_version}
    if context.session_id is not None and session.prepare_download(
        context.user_name, context.file_name, detail, digest, context.session_id
    ):
        return
    session.record_download(
        context.user_name, context.page, context.file_name, digest, rows, data_version
    )
