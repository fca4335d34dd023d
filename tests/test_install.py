"""The program as a user installs it, not as it runs from this checkout: the wheel installed with
pip into a fresh virtual environment, and the offline bundle installed by `scripts/setup.sh
--offline` inside a network namespace with no route out (`unshare -n`). Each then builds the
demo warehouse and serves the dashboard from an unrelated folder, with a home folder of its own:
the SQL, reference data, Streamlit settings and map assets must come from the installed package,
the warehouse must land in the user's data folder, and a page must be served over HTTP.

Slow (a bundle, two installs): marked `bundle`, so `pytest -m "not bundle"` skips them; CI runs
them. The wheels come from a wheelhouse that scripts/bundle.sh fills once and reuses."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from embargo.config import PROJECT_ROOT

pytestmark = [pytest.mark.bundle, pytest.mark.timeout(900)]

PYTHON_VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"
CHECKS = len(list((PROJECT_ROOT / "sql" / "checks").glob("*.sql")))

# Run inside the installed environment: two pages through Streamlit's AppTest against the demo
# warehouse, as the local operator (the pages read the package's own SQL results and shapes).
PAGE_RUN = """
import datetime as dt
from streamlit.testing.v1 import AppTest
from embargo.config import DASHBOARD_APP, FROM_CHECKOUT
assert not FROM_CHECKOUT, "the installed package must use its own resources"
at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=180)
at.run()
assert not at.exception, [e.value for e in at.exception]
at.date_input[0].set_value(dt.date(2026, 11, 1)).run()
print("title", [t.value for t in at.title])
print("in force", {m.label: m.value for m in at.metric}["Embargoes in force"])
at.switch_page("screens/embargo_regimes.py").run()
assert not at.exception, [e.value for e in at.exception]
print("title", [t.value for t in at.title])
"""

# Run in a folder of its own: build the demo, check it, serve it and fetch pages over HTTP.
BUILD_AND_SERVE = """
set -euo pipefail
embargo=$1 port=$2
"$embargo" --version
"$embargo" build --demo | tail -n 1
"$embargo" check | tail -n 1
"$embargo" serve --port "$port" >serve.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 120); do
    curl -sf "http://127.0.0.1:$port/_stcore/health" >health.txt && break
    sleep 0.5
done
echo "health $(cat health.txt)"
curl -sf "http://127.0.0.1:$port/" >index.html
curl -sf "http://127.0.0.1:$port/app/static/vendor/leaflet/leaflet.js" >leaflet.js
EMBARGO_AUTH_MODE=local "$(dirname "$embargo")/python" page_run.py
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_environment(home: Path) -> dict[str, str]:
    """A new user's environment: a home of its own, no EMBARGO_* setting, no PYTHONPATH naming
    this checkout, no pip configuration of this machine."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "PIP_CONFIG_FILE": os.devnull,
    }


def run(command: list[str], **options) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, **options)
    assert result.returncode == 0, f"{command[:3]} failed:\n{result.stdout}\n{result.stderr}"
    return result


def build_and_serve(folder: Path, embargo: Path, env: dict[str, str], wrap: list[str]) -> str:
    """Builds the demo and serves it from `folder` (inside `wrap`, e.g. a network namespace);
    returns what the script printed."""
    folder.mkdir()
    (folder / "page_run.py").write_text(PAGE_RUN, encoding="utf-8")
    (folder / "script.sh").write_text(BUILD_AND_SERVE, encoding="utf-8")
    command = [*wrap, "bash", "script.sh", str(embargo), str(free_port())]
    return run(command, cwd=folder, env=env, timeout=600).stdout


def assert_built_and_served(output: str, home: Path, folder: Path) -> None:
    lines = output.splitlines()
    assert lines[0] == "embargo-monitor 0.1.0"
    warehouse = home / ".local" / "share" / "embargo-monitor" / "warehouse.duckdb"
    assert lines[1].startswith(f"built {warehouse} with synthetic demo data in ")
    assert lines[1].endswith(f"; {CHECKS}/{CHECKS} checks passed")
    assert lines[2] == f"{CHECKS} of {CHECKS} checks passed"
    assert lines[3] == "health ok"
    assert lines[4:] == [
        "title ['Overview']",
        "in force 15",
        "title ['Embargo regimes']",
    ]
    assert warehouse.is_file()
    assert sorted(path.name for path in folder.iterdir()) == [
        "health.txt",
        "index.html",
        "leaflet.js",
        "page_run.py",
        "script.sh",
        "serve.log",
    ], "nothing is written in the folder it runs from"
    assert "<title>Streamlit</title>" in (folder / "index.html").read_text(encoding="utf-8")
    vendored = PROJECT_ROOT / "dashboard" / "static" / "vendor" / "leaflet" / "leaflet.js"
    assert (folder / "leaflet.js").read_bytes() == vendored.read_bytes()


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline bundle of HEAD for this Python version, made by scripts/bundle.sh."""
    if shutil.which("git") is None or not (PROJECT_ROOT / ".git").exists():
        pytest.skip("scripts/bundle.sh packs the committed files: needs a git checkout")
    out = tmp_path_factory.mktemp("dist")
    started = time.monotonic()
    result = run(
        ["bash", "scripts/bundle.sh", "--python", PYTHON_VERSION, "--out", str(out)],
        cwd=PROJECT_ROOT,
        timeout=600,
    )
    print(result.stdout, f"bundle made in {time.monotonic() - started:.0f} s")
    (archive,) = out.glob("embargo-monitor-*-offline.tar")
    return archive


