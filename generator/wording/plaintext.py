"""Every line of text a report shows, in document order, without numbering labels.

What both renderers must print: the tests compare it with the seed, the .docx and the PDF,
and the font check looks at its characters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .. import forms as f
from .. import model as m
from ..blocks import Visitor
from ..captions import caption_line
from . import texts as t
from .outline import Outline


def report_lines(report: m.Report) -> Iterator[str]:
    """The lines of the parts the report's form prints, in its order."""
    parts: dict[str, Callable[[m.Report], Iterator[str]]] = {
        f.COVER: _cover,
        f.NSTC_HEADER: _nstc_header,
        f.SUMMARY_SHEET: _summary_sheet,
        f.ABSTRACT: lambda r: (p.text for p in r.abstract),
        f.ITINERARY: _itinerary,
        f.TOC: lambda r: iter(()),  # the headings again, checked against each layout instead
        f.BODY: _body,
        f.APPENDIX: _appendix,
    }
    for pages in f.form_of(report.form).pages:
        for part in pages.parts:
            yield from parts[part](report)


def _cover(report: m.Report) -> Iterator[str]:
    yield t.cover_category(report)
    yield report.title
    yield from t.cover_lines(report)


def _nstc_header(report: m.Report) -> Iterator[str]:
    yield f.form_of(report.form).title
    yield t.nstc_date(report)
    yield from _fields(t.nstc_header(report))


def _summary_sheet(report: m.Report) -> Iterator[str]:
    if not report.settings.summary_sheet:
        return
    sheet = t.summary_sheet(report, None)
    for label, lines in sheet.head:
        yield label
        yield from lines
    yield from t.TRAVELLER_HEADER
    for row in sheet.travellers:
        yield from row
    for label, lines in sheet.tail:
        yield label
        yield from lines


def _itinerary(report: m.Report) -> Iterator[str]:
    if report.itinerary:
        yield report.itinerary.title
        yield from t.ITINERARY_HEADER
        for row in t.itinerary_rows(report.itinerary, report.settings.year_style):
            yield from (cell for cell in row if cell)


def _body(report: m.Report) -> Iterator[str]:
    outline = Outline(report)
    writer = _Lines(report.settings.year_style, report.settings.caption_numbers)
    for chapter in report.chapters:
        yield outline.of(chapter).title
        yield from writer.blocks(chapter.blocks)


def _appendix(report: m.Report) -> Iterator[str]:
    if report.appendix.photos or report.appendix.attachments:
        yield report.appendix.title
        yield from (photo.caption for photo in report.appendix.photos)
        yield from (attachment.title for attachment in report.appendix.attachments)


def _fields(rows: t.Rows) -> Iterator[str]:
    for label, lines in rows:
        yield f"{label}{lines[0]}" if len(lines) == 1 else label
        if len(lines) > 1:
            yield from lines


class _Lines(Visitor):
    """The lines of each block type, as both renderers print them (heading and list labels
    aside; a figure's or table's number is part of its caption line)."""

    def __init__(self, style: str, caption_numbers: str):
        self.style = style
        self.caption_numbers = caption_numbers

    def blocks(self, blocks: tuple[m.Block, ...]) -> Iterator[str]:
        for block in blocks:
            yield from self.visit(block)

    def visit_paragraph(self, block: m.Paragraph) -> Iterator[str]:
        yield block.text

    def visit_list(self, block: m.NumberedList) -> Iterator[str]:
        for item in block.items:
            yield item.text.text
            yield from self.blocks(item.blocks)

    def visit_section(self, block: m.Section) -> Iterator[str]:
        yield block.title
        yield from self.blocks(block.blocks)

    def visit_visit(self, block: m.Visit) -> Iterator[str]:
        yield block.title
        yield from _fields(t.visit_fields(block, self.style))
        for section in block.sections:
            yield section.title
            yield from self.blocks(section.blocks)

    def visit_recommendations(self, block: m.Recommendations) -> Iterator[str]:
        for group in block.groups:
            if group.institution:
                yield group.institution
            for item in group.items:
                if item.title:
                    yield item.title
                yield item.text.text

    def visit_table(self, block: m.Table) -> Iterator[str]:
        if block.caption:
            yield caption_line(block, self.caption_numbers)
        for row in (block.header, *block.rows):
            yield from (cell for cell in row if cell)

    def visit_figure(self, block: m.Figure) -> Iterator[str]:
        yield caption_line(block, self.caption_numbers)

    def visit_conference(self, block: m.Conference) -> Iterator[str]:
        yield from _fields(t.conference_fields(block, self.style))

    def visit_paper(self, block: m.Paper) -> Iterator[str]:
        yield from _fields(t.paper_fields(block))
        yield t.PAPER_ABSTRACT
        yield from (p.text for p in block.abstract)

    def visit_materials(self, block: m.Materials) -> Iterator[str]:
        yield from (t.material_text(item) for item in block.items)

    def visit_course(self, block: m.CourseSchedule) -> Iterator[str]:
        yield from t.COURSE_HEADER
        for row in t.course_rows(block, self.style):
            yield from row
        if certificate := t.certificate_text(block):
            yield certificate
