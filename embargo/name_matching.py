"""Keys and scores for telling whether two names of parties, from different sources, may name the
same actor: a transfer register's `Houthi rebels (Yemen)*` and the sanctions list's `THE
HOUTHIS`, a panel's `Lord's Resistance Army` and the list's `LORD’S RESISTANCE ARMY`.

The key removes what differs between sources without naming anyone else: SIPRI's marks (`*`,
`**`) and bracketed country, accents (compatibility decomposition), letter case, punctuation and
spacing, the article `the` and the words `rebel(s)` and `group(s)` that registers add to a
group's name, and a plural `s` at the end of a word. Scores are rapidfuzz's token-sort ratio of
two keys (0-100): word order does not count, a word present in one name only does (the
token-set ratio, which ignores such words, matched `France` with `SALLY-ANNE FRANCES JONES`);
the figures that chose it are in bench/README.md (bench_name_matching.py)."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

SIPRI_MARKS = re.compile(r"\s*\*+\s*$")
SIPRI_BRACKET = re.compile(r"^(?P<name>.*?)\s*\((?P<place>[^()]*)\)\s*$")
# Words registers add to a group's own name; they identify nobody.
FILLER_WORDS = frozenset({"the", "rebel", "rebels", "group", "groups"})


def sipri_parts(name: str) -> tuple[str, str | None]:
    """(name, bracketed place or None) of a SIPRI actor name: `LRA (Uganda)*` -> (LRA, Uganda)."""
    bare = SIPRI_MARKS.sub("", name.strip())
    bracket = SIPRI_BRACKET.match(bare)
    if bracket is None:
        return bare, None
    return bracket["name"], bracket["place"].strip() or None


def matching_key(name: str) -> str:
    """The comparable form of a name (see the module's docstring)."""
    core, _ = sipri_parts(name)
    decomposed = unicodedata.normalize("NFKD", core)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = re.sub(r"[^\w]+", " ", plain.casefold()).split()
    kept = [_singular(word) for word in words if word not in FILLER_WORDS]
    return " ".join(kept)


def _singular(word: str) -> str:
    # Only longer words: 'LRA', 'ADF', 'SPLA' and other acronyms keep their letters.
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def name_score(key_a: str, key_b: str) -> float:
    """Likeness of two matching keys, 0-100."""
    if not key_a or not key_b:
        return 0.0
    return fuzz.token_sort_ratio(key_a, key_b)
