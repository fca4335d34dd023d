"""Reference texts in the reader's language: the embargo changes, the targets and the sources'
citations are written in English and in French in the committed reference tables, and a French
pack, page or download reads the French; a text that exists only in English (a resolution
recorded without a French summary) is shown marked as English, never silently mixed in."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sqlite3

import polars as pl
import pytest
from pptx import Presentation
from support import copy_of, query

from dashboard import queries
from dashboard.briefing import briefing_pack
from embargo import embargo_changes
from embargo.classification import Classification
from embargo.cli import main
from embargo.config import REFERENCE_DIR
from embargo.i18n import using
from embargo.i18n.labels import in_reader_language, label_values, reference_value

CAR_EMBARGOES = ("un-car-2013", "un-car-armed-groups-2024")


def reference_rows(file_name: str) -> list[dict]:
    with (REFERENCE_DIR / file_name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(pack: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(pack)
    return flat(" ".join(page.get_textpage().get_text_range() for page in document))


def car_pack(warehouse, language: str, pack_format: str = "pdf") -> bytes:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EMBARGO_DB", str(warehouse))
        with using(language):
            return briefing_pack(
                Classification.STRICTLY_CONFIDENTIAL,
                queries.ProfileScope("CAF", 1950, 2100),
                pack_format,
                dt.date(2026, 11, 1),
            )


@pytest.fixture(scope="module")
def packs(demo_warehouse) -> dict[str, str]:
    return {language: pdf_text(car_pack(demo_warehouse, language)) for language in ("en", "fr")}


def english_reference_texts() -> list[str]:
    """Every English reference text a CAR pack shows: the changes of its embargoes, their
    targets that are not a State's plain name, the citations of the embargo table."""
    changes = [
        row["change"]
        for row in reference_rows("embargo_changes.csv")
        if row["embargo_id"] in CAR_EMBARGOES
    ]
    targets = [
        row["target_name"]
        for row in reference_rows("embargoes.csv")
        if row["embargo_id"] in CAR_EMBARGOES and row["target_kind"] != "state"
    ]
    citations = [
        row["citation"]
        for row in reference_rows("sources.csv")
        if row["source_id"] == "un_security_council_embargoes"
    ]
    return changes + targets + citations


def test_every_reference_row_has_its_french():
    for file_name, column in (
        ("embargo_changes.csv", "change"),
        ("embargoes.csv", "target_name"),
        ("sources.csv", "citation"),
        ("sources.csv", "notes"),
        ("un_list_types.csv", "regime_name"),
    ):
        rows = reference_rows(file_name)
        missing = [row[column] for row in rows if row[column] and not row[f"{column}_fr"]]
        assert missing == [], file_name
    changes = {row["change"]: row["change_fr"] for row in reference_rows("embargo_changes.csv")}
    assert changes["travel ban and asset freeze added"] == (
        "interdiction de voyager et gel des avoirs ajoutés"
    )


def test_the_english_pack_shows_every_english_reference_text(packs):
    """The check below can fail: the same extraction finds each English text in the English
    pack."""
    texts = english_reference_texts()
    assert len(texts) == 12
    assert [text for text in texts if flat(text) not in packs["en"]] == []


def test_the_french_pack_shows_no_english_reference_text(packs):
    assert [text for text in english_reference_texts() if flat(text) in packs["fr"]] == []
    assert "(en anglais)" not in packs["fr"]


def test_the_french_pack_has_the_french_change_target_and_citation(packs):
    text = packs["fr"]
    # the change table: date, embargo, kind, resolution, the change in French
    assert (
        "2013-12-05 République centrafricaine Imposé S/RES/2127 (2013) "
        "imposé : République centrafricaine"
    ) in text
    assert "S/RES/2134 (2014) interdiction de voyager et gel des avoirs ajoutés" in text
    # the non-State target, in the Embargoes table
    assert (
        "RCA : groupes armés 2024 Groupes armés et personnes associées opérant en République "
        "centrafricaine S/RES/2745 (2024)"
    ) in text
    assert "Résolution du Conseil de sécurité, par cote, p. ex. S/RES/1970 (2011)" in text
    # the documents the seizure records cite: paragraphs and annexes in French
    assert "SYN/2021/012 par. 155, 72, 97, annexe 13, annexe 2, annexe 24" in text
    assert re.search(r"\bannex \d", text) is None
    assert re.search(r"\bannex \d", packs["en"]) is not None


def test_the_french_slides_have_the_french_changes(demo_warehouse):
    deck = Presentation(io.BytesIO(car_pack(demo_warehouse, "fr", "pptx")))
    cells = [
        cell.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    ]
    assert "imposé : République centrafricaine" in cells
    assert "Groupes armés et personnes associées opérant en République centrafricaine" in cells
    assert "imposed: Central African Republic" not in cells


