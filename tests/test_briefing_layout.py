"""The briefing pack's layout, read back from the rendered PDF: no near-empty page (a section
starts a new page only when little room is left), the chart of imports as wide as the page, and
the tables of a French pack naming countries in French."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pypdf
import pypdfium2
import pytest

from dashboard import queries
from dashboard.briefing import briefing_pack
from embargo.classification import Classification
from embargo.i18n import using

# A page is near-empty when nothing is drawn below this share of its height (the running header
# and footer aside).
LEAST_FILLED = 0.5


def filled_share(page: pypdfium2.PdfPage) -> float:
    """How far down the page something is drawn, as a share of its height, between the running
    header (top 5%) and the footer (bottom 10%)."""
    grey = np.asarray(page.render(scale=0.5).to_pil().convert("L"))
    height = grey.shape[0]
    top = int(height * 0.05)
    rows = np.where((grey[top : int(height * 0.9)] < 200).any(axis=1))[0]
    return (rows.max() + top) / height if len(rows) else 0.0


@pytest.fixture(scope="module")
def car_pack_fr(demo_warehouse) -> bytes:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EMBARGO_DB", str(demo_warehouse))
        with using("fr"):
            return briefing_pack(
                Classification.STRICTLY_CONFIDENTIAL,
                queries.ProfileScope("CAF", 1950, 2100),
                "pdf",
                dt.date(2026, 11, 1),
            )


def test_no_page_between_the_title_and_the_sources_is_near_empty(car_pack_fr):
    document = pypdfium2.PdfDocument(car_pack_fr)
    shares = [filled_share(document[index]) for index in range(len(document))]
    # The title page and the last page of sources may end early; every other page is filled.
    near_empty = [
        (number, round(share, 2))
        for number, share in enumerate(shares[1:-1], start=2)
        if share < LEAST_FILLED
    ]
    assert near_empty == []


def test_a_french_pack_names_a_state_target_in_french(car_pack_fr):
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in pypdf.PdfReader(io.BytesIO(car_pack_fr)).pages
    )
    assert "République centrafricaine 2013 République centrafricaine S/RES/2127" in text
    assert "Central African Republic S/RES/2127" not in text
