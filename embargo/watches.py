"""Watchlists: what a user follows (a serial or serial pattern, a lot, an actor or listed party, a
country and item category, an embargo regime, a place and radius), and what is new or changed
about it since a moment.

Watches are kept with the accounts in the access store (`embargo.accounts.store`), like the
actor registry: a SQLite file beside a local warehouse, the `embargo_access` schema of a shared
catalog's PostgreSQL database; so they survive rebuilds and follow the user to every machine.
Saving and removing one is audited. Each user's last visit of the What's new page is kept
there too: the page shows what entered the warehouse since then.

What a watch finds is the warehouse macro `watch_news` (sql/macros/watch_news.sql), read with
the clearance of the reader at the time of reading: a watch saved when its owner was cleared
higher shows only what they may see now. The dashboard's What's new page and `embargo
watch-report` read the same macro and write the same digest."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from embargo.accounts import AccessStore, iso_timestamp, store, utc_now
from embargo.audit import append_row
from embargo.classification import Classification
from embargo.i18n import N_

# Kind -> what its subject is, for messages and the page's form.
KINDS = {
    "serial": N_("a serial number, or a pattern with * for any characters (AK*47)"),
    "lot": N_("a lot number"),
    "party": N_(
        "an actor or listed party: part of a name (listed parties, findings, conflict events, "
        "whom materiel was seized from, suppliers and recipients of transfers)"
    ),
    "country": N_("a country (ISO3 code), optionally with an item category"),
    "embargo": N_("an embargo regime (embargo_id)"),
    "place": N_("a place (latitude, longitude) and a radius in kilometres"),
}

SCHEMA = """
CREATE TABLE IF NOT EXISTS watches (
    watch_id TEXT PRIMARY KEY,
    user_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT,
    category TEXT,
    latitude REAL,
    longitude REAL,
    radius_km REAL,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS watch_visits (
    user_name TEXT PRIMARY KEY,
    last_visit TEXT NOT NULL
)
"""
_COLUMNS = (
    "watch_id, user_name, kind, subject, category, latitude, longitude, radius_km, label, "
    "created_at"
)
# What a serial pattern keeps: the characters serials are compared by (seizure_items
# .serial_normalized drops spaces, dashes, slashes and dots and upper-cases), and its wildcards.
_SERIAL_DROPPED = re.compile(r"[\s\-/.]+")


class WatchError(Exception):
    """A watch that cannot be saved or removed; the message says why, in English (str) or in
    the reader's language (`translated`)."""

    def __init__(self, message: str, **values: object):
        self.message = message
        self.values = values
        super().__init__(message.format(**values))

    def translated(self) -> str:
        """The message in the language of the reader (embargo.i18n), the kind of watch by its
        label and what it needs in the same language."""
        from embargo.i18n import _
        from embargo.i18n.labels import value_label

        values = dict(self.values)
        if "kind" in values:
            values["kind"] = value_label("watch_kind", values["kind"])
        if "what" in values:
            values["what"] = _(str(values["what"]))
        return _(self.message).format(**values)


@dataclass(frozen=True)
class Watch:
    watch_id: str
    user_name: str
    kind: str
    subject: str | None
    category: str | None
    latitude: float | None
    longitude: float | None
    radius_km: float | None
    label: str
    created_at: str

    def describe(self) -> str:
        if self.kind == "place":
            return f"within {self.radius_km:g} km of {self.latitude:g}, {self.longitude:g}"
        if self.kind == "country" and self.category:
            return f"country {self.subject}, {self.category}"
        return f"{self.kind} {self.subject}"

    def macro_arguments(self) -> list:
        """The watch as watch_news takes it (a serial pattern normalised, * and ? as wildcards)."""
        subject = self.subject
        if self.kind == "serial" and subject is not None:
            subject = serial_pattern(subject)
        return [self.kind, subject, self.category, self.latitude, self.longitude, self.radius_km]


@dataclass(frozen=True)
class Hit:
    """One record a watch matches, new or changed since the moment asked."""

    watch: Watch
    record_kind: str
    record_id: str
    change: str  # new or changed
    recorded_at: dt.datetime
    record_date: dt.date | None
    country_iso3: str | None
    summary: str
    classification: str


def serial_pattern(pattern: str) -> str:
    """A serial as seizure_items.serial_normalized holds it, with * (any characters) and ?
    (one character) as LIKE's wildcards."""
    normalized = _SERIAL_DROPPED.sub("", pattern).upper()
    escaped = normalized.replace("%", "").replace("_", "")
    return escaped.replace("*", "%").replace("?", "_")


def _ensure(con) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            con.execute(statement)


def _watch(row: Sequence) -> Watch:
    return Watch(*row)


def new_watch(
    user_name: str,
    kind: str,
    *,
    subject: str | None = None,
    category: str | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    radius_km: float | None = None,
    label: str | None = None,
) -> Watch:
    """A valid watch (not yet saved); WatchError says what is missing or wrong."""
    if kind not in KINDS:
        raise WatchError(
            N_("unknown kind of watch '{value}': expected one of {kinds}"),
            value=kind,
            kinds=", ".join(KINDS),
        )
    subject = (subject or "").strip() or None
    category = (category or "").strip() or None
    if kind == "place":
        if latitude is None or longitude is None or radius_km is None:
            raise WatchError(N_("a place watch needs a latitude, a longitude and a radius in km"))
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise WatchError(
                N_("{latitude}, {longitude} is not a place (latitude -90 to 90, longitude -180 "
                   "to 180)"),
                latitude=latitude, longitude=longitude,
            )  # fmt: skip
        if not radius_km > 0:
            raise WatchError(
                N_("radius {radius} km: a radius is more than 0 km"), radius=f"{radius_km:g}"
            )
        subject = None
    else:
        if subject is None:
            raise WatchError(N_("a {kind} watch needs {what}"), kind=kind, what=KINDS[kind])
        if kind == "serial" and not serial_pattern(subject).strip("%_"):
            raise WatchError(
                N_("serial pattern '{pattern}' matches every serial: give some of it"),
                pattern=subject,
            )
        if kind == "country":
            subject = subject.upper()
        latitude = longitude = radius_km = None
    if kind != "country":
        category = None
    watch = Watch(
        secrets.token_hex(4), user_name, kind, subject, category, latitude, longitude,
        radius_km, "", "",
    )  # fmt: skip
    return Watch(
        watch.watch_id, user_name, kind, subject, category, latitude, longitude, radius_km,
        (label or "").strip() or watch.describe(), "",
    )  # fmt: skip


def save_watch(
    watch: Watch, path: AccessStore | None = None, now: dt.datetime | None = None
) -> Watch:
    """Keep the watch with its user's account, audited."""
    stamp = iso_timestamp(now or utc_now())
    saved = Watch(*[*list(watch.__dict__.values())[:-1], stamp])
    with store(path) as con:
        _ensure(con)
        con.execute(
            f"INSERT INTO watches ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
            list(saved.__dict__.values()),
        )
        detail = {"watch_id": saved.watch_id, "kind": saved.kind, "watch": saved.describe()}
        append_row(con, saved.user_name, "watch_saved", saved.label, detail, stamp)
    return saved


def remove_watch(
    user_name: str, watch_id: str, path: AccessStore | None = None, now: dt.datetime | None = None
) -> Watch:
    """Remove one of the user's own watches."""
    stamp = iso_timestamp(now or utc_now())
    with store(path) as con:
        _ensure(con)
        row = con.execute(
            f"SELECT {_COLUMNS} FROM watches WHERE watch_id = ? AND user_name = ?",  # noqa: S608
            [watch_id, user_name],
        ).fetchone()
        if row is None:
            raise WatchError(N_("{user} has no watch {watch}"), user=user_name, watch=watch_id)
        con.execute("DELETE FROM watches WHERE watch_id = ?", [watch_id])
        watch = _watch(row)
        detail = {"watch_id": watch_id, "kind": watch.kind, "watch": watch.describe()}
        append_row(con, user_name, "watch_removed", watch.label, detail, stamp)
    return watch


def list_watches(user_name: str | None = None, path: AccessStore | None = None) -> list[Watch]:
    """The user's watches (every user's without one), oldest first. A local store that does not
    exist yet has none (and is not made)."""
    if isinstance(path, Path) and not path.exists():
        return []
    with store(path) as con:
        _ensure(con)
        # Column names come from this module, never from input.
        if user_name is None:
            rows = con.execute(
                f"SELECT {_COLUMNS} FROM watches ORDER BY user_name, created_at, watch_id"  # noqa: S608
            ).fetchall()
        else:
            rows = con.execute(
                f"SELECT {_COLUMNS} FROM watches WHERE user_name = ? "  # noqa: S608
                "ORDER BY created_at, watch_id",
                [user_name],
            ).fetchall()
    return [_watch(row) for row in rows]


def last_visit(user_name: str, path: AccessStore | None = None) -> dt.datetime | None:
    if isinstance(path, Path) and not path.exists():
        return None
    with store(path) as con:
        _ensure(con)
        row = con.execute(
            "SELECT last_visit FROM watch_visits WHERE user_name = ?", [user_name]
        ).fetchone()
    return dt.datetime.fromisoformat(row[0]).replace(tzinfo=None) if row else None


def record_visit(
    user_name: str, path: AccessStore | None = None, now: dt.datetime | None = None
) -> None:
    """The user has seen what is new up to now."""
    stamp = iso_timestamp(now or utc_now())
    with store(path) as con:
        _ensure(con)
        con.execute("DELETE FROM watch_visits WHERE user_name = ?", [user_name])
        con.execute("INSERT INTO watch_visits VALUES (?, ?)", [user_name, stamp])


# ---------------------------------------------------------------------------------------------
# What the watches find


WATCH_NEWS = "SELECT * FROM watch_news(?, ?, ?, ?, ?, ?, ?, ?)"


def news(
    cursor, watches: Sequence[Watch], clearance: Classification, since: dt.datetime
) -> list[Hit]:
    """What each watch matches that entered the warehouse at or after `since`, among what
    `clearance` may see (a DuckDB cursor on the warehouse, read-only)."""
    hits = []
    for watch in watches:
        rows = cursor.execute(
            WATCH_NEWS, [clearance.visible_levels(), since, *watch.macro_arguments()]
        ).fetchall()
        hits.extend(Hit(watch, *row) for row in rows)
    return hits


DIGEST_COLUMNS = (
    "user", "watch", "record_kind", "record_id", "change", "recorded_at", "record_date",
    "country_iso3", "summary", "classification",
)  # fmt: skip


def digest_rows(hits: Sequence[Hit]) -> list[dict]:
    return [
        {
            "user": hit.watch.user_name,
            "watch": hit.watch.label,
            "record_kind": hit.record_kind,
            "record_id": hit.record_id,
            "change": hit.change,
            "recorded_at": hit.recorded_at.strftime("%Y-%m-%d %H:%M"),
            "record_date": hit.record_date.isoformat() if hit.record_date else "",
            "country_iso3": hit.country_iso3 or "",
            "summary": hit.summary,
            "classification": hit.classification,
        }
        for hit in hits
    ]


def spreadsheet_safe_digest_csv(hits: Sequence[Hit]) -> str:
    from embargo.spreadsheet import neutralized

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=DIGEST_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in digest_rows(hits):
        writer.writerow({name: neutralized(value) for name, value in row.items()})
    return out.getvalue()


def digest_markdown(
    sections: Sequence[tuple[str, Classification, Sequence[Watch], Sequence[Hit]]],
    since: dt.datetime,
) -> str:
    """One section per user: each watch with what is new or changed about it."""
    lines = [f"# What's new since {since:%Y-%m-%d %H:%M} UTC", ""]
    for user, clearance, watches, hits in sections:
        lines += [f"## {user} (cleared {clearance.label})", ""]
        if not watches:
            lines += ["No watches.", ""]
        for watch in watches:
            found = [hit for hit in hits if hit.watch.watch_id == watch.watch_id]
            lines += [f"### {_cell(watch.label)}: {len(found)} new or changed", ""]
            if found:
                lines += [
                    "| recorded | change | record | id | date | country | what | classification |",
                    "|---|---|---|---|---|---|---|---|",
                ]
                lines += [
                    f"| {row['recorded_at']} | {row['change']} | {row['record_kind']} | "
                    f"{_cell(row['record_id'])} | {row['record_date']} | {row['country_iso3']} | "
                    f"{_cell(row['summary'])} | {row['classification']} |"
                    for row in digest_rows(found)
                ]
                lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
