"""Writing checks a reviewer makes: simplified characters, mainland usage, punctuation and
full-width digits, located at the characters inside the YAML value; the safe ones carry the
fix `tripreport fix` applies (generator/fix.py)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import yaml

from .errors import Problem
from .fields import Context
from .inline import _URL as URL
from .lexicon import lexicon
from .load import Node, text_nodes, unfold_cjk
from .positions import Positions

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
# Chinese text: ideographs and full-width punctuation (「」（），。、…—).
_ZH = f"{_HAN}\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2026"
_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")
_HALF_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_PUNCTUATION = re.compile(f"(?<=[{_ZH}])( *)([,;:?!()])( *)(?=[{_ZH}])")
_CHINESE = re.compile(f"[{_ZH}]")
_BRACKETS = re.compile("[()]")
_SPACE = re.compile(f"(?<=[{_ZH}]) +(?=[{_ZH}])")
_QUOTES = (re.compile("(“)[^“”]*?[" + _HAN + "][^“”]*?(”)"), re.compile("(‘)[^‘’]*?[" + _HAN + "][^‘’]*?(’)"))
_CHINESE_QUOTE = {"“": "「", "”": "」", "‘": "『", "’": "』"}
_ELLIPSIS = re.compile(r"\.{3,}|(?<!…)…(?!…)")
_FULL_WIDTH = re.compile("[０-９Ａ-Ｚａ-ｚ]+")
# Not Chinese prose: e-mail addresses, `code`, and runs of ASCII that look like code or a path.
_NOT_PROSE = re.compile(
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|`[^`]*`|[!-~]*[_/\\=<>{}\[\]$#@|~^][!-~]*"
)
_AUTO = "（可用 tripreport fix 自動修正）"
_QUOTE_FIRST = "（請先把整段加上引號，再用 tripreport fix 修正，以免 YAML 把它讀成數字或日期）"
_RESOLVER = yaml.resolver.Resolver()
# People's names and positions (contacts, travellers, instructors, a paper's authors): a space
# separates family and given name (矢口 喜一郎), unit and title (國際部 總括主幹, 田中 教授).
_NAMES = re.compile(r"\.(name|position|instructor|authors\[\d+\])$")
_FOLD = "這裡換行會在中文字之間多出一個空白；請把兩行接成一行，或在欄位名稱後寫「>-」。"
# Marks an allow entry may name alone: the report keeps them wherever they are.
_MARKS = (*_HALF_WIDTH, *_CHINESE_QUOTE, "...", "…")


@dataclass(frozen=True)
class Finding:
    """A problem in a text: ``text[start:end]`` should be ``fix`` (when that is safe). The
    problem itself is ``text[slice(*spot())]``: ``at``, when given, is a half-width comma
    without the spaces around it, which its fix removes too."""

    start: int
    end: int
    kind: str  # simplified, usage, punctuation, quote, ellipsis, width, space
    message: str
    fix: str | None = None
    at: tuple[int, int] | None = None

    def spot(self) -> tuple[int, int]:
        return self.at or (self.start, self.end)


def findings(text: str, allow: Sequence[str] = ()) -> list[Finding]:
    """Everything to say about ``text``, but nothing inside a URL, an e-mail address, code or
    an occurrence of an ``allow`` entry, and nothing in text without Chinese."""
    if not _CJK.search(text):
        return []
    spared = [m.span() for pattern in (URL, _NOT_PROSE) for m in pattern.finditer(text)]
    allowed = [(i, i + len(e)) for e in allow for i in _occurrences(e, text)]
    found = [*_simplified(text), *_usage(text), *_punctuation(text), *_quotes(text)]
    found += [*_ellipses(text), *_full_width(text), *_spaces(text)]
    return sorted((f for f in found if _kept(f, spared, allowed)), key=lambda f: (f.start, f.end))


def _occurrences(part: str, text: str) -> Iterator[int]:
    at = text.find(part)
    while at >= 0:
        yield at
        at = text.find(part, at + 1)


def _kept(finding: Finding, spared: list[tuple[int, int]], allowed: list[tuple[int, int]]) -> bool:
    """Whether a finding is outside every spared span (a space also beside one: the space
    after a URL is no space between Chinese characters) and every allowed occurrence."""
    near = 1 if finding.kind == "space" else 0
    start, end = finding.spot()
    return not any(a - near < finding.end and finding.start < b + near for a, b in spared) and not any(
        a <= start and end <= b for a, b in allowed
    )


def fixed(text: str, found: list[Finding]) -> str:
    """``text`` with the safe fixes of ``found`` (sorted, as ``findings`` gives them) made."""
    out, pos = [], 0
    for finding in found:
        if finding.fix is not None and finding.start >= pos:
            out += [text[pos : finding.start], finding.fix]
            pos = finding.end
    return "".join([*out, text[pos:]])


def _folds_to(node: Node, edits: list[tuple[int, str, str]], expected: str) -> bool:
    """Whether the folded scalar ``node`` with ``edits`` made to its source still loads as
    ``expected``: folding drops a space only between Chinese characters, and a fix can turn
    the mark beside a space from Chinese to Latin (「。 １」 → 「。 1」 keeps it) or back."""
    source = node.source
    for at, before, after in sorted(edits, reverse=True):
        at -= node.offset
        source = source[:at] + after + source[at + len(before) :]
    try:
        value = yaml.safe_load(f"k: {source}")["k"]
    except yaml.YAMLError:
        return False
    return isinstance(value, str) and unfold_cjk(unicodedata.normalize("NFC", value)) == expected


def _still_text(plain: str) -> bool:
    return _RESOLVER.resolve(yaml.ScalarNode, plain, (True, False)) == "tag:yaml.org,2002:str"


def _known_entry(entry: str) -> bool:
    """Whether an allow entry silences anything: a term or fragment the checks warn about,
    or one of the _MARKS."""
    return entry in _MARKS or bool(findings(entry))


def _simplified(text: str) -> Iterator[Finding]:
    forms = lexicon().simplified
    if not forms.keys() & set(text):
        return
    for i, char in enumerate(text):
        if found := forms.get(char):
            if len(found) == 1:
                message = f"「{char}」是簡化字，請改為「{found[0]}」{_AUTO}。"
                yield Finding(i, i + 1, "simplified", message, found[0])
            else:
                choice = "或".join(f"「{f}」" for f in found)
                yield Finding(i, i + 1, "simplified", f"「{char}」是簡化字，請依文意改為{choice}。")


def _usage(text: str) -> Iterator[Finding]:
    """Mainland terms, matched as OpenCC does: the longest term at each position, from left
    to right (a term's characters are not looked at again)."""
    lex = lexicon()
    normal = text.translate(lex.normal)  # 软件 is matched as 軟件
    after = 0
    for start in lex.term_starts.finditer(normal):
        i = start.start()
        if i < after:
            continue
        for length in lex.lengths[normal[i]]:
            usage = lex.terms.get(normal[i : i + length]) if i + length <= len(text) else None
            if usage is not None:
                after = i + length
                if usage:
                    term = text[i:after]
                    taiwan = "或".join(f"「{u}」" for u in usage)
                    yield Finding(
                        i,
                        after,
                        "usage",
                        f"「{term}」是大陸用語，臺灣慣用{taiwan}；"
                        f"若確為此意，請把「{term}」加入 settings.allow。",
                    )
                break


def _punctuation(text: str) -> Iterator[Finding]:
    """Half-width , ; : ? ! ( ) between Chinese characters (with the spaces around them). A
    bracket is fixed only with its partner, so that a pair stays a pair."""
    matches = {m.start(2): m for m in _PUNCTUATION.finditer(text)}
    partner: dict[int, int] = {}
    opened: list[int] = []
    for bracket in _BRACKETS.finditer(text) if matches else ():
        if bracket.group() == "(":
            opened.append(bracket.start())
        elif opened:
            j = opened.pop()
            partner[bracket.start()], partner[j] = j, bracket.start()
    for at, m in matches.items():
        mark = m.group(2)
        wide = _HALF_WIDTH[mark]
        safe = mark not in "()" or partner.get(at) in matches
        yield Finding(
            m.start(),
            m.end(),
            "punctuation",
            f"中文之間的半形「{mark}」請改為全形「{wide}」{_AUTO if safe else '，括號前後要一致'}。",
            wide if safe else None,
            m.span(2),
        )


def _quotes(text: str) -> Iterator[Finding]:
    for pattern in _QUOTES:
        for m in pattern.finditer(text):
            for group in (1, 2):
                mark = m.group(group)
                chinese = _CHINESE_QUOTE[mark]
                yield Finding(
                    m.start(group),
                    m.end(group),
                    "quote",
                    f"西式引號 {mark} 請改為中文引號 {chinese}{_AUTO}。",
                    chinese,
                )


def _ellipses(text: str) -> Iterator[Finding]:
    for m in _ELLIPSIS.finditer(text):
        before, after = text[: m.start()].rstrip()[-1:], text[m.end() :].lstrip()[:1]
        if _CHINESE.match(before) or _CHINESE.match(after):
            yield Finding(
                m.start(),
                m.end(),
                "ellipsis",
                f"刪節號「{m.group()}」請改為兩個全形刪節號「……」{_AUTO}。",
                "……",
            )


def _full_width(text: str) -> Iterator[Finding]:
    for m in _FULL_WIDTH.finditer(text):
        half = unicodedata.normalize("NFKC", m.group())
        yield Finding(
            m.start(), m.end(), "width", f"全形英數字「{m.group()}」請改為半形「{half}」{_AUTO}。", half
        )


def _spaces(text: str) -> Iterator[Finding]:
    for m in _SPACE.finditer(text):
        yield Finding(m.start(), m.end(), "space", f"中文字之間有半形空白，請刪除{_AUTO}。", "")


def check_writing(root: Node, allow: Sequence[str], ctx: Context) -> None:
    """Warnings (with their fixes) for every text of the report but file names; errors for
    ``settings.allow`` entries that no check would warn about."""
    for node, path in text_nodes(root):
        if path.startswith("settings.allow["):
            if not _known_entry(node.value):
                ctx.report(
                    node,
                    path,
                    f"「{node.value}」不會引起任何用字警告，不必列在 allow；"
                    "請刪除它，或檢查是否與內文寫法相同。",
                )
            continue
        if path == "file" or path.endswith(".file"):
            continue
        found = findings(node.value, allow)
        if _NAMES.search(path):  # the space belongs there
            found = [f for f in found if f.kind != "space"]
        if not found:
            continue
        located = Positions(node)
        # Unquoted, １ fixed would be the number 1 (and ｙｅｓ true): then no fix.
        stays_text = bool(node.style) or _still_text(fixed(node.value, found))
        spans = [located.span(f.start, f.end) for f in found]
        edits = [
            (node.offset + span[0], node.source[span[0] : span[1]], f.fix)
            if f.fix is not None and span is not None and stays_text
            else None
            for f, span in zip(found, spans, strict=True)
        ]
        # Folding keeps or drops a space by the marks beside it, which a fix can change: then
        # the value is left to the clerk (「。 １」 fixed would fold to 「。 1」, not 「。1」).
        unfixable = node.style == ">" and not _folds_to(
            node, [e for e in edits if e], fixed(node.value, found)
        )
        for finding, span, edit in zip(found, spans, edits, strict=True):
            message = finding.message if stays_text else finding.message.replace(_AUTO, _QUOTE_FIRST)
            if finding.kind == "space" and span is None and "\n" in node.source:
                message = _FOLD
            elif unfixable:
                message, edit = message.replace(_AUTO, ""), None
            line, col = located.line_col(finding.spot()[0])
            ctx.problems.append(Problem(ctx.file, line, col, path, message, "warning", fix=edit))
