"""Supply chains drawn as layered networks: pure functions from the chain's edges
(sql/macros/supply_chain_edges.sql and item_chain_edges.sql, one row per record) to the nodes
with their layer and place, a Plotly figure, and the table of each edge's records. No queries, no
Streamlit calls; every word is in the reader's language.

The layers read left to right: suppliers, brokers and intermediaries, recipients, items
recovered, findings. A node's layer comes from the records at its edges: a seizure event is an
item recovered, a finding a finding; a party or State that receives a registered delivery and
also supplies one is an intermediary, one that only supplies is a supplier, and every other (a
recipient, a party items were seized from or a finding names) is a recipient. Within a layer the
nodes are ordered by the mean place of their neighbours in the layers before and after (a few
sweeps of the barycentre rule), which keeps edges from crossing where it can; ties keep the
order of the labels, so the same edges always give the same drawing."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go
import polars as pl

from embargo.i18n import N_, _, format_number

LAYERS = ("supplier", "intermediary", "recipient", "items", "finding")
LAYER_TITLES = {
    "supplier": N_("Suppliers"),
    "intermediary": N_("Brokers and intermediaries"),
    "recipient": N_("Recipients"),
    "items": N_("Items recovered"),
    "finding": N_("Findings"),
}
LAYER_COLOURS = {
    "supplier": "#1f4e99",
    "intermediary": "#6a51a3",
    "recipient": "#d9822b",
    "items": "#a50f15",
    "finding": "#2a9d8f",
}
EDGE_KINDS = {
    "transfer": N_("Registered delivery"),
    "brokering": N_("Brokered"),
    "seized_from": N_("Seized from"),
    "could_explain": N_("Could explain"),
    "cites": N_("Cites"),
    "names": N_("Names"),
}
EDGE_STYLES = {
    "transfer": ("#5b6b7f", "solid"),
    "brokering": ("#6a51a3", "solid"),
    "seized_from": ("#a50f15", "solid"),
    "could_explain": ("#5b6b7f", "dot"),
    "cites": ("#2a9d8f", "solid"),
    "names": ("#2a9d8f", "dash"),
}
# Edge kinds whose source delivers to their target (what makes intermediaries).
DELIVERIES = ("transfer", "brokering")
EDGE_COLUMNS = {
    "from_id": pl.String,
    "from_label": pl.String,
    "from_kind": pl.String,
    "to_id": pl.String,
    "to_label": pl.String,
    "to_kind": pl.String,
    "edge_kind": pl.String,
    "record_id": pl.String,
    "record_label": pl.String,
    "record_year": pl.Int64,
    "source": pl.String,
    "file_name": pl.String,
    "source_row_number": pl.Int64,
    "classification": pl.String,
}
# At most this many records are listed in an edge's hover; the table below has them all.
HOVER_RECORDS = 6
SWEEPS = 4
# How far (in places of a layer) an edge that passes over a layer bends away from the straight
# line.
SKIP_BEND = 0.3
# Pixels per node of the tallest layer, and the chart's heights.
MIN_NODE_SPACING = 26
MAX_NODE_SPACING = 90
CHART_HEIGHT = 1400
MAX_CHART_HEIGHT = 4000


def _layer_of(node: str, kind: str, receives: set[str], supplies: set[str]) -> str:
    if kind in ("items", "finding"):
        return kind
    if node in receives and node in supplies:
        return "intermediary"
    if node in supplies and node not in receives:
        return "supplier"
    return "recipient"


def chain_nodes(edges: pl.DataFrame) -> pl.DataFrame:
    """Each node once: id, label, layer (one of LAYERS), x (the layer's index), y (its place in
    the layer, centred on 0, top first) and the number of records at its edges."""
    columns = {
        "node_id": pl.String,
        "label": pl.String,
        "layer": pl.String,
        "x": pl.Int64,
        "y": pl.Float64,
        "records": pl.Int64,
    }
    if edges.is_empty():
        return pl.DataFrame(schema=columns)
    ends = pl.concat(
        [
            edges.select(
                pl.col("from_id").alias("node_id"),
                pl.col("from_label").alias("label"),
                pl.col("from_kind").alias("kind"),
            ),
            edges.select(
                pl.col("to_id").alias("node_id"),
                pl.col("to_label").alias("label"),
                pl.col("to_kind").alias("kind"),
            ),
        ]
    )
    delivering = edges.filter(pl.col("edge_kind").is_in(DELIVERIES))
    receives = set(delivering["to_id"].to_list())
    supplies = set(delivering["from_id"].to_list())
    counts = ends.group_by("node_id").agg(pl.len().alias("records"))
    nodes = {
        row["node_id"]: {
            "label": row["label"],
            "layer": _layer_of(row["node_id"], row["kind"], receives, supplies),
        }
        for row in ends.unique("node_id", keep="first", maintain_order=True).iter_rows(named=True)
    }
    pairs = edges.select("from_id", "to_id").unique().rows()
    order = _ordered_layers(nodes, pairs)
    records = dict(counts.rows())
    rows = []
    for layer, members in order.items():
        middle = (len(members) - 1) / 2
        for place, node in enumerate(members):
            rows.append(
                {
                    "node_id": node,
                    "label": nodes[node]["label"],
                    "layer": layer,
                    "x": LAYERS.index(layer),
                    "y": middle - place,
                    "records": records[node],
                }
            )
    return pl.DataFrame(rows, schema=columns)


def _ordered_layers(nodes: dict[str, dict], pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The nodes of each layer, top first: by label, then by the barycentre of their
    neighbours, sweeping forward then backward."""
    order = {
        layer: sorted(
            (node for node, about in nodes.items() if about["layer"] == layer),
            key=lambda node: (nodes[node]["label"] or "", node),
        )
        for layer in LAYERS
    }
    neighbours: dict[str, list[str]] = {node: [] for node in nodes}
    for source, target in pairs:
        neighbours[source].append(target)
        neighbours[target].append(source)
    for sweep in range(SWEEPS):
        forward = sweep % 2 == 0
        layers = LAYERS[1:] if forward else tuple(reversed(LAYERS[:-1]))
        for layer in layers:
            index = LAYERS.index(layer)
            place = {
                node: position
                for other in LAYERS
                if (LAYERS.index(other) < index if forward else LAYERS.index(other) > index)
                for position, node in enumerate(order[other])
            }
            current = {node: position for position, node in enumerate(order[layer])}

            def centre(node: str, place=place, current=current) -> tuple[float, int]:
                seen = [place[other] for other in neighbours[node] if other in place]
                return (sum(seen) / len(seen) if seen else current[node], current[node])

            order[layer] = sorted(order[layer], key=centre)
    return {layer: members for layer, members in order.items() if members}


