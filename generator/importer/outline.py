"""The body of an imported document as a tree: headings and numbered items (from styles or
typed labels) holding the paragraphs, tables and images that follow them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .items import Item, Para
from .parse import SENTENCE_END, typed_label

HEADING, ITEM, TYPED = "heading", "item", "typed"
APPENDIX = re.compile(r"^(附錄|附件)([\s　]*$|[\s　]*[：:（(一二三四五六七八九十0-9])")
MAX_HEADING_CHARS = 40  # a typed-label line longer than this is a numbered item, not a heading


@dataclass
class Node:
    kind: str  # HEADING (a heading style), ITEM (automatic numbering), TYPED (a typed label)
    level: int  # nominal level: 1 = 壹、 … as the label or style says
    text: str
    children: list[Node | Item] = field(default_factory=list)
    appendix: bool = False

    def has_content(self) -> bool:
        return any(
            not isinstance(c, Node) or c.kind != self.kind or c.level > self.level for c in self.children
        )


def _classify(para: Para, styled: bool) -> tuple[str, int, str] | None:
    """The structural role of a paragraph: a heading, a numbered item, a typed label, or None
    (content)."""
    if para.style == "appendix heading" or (
        APPENDIX.match(para.plain.strip()) and len(para.plain.strip()) <= 30 and not para.images
    ):
        return HEADING, 1, para.plain.strip()
    if para.heading is not None and para.plain.strip():
        text = para.plain.strip()
        found = typed_label(text)
        return HEADING, para.heading, found[1] if found else text
    if para.list_level is not None and para.plain.strip():
        found = typed_label(para.text.strip())
        return ITEM, para.list_level, found[1] if found and not styled else para.text.strip()
    if para.style.startswith("list level"):
        return ITEM, int(para.style.split()[-1]), para.text.strip()
    if not para.images and (found := typed_label(para.text.strip())):
        return TYPED, found[0], found[1]
    return None


def build_tree(items: list[Item], styled: bool) -> Node:
    """``styled``: the document numbers by styles and automatic lists (ours, or one written
    with Word's numbering); a plain paragraph then ends the numbered items above it."""
    root = Node(HEADING, 0, "")
    stack = [root]
    for item in items:
        role = _classify(item, styled) if isinstance(item, Para) else None
        if role is None:
            if isinstance(item, Para) and item.style.startswith("list continue"):
                level = int(item.style.split()[-1])
                while len(stack) > 1 and stack[-1].level > level:
                    stack.pop()
            elif isinstance(item, Para) and styled and item.style in ("body text", "normal", "caption"):
                if not (item.style == "caption" and stack[-1].kind == ITEM and _last_is_figure(stack[-1])):
                    while len(stack) > 1 and stack[-1].kind == ITEM:
                        stack.pop()
            elif not isinstance(item, Para) and styled:  # a table ends the numbered items
                while len(stack) > 1 and stack[-1].kind == ITEM:
                    stack.pop()
            stack[-1].children.append(item)
            continue
        kind, level, text = role
        if kind == ITEM and isinstance(item, Para) and not item.style.startswith("list level"):
            # Word's own list levels count from the list, not from the page: place them under
            # the heading they follow (ours, "List Level N", already count from the page)
            base = next((n.level for n in reversed(stack) if n.kind != ITEM), 0)
            level += base
        while len(stack) > 1 and stack[-1].level >= level:
            stack.pop()
        node = Node(kind, level, text)
        stack[-1].children.append(node)
        stack.append(node)
    return root


def _last_is_figure(node: Node) -> bool:
    return bool(node.children) and isinstance(node.children[-1], Para) and bool(node.children[-1].images)


def typed_group_is_headings(group: list[Node]) -> bool:
    """Whether a run of sibling typed-label lines are headings (short, unpunctuated, with
    something under at least one of them) rather than numbered items."""
    if any(len(n.text) > MAX_HEADING_CHARS or n.text.endswith(SENTENCE_END) for n in group):
        return False
    return any(
        any(not isinstance(c, Node) for c in n.children) or any(isinstance(c, Node) for c in n.children)
        for n in group
    )
