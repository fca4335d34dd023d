"""Why the actor registry refused a change, in the reader's language and in a page's words.

`embargo.actors` refuses a change with a RegistryError whose message is the command line's
English (it names `--country`, `embargo actors set`); the error also names the rule that refused
it and its particulars. The Actors page and the Sources page's "Actors to confirm" say the same
here: kinds as labels, countries as names, dates as dates, and what to choose on the page
instead of which option to type."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from embargo import actors
from embargo.i18n import N_, _, country_name, format_date
from embargo.i18n.labels import value_label

# What a person chooses on the Actors page to correct a name the registry or the committed
# alias table already maps (dashboard/screens/actors.py's CHANGE_WORDS["correct"]).
CORRECT_CHOICE = N_("Correct a name")
ADD_CHOICE = N_("Add a new name")


def kind_words(kind: str) -> str:
    return value_label("actor_type", kind)


def mapping_words(mapping: actors.Mapping) -> str:
    """What a name stands for: its kind, country and actor ("Non-state actor (Chad)")."""
    words = kind_words(mapping.actor_type)
    if mapping.country_iso3:
        words += f" ({country_name(mapping.country_iso3)})"
    if mapping.actor_name:
        words += ", " + _("the actor '{actor}'").format(actor=mapping.actor_name)
    return words


def _country(code: str) -> str:
    """A code as the country's name with its code ("Soviet Union (SUN)"); a code no country
    has as it was typed."""
    name = country_name(code)
    return f"{name} ({code})" if name != code else code


def _day(moment: str) -> str:
    return format_date(dt.date.fromisoformat(moment[:10]))


def _entry_words(entry: actors.Entry) -> str:
    return _("“{name}”: {mapping} (added by {user} on {day})").format(
        name=entry.name,
        mapping=mapping_words(entry.mapping),
        user=entry.added_by,
        day=_day(entry.added_at),
    )


def _unknown_country(facts: dict) -> str:
    candidates = facts.get("candidates") or []
    if not candidates:
        return _("“{code}” is not a country code of the reference table.").format(
            code=facts["code"]
        )
    return _("“{code}” is not a country code of the reference table; did you mean {codes}?").format(
        code=facts["code"], codes=", ".join(_country(code) for code in candidates)
    )


def _country_needed(facts: dict) -> str:
    if facts["kind"] == "non_state":
        return _("{kind} needs a country: the country it operates in.").format(
            kind=kind_words(facts["kind"])
        )
    return _("{kind} needs a country: its code.").format(kind=kind_words(facts["kind"]))


def _quoted(name: str) -> str:
    return _("“{name}”").format(name=name)


def _committed_alias(facts: dict) -> str:
    alias = facts["alias"]
    if facts["same"]:
        return _(
            "the committed alias table already maps “{name}” the same way (“{alias}”: {mapping})."
        ).format(name=facts["name"], alias=alias.name, mapping=mapping_words(alias.mapping))
    return _(
        "the committed alias table maps “{name}” otherwise (“{alias}”: {mapping}; asked: "
        "{asked}). To correct it, choose “{correct}”."
    ).format(
        name=facts["name"],
        alias=alias.name,
        mapping=mapping_words(alias.mapping),
        asked=mapping_words(facts["mapping"]),
        correct=_(CORRECT_CHOICE),
    )


def _registry_entry(facts: dict) -> str:
    return _(
        "“{name}” ({asked}) conflicts with the registry entry {entry}. To correct it, choose "
        "“{correct}”."
    ).format(
        name=facts["name"],
        asked=mapping_words(facts["mapping"]),
        entry=_entry_words(facts["entry"]),
        correct=_(CORRECT_CHOICE),
    )


def _actor_elsewhere(facts: dict) -> str:
    return _(
        "“{name}” ({asked}) conflicts with the registry entry {entry}: one actor has one "
        "country and kind. Correct that entry first (“{correct}”)."
    ).format(
        name=facts["name"],
        asked=mapping_words(facts["mapping"]),
        entry=_entry_words(facts["entry"]),
        correct=_(CORRECT_CHOICE),
    )


def _no_entry(facts: dict) -> str:
    candidates = facts.get("candidates") or []
    if candidates:
        return _("the registry has no entry “{name}”; did you mean {names}?").format(
            name=facts["name"], names=", ".join(_quoted(name) for name in candidates)
        )
    if facts.get("may_add"):
        return _("the registry has no entry “{name}”: add it with “{add}”.").format(
            name=facts["name"], add=_(ADD_CHOICE)
        )
    return _("the registry has no entry “{name}”.").format(name=facts["name"])


REFUSAL_WORDS: dict[str, Callable[[dict], str]] = {
    "name_needed": lambda facts: _("a name is needed."),
    "unknown_type": lambda facts: _("“{kind}” is not a kind of actor.").format(kind=facts["kind"]),
    "unknown_country": _unknown_country,
    "broker_in_former_state": lambda facts: _(
        "{country} is a former State: a broker is based in a present-day State."
    ).format(country=_country(facts["code"])),
    "no_country_for_kind": lambda facts: _(
        "{kind} has no country: leave the country empty (a non-state actor has the country it "
        "operates in)."
    ).format(kind=kind_words(facts["kind"])),
    "country_needed": _country_needed,
    "former_state": lambda facts: _(
        "{country} is a former State: choose the kind “{kind}”."
    ).format(country=_country(facts["code"]), kind=kind_words("historical")),
    "not_former_state": lambda facts: _(
        "{country} is not a former State: choose the kind “{kind}”."
    ).format(country=_country(facts["code"]), kind=kind_words("state")),
    "actor_elsewhere": _actor_elsewhere,
    "committed_alias": _committed_alias,
    "registry_entry": _registry_entry,
    "no_entry": _no_entry,
    "committed_not_registry": lambda facts: _(
        "“{name}” is in the committed alias table ({mapping}), not in the registry: correct it "
        "with “{correct}”."
    ).format(
        name=facts["name"],
        mapping=mapping_words(facts["alias"].mapping),
        correct=_(CORRECT_CHOICE),
    ),
}


def refusal_words(refused: actors.RegistryError) -> str:
    """Why the change was refused, in the reader's language; a reason this page does not know
    (a newer rule) is the command line's English, marked as English."""
    words = REFUSAL_WORDS.get(refused.reason)
    if words is None:
        return _("{text} (in English)").format(text=str(refused))
    return words(refused.facts)
