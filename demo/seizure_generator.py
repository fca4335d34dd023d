"""The synthetic seizure events and their item lines (demo.seizures): events drawn around real
towns of the embargoed territories with the scenario's weights (demo.seizure_catalogue), item
lines of weapons, ammunition and other items for each, items of the synthetic transfer register
recovered, second sightings of some items by other entities, and the seizures file's table.
Vectorised (numpy and polars) so the set can be raised to a million item lines."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from demo.seizure_catalogue import (
    ACTOR_TYPES,
    ACTOR_WEIGHTS,
    ARMOURIES,
    CALIBRE_MIX,
    CARTRIDGES,
    CLASSIFICATION_WEIGHTS,
    CLASSIFICATIONS,
    CONTEXT_WEIGHTS,
    CONTEXTS,
    DEFAULT_ITEM_KIND_WEIGHTS,
    EXPLOSIVES,
    FIRST_DAY,
    HOTSPOT_EXPONENT,
    HOTSPOT_SHARE,
    HOTSPOTS,
    ITEM_KIND_WEIGHTS,
    ITEM_KINDS,
    LAST_DAY,
    LINES_PER_EVENT,
    MAX_RANDOM_REGISTER_LINKS,
    NOTE,
    OTHER_ITEMS,
    PARTS,
    PLACE_WEIGHTS,
    RECOVERABLE,
    REGISTER_RECIPIENTS,
    REGISTER_SUPPLIERS,
    SEED,
    SEIZED_FROM,
    SEIZURE_COLUMNS,
    SERIAL_FORMATS,
    TERRITORIES,
    VERIFICATION_WEIGHTS,
    VERIFICATIONS,
    WEAPONS,
    Places,
    digits,
    format_serials,
    rewrite_serial,
)

# --- sampling helpers ------------------------------------------------------------------------


def weighted_pick(rng: np.random.Generator, weights, size: int) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return rng.choice(len(p), size=size, p=p / p.sum())


def day_number(date: dt.date) -> int:
    return (date - dt.date(1970, 1, 1)).days


def dates_of(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]")


def years_of(days: np.ndarray) -> np.ndarray:
    return dates_of(days).astype("datetime64[Y]").astype(int) + 1970


# --- events and item lines ------------------------------------------------------------------


Columns = dict[str, np.ndarray]  # generated events or item lines, one array per column


def draw_events(rng: np.random.Generator, places: Places, count: int) -> dict[str, np.ndarray]:
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

    first, last = day_number(FIRST_DAY), day_number(LAST_DAY)
    surge = round(count * HOTSPOT_SHARE)
    base = count - surge
    place = weighted_pick(rng, weight, base)
    # Documentation grows over the years: skew the base dates slightly towards the present.
    day = first + np.floor((last - first + 1) * rng.random(base) ** 0.85).astype(np.int64)

    names = list(places.name)
    hot_place = np.array([names.index(name) for name, _, _ in HOTSPOTS])
    hot_start = np.array([day_number(start) for _, start, _ in HOTSPOTS])
    hot = weighted_pick(rng, [w for _, _, w in HOTSPOTS], surge)
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
        chosen = weighted_pick(rng, [entity.weight for entity in spec.entities], int(mask.sum()))
        fallback = next(i for i, e in enumerate(spec.entities) if e.kind == "national")
        for i, entity in enumerate(spec.entities):
            outside = np.zeros(len(chosen), dtype=bool)
            if entity.active_from is not None:
                outside |= day[mask] < day_number(entity.active_from)
            if entity.active_to is not None:
                outside |= day[mask] > day_number(entity.active_to)
            chosen = np.where((chosen == i) & outside, fallback, chosen)
        entity_index[mask] = offset + chosen
    entity_names_arr = np.array(entity_names, dtype=object)
    entity_kind = np.array(entity_kinds, dtype=object)[entity_index]

    context = np.zeros(count, dtype=np.int64)
    for kind, weights in CONTEXT_WEIGHTS.items():
        mask = entity_kind == kind
        context[mask] = weighted_pick(rng, weights, int(mask.sum()))
    context_name = np.array(CONTEXTS, dtype=object)[context]

    actor = np.zeros(count, dtype=np.int64)
    for c, name in enumerate(CONTEXTS):
        mask = context == c
        actor[mask] = weighted_pick(rng, ACTOR_WEIGHTS[name], int(mask.sum()))
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
        weighted_pick(rng, (68, 22, 7, 3), count)
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

    date_precision = np.array(["day", "month", "year"], dtype=object)[
        weighted_pick(rng, (88, 9, 3), count)
    ]
    classification = np.array(CLASSIFICATIONS, dtype=object)[
        weighted_pick(rng, CLASSIFICATION_WEIGHTS, count)
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


def draw_item_lines(
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
        kind[mask] = weighted_pick(
            rng, ITEM_KIND_WEIGHTS.get(name, DEFAULT_ITEM_KIND_WEIGHTS), mask.sum()
        )
    kind_name = np.array(ITEM_KINDS, dtype=object)[kind]

    territory = events["territory"][event]
    event_year = years_of(events["day"][event])
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
        "verification": np.array(VERIFICATIONS, dtype=object)[
            weighted_pick(rng, VERIFICATION_WEIGHTS, n)
        ],
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
                choice[mask] = weighted_pick(rng, weights_for(t, is_fresh), int(mask.sum()))
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
    yy = digits(year % 100, 2)
    stamp = pl.Series(headstamp, dtype=pl.String)
    out["markings"][rows] = ("headstamp " + stamp + " / " + yy).to_numpy()
    lot = digits(rng.integers(1, 400, len(rows)), 3)
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


def concatenate_sets(*parts: tuple[Columns, Columns]) -> tuple[Columns, Columns]:
    """Events and lines of several parts as one set (the first part holds entity_names)."""
    events = {
        key: values if key == "entity_names" else np.concatenate([p[0][key] for p in parts])
        for key, values in parts[0][0].items()
    }
    lines = {key: np.concatenate([p[1][key] for p in parts]) for key in parts[0][1]}
    return events, lines


def register_links(
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
        day = day_number(dt.date(year, 1, 1)) + int(rng.integers(0, 300))
        day = min(day, day_number(LAST_DAY))
        candidates = np.flatnonzero(places.iso3 == iso3)
        place = int(candidates[rng.integers(0, len(candidates))])
        entity = next(
            (
                e
                for e in spec.entities
                if e.kind == "panel"
                and (e.active_from is None or day_number(e.active_from) <= day)
                and (e.active_to is None or day_number(e.active_to) >= day)
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


def second_sightings(
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
    late_enough = events["day"] <= day_number(LAST_DAY) - 30
    candidates = np.flatnonzero(many & has_serial & late_enough)
    wanted = min(len(candidates), max(4, round(0.02 * count)))
    sources = np.sort(rng.choice(candidates, size=wanted, replace=False))
    days = np.minimum(events["day"][sources] + rng.integers(15, 240, wanted), day_number(LAST_DAY))

    names = list(events["entity_names"])
    kept, entity, kind = [], [], []
    for source, day in zip(sources, days, strict=True):
        spec = TERRITORIES[territory[source]]
        current = events["entity_names"][events["entity"][source]]
        others = [
            e
            for e in spec.entities
            if e.name != current
            and (e.active_from is None or day_number(e.active_from) <= day)
            and (e.active_to is None or day_number(e.active_to) >= day)
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
            "year": years_of(events["day"]),
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


def text_series(values: np.ndarray) -> pl.Series:
    """A string column from an object array of str, "" becoming null (fast path: no copy to a
    fixed-width numpy string array)."""
    series = pl.Series(values, dtype=pl.String)
    return series.set(series == "", None) if len(series) else series


def _date_text(days: np.ndarray, precision: np.ndarray) -> np.ndarray:
    text = np.datetime_as_string(dates_of(days), unit="D").astype(object)
    month = precision == "month"
    year = precision == "year"
    text[month] = np.array([value[:7] for value in text[month]], dtype=object)
    text[year] = np.array([value[:4] for value in text[year]], dtype=object)
    return text


def seizure_table(events, lines) -> pl.DataFrame:
    rng = np.random.default_rng(SEED + 1)
    documents, paragraphs = _source_documents(rng, events)
    # Events in date order, each with its lines in documentation order; the events made from the
    # register and the second sightings come last, as reports appended to the file.
    e = lines["event"]

    def text(values: np.ndarray) -> pl.Series:
        return text_series(values)

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
