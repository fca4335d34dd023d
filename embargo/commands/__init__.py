"""Command groups of the `embargo` command line, one module per group.

Each module offers `add_parser(commands)`, which adds its sub-command (with its arguments, help
text and handler) to the parser's sub-commands; `embargo.cli.parser` calls it. The older command
groups still live in `embargo/cli.py`.
"""
