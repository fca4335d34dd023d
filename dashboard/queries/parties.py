"""Parties: candidate links between the parties of registered transfers and the parties of the
UN sanctions list (the Links page: the parties come from the transfers the viewer may see; the
list is public; the scoring is embargo.links', the one the `embargo links` command uses), and the
Parties page: a party's names, listing, deliveries, seized items, findings and verdicts, the
search over every name, and the supply chains (sql/views/party_directory.sql names who a party
is; a party is a reference number of the list or an actor's name). With an "as known on" date,
the listing, seizure records, findings and brokering decisions are the versions known then;
registered transfers have no versions."""

from __future__ import annotations

from dataclasses import dataclass

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


def resolve_party(text: str) -> str | None:
    """The party a `?party=` value names: a reference number of the sanctions list, a party key,
    or any name of a party (a name linked to a listed party names the listed party); None when
    nothing does."""
    found = fetch(
        "SELECT party_key FROM party_directory WHERE party_key = $text "
        "OR record_key = alias_key($text) OR alias_key(name) = alias_key($text) "
        "ORDER BY party_key <> $text, party_kind DESC, party_key LIMIT 1",
        {"text": text},
    )
    return None if found.is_empty() else found.item(0, 0)


def party_search(clearance: Classification, text: str) -> pl.DataFrame:
    """Parties with a name or alias containing `text` (case and accents not counting)."""
    return fetch("SELECT * FROM party_search(?, ?)", [clearance.visible_levels(), text.strip()])


def party_names(party: str) -> pl.DataFrame:
    """Every name of the party: the list's names and aliases in each script, the names linked
    to it, an actor's spellings."""
    return fetch(
        "SELECT name, name_kind, script, quality, party_label, party_kind, country_iso3, "
        "un_list_type FROM party_directory WHERE party_key = ? "
        "ORDER BY list_position(['listed_name', 'original_script', 'alias', 'linked_name', "
        "'spelling'], name_kind), name",
        [party],
    )


def party_listing(clearance: Classification, party: str) -> pl.DataFrame:
    """The party's listing on the UN sanctions list: regime, dates, reference, the list."""
    return fetch(
        "SELECT p.reference_number, p.name, p.party_type, p.un_list_type, t.regime_name, "
        "t.regime_name_fr, p.embargo_id, p.listed_on, p.delisted_on, p.last_updated_on, "
        "p.nationality, p.designation, p.comments, p.list_date, p.file_name "
        "FROM sanctioned_parties_known AS p LEFT JOIN un_list_types AS t USING (un_list_type) "
        "WHERE p.reference_number = ? AND list_contains(?, p.classification)",
        [party, clearance.visible_levels()],
    )


def regime_names() -> pl.DataFrame:
    """The regimes of the UN sanctions list (public reference data): code, name and its
    French."""
    return fetch(
        "SELECT un_list_type, regime_name, regime_name_fr FROM un_list_types ORDER BY un_list_type"
    )


def party_deliveries(clearance: Classification, party: str) -> pl.DataFrame:
    return fetch("SELECT * FROM party_deliveries(?, ?)", [clearance.visible_levels(), party])


def party_seized_items(clearance: Classification, party: str) -> pl.DataFrame:
    return fetch("SELECT * FROM party_seized_items(?, ?)", [clearance.visible_levels(), party])


def party_brokering(clearance: Classification, party: str) -> pl.DataFrame:
    """Brokering decisions naming the party as the broker or the end user."""
    return fetch("SELECT * FROM party_brokering(?, ?)", [clearance.visible_levels(), party])


def party_findings(clearance: Classification, party: str) -> pl.DataFrame:
    return fetch("SELECT * FROM party_findings(?, ?)", [clearance.visible_levels(), party])


def party_screening(clearance: Classification, party: str) -> pl.DataFrame:
    """The listed-party screening verdicts of deliveries to the party (confirmed links only)."""
    return fetch(
        "SELECT delivery_year, supplier, recipient, weapon_description, quantity, verdict, "
        "reason, citation, reference_number, transfer_id FROM listed_party_screening "
        "WHERE reference_number = ? AND list_contains(?, classification) "
        "ORDER BY delivery_year, transfer_id",
        [party, clearance.visible_levels()],
    )


@dataclass(frozen=True)
class ChainFilters:
    """Supply-chain filters: one party or every one (None), countries and regimes (UN_LIST_TYPE)
    (empty: all), and the years of the records."""

    party: str | None = None
    countries: tuple[str, ...] = ()
    regimes: tuple[str, ...] = ()
    year_from: int = 1950
    year_to: int = 2100


def supply_chain_edges(clearance: Classification, filters: ChainFilters) -> pl.DataFrame:
    """The chain's edges, one row per record (sql/macros/supply_chain_edges.sql)."""
    return fetch(
        "SELECT * FROM supply_chain_edges($visible, $party, $countries, $regimes, $year_from, "
        "$year_to)",
        {
            "visible": clearance.visible_levels(),
            "party": filters.party,
            "countries": list(filters.countries),
            "regimes": list(filters.regimes),
            "year_from": filters.year_from,
            "year_to": filters.year_to,
        },
    )


def item_chain_edges(clearance: Classification, item_line_uids: list[str]) -> pl.DataFrame:
    """The chain of documented items (sql/macros/item_chain_edges.sql)."""
    return fetch(
        "SELECT * FROM item_chain_edges(?, ?)", [clearance.visible_levels(), item_line_uids]
    )


def supply_chain_choices(clearance: Classification) -> dict[str, list]:
    """What the supply-chain filters offer: the countries of the parties' records, the regimes
    of the listed parties, and the years of the records."""
    every = supply_chain_edges(clearance, ChainFilters(year_from=0, year_to=9999))
    regimes = fetch(
        "SELECT DISTINCT un_list_type FROM party_directory WHERE un_list_type IS NOT NULL "
        "AND record_key IS NOT NULL ORDER BY 1"
    )
    countries = fetch(
        "SELECT DISTINCT unnest([supplier_iso3, recipient_iso3]) AS country_iso3 FROM transfers "
        "WHERE transfer_id IN (SELECT unnest($records)) AND list_contains($visible, "
        "classification) UNION SELECT e.country_iso3 FROM seizure_events_known AS e JOIN "
        "seizure_items_known AS i USING (event_uid) "
        "WHERE i.item_line_uid IN (SELECT unnest($records)) ORDER BY 1",
        {"records": every["record_id"].to_list(), "visible": clearance.visible_levels()},
    )
    years = every["record_year"].drop_nulls()
    return {
        "countries": [c for c in countries["country_iso3"].to_list() if c],
        "regimes": regimes["un_list_type"].to_list(),
        "years": [int(years.min()), int(years.max())] if len(years) else [],
    }
