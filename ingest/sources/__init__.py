"""One module per input format, each built only from the format kit (ingest.kit): its columns and
vocabularies, its row rules, how a valid row becomes warehouse rows, and the quirks of its source
as small named functions. ingest.formats lists them; docs/formats.md describes them.

- sipri: SIPRI Arms Transfers Database exports (trade registers, TIV tables);
- registers (shared), unroca, att: the UN Register and ATT annual reports;
- seizures (a package: columns, rules, reference, fast): field documentation of seized materiel;
- traces, exemptions, panel_findings: tracing requests, exemption notifications, panel findings;
- conflict_events (shared), ucdp_ged, acled: conflict events;
- sanctions_list: the UN consolidated sanctions list (XML)."""
