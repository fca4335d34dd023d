"""The deployment files in deploy/ parse and name only what exists: the systemd units pass
`systemd-analyze verify` (with the program they start pointed at this environment's `embargo`),
each `embargo ...` command line they run is accepted by the command's own parser, every setting
the environment file names is defined in embargo/settings.py, and the nginx site passes
`nginx -t` inside a prefix of the test's own, sending to the ports the serve units listen on."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from embargo.cli import parser
from embargo.config import PROJECT_ROOT
from embargo.settings import BY_NAME

DEPLOY = PROJECT_ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("embargo-*"))
INSTALLED_EMBARGO = "/opt/embargo-monitor/venv/bin/embargo"
ENVIRONMENT_FILE = DEPLOY / "embargo.env"
NGINX_SITE = DEPLOY / "nginx" / "embargo-monitor.conf"
# The replicas the README's shared deployment starts (embargo-serve@PORT).
REPLICA_PORTS = ["8501", "8502"]


def unit_lines(path: Path, key: str) -> list[str]:
    return [
        line.split("=", 1)[1]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith(f"{key}=")
    ]


def test_the_units_are_the_expected_ones():
    assert [unit.name for unit in UNITS] == [
        "embargo-maintain.service",
        "embargo-maintain.timer",
        "embargo-serve@.service",
        "embargo-watch.service",
    ]


def test_systemd_analyze_verifies_every_unit(tmp_path):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    embargo = Path(sys.prefix) / "bin" / "embargo"
    assert embargo.is_file(), "the environment's console script"
    for unit in UNITS:
        text = unit.read_text(encoding="utf-8").replace(INSTALLED_EMBARGO, str(embargo))
        (tmp_path / unit.name).write_text(text, encoding="utf-8")
    # The template as an instance, as `systemctl enable embargo-serve@8501` makes it.
    template = tmp_path / "embargo-serve@.service"
    instance = tmp_path / "embargo-serve@8501.service"
    shutil.copyfile(template, instance)
    template.unlink()
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *sorted(map(str, tmp_path.iterdir()))],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert (result.returncode, result.stderr.strip()) == (0, "")


def test_every_command_the_units_run_is_accepted_by_embargo():
    commands = []
    for unit in UNITS:
        for line in unit_lines(unit, "ExecStart"):
            words = shlex.split(line.replace("%i", REPLICA_PORTS[0]))
            assert words[0] == INSTALLED_EMBARGO, f"{unit.name}: {line}"
            commands.append(words[1:])
    assert [command[:2] for command in commands] == [
        ["catalog", "maintain"],
        ["serve", "--port"],
        ["watch", "/var/lib/embargo-monitor/inbox"],
    ]
    for command in commands:
        parser().parse_args(command)  # exits (SystemExit) on an unknown option or value


def test_every_setting_of_the_environment_file_exists():
    names = re.findall(r"^#?(EMBARGO_[A-Z_]+)=", ENVIRONMENT_FILE.read_text(), re.MULTILINE)
    assert len(names) >= 10
    assert [name for name in names if name not in BY_NAME] == []
    for unit in UNITS:
        if unit.suffix == ".service":
            assert unit_lines(unit, "EnvironmentFile") == ["-/etc/embargo-monitor/embargo.env"]


def test_the_nginx_site_sends_to_the_replicas_with_sticky_sessions_and_websockets():
    site = NGINX_SITE.read_text(encoding="utf-8")
    upstream = re.search(r"upstream embargo_monitor \{(.*?)\}", site, re.DOTALL).group(1)
    assert re.findall(r"server 127\.0\.0\.1:(\d+)", upstream) == REPLICA_PORTS
    assert "ip_hash;" in upstream
    for directive in (
        "proxy_http_version 1.1;",
        "proxy_set_header Upgrade $http_upgrade;",
        "proxy_set_header Connection $embargo_connection;",
        "proxy_set_header Host $http_host;",
    ):
        assert directive in site


def test_nginx_accepts_the_site(tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).is_file():
        pytest.skip("nginx is not installed (scripts/setup.sh --dev installs it as root)")
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make the test's certificate")
    tls = tmp_path / "tls"
    tls.mkdir()
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=embargo.test",
            "-keyout",
            str(tls / "embargo.key"),
            "-out",
            str(tls / "embargo.crt"),
        ],
        check=True,
        capture_output=True,
    )
    site = NGINX_SITE.read_text(encoding="utf-8").replace("/etc/embargo-monitor/tls", str(tls))
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    (tmp_path / "logs").mkdir()
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\n"
        f"error_log {tmp_path}/logs/error.log;\n"
        "events {}\n"
        "http {\n"
        f"    access_log {tmp_path}/logs/access.log;\n"
        f"    client_body_temp_path {tmp_path}/body;\n"
        f"    proxy_temp_path {tmp_path}/proxy;\n"
        f"    include {tmp_path}/site.conf;\n"
        "}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            nginx,
            "-t",
            "-p",
            str(tmp_path),
            "-c",
            str(tmp_path / "nginx.conf"),
            "-e",
            str(tmp_path / "logs" / "error.log"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "test is successful" in result.stderr
