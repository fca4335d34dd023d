"""SQL lineage: which tables a query reads, directly or through the views and macros of sql/, and
the derived tables in the order they are refreshed. The dashboard keys its kept results by the
tables a query reads; a load recomputes only the derived tables that read what it changed."""

from __future__ import annotations

import functools
import re
from collections.abc import Collection

from embargo.warehouse.schema import derived_table_definition, schema_files

_SQL_COMMENTS = re.compile(r"--[^\n]*|COMMENT ON\b.*?;", re.IGNORECASE | re.DOTALL)


_WORD = re.compile(r"\w+")


@functools.cache
def _words(text: str) -> frozenset[str]:
    """The words of a text: an object is read where its name is one of them (as `\\bname\\b`
    would find it), found by one pass over the text instead of one search per name (a command
    paid 0.09 CPU-s for the lineage of the derived tables)."""
    return frozenset(_WORD.findall(text))


# Views and macros read only when an "as known on" date is chosen (they are empty otherwise):
# the records known on a past date, from every version and the load log. Without a date a query
# reads none of their tables, so a load of other records leaves its kept result valid, and a
# derived table (computed without a date) does not follow from them.
_READ_ONLY_WITH_A_DATE = re.compile(r"_as_known$")


def _objects_read(query: str, definitions: dict[str, str], known_on_date: bool) -> set[str]:
    """Names of the views and macros a query reads, directly or through each other; those read
    only with an "as known on" date (_READ_ONLY_WITH_A_DATE) only when `known_on_date`."""
    found: set[str] = set()
    pending = [query]
    while pending:
        for name in (_words(pending.pop()) & definitions.keys()) - found:
            if not known_on_date and _READ_ONLY_WITH_A_DATE.search(name):
                continue
            found.add(name)
            pending.append(definitions[name])
    return found


@functools.cache
def _view_and_macro_definitions() -> dict[str, str]:
    """Each file of sql/views and sql/macros defines the object it is named after; comments
    are left out, so that a name mentioned in prose is not taken for a dependency."""
    return {
        path.stem: _SQL_COMMENTS.sub(" ", path.read_text(encoding="utf-8"))
        for folder in ("views", "macros")
        for path in schema_files(folder)
    }


@functools.cache
def view_query(name: str) -> str:
    """The query of the view sql/views/<name>.sql defines (the file's CREATE VIEW statement,
    which the COMMENT statements follow), without comments."""
    [path] = [path for path in schema_files("views") if path.stem == name]
    text = re.sub(r"--[^\n]*", " ", path.read_text(encoding="utf-8"))
    statement = re.split(r"\bCOMMENT ON\b", text, maxsplit=1, flags=re.IGNORECASE)[0]
    match = re.fullmatch(rf"\s*CREATE VIEW {name} AS\s+(.*?);\s*", statement, re.I | re.DOTALL)
    if match is None:
        raise RuntimeError(f"{path.name}: expected CREATE VIEW {name} AS ...; then comments")
    return match.group(1)


@functools.cache
def _derived_definitions() -> dict[str, str]:
    defined = {}
    for path in schema_files("derived"):
        definition = derived_table_definition(path.read_text(encoding="utf-8"))
        if definition is None:
            raise RuntimeError(f"{path.name}: expected CREATE TABLE <name> AS SELECT|WITH ...;")
        defined[definition[0]] = definition[1]
    return defined


@functools.cache
def warehouse_table_names() -> frozenset[str]:
    """Every table of the warehouse: those of sql/tables and the derived ones."""
    return frozenset(path.stem for path in schema_files("tables")) | _derived_definitions().keys()


# What no table's change id covers: the engine's or the catalog's own state, and tables named
# only at run time (query_table).
_SYSTEM_READS = re.compile(
    r"\b(duckdb_\w+|ducklake_\w+|information_schema|pg_catalog|query_table)\b", re.I
)


@functools.cache
def tables_read(query: str, known_on_date: bool = False) -> frozenset[str] | None:
    """The tables (base and derived) a query reads, directly or through views and macros, without
    an "as known on" date or, with `known_on_date`, with one; None when it also reads the
    engine's or catalog's own state (comments, snapshots)."""
    query = _SQL_COMMENTS.sub(" ", query)
    definitions = _view_and_macro_definitions()
    read = _objects_read(query, definitions, known_on_date)
    texts = [query] + [definitions[name] for name in read]
    if any(_SYSTEM_READS.search(text) for text in texts):
        return None
    return warehouse_table_names() & frozenset().union(*(_words(text) for text in texts))


@functools.cache
def derived_tables() -> tuple[tuple[str, str], ...]:
    """(table, defining query) of every table in sql/derived, each after the derived tables its
    query reads, directly or through views and macros (fresh_supply_counts reads the view
    fresh_supply_items, which reads seizure_item_facts_stored)."""
    defined = dict(_derived_definitions())
    reads = {
        table: (tables_read(query) or frozenset()) - {table} for table, query in defined.items()
    }
    ordered: list[tuple[str, str]] = []
    while defined:
        ready = [table for table in defined if not reads[table] & defined.keys()]
        if not ready:
            raise RuntimeError(f"derived tables read each other in a cycle: {', '.join(defined)}")
        ordered.extend((table, defined.pop(table)) for table in ready)
    return tuple(ordered)


def derived_tables_reading(changed: Collection[str] | None) -> list[tuple[str, str]]:
    """The derived tables that follow from the changed tables (all when `changed` is None), in
    refresh order: those that read one of them, directly or through another derived table."""
    if changed is None:
        return list(derived_tables())
    affected = set(changed)
    chosen = []
    for table, query in derived_tables():
        read = tables_read(query)
        if read is None or read & affected:
            chosen.append((table, query))
            affected.add(table)
    return chosen
