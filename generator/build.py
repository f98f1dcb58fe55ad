"""Orchestration: validate a report, render the requested outputs, write them atomically."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from .errors import ContentError, errors_of
from .images import Pictures
from .model import Report
from .output import write_atomic
from .render import libreoffice
from .render.docx import render_docx, render_review_sheet
from .render.outline import Outline
from .render.pdf import render_pdf
from .validate import validate

log = logging.getLogger("tripreport")

FORMATS = ("docx", "pdf")
DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] = FORMATS
    templates: Path = DEFAULT_TEMPLATES
    toc_pages: bool = False
    review_sheet: bool = False  # also write the 審核表; a report can ask for it in its settings
    pdf_variant: str | None = None
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
    cache = outdir / ".cache"
    pictures = Pictures(cache / "images")
    written: list[Path] = []

    def write(name: str, data: bytes) -> None:
        write_atomic(target / name, data)
        written.append(target / name)

    # The 提要 sheet's 頁數 is the PDF's page count: the PDF is made first, or, when only the
    # .docx is asked for, read from the PDF an earlier build left (as `make` builds them).
    pdf_path = target / f"{report.slug}.pdf"
    page_count = len(PdfReader(pdf_path).pages) if pdf_path.exists() else None
    if "pdf" in options.formats:
        pdf, page_count = render_pdf(report, options.templates, pictures, cache,
                                     options.pdf_variant)
        write(pdf_path.name, pdf)
    if "docx" in options.formats:
        template = options.templates / "report.docx"
        data = render_docx(report, template, pictures, page_count=page_count)
        if options.toc_pages:
            pages = libreoffice.toc_pages(libreoffice.convert(data, "pdf"), Outline(report).toc)
            data = render_docx(report, template, pictures, toc_pages=pages, page_count=page_count)
        write(f"{report.slug}.docx", data)
        if options.review_sheet or report.settings.review_sheet:
            write(f"{report.slug}-審核表.docx", render_review_sheet(report, template))
    return written
