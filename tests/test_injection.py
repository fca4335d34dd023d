"""Hostile text in every dashboard input: SQL injection, LIKE wildcards, escapes, unicode, NUL
bytes, very long strings and spreadsheet formulas typed into text inputs, sent as forged
selections for selectboxes and multiselects (as a tampered browser could), and passed to every
text parameter of the query layer. No page fails, nothing leaks (a search finds exactly what a
literal search finds), and the warehouse is unchanged (row counts and checksums of every table).

Every SQL text is a bound parameter: the query layer is the only code that talks to DuckDB, and
it passes literal SQL only (checked on its source below)."""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import inspect
import re
import typing
from pathlib import Path

import polars as pl
import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Multiselect
from support import page_of

from dashboard import queries
from embargo.classification import Classification
from embargo.config import DASHBOARD_APP, PROJECT_ROOT
from embargo.warehouse import connect_read_only

SQL_STRINGS = [
    "'; DROP TABLE transfers; --",
    "' OR '1'='1",
    "' OR 1=1 --",
    "') UNION SELECT * FROM load_log --",
    "%",
    "_",
    "%%",
    "A_",
    "\\",
    "\\'",
    '"',
    "$1",
    "?",
    "Ωμέγα 象 🚀 \u202eevil",
    "x" * 10_000,
    "AK\x00DROP",
    "\x00",
]
SPREADSHEET_STRINGS = ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)"]
HOSTILE = SQL_STRINGS + SPREADSHEET_STRINGS
# Forged selections cost a page run each: the most telling strings are shared out among the
# selectboxes and multiselects of each page, all sent at once.
FORGED = ["'; DROP TABLE transfers; --", "' OR '1'='1", "=cmd|' /C calc'!A0"]

# The sign-in form is no navigation page (app.py shows it in place of any page until someone
# signs in): test_the_sign_in_form_takes_hostile_text covers it.
PAGES = sorted(
    f"screens/{path.name}"
    for path in (PROJECT_ROOT / "dashboard" / "screens").glob("[!_]*.py")
    if path.name != "sign_in.py"
)
# Tabs that run only when open (key of the tab bar, tab): each is a view of its own.
LAZY_TABS = {
    "screens/embargo_regimes.py": ("regimes_view", ["Map on a date", "Country on a date",
                                                    "Episode detail"]),
    "screens/flows.py": ("flows_view", ["Flow map", "Table"]),
}  # fmt: skip
PAGE_VIEWS = [(page, None) for page in PAGES] + [
    (page, tab) for page, (_, tabs) in LAZY_TABS.items() for tab in tabs
]
ALL_LEVELS = Classification.parse("strictly_confidential")
TRIED: dict[str, int] = {}


def warehouse_state(path: Path) -> tuple[str, list[tuple]]:
    """The file's SHA-256 and the row count and checksum of every table."""
    con = connect_read_only(path)
    try:
        tables = [
            name
            for (name,) in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE NOT internal ORDER BY table_name"
            ).fetchall()
        ]
        sums = [con.execute(f"SELECT * FROM table_checksum('{t}')").fetchone() for t in tables]
    finally:
        con.close()
    return hashlib.sha256(path.read_bytes()).hexdigest(), sums


@pytest.fixture(scope="module")
def served(demo_warehouse):
    """The demo warehouse as the dashboard reads it, checked unchanged after every test."""
    before = warehouse_state(demo_warehouse)
    assert len(before[1]) > 20 and all(rows is not None for rows in before[1])
    yield demo_warehouse
    assert warehouse_state(demo_warehouse) == before


@pytest.fixture
def app(served, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(served))
    monkeypatch.setenv("EMBARGO_CLEARANCE", "strictly_confidential")

    return page_of


# --- the query layer passes literal SQL only -------------------------------------------------