def test_a_text_without_its_french_is_marked_as_english():
    frame = pl.DataFrame(
        {
            "change": ["renewed", "changed by a recorded resolution", None],
            "change_fr": ["renouvelé", None, None],
        }
    )
    with using("fr"):
        assert in_reader_language(frame).to_dict(as_series=False) == {
            "change": ["renouvelé", "changed by a recorded resolution (en anglais)", None]
        }
        assert label_values(frame)["change"].to_list() == [
            "renouvelé",
            "changed by a recorded resolution (en anglais)",
            "—",
        ]
        assert reference_value({"change": "renewed", "change_fr": ""}, "change") == (
            "renewed (en anglais)"
        )
    with using("en"):
        assert in_reader_language(frame).to_dict(as_series=False) == {
            "change": ["renewed", "changed by a recorded resolution", None]
        }


@pytest.fixture
def db(warehouse, tmp_path):
    return copy_of(warehouse, tmp_path)


def test_a_recorded_resolution_reads_in_french_or_is_marked_english(db, capsys):
    code = main(
        ["embargoes", "change", "add", "un-south-sudan-2018", "--kind", "renewal",
         "--resolution", "S/RES/2802 (2026)", "--date", "2026-05-29", "--runs-to", "2027-05-31",
         "--summary", "measures renewed for a year",
         "--summary-fr", "mesures renouvelées pour un an", "--db", str(db)]
    )  # fmt: skip
    assert code == 0, capsys.readouterr()
    code = main(
        ["embargoes", "change", "add", "un-libya-2011", "--kind", "change", "--resolution",
         "S/RES/2805 (2026)", "--date", "2026-03-02", "--summary", "inspections extended",
         "--db", str(db)]
    )  # fmt: skip
    assert code == 0, capsys.readouterr()
    [(day,)] = query(
        db,
        "SELECT CAST(CAST(recorded_at AS DATE) AS VARCHAR) FROM embargo_change_records "
        "WHERE resolution = 'S/RES/2802 (2026)'",
    )
    assert query(
        db,
        "SELECT embargo_id, change, change_fr FROM embargo_changes WHERE change_seq > 1000 "
        "ORDER BY embargo_id",
    ) == [
        (
            "un-libya-2011",
            f"changed: inspections extended (recorded by {operator()} on {day})",
            None,
        ),
        (
            "un-south-sudan-2018",
            f"renewed to 2027-05-31: measures renewed for a year (recorded by {operator()} on "
            f"{day})",
            f"renouvelé jusqu’au 2027-05-31 : mesures renouvelées pour un an (enregistré par "
            f"{operator()} le {day})",
        ),
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EMBARGO_DB", str(db))
        recent = queries.embargo_changes_since(Classification.PUBLIC, dt.date(2026, 1, 1))
    with using("fr"):
        shown = label_values(recent.select("resolution", "change", "change_fr"))
    assert shown.columns == ["resolution", "change"]
    assert dict(shown.iter_rows()) == {
        "S/RES/2802 (2026)": f"renouvelé jusqu’au 2027-05-31 : mesures renouvelées pour un an "
        f"(enregistré par {operator()} le {day})",
        "S/RES/2805 (2026)": f"changed: inspections extended (recorded by {operator()} on {day}) "
        "(en anglais)",
    }


def operator() -> str:
    from embargo.cli import operator_name

    return operator_name()


def test_a_store_made_before_french_summaries_gains_the_column(tmp_path):
    store = tmp_path / "access.sqlite"
    with sqlite3.connect(store) as con:
        con.execute(
            embargo_changes.RECORDS_SCHEMA.replace(",\n    summary_fr TEXT", "")
        )  # the table as it was made before
        con.execute(
            "INSERT INTO embargo_change_records VALUES ('R0001', 'un-libya-2011', 'change', "
            "'S/RES/2805 (2026)', '2026-03-02', NULL, 'inspections extended', 'cli:ops', "
            "'2026-03-03T10:00:00+00:00')"
        )
    [old] = embargo_changes.list_records(store)
    assert (old.record_id, old.summary, old.summary_fr) == ("R0001", "inspections extended", None)
    new = embargo_changes.add_record(
        "un-south-sudan-2018", "change", "S/RES/2806 (2026)", "2026-03-04", "panel renewed",
        "cli:ops", path=store, summary_fr="groupe d’experts reconduit",
        now=dt.datetime(2026, 3, 5, tzinfo=dt.UTC),
    )  # fmt: skip
    assert new.summary_fr == "groupe d’experts reconduit"
    assert [record.summary_fr for record in embargo_changes.list_records(store)] == [
        None,
        "groupe d’experts reconduit",
    ]
