"""What the two transfer-register formats share (UN Register `unroca`, ATT annual reports `att`):
their shape (RegisterFormat, a record format of the format kit whose lines become transfers),
the common column parsers, and loading a validated file into its raw table and `transfers`.

Each register line is reported by one State about one counterpart. For an export line the
reporting State is the supplier and the counterpart the recipient; for an import line the other
way round. Loading the same file twice changes nothing (load_log, by SHA-256); loading the same
report again in another file (re-saved as XLSX, another encoding, rows in another order) loads no
line twice either: every line gets a `source_record_id` built from its content, and a line whose
record is already in `transfers` becomes a reject that names the file and row it came from.

Reading the report, its row numbers and State names are the format kit's (ingest.kit.tables,
ingest.kit.places)."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.kit.loads import Loaded, insert_rows
from ingest.kit.places import Places, RuleActors, normalize_alias
from ingest.kit.record_format import RecordFormat, raw_rows, read_records
from ingest.kit.validation import Column, InvalidValue, Reject, validate_rows

# ISO 4217 currency codes: the active list plus codes withdrawn since the ATT entered into force
# (December 2014), because reports for earlier years may still use them (LTL, LVL, BYR, MRO,
# STD, VEF, HRK, ...).
_CURRENCY_CODES_TEXT = """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN
    BWP BYN BYR BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD
    EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD
    IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LTL LVL LYD MAD
    MDL MGA MKD MMK MNT MOP MRO MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB
    PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP
    STD STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED
    VEF VES VND VUV WST XAF XCD XCG XDR XOF XPF XSU XUA YER ZAR ZMW ZWG ZWL
