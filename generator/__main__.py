"""`python -m generator`: the same as the `tripreport` command."""

from .cli import run

run()
