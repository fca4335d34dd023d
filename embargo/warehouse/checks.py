"""The warehouse's checks: each query of sql/checks returns the rows that break its rule."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from embargo.warehouse.schema import schema_files


@dataclass(frozen=True)
class CheckResult:
    name: str
    description: str
    violations: int
    sample: list[tuple]

    @property
    def passed(self) -> bool:
        return self.violations == 0


def _description(sql_text: str) -> str:
    lines = [line[2:].strip() for line in sql_text.splitlines() if line.startswith("--")]
    return " ".join(lines)


def run_checks(con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    """Run every query in sql/checks: each returns the rows that break its rule."""
    results = []
    for path in schema_files("checks"):
        sql_text = path.read_text(encoding="utf-8")
        rows = con.execute(sql_text).fetchall()
        results.append(CheckResult(path.stem, _description(sql_text), len(rows), rows[:5]))
    return results
