"""Words on screen in English and French: the gettext catalogues of `locales/`, the language of
the person reading, and dates, numbers and country names formatted for that language.

English is the language of the source text (`_("...")` returns it as written); French comes from
`locales/fr/LC_MESSAGES/messages.po`, read once per process with Babel (no compile step, no
network). The language is set per script run (the dashboard: the account's language or the
sidebar's choice; a briefing pack: its own argument) and read by every `_()` of that run.
Country names come from the Unicode CLDR data that Babel ships.

Extracting, updating and checking the catalogue: see `locales/README.md`.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
from collections.abc import Iterator
from contextvars import ContextVar
from functools import cache, lru_cache

from embargo.config import REFERENCE_DIR, RESOURCE_ROOT

# The checkout's locales/, or the copy an installed wheel carries in embargo/resources/.
LOCALES_DIR = RESOURCE_ROOT / "locales"
# Each language named in its own language, as the switch shows it.
LANGUAGES = {"en": "English", "fr": "Français"}
DEFAULT_LANGUAGE = "en"
MISSING = "—"

_language: ContextVar[str] = ContextVar("embargo_language", default=DEFAULT_LANGUAGE)


def valid_language(code: str | None) -> str:
    """The language code itself when it is one of LANGUAGES, else a ValueError naming them."""
    code = (code or "").strip().lower()
    if code not in LANGUAGES:
        raise ValueError(f"unknown language '{code}': expected one of {', '.join(LANGUAGES)}")
    return code


def language() -> str:
    return _language.get()


def set_language(code: str | None) -> str:
    """Use this language for the rest of this thread's run (an unknown code means English)."""
    code = code if code in LANGUAGES else DEFAULT_LANGUAGE
    _language.set(code)
    return code


@contextlib.contextmanager
def using(code: str) -> Iterator[str]:
    """Within the block, `_()` and the formatters speak this language (e.g. for one pack)."""
    token = _language.set(valid_language(code))
    try:
        yield code
    finally:
        _language.reset(token)


def catalogue_path(code: str):
    return LOCALES_DIR / code / "LC_MESSAGES" / "messages.po"


@cache
def translations(code: str) -> dict[str, str]:
    """Every translated message of one language (fuzzy and empty entries are left out: they show
    in English until translated)."""
    path = catalogue_path(code)
    if code == DEFAULT_LANGUAGE or not path.exists():
        return {}
    from babel.messages.pofile import read_po  # Babel is imported when first needed

    with path.open("rb") as po:
        catalogue = read_po(po, locale=code)
    return {
        message.id: message.string
        for message in catalogue
        if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
    }


def _(message: str) -> str:
    """The message in the reader's language (as written when it has no translation)."""
    if not message:
        return message
    return translations(_language.get()).get(message, message)


def translate(text: str) -> str:
    """`_` for text held in data or variables (a source title, a label defined elsewhere):
    translated when the catalogue has it. Extraction does not look at these calls."""
    return _(text)


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; it is translated where shown."""
    return message


# --- dates and numbers --------------------------------------------------------------------------


def format_date(day: dt.date | dt.datetime | None, style: str = "long") -> str:
    """A date as people write it: `1 November 2026`, `1 novembre 2026` (long), `1 Nov 2026`,
    `1 nov. 2026` (medium), or ISO `2026-11-01` (iso); "—" for no date. Never a time of day."""
    if day is None:
        return MISSING
    if isinstance(day, dt.datetime):
        day = day.date()
    if style == "iso":
        return day.isoformat()
    from babel.dates import format_date as babel_format_date

    pattern = {"long": "d MMMM y", "medium": "d MMM y", "month": "MMMM y"}[style]
    return babel_format_date(day, pattern, locale=_language.get())


def format_datetime(moment: dt.datetime | None, seconds: bool = False) -> str:
    """A moment to the minute (or second), e.g. `2026-11-01 14:05` (UTC): the same in both
    languages."""
    if moment is None:
        return MISSING
    from babel.dates import format_datetime as babel_format_datetime

    pattern = "yyyy-MM-dd HH:mm:ss" if seconds else "yyyy-MM-dd HH:mm"
    return babel_format_datetime(moment, pattern, locale=_language.get())


def format_number(value: float | int | None, decimals: int = 0) -> str:
    """A number with the language's digit grouping: `12,345` in English, `12 345` in French."""
    if value is None:
        return MISSING
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, pattern, locale=_language.get())


