"""Server load test: analysts' dashboard sessions spoken through Streamlit's own websocket
protocol (no browser per session), 2 writers loading small files, the server's CPU and memory
from /proc, and one real chromium session as a canary timing full renders.

    .venv/bin/python bench/loadtest.py [--target file|catalog|both] [--sessions 50]
        [--ramp 180] [--duration 600] [--think-min 5] [--think-max 15] [--writers 2]
        [--writer-pause 5] [--no-canary] [--json FILE]

For each target it builds the demo warehouse (`file`: a warehouse file; `catalog`: a DuckLake
catalog in a throw-away PostgreSQL cluster on 127.0.0.1), adds one local account per analyst
(role analyst, cleared strictly confidential) and starts ONE `embargo serve` with
`EMBARGO_AUTH_MODE=proxy`: each session names its account in the proxy header, as the
authenticating reverse proxy of a deployment does. Then:

- `--sessions` sessions start one after another over `--ramp` seconds (session 1 at 0 s, the
  last at `--ramp` s: the ramp from 1 to N sessions), then all of them run for `--duration`
  seconds more. Each session opens the app on its default page, then every `--think-min` to
  `--think-max` seconds (uniform) either opens a page, drawn with the weights of PAGE_WEIGHTS,
  or (one time in four, on a page that has one) changes one filter of the page it is on: a
  select box or radio set to another of its options, as the page's own widget sends it.
- A page run is timed from sending the request (a `rerun_script` BackMsg with the page and
  widget states) to the `script_finished` ForwardMsg. A run is an error when its script did not
  finish successfully, the page showed an exception, its heading is not the page's title, the
  server answered `page_not_found`, the connection failed, or no answer came in
  `--timeout` seconds.
- Every second the server's CPU seconds (user + system, /proc/PID/stat) and resident memory
  (/proc/PID/status VmRSS) are sampled with the number of sessions open.
- 2 writers run `embargo ingest` on small generated seizures files (5 events each),
  `--writer-pause` seconds after each other's last load (bench_load.run_writer).
- One chromium session (Playwright, /usr/bin/chromium) opens the app, then moves between the
  same weighted pages by their sidebar links, timing each full render (bench_load's render
  test: connected, script not running, the page's heading shown).

Prints per target p50 / p95 / p99 of the page runs (all, after the ramp, per page), errors, the
knee (the fewest open sessions at which the p95 of the runs started with that many sessions
open, in bands of 5, exceeds 1 s), server CPU seconds per page run, the resident memory at 1, 20
and N sessions and per added session, the canary's render times and the writers' loads.
bench/LOADTEST.md says how the client speaks Streamlit's protocol."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from processes import REPO, cpu_seconds, resident_mb, serve, stop
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

sys.path.insert(0, str(Path(__file__).resolve().parent))

PROXY_HEADER = "X-Embargo-User"
FIRST_RUN = ""  # the app's default page, as a browser opening the bare address asks for it

# How often an analyst opens each page, relative to the others (pages of the navigation not
# named here are not opened). Country profile, Transfers and Screening are where the daily
# questions are answered; Sources is for checking a figure's origin.
PAGE_WEIGHTS = {
    "Overview": 10,
    "Embargo regimes": 8,
    "Country profile": 12,
    "Transfers": 12,
    "Flows": 6,
    "Screening": 10,
    "Hotspots": 8,
    "Trends": 6,
    "Tracing": 4,
    "Item search": 6,
    "Findings": 6,
    "Sources": 2,
}
FILTER_CHANGE_SHARE = 0.25
CHANGEABLE_WIDGETS = ("selectbox", "radio")
SLOW_S = 1.0  # the p95 target of a page run
BAND = 5  # sessions per band when looking for the knee


# --- the protocol -------------------------------------------------------------------------------


@dataclass
class Widget:
    """A widget the page showed that the client may change: its id and option labels."""

    id: str
    kind: str
    options: list[str]
    current: int


@dataclass
class PageRun:
    session: int
    page: str
    filter_change: bool
    started_s: float  # since the load test began
    sessions_open: int  # sessions connected when the run was asked for
    seconds: float | None  # None when the run did not finish
    errors: list[str]
    bytes_received: int = 0


class ProtocolError(Exception):
    """The server said or did something a browser's Streamlit client would not accept."""


