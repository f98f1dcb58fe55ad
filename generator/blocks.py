"""Every block type of the content model, declared once: its YAML key, model class and nested blocks.

The schema, walks, the outline, the plain text, the checks and both renderers take their block
types from here. A renderer meets blocks through ``Visitor`` (``visit_<key>``), and the HTML
templates through a ``block_<key>`` macro; a block type without one raises ``UnknownBlock``
instead of vanishing from the output, and tests/test_blocks.py fails until every output has one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from . import model as m
from .fields import INVALID

PARAGRAPH = "paragraph"  # written as a plain string in YAML, with no key of its own


class UnknownBlock(TypeError):
    """A block type that this code, or one of its outputs, does not know: a programming error."""


@dataclass(frozen=True)
class Nested:
    """What a block holds below itself: blocks (where they sit in the YAML below the block's
    path, how many heading levels down), under a numbered heading of their own or not."""

    path: str  # ".blocks", "[0].blocks", ".sections[1].blocks"; "" for a heading alone
    blocks: tuple[m.Block, ...]
    depth: int
    heading: object | None = None  # the node whose title heads them: a section, a visit
    title: str = ""
    # False: the node is no heading (not in the 目次) but takes its number in the headings'
    # sequence, at their level: a general recommendation beside institution groups.
    listed: bool = True


def _no_nested(block: Any) -> Iterable[Nested]:
    return ()


def _recommendation_groups(block: m.Recommendations) -> Iterator[Nested]:
    """An institution group is a heading one level down. In a block that has any, the
    general items are numbered in the same sequence at the same level: （一）（二） general,
    （三） the first institution, and so on."""
    mixed = any(group.institution for group in block.groups)
    for group in block.groups:
        if group.institution:
            yield Nested("", (), 1, group, group.institution)
        elif mixed:
            yield from (Nested("", (), 1, item, listed=False) for item in group.items)


@dataclass(frozen=True)
class BlockType:
    key: str
    cls: type
    nested: Callable[[Any], Iterable[Nested]] = _no_nested


BLOCK_TYPES: tuple[BlockType, ...] = (
    BlockType(PARAGRAPH, m.Paragraph),
    BlockType("section", m.Section, lambda b: (Nested(".blocks", b.blocks, 1, b, b.title),)),
    BlockType(
        "list",
        m.NumberedList,
        lambda b: (Nested(f"[{k}].blocks", item.blocks, 1) for k, item in enumerate(b.items)),
    ),
    BlockType("table", m.Table),
    BlockType("figure", m.Figure),
    BlockType(
        "visit",
        m.Visit,
        lambda b: (
            Nested("", (), 1, b, b.title),
            *(
                Nested(f".sections[{s}].blocks", section.blocks, 2, section, section.title)
                for s, section in enumerate(b.sections)
            ),
        ),
    ),
    BlockType(
        "recommendations",
        m.Recommendations,
        _recommendation_groups,
    ),
    BlockType("conference", m.Conference),
    BlockType("paper", m.Paper),
    BlockType("materials", m.Materials),
    BlockType("course", m.CourseSchedule),
)
_BY_CLASS = {bt.cls: bt for bt in BLOCK_TYPES}


def block_type(block: object) -> BlockType:
    try:
        return _BY_CLASS[type(block)]
    except KeyError:
        raise UnknownBlock(f"{type(block).__name__} is not declared in generator/blocks.py") from None


def walk_blocks(report: m.Report) -> Iterator[tuple[str, m.Block]]:
    """Every block of the report, depth first, with the field path its YAML has
    (``chapters[1].blocks[0].visit``)."""
    for c, chapter in enumerate(report.chapters):
        yield from walk(chapter.blocks, f"chapters[{c}].blocks")


def walk(blocks: tuple[m.Block, ...], path: str) -> Iterator[tuple[str, m.Block]]:
    for i, block in enumerate(blocks):
        if block is INVALID:  # a model built despite errors, for the cross-field checks
            continue
        kind = block_type(block)
        here = f"{path}[{i}]" if kind.key == PARAGRAPH else f"{path}[{i}].{kind.key}"
        yield here, block
        for nested in kind.nested(block):
            yield from walk(nested.blocks, here + nested.path)


def missing_visitors(cls: type) -> list[str]:
    """The block types a visitor class has no ``visit_<key>`` method for."""
    return [bt.key for bt in BLOCK_TYPES if not callable(getattr(cls, f"visit_{bt.key}", None))]


class Visitor:
    """Dispatch on a block's type to ``visit_<key>(block, *args)``, as docutils' NodeVisitor
    does; a block type without its method raises rather than disappearing."""

    def visit(self, block: m.Block, *args: Any) -> Any:
        key = block_type(block).key
        method = getattr(self, f"visit_{key}", None)
        if method is None:
            raise UnknownBlock(f"{type(self).__name__} has no visit_{key}")
        return method(block, *args)
