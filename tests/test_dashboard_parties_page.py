"""The Parties page, an item's chain on Item search, and the links to parties, run headless with
AppTest against a real warehouse (tests/support/party_chain.py): a party opened by any of its
names, found by the search in any script, its records exactly; the supply chains filtered; what a
restricted viewer does not see; the pages in French."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.party_chain import HOUTHIS, party_chain_warehouse

from embargo.config import DASHBOARD_APP
from embargo.i18n import set_language


@pytest.fixture(scope="module")
def chain_db(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("parties_page")
        patch.setenv("EMBARGO_ACCESS_DB", str(folder / "access.sqlite"))
        patch.setenv("EMBARGO_AUTH_MODE", "local")
        return party_chain_warehouse(warehouse, folder)


@pytest.fixture(autouse=True)
def served(chain_db: Path, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(chain_db))
    yield
    set_language("en")


def open_page(page: str, language: str = "en", **params: str) -> AppTest:
    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=90)
    set_language(language)
    at.session_state["access_language"] = language
    at.run()
    at.switch_page(page)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def tables(at: AppTest) -> list[list[list]]:
    return [d.value.values.tolist() for d in at.dataframe]


PARTIES = "screens/parties.py"


def test_a_party_opened_by_a_linked_name(chain_db: Path) -> None:
    at = open_page(PARTIES, party=HOUTHIS)
    assert [h.value for h in at.header] == ["THE HOUTHIS"]
    assert at.caption[0].value == "Listed party · YEe.901"
    assert [(m.label, m.value) for m in at.metric] == [
        ("Registered deliveries", "3"),
        ("Items seized from it", "3"),
        ("Findings naming it", "2"),
        ("Screening verdicts", "2"),
    ]
    names, listing, deliveries, seized, brokering, findings, verdicts, chain = tables(at)[:8]
    assert names == [
        ["THE HOUTHIS", "Listed name", "Latin", "—"],
        ["الحوثيون", "Name in original script", "Arabic", "—"],
        ["Ansar Allah", "Alias", "Latin", "a.k.a."],
        ["Mouvement Ansar Allah (Partisans de Dieu)", "Alias", "Latin", "a.k.a."],
        [HOUTHIS, "Name linked to it (confirmed)", "—", "—"],
    ]
    assert listing[0][:2] == ["YEe.901", "Yemen sanctions"]
    assert [row[:4] for row in deliveries] == [
        ["Recipient", 2021, "Iran", HOUTHIS],
        ["Recipient", 2022, "Iran", HOUTHIS],
        ["Supplier", 2023, HOUTHIS, "UIC (Somalia)*"],
    ]
    assert [row[1:2] + row[8:9] for row in seized] == [
        ["E-H1", "HX-001"],
        ["E-H1", "HX-002"],
        ["E-H2", "HX-900"],
    ]
    assert [(row[0], row[2], row[3], row[5]) for row in brokering] == [
        ("End user", "Issued", "BRK-H1", "Red Sea Shipping Ltd")
    ]
    assert [row[1:3] + row[6:7] for row in findings] == [
        ["S/2024/0101", "12", "Ansar Allah"],
        ["S/2024/0101", "14", "THE HOUTHIS"],
    ]
    assert [row[0] for row in verdicts] == [2021, 2022]
    assert [row[5] for row in verdicts] == ["Outside the window", "Partial overlap"]
    # its chain: each edge's records with their sources
    # (left to right: suppliers, the Houthis as intermediary, their recipient, items, findings)
    assert [row[:4] for row in chain] == [
        ["Bulgaria", "Brokered", "Red Sea Shipping Ltd", 2022],
        ["Iran", "Registered delivery", "THE HOUTHIS", 2021],
        ["Iran", "Registered delivery", "THE HOUTHIS", 2022],
        ["Red Sea Shipping Ltd", "Brokered", "THE HOUTHIS", 2022],
        ["THE HOUTHIS", "Registered delivery", "UIC (Somalia)*", 2023],
        ["THE HOUTHIS", "Seized from", "E-H1 2023-05-10 Yemen", 2023],
        ["THE HOUTHIS", "Seized from", "E-H1 2023-05-10 Yemen", 2023],
        ["THE HOUTHIS", "Seized from", "E-H2 2024-01-15 Yemen", 2024],
        ["THE HOUTHIS", "Names", "F-1 · S/2024/0101", 2024],
        ["THE HOUTHIS", "Names", "F-2 · S/2024/0101", 2024],
        ["E-H1 2023-05-10 Yemen", "Cites", "F-1 · S/2024/0101", 2024],
        ["E-H2 2024-01-15 Yemen", "Cites", "F-2 · S/2024/0101", 2024],
    ]


def test_the_search_finds_a_party_by_any_name_in_any_script() -> None:
    at = open_page(PARTIES)
    at.text_input(key="parties_search").input("الحوث").run()
    found = at.selectbox(key="parties_found")
    assert found.options == ["THE HOUTHIS (Listed party) — matched “الحوثيون”"]
    assert at.query_params["party"] == "YEe.901"
    assert [h.value for h in at.header] == ["THE HOUTHIS"]
    at.text_input(key="parties_search").input("lra").run()
    assert at.selectbox(key="parties_found").options == [
        "LORD'S RESISTANCE ARMY (Listed party) — matched “LRA”",
        "LRA (Uganda)* (Actor (not listed)) — matched “LRA (Uganda)*”",
    ]
    # the listed LRA: its link is a candidate nobody confirmed, so no record counts for it
    assert [m.value for m in at.metric] == ["0", "0", "0", "0"]
    at.selectbox(key="parties_found").set_value("LRA (Uganda)*").run()
    assert [m.value for m in at.metric] == ["1", "1", "1", "0"]
    at.text_input(key="parties_search").input("Narnia").run()
    assert [w.value for w in at.warning] == ["No party has a name containing “Narnia”."]


def test_supply_chains_filtered_by_country_regime_and_years() -> None:
    at = open_page(PARTIES)
    assert len(tables(at)) == 1  # the supply-chain tab: every party
    assert len(tables(at)[0]) == 16
    at.multiselect(key="chains_countries").set_value(["CAF"]).run()
    assert [row[:3] for row in tables(at)[0]] == [
        ["LRA (Uganda)*", "Seized from", "E-L1 2022-08-02 Central African Republic"],
        ["LRA (Uganda)*", "Names", "F-3 · S/2023/0202"],
        ["E-L1 2022-08-02 Central African Republic", "Cites", "F-3 · S/2023/0202"],
    ]
    at.multiselect(key="chains_countries").set_value([]).run()
    # the regimes of the parties that records name through a confirmed link
    assert at.multiselect(key="chains_regimes").options == ["Yemen sanctions"]
    at.multiselect(key="chains_regimes").set_value(["Yemen"]).run()
    assert len(tables(at)[0]) == 12
    assert "LRA (Uganda)*" not in {row[0] for row in tables(at)[0]}
    at.multiselect(key="chains_regimes").set_value([]).run()
    at.slider(key="chains_years").set_value((2023, 2023)).run()
    assert [row[:3] for row in tables(at)[0]] == [
        ["THE HOUTHIS", "Registered delivery", "UIC (Somalia)*"],
        ["THE HOUTHIS", "Seized from", "E-H1 2023-05-10 Yemen"],
        ["THE HOUTHIS", "Seized from", "E-H1 2023-05-10 Yemen"],
    ]
    at.multiselect(key="chains_countries").set_value(["CAF"]).run()
    assert [i.value for i in at.info][-1] == (
        "No record links a party to a supplier, an item or a finding with these filters."
    )


def test_a_restricted_viewer_sees_no_confidential_record(monkeypatch) -> None:
    monkeypatch.setenv("EMBARGO_CLEARANCE", "restricted")
    at = open_page(PARTIES, party="YEe.901")
    assert [m.value for m in at.metric] == ["3", "2", "1", "2"]
    chain = tables(at)[7]
    assert "E-H2 2024-01-15 Yemen" not in {row[2] for row in chain} | {row[0] for row in chain}
    assert "F-2 · S/2024/0101" not in {row[2] for row in chain}
    assert len(chain) == 9


def test_an_items_chain_on_item_search() -> None:
    at = open_page("screens/item_search.py")
    at.text_input(key="item_search_text").input("HX-900").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="item_search_chain").options == ["HX-900 KBM Igla"]
    assert [row[:3] for row in tables(at)[-1]] == [
        ["Russia", "Registered delivery", "Yemen"],
        ["THE HOUTHIS", "Seized from", "E-H2 2024-01-15 Yemen"],
        ["Yemen", "Could explain", "E-H2 2024-01-15 Yemen"],
        ["E-H2 2024-01-15 Yemen", "Cites", "F-2 · S/2024/0101"],
    ]


def test_pages_naming_a_listed_party_link_to_it() -> None:
    at = open_page("screens/screening.py")
    [listed] = [d.value for d in at.dataframe if "party_page" in d.value.columns]
    assert listed["party_page"].tolist() == ["/parties?party=YEe.901"] * 2
    at = open_page("screens/findings.py")  # the newest finding first: F-1 or F-2, both 2024
    [named] = [d.value for d in at.dataframe if "party_page" in d.value.columns]
    assert named["party_page"].tolist() == ["/parties?party=YEe.901"]
    at = open_page("screens/country_profile.py", country="YEM")
    [listed] = [d.value for d in at.dataframe if "party_page" in d.value.columns]
    assert listed["party_page"].tolist() == ["/parties?party=YEe.901"]
    at = open_page("screens/links.py")
    [candidates] = [d.value for d in at.dataframe if "party_page" in d.value.columns]
    assert candidates["party_page"].tolist() == [
        "/parties?party=YEe.901",
        "/parties?party=CFe.902",
    ]


def test_the_page_in_french() -> None:
    at = open_page(PARTIES, "fr", party="YEe.901")
    assert at.title[0].value == "Parties"
    assert [m.label for m in at.metric] == [
        "Livraisons enregistrées",
        "Articles saisis auprès d’elle",
        "Conclusions la nommant",
        "Verdicts du contrôle",
    ]
    assert tables(at)[0][1] == ["الحوثيون", "Nom dans l’écriture d’origine", "Arabe", "—"]
    assert [row[1] for row in tables(at)[7]][-3:] == ["Nomme", "Cite", "Cite"]
    # the regime by its French name (un_list_types.regime_name_fr), the list's code beside it
    assert [m.value for m in at.markdown if m.value.startswith("**YEe.901**")] == [
        "**YEe.901**, inscrite le **28 février 2022** au titre du régime **Sanctions concernant "
        "le Yémen** (code de la liste : Yemen) ; toujours inscrite dans la dernière liste chargée "
        "(20 novembre 2025)."
    ]
    assert tables(at)[1][0][:2] == ["YEe.901", "Sanctions concernant le Yémen"]
    # the sightings' country by its French name; the supply chains' regimes in French
    assert [row[2] for row in tables(at)[7]][5:8] == ["E-H1 2023-05-10 Yémen"] * 2 + [
        "E-H2 2024-01-15 Yémen"
    ]
    assert at.multiselect(key="chains_regimes").options == ["Sanctions concernant le Yémen"]


def test_the_party_page_follows_an_as_known_on_day_but_for_deliveries(chain_db: Path) -> None:
    at = open_page(PARTIES, party=HOUTHIS)
    assert not [c.value for c in at.caption if "not as known on" in c.value]
    # a day before the chain was loaded: the list was not known, so the name is the armed group
    # of the alias table, with its registered deliveries (which have no versions) and nothing else
    at.date_input(key="known_on").set_value(dt.date(2025, 1, 31)).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [h.value for h in at.header] == [HOUTHIS]
    assert [(m.label, m.value) for m in at.metric] == [
        ("Registered deliveries", "3"),
        ("Items seized from it", "0"),
        ("Findings naming it", "0"),
        ("Screening verdicts", "0"),
    ]
    assert [c.value for c in at.caption if "not as known on" in c.value] == [
        "Registered deliveries (and their screening verdicts) and the names and aliases of the "
        "list are shown as the warehouse knows them now, not as known on 31 January 2025: the "
        "listing, seizure records, brokering records and findings are those known then.",
        "The supply chains' registered deliveries are shown as the warehouse knows them now, not "
        "as known on 31 January 2025: seizure records, brokering records, findings and listed "
        "parties are those known then.",
    ]
