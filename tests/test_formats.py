"""The formats table (ingest.formats): an explicit mapping of imported format modules, each with
what `embargo ingest` calls; a format module that fails to import fails the import of the table
instead of disappearing from ingest, detection and the Upload page."""

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
        "acled", "att", "corrections", "exemptions", "poe-findings", "seizures", "sipri", "traces",
        "ucdp-ged", "un-sanctions-list", "unroca",
    ]  # fmt: skip
    for name, module in FORMAT_MODULES.items():
        assert isinstance(module, ModuleType), name
        assert module.__name__.startswith("ingest.sources."), name
        assert callable(module.detect) and callable(module.load), name
        assert isinstance(module.SOURCE_ID, str) and module.SOURCE_ID, name
        assert isinstance(module.TABLES_WRITTEN, tuple) and module.TABLES_WRITTEN, name
        assert format_module(name) is module
    assert available_formats() == list(FORMAT_MODULES)


def test_a_format_module_that_fails_to_import_is_an_error():
    """A format whose module raises on import makes `import ingest.formats` fail, naming the
    error, so the format cannot silently go missing."""
    program = textwrap.dedent(
        """
        import importlib.abc
        import sys

        class BrokenAcled(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path, target=None):
                if name == "ingest.sources.acled":
                    raise ImportError("acled module broken on purpose")
                return None

        sys.meta_path.insert(0, BrokenAcled())
        import ingest.formats
        print("imported", sorted(ingest.formats.FORMAT_MODULES))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "imported" not in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "ImportError: acled module broken on purpose"


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
