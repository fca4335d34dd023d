"""What a page sends, kept across sessions: a page run that draws the same map or table as an
earlier run (any session's) sends what that run made instead of making it again.

Making them is most of a page's server time: a Leaflet map is built from folium objects, one per
marker, and rendered to its script (tens of milliseconds per hundred markers), and a table goes
from polars through pandas to Arrow (Streamlit's own path). Each is kept under a key naming
everything it is made from: the content of its frames (`frame_digest`: a load that changes them
changes the key at once, a load of other records leaves it), the viewer's clearance (nothing made
for one clearance is sent to another), the reader's language, and the page's own inputs.

Entries are kept least recently used first, bounded in number and in bytes (shared by every
session of the server, a few tens of MB: after a load the entries made from the earlier content
are no longer asked for and leave as new ones come); sessions asking for the same entry at once
wait for the one making it."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import polars as pl

MAX_ENTRIES = 256
MAX_BYTES = 32 * 2**20
# An entry larger than this share of the bytes (a table of the whole screening) is not kept.
LARGEST_SHARE = 8


def frame_digest(frame: pl.DataFrame) -> tuple:
    """A frame's content as a key: its columns, their types, its height and a SHA-256 of its
    rows' hashes in order (computed by polars, without a Python loop)."""
    rows = frame.hash_rows().to_numpy().tobytes()
    columns = tuple((name, str(dtype)) for name, dtype in frame.schema.items())
    return ("frame", columns, frame.height, hashlib.sha256(rows).hexdigest())


def key_of(value: Any) -> Hashable:
    """A key for a value a map, chart or table is made from: frames and series by their content
    (frame_digest), mappings and sequences by their items, anything else as itself (it must be
    hashable)."""
    if isinstance(value, pl.DataFrame):
        return frame_digest(value)
    if isinstance(value, pl.Series):
        return ("series", value.name, frame_digest(value.to_frame()))
    if isinstance(value, dict):
        return ("dict", tuple((key_of(k), key_of(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return ("seq", tuple(key_of(item) for item in value))
    if isinstance(value, set | frozenset):
        return ("set", tuple(sorted(repr(item) for item in value)))
    return value


class Kept:
    """A bounded store of made things, shared by the sessions of the server."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._computing: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], tuple[Any, int]]) -> Any:
        """The thing kept under `key`, else `make()`'s (thing, size in bytes), kept."""
        while True:
            with self._lock:
                if key in self._entries:
                    self._entries.move_to_end(key)
                    return self._entries[key][0]
                waiting = self._computing.get(key)
                if waiting is None:
                    done = self._computing[key] = threading.Event()
                    break
            waiting.wait()  # then look again: kept, or too large to keep (made here then)
            with self._lock:
                if key in self._entries:
                    self._entries.move_to_end(key)
                    return self._entries[key][0]
            return make()[0]
        try:
            thing, size = make()
            self._keep(key, thing, size)
            return thing
        finally:
            with self._lock:
                del self._computing[key]
            done.set()

    def _keep(self, key: Hashable, thing: Any, size: int) -> None:
        if size * LARGEST_SHARE > self.max_bytes:
            return
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = (thing, size)
            self._bytes += size
            while self._entries and (
                self._bytes > self.max_bytes or len(self._entries) > self.max_entries
            ):
                _, (_dropped, dropped_size) = self._entries.popitem(last=False)
                self._bytes -= dropped_size

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)


# Larger tables are sent by Streamlit page by page (lazily), from the frame itself.
LAZY_ROWS = 150_000


def arrow_table(frame: pl.DataFrame):
    """The frame as the Arrow table Streamlit makes of it for st.dataframe (through pandas, with
    its fixes for columns Arrow cannot take), so that a table shown from the kept Arrow table
    reads exactly as one shown from the frame."""
    from streamlit import dataframe_util

    return dataframe_util.convert_pandas_df_to_arrow_table(frame.to_pandas())
