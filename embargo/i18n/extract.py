"""Babel extraction of the label catalogue's English (`locales/column_labels.csv`,
`locales/vocabulary_labels.csv`): every label and help text becomes a message of the gettext
catalogue, so the French of a label is translated where every other message is. Named in
`locales/babel.cfg`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

LABEL_FIELDS = ("label", "help")


def extract_label_csv(
    fileobj, keywords, comment_tags, options
) -> Iterator[tuple[int, str, str, list[str]]]:
    text = io.TextIOWrapper(fileobj, encoding="utf-8", newline="")
    for line_number, row in enumerate(csv.DictReader(text), start=2):
        for field in LABEL_FIELDS:
            if row.get(field):
                yield line_number, "_", row[field], []
