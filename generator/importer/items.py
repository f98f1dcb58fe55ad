"""What a reader makes of a document: paragraphs and tables in order, formatting reduced to
what the content format can hold (headings, list levels, bold, links, images)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Image:
    """An image of the document: its bytes, or None when it is only linked (never fetched)."""

    data: bytes | None
    name: str  # the package member, or the URL of a linked image


@dataclass
class Para:
    text: str  # with **bold** markup
    plain: str  # without markup
    style: str = ""  # the style's name, lower case ("heading 1", "body text", "caption", "normal")
    heading: int | None = None  # 1–9 from a heading style or an outline level
    list_level: int | None = None  # 1-based level of Word/ODF automatic numbering
    num_id: str | None = None  # which automatic list it belongs to
    images: list[Image] = field(default_factory=list)
    toc: bool = False  # an entry of a table of contents
    centred: bool = False


@dataclass
class Table:
    rows: list[list[list[str]]]  # row → cell → the cell's paragraphs (plain text)
    images: list[list[list[Image]]] = field(default_factory=list)  # row → cell → images


Item = Para | Table
