"""Everything that writes the warehouse: one module per source format, plus the build."""
