"""What is loaded: sources, loads, rejected rows and column descriptions (the Sources and Upload
pages), each load shown only to viewers cleared for the most sensitive record it brought in."""

from __future__ import annotations

import polars as pl

from dashboard.queries.engine import fetch
from embargo.actors import MAX_CANDIDATES, close_candidates, normalize_name
from embargo.classification import Classification


def data_inventory(clearance: Classification) -> pl.DataFrame:
    """What is loaded, per source and table, counting only the loads the viewer may see (a
    load is as sensitive as the most sensitive record it brought in)."""
    return fetch("SELECT * FROM loads_by_source(?)", [clearance.visible_levels()])


def synthetic_sources_loaded(clearance: Classification) -> list[str]:
    """Titles of the synthetic demo sources that have rows in the warehouse the viewer may see."""
    frame = data_inventory(clearance)
    frame = frame.filter(frame["is_synthetic"] & (frame["rows_loaded"] > 0))
    return sorted(frame["title"].unique().to_list())


def source_registry(clearance: Classification) -> pl.DataFrame:
    return fetch("SELECT * FROM source_registry ORDER BY is_synthetic, source_id")


def load_log(clearance: Classification) -> pl.DataFrame:
    """Every load the viewer may see (see load_classification)."""
    return fetch(
        "SELECT l.*, s.title AS source_title FROM load_log AS l "
        "JOIN source_registry AS s USING (source_id) "
        "JOIN load_classification_stored AS c USING (load_id) "
        "WHERE list_contains(?, c.classification) ORDER BY l.started_at DESC",
        [clearance.visible_levels()],
    )


def rejects(clearance: Classification, limit: int = 5000) -> pl.DataFrame:
    """Rejected rows of the loads the viewer may see; a row a later reprocessing loaded keeps
    its rejects, with the load that loaded it (resolved_by_load_id)."""
    return fetch(
        "SELECT r.file_name, r.row_number, r.column_name, r.value, r.reason, r.load_id, "
        "r.resolved_by_load_id "
        "FROM rejects AS r JOIN load_classification_stored AS c USING (load_id) "
        "WHERE list_contains(?, c.classification) "
        "ORDER BY r.file_name, r.row_number, r.column_name LIMIT ?",
        [clearance.visible_levels(), limit],
    )


def rule_resolved_actors(clearance: Classification) -> pl.DataFrame:
    """The actors a naming rule recognised (rule_resolved_actors) whose first record the viewer
    may see, with what the actor registry says of each now (empty while nobody has confirmed or
    corrected it), and up to three close known names of the alias table and the registry
    (`close_known_names`, "; "-separated, best first): the same actor may be known already under
    another spelling."""
    recognised = fetch(
        "SELECT a.name, a.country_iso3, a.actor_type, a.actor_rule, a.file_name, "
        "a.source_row_number, a.load_id, r.country_iso3 AS registry_country_iso3, "
        "r.actor_type AS registry_actor_type, r.changed_by AS registry_changed_by "
        "FROM rule_resolved_actors AS a "
        "LEFT JOIN actor_registry AS r USING (name_normalized) "
        "WHERE list_contains(?, a.classification) "
        "ORDER BY r.name IS NOT NULL, a.name",
        [clearance.visible_levels()],
    )
    if recognised.is_empty():
        return recognised.with_columns(close_known_names=pl.lit(None, pl.String))
    # The alias table and the registry are reference data, the same for every viewer.
    known = fetch("SELECT alias FROM country_aliases ORDER BY alias")["alias"].to_list()
    close = ["; ".join(_close_known_names(name, known)) or None for name in recognised["name"]]
    return recognised.with_columns(close_known_names=pl.Series(close, dtype=pl.String))


def _close_known_names(name: str, known: list[str]) -> list[str]:
    """Up to three known spellings closest to `name`, other than its own."""
    found = close_candidates(name, known, limit=MAX_CANDIDATES + 1)
    return [other for other in found if normalize_name(other) != normalize_name(name)][
        :MAX_CANDIDATES
    ]


def column_descriptions(clearance: Classification) -> pl.DataFrame:
    return fetch("SELECT * FROM column_descriptions")


def load_report(clearance: Classification, load_ids: list[str]) -> dict[str, pl.DataFrame]:
    """The loads of an upload and their rejected rows, as far as the viewer may see them."""
    visible = clearance.visible_levels()
    loads = fetch(
        "SELECT l.load_id, l.file_name, l.file_format, l.target_table, l.rows_read, "
        "l.rows_loaded, l.rows_rejected, l.file_sha256 FROM load_log AS l "
        "JOIN load_classification_stored AS c USING (load_id) "
        "WHERE list_contains(?, l.load_id) AND list_contains(?, c.classification) "
        "ORDER BY l.file_name",
        [load_ids, visible],
    )
    rejected = fetch(
        "SELECT r.file_name, r.row_number, r.column_name, r.value, r.reason, r.load_id "
        "FROM rejects AS r JOIN load_classification_stored AS c USING (load_id) "
        "WHERE list_contains(?, r.load_id) AND list_contains(?, c.classification) "
        "ORDER BY r.file_name, r.row_number, r.column_name",
        [load_ids, visible],
    )
    return {"loads": loads, "rejects": rejected}
