"""Stage 4a: the official .docx, written into a copy of the Word template by style name only."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.shared import Cm, Emu
from docx.table import Table
from docx.text.paragraph import Paragraph

from .. import model as m
from ..blocks import Visitor
from ..errors import TemplateError
from ..images import Pictures
from ..wording import texts as t
from ..wording.outline import TOC_DEPTH, Heading, Outline
from . import docx_xml as x

MAX_HEADING_STYLE = 9  # Heading 1–9 of the template, one per numbering level
# Table geometry (cm of the 16 cm text width): the only layout Python decides, because a
# Word table style cannot say how wide each column of a given kind of table is.
# A label column holds its longest label (「主要洽談人／職務：」, 9 characters at 12 pt) on one line.
COLUMNS = {
    "itinerary": (3.6, 9.4, 3.0),
    "fields": (4.4, 11.6),
    "course": (3.6, 8.4, 4.0),
    "travellers": (2.2, 3.0, 3.0, 2.4, 1.8, 3.6),
    "review": (8.0, 4.0, 4.0),
    "signatures": (5.3, 5.3, 5.4),
}
SIGNATURE_HEIGHT = 2.4  # cm under each signature title, to sign and stamp
DRAFT_MARK = "草稿"  # in the header of every page of a draft, in the template's Draft Mark style
FIGURE_BOX = (15.0, 12.0)
PHOTO_BOX = (15.0, 10.0)


def render_review_sheet(report: m.Report, template: Path) -> bytes:
    """出國報告審核表 (附件二), a separate document filled from the metadata."""
    writer = _Writer(report, _open_template(template), None)
    with _styles_of(template):
        writer.review_sheet()
    return writer.save()


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
    writer = _Writer(report, _open_template(template), pictures)
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
    def __init__(self, report: m.Report, doc, pictures: Pictures | None):
        self.report, self.doc, self.pictures = report, doc, pictures
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
        r = self.report
        self.cover()
        self.doc.add_section(WD_SECTION.NEW_PAGE)
        if r.settings.summary_sheet:
            self.summary_sheet(t.summary_sheet(r, page_count))
        self.heading_front("摘要")
        for paragraph in r.abstract:
            self.paragraph(paragraph)
        if r.itinerary:
            self.heading_front(r.itinerary.title)
            self.itinerary(r.itinerary)
        self.toc(toc_pages)
        self.doc.add_section(WD_SECTION.NEW_PAGE)
        for chapter in r.chapters:
            self.heading(self.outline.of(chapter))
            self.blocks(chapter.blocks, 1)
        self.appendix()
        _cover, front, body = self.doc.sections
        front.different_first_page_header_footer = False
        body.different_first_page_header_footer = False
        x.set_page_numbering(front, "lowerRoman")
        x.set_page_numbering(body, "decimal")

    def draft_mark(self) -> None:
        """「草稿」 in the cover section's headers (first page and the others); the front
        matter and body sections have none of their own, so Word and LibreOffice use these."""
        cover = self.doc.sections[0]
        for header in (cover.first_page_header, cover.header):
            paragraph = header.paragraphs[0]
            paragraph.text = DRAFT_MARK
            x.set_style(paragraph, self.style("Draft Mark").style_id)

    def review_sheet(self) -> None:
        self.add(t.REVIEW_TITLE, "Sheet Title")
        self.fields_table(t.review_head(self.report))
        box = f"{t.UNCHECKED}是　{t.UNCHECKED}否"
        self.grid([t.REVIEW_COLUMNS, *[(item, box, box) for item in t.REVIEW_ITEMS]], COLUMNS["review"])
        signatures = self.grid([t.REVIEW_SIGNATURES, ("",) * len(t.REVIEW_SIGNATURES)], COLUMNS["signatures"])
        x.set_row_height(signatures.rows[1], Cm(SIGNATURE_HEIGHT))

    def cover(self) -> None:
        r = self.report
        self.add(t.cover_category(r), "Cover Category")
        self.add(r.title, "Title")
        for line in t.cover_lines(r):
            self.add(line, "Cover Field")

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
            self.picture(photo.file, photo.caption, PHOTO_BOX)
        if appendix.attachments:
            self.add(t.ATTACHMENTS, "Body Text")
            num_id = x.new_list(self.doc)
            for attachment in appendix.attachments:
                self.numbered(m.Paragraph((m.Span(attachment.title),)), num_id, 2)

    def properties(self) -> None:
        r, props = self.report, self.doc.core_properties
        props.title = r.title
        props.subject = r.plan
        props.author = "、".join(t.name for t in r.travellers)
        props.last_modified_by = props.author
        props.keywords = "、".join(r.keywords)
        props.category = "、".join(r.categories)
        props.created = props.modified = x.midnight(r.report_date)
        props.revision = 1

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
            inner = level
            if group.institution:
                self.heading(self.outline.of(group))
                inner = level + 1
            num_id = x.new_list(self.doc)
            for item in group.items:
                self.numbered(item, num_id, inner + 1)

    def visit_table(self, block: m.Table, level: int) -> None:
        if block.caption:
            self.add(block.caption, "Caption")
        self.grid([block.header, *block.rows], None)

    def visit_figure(self, block: m.Figure, level: int) -> None:
        self.picture(block.file, block.caption, FIGURE_BOX)

    def visit_conference(self, c: m.Conference, level: int) -> None:
        self.fields_table(t.conference_fields(c, self.report.settings.year_style))

    def visit_paper(self, p: m.Paper, level: int) -> None:
        self.fields_table(t.paper_fields(p))
        self.add(t.PAPER_ABSTRACT, "Body Text")
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
        self.heading_front(sheet.title)
        self.fields_table(sheet.head)
        self.grid([t.TRAVELLER_HEADER, *sheet.travellers], COLUMNS["travellers"])
        self.fields_table(sheet.tail)

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

    def picture(self, file: Path, caption: str, box: tuple[float, float]) -> None:
        assert self.pictures is not None, "a document with pictures needs the image step"
        image = self.pictures.prepare(file)
        width, height = image.fit(Cm(box[0]), Cm(box[1]))
        shape = (
            self.add("", "Figure")
            .add_run()
            .add_picture(str(image.path), width=Emu(width), height=Emu(height))
        )
        x.set_alt_text(shape, caption)
        self.add(caption, "Caption")


def _set_widths(table: Table, widths: tuple[float, ...]) -> None:
    """Column widths in cm: Word reads the cells', LibreOffice the grid's, so set both."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
