"""Synthetic demonstration data sets. Every set is generated deterministically (fixed seed), written
as files in the real input formats, loaded through the real format modules, and registered under
a synthetic source, so the dashboard labels it on every page that shows it.

The package stands outside ingest/ and writes only through it (ingest.files.ingest_into), as a
user's files would be loaded; its column lists are the formats' own (ingest.sources), its value
lists the vocabularies (ingest.kit.vocabularies) and its catalogues (territories, weapons,
armouries, cartridges) data files in data/demo/."""

from demo.brokering import load_demo_brokering
from demo.findings import load_demo_findings
from demo.seizures import load_demo_seizures
from demo.transfers import load_demo_transfers

# Each a function that loads its set into an open warehouse through the real format modules,
# in this order (seizures link to the synthetic transfers, findings to both).
DEMO_SETS = (load_demo_transfers, load_demo_seizures, load_demo_findings, load_demo_brokering)
