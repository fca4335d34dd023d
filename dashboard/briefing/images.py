"""Charts and maps for briefing packs, drawn as PNG images by matplotlib: pure functions from data
frames to image bytes. No browser, no network, no queries.

Each image carries its title and, under it, the lines of dashboard.captions (source, data
version, day drawn, and on a map the UN disclaimer), written inside the PNG as the dashboard's
charts carry them, so an image copied out of a pack still says what it is and where it is from."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # draw to memory only: no display, no GUI toolkit

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import polars as pl
from matplotlib.patches import Polygon

from dashboard import map_layers
from dashboard.charts import CHANGE_MARKERS, TARGET_KIND_COLOURS, _series_label
from embargo.i18n import _, country_name, format_number, translate

DPI = 150
EMBARGO_RED = "#a50f15"
BLUE = "#0b5cad"
GREY = "#e3e6ea"
HIGHLIGHT = "#f4d6d4"
MATPLOTLIB_MARKERS = {
    "triangle-right": ">",
    "diamond": "D",
    "square": "s",
    "x": "x",
    "cross": "P",
    "triangle-left": "<",
}
SOURCE_COLOURS = ["#0b5cad", "#d9822b", "#2a9d8f", "#6a51a3", "#807dba"]

plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 8, "axes.spines.top": False})


@dataclass(frozen=True)
class Caption:
    """An image's title and the lines under it (dashboard.captions.caption_lines)."""

    title: str
    lines: tuple[str, ...]


CAPTION_GREY = "#555555"


def _write_caption(figure: plt.Figure, caption: Caption) -> None:
    """The title and its lines just above everything drawn (a map's equal-aspect axes leave the
    figure's top empty), flush with the left edge of the saved image (the axes' labels may reach
    left of the figure's edge)."""
    drawn = figure.get_tightbbox(figure.canvas.get_renderer())
    lines = figure.text(
        min(0.0, drawn.x0 / figure.get_figwidth()),
        drawn.y1 / figure.get_figheight() + 0.01,
        "\n".join(caption.lines),
        ha="left",
        va="bottom",
        fontsize=8,
        color=CAPTION_GREY,
    )
    figure.axes[0].annotate(
        caption.title,
        xy=(0, 1),
        xycoords=lines,
        xytext=(0, 4),
        textcoords="offset points",
        ha="left",
        va="bottom",
        fontsize=11,
        fontweight="bold",
        annotation_clip=False,
    )


def caption_texts(figure: plt.Figure) -> list[str]:
    """The texts written above a figure by _write_caption: its lines, then its title."""
    return [text.get_text() for text in figure.texts] + [
        child.get_text()
        for axes in figure.axes[:1]
        for child in axes.texts
        if getattr(child, "xycoords", None) in figure.texts
    ]


def _png(figure: plt.Figure, caption: Caption | None = None) -> bytes:
    if caption is not None:
        _write_caption(figure, caption)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", facecolor="white")
    plt.close(figure)
    return buffer.getvalue()


