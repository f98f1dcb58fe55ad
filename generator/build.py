"""Orchestration: validate a report, render the requested outputs, write them atomically."""

from __future__ import annotations

import dataclasses
import errno
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from . import images, portal
from .blocks import walk_blocks
from .errors import ContentError, ImageError, RenderError, errors_of
from .forms import SUMMARY_SHEET, TOC, form_of
from .images import MAX_EDGE, PDF_EDGE, Pictures
from .model import Figure, Report
from .output import remove_stale_temporaries, write_all_atomic, write_atomic
from .render import libreoffice
from .validate import validate
from .wording.outline import Outline

log = logging.getLogger("tripreport")

FORMATS = ("docx", "pdf", "odt")
DEFAULT_FORMATS = ("docx", "pdf")
PDF_VARIANTS = ("pdf/a-2b", "pdf/ua-1")  # every PDF is tagged; pdf/ua-1 also says it is PDF/UA
DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PDF_TEMPLATES = ("report.html.j2", "blocks.html.j2", "report.css")  # what the PDF's layout comes from


@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] = DEFAULT_FORMATS
    templates: Path = DEFAULT_TEMPLATES
    toc_pages: bool = False
    review_sheet: bool = False  # also write the 審核表; a report can ask for it in its settings
    pdf_variant: str | None = None
    public: bool = False  # leave out restricted (限閱) chapters; outputs named <slug>-public.*
    strict: bool = False
    draft: bool = False  # build despite text still to fill in, and mark every page 「草稿」

    def recorded(self, output: str) -> str:
        """The options that shaped ``output`` (a file name) and differ from the defaults, as
        command-line flags ("" for a default build): written beside it as
        ``.<output>.options``, which make's rules depend on (see Makefile)."""
        flags = []
        document = "審核表" not in output
        if output.endswith((".docx", ".odt")) and document and self.toc_pages != toc_pages_by_default():
            flags.append("--toc-pages" if self.toc_pages else "--no-toc-pages")
        if self.draft and document:
            flags.append("--draft")
        if output.endswith(".pdf") and self.pdf_variant:
            flags.append(f"--pdf-variant {self.pdf_variant}")
        if self.templates != DEFAULT_TEMPLATES:
            flags.append(f"--templates {self.templates.resolve()}")
        return " ".join(flags)


def toc_pages_by_default() -> bool:
    """Whether a build without --toc-pages / --no-toc-pages numbers the .docx's 目次: yes
    when LibreOffice, which lays the .docx out to find the numbers, is installed."""
    try:
        libreoffice.soffice()
    except RenderError:
        return False
    return True


def load_checked(path: Path, strict: bool = False, draft: bool = False, decode_images: bool = True) -> Report:
    """The model of the report at ``path``; raises ContentError listing every problem. Text
    still to fill in (「○○」) is an error, unless ``draft``. ``decode_images``: as validate's."""
    report, problems = validate(path, decode_images)
    if not draft:
        problems = [
            dataclasses.replace(
                p, severity="error", message=p.message.removesuffix("。") + "（或加上 --draft 先產生草稿）。"
            )
            if p.placeholder
            else p
            for p in problems
        ]
    failing = problems if strict else errors_of(problems)
    for problem in problems:
        if problem not in failing:
            log.warning("%s", problem)
    if failing or report is None:
        raise ContentError(failing)
    return report


def image_files(report: Report) -> list[tuple[Path, int]]:
    """Every image the report prints, with its clockwise rotation."""
    figures = [(i.file, i.rotate) for _, b in walk_blocks(report) if isinstance(b, Figure) for i in b.images]
    return figures + [(p.file, p.rotate) for p in report.appendix.photos]


def public_version(report: Report) -> Report:
    """The report without its restricted (限閱) chapters, for the public portal."""
    return dataclasses.replace(report, chapters=tuple(c for c in report.chapters if not c.restricted))


def build_report(path: Path, outdir: Path, options: BuildOptions = BuildOptions()) -> list[Path]:
    """Build one report into ``outdir/<slug>/``; returns the files written.

    Every output is rendered in memory first and written (atomically) only when all of them
    succeeded: bad content or a failing renderer leaves earlier outputs as they were.
    """
    report = load_checked(path, options.strict, options.draft, decode_images=False)
    check_outdir(outdir)
    if options.public:
        report = public_version(report)
    stem = f"{report.slug}-public" if options.public else report.slug
    target = outdir / report.slug
    cache = images.cache_dir()
    edges = ((PDF_EDGE,) if "pdf" in options.formats else ()) + (
        (MAX_EDGE,) if {"docx", "odt"} & set(options.formats) else ()
    )
    with Pictures(cache / "images") as pictures:
        try:
            # Each image decoded (which is also the check load_checked left out), once per
            # scale its copies need, in the background while WeasyPrint is imported and the
            # PDF laid out; without a PDF, first.
            pictures.start(image_files(report), edges)
            if "pdf" not in options.formats:
                pictures.finish()
            outputs = _render(report, path, pictures, cache, target / f"{stem}.pdf", options)
            pictures.finish()
        except ImageError:
            # An image that does not decode: say where report.yaml names it, as `check` does.
            if errors := errors_of(validate(path)[1]):
                raise ContentError(errors) from None
            raise
    try:
        if target.is_dir():
            remove_stale_temporaries(target)
        for name in outputs:  # before the outputs, so that they are newer (make compares times)
            if not name.endswith(".portal.json"):
                _record_options(target / f".{name}.options", options.recorded(name))
        write_all_atomic({target / name: data for name, data in outputs.items()})
    except OSError as exc:
        raise RenderError(write_failure(exc, target)) from None
    return [target / name for name in outputs]


