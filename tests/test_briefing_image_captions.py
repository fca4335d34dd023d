"""A briefing pack's charts and maps carry their title, source, data version, the day drawn and,
on a map, the UN disclaimer inside the PNG itself (the lines of dashboard.captions, as the
dashboard's charts carry them), so an image copied out of the PDF or the slides keeps them; the
images embedded in the PDF and the slides are those captioned images, and the pack does not
print the image's title again above it."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from PIL import Image as PILImage
from pptx import Presentation

from dashboard import map_layers, queries
from dashboard.briefing import briefing_pack, images
from dashboard.captions import EMBARGO_SOURCE, caption_lines, data_version_text
from embargo.classification import Classification
from embargo.i18n import _, format_date, using

CLEARANCE = Classification.STRICTLY_CONFIDENTIAL


def drawn_pack(warehouse, pack_format: str) -> tuple[bytes, list[tuple[list[str], bytes]], str]:
    """A French CAR pack, each image's caption texts as written into its figure with the PNG
    bytes, and the data version the pack read."""
    drawn: list[tuple[list[str], bytes]] = []
    original = images._png

    def recording(figure, caption=None):
        png = original(figure, caption)
        drawn.append((images.caption_texts(figure), png))
        return png

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EMBARGO_DB", str(warehouse))
        patch.setattr(images, "_png", recording)
        with using("fr"):
            pack = briefing_pack(
                CLEARANCE,
                queries.ProfileScope("CAF", 1950, 2100),
                pack_format,
                dt.date(2026, 11, 1),
            )
            version = data_version_text(queries.data_version(CLEARANCE))
    return pack, drawn, version


@pytest.fixture(scope="module")
def pdf_pack(demo_warehouse):
    return drawn_pack(demo_warehouse, "pdf")


def test_every_image_carries_its_title_and_caption(pdf_pack):
    _pack, drawn, version = pdf_pack
    titles = [texts[-1] for texts, _png in drawn]
    assert titles == [
        "Chronologie des embargos",
        "Livraisons enregistrées par année",
        "Lieux où du matériel a été documenté : République centrafricaine",
        "Articles documentés par catégorie et par pays de fabrication",
        "Articles documentés par année de fabrication",
    ]
    with using("fr"):
        today = format_date(dt.date.today())
        timeline_lines = caption_lines(_(EMBARGO_SOURCE), version)
        disclaimer = _(map_layers.UN_MAP_DISCLAIMER)
    timeline, _png = drawn[0]
    assert timeline == ["\n".join(timeline_lines), "Chronologie des embargos"]
    assert timeline_lines[-1] == f"Données : {version}. Graphique du {today}."
    for texts, _png in drawn:
        lines = texts[0]
        assert f"Données : {version}. Graphique du {today}." in " ".join(lines.split("\n"))
    map_lines = " ".join(drawn[2][0][0].split("\n"))
    assert map_lines.startswith("Sources : Documentation de saisies synthétique (démonstration)")
    assert map_lines.endswith(disclaimer)
    assert disclaimer == (
        "Les frontières et les noms indiqués et les désignations employées sur cette carte "
        "n’impliquent pas reconnaissance ou acceptation officielle de la part de l’Organisation "
        "des Nations Unies."
    )
    # only the map carries the disclaimer
    assert [disclaimer in " ".join(texts[0].split("\n")) for texts, _png in drawn] == [
        False,
        False,
        True,
        False,
        False,
    ]


def test_the_pdf_embeds_the_captioned_images_without_repeating_their_titles(pdf_pack):
    pack, drawn, _version = pdf_pack
    captioned = sorted(PILImage.open(io.BytesIO(png)).size for _texts, png in drawn)
    reader = pypdf.PdfReader(io.BytesIO(pack))
    embedded = sorted(image.image.size for page in reader.pages for image in page.images)
    assert embedded == captioned
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    # the section heading stays; the image's own title is inside the image only
    assert "Historique des embargos" in text
    assert "Chronologie des embargos" not in text
    assert "Livraisons enregistrées par année" not in text


def test_the_slides_embed_the_captioned_images(demo_warehouse):
    pack, drawn, _version = drawn_pack(demo_warehouse, "pptx")
    deck = Presentation(io.BytesIO(pack))
    pictures = [shape for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13]
    assert [picture.image.blob for picture in pictures] == [png for _texts, png in drawn]
    assert [picture.name for picture in pictures] == [texts[-1] for texts, _png in drawn]


def test_a_captioned_image_is_taller_than_the_same_figure_without(demo_warehouse):
    import polars as pl

    by_year = pl.DataFrame({"manufacture_year": [1990, 2001, None], "item_lines": [3, 5, 2]})
    bare = images.manufacture_years(by_year, [2013])
    captioned = images.manufacture_years(
        by_year, [2013], caption=images.Caption("Title", ("line one", "line two"))
    )
    (bare_width, bare_height), (width, height) = (
        PILImage.open(io.BytesIO(png)).size for png in (bare, captioned)
    )
    assert height > bare_height + 40
    assert width >= bare_width