def _change_day(row: dict) -> dt.date | None:
    """A change date known to the day, month or year, placed on its first day."""
    text = row["change_date"]
    if not text:
        return None
    parts = [int(part) for part in text.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def embargo_timeline(
    embargoes: pl.DataFrame, changes: pl.DataFrame, as_of: dt.date, caption: Caption | None = None
) -> bytes:
    """One bar per embargo from imposition to end (or `as_of` while in force), coloured by kind
    of target, with a marker at each change of scope, exemptions, suspension or end."""
    rows = list(embargoes.iter_rows(named=True))
    figure, axes = plt.subplots(figsize=(9, 0.5 * len(rows) + 1.4))
    for position, row in enumerate(rows):
        end = row["in_force_until"] or as_of
        axes.barh(
            position,
            (end - row["start_date"]).days,
            left=mdates.date2num(row["start_date"]),
            color=TARGET_KIND_COLOURS.get(row["target_kind"], BLUE),
            hatch="//" if not row["mandatory"] else None,
            edgecolor="white",
            height=0.6,
        )
        axes.annotate(
            row["imposed_by"],
            (mdates.date2num(row["start_date"]), position - 0.38),
            fontsize=6,
            color="#333",
        )
    labels = {row["embargo_id"]: index for index, row in enumerate(rows)}
    shown: set[str] = set()
    for change in changes.iter_rows(named=True):
        marker = CHANGE_MARKERS.get(change["change_kind"])
        day = _change_day(change)
        if marker is None or day is None or change["embargo_id"] not in labels:
            continue
        symbol, label = marker
        axes.plot(
            mdates.date2num(day),
            labels[change["embargo_id"]],
            linestyle="none",
            marker=MATPLOTLIB_MARKERS[symbol],
            color="#111",
            markersize=5,
            label=None if label in shown else _(label),
        )
        shown.add(label)
    axes.axvline(mdates.date2num(as_of), color="#555", linestyle=":", linewidth=1)
    axes.set_yticks(range(len(rows)), [_short_label(row) for row in rows])
    axes.invert_yaxis()
    axes.xaxis_date()
    axes.grid(axis="x", color="#eef0f3")
    if shown:
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3, frameon=False)
    return _png(figure, caption)


def imports_by_year(
    by_year: pl.DataFrame,
    embargoes: pl.DataFrame,
    as_of: dt.date,
    titles: dict[str, str] | None = None,
    caption: Caption | None = None,
) -> bytes:
    """Deliveries per year, one panel per measure (SIPRI TIV; delivery records per source), with
    the years under embargo shaded."""
    figure, (tiv_axes, count_axes) = plt.subplots(2, 1, figsize=(9, 4.6), sharex=True)
    tiv = by_year.filter(pl.col("tiv").is_not_null())
    tiv_axes.bar(tiv["delivery_year"].to_list(), tiv["tiv"].to_list(), color=EMBARGO_RED)
    tiv_axes.set_ylabel(_("SIPRI TIV (millions)"))
    titles = titles or {}
    sources = by_year["source_id"].unique(maintain_order=True).to_list()
    width = 0.8 / max(len(sources), 1)
    for index, source in enumerate(sources):
        rows = by_year.filter(pl.col("source_id") == source)
        count_axes.bar(
            [year - 0.4 + width * (index + 0.5) for year in rows["delivery_year"]],
            rows["deliveries"].to_list(),
            width=width,
            label=translate(titles.get(source, source)),
            color=SOURCE_COLOURS[index % len(SOURCE_COLOURS)],
        )
    count_axes.set_ylabel(_("Delivery records"))
    # Below the panel, two to a row: the registers' names are long, and a legend as wide as all
    # of them side by side made the saved image wider than the page, and the bars tiny.
    count_axes.legend(
        frameon=False, ncol=2, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.12)
    )
    for row in embargoes.iter_rows(named=True):
        if row["target_kind"] == "listed_parties":
            continue
        end = (row["in_force_until"] or as_of).year
        for axes in (tiv_axes, count_axes):
            axes.axvspan(row["start_date"].year - 0.5, end + 0.5, color="#f1f2f5", zorder=0)
    count_axes.xaxis.get_major_locator().set_params(integer=True)
    tiv_axes.set_title(_("Shaded: years under a UN arms embargo"), loc="left", fontsize=8)
    return _png(figure, caption)


