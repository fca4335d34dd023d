"""Load test: concurrent dashboard sessions in a real browser against one `embargo serve`, while
ingest writers keep loading files into the same warehouse.

    .venv/bin/python bench/bench_load.py [--sessions 20] [--rounds 2] [--writers 2]
        [--target local|lake|both] [--navigation link|url] [--think 30] [--ramp-up 120]
        [--writer-pause 5] [--writers-watch] [--timeout 60] [--json FILE]

For each target it builds a demo warehouse (`local`: a warehouse file; `lake`: a DuckLake catalog
in a throw-away PostgreSQL cluster on 127.0.0.1, see tests/support/pgcluster.py), starts ONE
`embargo serve` on a free loopback port, and starts `--writers` writers: each runs
`embargo ingest FILE` in a loop, `--writer-pause` seconds apart, on small generated seizures
files of its own (a few one-rifle events each, unique event ids and serials), until the sessions
are done; with `--writers-watch` each writer is instead one `embargo watch` process that keeps
the warehouse open and loads the files dropped into its inbox. Debian's chromium
(`/usr/bin/chromium`, driven by Playwright's async API) first visits every page once in a
context of its own as a warm-up (not counted: the server's one-off costs), then opens
`--sessions` browser contexts, each an analyst's session:

- Session i starts i/N of `--ramp-up` seconds after the first (analysts arrive one after
  another, not all in one instant) and opens the dashboard at its own page (session i at page i,
  so every page is under load at once): the app's first load in a fresh browser profile,
  reported on its own.
- Then, `--rounds` times, it visits the ten pages by their sidebar links (`--navigation link`,
  as an analyst moves around the running app; `url` loads each page's URL afresh instead, the
  whole app each time), reading each page for a pause drawn uniformly between half and one and a
  half times `--think` seconds (the same draws each run).

Page render time: from the click (or the start of the navigation) until the page is rendered, as
the browser test's `settle` judges it (Streamlit connected, script state notRunning, status
widget gone) and the page's own heading is shown, without that test's fixed extra waits and
without waiting for network idle. Errors, counted per visit: an exception shown on the page (or a
traceback in its text), a wrong heading, a timeout (`--timeout` seconds), a failed load (HTTP
status 400 or above, a failed request), a script error in the page and any request to a host
other than loopback. Every request that would leave loopback goes to a dead proxy on 127.0.0.1
and fails there, and is counted as an error.

Prints, per target, p50 / p95 / max render time and the error count, overall and per page, the
app's first loads, the writers' loads (files loaded, failures, median ingest time) and the load
average; `--json FILE` writes the same figures and every error. Targets: no errors, p95 under
3 s with 20 sessions. Works in a temporary folder and leaves nothing behind."""

from __future__ import annotations

import argparse
import asyncio
import csv
import ipaddress
import json
import os
import queue
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import TimeoutError as PlaywrightTimeout
from playwright.async_api import async_playwright
from processes import REPO, serve, stop

CHROMIUM = Path("/usr/bin/chromium")

# url path -> the page title shown as the page's h1 (as in tests/browser/test_pages_browser.py)
PAGES = {
    "/": "Overview",
    "/embargo-regimes": "Embargo regimes",
    "/transfers": "Transfers",
    "/flows": "Flows",
    "/screening": "Screening",
    "/hotspots": "Hotspots",
    "/trends": "Trends",
    "/tracing": "Tracing",
    "/item-search": "Item search",
    "/sources": "Sources",
}

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # Every context is in the foreground for its own session: no throttling of hidden pages.
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
# Requests to any host but loopback go to this proxy, where nothing listens: they fail on the
# machine. Loopback is never proxied. Unlike Playwright's request routing this keeps the browser
# cache, so each page load costs what it costs a returning user.
DEAD_PROXY = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost,[::1]"}
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-error"}
VIEWPORT = {"width": 1400, "height": 1000}
EVENTS_PER_FILE = 5

