"""UN Security Council Consolidated List (format un-sanctions-list) through the real path: build a
warehouse, `ingest_files`, then exact rows in sanctioned_parties, sanctioned_party_names and
rejects. Hostile XML (billion laughs, external entity) is refused with one message naming the file
and leaves the warehouse unchanged; a newer list replaces a party, an older one changes nothing;
the shared list loads all its parties, and loading it again (or a re-saved copy) changes nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest
from support import copy_of, query

from embargo.warehouse import connect_read_only, run_checks
from ingest.files import ingest_files
from ingest.formats import detect_format
from ingest.sources.sanctions_list import normalize_party_name, script_of

SHARED_LIST = Path("data/un_sc_sanctions/un_sc_consolidated_list_2025-11-20.xml")

INDIVIDUAL = """
    <INDIVIDUAL>
      <DATAID>{data_id}</DATAID>
      <VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>{first}</FIRST_NAME>
      <SECOND_NAME>{second}</SECOND_NAME>
      <UN_LIST_TYPE>{list_type}</UN_LIST_TYPE>
      <REFERENCE_NUMBER>{reference}</REFERENCE_NUMBER>
      <LISTED_ON>{listed_on}</LISTED_ON>
      <NAME_ORIGINAL_SCRIPT>{original}</NAME_ORIGINAL_SCRIPT>
      <COMMENTS1>Invented test record.</COMMENTS1>
      <DESIGNATION><VALUE>Commander </VALUE><VALUE>Treasurer</VALUE></DESIGNATION>
      <NATIONALITY><VALUE>{nationality}</VALUE><VALUE>Rwanda</VALUE></NATIONALITY>
      <LAST_DAY_UPDATED><VALUE>2016-10-13</VALUE><VALUE>2020-08-19</VALUE></LAST_DAY_UPDATED>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>{alias}</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Le Général</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
    </INDIVIDUAL>"""
ENTITY = """
    <ENTITY>
      <DATAID>900</DATAID>
      <VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>{name}</FIRST_NAME>
      <UN_LIST_TYPE>CAR</UN_LIST_TYPE>
      <REFERENCE_NUMBER>CFe.901</REFERENCE_NUMBER>
      <LISTED_ON>2014-06-30</LISTED_ON>
      <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY>
        <ALIAS_NAME>Front Synthétique</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>FS/NALU</ALIAS_NAME></ENTITY_ALIAS>
    </ENTITY>"""


def individual(**values: str) -> str:
    defaults = {
        "data_id": "100", "first": "JOHN", "second": "EXAMPLE", "list_type": "DRC",
        "reference": "CDi.901", "listed_on": "2012-12-31", "original": "جون", "alias": "JOHNNY",
        "nationality": "Democratic Republic of the Congo",
    }  # fmt: skip
    return INDIVIDUAL.format(**{**defaults, **values})


def consolidated_list(
    individuals: list[str], entities: list[str], generated: str = "2025-11-20T23:00:09.067Z"
) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<CONSOLIDATED_LIST dateGenerated="{generated}">\n'
        f"  <INDIVIDUALS>{''.join(individuals)}\n  </INDIVIDUALS>\n"
        f"  <ENTITIES>{''.join(entities)}\n  </ENTITIES>\n</CONSOLIDATED_LIST>\n"
    )


FIXTURE = consolidated_list(
    [
        individual(),  # line 4: a DRC individual with original script and aliases
        individual(  # line 21: nationality that maps to nothing first, then Rwanda
            reference="CDi.902", first="MARIE", second="TEST", nationality="na", original="",
            alias="MARIE T",
        ),
        individual(reference="XXi.903", list_type="Narnia"),  # line 38: unknown regime
        individual(reference="CDi.904", listed_on="2012-13-45"),  # line 55: not a date
        individual(first="JOHN"),  # line 72: CDi.901 again in the same list
        individual(reference="GBi.905", list_type="GB"),  # line 89: regime without embargo
    ],
    [ENTITY.format(name="FRONT SYNTHETIQUE (FS)")],  # line 108
)  # fmt: skip

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<CONSOLIDATED_LIST dateGenerated="2025-11-20T23:00:09.067Z"><INDIVIDUALS><INDIVIDUAL>
<FIRST_NAME>&lol3;</FIRST_NAME><UN_LIST_TYPE>DRC</UN_LIST_TYPE>
<REFERENCE_NUMBER>CDi.999</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<CONSOLIDATED_LIST dateGenerated="2025-11-20T23:00:09.067Z"><INDIVIDUALS><INDIVIDUAL>
<FIRST_NAME>&secret;</FIRST_NAME><UN_LIST_TYPE>DRC</UN_LIST_TYPE>
<REFERENCE_NUMBER>CDi.998</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""


@pytest.fixture
def db(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh warehouse per test (the reference build is copied, not rebuilt)."""
    return copy_of(warehouse, tmp_path_factory.mktemp("sanctions"))


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_fixture_list_loads_parties_names_and_rejects(db: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "list.xml", FIXTURE)
    assert detect_format(path) == "un-sanctions-list"
    [report] = ingest_files(db, [path])
    assert (report.status, report.rows_read, report.rows_loaded, report.rows_rejected) == (
        "loaded", 7, 4, 3
    )  # fmt: skip
    assert query(
        db,
        "SELECT reference_number, party_type, name, name_original_script, un_list_type, "
        "embargo_id, listed_on::VARCHAR, last_updated_on::VARCHAR, nationality, "
        "nationality_iso3, designation, list_date::VARCHAR, classification, source_row_number "
        "FROM sanctioned_parties ORDER BY reference_number",
    ) == [
        ("CDi.901", "individual", "JOHN EXAMPLE", "جون", "DRC", "un-drc-2003", "2012-12-31",
         "2020-08-19", "Democratic Republic of the Congo; Rwanda", "COD", "Commander; Treasurer",
         "2025-11-20", "public", 4),
        ("CDi.902", "individual", "MARIE TEST", None, "DRC", "un-drc-2003", "2012-12-31",
         "2020-08-19", "na; Rwanda", "RWA", "Commander; Treasurer", "2025-11-20", "public", 21),
        ("CFe.901", "entity", "FRONT SYNTHETIQUE (FS)", None, "CAR",
         "un-car-armed-groups-2024", "2014-06-30", None, None, None, None, "2025-11-20",
         "public", 108),
        ("GBi.905", "individual", "JOHN EXAMPLE", "جون", "GB", None, "2012-12-31",
         "2020-08-19", "Democratic Republic of the Congo; Rwanda", "COD", "Commander; Treasurer",
         "2025-11-20", "public", 89),
    ]  # fmt: skip
    assert query(
        db,
        "SELECT name_kind, name, name_normalized, quality, script FROM sanctioned_party_names "
        "WHERE reference_number IN ('CDi.901', 'CFe.901') ORDER BY reference_number, name_kind, "
        "name",
    ) == [
        ("alias", "JOHNNY", "johnny", "Good", "latin"),
        ("alias", "Le Général", "le general", "Low", "latin"),
        ("listed_name", "JOHN EXAMPLE", "john example", None, "latin"),
        ("original_script", "جون", "جون", None, "arabic"),
        ("alias", "FS/NALU", "fs nalu", "f.k.a.", "latin"),
        ("alias", "Front Synthétique", "front synthetique", "a.k.a.", "latin"),
        ("listed_name", "FRONT SYNTHETIQUE (FS)", "front synthetique fs", None, "latin"),
    ]
    assert query(
        db, "SELECT row_number, column_name, value, reason FROM rejects ORDER BY row_number"
    ) == [
        (38, "UN_LIST_TYPE", "Narnia", "regime 'Narnia' of XXi.903 is in none of "
         "data/reference/un_list_types.csv, un_sanctions_regime_periods.csv (by list type) and "
         "un_sanctions_regimes.csv (by reference prefix): add it there with the arms embargo it "
         "falls under (or none)"),
        (55, "LISTED_ON", "2012-13-45", "LISTED_ON 2012-13-45 is not a date"),
        (72, "REFERENCE_NUMBER", "CDi.901", "reference number CDi.901 already given on line 4 "
         "of this list: a party is listed once"),
    ]  # fmt: skip
    con = connect_read_only(db)
    try:
        assert all(check.passed for check in run_checks(con))
    finally:
        con.close()


