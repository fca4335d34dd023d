"""Briefing packs: one country's embargo history, registered imports, seized materiel and
tracing, with charts, maps, tables and numbered citations, as a PDF or as slides.

The `embargo export briefing` command and the Country profile page both call `briefing_pack` with
the viewer's clearance (the command runs as the local operator); the data comes from the query
layer only, which filters by that clearance before aggregating."""

from __future__ import annotations

import datetime as dt

from dashboard import queries
from dashboard.briefing import content
from embargo.classification import Classification
from embargo.progress import ProgressCallback, no_progress

FORMATS = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def briefing_pack(
    clearance: Classification,
    scope: queries.ProfileScope,
    pack_format: str,
    today: dt.date | None = None,
    progress: ProgressCallback = no_progress,
) -> bytes:
    """The briefing pack on `scope` as `pack_format` (pdf or pptx) bytes; `progress` hears of
    its two steps (figures, charts and maps; the document)."""
    if pack_format not in FORMATS:
        raise ValueError(f"briefing packs are pdf or pptx, not {pack_format!r}")
    progress(0, 2, "reading the figures, drawing the charts and maps")
    briefing = content.assemble(clearance, scope, today)
    progress(1, 2, f"writing the {'PDF' if pack_format == 'pdf' else 'slides'}")
    if pack_format == "pdf":
        from dashboard.briefing import pdf

        return pdf.render(briefing)
    from dashboard.briefing import slides

    return slides.render(briefing)


def file_name(scope: queries.ProfileScope, pack_format: str, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    return f"briefing-{scope.country_iso3}-{today:%Y%m%d}.{pack_format}"
