"""The embargoes themselves: key figures, timeline, map, each episode's record, which embargoes
applied to a country on a date. Reference facts, visible at every clearance."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import polars as pl

from dashboard.queries.engine import fetch
from embargo.classification import Classification


def embargo_key_figures(clearance: Classification, on_date: dt.date) -> pl.DataFrame:
    return fetch("SELECT * FROM embargo_key_figures(?)", [on_date])


def embargo_timeline(clearance: Classification) -> pl.DataFrame:
    return fetch("SELECT * FROM embargo_timeline")


def embargo_change_points(clearance: Classification) -> pl.DataFrame:
    return fetch("SELECT * FROM embargo_change_points")


def embargo_map(clearance: Classification, on_date: dt.date) -> pl.DataFrame:
    """Countries under a territorial embargo on the date, with the widest coverage in force."""
    return fetch(
        "SELECT m.*, s.country_name, (SELECT list(DISTINCT st.status_kind ORDER BY "
        "st.status_kind) FROM embargo_status AS st WHERE list_contains(string_split("
        "m.embargo_ids, '; '), st.embargo_id) AND st.status_kind IN ('in_force_projected', "
        "'in_force_contested')) AS caveated_statuses FROM embargo_map_on(?) AS m "
        "LEFT JOIN (SELECT DISTINCT country_iso3, country_name FROM map_country_shapes) AS s "
        "USING (country_iso3) ORDER BY m.country_iso3",
        [on_date],
    )


# The shapes as GeoJSON by the digest of the rows they are made from: parsing every geometry
# costs tens of milliseconds a page, and the shapes change only with a rebuild.
_shapes_by_digest: dict[str, dict] = {}


def _shapes_digest(frame: pl.DataFrame) -> str:
    rows = frame.hash_rows().to_numpy().tobytes()
    return hashlib.sha256(rows).hexdigest()


def country_shapes_digest(clearance: Classification) -> str:
    """A digest of the country shapes' rows: what a map drawn from them is kept under."""
    return _shapes_digest(fetch("SELECT * FROM map_country_shapes"))


def country_shapes_geojson(clearance: Classification) -> dict:
    """Every country shape as one GeoJSON FeatureCollection, keyed by country code (or the
    Natural Earth code where the shape has no country code). Shared: read it, never change it."""
    frame = fetch("SELECT * FROM map_country_shapes")
    digest = _shapes_digest(frame)
    found = _shapes_by_digest.get(digest)
    if found is not None:
        return found
    features = [
        {
            "type": "Feature",
            "id": row["country_iso3"] or row["adm0_a3"],
            "properties": {"name": row["country_name"]},
            "geometry": json.loads(row["geometry_geojson"]),
        }
        for row in frame.iter_rows(named=True)
    ]
    found = {"type": "FeatureCollection", "features": features}
    if len(_shapes_by_digest) >= 4:  # one entry per build of other shapes
        _shapes_by_digest.clear()
    _shapes_by_digest[digest] = found
    return found


def map_shape_keys(clearance: Classification) -> pl.DataFrame:
    return fetch(
        "SELECT coalesce(country_iso3, adm0_a3) AS shape_key, country_name FROM map_country_shapes"
    )


def embargo_choices(clearance: Classification) -> pl.DataFrame:
    return fetch(
        "SELECT embargo_id, timeline_label, start_date FROM embargo_timeline "
        "ORDER BY start_date DESC, embargo_id"
    )


def embargo_detail(clearance: Classification, embargo_id: str) -> dict:
    """One embargo with its coverage periods and its dated changes."""
    embargo = fetch("SELECT * FROM embargoes WHERE embargo_id = ?", [embargo_id])
    coverage = fetch(
        "SELECT direction, actor_scope, valid_from, valid_to, coverage, item_scope, citation, note "
        "FROM embargo_coverage WHERE embargo_id = ? "
        "ORDER BY direction DESC, actor_scope, valid_from",
        [embargo_id],
    )
    changes = fetch(
        "SELECT change_date, date_precision, change_kind, resolution, change, change_fr "
        "FROM embargo_changes WHERE embargo_id = ? ORDER BY change_seq",
        [embargo_id],
    )
    countries = fetch(
        "SELECT t.country_iso3, c.country_name, t.note FROM embargo_target_countries AS t "
        "JOIN countries AS c USING (country_iso3) WHERE t.embargo_id = ? ORDER BY c.country_name",
        [embargo_id],
    )
    return {
        "embargo": embargo.row(0, named=True) if embargo.height else None,
        "coverage": coverage,
        "changes": changes,
        "countries": countries,
    }


def embargoes_applicable(
    clearance: Classification, country_iso3: str, on_date: dt.date
) -> pl.DataFrame:
    return fetch("SELECT * FROM embargoes_applicable(?, ?)", [country_iso3, on_date])


def country_choices(clearance: Classification) -> pl.DataFrame:
    """Countries a user can ask about, current ones first by name, then historical ones."""
    return fetch(
        "SELECT country_iso3, country_name, is_historical FROM countries "
        "ORDER BY is_historical, country_name"
    )


def embargoes_in_force(clearance: Classification, on_date: dt.date) -> pl.DataFrame:
    """Embargoes in force on the date, each with its status and what it rests on (view
    embargo_status)."""
    return fetch(
        "SELECT f.*, s.status_kind, s.contested_note, s.last_resolution, "
        "s.last_resolution_date, s.last_resolution_runs_to, s.runs_to_estimated "
        "FROM embargoes_in_force_on(?) AS f "
        "JOIN embargo_status AS s USING (embargo_id) ORDER BY f.start_date, f.embargo_id",
        [on_date],
    )


def embargo_changes_since(clearance: Classification, since: dt.date) -> pl.DataFrame:
    """Every regime's changes from the date on, newest first, with those recorded after the
    reference table's release marked (macro embargo_changes_since)."""
    return fetch("SELECT * FROM embargo_changes_since(?)", [since])


def embargo_statuses(clearance: Classification) -> pl.DataFrame:
    """Every embargo's status with its caveat's facts (view embargo_status)."""
    return fetch(
        "SELECT embargo_id, status_kind, contested_note, last_resolution, last_resolution_date, "
        "last_resolution_runs_to, runs_to_estimated FROM embargo_status"
    )


def embargo_change_points_for_country(clearance: Classification, country: str) -> pl.DataFrame:
    """Imposition, changes and ends of the embargoes on a country, for drawing on time axes."""
    return fetch(
        "SELECT p.* FROM embargo_change_points AS p WHERE p.embargo_id IN "
        "(SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = ?) "
        "AND p.change_kind IN ('imposed', 'entry_into_force', 'exemption_change', "
        "'scope_change', 'suspension', 'reinstatement', 'ended') ORDER BY change_point_date",
        [country],
    )