def _render(
    report: Report, path: Path, pictures: Pictures, cache: Path, pdf_path: Path, options: BuildOptions
) -> dict[str, bytes]:
    """Every output ``options`` asks for, by file name (the PDF's: ``pdf_path``), in memory."""
    form = form_of(report.form)
    stem = pdf_path.stem
    outputs: dict[str, bytes] = {}
    # The 提要 sheet's 頁數 is the PDF's page count: the PDF is made first, or, when only the
    # .docx is asked for, read from the PDF an earlier build left (as `make` builds them).
    counted = form.prints(SUMMARY_SHEET) or form.portal  # the forms that print or send 頁數
    page_count = (
        None if "pdf" in options.formats or not counted else _current_page_count(pdf_path, report, options)
    )
    if "pdf" in options.formats:
        from .render.pdf import render_pdf  # WeasyPrint takes 0.5 s to import: only when needed

        outputs[pdf_path.name], page_count = render_pdf(
            report, options.templates, pictures, cache, options.pdf_variant, options.draft
        )
    if "docx" in options.formats or "odt" in options.formats:
        # Imported here, as WeasyPrint above: `check` and the CLI start without python-docx.
        from .render.docx import render_docx, render_review_sheet

        template = options.templates / "report.docx"
        data = render_docx(report, template, pictures, page_count=page_count, draft=options.draft)
        if options.toc_pages and form.prints(TOC):
            pages = libreoffice.toc_pages(libreoffice.convert(data, "pdf"), Outline(report).toc)
            data = render_docx(
                report, template, pictures, toc_pages=pages, page_count=page_count, draft=options.draft
            )
        if "docx" in options.formats:
            outputs[f"{stem}.docx"] = data
        if "odt" in options.formats:
            outputs[f"{stem}.odt"] = libreoffice.convert(data, "odt")
        if options.review_sheet and not form.review_sheet:
            log.warning("%s：%s沒有審核表，--review-sheet 不產生任何檔案。", path, form.title)
        if form.review_sheet and (options.review_sheet or report.settings.review_sheet):
            outputs[f"{stem}-審核表.docx"] = render_review_sheet(report, template)
    if form.portal:
        outputs[f"{stem}.portal.json"] = portal.record_json(report, page_count)
    return outputs


def check_outdir(outdir: Path) -> None:
    """Refuse an output folder that names a file or cannot be written, before any work."""
    for folder in (outdir, *outdir.absolute().parents):
        if folder.exists() or folder.is_symlink():
            if not folder.is_dir():
                raise RenderError(f"{folder} 是檔案，不是資料夾；請用 -o 指定資料夾（預設 build）。")
            if not os.access(folder, os.W_OK | os.X_OK):
                raise RenderError(f"沒有權限寫入 {folder}；請用 -o 指定可寫入的資料夾。")
            return


_WRITE_FAILURES = {
    errno.ENOSPC: "磁碟空間不足；請清出空間後再產生一次",
    errno.EDQUOT: "超過磁碟配額；請清出空間後再產生一次",
    errno.EACCES: "沒有寫入權限；請用 -o 指定可寫入的資料夾",
    errno.EPERM: "沒有寫入權限；請用 -o 指定可寫入的資料夾",
    errno.EROFS: "磁碟是唯讀的；請用 -o 指定可寫入的資料夾",
    errno.ENOTDIR: "路徑中有同名的檔案，不是資料夾；請用 -o 指定資料夾",
    errno.EEXIST: "路徑中有同名的檔案，不是資料夾；請用 -o 指定資料夾",
}


def write_failure(exc: OSError, target: Path) -> str:
    """One line naming the path and what went wrong; earlier outputs were left as they were."""
    reason = _WRITE_FAILURES.get(exc.errno or 0, f"系統錯誤：{exc.strerror or exc}")
    return f"無法寫入 {exc.filename or target}：{reason}（先前產生的檔案沒有變動）。"


def _current_page_count(pdf: Path, report: Report, options: BuildOptions) -> int | None:
    """The page count of the PDF beside the .docx if it is newer than everything it was made
    from (the report folder's files and the PDF's templates); else None, with a warning: the
    portal receives the PDF, and a stale one would give the 提要 a wrong 頁數."""
    sources = [f for f in report.folder.rglob("*") if f.is_file() and not f.is_relative_to(pdf.parent)]
    sources += [options.templates / name for name in PDF_TEMPLATES]
    if pdf.exists() and pdf.stat().st_mtime >= max(f.stat().st_mtime for f in sources):
        from pypdf import PdfReader

        return len(PdfReader(pdf).pages)
    log.warning(
        "%s：沒有與內容一致的 PDF，提要的頁數留白；請連同 PDF 一起產生（--format docx,pdf，或執行 make）。",
        report.folder / "report.yaml",
    )
    return None


def _record_options(stamp: Path, flags: str) -> None:
    """Rewrite ``stamp`` only when the flags changed: its time says when they last did."""
    if not stamp.exists() or stamp.read_text(encoding="utf-8") != flags:
        write_atomic(stamp, flags.encode())
