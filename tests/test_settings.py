"""Settings in one place: every EMBARGO_* setting the code reads is defined in embargo/settings.py
and read only through it; the environment wins over the configuration file, which wins over the
default; `embargo config` tells each value and where it came from; a faulty file is refused with
a clear message; the README's table is the one generated from the definitions."""

from __future__ import annotations

import json
import re

import pytest

from embargo import settings
from embargo.cli import main
from embargo.config import PROJECT_ROOT, warehouse_path

CODE = [
    path
    for package in ("embargo", "ingest", "dashboard")
    for path in sorted((PROJECT_ROOT / package).rglob("*.py"))
]
NAME = re.compile(r"""["'](EMBARGO_[A-Z0-9_]+)["']""")


@pytest.fixture(autouse=True)
def no_settings(monkeypatch):
    for name in settings.BY_NAME:
        monkeypatch.delenv(name, raising=False)


def write_config(tmp_path, text: str):
    path = tmp_path / "embargo.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_setting_the_code_names_is_defined_and_every_definition_is_used():
    named: dict[str, set[str]] = {}
    for path in CODE:
        for name in NAME.findall(path.read_text(encoding="utf-8")):
            named.setdefault(name, set()).add(path.relative_to(PROJECT_ROOT).as_posix())
    assert {name: where for name, where in named.items() if name not in settings.BY_NAME} == {}
    used_outside = {name for name, where in named.items() if where - {"embargo/settings.py"}}
    assert sorted(set(settings.BY_NAME) - used_outside - {"EMBARGO_CONFIG"}) == []


def test_the_code_reads_settings_only_through_the_settings_module():
    reads = re.compile(r"""(os\.environ\.get\(|os\.getenv\(|os\.environ\[)\s*["']EMBARGO_""")
    offenders = [
        path.relative_to(PROJECT_ROOT).as_posix()
        for path in CODE
        if path.name != "settings.py" and reads.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_environment_then_file_then_default(tmp_path, monkeypatch):
    path = write_config(tmp_path, 'session_minutes = 12\nauth_mode = "proxy"\ntile_url = ""\n')
    monkeypatch.setenv("EMBARGO_CONFIG", str(path))
    monkeypatch.setenv("EMBARGO_AUTH_MODE", "local")
    assert settings.lookup("EMBARGO_AUTH_MODE") == ("local", "environment")
    assert settings.lookup("EMBARGO_SESSION_MINUTES") == ("12", f"file {path}")
    assert settings.lookup("EMBARGO_QUERY_CACHE_MB") == ("256", "default")
    assert settings.lookup("EMBARGO_TILE_URL") == (None, "default"), "empty counts as unset"

    from dashboard import session

    assert session.session_minutes() == 12.0
    assert session.auth_mode() == "local"


def test_the_file_sets_the_warehouse_and_a_limit(tmp_path, monkeypatch):
    path = write_config(tmp_path, f'db = "{tmp_path}/w.duckdb"\nmax_input_mb = 3\n')
    monkeypatch.setenv("EMBARGO_CONFIG", str(path))
    from ingest import files

    assert warehouse_path() == tmp_path / "w.duckdb"
    assert files.max_input_bytes() == 3 * 1024 * 1024


def test_embargo_config_prints_each_setting_its_value_and_source(tmp_path, monkeypatch, capsys):
    path = write_config(tmp_path, "query_cache_mb = 64\n")
    monkeypatch.setenv("EMBARGO_CONFIG", str(path))
    monkeypatch.setenv("EMBARGO_DB", str(tmp_path / "w.duckdb"))
    assert main(["config", "--format", "json"]) == 0
    rows = {row["setting"]: row for row in json.loads(capsys.readouterr().out)}
    assert list(rows) == [setting.name for setting in settings.SETTINGS]
    assert rows["EMBARGO_CONFIG"] == {
        "setting": "EMBARGO_CONFIG",
        "value": str(path),
        "source": "environment",
    }
    assert rows["EMBARGO_DB"]["value"] == str(tmp_path / "w.duckdb")
    assert rows["EMBARGO_DB"]["source"] == "environment"
    assert rows["EMBARGO_QUERY_CACHE_MB"] == {
        "setting": "EMBARGO_QUERY_CACHE_MB",
        "value": "64",
        "source": f"file {path}",
    }
    assert rows["EMBARGO_TILE_URL"] == {
        "setting": "EMBARGO_TILE_URL",
        "value": None,
        "source": "default",
    }

    assert main(["config"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["setting", "value", "source"]
    assert lines[1:] and len(lines) == len(settings.SETTINGS) + 1
    cache_line = next(line for line in lines if line.startswith("EMBARGO_QUERY_CACHE_MB"))
    assert cache_line.split() == ["EMBARGO_QUERY_CACHE_MB", "64", "file", str(path)]
    tile_line = next(line for line in lines if line.startswith("EMBARGO_TILE_URL "))
    assert tile_line.split() == ["EMBARGO_TILE_URL", "(unset)", "default"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "query_cache = 64\n",
            "unknown setting 'query_cache'; did you mean query_cache_mb?",
        ),
        ("db = [1, 2]\n", "db must be a string or a number, not list"),
        ("db = \n", "not valid TOML: "),
        ("config = 'x'\n", "unknown setting 'config'"),
    ],
)
def test_a_faulty_file_is_refused_with_its_name_and_fault(
    tmp_path, monkeypatch, capsys, text, message
):
    path = write_config(tmp_path, text)
    monkeypatch.setenv("EMBARGO_CONFIG", str(path))
    assert main(["config"]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"embargo: {path}: ")
    assert message in error
    assert "Traceback" not in error


def test_a_missing_named_file_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EMBARGO_CONFIG", str(tmp_path / "absent.toml"))
    assert main(["check", "--db", str(tmp_path / "w.duckdb")]) == 2
    assert capsys.readouterr().err == (
        f"embargo: EMBARGO_CONFIG names {tmp_path / 'absent.toml'}, which is not a file\n"
    )


def test_the_readme_settings_table_is_generated_from_the_definitions():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert settings.readme_with_table(readme) == readme, (
        "the README's settings table is stale: run `python -m embargo.settings`"
    )
    for setting in settings.SETTINGS:
        assert f"| `{setting.name}` |" in readme


def test_the_query_memory_limit_is_2048_mb_unless_set(tmp_path, monkeypatch):
    monkeypatch.setenv("EMBARGO_CONFIG", str(write_config(tmp_path, "session_minutes = 12\n")))
    assert settings.lookup("EMBARGO_QUERY_MEMORY_MB") == ("2048", "default")
    path = write_config(tmp_path, "query_memory_mb = 512\n")
    assert settings.lookup("EMBARGO_QUERY_MEMORY_MB") == ("512", f"file {path}")
