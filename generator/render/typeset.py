"""Markup for what CSS cannot decide in WeasyPrint: English runs for hyphenation, URL breaks,
balanced title lines, and the place of the page count. Used as Jinja filters by render/html.py."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

# Where the 提要's 頁數 goes: report.css fills it with the PDF's page count (counter(pages)), so
# the count needs no second layout. A private-use character, never in a report's text.
PAGE_COUNT = "\ue000"
_PAGE_COUNT_HTML = Markup('<span class="page-count"></span>')

# A run of English: words of Latin letters (digits and ' - inside), joined by spaces and light
# punctuation. Marked lang="en" so that WeasyPrint hyphenates it (report.css: hyphens).
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*(?:[ ,.&/:()]+[A-Za-z][A-Za-z0-9'’\-]*)*")
_URL = re.compile(r"https?://[^\s<>「」（），。、；]+")
_SCHEME = re.compile(r"^[a-z]+://[^/.\-]*[/.\-]?")
_URL_BREAK = re.compile(r"(?<=[/.\-])(?=.)")


def typeset(text: str) -> Markup:
    """``text`` escaped, with URLs breakable, English runs marked, and the page count's place."""
    out: list[str] = []
    position = 0
    for match in _URL.finditer(text):
        out.append(_mark_latin(text[position : match.start()]))
        out.append(break_url(match.group()))
        position = match.end()
    out.append(_mark_latin(text[position:]))
    return Markup("".join(out)).replace(escape(PAGE_COUNT), _PAGE_COUNT_HTML)


def _mark_latin(text: str) -> Markup:
    out: list[str] = []
    position = 0
    for match in _LATIN_RUN.finditer(text):
        out += [escape(text[position : match.start()]), Markup('<span lang="en">%s</span>') % match.group()]
        position = match.end()
    out.append(escape(text[position:]))
    return Markup("".join(out))


def break_url(url: str) -> Markup:
    """A URL that may break after / . - but never inside its scheme and first name
    (「https://www.」 stays whole): each break is a <wbr>."""
    head = _SCHEME.match(url)
    start = head.end() if head else 0
    rest = [escape(part) for part in _URL_BREAK.split(url[start:])]
    first = Markup('<span class="url-head">%s</span>') % url[:start] if start else Markup("")
    return first + Markup("<wbr>").join(rest)


# -- titles ----------------------------------------------------------------------------------
# Words that end a title and must not be split (「…考察／報告」), longest first.
TITLE_WORDS = (
    "考察報告",
    "出國報告",
    "研習報告",
    "會議報告",
    "開會報告",
    "進修報告",
    "訪問報告",
    "實習報告",
    "研究報告",
    "心得報告",
    "視察報告",
    "考察",
    "報告",
    "計畫",
    "研討會",
    "研習",
    "會議",
    "年會",
    "論壇",
    "博覽會",
    "展覽會",
    "交流",
    "合作",
    "發展",
    "機制",
)
# A break is good after these (a connective or punctuation ends the line) or before the second.
_AFTER = set("及與和暨並之的、，：；）」』 ")
_BEFORE = set("（「『 ")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


@dataclass(frozen=True)
class _Break:
    index: int
    cost: int  # 0: a good place; 10: between two words found by the word list; 100: anywhere


def _width(text: str) -> float:
    """Width in em: full-width characters 1, Latin ones about half."""
    return sum(1.0 if _CJK.match(c) or ord(c) >= 0x3000 else 0.5 for c in text)


def _breaks(title: str) -> list[_Break]:
    protected: set[int] = set()  # indexes where a break would split a word
    for word in TITLE_WORDS:
        for match in re.finditer(re.escape(word), title):
            protected.update(range(match.start() + 1, match.end()))
    for match in re.finditer(r"[A-Za-z0-9][A-Za-z0-9'’\-.]*", title):
        protected.update(range(match.start() + 1, match.end()))
    starts = {m.start() for word in TITLE_WORDS for m in re.finditer(re.escape(word), title)}
    found = []
    for i in range(1, len(title)):
        if i in protected:
            continue
        before, after = title[i - 1], title[i]
        if before in _AFTER or after in _BEFORE or bool(_CJK.match(before)) != bool(_CJK.match(after)):
            cost = 0
        elif i in starts:
            cost = 10
        else:
            cost = 100
        found.append(_Break(i, cost))
    return found


MAX_LINES = 4  # a title longer than this many lines is left to the ordinary line breaking


def balance(title: str, measure: float) -> Markup:
    """``title`` in as few lines as fit ``measure`` em, of widths as even as can be, broken
    only between words (<br>); CSS has no `text-wrap: balance` in WeasyPrint."""
    total = _width(title)
    if total <= measure or total > MAX_LINES * measure:
        return escape(title)
    prefix = [0.0]
    for char in title:
        prefix.append(prefix[-1] + _width(char))
    breaks = _breaks(title)
    cost_of = {b.index: b.cost for b in breaks}
    for lines in range(2, MAX_LINES + 1):
        best: tuple[float, list[int]] | None = None
        for cut in _choices(breaks, lines - 1):
            edges = [0, *cut, len(title)]
            widths = [prefix[b] - prefix[a] for a, b in pairwise(edges)]
            if max(widths) > measure:
                continue
            cost = max(widths) - min(widths) + sum(cost_of[i] for i in cut)
            if best is None or cost < best[0]:
                best = (cost, cut)
        if best is not None:
            edges = [0, *best[1], len(title)]
            return Markup("<br>").join(escape(title[a:b].strip()) for a, b in pairwise(edges))
    return escape(title)


def _choices(breaks: list[_Break], count: int) -> list[list[int]]:
    """Every way to pick ``count`` break places, in order (titles are short)."""
    if count == 0:
        return [[]]
    out = []
    for k, b in enumerate(breaks):
        out += [[b.index, *rest] for rest in _choices(breaks[k + 1 :], count - 1)]
    return out