class StreamlitSession:
    """One dashboard session over Streamlit's websocket, as its front end holds it: the page
    list from the `navigation` message, the widgets each page run drew, and one run at a time."""

    def __init__(self, base_url: str, headers: dict[str, str], timeout_s: float) -> None:
        self.base_url = base_url
        self.headers = headers
        self.timeout_s = timeout_s
        self.pages: dict[str, str] = {}  # page title -> page_script_hash
        self.paths: dict[str, str] = {}  # page title -> its path in the address
        self.page = ""  # the title of the page shown
        self.page_hash = ""
        self.widgets: list[Widget] = []

    async def connect(self) -> None:
        url = self.base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
        # The first subprotocol is the one Streamlit selects; its client sends the XSRF token and
        # a session id to resume as the second and third entries, a new session sends neither.
        self.socket = await websockets.connect(
            url,
            subprotocols=["streamlit"],
            origin=self.base_url,
            additional_headers=self.headers,
            max_size=None,
            open_timeout=self.timeout_s,
            # A browser sends no websocket pings: a server too busy to answer one in time must not
            # end the session (its page runs are timed, and time out, on their own).
            ping_interval=None,
        )

    async def close(self) -> None:
        await self.socket.close()

    async def run(
        self, page: str | None, widgets: list[WidgetState] = ()
    ) -> tuple[float, list[str], int]:
        """Asks the server to run `page` (a title; FIRST_RUN for the app's default page, None for
        the page shown) with these widget states, and reads its messages until the run
        finished. Returns the seconds it took, what went wrong and the bytes received."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = ""
        if page is None:
            state.page_script_hash = self.page_hash
        elif page != FIRST_RUN:
            state.page_script_hash = self.pages[page]
        state.widget_states.widgets.extend(widgets)
        state.context_info.timezone = "UTC"
        state.context_info.locale = "en-GB"
        state.context_info.url = self.base_url + "/"
        started = time.perf_counter()
        await self.socket.send(message.SerializeToString())
        errors: list[str] = []
        received = 0
        heading: str | None = None
        shown: list[Widget] = []
        expected = None if page in (None, FIRST_RUN) else page
        async with asyncio.timeout(self.timeout_s):
            while True:
                data = await self.socket.recv()
                received += len(data)
                reply = ForwardMsg()
                reply.ParseFromString(data)
                kind = reply.WhichOneof("type")
                if kind == "navigation":
                    app_pages = reply.navigation.app_pages
                    self.pages = {p.page_name: p.page_script_hash for p in app_pages}
                    self.paths = {p.page_name: p.url_pathname for p in app_pages}
                    self.page_hash = reply.navigation.page_script_hash
                    self.page = next(
                        (t for t, h in self.pages.items() if h == self.page_hash), self.page
                    )
                elif kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                    element = reply.delta.new_element
                    element_kind = element.WhichOneof("type")
                    in_main = reply.metadata.delta_path[:1] == [0]
                    if element_kind == "exception":
                        errors.append(f"exception: {element.exception.message[:200]}")
                    elif element_kind == "heading" and element.heading.tag == "h1" and in_main:
                        heading = heading or element.heading.body
                    elif element_kind in CHANGEABLE_WIDGETS and in_main:
                        widget = getattr(element, element_kind)
                        if not widget.form_id and not widget.disabled and len(widget.options) > 1:
                            options = list(widget.options)
                            shown.append(Widget(widget.id, element_kind, options, widget.default))
                elif kind == "page_not_found":
                    errors.append(f"page not found: {reply.page_not_found.page_name}")
                elif kind == "ref_hash":
                    # Only sent for messages the client said it holds; this client says none.
                    errors.append("cached message reference received")
                elif kind == "script_finished":
                    status = reply.script_finished
                    if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        continue  # the page asked for a rerun (st.rerun): the next run follows
                    if status != ForwardMsg.FINISHED_SUCCESSFULLY:
                        errors.append(f"script finished with status {status}")
                    break
        seconds = time.perf_counter() - started
        if expected is not None and self.page != expected:
            errors.append(f"page shown is {self.page!r}, not {expected!r}")
        if heading is None:
            errors.append("no page heading")
        elif heading.strip() != self.page:
            errors.append(f"heading {heading!r} on page {self.page!r}")
        self.widgets = shown
        return seconds, errors, received

    def changed_widget(self, draw: random.Random) -> WidgetState | None:
        """One widget of the page shown set to another of its options, as its front end sends
        it (both kinds send the chosen option's label as a string value)."""
        if not self.widgets:
            return None
        widget = draw.choice(self.widgets)
        choice = draw.choice([i for i in range(len(widget.options)) if i != widget.current])
        return WidgetState(id=widget.id, string_value=widget.options[choice])


# --- the sessions -------------------------------------------------------------------------------


@dataclass
class Plan:
    base_url: str
    sessions: int
    ramp_s: float
    duration_s: float
    think_min_s: float
    think_max_s: float
    timeout_s: float
    users: list[str]


@dataclass
class Shared:
    """What the sessions and the sampler share: the start time, the runs and the open count."""

    started: float = field(default_factory=time.perf_counter)
    runs: list[PageRun] = field(default_factory=list)
    open_sessions: int = 0

    def now(self) -> float:
        return time.perf_counter() - self.started


def choose_page(draw: random.Random, pages: dict[str, str]) -> str:
    titles = [title for title in PAGE_WEIGHTS if title in pages]
    return draw.choices(titles, weights=[PAGE_WEIGHTS[t] for t in titles])[0]


async def analyst(number: int, plan: Plan, shared: Shared, stop_at: float) -> None:
    """One analyst's session: opens the app, then a page or a filter change every few seconds
    until `stop_at` (seconds since the start)."""
    draw = random.Random(number)  # the same choices in every run
    user = plan.users[number % len(plan.users)]
    session = StreamlitSession(plan.base_url, {PROXY_HEADER: user}, plan.timeout_s)

    async def timed(page: str | None, widgets: list[WidgetState], change: bool) -> bool:
        began = shared.now()
        open_now = shared.open_sessions
        try:
            seconds, errors, received = await session.run(page, widgets)
        except TimeoutError:
            seconds, errors, received = None, [f"no answer in {plan.timeout_s:g} s"], 0
        except (websockets.ConnectionClosed, OSError) as error:
            seconds, errors, received = None, [f"connection: {type(error).__name__} {error}"], 0
        shown = session.page or (page or "(first page)")
        run = PageRun(number, shown, change, began, open_now, seconds, errors, received)
        shared.runs.append(run)
        return seconds is not None

    try:
        await session.connect()
    except (OSError, websockets.InvalidHandshake, TimeoutError) as error:
        shared.runs.append(
            PageRun(
                number,
                "(connect)",
                False,
                shared.now(),
                shared.open_sessions,
                None,
                [f"connect: {type(error).__name__} {error}"],
            )
        )
        return
    shared.open_sessions += 1
    try:
        if not await timed(FIRST_RUN, [], False):
            return
        while True:
            await asyncio.sleep(draw.uniform(plan.think_min_s, plan.think_max_s))
            if shared.now() >= stop_at:
                break
            change = draw.random() < FILTER_CHANGE_SHARE and session.widgets
            if change:
                widget = session.changed_widget(draw)
                ok = await timed(None, [widget], True)
            else:
                ok = await timed(choose_page(draw, session.pages), [], False)
            if not ok:
                break
    finally:
        shared.open_sessions -= 1
        await session.close()


async def drive_sessions(plan: Plan, shared: Shared) -> None:
    stop_at = plan.ramp_s + plan.duration_s
    tasks = []
    for number in range(plan.sessions):
        start = number * plan.ramp_s / max(plan.sessions - 1, 1)
        await asyncio.sleep(max(0.0, start - shared.now()))
        tasks.append(asyncio.create_task(analyst(number, plan, shared, stop_at)))
    await asyncio.gather(*tasks)


# --- the server's CPU and memory ----------------------------------------------------------------


@dataclass
class Sample:
    at_s: float
    sessions_open: int
    cpu_s: float
    rss_mb: float
    load_average: float  # the machine's 1-minute load average: other work competing for the CPUs


def sample_server(pid: int, shared: Shared, stop: threading.Event, samples: list[Sample]) -> None:
    while not stop.wait(1.0):
        try:
            samples.append(
                Sample(
                    shared.now(),
                    shared.open_sessions,
                    cpu_seconds(pid),
                    resident_mb(pid),
                    os.getloadavg()[0],
                )
            )
        except (OSError, IndexError):
            return


# --- the chromium canary ------------------------------------------------------------------------


async def canary(
    base_url: str, user: str, paths: dict[str, str], shared: Shared, stop_at: float, plan: Plan
) -> list:
    """One real browser session, moving between the weighted pages by their sidebar links
    (`paths`: page title -> its path); returns (page, seconds or None, problems) per render."""
    from bench_load import CHROMIUM, CHROMIUM_ARGS, DEAD_PROXY, PAGE_PROBLEMS_JS, RENDERED_JS
    from playwright.async_api import async_playwright

    draw = random.Random(1000)
    renders = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, proxy=DEAD_PROXY
        )
        try:
            context = await browser.new_context(
                viewport={"width": 1400, "height": 1000}, extra_http_headers={PROXY_HEADER: user}
            )
            page = await context.new_page()
            title = "Overview"
            path = "/"
            started = time.perf_counter()
            await page.goto(base_url + path, wait_until="commit")
            while True:
                try:
                    await page.wait_for_function(
                        RENDERED_JS, arg=title, polling=50, timeout=plan.timeout_s * 1000
                    )
                    seconds = time.perf_counter() - started
                    problems = await page.evaluate(PAGE_PROBLEMS_JS, title)
                except Exception as error:  # a timeout or a crashed page is an error too
                    seconds, problems = None, [f"{type(error).__name__}: {str(error)[:200]}"]
                renders.append((title, seconds, problems))
                await asyncio.sleep(draw.uniform(plan.think_min_s, plan.think_max_s))
                if shared.now() >= stop_at:
                    break
                title = choose_page(draw, paths)
                href = f"{base_url}/{paths[title]}"
                started = time.perf_counter()
                try:
                    await page.locator(f'[data-testid="stSidebarNav"] a[href="{href}"]').click()
                except Exception as error:
                    renders.append((title, None, [f"link: {type(error).__name__}"]))
                    break
        finally:
            await browser.close()
    return renders


