"""report.yaml as text: block style, plain scalars where YAML reads them back as the same text,
and a `# 請確認：…` comment on each guessed value's line."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

import yaml

CONFIRM = "請確認"
_RESOLVER = yaml.resolver.Resolver()
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


@dataclass
class Note:
    """A value with a comment on its line: what was guessed and why."""

    value: Any
    comment: str


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return f'"{value:%H:%M}"'
    text = str(value)
    if _plain(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _plain(text: str) -> bool:
    if not text or text != text.strip() or "\n" in text or "\t" in text:
        return False
    if text[0] in _INDICATORS or text[-1] == ":" or ": " in text or " #" in text:
        return False
    if re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]", text):
        return False
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"


class Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.notes: list[tuple[int, str]] = []  # (line number, comment) of each guess

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def _emit(self, line: str, comment: str | None) -> None:
        if comment:
            self.notes.append((len(self.lines) + 1, comment))
            line = f"{line}  # {CONFIRM}：{comment}"
        self.lines.append(line)

    def mapping(self, data: dict[str, Any], indent: int = 0, first_prefix: str | None = None) -> None:
        pad = " " * indent
        for k, (key, value) in enumerate(data.items()):
            prefix = first_prefix if (k == 0 and first_prefix is not None) else pad
            comment = None
            if isinstance(value, Note):
                value, comment = value.value, value.comment
            if isinstance(value, dict) and value:
                self._emit(f"{prefix}{key}:", comment)
                self.mapping(value, indent + 2)
            elif isinstance(value, list) and value:
                if _one_line(value):
                    self._emit(f"{prefix}{key}: [{', '.join(_flow(v) for v in value)}]", comment)
                else:
                    self._emit(f"{prefix}{key}:", comment)
                    self.sequence(value, indent + 2)
            elif isinstance(value, (dict, list)):
                self._emit(f"{prefix}{key}: {'{}' if isinstance(value, dict) else '[]'}", comment)
            else:
                self._emit(f"{prefix}{key}: {scalar(value)}", comment)

    def sequence(self, items: list[Any], indent: int) -> None:
        pad = " " * indent
        for value in items:
            comment = None
            if isinstance(value, Note):
                value, comment = value.value, value.comment
            if isinstance(value, dict) and value:
                if comment:
                    self._emit(f"{pad}# {CONFIRM}：{comment}", None)
                    self.notes.append((len(self.lines), comment))
                self.mapping(value, indent + 2, first_prefix=f"{pad}- ")
            elif isinstance(value, list) and value:
                if _one_line(value):
                    self._emit(f"{pad}- [{', '.join(_flow(v) for v in value)}]", comment)
                else:
                    self._emit(f"{pad}-", comment)
                    self.sequence(value, indent + 2)
            else:
                self._emit(f"{pad}- {scalar(value)}", comment)


def _short(value: Any) -> bool:
    return not isinstance(value, (dict, list, Note)) and len(str(value)) < 30


def _one_line(items: list[Any]) -> bool:
    """Whether a list is written in brackets on one line: short scalars, under 80 characters."""
    return all(_short(v) for v in items) and sum(len(scalar(v)) + 2 for v in items) < 80


def _flow(value: Any) -> str:
    text = scalar(value)
    if text.startswith('"') or not re.search(r"[,\[\]{}]", text):
        return text
    return json.dumps(str(value), ensure_ascii=False)


def dump(data: dict[str, Any], header: list[str]) -> tuple[str, list[tuple[int, str]]]:
    """The YAML text and the (line, comment) of each guess."""
    writer = Writer()
    writer.lines += [f"# {line}" if line else "#" for line in header]
    writer.mapping(data)
    return writer.text(), writer.notes
