"""Where each character of a text's value is written in report.yaml: inside a plain, quoted
(escapes included) or block scalar, from the scalar's source as load.py keeps it."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from .load import Node


class Positions:
    """Where each character of a scalar's value is written in the file. Every character but
    white space is written once, in order (or as one escape of a double-quoted scalar), so the
    characters are found in the source one after another."""

    def __init__(self, node: Node):
        self.node = node
        source = node.source
        # A block scalar's text starts after its header line (`>-  # comment`), a quoted one
        # after its quote.
        begin = {"|": source.find("\n") + 1, ">": source.find("\n") + 1, "'": 1, '"': 1}.get(node.style, 0)
        self.written = list(_written(source, begin, node.style == '"'))
        self.cursor = 0
        self.offsets: list[int | None] = []

    def offset(self, index: int) -> int | None:
        """Where the value's character ``index`` (not white space) is written in the source."""
        value = self.node.value
        while len(self.offsets) <= index:
            char = value[len(self.offsets)]
            found = None
            if not char.isspace():
                for k in range(self.cursor, len(self.written)):
                    if self.written[k][0] == char:
                        found, self.cursor = self.written[k][1], k + 1
                        break
            self.offsets.append(found)
        return self.offsets[index]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where ``value[start:end]`` is written, when it is written exactly so (no line break,
        escape or normalisation in it): the span a fix may replace."""
        value, source = self.node.value, self.node.source
        ends = [at for i in range(start, end) if (at := self.offset(i)) is not None]
        if ends:  # the characters written, and the spaces before and after them
            lead = len(value[start:end]) - len(value[start:end].lstrip())
            trail = len(value[start:end]) - len(value[start:end].rstrip())
            lo, hi = ends[0] - lead, ends[-1] + 1 + trail
        else:  # white space alone: between the characters around it
            before = self.offset(start - 1) if start > 0 else None
            after = self.offset(end) if end < len(value) else None
            if before is None or after is None:
                return None
            lo, hi = before + 1, after
        return (lo, hi) if source[lo:hi] == value[start:end] else None

    def line_col(self, index: int) -> tuple[int, int]:
        """The line and column of the value's character ``index``; for white space, just after
        the character before it."""
        at = self.offset(index)
        if at is None and index > 0 and (before := self.offset(index - 1)) is not None:
            at = before + 1
        if at is None:
            return self.node.line, self.node.col
        source = self.node.source
        newline = source.rfind("\n", 0, at)
        if newline < 0:
            return self.node.line, self.node.col + at
        return self.node.line + source.count("\n", 0, at), at - newline


_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
# YAML's other escapes in a double-quoted scalar; \ before a line break writes nothing.
_ESCAPES = dict(zip('0abtnvfre /N_LP\t"\\', '\0\a\b\t\n\v\f\r\x1b /\x85\xa0\u2028\u2029\t"\\', strict=True))


def _written(source: str, begin: int, escapes: bool) -> Iterator[tuple[str, int]]:
    """The characters of a scalar's source, NFC as the value is, with their offsets; in a
    double-quoted scalar an escape (\\u4e2d) is the character it stands for, at its backslash."""
    i = begin
    while i < len(source):
        char, length = source[i], 1
        if escapes and char == "\\":
            code = source[i + 1 : i + 2]
            digits = _HEX_ESCAPES.get(code, 0)
            char = chr(int(source[i + 2 : i + 2 + digits], 16)) if digits else _ESCAPES.get(code, "")
            length = 2 + digits
        yield unicodedata.normalize("NFC", char), i
        i += length