# --- one target ---------------------------------------------------------------------------------


def demo_target(target: str, folder: Path, stack: ExitStack, users: list[str]) -> list[str]:
    """Builds the demo warehouse of the target, adds the analysts' accounts to its access store
    and returns the command-line options naming it."""
    from embargo import accounts
    from ingest.build import build_warehouse

    if target == "file":
        db = folder / "w.duckdb"
        build_warehouse(db, demo=True)
        location, options = db, ["--db", str(db)]
        # Where the server, started without EMBARGO_ACCESS_DB, keeps the accounts.
        store = db.with_name(f"{db.stem}.access.sqlite")
    else:
        sys.path.insert(0, str(REPO / "tests"))  # the throw-away cluster is test infrastructure
        from support.pgcluster import throwaway_cluster

        cluster = stack.enter_context(throwaway_cluster())
        os.environ["PGPASSWORD"] = cluster.password
        location = cluster.new_catalog(folder / "lake-data")
        build_warehouse(location, demo=True)
        options = ["--catalog", location.catalog, "--lake-data", str(location.data_path)]
        store = accounts.POSTGRES_PREFIX + location.postgres_conninfo
    for user in users:
        accounts.add_user(user, "analyst", "strictly_confidential", accounts.new_password(), store)
    return options


def server_env(target: str, folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("EMBARGO_DB", "EMBARGO_ACCESS_DB")}
    env["EMBARGO_AUTH_MODE"] = "proxy"
    env["EMBARGO_PROXY_USER_HEADER"] = PROXY_HEADER
    env["PYTHONPATH"] = str(REPO)
    return env


