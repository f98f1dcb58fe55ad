"""Field types of the content format: each converts a located node or reports why it can't."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Problem, Severity
from .load import Node


class _Invalid:
    """The value of a field that had a problem. The model built around it is incomplete: its
    attributes are INVALID too and it iterates as empty, so the cross-field checks can test
    ``known(...)`` and skip only what depends on a bad field (one mistake never hides others)."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # Python's protocols (copy, pickle) must not see a value here
            raise AttributeError(name)
        return self

    def __iter__(self) -> Any:
        return iter(())

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()  # the result of a conversion that reported a problem


def known(*values: Any) -> bool:
    """Whether none of ``values`` is (part of) a field that had a problem."""
    return all(v is not INVALID for v in values)


# Characters an XML 1.0 document (and so a .docx) cannot hold.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Text still to be filled in: 「○○」, TODO notes, and the sample text of generator/scaffold/*.yaml.
_PLACEHOLDERS = re.compile(r"○○|TODO|XXX|請在此|02-0000-0000|name@example\.gov\.tw", re.I)
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# Characters that show nothing: white space, format characters (zero-width space and joiners,
# direction marks, BOM, soft hyphen), Hangul fillers, the blank braille pattern. A field made
# of these alone is empty.
_INVISIBLE = re.compile(
    r"[\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f"
    r"\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0]*"
)
# Dates a report can have: from 民國元年 (1912), so that every 民國 year is ≥ 1, to an end far
# enough for any trip and near enough that no computed deadline overflows (docs/content-format.md).
MIN_DATE, MAX_DATE = dt.date(1912, 1, 1), dt.date(2999, 12, 31)
_SHOWN = 40  # characters of a wrong value a message repeats
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


@dataclass
class Context:
    """What a conversion needs besides the node: where problems go, the report folder."""

    file: Path
    folder: Path
    problems: list[Problem] = field(default_factory=list)
    locations: dict[str, tuple[int, int]] = field(default_factory=dict)
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)  # where each key is written
    image_bytes: dict[Path, int] = field(default_factory=dict)  # each distinct image's size
    decode_images: bool = True  # False: a build's image step decodes them (images.inspect_image)
    # Figure and table ids ("poster" → ("fig", where)) and the references written in text
    # ((where, path, "fig:poster")): checked against each other once the whole file is read.
    labels: dict[str, tuple[str, tuple[int, int]]] = field(default_factory=dict)
    references: list[tuple[tuple[int, int], str, str]] = field(default_factory=list)

    def report(
        self,
        node: Node | tuple[int, int],
        path: str,
        message: str,
        severity: Severity = "error",
        placeholder: bool = False,
    ) -> Any:
        line, col = (node.line, node.col) if isinstance(node, Node) else node
        self.problems.append(Problem(self.file, line, col, path, message, severity, placeholder))
        return INVALID

    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return f"是不是要寫 {close[0]}？" if close else f"可用的有：{'、'.join(choices)}。"


def wrong_type(node: Node, expected: str) -> str:
    """Say what YAML made of the value, and how to get what was meant."""
    raw = node.raw
    if len(raw) > _SHOWN:  # a message repeats what is written, not 5000 digits of it
        what = {"number": "數字", "bool": "是非值"}.get(node.kind, "日期")
        return (
            (
                f"應為{expected}，但 YAML 把 {raw[: _SHOWN // 2]}…（共 {len(raw)} 個字元）讀成"
                f"{what}；請把整段加上引號。"
            )
            if node.kind in ("number", "bool", "date", "datetime", "bad-date")
            else f"應為{expected}。"
        )
    if node.kind == "number" and ":" in raw:
        return f'應為{expected}，但 YAML 把 {raw} 當成六十進位數字 {node.value}；請加上引號，寫成 "{raw}"。'
    if node.kind == "number":
        return f'應為{expected}，但 YAML 把 {raw} 讀成數字；請加上引號，寫成 "{raw}"。'
    if node.kind == "bool":
        return f'應為{expected}，但 YAML 把 {raw} 讀成是非值；請加上引號，寫成 "{raw}"。'
    if node.kind in ("date", "datetime", "bad-date"):
        return f'應為{expected}，但 YAML 把 {raw} 讀成日期；請加上引號，寫成 "{raw}"。'
    if node.kind == "null":
        return f"應為{expected}，但這裡是空的；請填入內容。"
    if node.kind == "map":
        return f"應為{expected}，但這裡是「欄位: 值」的對照表；請檢查縮排。"
    if node.kind == "list":
        return f"應為{expected}，但這裡是清單（以「- 」開頭）；請檢查縮排。"
    return f"應為{expected}。"