def locked_versions() -> dict[str, str]:
    """requirements.lock's packages that apply on this machine, as name -> version."""
    from packaging.requirements import Requirement

    versions = {}
    for line in (PROJECT_ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line and line[0].isalnum():
            requirement = Requirement(line.split(" \\")[0])
            if requirement.marker is None or requirement.marker.evaluate():
                (specifier,) = requirement.specifier
                versions[canonicalize_name(requirement.name)] = specifier.version
    return versions


def test_the_wheel_carries_its_resources_and_resolves_to_the_locked_versions(bundle, tmp_path):
    """The wheel holds the SQL, reference data, settings and map assets, and `pip install
    embargo_monitor-*.whl` resolves its declared dependencies from the bundle's wheels alone to
    exactly the locked versions (so they are complete and admit the lock). The offline test
    below installs it for real and runs it."""
    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    run(["tar", "-xf", str(bundle), "-C", str(unpacked)])
    (root,) = unpacked.iterdir()
    (wheel,) = (root / "wheels").glob("embargo_monitor-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {
        "embargo/resources/streamlit_config.toml",
        "embargo/resources/sql/tables/embargoes.sql",
        "embargo/resources/data/reference/embargoes.csv",
        "embargo/resources/data/geo/country_shapes.geojson",
        "embargo/resources/data/geo/admin1_shapes.geojson",
        "embargo/resources/data/geo/populated_places.geojson",
        "dashboard/static/vendor/leaflet/leaflet.js",
        "dashboard/assets/favicon.png",
        "demo/seizures.py",
    } <= names
    shipped_sql = {name for name in names if name.startswith("embargo/resources/sql/")}
    assert len(shipped_sql) == len(list((PROJECT_ROOT / "sql").rglob("*.sql")))
    assert not [name for name in names if "/static/shapes/" in name or "data/build" in name]

    report = tmp_path / "report.json"
    pip = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet"]
    wheels = ["--isolated", "--no-index", "--find-links", str(root / "wheels")]
    run([*pip, *wheels, "--report", str(report), str(wheel)], env=clean_environment(tmp_path))
    resolved = {
        canonicalize_name(item["metadata"]["name"]): item["metadata"]["version"]
        for item in json.loads(report.read_text(encoding="utf-8"))["install"]
    }
    assert resolved.pop("embargo-monitor") == "0.1.0"
    assert resolved == locked_versions()


def network_namespace() -> list[str]:
    """unshare -n with the loopback interface up: the dashboard is reachable on 127.0.0.1, and
    there is no other interface, so no address beyond the machine can be reached."""
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        pytest.skip("unshare and ip (util-linux, iproute2) are needed for a network namespace")
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a network namespace here (root needed): {probe.stderr.strip()}")
    return ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "netns"]


def test_the_offline_bundle_installs_and_runs_without_a_network(bundle, tmp_path):
    wrap = network_namespace()
    check = subprocess.run(
        [*wrap, "python3", "-c", "import socket; socket.create_connection(('1.1.1.1', 443), 3)"],
        capture_output=True,
        text=True,
    )
    assert check.returncode != 0 and "unreachable" in check.stderr, "no route out"

    # A copy of the archive's setup.sh runs from the unpacked archive, as a user would.
    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    run(["tar", "-xf", str(bundle), "-C", str(unpacked)])
    (root,) = unpacked.iterdir()
    home = tmp_path / "home"
    env = clean_environment(home)
    venv = tmp_path / "opt" / "venv"
    started = time.monotonic()
    setup = [*wrap, "bash", str(root / "scripts" / "setup.sh"), "--offline", str(bundle)]
    result = run([*setup, "--venv", str(venv)], env=env, cwd=tmp_path, timeout=600)
    print(f"offline install in {time.monotonic() - started:.0f} s")
    assert result.stdout.splitlines()[-1].startswith(f"setup: done; the program is {venv}")

    folder = tmp_path / "elsewhere"
    output = build_and_serve(folder, venv / "bin" / "embargo", env, wrap)
    assert_built_and_served(output, home, folder)


def test_setup_refuses_a_bundle_whose_files_were_changed(bundle, tmp_path):
    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    run(["tar", "-xf", str(bundle), "-C", str(unpacked)])
    (root,) = unpacked.iterdir()
    (wheel,) = (root / "wheels").glob("embargo_monitor-*.whl")
    wheel.write_bytes(wheel.read_bytes() + b"\0")
    result = subprocess.run(
        ["bash", str(root / "scripts" / "setup.sh"), "--offline", str(root)],
        capture_output=True,
        text=True,
        env=clean_environment(tmp_path / "home"),
    )
    assert result.returncode == 1
    assert result.stderr.endswith(
        "setup.sh: the bundle's files do not match their SHA-256 sums: copy it again\n"
    )
    assert not (root / ".venv").exists(), "nothing installed"
