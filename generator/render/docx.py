"""Stage 4a: the official .docx, written into a copy of the Word template by style name only."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.shared import Cm, Emu
from docx.table import Table
from docx.text.paragraph import Paragraph

from .. import forms as f
from .. import model as m
from ..blocks import Visitor
from ..captions import caption_line
from ..errors import TemplateError
from ..images import Pictures, fit_row
from ..wording import texts as t
from ..wording.outline import TOC_DEPTH, Heading, Outline
from . import docx_xml as x
from .form_pages import append_form_page, render_form

MAX_HEADING_STYLE = 9  # Heading 1–9 of the template, one per numbering level
# Table geometry (cm of the 16 cm text width): the only layout Python decides, because a
# Word table style cannot say how wide each column of a given kind of table is.
# A label column holds its longest label (「主要洽談人／職務：」, 9 characters at 12 pt) on one line.
COLUMNS = {
    "itinerary": (3.6, 9.4, 3.0),
    "fields": (4.4, 11.6),
    "course": (3.6, 8.4, 4.0),
}
# The form pages (cover, 提要, 審核表) are Word templates in this folder beside report.docx,
# filled in by render/form_pages.py; the column widths of their tables are theirs.
FORMS = "forms"
EXECUTIVE_YUAN = "executive-yuan"
DRAFT_MARK = "草稿"  # in the header of every page of a draft, in the template's Draft Mark style
FIGURE_BOX = (15.0, 12.0)
FIGURE_GAP = 0.5  # cm between images side by side: the Figure Table style's two cell margins
PHOTO_BOX = (15.0, 10.0)


def render_review_sheet(report: m.Report, template: Path) -> bytes:
    """出國報告審核表 (附件二), a separate document: its own Word template (beside ``template``,
    report.docx) filled in from the metadata."""
    sheet = template.parent / FORMS / EXECUTIVE_YUAN / "review-sheet.docx"
    doc = render_form(sheet, t.review_sheet_context(report))
    _set_properties(doc, report)
    return x.package_bytes(doc)


def render_docx(
    report: m.Report,
    template: Path,
    pictures: Pictures,
    toc_pages: Mapping[str, str] | None = None,
    page_count: int | None = None,
    draft: bool = False,
) -> bytes:
    """The .docx as bytes. ``toc_pages`` maps heading anchors to printed page numbers;
    ``draft`` marks every page 「草稿」."""
    writer = _Writer(report, _open_template(template), pictures, template.parent / FORMS)
    with _styles_of(template):
        writer.write(toc_pages, page_count)
        if draft:
            writer.draft_mark()
    return writer.save()


@contextmanager
def _styles_of(template: Path) -> Iterator[None]:
    """Name the template when one of the styles we write with is missing from it."""
    try:
        yield
    except KeyError as exc:  # python-docx: "no style with name 'List Level 4'"
        raise TemplateError(
            f"{template}：Word 樣板缺少樣式 {exc.args[0]}；請勿刪除樣板中的"
            "樣式（README「Restyling」列出全部）。"
        ) from None


def _open_template(template: Path) -> Any:
    try:
        return Document(str(template))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise TemplateError(f"{template}：無法開啟 Word 樣板（{exc}）。") from None


class _Writer(Visitor):
    def __init__(self, report: m.Report, doc, pictures: Pictures | None, forms: Path):
        self.report, self.doc, self.pictures = report, doc, pictures
        self.forms = forms  # the form pages' Word templates (render/form_pages.py)
        self.outline = Outline(report)
        self.bookmarks = 0
        self.body_style = "Body Text"  # of paragraphs; inside a list item, its continuation
        self._styles: dict[str, Any] = {}
        x.clear_body(doc)

    def save(self) -> bytes:
        self.properties()
        return x.package_bytes(self.doc)

    # -- the document, in format-spec order --------------------------------------------------

    def write(self, toc_pages: Mapping[str, str] | None, page_count: int | None) -> None:
        """The parts of the report's form, a Word section per run of pages numbered alike."""
        parts: dict[str, Callable[[], object]] = {
            f.COVER: self.cover,
            f.NSTC_HEADER: self.nstc_header,
            f.SUMMARY_SHEET: partial(self.front_summary_sheet, page_count),
            f.ABSTRACT: self.abstract,
            f.ITINERARY: self.front_itinerary,
            f.TOC: partial(self.toc, toc_pages),
            f.BODY: self.body,
            f.APPENDIX: self.appendix,
        }
        runs = f.form_of(self.report.form).pages
        for k, pages in enumerate(runs):
            if k:
                self.doc.add_section(WD_SECTION.NEW_PAGE)
            for part in pages.parts:
                parts[part]()
        for section, pages in zip(self.doc.sections, runs, strict=True):
            if pages.numbering:  # a numbered run: the template's first section has an unnumbered first page
                section.different_first_page_header_footer = False
                x.set_page_numbering(section, pages.numbering)

    def front_summary_sheet(self, page_count: int | None) -> None:
        if self.report.settings.summary_sheet:
            self.summary_sheet(t.summary_sheet(self.report, page_count))

    def front_itinerary(self) -> None:
        if itinerary := self.report.itinerary:
            self.heading_front(itinerary.title)
            self.itinerary(itinerary)

    def abstract(self) -> None:
        self.heading_front("摘要")
        for paragraph in self.report.abstract:
            self.paragraph(paragraph)

    def body(self) -> None:
        for chapter in self.report.chapters:
            heading = self.outline.of(chapter)
            self.heading(heading)
            self.blocks(chapter.blocks, heading.level)

    def nstc_header(self) -> None:
        """The 國科會 form's title, date and header table (format-spec §8)."""
        self.form_page(f"{f.NSTC_CONFERENCE}/header.docx", t.nstc_header_context(self.report))

    def draft_mark(self) -> None:
        """「草稿」 in the cover section's headers (first page and the others); the front
        matter and body sections have none of their own, so Word and LibreOffice use these."""
        cover = self.doc.sections[0]
        for header in (cover.first_page_header, cover.header):
            paragraph = header.paragraphs[0]
            paragraph.text = DRAFT_MARK
            x.set_style(paragraph, self.style("Draft Mark").style_id)

    def form_page(self, name: str, context: Mapping[str, Any]) -> None:
        """The form page template ``name`` (under templates/forms/) filled in and appended."""
        append_form_page(self.doc, self.forms / name, context)

    def cover(self) -> None:
        self.form_page(f"{EXECUTIVE_YUAN}/cover.docx", t.cover_context(self.report))

    def toc(self, pages: Mapping[str, str] | None) -> None:
        self.heading_front("目次")
        entries = self.outline.toc
        paragraphs = [self.add("", f"toc {h.level}") for h in entries] or [self.add("", "toc 1")]
        x.write_toc(
            paragraphs,
            [(h.text, h.anchor, pages.get(h.anchor) if pages else None) for h in entries],
            f'TOC \\o "1-{TOC_DEPTH}" \\h \\z \\u',
        )
        if not pages:
            x.update_fields_on_open(self.doc)

    def appendix(self) -> None:
        appendix = self.report.appendix
        if not (appendix.photos or appendix.attachments):
            return
        heading = self.outline.of(appendix)
        self.bookmark(self.add(heading.title, "Appendix Heading"), heading)
        for photo in appendix.photos:
            self.pictures_row((photo,), photo.caption, photo.caption, PHOTO_BOX)
        if appendix.attachments:
            self.add(t.ATTACHMENTS, "Body Text").paragraph_format.keep_with_next = True
            num_id = x.new_list(self.doc)
            for attachment in appendix.attachments:
                self.numbered(m.Paragraph((m.Span(attachment.title),)), num_id, 2)

    def properties(self) -> None:
        _set_properties(self.doc, self.report)

    # -- blocks ------------------------------------------------------------------------------

    def blocks(self, blocks: tuple[m.Block, ...], level: int) -> None:
        """Write ``blocks`` found under a heading of ``level``."""
        for block in blocks:
            self.visit(block, level)

    def visit_paragraph(self, block: m.Paragraph, level: int) -> None:
        self.paragraph(block, self.body_style)

    def paragraph(self, paragraph: m.Paragraph, style: str = "Body Text") -> Paragraph:
        p = self.add("", style)
        for span in paragraph.spans:
            if span.url:
                x.add_hyperlink(p, span.text, span.url, span.bold)
            else:
                p.add_run(span.text, "Strong" if span.bold else None)
        return p

    def numbered(self, text: m.Paragraph, num_id: int, level: int) -> Paragraph:
        level = min(level, 9)
        paragraph = self.paragraph(text, f"List Level {level}")
        x.set_numbering(paragraph, num_id, level)
        return paragraph

    def visit_list(self, block: m.NumberedList, level: int, num_id: int | None = None) -> None:
        num_id = num_id or x.new_list(self.doc)
        for k, item in enumerate(block.items, 1):
            paragraph = self.numbered(item.text, num_id, level + 1)
            if k == len(block.items) - 1 and not item.blocks:
                paragraph.paragraph_format.keep_with_next = True  # the last item never alone
            for child in item.blocks:
                if isinstance(child, m.NumberedList):
                    self.visit_list(child, level + 1, num_id)
                    continue
                # A paragraph continuing the item sits at the item's text indent.
                outer, self.body_style = self.body_style, f"List Continue {min(level + 1, 9)}"
                self.blocks((child,), level + 1)
                self.body_style = outer

    def visit_section(self, block: m.Section, level: int) -> None:
        self.heading(self.outline.of(block))
        self.blocks(block.blocks, level + 1)

    def visit_visit(self, visit: m.Visit, level: int) -> None:
        self.heading(self.outline.of(visit))
        self.fields_table(t.visit_fields(visit, self.report.settings.year_style))
        for section in visit.sections:
            self.heading(self.outline.of(section))
            self.blocks(section.blocks, level + 2)

    def visit_recommendations(self, block: m.Recommendations, level: int) -> None:
        for group in block.groups:
            if group.institution:
                self.heading(self.outline.of(group))
                num_id, inner = x.new_list(self.doc), level + 2
            elif group.items and self.outline.numbers(group.items[0]):
                # Beside institution groups: one sequence with their headings, by Word's own
                # heading numbering at that level (the template's, when it numbers headings).
                heading = self.style(f"Heading {min(level + 1, MAX_HEADING_STYLE)}")
                num_id, inner = x.style_num_id(heading) or x.new_list(self.doc), level + 1
            else:
                num_id, inner = x.new_list(self.doc), level + 1
            for item in group.items:
                if item.title:  # the bold title numbered, the text below it at its indent
                    self.numbered(m.Paragraph((m.Span(item.title, bold=True),)), num_id, inner)
                    self.paragraph(item.text, f"List Continue {min(inner, 9)}")
                else:
                    self.numbered(item.text, num_id, inner)

    def visit_table(self, block: m.Table, level: int) -> None:
        if block.caption:
            self.add(caption_line(block, self.report.settings.caption_numbers), "Caption")
        self.grid([block.header, *block.rows], None)

    def visit_figure(self, block: m.Figure, level: int) -> None:
        self.pictures_row(
            block.images, block.caption, caption_line(block, self.report.settings.caption_numbers), FIGURE_BOX
        )

    def visit_conference(self, c: m.Conference, level: int) -> None:
        self.fields_table(t.conference_fields(c, self.report.settings.year_style))

    def visit_paper(self, p: m.Paper, level: int) -> None:
        self.fields_table(t.paper_fields(p))
        self.add(t.PAPER_ABSTRACT, "Body Text").paragraph_format.keep_with_next = True  # never alone
        for paragraph in p.abstract:
            self.paragraph(paragraph)

    def visit_materials(self, block: m.Materials, level: int) -> None:
        num_id = x.new_list(self.doc)
        for item in block.items:
            self.numbered(m.Paragraph((m.Span(t.material_text(item)),)), num_id, level + 1)

    def visit_course(self, block: m.CourseSchedule, level: int) -> None:
        self.grid(
            [t.COURSE_HEADER, *t.course_rows(block, self.report.settings.year_style)], COLUMNS["course"]
        )
        if certificate := t.certificate_text(block):
            self.add(certificate, "Body Text")

    # -- pieces ------------------------------------------------------------------------------

    def style(self, name: str) -> Any:
        """The template's style of that name (looked up once)."""
        if name not in self._styles:
            self._styles[name] = self.doc.styles[name]
        return self._styles[name]

    def add(self, text: str, style: str) -> Paragraph:
        paragraph = self.doc.add_paragraph(text)
        x.set_style(paragraph, self.style(style).style_id)
        return paragraph

    def heading(self, heading: Heading) -> None:
        style = f"Heading {min(heading.level, MAX_HEADING_STYLE)}"
        self.bookmark(self.add(heading.title, style), heading)

    def heading_front(self, title: str) -> None:
        self.add(title, "Front Heading")

    def bookmark(self, paragraph: Paragraph, heading: Heading) -> None:
        self.bookmarks += 1
        x.add_bookmark(paragraph, heading.anchor, self.bookmarks)

    def itinerary(self, itinerary: m.Itinerary) -> None:
        self.grid(
            [t.ITINERARY_HEADER, *t.itinerary_rows(itinerary, self.report.settings.year_style)],
            COLUMNS["itinerary"],
        )

    def grid(self, rows: list[tuple[str, ...]], widths: tuple[float, ...] | None) -> Table:
        """A table with a header row that repeats on every page."""
        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = self.style("Report Table")
        x.set_table_look(table, first_row=True, first_column=False)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.cell_text(
                    table.cell(r, c).paragraphs[0], text, "Table Heading" if r == 0 else "Table Text"
                )
        if widths:
            _set_widths(table, widths)
        x.repeat_header_row(table)
        x.keep_rows_whole(table)
        return table

    def summary_sheet(self, sheet: t.SummarySheet) -> None:
        self.form_page(f"{EXECUTIVE_YUAN}/summary-sheet.docx", t.summary_sheet_context(sheet))

    def fields_table(self, rows: t.Rows) -> Table:
        """A label | value table (visit headers, conference details); a value may have lines."""
        table = self.doc.add_table(rows=len(rows), cols=2)
        table.style = self.style("Report Table")
        x.set_table_look(table, first_row=False, first_column=True)
        for r, (label, lines) in enumerate(rows):
            label_cell, value_cell = table.cell(r, 0), table.cell(r, 1)
            self.cell_text(label_cell.paragraphs[0], label, "Table Heading")
            for i, line in enumerate(lines):
                p = value_cell.paragraphs[0] if i == 0 else value_cell.add_paragraph()
                self.cell_text(p, line, "Table Text")
        _set_widths(table, COLUMNS["fields"])
        x.keep_rows_whole(table)
        return table

    def cell_text(self, paragraph: Paragraph, text: str, style: str) -> None:
        paragraph.text = text
        x.set_style(paragraph, self.style(style).style_id)
        if t.CHECKED in text or t.UNCHECKED in text:
            x.east_asian_runs(paragraph)  # □ ■ at full CJK size, not Times New Roman's

    def pictures_row(
        self, images: tuple[m.FigureImage | m.Photo, ...], alt: str, caption: str, box: tuple[float, float]
    ) -> None:
        """Images of one height sharing the box's width, each with ``alt`` as its alternative
        text, then the caption. Side by side, they sit in the cells of a Figure Table (no
        borders; its cell margins make the gap between them)."""
        assert self.pictures is not None, "a document with pictures needs the image step"
        prepared = [self.pictures.prepare(image.file, rotate=image.rotate) for image in images]
        sizes = fit_row(prepared, Cm(box[0]), Cm(box[1]), Cm(FIGURE_GAP))
        if len(prepared) == 1:
            paragraphs = [self.add("", "Figure")]
        else:
            table = self.doc.add_table(rows=1, cols=len(prepared))
            table.style = self.style("Figure Table")
            _set_widths(table, tuple(width / Cm(1) + FIGURE_GAP for width, _ in sizes))
            paragraphs = [cell.paragraphs[0] for cell in table.rows[0].cells]
            for paragraph in paragraphs:
                x.set_style(paragraph, self.style("Figure").style_id)
        for paragraph, image, (width, height) in zip(paragraphs, prepared, sizes, strict=True):
            shape = paragraph.add_run().add_picture(
                str(image.path), width=Emu(round(width)), height=Emu(round(height))
            )
            x.set_alt_text(shape, alt)
        self.add(caption, "Caption")


def _set_properties(doc: Any, r: m.Report) -> None:
    props = doc.core_properties
    props.title = t.document_title(r)
    props.subject = r.plan
    props.author = "、".join(t.name for t in r.travellers)
    props.last_modified_by = props.author
    props.keywords = "、".join(r.keywords)
    props.category = "、".join(r.categories)
    props.created = props.modified = x.midnight(r.report_date)
    props.revision = 1


def _set_widths(table: Table, widths: tuple[float, ...]) -> None:
    """Column widths in cm: Word reads the cells', LibreOffice the grid's, so set both."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
