"""Parties and chains on a page: a supply chain (the layered network of dashboard/supply_chain.py
and, below it, each edge's records with their sources, downloadable), shared by the Parties page
and Item search; and the link to a party's page that every page naming a listed party or an
actor gives (Screening, Findings, Links to listed parties, Country profile)."""

from __future__ import annotations

from urllib.parse import quote

import polars as pl
import streamlit as st

from dashboard import supply_chain
from dashboard.chart_images import show_chart
from dashboard.common import show_table
from dashboard.downloads import table_downloads
from embargo.i18n import N_, _, format_number
from embargo.python_columns import python_mapped

CHAIN_SOURCES = N_(
    "Sources: registered transfers, seizure documentation, tracing requests and panel findings "
    "as loaded; each link's records below."
)


def show_chain(edges: pl.DataFrame, key: str, empty: str) -> None:
    """The chain's chart and its records; `empty` is said when no record makes an edge."""
    if edges.is_empty():
        st.info(empty)
        return
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
