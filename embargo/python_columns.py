"""Columns computed by a Python function, in the calling thread, outside polars' engine.

A Python function inside a polars expression (`map_elements`, `map_batches`) runs on polars'
worker threads, each of which must take the GIL to call it. The dashboard's server draws many
pages at once, one thread each, and some polars calls hold the GIL while they wait for those
same workers (a frame's `to_pandas`, which Streamlit makes of every table it shows): with one
page's Python function queued on the workers and another page's table being converted, the
workers wait for the GIL and the GIL's holder waits for the workers, and every page of the
server stops for good (seen under load: every page thread, both workers and the event loop
waiting). So a column that needs Python is computed here: polars evaluates its input, the
Python function runs on the values in the page's own thread, and the result goes back as a
Series. A test keeps `map_elements` and `map_batches` out of the code the server runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl


def python_mapped(
    frame: pl.DataFrame,
    values: pl.Expr | str,
    function: Callable[[Any], Any],
    name: str,
    dtype: pl.DataType | type[pl.DataType] = pl.String,
) -> pl.Series:
    """`function` of each value of `values` (a column name or an expression over `frame`), as a
    Series named `name`; a null stays null, as polars' `map_elements` leaves it."""
    source = frame.select(pl.col(values) if isinstance(values, str) else values).to_series()
    return pl.Series(
        name,
        [None if value is None else function(value) for value in source.to_list()],
        dtype=dtype,
    )
