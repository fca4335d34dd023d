"""Pieces every page shares: who is viewing, the synthetic-data banner, standard captions, tables
and downloads in the reader's words (embargo/i18n), and the audited download button."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import polars as pl
import streamlit as st

from dashboard import columnwise_words, deferred_downloads, queries, render_cache, session

# the sources' words and the data version are the captions' (the pages import them from here)
from dashboard.captions import EMBARGO_SOURCE, SHAPES_SOURCE, data_version_text  # noqa: F401
from dashboard.choices import choice_key
from dashboard.map_layers import UN_MAP_DISCLAIMER  # noqa: F401  (the pages import it from here)
from embargo import audit
from embargo.classification import Classification
from embargo.i18n import (
    N_,
    _,
    country_label,
    format_date,
    format_datetime,
    format_number,
    labels,
    language,
    translate,
)
from embargo.spreadsheet import FORMULA_START

COVERAGE_COLUMNS = {
    "valid_from": st.column_config.DateColumn("From"),
    "valid_to": st.column_config.TextColumn("Until (exclusive)"),
}
CHANGE_COLUMNS: dict = {}


def signed_in_viewer() -> session.Viewer:
    """The person viewing, as app.py found them for this run; a page reached without anyone
    signed in stops before showing anything."""
    viewer = st.session_state.get(session.VIEWER) or session.current_viewer()
    if viewer is None:
        st.warning(_("Sign in to see this page."))
        st.stop()
    return viewer


def viewer_clearance() -> Classification:
    """The clearance of the person viewing: the signed-in account's (in the single-user local
    mode, the operator's EMBARGO_CLEARANCE). Every query takes it and filters by it."""
    return signed_in_viewer().clearance


def audited_download_button(
    label: str,
    data: str | bytes | Callable[[], str | bytes],
    file_name: str,
    mime: str = "text/csv",
    key: str | None = None,
) -> None:
    """A download button whose click is recorded in the audit trail with the file's SHA-256 and
    the state of the warehouse it was read from. From a shared catalog, the file name carries
    the snapshot too, so the same file can be made again with `--as-of`. Pages offer downloads
    only through this button (a test checks it). `data` may be the function that makes the
    file, run only when the button is clicked (dashboard.deferred_downloads)."""
    viewer = signed_in_viewer()
    version = queries.data_version(viewer.clearance)
    if version.snapshot_id is not None:
        stem, dot, extension = file_name.rpartition(".")
        snapshot = f"snapshot-{version.snapshot_id}"
        file_name = f"{stem}-{snapshot}.{extension}" if dot else f"{file_name}-{snapshot}"
    page = st.session_state.get(session.PAGE_TITLE, "")
    if callable(data):
        context = deferred_downloads.page_context(viewer, page, file_name, version.snapshot_id)
        made = deferred_downloads.made_when_clicked(data, context)
        st.download_button(label, made, file_name=file_name, mime=mime, key=key, on_click="ignore")
        return
    text_rows = data.count("\n") - 1 if isinstance(data, str) else -1
    rows = max(text_rows, 0) if isinstance(data, str) else None
    digest = audit.sha256_of(data)
    detail = {"page": page, "rows": rows, "data_version": str(version)}
    if session.prepare_download(viewer.user_name, file_name, detail, digest):
        # Recorded by the server's guard when the file is served (dashboard/server_guard.py).
        st.download_button(label, data, file_name=file_name, mime=mime, key=key, on_click="ignore")
        return
    st.download_button(
        _(label),
        data,
        file_name=file_name,
        mime=mime,
        key=key,
        on_click=session.record_download,
        args=(viewer.user_name, page, file_name, digest, rows, str(version)),
    )


def shows_current_records(sentence: str) -> None:
    """When an "as known on" day is chosen, say (the translated `sentence`, with `{day}`) that a
    part of the page shows the records as the warehouse knows them now, so that a reader
    comparing with a report of that day does not take it for the day's figures."""
    known_on = st.session_state.get("known_on")
    if known_on is not None:
        st.caption(sentence.format(day=format_date(known_on)))


def synthetic_banner(clearance: Classification) -> None:
    titles = queries.synthetic_sources_loaded(clearance)
    if titles:
        st.warning(
            _(
                "**Synthetic demo data.** This warehouse contains invented records for "
                "demonstration ({titles}). They are not facts and must never be cited."
            ).format(titles="; ".join(_(title) for title in titles)),
            icon=":material/science:",
        )


