"""Every line of text a report shows, in document order, without numbering labels.

What both renderers must print: the tests compare it with the seed, the .docx and the PDF,
and the font check looks at its characters.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import model as m
from .render import texts as t
from .render.outline import Outline


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
    for chapter in report.chapters:
        yield outline.of(chapter).title
        yield from _blocks(chapter.blocks, style)
    if report.appendix.photos or report.appendix.attachments:
        yield report.appendix.title
        yield from (photo.caption for photo in report.appendix.photos)
        yield from (attachment.title for attachment in report.appendix.attachments)


def _fields(rows: t.Rows) -> Iterator[str]:
    for label, lines in rows:
        yield f"{label}{lines[0]}" if len(lines) == 1 else label
        if len(lines) > 1:
            yield from lines


def _blocks(blocks: tuple[m.Block, ...], style: str) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, m.Paragraph):
            yield block.text
        elif isinstance(block, m.NumberedList):
            for item in block.items:
                yield item.text.text
                yield from _blocks(item.blocks, style)
        elif isinstance(block, m.Section):
            yield block.title
            yield from _blocks(block.blocks, style)
        elif isinstance(block, m.Visit):
            yield block.title
            yield from _fields(t.visit_fields(block, style))
            for section in block.sections:
                yield section.title
                yield from _blocks(section.blocks, style)
        elif isinstance(block, m.Recommendations):
            for group in block.groups:
                if group.institution:
                    yield group.institution
                yield from (item.text for item in group.items)
        elif isinstance(block, m.Table):
            if block.caption:
                yield block.caption
            for row in (block.header, *block.rows):
                yield from (cell for cell in row if cell)
        elif isinstance(block, m.Figure):
            yield block.caption
        elif isinstance(block, m.Conference):
            yield from _fields(t.conference_fields(block, style))
        elif isinstance(block, m.Paper):
            yield from _fields(t.paper_fields(block))
            yield t.PAPER_ABSTRACT
            yield from (p.text for p in block.abstract)
        elif isinstance(block, m.Materials):
            yield from (t.material_text(item) for item in block.items)
        elif isinstance(block, m.CourseSchedule):
            yield from t.COURSE_HEADER
            for row in t.course_rows(block, style):
                yield from row
            if certificate := t.certificate_text(block):
                yield certificate