# Rendered: the browser test's `settle` conditions, plus the page's own heading (so that a page
# still showing nothing is not taken for rendered). An exception shown on the page also ends the
# wait: it is counted as an error.
RENDERED_JS = """(title) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) return false;
    if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
    if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
    if (document.querySelector('[data-testid="stException"]')) return true;
    const heading = document.querySelector('[data-testid="stMain"] h1');
    return heading !== null && heading.innerText.trim() === title;
}"""
PAGE_PROBLEMS_JS = """(title) => {
    const problems = [];
    const exception = document.querySelector('[data-testid="stException"]');
    if (exception) problems.push('exception: ' + exception.innerText.slice(0, 300));
    else if (document.body.innerText.includes('Traceback')) problems.push('traceback in page');
    const heading = document.querySelector('[data-testid="stMain"] h1');
    const shown = heading ? heading.innerText.trim() : null;
    if (shown !== title) problems.push('heading ' + JSON.stringify(shown));
    return problems;
}"""

# The columns of a seizures file (docs/formats.md); each generated file holds one-rifle events.
SEIZURE_HEADER = [
    "event_id", "event_date", "date_precision", "country_iso3", "location_name", "latitude",
    "longitude", "location_precision", "context", "actor_type", "reporting_entity",
    "item_kind", "weapon_category", "manufacturer", "model", "calibre", "serial_number",
    "country_of_manufacture", "year_of_manufacture", "quantity", "unit", "classification",
]  # fmt: skip
PLACES = [("MLI", "Gao", "16.27", "-0.04"), ("SDN", "El Fasher", "13.63", "25.35")]


