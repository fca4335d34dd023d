"""`embargo actors` and `embargo links`: the actor registry (names the committed alias table
lacks or maps otherwise) and the decisions on candidate links to listed parties. Both are kept in
the access store, audited, and merged into the warehouse at once."""

from __future__ import annotations

import argparse
import sys

from embargo.actors import ACTOR_TYPES
from embargo.cli import add_location_options, location_of, operator_name, read_only_connection
from embargo.links import CANDIDATE_MIN_SCORE
from embargo.warehouse.connections import Location
from embargo.warehouse.versions import WarehouseOutdated


def cmd_actors(args: argparse.Namespace) -> int:
    """Add, correct, list or remove names of the actor registry, then merge the registry into
    the warehouse (a local file or the shared catalog) at once."""
    from embargo import accounts, actors

    location = location_of(args)
    store = accounts.access_store_path(location)
    command = args.actors_command
    try:
        if command == "list":
            entries = actors.list_entries(store)
            print(f"{'name':<40} {'type':<12} {'country':<7} {'actor':<24} changed")
            for entry in entries:
                print(
                    f"{entry.name:<40} {entry.actor_type:<12} {entry.country_iso3 or '':<7} "
                    f"{entry.actor_name or '':<24} {entry.changed_at[:19]} by {entry.changed_by}"
                )
            print(f"{len(entries)} registry entries")
            return 0
        user = operator_name()
        if command in ("add", "set"):
            mapping = actors.Mapping(args.country, args.type, args.actor)
            if command == "add":
                entry = actors.add_entry(args.name, mapping, args.note, user, store)
                print(f"added '{entry.name}': {entry.mapping.describe()}")
            else:
                entry, before = actors.set_entry(args.name, mapping, args.note, user, store)
                was = before.get("registry") or before.get("committed")
                origin = "registry" if "registry" in before else "committed alias"
                previous = actors.Mapping(
                    was["country_iso3"], was["actor_type"], was.get("actor_name")
                )
                print(
                    f"set '{entry.name}': {entry.mapping.describe()} (was, in the {origin}: "
                    f"{previous.describe()})"
                )
        elif command == "remove":
            entry = actors.remove_entry(args.name, user, store)
            print(f"removed '{entry.name}' ({entry.mapping.describe()}); the audit trail keeps it")
    except actors.RegistryError as error:
        print(f"actors {command}: {error}", file=sys.stderr)
        return 2
    return apply_actor_registry(location, store)


def apply_actor_registry(location: Location, store) -> int:
    from embargo import actors
    from ingest.registry import apply_registry

    try:
        merged = apply_registry(location, actors.list_entries(store))
    except (FileNotFoundError, WarehouseOutdated) as error:
        print(f"the registry is saved; the warehouse was not updated: {error}", file=sys.stderr)
        return 1
    if merged is None:
        print(f"the registry is saved; {location} does not exist yet: `embargo build` takes it in")
        return 0
    print(f"warehouse {location}: {merged.merged} of {merged.entries} registry entries in force")
    for reject in merged.rejects:
        print(f"  not taken: {reject.reason}", file=sys.stderr)
    return 1 if merged.rejects else 0


