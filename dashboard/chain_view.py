"""Parties and chains on a page: a supply chain (the layered network of dashboard/supply_chain.py
and, below it, each edge's records with their sources, downloadable), shared by the Parties page
and Item search; and the link to a party's page that every page naming a listed party or an
actor gives (Screening, Findings, Links to listed parties, Country profile)."""

from __future__ import annotations

from urllib.parse import quote

import polars as pl
import streamlit as st

from dashboard import supply_chain
from dashboard.candidate_words import state_code
from dashboard.chart_images import show_chart
from dashboard.common import show_table
from dashboard.downloads import table_downloads
from embargo.i18n import N_, _, country_name, format_number, language
from embargo.python_columns import python_mapped

CHAIN_SOURCES = N_(
    "Sources: registered transfers, seizure documentation, tracing requests and panel findings "
    "as loaded; each link's records below."
)


def node_words(edges: pl.DataFrame) -> pl.DataFrame:
    """The edges with their nodes' labels in the reader's words: a seizure event's country code
    (its label's last word) as the country's name, and, for a reader of another language than
    English, a State as the registers write it ("Russia") by its name in that language. Parties
    keep their names."""
    ends = pl.concat(
        [
            edges.select(pl.col("from_id").alias("id"), pl.col("from_label").alias("label")),
            edges.select(pl.col("to_id").alias("id"), pl.col("to_label").alias("label")),
        ]
    ).unique("id")
    words = {}
    for node, label in ends.rows():
        if node.startswith("event:") and label:
            head, _space, code = label.rpartition(" ")
            if head and country_name(code) != code:
                words[node] = f"{head} {country_name(code)}"
        elif node.startswith("name:") and label and language() != "en":
            code = state_code(label)
            if code is not None:
                words[node] = country_name(code)
    if not words:
        return edges
    return edges.with_columns(
        pl.col("from_id").replace_strict(words, default=pl.col("from_label")).alias("from_label"),
        pl.col("to_id").replace_strict(words, default=pl.col("to_label")).alias("to_label"),
    )


def show_chain(
    edges: pl.DataFrame, key: str, empty: str, record_words: dict[str, str] | None = None
) -> None:
    """The chain's chart and its records; `empty` is said when no record makes an edge.
    `record_words` gives records' labels in the reader's words (an item's candidate transfers'
    reasons, dashboard/candidate_words.py)."""
    if edges.is_empty():
        st.info(empty)
        return
    edges = node_words(edges)
    if record_words:
        edges = edges.with_columns(pl.col("record_label").replace(record_words))
    show_chart(
        supply_chain.supply_chain_figure(edges),
        title=_("Supply chain"),
        source=_(CHAIN_SOURCES),
        key=f"{key}_chart",
    )
    records = supply_chain.edge_records(edges).with_columns(
        pl.col("edge_kind").replace_strict(
            {kind: _(words) for kind, words in supply_chain.EDGE_KINDS.items()},
            default=pl.col("edge_kind"),
        )
    )
    st.caption(
        _("{edges} links, {records} records. Hover a diamond to see an edge's records.").format(
            edges=format_number(supply_chain.chain_edges(edges).height),
            records=format_number(edges.height),
        )
    )
    show_table(
        records,
        hide_index=True,
        column_config={
            "from_label": _("Link from"),
            "edge_kind": _("Link"),
            "to_label": _("Link to"),
            "record_year": st.column_config.NumberColumn(_("Year"), format="%d"),
            "record_label": st.column_config.TextColumn(_("Record"), width="large"),
            "record_id": _("Record id"),
            "source": _("Source"),
        },
        key=f"{key}_table",
    )
    table_downloads(records, "supply_chain", key)


# The column a page adds to a table for the link to each row's party (show_table keeps it as is).
PARTY_LINK = "party_page"


def party_url(party: str) -> str:
    """The Parties page of a party: a reference number or any name of it."""
    return "/parties?party=" + quote(party, safe="")


def with_party_link(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """The frame with PARTY_LINK: the page of the party the column names (none where empty)."""
    return frame.with_columns(python_mapped(frame, column, party_url, PARTY_LINK))


def party_link_column() -> st.column_config.LinkColumn:
    return st.column_config.LinkColumn(_("Party"), display_text=_("Party page"))