def is_loopback(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    host = parts.hostname
    if host is None:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def base_path_probe(url: str) -> bool:
    """True for Streamlit's probes of the page's own path as the server's base path
    (`/transfers/_stcore/health`, `.../host-config`): opened on a page URL, its client tries
    that base path first and, on 404, the root. Those 404s are how it works, not failed loads."""
    parts = urlsplit(url).path.rstrip("/").split("/")
    return len(parts) > 3 and parts[-2] == "_stcore" and parts[-1] in ("health", "host-config")


def write_seizure_file(folder: Path, writer: int, number: int) -> Path:
    """A small seizures file of its own: event ids and serials name the writer and the file."""
    path = folder / f"load-w{writer}-{number:04d}.csv"
    iso3, place, latitude, longitude = PLACES[number % len(PLACES)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(SEIZURE_HEADER)
        for event in range(EVENTS_PER_FILE):
            out.writerow(
                [
                    f"LOAD-W{writer}-F{number}-E{event}", f"2024-{event % 12 + 1:02d}-05", "day",
                    iso3, place, latitude, longitude, "exact", "seizure",
                    "non_state_armed_group", "Synthetic load test", "weapon", "assault_rifle",
                    "Izhmash", "AKM", "7.62 x 39 mm", f"LW{writer}F{number:04d}S{event:03d}",
                    "RUS", "1975", "1", "items", "public",
                ]
            )  # fmt: skip
    return path


# --- the ingest writers -------------------------------------------------------------------------


@dataclass
class WriterStats:
    seconds: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def run_writer(
    writer: int,
    location: list[str],
    folder: Path,
    pause: float,
    stop: threading.Event,
    stats: WriterStats,
) -> None:
    """Loads one new file after another with `embargo ingest`, `pause` seconds apart, until
    `stop` is set."""
    number = 0
    while not stop.is_set():
        number += 1
        path = write_seizure_file(folder, writer, number)
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "embargo.cli", "ingest", str(path), *location],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - started
        if result.returncode == 0 and "loaded 5" in result.stdout:
            stats.seconds.append(elapsed)
        else:
            stats.failures.append(f"{path.name}: rc {result.returncode} {result.stderr[-300:]}")
        stop.wait(pause)


def run_watching_writer(
    writer: int,
    location: list[str],
    folder: Path,
    pause: float,
    stop: threading.Event,
    stats: WriterStats,
) -> None:
    """As run_writer, but the files go into the inbox of one `embargo watch` process that keeps
    the warehouse open: each file is written under a .partial name and renamed, and counts as
    loaded when the watcher says so (the time includes the watcher's looks at the folder)."""
    inbox = folder / f"inbox-w{writer}"
    inbox.mkdir()
    command = [sys.executable, "-m", "embargo.cli", "watch", str(inbox), "--poll", "0.5"]
    watcher = subprocess.Popen(
        [*command, *location], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    said: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [said.put(line) for line in watcher.stdout], daemon=True
    ).start()
    said.get(timeout=120)  # "watching ..."
    number = 0
    try:
        while not stop.is_set():
            number += 1
            written = write_seizure_file(folder, writer, number)
            started = time.perf_counter()
            written.rename(inbox / written.name)
            try:
                line = said.get(timeout=120)
                while not line.startswith(f"{written.name}:"):  # the note of a retried load
                    line = said.get(timeout=120)
            except queue.Empty:
                stats.failures.append(f"{written.name}: not loaded within 120 s")
                break
            if f"loaded {EVENTS_PER_FILE}" in line:
                stats.seconds.append(time.perf_counter() - started)
            else:
                stats.failures.append(f"{written.name}: {line.strip()}")
            stop.wait(pause)
    finally:
        watcher.send_signal(signal.SIGTERM)
        try:
            watcher.wait(timeout=60)
        except subprocess.TimeoutExpired:
            watcher.kill()


# --- the browser sessions -----------------------------------------------------------------------


@dataclass
class PageVisit:
    session: int
    round: int
    path: str
    seconds: float | None  # None when the page did not render in time
    errors: list[str]
    by_link: bool  # reached by a sidebar link (else by loading its URL)
    started_s: float = 0.0  # when the visit began, in seconds since the sessions were let go


class Session:
    """One browser context: one analyst's dashboard session."""

    def __init__(self, browser, base_url: str, timeout_ms: int) -> None:
        self.browser = browser
        self.base_url = base_url
        self.timeout_ms = timeout_ms
        self.pending: list[str] = []  # what went wrong since the last page was opened

    async def start(self) -> None:
        self.context = await self.browser.new_context(viewport=VIEWPORT)
        self.context.set_default_timeout(self.timeout_ms)
        self.context.on("request", self.on_request)
        self.context.on("requestfailed", self.on_failed)
        self.context.on("response", self.on_response)
        self.page = await self.context.new_page()
        self.page.on("websocket", lambda socket_: self.on_url(socket_.url))
        self.page.on("pageerror", lambda error: self.pending.append(f"script error: {error}"))

    def on_url(self, url: str) -> None:
        if not is_loopback(url):
            self.pending.append(f"request beyond loopback: {url}")

    def on_request(self, request) -> None:
        self.on_url(request.url)

    def on_failed(self, request) -> None:
        # Leaving a page cancels its pending requests: that is not a failed load.
        if is_loopback(request.url) and request.failure != "net::ERR_ABORTED":
            self.pending.append(f"failed load: {request.url} {request.failure}")

    def on_response(self, response) -> None:
        if response.status >= 400 and not base_path_probe(response.url):
            self.pending.append(f"HTTP {response.status}: {response.url}")

    async def visit(self, path: str, by_link: bool = False) -> tuple[float | None, list[str]]:
        """Opens the page by its URL (a fresh load of the app), or with `by_link` by its link in
        the sidebar (the app stays loaded and runs the page: how an analyst moves between pages).
        Returns the render time (None when not rendered in time) and what went wrong."""
        title = PAGES[path]
        self.pending = []
        started = time.perf_counter()
        try:
            if by_link:
                await self.page.locator(
                    f'[data-testid="stSidebarNav"] a[href="{self.base_url}{path}"]'
                ).click()
            else:
                await self.page.goto(self.base_url + path, wait_until="commit")
            # One time limit for the whole visit: what the navigation took counts against it.
            left_ms = max(1, self.timeout_ms - (time.perf_counter() - started) * 1000)
            await self.page.wait_for_function(RENDERED_JS, arg=title, polling=50, timeout=left_ms)
            seconds: float | None = time.perf_counter() - started
            problems = await self.page.evaluate(PAGE_PROBLEMS_JS, title)
        except PlaywrightTimeout:
            seconds, problems = None, [f"timeout after {self.timeout_ms / 1000:.0f} s"]
        except Exception as error:  # a crashed page or a refused connection is an error too
            seconds, problems = None, [f"{type(error).__name__}: {str(error)[:300]}"]
        return seconds, problems + self.pending

    async def close(self) -> None:
        await self.context.close()


@dataclass(frozen=True)
class Pattern:
    """How the sessions use the dashboard."""

    rounds: int
    timeout_ms: int
    navigation: str  # "link": open the app once, then move by sidebar links; "url": reload each
    think_seconds: float  # mean pause after each rendered page, reading it
    ramp_up_seconds: float = 0.0  # the sessions start evenly spread over this time
    sessions: int = 1


async def run_session(
    number: int, browser, base_url: str, pattern: Pattern, start_gate: asyncio.Event
) -> list[PageVisit]:
    session = Session(browser, base_url, pattern.timeout_ms)
    await session.start()
    # Pauses drawn uniformly from half to one and a half times the mean, the same each run.
    pauses = random.Random(number)
    await start_gate.wait()
    # Analysts arrive one after another over the ramp-up, not all in one instant (each first load
    # of the app costs the browser seconds of CPU).
    await asyncio.sleep(number * pattern.ramp_up_seconds / max(pattern.sessions, 1))
    paths = list(PAGES)
    order = paths[number % len(paths) :] + paths[: number % len(paths)]
    visits = []
    try:
        if pattern.navigation == "link":
            # The analyst opens the dashboard (round 0: the app's first load in a fresh browser
            # profile, with nothing cached), then moves between pages by the sidebar; the page
            # opened first comes last in each round, after the nine others.
            began = time.perf_counter()
            seconds, errors = await session.visit(order[0])
            visits.append(PageVisit(number, 0, order[0], seconds, errors, False, began))
            await asyncio.sleep(pauses.uniform(0.5, 1.5) * pattern.think_seconds)
            order = order[1:] + order[:1]
        for round_ in range(1, pattern.rounds + 1):
            for path in order:
                by_link = pattern.navigation == "link"
                began = time.perf_counter()
                seconds, errors = await session.visit(path, by_link=by_link)
                visits.append(PageVisit(number, round_, path, seconds, errors, by_link, began))
                await asyncio.sleep(pauses.uniform(0.5, 1.5) * pattern.think_seconds)
    finally:
        await session.close()
    return visits


async def drive_browsers(
    base_url: str, sessions: int, pattern: Pattern
) -> tuple[list[PageVisit], float, float]:
    """Warm-up visit of every page, then all sessions at once. Returns the visits, the warm-up
    seconds and the wall-clock seconds of the measured run."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, proxy=DEAD_PROXY
        )
        try:
            started = time.perf_counter()
            gate = asyncio.Event()
            gate.set()
            warm_up_pattern = Pattern(1, pattern.timeout_ms, "url", 0)
            await run_session(0, browser, base_url, warm_up_pattern, gate)
            warm_up = time.perf_counter() - started

            gate = asyncio.Event()
            tasks = [
                asyncio.create_task(run_session(n, browser, base_url, pattern, gate))
                for n in range(sessions)
            ]
            await asyncio.sleep(0)
            started = time.perf_counter()
            gate.set()
            results = await asyncio.gather(*tasks)
            wall = time.perf_counter() - started
        finally:
            await browser.close()
    visits = [
        replace(visit, started_s=round(visit.started_s - started, 2))
        for session_visits in results
        for visit in session_visits
    ]
    return visits, warm_up, wall


# --- one target ---------------------------------------------------------------------------------


def pattern_of(args) -> Pattern:
    return Pattern(
        args.rounds,
        int(args.timeout * 1000),
        args.navigation,
        args.think,
        args.ramp_up,
        args.sessions,
    )


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def run_target(name: str, location: list[str], folder: Path, args) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("EMBARGO_DB", "EMBARGO_ACCESS_DB")
    }
    # What is measured is page rendering, not signing in: the server runs in the single-operator
    # mode (no sign-in form). It records every page view in the audit trail of the deployment's
    # access store: a SQLite file of its own beside a local warehouse, the catalog's PostgreSQL
    # database on a catalog.
    env["EMBARGO_AUTH_MODE"] = "local"
    if name == "local":
        env["EMBARGO_ACCESS_DB"] = str(folder / "access.sqlite")
    server, base_url = serve(location, env, folder / "serve.log")
    stop_writers = threading.Event()
    writer_stats = [WriterStats() for _ in range(args.writers)]
    files = folder / "incoming"
    files.mkdir()
    threads = [
        threading.Thread(
            target=run_watching_writer if args.writers_watch else run_writer,
            args=(n + 1, location, files, args.writer_pause, stop_writers, writer_stats[n]),
        )
        for n in range(args.writers)
    ]
    loads: list[float] = []
    sampling = threading.Event()

    def sample_load() -> None:
        while not sampling.wait(5):
            loads.append(load_average())

    sampler = threading.Thread(target=sample_load)
    try:
        for thread in threads:
            thread.start()
        sampler.start()
        visits, warm_up, wall = asyncio.run(
            drive_browsers(base_url, args.sessions, pattern_of(args))
        )
    finally:
        stop_writers.set()
        sampling.set()
        for thread in threads:
            thread.join()
        sampler.join()
        stop(server)
    return summarise(name, visits, warm_up, wall, writer_stats, loads, args.ramp_up)


# --- figures ------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (the value below which `share` of the values lie)."""
    ordered = sorted(values)
    rank = max(1, int(-(-share * len(ordered) // 1)))
    return ordered[min(rank, len(ordered)) - 1]


def figures(visits: list[PageVisit]) -> dict:
    times = [visit.seconds for visit in visits if visit.seconds is not None]
    errors = sum(1 for visit in visits if visit.errors)
    row = {"visits": len(visits), "rendered": len(times), "visits_with_errors": errors}
    if times:
        row |= {
            "p50_s": round(percentile(times, 0.50), 3),
            "p95_s": round(percentile(times, 0.95), 3),
            "max_s": round(max(times), 3),
        }
    return row


def summarise(name, visits, warm_up, wall, writer_stats, loads, ramp_up_s) -> dict:
    # Page renders: every visit of the pattern's rounds (round 0 is the app's first load in
    # link navigation, reported on its own).
    renders = [v for v in visits if v.round > 0]
    # Once every session has started: no app's first load (seconds of browser CPU each) left
    # to compete with the page views, as in a working day after everyone has logged in.
    settled = [v for v in renders if v.started_s >= ramp_up_s]
    pages = {PAGES[path]: figures([v for v in renders if v.path == path]) for path in PAGES}
    ingest_seconds = [s for stats in writer_stats for s in stats.seconds]
    return {
        "target": name,
        "overall": figures(renders),
        "after_ramp_up": figures(settled),
        "pages": pages,
        "app_first_load": figures([v for v in visits if v.round == 0]),
        "warm_up_s": round(warm_up, 1),
        "wall_s": round(wall, 1),
        "writers": {
            "files_loaded": len(ingest_seconds),
            "failures": sum(len(stats.failures) for stats in writer_stats),
            "median_ingest_s": round(statistics.median(ingest_seconds), 2)
            if ingest_seconds
            else None,
            "failure_messages": [f for stats in writer_stats for f in stats.failures][:20],
        },
        "load_average_1min": {
            "min": min(loads, default=None),
            "median": round(statistics.median(loads), 1) if loads else None,
            "max": max(loads, default=None),
        },
        "errors": [
            {"session": v.session, "round": v.round, "page": PAGES[v.path], "errors": v.errors}
            for v in visits
            if v.errors
        ],
        "visits": [
            {
                "session": v.session,
                "round": v.round,
                "page": PAGES[v.path],
                "started_s": v.started_s,
                "seconds": None if v.seconds is None else round(v.seconds, 3),
            }
            for v in visits
        ],
    }


def print_table(result: dict, sessions: int) -> None:
    overall = result["overall"]
    writers = result["writers"]
    load = result["load_average_1min"]
    print(
        f"\n{result['target']}: {sessions} sessions, {overall['visits']} page renders in "
        f"{result['wall_s']} s (warm-up {result['warm_up_s']} s); writers loaded "
        f"{writers['files_loaded']} files (median {writers['median_ingest_s']} s each), "
        f"{writers['failures']} failed; load average {load['min']}-{load['max']} "
        f"(median {load['median']})"
    )
    print(f"{'page':<20}{'visits':>7}{'p50 s':>8}{'p95 s':>8}{'max s':>8}{'errors':>8}  target")
    print("-" * 68)
    rows = [*result["pages"].items(), ("all pages", overall)]
    rows += [("after the ramp-up", result["after_ramp_up"])]
    rows += [("app's first load", result["app_first_load"])]
    rows = [(page, row) for page, row in rows if row["visits"]]
    for page, row in rows:
        met = row.get("p95_s") is not None and row["p95_s"] < 3 and not row["visits_with_errors"]
        print(
            f"{page:<20}{row['visits']:>7}{row.get('p50_s', float('nan')):>8.2f}"
            f"{row.get('p95_s', float('nan')):>8.2f}{row.get('max_s', float('nan')):>8.2f}"
            f"{row['visits_with_errors']:>8}  {'ok' if met else 'MISS'}"
        )
    shown = result["errors"][:10]
    for error in shown:
        print(f"  session {error['session']} round {error['round']} {error['page']}: ", end="")
        print("; ".join(error["errors"])[:300])
    if len(result["errors"]) > len(shown):
        print(f"  ... {len(result['errors']) - len(shown)} more visits with errors (see --json)")
    for message in writers["failure_messages"][:5]:
        print(f"  writer: {message}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--target", choices=("local", "lake", "both"), default="both")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per page")
    parser.add_argument(
        "--navigation",
        choices=("link", "url"),
        default="link",
        help="link: open the app once, then move by sidebar links; url: load each page's URL",
    )
    parser.add_argument(
        "--think", type=float, default=30, help="mean seconds a session reads each page"
    )
    parser.add_argument(
        "--writer-pause", type=float, default=5, help="seconds between a writer's loads"
    )
    parser.add_argument(
        "--writers-watch",
        action="store_true",
        help="each writer is one `embargo watch` process loading the files dropped in its inbox",
    )
    parser.add_argument(
        "--ramp-up", type=float, default=120, help="seconds over which the sessions start"
    )
    parser.add_argument("--json", type=Path, help="write the figures and errors to this file")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} is missing: scripts/setup.sh --dev installs it")

    targets = ["local", "lake"] if args.target == "both" else [args.target]
    results = []
    print(
        f"{os.cpu_count()} CPUs, load average {load_average()} at start; {args.sessions} "
        f"sessions x {args.rounds} rounds x {len(PAGES)} pages by {args.navigation}, "
        f"{args.think:g} s mean reading time, sessions starting over {args.ramp_up:g} s; "
        f"{args.writers} writers ({'embargo watch' if args.writers_watch else 'embargo ingest'}), "
        f"a load each {args.writer_pause:g} s after the last"
    )
    with tempfile.TemporaryDirectory(prefix="embargo-load-") as tmp:
        for name in targets:
            folder = Path(tmp) / name
            folder.mkdir()
            started = time.perf_counter()
            with ExitStack() as stack:
                location = demo_warehouse(name, folder, stack)
                built = "warehouse file" if name == "local" else "catalog"
                print(f"built the demo {built} in {time.perf_counter() - started:.1f} s")
                results.append(run_target(name, location, folder, args))
            print_table(results[-1], args.sessions)
            sys.stdout.flush()
            if args.json:  # after each target, so that a long run keeps what it measured
                write_json(args, results)
    if args.json:
        print(f"\nwrote {args.json}")


def demo_warehouse(target: str, folder: Path, stack: ExitStack) -> list[str]:
    """Builds the demo warehouse in `folder` and returns the command-line options naming it:
    `local`, a warehouse file; `lake`, a DuckLake catalog in a throw-away PostgreSQL cluster
    (removed when `stack` closes), whose password is set in PGPASSWORD."""
    from ingest.build import build_warehouse

    if target == "local":
        db = folder / "w.duckdb"
        build_warehouse(db, demo=True)
        return ["--db", str(db)]
    # The throw-away cluster is test infrastructure, kept with the tests.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from support.pgcluster import throwaway_cluster

    cluster = stack.enter_context(throwaway_cluster())
    os.environ["PGPASSWORD"] = cluster.password
    lake = cluster.new_catalog(folder / "lake-data")
    build_warehouse(lake, demo=True)
    return ["--catalog", lake.catalog, "--lake-data", str(lake.data_path)]


def write_json(args, results: list[dict]) -> None:
    meta = {
        "sessions": args.sessions,
        "rounds": args.rounds,
        "writers": args.writers,
        "timeout_s": args.timeout,
        "navigation": args.navigation,
        "think_s": args.think,
        "ramp_up_s": args.ramp_up,
        "writer_pause_s": args.writer_pause,
        "writers_watch": args.writers_watch,
        "cpus": os.cpu_count(),
    }
    args.json.write_text(json.dumps({"run": meta, "targets": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
