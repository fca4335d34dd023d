"""The row rules of the `seizures` format: relations between the columns of one line, each a
function returning a Reject (naming the column and what to write instead) or None."""

from __future__ import annotations

from ingest.kit.validation import Reject, RowRule, raw_of
from ingest.sources.seizures.columns import DATE_PRECISIONS


def date_matches_precision(row: dict) -> Reject | None:
    date, precision = row["event_date"], row["date_precision"]
    first = date.first_day
    fits = (
        date.written == precision
        or (precision == "month" and date.written == "day" and first.day == 1)
        or (precision == "year" and date.written == "day" and (first.month, first.day) == (1, 1))
    )
    if fits:
        return None
    if DATE_PRECISIONS.index(date.written) < DATE_PRECISIONS.index(precision):
        how = f"is more precise than date_precision {precision}"
    else:
        how = f"is less precise than date_precision {precision}"
    return Reject(
        row["_row_number"],
        "event_date",
        raw_of(row, "event_date"),
        f"event_date {date.text} {how}: write YYYY-MM-DD for day, YYYY-MM for month, YYYY for "
        "year, or change date_precision",
    )


def coordinates_in_pairs(row: dict) -> Reject | None:
    latitude, longitude = row["latitude"], row["longitude"]
    if (latitude is None) != (longitude is None):
        given, missing = ("latitude", "longitude")
        if latitude is None:
            given, missing = missing, given
        return Reject(
            row["_row_number"],
            given,
            raw_of(row, given),
            f"{given} given without {missing}: give both or neither",
        )
    return None


def not_null_island(row: dict) -> Reject | None:
    """0, 0 is what a blank coordinate becomes in many tools, not where anything was found."""
    if row["latitude"] == 0 and row["longitude"] == 0:
        return Reject(
            row["_row_number"],
            "latitude",
            raw_of(row, "latitude"),
            "latitude 0 and longitude 0 is a placeholder, not a place in the Gulf of Guinea: "
            "leave both empty when the coordinates are unknown",
        )
    return None


def exact_location_has_coordinates(row: dict) -> Reject | None:
    if row["location_precision"] == "exact" and row["latitude"] is None:
        return Reject(
            row["_row_number"],
            "location_precision",
            raw_of(row, "location_precision"),
            "location_precision exact needs latitude and longitude",
        )
    return None


def weapon_has_category(row: dict) -> Reject | None:
    if row["item_kind"] == "weapon" and row["weapon_category"] is None:
        return Reject(
            row["_row_number"],
            "weapon_category",
            "",
            "weapon_category is required for item_kind weapon",
        )
    return None


def weapon_counted_in_items(row: dict) -> Reject | None:
    if row["item_kind"] == "weapon" and row["unit"] != "items":
        return Reject(
            row["_row_number"],
            "unit",
            raw_of(row, "unit"),
            f"unit {row['unit']} does not count weapons: unit must be items for item_kind weapon",
        )
    return None


def headstamps_only_on_ammunition(row: dict) -> Reject | None:
    if row["item_kind"] == "ammunition":
        return None
    for name in ("headstamp_factory", "headstamp_year"):
        if row[name] is not None:
            return Reject(
                row["_row_number"],
                name,
                raw_of(row, name),
                f"{name} is only for item_kind ammunition (the marks on a cartridge base): put "
                f"the marks of a {row['item_kind']} in markings",
            )
    return None


def ammunition_identified(row: dict) -> Reject | None:
    marks = ("headstamp_factory", "headstamp_year", "lot_number", "markings")
    if row["item_kind"] == "ammunition" and all(row[name] is None for name in marks):
        return Reject(
            row["_row_number"],
            "headstamp_factory",
            "",
            "ammunition needs headstamp_factory, headstamp_year or lot_number as marked; if it "
            "bears no marks, write 'unmarked' in markings",
        )
    return None


def counted_whole(row: dict) -> Reject | None:
    quantity = row["quantity"]
    if row["unit"] in ("items", "rounds") and not quantity.is_integer():
        return Reject(
            row["_row_number"],
            "quantity",
            raw_of(row, "quantity"),
            f"quantity {raw_of(row, 'quantity')} {row['unit']} is not a whole number: only kg "
            "may have decimals",
        )
    return None


def serialised_line_is_one_item(row: dict) -> Reject | None:
    if row["serial_number"] is not None and (row["quantity"], row["unit"]) != (1.0, "items"):
        return Reject(
            row["_row_number"],
            "quantity",
            raw_of(row, "quantity"),
            "a line with a serial_number is one item: quantity must be 1 and unit items (write "
            "one line per serialised item)",
        )
    return None


def made_before_found(row: dict) -> Reject | None:
    found = row["event_date"].first_day.year
    for name in ("year_of_manufacture", "headstamp_year"):
        made = row[name]
        if made is not None and made > found:
            return Reject(
                row["_row_number"],
                name,
                raw_of(row, name),
                f"{name} {made} is after the event_date {row['event_date'].text}: an item cannot "
                "be made after it was found",
            )
    return None


ROW_RULES: tuple[RowRule, ...] = (
    date_matches_precision,
    coordinates_in_pairs,
    not_null_island,
    exact_location_has_coordinates,
    weapon_has_category,
    weapon_counted_in_items,
    headstamps_only_on_ammunition,
    ammunition_identified,
    counted_whole,
    serialised_line_is_one_item,
    made_before_found,
)
