"""Synthetic field documentation of seized and recovered materiel, with tracing requests and
exemption notifications. Invented records, labelled synthetic: every reporting and requesting
entity starts with "Synthetic", every document reference with "SYN", and no real UN document
symbol is ever used.

Shapes follow public field documentation (panel-of-experts annexes, iTrace-style item records):
- events clustered around real towns in embargoed territories (data/reference/places.csv),
  jittered by a few km, 2015-2026, with the last months denser around a few towns (North Darfur,
  North Kivu, Port-au-Prince) so emerging hotspots show;
- mostly small arms and their ammunition: AK-pattern rifles, PK-pattern machine guns, RPG-7
  pattern launchers, 7.62x39 / 7.62x54R rounds with headstamp factory codes, years and lots;
  manufacturers as marked, serial numbers in the formats of each maker;
- most items made before the embargo on the territory began (start dates read from
  data/reference/embargoes.csv), a minority after it (the "fresh supply" signal);
- a few items documented twice by different entities, once with the serial written differently;
- tracing requests for a share of serial-numbered weapons, with response rates and delays like
  the published ones; some confirm a delivery in the synthetic transfer register
  (demo/transfers.py), named in `transfer_ref`;
- exemption notifications matching some synthetic deliveries to regimes with a notification or
  approval route (Somalia, DR Congo, CAR, Libya).

Generation is vectorised (numpy and polars) so `scale` can be raised to a million item lines."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import polars as pl

from demo import transfers as demo_transfers
from demo.catalogues import (
    as_number,
    date_or_none,
    mixes,
    read_lines,
    value_weights,
    weighted_values,
)
from embargo.config import REFERENCE_DIR
from ingest.files import ingest_into
from ingest.kit.record_format import VERSION_COLUMN_NAMES
from ingest.sources import exemptions as exemption_format
from ingest.sources import seizures as seizure_format
from ingest.sources import traces as trace_format

SEED = 20261122
AS_OF = dt.date(2026, 11, 1)  # status date of the reference data: nothing happens after it
FIRST_DAY = dt.date(2015, 1, 1)
LAST_DAY = dt.date(2026, 10, 31)
BASE_EVENTS = 1200  # at scale 1; about five item lines per event
PLACES_FILE = REFERENCE_DIR / "places.csv"
EMBARGOES_FILE = REFERENCE_DIR / "embargoes.csv"
NOTE = "SYNTHETIC demo record"

# The columns as the formats document them, in their order.
SEIZURE_COLUMNS = [
    c for c in seizure_format.FORMAT.header if c not in seizure_format.VERSION_COLUMN_NAMES
]
# The first versions of traces and notifications: no as_of or correction.
TRACE_COLUMNS = [c for c in trace_format.FORMAT.header if c not in VERSION_COLUMN_NAMES]
EXEMPTION_COLUMNS = [c for c in exemption_format.FORMAT.header if c not in VERSION_COLUMN_NAMES]


# --- who documents what, where -------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str  # panel, jmac, national, maritime, customs
    weight: float
    active_from: dt.date | None = None
    active_to: dt.date | None = None


@dataclass(frozen=True)
class Territory:
    iso3: str
    embargo_id: str  # the embargo whose start marks "fresh supply" in this territory
    weight: float
    fresh_share: float  # share of dated items made after the embargo began (where possible)
    armoury: str
    entities: tuple[Entity, ...]  # the first national authority is the fallback


def read_territories() -> tuple[Territory, ...]:
    """data/demo/territories.csv with each territory's documenting entities, in file order."""
    entities: dict[str, list[Entity]] = {}
    for line in read_lines("documenting_entities.csv"):
        entities.setdefault(line["territory_iso3"], []).append(
            Entity(
                line["name"],
                line["kind"],
                as_number(line["weight"]),
                date_or_none(line["active_from"]),
                date_or_none(line["active_to"]),
            )
        )
    return tuple(
        Territory(
            line["iso3"],
            line["embargo_id"],
            as_number(line["weight"]),
            as_number(line["fresh_share"]),
            line["armoury"],
            tuple(entities[line["iso3"]]),
        )
        for line in read_lines("territories.csv")
    )


TERRITORIES = read_territories()

# Towns documented more often than the rest of their territory (weight 1 by default).
PLACE_WEIGHTS = {
    "Mogadishu": 4,
    "Kismayo": 2,
    "Baidoa": 2,
    "El Fasher": 2.5,
    "Nyala": 2,
    "El Geneina": 2,
    "Juba": 2.5,
    "Malakal": 1.5,
    "Bentiu": 1.5,
    "Goma": 2,
    "Beni": 2,
    "Bunia": 2,
    "Bangui": 2.5,
    "Bambari": 1.5,
    "Tripoli": 2.5,
    "Benghazi": 1.5,
    "Misrata": 1.5,
    "Al Hudaydah": 2,
    "Aden": 1.5,
    "Port-au-Prince": 3,
    "Mosul": 1.5,
}
# Emerging hotspots: extra events from the start date on, their density rising as a power of the
# time since (exponent 3: a third of them in the last tenth of the window), so the last months
# stand out against the year before.
HOTSPOTS = (
    ("El Fasher", dt.date(2024, 10, 1), 4.0),
    ("Kutum", dt.date(2024, 10, 1), 1.0),
    ("Goma", dt.date(2025, 3, 1), 3.0),
    ("Rutshuru", dt.date(2025, 3, 1), 2.0),
    ("Masisi", dt.date(2025, 3, 1), 1.5),
    ("Port-au-Prince", dt.date(2024, 9, 1), 3.5),
    ("Croix-des-Bouquets", dt.date(2024, 9, 1), 1.5),
)
HOTSPOT_EXPONENT = 3
HOTSPOT_SHARE = 0.16

# How often each vocabulary value is drawn (data/demo/value_weights.csv), given the entity kind or
# the context; values the file does not name are never drawn.
CONTEXT_WEIGHTS = {
    given.removeprefix("entity kind "): mix
    for given, mix in value_weights("seizure_context").items()
}
CONTEXTS = tuple(next(iter(CONTEXT_WEIGHTS.values())))  # the same values for every kind
CONTEXT_WEIGHTS = {kind: tuple(mix[c] for c in CONTEXTS) for kind, mix in CONTEXT_WEIGHTS.items()}
LINES_PER_EVENT = {  # mean item lines per event, by context
    line["context"]: float(line["mean_lines_per_event"]) for line in read_lines("context_lines.csv")
}
ITEM_KIND_WEIGHTS = value_weights("item_kind")
DEFAULT_ITEM_KIND_WEIGHTS = tuple(ITEM_KIND_WEIGHTS.pop("").values())
ITEM_KINDS = tuple(value_weights("item_kind")[""])
ITEM_KIND_WEIGHTS = {
    given.removeprefix("context "): tuple(mix[k] for k in ITEM_KINDS)
    for given, mix in ITEM_KIND_WEIGHTS.items()
}

ACTOR_WEIGHTS = {
    given.removeprefix("context "): mix for given, mix in value_weights("actor_type").items()
}
ACTOR_TYPES = tuple(next(iter(ACTOR_WEIGHTS.values())))
ACTOR_WEIGHTS = {
    context: tuple(mix[a] for a in ACTOR_TYPES) for context, mix in ACTOR_WEIGHTS.items()
}
SEIZED_FROM = {
    "non_state_armed_group": ("armed group", "local militia", "armed group faction"),
    "criminal": ("trafficking network", "armed gang", "smugglers"),
    "civilian": ("civilian holder", "civilian (voluntary handover)"),
    "state_forces": ("national forces (deserters)", "national forces (stockpile loss)"),
    "unknown": ("",),
}
CLASSIFICATIONS, CLASSIFICATION_WEIGHTS = weighted_values("classification")
VERIFICATIONS, VERIFICATION_WEIGHTS = weighted_values("verification")


