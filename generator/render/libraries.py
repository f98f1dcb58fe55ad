"""WeasyPrint imported without its slow search for its C libraries (imported by render/pdf.py
before WeasyPrint).

WeasyPrint 70 opens GObject, Pango, HarfBuzz, fontconfig… by trying several names for each
(「libgobject-2.0-0」, 「gobject-2.0-0」, 「gobject-2.0」, …). cffi looks each name up with
``ctypes.util.find_library``, which on Linux asks ``ldconfig -p`` and then, for a name that is
not there, runs gcc and ld (~20 ms each): some 20 names that no system has cost 0.3 s of the
start of every PDF build. While WeasyPrint is imported here, a name is looked up in
``ldconfig -p`` alone (the first thing find_library does, so a library found there is the same
one). Should WeasyPrint then miss a library that only gcc or ld would find (one found through
LD_LIBRARY_PATH, say), it is imported again with the full search.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import sys


def import_weasyprint() -> None:
    """Import WeasyPrint (idempotent); render/pdf.py imports from it as usual afterwards."""
    quick = getattr(ctypes.util, "_findSoname_ldconfig", None)
    if "weasyprint" in sys.modules or quick is None or not sys.platform.startswith("linux"):
        return
    full = ctypes.util.find_library
    ctypes.util.find_library = quick
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # its advice on installing the libraries
            import weasyprint  # noqa: F401
    except OSError:  # a library the quick search missed: forget the half-made import
        for name in [n for n in sys.modules if n == "weasyprint" or n.startswith("weasyprint.")]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = full


import_weasyprint()
