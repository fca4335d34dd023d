"""Candidate links between the parties of registered transfers and the parties of the UN
sanctions list (the Links page): the parties come from the transfers the viewer may see; the
list is public. The scoring is embargo.links', the one the `embargo links` command uses."""

from __future__ import annotations

import polars as pl

from dashboard.queries.engine import fetch
from embargo import links
from embargo.classification import Classification

CANDIDATE_COLUMNS = {
    "party_name": pl.String,
    "transfers": pl.Int64,
    "reference_number": pl.String,
    "listed_name": pl.String,
    "matched_name": pl.String,
    "name_kind": pl.String,
    "un_list_type": pl.String,
    "listed_on": pl.Date,
    "score": pl.Float64,
    "decision": pl.String,
}


def link_candidates(
    clearance: Classification, decided: list[links.Decision], min_score: float
) -> pl.DataFrame:
    """Candidate links at or above `min_score`, best first, with any decision taken."""
    parties = fetch(
        "SELECT name, count(*) AS transfers FROM ("
        " SELECT supplier_name AS name, supplier_actor_type AS kind, classification"
        " FROM transfers"
        " UNION ALL SELECT recipient_name, recipient_actor_type, classification FROM transfers)"
        " WHERE name IS NOT NULL AND kind NOT IN ('state', 'historical')"
        " AND list_contains(?, classification) GROUP BY name ORDER BY name",
        [clearance.visible_levels()],
    )
    listed = fetch(
        "SELECT n.reference_number, n.name, n.name_kind, p.name AS listed_name, p.un_list_type, "
        "p.listed_on FROM sanctioned_party_names AS n "
        "JOIN sanctioned_parties AS p USING (reference_number) "
        "WHERE list_contains(?, p.classification) "
        "ORDER BY n.reference_number, n.name_kind, n.name",
        [clearance.visible_levels()],
    )
    found = links.candidates_among(parties.rows(), listed.rows(), decided, min_score)
    return pl.DataFrame(
        [
            {
                "party_name": c.party_name,
                "transfers": c.transfers,
                "reference_number": c.reference_number,
                "listed_name": c.listed_name,
                "matched_name": c.matched_name,
                "name_kind": c.name_kind,
                "un_list_type": c.un_list_type,
                "listed_on": c.listed_on,
                "score": c.score,
                "decision": c.decision,
            }
            for c in found
        ],
        schema=CANDIDATE_COLUMNS,
    )
