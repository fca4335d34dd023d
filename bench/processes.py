"""The server process the benchmarks measure: start `embargo serve` on a free loopback port,
wait for its health check, stop it, and read its CPU seconds and resident memory from /proc.

Shared by bench_load.py, bench_page_cost.py and loadtest.py, so each measures the server the
same way.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SERVER_START_SECONDS = 120
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# No proxy from the environment: the server is on the loopback interface.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(base_url: str) -> bool:
    try:
        with DIRECT.open(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.read().decode().strip() == "ok"
    except OSError:
        return False


def serve(
    options: list[str], env: dict[str, str], log: Path, cwd: Path = REPO
) -> tuple[subprocess.Popen, str]:
    """Starts `embargo serve` with the warehouse options given, its output into `log`, and returns
    the process and its base URL once it answers its health check. `cwd` is the checkout whose
    code it runs (with PYTHONPATH naming the same one in `env`)."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "embargo.cli", "serve", *options, "--port", str(port)],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + SERVER_START_SECONDS
    while not healthy(base_url):
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise RuntimeError(f"embargo serve did not start:\n{log.read_text()[-2000:]}")
        time.sleep(0.25)
    return process, base_url


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of the process so far (all its threads); 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")
