"""The numbered headings of a report, computed once so both outputs number and link them alike."""

from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..numbering import label

TOC_DEPTH = 2  # 目次 lists chapters and their first level (visits, sections)


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = chapter (壹、); the appendix is level 1 without a label
    label: str
    title: str
    anchor: str  # bookmark name in the .docx, element id in the HTML

    @property
    def text(self) -> str:
        return f"{self.label}{self.title}"


class Outline:
    """Headings in document order; ``of(node)`` finds the heading of a chapter, section, visit
    or recommendation group (keyed by identity: equal sections in two places differ)."""

    def __init__(self, report: m.Report):
        self.headings: list[Heading] = []
        self._by_node: dict[int, Heading] = {}
        self._keep: list[object] = []  # keeps the keyed nodes alive, so ids stay unique
        for n, chapter in enumerate(report.chapters, 1):
            title = f"{chapter.title}（限閱）" if chapter.restricted else chapter.title
            self._add(chapter, 1, n, title)
            self._blocks(chapter.blocks, 1)
        if report.appendix.photos or report.appendix.attachments:
            self._add(report.appendix, 1, 0, report.appendix.title)

    def of(self, node: object) -> Heading:
        return self._by_node[id(node)]

    @property
    def toc(self) -> list[Heading]:
        return [h for h in self.headings if h.level <= TOC_DEPTH]

    def _add(self, node: object, level: int, n: int, title: str) -> None:
        heading = Heading(level, label(level, n) if n else "", title, f"_Toc{len(self.headings) + 1}")
        self.headings.append(heading)
        self._by_node[id(node)] = heading
        self._keep.append(node)

    def _blocks(self, blocks: tuple[m.Block, ...], level: int) -> None:
        n = 0
        for block in blocks:
            if isinstance(block, m.Section):
                n += 1
                self._add(block, level + 1, n, block.title)
                self._blocks(block.blocks, level + 1)
            elif isinstance(block, m.Visit):
                n += 1
                self._add(block, level + 1, n, block.title)
                for k, section in enumerate(block.sections, 1):
                    self._add(section, level + 2, k, section.title)
                    self._blocks(section.blocks, level + 2)
            elif isinstance(block, m.Recommendations):
                for group in block.groups:
                    if group.institution:
                        n += 1
                        self._add(group, level + 1, n, group.institution)
            elif isinstance(block, m.NumberedList):
                for item in block.items:
                    self._blocks(item.blocks, level + 1)
