"""Stage 1: read report.yaml into a tree of nodes that remember their line and column."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

MAX_YAML_BYTES = 2 * 1024 * 1024  # a long report is ~200 KB; more is a mistake or an attack
# Nesting: the deepest real report (a list in a section of a visit in a chapter) is ~15 levels;
# thousands of `[` would exhaust Python's recursion (docs/content-format.md).
MAX_DEPTH = 50
# Line breaks as YAML counts them but no editor shows them: NEL, LINE and PARAGRAPH SEPARATOR.
# They are read as the spaces they look like, so lines and columns are the editor's.
_HIDDEN_BREAKS = str.maketrans({"\x85": " ", "\u2028": " ", "\u2029": " "})

# The tags PyYAML's YAML 1.1 resolver gives plain scalars, in words a clerk understands.
KINDS = {
    "tag:yaml.org,2002:str": "text",
    "tag:yaml.org,2002:int": "number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "date",
    "tag:yaml.org,2002:map": "map",
    "tag:yaml.org,2002:seq": "list",
}


@dataclass
class Node:
    """A YAML value with its 1-based position; ``raw`` is the scalar as written."""

    kind: str  # one of KINDS' values
    value: Any  # dict[str, Node] for maps, list[Node] for lists, else the Python value
    line: int
    col: int
    raw: str = ""
    key_marks: dict[str, tuple[int, int]] = field(default_factory=dict)
    # A scalar as written in the file (quotes and block indicators included) and where it
    # starts in the decoded text: the writing checks locate characters inside it.
    source: str = ""
    offset: int = 0
    style: str = ""  # "" plain, "'" or '"' quoted, "|" literal, ">" folded


def text_nodes(node: Node, path: str = "") -> Iterator[tuple[Node, str]]:
    """Every text scalar under ``node``, with its dotted path."""
    if node.kind == "map":
        for key, child in node.value.items():
            yield from text_nodes(child, f"{path}.{key}" if path else key)
    elif node.kind == "list":
        for i, child in enumerate(node.value):
            yield from text_nodes(child, f"{path}[{i}]")
    elif node.kind == "text":
        yield node, path


class LoadFailed(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 5× faster when present
# Folding (`>`) joins lines with a space, which Chinese does not put between its characters.
_FOLDED_CJK_SPACE = re.compile(r"(?<=[\u2e80-\u9fff\uf900-\uffef]) (?=[\u2e80-\u9fff\uf900-\uffef])")


def load_yaml(path: Path) -> tuple[Node | None, list[Problem]]:
    """Parse ``path``; on failure return ``None`` and the one located problem that stopped it."""
    try:
        text = _decode(path, path.read_bytes())
        try:
            root = _compose(path, text, _FAST_LOADER)
        except yaml.MarkedYAMLError as fast_error:
            try:  # PyYAML's own parser words and places errors the way our messages expect
                root = _compose(path, text, yaml.SafeLoader)
            except yaml.MarkedYAMLError as exc:
                raise LoadFailed(_syntax_problem(path, exc)) from None
            raise LoadFailed(_syntax_problem(path, fast_error)) from None
        if root is None:
            raise LoadFailed(Problem(path, 1, 1, "", "檔案沒有內容；請用 tripreport new 產生範本再填寫。"))
        problems: list[Problem] = []
        return _convert(path, text, root, problems), problems
    except LoadFailed as failed:
        return None, [failed.problem]
    except yaml.reader.ReaderError as exc:  # a control character: PyYAML gives it no mark
        return None, [_unprintable(path, text, exc)]


def _unprintable(path: Path, text: str, exc: yaml.reader.ReaderError) -> Problem:
    """Locate the character the YAML reader refused: its first occurrence (libyaml counts
    bytes, PyYAML characters, so the reported position is not used)."""
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    at = max(text.find(char), 0)
    before = text[:at]
    return Problem(
        path,
        before.count("\n") + 1,
        at - before.rfind("\n"),
        "",
        "這裡有無法顯示的控制字元；請刪除它（通常來自複製貼上）。",
    )


def _decode(path: Path, data: bytes) -> str:
    if len(data) > MAX_YAML_BYTES:
        raise LoadFailed(
            Problem(
                path,
                1,
                1,
                "",
                f"檔案有 {len(data) // 1024} KB，超過上限 "
                f"{MAX_YAML_BYTES // 1024} KB；請把過長的內容移到附件。",
            )
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data[:200]):
        raise LoadFailed(Problem(path, 1, 1, "", "檔案是 UTF-16 編碼；請在編輯器中另存為 UTF-8。"))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 BOM, as Notepad writes it: harmless
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        lines = re.split(rb"\r\n|\r|\n", data[: exc.start])  # editors count all three
        line, col = len(lines), len(lines[-1].decode("utf-8", "replace")) + 1
        guess = "（看起來是 Big5）" if _is_big5(data) else ""
        raise LoadFailed(
            Problem(path, line, col, "", f"檔案不是 UTF-8 編碼{guess}；請在編輯器中另存為 UTF-8。")
        ) from None
    if not text.strip():
        raise LoadFailed(Problem(path, 1, 1, "", "檔案沒有內容；請用 tripreport new 產生範本再填寫。"))
    # One line break, as editors count them; YAML folds CR and CRLF to LF in values anyway.
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_HIDDEN_BREAKS)


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without a BOM: every other byte of ASCII text is NUL. A stray NUL is a control
    character, refused where it is."""
    return len(head) >= 2 and head.count(0) * 3 >= len(head)