def cmd_links(args: argparse.Namespace) -> int:
    """List candidate links between registered parties and listed parties, or confirm or reject
    one; decisions are audited and taken into the warehouse at once."""
    from embargo import accounts, links
    from ingest.registry import apply_links

    location = location_of(args)
    store = accounts.access_store_path(location)
    con = read_only_connection(args)
    if con is None:
        return 2
    try:
        found = links.candidates(con, links.list_decisions(store), args.min_score)
    finally:
        con.close()
    if args.links_command == "candidates":
        print(f"{'score':>5}  {'decision':<9} {'register name':<34} {'reference':<10} listed name")
        for candidate in found:
            print(
                f"{candidate.score:5.1f}  {candidate.decision or '-':<9} "
                f"{candidate.party_name:<34} {candidate.reference_number:<10} "
                f"{candidate.listed_name} ({candidate.name_kind} '{candidate.matched_name}', "
                f"{candidate.un_list_type}, listed {candidate.listed_on}; "
                f"{candidate.transfers} transfer rows)"
            )
        print(f"{len(found)} candidates at a name score of {args.min_score:g} or more")
        return 0
    key = (actors_key(args.name), args.reference)
    candidate = next(
        (c for c in found if (actors_key(c.party_name), c.reference_number) == key), None
    )
    decision = "confirmed" if args.links_command == "confirm" else "rejected"
    try:
        links.decide(
            args.name, args.reference, decision, operator_name(), candidate, args.note, store
        )
    except links.LinkError as error:
        print(f"links {args.links_command}: {error}", file=sys.stderr)
        return 2
    merged = apply_links(location, links.list_decisions(store))
    print(
        f"{decision} '{candidate.party_name}' ~ {args.reference} ({candidate.listed_name}); "
        f"{merged.entries} link decisions in the warehouse"
    )
    return 0


def actors_key(name: str) -> str:
    from embargo.actors import normalize_name

    return normalize_name(name)


def add_parser(commands) -> None:
    actors_parser = commands.add_parser(
        "actors",
        help="add, correct, list or remove names of countries, armed groups and other parties",
        description="The actor registry: names the committed alias table lacks or maps "
        "otherwise, kept beside the warehouse (or in the catalog's database) so they survive "
        "rebuilds and reach every machine; each change is audited and merged into the "
        "warehouse at once. A name already known otherwise is refused with both shown: "
        "correct it with `set`.",
    )
    actor_commands = actors_parser.add_subparsers(dest="actors_command", required=True)
    listing = actor_commands.add_parser("list", help="list the registry's entries")
    add_location_options(listing)
    for name, text in (
        ("add", "add a name nothing maps yet"),
        ("set", "correct a registry entry or a committed alias"),
    ):
        sub = actor_commands.add_parser(name, help=text)
        sub.add_argument(
            "name", help="the name as the source spells it, e.g. 'Some Militia (Chad)*'"
        )
        sub.add_argument(
            "--type",
            required=True,
            choices=ACTOR_TYPES,
            help="what the name stands for: " + ", ".join(ACTOR_TYPES),
        )
        sub.add_argument(
            "--country", help="ISO3 code: the State, or the country a non-state actor operates in"
        )
        sub.add_argument("--actor", help="the actor the name stands for, if several names do")
        sub.add_argument("--note", help="why this mapping (kept with the entry)")
        add_location_options(sub)
    removing = actor_commands.add_parser("remove", help="remove a registry entry")
    removing.add_argument("name", help="the name of the registry entry to remove")
    add_location_options(removing)
    actors_parser.set_defaults(run=cmd_actors)

    links_parser = commands.add_parser(
        "links",
        help="candidate links between registered parties and listed parties; confirm or reject",
        description="Candidates pair a non-state, organisation or unknown party of the "
        "registered transfers with a party of the loaded sanctions list whose name or alias is "
        "alike; only links a person confirms count in the listed-party screening. Decisions "
        "are kept beside the warehouse (or in the catalog's database) and audited.",
    )
    link_commands = links_parser.add_subparsers(dest="links_command", required=True)
    for name, text in (
        ("candidates", "list the candidates with their score, evidence and decision"),
        ("confirm", "confirm that a register name is the listed party"),
        ("reject", "record that a register name is not the listed party"),
    ):
        sub = link_commands.add_parser(name, help=text)
        if name != "candidates":
            sub.add_argument("name", help="the supplier or recipient name as the register has it")
            sub.add_argument("reference", help="the list's reference number, e.g. YEe.001")
            sub.add_argument("--note", help="why (kept with the decision)")
        sub.add_argument(
            "--min-score",
            type=float,
            default=CANDIDATE_MIN_SCORE,
            help=f"least name likeness, 0-100 ({CANDIDATE_MIN_SCORE})",
        )
        add_location_options(sub)
    links_parser.set_defaults(run=cmd_links)
