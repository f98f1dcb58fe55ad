"""Problems found in content, and the few exceptions the CLI turns into exit codes."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a report, located in its YAML file."""

    file: Path
    line: int
    col: int
    field: str  # dotted path such as ``chapters[1].blocks[0].visit.date``; "" for the file
    message: str
    severity: Severity = "error"
    # Text still to fill in (「○○」, the scaffold's samples): a warning for `check` and
    # `build --draft`, an error for `build` (see build.load_checked).
    placeholder: bool = False
    # A safe correction `tripreport fix` applies: (offset in the decoded file, the text
    # written there, its replacement); see generator/writing.py.
    fix: tuple[int, str, str] | None = dataclasses.field(default=None, compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}: "
        kind = "警告：" if self.severity == "warning" else ""
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{kind}{self.message}"


class TripReportError(Exception):
    """Base of every error the CLI reports without a traceback."""


class ContentError(TripReportError):
    """The report's content has errors; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class TemplateError(TripReportError):
    """A template (ours or an agency's) is broken; names the template file and line."""


class RenderError(TripReportError):
    """An output could not be produced (a missing tool, a failed conversion)."""


class ImageError(RenderError):
    """The image step could not read an image that `check` (without decoding it) let pass: the
    build asks validate again, decoding, to say where report.yaml names it."""


def internal_error(exc: BaseException) -> str:
    """What a clerk is told about a bug of ours (any exception that is not a TripReportError)."""
    return (
        f"tripreport 內部錯誤：{type(exc).__name__}: {exc}\n請加上 --debug 重新執行，並把訊息回報給維護者。"
    )


def errors_of(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