class Spec:
    """A field type. ``convert`` returns the Python value or INVALID after reporting."""

    expected = "值"

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        """This type in JSON Schema, for editors that complete and check report.yaml."""
        raise NotImplementedError


class Text(Spec):
    expected = "文字"

    def __init__(self, max_len: int = 5000, single_line: bool = True):
        self.max_len = max_len
        self.single_line = single_line

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "maxLength": self.max_len}

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if node.kind != "text":
            return ctx.report(node, path, wrong_type(node, self.expected))
        text = node.value.strip()
        if not text:
            return ctx.report(node, path, "不可為空白；請填入內容，或刪除這個欄位。")
        if _INVISIBLE.fullmatch(text):
            return ctx.report(
                node, path, f"只有看不見的字元（{_codes(text)}），等於空白；請填入內容，或刪除這個欄位。"
            )
        if bad := _XML_FORBIDDEN.search(text):
            return ctx.report(
                node,
                path,
                f"含有 Word 檔無法保存的控制字元 U+{ord(bad.group()):04X}（通常來自複製貼上）；請刪除它。",
            )
        if len(text) > self.max_len:
            return ctx.report(node, path, f"有 {len(text)} 個字，超過上限 {self.max_len} 字；請縮短或分段。")
        if self.single_line:
            text = " ".join(text.split("\n"))
        if found := _PLACEHOLDERS.search(text):
            ctx.report(
                node, path, f"還有待填的「{found.group()}」；請換成實際內容。", "warning", placeholder=True
            )
        return text


def _codes(text: str) -> str:
    """The distinct code points of ``text``, as U+200B、U+FEFF (the first five)."""
    codes = [f"U+{ord(c):04X}" for c in dict.fromkeys(text)]
    return "、".join(codes[:5]) + ("…" if len(codes) > 5 else "")


class Choice(Spec):
    def __init__(self, choices: Sequence[str], label: str):
        self.choices = tuple(choices)
        self.expected = label

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(self.choices)}

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        text = Text(max_len=100).convert(node, path, ctx)
        if text is INVALID or text in self.choices:
            return text
        return ctx.report(
            node, path, f"「{text}」不是可用的{self.expected}；{did_you_mean(text, self.choices)}"
        )


class Bool(Spec):
    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if node.kind != "bool":
            return ctx.report(node, path, "應為 true 或 false。")
        return node.value


class Date(Spec):
    expected = "日期"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{1,2}-\d{1,2}$"}

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        day = self._date(node, path, ctx)
        if day is not INVALID and not MIN_DATE <= day <= MAX_DATE:
            return ctx.report(node, path, _out_of_range(day.isoformat()))
        return day

    def _date(self, node: Node, path: str, ctx: Context) -> Any:
        if node.kind == "date":
            return node.value
        if node.kind == "datetime":
            return ctx.report(node, path, "只寫日期，不寫時間，例如 2015-03-09。")
        text = node.raw.strip()
        match = _DATE.match(text)
        if node.kind in ("text", "bad-date") and match:
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                if int(match.group(1)) < MIN_DATE.year:  # year 0: out of range, not a bad day
                    return ctx.report(node, path, _out_of_range(text))
                return ctx.report(node, path, f"日期 {text} 不存在；請檢查月與日。")
        if node.kind == "text" and re.match(r"^\d{2,4}[/.年]\d{1,2}[/.月]\d{1,2}日?$", text):
            return ctx.report(node, path, f"日期請用西元年-月-日，例如 2015-03-09，不要寫 {text}。")
        return ctx.report(
            node, path, wrong_type(node, "日期") if node.kind != "text" else "應為日期，寫法如 2015-03-09。"
        )