def run_target(target: str, folder: Path, args) -> dict:
    from bench_load import WriterStats, run_writer

    users = [f"analyst{n:02d}" for n in range(1, min(args.sessions, 10) + 1)]
    started = time.perf_counter()
    with ExitStack() as stack:
        options = demo_target(target, folder, stack, users)
        built_s = time.perf_counter() - started
        server, base_url = serve(options, server_env(target, folder), folder / "serve.log")
        stack.callback(stop, server)
        plan = Plan(
            base_url,
            args.sessions,
            args.ramp,
            args.duration,
            args.think_min,
            args.think_max,
            args.timeout,
            users,
        )
        # One session runs every page once before the clock starts: the server's one-off costs
        # (imports of the page modules, the first queries) are not what an analyst meets.
        warm_up = asyncio.run(warm_up_pages(plan))
        shared = Shared()
        stop_all = threading.Event()
        samples: list[Sample] = []
        sampler = threading.Thread(
            target=sample_server, args=(server.pid, shared, stop_all, samples)
        )
        writer_stats = [WriterStats() for _ in range(args.writers)]
        files = folder / "incoming"
        files.mkdir()
        writers = [
            threading.Thread(
                target=run_writer,
                args=(n + 1, options, files, args.writer_pause, stop_all, writer_stats[n]),
            )
            for n in range(args.writers)
        ]
        renders: list = []
        try:
            sampler.start()
            for writer in writers:
                writer.start()
            renders = asyncio.run(drive_all(plan, shared, args, users[0], warm_up["paths"]))
        finally:
            stop_all.set()
            for thread in [sampler, *writers]:
                if thread.is_alive() or thread.ident is not None:
                    thread.join()
        log_tail = (folder / "serve.log").read_text()[-1500:]
    return summarise(
        target, plan, shared, samples, writer_stats, renders, warm_up, built_s, log_tail
    )


