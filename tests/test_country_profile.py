"""Country profile and briefing packs on a small fixture warehouse loaded through the real ingest:
Somalia's two embargoes from the reference data, three invented deliveries, four seized item lines
(one strictly confidential) and two trace requests. The exact figures are asserted in the query
layer, on the page (AppTest), in the PDF (text read back with pypdf, a page rendered to PNG with
pypdfium2) and in the slides (python-pptx), with the classification marking on every page."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
from pathlib import Path

import pypdf
import pypdfium2
import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest
from support import write_csv

from dashboard import profile, queries
from dashboard.briefing import briefing_pack
from demo.seizures import SEIZURE_COLUMNS
from demo.transfers import SIPRI_NEW_HEADER
from embargo import audit
from embargo.classification import Classification
from embargo.cli import main, operator_name
from embargo.config import DASHBOARD_APP
from ingest.files import ingest_files

TODAY = dt.date(2026, 11, 1)
ARTIFACTS = Path(__file__).resolve().parent / "artifacts" / "briefing"

# Invented deliveries: deal, supplier, recipient, delivery year, number, TIV per unit.
DEALS = [
    ("301", "Italy", "Somalia", 1989, 10, 0.5),  # before the 1992 embargo: TIV 5.0
    ("302", "United States", "Somalia", 2015, 4, 1.0),  # during it: TIV 4.0
    ("303", "Turkiye", "Somalia", 2024, 20, 0.1),  # during the 2023 embargo: TIV 2.0
    ("304", "Italy", "Kenya", 2015, 7, 1.0),  # another country: never counted
]


def seizure_line(event_id, day, town, lat, lon, **item):
    line = {
        "event_id": event_id,
        "event_date": day,
        "date_precision": "day",
        "country_iso3": item.pop("country", "SOM"),
        "location_name": town,
        "latitude": lat,
        "longitude": lon,
        "location_precision": "exact",
        "context": "seizure",
        "reporting_entity": "Test Panel",
        "source_document": "TEST/2024/7",
        "source_paragraph": item.pop("paragraph", "12"),
        "quantity": 1,
        "unit": "items",
        "classification": "restricted",
    }
    line.update(item)
    return line


SEIZURES = [
    # 2016, under the 1992 embargo: one rifle made before it, one after (fresh).
    seizure_line(
        "S-1",
        "2016-05-01",
        "Mogadishu",
        2.04,
        45.34,
        item_kind="weapon",
        weapon_category="assault_rifle",
        model="AKM",
        country_of_manufacture="RUS",
        year_of_manufacture=1985,
    ),
    seizure_line(
        "S-1",
        "2016-05-01",
        "Mogadishu",
        2.04,
        45.34,
        item_kind="weapon",
        weapon_category="assault_rifle",
        model="Type 56-1",
        serial_number="56-777",
        country_of_manufacture="CHN",
        year_of_manufacture=2010,
    ),
    # 2024, under the 2023 embargo: a lot of rounds made before it, marked confidential.
    seizure_line(
        "S-2",
        "2024-03-01",
        "Kismayo",
        -0.36,
        42.55,
        item_kind="ammunition",
        calibre="7.62x39mm",
        headstamp_factory="10",
        headstamp_year=2022,
        lot_number="L-1",
        country_of_manufacture="BGR",
        quantity=500,
        unit="rounds",
        classification="confidential",
        paragraph="14",
    ),
    # Strictly confidential: only the operator sees it.
    seizure_line(
        "S-3",
        "2024-06-01",
        "Baidoa",
        3.11,
        43.65,
        item_kind="weapon",
        weapon_category="pistol",
        country_of_manufacture="TUR",
        year_of_manufacture=2020,
        classification="strictly_confidential",
    ),
    # Another country: never counted.
    seizure_line(
        "K-1",
        "2020-01-01",
        "Nairobi",
        -1.29,
        36.82,
        country="KEN",
        item_kind="weapon",
        weapon_category="pistol",
        year_of_manufacture=2019,
    ),
]
TRACE_HEADER = [
    "trace_id", "event_id", "serial_number", "requesting_entity", "addressed_to", "date_sent",
    "date_response", "status", "last_legal_recipient_iso3", "last_legal_recipient_entity",
    "transfer_year", "diversion_point", "transfer_ref", "notes",
]  # fmt: skip
TRACES = [
    ["T-1", "S-1", "56-777", "Test Panel", "CHN", "2016-06-01", "2016-09-01", "responded",
     "ETH", "", "2011", "", "", ""],
    ["T-2", "S-2", "", "Test Panel", "BGR", "2024-04-01", "", "pending", "", "", "", "", "", ""],
]  # fmt: skip

FINDING_HEADER = [
    "finding_id", "panel", "document_symbol", "document_date", "paragraph", "annex",
    "finding_type", "target_iso3", "involved_states", "involved_entities", "summary",
    "related_event_ids", "related_serials", "confidence", "classification",
]  # fmt: skip
FINDINGS = [  # invented findings under invented symbols
    ["F-1", "un-al-shabaab-2023", "TEST/2024/7", "2024-10-01", "45", "", "violation", "SOM",
     "", "", "Rifles delivered to an armed group.", "", "", "confirmed", "confidential"],
    ["F-2", "un-somalia-1992", "TEST/2016/3", "2016-09-30", "", "12", "diversion", "SOM",
     "", "", "Stockpile diverted.", "", "", "probable", ""],
    ["F-3", "un-drc-2003", "TEST/2016/4", "2016-06-30", "8", "", "violation", "COD",
     "", "", "Another country.", "", "", "confirmed", ""],
]  # fmt: skip
PARTY = """
    <{kind}>
      <DATAID>{data_id}</DATAID>
      <VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>{name}</FIRST_NAME>
      <UN_LIST_TYPE>{list_type}</UN_LIST_TYPE>
      <REFERENCE_NUMBER>{reference}</REFERENCE_NUMBER>
      <LISTED_ON>{listed_on}</LISTED_ON>
    </{kind}>"""
SANCTIONS_LIST = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<CONSOLIDATED_LIST dateGenerated="2025-11-20T23:00:09.067Z">\n  <INDIVIDUALS>'
    + PARTY.format(kind="INDIVIDUAL", data_id=1, name="TEST PERSON", list_type="Somalia",
                   reference="SOi.901", listed_on="2010-04-12")
    + PARTY.format(kind="INDIVIDUAL", data_id=2, name="OTHER PERSON", list_type="DRC",
                   reference="CDi.901", listed_on="2012-12-31")
    + "\n  </INDIVIDUALS>\n  <ENTITIES>"
    + PARTY.format(kind="ENTITY", data_id=3, name="TEST GROUP", list_type="Somalia",
                   reference="SOe.901", listed_on="2012-02-17")
    + "\n  </ENTITIES>\n</CONSOLIDATED_LIST>\n"
)  # fmt: skip
UCDP_HEADER = [
    "id", "year", "type_of_violence", "conflict_name", "side_a", "side_b", "where_prec",
    "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "country", "date_prec",
    "date_start", "date_end", "deaths_civilians", "best", "high", "low", "source_article",
]  # fmt: skip


def ucdp_event(event_id, day, country, best, lat=2.04, lon=45.34):
    return [event_id, day[:4], "2", "", "Side A", "Side B", "1", "Town", "", "", lat, lon,
            country, "1", day, day, "0", best, best, best, "Test article"]  # fmt: skip


CONFLICT_EVENTS = [
    ucdp_event("9001", "2016-03-01", "Somalia", 4),
    ucdp_event("9002", "2024-05-01", "Somalia", 10),
    ucdp_event("9003", "2024-05-01", "Kenya", 7, -1.29, 36.82),  # another country
]

OPERATOR = Classification.STRICTLY_CONFIDENTIAL
SCOPE = queries.ProfileScope("SOM")


@pytest.fixture(scope="module")
def db(tmp_path_factory, warehouse):
    folder = tmp_path_factory.mktemp("country_profile")
    path = folder / "w.duckdb"
    shutil.copy(warehouse, path)
    write_csv(folder / "seizures.csv", SEIZURE_COLUMNS, SEIZURES)
    write_csv(
        folder / "deliveries.csv",
        SIPRI_NEW_HEADER,
        [
            [
                deal,
                supplier,
                recipient,
                "M-113",
                "APC",
                "Other",
                year - 1,
                "No",
                number,
                "No",
                year,
                "No",
                "New",
                "",
                unit,
                round(unit * number, 3),
                "No",
            ]
            for deal, supplier, recipient, year, number, unit in DEALS
        ],
    )
    write_csv(folder / "traces.csv", TRACE_HEADER, TRACES)
    write_csv(folder / "findings.csv", FINDING_HEADER, FINDINGS)
    (folder / "consolidated.xml").write_text(SANCTIONS_LIST, encoding="utf-8")
    write_csv(folder / "ged.csv", UCDP_HEADER, CONFLICT_EVENTS)
    names = ["seizures.csv", "deliveries.csv", "traces.csv", "findings.csv", "consolidated.xml"]
    reports = ingest_files(path, [folder / name for name in [*names, "ged.csv"]])
    assert [(r.format, r.rows_loaded, r.rows_rejected) for r in reports] == [
        ("seizures", 5, 0),
        ("sipri", 4, 0),
        ("traces", 2, 0),
        ("poe-findings", 3, 0),
        ("un-sanctions-list", 3, 0),
        ("ucdp-ged", 3, 0),
    ], reports
    return path


@pytest.fixture
def on_db(db, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(db))
    return db


EXPECTED_OPERATOR_FIGURES = [
    ("UN arms embargoes on record", "2"),
    ("In force on 1 Nov 2026", "1"),
    ("Changes recorded, with resolutions", "15"),
    ("Registered deliveries (all registers, each counted once)", "3"),
    ("SIPRI TIV delivered (millions)", "11.0"),
    ("Seizure events documented", "3"),
    ("Item lines documented", "4"),
    ("Dated items made after an embargo began", "1 of 4 (25%)"),
    ("Trace requests answered", "1 of 2"),
    ("Panel findings", "2"),
    ("Listed individuals and entities", "1 and 1"),
    ("Conflict events (fatalities)", "2 (14)"),
]


def test_key_figures_for_the_operator(on_db):
    data = profile.gather(OPERATOR, SCOPE, TODAY)
    assert [(f.label, f.value) for f in profile.key_figures(data)] == EXPECTED_OPERATOR_FIGURES
    assert data.highest_classification is Classification.STRICTLY_CONFIDENTIAL
    assert data.synthetic_titles == []


def test_a_confidential_viewer_never_sees_the_strictly_confidential_line(on_db):
    data = profile.gather(Classification.CONFIDENTIAL, SCOPE, TODAY)
    figures = dict((f.label, f.value) for f in profile.key_figures(data))
    assert figures["Seizure events documented"] == "2"
    assert figures["Item lines documented"] == "3"
    assert figures["Dated items made after an embargo began"] == "1 of 3 (33%)"
    assert data.highest_classification is Classification.CONFIDENTIAL
    assert data.seized["category"].rows() == [
        ("assault_rifle", 2, 2.0, 0.0),
        ("ammunition", 1, 0.0, 500.0),
    ]


def test_a_public_viewer_sees_the_public_register_and_no_field_documentation(on_db):
    data = profile.gather(Classification.PUBLIC, SCOPE, TODAY)
    assert data.seizure_totals["item_lines"] == 0
    assert data.tracing.is_empty()
    assert int(data.imports_by_year["deliveries"].sum()) == 3  # SIPRI data are public
    assert data.highest_classification is Classification.PUBLIC


def test_imports_before_and_during_each_embargo(on_db):
    around = queries.imports_around_embargoes(OPERATOR, "SOM", TODAY)
    # the trade register alone, then all registers together (each delivery once); a compiled
    # register that records nothing in covered years says none (a real zero)
    assert around.select(
        "embargo_id", "period", "source_id", "reporting", "deliveries", "items", "tiv"
    ).rows() == [
        ("un-somalia-1992", "before", "sipri_trade_register", "reported", 1, 10.0, 5.0),
        ("un-somalia-1992", "before", None, "reported", 1, 10.0, None),
        ("un-somalia-1992", "during", "sipri_trade_register", "reported", 1, 4.0, 4.0),
        ("un-somalia-1992", "during", None, "reported", 1, 4.0, None),
        ("un-al-shabaab-2023", "before", "sipri_trade_register", "none_recorded", 0, 0.0, None),
        ("un-al-shabaab-2023", "before", None, "none_recorded", 0, 0.0, None),
        ("un-al-shabaab-2023", "during", "sipri_trade_register", "reported", 1, 20.0, 2.0),
        ("un-al-shabaab-2023", "during", None, "reported", 1, 20.0, None),
    ]


def test_year_range_limits_the_records(on_db):
    data = profile.gather(OPERATOR, queries.ProfileScope("SOM", 2020, 2026), TODAY)
    figures = dict((f.label, f.value) for f in profile.key_figures(data))
    assert figures["Item lines documented"] == "2"
    assert figures["Registered deliveries (all registers, each counted once)"] == "1"
    assert figures["Trace requests answered"] == "0 of 1"
    assert figures["UN arms embargoes on record"] == "2"  # the history is always whole


def pdf_pages(data: bytes) -> list[pypdf.PageObject]:
    return list(pypdf.PdfReader(io.BytesIO(data)).pages)


FIGURE_LINES = [f"{label} {value}" for label, value in EXPECTED_OPERATOR_FIGURES]


def test_pdf_pack_has_title_figures_images_citations_and_marking_on_every_page(on_db):
    data = briefing_pack(OPERATOR, SCOPE, "pdf", TODAY)
    pages = pdf_pages(data)
    texts = [page.extract_text() for page in pages]
    assert "Somalia (SOM): arms embargo briefing" in texts[0]
    assert "Classification of the most sensitive data\nincluded: STRICTLY CONFIDENTIAL" in texts[0]
    assert "synthetic" not in texts[0].lower()  # no demo data in this warehouse
    figures = texts[1]
    assert "Key figures" in figures
    for line in FIGURE_LINES:
        assert line in figures, line
    assert sum(len(page.images) for page in pages) >= 4  # timeline, imports, map, items
    everything = "\n".join(texts)
    assert "[4] SIPRI Arms Transfers Database: trade registers: file deliveries.csv" in " ".join(
        everything.split()
    )
    assert (
        "[6] Documents cited by the seizure records (symbol, paragraphs): TEST/2024/7 paras 12, 14."
        in " ".join(everything.split())
    )
    assert "S/RES/733 (1992); S/RES/751 (1992); S/RES/1519 (2003)" in " ".join(everything.split())
    for number, text in enumerate(texts, start=1):
        assert text.startswith("STRICTLY CONFIDENTIAL"), number
        assert text.rstrip().endswith("STRICTLY CONFIDENTIAL"), number


def test_pdf_page_renders_to_an_image(on_db):
    data = briefing_pack(OPERATOR, SCOPE, "pdf", TODAY)
    document = pypdfium2.PdfDocument(data)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for index in (0, 2):  # the title page and the embargo history with its timeline
        image = document[index].render(scale=1.5).to_pil().convert("L")
        image.save(ARTIFACTS / f"som-page-{index + 1}.png")
        dark = sum(count for value, count in enumerate(image.histogram()) if value < 128)
        assert dark > 2000, f"page {index + 1} looks blank"
    document.close()


def test_slides_have_title_figures_images_citations_and_marking_on_every_slide(on_db):
    data = briefing_pack(Classification.CONFIDENTIAL, SCOPE, "pptx", TODAY)
    deck = Presentation(io.BytesIO(data))
    slides = list(deck.slides)

    def texts(slide) -> list[str]:
        return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]

    assert "Somalia (SOM): arms embargo briefing" in texts(slides[0])
    # the bottom line up front, as in the PDF: the summary, then the key figures
    assert "Summary" in texts(slides[1])
    summary = next(text for text in texts(slides[1]) if text.startswith("• "))
    assert summary.splitlines()[0] == (
        "• Somalia: Al-Shabaab and non-state actors 2023 (S/RES/2713 (2023)): In force. "
        "Last resolution on record: S/RES/2776 (2025) (2025-03)."
    )
    table = next(shape.table for shape in slides[2].shapes if shape.has_table)
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Figure", "Value", "Sources"]
    figures = {row[0]: row[1] for row in rows[1:]}
    assert figures["Item lines documented"] == "3"
    assert figures["Dated items made after an embargo began"] == "1 of 3 (33%)"
    assert figures["SIPRI TIV delivered (millions)"] == "11.0"
    assert all(row[2].startswith("[") for row in rows[1:])
    pictures = [shape for slide in slides for shape in slide.shapes if shape.shape_type == 13]
    assert len(pictures) >= 4
    sources = "\n".join(text for slide in slides for text in texts(slide) if "[1] " in text)
    assert "[1] UN Security Council resolutions, by symbol: S/RES/733 (1992)" in sources
    assert "file seizures.csv" in "\n".join(
        text for slide in slides for text in texts(slide) if text.startswith("[")
    )
    for number, slide in enumerate(slides, start=1):
        assert texts(slide).count("CONFIDENTIAL") == 2, number  # top and bottom


def test_cli_writes_pdf_and_pptx_as_the_operator(on_db, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("EMBARGO_CLEARANCE", raising=False)
    for suffix in ("pdf", "pptx"):
        out = tmp_path / f"som.{suffix}"
        argv = ["export", "briefing", "--target", "som", "--from", "2020", "--to", "2026"]
        assert main([*argv, "--db", str(on_db), "--out", str(out)]) == 0
        captured = capsys.readouterr()
        assert f"wrote {out}" in captured.out
        # Progress on standard error, plain lines when it is not a terminal.
        assert captured.err.splitlines() == [
            "export: [0/3] reading the figures, drawing the charts and maps",
            f"export: [1/3] writing the {'PDF' if suffix == 'pdf' else 'slides'}",
            f"export: [2/3] writing som.{suffix}",
            "export: [3/3] done",
        ]
    text = " ".join(page.extract_text() for page in pdf_pages((tmp_path / "som.pdf").read_bytes()))
    assert "Registered transfers, seized materiel and tracing: 2020–2026." in " ".join(text.split())
    assert "Item lines documented 2" in text
    assert text.count("STRICTLY CONFIDENTIAL") >= 2 * len(
        pdf_pages((tmp_path / "som.pdf").read_bytes())
    )
    assert Presentation(str(tmp_path / "som.pptx")).slides
    # Each pack written is in the audit trail: the operator, the file and its SHA-256.
    rows = [row for row in audit.read() if row.action == "export"]
    assert [(row.user_name, row.target) for row in reversed(rows)] == [
        (operator_name(), str((tmp_path / f"som.{suffix}").resolve())) for suffix in ("pdf", "pptx")
    ]
    for row, suffix in zip(reversed(rows), ("pdf", "pptx"), strict=True):
        written = (tmp_path / f"som.{suffix}").read_bytes()
        assert row.detail["sha256"] == audit.sha256_of(written)
        assert row.detail["bytes"] == len(written)
        assert (row.detail["export"], row.detail["format"]) == ("briefing", suffix)
        assert (row.detail["country_iso3"], row.detail["year_from"], row.detail["year_to"]) == (
            "SOM",
            2020,
            2026,
        )
        assert row.detail["clearance"] == "strictly_confidential"


def test_pack_at_a_lower_classification_holds_only_data_at_or_below_it(
    on_db, tmp_path, capsys, monkeypatch
):
    monkeypatch.delenv("EMBARGO_CLEARANCE", raising=False)
    out = tmp_path / "som-public.pdf"
    argv = ["export", "briefing", "--target", "som", "--classification", "public"]
    assert main([*argv, "--db", str(on_db), "--out", str(out)]) == 0
    capsys.readouterr()
    pages = pdf_pages(out.read_bytes())
    text = " ".join(page.extract_text() for page in pages)
    # marked public on every page; the field documentation (above public) is left out
    assert text.count("PUBLIC") >= 2 * len(pages)
    assert "CONFIDENTIAL" not in text
    assert "Item lines documented 0" in text
    [row] = [row for row in audit.read() if row.action == "export"][:1]
    assert row.detail["clearance"] == "public"
    monkeypatch.setenv("EMBARGO_CLEARANCE", "restricted")
    argv = ["export", "briefing", "--target", "som", "--classification", "confidential"]
    assert main([*argv, "--db", str(on_db), "--out", str(tmp_path / "x.pdf")]) == 2
    assert capsys.readouterr().err == (
        "embargo: --classification confidential is above the operator's clearance (restricted, "
        "EMBARGO_CLEARANCE)\n"
    )


def test_cli_refuses_unknown_targets_and_formats(on_db, tmp_path, capsys):
    assert main(["export", "briefing", "--target", "XXX", "--db", str(on_db),
                 "--out", str(tmp_path / "x.pdf")]) == 2  # fmt: skip
    assert "unknown country code XXX" in capsys.readouterr().err
    assert main(["export", "briefing", "--target", "SOM", "--db", str(on_db),
                 "--out", str(tmp_path / "x.docx")]) == 2  # fmt: skip
    assert "--out must end in .pdf or .pptx" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_export_passes_its_warehouse_to_the_query_layer_and_leaves_the_environment(
    db, tmp_path, monkeypatch
):
    """The pack is read from --db, given to the query layer as an argument: the environment,
    which names another warehouse here (one that does not exist), is the same after the export,
    and the pack holds the records of --db."""
    elsewhere = tmp_path / "elsewhere.duckdb"
    monkeypatch.setenv("EMBARGO_DB", str(elsewhere))
    monkeypatch.delenv("EMBARGO_CLEARANCE", raising=False)
    before = dict(os.environ)
    out = tmp_path / "som.pdf"
    assert main(["export", "briefing", "--target", "SOM", "--db", str(db),
                 "--out", str(out)]) == 0  # fmt: skip
    assert dict(os.environ) == before
    assert not elsewhere.exists()
    text = " ".join(page.extract_text() for page in pdf_pages(out.read_bytes()))
    assert "Item lines documented 4" in text


def test_demo_pack_says_it_includes_synthetic_data(demo_warehouse, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))
    deck = Presentation(io.BytesIO(briefing_pack(OPERATOR, SCOPE, "pptx", TODAY)))
    slides = list(deck.slides)
    title = " ".join(shape.text_frame.text for shape in slides[0].shapes if shape.has_text_frame)
    assert "Includes synthetic demo data (" in title
    for slide in slides:
        notes = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert "Includes synthetic demo data: not facts, never to be cited." in notes


def open_profile(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page("screens/country_profile.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_profile_page_shows_the_country_from_the_query_parameter(on_db, monkeypatch):
    monkeypatch.delenv("EMBARGO_CLEARANCE", raising=False)
    at = open_profile({"country": "som"})
    assert [t.value for t in at.title] == ["Country profile"]
    assert at.selectbox[0].value == "SOM"
    metrics = {m.label: m.value for m in at.metric}
    today = dt.date.today()
    expected = dict(EXPECTED_OPERATOR_FIGURES)
    expected[f"In force on {today.day} {today:%b %Y}"] = expected.pop("In force on 1 Nov 2026")
    assert metrics == expected
    assert [s.value for s in at.subheader] == [
        "Current measures",
        "Embargo history",
        "Registered imports before and during each embargo",
        "Seized and recovered materiel",
        "Fresh supply",
        "Tracing outcomes",
        "Panel findings",
        "Listed parties",
        "Brokering licences",
        "Conflict events",
        "Briefing pack",
    ]
    captions = [c.value for c in at.caption]
    assert any("seizures.csv, loaded" in c and "4 records" in c for c in captions)
    assert any("deliveries.csv, loaded" in c for c in captions)
    assert any("traces.csv, loaded" in c for c in captions)
    assert any("S/RES/" in c and "embargo_changes.csv" in c for c in captions)
    assert any("findings.csv, loaded" in c and "2 records" in c for c in captions)
    assert any("consolidated.xml, loaded" in c and "2 records" in c for c in captions)
    assert any("ged.csv, loaded" in c and "2 records" in c for c in captions)
    assert at.query_params["country"] == "SOM"


def test_profile_page_follows_the_viewer_clearance_and_the_country_list(on_db, monkeypatch):
    monkeypatch.setenv("EMBARGO_CLEARANCE", "confidential")
    at = open_profile()
    at.selectbox[0].set_value("SOM").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Item lines documented"] == "3"
    assert any("Most sensitive data shown: Confidential." in c.value for c in at.caption)
    at.selectbox[0].set_value("LBY").run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Item lines documented"] == "0"
    assert any("No seized or recovered item" in i.value for i in at.info)
    assert at.query_params["country"] == "LBY"


def test_profile_page_offers_the_pack_through_the_audited_download(on_db, monkeypatch):
    """The pack is built when asked for and offered by the audited button (which puts the file's
    SHA-256 in the audit trail); a pack prepared for another format is not offered."""
    monkeypatch.setenv("EMBARGO_CLEARANCE", "restricted")
    at = open_profile({"country": "SOM"})
    assert at.get("download_button") == []
    at.button(key="profile_pack_prepare").click().run()
    assert not at.exception, [e.value for e in at.exception]
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Download the briefing pack (PDF)"]
    at.radio(key="profile_pack_format").set_value("pptx").run()
    assert at.get("download_button") == []


def test_the_packs_listed_parties_name_their_embargo_not_the_list_code(on_db):
    from dashboard.briefing.content import _parties_section
    from embargo.i18n import using

    data = profile.gather(OPERATOR, SCOPE, TODAY)
    with using("fr"):
        [table] = _parties_section(data, ()).items
    assert table.columns[3] == "Embargo"
    assert sorted({row[3] for row in table.rows}) == [
        "Somalie : Al-Chabab et acteurs non étatiques 2023 (S/RES/2713 (2023))"
    ]
    assert "Somalia" not in {row[3] for row in table.rows}
