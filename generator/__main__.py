"""`python -m generator`: the same as the `tripreport` command."""

from .cli import run

if __name__ == "__main__":
    run()
