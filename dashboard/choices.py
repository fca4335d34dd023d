"""Choice controls (radio, select box, multiselect, select slider) that keep their choice when the
reader switches language.

Every such control holds internal values (codes, vocabulary values, ISO3 codes) as its options and
shows them through a translated `format_func`, under a key, so the page, its address and the
audit trail see the same values in both languages. Streamlit keeps a keyed control's value across
the switch, but the browser holds the choice by its words: after a switch the words it holds are
no longer among the options, so it keeps showing the other language's words and sends them back on
the next rerun, where they match no option and the control falls back to its default (or, in a
multiselect, to a value no query knows). Giving the value again after a switch makes Streamlit send
it to the browser anew, in the new words. Segmented controls and pills do this themselves.

A keyed tab bar holds the open tab by its words (tabs take no `format_func`):
`tabs_in_language` gives it the same tab's words in the new language.

    measure = st.radio(_("Count"), MEASURES, format_func=..., key=choice_key("trends_measure"))
"""

from __future__ import annotations

import streamlit as st

from embargo.i18n import language

# The language each keyed choice control was last drawn in, by key (not a widget: the audit
# trail's page filters leave it out).
SHOWN_IN = "choices_shown_in"
# The open tab of each keyed tab bar, by key, as its internal name.
OPEN_TABS = "choices_open_tabs"


def choice_key(key: str) -> str:
    """The control's key, after giving the control its value again when it was last drawn in
    another language. Call it where the control is drawn, before Streamlit draws it."""
    shown_in = st.session_state.setdefault(SHOWN_IN, {})
    if shown_in.get(key) not in (None, language()) and key in st.session_state:
        st.session_state[key] = st.session_state[key]
    shown_in[key] = language()
    return key


def tabs_in_language(key: str, tabs: dict[str, str]) -> list[str]:
    """The labels of a keyed tab bar (`tabs`: internal name -> label in the reader's language),
    after giving it, when the language changed, the open tab's label in the new language. Call
    `open_tab` after drawing the bar to remember which tab is open."""
    opened = st.session_state.setdefault(OPEN_TABS, {})
    stored = st.session_state.get(key)
    if stored is not None and stored not in tabs.values() and opened.get(key) in tabs:
        st.session_state[key] = tabs[opened[key]]
    return list(tabs.values())


def open_tab(key: str, tabs: dict[str, str]) -> str | None:
    """The internal name of the tab open in the keyed tab bar, remembered for a language switch."""
    by_label = {label: name for name, label in tabs.items()}
    name = by_label.get(st.session_state.get(key))
    if name is not None:
        st.session_state.setdefault(OPEN_TABS, {})[key] = name
    return name
