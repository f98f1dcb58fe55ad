"""Visit every block of a report with the field path its YAML has (``chapters[1].blocks[0].visit``)."""

from __future__ import annotations

from collections.abc import Iterator

from . import model as m


def walk_blocks(report: m.Report) -> Iterator[tuple[str, m.Block]]:
    for c, chapter in enumerate(report.chapters):
        yield from _walk(chapter.blocks, f"chapters[{c}].blocks")


def _walk(blocks: tuple[m.Block, ...], path: str) -> Iterator[tuple[str, m.Block]]:
    for i, block in enumerate(blocks):
        here = f"{path}[{i}]"
        if isinstance(block, m.Paragraph):
            yield here, block
            continue
        here = f"{here}.{_KEYS[type(block)]}"
        yield here, block
        if isinstance(block, m.Section):
            yield from _walk(block.blocks, f"{here}.blocks")
        elif isinstance(block, m.NumberedList):
            for k, item in enumerate(block.items):
                yield from _walk(item.blocks, f"{here}[{k}].blocks")
        elif isinstance(block, m.Visit):
            for s, section in enumerate(block.sections):
                yield from _walk(section.blocks, f"{here}.sections[{s}].blocks")


# The YAML key of each block type; paragraphs are plain strings and have none.
_KEYS: dict[type, str] = {
    m.Section: "section",
    m.NumberedList: "list",
    m.Table: "table",
    m.Figure: "figure",
    m.Visit: "visit",
    m.Recommendations: "recommendations",
    m.Conference: "conference",
    m.Paper: "paper",
    m.Materials: "materials",
    m.CourseSchedule: "course",
}