def chain_edges(edges: pl.DataFrame) -> pl.DataFrame:
    """Each edge once (from, to, kind) with its records' ids and labels, in record order."""
    return (
        edges.sort("record_year", "record_id", nulls_last=True)
        .group_by("from_id", "to_id", "edge_kind", maintain_order=True)
        .agg(
            pl.col("from_label").first(),
            pl.col("to_label").first(),
            pl.col("record_id"),
            pl.col("record_label"),
            pl.col("record_year"),
            pl.col("source"),
        )
        .sort("edge_kind", "from_id", "to_id")
    )


def _short(text: str | None, width: int = 28) -> str:
    return textwrap.shorten(text or "", width=width, placeholder="…")


def _record_line(label: str | None, year: int | None, source: str | None) -> str:
    parts = [str(year) if year is not None else "", label or "", f"({source})" if source else ""]
    return " ".join(part for part in parts if part)


def supply_chain_figure(edges: pl.DataFrame, height: int | None = None) -> go.Figure:
    """The layered network of the chain's edges: nodes coloured by layer, one line per edge
    (its style by kind), and at the middle of each edge a point whose hover lists its
    records."""
    nodes = chain_nodes(edges)
    figure = go.Figure()
    if nodes.is_empty():
        figure.add_annotation(
            text=_("No record links these parties."), showarrow=False, x=0.5, y=0.5,
            xref="paper", yref="paper",
        )  # fmt: skip
        figure.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, height=200)
        return figure
    place = {row[0]: (row[1], row[2]) for row in nodes.select("node_id", "x", "y").rows()}
    grouped = chain_edges(edges)
    for kind, (colour, dash) in EDGE_STYLES.items():
        shown = grouped.filter(pl.col("edge_kind") == kind)
        if shown.is_empty():
            continue
        xs: list[float | None] = []
        ys: list[float | None] = []
        middles_x, middles_y, hovers = [], [], []
        for row in shown.iter_rows(named=True):
            (x0, y0), (x1, y1) = place[row["from_id"]], place[row["to_id"]]
            middle_x, middle_y = (x0 + x1) / 2, (y0 + y1) / 2
            if abs(x1 - x0) > 1:
                # an edge over a layer bends, so it does not run through that layer's nodes
                middle_y += SKIP_BEND if y1 >= y0 else -SKIP_BEND
            xs += [x0, middle_x, x1, None]
            ys += [y0, middle_y, y1, None]
            middles_x.append(middle_x)
            middles_y.append(middle_y)
            lines = [
                _record_line(label, year, source)
                for label, year, source in zip(
                    row["record_label"], row["record_year"], row["source"], strict=True
                )
            ]
            more = len(lines) - HOVER_RECORDS
            hovers.append(
                f"<b>{row['from_label']} → {row['to_label']}</b><br>"
                + _("{kind}: {count} records").format(
                    kind=_(EDGE_KINDS[kind]), count=format_number(len(lines))
                )
                + "<br>"
                + "<br>".join(_short(line, 90) for line in lines[:HOVER_RECORDS])
                + ("<br>" + _("and {count} more").format(count=more) if more > 0 else "")
            )
        name = _(EDGE_KINDS[kind])
        figure.add_trace(
            go.Scatter(
                x=xs, y=ys, mode="lines",
                line={"color": colour, "dash": dash, "width": 1.6, "shape": "spline"},
                hoverinfo="skip", name=name, legendgroup=kind,
            )
        )  # fmt: skip
        figure.add_trace(
            go.Scatter(
                x=middles_x, y=middles_y, mode="markers",
                marker={"size": 7, "color": colour, "symbol": "diamond"},
                hovertext=hovers, hoverinfo="text", name=name, legendgroup=kind,
                showlegend=False,
            )
        )  # fmt: skip
    present = sorted(set(nodes["x"].to_list()))
    for layer in LAYERS:
        members = nodes.filter(pl.col("layer") == layer)
        if members.is_empty():
            continue
        # the outer layers' names beside them, away from the edges; the others' above
        x = LAYERS.index(layer)
        position = (
            "middle left" if x == present[0] else "middle right" if x == present[-1]
            else "top center"
        )  # fmt: skip
        figure.add_trace(
            go.Scatter(
                x=members["x"].to_list(),
                y=members["y"].to_list(),
                mode="markers+text",
                marker={"size": 16, "color": LAYER_COLOURS[layer], "line": {"width": 1}},
                text=[_short(label) for label in members["label"].to_list()],
                textposition=position,
                textfont={"size": 11},
                hovertext=[
                    f"<b>{label}</b><br>{_(LAYER_TITLES[layer])}<br>"
                    + _("{count} records").format(count=format_number(records))
                    for label, records in members.select("label", "records").rows()
                ],
                hoverinfo="text",
                name=_(LAYER_TITLES[layer]),
            )
        )
    tallest = nodes.group_by("layer").len()["len"].max()
    spread = max((tallest - 1) / 2, 0.5)
    # room for each node of the tallest layer: generous for a few, at least a line of text
    spacing = max(MIN_NODE_SPACING, min(MAX_NODE_SPACING, CHART_HEIGHT / tallest))
    for x in present:
        figure.add_annotation(
            x=x, y=spread + 0.6, text=f"<b>{_(LAYER_TITLES[LAYERS[x]])}</b>", showarrow=False,
            font={"size": 13},
        )  # fmt: skip
    figure.update_layout(
        height=height or int(min(MAX_CHART_HEIGHT, max(360, spacing * tallest + 160))),
        xaxis={"visible": False, "range": [min(present) - 1.0, max(present) + 1.0]},
        yaxis={"visible": False, "range": [-spread - 0.6, spread + 0.9]},
        legend={"orientation": "h", "yanchor": "top", "y": -0.02},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        hoverlabel={"align": "left"},
    )
    return figure


def edge_records(edges: pl.DataFrame) -> pl.DataFrame:
    """The table under the chart: each record of each edge, with its source, file and row, in
    the order the chart reads (left to right, then by name and year)."""
    layer = dict(chain_nodes(edges).select("node_id", "x").rows())
    return (
        edges.with_columns(
            pl.col("from_id").replace_strict(layer, return_dtype=pl.Int64).alias("from_x"),
            pl.col("to_id").replace_strict(layer, return_dtype=pl.Int64).alias("to_x"),
        )
        .sort(
            "from_x", "to_x", "from_label", "to_label", "record_year", "record_id", nulls_last=True
        )
        .select(
            "from_label",
            "edge_kind",
            "to_label",
            "record_year",
            "record_label",
            "record_id",
            "source",
            "file_name",
            "source_row_number",
            "classification",
        )
    )
