"""Every dashboard page on the shared catalog shows exactly what it shows on a local file built from
the same data: the same titles, key figures and table sizes, with no exception; and a running
dashboard picks up a new snapshot without a restart."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import queries
from embargo.classification import Classification
from embargo.config import DASHBOARD_APP
from ingest.build import build_warehouse
from ingest.files import ingest_files

# The sign-in form is shown in place of a page; it is no page of its own.
PAGES = sorted(
    f"screens/{path.name}"
    for path in (DASHBOARD_APP.parent / "screens").glob("[!_]*.py")
    if path.name != "sign_in.py"
)


def page_summary(page: str) -> dict:
    app = AppTest.from_file(str(DASHBOARD_APP), default_timeout=90)
    app.run()
    if page != "screens/overview.py":
        app.switch_page(page)
        app.run()
    assert not app.exception, [e.value for e in app.exception]
    return {
        "titles": [t.value for t in app.title],
        "metrics": [(m.label, m.value) for m in app.metric],
        "tables": [len(frame.value) for frame in app.dataframe],
        "subheaders": [s.value for s in app.subheader],
    }


@pytest.mark.parametrize("page", PAGES)
def test_page_on_the_catalog_equals_the_page_on_a_local_file(
    page, demo_lake, demo_warehouse, monkeypatch
):
    monkeypatch.delenv("EMBARGO_CATALOG", raising=False)
    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))
    on_file = page_summary(page)
    monkeypatch.setenv("EMBARGO_CATALOG", demo_lake.catalog)
    on_catalog = page_summary(page)
    if page == "screens/audit.py":
        # The audit trail (kept outside the warehouse) grows with every page view, these too.
        on_catalog, on_file = on_catalog["titles"], on_file["titles"]
    assert on_catalog == on_file
    assert on_file, f"{page} shows a title"


@pytest.fixture
def dashboard_on_lake(lake, monkeypatch):
    """A built catalog that the query layer reads."""
    build_warehouse(lake)
    monkeypatch.setenv("EMBARGO_CATALOG", lake.catalog)
    return lake


def test_a_running_dashboard_reads_each_new_snapshot(dashboard_on_lake, seizure_file):
    lake, clearance = dashboard_on_lake, Classification.STRICTLY_CONFIDENTIAL
    before = queries.data_version(clearance).changed_at
    loads_before = len(queries.load_log(clearance))
    ingest_files(lake, [seizure_file(1)])
    assert len(queries.load_log(clearance)) == loads_before + 1
    assert queries.data_version(clearance).changed_at > before


def test_a_page_run_reads_one_snapshot_while_a_load_commits(dashboard_on_lake, seizure_file):
    lake, clearance = dashboard_on_lake, Classification.STRICTLY_CONFIDENTIAL
    with queries.one_snapshot_per_page():
        begun = queries.data_version(clearance)
        loads = int(queries.data_inventory(clearance)["files_loaded"].sum())
        ingest_files(lake, [seizure_file(1)])  # commits while the page is drawn
        # Read for the first time after the load, still from the snapshot the page began with.
        assert len(queries.load_log(clearance)) == loads
        assert queries.data_version(clearance) == begun
    assert queries.data_version(clearance).snapshot_id > begun.snapshot_id
    assert len(queries.load_log(clearance)) == loads + 1


def test_the_data_version_names_the_snapshot_read(dashboard_on_lake, monkeypatch, seizure_file):
    lake, clearance = dashboard_on_lake, Classification.STRICTLY_CONFIDENTIAL
    built = queries.data_version(clearance)
    ingest_files(lake, [seizure_file(1)])
    loaded = queries.data_version(clearance)
    assert loaded.snapshot_id > built.snapshot_id
    assert str(loaded).startswith(f"catalog snapshot {loaded.snapshot_id} of ")
    # Pinned to the build's snapshot, the dashboard reads the warehouse as it was then.
    monkeypatch.setenv("EMBARGO_AS_OF", str(built.snapshot_id))
    assert queries.data_version(clearance) == built
    assert "seizures" not in queries.load_log(clearance)["file_format"].to_list()
    monkeypatch.delenv("EMBARGO_AS_OF")
    assert queries.load_log(clearance)["file_format"].to_list().count("seizures") == 1
    # The sidebar of every page names the snapshot its figures are read from.
    app = AppTest.from_file(str(DASHBOARD_APP), default_timeout=90)
    app.run()
    sidebar = " ".join(caption.value for caption in app.sidebar.caption)
    assert f"Figures read from the {loaded}." in sidebar


def test_a_load_on_the_catalog_keeps_the_results_of_other_tables(
    dashboard_on_lake, seizure_file, queries_sent
):
    lake, clearance = dashboard_on_lake, Classification.STRICTLY_CONFIDENTIAL
    timeline = queries.embargo_timeline(clearance)
    loads_before = len(queries.load_log(clearance))
    sent = queries_sent
    sent.clear()  # from here on
    ingest_files(lake, [seizure_file(1)])
    assert queries.embargo_timeline(clearance).equals(timeline)
    assert sent == []  # from memory: the load's snapshot left the embargo tables as they were
    assert len(queries.load_log(clearance)) == loads_before + 1
    assert len(sent) == 1
    # A rebuild gives every table a new change id: nothing kept from before is taken for it.
    build_warehouse(lake)
    assert queries.embargo_timeline(clearance).equals(timeline)
    assert len(sent) == 2
