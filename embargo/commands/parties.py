"""`embargo parties`: the Parties page for scripts. `search TEXT` finds parties by any name or
alias; `show NAME` prints a party's profile (names, listing, deliveries, items seized from it,
findings naming it, listed-party screening verdicts); `chain [NAME]` prints the supply chain's
nodes and edges, each edge with its records. Read as the local operator (EMBARGO_CLEARANCE),
through the same queries as the page, so a script and the page always agree."""

from __future__ import annotations

import argparse
import sys


def add_parser(commands) -> None:
    from embargo.cli import add_location_options

    parties = commands.add_parser(
        "parties",
        help="find a party, print its profile or its supply chain",
        description="A party is a listed party of the UN sanctions list (its reference number, "
        "e.g. YEe.001) or another actor (an armed group, organisation or unidentified party, by "
        "a name of it); a name a person linked to a listed party (embargo links confirm) is that "
        "party. Read at the operator's clearance (EMBARGO_CLEARANCE).",
    )
    sub = parties.add_subparsers(dest="parties_command", required=True)
    search = sub.add_parser("search", help="parties with a name or alias containing TEXT")
    search.add_argument(
        "text",
        metavar="TEXT",
        help="part of a name or alias, in any script; case and accents ignored",
    )
    show = sub.add_parser("show", help="a party's names, listing, deliveries, items and findings")
    show.add_argument("party", metavar="NAME", help="a reference number or any name of a party")
    chain = sub.add_parser("chain", help="the supply chain of one party, or of every party")
    chain.add_argument(
        "party", metavar="NAME", nargs="?", help="a reference number or a name (default: all)"
    )
    chain.add_argument(
        "--country",
        action="append",
        default=[],
        metavar="ISO3",
        help="a country of the records (repeatable)",
    )
    chain.add_argument(
        "--regime",
        action="append",
        default=[],
        metavar="UN_LIST_TYPE",
        help="a sanctions regime of a party at an edge, e.g. YE (repeatable)",
    )
    chain.add_argument(
        "--from", dest="from_year", type=int, default=1950, metavar="YEAR", help="first year (1950)"
    )
    chain.add_argument(
        "--to", dest="to_year", type=int, default=2100, metavar="YEAR", help="last year (2100)"
    )
    for command in (search, show, chain):
        command.add_argument(
            "--format",
            choices=("text", "json"),
            default="text",
            help="text: for a person (default); json: for scripts",
        )
        add_location_options(command)
    parties.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from dashboard import queries, session
    from embargo.cli import location_of
    from embargo.lake import LakeCatalog

    location = location_of(args)
    if not isinstance(location, LakeCatalog) and not location.exists():
        print(f"warehouse {location} does not exist: run `embargo build --db {location}` first",
              file=sys.stderr)  # fmt: skip
        return 2
    clearance = session.local_operator().clearance
    with queries.reading_from(location):
        outdated = queries.outdated_warehouse(clearance)
        if outdated:
            print(outdated, file=sys.stderr)
            return 2
        if args.parties_command == "search":
            return search(args, clearance)
        party = None
        if args.party is not None:
            party = queries.resolve_party(args.party)
            if party is None:
                return unknown(args.party, clearance)
        if args.parties_command == "show":
            return show(args, clearance, party)
        return chain(args, clearance, party)


def rows(frame) -> list[dict]:
    return frame.to_dicts()


def unknown(name: str, clearance) -> int:
    from dashboard import queries

    found = queries.party_search(clearance, name)["party_key"].to_list()[:3]
    hint = f"; did you mean {', '.join(repr(key) for key in found)}?" if found else ""
    print(f"no party is known by {name!r}{hint} (`embargo parties search TEXT`)", file=sys.stderr)
    return 2


def search(args: argparse.Namespace, clearance) -> int:
    from dashboard import queries
    from embargo.cli import write_json

    found = queries.party_search(clearance, args.text)
    if args.format == "json":
        write_json(rows(found))
        return 0
    for row in found.iter_rows(named=True):
        regime = f", {row['un_list_type']}" if row["un_list_type"] else ""
        print(f"{row['party_key']}  {row['party_label']} ({row['party_kind']}{regime}): "
              f"matched {row['matched_name']!r}")  # fmt: skip
    print(f"{found.height} parties")
    return 0


