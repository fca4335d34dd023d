"""Links between records: a serial, a seizure event, a panel finding or an embargo episode shown
in a table or a text opens its own view, at an address that can be shared.

Each view reads its query parameter when the page opens and keeps it in the address while the
record is shown, so the address in the browser's bar is always the link to what is on screen:
- Item search `?serial=...`: the sightings of the serial and its trace history;
- Seizure event `?event=...`: the event's place, date, sources, items and the findings citing it;
- Findings `?finding=...`: the finding's evidence, parties and references;
- Embargo regimes `?episode=...`: the episode's record.
Signing in keeps the address asked for, its query parameters included (dashboard/session.py).

The addresses are relative to the page, so they hold behind a base URL path too. In a table the
link's text is the record as a person reads it (the serial as marked, the event's id, the
episode's name): it travels after a `#` in the address, which the browser never sends and no
page reads, and the link column shows it (`display_text`).
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

import polars as pl
import streamlit as st

from embargo.python_columns import python_mapped

# The kinds of records that have a view: page address and query parameter.
VIEWS = {
    "serial": ("item-search", "serial"),
    "event": ("seizure-event", "event"),
    "finding": ("findings", "finding"),
    "episode": ("embargo-regimes", "episode"),
}
# The link column's text: what follows the first "#" of the address.
SHOWN_TEXT = r"^[^#]*#(.*)$"


def address(kind: str, value: str, shown: str | None = None) -> str:
    """The address of a record's view, e.g. `item-search?serial=56-1234#56-1234`."""
    page, parameter = VIEWS[kind]
    # Every character that means something in an address is escaped ("+" would read as a
    # space); the shown text after "#" is never parsed.
    return f"{page}?{parameter}={quote(value, safe='')}#{shown if shown is not None else value}"


def _address_expr(kind: str, value: pl.Expr, escaped: pl.Series, shown: pl.Expr) -> pl.Expr:
    page, parameter = VIEWS[kind]
    # No record, no link: an empty cell (a null would read "None" in the table).
    return (
        pl.when(value.is_null())
        .then(pl.lit(""))
        .otherwise(
            pl.concat_str([pl.lit(f"{page}?{parameter}="), pl.lit(escaped), pl.lit("#"), shown])
        )
    )


def with_links(
    frame: pl.DataFrame, links: Mapping[str, tuple[str, str] | tuple[str, str, str]]
) -> pl.DataFrame:
    """The frame with each named column turned into links to its record's view.

    `links` maps a column to (kind, value column) or (kind, value column, shown column): the
    link goes to the record whose id is in the value column and reads as the shown column (by
    default the column itself)."""
    replaced = []
    for column, spec in links.items():
        kind, value_column = spec[0], spec[1]
        shown_column = spec[2] if len(spec) > 2 else column
        value = pl.col(value_column).cast(pl.String)
        shown = pl.col(shown_column).cast(pl.String).fill_null(value)
        escaped = python_mapped(frame, value, lambda text: quote(text, safe=""), "escaped")
        replaced.append(_address_expr(kind, value, escaped, shown).alias(column))
    return frame.with_columns(replaced)


def link_column(label: str, help_text: str | None = None) -> st.column_config.LinkColumn:
    """A table column of links made by `with_links`, reading as its records."""
    return st.column_config.LinkColumn(label, display_text=SHOWN_TEXT, help=help_text)


def asked(parameter: str) -> str | None:
    """The value of the page's query parameter, if the address has one."""
    value = st.query_params.get(parameter)
    return value.strip() if isinstance(value, str) and value.strip() else None


def follow_link(parameter: str, widget_key: str, to_state=None) -> None:
    """Put the record the address asks for (`?parameter=...`) into the page's widget, once per
    address: after that the reader's own choices win. Call before drawing the widget."""
    value = asked(parameter)
    applied_key = f"link_applied_{parameter}"
    if value is not None and st.session_state.get(applied_key) != value:
        st.session_state[widget_key] = to_state(value) if to_state else value
        st.session_state[applied_key] = value


def keep_in_address(parameter: str, value: str | None) -> None:
    """Keep the record shown in the address bar (`?parameter=value`), so copying the address
    copies a link to it; drop the parameter when nothing is shown."""
    st.session_state[f"link_applied_{parameter}"] = value
    if value:
        if st.query_params.get(parameter) != value:
            st.query_params[parameter] = value
    elif parameter in st.query_params:
        del st.query_params[parameter]


def with_episode_links(
    frame: pl.DataFrame, names: Mapping[str, str], column: str = "embargo_id"
) -> pl.DataFrame:
    """The frame with its embargo id column turned into links to each episode's record, each
    reading as the episode's name (`names`, e.g. dashboard.common.embargo_names)."""
    shown = pl.col(column).replace(dict(names)).alias("_episode_name")
    linked = with_links(frame.with_columns(shown), {column: ("episode", column, "_episode_name")})
    return linked.drop("_episode_name")
