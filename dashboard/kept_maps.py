"""Leaflet maps shown with streamlit-folium's component, rendered once per content and kept
across sessions (dashboard.render_cache).

streamlit-folium's `st_folium` renders a folium map on every call: the map's script, header and
HTML are made from jinja templates, element by element (a marker costs several templates and
random ids), which made the map pages the server's heaviest. Here a map is rendered once into
the arguments `st_folium` gives its component, and checked offline once (what the browser will
load, its links and those texts, names no address beyond loopback); `show_kept_map` keeps the
arguments under a key naming what the map is made from, so a page run showing the same map as
an earlier run (any session's) builds no folium object at all. The component, its arguments and
its key are those `st_folium` uses (written against streamlit-folium 0.27), so the browser gets
the same map as from `st_folium`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import folium
import folium.elements
import streamlit as st

from dashboard import maps
from dashboard.render_cache import Kept, key_of
from embargo.classification import Classification
from embargo.i18n import language

_maps = Kept(max_entries=32, max_bytes=48 * 2**20)


def _links(m: folium.Map) -> tuple[list[str], list[str]]:
    """The stylesheets and scripts of every element of the map, as st_folium collects them (a
    branca colormap, for which it adds d3 from a CDN, is refused before: maps.py)."""

    def walk(element):
        yield element
        for child in getattr(element, "_children", {}).values():
            yield from walk(child)

    css, js = [], []
    for element in walk(m):
        css += [href for _, href in getattr(element, "default_css", [])]
        js += [src for _, src in getattr(element, "default_js", [])]
    return list(dict.fromkeys(css)), list(dict.fromkeys(js))


def map_arguments(m: folium.Map, key: str, allow_tiles: bool = True) -> dict:
    """What st_folium gives its component for the map (script, header, HTML, links, bounds),
    after refusing a map that would load anything from outside loopback (except the configured
    EMBARGO_TILE_URL server when `allow_tiles`)."""
    from streamlit_folium import (
        _get_header,
        _get_html,
        _get_map_string,
        generate_js_hash,
        get_full_id,
    )

    m.render()
    # In st_folium's order: the map string changes the folium structure.
    html, header = _get_html(m), _get_header(m)
    script = _get_map_string(m)
    css, js = _links(m)
    # What the browser loads is these links and these three texts: nothing else is checked.
    tile_url, _attribution = maps.tile_settings()
    outside = [
        url
        for url in dict.fromkeys(
            [url for url in css + js if not maps.is_local(url) and "://" in url]
            + maps.assert_offline_html("\n".join((header, html, script)))
        )
        if not (allow_tiles and tile_url is not None and url == tile_url)
    ]
    if outside:
        raise RuntimeError("map would load from outside the dashboard: " + ", ".join(outside))
    south_west, north_east = m.get_bounds()
    return {
        "script": script,
        "header": header,
        "html": html,
        "id": get_full_id(m),
        "key": generate_js_hash(script, key, False),
        "css_links": css,
        "js_links": js,
        "bounds": {
            "_southWest": {"lat": south_west[0], "lng": south_west[1]},
            "_northEast": {"lat": north_east[0], "lng": north_east[1]},
        },
        "zoom": m.options.get("zoom"),
    }


def show_map_arguments(
    arguments: dict, *, key: str, height: int, returned_objects: Iterable[str] | None = ()
) -> Any:
    """The component of st_folium with the arguments of map_arguments, full width, as
    `st_folium(m, key=key, height=height, use_container_width=True, returned_objects=...)`."""
    from streamlit_folium import _component_func

    defaults = {
        "last_clicked": None,
        "last_object_clicked": None,
        "last_object_clicked_count": None,
        "last_object_clicked_tooltip": None,
        "last_object_clicked_popup": None,
        "all_drawings": None,
        "last_active_drawing": None,
        "bounds": arguments["bounds"],
        "zoom": arguments["zoom"],
        "last_circle_radius": None,
        "last_circle_polygon": None,
        "selected_layers": None,
        "selected_tags": None,
        "last_geocoder_result": None,
    }
    returned = list(returned_objects) if returned_objects is not None else None
    hash_key = arguments["key"]

    def on_change() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})

    return _component_func(
        script=arguments["script"],
        header=arguments["header"],
        html=arguments["html"],
        id=arguments["id"],
        key=hash_key,
        height=height,
        width=None,
        returned_objects=returned,
        default={k: v for k, v in defaults.items() if returned is None or k in returned},
        zoom=None,
        center=None,
        feature_group=None,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=arguments["css_links"],
        js_links=arguments["js_links"],
        on_change=on_change,
        wrap_longitude=False,
    )


def show_kept_map(
    build: Callable[[], folium.Map],
    *,
    clearance: Classification,
    inputs: tuple,
    key: str,
    height: int = 480,
    returned_objects: Iterable[str] | None = (),
    allow_tiles: bool = True,
) -> Any:
    """Shows the map `build()` makes, built and rendered only when no earlier run (of any
    session) showed it. `inputs` must name everything `build` draws from besides the viewer's
    clearance and language (which are in the key already): frames (by content), codes,
    settings chosen on the page."""
    kept_key = (
        "map",
        key,
        height,
        clearance,
        language(),
        maps.tile_settings(),
        maps.vendor_url(),
        allow_tiles,
        key_of(inputs),
    )

    def make() -> tuple[dict, int]:
        arguments = map_arguments(build(), key, allow_tiles)
        size = sum(len(arguments[part]) for part in ("script", "header", "html"))
        return arguments, size

    arguments = _maps.get(kept_key, make)
    return show_map_arguments(arguments, key=key, height=height, returned_objects=returned_objects)