def loaded_on(clearance: Classification, source_id: str) -> str:
    """The date a source was last loaded, for chart captions."""
    inventory = queries.data_inventory(clearance)
    rows = inventory.filter(inventory["source_id"] == source_id)
    if rows.is_empty():
        return _("not loaded")
    return _("loaded {moment} UTC").format(moment=format_datetime(rows["last_loaded_at"].max()))


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

    def party(code: str) -> str:
        # Labels fall back to the value itself: a value that is not an option (a forged
        # request) must still format as text, so Streamlit can drop it instead of failing.
        return country_label(code, names.get(code)) if code in names else str(code)

    chosen_suppliers = top[0].multiselect(
        _("Suppliers"),
        suppliers,
        format_func=party,
        key=choice_key(f"{key}_suppliers"),
        placeholder=_("All suppliers"),
    )
    chosen_recipients = top[1].multiselect(
        _("Recipients"),
        recipients,
        format_func=party,
        key=choice_key(f"{key}_recipients"),
        placeholder=_("All recipients"),
    )
    chosen_categories = top[2].multiselect(
        _("Categories"),
        options["categories"]["category"].to_list(),
        format_func=lambda category: labels.value_label("category", category),
        key=choice_key(f"{key}_categories"),
        placeholder=_("All categories"),
    )
    chosen_sources = top[3].multiselect(
        _("Sources"),
        list(source_titles),
        format_func=lambda source_id: _(source_titles.get(source_id, source_id)),
        key=choice_key(f"{key}_sources"),
        placeholder=_("All sources"),
    )
    years = st.slider(
        _("Years (delivery, or order when not yet delivered)"),
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
    titles = "; ".join(_(title) for title in sources["title"].to_list())
    return _("Sources: {titles}. SIPRI data: Source: SIPRI Arms Transfers Database.").format(
        titles=titles or _("no transfer register loaded")
    )


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


SEIZURE_SOURCES = N_(
    "Source: field documentation of seized and recovered materiel as loaded (reporting entity and "
    "source document on every record)."
)


# --- words on screen ------------------------------------------------------------------------


def date_input_format() -> str:
    """The order a date picker shows a date in for the reader's language."""
    return "DD/MM/YYYY" if language() == "fr" else "YYYY/MM/DD"


def embargo_names(clearance: Classification) -> dict[str, str]:
    """Embargo id -> "Target year (imposing resolution)" in the reader's language."""
    return labels.embargo_labels(queries.embargo_timeline(clearance))


def _translated_config(config: object, column: str) -> object:
    if config is None:
        return {"label": labels.column_label(column), "help": labels.column_help(column)}
    if isinstance(config, str):
        return translate(config)
    if isinstance(config, dict):
        config = dict(config)
        config["label"] = (
            translate(config["label"]) if config.get("label") else labels.column_label(column)
        )
        if config.get("help"):
            config["help"] = translate(config["help"])
        elif config.get("help") is None:
            config["help"] = labels.column_help(column)
        type_config = config.get("type_config")
        if isinstance(type_config, dict) and type_config.get("display_text"):
            config["type_config"] = {
                **type_config,
                "display_text": translate(type_config["display_text"]),
            }
    return config


def table_config(frame: pl.DataFrame, column_config: dict | None = None) -> dict:
    """A column configuration naming every column of the frame in the reader's words: the
    page's own settings, translated, and the catalogue's label for every other column."""
    column_config = column_config or {}
    config = {}
    for column in frame.columns:
        given = column_config.get(column)
        if given is None and column in column_config:
            config[column] = None  # hidden by the page
            continue
        shown = _translated_config(given, column)
        if (
            isinstance(shown, dict)
            and (shown.get("type_config") or {}).get("type") in ("date", "datetime")
            and frame.schema[column] == pl.String
        ):
            # A date column that says "open-ended" where no date is set is text now.
            shown = {"label": shown["label"], "help": shown.get("help")}
        if frame.schema[column] == pl.Date and (
            isinstance(shown, str) or (isinstance(shown, dict) and not shown.get("type_config"))
        ):
            # A date as a date: the table would show a date column with "00:00:00".
            label, help_text = (
                (shown, None) if isinstance(shown, str) else (shown.get("label"), shown.get("help"))
            )
            shown = st.column_config.DateColumn(label, help=help_text)
        config[column] = shown
    return config


def show_table(
    frame: pl.DataFrame,
    column_config: dict | None = None,
    embargoes: dict[str, str] | None = None,
    keep: tuple[str, ...] = (),
    **options,
):
    """st.dataframe of the frame in the reader's words: values labelled (vocabularies, country
    codes, embargo ids, "—" for none, "open-ended" for no end), every column named from the
    label catalogue. Columns in `keep` stay as stored (links are built from them). The labelled
    table is made once per content, clearance and language and kept for every session
    (dashboard.render_cache): most page runs show tables an earlier run showed."""
    lookups = _lookups(frame)

    def labelled() -> pl.DataFrame:
        return empty_dates_as_missing(
            labels.label_values(frame, embargoes, keep=keep, lookups=lookups), keep
        )

    if frame.height > render_cache.LAZY_ROWS:
        shown = labelled()
        return st.dataframe(shown, column_config=table_config(shown, column_config), **options)
    key = (
        "table",
        viewer_clearance(),
        language(),
        render_cache.key_of(frame),
        render_cache.key_of(embargoes or {}),
        keep,
        render_cache.key_of(lookups),
    )

    def make() -> tuple[tuple, int]:
        shown = labelled()
        table = render_cache.arrow_table(shown)
        return (table, shown.clear()), table.nbytes

    table, columns = _tables.get(key, make)
    # Streamlit hides the index of a polars frame; the Arrow table keeps pandas' index.
    options.setdefault("hide_index", True)
    return st.dataframe(table, column_config=table_config(columns, column_config), **options)


# The tables shown, as Arrow, by content, clearance and language (show_table).
_tables = render_cache.Kept(max_entries=256, max_bytes=32 * 2**20)


def empty_dates_as_missing(frame: pl.DataFrame, keep: tuple[str, ...] = ()) -> pl.DataFrame:
    """Date columns with an empty cell as text, "—" where empty: the table would show an empty
    date as "None". Full date columns stay dates (sorted and shown as dates). On screen only:
    downloads keep date cells."""
    replaced = [
        pl.col(name)
        .dt.strftime("%Y-%m-%d" if dtype == pl.Date else "%Y-%m-%d %H:%M:%S")
        .fill_null(labels.MISSING)
        for name, dtype in frame.schema.items()
        if name not in keep and dtype in (pl.Date, pl.Datetime) and frame[name].null_count()
    ]
    return frame.with_columns(replaced) if replaced else frame


SOURCE_COLUMNS = ("source_id", "source")
# Columns of source titles: each title is a message of the catalogue (`source_title`).
TITLE_COLUMNS = ("title", "source_title")


def _lookups(frame: pl.DataFrame) -> dict[str, dict[str, str]]:
    """Words for id columns whose words are in the warehouse: source ids as source titles (and
    titles translated)."""
    found = {column: {} for column in TITLE_COLUMNS if column in frame.columns}
    present = [column for column in SOURCE_COLUMNS if column in frame.columns]
    if not present:
        return found
    registry = queries.source_registry(viewer_clearance())
    titles = dict(zip(registry["source_id"], registry["title"], strict=True))
    return found | {
        column: titles
        for column in present
        if frame.schema[column] in (pl.String, pl.Categorical, pl.Enum)
    }


def deliveries_in_words(
    frame: pl.DataFrame, clearance: Classification | None = None
) -> pl.DataFrame:
    """Deliveries matched across registers (screening_deliveries) as a person reads them: the
    items as one number where the reports agree and as a range where they differ, and every
    report of the delivery in one cell ("Source (export): 12; Source (import): 14"); the
    sources' titles as the viewer (of `clearance`, by default the page's) may read them
    (written column-wise: dashboard.columnwise_words)."""
    registry = queries.source_registry(clearance or viewer_clearance())
    titles = dict(zip(registry["source_id"], registry["title"], strict=True))
    return columnwise_words.deliveries_in_words(frame, titles)


# What a register's year shows instead of a number when it has none to give.
NO_NUMBER = ("not_reported", "not_covered", "state_not_existing")


def register_reporting_grid(frame: pl.DataFrame) -> pl.DataFrame:
    """A register's word on a country's imports, year by year (register_reporting), as a grid:
    one row per register, one column per year, each cell the distinct deliveries, "0 (nil)" for
    a nil report, or "—" where the register did not cover the year or no report was filed (a
    missing report is never a zero); "!" marks a year the state did not exist."""
    registry = queries.source_registry(viewer_clearance())
    titles = dict(zip(registry["source_id"], registry["title"], strict=True))

    def cell(reporting: str, deliveries: int) -> str:
        if reporting in NO_NUMBER:
            return labels.MISSING
        if reporting == "nil_report":
            return _("0 (nil)")
        if reporting == "data_problem":
            return f"{format_number(deliveries)} !"
        return format_number(deliveries)

    grid: dict[str, dict[str, str]] = {}
    for row in frame.iter_rows(named=True):
        register = translate(titles.get(row["source_id"], row["source_id"]))
        grid.setdefault(register, {})[str(row["year"])] = cell(row["reporting"], row["deliveries"])
    years = sorted({str(year) for year in frame["year"].to_list()})
    return pl.DataFrame(
        [{_("Register"): register, **cells} for register, cells in grid.items()],
        schema={_("Register"): pl.String, **dict.fromkeys(years, pl.String)},
    )


def spreadsheet_safe_labelled_csv(
    frame: pl.DataFrame, embargoes: dict[str, str] | None = None
) -> str:
    """A download's CSV in the reader's words: labelled headers and values, formula-safe."""
    return spreadsheet_safe_csv(labels.labelled_frame(frame, embargoes, lookups=_lookups(frame)))


def long_date(day: dt.date | None) -> str:
    return format_date(day)
