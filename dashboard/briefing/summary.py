"""The two sections that open a briefing pack, bottom line up front: the summary (the status
of each embargo in force with its caveat, the deliveries and violation indicators, what is new)
and the screening verdicts of the deliveries touching the country's embargoes."""

from __future__ import annotations

import polars as pl

from dashboard import profile, queries
from dashboard.briefing.model import Section, Table
from dashboard.briefing.model import cell_text as _text
from embargo.classification import Classification
from embargo.i18n import _, format_date, format_number
from embargo.i18n.labels import embargo_labels, reference_value, value_label

# "What is new" in the summary: the changes of this many months before the pack's date.
NEW_MONTHS = 6


def summary_section(
    clearance: Classification, data: profile.ProfileData, cites: dict[str, tuple[int, ...]]
) -> Section:
    """The bottom line up front: the status of each embargo in force with its caveat, the key
    figures that matter most, and what is new (changes of the last months)."""
    from embargo.commands.embargoes import months_before

    labels = embargo_labels(data.embargoes) if not data.embargoes.is_empty() else {}
    lines = []
    for row in data.in_force_status:
        line = f"• {labels.get(row['embargo_id'], row['embargo_id'])}: {row['status']}"
        lines.append(line + (f". {row['caveat']}" if row["caveat"] else "."))
    if not data.in_force_status:
        lines.append(
            "• "
            + _("No UN arms embargo on the country is in force on {date}.").format(
                date=format_date(data.today, "medium")
            )
        )
    ids = data.embargoes["embargo_id"].to_list() if not data.embargoes.is_empty() else []
    screened = _screening_summary(clearance, data, ids)
    flagged = (
        int(screened.filter(pl.col("verdict") == "violation_indicator")["deliveries"].sum())
        if not screened.is_empty()
        else 0
    )
    lines.append(
        "• "
        + _(
            "{count} registered deliveries to the country (each counted once); {flagged} "
            "screened as violation indicators."
        ).format(count=format_number(data.deliveries), flagged=format_number(flagged))
    )
    since = months_before(data.today, NEW_MONTHS)
    recent = queries.embargo_changes_since(clearance, since)
    recent = recent.filter(pl.col("embargo_id").is_in(ids))
    if recent.is_empty():
        lines.append(
            "• "
            + _("Nothing new: no recorded change of these embargoes since {date}.").format(
                date=format_date(since, "medium")
            )
        )
    for row in recent.iter_rows(named=True):
        lines.append(
            "• "
            + _("New since {date}: {change_date} {resolution} — {change}").format(
                date=format_date(since, "medium"),
                change_date=row["change_date"],
                resolution=row["resolution"] or "",
                change=reference_value(row, "change"),
            )
        )
    return Section(_("Summary"), "\n".join(lines))


def _screening_summary(
    clearance: Classification, data: profile.ProfileData, ids: list[str]
) -> pl.DataFrame:
    if not ids:
        return pl.DataFrame()
    return queries.screening_summary(
        clearance,
        queries.ScreeningFilters(
            embargo_ids=tuple(ids), year_from=data.scope.year_from, year_to=data.scope.year_to
        ),
    )


def screening_section(
    clearance: Classification, data: profile.ProfileData, cites: tuple[int, ...]
) -> Section:
    """Screening verdicts of the deliveries touching the country's embargoes, each delivery
    counted once however many registers report it."""
    section = Section(
        _("Screening verdicts"),
        _(
            "Registered deliveries screened against the windows of the country's embargoes, "
            "each counted once however many registers report it. Indicators call for "
            "investigation, not conclusions."
        ),
    )
    ids = data.embargoes["embargo_id"].to_list() if not data.embargoes.is_empty() else []
    summary = _screening_summary(clearance, data, ids)
    if summary.is_empty():
        section.text = _("No screened delivery touches the country's embargoes.")
        return section
    labels = embargo_labels(data.embargoes)
    section.items.append(
        Table(
            _("Deliveries by embargo, verdict and reason"),
            [_("Embargo"), _("Verdict"), _("Reason"), _("Deliveries"), _("Years")],
            [
                [
                    labels.get(row["embargo_id"], row["embargo_id"]),
                    value_label("verdict", row["verdict"]),
                    value_label("reason_kind", row["reason_kind"]),
                    _text(row["deliveries"]),
                    f"{row['first_year']}–{row['last_year']}",
                ]
                for row in summary.iter_rows(named=True)
            ],
            cites,
        )
    )
    return section
