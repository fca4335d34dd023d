"""Pieces every page shares: who is viewing, the synthetic-data banner, standard captions and
the audited download button."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st

from dashboard import queries, session
from embargo import audit
from embargo.classification import Classification
from embargo.spreadsheet import FORMULA_START

UN_MAP_DISCLAIMER = (
    "The boundaries and names shown and the designations used on this map do not imply official "
    "endorsement or acceptance by the United Nations."
)
EMBARGO_SOURCE = (
    "Source: UN Security Council resolutions, cited by symbol (Embargo Monitor reference table "
    "of UN arms embargoes, status as of 2026-11-01)."
)
SHAPES_SOURCE = "Boundaries: Natural Earth admin-0 1:110m (public domain)."


COVERAGE_COLUMNS = {
    "target_name": "Embargo target",
    "direction": st.column_config.TextColumn(
        "Direction", help="to_target: supplies to the target; from_target: supplies by it"
    ),
    "actor_scope": st.column_config.TextColumn(
        "Applies to", help="government, non_state (actors in the territory) or listed parties"
    ),
    "coverage": st.column_config.TextColumn(
        "Requirement",
        help="prohibited; approval or notification: an exemption procedure must be followed; "
        "exempt_if: exempt under a condition; suspended; not_covered",
    ),
    "item_scope": "Items",
    "valid_from": st.column_config.DateColumn("From"),
    "valid_to": st.column_config.DateColumn("Until (exclusive)"),
    "citation": "Resolution",
    "note": "Conditions and caveats",
}
CHANGE_COLUMNS = {
    "change_date": "Date",
    "date_precision": "Precision",
    "change_kind": "Kind of change",
    "resolution": "Resolution",
    "change": "Change",
}


def signed_in_viewer() -> session.Viewer:
    """The person viewing, as app.py found them for this run; a page reached without anyone
    signed in stops before showing anything."""
    viewer = st.session_state.get(session.VIEWER) or session.current_viewer()
    if viewer is None:
        st.warning("Sign in to see this page.")
        st.stop()
    return viewer


def viewer_clearance() -> Classification:
    """The clearance of the person viewing: the signed-in account's (in the single-user local
    mode, the operator's EMBARGO_CLEARANCE). Every query takes it and filters by it."""
    return signed_in_viewer().clearance


def audited_download_button(
    label: str, data: str | bytes, file_name: str, mime: str = "text/csv", key: str | None = None
) -> None:
    """A download button whose click is recorded in the audit trail with the file's SHA-256 and
    the state of the warehouse it was read from. From a shared catalog, the file name carries
    the snapshot too, so the same file can be made again with `--as-of`. Pages offer downloads
    only through this button (a test checks it)."""
    viewer = signed_in_viewer()
    version = queries.data_version(viewer.clearance)
    if version.snapshot_id is not None:
        stem, dot, extension = file_name.rpartition(".")
        snapshot = f"snapshot-{version.snapshot_id}"
        file_name = f"{stem}-{snapshot}.{extension}" if dot else f"{file_name}-{snapshot}"
    text_rows = data.count("\n") - 1 if isinstance(data, str) else -1
    st.download_button(
        label,
        data,
        file_name=file_name,
        mime=mime,
        key=key,
        on_click=session.record_download,
        args=(
            viewer.user_name,
            st.session_state.get(session.PAGE_TITLE, ""),
            file_name,
            audit.sha256_of(data),
            max(text_rows, 0) if isinstance(data, str) else None,
            str(version),
        ),
    )


def synthetic_banner(clearance: Classification) -> None:
    titles = queries.synthetic_sources_loaded(clearance)
    if titles:
        st.warning(
            "**Synthetic demo data.** This warehouse contains invented records for demonstration "
            f"({'; '.join(titles)}). They are not facts and must never be cited.",
            icon=":material/science:",
        )


def loaded_on(clearance: Classification, source_id: str) -> str:
    """The date a source was last loaded, for chart captions."""
    inventory = queries.data_inventory(clearance)
    rows = inventory.filter(inventory["source_id"] == source_id)
    if rows.is_empty():
        return "not loaded"
    return f"loaded {rows['last_loaded_at'].max():%Y-%m-%d %H:%M} UTC"