def _hbars(axes: plt.Axes, labels: list[str], values: list[float], colour: str, title: str):
    axes.barh(range(len(labels)), values, color=colour)
    axes.set_yticks(range(len(labels)), labels)
    axes.invert_yaxis()
    axes.set_title(title, loc="left", fontsize=8)
    for position, value in enumerate(values):
        axes.annotate(
            f"{value:,.0f}",
            (value, position),
            xytext=(2, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
        )


def seized_items(
    by_category: pl.DataFrame,
    by_origin: pl.DataFrame,
    top: int = 12,
    caption: Caption | None = None,
) -> bytes:
    """Item lines documented, by category and by country of manufacture (largest first)."""
    figure, (left, right) = plt.subplots(1, 2, figsize=(9, 0.3 * min(top, 12) + 1.4))
    category = by_category.head(top)
    origin = by_origin.head(top)
    _hbars(
        left,
        [_series_label(value) for value in category["category"].to_list()],
        category["item_lines"].to_list(),
        BLUE,
        _("Item lines by category"),
    )
    _hbars(
        right,
        [
            _("unknown") if code == "unknown" else country_name(code)
            for code in origin["origin"].to_list()
        ],
        origin["item_lines"].to_list(),
        EMBARGO_RED,
        _("Item lines by country of manufacture"),
    )
    figure.tight_layout()
    return _png(figure, caption)


def manufacture_years(
    by_year: pl.DataFrame, embargo_start_years: list[int], caption: Caption | None = None
) -> bytes:
    """Item lines per year of manufacture, with the years embargoes were imposed marked."""
    dated = by_year.filter(pl.col("manufacture_year").is_not_null())
    figure, axes = plt.subplots(figsize=(9, 2.6))
    axes.bar(dated["manufacture_year"].to_list(), dated["item_lines"].to_list(), color=BLUE)
    for year in embargo_start_years:
        axes.axvline(year, color=EMBARGO_RED, linestyle="--", linewidth=1)
    undated = by_year.filter(pl.col("manufacture_year").is_null())["item_lines"].sum()
    axes.set_ylabel(_("Item lines"))
    axes.set_title(
        _("Year of manufacture unknown: {count} item lines").format(count=format_number(undated)),
        loc="left",
        fontsize=8,
    )
    return _png(figure, caption)


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def _draw_places(axes: plt.Axes, country_iso3: str, named: list[tuple[float, float]]) -> int:
    """The country's admin-1 areas (shaded, their boundaries dotted) and towns (dots, the larger
    named in the reader's language) from the committed Natural Earth layers, as the dashboard's
    maps draw them (dashboard.map_layers); no town name within 0.4 degree of a point of `named`
    (lon, lat), which the map names already. Returns the number of areas drawn."""
    from embargo import geo_layers

    layer = map_layers.places_of([country_iso3])
    if layer is None:
        return 0
    # The 1:10m areas shade the country too: the 1:110m outline leaves border towns outside.
    for feature in geo_layers.admin1_areas([country_iso3])["features"]:
        for ring in _rings(feature["geometry"]):
            axes.add_patch(Polygon(ring, closed=True, facecolor=HIGHLIGHT, edgecolor="none"))
    nan = float("nan")
    axes.plot(
        [nan if value is None else value for value in layer.line_lons],
        [nan if value is None else value for value in layer.line_lats],
        color=map_layers.ADMIN1_LINE,
        linewidth=0.6,
        linestyle=(0, (1, 1.5)),
        zorder=2,
    )
    axes.scatter(
        [town.lon for town in layer.towns],
        [town.lat for town in layer.towns],
        s=5,
        color=map_layers.TOWN,
        zorder=2.5,
    )
    for town in layer.towns:
        near = any(abs(town.lon - lon) < 0.4 and abs(town.lat - lat) < 0.4 for lon, lat in named)
        if town.labelled and not near:
            axes.annotate(
                town.name,
                (town.lon, town.lat),
                xytext=(2, 2),
                textcoords="offset points",
                fontsize=6,
                fontweight="bold" if town.capital else "normal",
                color="#3b4452",
                zorder=2.5,
            )
    return len(layer.areas)


def country_map(
    shapes: dict, country_iso3: str, places: pl.DataFrame, name: str, caption: Caption | None = None
) -> bytes:
    """The country highlighted among its neighbours, with its admin-1 areas and towns, and the
    places where materiel was documented sized by events. Drawn from the warehouse's own shapes
    and the committed places layers: no tiles."""
    own = [f for f in shapes["features"] if f["id"] == country_iso3]
    points = [p for f in own for ring in _rings(f["geometry"]) for p in ring]
    lons = [p[0] for p in points] + places["longitude"].to_list()
    lats = [p[1] for p in points] + places["latitude"].to_list()
    if lons:
        pad = max(max(lons) - min(lons), max(lats) - min(lats)) * 0.25 + 1
        bounds = (min(lons) - pad, max(lons) + pad, min(lats) - pad, max(lats) + pad)
    else:
        bounds = (-180, 180, -60, 85)
    figure, axes = plt.subplots(figsize=(6.5, 5))
    for feature in shapes["features"]:
        highlighted = feature["id"] == country_iso3
        for ring in _rings(feature["geometry"]):
            axes.add_patch(
                Polygon(
                    ring,
                    closed=True,
                    facecolor=HIGHLIGHT if highlighted else GREY,
                    edgecolor="#888" if highlighted else "white",
                    linewidth=0.8 if highlighted else 0.5,
                )
            )
    labelled = places.head(8)
    _draw_places(
        axes,
        country_iso3,
        list(zip(labelled["longitude"].to_list(), labelled["latitude"].to_list(), strict=True)),
    )
    if not places.is_empty():
        sizes = [20 + 12 * events for events in places["events"].to_list()]
        axes.scatter(
            places["longitude"].to_list(),
            places["latitude"].to_list(),
            s=sizes,
            color=EMBARGO_RED,
            alpha=0.7,
            edgecolor="white",
            zorder=3,
        )
        for row in labelled.iter_rows(named=True):
            axes.annotate(
                f"{row['location_name'] or ''} ({row['events']})",
                (row["longitude"], row["latitude"]),
                xytext=(4, 4),
                textcoords="offset points",
                fontsize=7,
            )
    axes.set_xlim(bounds[0], bounds[1])
    axes.set_ylim(bounds[2], bounds[3])
    axes.set_aspect("equal")
    axes.set_xticks([])
    axes.set_yticks([])
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.set_title(
        _("{country}: places of seizure, sized by events ({count} located)").format(
            country=name, count=format_number(places["events"].sum() or 0)
        ),
        loc="left",
        fontsize=8,
    )
    return _png(figure, caption)


def conflict_by_year(by_year: pl.DataFrame, caption: Caption | None = None) -> bytes:
    """Conflict events per year (bars, one colour per source) and fatalities (line)."""
    figure, axes = plt.subplots(figsize=(9, 2.8))
    sources = by_year["source"].unique(maintain_order=True).to_list()
    bottom: dict[int, float] = {}
    for index, source in enumerate(sources):
        rows = by_year.filter(pl.col("source") == source)
        years = rows["year"].to_list()
        axes.bar(
            years,
            rows["events"].to_list(),
            bottom=[bottom.get(year, 0) for year in years],
            color=SOURCE_COLOURS[index % len(SOURCE_COLOURS)],
            label=_("{source} events").format(source=source),
        )
        for year, events in zip(years, rows["events"].to_list(), strict=True):
            bottom[year] = bottom.get(year, 0) + events
    axes.set_ylabel(_("Events"))
    totals = by_year.group_by("year").agg(pl.col("fatalities").sum()).sort("year")
    fatalities = axes.twinx()
    fatalities.plot(totals["year"].to_list(), totals["fatalities"].to_list(), color=EMBARGO_RED,
                    marker="o", markersize=3, label=_("Fatalities"))  # fmt: skip
    fatalities.set_ylabel(_("Fatalities"))
    axes.legend(loc="upper left", frameon=False)
    fatalities.legend(loc="upper right", frameon=False)
    axes.xaxis.get_major_locator().set_params(integer=True)
    return _png(figure, caption)


def _short_label(row: dict) -> str:
    """The embargo's timeline label with the country named in the pack's language."""
    from dashboard.charts import short_embargo_label

    return short_embargo_label(row)