async def warm_up_pages(plan: Plan) -> dict:
    session = StreamlitSession(plan.base_url, {PROXY_HEADER: plan.users[0]}, plan.timeout_s)
    await session.connect()
    times, errors = {}, []
    try:
        seconds, problems, _ = await session.run(FIRST_RUN)
        errors += problems
        for title in [t for t in PAGE_WEIGHTS if t in session.pages]:
            seconds, problems, _ = await session.run(title)
            times[title] = round(seconds, 3)
            errors += [f"{title}: {p}" for p in problems]
    finally:
        await session.close()
    return {"seconds": times, "errors": errors, "paths": session.paths}


async def drive_all(plan: Plan, shared: Shared, args, user: str, paths: dict[str, str]) -> list:
    jobs = [drive_sessions(plan, shared)]
    if args.canary:
        stop_at = plan.ramp_s + plan.duration_s
        jobs.append(canary(plan.base_url, user, paths, shared, stop_at, plan))
    results = await asyncio.gather(*jobs)
    return results[1] if args.canary else []


# --- figures ------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least `share` of the values at or
    below it."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-int(share * 1000) * len(ordered) // 1000))
    return ordered[min(rank, len(ordered)) - 1]


def figures(runs: list[PageRun]) -> dict:
    times = [r.seconds for r in runs if r.seconds is not None]
    row = {"runs": len(runs), "errors": sum(1 for r in runs if r.errors)}
    for name, share in (("p50_s", 0.50), ("p95_s", 0.95), ("p99_s", 0.99)):
        value = percentile(times, share)
        row[name] = None if value is None else round(value, 3)
    row["max_s"] = round(max(times), 3) if times else None
    return row


def knee(runs: list[PageRun], sessions: int) -> dict:
    """p95 of the page runs by the number of sessions open when each was asked for, in bands of
    BAND sessions; the knee is the first band whose p95 exceeds SLOW_S."""
    bands = {}
    for low in range(1, sessions + 1, BAND):
        high = min(low + BAND - 1, sessions)
        band = [r for r in runs if low <= r.sessions_open <= high]
        bands[f"{low}-{high}"] = figures(band)
    crossed = next(
        (name for name, row in bands.items() if row["p95_s"] is not None and row["p95_s"] > SLOW_S),
        None,
    )
    return {"bands": bands, "p95_above_1s_from": crossed}


