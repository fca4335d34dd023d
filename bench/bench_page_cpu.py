"""The server's CPU seconds per page run, page by page: what decides how many sessions one
server carries (the load test's capacity), measured without the load test's crowd.

    .venv/bin/python bench/bench_page_cpu.py [--runs 5] [--old CHECKOUT] [--new .]
        [--pages "Overview,Transfers"] [--load-each-round] [--memory-sessions N] [--json FILE]
        [--py-spy FILE]

Builds the demo warehouse in a temporary folder (with each checkout's own code when two are
compared), adds one local account (role analyst, cleared strictly confidential) and starts one
`embargo serve` per checkout with `EMBARGO_AUTH_MODE=proxy`. One session per server, spoken
through Streamlit's own protocol as loadtest.py speaks it (the proxy header signs it in, a page
run is a `rerun_script` message), opens the app, runs every page of loadtest.PAGE_WEIGHTS once to
warm up (imports, first queries), then `--runs` rounds of every page. A page run's cost is the
server's CPU seconds (user + system, /proc/PID/stat, every thread) from the request to a short
settle after its `script_finished` message; each page follows another page, as in the load
test.

With `--old CHECKOUT` the two checkouts' servers run side by side and each page is run on one,
then on the other (the order swapped every round): on a shared machine the load moves by the
minute, and only runs taken in the same minutes compare. CPU seconds, not wall-clock, are the
measure: another process on the machine slows a page run but does not add to its CPU seconds.

`--load-each-round` loads a small seizures file (5 events, as the load test's writers do) into
each warehouse before each round, outside the measured runs: the results kept for the seizure
tables are then stale at each round's first page that reads them, as in the load test.
`--memory-sessions N` then opens N more sessions per server, each running every page once, and
reports the server's resident memory per added session. `--py-spy FILE` records the (last)
server's stacks during the measured rounds with py-spy (raw collapsed stacks, 50 Hz, idle threads
left out; py-spy must be installed and allowed to read the process); its sampling slows the
server, so take the figures from a run without it.

Prints per page its weight, the mean CPU seconds per run (and the median wall-clock seconds) for
each checkout, and the mean over pages weighted as the load test draws them."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import write_seizure_file
from loadtest import FIRST_RUN, PAGE_WEIGHTS, PROXY_HEADER, StreamlitSession
from processes import REPO, cpu_seconds, resident_mb, serve, stop

USER = "analyst01"
SETTLE_S = 0.3  # after script_finished: work the server does once the run has ended
TIMEOUT_S = 120

# Run in each checkout (its own code): the demo warehouse and the analyst's account beside it,
# where a server started without EMBARGO_ACCESS_DB looks for accounts.
SET_UP = """
import sys
from pathlib import Path
from embargo import accounts
from ingest.build import build_warehouse
db = Path(sys.argv[1])
build_warehouse(db, demo=True)
store = db.with_name(f"{db.stem}.access.sqlite")
accounts.add_user(sys.argv[2], "analyst", "strictly_confidential", accounts.new_password(), store)
"""


@dataclass
class Side:
    """One checkout of the code: its warehouse, its server and what its page runs cost."""

    name: str
    checkout: Path
    folder: Path
    process: subprocess.Popen | None = None
    base_url: str = ""
    session: StreamlitSession | None = None
    cpu_s: dict[str, list[float]] = field(default_factory=dict)
    wall_s: dict[str, list[float]] = field(default_factory=dict)
    loads: int = 0

    @property
    def db(self) -> Path:
        return self.folder / "w.duckdb"

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("EMBARGO_DB", "EMBARGO_ACCESS_DB")}
        return env | {
            "EMBARGO_AUTH_MODE": "proxy",
            "EMBARGO_PROXY_USER_HEADER": PROXY_HEADER,
            "PYTHONPATH": str(self.checkout),
        }


def set_up(side: Side) -> None:
    side.folder.mkdir(parents=True)
    subprocess.run(
        [sys.executable, "-c", SET_UP, str(side.db), USER],
        cwd=side.checkout,
        env=side.environment(),
        check=True,
        capture_output=True,
    )


def load_small_file(side: Side) -> None:
    """One `embargo ingest` of a new 5-event seizures file, as a load-test writer's."""
    files = side.folder / "loads"
    files.mkdir(exist_ok=True)
    side.loads += 1
    path = write_seizure_file(files, 1, side.loads)
    result = subprocess.run(
        [sys.executable, "-m", "embargo.cli", "ingest", str(path), "--db", str(side.db)],
        cwd=side.checkout,
        env=side.environment(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0 or "loaded 5" not in result.stdout:
        raise RuntimeError(f"{side.name}: ingest failed: {result.stdout[-500:]}{result.stderr}")


async def timed_run(side: Side, page: str) -> tuple[float, float]:
    """The server's CPU seconds and the wall-clock seconds of one page run of `page`."""
    before = cpu_seconds(side.process.pid)
    seconds, problems, _received = await side.session.run(page)
    await asyncio.sleep(SETTLE_S)
    cost = cpu_seconds(side.process.pid) - before
    if problems:
        raise RuntimeError(f"{side.name} {page}: {problems}")
    return cost, seconds


async def measure(
    sides: list[Side], pages: list[str], runs: int, load_each_round: bool, profile: Path | None
) -> None:
    for side in sides:
        side.session = StreamlitSession(side.base_url, {PROXY_HEADER: USER}, TIMEOUT_S)
        await side.session.connect()
        await side.session.run(FIRST_RUN)
        unknown = [page for page in pages if page not in side.session.pages]
        if unknown:
            raise RuntimeError(f"{side.name}: no page {unknown}")
        for page in pages:  # the warm-up round: imports, first queries
            await timed_run(side, page)
    recorder = None
    if profile is not None:
        server = str(sides[-1].process.pid)
        recorder = subprocess.Popen(
            ["py-spy", "record", "-p", server, "-f", "raw", "-r", "50", "-o", str(profile)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        await asyncio.sleep(1.0)
    for round_number in range(runs):
        if load_each_round:
            for side in sides:
                load_small_file(side)
        order = sides if round_number % 2 == 0 else sides[::-1]
        for page in pages:
            for side in order:
                cost, seconds = await timed_run(side, page)
                side.cpu_s.setdefault(page, []).append(cost)
                side.wall_s.setdefault(page, []).append(seconds)
        print(f"round {round_number + 1} of {runs} done", flush=True)
    if recorder is not None:
        recorder.send_signal(signal.SIGINT)  # py-spy writes its file when interrupted
        recorder.wait(timeout=60)
    for side in sides:
        await side.session.close()


async def memory_per_session(side: Side, pages: list[str], sessions: int) -> dict:
    """The server's resident memory before and after `sessions` more sessions have each run
    every page once (kept open), and the growth per session."""
    await asyncio.sleep(1.0)
    before = resident_mb(side.process.pid)
    opened = []
    for _number in range(sessions):
        session = StreamlitSession(side.base_url, {PROXY_HEADER: USER}, TIMEOUT_S)
        await session.connect()
        await session.run(FIRST_RUN)
        for page in pages:
            await session.run(page)
        opened.append(session)
    await asyncio.sleep(1.0)
    after = resident_mb(side.process.pid)
    for session in opened:
        await session.close()
    return {
        "sessions": sessions,
        "rss_mb_before": round(before, 1),
        "rss_mb_after": round(after, 1),
        "mb_per_session": round((after - before) / sessions, 2),
    }


def weighted_mean(costs: dict[str, float]) -> float:
    weights = {page: PAGE_WEIGHTS[page] for page in costs}
    return sum(costs[page] * weights[page] for page in costs) / sum(weights.values())


def summary(side: Side, pages: list[str]) -> dict:
    cpu = {page: statistics.fmean(side.cpu_s[page]) for page in pages}
    return {
        "checkout": str(side.checkout),
        "cpu_s_per_run": {page: round(value, 4) for page, value in cpu.items()},
        "cpu_s_runs": {page: [round(v, 3) for v in side.cpu_s[page]] for page in pages},
        "wall_s_median": {page: round(statistics.median(side.wall_s[page]), 3) for page in pages},
        "weighted_cpu_s_per_run": round(weighted_mean(cpu), 4),
    }


def print_table(results: dict[str, dict], pages: list[str]) -> None:
    names = list(results)
    header = f"{'page':<18}{'weight':>7}" + "".join(
        f"{name + ' CPU-s':>14}{name + ' wall s':>14}" for name in names
    )
    if len(names) == 2:
        header += f"{'new/old':>9}"
    print(header)
    print("-" * len(header))
    for page in pages:
        line = f"{page:<18}{PAGE_WEIGHTS[page]:>7}"
        for name in names:
            line += f"{results[name]['cpu_s_per_run'][page]:>14.3f}"
            line += f"{results[name]['wall_s_median'][page]:>14.3f}"
        if len(names) == 2:
            old, new = (results[name]["cpu_s_per_run"][page] for name in ("old", "new"))
            line += f"{new / old:>9.2f}" if old else f"{'-':>9}"
        print(line)
    line = f"{'weighted mean':<18}{sum(PAGE_WEIGHTS[p] for p in pages):>7}"
    for name in names:
        line += f"{results[name]['weighted_cpu_s_per_run']:>14.3f}{'':>14}"
    if len(names) == 2:
        old, new = (results[name]["weighted_cpu_s_per_run"] for name in ("old", "new"))
        line += f"{new / old:>9.2f}"
    print(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs of each page")
    parser.add_argument("--old", type=Path, help="a checkout of the code before, run alongside")
    parser.add_argument("--new", type=Path, default=REPO, help="the checkout measured")
    parser.add_argument("--pages", help="comma-separated page titles (default: every weighted)")
    parser.add_argument("--load-each-round", action="store_true")
    parser.add_argument("--memory-sessions", type=int, default=0)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--py-spy", dest="profile", type=Path, help="raw stacks of the server")
    args = parser.parse_args()
    pages = args.pages.split(",") if args.pages else list(PAGE_WEIGHTS)
    unknown = [page for page in pages if page not in PAGE_WEIGHTS]
    if unknown:
        parser.error(f"not a weighted page: {unknown}; pages: {list(PAGE_WEIGHTS)}")
    print(
        f"{args.runs} runs of {len(pages)} pages, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} at start",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="page-cpu-") as temporary:
        folder = Path(temporary)
        checkouts = {"new": args.new.resolve()}
        if args.old is not None:
            checkouts = {"old": args.old.resolve(), **checkouts}
        sides = [Side(name, checkout, folder / name) for name, checkout in checkouts.items()]
        started = time.perf_counter()
        for side in sides:
            set_up(side)
        print(f"warehouses built in {time.perf_counter() - started:.0f} s", flush=True)
        try:
            for side in sides:
                side.process, side.base_url = serve(
                    ["--db", str(side.db)],
                    side.environment(),
                    side.folder / "serve.log",
                    cwd=side.checkout,
                )
            asyncio.run(measure(sides, pages, args.runs, args.load_each_round, args.profile))
            results = {side.name: summary(side, pages) for side in sides}
            if args.memory_sessions:
                for side in sides:
                    results[side.name]["memory"] = asyncio.run(
                        memory_per_session(side, pages, args.memory_sessions)
                    )
        finally:
            for side in sides:
                if side.process is not None:
                    stop(side.process)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    print_table(results, pages)
    for name, result in results.items():
        if "memory" in result:
            memory = result["memory"]
            print(
                f"{name}: resident memory {memory['rss_mb_before']} MB, then "
                f"{memory['rss_mb_after']} MB with {memory['sessions']} more sessions: "
                f"{memory['mb_per_session']} MB per session"
            )
    if args.json:
        args.json.write_text(
            json.dumps({"run": vars(args), "results": results}, indent=2, default=str) + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
