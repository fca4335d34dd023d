"""The UN Security Council Consolidated List, format `un-sanctions-list` (docs/formats.md): the XML
list as the United Nations publishes it (root CONSOLIDATED_LIST with INDIVIDUALS/INDIVIDUAL and
ENTITIES/ENTITY; the regime of each party in UN_LIST_TYPE).

extract -> validate -> load: `sanctioned_parties` gets one row per listed individual or entity,
`sanctioned_party_names` one row per name (the listed name, the name in original script and each
alias with its quality), `rejects` every record that cannot be loaded. Decisions:
- The file is read by a parser that refuses any DOCTYPE, entity declaration or external
  reference (defusedxml, with DTDs forbidden): the published list has none, and an XML bomb
  ("billion laughs") or an external entity that reads local files must never be expanded. Such a
  file is refused whole, naming the file; nothing is written.
- A party is identified by its REFERENCE_NUMBER (e.g. CDi.001). The list is a snapshot: when a
  party is already in the warehouse, the record from the more recent list (dateGenerated) is
  kept and the older one counts as loaded but changes nothing (the same party, seen again).
  Loading the same list again changes nothing (load_log, by SHA-256).
- A row number is the XML line where the party's element starts.
- The name of an individual is FIRST_NAME to FOURTH_NAME joined by spaces, of an entity its
  FIRST_NAME; both as the list writes them (mostly upper case).
- embargo_id links the regime (UN_LIST_TYPE) to an arms embargo through the committed table
  data/reference/un_list_types.csv (table un_list_types); a regime without an arms embargo
  (Guinea-Bissau) links to none. A list of another date may name a regime that table no longer
  has (a terminated one: Liberia, Côte d'Ivoire): it is found in every regime since 1966
  (data/reference/un_sanctions_regime_periods.csv by the UN_LIST_TYPE it wrote then, else
  un_sanctions_regimes by the two letters of the party's reference number, LRi.001 -> LR), and
  the embargo is that of the regime's period on the party's listing date (or the list's date).
  A regime none of them knows is a reject naming the tables, never a guess.
- Versions: a party a more recent list gives with other values (CONTENT_COLUMNS) or other names
  (a new alias, another spelling) is a new version (version + 1); the version it replaces is
  kept in sanctioned_party_earlier_versions with its names, when and by which load. A party
  given as it was keeps its version, and the file, row and load that first gave that version
  (so "as known on" a day before the newer list still finds it); its list_date and
  last_updated_on are the newer list's.
- Delisting: the published list drops a delisted party. A party stored from an older list that
  a newer list of the same regime no longer names is marked delisted_on = the date of the first
  such list (never deleted); a list that names no party of a regime says nothing of that
  regime's parties (a list filtered to other regimes delists nobody). A party named again by a
  later list is listed again.
- nationality keeps every NATIONALITY value, joined by '; '; nationality_iso3 is the first value
  that names a present-day country (country_aliases); it stays empty when none does.
- last_updated_on is the latest LAST_DAY_UPDATED value. delisted_on is the DELISTED_ON a file
  gives, else set as above.
- The list is public: classification is public."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import xml.sax
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from defusedxml import DefusedXmlException
from defusedxml.sax import make_parser

from ingest.kit.loads import Loaded, insert_rows, load_time
from ingest.kit.places import Places
from ingest.kit.record_format import Layout
from ingest.kit.tables import FileRefused
from ingest.kit.validation import Reject

SOURCE_ID = "un_sanctions_list"
FORMAT_NAME = "un-sanctions-list"
TABLES_WRITTEN = (
    "sanctioned_parties",
    "sanctioned_party_names",
    "sanctioned_party_earlier_versions",
)
# What a party's record says: a more recent list that gives other values (or other names) makes
# a new version of the party, and the one it replaces is kept.
CONTENT_COLUMNS = (
    "party_type",
    "name",
    "name_original_script",
    "un_list_type",
    "embargo_id",
    "listed_on",
    "nationality",
    "title",
    "designation",
    "gender",
    "comments",
)
ROOT_ELEMENT = "CONSOLIDATED_LIST"
RECORD_ELEMENTS = {"INDIVIDUAL": "individual", "ENTITY": "entity"}
ALIAS_ELEMENTS = ("INDIVIDUAL_ALIAS", "ENTITY_ALIAS")
SNIFF_BYTES = 4096
NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")

LAYOUTS = (
    Layout(
        "XML elements",
        (ROOT_ELEMENT, *RECORD_ELEMENTS, *ALIAS_ELEMENTS, *NAME_PARTS),
        (ROOT_ELEMENT,),
    ),
)


def detect(path: Path) -> bool:
    """True when the document's root element is CONSOLIDATED_LIST (read from the first bytes,
    without parsing: a hostile file is refused by load, not by detection)."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES).decode("latin-1")
    return re.search(rf"<{ROOT_ELEMENT}[\s>/]", head) is not None