def _out_of_range(day: str) -> str:
    return (
        f"日期 {day} 超出可用範圍（{MIN_DATE.isoformat()} 至 {MAX_DATE.isoformat()}，"
        "即民國元年起）；請檢查年份。"
    )


class Time(Spec):
    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\d{1,2}:\d{2}$"}

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if node.kind != "text":
            return ctx.report(node, path, wrong_type(node, '時間（24 小時制，如 "14:30"）'))
        match = _TIME.match(node.value.strip())
        if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
            return dt.time(int(match.group(1)), int(match.group(2)))
        return ctx.report(
            node, path, f'時間「{node.value}」看不懂；請用 24 小時制，例如 "09:30" 或 "14:00"。'
        )


_NO_LIMIT = 10_000  # items of a list with no limit of its own: a bound against runaway input


class ListOf(Spec):
    def __init__(self, item: Spec, min_items: int = 1, max_items: int = _NO_LIMIT):
        self.item, self.min_items, self.max_items = item, min_items, max_items

    def json_schema(self) -> dict[str, Any]:
        limit = {"maxItems": self.max_items} if self.max_items < _NO_LIMIT else {}
        return {"type": "array", "items": self.item.json_schema(), "minItems": self.min_items, **limit}

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if node.kind != "list":
            return ctx.report(node, path, wrong_type(node, "清單（每項以「- 」開頭）"))
        if len(node.value) < self.min_items:
            return ctx.report(node, path, f"至少要有 {self.min_items} 項。")
        if len(node.value) > self.max_items:
            return ctx.report(node, path, f"有 {len(node.value)} 項，超過上限 {self.max_items} 項。")
        # With a bad item the tuple holds INVALID in its place: the caller knows from the
        # problems reported, and the cross-field checks still see the good items.
        return tuple(self.item.convert(n, f"{path}[{i}]", ctx) for i, n in enumerate(node.value))


@dataclass
class Field:
    spec: Spec
    label: str
    required: bool = True
    default: Any = None


class Obj(Spec):
    """A mapping with known keys, built into ``build(**values)``; ``check`` adds cross-field rules."""

    expected = "「欄位: 值」的對照表"

    def __init__(
        self,
        build: Callable[..., Any],
        fields: dict[str, Field],
        check: Callable[[dict[str, Any], Node, str, Context], None] | None = None,
    ):
        self.build, self.fields, self.check = build, fields, check

    def json_schema(self) -> dict[str, Any]:
        properties = {
            key: {**fld.spec.json_schema(), "description": fld.label} for key, fld in self.fields.items()
        }
        return {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
            "required": [key for key, fld in self.fields.items() if fld.required],
        }

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        ctx.locations[path] = (node.line, node.col)
        if node.kind != "map":
            return ctx.report(node, path, wrong_type(node, self.expected))
        errors = ctx.errors()
        for key in node.value:
            if key not in self.fields:
                ctx.report(
                    node.key_marks[key],
                    join(path, key),
                    f"沒有這個欄位；{did_you_mean(key, list(self.fields))}",
                )
        values: dict[str, Any] = {}
        for key, fld in self.fields.items():
            child = node.value.get(key)
            if child is None or (child.kind == "null" and not fld.required):
                if fld.required:
                    ctx.report(
                        self._where(node, path, ctx),
                        join(path, key),
                        f"缺少必填欄位 {key}（{fld.label}）；請補上。",
                    )
                    values[key] = INVALID
                elif fld.default is not None:
                    values[key] = fld.default
                continue
            ctx.locations[join(path, key)] = (child.line, child.col)
            ctx.keys[join(path, key)] = node.key_marks[key]
            values[key] = fld.spec.convert(child, join(path, key), ctx)
        if ctx.errors() > errors:
            return self._partial(values)
        if self.check:
            self.check(values, node, path, ctx)
            if ctx.errors() > errors:
                return self._partial(values)
        return self.build(**values)

    def _partial(self, values: dict[str, Any]) -> Any:
        """The object with INVALID for its bad or missing fields: never rendered (there are
        errors), but the cross-field checks still look at its good fields."""
        try:
            return self.build(**values)
        except Exception:  # a builder that needs a bad field: the whole object is unknown
            return INVALID

    @staticmethod
    def _where(node: Node, path: str, ctx: Context) -> tuple[int, int]:
        """Where a missing key is reported: at the start of the file for the top level, at
        the key that holds a block mapping (``contact:``, not the mapping's first key, which
        would look like the culprit), at the mapping itself on a list item or in braces."""
        if not path:
            return (1, 1)
        first = next(iter(node.key_marks.values()), None)
        if first == (node.line, node.col) and not path.endswith("]") and path in ctx.keys:
            return ctx.keys[path]
        return (node.line, node.col)