def format_share(value: float | None, decimals: int = 0) -> str:
    """A share of 1 as a percentage: `42%` in English, `42 %` in French."""
    if value is None:
        return MISSING
    from babel.numbers import format_percent

    if not decimals:  # the language's own pattern: `42%`, `42 %`
        return format_percent(value, locale=_language.get())
    pattern = "#,##0." + "0" * decimals + "%"
    return format_percent(value, pattern, locale=_language.get())


# --- countries ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _reference_countries() -> dict[str, tuple[str, str]]:
    """ISO3 -> (ISO2, English name) from the committed reference table of countries. Historical
    states get no ISO2: their withdrawn codes were reused (CS was Czechoslovakia, then Serbia
    and Montenegro), so CLDR's name for the code could be another state's."""
    with (REFERENCE_DIR / "countries.csv").open(encoding="utf-8", newline="") as file:
        return {
            row["country_iso3"]: (
                "" if row["is_historical"] == "true" else row["country_iso2"],
                row["country_name"],
            )
            for row in csv.DictReader(file)
        }


@cache
def _cldr_territories(code: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(code).territories)


def country_name(iso3: str | None, fallback: str | None = None) -> str:
    """The country's name in the reader's language: CLDR's (through Babel) when the country has
    an ISO 3166 alpha-2 code; for historical states (Soviet Union, Yugoslavia...) the catalogue's
    translation of the reference table's name; the fallback or the code when it is unknown."""
    if not iso3:
        return fallback or MISSING
    iso2, english = _reference_countries().get(iso3, ("", fallback or iso3))
    code = _language.get()
    if code == DEFAULT_LANGUAGE:
        return english
    name = _cldr_territories(code).get(iso2) if iso2 else None
    return name or _(english)


@cache
def _aliases(code: str) -> dict[str, list[str]]:
    """Other names people use for a country in a language (`RCA`, `Centrafrique`), from
    `locales/<language>/country_aliases.csv`."""
    path = LOCALES_DIR / code / "country_aliases.csv"
    if not path.exists():
        return {}
    aliases: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            aliases.setdefault(row["country_iso3"], []).append(row["alias"])
    return aliases


def country_label(iso3: str, fallback: str | None = None) -> str:
    """A country as a list offers it: its name, the other names readers of the language search
    for, and the code, e.g. `République centrafricaine · Centrafrique · RCA (CAF)`. The list's
    search matches any of them."""
    names = [country_name(iso3, fallback)]
    if language() != DEFAULT_LANGUAGE:
        # The English name too, so a French reader finds a country by either.
        names.append(_reference_countries().get(iso3, ("", fallback or iso3))[1])
    names += _aliases(language()).get(iso3, [])
    unique = list(dict.fromkeys(name for name in names if name and name != iso3))
    return f"{' · '.join(unique)} ({iso3})" if unique else iso3


def find_country(text: str) -> str | None:
    """The ISO3 code of the country a person typed, in any supported language, by its code, its
    name or an alias (case and accents ignored); None when nothing matches."""
    wanted = _fold(text)
    if not wanted:
        return None
    if wanted.upper() in _reference_countries():
        return wanted.upper()
    return _countries_by_name().get(wanted)


@cache
def _countries_by_name() -> dict[str, str]:
    """Every name and alias of every country in every supported language, folded, -> its ISO3
    code; a name two countries share is the first's, in the reference table's order."""
    index: dict[str, str] = {}
    for iso3, (iso2, english) in _reference_countries().items():
        names = {english} | {_cldr_territories(code).get(iso2, "") for code in LANGUAGES}
        for code in LANGUAGES:
            names.update(_aliases(code).get(iso3, []))
        for name in names:
            if name:
                index.setdefault(_fold(name), iso3)
    return index


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")
