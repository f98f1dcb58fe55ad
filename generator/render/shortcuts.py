"""Work that pydyf and WeasyPrint repeat, done once, and streams compressed at zlib's default level.

- ``PDF.write`` serialises every object twice when the PDF has an identifier (render/pdf.py
  always gives one): once to write it, once more for the MD5 of the whole file in its /ID,
  recompressing each stream (fonts, pages) a second time. While a PDF is
  written, objects are final, so each object's bytes are kept from the first time.
- ``PDF.page_references`` rebuilds the list of every page's reference on each call, and the
  structure tree of a tagged PDF calls it once per tagged element (~5,000 × 60 pages).
- WeasyPrint embeds a PNG by decoding it and encoding it again with Pillow's defaults, then
  keeping only its IDAT data. The PDF copies of our PNGs are saved that way already, and
  marked so (images.PDF_PNG_MARK): their IDAT data is taken as it is.

Those leave the PDF byte for byte as it was. One more does not: pydyf compresses its streams at
zlib's level 9; at zlib's default level, 6, a 60-page report is written ~0.4 s sooner and
0.4 % bigger.

Applied once, on import of render/pdf.py; pydyf and WeasyPrint are pinned (pyproject.toml), and
``install`` checks what it patches.
"""

from __future__ import annotations

import io
import struct
import threading
import types
import zlib
from typing import Any

import pydyf
from weasyprint import images

from ..images import PDF_PNG_MARK

_state = threading.local()
_stream_data = pydyf.Stream.data
_dictionary_data = pydyf.Dictionary.data
_write = pydyf.PDF.write
_page_references = pydyf.PDF.page_references
_get_png_data = images.RasterImage._get_png_data
# pydyf's zlib, at the default level whatever level pydyf asks for.
_ZLIB_AT_DEFAULT_LEVEL = types.SimpleNamespace(
    compressobj=lambda level=zlib.Z_DEFAULT_COMPRESSION: zlib.compressobj(), compress=zlib.compress
)


def _memoised(original: property) -> property:
    compute = original.fget
    assert compute is not None

    def data(self: Any) -> bytes:
        memo = getattr(_state, "memo", None)
        if memo is None:
            return compute(self)
        found = memo.get(id(self))
        if found is None:
            found = memo[id(self)] = (self, compute(self))  # self kept: ids stay unique
        return found[1]

    return property(data)


def _write_once(self: Any, *args: Any, **kwargs: Any) -> Any:
    _state.memo = {}
    try:
        return _write(self, *args, **kwargs)
    finally:
        _state.memo = None


def _cached_page_references(self: Any) -> tuple[bytes, ...]:
    count = len(self.pages["Kids"])
    cached = self.__dict__.get("_tripreport_page_references")
    if cached is None or cached[0] != count:
        cached = self.__dict__["_tripreport_page_references"] = (count, _page_references.fget(self))
    return cached[1]


def _png_data(pillow_image: Any) -> bytes:
    """The IDAT data of one of our marked PNGs as it is; any other image as WeasyPrint does."""
    source = getattr(pillow_image, "fp", None)
    if (
        getattr(pillow_image, "format", None) != "PNG"
        or pillow_image.mode not in ("RGB", "L")
        or pillow_image.info.get(PDF_PNG_MARK[0]) != PDF_PNG_MARK[1]
        or not isinstance(source, io.BytesIO)
    ):
        return _get_png_data(pillow_image)
    data = source.getbuffer()
    chunks, position = [], 8  # after the signature
    while position + 8 <= len(data):
        (length,) = struct.unpack_from("!I", data, position)
        kind = bytes(data[position + 4 : position + 8])
        if kind == b"IDAT":
            chunks.append(bytes(data[position + 8 : position + 8 + length]))
        position += 12 + length  # length, type, data, CRC
    return b"".join(chunks)


def install() -> None:
    """Patch pydyf and WeasyPrint (idempotent)."""
    if pydyf.PDF.write is _write_once:
        return
    assert isinstance(_stream_data, property) and isinstance(_dictionary_data, property), (
        "pydyf changed: check render/shortcuts.py against it"
    )
    assert isinstance(_page_references, property) and callable(_get_png_data) and pydyf.zlib is zlib, (
        "pydyf or WeasyPrint changed: check render/shortcuts.py against them"
    )
    pydyf.Stream.data = _memoised(_stream_data)
    pydyf.Dictionary.data = _memoised(_dictionary_data)
    pydyf.PDF.write = _write_once
    pydyf.PDF.page_references = property(_cached_page_references)
    images.RasterImage._get_png_data = staticmethod(_png_data)
    pydyf.zlib = _ZLIB_AT_DEFAULT_LEVEL
