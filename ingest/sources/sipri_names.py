"""Supplier, recipient and TIV country names of a SIPRI export as the warehouse knows them
(ingest.sources.sipri and ingest.sources.sipri_classic resolve each distinct spelling once)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from ingest.kit.places import Actor, Places, RuleActors
from ingest.kit.validation import InvalidValue


@dataclass(frozen=True)
class KnownName:
    """A supplier, recipient or TIV country as resolved: its code, actor type and the rule that
    recognised it (None when the alias table or the actor registry knows the name)."""

    iso3: str | None
    actor_type: str | None
    rule: str | None = None


class SipriNames:
    """Supplier, recipient and TIV country names, as the kit's one lookup resolves them: the alias
    table (which holds the actor registry's entries), else the naming rules such as SIPRI's
    bracket convention (ingest.kit.places), never a guess. The actors a rule recognised are kept,
    first seen first, for rule_resolved_actors."""

    def __init__(self, places: Places):
        self.places = places
        # spelling -> KnownName, or the reason it is refused: a register repeats its names.
        self.resolved: dict[str, KnownName | str] = {}
        self.rule_actors = RuleActors()

    def resolve(self, text: str) -> KnownName | str:
        if text not in self.resolved:
            self.resolved[text] = self._resolve(text)
        return self.resolved[text]

    def _resolve(self, text: str) -> KnownName | str:
        found = self.places.resolve(text)
        if isinstance(found, str):
            return found
        return KnownName(found.iso3, found.actor_type, found.rule)

    def parser(self, role: str) -> Callable[[str], KnownName]:
        def parse(text: str) -> KnownName:
            found = self.resolve(text)
            if isinstance(found, str):
                raise InvalidValue(f"{role} {found}")
            return found

        return parse

    def seen(self, name: str, found: KnownName, row: dict, table: str) -> None:
        """Note an actor the rule recognised on a loaded record, the first time it is seen."""
        actor = Actor(name, found.iso3, found.actor_type or "", found.rule)
        self.rule_actors.seen(actor, row, table)


def record_rule_resolved_actors(con: duckdb.DuckDBPyConnection, names: SipriNames) -> None:
    """Keep the actors the rule recognised that no earlier load had shown."""
    names.rule_actors.record(con)
