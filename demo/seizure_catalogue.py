"""The scenario of the synthetic seizure set (demo.seizures): who documents what and where
(entities, territories, places and their weights, hotspots), what is found (contexts, item kinds,
weapons and the armouries they come from, cartridges and their calibres, explosives, parts), how
makers mark serial numbers, and what tracing requests and exemption notifications refer to (last
legal recipients, points of diversion, the synthetic register's deliveries). Weights and mixes
are read from demo/catalogues/ and the reference data."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from demo.catalogues import (
    as_number,
    date_or_none,
    mixes,
    read_lines,
    value_weights,
    weighted_values,
)
from embargo.config import REFERENCE_DIR
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


# --- markings -------------------------------------------------------------------------------


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


def digits(values: np.ndarray, width: int) -> pl.Series:
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
            s = digits((c * 7919 + 123457) % 1_000_000, 6)
        elif name == "d7":
            s = digits((c * 7919 + 1234567) % 10_000_000, 7)
        elif name == "d8":
            s = digits((c * 104729 + 13034567) % 100_000_000, 8)
        elif name == "d9":  # year of manufacture, then a running number
            n = (c * 104729 + 3456789) % 10_000_000
            s = digits(np.where(year[mask] > 0, year[mask] % 100, 0), 2) + digits(n, 7)
        elif name == "ll4":
            n = (c * 7919 + 4521) % (23 * 23 * 10_000)
            s = _letters(n // 10_000, 2) + " " + digits(n % 10_000, 4)
        elif name == "ll5":
            n = (c * 7919 + 45210) % (23 * 23 * 100_000)
            s = _letters(n // 100_000, 2) + digits(n % 100_000, 5)
        elif name == "ll6":
            n = (c * 104729 + 452101) % (23 * 23 * 1_000_000)
            s = _letters(n // 1_000_000, 2) + digits(n % 1_000_000, 6)
        elif name == "l3d3":
            n = (c * 7919 + 452) % (23**3 * 1000)
            s = _letters(n // 1000, 3) + digits(n % 1000, 3)
        elif name == "psa":
            s = "SCB" + digits((c * 7919 + 12345) % 1_000_000, 6)
        else:  # rom, Cugir: two letters, four digits, then the year where stamped
            n = (c * 7919 + 3521) % (23 * 23 * 10_000)
            s = _letters(n // 10_000, 2) + "-" + digits(n % 10_000, 4)
            yy = year[mask]
            s = pl.select(
                pl.when(pl.Series(yy > 0)).then(s + "-" + digits(yy % 100, 2)).otherwise(s)
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
