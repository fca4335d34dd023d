"""What a page sends, kept across sessions (dashboard/render_cache.py, dashboard/kept_maps.py,
show_table in dashboard/common.py): keys follow the content, the store stays within its bounds,
and a kept map or table is exactly what the uncached path sends."""

from __future__ import annotations

import datetime as dt
import re
import threading

import folium
import polars as pl
import pyarrow as pa
import pytest
import streamlit_folium

from dashboard import kept_maps, maps, render_cache
from embargo.classification import Classification

PLACES = pl.DataFrame(
    {
        "lat": [5.0, 6.0, None],
        "lon": [5.0, 16.0, 1.0],
        "site": ["Port <A>", "Airfield B", "no position"],
        "items": [4, 16, 1],
    }
)
SHAPES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "id": "AAA",
            "properties": {"name": "Alpha"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]]],
            },
        }
    ],
}


@pytest.fixture(autouse=True)
def no_tile_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(maps.TILE_URL_ENV, raising=False)
    monkeypatch.delenv(maps.TILE_ATTRIBUTION_ENV, raising=False)


def test_a_frame_digest_follows_its_content_order_and_types() -> None:
    same = PLACES.clone()
    assert render_cache.frame_digest(same) == render_cache.frame_digest(PLACES)
    changed = PLACES.with_columns(
        pl.when(pl.col("items") == 16).then(17).otherwise(pl.col("items")).alias("items")
    )
    assert render_cache.frame_digest(changed) != render_cache.frame_digest(PLACES)
    assert render_cache.frame_digest(PLACES.reverse()) != render_cache.frame_digest(PLACES)
    as_float = PLACES.with_columns(pl.col("items").cast(pl.Float64))
    assert render_cache.frame_digest(as_float) != render_cache.frame_digest(PLACES)
    renamed = PLACES.rename({"site": "place"})
    assert render_cache.frame_digest(renamed) != render_cache.frame_digest(PLACES)
    assert render_cache.frame_digest(PLACES.head(0))[2] == 0


def test_keys_of_nested_inputs() -> None:
    one = render_cache.key_of(("SOM", PLACES, {"a": 1}, [1, 2], {"x", "y"}))
    again = render_cache.key_of(("SOM", PLACES.clone(), {"a": 1}, [1, 2], {"y", "x"}))
    assert one == again
    assert hash(one) == hash(again)
    assert render_cache.key_of(("SOM", PLACES.head(2))) != render_cache.key_of(("SOM", PLACES))


def test_the_store_keeps_the_most_recent_within_its_bounds() -> None:
    kept = render_cache.Kept(max_entries=2, max_bytes=1000)
    made = []

    def maker(value: str, size: int = 10):
        def make():
            made.append(value)
            return value.upper(), size

        return make

    assert kept.get("a", maker("a")) == "A"
    assert kept.get("b", maker("b")) == "B"
    assert kept.get("a", maker("a")) == "A"  # kept: not made again, and now the most recent
    assert kept.get("c", maker("c")) == "C"  # the least recent, b, goes
    assert len(kept) == 2
    assert kept.get("b", maker("b")) == "B"
    assert made == ["a", "b", "c", "b"]
    # larger than an eighth of the bytes: made, not kept
    assert kept.get("big", maker("big", 200)) == "BIG"
    assert kept.get("big", maker("big", 200)) == "BIG"
    assert made == ["a", "b", "c", "b", "big", "big"]
    # the bytes bound
    wide = render_cache.Kept(max_entries=10, max_bytes=1000)
    for name in "pqrstuvwxyz":
        wide.get(name, maker(name, 120))
    assert len(wide) == 8  # 8 x 120 = 960 bytes; a ninth would pass 1000


def test_sessions_asking_at_once_share_one_making() -> None:
    kept = render_cache.Kept()
    started, release = threading.Event(), threading.Event()
    calls = []

    def slow():
        calls.append(1)
        started.set()
        release.wait(5)
        return "made", 1

    results = []
    first = threading.Thread(target=lambda: results.append(kept.get("k", slow)))
    first.start()
    started.wait(5)
    second = threading.Thread(target=lambda: results.append(kept.get("k", slow)))
    second.start()
    release.set()
    first.join(5)
    second.join(5)
    assert results == ["made", "made"]
    assert calls == [1]


def places_map() -> folium.Map:
    m = maps.offline_folium_map(center=(5, 10), zoom=4)
    maps.add_country_shapes(m, SHAPES)
    maps.add_circle_markers(m, PLACES, size_column="items", tooltip="site")
    return m


def test_a_kept_map_sends_what_st_folium_sends(monkeypatch: pytest.MonkeyPatch) -> None:
    sent = []
    monkeypatch.setattr(
        streamlit_folium, "_component_func", lambda **arguments: sent.append(arguments)
    )
    streamlit_folium.st_folium(
        places_map(), key="m", height=460, use_container_width=True, returned_objects=[]
    )
    kept_maps.show_kept_map(
        places_map, clearance=Classification.PUBLIC, inputs=("t1",), key="m", height=460
    )
    built = []

    def counted() -> folium.Map:
        built.append(1)
        return places_map()

    kept_maps.show_kept_map(
        counted, clearance=Classification.PUBLIC, inputs=("t1",), key="m", height=460
    )
    assert built == []  # the second run drew from the kept rendering
    folium_sent, kept_sent, again = sent
    # folium names its map with a random id; everything drawn from it is renamed "map_div"
    assert folium_sent.pop("id").startswith("map_") and kept_sent.pop("id").startswith("map_")
    again.pop("id")
    on_change = [arguments.pop("on_change") for arguments in (folium_sent, kept_sent, again)]
    assert kept_sent == folium_sent
    assert again == folium_sent
    assert '[[5.0, 5.0, 10.5, "#0b5cad", "Port \\u0026lt;A\\u0026gt;"], ' in folium_sent["script"]
    assert folium_sent["default"] == {}
    assert all(callable(change) for change in on_change)
    # another clearance, language input or content is drawn afresh
    kept_maps.show_kept_map(
        counted, clearance=Classification.RESTRICTED, inputs=("t1",), key="m", height=460
    )
    kept_maps.show_kept_map(
        counted, clearance=Classification.PUBLIC, inputs=("t2",), key="m", height=460
    )
    assert built == [1, 1]


def test_a_map_loading_from_outside_is_refused_before_it_is_kept() -> None:
    def outside() -> folium.Map:
        m = places_map()
        m.default_js = [*m.default_js, ("cdn", "https://cdn.example.org/leaflet.js")]
        return m

    with pytest.raises(RuntimeError, match=re.escape("https://cdn.example.org/leaflet.js")):
        kept_maps.show_kept_map(
            outside, clearance=Classification.PUBLIC, inputs=("x",), key="o", height=400
        )


def test_the_kept_table_is_streamlits_own_arrow_table() -> None:
    from streamlit import dataframe_util

    frame = pl.DataFrame(
        {
            "day": [dt.date(2024, 1, 5), None],
            "count": [1, None],
            "share": [0.5, 1.25],
            "name": ["Gao", None],
        }
    )
    table = render_cache.arrow_table(frame)
    expected = dataframe_util.convert_pandas_df_to_arrow_table(
        dataframe_util.convert_anything_to_pandas_df(frame)
    )
    assert isinstance(table, pa.Table)
    assert table.equals(expected)
    assert dataframe_util.convert_arrow_table_to_arrow_bytes(
        table
    ) == dataframe_util.convert_arrow_table_to_arrow_bytes(expected)
    assert table.column_names == ["day", "count", "share", "name"]
    assert table.column("count").to_pylist() == [1.0, None]