def _is_big5(data: bytes) -> bool:
    try:
        data.decode("big5")
    except UnicodeDecodeError:
        return False
    return True


def _compose(path: Path, text: str, loader: type) -> yaml.Node | None:
    """The node tree; anchors and aliases are refused first: clerks never need them, and they
    enable "billion laughs" files. So are tags (`!!binary`, `!include`, `!!python/…`), which
    would otherwise be dropped silently, and nesting deeper than MAX_DEPTH."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        refused = None
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            refused = "不支援 YAML 錨點與別名（& 與 *）；請直接寫出內容。"
        elif tag := getattr(event, "tag", None):
            refused = f"不支援 YAML 標籤（{_short_tag(tag)}）；請刪除它，以「!」開頭的文字請加上引號。"
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                refused = f"巢狀層次超過上限 {MAX_DEPTH} 層；請檢查縮排與括號（[ 與 {{ 要成對）。"
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if refused:
            raise LoadFailed(Problem(path, *where, "", refused))
    return yaml.compose(text, Loader=loader)


def _short_tag(tag: str) -> str:
    """A tag as it was written: tag:yaml.org,2002:binary was !!binary."""
    tag = tag.replace("tag:yaml.org,2002:", "!!")
    return tag if len(tag) <= 40 else tag[:40] + "…"


def _syntax_problem(path: Path, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or ""
    if "'\\t'" in problem:
        message = "這裡有 Tab 字元；YAML 只能用空白縮排，請把 Tab 換成空白。"
    elif "mapping values are not allowed" in problem:
        message = "YAML 語法錯誤：冒號位置不對；文字中有「: 」時請把整段加上引號，或檢查縮排。"
    elif "could not find expected ':'" in problem:
        message = "YAML 語法錯誤：這一行少了「欄位: 值」的冒號，或上一行的縮排不對。"
    elif "found duplicate anchor" in problem or "undefined alias" in problem:
        message = "不支援 YAML 錨點與別名（& 與 *）；請直接寫出內容。"
    else:
        message = f"YAML 語法錯誤（{problem}）；請檢查這一行與上一行的縮排、引號與冒號。"
    return Problem(path, line, col, "", message)


def unfold_cjk(folded: str) -> str:
    """A folded (``>``) scalar's text without the spaces folding put between Chinese characters."""
    return _FOLDED_CJK_SPACE.sub("", folded)


def _convert(path: Path, text: str, node: yaml.Node, problems: list[Problem]) -> Node:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    kind = KINDS.get(node.tag, "text")
    if isinstance(node, yaml.MappingNode):
        items: dict[str, Node] = {}
        marks: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                problems.append(
                    Problem(
                        path,
                        kline,
                        kcol,
                        "",
                        "欄位名稱必須是英文字，例如 title；若這是內容，請在前面加上「- 」或用引號括起來。",
                    )
                )
                continue
            key = key_node.value
            if key in items:
                first = marks[key][0]
                problems.append(
                    Problem(path, kline, kcol, key, f"欄位重複（第 {first} 行已經寫過）；請刪除其中一個。")
                )
                continue
            items[key] = _convert(path, text, value_node, problems)
            marks[key] = (kline, kcol)
        return Node("map", items, line, col, key_marks=marks)
    if isinstance(node, yaml.SequenceNode):
        return Node("list", [_convert(path, text, n, problems) for n in node.value], line, col)
    raw = unicodedata.normalize("NFC", node.value)
    if getattr(node, "style", None) == ">":
        raw = unfold_cjk(raw)
    if kind == "text":
        start, end = node.start_mark.index, node.end_mark.index
        style = getattr(node, "style", None) or ""
        return Node(kind, raw, line, col, raw=raw, source=text[start:end], offset=start, style=style)
    try:
        value = _CONSTRUCTOR.construct_object(node)
    except ValueError:  # a date-shaped value such as 2015-02-30 that is no date, a huge number
        return Node("bad-date" if kind == "date" else kind, raw, line, col, raw=raw)
    if kind == "date" and isinstance(value, dt.datetime):
        kind = "datetime"
    return Node(kind, value, line, col, raw=raw)
