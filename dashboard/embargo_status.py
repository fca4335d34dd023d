"""What every output says about an embargo's status (view embargo_status): "in force" only where
the reference table verified it; "in force (projected)" where the latest renewal could not be
verified, and "in force (contested)" where the measures are disputed, each with its caveat, the
last resolution on record and when it runs out. Pages, maps, downloads and briefing packs all
word the status here."""

from __future__ import annotations

import polars as pl

from embargo.i18n import _, format_date
from embargo.i18n.labels import value_label

CAVEATED = ("in_force_projected", "in_force_contested")


def status_words(status_kind: str | None) -> str:
    """ "In force", "In force (projected)", "In force (contested)", "Lifted", "Expired"."""
    return value_label("status_kind", status_kind)


def last_resolution_words(row: dict) -> str:
    """The last resolution on record, its date and, where known, the date it runs to."""
    if not row.get("last_resolution"):
        return ""
    text = _("Last resolution on record: {resolution} ({date})").format(
        resolution=row["last_resolution"], date=row["last_resolution_date"]
    )
    runs_to = row.get("last_resolution_runs_to")
    if runs_to is not None:
        text += "; " + (
            _("runs to about {date}") if row.get("runs_to_estimated") else _("runs to {date}")
        ).format(date=format_date(runs_to))
    return text + "."


def caveat_only(row: dict) -> str:
    """Why the status is not verified; empty for a verified status."""
    kind = row.get("status_kind")
    if kind == "in_force_projected":
        return _(
            "Projected: the reference table could not verify a renewal after the last "
            "resolution found; in force is assumed, not confirmed."
        )
    if kind == "in_force_contested":
        return _("Contested: {note} (as the reference table records it, in English).").format(
            note=row.get("contested_note") or ""
        )
    return ""


def caveat(row: dict) -> str:
    """The caveat with the last resolution on record, in one sentence or two: what the profile
    and the packs say beside the status."""
    return " ".join(part for part in (caveat_only(row), last_resolution_words(row)) if part)


def short_resolution_words(row: dict) -> str:
    """The last resolution on record and when it runs out, for a table cell."""
    if not row.get("last_resolution"):
        return ""
    text = row["last_resolution"]
    if len(str(row["last_resolution_date"] or "")) > 4:  # a year alone is in the symbol already
        text += f" ({row['last_resolution_date']})"
    runs_to = row.get("last_resolution_runs_to")
    if runs_to is not None:
        text += ", " + (
            _("runs to about {date}") if row.get("runs_to_estimated") else _("runs to {date}")
        ).format(date=format_date(runs_to))
    return text


def with_status_words(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame (with the columns of embargo_status) with `status_words`, the last resolution
    on record (`last_resolution_words`) and the `caveat` of an unverified status, ready for a
    table or a download."""
    rows = list(frame.iter_rows(named=True))
    return frame.with_columns(
        pl.Series("status_words", [status_words(row["status_kind"]) for row in rows], pl.String),
        pl.Series(
            "last_resolution_words", [short_resolution_words(row) for row in rows], pl.String
        ),
        pl.Series("caveat", [caveat_only(row) for row in rows], pl.String),
    )
