"""Glossary: the terms the pages use (TIV, headstamp, fresh supply, the screening verdicts...)
explained in plain words, in the reader's language, with a filter."""

import streamlit as st

from embargo.i18n import N_, _, language
from embargo.i18n.labels import value_label

# Each term with its explanation; the verdicts take their names from the label catalogue.
TERMS = [
    (
        N_("Arms embargo"),
        N_(
            "A Security Council measure that obliges (or, for a voluntary call, asks) every State "
            "to prevent the supply of arms and related materiel to a target: a State, a territory, "
            "non-state actors in a territory, or listed individuals and entities."
        ),
    ),
    (
        N_("Voluntary call"),
        N_(
            "A resolution that calls on States to stop supplies without binding them: no "
            "sanctions committee monitors it. Drawn hatched on the timeline."
        ),
    ),
    (
        N_("In force (projected)"),
        N_(
            "An embargo whose latest renewal could not be verified in the reference table: it is "
            "shown as in force, projected from the last renewal found. Check the resolutions."
        ),
    ),
    (
        N_("Exemption procedure"),
        N_(
            "The route by which some supplies to an embargoed target are allowed: prior approval "
            "by the sanctions committee, prior notification to it, or an exemption under a stated "
            "condition."
        ),
    ),
    (
        N_("Listed parties"),
        N_(
            "Individuals and entities designated by a sanctions committee and named on the "
            "Security Council Consolidated List; an embargo on listed parties follows them "
            "wherever they are."
        ),
    ),
    (
        N_("Panel of experts"),
        N_(
            "The group appointed by the Security Council to monitor a sanctions regime; its "
            "reports, cited by document symbol and paragraph, are the source of the findings."
        ),
    ),
    (
        N_("TIV (trend-indicator value)"),
        N_(
            "SIPRI's measure of the military capability transferred, in millions: it compares "
            "volumes of transfers over time and between countries. It is not a price or a "
            "financial value."
        ),
    ),
    (
        N_("UN Register of Conventional Arms"),
        N_(
            "The reports States file each year to the United Nations on their exports and imports "
            "of seven categories of major conventional arms (and, optionally, small arms). A "
            "missing report is not a report of zero."
        ),
    ),
    (
        N_("ATT annual report"),
        N_(
            "The yearly report a State party to the Arms Trade Treaty files on its authorised or "
            "actual exports and imports."
        ),
    ),
    (
        N_("Mirror check"),
        N_(
            "The comparison of what an exporter and an importer reported for the same pair, year "
            "and category. Differences are leads, not findings."
        ),
    ),
    (
        N_("Screening"),
        N_(
            "Each registered delivery to an embargo target compared with the period in which the "
            "embargo applied to that kind of recipient. The verdicts below call for "
            "investigation, not conclusions."
        ),
    ),
    (
        "verdict:violation_indicator",
        N_(
            "The delivery year lies wholly inside the embargo and no exemption procedure could "
            "apply."
        ),
    ),
    (
        "verdict:exemption_check",
        N_(
            "The embargo applied, but an exemption procedure could have allowed the delivery: "
            "look for an approval or notification on file."
        ),
    ),
    (
        "verdict:partial_overlap",
        N_("The delivery year straddles the start, end or a change of the embargo."),
    ),
    (
        "verdict:outside_window",
        N_("The measure did not apply to that recipient in that year."),
    ),
    (
        N_("Headstamp"),
        N_(
            "The marks stamped on the base of a cartridge case: usually a factory code and the "
            "year of manufacture, which date ammunition lots."
        ),
    ),
    (
        N_("Item line"),
        N_(
            "One line of the field documentation: one weapon, or one lot of ammunition or "
            "explosives with its quantity."
        ),
    ),
    (
        N_("Fresh supply"),
        N_(
            "Of the weapons and ammunition lots documented in an embargoed territory whose year "
            "of manufacture is known, those made in a later year than the embargo's start: they "
            "cannot have been there before the embargo."
        ),
    ),
    (
        N_("Tracing request"),
        N_(
            "A request to the State of manufacture or the last known exporter to say who last "
            "legally held a weapon; the answer can establish the point of diversion."
        ),
    ),
    (
        N_("SDG indicator 16.4.2"),
        N_(
            "The proportion of seized, found or surrendered arms whose illicit origin or context "
            "has been traced or established."
        ),
    ),
    (
        N_("Emerging hotspot"),
        N_(
            "A grid cell whose recent seizure events are significantly more than its own past "
            "would lead to expect (one-sided Poisson test)."
        ),
    ),
    (
        N_("DDR"),
        N_(
            "Disarmament, demobilisation and reintegration: programmes in which combatants hand "
            "in weapons, a context of collection."
        ),
    ),
    (
        N_("SALW"),
        N_(
            "Small arms and light weapons: rifles, pistols, machine guns, grenade and rocket "
            "launchers, mortars under 100 mm, MANPADS and their ammunition."
        ),
    ),
    (
        N_("Classification"),
        N_(
            "How sensitive a record is: public, restricted, confidential or strictly "
            "confidential. Each person sees only the records at or below their clearance, and "
            "every pack is marked with the most sensitive data it includes."
        ),
    ),
    (
        N_("Synthetic demo data"),
        N_(
            "Invented records used to demonstrate the workstation. Always labelled; never to be "
            "cited."
        ),
    ),
]


def term_name(term: str) -> str:
    if term.startswith("verdict:"):
        return _("Verdict: {verdict}").format(
            verdict=value_label("verdict", term.removeprefix("verdict:"))
        )
    return _(term)


st.title(_("Glossary"))
st.markdown(_("The terms the pages use, in plain words."))
search = st.text_input(_("Find a term"), key="glossary_search").strip().casefold()
entries = [(term_name(term), _(text)) for term, text in TERMS]
if language() == "en":
    entries.sort(key=lambda entry: entry[0].casefold())
for name, text in entries:
    if search and search not in name.casefold() and search not in text.casefold():
        continue
    st.markdown(f"**{name}**  \n{text}")
st.caption(
    _(
        "Sources of the definitions: the Security Council's resolutions and the practice of its "
        "sanctions committees; SIPRI for the TIV; the International Tracing Instrument and the "
        "SDG metadata for tracing."
    )
)
