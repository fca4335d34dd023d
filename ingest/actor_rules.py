"""Rules that recognise an actor from the form of its name, for names that neither the committed
aliases nor the actor registry know. Each rule is a convention the source itself documents, never
a guess; a name the rule cannot settle stays a reject, with the reason.

`sipri_bracket`: SIPRI writes a non-state actor as its name, the country it operates in between
brackets and a `*` (`Darfur rebels (Sudan)*`, `Some Militia (Chad)*`). The bracketed place is
looked up as a country (a State or a former State) in the alias table. Decisions:
- only a single `*`: SIPRI marks international organisations `**`, and those carry no country;
- a bracket naming several places (`PIJ (Israel/Palestine)*`) is settled when they are one
  country; when they are two, the rule refuses, naming both: which one the actor operates in is
  the analyst's call (`embargo actors add`), since SIPRI brackets both the territory of
  operation and a State the actor fought or depended on (`MPLA (Portugal)*` fought in Angola);
- a bracket naming a place that is not a country (a region, an actor) is refused."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

SIPRI_BRACKET_RULE = "sipri_bracket"
SIPRI_BRACKET_FORM = re.compile(r"^(?P<actor>[^*]*?\S)\s*\((?P<place>[^()]+)\)\s*\*$")
PLACE_SEPARATOR = "/"

# A place's lookup: (ISO3 code or None, actor type) of a name in the alias table, None if absent.
Lookup = Callable[[str], tuple[str | None, str] | None]


class BracketRefused(Exception):
    """The name has SIPRI's bracket form, but the rule cannot settle it; the message says why."""


@dataclass(frozen=True)
class BracketActor:
    name: str
    country_iso3: str
    actor_type: str = "non_state"
    rule: str = SIPRI_BRACKET_RULE


def sipri_bracket(name: str, lookup: Lookup) -> BracketActor | None:
    """The actor `name` stands for under SIPRI's bracket convention; None when the name does not
    have the form; BracketRefused when it has it but names no country or two."""
    form = SIPRI_BRACKET_FORM.match(name.strip())
    if form is None:
        return None
    places = [place.strip() for place in form["place"].split(PLACE_SEPARATOR) if place.strip()]
    codes: dict[str, str] = {}
    for place in places:
        found = lookup(place)
        if found is None or found[0] is None or found[1] not in ("state", "historical"):
            what = "is not a known country name" if found is None else "is not a country"
            raise BracketRefused(
                f"'{name}': SIPRI's bracket gives where a non-state actor operates, but "
                f"'{place}' {what}"
            )
        codes.setdefault(found[0], place)
    if len(codes) > 1:
        named = " and ".join(f"{place} ({code})" for code, place in codes.items())
        raise BracketRefused(
            f"'{name}': the bracket names {len(codes)} countries, {named}; which one the actor "
            f"operates in is not a rule's to guess: register it with `embargo actors add "
            f"'{name}' --type non_state --country {'|'.join(codes)}`"
        )
    [code] = codes
    return BracketActor(name, code)
