"""The synthetic tracing requests and exemption notifications of the seizure set (demo.seizures):
requests for a share of the serial-numbered weapons, with response rates and delays like the
published ones, some confirming a delivery of the synthetic transfer register; notifications
matching synthetic deliveries to regimes with a notification or approval route; and the later
traces file answering part of the requests still pending."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from demo import transfers as demo_transfers
from demo.seizure_catalogue import (
    AS_OF,
    DIVERSION_POINTS,
    EXEMPTION_COLUMNS,
    LAST_LEGAL_RECIPIENTS,
    NOTE,
    OTHER_NOTIFICATIONS,
    REGISTER_NOTIFICATIONS,
    REGISTER_RECIPIENTS,
    REGISTER_SUPPLIERS,
    SUCCESSOR,
    TERRITORIES,
    TRACE_COLUMNS,
    TRACE_STATUS_WEIGHTS,
    TRACE_STATUSES,
)
from demo.seizure_generator import dates_of, day_number, text_series, weighted_pick, years_of
from ingest.sources import traces as trace_format


def trace_requests(rng, events, lines, deals: dict) -> pl.DataFrame:
    weapon = (lines["item_kind"] == "weapon") & (lines["serial_number"] != "")
    original = lines["copy_of"] < 0
    event = lines["event"]
    kind = events["entity_kind"][event]
    share = np.where(np.isin(kind, ("panel", "jmac")), 0.30, 0.10)
    linked = lines["transfer_ref"] != ""
    chosen = np.flatnonzero(weapon & original & ((rng.random(len(event)) < share) | linked))
    n = len(chosen)
    e = event[chosen]
    as_of = day_number(AS_OF)
    sent = events["day"][e] + rng.integers(14, 240, n)
    keep = sent < as_of
    chosen, e, sent = chosen[keep], e[keep], sent[keep]
    n = len(chosen)

    country = lines["country_of_manufacture"][chosen]
    state = np.array([SUCCESSOR.get(c, c) for c in country], dtype=object)
    to_maker = rng.random(n) < 0.3
    addressed = np.where(to_maker, lines["manufacturer"][chosen], state)
    ref = lines["transfer_ref"][chosen]
    is_link = ref != ""
    for i in np.flatnonzero(is_link):
        addressed[i] = REGISTER_SUPPLIERS.get(deals[ref[i]].supplier, addressed[i])

    status = np.array(TRACE_STATUSES, dtype=object)[weighted_pick(rng, TRACE_STATUS_WEIGHTS, n)]
    # Delays: median about four and a half months, long tail past two years.
    delay = np.round(np.exp(np.log(135) + rng.normal(0, 0.75, n))).astype(np.int64)
    response = sent + delay
    answered = np.isin(status, ("responded", "partial", "declined"))
    late = answered & (response >= as_of)
    status[late] = "pending"
    status[(status == "no_response") & (sent > as_of - 365)] = "pending"
    recipient_state = np.array(
        [REGISTER_RECIPIENTS.get(deals[r].recipient, "") if r else "" for r in ref],
        dtype=object,
    )
    non_state = np.array(
        [deals[r].recipient.endswith("*") if r else False for r in ref], dtype=bool
    )
    status[is_link & ~non_state] = "responded"
    status[is_link & non_state] = "declined"
    response[is_link] = np.minimum(sent[is_link] + 120, as_of - 1)
    has_response = np.isin(status, ("responded", "partial", "declined"))

    territory = events["territory"][e]
    recipient = np.full(n, "", dtype=object)
    for t, spec in enumerate(TERRITORIES):
        mask = territory == t
        options = LAST_LEGAL_RECIPIENTS[spec.iso3]
        codes = np.array([code for code, _ in options], dtype=object)
        recipient[mask] = codes[weighted_pick(rng, [w for _, w in options], int(mask.sum()))]
    recipient[is_link] = recipient_state[is_link]
    informative = np.isin(status, ("responded", "partial"))
    recipient[~informative] = ""
    recipient_entity = np.where(
        recipient != "",
        np.char.add(np.char.add("Ministry of Defence of ", recipient.astype(str)), " (synthetic)"),
        "",
    ).astype(object)
    haiti_market = informative & (recipient == "USA")
    recipient_entity[haiti_market] = "licensed civilian dealer (synthetic)"
    recipient_entity[(status == "partial") & (rng.random(n) < 0.5)] = ""

    event_year = years_of(events["day"][e])
    made = lines["year_of_manufacture"][chosen]
    base = np.where(made > 0, made, event_year - 12)
    transfer_year = np.minimum(base + rng.integers(0, 9, n), event_year - 1)
    transfer_year = np.maximum(transfer_year, base)
    for i in np.flatnonzero(is_link):
        transfer_year[i] = deals[ref[i]].deliveries[0][0]
    transfer_year[~informative] = 0
    diversion = np.array(DIVERSION_POINTS, dtype=object)[rng.integers(0, len(DIVERSION_POINTS), n)]
    diversion[haiti_market] = "sale on the civilian market, then smuggled"
    diversion[~informative | ((status == "partial") & (rng.random(n) < 0.5))] = ""
    diversion[is_link & ~non_state] = "after delivery to the government: loss from stockpile"
    notes = np.full(n, NOTE, dtype=object)
    notes[is_link & non_state] = (
        f"{NOTE}; panel matched the item to the register line, exporting State declined to confirm"
    )
    notes[is_link & ~non_state] = f"{NOTE}; exporting State confirmed the register line"
    requesting = events["entity_names"][events["entity"][e]]
    classification = np.where(is_link, "confidential", events["classification"][e]).astype(object)

    def text(values) -> pl.Series:
        return text_series(np.asarray(values, dtype=object))

    def date_or_null(days: np.ndarray, present: np.ndarray) -> pl.Series:
        text_dates = np.datetime_as_string(dates_of(days), unit="D").astype(object)
        text_dates[~present] = ""
        return text(text_dates)

    order = np.lexsort((chosen, sent))
    frame = pl.DataFrame(
        {
            "event_id": text(events["event_id"][e]),
            "serial_number": text(lines["serial_number"][chosen]),
            "requesting_entity": text(requesting),
            "addressed_to": text(addressed),
            "date_sent": date_or_null(sent, np.ones(n, dtype=bool)),
            "date_response": date_or_null(response, has_response),
            "status": text(status),
            "last_legal_recipient_iso3": text(recipient),
            "last_legal_recipient_entity": text(recipient_entity),
            "transfer_year": pl.Series(transfer_year).replace(0, None).cast(pl.Int32),
            "diversion_point": text(diversion),
            "transfer_ref": text(ref),
            "notes": text(notes),
            "classification": text(classification),
        }
    )[order]
    ids = pl.Series("trace_id", [f"SYN-TR-{i + 1:06d}" for i in range(len(frame))])
    return frame.insert_column(0, ids).select(TRACE_COLUMNS)


def exemption_notifications(deals: dict) -> pl.DataFrame:
    rows = []
    for deal_id, embargo_id, procedure, decision, submitted, days in REGISTER_NOTIFICATIONS:
        deal = deals[deal_id]
        # A notification covers the deliveries of its year, or of the next one when it comes
        # before them.
        years = [year for year, _ in deal.deliveries]
        year = submitted.year if submitted.year in years else submitted.year + 1
        number = sum(n for delivered, n in deal.deliveries if delivered == year)
        designation, description = deal.weapon[0], deal.weapon[1]
        rows.append(
            (embargo_id, deal.supplier, deal.recipient, submitted, procedure, decision, days,
             demo_transfers.UNROCA_CATEGORY.get(description, "other"), number,
             f"{designation} {description} (synthetic register line {deal_id})")
        )  # fmt: skip
    rows += list(OTHER_NOTIFICATIONS)
    rows.sort(key=lambda row: (row[3], row[1]))
    records = []
    per_year: dict[int, int] = {}
    for embargo_id, state, recipient, submitted, procedure, decision, days, category, quantity, (
        description
    ) in rows:
        per_year[submitted.year] = per_year.get(submitted.year, 0) + 1
        sequence = per_year[submitted.year]
        decided = submitted + dt.timedelta(days=days) if decision != "pending" else None
        records.append(
            {
                "notification_id": f"SYN-NTF-{submitted.year}-{sequence:03d}",
                "embargo_id": embargo_id,
                "submitting_state": state,
                "recipient": recipient,
                "date_submitted": submitted.isoformat(),
                "procedure": procedure,
                "decision": decision,
                "decision_date": decided.isoformat() if decided else None,
                "category": category,
                "quantity": quantity,
                "items_description": description,
                "reference": f"SYN-NTF/{embargo_id.split('-')[1].upper()}/{submitted.year}/"
                f"{sequence:03d}",
                "classification": "restricted",
            }
        )
    return pl.DataFrame(records, schema_overrides={"quantity": pl.Int64}).select(EXEMPTION_COLUMNS)


# The day the later synthetic traces file stands on: a month after the first (AS_OF).
LATER_AS_OF = dt.date(2026, 12, 1)
LATER_NOTE = f"{NOTE}; answer reported in the later file"


def later_traces(traces: pl.DataFrame) -> pl.DataFrame:
    """The later synthetic traces file: what became of the requests still pending on AS_OF, a
    month later, as a requesting entity's next file reports it. Of every five pending requests
    (in trace_id order) one is answered in full with the point of diversion, one in part, one
    with a negative answer, one acknowledged without an answer yet, and one is not in the file
    (still pending). Each answer is dated after AS_OF; the classification is the request's."""
    pending = traces.filter(pl.col("status") == "pending").sort("trace_id")
    first_day = AS_OF + dt.timedelta(days=1)
    rows = []
    for position, request in enumerate(pending.iter_rows(named=True)):
        step = position % 5
        if step == 4:
            continue
        answered_on = first_day + dt.timedelta(days=position % 28)
        row = {**request, "notes": LATER_NOTE}
        if step == 0:
            row |= {"status": "responded", "date_response": answered_on.isoformat(),
                    "diversion_point": "loss from stockpile (synthetic)"}  # fmt: skip
        elif step == 1:
            row |= {"status": "partial", "date_response": answered_on.isoformat()}
        elif step == 2:
            row |= {"status": "negative", "date_response": answered_on.isoformat()}
        else:
            row |= {"status": "acknowledged", "as_of": answered_on.isoformat()}
        rows.append(row)
    header = list(trace_format.FORMAT.header)
    return pl.DataFrame(
        [{name: row.get(name) for name in header} for row in rows],
        schema=dict.fromkeys(header, pl.String),
    )