# ---------------------------------------------------------------------------------------------
# extract: the XML records as dictionaries of element paths -> texts


@dataclass
class ListRecord:
    """One INDIVIDUAL or ENTITY: its element texts by child path, and its aliases."""

    party_type: str
    line: int
    values: dict[str, list[str]] = field(default_factory=dict)
    aliases: list[dict[str, str]] = field(default_factory=list)

    def first(self, path: str) -> str | None:
        found = [value for value in self.values.get(path, []) if value]
        return found[0] if found else None

    def every(self, path: str) -> list[str]:
        return [value for value in self.values.get(path, []) if value]


class ListHandler(xml.sax.handler.ContentHandler):
    """Collects the party records of a CONSOLIDATED_LIST, with the line each one starts on."""

    def __init__(self) -> None:
        super().__init__()
        self.root: str | None = None
        self.generated: str | None = None
        self.records: list[ListRecord] = []
        self.record: ListRecord | None = None
        self.path: list[str] = []
        self.alias: dict[str, str] | None = None
        self.text: list[str] = []

    def startElement(self, name: str, attrs) -> None:
        if self.root is None:
            self.root = name
            self.generated = attrs.get("dateGenerated")
        if name in RECORD_ELEMENTS and self.record is None:
            self.record = ListRecord(RECORD_ELEMENTS[name], self._locator.getLineNumber())
            self.path = []
        elif self.record is not None:
            self.path.append(name)
            if name in ALIAS_ELEMENTS and len(self.path) == 1:
                self.alias = {}
        self.text = []

    def characters(self, content: str) -> None:
        self.text.append(content)

    def endElement(self, name: str) -> None:
        if self.record is None:
            return
        if name in RECORD_ELEMENTS and not self.path:
            self.records.append(self.record)
            self.record = None
            return
        value = clean("".join(self.text))
        if self.alias is not None and len(self.path) == 2:
            self.alias[name] = value
        elif self.alias is not None and len(self.path) == 1:
            if self.alias.get("ALIAS_NAME"):
                self.record.aliases.append(self.alias)
            self.alias = None
        else:
            key = "/".join(self.path)
            self.record.values.setdefault(key, []).append(value)
        self.path.pop()
        self.text = []


def clean(value: str) -> str:
    """Element text with surrounding and repeated white space removed: the list wraps long
    comments over lines and leaves trailing spaces in names and designations."""
    return " ".join(value.split())


def read_list(path: Path) -> ListHandler:
    """Parse the file with DTDs, entities and external references refused; FileRefused when the
    file is hostile, not XML, or not a consolidated list."""
    parser = make_parser()
    # defusedxml refuses entity declarations and external references by default; refusing any
    # DOCTYPE too means nothing in the file can make the parser fetch, read or expand anything.
    parser.forbid_dtd = True
    parser.forbid_entities = True
    parser.forbid_external = True
    handler = ListHandler()
    parser.setContentHandler(handler)
    try:
        parser.parse(str(path))
    except DefusedXmlException as error:
        raise FileRefused(
            f"{path.name}: refused, the XML declares a document type, entities or external "
            f"references ({type(error).__name__}); the published UN list has none, and such "
            "declarations can expand without limit or read other files. Nothing was loaded."
        ) from None
    except xml.sax.SAXParseException as error:
        raise FileRefused(
            f"{path.name}: not well-formed XML (line {error.getLineNumber()}: "
            f"{error.getMessage()}); nothing was loaded"
        ) from None
    if handler.root != ROOT_ELEMENT:
        raise FileRefused(
            f"{path.name}: the root element is {handler.root}, not {ROOT_ELEMENT}: not a UN "
            "Security Council Consolidated List"
        )
    if not handler.records:
        raise FileRefused(f"{path.name}: the list has no INDIVIDUAL or ENTITY records")
    return handler


# ---------------------------------------------------------------------------------------------
# validate and build rows


