"""Inline markup of a paragraph: ``**bold**``, bare URLs, which become links, and references
to figures and tables, ``@fig:poster`` / ``@tbl:budget`` (pandoc-crossref's notation)."""

from __future__ import annotations

import re

from .model import Paragraph, Span

# A URL ends at white space, at full-width (CJK) punctuation and at quotes or brackets.
_URL = re.compile(r"https?://[^\s\u3000-\u303f\uff00-\uffef<>\"'「」（）]+")
_TRAILING = ".,;:!?)]}"
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)
# Not after a letter, digit or any of . _ - @ (an e-mail address: a@fig.com, x@tbl:y).
REFERENCE = re.compile(r"(?<![A-Za-z0-9._@-])@((?:fig|tbl):[A-Za-z0-9_-]+)")


def parse_inline(text: str) -> Paragraph:
    spans: list[Span] = []
    pos = 0
    for match in _BOLD.finditer(text):
        spans += _links(text[pos : match.start()], bold=False)
        spans += _links(match.group(1), bold=True)
        pos = match.end()
    spans += _links(text[pos:], bold=False)
    return Paragraph(tuple(spans))


def _links(text: str, *, bold: bool) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(_TRAILING)
        end = match.start() + len(url)
        spans += _references(text[pos : match.start()], bold)
        spans.append(Span(url, bold, url))
        pos = end
    return spans + _references(text[pos:], bold)


def _references(text: str, bold: bool) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for match in REFERENCE.finditer(text):
        if match.start() > pos:
            spans.append(Span(text[pos : match.start()], bold))
        spans.append(Span(match.group(0), bold, ref=match.group(1)))
        pos = match.end()
    if pos < len(text):
        spans.append(Span(text[pos:], bold))
    return spans
