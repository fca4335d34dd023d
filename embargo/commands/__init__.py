"""Command groups of the `embargo` command line, one module per group.

Each module offers `add_parser(commands)`, which adds its sub-command (with its arguments, help
text and handler) to the parser's sub-commands; `embargo.cli.parser` calls it. The core commands
(build, ingest, watch, check, sql, screen, export, config, serve) stay in `embargo/cli.py`.
"""
