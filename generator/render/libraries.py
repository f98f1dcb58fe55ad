"""WeasyPrint imported without its slow search for its C libraries, and without relaxing
Pillow for the whole process (imported by render/pdf.py before WeasyPrint).

WeasyPrint 70 opens GObject, Pango, HarfBuzz, fontconfig… by trying several names for each
(「libgobject-2.0-0」, 「gobject-2.0-0」, 「gobject-2.0」, …). cffi looks each name up with
``ctypes.util.find_library``, which on Linux asks ``ldconfig -p`` and then, for a name that is
not there, runs gcc and ld (~20 ms each): some 20 names that no system has cost 0.3 s of the
start of every PDF build. While WeasyPrint is imported here, a name is looked up in
``ldconfig -p`` alone (the first thing find_library does, so a library found there is the same
one). Should WeasyPrint then miss a library that only gcc or ld would find (one found through
LD_LIBRARY_PATH, say), it is imported again with the full search.

On import, WeasyPrint also sets Pillow's LOAD_TRUNCATED_IMAGES, which makes every decode in the
process, ours included, accept a cut-off or corrupt image silently as far as it goes: `check`
would pass a damaged photo, and the image step, which may be decoding photos in other threads
while WeasyPrint is imported, would print it half grey. The setting stays WeasyPrint's own
(it only ever decodes our copies, which are whole).
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import sys
import types
from collections.abc import Iterator
from typing import Any

import PIL
from PIL import EpsImagePlugin, Image, ImageFile  # noqa: F401  (EpsImagePlugin: see below)


class _ImageFileSeenByWeasyPrint(types.ModuleType):
    """PIL.ImageFile as WeasyPrint's import sees it: the same module, but for its setting of
    LOAD_TRUNCATED_IMAGES, which it keeps to itself."""

    def __getattr__(self, name: str) -> Any:
        return getattr(ImageFile, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "LOAD_TRUNCATED_IMAGES":
            super().__setattr__(name, value)
        else:
            setattr(ImageFile, name, value)


@contextlib.contextmanager
def _pillow_kept_strict() -> Iterator[None]:
    # Pillow's own modules imported first, the one WeasyPrint imports among them: a module
    # imported meanwhile would keep the stand-in, and some read the setting from it.
    Image.preinit()
    PIL.ImageFile = _ImageFileSeenByWeasyPrint("PIL.ImageFile")  # as `from PIL import` finds it
    try:
        yield
    finally:
        PIL.ImageFile = ImageFile


def import_weasyprint() -> None:
    """Import WeasyPrint (idempotent); render/pdf.py imports from it as usual afterwards."""
    if "weasyprint" in sys.modules:
        return
    with _pillow_kept_strict():
        quick = getattr(ctypes.util, "_findSoname_ldconfig", None)
        if quick is not None and sys.platform.startswith("linux"):
            full = ctypes.util.find_library
            ctypes.util.find_library = quick
            try:
                with contextlib.redirect_stdout(io.StringIO()):  # its advice on installing the libraries
                    import weasyprint
                return
            except OSError:  # a library the quick search missed: forget the half-made import
                for name in [n for n in sys.modules if n == "weasyprint" or n.startswith("weasyprint.")]:
                    del sys.modules[name]
            finally:
                ctypes.util.find_library = full
        import weasyprint  # noqa: F401


import_weasyprint()
