"""The one place and country lookup of every format: a name in data/reference/country_aliases.csv
or the actor registry (both in the warehouse's country_aliases, matched case- and
space-insensitively) or an ISO 3166 alpha-3 code of the countries table, never a guess. Read once
per load.

A party's name that neither knows is tried against the naming rules its sources document
(ingest/actor_rules.py: SIPRI's `Some Militia (Chad)*`), in every format that resolves actor
names (`Places.actor`, `Places.resolve`): an actor so recognised carries its rule, the records
naming it are marked with it (`actor_rule`), and each such actor is kept once, as first seen on a
loaded record, in rule_resolved_actors (`RuleActors`), for someone to confirm or correct (Sources
page). A name that the rule cannot settle stays a reject with the rule's reason.

A name that nothing maps is refused with up to three close candidates ("did you mean ...") from
the alias table, the registry and the country names (embargo.actors.close_candidates), and the
command that registers it; every format's message says it the same way (`unknown_name`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import duckdb

from embargo.actors import close_candidates
from ingest.actor_rules import BracketRefused, sipri_bracket
from ingest.kit.loads import insert_rows
from ingest.kit.validation import InvalidValue

REGISTER_HINT = "register it with `embargo actors add` (names are never guessed)"


def normalize_alias(name: str) -> str:
    """Lookup key for names: case, surrounding and repeated white space do not distinguish them."""
    return " ".join(name.split()).lower()


@dataclass(frozen=True)
class Actor:
    """A party as a file names it: a State, a former State or another actor."""

    name: str  # as the file gives it
    iso3: str | None
    actor_type: str
    rule: str | None = None  # the naming rule that recognised it; None when a table knows it

    @property
    def is_state(self) -> bool:
        return self.iso3 is not None and self.actor_type in ("state", "historical")

    @property
    def key(self) -> str:
        """What identifies the actor whatever the spelling (for stable record ids)."""
        return f"{self.iso3}/{self.actor_type}" if self.iso3 else normalize_alias(self.name)


class Places:
    """The alias table and the country codes: name or code -> (ISO3 or None, actor type)."""

    ACTOR_WORDS: ClassVar[dict[str, str]] = {
        "non_state": "a non-state actor",
        "organisation": "an organisation",
        "broker": "a broker",
        "unknown": "an unknown party",
    }

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.aliases = {
            alias: (iso3, actor_type)
            for alias, iso3, actor_type in con.execute(
                "SELECT alias_normalized, country_iso3, actor_type FROM country_aliases"
            ).fetchall()
        }
        self.codes = {
            iso3: "historical" if is_historical else "state"
            for iso3, is_historical in con.execute(
                "SELECT country_iso3, is_historical FROM countries"
            ).fetchall()
        }
        # Each distinct spelling is normalised once: a register repeats a few hundred names
        # over tens of thousands of lines.
        self.by_spelling: dict[str, tuple[str | None, str] | None] = {}
        self.resolved: dict[str, Actor | str] = {}
        self.con = con
        self._known_spellings: list[str] | None = None
        self._candidates: dict[str, list[str]] = {}

    def known_spellings(self) -> list[str]:
        """Every alias as spelt (registry entries included) and every country's name: what a
        candidate may be. Read at the first unknown name only."""
        if self._known_spellings is None:
            self._known_spellings = [
                name
                for (name,) in self.con.execute(
                    "SELECT alias FROM country_aliases UNION ALL "
                    "SELECT country_name FROM countries ORDER BY 1"
                ).fetchall()
            ]
        return self._known_spellings

    def candidates(self, name: str) -> list[str]:
        """Up to three known names closest to `name`, best first."""
        if name not in self._candidates:
            self._candidates[name] = close_candidates(name, self.known_spellings())
        return self._candidates[name]

    def unknown_name(self, name: str, column: str | None = None) -> str:
        """The reason for a name nothing maps ("recipient 'Chad Militia' is not ..."), with the
        close candidates and how to register it."""
        what = f"{column} '{name}'" if column else f"'{name}'"
        found = self.candidates(name)
        if not found:
            return f"{what} is not a known country or actor name; {REGISTER_HINT}"
        quoted = [f"'{candidate}'" for candidate in found]
        listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
        return (
            f"{what} is not a known country or actor name; did you mean {listed}? If not, "
            f"{REGISTER_HINT}"
        )

    def resolve(self, name: str) -> Actor | str:
        """The party `name` stands for: the alias table (with the registry), then an ISO3 code,
        then the naming rules (ingest/actor_rules.py); else the reason it is not known (with
        candidates, or the rule's own reason), without the column's name."""
        if name not in self.resolved:
            self.resolved[name] = self._resolve(name)
        return self.resolved[name]

    def _resolve(self, name: str) -> Actor | str:
        found = self.aliases.get(normalize_alias(name))
        if found is not None:
            return Actor(name, found[0], found[1])
        if name.upper() in self.codes and re.fullmatch(r"[A-Za-z]{3}", name):
            return Actor(name, name.upper(), self.codes[name.upper()])
        try:
            recognised = sipri_bracket(name, self.alias)
        except BracketRefused as refused:
            return str(refused)
        if recognised is None:
            return self.unknown_name(name)
        return Actor(name, recognised.country_iso3, recognised.actor_type, recognised.rule)

    def alias(self, name: str) -> tuple[str | None, str] | None:
        """(code or None, actor type) of a name in country_aliases; None when unknown."""
        if name not in self.by_spelling:
            self.by_spelling[name] = self.aliases.get(normalize_alias(name))
        return self.by_spelling[name]

    def find(self, value: str) -> tuple[str | None, str] | None:
        """(country code or None, actor type) of a known name or code; None when unknown."""
        found = self.aliases.get(normalize_alias(value))
        if found is not None:
            return found
        code = value.strip().upper()
        if re.fullmatch(r"[A-Z]{3}", code) and code in self.codes:
            return code, self.codes[code]
        return None

    def country(self, column: str, *, former: bool = False) -> Callable[[str], str]:
        """A country code; `former` admits countries that no longer exist (SUN, YUG, ...)."""

        def parse(value: str) -> str:
            found = self.find(value)
            if found is None:
                raise InvalidValue(self.unknown_name(value, column))
            iso3, actor_type = found
            if actor_type == "historical" and iso3 is not None:
                if former:
                    return iso3
                raise InvalidValue(
                    f"{column} '{value}' is a former country ({iso3}): give the present-day country"
                )
            if actor_type != "state" or iso3 is None:
                what = self.ACTOR_WORDS.get(actor_type, actor_type)
                raise InvalidValue(f"{column} '{value}' names {what}, not a country")
            return iso3

        return parse

    def state_code(self, value: str | None) -> str | None:
        """The code of a present-day country's code or name; None for anything else."""
        found = self.find(value) if value else None
        return found[0] if found is not None and found[1] == "state" else None

    def actor(self, name: str) -> Actor:
        """Any known party: a country, a non-state actor, an organisation, a broker, 'unknown
        ...', or a party a naming rule recognises."""
        found = self.resolve(name)
        if isinstance(found, str):
            raise InvalidValue(found)
        return found

    def named(self, column: str) -> Callable[[str], Actor]:
        """`actor` with the column's name in the reason of a name not known."""

        def parse(value: str) -> Actor:
            found = self.resolve(value)
            if isinstance(found, str):
                raise InvalidValue(f"{column} {found}")
            return found

        return parse

    def state(self, name: str) -> Actor:
        """A State: reports are made by States, never by groups or organisations."""
        actor = self.actor(name)
        if not actor.is_state:
            raise InvalidValue(
                f"'{name}' is not a State ({actor.actor_type}): reports are made by States"
            )
        return actor


RULE_ACTORS_TABLE = "rule_resolved_actors"


class RuleActors:
    """The actors a naming rule recognised on the records a load keeps, each once, first seen
    first; `record` keeps those no earlier load had shown in rule_resolved_actors."""

    def __init__(self) -> None:
        self.first_seen: dict[str, dict] = {}

    def seen(self, actor: Actor | None, record: dict, table: str) -> None:
        """Note `actor` as named by a loaded `record` (its classification, load_id, file_name and
        source_row_number) of `table`, when a rule recognised it and it is new to this load."""
        if actor is None or actor.rule is None:
            return
        key = normalize_alias(actor.name)
        if key in self.first_seen:
            return
        self.first_seen[key] = {
            "name": actor.name,
            "name_normalized": key,
            "country_iso3": actor.iso3,
            "actor_type": actor.actor_type,
            "actor_rule": actor.rule,
            "target_table": table,
            "classification": record["classification"],
            "load_id": record["load_id"],
            "file_name": record["file_name"],
            "source_row_number": record["source_row_number"],
        }

    def record(self, con: duckdb.DuckDBPyConnection) -> None:
        if not self.first_seen:
            return
        known = {
            key
            for (key,) in con.execute(
                "SELECT name_normalized FROM rule_resolved_actors "
                "WHERE list_contains(?, name_normalized)",
                [list(self.first_seen)],
            ).fetchall()
        }
        insert_rows(
            con,
            RULE_ACTORS_TABLE,
            [row for key, row in self.first_seen.items() if key not in known],
        )
