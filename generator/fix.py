"""`tripreport fix`: apply the safe corrections of the writing checks to report.yaml in place,
changing those characters only (comments, quoting, indentation and line endings stay)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem
from .output import write_atomic
from .validate import report_file, validate

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Fixes:
    data: bytes | None  # the file with every fix made; None if there is nothing to fix
    fixed: list[Problem]  # the problems fixed (each with its fix)
    left: list[Problem]  # every other problem `check` shows


def plan_fixes(path: Path) -> Fixes:
    """The report at ``path`` fixed, in memory."""
    _, problems = validate(path)
    fixable = sorted((p for p in problems if p.fix), key=lambda p: p.fix or ())
    if not fixable:
        return Fixes(None, [], problems)
    data = report_file(path).read_bytes()
    bom = _BOM if data.startswith(_BOM) else b""
    text = data[len(bom) :].decode("utf-8")
    # Offsets count the characters of the text as loaded, where a CRLF is one line break:
    # each CRLF before an offset moves it by one in the file.
    crlfs = [m.start() - i for i, m in enumerate(re.finditer("\r\n", text))]
    fixed: list[Problem] = []
    pieces, pos = [], 0
    for problem in fixable:
        assert problem.fix is not None
        offset, before, after = problem.fix
        at = offset + bisect.bisect_left(crlfs, offset)
        # Not written so in the file (a LINE SEPARATOR read as a space), or a second fix of
        # the same place: left alone.
        if at >= pos and text[at : at + len(before)] == before:
            pieces += [text[pos:at], after]
            pos = at + len(before)
            fixed.append(problem)
    fixed_data = bom + "".join([*pieces, text[pos:]]).encode("utf-8")
    return Fixes(fixed_data, fixed, [p for p in problems if p not in fixed])


def fix_report(path: Path, dry_run: bool = False) -> Fixes:
    """Fix the report at ``path`` in place (atomically), unless ``dry_run``."""
    fixes = plan_fixes(path)
    if fixes.data is not None and fixes.fixed and not dry_run:
        write_atomic(report_file(path), fixes.data)
    return fixes
