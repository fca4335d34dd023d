"""The vocabularies of the input formats (seizure contexts, units, item kinds, trace statuses, ...),
read from data/reference/vocabularies.csv, one line per value: adding a value is one line there.
The format parsers, the warehouse table `vocabularies` (and so the SQL checks), the demo
generator, docs/formats.md and the tests all read them from here.

A value is written as the parsers store it: lower case, underscores for spaces (what
values.vocabulary_key makes of a typed word). The file's order is the order messages and the
docs list the values in. The classification levels come from embargo.classification, the one
definition of their order."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from embargo.classification import Classification
from embargo.config import REFERENCE_DIR
from ingest.kit.values import vocabulary_key

VOCABULARIES_FILE = REFERENCE_DIR / "vocabularies.csv"
FILE_COLUMNS = ("vocabulary", "value", "label_en", "description")
CLASSIFICATION = "classification"
CLASSIFICATION_DESCRIPTIONS = {
    Classification.PUBLIC: "Least sensitive: shown to every viewer.",
    Classification.RESTRICTED: "Internal; the level of a record that states none.",
    Classification.CONFIDENTIAL: "Shown only to viewers cleared for confidential or above.",
    Classification.STRICTLY_CONFIDENTIAL: "Most sensitive: shown only to viewers cleared for it.",
}


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary."""

    vocabulary: str
    value: str
    label_en: str
    description: str
    position: int  # 1 for the first value of its vocabulary


@functools.cache
def terms() -> tuple[Term, ...]:
    """Every value of every vocabulary: the file's, then the classification levels. ValueError
    naming the line when the file is malformed (a value not in its stored spelling, or twice)."""
    found: list[Term] = []
    seen: set[tuple[str, str]] = set()
    with VOCABULARIES_FILE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != FILE_COLUMNS:
            raise ValueError(
                f"{VOCABULARIES_FILE.name}: the header must be {','.join(FILE_COLUMNS)}"
            )
        for record in reader:
            line = reader.line_num
            name, value = record["vocabulary"], record["value"]
            if not name or value != vocabulary_key(value) or not value:
                raise ValueError(
                    f"{VOCABULARIES_FILE.name} line {line}: value '{value}' of '{name}' must be "
                    "written in lower case with underscores for spaces"
                )
            if (name, value) in seen:
                raise ValueError(f"{VOCABULARIES_FILE.name} line {line}: {name} {value} twice")
            seen.add((name, value))
            position = sum(1 for term in found if term.vocabulary == name) + 1
            found.append(Term(name, value, record["label_en"], record["description"], position))
    for level in Classification:
        found.append(
            Term(
                CLASSIFICATION,
                level.label,
                level.label.replace("_", " ").capitalize(),
                CLASSIFICATION_DESCRIPTIONS[level],
                int(level) + 1,
            )
        )
    return tuple(found)


def values(vocabulary: str) -> tuple[str, ...]:
    """The values of one vocabulary, in order; KeyError when there is no such vocabulary."""
    found = tuple(term.value for term in terms() if term.vocabulary == vocabulary)
    if not found:
        raise KeyError(f"no vocabulary '{vocabulary}' in {VOCABULARIES_FILE.name}")
    return found


def names() -> tuple[str, ...]:
    """Every vocabulary's name, in the order of first appearance."""
    return tuple(dict.fromkeys(term.vocabulary for term in terms()))
