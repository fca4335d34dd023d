"""The demo generators' catalogues as data (data/demo/*.csv): where events happen and who documents
them (territories.csv, documenting_entities.csv), what is found (weapons.csv, cartridges.csv) and
in which mix (armouries.csv, armoury_calibres.csv), how often each vocabulary value is drawn
(value_weights.csv: every value must be one of its vocabulary, data/reference/vocabularies.csv)
and how many item lines an event has (context_lines.csv). Lines are read in file order, which the
seeded draws depend on; a number is read as an int when it has no decimal point, as written."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from embargo.config import DATA_DIR
from ingest.kit import vocabularies

DEMO_DATA_DIR = DATA_DIR / "demo"


def as_number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


def date_or_none(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def read_lines(name: str, folder: Path = DEMO_DATA_DIR) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def mixes(name: str, group: str, key: str, weight: str) -> dict[str, dict[str, int | float]]:
    """A file of (group, key, weight) lines as {group: {key: weight}}, both in file order."""
    found: dict[str, dict[str, int | float]] = {}
    for line in read_lines(name):
        found.setdefault(line[group], {})[line[key]] = as_number(line[weight])
    return found


def value_weights(vocabulary: str) -> dict[str, dict[str, int | float]]:
    """data/demo/value_weights.csv for one vocabulary: {given: {value: weight}}, in file order
    (given: the condition, e.g. 'context cache'; empty for the overall mix). ValueError for a
    value that is not in the vocabulary."""
    allowed = vocabularies.values(vocabulary)
    found: dict[str, dict[str, int | float]] = {}
    for line in read_lines("value_weights.csv"):
        if line["vocabulary"] != vocabulary:
            continue
        if line["value"] not in allowed:
            raise ValueError(
                f"value_weights.csv: {line['value']} is not a value of the vocabulary {vocabulary}"
            )
        found.setdefault(line["given"], {})[line["value"]] = as_number(line["weight"])
    return found


def weighted_values(vocabulary: str) -> tuple[tuple[str, ...], tuple[int | float, ...]]:
    """The overall mix of a vocabulary: (values, weights), in file order."""
    mix = value_weights(vocabulary)[""]
    return tuple(mix), tuple(mix.values())
