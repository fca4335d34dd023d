"""The briefing packs' country map carries the country's admin-1 areas and towns from the
committed Natural Earth layers, as the dashboard's maps do: the areas shaded with dotted
boundaries, every town a dot, the larger ones named in the pack's language (not where the map
already names a place of seizure), and the layers' source and the UN map disclaimer written
inside the image (its caption), in the PDF and the slides."""

from __future__ import annotations

import datetime as dt
import io
import math

import matplotlib.pyplot as plt
import pypdf
import pytest
from pptx import Presentation

from dashboard import queries
from dashboard.briefing import briefing_pack, images
from embargo import geo_layers
from embargo.classification import Classification
from embargo.i18n import using

CAR_NAMES = ["Bangui", "Ndele", "Obo", "Bambari", "Berbérati", "Bouar", "Bria"]
MAP_NOTE = {
    "en": (
        "Areas and towns: Natural Earth (public domain).",
        "The boundaries and names shown and the designations used on this map do not imply "
        "official endorsement or acceptance by the United Nations.",
    ),
    "fr": (
        "Divisions et villes : Natural Earth (domaine public).",
        "Les frontières et les noms indiqués et les désignations employées sur cette carte "
        "n’impliquent pas reconnaissance ou acceptation officielle de la part de l’Organisation "
        "des Nations Unies.",
    ),
}


def drawn_places(iso3: str, named: list[tuple[float, float]], language: str = "en"):
    figure, axes = plt.subplots()
    with using(language):
        areas = images._draw_places(axes, iso3, named)
    lines = [list(line.get_xdata()) for line in axes.lines]
    towns = [len(collection.get_offsets()) for collection in axes.collections]
    names = [(text.get_text(), text.get_fontweight()) for text in axes.texts]
    patches = len(axes.patches)
    plt.close(figure)
    return areas, patches, lines, towns, names


def test_the_car_map_carries_its_prefectures_and_towns():
    areas, patches, lines, towns, names = drawn_places("CAF", [])
    assert areas == 17
    rings = sum(
        1 if f["geometry"]["type"] == "Polygon" else len(f["geometry"]["coordinates"])
        for f in geo_layers.admin1_areas(["CAF"])["features"]
    )
    assert patches == rings  # each area shaded
    # One dotted line of the boundaries, each shared border once: 77 runs, as on the dashboard.
    assert len(lines) == 1 and sum(math.isnan(value) for value in lines[0]) == 77
    assert towns == [21]
    assert [name for name, _weight in names] == CAR_NAMES
    assert names[0] == ("Bangui", "bold")  # the capital
    _areas, _patches, _lines, _towns, names_fr = drawn_places("CAF", [], "fr")
    assert [name for name, _weight in names_fr] == ["Bangui", "Ndélé", *CAR_NAMES[2:]]


def test_towns_where_the_map_names_a_place_of_seizure_are_not_named_twice():
    *_, names = drawn_places("CAF", [(18.56, 4.37), (20.65, 5.75)])  # Bangui, Bambari
    assert [name for name, _weight in names] == ["Ndele", "Obo", "Berbérati", "Bouar", "Bria"]


def test_a_country_the_layers_lack_gets_its_outline_only():
    assert drawn_places("USA", []) == (0, 0, [], [], [])


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_car_pack_map_says_where_its_places_come_from(demo_warehouse, monkeypatch, language):
    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))
    captions: list[str] = []
    original = images._png

    def recording(figure, caption=None):
        png = original(figure, caption)
        captions.append(" ".join(" ".join(images.caption_texts(figure)).split()))
        return png

    monkeypatch.setattr(images, "_png", recording)
    scope = queries.ProfileScope("CAF")
    today = dt.date(2026, 11, 1)
    with using(language):
        pdf = briefing_pack(Classification.STRICTLY_CONFIDENTIAL, scope, "pdf", today)
        slides = briefing_pack(Classification.STRICTLY_CONFIDENTIAL, scope, "pptx", today)
    # the map, in each pack: the one image whose caption names the places' layers
    maps = [caption for caption in captions if "Natural Earth" in caption]
    assert len(maps) == 2
    for caption in maps:
        assert all(part in caption for part in MAP_NOTE[language])
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert sum(len(page.images) for page in reader.pages) == len(captions) // 2
    deck = Presentation(io.BytesIO(slides))
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == len(captions) // 2
