"""pyphen's English patterns, parsed once per machine instead of once per PDF build.

WeasyPrint hyphenates the English runs (lang="en") with pyphen, which parses its hyph_en_GB.dic
in every process: 0.1 s of each build. The parsed patterns are kept in the build cache with
marshal (plain strings, integers and tuples: 6 ms to read) and handed to pyphen's own cache of
dictionaries before WeasyPrint asks for them.
"""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path

import pyphen

from ..output import write_atomic

LANG = "en"  # as report.html.j2 marks English runs


def load_patterns(cache: Path) -> None:
    """Put the parsed patterns for LANG into pyphen's cache, from ``cache`` (the folder of the
    build cache for them) or, the first time, parsed and stored there."""
    path = pyphen.LANGUAGES[pyphen.language_fallback(LANG)]
    if path in pyphen.hdcache:
        return
    stat = path.stat()
    digest = hashlib.sha256(f"{path}:{stat.st_size}:{stat.st_mtime_ns}:{pyphen.__version__}".encode())
    stored = cache / f"{path.stem}-{digest.hexdigest()[:24]}.marshal"
    try:
        patterns = marshal.loads(stored.read_bytes())
        if not isinstance(patterns, dict) or not patterns:
            raise ValueError(stored)
    except (OSError, EOFError, ValueError, TypeError):  # not stored yet, or damaged
        parsed = pyphen.HyphDict(path)
        assert set(vars(parsed)) == {"patterns", "cache", "maxlen"}, (
            "pyphen changed: check render/hyphenation.py"
        )
        write_atomic(stored, marshal.dumps(parsed.patterns))
        pyphen.hdcache[path] = parsed
        return
    known = pyphen.HyphDict.__new__(pyphen.HyphDict)  # as HyphDict(path) leaves it, unparsed
    known.patterns, known.cache, known.maxlen = patterns, {}, max(len(key) for key in patterns)
    pyphen.hdcache[path] = known