# --- what is found ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Weapon:
    key: str
    category: str
    model: str
    calibre: str
    manufacturer: str  # as marked
    country: str  # ISO3 of manufacture (historical codes for the Soviet Union and Yugoslavia)
    first_year: int
    last_year: int
    serial_format: str
    markings: str


WEAPONS = tuple(
    Weapon(
        **{
            name: as_number(value) if name in ("first_year", "last_year") else value
            for name, value in line.items()
        }
    )
    for line in read_lines("weapons.csv")
)
ARMOURIES = mixes("armouries.csv", "armoury", "weapon", "weight")  # weapon weights per armoury


@dataclass(frozen=True)
class Cartridge:
    calibre: str
    headstamp: str  # factory code as stamped
    country: str
    first_year: int
    last_year: int
    weight: float


CARTRIDGES = tuple(
    Cartridge(
        line["calibre"],
        line["headstamp"],
        line["country"],
        as_number(line["first_year"]),
        as_number(line["last_year"]),
        as_number(line["weight"]),
    )
    for line in read_lines("cartridges.csv")
)
# Share of ammunition lines by calibre, per armoury.
CALIBRE_MIX = mixes("armoury_calibres.csv", "armoury", "calibre", "share")

# (model, calibre, manufacturer, country, unit)
EXPLOSIVES = (
    ("F1 pattern hand grenade", "", "", "SUN", "items"),
    ("Type 82-2 hand grenade", "", "Norinco (CHN)", "CHN", "items"),
    ("PG-7V rocket", "85mm", "Arsenal (BGR)", "BGR", "items"),
    ("Type 63 mortar bomb", "60mm", "Norinco (CHN)", "CHN", "items"),
    ("TNT (blocks)", "", "", "", "kg"),
    ("home-made explosive (IED main charge)", "", "", "", "kg"),
)
PARTS = (
    ("AK-pattern 30-round magazine", "7.62x39mm"),
    ("AK-pattern bolt carrier", "7.62x39mm"),
    ("PK-pattern ammunition belt", "7.62x54mmR"),
    ("AR-15 pattern lower receiver", "5.56x45mm"),
)
OTHER_ITEMS = ("handheld VHF radio", "body armour vest", "commercial quadcopter (modified)")

# --- tracing ---------------------------------------------------------------------------------

TRACE_STATUSES, TRACE_STATUS_WEIGHTS = weighted_values("trace_status")
SUCCESSOR = {"SUN": "RUS", "YUG": "SRB"}  # whom a trace of a historical state's item goes to
LAST_LEGAL_RECIPIENTS = {  # (ISO3, weight) by territory
    "SOM": (("SOM", 40), ("ETH", 20), ("YEM", 20), ("KEN", 10), ("UGA", 10)),
    "SDN": (("SDN", 60), ("TCD", 20), ("LBY", 10), ("SSD", 10)),
    "SSD": (("SSD", 45), ("UGA", 25), ("SDN", 30)),
    "COD": (("COD", 55), ("UGA", 15), ("RWA", 15), ("BDI", 15)),
    "CAF": (("CAF", 40), ("TCD", 25), ("SDN", 25), ("COD", 10)),
    "LBY": (("LBY", 75), ("EGY", 10), ("TCD", 15)),
    "YEM": (("YEM", 65), ("SAU", 15), ("IRN", 20)),
    "HTI": (("USA", 70), ("DOM", 15), ("HTI", 15)),
    "LBN": (("LBN", 50), ("SYR", 50)),
    "IRQ": (("IRQ", 75), ("SYR", 25)),
    "AFG": (("AFG", 85), ("PAK", 15)),
}
DIVERSION_POINTS = (
    "loss from national stockpile",
    "battlefield capture from national forces",
    "re-export without end-user authorisation",
    "theft during transport",
    "sale on the civilian market, then smuggled",
)

# Major items of the synthetic transfer register that turn up again in the field:
# designation -> (weapon_category, manufacturer as marked, ISO3 of a new-built item).
RECOVERABLE = {
    "9M113 Konkurs": ("atgm", "KBP Tula (RUS)", "RUS"),
    "9K38 Igla": ("manpads", "Degtyarev Plant (RUS)", "RUS"),
    "ZU-23-2": ("other", "Tulamashzavod (RUS)", "RUS"),
    "BTR-80": ("other", "Arzamas Machine-Building Plant (RUS)", "RUS"),
    "M113A2": ("other", "FMC (USA)", "USA"),
    "D-30 122mm": ("other", "Plant No. 9 (RUS)", "RUS"),
    "BM-21 Grad": ("rocket_launcher", "Motovilikha Plants (RUS)", "RUS"),
}
REGISTER_RECIPIENTS = {
    "Somalia": "SOM",
    "UIC (Somalia)*": "SOM",
    "Sudan": "SDN",
    "Darfur rebels (Sudan)*": "SDN",
    "South Sudan": "SSD",
    "DR Congo": "COD",
    "Central African Republic": "CAF",
    "Libya": "LBY",
    "Libya HoR*": "LBY",
    "Yemen": "YEM",
    "Houthi rebels (Yemen)*": "YEM",
    "Haiti": "HTI",
    "Haiti rebels*": "HTI",
    "Lebanon": "LBN",
    "Iraq": "IRQ",
}
REGISTER_SUPPLIERS = {
    "United States": "USA", "Russia": "RUS", "France": "FRA", "China": "CHN", "Germany": "DEU",
    "Italy": "ITA", "United Kingdom": "GBR", "Israel": "ISR", "Spain": "ESP", "Turkiye": "TUR",
    "Ukraine": "UKR", "Belarus": "BLR", "Serbia": "SRB", "UAE": "ARE",
}  # fmt: skip
MAX_RANDOM_REGISTER_LINKS = 12

# Exemption notifications matching synthetic deliveries (deal id, embargo, procedure, decision,
# submitted, decision days), plus requests that match no delivery.
REGISTER_NOTIFICATIONS = (
    ("DEMO-S002", "un-somalia-1992", "notification", "no_objection", dt.date(2013, 4, 16), 6),
    ("DEMO-S003", "un-somalia-1992", "notification", "no_objection", dt.date(2015, 2, 3), 5),
    ("DEMO-S003", "un-somalia-1992", "notification", "no_objection", dt.date(2016, 1, 19), 5),
    ("DEMO-S010", "un-drc-2003", "notification", "no_objection", dt.date(2010, 11, 22), 7),
    ("DEMO-S012", "un-car-2013", "notification", "no_objection", dt.date(2022, 2, 14), 5),
    ("DEMO-S012", "un-car-2013", "notification", "no_objection", dt.date(2023, 1, 23), 5),
    ("DEMO-S014", "un-libya-2011", "notification", "no_objection", dt.date(2013, 1, 28), 5),
    ("DEMO-S015", "un-libya-2011", "approval_request", "approved", dt.date(2016, 11, 7), 34),
)
OTHER_NOTIFICATIONS = (
    # (embargo, submitting state, recipient, submitted, procedure, decision, days, category,
    #  quantity, description)
    ("un-somalia-1992", "United Kingdom", "Somalia", dt.date(2018, 5, 8), "notification",
     "no_objection", 5, "other", 40, "light patrol vehicles (non-lethal) for the police"),
    ("un-somalia-1992", "Turkiye", "Somalia", dt.date(2021, 9, 13), "notification",
     "no_objection", 5, "SALW", 1500, "assault rifles and ammunition for army training units"),
    ("un-somalia-1992", "Ethiopia", "Somalia", dt.date(2014, 6, 2), "approval_request",
     "denied", 41, "III", 6, "towed artillery (annexed heavy weapon)"),
    ("un-drc-2003", "Germany", "DR Congo", dt.date(2012, 3, 5), "notification", "no_objection",
     7, "other", 300, "police protective equipment"),
    ("un-drc-2003", "South Africa", "DR Congo", dt.date(2019, 10, 14), "notification",
     "no_objection", 7, "SALW", 800, "pistols and ammunition for the national police"),
    ("un-car-2013", "France", "Central African Republic", dt.date(2022, 6, 20), "notification",
     "no_objection", 5, "other", 25, "unarmed utility vehicles"),
    ("un-car-2013", "China", "Central African Republic", dt.date(2019, 3, 11),
     "approval_request", "approved", 28, "SALW", 1200, "assault rifles for army battalions"),
    ("un-libya-2011", "Italy", "Libya", dt.date(2012, 4, 2), "notification", "no_objection", 5,
     "other", 10, "patrol boat spare parts (security assistance)"),
    ("un-libya-2011", "Italy", "Libya", dt.date(2026, 9, 21), "approval_request", "pending", 0,
     "VI", 2, "coastal patrol vessels for the coast guard"),
)  # fmt: skip


