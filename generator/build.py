"""Orchestration: validate a report, render the requested outputs, write them atomically."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, errors_of
from .images import Pictures
from .model import Report
from .output import write_atomic
from .render import libreoffice
from .render.docx import render_docx
from .render.outline import Outline
from .validate import validate

log = logging.getLogger("tripreport")

FORMATS = ("docx", "pdf")
DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] = FORMATS
    templates: Path = DEFAULT_TEMPLATES
    toc_pages: bool = False
    strict: bool = False


def load_checked(path: Path, strict: bool = False) -> Report:
    """The model of the report at ``path``; raises ContentError listing every problem."""
    report, problems = validate(path)
    failing = problems if strict else errors_of(problems)
    for problem in problems:
        if problem not in failing:
            log.warning("%s", problem)
    if failing or report is None:
        raise ContentError(failing)
    return report


def output_dir(report: Report, outdir: Path) -> Path:
    return outdir / report.slug


def build_report(path: Path, outdir: Path, options: BuildOptions = BuildOptions()) -> list[Path]:
    """Build one report; returns the files written. Nothing is written when content is bad."""
    report = load_checked(path, options.strict)
    target = output_dir(report, outdir)
    pictures = Pictures(outdir / ".cache" / "images")
    written: list[Path] = []
    if "docx" in options.formats:
        template = options.templates / "report.docx"
        data = render_docx(report, template, pictures)
        if options.toc_pages:
            pages = libreoffice.toc_pages(libreoffice.convert(data, "pdf"), Outline(report).toc)
            data = render_docx(report, template, pictures, toc_pages=pages)
        docx_path = target / f"{report.slug}.docx"
        write_atomic(docx_path, data)
        written.append(docx_path)
    return written