def test_query_layer_sql_is_literal_and_only_it_talks_to_duckdb():
    """Every statement in the modules of dashboard/queries/ is a string literal (values go as
    parameters), and no other dashboard module imports duckdb."""
    calls, built = [], []
    for path in sorted((PROJECT_ROOT / "dashboard" / "queries").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # Module constants of fixed SQL text may be put into a statement (f"... {_FINDINGS} ...").
        fixed = {
            target.id
            for node in tree.body
            if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            for target in node.targets
            if isinstance(target, ast.Name)
        }

        def literal(node: ast.expr, fixed: set[str] = fixed) -> bool:
            if isinstance(node, ast.Constant):
                return isinstance(node.value, str)
            if isinstance(node, ast.JoinedStr):
                return all(
                    isinstance(part, ast.Constant)
                    or (isinstance(part.value, ast.Name) and part.value.id in fixed)
                    for part in node.values
                )
            return False

        module_calls = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None))
            in ("fetch", "execute", "sql", "query")
        ]
        calls += module_calls
        built += [
            f"{path.name}: {ast.unparse(call)[:80]}"
            for call in module_calls
            if call.args
            and not literal(call.args[0])
            and ast.unparse(call.args[0]) not in ("sql",)  # fetch's own cursor.execute(sql, ...)
        ]
    assert len(calls) > 40
    assert built == []
    others = [
        path.relative_to(PROJECT_ROOT).as_posix()
        for path in (PROJECT_ROOT / "dashboard").rglob("*.py")
        if path.parent.name != "queries"
        and re.search(r"^\s*(import duckdb|from duckdb)", path.read_text(encoding="utf-8"), re.M)
    ]
    assert others == []


def test_sql_objects_run_no_dynamic_sql():
    """No warehouse object turns a value into SQL text, except table_checksum (a table name,
    used by tests and checks, never by the dashboard)."""
    dynamic = [
        path.relative_to(PROJECT_ROOT).as_posix()
        for path in sorted((PROJECT_ROOT / "sql").rglob("*.sql"))
        if re.search(r"\b(query|query_table)\s*\(", path.read_text(encoding="utf-8"), re.I)
    ]
    assert dynamic == ["sql/macros/table_checksum.sql"]
    assert not [
        path.name
        for path in (PROJECT_ROOT / "dashboard" / "queries").glob("*.py")
        if "table_checksum" in path.read_text(encoding="utf-8")
    ]


# --- text inputs -----------------------------------------------------------------------------


def literal_item_search(facts: pl.DataFrame, text: str) -> list[str]:
    """What item_search must find, computed in Python: the text compared literally."""
    raw = text.strip(" ").lower()
    key = re.sub(r"[\t\n\f\r /.\-]", "", text).upper()
    if len(key) < 2:
        return []
    found = []
    for row in facts.iter_rows(named=True):
        headstamp = " ".join(
            str(part) for part in (row["headstamp_factory"], row["headstamp_year"]) if part
        )
        if (
            key in (row["serial_normalized"] or "\x01")
            or (row["markings"] is not None and raw in row["markings"].lower())
            or (row["lot_number"] is not None and raw in row["lot_number"].lower())
            or raw in headstamp.lower()
        ):
            found.append(row["item_line_uid"])
    return sorted(found)


def test_item_search_page_finds_literally(app, served):
    con = connect_read_only(served)
    try:
        facts = con.execute(
            "SELECT item_line_uid, serial_normalized, markings, lot_number, headstamp_factory, "
            "headstamp_year FROM seizure_item_facts"
        ).pl()
        real_serial = con.execute(
            "SELECT serial_number FROM seizure_item_facts WHERE serial_number IS NOT NULL "
            "ORDER BY item_line_uid LIMIT 1"
        ).fetchone()[0]
    finally:
        con.close()
    # Real terms (which must find something) with hostile text around them, then hostile text.
    searches = [real_serial, real_serial[:3] + "_", "' OR serial", *HOSTILE]
    at = app("screens/item_search.py")
    [search_box] = at.text_input
    for text in searches:
        search_box.set_value(text).run()
        assert not at.exception, (text[:40], [e.value for e in at.exception])
        expected = literal_item_search(facts, text)
        assert sorted(queries.item_search(ALL_LEVELS, text)["item_line_uid"]) == expected, text
        headers = [h.value for h in at.subheader if h.value.startswith("Sightings")]
        if len(text.strip()) >= 2 and expected:
            assert headers == [f"Sightings ({len(expected):,})"], text[:40]
        elif len(text.strip()) >= 2:
            assert headers == ["Sightings (0)"] and at.warning[-1].value.startswith("No docum")
    assert literal_item_search(facts, real_serial)  # the control found something
    TRIED["item search text"] = len(searches)


