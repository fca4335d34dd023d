"""Matching keys and scores for names across sources (embargo/name_matching.py), with exact
values: SIPRI's marks and brackets, accents, fillers and plurals go; a word present in one name
only lowers the score."""

from __future__ import annotations

import pytest

from embargo.name_matching import matching_key, name_score, sipri_parts


@pytest.mark.parametrize(
    ("name", "parts", "key"),
    [
        ("LRA (Uganda)*", ("LRA", "Uganda"), "lra"),
        ("Houthi rebels (Yemen)*", ("Houthi rebels", "Yemen"), "houthi"),
        ("THE HOUTHIS", ("THE HOUTHIS", None), "houthi"),
        ("PIJ (Israel/Palestine)*", ("PIJ", "Israel/Palestine"), "pij"),
        ("African Union**", ("African Union", None), "african union"),
        ("Syria rebels*", ("Syria rebels", None), "syria"),
        ("LORD’S RESISTANCE ARMY", ("LORD’S RESISTANCE ARMY", None), "lord s resistance army"),
        ("Forces Démocratiques Alliées", ("Forces Démocratiques Alliées", None),
         "force democratique alliee"),
        ("ADF/NALU", ("ADF/NALU", None), "adf nalu"),
    ],
)  # fmt: skip
def test_matching_keys(name: str, parts: tuple, key: str) -> None:
    assert sipri_parts(name) == parts
    assert matching_key(name) == key


def test_scores() -> None:
    assert name_score(matching_key("Houthi rebels (Yemen)*"), matching_key("THE HOUTHIS")) == 100
    assert name_score(matching_key("LRA (Uganda)*"), matching_key("LRA")) == 100
    # a name inside a longer one is not the same party
    assert (
        round(name_score(matching_key("France"), matching_key("SALLY-ANNE FRANCES JONES")), 1)
        == 42.9
    )
    assert round(name_score(matching_key("Amal (Lebanon)*"), matching_key("Hambali")), 1) == 72.7
    assert name_score("", "lra") == 0.0
