"""The dashboard server's resident memory against the page runs it has served: one
`embargo serve` on the demo warehouse, a few protocol-level sessions (loadtest.py's client)
opening every page of loadtest.PAGE_WEIGHTS in turn, the server's resident memory sampled every
few runs.

    .venv/bin/python -u bench/bench_server_memory.py [--sessions 1] [--runs 240]
        [--sample-every 24] [--filter-changes] [--writer] [--writer-pause 5]
        [--env NAME=VALUE ...] [--json FILE]

Each session opens the app's default page, then the pages of PAGE_WEIGHTS one after another
(every page as often as the others, so a memory that grows with one page shows as a steady
slope); with `--filter-changes`, after each page it also changes one filter of that page (a
select box or radio set to its next option). `--runs` counts the page runs of all sessions
together. With `--writer`, one writer loads a small seizures file (5 events) with
`embargo ingest` `--writer-pause` seconds after its last load, so the pages read afresh after
each load. `--env` passes settings to the server (`--env EMBARGO_QUERY_CACHE_MB=0`).

Prints the resident memory (VmRSS, MB) and the server's CPU seconds after the warm-up (one run
of every page) and every `--sample-every` runs, then the growth per 100 page runs fitted over
the samples after the first (least squares), and the largest resident memory seen.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loadtest import (
    FIRST_RUN,
    PAGE_WEIGHTS,
    PROXY_HEADER,
    StreamlitSession,
    demo_target,
    server_env,
)
from processes import cpu_seconds, resident_mb, serve, stop
from streamlit.proto.WidgetStates_pb2 import WidgetState

TIMEOUT_S = 120.0


class Counter:
    """The page runs done by all sessions, and the samples taken every `every` runs."""

    def __init__(self, pid: int, total: int, every: int) -> None:
        self.pid = pid
        self.total = total
        self.every = every
        self.done = 0
        self.errors: list[str] = []
        self.samples: list[dict] = []
        self.peak_mb = 0.0

    def sample(self) -> None:
        rss = resident_mb(self.pid)
        self.peak_mb = max(self.peak_mb, rss)
        row = {"runs": self.done, "rss_mb": round(rss, 1), "cpu_s": round(cpu_seconds(self.pid), 1)}
        self.samples.append(row)
        print(f"  {row['runs']:5d} runs  {row['rss_mb']:8.1f} MB  {row['cpu_s']:7.1f} CPU-s")

    def count(self, errors: list[str], page: str) -> None:
        self.done += 1
        self.errors += [f"{page}: {e}" for e in errors]
        if self.done % self.every == 0:
            self.sample()


async def one_session(number: int, base_url: str, user: str, counter: Counter, changes: bool):
    session = StreamlitSession(base_url, {PROXY_HEADER: user}, TIMEOUT_S)
    await session.connect()
    try:
        _, errors, _ = await session.run(FIRST_RUN)
        titles = [t for t in PAGE_WEIGHTS if t in session.pages]
        turn = number  # sessions start on different pages
        while counter.done < counter.total:
            title = titles[turn % len(titles)]
            turn += 1
            _, errors, _ = await session.run(title)
            counter.count(errors, title)
            if changes and session.widgets and counter.done < counter.total:
                widget = session.widgets[turn % len(session.widgets)]
                option = widget.options[(widget.current + 1) % len(widget.options)]
                state = WidgetState(id=widget.id, string_value=option)
                _, errors, _ = await session.run(None, [state])
                counter.count(errors, f"{title} (filter)")
    finally:
        await session.close()


async def warm_up(base_url: str, user: str) -> None:
    session = StreamlitSession(base_url, {PROXY_HEADER: user}, TIMEOUT_S)
    await session.connect()
    try:
        await session.run(FIRST_RUN)
        for title in [t for t in PAGE_WEIGHTS if t in session.pages]:
            await session.run(title)
    finally:
        await session.close()


async def drive(base_url: str, users: list[str], counter: Counter, changes: bool) -> None:
    await asyncio.gather(
        *(one_session(n, base_url, users[n], counter, changes) for n in range(len(users)))
    )


def slope_per_100(samples: list[dict]) -> float | None:
    points = [(s["runs"], s["rss_mb"]) for s in samples[1:]]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return 100 * sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=1)
    parser.add_argument("--runs", type=int, default=240)
    parser.add_argument("--sample-every", type=int, default=24)
    parser.add_argument("--filter-changes", action="store_true")
    parser.add_argument("--writer", action="store_true")
    parser.add_argument("--writer-pause", type=float, default=5.0)
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from bench_load import WriterStats, run_writer

    users = [f"analyst{n:02d}" for n in range(1, args.sessions + 1)]
    with tempfile.TemporaryDirectory() as temp, ExitStack() as stack:
        folder = Path(temp)
        options = demo_target("file", folder, stack, users)
        env = server_env("file", folder)
        env.update(dict(item.split("=", 1) for item in args.env))
        server, base_url = serve(options, env, folder / "serve.log")
        stack.callback(stop, server)
        started = time.perf_counter()
        asyncio.run(warm_up(base_url, users[0]))
        counter = Counter(server.pid, args.runs, args.sample_every)
        print(f"after the warm-up ({time.perf_counter() - started:.0f} s):")
        counter.sample()
        halt = threading.Event()
        stats = WriterStats()
        writer = None
        if args.writer:
            (folder / "incoming").mkdir()
            writer = threading.Thread(
                target=run_writer,
                args=(1, options, folder / "incoming", args.writer_pause, halt, stats),
            )
            writer.start()
        try:
            asyncio.run(drive(base_url, users, counter, args.filter_changes))
        finally:
            halt.set()
            if writer is not None:
                writer.join()
        if counter.samples[-1]["runs"] != counter.done:
            counter.sample()
        elapsed = time.perf_counter() - started
    slope = slope_per_100(counter.samples)
    print(
        f"{counter.done} page runs by {args.sessions} session(s) in {elapsed:.0f} s; "
        f"{len(stats.seconds)} loads ({len(stats.failures)} failed); "
        f"{len(counter.errors)} run errors {counter.errors[:3]}"
    )
    print(
        f"resident memory: {counter.samples[0]['rss_mb']:.1f} MB after the warm-up, "
        f"{counter.samples[-1]['rss_mb']:.1f} MB at the end, max {counter.peak_mb:.1f} MB; "
        f"growth {slope if slope is None else round(slope, 1)} MB per 100 page runs"
    )
    if args.json:
        result = {
            "sessions": args.sessions,
            "runs": counter.done,
            "filter_changes": args.filter_changes,
            "writer": args.writer,
            "env": args.env,
            "samples": counter.samples,
            "peak_mb": round(counter.peak_mb, 1),
            "mb_per_100_runs": slope,
            "loads": len(stats.seconds),
            "errors": counter.errors,
        }
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
