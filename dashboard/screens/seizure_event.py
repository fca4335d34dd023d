"""Seizure event: one event in full, the view a link to an event opens (`?event=...`): where and
when, how the materiel was taken and from whom, the document that reports it, every item line
(each serial a link to its sightings), and the panel findings that cite the event or its items."""

import streamlit as st

from dashboard import links, queries
from dashboard.choices import choice_key
from dashboard.common import SEIZURE_SOURCES, show_table, synthetic_banner, viewer_clearance
from embargo.i18n import _, country_name, format_date, format_number
from embargo.i18n.labels import value_label

clearance = viewer_clearance()

st.title(_("Seizure event"))
synthetic_banner(clearance)

choices = queries.seizure_event_choices(clearance)
if choices.is_empty():
    st.info(_("No seizure event is loaded (or none you are cleared to see)."))
    st.stop()
rows = {row["event_uid"]: row for row in choices.iter_rows(named=True)}


def event_choice_label(event_uid: str) -> str:
    row = rows[event_uid]
    place = ", ".join(
        part for part in (row["location_name"], country_name(row["country_iso3"])) if part
    )
    return f"{row['event_id']} · {format_date(row['event_date'])} · {place}"


# A link (?event=...) chooses the event; an event the viewer may not see, or that does not
# exist, is said so and not chosen.
asked = links.asked("event")
if asked is not None and asked not in rows:
    st.warning(_("No seizure event {event} that you are cleared to see.").format(event=asked))
links.follow_link("event", "seizure_event_choice")
if st.session_state.get("seizure_event_choice") not in rows:
    st.session_state.pop("seizure_event_choice", None)
event_uid = st.selectbox(
    _("Event"), list(rows), format_func=event_choice_label, key=choice_key("seizure_event_choice")
)
links.keep_in_address("event", event_uid)

found = queries.seizure_event(clearance, event_uid)
items = queries.seizure_event_items(clearance, event_uid)
if found.is_empty():
    # the event's own row is above the viewer's clearance; its visible lines are shown
    st.caption(_("The event's own record is above your clearance: its visible items follow."))
else:
    event = found.row(0, named=True)
    st.subheader(f"{event['event_id']} · {event['reporting_entity']}")
    facts = st.columns(4)
    place = ", ".join(
        part
        for part in (event["location_name"], event["admin1"], country_name(event["country_iso3"]))
        if part
    )
    date_label, place_label = _("Date"), _("Place")
    context_label, classification_label = _("Context"), _("Classification")
    facts[0].markdown(
        f"**{date_label}**  \n{format_date(event['event_date'])}  \n"
        f"{value_label('date_precision', event['date_precision'])}"
    )
    located = (
        f"{event['latitude']:.4f}, {event['longitude']:.4f}"
        if event["latitude"] is not None
        else _("no coordinates")
    )
    facts[1].markdown(f"**{place_label}**  \n{place or '—'}  \n{located}")
    facts[2].markdown(
        f"**{context_label}**  \n{value_label('context', event['context'])}  \n"
        f"{event['seized_from'] or '—'}"
    )
    facts[3].markdown(
        f"**{classification_label}**  \n{value_label('classification', event['classification'])}"
    )
    source = event["source_document"] or "—"
    if event["source_paragraph"]:
        source += f", {event['source_paragraph']}"
    st.markdown(_("**Reported in** {source}").format(source=source))
    st.caption(
        _("From {file}, row {row}.").format(file=event["file_name"], row=event["source_row_number"])
    )

st.subheader(_("Items ({count})").format(count=format_number(items.height)))
if items.is_empty():
    st.info(_("No item of this event that you are cleared to see."))
else:
    show_table(
        links.with_links(
            items.drop("item_line_uid"), {"serial_number": ("serial", "serial_number")}
        ),
        hide_index=True,
        keep=("serial_number",),
        column_config={
            "serial_number": links.link_column(
                _("Serial"), _("Every sighting of this serial and its trace history")
            )
        },
    )

st.subheader(_("Findings citing this event or its items"))
findings = queries.seizure_event_findings(clearance, event_uid)
if findings.is_empty():
    st.info(_("No panel finding you are cleared to see cites this event or its items."))
else:
    show_table(
        links.with_links(
            findings, {"document_symbol": ("finding", "finding_uid", "document_symbol")}
        ).drop("finding_uid"),
        hide_index=True,
        keep=("document_symbol",),
        column_config={
            "document_symbol": links.link_column(_("Document"), _("Open the finding")),
            "paragraph": _("Para."),
            "annex": _("Annex"),
            "document_date": st.column_config.DateColumn(_("Date")),
            "finding_type": _("Type"),
            "confidence": _("Confidence"),
            "summary": st.column_config.TextColumn(_("Finding"), width="large"),
            "cited_as": _("Cited as"),
        },
    )
st.caption(_(SEIZURE_SOURCES))
