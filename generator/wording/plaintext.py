"""Every line of text a report shows, in document order, without numbering labels.

What both renderers must print: the tests compare it with the seed, the .docx and the PDF,
and the font check looks at its characters.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import model as m
from ..blocks import Visitor
from . import texts as t
from .outline import Outline


def report_lines(report: m.Report) -> Iterator[str]:
    style = report.settings.year_style
    outline = Outline(report)
    yield t.cover_category(report)
    yield report.title
    yield from t.cover_lines(report)
    if report.settings.summary_sheet:
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
    yield from (p.text for p in report.abstract)
    if report.itinerary:
        yield report.itinerary.title
        yield from t.ITINERARY_HEADER
        for row in t.itinerary_rows(report.itinerary, style):
            yield from (cell for cell in row if cell)
    writer = _Lines(style)
    for chapter in report.chapters:
        yield outline.of(chapter).title
        yield from writer.blocks(chapter.blocks)
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
    """The lines of each block type, as both renderers print them (labels aside)."""

    def __init__(self, style: str):
        self.style = style

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
            yield from (item.text for item in group.items)

    def visit_table(self, block: m.Table) -> Iterator[str]:
        if block.caption:
            yield block.caption
        for row in (block.header, *block.rows):
            yield from (cell for cell in row if cell)

    def visit_figure(self, block: m.Figure) -> Iterator[str]:
        yield block.caption

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
