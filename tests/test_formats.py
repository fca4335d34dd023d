"""The formats table (ingest.formats): an explicit mapping of format modules, each with what
`embargo ingest` calls, imported when a format is tried or used; a format module that fails to
import is an error there instead of disappearing from ingest, detection and the Upload page."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType

from ingest import docs
from ingest.formats import FORMAT_MODULES, available_formats, format_module

ROOT = Path(__file__).resolve().parent.parent


def test_every_format_is_an_imported_module_with_the_format_interface():
    assert sorted(FORMAT_MODULES) == [
        "acled", "att", "brokering", "corrections", "exemptions", "poe-findings", "seizures",
        "sipri", "traces", "ucdp-ged", "un-sanctions-list", "unroca",
    ]  # fmt: skip
    for name, module in FORMAT_MODULES.items():
        assert isinstance(module, ModuleType), name
        assert module.__name__.startswith("ingest.sources."), name
        assert callable(module.detect) and callable(module.load), name
        assert isinstance(module.SOURCE_ID, str) and module.SOURCE_ID, name
        assert isinstance(module.TABLES_WRITTEN, tuple) and module.TABLES_WRITTEN, name
        assert format_module(name) is module
    assert available_formats() == list(FORMAT_MODULES)


def test_a_format_module_that_fails_to_import_is_an_error_where_it_is_needed():
    """Format modules are imported when a format is tried or used, not with the table: a module
    that raises on import is still listed, and detecting a file that reaches it, loading it or
    listing the modules fails naming the error, so the format cannot silently go missing."""
    program = textwrap.dedent(
        """
        import importlib.abc
        import sys
        from pathlib import Path

        class BrokenAcled(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path, target=None):
                if name == "ingest.sources.acled":
                    raise ImportError("acled module broken on purpose")
                return None

        sys.meta_path.insert(0, BrokenAcled())
        import ingest.formats
        print("listed", sorted(ingest.formats.FORMAT_MODULES))
        for attempt in (
            lambda: ingest.formats.format_module("acled"),
            lambda: dict(ingest.formats.FORMAT_MODULES.items()),
            lambda: ingest.formats.detect_format(Path(sys.argv[1])),
        ):
            try:
                attempt()
            except ImportError as error:
                print("refused:", error)
        """
    )
    unknown = ROOT / "pyproject.toml"  # a file of no format: detection tries every one
    result = subprocess.run(
        [sys.executable, "-c", program, str(unknown)],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "listed ['acled', 'att', 'brokering', 'corrections', 'exemptions', 'poe-findings', "
        "'seizures', 'sipri', 'traces', 'ucdp-ged', 'un-sanctions-list', 'unroca']",
        "refused: acled module broken on purpose",
        "refused: acled module broken on purpose",
        "refused: acled module broken on purpose",
    ]


def test_recognising_a_sipri_export_imports_no_format_module_nor_library():
    """Detection reads the SIPRI header with the standard library alone: no other format's
    module, no DuckDB, polars, pyarrow or XML parser is imported to recognise it."""
    export = ROOT / "tests" / "fixtures" / "sipri" / "classic_register.csv"
    program = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from ingest.formats import detect_format
        print(detect_format(Path(sys.argv[1])))
        heavy = ("duckdb", "polars", "pyarrow", "numpy", "defusedxml")
        print(sorted(m for m in sys.modules if m.split(".")[0] in heavy))
        print(sorted(m for m in sys.modules if m.startswith("ingest.sources.")))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", program, str(export)],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["sipri", "[]", "['ingest.sources.sipri_header']"]


def test_docs_formats_is_what_the_format_modules_define():
    """docs/formats.md is generated (python -m ingest.docs): it must equal what the format
    modules and the vocabularies give now."""
    assert docs.FORMATS_DOC.read_text(encoding="utf-8") == docs.render(), (
        "docs/formats.md is stale: run python -m ingest.docs"
    )
    assert docs.main(["--check"]) == 0


def test_the_docs_check_fails_on_a_stale_file(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "docs" / "formats.md"
    stale.parent.mkdir()
    stale.write_text(docs.render().replace("`battlefield_capture`", "`raid`"), encoding="utf-8")
    monkeypatch.setattr(docs, "FORMATS_DOC", stale)
    monkeypatch.setattr(docs, "PROJECT_ROOT", tmp_path)
    assert docs.main(["--check"]) == 1
    assert capsys.readouterr().out == "docs/formats.md is stale: run python -m ingest.docs\n"
    assert docs.main([]) == 0
    assert stale.read_text(encoding="utf-8") == docs.render()
    assert "| context | yes | How the materiel came to be documented. | `seizure` / " in (
        docs.render()
    )
