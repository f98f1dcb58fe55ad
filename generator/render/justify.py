"""Justified CJK lines: WeasyPrint 70 stretches only spaces, so a Chinese line with two English
words puts all its slack into those two gaps, and a line without spaces is not justified at all.

CSS Text 3's `text-justify: auto` for CJK also spaces out the ideographs; WeasyPrint has no
`text-justify`. This module makes every CJK character (and full-width punctuation) one more
expansion opportunity, the way WeasyPrint already treats a space: the line's slack is shared by
the spaces and the CJK characters alike, each a fraction of a point. Applied once, on import of
render/pdf.py; WeasyPrint is pinned (pyproject.toml), and ``install`` checks what it patches.
"""

from __future__ import annotations

import re
from typing import Any

from weasyprint.layout import inline
from weasyprint.text import line_break
from weasyprint.text.ffi import pango

_CJK = "\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
_CJK_TEXT = re.compile(f"[{_CJK}]")
_CJK_RUN = re.compile(f"[{_CJK}]+")


def _spacing_ranges(text: str) -> list[tuple[int, int, int]]:
    """(start, stop, factor): UTF-8 byte ranges (Pango indexes bytes) of the runs of CJK
    characters of ``text``, the first and the last character of the text on their own with
    factor 2 (Pango puts half of a character's letter spacing on each side, and only the inner
    half at the ends of the text: as WeasyPrint does for spaces, those get it twice). One
    attribute per run, not per character: Pango joins equal neighbours into one anyway."""
    end = len(text.encode())
    ranges: list[tuple[int, int, int]] = []
    offset = position = 0
    for match in _CJK_RUN.finditer(text):
        run = match.group()
        offset += len(text[position : match.start()].encode())
        start, stop = offset, offset + len(run.encode())
        offset, position = stop, match.end()
        if start == 0:
            ranges.append((0, len(run[0].encode()), 2))
            start = ranges[-1][1]
        last = None
        if stop == end and start < stop:
            last = (stop - len(run[-1].encode()), stop, 2)
            stop = last[0]
        if start < stop:
            ranges.append((start, stop, 1))
        if last:
            ranges.append(last)
    return ranges


def _count_expandable(box: Any) -> int:
    """Spaces (as WeasyPrint counts them) plus CJK characters."""
    if isinstance(box, inline.boxes.TextBox):
        return box.text.count(" ") + box.text.count("\u00a0") + len(_CJK_TEXT.findall(box.text))
    if isinstance(box, (inline.boxes.LineBox, inline.boxes.InlineBox)):
        return sum(_count_expandable(child) for child in box.children)
    return 0


_original_set_text = line_break.Layout.set_text


def _set_text(self: Any, text: str, justify: bool = False) -> None:
    _original_set_text(self, text, justify)
    spacing = getattr(self, "justification_spacing", 0) if justify else 0
    if not spacing or not _CJK_TEXT.search(self.text):
        return
    attrs = pango.pango_layout_get_attributes(self.layout)
    if attrs == line_break.ffi.NULL:
        attrs = line_break.ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    units = int(spacing * line_break.TO_UNITS)
    for start, stop, factor in _spacing_ranges(self.text):
        attr = pango.pango_attr_letter_spacing_new(factor * units)
        attr.start_index, attr.end_index = start, stop
        pango.pango_attr_list_change(attrs, attr)
    pango.pango_layout_set_attributes(self.layout, attrs)


def install() -> None:
    """Patch WeasyPrint's justification (idempotent)."""
    if inline.count_expandable_spaces is _count_expandable:
        return
    assert callable(inline.justify_line) and callable(inline.add_word_spacing), (
        "WeasyPrint's justification changed: check render/justify.py against it"
    )
    inline.count_expandable_spaces = _count_expandable
    line_break.Layout.set_text = _set_text