def transfer_filter_controls(clearance: Classification, key: str) -> queries.TransferFilters:
    """Supplier, recipient, category, source and year filters for transfer pages."""
    options = queries.transfer_filter_options(clearance)
    parties = options["parties"]
    names = dict(zip(parties["country_iso3"], parties["name"], strict=True))
    suppliers = parties.filter(parties["role"] == "supplier")["country_iso3"].to_list()
    recipients = parties.filter(parties["role"] == "recipient")["country_iso3"].to_list()
    sources = options["sources"]
    source_titles = dict(zip(sources["source_id"], sources["title"], strict=True))
    first = options["years"]["first_year"][0] or 1950
    last = options["years"]["last_year"][0] or 2025
    top = st.columns(4)
    # Labels fall back to the value itself: a value that is not an option (a forged request)
    # must still format as text, so Streamlit can drop it instead of failing.
    chosen_suppliers = top[0].multiselect(
        "Suppliers",
        suppliers,
        format_func=lambda code: names.get(code, code),
        key=f"{key}_suppliers",
        placeholder="All suppliers",
    )
    chosen_recipients = top[1].multiselect(
        "Recipients",
        recipients,
        format_func=lambda code: names.get(code, code),
        key=f"{key}_recipients",
        placeholder="All recipients",
    )
    chosen_categories = top[2].multiselect(
        "Categories",
        options["categories"]["category"].to_list(),
        key=f"{key}_categories",
        placeholder="All categories",
    )
    chosen_sources = top[3].multiselect(
        "Sources",
        list(source_titles),
        format_func=lambda source_id: source_titles.get(source_id, source_id),
        key=f"{key}_sources",
        placeholder="All sources",
    )
    years = st.slider(
        "Years (delivery, or order when not yet delivered)",
        min_value=int(first),
        max_value=int(max(last, first + 1)),
        value=(int(first), int(max(last, first + 1))),
        key=f"{key}_years",
    )
    return queries.TransferFilters(
        tuple(chosen_suppliers),
        tuple(chosen_recipients),
        tuple(chosen_categories),
        tuple(chosen_sources),
        years[0],
        years[1],
    )


def transfer_sources_caption(clearance: Classification) -> str:
    sources = queries.transfer_sources(clearance)
    titles = "; ".join(sources["title"].to_list()) or "no transfer register loaded"
    return f"Sources: {titles}. SIPRI data: Source: SIPRI Arms Transfers Database."


def spreadsheet_safe_csv(frame: pl.DataFrame) -> str:
    """CSV for download with text cells that a spreadsheet would run as a formula prefixed by an
    apostrophe (embargo/spreadsheet.py), so opening the file cannot execute anything."""
    # Categorical and enum columns are text in the file too: compare them as text.
    frame = frame.with_columns(pl.col(pl.Categorical, pl.Enum).cast(pl.String))
    text_columns = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(FORMULA_START.pattern))
        .then("'" + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in text_columns
    ).write_csv()


SEIZURE_SOURCES = (
    "Source: field documentation of seized and recovered materiel as loaded (reporting entity and "
    "source document on every record)."
)


def seizure_filter_controls(clearance: Classification, key: str) -> queries.SeizureFilters:
    """Period, context, category and reporting-entity filters for the seizure pages."""
    options = queries.seizure_filter_options(clearance)
    values = options["values"]

    def choices(kind: str) -> list[str]:
        return values.filter(values["kind"] == kind)["value"].drop_nulls().to_list()

    first = options["dates"]["first_date"][0] or dt.date(2015, 1, 1)
    last = options["dates"]["last_date"][0] or dt.date.today()
    columns = st.columns([2, 2, 2, 3])
    period = columns[0].date_input(
        "Period", value=(first, last), min_value=first, max_value=last, key=f"{key}_period"
    )
    date_from, date_to = period if len(period) == 2 else (first, last)
    contexts = columns[1].multiselect(
        "Context", choices("context"), key=f"{key}_contexts", placeholder="All contexts"
    )
    categories = columns[2].multiselect(
        "Category", choices("category"), key=f"{key}_categories", placeholder="All categories"
    )
    entities = columns[3].multiselect(
        "Reporting entity", choices("entity"), key=f"{key}_entities", placeholder="All entities"
    )
    return queries.SeizureFilters(
        date_from, date_to, tuple(contexts), tuple(categories), tuple(entities)
    )
