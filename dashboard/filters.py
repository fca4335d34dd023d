"""The place and period filters of the seizure pages (Hotspots, Trends, Tracing, Item search), one
implementation for the four: a country, its admin-1 areas and a town with a radius; a period
chosen as the last 3, 6 or 12 months, all dates, or two dates; and, on the pages that count
seizures, context, category and reporting entity. The choices live in the page's address
(?country=CAF&area=Ouaka&town=Bambari&km=25&period=6m), so a view can be shared and comes back
after sign-in. Also the list of events a map cannot draw (no coordinates) and the words that place
an event (admin-1 area, nearest town in the reader's language)."""

from __future__ import annotations

import calendar
import datetime as dt

import polars as pl
import streamlit as st

from dashboard import queries
from dashboard.choices import choice_key
from dashboard.common import date_input_format, show_table
from dashboard.downloads import table_downloads
from embargo.classification import Classification
from embargo.i18n import N_, _, country_label, format_date, format_number, labels, language
from embargo.python_columns import python_mapped

# Period presets. The last N months end on the sidebar's "as known on" day when one is chosen
# (the day the reader looks back from), else today, and start the day after the same day N months
# before: exactly N months of days, the end day included.
PERIODS = {
    "all": N_("All dates"),
    "3m": N_("Last 3 months"),
    "6m": N_("Last 6 months"),
    "12m": N_("Last 12 months"),
    "dates": N_("Chosen dates"),
}
PRESET_MONTHS = {"3m": 3, "6m": 6, "12m": 12}
# A town's radius: 25 km by default, about the reach of a town's outskirts and the camps and
# checkpoints reported under its name; 1 to 500 km.
DEFAULT_KM = 25.0
MAX_KM = 500.0


def reference_day() -> dt.date:
    """The day the period presets look back from: the sidebar's "as known on" day, else today."""
    return st.session_state.get("known_on") or dt.date.today()


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the month's last day when it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def preset_period(
    preset: str, reference: dt.date, first: dt.date, last: dt.date
) -> tuple[dt.date, dt.date]:
    """The dates a preset stands for: (reference - N months, reference] for the last N months,
    the data's first to last day for all dates."""
    if preset in PRESET_MONTHS:
        return months_before(reference, PRESET_MONTHS[preset]) + dt.timedelta(days=1), reference
    return first, last


# --- the page's address ---------------------------------------------------------------------

# The address holds period, from, to, country, area, town, km, context, category and entity.


def _asked(name: str) -> str | None:
    value = st.query_params.get(name)
    return value if value else None


