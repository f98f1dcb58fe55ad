"""The numbered headings of a report, computed once so both outputs number and link them alike."""

from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..blocks import block_type
from ..forms import form_of
from .numbering import label

TOC_DEPTH = 2  # 目次 lists chapters and their first level (visits, sections)


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = 壹、, 2 = 一、 (a chapter is one or the other by form); the appendix is 1, unlabelled
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
        level = form_of(report.form).chapter_level  # 壹、 on the 行政院 form, 一、 on 國科會's
        for n, chapter in enumerate(report.chapters, 1):
            title = f"{chapter.title}（限閱）" if chapter.restricted else chapter.title
            self._add(chapter, level, n, title)
            self._blocks(chapter.blocks, level)
        if report.appendix.photos or report.appendix.attachments:
            self._add(report.appendix, 1, 0, report.appendix.title)

    def of(self, node: object) -> Heading:
        return self._by_node[id(node)]

    def numbers(self, node: object) -> bool:
        """Whether ``node`` is numbered in the headings' sequence (a heading, or a general
        recommendation beside institution groups)."""
        return id(node) in self._by_node

    @property
    def toc(self) -> list[Heading]:
        return [h for h in self.headings if h.level <= TOC_DEPTH]

    def _add(self, node: object, level: int, n: int, title: str, listed: bool = True) -> None:
        """``listed`` False: a numbered item in the headings' sequence, not a heading."""
        anchor = f"_Toc{len(self.headings) + 1}" if listed else ""
        heading = Heading(level, label(level, n) if n else "", title, anchor)
        if listed:
            self.headings.append(heading)
        self._by_node[id(node)] = heading
        self._keep.append(node)

    def _blocks(self, blocks: tuple[m.Block, ...], level: int) -> None:
        """Headings of ``blocks`` under a heading of ``level``: those one level down are counted
        across siblings, deeper ones (a visit's sections) within their block."""
        n = 0
        for block in blocks:
            k = 0
            for nested in block_type(block).nested(block):
                if nested.heading is not None:
                    if nested.depth == 1:
                        n += 1
                    else:
                        k += 1
                    self._add(
                        nested.heading,
                        level + nested.depth,
                        n if nested.depth == 1 else k,
                        nested.title,
                        nested.listed,
                    )
                self._blocks(nested.blocks, level + nested.depth)
