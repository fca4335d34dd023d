"""One read-only statement against the warehouse, for `embargo sql`."""

from __future__ import annotations

import datetime as dt
import re

from embargo.warehouse.connections import Location, connect_read_only

_WRITE_WORDS = re.compile(
    r"^\s*(insert|update|delete|create|drop|alter|attach|detach|copy|install|load|pragma|set|"
    r"call|checkpoint|export|import|vacuum|use)\b",
    re.IGNORECASE,
)


def run_read_only_query(
    location: Location, query: str, known_on: dt.date | None = None
) -> tuple[list[str], list[tuple]]:
    """Run one read-only statement and return its column names and rows. The connection is
    read-only and cannot reach files; statements that would write are refused up front too.
    With `known_on`, versioned records read as the warehouse knew them at the end of that day."""
    if _WRITE_WORDS.match(query):
        raise ValueError("only read-only queries (SELECT, WITH, DESCRIBE, SHOW ...) are allowed")
    con = connect_read_only(location)
    try:
        set_known_on(con, known_on)
        relation = con.sql(query)
        if relation is None:
            raise ValueError("the statement returned no result")
        return relation.columns, relation.fetchall()
    finally:
        con.close()


def set_known_on(con, known_on: dt.date | None) -> None:
    """The views of versioned records (trace_requests, exemptions, panel_findings,
    conflict_events) read the variable known_on: the versions loaded by the end of that day."""
    con.execute("SET VARIABLE known_on = CAST(? AS DATE)", [known_on])
