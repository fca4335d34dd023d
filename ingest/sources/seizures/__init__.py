"""Field documentation of seized and recovered materiel, format `seizures` (docs/formats.md): one
row per item line, the event columns repeated on each line of the same event, as CSV (UTF-8, UTF-8
BOM, CRLF; Latin-1 when not UTF-8; comma, semicolon or tab) or XLSX (the sheet named `seizures`,
else the first; header in row 1).

Required columns: event_id, event_date, date_precision, country_iso3, context, reporting_entity,
item_kind, quantity, unit. The other documented columns are optional; columns outside the format are
kept with the row (`raw_seizures.extra_columns` for a rejected row, the kept file for the others).

extract (read, rename) -> validate (every problem of a row listed, with a reason a field officer
understands) -> load: `raw_seizures` gets every rejected row as delivered (and the accepted rows
of events stored before the load), `seizure_events` one row per event, `seizure_items` one row
per accepted item line (a "sighting"), `rejects` every problem. Decisions:
- The raw file store (each file kept whole, named by its SHA-256) is the raw layer: an accepted
  line is read as delivered from the kept file by its load and row number (`delivered`), not
  copied into `raw_seizures`, except a line of an event stored before the load, which may revise
  or restate a stored record without writing its own classification anywhere (kept so that the
  load's classification counts it).
- An event is identified by reporting_entity and event_id: event_uid = '<entity>:<event_id>'
  (surrounding and repeated spaces removed, case kept).
- Event columns (date, place, context, seized_from, actor_type, source document) must agree on
  every line of an event. An optional event column left empty on a line takes the event's value;
  a line giving a different value is rejected, naming the column and the earlier line (or the
  file and row already in the warehouse). Text compares case- and space-insensitively.
  A later file may add item lines to an event already in the warehouse at the event's
  classification or above. A load never changes a record of another classification: only a line
  of the event's own level fills an empty optional column of it; a more sensitive line adds its
  item and leaves the event as it is (its classification too), and views joining the two take
  the more sensitive level. A line of a lower classification than the stored event is rejected
  in the same words whatever it says (no value, file or row of the event), as is a line whose
  item collides with a more sensitive stored item: no reject quotes a record above the rejected
  line's own classification, and a load is classified at least as high as its lines, so no
  reader of a reject sees a value they are not cleared for.
- Versions (`versions`): a line with as_of later than the stored version's, or with a reason in
  correction (standing on the stored version's date when it gives no as_of), whose event columns
  differ from a stored event of its own classification gives the event a new version; an item
  line is known across files by its event and item_id, and such a line with other item values
  gives it a new version (the line keeps its item_line_uid). A line older than the stored
  version is refused as stale, naming both files and dates; the same date with other values and
  no correction is refused; lines of one item_id of an event, or lines giving a stored event
  versions, that disagree in one file are each refused. A line restating a stored item in a
  file that revises its event is accepted and adds nothing. The replaced version moves to
  seizure_event_earlier_versions or seizure_item_earlier_versions; pages read the current
  ones, "as known on" the views seizure_events_known and seizure_items_known.
- event_date: YYYY-MM-DD, YYYY-MM or YYYY as date_precision says; stored as the first day of the
  month or year. A full date on the 1st (YYYY-MM-01, or YYYY-01-01 for a year) is accepted for
  month (year) precision, because Excel turns a typed 2024-03 into the date 2024-03-01.
- Vocabulary values are accepted in any case, with spaces or hyphens for underscores
  ("Assault rifle" = assault_rifle), and stored in the vocabulary's spelling (docs/formats.md).
- Countries: an ISO3 code or a name in country_aliases, never a guess. Where materiel was found
  (country_iso3) must be a present-day country; country_of_manufacture may be a former one
  (SUN, DDR, YUG: much materiel in circulation was made there).
- serial_normalized is the serial in upper case without spaces, dashes, slashes or dots.
  A placeholder instead of a serial ('obliterated', 'none', 'n/a', ...) is rejected: it would make
  unrelated items look like one. A line with a serial is one physical item: quantity 1, unit items.
- item_uid identifies a physical item across reports: the first 16 hex digits of SHA-256 over
  serial_normalized | manufacturer | model (both normalised like the serial); NULL without serial.
  One item is recorded once per event.
- headstamp_factory, headstamp_year and lot_number are "for ammunition" (docs/formats.md): an
  ammunition line needs at least one of them, or its markings ('unmarked' when there are none);
  headstamps on any other item_kind are rejected. A two-digit headstamp year is rejected, never
  expanded.
- item_line_uid = '<event_uid>:<12 hex digits of SHA-256 over the item fields>' (item_kind,
  weapon_category, manufacturer, model, calibre, serial, markings, country and year of
  manufacture, headstamp, lot, quantity, unit; text case- and space-insensitive; not the
  classification, verification or notes, which are assessments of the item, not the item).
  Identical lines of one event in one file get -2, -3, ...; a line whose item_line_uid is already
  in the warehouse (a re-saved or re-exported file) is rejected naming the file and row it came
  from, so counts never double.
- classification defaults to restricted, verification to unverified; an event is as sensitive as
  the most sensitive of the lines that created it (in one file).

`load` does all this column-wise (polars, ingest.kit.columnar; DuckDB's sha256 for the identities)
and hands every line in doubt, and every event needing care, to the line-by-line code below, so
it writes the same rows and rejects as `load_line_by_line` at a small fraction of the cost.
Column-wise, a column's values are parsed and keyed once per distinct value (most columns repeat
a few), only lines whose item_line_uid repeats are numbered, and frames go to DuckDB as Arrow
batches of a row group, which its threads insert in parallel.

The format is six modules: `columns` (the columns, vocabularies and value parsers), `rules` (the
row rules), `versions` (new versions of stored events and items), `reference` (events and items
line by line: the reference load), `fast` (the column-wise load `load` uses) and `delivered`
(accepted rows read from the kept file). Reading, validating and keeping raw rows is the format
kit's (ingest.kit)."""

from ingest.sources.seizures.columns import (
    FORMAT,
    FORMAT_NAME,
    SOURCE_ID,
    TABLES_WRITTEN,
    VERSION_COLUMN_NAMES,
)
from ingest.sources.seizures.fast import load
from ingest.sources.seizures.reference import item_uid, load_line_by_line, normalize_serial

__all__ = [
    "FORMAT",
    "FORMAT_NAME",
    "SOURCE_ID",
    "TABLES_WRITTEN",
    "VERSION_COLUMN_NAMES",
    "detect",
    "item_uid",
    "load",
    "load_line_by_line",
    "normalize_serial",
]


def detect(path) -> bool:
    """True when the header (CSV first line, or row 1 of the sheet) has every required column."""
    return FORMAT.detect(path)
