"""Progress of a long command (a load, a rebuild) on standard error, so standard output stays the
command's result for scripts: at a terminal one bar redrawn in place, otherwise (a log, a pipe,
CI) one plain line per step.

The writing layers take a `ProgressCallback` and call it with (steps done, steps in all, what is
being done); they know nothing of terminals."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from typing import TextIO

ProgressCallback = Callable[[int, int, str], None]

BAR_WIDTH = 24


def no_progress(done: int, total: int, label: str) -> None:
    """The callback when nobody watches."""


class Progress:
    """A ProgressCallback that writes to `stream` (standard error by default)."""

    def __init__(self, command: str, stream: TextIO | None = None) -> None:
        self.command = command
        self.stream = stream if stream is not None else sys.stderr
        self.at_terminal = self.stream.isatty()
        self._drawn = False

    def __call__(self, done: int, total: int, label: str) -> None:
        if not self.at_terminal:
            self.stream.write(f"{self.command}: [{done}/{total}] {label}\n")
            self.stream.flush()
            return
        filled = BAR_WIDTH * done // max(total, 1)
        line = f"{self.command} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} {label}"
        width = shutil.get_terminal_size((80, 20)).columns - 1
        self.stream.write("\r" + line[:width].ljust(width))
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Clear the bar, so what follows starts on a clean line."""
        if self._drawn:
            width = shutil.get_terminal_size((80, 20)).columns - 1
            self.stream.write("\r" + " " * width + "\r")
            self.stream.flush()
            self._drawn = False
