"""WeasyPrint imported with its C declarations compiled, and without relaxing Pillow for the
whole process (imported by render/pdf.py before WeasyPrint).

WeasyPrint's ``cffi.FFI()`` is the one render/compiled_ffi.py makes from tables compiled
once. That FFI also opens GObject, Pango, HarfBuzz, fontconfig… with the system's loader
alone: WeasyPrint tries several names for each (「libgobject-2.0-0」, 「gobject-2.0-0」, …,
「libgobject-2.0.so.0」), and cffi's in-line mode looked each up with
``ctypes.util.find_library``, which on Linux runs ``ldconfig -p``, then gcc and ld, for every
name that no system has (~20 names, 0.3 s). Should WeasyPrint declare other C functions than
were compiled, or should the loader miss one of the libraries WeasyPrint requires that
find_library would find, WeasyPrint is imported again as it is. (HarfBuzz's subsetter, which
it can do without, is installed by `make setup`; a test fails should it not be found.)

On import, WeasyPrint also sets Pillow's LOAD_TRUNCATED_IMAGES, which makes every decode in the
process, ours included, accept a cut-off or corrupt image silently as far as it goes: `check`
would pass a damaged photo, and the image step, which may be decoding photos in other threads
while WeasyPrint is imported, would print it half grey. The setting stays WeasyPrint's own
(it only ever decodes our copies, which are whole).

Last, WeasyPrint imports fontTools' subsetter and variable-font instancer (120 modules, 0.1 s),
which it calls only without HarfBuzz's subsetter (4.1 or later) or for a variable font; ours
are static. It gets them as it asks for them, on first use.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import sys
import types
from collections.abc import Callable, Iterator
from typing import Any

import PIL
from PIL import EpsImagePlugin, Image, ImageFile  # noqa: F401  (EpsImagePlugin: see below)

from . import compiled_ffi


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


class _OnFirstUse(types.ModuleType):
    """A module imported when one of its names is first read, not when it is imported."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get(self.__name__) is self:  # read during WeasyPrint's import
            sys.modules.pop(self.__name__, None)
        return getattr(importlib.import_module(self.__name__), name)


def _called_on_first_use(module: str, name: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    return call


@contextlib.contextmanager
def _fonttools_fallbacks_on_first_use() -> Iterator[None]:
    # WeasyPrint imports the subsetter module, whose names it reads when it uses them, but the
    # instancer's function by name: reading that name would load the module, so it is a stand-in.
    instancer = types.ModuleType("fontTools.varLib.instancer")
    name = "instantiateVariableFont"
    setattr(instancer, name, _called_on_first_use(instancer.__name__, name))
    stand_ins = {"fontTools.subset": _OnFirstUse("fontTools.subset"), instancer.__name__: instancer}
    for module, stand_in in stand_ins.items():
        sys.modules.setdefault(module, stand_in)  # fontTools' own, if imported already
    try:
        yield
    finally:
        for module, stand_in in stand_ins.items():
            if sys.modules.get(module) is stand_in:
                del sys.modules[module]


def import_weasyprint() -> None:
    """Import WeasyPrint (idempotent); render/pdf.py imports from it as usual afterwards."""
    if "weasyprint" in sys.modules:
        return
    with _pillow_kept_strict(), _fonttools_fallbacks_on_first_use():
        try:
            # Its advice on installing the libraries, should one be missing, is printed once, below.
            with compiled_ffi.weasyprint_uses_compiled_ffi(), contextlib.redirect_stdout(io.StringIO()):
                import weasyprint
            return
        except (OSError, compiled_ffi.StaleTables):  # forget the half-made import; again, as it is
            for name in [n for n in list(sys.modules) if n == "weasyprint" or n.startswith("weasyprint.")]:
                del sys.modules[name]
        import weasyprint  # noqa: F401


import_weasyprint()
