"""Synthetic demonstration data sets. Every set is generated deterministically (fixed seed), written
as files in the real input formats, loaded through the real format modules, and registered under
a synthetic source, so the dashboard labels it on every page that shows it."""