def list_date(generated: str | None) -> dt.date | None:
    """The list's dateGenerated ('2025-11-20T23:00:09.067Z') as a date."""
    if generated and re.match(r"\d{4}-\d{2}-\d{2}", generated):
        return dt.date.fromisoformat(generated[:10])
    return None


def script_of(name: str) -> str:
    """The writing system of a name, from its letters: latin, arabic, cyrillic, han, ..."""
    for char in name:
        if char.isalpha():
            words = unicodedata.name(char, "").split()
            if not words:
                return "other"
            first = words[0].lower()
            return {"cjk": "han"}.get(first, first)
    return "other"


class ListBatch:
    """Builds the rows of one list and tells each party apart from the ones already stored."""

    def __init__(self, con: duckdb.DuckDBPyConnection, file_name: str, load_id: str, generated):
        self.con = con
        self.file_name = file_name
        self.load_id = load_id
        self.list_date = list_date(generated)
        self.places = Places(con)
        self.embargo_of = dict(
            con.execute("SELECT un_list_type, embargo_id FROM un_list_types").fetchall()
        )
        # Every period of every regime since 1966: (regime, from, to, list type, embargo).
        self.periods = con.execute(
            "SELECT regime_id, valid_from, valid_to, un_list_type, embargo_id "
            "FROM un_sanctions_regime_periods ORDER BY regime_id, valid_from"
        ).fetchall()
        self.regime_of_prefix = dict(
            con.execute(
                "SELECT reference_prefix, regime_id FROM un_sanctions_regimes "
                "WHERE reference_prefix IS NOT NULL"
            ).fetchall()
        )
        self.regime_of_type = {
            normalized_list_type(list_type): regime
            for regime, _start, _end, list_type, _embargo in self.periods
            if list_type
        }
        self.list_types_seen: set[str] = set()
        # The dates of the lists already loaded, per regime: a party that only an older list
        # names, loaded after a newer one, was delisted by the first newer list.
        self.later_lists: dict[str, list[dt.date]] = {}
        for list_type, day in con.execute(
            "SELECT DISTINCT un_list_type, list_date FROM sanctioned_parties "
            "WHERE list_date IS NOT NULL ORDER BY ALL"
        ).fetchall():
            self.later_lists.setdefault(list_type, []).append(day)
        self.stored = {
            reference: (stored_date, file_name, row, version, load_id)
            for reference, stored_date, file_name, row, version, load_id in con.execute(
                "SELECT reference_number, list_date, file_name, source_row_number, version, "
                "load_id FROM sanctioned_parties"
            ).fetchall()
        }
        self.parties: list[dict] = []
        self.names: list[dict] = []
        self.replaced: list[str] = []
        self.seen: dict[str, int] = {}
        self.name_keys: set[tuple[str, str, str]] = set()
        self.rows_loaded = 0

    def add(self, record: ListRecord) -> list[Reject]:
        reference = record.first("REFERENCE_NUMBER")
        line = record.line
        if reference is None:
            return [Reject(line, "REFERENCE_NUMBER", "", "a listed party needs a reference number")]
        if reference in self.seen:
            return [
                Reject(
                    line,
                    "REFERENCE_NUMBER",
                    reference,
                    f"reference number {reference} already given on line {self.seen[reference]} "
                    "of this list: a party is listed once",
                )
            ]
        problems = []
        list_type = record.first("UN_LIST_TYPE")
        listed_on = self.date(record, "LISTED_ON", line, problems)
        regime = self.regime(list_type, reference)
        if list_type is None or regime is None:
            problems.append(
                Reject(
                    line,
                    "UN_LIST_TYPE",
                    list_type or "",
                    f"regime '{list_type or ''}' of {reference} is in none of "
                    "data/reference/un_list_types.csv, un_sanctions_regime_periods.csv (by list "
                    "type) and un_sanctions_regimes.csv (by reference prefix): add it there with "
                    "the arms embargo it falls under (or none)",
                )
            )
        updated = [self.date_text(value, "LAST_DAY_UPDATED/VALUE", line, problems)
                   for value in record.every("LAST_DAY_UPDATED/VALUE")]  # fmt: skip
        delisted = [self.date_text(value, "DELISTED_ON", line, problems)
                    for value in record.every("DELISTED_ON")]  # fmt: skip
        name = " ".join(part for part in map(record.first, NAME_PARTS) if part)
        if not name:
            problems.append(Reject(line, "FIRST_NAME", "", "a listed party needs a name"))
        if problems:
            return problems
        self.seen[reference] = line
        self.rows_loaded += 1
        self.list_types_seen.add(list_type)
        if reference in self.stored:
            stored_date = self.stored[reference][0]
            newer = self.list_date is not None and (
                stored_date is None or stored_date < self.list_date
            )
            if not newer:
                return []  # the warehouse already has this party from the same or a newer list
            self.replaced.append(reference)
        nationalities = record.every("NATIONALITY/VALUE")
        nationality_iso3 = next(
            (code for value in nationalities if (code := self.places.state_code(value))), None
        )
        original = record.first("NAME_ORIGINAL_SCRIPT")
        self.parties.append(
            {
                "reference_number": reference,
                "data_id": record.first("DATAID"),
                "version_num": record.first("VERSIONNUM"),
                "party_type": record.party_type,
                "name": name,
                "name_original_script": original,
                "un_list_type": list_type,
                "embargo_id": self.embargo(list_type, regime, listed_on),
                "listed_on": listed_on,
                "last_updated_on": max((d for d in updated if d), default=None),
                "delisted_on": max((d for d in delisted if d), default=None)
                or self.first_later_list(list_type),
                "nationality": "; ".join(nationalities) or None,
                "nationality_iso3": nationality_iso3,
                "title": "; ".join(record.every("TITLE/VALUE")) or None,
                "designation": "; ".join(record.every("DESIGNATION/VALUE")) or None,
                "gender": record.first("GENDER"),
                "comments": record.first("COMMENTS1"),
                "list_date": self.list_date,
                "classification": "public",
                "load_id": self.load_id,
                "file_name": self.file_name,
                "source_row_number": line,
            }
        )
        self.add_name(reference, "listed_name", name, None)
        if original:
            self.add_name(reference, "original_script", original, None)
        for alias in record.aliases:
            self.add_name(reference, "alias", alias["ALIAS_NAME"], alias.get("QUALITY") or None)
        return []

    def first_later_list(self, list_type: str) -> dt.date | None:
        """The date of the first list of this regime, newer than this one, already loaded (it
        did not name the party, or the party would be stored from it)."""
        if self.list_date is None:
            return None
        later = [day for day in self.later_lists.get(list_type, []) if day > self.list_date]
        return min(later, default=None)

    def regime(self, list_type: str | None, reference: str) -> str | None:
        """The regime a party's UN_LIST_TYPE (or, failing that, its reference number) names."""
        if list_type is None:
            return None
        if list_type in self.embargo_of:
            return list_type
        found = self.regime_of_type.get(normalized_list_type(list_type))
        if found is None:
            prefix = re.match(r"([A-Z]{2})[a-z]\.", reference)
            found = self.regime_of_prefix.get(prefix[1]) if prefix else None
        return found

    def embargo(self, list_type: str, regime: str, listed_on: dt.date | None) -> str | None:
        """The arms embargo the party falls under: that of un_list_types for a current list
        type, else that of the regime's period on the listing date (or the list's date, or the
        regime's last period)."""
        if list_type in self.embargo_of:
            return self.embargo_of[list_type]
        day = listed_on or self.list_date
        periods = [period for period in self.periods if period[0] == regime]
        for _regime, start, end, _type, embargo_id in periods:
            if day is not None and start <= day and (end is None or day < end):
                return embargo_id
        return periods[-1][4] if periods else None

    def add_name(self, reference: str, name_kind: str, name: str, quality: str | None) -> None:
        normalized = normalize_party_name(name)
        key = (reference, name_kind, normalized)
        if key in self.name_keys:
            return  # the list repeats some aliases verbatim
        self.name_keys.add(key)
        self.names.append(
            {
                "reference_number": reference,
                "name_kind": name_kind,
                "name": name,
                "name_normalized": normalized,
                "quality": quality,
                "script": script_of(name),
                "load_id": self.load_id,
            }
        )

    def date(self, record: ListRecord, path: str, line: int, problems: list) -> dt.date | None:
        value = record.first(path)
        return self.date_text(value, path, line, problems) if value else None

    @staticmethod
    def date_text(value: str, column: str, line: int, problems: list) -> dt.date | None:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            problems.append(Reject(line, column, value, f"{column} {value} is not a date"))
            return None

    def write(self) -> None:
        self.keep_earlier_versions()
        if self.replaced:
            self.con.execute(
                "DELETE FROM sanctioned_party_names WHERE list_contains(?, reference_number)",
                [self.replaced],
            )
            self.con.execute(
                "DELETE FROM sanctioned_parties WHERE list_contains(?, reference_number)",
                [self.replaced],
            )
        insert_rows(self.con, "sanctioned_parties", self.parties)
        insert_rows(self.con, "sanctioned_party_names", self.names)
        self.mark_delisted()

    def keep_earlier_versions(self) -> None:
        """The stored parties this list gives with other values or names: their stored version
        moves to sanctioned_party_earlier_versions with its names, and the new one is the next
        version; a party given as it was keeps its version number."""
        if not self.replaced:
            return
        relation = self.con.execute(
            f"SELECT reference_number, {', '.join(CONTENT_COLUMNS)}, "  # noqa: S608
            "(SELECT list([n.name_kind, n.name_normalized, n.quality]) "
            " FROM sanctioned_party_names AS n WHERE n.reference_number = p.reference_number) "
            "FROM sanctioned_parties AS p WHERE list_contains(?, reference_number)",
            [self.replaced],
        )
        stored = {row[0]: row[1:] for row in relation.fetchall()}
        names: dict[str, list] = {}
        for name in self.names:
            names.setdefault(name["reference_number"], []).append(
                [name["name_kind"], name["name_normalized"], name["quality"]]
            )
        changed = []
        for party in self.parties:
            reference = party["reference_number"]
            if reference not in stored:
                continue
            given = (
                *(party[column] for column in CONTENT_COLUMNS),
                sorted(names.get(reference, []), key=lambda values: [v or "" for v in values]),
            )
            before = (
                *stored[reference][:-1],
                sorted(stored[reference][-1] or [], key=lambda values: [v or "" for v in values]),
            )
            _date, file_name, row, version, load_id = self.stored[reference]
            party["version"] = version + (given != before)
            if given != before:
                changed.append(reference)
            else:
                # The same version, named again by a newer list: it keeps the file, row and load
                # that first gave it, so it stays known since then ("as known on" reads the
                # load's time); the list's date and update dates are the newer list's.
                party.update(load_id=load_id, file_name=file_name, source_row_number=row)
        if changed:
            self.con.execute(
                "INSERT INTO sanctioned_party_earlier_versions BY NAME SELECT p.*, "
                "coalesce((SELECT list({'name_kind': n.name_kind, 'name': n.name, "
                "'quality': n.quality}) FROM sanctioned_party_names AS n "
                "WHERE n.reference_number = p.reference_number), []) AS names, "
                "? AS superseded_at, ? AS superseded_by_load_id "
                "FROM sanctioned_parties AS p WHERE list_contains(?, reference_number)",
                [load_time(), self.load_id, changed],
            )

    def mark_delisted(self) -> None:
        """Parties of the regimes this list names, stored from an older list and absent from
        this one, are delisted on this list's date (the earliest such list's, whatever the
        order lists are loaded in)."""
        if self.list_date is None or not self.list_types_seen:
            return
        self.con.execute(
            "UPDATE sanctioned_parties SET delisted_on = ? "
            "WHERE list_date < ? AND list_contains(?, un_list_type) "
            "AND NOT list_contains(?, reference_number) "
            "AND (delisted_on IS NULL OR delisted_on > ?)",
            [self.list_date, self.list_date, sorted(self.list_types_seen), list(self.seen),
             self.list_date],
        )  # fmt: skip


def normalized_list_type(list_type: str) -> str:
    """UN_LIST_TYPE spellings differ by case and spacing across the years (`South Sudan`,
    `SouthSudan`)."""
    return re.sub(r"[^a-z0-9]", "", list_type.casefold())


def normalize_party_name(name: str) -> str:
    """Lookup key for party names: case, accents, punctuation and spacing do not distinguish
    them ('Forces Démocratiques' = 'FORCES DEMOCRATIQUES', 'ADF/NALU' = 'adf nalu')."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", plain.casefold()).split())


def load(
    con: duckdb.DuckDBPyConnection, path: Path, load_id: str, source_id: str | None = None
) -> Loaded:
    """extract -> validate -> load one list inside the caller's transaction."""
    handler = read_list(path)
    batch = ListBatch(con, path.name, load_id, handler.generated)
    rejects: list[Reject] = []
    for record in handler.records:
        rejects.extend(batch.add(record))
    batch.write()
    return Loaded("sanctioned_parties", len(handler.records), batch.rows_loaded, rejects)
