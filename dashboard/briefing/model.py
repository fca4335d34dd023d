"""The parts of a briefing pack, as dashboard.briefing.content assembles them and
dashboard.briefing.pdf and dashboard.briefing.slides lay them out: key figures, sections of
tables and images, numbered citations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from embargo.classification import Classification
from embargo.i18n import format_number
from embargo.i18n.labels import value_label

PRODUCT = "Embargo Monitor"


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    citations: tuple[int, ...]


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[str]
    rows: list[list[str]]
    citations: tuple[int, ...]
    note: str = ""


@dataclass(frozen=True)
class Image:
    title: str
    png: bytes
    citations: tuple[int, ...]
    note: str = ""


@dataclass
class Section:
    heading: str
    text: str
    items: list[Table | Image] = field(default_factory=list)


@dataclass
class Briefing:
    title: str
    scope: str
    data_as_of: str
    # The state of the warehouse read (catalog snapshot or warehouse file): the pack can be
    # reproduced from it (`embargo export briefing --as-of SNAPSHOT`).
    data_version: str
    produced_at: dt.datetime
    marking: Classification
    synthetic_note: str | None
    key_figures: list[KeyFigure]
    sections: list[Section]
    citations: list[str]

    @property
    def marking_text(self) -> str:
        return value_label("classification", self.marking.label).upper()


class Citations:
    """Numbered citations, each text numbered once, in order of first use."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def add(self, text: str) -> int:
        if text not in self.texts:
            self.texts.append(text)
        return self.texts.index(text) + 1

    def add_all(self, texts: list[str]) -> tuple[int, ...]:
        return tuple(self.add(text) for text in texts)


def cell_text(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return format_number(value, 0 if value.is_integer() else 2)
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value)
    return str(value)
