"""Stage 2: turn a report.yaml into the model, collecting every problem with its location."""

from __future__ import annotations

from pathlib import Path

from .checks import check_report
from .coverage import check_coverage
from .errors import Problem, errors_of
from .fields import INVALID, Context, known
from .load import load_yaml
from .model import Report
from .schema import convert_report
from .writing import check_writing

REPORT_FILE = "report.yaml"


def report_file(path: Path) -> Path:
    """The report.yaml that ``path`` names: the file itself or the one in the folder."""
    return path / REPORT_FILE if path.is_dir() else path


def validate(path: Path, decode_images: bool = True) -> tuple[Report | None, list[Problem]]:
    """Load and check one report; the model is None when there are errors.

    Problems come sorted by position, errors and warnings together; nothing is raised for bad
    content, so a caller can show everything at once. ``decode_images`` False: images are
    checked up to their headers and end markers only (a build decodes them itself).
    """
    file = report_file(path)
    if not file.is_file():
        return None, [Problem(file, 1, 1, "", "找不到這個檔案；請確認路徑，或用 tripreport new 建立新報告。")]
    root, problems = load_yaml(file)
    if root is None:
        return None, problems
    ctx = Context(file=file, folder=file.parent, problems=problems, decode_images=decode_images)
    report = convert_report(root, ctx)
    # The cross-field checks run on whatever was built (a field with an error is INVALID in
    # the model and the checks needing it are skipped), so one mistake never hides others.
    if report is not None:
        check_report(report, ctx)
    check_coverage(root, ctx)
    settings = report.settings if report is not None else INVALID
    check_writing(root, [term for term in settings.allow if known(term)], ctx)  # INVALID: empty
    problems = sorted(ctx.problems)
    return (None if errors_of(problems) else report), problems