def warehouse_state(db: Path) -> tuple:
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    counts = query(
        db,
        "SELECT (SELECT count(*) FROM load_log), (SELECT count(*) FROM rejects), "
        "(SELECT count(*) FROM sanctioned_parties), (SELECT count(*) FROM sanctioned_party_names)",
    )
    return digest, counts


@pytest.mark.parametrize(
    ("text", "kind"),
    [(BILLION_LAUGHS, "billion laughs"), (EXTERNAL_ENTITY, "external entity")],
)
def test_hostile_xml_is_refused_and_the_warehouse_is_unchanged(
    db: Path, tmp_path: Path, text: str, kind: str
) -> None:
    path = write(tmp_path, "hostile.xml", text)
    before = warehouse_state(db)
    [report] = ingest_files(db, [path], "un-sanctions-list")
    assert report.status == "refused", kind
    assert report.message.startswith("hostile.xml: refused, the XML declares a document type")
    assert "Nothing was loaded" in report.message
    assert warehouse_state(db) == before
    # detected by its root element, then refused all the same
    [detected] = ingest_files(db, [path])
    assert (detected.format, detected.status) == ("un-sanctions-list", "refused")
    assert warehouse_state(db) == before


def test_not_a_list_and_broken_xml_are_refused(db: Path, tmp_path: Path) -> None:
    other = write(tmp_path, "other.xml", '<?xml version="1.0"?><ROOT><A/></ROOT>')
    [report] = ingest_files(db, [other], "un-sanctions-list")
    assert report.message == (
        "other.xml: the root element is ROOT, not CONSOLIDATED_LIST: not a UN Security Council "
        "Consolidated List"
    )
    broken = write(tmp_path, "broken.xml", FIXTURE[:500])
    [report] = ingest_files(db, [broken])
    assert report.status == "refused"
    assert report.message.startswith("broken.xml: not well-formed XML (line ")


