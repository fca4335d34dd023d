"""Links between a party named in a transfer register and a party on the UN sanctions list, as a
person decided them: a candidate (embargo/name_matching.py scores the names) counts in screening
only once someone has confirmed it; a rejected candidate is not offered again.

Decisions are kept like the actor registry (embargo/actors.py): in the access store beside the
warehouse or in the catalog's database, so they survive rebuilds and reach every machine, each
with who and when, and an audit row written in the same transaction. The warehouse takes them
into `party_links` at every build and after every decision (ingest/registry.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import duckdb

from embargo.accounts import AccessStore, iso_timestamp, store, utc_now
from embargo.actors import normalize_name
from embargo.audit import append_row
from embargo.name_matching import matching_key, name_score

DECISIONS = ("confirmed", "rejected")
# Candidates at least this alike: on the real SIPRI names against the UN list of 2025-11-20,
# 2 candidates at 80, both right; 9 at 70, 2 right (bench/README.md).
CANDIDATE_MIN_SCORE = 80

LINKS_SCHEMA = """
CREATE TABLE IF NOT EXISTS party_links (
    party_name_normalized TEXT NOT NULL,
    reference_number TEXT NOT NULL,
    party_name TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'rejected')),
    score REAL,
    evidence TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (party_name_normalized, reference_number)
)
"""


class LinkError(Exception):
    """A decision that cannot be recorded; the message says why."""


@dataclass(frozen=True)
class Decision:
    party_name: str
    reference_number: str
    decision: str
    score: float | None
    evidence: str
    note: str
    decided_by: str
    decided_at: str


@dataclass(frozen=True)
class Candidate:
    party_name: str
    reference_number: str
    listed_name: str
    matched_name: str
    name_kind: str
    un_list_type: str
    listed_on: dt.date | None
    score: float
    transfers: int
    decision: str | None

    @property
    def evidence(self) -> str:
        return (
            f"'{self.party_name}' ~ {self.name_kind} '{self.matched_name}' of "
            f"{self.reference_number} ({self.listed_name}, {self.un_list_type}), name score "
            f"{self.score:.1f}"
        )


_COLUMNS = "party_name, reference_number, decision, score, evidence, note, decided_by, decided_at"


def list_decisions(path: AccessStore | None = None) -> list[Decision]:
    from pathlib import Path

    if isinstance(path, Path) and not path.exists():
        return []
    with store(path) as con:
        con.execute(LINKS_SCHEMA)
        rows = con.execute(
            f"SELECT {_COLUMNS} FROM party_links "  # noqa: S608
            "ORDER BY party_name_normalized, reference_number"
        ).fetchall()
    return [Decision(*row) for row in rows]


def candidates(
    con: duckdb.DuckDBPyConnection,
    decided: list[Decision],
    min_score: float = CANDIDATE_MIN_SCORE,
) -> list[Candidate]:
    """Candidate links between the non-state, organisation and unknown parties of the
    registered transfers (States are not listed parties) and every name of the sanctions list,
    best score per pair, best first."""
    parties = con.execute(
        "SELECT name, count(*) FROM ("
        " SELECT supplier_name AS name, supplier_actor_type AS kind FROM transfers"
        " UNION ALL SELECT recipient_name, recipient_actor_type FROM transfers)"
        " WHERE name IS NOT NULL AND kind NOT IN ('state', 'historical')"
        " GROUP BY name ORDER BY name"
    ).fetchall()
    listed = con.execute(
        "SELECT n.reference_number, n.name, n.name_kind, p.name, p.un_list_type, p.listed_on "
        "FROM sanctioned_party_names AS n JOIN sanctioned_parties AS p USING (reference_number) "
        "ORDER BY n.reference_number, n.name_kind, n.name"
    ).fetchall()
    return candidates_among(parties, listed, decided, min_score)


def candidates_among(
    parties: Sequence[tuple[str, int]],
    listed: Sequence[tuple],
    decided: list[Decision],
    min_score: float = CANDIDATE_MIN_SCORE,
) -> list[Candidate]:
    """The candidates between parties (name, transfers naming it) and the list's names
    (reference, name, name kind, listed name, list type, listed on), as `candidates` reads
    them; the dashboard passes the parties of the transfers its viewer may see."""
    keyed = [(matching_key(row[1]), row) for row in listed]
    decision_of = {(normalize_name(d.party_name), d.reference_number): d.decision for d in decided}
    found: dict[tuple[str, str], Candidate] = {}
    for party_name, transfers in parties:
        key = matching_key(party_name)
        if len(key.replace(" ", "")) < 3:
            continue  # two letters match too much by chance
        for list_key, (reference, name, kind, listed_name, list_type, listed_on) in keyed:
            if len(list_key.replace(" ", "")) < 3:
                continue
            score = name_score(key, list_key)
            pair = (party_name, reference)
            if score < min_score or (pair in found and found[pair].score >= score):
                continue
            found[pair] = Candidate(
                party_name, reference, listed_name, name, kind, list_type, listed_on, score,
                transfers, decision_of.get((normalize_name(party_name), reference)),
            )  # fmt: skip
    return sorted(found.values(), key=lambda c: (-c.score, c.party_name, c.reference_number))


def decide(
    party_name: str,
    reference_number: str,
    decision: str,
    user: str,
    candidate: Candidate | None,
    note: str | None = None,
    path: AccessStore | None = None,
    now: dt.datetime | None = None,
) -> Decision:
    """Record a confirmation or rejection of the link (a later decision replaces an earlier
    one; the audit trail keeps both)."""
    if decision not in DECISIONS:
        raise LinkError(f"unknown decision '{decision}': expected confirmed or rejected")
    if candidate is None:
        raise LinkError(
            f"'{party_name}' and {reference_number} are not a candidate link of this warehouse: "
            "`embargo links candidates` lists them (a name of the registered transfers and a "
            "reference number of a loaded sanctions list, alike enough)"
        )
    stamp = iso_timestamp(now or utc_now())
    key = normalize_name(party_name)
    with store(path) as con:
        con.execute(LINKS_SCHEMA)
        before = con.execute(
            "SELECT decision, decided_by, decided_at FROM party_links "
            "WHERE party_name_normalized = ? AND reference_number = ?",
            [key, reference_number],
        ).fetchone()
        con.execute(
            "DELETE FROM party_links WHERE party_name_normalized = ? AND reference_number = ?",
            [key, reference_number],
        )
        con.execute(
            f"INSERT INTO party_links (party_name_normalized, {_COLUMNS}) "  # noqa: S608
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [key, candidate.party_name, reference_number, decision, candidate.score,
             candidate.evidence, note or "", user, stamp],
        )  # fmt: skip
        detail = {
            "party_name": candidate.party_name,
            "reference_number": reference_number,
            "score": candidate.score,
            "evidence": candidate.evidence,
            "note": note or "",
        }
        if before is not None:
            detail["before"] = dict(
                zip(("decision", "decided_by", "decided_at"), before, strict=True)
            )
        append_row(con, user, f"link_{decision}", f"{candidate.party_name} ~ {reference_number}",
                   detail, stamp)  # fmt: skip
    return Decision(
        candidate.party_name, reference_number, decision, candidate.score, candidate.evidence,
        note or "", user, stamp,
    )  # fmt: skip


def as_rows(decisions: list[Decision]) -> list[dict]:
    return [asdict(d) for d in decisions]