"""
CURRENCY_CODES = frozenset(_CURRENCY_CODES_TEXT.split())


# ---------------------------------------------------------------------------------------------
# Column parsers shared by both registers (each raises InvalidValue with a plain reason)


def flow(value: str) -> str:
    lowered = value.lower()
    if lowered not in ("export", "import"):
        raise InvalidValue(f"flow '{value}' is not export or import")
    return lowered


def number_of_items(value: str) -> int:
    if re.fullmatch(r"\d+", value):
        return int(value)
    if re.fullmatch(r"-\s*\d+(\.\d*)?", value):
        raise InvalidValue(f"number_of_items {value} is negative: expected 0 or more")
    raise InvalidValue(
        f"number_of_items '{value}' is not a whole number of items "
        "(digits only, no decimals or thousands separators)"
    )


def amount(value: str) -> float:
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value)
    if re.fullmatch(r"-\s*\d+(\.\d*)?", value):
        raise InvalidValue(f"value {value} is negative: expected 0 or more")
    raise InvalidValue(
        f"value '{value}' is not a number: write digits with '.' for decimals and no thousands "
        "separators or currency signs"
    )


def currency(value: str) -> str:
    code = value.upper()
    if code not in CURRENCY_CODES:
        raise InvalidValue(
            f"currency '{value}' is not an ISO 4217 currency code (e.g. USD, EUR, GBP)"
        )
    return code


def category_key(as_reported: str) -> str:
    """A category as reported, case- and space-insensitive (for stable record ids)."""
    return re.sub(r"\s*:\s*", ":", normalize_alias(as_reported))


def reporting_state_is_not_counterpart(row: dict) -> Reject | None:
    """A State does not export to or import from itself: a name in the wrong column."""
    reporting, counterpart = row["reporting_state"], row["counterpart_state"]
    if counterpart is not None and counterpart.is_state and counterpart.iso3 == reporting.iso3:
        return Reject(
            row["_row_number"],
            "counterpart_state",
            counterpart.name,
            f"counterpart_state '{counterpart.name}' is the reporting state itself",
        )
    return None


# ---------------------------------------------------------------------------------------------
# One register format: its columns, rules and how a valid line becomes a transfer


@dataclass(frozen=True, kw_only=True)
class RegisterFormat(RecordFormat):
    """A record format whose valid lines become `transfers` rows."""

    source_id: str
    columns: Callable[[Places], Sequence[Column]]
    row_rules: Sequence[Callable[[dict], Reject | None]]
    # the line's own fields for `transfers` (year, quantity, value, category, comments, ...)
    transfer_fields: Callable[[dict], dict]
    # the line's content that identifies it, and the readable start of its record id
    record_key: Callable[[dict], list]
    record_prefix: Callable[[dict], str]

    def load(
        self,
        con: duckdb.DuckDBPyConnection,
        path: Path,
        load_id: str,
        source_id: str | None = None,
    ) -> Loaded:
        return load_register(con, self, path, load_id, source_id or self.source_id)


def stable_record_ids(spec: RegisterFormat, rows: Sequence[dict]) -> list[str]:
    """A record id from the line's content (states as codes, text case- and space-insensitive,
    comments left out), so it survives re-saving, re-encoding and re-ordering the file; the
    second and later identical lines of one file get -2, -3, ... so ids are unique in a file."""
    seen: Counter[str] = Counter()
    ids = []
    for row in rows:
        key = json.dumps(spec.record_key(row), ensure_ascii=False, default=str)
        base = f"{spec.record_prefix(row)}-{hashlib.sha256(key.encode()).hexdigest()[:12]}"
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def parties(row: dict) -> dict:
    """Export: the reporting State supplies the counterpart; import: the counterpart supplies it."""
    reporting, counterpart = row["reporting_state"], row["counterpart_state"]
    supplier, recipient = (
        (reporting, counterpart) if row["flow"] == "export" else (counterpart, reporting)
    )
    return {
        "supplier_name": supplier.name if supplier else None,
        "supplier_iso3": supplier.iso3 if supplier else None,
        "supplier_actor_type": supplier.actor_type if supplier else None,
        "recipient_name": recipient.name if recipient else None,
        "recipient_iso3": recipient.iso3 if recipient else None,
        "recipient_actor_type": recipient.actor_type if recipient else None,
        # A party a naming rule recognised (ingest.kit.places): the rule, for the Sources page.
        "actor_rule": next(
            (party.rule for party in (supplier, recipient) if party and party.rule), None
        ),
    }


def text_or_none(value: object) -> str | None:
    return value if value else None


def load_register(
    con: duckdb.DuckDBPyConnection,
    spec: RegisterFormat,
    path: Path,
    load_id: str,
    source_id: str,
) -> Loaded:
    """extract -> validate -> load, inside the caller's transaction. `source_id` is the format's
    own source unless the file is registered under another (the synthetic demo reports)."""
    extracted = read_records(path, spec)

    columns = spec.columns(Places(con))
    valid: list[tuple[int, dict]] = []
    rejects: list[Reject] = []
    rejected_rows: set[int] = set()
    for row_number, record, problems in extracted:
        validated = validate_rows([(row_number, record)], columns, spec.row_rules)
        problems = problems + validated.rejects
        if problems:
            rejects.extend(problems)
            rejected_rows.add(row_number)
        else:
            valid.append((row_number, validated.rows[0]))

    record_ids = stable_record_ids(spec, [row for _, row in valid])
    earlier = already_loaded(con, source_id)
    transfers = []
    kept_rows = []
    for (row_number, row), record_id in zip(valid, record_ids, strict=True):
        fields = spec.transfer_fields(row)
        transfer_id = f"{source_id}:{record_id}:{fields['delivery_year'] or 'none'}"
        if transfer_id in earlier:
            file_name, earlier_row = earlier[transfer_id]
            rejects.append(
                Reject(
                    row_number,
                    None,
                    None,
                    f"the same report line is already in the warehouse (from {file_name} row "
                    f"{earlier_row}): not loaded twice",
                )
            )
            rejected_rows.add(row_number)
            continue
        transfers.append(
            {
                "transfer_id": transfer_id,
                "source_id": source_id,
                "source_record_id": record_id,
                "reporting_state_iso3": row["reporting_state"].iso3,
                "flow": row["flow"],
                **parties(row),
                "designation": None,
                "description": row.get("description"),
                **fields,
                "classification": "public",
                "load_id": load_id,
                "file_name": path.name,
                "source_row_number": row_number,
            }
        )
        kept_rows.append(row)

    insert_rows(con, spec.raw_table, raw_rows(spec, extracted, rejected_rows, load_id, path.name))
    insert_rows(con, "transfers", transfers)
    rule_actors = RuleActors()
    for row, transfer in zip(kept_rows, transfers, strict=True):
        rule_actors.seen(row["counterpart_state"], transfer, "transfers")
    rule_actors.record(con)
    return Loaded("transfers", len(extracted), len(transfers), rejects)


def already_loaded(con: duckdb.DuckDBPyConnection, source_id: str) -> dict[str, tuple[str, int]]:
    return {
        transfer_id: (file_name, row_number)
        for transfer_id, file_name, row_number in con.execute(
            "SELECT transfer_id, file_name, source_row_number FROM transfers WHERE source_id = ?",
            [source_id],
        ).fetchall()
    }
