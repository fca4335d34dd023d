"""Parties and supply chains through the real loads, link decisions and warehouse macros: who a
party is (every name, in every script), what names it (a confirmed link counts, an unconfirmed
candidate does not), the chain's exact nodes, layers and edges with their records, the filters,
the clearance (a record above the viewer's clearance gives no edge), an item's own chain, and
`embargo parties`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.party_chain import HOUTHIS, LRA, party_chain_warehouse

from dashboard import queries, supply_chain
from embargo.classification import Classification
from embargo.cli import main

EVERYONE = Classification.parse("strictly_confidential")
RESTRICTED = Classification.parse("restricted")
PUBLIC = Classification.parse("public")
UIC = "UIC (Somalia)*"


@pytest.fixture(scope="module")
def db(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("chain")
        patch.setenv("EMBARGO_ACCESS_DB", str(folder / "access.sqlite"))
        patch.setenv("EMBARGO_AUTH_MODE", "local")
        return party_chain_warehouse(warehouse, folder)


@pytest.fixture
def reading(db: Path):
    with queries.reading_from(db):
        yield


def edges_of(frame) -> list[tuple]:
    """(from, to, kind, records) per edge."""
    return [
        (row["from_label"], row["to_label"], row["edge_kind"], len(row["record_id"]))
        for row in supply_chain.chain_edges(frame).iter_rows(named=True)
    ]


def chain(clearance=EVERYONE, **filters) -> list[tuple]:
    return edges_of(queries.supply_chain_edges(clearance, queries.ChainFilters(**filters)))


def test_who_a_party_is(reading) -> None:
    assert queries.party_names("YEe.901").select("name", "name_kind", "script").rows() == [
        ("THE HOUTHIS", "listed_name", "latin"),
        ("الحوثيون", "original_script", "arabic"),
        ("Ansar Allah", "alias", "latin"),
        ("Mouvement Ansar Allah (Partisans de Dieu)", "alias", "latin"),
        (HOUTHIS, "linked_name", None),
    ]
    # any name finds the party: a confirmed link's name (however spaced), a list alias, an actor
    assert queries.resolve_party("houthi rebels  (yemen)*") == "YEe.901"
    assert queries.resolve_party("ansar allah") == "YEe.901"
    assert queries.resolve_party("YEe.901") == "YEe.901"
    assert queries.resolve_party(LRA) == LRA  # the LRA's link is only a candidate
    assert queries.resolve_party("LRA") == "CFe.902"
    assert queries.resolve_party("Nobody at all") is None
    # the search: accents, case and scripts
    search = queries.party_search
    assert search(EVERYONE, "الحوث").select("party_key", "matched_name").rows() == [
        ("YEe.901", "الحوثيون")
    ]
    assert search(EVERYONE, "partisans de DIEU")["party_key"].to_list() == ["YEe.901"]
    assert search(EVERYONE, "  Partisans de Diéu ")["party_key"].to_list() == ["YEe.901"]
    assert search(EVERYONE, "lra").select("party_key", "party_kind").rows() == [
        ("CFe.902", "listed"),
        (LRA, "actor"),
    ]


def test_a_confirmed_link_counts_and_a_candidate_does_not(reading) -> None:
    deliveries = queries.party_deliveries(EVERYONE, "YEe.901")
    assert deliveries.select("party_role", "transfer_id", "recipient_name").rows() == [
        ("recipient", "sipri_trade_register:90201:2021", HOUTHIS),
        ("recipient", "sipri_trade_register:90201:2022", HOUTHIS),
        ("supplier", "sipri_trade_register:90204:2023", UIC),
    ]
    seized = queries.party_seized_items(EVERYONE, "YEe.901")
    assert seized.select("event_id", "serial_number", "seized_from", "classification").rows() == [
        ("E-H1", "HX-001", HOUTHIS, "restricted"),
        ("E-H1", "HX-002", HOUTHIS, "restricted"),
        ("E-H2", "HX-900", "houthi rebels (yemen)*", "confidential"),
    ]
    brokering = queries.party_brokering(EVERYONE, "YEe.901")
    assert brokering.select("party_role", "licence_id", "broker_name").rows() == [
        ("end_user", "BRK-H1", "Red Sea Shipping Ltd")
    ]
    assert queries.party_brokering(EVERYONE, "Red Sea Shipping Ltd")["party_role"].to_list() == [
        "broker"
    ]
    findings = queries.party_findings(EVERYONE, "YEe.901")
    assert findings.select("finding_id", "named_as").rows() == [
        ("F-1", "Ansar Allah"),
        ("F-2", "THE HOUTHIS"),
    ]
    verdicts = queries.party_screening(EVERYONE, "YEe.901")
    assert verdicts.select("delivery_year", "verdict").rows() == [
        (2021, "outside_window"),
        (2022, "partial_overlap"),
    ]
    # the LRA: its link to CFe.902 is a candidate nobody confirmed, so nothing counts for the
    # listed party; the actor keeps its own records
    for records in (queries.party_deliveries, queries.party_seized_items, queries.party_findings):
        assert records(EVERYONE, "CFe.902").height == 0
    assert queries.party_deliveries(EVERYONE, LRA)["transfer_id"].to_list() == [
        "sipri_trade_register:90202:2021"
    ]
    assert queries.party_seized_items(EVERYONE, LRA)["serial_number"].to_list() == ["LX-001"]
    assert queries.party_findings(EVERYONE, LRA)["finding_id"].to_list() == ["F-3"]
    # what a restricted viewer sees of the Houthis
    assert queries.party_seized_items(RESTRICTED, "YEe.901")["serial_number"].to_list() == [
        "HX-001",
        "HX-002",
    ]
    assert queries.party_findings(RESTRICTED, "YEe.901")["finding_id"].to_list() == ["F-1"]


E_H1 = "E-H1 2023-05-10 YEM"
E_H2 = "E-H2 2024-01-15 YEM"
E_L1 = "E-L1 2022-08-02 CAF"
F_1 = "F-1 · S/2024/0101"
F_2 = "F-2 · S/2024/0101"
F_3 = "F-3 · S/2023/0202"


def test_the_chain_of_every_party(reading) -> None:
    edges = queries.supply_chain_edges(EVERYONE, queries.ChainFilters())
    assert edges_of(edges) == [
        ("Bulgaria", "Red Sea Shipping Ltd", "brokering", 1),
        ("Red Sea Shipping Ltd", "THE HOUTHIS", "brokering", 1),
        (E_H1, F_1, "cites", 1),
        (E_H2, F_2, "cites", 1),
        (E_L1, F_3, "cites", 1),
        (LRA, F_3, "names", 1),
        ("THE HOUTHIS", F_1, "names", 1),
        ("THE HOUTHIS", F_2, "names", 1),
        (LRA, E_L1, "seized_from", 1),
        ("THE HOUTHIS", E_H1, "seized_from", 2),
        ("THE HOUTHIS", E_H2, "seized_from", 1),
        ("Iran", "THE HOUTHIS", "transfer", 2),
        ("Sudan", LRA, "transfer", 1),
        ("THE HOUTHIS", UIC, "transfer", 1),
    ]
    # Russia -> Sudan and Russia -> Yemen are deliveries between States: no party's chain
    assert "Russia" not in edges["from_label"].to_list()
    # layers: the broker, and the Houthis, who receive and supply, are intermediaries; the
    # barycentre
    # order puts each node level with its neighbours
    assert supply_chain.chain_nodes(edges).select("label", "layer", "x", "y", "records").rows() == [
        ("Bulgaria", "supplier", 0, 1.0, 1),
        ("Iran", "supplier", 0, 0.0, 2),
        ("Sudan", "supplier", 0, -1.0, 1),
        ("Red Sea Shipping Ltd", "intermediary", 1, 0.5, 2),
        ("THE HOUTHIS", "intermediary", 1, -0.5, 9),
        (UIC, "recipient", 2, 0.5, 1),
        (LRA, "recipient", 2, -0.5, 3),
        (E_H1, "items", 3, 1.0, 3),
        (E_H2, "items", 3, 0.0, 2),
        (E_L1, "items", 3, -1.0, 2),
        (F_1, "finding", 4, 1.0, 2),
        (F_2, "finding", 4, 0.0, 2),
        (F_3, "finding", 4, -1.0, 2),
    ]
    # each edge cites its records, with their sources
    every_record = supply_chain.edge_records(edges)
    assert every_record.height == 16
    records = every_record.filter(every_record["edge_kind"] == "transfer")
    assert records.select("from_label", "record_year", "record_id", "file_name").rows()[:2] == [
        ("Iran", 2021, "sipri_trade_register:90201:2021", "export.csv"),
        ("Iran", 2022, "sipri_trade_register:90201:2022", "export.csv"),
    ]
    figure = supply_chain.supply_chain_figure(edges)
    hovers = [text for trace in figure.data if trace.hovertext for text in trace.hovertext]
    assert (
        "<b>Iran → THE HOUTHIS</b><br>Registered delivery: 2 records<br>"
        "2021 2 Test-1 SAM (sipri_trade_register)<br>2022 3 Test-1 SAM (sipri_trade_register)"
    ) in hovers
    assert [a.text for a in figure.layout.annotations] == [
        "<b>Suppliers</b>", "<b>Brokers and intermediaries</b>", "<b>Recipients</b>",
        "<b>Items recovered</b>", "<b>Findings</b>",
    ]  # fmt: skip


def test_filters(reading) -> None:
    # a country: the LRA's seizure and findings in the CAR (its delivery went to Uganda's LRA
    # from Sudan, neither of them the CAR)
    assert chain(countries=("CAF",)) == [
        (E_L1, F_3, "cites", 1),
        (LRA, F_3, "names", 1),
        (LRA, E_L1, "seized_from", 1),
    ]
    # a regime: the parties listed under it (the LRA is linked to none)
    assert [edge[:3] for edge in chain(regimes=("Yemen",))] == [
        ("Bulgaria", "Red Sea Shipping Ltd", "brokering"),
        ("Red Sea Shipping Ltd", "THE HOUTHIS", "brokering"),
        (E_H1, F_1, "cites"),
        (E_H2, F_2, "cites"),
        ("THE HOUTHIS", F_1, "names"),
        ("THE HOUTHIS", F_2, "names"),
        ("THE HOUTHIS", E_H1, "seized_from"),
        ("THE HOUTHIS", E_H2, "seized_from"),
        ("Iran", "THE HOUTHIS", "transfer"),
        ("THE HOUTHIS", UIC, "transfer"),
    ]
    assert chain(regimes=("CAR",)) == []
    # a broker is a party: its licences, from the source country to the end user
    assert chain(party="Red Sea Shipping Ltd") == [
        ("Bulgaria", "Red Sea Shipping Ltd", "brokering", 1),
        ("Red Sea Shipping Ltd", "THE HOUTHIS", "brokering", 1),
    ]
    # a period: the records of 2023 only
    assert chain(year_from=2023, year_to=2023) == [
        ("THE HOUTHIS", E_H1, "seized_from", 2),
        ("THE HOUTHIS", UIC, "transfer", 1),
    ]
    # one party: its suppliers, its own deliveries, its items and findings
    assert chain(party=LRA) == [
        (E_L1, F_3, "cites", 1),
        (LRA, F_3, "names", 1),
        (LRA, E_L1, "seized_from", 1),
        ("Sudan", LRA, "transfer", 1),
    ]
    assert chain(party="CFe.902") == []


def test_a_record_above_the_clearance_gives_no_edge(reading) -> None:
    confidential = {(E_H2, F_2, "cites", 1), ("THE HOUTHIS", F_2, "names", 1),
                    ("THE HOUTHIS", E_H2, "seized_from", 1)}  # fmt: skip
    everything = set(chain())
    assert confidential <= everything
    assert set(chain(RESTRICTED)) == everything - confidential
    # a public viewer sees neither the restricted seizure at Hodeidah nor what cites it
    assert chain(PUBLIC) == [
        ("Bulgaria", "Red Sea Shipping Ltd", "brokering", 1),
        ("Red Sea Shipping Ltd", "THE HOUTHIS", "brokering", 1),
        (E_L1, F_3, "cites", 1),
        (LRA, F_3, "names", 1),
        ("THE HOUTHIS", F_1, "names", 1),
        (LRA, E_L1, "seized_from", 1),
        ("Iran", "THE HOUTHIS", "transfer", 2),
        ("Sudan", LRA, "transfer", 1),
        ("THE HOUTHIS", UIC, "transfer", 1),
    ]


def test_an_items_own_chain(reading) -> None:
    lines = queries.party_seized_items(EVERYONE, "YEe.901")
    igla = lines.filter(lines["serial_number"] == "HX-900")["item_line_uid"].to_list()
    edges = queries.item_chain_edges(EVERYONE, igla)
    assert edges_of(edges) == [
        (E_H2, F_2, "cites", 1),
        ("Yemen", E_H2, "could_explain", 1),
        ("THE HOUTHIS", E_H2, "seized_from", 1),
        ("Russia", "Yemen", "transfer", 1),
    ]
    [explained] = edges.filter(edges["edge_kind"] == "could_explain")["record_label"].to_list()
    assert explained.endswith("in 2011, 13 years earlier. (95/100)")
    assert supply_chain.chain_nodes(edges).select("label", "layer").rows() == [
        ("Russia", "supplier"),
        ("THE HOUTHIS", "recipient"),
        ("Yemen", "recipient"),
        (E_H2, "items"),
        (F_2, "finding"),
    ]
    # the item is confidential: a restricted viewer gets no chain at all
    assert queries.item_chain_edges(RESTRICTED, igla).height == 0


def test_the_command(db: Path, capsys, monkeypatch) -> None:
    where = ["--db", str(db)]
    assert main(["parties", "show", "houthi rebels (yemen)*", "--format", "json", *where]) == 0
    [profile] = json.loads(capsys.readouterr().out)
    assert (profile["party"], profile["label"], profile["kind"]) == (
        "YEe.901", "THE HOUTHIS", "listed"
    )  # fmt: skip
    assert [n["name"] for n in profile["names"]][:2] == ["THE HOUTHIS", "الحوثيون"]
    assert profile["listing"]["listed_on"] == "2022-02-28"
    parts = ("deliveries", "seized_items", "brokering", "findings", "verdicts")
    assert [len(profile[part]) for part in parts] == [3, 3, 1, 2, 2]
    assert main(["parties", "chain", LRA, *where]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Sudan (supplier) -> LRA (Uganda)* (recipient): transfer, 1 record",
        "  2021 sipri_trade_register:90202:2021: 1 Test-2 portable SAM",
        "LRA (Uganda)* (recipient) -> E-L1 2022-08-02 CAF (items): seized_from, 1 record",
        "  2022 Panel of Experts:E-L1:8a60e4f54c96: 1 Norinco Type 56 LX-001",
        "LRA (Uganda)* (recipient) -> F-3 · S/2023/0202 (finding): names, 1 record",
        "  2023 un-car-2013:F-3: A rifle recovered at Obo.",
        "E-L1 2022-08-02 CAF (items) -> F-3 · S/2023/0202 (finding): cites, 1 record",
        "  2023 un-car-2013:F-3: A rifle recovered at Obo.",
        "4 nodes, 4 edges, 4 records",
    ]
    monkeypatch.setenv("EMBARGO_CLEARANCE", "restricted")
    assert main(["parties", "chain", "--format", "json", *where]) == 0
    [found] = json.loads(capsys.readouterr().out)
    assert len(found["edges"]) == 13
    assert main(["parties", "show", "Houthis", *where]) == 2
    assert capsys.readouterr().err == (
        "no party is known by 'Houthis'; did you mean 'YEe.901'? (`embargo parties search TEXT`)\n"
    )