def show(args: argparse.Namespace, clearance, party: str) -> int:
    from dashboard import queries
    from embargo.cli import write_json

    names = queries.party_names(party)
    first = names.row(0, named=True)
    listing = queries.party_listing(clearance, party)
    profile = {
        "party": party,
        "label": first["party_label"],
        "kind": first["party_kind"],
        "country_iso3": first["country_iso3"],
        "names": rows(names.select("name", "name_kind", "script", "quality")),
        "listing": None if listing.is_empty() else listing.row(0, named=True),
        "deliveries": rows(queries.party_deliveries(clearance, party)),
        "seized_items": rows(queries.party_seized_items(clearance, party)),
        "brokering": rows(queries.party_brokering(clearance, party)),
        "findings": rows(queries.party_findings(clearance, party)),
        "verdicts": rows(queries.party_screening(clearance, party)),
    }
    if args.format == "json":
        write_json([profile])
        return 0
    print(f"{profile['label']} ({profile['kind']}) {party}")
    print("names: " + "; ".join(
        f"{n['name']} [{', '.join(v for v in (n['name_kind'], n['script'], n['quality']) if v)}]"
        for n in profile["names"]
    ))  # fmt: skip
    if listing := profile["listing"]:
        delisted = (
            f"delisted on {listing['delisted_on']}"
            if listing["delisted_on"]
            else f"still listed in the list of {listing['list_date']}"
        )
        print(f"listing: {listing['reference_number']}, {listing['un_list_type']} regime, "
              f"listed on {listing['listed_on']}, {delisted}")  # fmt: skip
    print(f"deliveries: {len(profile['deliveries'])}")
    for d in profile["deliveries"]:
        print(f"  {d['delivery_year']} {d['supplier_name']} -> {d['recipient_name']}: "
              f"{d['quantity']:g} {d['designation'] or ''} {d['description'] or ''} "
              f"({d['transfer_id']}, {d['file_name']} row {d['source_row_number']})")  # fmt: skip
    print(f"items seized: {len(profile['seized_items'])}")
    for i in profile["seized_items"]:
        print(f"  {i['event_date']} {i['event_id']} {i['country_iso3']}: {i['quantity']:g} "
              f"{i['manufacturer'] or ''} {i['model'] or ''} {i['serial_number'] or ''} "
              f"(seized from {i['seized_from']!r}; {i['file_name']} row "
              f"{i['source_row_number']})")  # fmt: skip
    print(f"brokering: {len(profile['brokering'])}")
    for b in profile["brokering"]:
        print(f"  {b['decision_date']} {b['reporting_state_iso3']} {b['licence_id']} "
              f"{b['decision']}: {b['broker_name']} ({b['party_role']}) "
              f"{b['source_country_iso3'] or ''} -> {b['destination_country_iso3']}")  # fmt: skip
    print(f"findings: {len(profile['findings'])}")
    for f in profile["findings"]:
        where = f"para. {f['paragraph']}" if f["paragraph"] else f"annex {f['annex']}"
        print(f"  {f['document_date']} {f['document_symbol']} {where} {f['finding_id']}: "
              f"{f['summary']} (named as {f['named_as']!r})")  # fmt: skip
    print(f"verdicts: {len(profile['verdicts'])}")
    for v in profile["verdicts"]:
        print(f"  {v['delivery_year']} {v['verdict']}: {v['reason']} [{v['citation']}]")
    return 0


def chain(args: argparse.Namespace, clearance, party: str | None) -> int:
    from dashboard import queries, supply_chain
    from embargo.cli import write_json

    edges = queries.supply_chain_edges(
        clearance,
        queries.ChainFilters(
            party=party,
            countries=tuple(code.upper() for code in args.country),
            regimes=tuple(args.regime),
            year_from=args.from_year,
            year_to=args.to_year,
        ),
    )
    nodes = supply_chain.chain_nodes(edges)
    if args.format == "json":
        write_json([{"nodes": rows(nodes.drop("x", "y")), "edges": rows(edges)}])
        return 0
    layers = dict(nodes.select("node_id", "layer").rows())
    place = dict(nodes.select("node_id", "x").rows())
    # left to right as the chart reads: suppliers first, findings last
    ordered = sorted(
        supply_chain.chain_edges(edges).iter_rows(named=True),
        key=lambda edge: (place[edge["from_id"]], place[edge["to_id"]], edge["from_label"],
                          edge["to_label"]),
    )  # fmt: skip
    for edge in ordered:
        count = len(edge["record_id"])
        print(f"{edge['from_label']} ({layers[edge['from_id']]}) -> {edge['to_label']} "
              f"({layers[edge['to_id']]}): {edge['edge_kind']}, "
              f"{count} record{'' if count == 1 else 's'}")  # fmt: skip
        for record, label, year in zip(
            edge["record_id"], edge["record_label"], edge["record_year"], strict=True
        ):
            print(f"  {year} {record}: {label}")
    print(f"{nodes.height} nodes, {supply_chain.chain_edges(edges).height} edges, "
          f"{edges.height} records")  # fmt: skip
    return 0