def test_newer_list_replaces_a_party_and_older_list_changes_nothing(
    db: Path, tmp_path: Path
) -> None:
    first = write(tmp_path, "2025.xml", consolidated_list([individual()], []))
    newer = consolidated_list(
        [individual(second="EXAMPLE-RENAMED", alias="J.E.")], [], "2026-01-05T10:00:00Z"
    )
    older = consolidated_list([individual(second="OLD")], [], "2024-01-01T10:00:00Z")
    ingest_files(db, [first])
    [report] = ingest_files(db, [write(tmp_path, "2026.xml", newer)])
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (1, 1, 0)
    [report] = ingest_files(db, [write(tmp_path, "2024.xml", older)])
    assert (report.status, report.rows_loaded) == ("loaded", 1)
    assert query(db, "SELECT name, list_date::VARCHAR, file_name FROM sanctioned_parties") == [
        ("JOHN EXAMPLE-RENAMED", "2026-01-05", "2026.xml")
    ]
    assert query(
        db, "SELECT name FROM sanctioned_party_names WHERE name_kind = 'alias' ORDER BY name"
    ) == [("J.E.",), ("Le Général",)]


def test_party_name_key_and_script() -> None:
    assert normalize_party_name("  Forces Démocratiques  Alliées-Armée ") == (
        "forces democratiques alliees armee"
    )
    assert [script_of(name) for name in ("ADF", "قصي", "Лев", "朝鲜", "조선", "123")] == [
        "latin", "arabic", "cyrillic", "han", "hangul", "other"
    ]  # fmt: skip


def test_shared_list_loads_every_party_once(db: Path, shared_dir: Path, tmp_path: Path) -> None:
    path = shared_dir / SHARED_LIST
    [report] = ingest_files(db, [path])
    assert (report.format, report.status, report.rows_read, report.rows_loaded) == (
        "un-sanctions-list", "loaded", 1000, 1000
    )  # fmt: skip
    assert report.rows_rejected == 0
    assert query(
        db, "SELECT party_type, count(*) FROM sanctioned_parties GROUP BY ALL ORDER BY 1"
    ) == [("entity", 273), ("individual", 727)]
    assert query(
        db,
        "SELECT count(DISTINCT reference_number), min(listed_on)::VARCHAR, "
        "max(listed_on)::VARCHAR, count(*) FILTER (WHERE embargo_id IS NULL) "
        "FROM sanctioned_parties",
    ) == [(1000, "2000-04-12", "2025-10-17", 10)]
    assert query(
        db,
        "SELECT un_list_type, count(*) FROM sanctioned_parties GROUP BY ALL "
        "ORDER BY 2 DESC, 1",
    ) == [
        ("Al-Qaida", 341), ("DPRK", 155), ("Taliban", 140), ("Iran", 121), ("Iraq", 76),
        ("DRC", 53), ("Libya", 30), ("Somalia", 24), ("CAR", 15), ("Haiti", 11), ("Yemen", 11),
        ("GB", 10), ("SouthSudan", 8), ("Sudan", 5),
    ]  # fmt: skip
    # every embargo the regimes link to exists
    assert query(
        db,
        "SELECT count(*) FROM sanctioned_parties WHERE embargo_id IS NOT NULL "
        "AND embargo_id NOT IN (SELECT embargo_id FROM embargoes)",
    ) == [(0,)]
    before = warehouse_state(db)
    [again] = ingest_files(db, [path])
    assert again.status == "already_loaded"
    # the same list re-saved (other bytes, same content and date) changes no party either
    copy = tmp_path / "resaved.xml"
    copy.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    [resaved] = ingest_files(db, [copy])
    assert (resaved.status, resaved.rows_loaded, resaved.rows_rejected) == ("loaded", 1000, 0)
    after = query(
        db,
        "SELECT count(*), count(*) FILTER (WHERE file_name = 'resaved.xml') "
        "FROM sanctioned_parties",
    )
    assert after == [(1000, 0)]
    assert warehouse_state(db)[1][0][2:] == before[1][0][2:]


def test_un_list_types_name_existing_embargoes(db: Path) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        missing = con.execute(
            "SELECT un_list_type FROM un_list_types WHERE embargo_id IS NOT NULL "
            "AND embargo_id NOT IN (SELECT embargo_id FROM embargoes)"
        ).fetchall()
    finally:
        con.close()
    assert missing == []