class OneOf(Spec):
    """A block: a plain string (``text``) or a mapping with exactly one key naming its kind."""

    expected = "區塊"

    def __init__(self, text: Spec, kinds: dict[str, Spec]):
        self.text, self.kinds = text, kinds

    def json_schema(self) -> dict[str, Any]:
        kinds = [
            {
                "type": "object",
                "properties": {kind: spec.json_schema()},
                "required": [kind],
                "additionalProperties": False,
            }
            for kind, spec in self.kinds.items()
        ]
        return {"anyOf": [self.text.json_schema(), *kinds]}

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if node.kind == "text":
            return self.text.convert(node, path, ctx)
        names = "、".join(self.kinds)
        if node.kind != "map":
            return ctx.report(node, path, wrong_type(node, f"一段文字或一個區塊（{names}）"))
        if len(node.value) != 1:
            return ctx.report(
                node,
                path,
                f"一個區塊只能有一種（{names}）；這裡有 {'、'.join(node.value) or '0 個'}，是否少了「- 」？",
            )
        ((kind, child),) = node.value.items()
        if kind not in self.kinds:
            return ctx.report(
                node.key_marks[kind],
                join(path, kind),
                f"沒有這種區塊；{did_you_mean(kind, list(self.kinds))}",
            )
        ctx.locations[join(path, kind)] = (child.line, child.col)
        ctx.keys[join(path, kind)] = node.key_marks[kind]
        return self.kinds[kind].convert(child, join(path, kind), ctx)


class Lazy(Spec):
    """A forward reference, for the recursive block grammar."""

    def __init__(self, get: Callable[[], Spec]):
        self.get = get

    def json_schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/block"}  # the one recursive type: a block holds blocks

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        return self.get().convert(node, path, ctx)


class Mapped(Spec):
    """Convert with ``spec``, then apply ``func`` to the value (e.g. wrap a tuple in a block)."""

    def __init__(self, spec: Spec, func: Callable[[Any], Any]):
        self.spec, self.func = spec, func

    def json_schema(self) -> dict[str, Any]:
        return self.spec.json_schema()

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        value = self.spec.convert(node, path, ctx)
        return INVALID if value is INVALID else self.func(value)


class TextOr(Spec):
    """A value written either as a plain string (the short form) or as a mapping (the full
    form): a name alone or ``{zh, en}``, an author alone or ``{name, affiliation}``."""

    def __init__(self, text: Spec, mapping: Obj):
        self.text, self.mapping = text, mapping
        self.expected = f"文字或{mapping.expected}"

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [self.text.json_schema(), self.mapping.json_schema()]}

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if node.kind == "map":
            return self.mapping.convert(node, path, ctx)
        return self.text.convert(node, path, ctx)
