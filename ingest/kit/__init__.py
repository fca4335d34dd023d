"""The format kit: what every input format is built from (ingest.sources), so a new format is a
module of columns, rules and quirks, not a fourth way of reading files.

- tables: reading CSV (one text decoder) and XLSX into a header and numbered rows;
- places: the one place and country lookup (country_aliases, ISO3 codes);
- values: value parsers (vocabularies, dates, years, numbers, serials, classification);
- validation: Column, Reject, row rules, RowCheck;
- record_format: the one record-format shape (detect, check header, raw rows, extra columns,
  keep-first by key);
- columnar: the column-wise path (polars) for files of a million lines;
- loads: recording a load, inserting rows, what a load reports."""
