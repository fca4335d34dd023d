"""The country shapes as one GeoJSON file that the dashboard serves itself, for the Plotly maps.

Plotly takes a trace's shapes either inline or as a URL. Inline, every map trace carries all 177
shapes: the embargo map alone sent five copies (about 1 MB) at each page view, and the server and
the browser paid for each. As a URL, the browser fetches the file once and every trace on every
page shares it. The file is named by the hash of its content, so a warehouse with other shapes
gives another URL; it lives under dashboard/static/shapes/, served at app/static/shapes/ on the
dashboard's own address (static serving is on in streamlit_config.toml): nothing leaves the
machine. Folium maps and briefing packs keep the shapes inline (queries.country_shapes_geojson).

Beside it, the same shapes with their rings turned clockwise (`clockwise_url`), for the Plotly geo
maps: d3-geo, which draws them, reads a counter-clockwise outer ring (GeoJSON's own order, which
MapLibre reads) as the whole globe but that shape.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path

from dashboard import queries
from embargo.classification import Classification

SHAPES_DIR = Path(__file__).parent / "static" / "shapes"
URL_PREFIX = "app/static/shapes/"  # relative: works behind a proxy that adds a path prefix

# By the digest of the shapes' rows (queries.country_shapes_digest): a load leaves the shapes,
# hence the file, as they were; only a rebuild with other shapes makes another.
_urls: dict[str, str] = {}
_lock = threading.Lock()


def country_shapes_url(clearance: Classification) -> str:
    """The URL of the shapes file of the warehouse now read (written when it is missing)."""
    version = queries.country_shapes_digest(clearance)
    with _lock:
        known = _urls.get(version)
    if known is not None:
        return known
    from dashboard.map_layers import clockwise

    shapes = queries.country_shapes_geojson(clearance)
    text = json.dumps(shapes, separators=(",", ":"), ensure_ascii=False)
    name = f"country_shapes-{hashlib.sha256(text.encode()).hexdigest()[:16]}.json"
    _write(SHAPES_DIR / name, text)
    _write(
        SHAPES_DIR / clockwise_url(name),
        json.dumps(clockwise(shapes), separators=(",", ":"), ensure_ascii=False),
    )
    with _lock:
        if len(_urls) > 16:  # one entry per build of other shapes: forget the old ones
            _urls.clear()
        _urls[version] = URL_PREFIX + name
    return URL_PREFIX + name


def clockwise_url(url: str) -> str:
    """The URL (or name) of the clockwise copy of the shapes file at `url`."""
    return url.removesuffix(".json") + "-clockwise.json"


def _write(path: Path, text: str) -> None:
    if not path.exists():
        SHAPES_DIR.mkdir(parents=True, exist_ok=True)
        # Written whole under another name, then renamed: no session ever reads half a file.
        partial = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