# --- reference inputs ------------------------------------------------------------------------


@dataclass(frozen=True)
class Places:
    name: np.ndarray
    iso3: np.ndarray
    admin1: np.ndarray
    lat: np.ndarray
    lon: np.ndarray


def read_places(path: Path = PLACES_FILE) -> Places:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return Places(
        np.array([row["place_name"] for row in rows], dtype=object),
        np.array([row["country_iso3"] for row in rows], dtype=object),
        np.array([row["admin1"] for row in rows], dtype=object),
        np.array([float(row["latitude"]) for row in rows]),
        np.array([float(row["longitude"]) for row in rows]),
    )


def embargo_starts(path: Path = EMBARGOES_FILE) -> dict[str, dt.date]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["embargo_id"]: dt.date.fromisoformat(row["start_date"])
            for row in csv.DictReader(handle)
        }


def fresh_supply_years() -> dict[str, int]:
    """The year each territory's embargo began: an item made in a later year is fresh supply."""
    starts = embargo_starts()
    return {territory.iso3: starts[territory.embargo_id].year for territory in TERRITORIES}


# --- sampling helpers ------------------------------------------------------------------------


def _pick(rng: np.random.Generator, weights, size: int) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return rng.choice(len(p), size=size, p=p / p.sum())


def _days(date: dt.date) -> int:
    return (date - dt.date(1970, 1, 1)).days


def _dates(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]")


def _years(days: np.ndarray) -> np.ndarray:
    return _dates(days).astype("datetime64[Y]").astype(int) + 1970


ALPHABET = pl.Series(list("ABCDEFGHJKLMNPRSTUVWXYZ"))  # no I, O, Q: not used on markings


def _letters(index: np.ndarray, count: int) -> pl.Series:
    """`count` upper-case letters spelling `index` in base 23."""
    index = np.asarray(index, dtype=np.int64)
    base = len(ALPHABET)
    out = ALPHABET.gather(index % base)
    for _ in range(count - 1):
        index = index // base
        out = ALPHABET.gather(index % base) + out
    return out


def _digits(values: np.ndarray, width: int) -> pl.Series:
    return pl.Series(np.asarray(values, dtype=np.int64)).cast(pl.String).str.zfill(width)


SERIAL_FORMATS = ("d6", "d7", "d8", "d9", "ll4", "ll5", "ll6", "l3d3", "psa", "rom")