def pages_with_text_inputs() -> list[str]:
    """Pages that ask for typed text (directly, or through a shared widget of common.py)."""
    asks = re.compile(r"\b(text_input|text_area|chat_input)\(")
    if asks.search((PROJECT_ROOT / "dashboard" / "common.py").read_text(encoding="utf-8")):
        return PAGES
    return [page for page in PAGES if asks.search((DASHBOARD_APP.parent / page).read_text())]


def test_every_text_input_of_every_page_takes_hostile_text(app):
    inputs = 0
    for page in pages_with_text_inputs():
        at = app(page)
        for index in range(len(at.text_input)):
            inputs += 1
            for text in HOSTILE:
                at.text_input[index].set_value(text).run()
                assert not at.exception, (page, text[:40], [e.value for e in at.exception])
    TRIED["text inputs"] = inputs
    assert inputs >= 1


def test_the_sign_in_form_takes_hostile_text(served, monkeypatch):
    """Hostile user names and passwords are refused like any wrong sign-in, with no error."""
    monkeypatch.setenv("EMBARGO_DB", str(served))
    monkeypatch.setenv("EMBARGO_AUTH_MODE", "accounts")
    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=60)
    at.run()
    for text in HOSTILE:
        at.text_input(key="access_sign_in_name").input(text)
        at.text_input(key="access_sign_in_password").input(text)
        at.button[0].click().run()
        assert not at.exception, (text[:40], [e.value for e in at.exception])
        assert [title.value for title in at.title] == ["Sign in"]
    TRIED["sign-in texts"] = len(HOSTILE)


# --- forged selections -----------------------------------------------------------------------


def forge(widget, text: str) -> None:
    """Make the test client send `text` as the widget's value, as a tampered browser could."""
    state = WidgetState()
    state.id = widget.id
    if isinstance(widget, Multiselect):
        state.string_array_value.data[:] = [text]
    else:
        state.string_value = text
    widget.__class__ = type(
        f"Forged{type(widget).__name__}",
        (type(widget),),
        {"_widget_state": property(lambda self: state)},
    )


def frames(at: AppTest) -> list:
    """What the page shows: headings, figures and the shape of every table (table contents may
    differ between two runs: ties in an order, an example picked by any_value)."""
    return [
        [heading.value for heading in (*at.title, *at.subheader)],
        [(metric.label, metric.value) for metric in at.metric],
        [frame.value.shape for frame in at.dataframe],
    ]


@pytest.mark.parametrize(("page", "tab"), PAGE_VIEWS)
def test_forged_selections_are_ignored(app, page, tab):
    """A value that is not among a selectbox's or multiselect's options never reaches a query:
    the page shows what it shows by default, with no error."""
    at = app(page)
    if tab is not None:
        at.session_state[LAZY_TABS[page][0]] = tab
        at.run()
    if page.endswith("item_search.py"):
        at.text_input[0].set_value("AK").run()  # the serial selectbox appears with results
    widgets = [*at.selectbox, *at.multiselect]
    if not widgets:
        pytest.skip(f"{page} {tab or ''} has no selectbox or multiselect")
    # Streamlit drops a value that is not an option: a selectbox falls back to its default, a
    # multiselect to no selection. The page must show exactly that, and nothing more.
    for multiselect in at.multiselect:
        multiselect.set_value([])
    at.run()
    baseline = frames(at)
    # One run (pages with maps take seconds): the widgets share out the forged strings.
    widgets = [*at.selectbox, *at.multiselect]
    for index, widget in enumerate(widgets):
        forge(widget, FORGED[index % len(FORGED)])
    at.run()
    assert not at.exception, (page, [e.value for e in at.exception])
    assert frames(at) == baseline, page
    TRIED[f"forged selections on {page}" + (f" ({tab})" if tab else "")] = len(widgets)