def memory_at(samples: list[Sample], sessions: int) -> float | None:
    """Median resident memory (MB) over the samples taken while exactly `sessions` were open."""
    values = [s.rss_mb for s in samples if s.sessions_open == sessions]
    return round(statistics.median(values), 1) if values else None


def summarise(target, plan, shared, samples, writer_stats, renders, warm_up, built_s, log_tail):
    runs = shared.runs
    steady = [r for r in runs if r.started_s >= plan.ramp_s]
    in_steady = [s for s in samples if s.at_s >= plan.ramp_s]
    cpu_per_run = None
    if len(in_steady) > 1 and steady:
        done = [r for r in steady if r.seconds is not None]
        cpu_per_run = round((in_steady[-1].cpu_s - in_steady[0].cpu_s) / max(len(done), 1), 3)
    memory = {n: memory_at(samples, n) for n in sorted({1, 20, plan.sessions})}
    per_session = None
    if memory.get(1) is not None and memory.get(plan.sessions) is not None and plan.sessions > 1:
        per_session = round((memory[plan.sessions] - memory[1]) / (plan.sessions - 1), 2)
    canary_times = [seconds for _, seconds, _ in renders if seconds is not None]
    ingest_seconds = [s for stats in writer_stats for s in stats.seconds]
    pages = sorted({r.page for r in runs})
    return {
        "target": target,
        "built_s": round(built_s, 1),
        "warm_up": warm_up,
        "all": figures(runs),
        "after_ramp": figures(steady),
        "page_opens_after_ramp": figures([r for r in steady if not r.filter_change]),
        "filter_changes_after_ramp": figures([r for r in steady if r.filter_change]),
        "pages": {page: figures([r for r in steady if r.page == page]) for page in pages},
        "knee": knee([r for r in runs if r.started_s < plan.ramp_s], plan.sessions),
        "server": {
            "cpu_s_per_page_run_after_ramp": cpu_per_run,
            "cpu_share_after_ramp": round(
                (in_steady[-1].cpu_s - in_steady[0].cpu_s)
                / max(in_steady[-1].at_s - in_steady[0].at_s, 1e-9),
                2,
            )
            if len(in_steady) > 1
            else None,
            "rss_mb_at_sessions": memory,
            "rss_mb_per_added_session": per_session,
            "rss_mb_max": round(max((s.rss_mb for s in samples), default=0), 1),
        },
        "load_average": {
            "min": round(min((s.load_average for s in samples), default=0), 1),
            "median": round(statistics.median(s.load_average for s in samples), 1)
            if samples
            else None,
            "max": round(max((s.load_average for s in samples), default=0), 1),
        },
        "canary": {
            "renders": len(renders),
            "errors": sum(1 for _, seconds, problems in renders if seconds is None or problems),
            "p50_s": percentile(canary_times, 0.5),
            "p95_s": percentile(canary_times, 0.95),
            "max_s": max(canary_times, default=None),
            "problems": [f"{t}: {p}" for t, _, p in renders if p][:10],
        },
        "writers": {
            "files_loaded": len(ingest_seconds),
            "failures": sum(len(stats.failures) for stats in writer_stats),
            "median_ingest_s": round(statistics.median(ingest_seconds), 2)
            if ingest_seconds
            else None,
            "failure_messages": [f for stats in writer_stats for f in stats.failures][:10],
        },
        "errors": [
            {
                "session": r.session,
                "page": r.page,
                "at_s": round(r.started_s, 1),
                "errors": r.errors,
            }
            for r in runs
            if r.errors
        ][:50],
        "server_log_tail": log_tail if any(r.errors for r in runs) else "",
    }