def format_serials(fmt: np.ndarray, code: np.ndarray, year: np.ndarray) -> np.ndarray:
    """Serial numbers in the formats of each maker, from a unique integer per item; `fmt` holds
    indexes into SERIAL_FORMATS.

    `code` is spread over each format's space by an affine map with a multiplier coprime to the
    space, so distinct items never share a serial (as long as there are fewer items than
    serials in the space)."""
    serial = np.full(len(code), "", dtype=object)
    for number, name in enumerate(SERIAL_FORMATS):
        mask = fmt == number
        if not mask.any():
            continue
        c = code[mask].astype(np.int64)
        if name == "d6":
            s = _digits((c * 7919 + 123457) % 1_000_000, 6)
        elif name == "d7":
            s = _digits((c * 7919 + 1234567) % 10_000_000, 7)
        elif name == "d8":
            s = _digits((c * 104729 + 13034567) % 100_000_000, 8)
        elif name == "d9":  # year of manufacture, then a running number
            n = (c * 104729 + 3456789) % 10_000_000
            s = _digits(np.where(year[mask] > 0, year[mask] % 100, 0), 2) + _digits(n, 7)
        elif name == "ll4":
            n = (c * 7919 + 4521) % (23 * 23 * 10_000)
            s = _letters(n // 10_000, 2) + " " + _digits(n % 10_000, 4)
        elif name == "ll5":
            n = (c * 7919 + 45210) % (23 * 23 * 100_000)
            s = _letters(n // 100_000, 2) + _digits(n % 100_000, 5)
        elif name == "ll6":
            n = (c * 104729 + 452101) % (23 * 23 * 1_000_000)
            s = _letters(n // 1_000_000, 2) + _digits(n % 1_000_000, 6)
        elif name == "l3d3":
            n = (c * 7919 + 452) % (23**3 * 1000)
            s = _letters(n // 1000, 3) + _digits(n % 1000, 3)
        elif name == "psa":
            s = "SCB" + _digits((c * 7919 + 12345) % 1_000_000, 6)
        else:  # rom, Cugir: two letters, four digits, then the year where stamped
            n = (c * 7919 + 3521) % (23 * 23 * 10_000)
            s = _letters(n // 10_000, 2) + "-" + _digits(n % 10_000, 4)
            yy = year[mask]
            s = pl.select(
                pl.when(pl.Series(yy > 0)).then(s + "-" + _digits(yy % 100, 2)).otherwise(s)
            ).to_series()
        serial[mask] = s.to_numpy()
    return serial


def rewrite_serial(serial: str, variant: int) -> str:
    """The same serial as another entity writes it: spaces and dashes moved, case changed.
    Normalised (upper case, no spaces or dashes) it is the same string."""
    bare = serial.replace(" ", "").replace("-", "")
    letters = len(bare) - len(bare.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))
    cut = letters if 0 < letters < len(bare) else len(bare) // 2
    options = (
        f"{bare[:cut]}-{bare[cut:]}",
        f"{bare[:cut]} {bare[cut:]}",
        bare.lower(),
        bare,
    )
    for offset in range(len(options)):
        candidate = options[(variant + offset) % len(options)]
        if candidate != serial:
            return candidate
    return serial


# --- generation ------------------------------------------------------------------------------


Columns = dict[str, np.ndarray]  # generated events or item lines, one array per column


@dataclass(frozen=True)
class DemoSeizures:
    seizures: pl.DataFrame
    traces: pl.DataFrame
    exemptions: pl.DataFrame


def generate(scale: float = 1.0, seed: int = SEED) -> DemoSeizures:
    rng = np.random.default_rng(seed)
    places = read_places()
    fresh_year = fresh_supply_years()
    events = _events(rng, places, max(len(TERRITORIES), round(BASE_EVENTS * scale)))
    lines = _item_lines(rng, events, fresh_year)
    # The synthetic transfer register, regenerated exactly as demo.transfers loads it.
    deals = {
        deal.deal_id: deal
        for deal in demo_transfers.generate_deals(random.Random(demo_transfers.SEED))
    }
    linked = _register_links(rng, places, events, lines, deals, len(events["event_id"]))
    first = len(events["event_id"]) + len(linked[0]["event_id"])
    again = _second_sightings(rng, events, lines, first)
    events, lines = _concatenate((events, lines), linked, again)
    seizures = _seizure_table(events, lines)
    traces = _traces(rng, events, lines, deals)
    return DemoSeizures(seizures, traces, _exemptions(deals))


def _events(rng: np.random.Generator, places: Places, count: int) -> dict[str, np.ndarray]:
    territory_of = {territory.iso3: i for i, territory in enumerate(TERRITORIES)}
    place_territory = np.array([territory_of[iso3] for iso3 in places.iso3])
    per_territory = np.bincount(place_territory, minlength=len(TERRITORIES))
    place_weight = np.array([PLACE_WEIGHTS.get(name, 1.0) for name in places.name])
    territory_total = np.bincount(place_territory, weights=place_weight)
    weight = (
        np.array([TERRITORIES[t].weight for t in place_territory])
        * place_weight
        / territory_total[place_territory]
    )
    assert (per_territory > 0).all(), "every territory needs a place in places.csv"

    first, last = _days(FIRST_DAY), _days(LAST_DAY)
    surge = round(count * HOTSPOT_SHARE)
    base = count - surge
    place = _pick(rng, weight, base)
    # Documentation grows over the years: skew the base dates slightly towards the present.
    day = first + np.floor((last - first + 1) * rng.random(base) ** 0.85).astype(np.int64)

    names = list(places.name)
    hot_place = np.array([names.index(name) for name, _, _ in HOTSPOTS])
    hot_start = np.array([_days(start) for _, start, _ in HOTSPOTS])
    hot = _pick(rng, [w for _, _, w in HOTSPOTS], surge)
    span = last - hot_start[hot] + 1
    # Density rising steeply towards the last day: the emerging-hotspot signal.
    rise = rng.random(surge) ** (1 / (HOTSPOT_EXPONENT + 1))
    hot_day = hot_start[hot] + np.floor(span * rise).astype(np.int64)
    place = np.concatenate([place, hot_place[hot]])
    day = np.concatenate([day, hot_day])

    order = np.lexsort((place, day))
    place, day = place[order], day[order]
    territory = place_territory[place]

    entity_names, entity_kinds, entity_index = [], [], np.zeros(count, dtype=np.int64)
    for t, spec in enumerate(TERRITORIES):
        mask = territory == t
        offset = len(entity_names)
        entity_names += [entity.name for entity in spec.entities]
        entity_kinds += [entity.kind for entity in spec.entities]
        chosen = _pick(rng, [entity.weight for entity in spec.entities], int(mask.sum()))
        fallback = next(i for i, e in enumerate(spec.entities) if e.kind == "national")
        for i, entity in enumerate(spec.entities):
            outside = np.zeros(len(chosen), dtype=bool)
            if entity.active_from is not None:
                outside |= day[mask] < _days(entity.active_from)
            if entity.active_to is not None:
                outside |= day[mask] > _days(entity.active_to)
            chosen = np.where((chosen == i) & outside, fallback, chosen)
        entity_index[mask] = offset + chosen
    entity_names_arr = np.array(entity_names, dtype=object)
    entity_kind = np.array(entity_kinds, dtype=object)[entity_index]

    context = np.zeros(count, dtype=np.int64)
    for kind, weights in CONTEXT_WEIGHTS.items():
        mask = entity_kind == kind
        context[mask] = _pick(rng, weights, int(mask.sum()))
    context_name = np.array(CONTEXTS, dtype=object)[context]

    actor = np.zeros(count, dtype=np.int64)
    for c, name in enumerate(CONTEXTS):
        mask = context == c
        actor[mask] = _pick(rng, ACTOR_WEIGHTS[name], int(mask.sum()))
    actor_name = np.array(ACTOR_TYPES, dtype=object)[actor]
    seized_from = np.full(count, "", dtype=object)
    for a, name in enumerate(ACTOR_TYPES):
        mask = actor == a
        options = np.array(SEIZED_FROM[name], dtype=object)
        seized_from[mask] = options[rng.integers(0, len(options), int(mask.sum()))]
    haiti_gang = (places.iso3[place] == "HTI") & (actor_name == "non_state_armed_group")
    seized_from[haiti_gang] = "armed gang"

    # Where: exact points a few km around the town, approximate ones at the town, or only the
    # admin1 area or the country.
    precision = np.array(["exact", "approximate", "admin1", "country"], dtype=object)[
        _pick(rng, (68, 22, 7, 3), count)
    ]
    lat0, lon0 = places.lat[place], places.lon[place]
    sigma_km = np.where(precision == "exact", 2.5, 0.8)
    north = np.clip(rng.normal(0, 1, count), -3, 3) * sigma_km / 111.32
    east = np.clip(rng.normal(0, 1, count), -3, 3) * sigma_km
    east = east / (111.32 * np.cos(np.radians(lat0)))
    lat = np.round(lat0 + north, 4)
    lon = np.round(lon0 + east, 4)
    approximate = precision == "approximate"
    lat[approximate] = np.round(lat[approximate], 2)
    lon[approximate] = np.round(lon[approximate], 2)
    no_point = (precision == "admin1") | (precision == "country")
    lat[no_point] = np.nan
    lon[no_point] = np.nan
    admin1 = places.admin1[place].copy()
    admin1[precision == "country"] = ""
    location_name = places.name[place].copy()
    location_name[no_point] = ""

    date_precision = np.array(["day", "month", "year"], dtype=object)[_pick(rng, (88, 9, 3), count)]
    classification = np.array(CLASSIFICATIONS, dtype=object)[
        _pick(rng, CLASSIFICATION_WEIGHTS, count)
    ]
    iso3 = places.iso3[place]
    event_id = np.array(
        [f"SYN-{code}-{n:06d}" for code, n in zip(iso3, range(1, count + 1), strict=True)],
        dtype=object,
    )
    return {
        "event_id": event_id,
        "day": day,
        "date_precision": date_precision,
        "territory": territory,
        "country_iso3": iso3,
        "admin1": admin1,
        "location_name": location_name,
        "place": place,
        "latitude": lat,
        "longitude": lon,
        "location_precision": precision,
        "context": context_name,
        "seized_from": seized_from,
        "actor_type": actor_name,
        "entity": entity_index,
        "entity_names": entity_names_arr,
        "entity_kind": entity_kind,
        "classification": classification,
    }


def _item_lines(
    rng: np.random.Generator, events: dict[str, np.ndarray], fresh_year: dict[str, int]
) -> dict[str, np.ndarray]:
    count = len(events["event_id"])
    # Contexts as codes (index into CONTEXTS): comparing a million strings is slow.
    event_context = np.array([CONTEXTS.index(c) for c in events["context"]], dtype=np.int64)
    mean = np.array([LINES_PER_EVENT[c] for c in CONTEXTS])[event_context]
    # Negative binomial with shape 1.5: most events small, a long tail of large caches.
    shape = 1.5
    extra = rng.negative_binomial(shape, shape / (shape + mean - 1.0))
    per_event = 1 + extra
    event = np.repeat(np.arange(count), per_event)
    n = len(event)
    context = event_context[event]

    kind = np.zeros(n, dtype=np.int64)
    for code, name in enumerate(CONTEXTS):
        mask = context == code
        kind[mask] = _pick(rng, ITEM_KIND_WEIGHTS.get(name, DEFAULT_ITEM_KIND_WEIGHTS), mask.sum())
    kind_name = np.array(ITEM_KINDS, dtype=object)[kind]

    territory = events["territory"][event]
    event_year = _years(events["day"][event])
    starts = np.array([fresh_year[t.iso3] for t in TERRITORIES])
    start_year = starts[territory]
    can_be_fresh = event_year > start_year
    share = np.array([t.fresh_share for t in TERRITORIES])[territory]
    fresh = (rng.random(n) < share) & can_be_fresh

    out = {
        "event": event,
        "item_kind": kind_name,
        "weapon_category": np.full(n, "", dtype=object),
        "manufacturer": np.full(n, "", dtype=object),
        "model": np.full(n, "", dtype=object),
        "calibre": np.full(n, "", dtype=object),
        "serial_number": np.full(n, "", dtype=object),
        "markings": np.full(n, "", dtype=object),
        "country_of_manufacture": np.full(n, "", dtype=object),
        "year_of_manufacture": np.zeros(n, dtype=np.int64),  # 0: not known
        "headstamp_factory": np.full(n, "", dtype=object),
        "headstamp_year": np.zeros(n, dtype=np.int64),
        "lot_number": np.full(n, "", dtype=object),
        "quantity": np.ones(n, dtype=np.int64),
        "unit": np.full(n, "items", dtype=object),
        "verification": np.array(VERIFICATIONS, dtype=object)[_pick(rng, VERIFICATION_WEIGHTS, n)],
        "copy_of": np.full(n, -1, dtype=np.int64),  # line index of the first sighting
        "transfer_ref": np.full(n, "", dtype=object),
    }

    weapon = kind_name == "weapon"
    _weapons(rng, out, weapon, territory, fresh, event_year, start_year, starts)
    ammunition = kind_name == "ammunition"
    _ammunition(rng, out, ammunition, territory, fresh, event_year, start_year, starts, context)
    _other_items(rng, out, kind_name)
    return out


def _choose_by_territory(
    rng: np.random.Generator,
    rows: np.ndarray,
    territory: np.ndarray,
    fresh: np.ndarray,
    weights_for,
) -> np.ndarray:
    """For each row, an index into a catalogue, drawn with the weights of its territory and
    whether the row is fresh supply; `weights_for(territory, fresh)` gives the weights."""
    choice = np.zeros(len(rows), dtype=np.int64)
    for t in range(len(TERRITORIES)):
        for is_fresh in (False, True):
            mask = (territory[rows] == t) & (fresh[rows] == is_fresh)
            if mask.any():
                choice[mask] = _pick(rng, weights_for(t, is_fresh), int(mask.sum()))
    return choice


def _year_between(rng, first, last, fresh, event_year, start_year) -> np.ndarray:
    low = np.where(fresh, np.maximum(first, start_year + 1), first)
    high = np.where(fresh, np.minimum(last, event_year), np.minimum(last, start_year))
    high = np.minimum(high, event_year)
    year = low + np.floor(rng.random(len(low)) * (high - low + 1)).astype(np.int64)
    return np.where(low <= high, year, 0)


def _weapons(rng, out, weapon, territory, fresh, event_year, start_year, starts) -> None:
    rows = np.flatnonzero(weapon)

    def weights_for(t: int, is_fresh: bool) -> list[float]:
        armoury = ARMOURIES[TERRITORIES[t].armoury]
        start = starts[t]
        weights = []
        for w in WEAPONS:
            feasible = w.last_year > start if is_fresh else w.first_year <= start
            weights.append(armoury.get(w.key, 0) if feasible else 0)
        if sum(weights) == 0:  # nothing of this armoury fits: any feasible weapon will do
            weights = [1.0 if (w.last_year > start if is_fresh else True) else 0 for w in WEAPONS]
        return weights

    choice = _choose_by_territory(rng, rows, territory, fresh, weights_for)
    first = np.array([w.first_year for w in WEAPONS])[choice]
    last = np.array([w.last_year for w in WEAPONS])[choice]
    year = _year_between(rng, first, last, fresh[rows], event_year[rows], start_year[rows])
    year[rng.random(len(rows)) < 0.12] = 0  # year not marked or not legible
    out["year_of_manufacture"][rows] = year

    def field(name: str) -> np.ndarray:
        return np.array([getattr(w, name) for w in WEAPONS], dtype=object)[choice]

    out["weapon_category"][rows] = field("category")
    out["manufacturer"][rows] = field("manufacturer")
    out["model"][rows] = field("model")
    out["calibre"][rows] = field("calibre")
    out["country_of_manufacture"][rows] = field("country")
    markings = field("markings")
    serial_format = np.array([SERIAL_FORMATS.index(w.serial_format) for w in WEAPONS])[choice]
    serial = format_serials(serial_format, np.arange(len(rows)) + 7_777_777, year)
    obliterated = rng.random(len(rows)) < 0.06
    serial[obliterated] = ""
    markings[obliterated] = (
        pl.Series(markings[obliterated], dtype=pl.String) + "; serial number ground off"
    ).to_numpy()
    out["serial_number"][rows] = serial
    out["markings"][rows] = markings


def _ammunition(
    rng, out, ammunition, territory, fresh, event_year, start_year, starts, context
) -> None:
    rows = np.flatnonzero(ammunition)

    def weights_for(t: int, is_fresh: bool) -> list[float]:
        mix = CALIBRE_MIX[TERRITORIES[t].armoury]
        start = starts[t]
        weights = []
        for cartridge in CARTRIDGES:
            feasible = cartridge.last_year > start if is_fresh else cartridge.first_year <= start
            same = [
                c.weight
                for c in CARTRIDGES
                if c.calibre == cartridge.calibre
                and (c.last_year > start if is_fresh else c.first_year <= start)
            ]
            share = mix.get(cartridge.calibre, 0) / sum(same) if feasible and same else 0
            weights.append(share * cartridge.weight)
        if sum(weights) == 0:
            weights = [c.weight for c in CARTRIDGES]
        return weights

    choice = _choose_by_territory(rng, rows, territory, fresh, weights_for)
    first = np.array([c.first_year for c in CARTRIDGES])[choice]
    last = np.array([c.last_year for c in CARTRIDGES])[choice]
    year = _year_between(rng, first, last, fresh[rows], event_year[rows], start_year[rows])
    headstamp = np.array([c.headstamp for c in CARTRIDGES], dtype=object)[choice]
    # A round whose year does not fit (rare): the latest year the factory could have made it.
    year = np.where(year > 0, year, np.minimum(last, event_year[rows]))
    out["calibre"][rows] = np.array([c.calibre for c in CARTRIDGES], dtype=object)[choice]
    out["country_of_manufacture"][rows] = np.array([c.country for c in CARTRIDGES], dtype=object)[
        choice
    ]
    out["headstamp_factory"][rows] = headstamp
    out["headstamp_year"][rows] = year
    yy = _digits(year % 100, 2)
    stamp = pl.Series(headstamp, dtype=pl.String)
    out["markings"][rows] = ("headstamp " + stamp + " / " + yy).to_numpy()
    lot = _digits(rng.integers(1, 400, len(rows)), 3)
    lot_number = (stamp + "-" + yy + "-" + lot).to_numpy()
    lot_number[rng.random(len(rows)) < 0.35] = ""  # loose rounds: no packaging, no lot
    out["lot_number"][rows] = lot_number
    large = np.isin(context[rows], [CONTEXTS.index("border_interdiction"), CONTEXTS.index("cache")])
    median = np.where(large, 1200.0, 60.0)
    rounds = np.exp(np.log(median) + rng.normal(0, 1.1, len(rows)))
    out["quantity"][rows] = np.clip(np.round(rounds), 1, 250_000).astype(np.int64)
    out["unit"][rows] = "rounds"


def _other_items(rng, out, kind_name) -> None:
    rows = np.flatnonzero(kind_name == "explosive")
    pick = rng.integers(0, len(EXPLOSIVES), len(rows))
    spec = np.array(EXPLOSIVES, dtype=object)
    out["model"][rows] = spec[pick, 0]
    out["calibre"][rows] = spec[pick, 1]
    out["manufacturer"][rows] = spec[pick, 2]
    out["country_of_manufacture"][rows] = spec[pick, 3]
    unit = spec[pick, 4]
    out["unit"][rows] = unit
    out["quantity"][rows] = np.where(
        unit == "kg", rng.integers(1, 60, len(rows)), rng.integers(1, 25, len(rows))
    )

    rows = np.flatnonzero(kind_name == "part")
    pick = rng.integers(0, len(PARTS), len(rows))
    out["model"][rows] = np.array([p[0] for p in PARTS], dtype=object)[pick]
    out["calibre"][rows] = np.array([p[1] for p in PARTS], dtype=object)[pick]
    out["quantity"][rows] = rng.integers(1, 40, len(rows))

    rows = np.flatnonzero(kind_name == "other")
    out["model"][rows] = np.array(OTHER_ITEMS, dtype=object)[
        rng.integers(0, len(OTHER_ITEMS), len(rows))
    ]
    out["quantity"][rows] = rng.integers(1, 12, len(rows))


def _columns(rows: list[dict], like: Columns) -> Columns:
    """Rows (dicts) as columns with the dtypes of `like`."""
    return {
        key: np.array([row[key] for row in rows], dtype=values.dtype)
        for key, values in like.items()
        if key != "entity_names"
    }


def _concatenate(*parts: tuple[Columns, Columns]) -> tuple[Columns, Columns]:
    """Events and lines of several parts as one set (the first part holds entity_names)."""
    events = {
        key: values if key == "entity_names" else np.concatenate([p[0][key] for p in parts])
        for key, values in parts[0][0].items()
    }
    lines = {key: np.concatenate([p[1][key] for p in parts]) for key in parts[0][1]}
    return events, lines


def _register_links(
    rng, places: Places, events: Columns, lines: Columns, deals: dict, first_event: int
) -> tuple[Columns, Columns]:
    """Major items delivered in the synthetic transfer register that turn up again in the field,
    documented by the panel of the territory: their traces name the register line."""
    scenario = [d for d in deals.values() if d.deal_id.startswith("DEMO-S")]
    regular = [d for d in deals.values() if not d.deal_id.startswith("DEMO-S")]

    def usable(deal) -> bool:
        return (
            deal.recipient in REGISTER_RECIPIENTS
            and deal.weapon[0] in RECOVERABLE
            and bool(deal.deliveries)
            and deal.deliveries[0][0] >= 1995
        )

    chosen = [d for d in scenario if usable(d)]
    chosen += [d for d in regular if usable(d) and d.deliveries[0][0] >= 2005][
        :MAX_RANDOM_REGISTER_LINKS
    ]
    territory_of = {t.iso3: i for i, t in enumerate(TERRITORIES)}
    names = list(events["entity_names"])
    new_events, new_lines = [], []
    for number, deal in enumerate(chosen):
        iso3 = REGISTER_RECIPIENTS[deal.recipient]
        t = territory_of[iso3]
        spec = TERRITORIES[t]
        delivered = deal.deliveries[0][0]
        year = min(max(delivered + int(rng.integers(1, 5)), 2015), LAST_DAY.year)
        day = _days(dt.date(year, 1, 1)) + int(rng.integers(0, 300))
        day = min(day, _days(LAST_DAY))
        candidates = np.flatnonzero(places.iso3 == iso3)
        place = int(candidates[rng.integers(0, len(candidates))])
        entity = next(
            (
                e
                for e in spec.entities
                if e.kind == "panel"
                and (e.active_from is None or _days(e.active_from) <= day)
                and (e.active_to is None or _days(e.active_to) >= day)
            ),
            next(e for e in spec.entities if e.kind == "national"),
        )
        category, manufacturer, new_country = RECOVERABLE[deal.weapon[0]]
        supplier = REGISTER_SUPPLIERS.get(deal.supplier, "")
        new_built = supplier == new_country
        made = deal.order_year - int(rng.integers(0, 2)) if new_built else 1976 + number % 14
        country = new_country if new_built or new_country == "USA" else "SUN"
        event_index = first_event + len(new_events)
        new_events.append(
            {
                "event_id": f"SYN-{iso3}-L{number + 1:05d}",
                "day": day,
                "date_precision": "day",
                "territory": t,
                "country_iso3": iso3,
                "admin1": places.admin1[place],
                "location_name": places.name[place],
                "place": place,
                "latitude": round(places.lat[place] + float(rng.normal(0, 0.02)), 4),
                "longitude": round(places.lon[place] + float(rng.normal(0, 0.02)), 4),
                "location_precision": "exact",
                "context": "battlefield_capture" if number % 3 else "recovery",
                "seized_from": "armed group",
                "actor_type": "non_state_armed_group",
                "entity": names.index(entity.name),
                "entity_kind": entity.kind,
                "classification": "confidential",
            }
        )
        new_lines.append(
            {
                "event": event_index,
                "item_kind": "weapon",
                "weapon_category": category,
                "manufacturer": manufacturer,
                "model": deal.weapon[0],
                "calibre": "",
                "serial_number": f"No. {made % 100:02d}{number + 1:03d}{deal.order_year % 97:02d}",
                "markings": "factory plate; lot and year stencilled",
                "country_of_manufacture": country,
                "year_of_manufacture": made,
                "headstamp_factory": "",
                "headstamp_year": 0,
                "lot_number": "",
                "quantity": 1,
                "unit": "items",
                "verification": "confirmed",
                "copy_of": -1,
                "transfer_ref": deal.deal_id,
            }
        )
    return _columns(new_events, events), _columns(new_lines, lines)


def _second_sightings(
    rng, events: Columns, lines: Columns, first_event: int
) -> tuple[Columns, Columns]:
    """Items documented again by a different entity (a panel inspecting materiel a national
    authority holds, a mission recording what a panel saw): same serial, maker and model, the
    serial written differently in every other case."""
    serialised = (lines["item_kind"] == "weapon") & (lines["serial_number"] != "")
    serialised &= lines["transfer_ref"] == ""
    count = len(events["event_id"])
    territory = events["territory"]
    many = np.array([len(t.entities) > 1 for t in TERRITORIES])[territory]
    has_serial = np.bincount(lines["event"][serialised], minlength=count) > 0
    late_enough = events["day"] <= _days(LAST_DAY) - 30
    candidates = np.flatnonzero(many & has_serial & late_enough)
    wanted = min(len(candidates), max(4, round(0.02 * count)))
    sources = np.sort(rng.choice(candidates, size=wanted, replace=False))
    days = np.minimum(events["day"][sources] + rng.integers(15, 240, wanted), _days(LAST_DAY))

    names = list(events["entity_names"])
    kept, entity, kind = [], [], []
    for source, day in zip(sources, days, strict=True):
        spec = TERRITORIES[territory[source]]
        current = events["entity_names"][events["entity"][source]]
        others = [
            e
            for e in spec.entities
            if e.name != current
            and (e.active_from is None or _days(e.active_from) <= day)
            and (e.active_to is None or _days(e.active_to) >= day)
        ]
        if others:
            other = next((e for e in others if e.kind == "panel"), others[0])
            kept.append(len(entity))
            entity.append(names.index(other.name))
            kind.append(other.kind)
    sources, days = sources[kept], days[kept]
    new_count = len(sources)

    copied = {key: values[sources] for key, values in events.items() if key != "entity_names"}
    iso3 = events["country_iso3"][sources]
    copied["event_id"] = np.array(
        [f"SYN-{code}-D{n:05d}" for code, n in zip(iso3, range(1, new_count + 1), strict=True)],
        dtype=object,
    )
    copied["day"] = days
    copied["date_precision"] = np.full(new_count, "day", dtype=object)
    copied["entity"] = np.array(entity, dtype=np.int64)
    copied["entity_kind"] = np.array(kind, dtype=object)
    copied["context"] = np.where(copied["entity_kind"] == "panel", "seizure", copied["context"])

    # One to four serial-numbered weapons of each source event are seen again.
    new_index = np.full(count, -1, dtype=np.int64)
    new_index[sources] = first_event + np.arange(new_count)
    limit = np.zeros(count, dtype=np.int64)
    limit[sources] = rng.integers(1, 5, new_count)
    candidate_lines = np.flatnonzero(serialised & (new_index[lines["event"]] >= 0))
    event_of = lines["event"][candidate_lines]
    _, first, inverse = np.unique(event_of, return_index=True, return_inverse=True)
    rank = np.arange(len(candidate_lines)) - first[inverse]
    take = candidate_lines[rank < limit[event_of]]
    copies = {key: values[take] for key, values in lines.items()}
    copies["event"] = new_index[lines["event"][take]]
    copies["copy_of"] = take
    copies["verification"] = np.full(len(take), "confirmed", dtype=object)
    serial = copies["serial_number"].copy()
    for i in range(0, len(take), 2):  # every other copy: the serial written differently
        serial[i] = rewrite_serial(str(serial[i]), i // 2)
    copies["serial_number"] = serial
    return copied, copies


def _source_documents(rng, events) -> tuple[pl.Series, pl.Series]:
    """Synthetic document references: each entity's events of a year are reported in documents
    of about a dozen events, numbered SYN/<year>/<nnn> across entities within the year; and the
    paragraph or annex of the document (none for some national reports)."""
    frame = pl.DataFrame(
        {
            "row": np.arange(len(events["event_id"])),
            "entity": events["entity"],
            "year": _years(events["day"]),
            "day": events["day"],
        }
    )
    number = (
        frame.sort(["year", "entity", "day", "row"])
        .with_columns(
            (pl.col("entity") * 1_000_000 + pl.int_range(pl.len()).over(["year", "entity"]) // 12)
            .rank("dense")
            .over("year")
            .alias("number")
        )
        .sort("row")
        .select(
            pl.format("SYN/{}/{}", pl.col("year"), pl.col("number").cast(pl.String).str.zfill(3))
        )
        .to_series()
    )
    kind = events["entity_kind"]
    n = len(kind)
    use_annex = (kind == "panel") & (rng.random(n) < 0.5)
    none = np.isin(kind, ("national", "maritime", "customs")) & (rng.random(n) < 0.5)
    paragraph = pl.select(
        pl.when(pl.Series(none))
        .then(None)
        .when(pl.Series(use_annex))
        .then("annex " + pl.Series(rng.integers(1, 60, n)).cast(pl.String))
        .otherwise(pl.Series(rng.integers(8, 190, n)).cast(pl.String))
    ).to_series()
    return number, paragraph


def _text_series(values: np.ndarray) -> pl.Series:
    """A string column from an object array of str, "" becoming null (fast path: no copy to a
    fixed-width numpy string array)."""
    series = pl.Series(values, dtype=pl.String)
    return series.set(series == "", None) if len(series) else series


def _date_text(days: np.ndarray, precision: np.ndarray) -> np.ndarray:
    text = np.datetime_as_string(_dates(days), unit="D").astype(object)
    month = precision == "month"
    year = precision == "year"
    text[month] = np.array([value[:7] for value in text[month]], dtype=object)
    text[year] = np.array([value[:4] for value in text[year]], dtype=object)
    return text


def _seizure_table(events, lines) -> pl.DataFrame:
    rng = np.random.default_rng(SEED + 1)
    documents, paragraphs = _source_documents(rng, events)
    # Events in date order, each with its lines in documentation order; the events made from the
    # register and the second sightings come last, as reports appended to the file.
    e = lines["event"]

    def text(values: np.ndarray) -> pl.Series:
        return _text_series(values)

    def nullable_year(values: np.ndarray) -> pl.Series:
        return pl.Series(values).replace(0, None).cast(pl.Int32)

    event_frame = pl.DataFrame(
        {
            "event_id": text(events["event_id"]),
            "event_date": text(_date_text(events["day"], events["date_precision"])),
            "date_precision": text(events["date_precision"]),
            "country_iso3": text(events["country_iso3"]),
            "admin1": text(events["admin1"]),
            "location_name": text(events["location_name"]),
            "latitude": pl.Series(events["latitude"]).fill_nan(None),
            "longitude": pl.Series(events["longitude"]).fill_nan(None),
            "location_precision": text(events["location_precision"]),
            "context": text(events["context"]),
            "seized_from": text(events["seized_from"]),
            "actor_type": text(events["actor_type"]),
            "reporting_entity": text(events["entity_names"][events["entity"]]),
            "source_document": documents,
            "source_paragraph": paragraphs,
            "classification": text(events["classification"]),
        }
    )
    line_frame = pl.DataFrame(
        {
            "item_kind": text(lines["item_kind"]),
            "weapon_category": text(lines["weapon_category"]),
            "manufacturer": text(lines["manufacturer"]),
            "model": text(lines["model"]),
            "calibre": text(lines["calibre"]),
            "serial_number": text(lines["serial_number"]),
            "markings": text(lines["markings"]),
            "country_of_manufacture": text(lines["country_of_manufacture"]),
            "year_of_manufacture": nullable_year(lines["year_of_manufacture"]),
            "headstamp_factory": text(lines["headstamp_factory"]),
            "headstamp_year": nullable_year(lines["headstamp_year"]),
            "lot_number": text(lines["lot_number"]),
            "quantity": pl.Series(lines["quantity"]),
            "unit": text(lines["unit"]),
            "verification": text(lines["verification"]),
        }
    ).with_columns(notes=pl.lit(NOTE))
    return pl.concat([event_frame[e], line_frame], how="horizontal").select(SEIZURE_COLUMNS)


def _traces(rng, events, lines, deals: dict) -> pl.DataFrame:
    weapon = (lines["item_kind"] == "weapon") & (lines["serial_number"] != "")
    original = lines["copy_of"] < 0
    event = lines["event"]
    kind = events["entity_kind"][event]
    share = np.where(np.isin(kind, ("panel", "jmac")), 0.30, 0.10)
    linked = lines["transfer_ref"] != ""
    chosen = np.flatnonzero(weapon & original & ((rng.random(len(event)) < share) | linked))
    n = len(chosen)
    e = event[chosen]
    as_of = _days(AS_OF)
    sent = events["day"][e] + rng.integers(14, 240, n)
    keep = sent < as_of
    chosen, e, sent = chosen[keep], e[keep], sent[keep]
    n = len(chosen)

    country = lines["country_of_manufacture"][chosen]
    state = np.array([SUCCESSOR.get(c, c) for c in country], dtype=object)
    to_maker = rng.random(n) < 0.3
    addressed = np.where(to_maker, lines["manufacturer"][chosen], state)
    ref = lines["transfer_ref"][chosen]
    is_link = ref != ""
    for i in np.flatnonzero(is_link):
        addressed[i] = REGISTER_SUPPLIERS.get(deals[ref[i]].supplier, addressed[i])

    status = np.array(TRACE_STATUSES, dtype=object)[_pick(rng, TRACE_STATUS_WEIGHTS, n)]
    # Delays: median about four and a half months, long tail past two years.
    delay = np.round(np.exp(np.log(135) + rng.normal(0, 0.75, n))).astype(np.int64)
    response = sent + delay
    answered = np.isin(status, ("responded", "partial", "declined"))
    late = answered & (response >= as_of)
    status[late] = "pending"
    status[(status == "no_response") & (sent > as_of - 365)] = "pending"
    recipient_state = np.array(
        [REGISTER_RECIPIENTS.get(deals[r].recipient, "") if r else "" for r in ref],
        dtype=object,
    )
    non_state = np.array(
        [deals[r].recipient.endswith("*") if r else False for r in ref], dtype=bool
    )
    status[is_link & ~non_state] = "responded"
    status[is_link & non_state] = "declined"
    response[is_link] = np.minimum(sent[is_link] + 120, as_of - 1)
    has_response = np.isin(status, ("responded", "partial", "declined"))

    territory = events["territory"][e]
    recipient = np.full(n, "", dtype=object)
    for t, spec in enumerate(TERRITORIES):
        mask = territory == t
        options = LAST_LEGAL_RECIPIENTS[spec.iso3]
        codes = np.array([code for code, _ in options], dtype=object)
        recipient[mask] = codes[_pick(rng, [w for _, w in options], int(mask.sum()))]
    recipient[is_link] = recipient_state[is_link]
    informative = np.isin(status, ("responded", "partial"))
    recipient[~informative] = ""
    recipient_entity = np.where(
        recipient != "",
        np.char.add(np.char.add("Ministry of Defence of ", recipient.astype(str)), " (synthetic)"),
        "",
    ).astype(object)
    haiti_market = informative & (recipient == "USA")
    recipient_entity[haiti_market] = "licensed civilian dealer (synthetic)"
    recipient_entity[(status == "partial") & (rng.random(n) < 0.5)] = ""

    event_year = _years(events["day"][e])
    made = lines["year_of_manufacture"][chosen]
    base = np.where(made > 0, made, event_year - 12)
    transfer_year = np.minimum(base + rng.integers(0, 9, n), event_year - 1)
    transfer_year = np.maximum(transfer_year, base)
    for i in np.flatnonzero(is_link):
        transfer_year[i] = deals[ref[i]].deliveries[0][0]
    transfer_year[~informative] = 0
    diversion = np.array(DIVERSION_POINTS, dtype=object)[rng.integers(0, len(DIVERSION_POINTS), n)]
    diversion[haiti_market] = "sale on the civilian market, then smuggled"
    diversion[~informative | ((status == "partial") & (rng.random(n) < 0.5))] = ""
    diversion[is_link & ~non_state] = "after delivery to the government: loss from stockpile"
    notes = np.full(n, NOTE, dtype=object)
    notes[is_link & non_state] = (
        f"{NOTE}; panel matched the item to the register line, exporting State declined to confirm"
    )
    notes[is_link & ~non_state] = f"{NOTE}; exporting State confirmed the register line"
    requesting = events["entity_names"][events["entity"][e]]
    classification = np.where(is_link, "confidential", events["classification"][e]).astype(object)

    def text(values) -> pl.Series:
        return _text_series(np.asarray(values, dtype=object))

    def date_or_null(days: np.ndarray, present: np.ndarray) -> pl.Series:
        text_dates = np.datetime_as_string(_dates(days), unit="D").astype(object)
        text_dates[~present] = ""
        return text(text_dates)

    order = np.lexsort((chosen, sent))
    frame = pl.DataFrame(
        {
            "event_id": text(events["event_id"][e]),
            "serial_number": text(lines["serial_number"][chosen]),
            "requesting_entity": text(requesting),
            "addressed_to": text(addressed),
            "date_sent": date_or_null(sent, np.ones(n, dtype=bool)),
            "date_response": date_or_null(response, has_response),
            "status": text(status),
            "last_legal_recipient_iso3": text(recipient),
            "last_legal_recipient_entity": text(recipient_entity),
            "transfer_year": pl.Series(transfer_year).replace(0, None).cast(pl.Int32),
            "diversion_point": text(diversion),
            "transfer_ref": text(ref),
            "notes": text(notes),
            "classification": text(classification),
        }
    )[order]
    ids = pl.Series("trace_id", [f"SYN-TR-{i + 1:06d}" for i in range(len(frame))])
    return frame.insert_column(0, ids).select(TRACE_COLUMNS)


def _exemptions(deals: dict) -> pl.DataFrame:
    rows = []
    for deal_id, embargo_id, procedure, decision, submitted, days in REGISTER_NOTIFICATIONS:
        deal = deals[deal_id]
        # A notification covers the deliveries of its year, or of the next one when it comes
        # before them.
        years = [year for year, _ in deal.deliveries]
        year = submitted.year if submitted.year in years else submitted.year + 1
        number = sum(n for delivered, n in deal.deliveries if delivered == year)
        designation, description = deal.weapon[0], deal.weapon[1]
        rows.append(
            (embargo_id, deal.supplier, deal.recipient, submitted, procedure, decision, days,
             demo_transfers.UNROCA_CATEGORY.get(description, "other"), number,
             f"{designation} {description} (synthetic register line {deal_id})")
        )  # fmt: skip
    rows += list(OTHER_NOTIFICATIONS)
    rows.sort(key=lambda row: (row[3], row[1]))
    records = []
    per_year: dict[int, int] = {}
    for embargo_id, state, recipient, submitted, procedure, decision, days, category, quantity, (
        description
    ) in rows:
        per_year[submitted.year] = per_year.get(submitted.year, 0) + 1
        sequence = per_year[submitted.year]
        decided = submitted + dt.timedelta(days=days) if decision != "pending" else None
        records.append(
            {
                "notification_id": f"SYN-NTF-{submitted.year}-{sequence:03d}",
                "embargo_id": embargo_id,
                "submitting_state": state,
                "recipient": recipient,
                "date_submitted": submitted.isoformat(),
                "procedure": procedure,
                "decision": decision,
                "decision_date": decided.isoformat() if decided else None,
                "category": category,
                "quantity": quantity,
                "items_description": description,
                "reference": f"SYN-NTF/{embargo_id.split('-')[1].upper()}/{submitted.year}/"
                f"{sequence:03d}",
                "classification": "restricted",
            }
        )
    return pl.DataFrame(records, schema_overrides={"quantity": pl.Int64}).select(EXEMPTION_COLUMNS)


# The day the later synthetic traces file stands on: a month after the first (AS_OF).
LATER_AS_OF = dt.date(2026, 12, 1)
LATER_NOTE = f"{NOTE}; answer reported in the later file"


def later_traces(traces: pl.DataFrame) -> pl.DataFrame:
    """The later synthetic traces file: what became of the requests still pending on AS_OF, a
    month later, as a requesting entity's next file reports it. Of every five pending requests
    (in trace_id order) one is answered in full with the point of diversion, one in part, one
    with a negative answer, one acknowledged without an answer yet, and one is not in the file
    (still pending). Each answer is dated after AS_OF; the classification is the request's."""
    pending = traces.filter(pl.col("status") == "pending").sort("trace_id")
    first_day = AS_OF + dt.timedelta(days=1)
    rows = []
    for position, request in enumerate(pending.iter_rows(named=True)):
        step = position % 5
        if step == 4:
            continue
        answered_on = first_day + dt.timedelta(days=position % 28)
        row = {**request, "notes": LATER_NOTE}
        if step == 0:
            row |= {"status": "responded", "date_response": answered_on.isoformat(),
                    "diversion_point": "loss from stockpile (synthetic)"}  # fmt: skip
        elif step == 1:
            row |= {"status": "partial", "date_response": answered_on.isoformat()}
        elif step == 2:
            row |= {"status": "negative", "date_response": answered_on.isoformat()}
        else:
            row |= {"status": "acknowledged", "as_of": answered_on.isoformat()}
        rows.append(row)
    header = list(trace_format.FORMAT.header)
    return pl.DataFrame(
        [{name: row.get(name) for name in header} for row in rows],
        schema=dict.fromkeys(header, pl.String),
    )


# --- files and loading -----------------------------------------------------------------------


def write_demo_files(folder: Path, scale: float = 1.0) -> dict[str, Path]:
    """Write the three synthetic files in their real input formats; returns format -> path."""
    demo = generate(scale)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "seizures": folder / "synthetic-seizures.csv",
        "traces": folder / "synthetic-traces.csv",
        "exemptions": folder / "synthetic-exemptions.csv",
        "traces-later": folder / "synthetic-traces-later.csv",
    }
    demo.seizures.write_csv(paths["seizures"], float_precision=4)
    demo.traces.write_csv(paths["traces"])
    demo.exemptions.write_csv(paths["exemptions"])
    later_traces(demo.traces).write_csv(paths["traces-later"])
    return paths


SOURCE_IDS = {
    "seizures": "demo_seizures",
    "traces": "demo_traces",
    "exemptions": "demo_exemptions",
    "traces-later": "demo_traces",
}
# The files in load order, with their format: the later traces file after the first.
LOAD_ORDER = (
    ("seizures", "seizures"),
    ("traces", "traces"),
    ("exemptions", "exemptions"),
    ("traces-later", "traces"),
)


def load_demo_seizures(con: duckdb.DuckDBPyConnection, scale: float = 1.0) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = write_demo_files(Path(folder), scale)
        for name, format_name in LOAD_ORDER:
            report = ingest_into(con, paths[name], format_name, source_id=SOURCE_IDS[name])
            if report.status not in ("loaded", "already_loaded"):
                raise RuntimeError(f"synthetic {name} set did not load: {report.message}")
            if report.rows_rejected:
                raise RuntimeError(
                    f"synthetic {name} set: {report.rows_rejected} rows rejected "
                    f"(load {report.load_id}); the generator must write valid rows"
                )


def main(argv: list[str] | None = None) -> None:
    """Write the synthetic files to a folder (for benchmarks): python -m demo.seizures"""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    paths = write_demo_files(args.folder, args.scale)
    seconds = time.perf_counter() - started
    with paths["seizures"].open("rb") as handle:
        lines = sum(1 for _ in handle) - 1
    print(
        f"{lines} item lines in {seconds:.2f} s ({lines / seconds:,.0f} lines/s); "
        + ", ".join(str(path) for path in paths.values())
    )


if __name__ == "__main__":
    main()
