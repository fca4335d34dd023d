"""Embargo Monitor: shared core used by both the ingest (writing) and dashboard (reading) layers."""
