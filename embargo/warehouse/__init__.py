"""The warehouse: a local DuckDB file or a shared DuckLake catalog, built from the files of sql/.

One concern per module:

- connections: opening it (offline, read-only where only read), cursors, rollback;
- schema: creating its objects from sql/ and the fingerprint of those files;
- lineage: which tables a query reads, through views and macros; the derived tables in order;
- versions: which version built it, which tables each write changed (table_versions);
- refresh: recomputing the derived tables after a write, whole or only what a load touched;
- checks: the queries of sql/checks;
- read_only: one read-only statement (`embargo sql`).

The names below are those callers use; each lives in its module.
"""

from embargo.warehouse.checks import CheckResult, run_checks
from embargo.warehouse.connections import (
    Location,
    connect_read_only,
    connect_writable,
    cursor,
    require_warehouse_file,
    rollback_quietly,
)
from embargo.warehouse.lineage import (
    derived_tables,
    derived_tables_reading,
    tables_read,
    warehouse_table_names,
)
from embargo.warehouse.read_only import run_read_only_query
from embargo.warehouse.refresh import (
    PER_EVENT_DERIVED_TABLES,
    PER_GROUP_DERIVED_TABLES,
    PER_LOAD_DERIVED_TABLES,
    GroupedBy,
    recompute_derived_tables,
    refresh_derived_tables,
)
from embargo.warehouse.schema import (
    SCHEMA_STAGES,
    apply_schema,
    describe_derived_columns,
    schema_files,
    schema_fingerprint,
)
from embargo.warehouse.versions import (
    WarehouseOutdated,
    missing_objects,
    outdated_reason,
    record_tables,
    record_write,
    require_current_schema,
)

__all__ = [
    "PER_EVENT_DERIVED_TABLES",
    "PER_GROUP_DERIVED_TABLES",
    "PER_LOAD_DERIVED_TABLES",
    "SCHEMA_STAGES",
    "CheckResult",
    "GroupedBy",
    "Location",
    "WarehouseOutdated",
    "apply_schema",
    "connect_read_only",
    "connect_writable",
    "cursor",
    "derived_tables",
    "derived_tables_reading",
    "describe_derived_columns",
    "missing_objects",
    "outdated_reason",
    "recompute_derived_tables",
    "record_tables",
    "record_write",
    "refresh_derived_tables",
    "require_current_schema",
    "require_warehouse_file",
    "rollback_quietly",
    "run_checks",
    "run_read_only_query",
    "schema_files",
    "schema_fingerprint",
    "tables_read",
    "warehouse_table_names",
]