# --- every text parameter of the query layer -------------------------------------------------


def hostile_arguments(function, texts: list[str]) -> tuple[dict, bool] | None:
    """Arguments for a query function with hostile text in every text parameter: the first of
    `texts` in a single-value parameter, all of them in a list or a filter field. Returns the
    arguments and whether a single-value parameter took text; None when nothing takes text."""
    hints = typing.get_type_hints(function)
    arguments, lists, scalars = {}, False, False
    for name, parameter in inspect.signature(function).parameters.items():
        kind = hints.get(name)
        if name == "clearance":
            arguments[name] = ALL_LEVELS
        elif kind in (str, str | None):
            arguments[name], scalars = texts[0], True
        elif kind == list[str]:
            arguments[name], lists = list(texts), True
        elif kind in (queries.TransferFilters, queries.ScreeningFilters, queries.SeizureFilters):
            fields = {
                field: tuple(texts)
                for field, value in kind().__dict__.items()
                if isinstance(value, tuple)
            }
            arguments[name], lists = kind(**fields), True
        elif kind is dt.date:
            arguments[name] = dt.date(2024, 1, 1)
        elif kind is float:
            arguments[name] = 1.0
        elif parameter.default is inspect.Parameter.empty:
            arguments[name] = 12 if kind is int else None
    return (arguments, scalars) if lists or scalars else None


def canonical(result: object) -> object:
    """A result as order-independent text, to compare two calls."""
    if isinstance(result, pl.DataFrame):
        return sorted(str(row) for row in result.rows())
    if isinstance(result, dict):
        return {key: canonical(value) for key, value in result.items()}
    return result


def test_every_query_function_binds_hostile_text(served, monkeypatch):
    """Hostile text in any text parameter runs as a value: no error, and the same result as an
    inert value that matches nothing (no code, id or serial in the warehouse is such a string;
    what a query returns for every country, such as a regime on listed parties everywhere,
    comes back for both)."""
    monkeypatch.setenv("EMBARGO_DB", str(served))
    functions = [
        function
        for name, function in inspect.getmembers(queries, inspect.isfunction)
        if function.__module__.startswith(f"{queries.__name__}.")
        and not name.startswith("_")
        and name != "item_search"  # compared with a literal search above
    ]
    calls = 0
    taking_text = set()
    for function in functions:
        inert = hostile_arguments(function, ["no such value"])
        if inert is None:
            continue
        taking_text.add(function.__name__)
        expected = canonical(function(**inert[0]))
        # A single-value parameter gets each string in turn; lists and filters get them all.
        batches = [[text] for text in HOSTILE] if inert[1] else [HOSTILE]
        for texts in batches:
            result = function(**hostile_arguments(function, texts)[0])
            calls += 1
            assert canonical(result) == expected, (function.__name__, texts[0][:40])
    assert {"embargo_detail", "item_trace_history", "embargoes_applicable", "transfers_table"} <= (
        taking_text
    )
    TRIED["query functions with text parameters"] = len(taking_text)
    TRIED["query calls"] = calls


def test_report_how_much_was_tried(capsys):
    with capsys.disabled():
        print(f"\nhostile strings: {len(HOSTILE)} ({len(FORGED)} forged as selections)")
        for what, count in TRIED.items():
            print(f"  {what}: {count}")
