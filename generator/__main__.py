"""`python -m generator`: the same as the `tripreport` command."""

import sys

from .cli import main

sys.exit(main())
