"""Figure and table numbers (圖1、表1, or 圖一、表一) and the references to them from text.

Ids are collected while report.yaml is read (``Label``), and references by the paragraphs that
hold them (blockspecs.py); ``check_references`` then reports, where it is written, a reference to
no id or to an id of the other kind. ``number_captions`` writes the numbers into the model, in
document order: each numbered figure's and table's ``label`` and the text of each reference, so
that both outputs and the plain text print the same 「圖1」.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from typing import Any

from . import model as m
from .blocks import walk_blocks
from .fields import Context, Spec, Text
from .load import Node
from .wording.numbering import chinese

KINDS = {"fig": "圖", "tbl": "表"}
# Between the label and the caption: 「圖1　說明」, 「圖一、說明」.
SEPARATORS = {"阿拉伯數字": "\u3000", "中文數字": "、"}
_ID = re.compile(r"[A-Za-z0-9_-]+")


class Label(Spec):
    """The ``id`` of a figure (``kind`` "fig") or table ("tbl"): unique in the report."""

    def __init__(self, kind: str):
        self.kind = kind

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^{_ID.pattern}$"}

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        text = Text(max_len=50).convert(node, path, ctx)
        if not isinstance(text, str):
            return text
        if not _ID.fullmatch(text):
            return ctx.report(
                node, path, f"「{text}」不能當作 id；id 只能用英文字母、數字、- 與 _，例如 poster。"
            )
        if text in ctx.labels:
            kind, (line, _) = ctx.labels[text]
            return ctx.report(
                node,
                path,
                f"id「{text}」在第 {line} 行的{KINDS[kind]}已經用過；每張圖、每個表的 id 都要不同。",
            )
        ctx.labels[text] = (self.kind, (node.line, node.col))
        return text


def check_references(ctx: Context) -> None:
    """Report each reference to an id that no figure or table has, or that the other kind has."""
    for where, path, ref in ctx.references:
        kind, _, name = ref.partition(":")
        if name not in ctx.labels:
            ids = [f"@{k}:{n}" for n, (k, _) in ctx.labels.items()]
            close = difflib.get_close_matches(f"@{ref}", ids, n=1, cutoff=0.6)
            hint = f"是不是要寫 {close[0]}？" if close else f"請在所指的{KINDS[kind]}加上 id: {name}。"
            ctx.report(
                where, path, f"找不到 @{ref} 所指的{KINDS[kind]}（沒有 id 為 {name} 的{KINDS[kind]}）；{hint}"
            )
        elif (actual := ctx.labels[name][0]) != kind:
            ctx.report(
                where, path, f"@{ref} 所指的是{KINDS[actual]}，不是{KINDS[kind]}；請寫成 @{actual}:{name}。"
            )


def number(n: int, style: str) -> str:
    return chinese(n) if style == "中文數字" else str(n)


def caption_line(block: m.Figure | m.Table, style: str) -> str:
    """The caption as printed: 「圖1　說明」 (or 「圖一、說明」); a table's caption may be empty."""
    caption = block.caption or ""
    return f"{block.label}{SEPARATORS[style]}{caption}" if block.label else caption


def number_captions(report: m.Report) -> m.Report:
    """The report with every figure and captioned table numbered in document order (appendix
    photos are not) and every reference's text its number. Call only on a report whose
    references were checked without errors."""
    style = report.settings.caption_numbers
    counts = dict.fromkeys(KINDS, 0)
    labels: dict[int, str] = {}  # id(block) → 「圖1」
    by_name: dict[str, str] = {}  # its YAML id → 「圖1」
    for _, block in walk_blocks(report):
        if not isinstance(block, (m.Figure, m.Table)) or not block.caption:
            continue  # an uncaptioned table: no number
        kind = "fig" if isinstance(block, m.Figure) else "tbl"
        counts[kind] += 1
        labels[id(block)] = f"{KINDS[kind]}{number(counts[kind], style)}"
        if block.id:
            by_name[block.id] = labels[id(block)]
    return _numbered(report, labels, by_name)


def _numbered(node: Any, labels: dict[int, str], by_name: dict[str, str]) -> Any:
    """``node`` rebuilt with the labels and reference texts written in (the model is frozen)."""
    if isinstance(node, m.Span):
        return dataclasses.replace(node, text=by_name[node.ref.partition(":")[2]]) if node.ref else node
    if isinstance(node, tuple):
        return tuple(_numbered(child, labels, by_name) for child in node)
    if not dataclasses.is_dataclass(node) or isinstance(node, type):
        return node
    changes = {f.name: _numbered(getattr(node, f.name), labels, by_name) for f in dataclasses.fields(node)}
    if id(node) in labels:
        changes["label"] = labels[id(node)]
    return dataclasses.replace(node, **changes)
