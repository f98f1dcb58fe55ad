"""An .odt (ODF text) as a list of paragraphs and tables, from content.xml with lxml."""

from __future__ import annotations

import posixpath

from lxml import etree

from .docx_reader import _markup
from .items import Image, Item, Para, Table
from .package import ImportError_, Package

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
}
# LibreOffice's names of the styles Word calls otherwise.
ODF_NAMES = {"text body": "body text", "standard": "normal", "default paragraph style": "normal"}
MAX_REPEAT = 64  # number-columns-repeated of a real table cell; more is a trick


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


class OdtReader:
    def __init__(self, package: Package):
        self.package = package
        if "content.xml" not in package:
            raise ImportError_(f"{package.path}：找不到 ODF 文件的本文（content.xml）。")
        self.content = package.xml("content.xml")
        self.parent: dict[str, str] = {}  # automatic style → its named style
        self.bold: set[str] = set()
        self.centred: set[str] = set()
        self.display: dict[str, str] = {}
        automatic = self.content.find(_q("office", "automatic-styles"))
        # automatic styles (P1, T2…) stand for their parent, the style the author chose
        self.automatic = {
            s.get(_q("style", "name"), "") for s in (automatic if automatic is not None else [])
        }
        roots = [self.content] + ([package.xml("styles.xml")] if "styles.xml" in package else [])
        for root in roots:
            for style in root.iter(_q("style", "style")):
                name = style.get(_q("style", "name"), "")
                if parent := style.get(_q("style", "parent-style-name")):
                    self.parent[name] = parent
                if display := style.get(_q("style", "display-name")):
                    self.display[name] = display
                text = style.find(_q("style", "text-properties"))
                if text is not None and text.get(_q("fo", "font-weight")) == "bold":
                    self.bold.add(name)
                para = style.find(_q("style", "paragraph-properties"))
                if para is not None and para.get(_q("fo", "text-align")) == "center":
                    self.centred.add(name)

    def _name(self, style: str) -> str:
        seen = 0
        while style in self.automatic and style in self.parent and seen < 20:
            style, seen = self.parent[style], seen + 1
        name = self.display.get(style, style.replace("_20_", " ")).lower()
        return ODF_NAMES.get(name, name)

    def items(self) -> list[Item]:
        body = self.content.find(f"{_q('office', 'body')}/{_q('office', 'text')}")
        if body is None:
            raise ImportError_(f"{self.package.path}：ODF 文件沒有文字本文。")
        out: list[Item] = []
        self._block(body, out, 0, False)
        return out

    def _block(self, parent: etree._Element, out: list[Item], depth: int, toc: bool) -> None:
        for child in parent:
            tag = child.tag
            if tag in (_q("text", "p"), _q("text", "h")):
                out.append(self._para(child, depth, toc))
            elif tag == _q("text", "list"):
                for item in child:
                    if item.tag in (_q("text", "list-item"), _q("text", "list-header")):
                        self._block(item, out, depth + 1, toc)
            elif tag == _q("table", "table"):
                out.append(self._table(child))
            elif tag in (_q("text", "table-of-content"), _q("text", "alphabetical-index")):
                index_body = child.find(_q("text", "index-body"))
                self._block(child if index_body is None else index_body, out, depth, True)
            elif tag in (_q("text", "section"), _q("text", "index-body")):
                self._block(child, out, depth, toc)

    def _para(self, p: etree._Element, depth: int, toc: bool) -> Para:
        style = p.get(_q("text", "style-name"), "")
        name = self._name(style)
        pieces: list[tuple[str, bool]] = []
        images: list[Image] = []
        self._inline(p, pieces, images, self._is_bold(style))
        text, plain = _markup(pieces)
        heading = None
        if p.tag == _q("text", "h"):
            heading = int(p.get(_q("text", "outline-level"), "1"))
        level = depth if depth and heading is None else None
        return Para(
            text,
            plain,
            name,
            heading,
            level,
            None,
            images,
            toc or name.startswith(("contents", "toc")),
            style in self.centred or name in self.centred,
        )

    def _is_bold(self, style: str) -> bool:
        seen = 0
        while style and seen < 20:
            if style in self.bold:
                return True
            style, seen = self.parent.get(style, ""), seen + 1
        return False

    def _inline(
        self, parent: etree._Element, pieces: list[tuple[str, bool]], images: list[Image], bold: bool
    ) -> None:
        if parent.text:
            pieces.append((parent.text, bold))
        for child in parent:
            tag = child.tag
            if not isinstance(tag, str):  # a comment, processing instruction or entity reference
                if child.tail:
                    pieces.append((child.tail, bold))
                continue
            if tag == _q("text", "span"):
                self._inline(
                    child, pieces, images, bold or self._is_bold(child.get(_q("text", "style-name"), ""))
                )
            elif tag == _q("text", "a"):
                before = len(pieces)
                self._inline(child, pieces, images, bold)
                url = child.get(_q("xlink", "href"), "")
                shown = "".join(t for t, _ in pieces[before:]).strip()
                if url.startswith("http") and shown and url.rstrip("/") not in shown:
                    pieces.append((f" {url} ", False))
            elif tag == _q("text", "s"):
                pieces.append((" " * min(int(child.get(_q("text", "c"), "1")), 100), False))
            elif tag == _q("text", "tab"):
                pieces.append(("\t", False))
            elif tag == _q("text", "line-break"):
                pieces.append(("\n", False))
            elif tag == _q("draw", "frame"):
                for image in child.iter(_q("draw", "image")):
                    self._image(image, images)
                    break
            elif tag in (_q("text", "note"), _q("text", "bookmark-ref")) or tag.startswith(
                f"{{{NS['office']}}}"
            ):
                pass
            elif tag not in (
                _q("text", "soft-page-break"),
                _q("text", "bookmark"),
                _q("text", "bookmark-start"),
                _q("text", "bookmark-end"),
            ):
                self._inline(child, pieces, images, bold)
            if child.tail:
                pieces.append((child.tail, bold))

    def _image(self, element: etree._Element, images: list[Image]) -> None:
        href = element.get(_q("xlink", "href"), "")
        member = posixpath.normpath(href.removeprefix("./")) if href and "://" not in href else None
        if member and member in self.package:
            images.append(Image(self.package.read(member), member))
        elif href:
            images.append(Image(None, href))  # linked, never fetched

    def _table(self, table: etree._Element) -> Table:
        rows: list[list[list[str]]] = []
        images: list[list[list[Image]]] = []
        for row in table.iter(_q("table", "table-row")):
            if _owner(row) is not table:
                continue
            cells: list[list[str]] = []
            cell_images: list[list[Image]] = []
            for cell in row:
                if cell.tag not in (_q("table", "table-cell"), _q("table", "covered-table-cell")):
                    continue
                repeat = min(int(cell.get(_q("table", "number-columns-repeated"), "1")), MAX_REPEAT)
                paragraphs = [self._para(p, 0, False) for p in cell.iter(_q("text", "p"), _q("text", "h"))]
                for _ in range(repeat):
                    cells.append([line for p in paragraphs for line in p.plain.split("\n")])
                    cell_images.append([i for p in paragraphs for i in p.images])
            while cells and not any(cells[-1]) and not any(cell_images[-1]) and len(cells) > 1:
                cells.pop()
                cell_images.pop()
            rows.append(cells)
            images.append(cell_images)
        return Table(rows, images)


def _owner(row: etree._Element) -> etree._Element | None:
    parent = row.getparent()
    while parent is not None and parent.tag != _q("table", "table"):
        parent = parent.getparent()
    return parent


def read_odt(package: Package) -> list[Item]:
    package.refuse_macros()
    if any(n.lower().startswith("basic/") or n.lower().startswith("scripts/") for n in package.infos):
        raise ImportError_(
            f"{package.path}：這個 ODF 檔案含有巨集（Basic／Scripts），基於安全不匯入；"
            "請另存為不含巨集的 .odt。"
        )
    return OdtReader(package).items()