def _asked_date(name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(_asked(name) or "")
    except ValueError:
        return None


def _seed(widget_key: str, value: object) -> None:
    """Start a widget from the address on the page's first run (afterwards the widget rules)."""
    if widget_key not in st.session_state and value is not None:
        st.session_state[widget_key] = value


def _write_address(values: dict[str, str | list[str] | None]) -> None:
    """The filters into the address, leaving other parameters (a serial, an event) alone."""
    for name, value in values.items():
        if value in (None, "", []):
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get_all(name) != (value if isinstance(value, list) else [value]):
            st.query_params[name] = value


# --- the controls ---------------------------------------------------------------------------


def seizure_filter_controls(
    clearance: Classification, key: str, kinds: bool = True
) -> queries.SeizureFilters:
    """Period, place and (with `kinds`) context, category and reporting-entity filters, in the
    page's address. Hotspots and Trends filter seizure events; Tracing (by the date a request
    was sent) and Item search (the sightings found) take place and period only."""
    options = queries.seizure_filter_options(clearance)
    first = options["dates"]["first_date"][0] or dt.date(2015, 1, 1)
    last = options["dates"]["last_date"][0] or dt.date.today()
    date_from, date_to = _period_controls(key, first, last)
    countries, areas, town = _place_controls(clearance, key)
    contexts = categories = entities = ()
    if kinds:
        values = options["values"]

        def choices(kind: str) -> list[str]:
            return values.filter(values["kind"] == kind)["value"].drop_nulls().to_list()

        for name, kind, address in (
            ("contexts", "context", "context"),
            ("categories", "category", "category"),
            ("entities", "entity", "entity"),
        ):
            wanted = [value for value in st.query_params.get_all(address) if value in choices(kind)]
            _seed(f"{key}_{name}", wanted or None)
        columns = st.columns(3)
        contexts = columns[0].multiselect(
            _("Context"),
            choices("context"),
            format_func=lambda value: labels.value_label("context", value),
            key=choice_key(f"{key}_contexts"),
            placeholder=_("All contexts"),
        )
        categories = columns[1].multiselect(
            _("Category"),
            choices("category"),
            format_func=lambda value: labels.value_label("category", value),
            key=choice_key(f"{key}_categories"),
            placeholder=_("All categories"),
        )
        entities = columns[2].multiselect(
            _("Reporting entity"),
            choices("entity"),
            key=choice_key(f"{key}_entities"),
            placeholder=_("All entities"),
        )
        _write_address(
            {"context": list(contexts), "category": list(categories), "entity": list(entities)}
        )
    near = (town["latitude"], town["longitude"], town["km"]) if town else (None, None, None)
    return queries.SeizureFilters(
        date_from,
        date_to,
        tuple(contexts),
        tuple(categories),
        tuple(entities),
        countries=tuple(countries),
        areas=tuple(areas),
        near_lat=near[0],
        near_lon=near[1],
        near_km=near[2],
    )


def _period_controls(key: str, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    asked = _asked("period")
    _seed(f"{key}_preset", asked if asked in PERIODS else None)
    asked_from, asked_to = _asked_date("from"), _asked_date("to")
    if asked == "dates" and asked_from and asked_to and asked_from <= asked_to:
        _seed(f"{key}_period", (max(asked_from, first), min(asked_to, last)))
    left, right = st.columns([3, 2])
    preset = left.radio(
        _("Period"),
        list(PERIODS),
        format_func=lambda name: _(PERIODS.get(name, name)),
        horizontal=True,
        key=choice_key(f"{key}_preset"),
    )
    if preset == "dates":
        # A widget seeded from the address takes no default (Streamlit warns of both).
        seeded = f"{key}_period" in st.session_state
        period = right.date_input(
            _("From and to"),
            **({} if seeded else {"value": (first, last)}),
            min_value=first,
            max_value=last,
            format=date_input_format(),
            key=f"{key}_period",
        )
        date_from, date_to = period if len(period) == 2 else (first, last)
    else:
        reference = reference_day()
        date_from, date_to = preset_period(preset, reference, first, last)
        words = _("From {start} to {end}").format(
            start=format_date(date_from), end=format_date(date_to)
        )
        if preset in PRESET_MONTHS and st.session_state.get("known_on"):
            words += " " + _(
                "(months counted back from {day}, the day records are read as known on)."
            ).format(day=format_date(reference))
        elif preset in PRESET_MONTHS:
            words += " " + _("(months counted back from today).")
        right.caption(words)
    _write_address(
        {
            "period": None if preset == "all" else preset,
            "from": date_from.isoformat() if preset == "dates" else None,
            "to": date_to.isoformat() if preset == "dates" else None,
        }
    )
    return date_from, date_to


def _place_controls(clearance: Classification, key: str) -> tuple[list[str], list[str], dict]:
    """Country, admin-1 areas and town with radius. Areas are the admin-1 values of the records,
    matched to the Natural Earth layer (seizure_event_places): what the analyst's own reports say,
    in the layer's spelling. Towns come from the layer, with a radius: a JMAC analyst thinks of
    "around Bambari", and field reports name villages, camps and checkpoints the layer does not
    have, so a radius around a known town finds them by their coordinates where a name match
    would miss them (events without coordinates are listed apart, never dropped silently)."""
    places = queries.seizure_place_options(clearance)
    names = {
        row["country_iso3"]: row["country_name"]
        for row in places.unique("country_iso3", maintain_order=True).iter_rows(named=True)
    }
    asked_country = (_asked("country") or "").upper()
    _seed(f"{key}_country", asked_country if asked_country in names else None)
    columns = st.columns([3, 3, 3, 2])
    country = columns[0].selectbox(
        _("Country"),
        # "" for all countries rather than None: a selectbox shows None as no choice at all
        ["", *names],
        format_func=lambda code: (
            _("All countries")
            if not code
            else country_label(code, names.get(code))
            if code in names
            else str(code)
        ),
        key=choice_key(f"{key}_country"),
    )
    areas_here = places.filter(pl.col("country_iso3") == country) if country else places.clear()
    area_names = [name for name in areas_here["admin1_area"].to_list() if name]
    on_layer = dict(zip(areas_here["admin1_area"], areas_here["admin1_on_layer"], strict=True))
    _seed(
        f"{key}_areas",
        [area for area in st.query_params.get_all("area") if area in area_names] or None,
    )
    chosen_areas = columns[1].multiselect(
        _("Admin-1 areas"),
        area_names,
        format_func=lambda area: (
            area if on_layer.get(area, True) else _("{area} (as written)").format(area=area)
        ),
        key=choice_key(f"{key}_areas"),
        # Never disabled: a country's areas appear once it is chosen (until then, none).
        placeholder=_("All areas") if country else _("Choose a country first"),
        help=_(
            "The first-level administrative areas the records name, in the spelling of the "
            "Natural Earth layer; a name that is not on it is shown as written."
        ),
    )
    towns = queries.towns_of(country) if country else queries.towns_of("")
    town_rows = {row["place_name"]: row for row in towns.iter_rows(named=True)}
    _seed(f"{key}_town", _asked("town") if _asked("town") in town_rows else None)
    asked_km = _asked("km")
    try:
        km_value = float(asked_km) if asked_km else None
    except ValueError:
        km_value = None
    _seed(f"{key}_km", km_value if km_value and 1 <= km_value <= MAX_KM else None)
    town = columns[2].selectbox(
        _("Within a radius of a town"),
        ["", *town_rows],
        format_func=lambda name: (
            _("Anywhere") if not name else town_name(town_rows.get(name, {}), name)
        ),
        key=choice_key(f"{key}_town"),
        help=_(
            "Events whose coordinates lie within the radius of the town (Natural Earth populated "
            "places). Events without coordinates cannot be placed and are listed apart."
        ),
    )
    km = columns[3].number_input(
        _("Radius (km)"),
        min_value=1.0,
        max_value=MAX_KM,
        **({} if f"{key}_km" in st.session_state else {"value": DEFAULT_KM}),
        step=5.0,
        format="%.0f",
        key=f"{key}_km",
        disabled=not town,
    )
    chosen_town = None
    if country and town in town_rows:
        chosen_town = {**town_rows[town], "km": float(km)}
    else:
        town = None
    _write_address(
        {
            "country": country,
            "area": list(chosen_areas) if country else None,
            "town": town,
            "km": f"{km:g}" if town and km != DEFAULT_KM else None,
        }
    )
    return ([country] if country else []), (list(chosen_areas) if country else []), chosen_town


# --- words that place an event ----------------------------------------------------------------


def town_name(row: dict, fallback: str = "") -> str:
    """A town's name in the reader's language (Natural Earth's French name in French)."""
    if language() == "fr" and row.get("place_name_fr"):
        return row["place_name_fr"]
    return row.get("place_name") or fallback


def with_place_words(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with one column "near" naming the nearest town in the reader's language and its
    distance ("12 km from Bambari"), in place of the nearest-town columns."""
    if "nearest_place" not in frame.columns:
        return frame
    french = language() == "fr" and "nearest_place_fr" in frame.columns
    name = pl.col("nearest_place_fr") if french else pl.col("nearest_place")
    template = _("{km} km from {town}")
    before, _sep, rest = template.partition("{km}")
    middle, _sep, after = rest.partition("{town}")
    distance = (
        pl.lit(python_mapped(frame, "nearest_place_km", lambda km: format_number(km, 0), "_km"))
        if "nearest_place_km" in frame.columns
        else pl.lit("")
    )
    words = (
        pl.when(pl.col("nearest_place").is_null())
        .then(pl.lit(None, dtype=pl.String))
        .when(distance.is_null() | (distance == ""))
        .then(name)
        .otherwise(pl.concat_str([pl.lit(before), distance, pl.lit(middle), name, pl.lit(after)]))
    )
    dropped = [c for c in ("nearest_place", "nearest_place_fr", "nearest_place_km") if c in frame]
    position = frame.columns.index("nearest_place")
    placed = frame.with_columns(words.alias("near")).drop(dropped)
    order = [c for c in placed.columns if c != "near"]
    order.insert(position, "near")
    return placed.select(order)


def sdg_in_place(frame: pl.DataFrame, filters: queries.SeizureFilters) -> pl.DataFrame:
    """SDG 16.4.2 is per country and year: the rows of the chosen country and the years the
    period touches."""
    if filters.countries:
        frame = frame.filter(pl.col("country_iso3").is_in(list(filters.countries)))
    return frame.filter(pl.col("year").is_between(filters.date_from.year, filters.date_to.year))


PLACE_COLUMNS = {"admin1_area": N_("Admin-1 area"), "near": N_("Nearest town")}


def place_columns() -> dict[str, str]:
    """The column settings of the place words, in the reader's language."""
    return {column: _(label) for column, label in PLACE_COLUMNS.items()}


# --- events a map cannot draw -----------------------------------------------------------------

SHOWN_UNLOCATED = 500


def unlocated_events_section(
    clearance: Classification, filters: queries.SeizureFilters, key: str
) -> int:
    """ "N events have no coordinates": the events the filters keep that no map can draw, counted
    under the map and listed (the latest first) with a download, so none is silently left off.
    Returns the count."""
    count = queries.seizure_events_unlocated_count(clearance, filters)
    if count == 0:
        st.caption(_("Every event the filters keep has coordinates."))
        return 0
    message = (
        _("1 event has no coordinates and is not on the map.")
        if count == 1
        else _("{count} events have no coordinates and are not on the map.").format(
            count=format_number(count)
        )
    )
    if filters.near_km is not None:
        message += " " + _(
            "A radius cannot be judged without coordinates: these are the events of the chosen "
            "country and areas, whatever the town."
        )
    st.markdown(f"**{message}**")
    with st.expander(_("Events without coordinates ({count})").format(count=format_number(count))):
        listed = queries.seizure_events_unlocated(clearance, filters, limit=SHOWN_UNLOCATED)
        if count > listed.height:
            st.caption(
                _("The {shown} latest are listed; the download holds all {total}.").format(
                    shown=format_number(listed.height), total=format_number(count)
                )
            )
        show_table(
            listed.drop("event_uid"),
            hide_index=True,
            column_config={
                **place_columns(),
                "event_date": st.column_config.DateColumn(_("Event date")),
                "source_row_number": st.column_config.NumberColumn(_("Row in file"), format="%d"),
            },
        )
        if count > listed.height:
            listed = queries.seizure_events_unlocated(clearance, filters)
        table_downloads(listed.drop("event_uid"), "events-without-coordinates", f"{key}_unlocated")
    return count