def print_summary(result: dict, plan_line: str) -> None:
    def cells(row: dict) -> str:
        def f(value):
            return "      -" if value is None else f"{value:7.3f}"

        return (
            f"{row['runs']:>6}{f(row['p50_s'])}{f(row['p95_s'])}{f(row['p99_s'])}{f(row['max_s'])}"
            f"{row['errors']:>7}"
        )

    print(f"\n{result['target']}: {plan_line} (demo warehouse built in {result['built_s']} s)")
    print(
        f"{'page runs':<28}{'runs':>6}{'p50 s':>7}{'p95 s':>7}{'p99 s':>7}{'max s':>7}{'errors':>7}"
    )
    print("-" * 69)
    for name, row in [
        ("all, from the first session", result["all"]),
        ("after the ramp (all open)", result["after_ramp"]),
        ("  page opens", result["page_opens_after_ramp"]),
        ("  filter changes", result["filter_changes_after_ramp"]),
        *[(f"  {page}", row) for page, row in result["pages"].items()],
    ]:
        if row["runs"]:
            print(f"{name:<28}{cells(row)}")
    print("\nduring the ramp, by sessions open:")
    for band, row in result["knee"]["bands"].items():
        if row["runs"]:
            print(f"  {band:<26}{cells(row)}")
    print(f"knee (p95 above {SLOW_S:g} s from): {result['knee']['p95_above_1s_from'] or 'none'}")
    server = result["server"]
    print(
        f"server: {server['cpu_s_per_page_run_after_ramp']} CPU-s per page run after the ramp "
        f"({server['cpu_share_after_ramp']} cores busy); resident memory MB at sessions "
        f"{server['rss_mb_at_sessions']}, {server['rss_mb_per_added_session']} MB per added "
        f"session, max {server['rss_mb_max']}"
    )
    load = result["load_average"]
    print(f"machine load average (1 min) {load['min']}-{load['max']}, median {load['median']}")
    canary_row = result["canary"]
    if canary_row["renders"]:
        print(
            f"chromium canary: {canary_row['renders']} renders, p50 {canary_row['p50_s']:.2f} s, "
            f"p95 {canary_row['p95_s']:.2f} s, max {canary_row['max_s']:.2f} s, "
            f"{canary_row['errors']} errors"
        )
        for problem in canary_row["problems"][:5]:
            print(f"  canary: {problem}")
    writers = result["writers"]
    print(
        f"writers: {writers['files_loaded']} files loaded (median {writers['median_ingest_s']} s "
        f"per `embargo ingest`), {writers['failures']} failed"
    )
    for message in writers["failure_messages"][:5]:
        print(f"  writer: {message[:300]}")
    for error in result["errors"][:10]:
        print(
            f"  session {error['session']} {error['page']} at {error['at_s']} s: "
            f"{'; '.join(error['errors'])[:300]}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=("file", "catalog", "both"), default="both")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--ramp", type=float, default=180, help="seconds from 1 to N sessions")
    parser.add_argument("--duration", type=float, default=600, help="seconds with all open")
    parser.add_argument("--think-min", type=float, default=5)
    parser.add_argument("--think-max", type=float, default=15)
    parser.add_argument("--timeout", type=float, default=60, help="seconds per page run")
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--writer-pause", type=float, default=5)
    parser.add_argument("--no-canary", dest="canary", action="store_false")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    plan_line = (
        f"{args.sessions} sessions over a {args.ramp:g} s ramp then {args.duration:g} s, a page "
        f"every {args.think_min:g}-{args.think_max:g} s, {args.writers} writers, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start"
    )
    print(plan_line, flush=True)
    targets = ["file", "catalog"] if args.target == "both" else [args.target]
    results = []
    with tempfile.TemporaryDirectory(prefix="embargo-loadtest-") as tmp:
        for target in targets:
            folder = Path(tmp) / target
            folder.mkdir()
            results.append(run_target(target, folder, args))
            print_summary(results[-1], plan_line)
            sys.stdout.flush()
            if args.json:
                args.json.write_text(
                    json.dumps(
                        {"run": vars(args) | {"json": str(args.json)}, "targets": results},
                        indent=2,
                        default=str,
                    )
                    + "\n"
                )


if __name__ == "__main__":
    main()
