"""A .docx as a list of paragraphs and tables (lxml over the package, never python-docx's
loader: it would follow no external link either, but it parses without our size bounds)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .items import Image, Item, Para, Table
from .package import ImportError_, Package

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _on(element: etree._Element | None) -> bool:
    """A toggle property such as <w:b/> (on unless w:val is 0/false/off)."""
    return element is not None and element.get(_w("val"), "true").lower() not in ("0", "false", "off", "none")


@dataclass
class _Style:
    name: str
    based_on: str | None
    outline: int | None  # 0-based outline level
    numbered: bool
    bold: bool


_HEADING_NAME = re.compile(r"^heading\s*(\d)$", re.I)


class DocxReader:
    def __init__(self, package: Package):
        self.package = package
        main = self._main_part()
        self.part = main
        self.rels = package.relationships(main)
        self.styles = self._styles()
        self.field_stack: list[list[str]] = []  # instructions of the complex fields open

    def _main_part(self) -> str:
        rels = self.package.relationships("")
        for kind, target in rels.values():
            if kind == "officeDocument" and target:
                return target
        if "word/document.xml" in self.package:
            return "word/document.xml"
        raise ImportError_(f"{self.package.path}：找不到 Word 文件的本文（word/document.xml）。")

    def _styles(self) -> dict[str, _Style]:
        target = next((t for k, t in self.rels.values() if k == "styles" and t), None)
        if not target or target not in self.package:
            return {}
        styles: dict[str, _Style] = {}
        for style in self.package.xml(target).iter(_w("style")):
            ppr = style.find(_w("pPr"))
            outline = ppr.find(_w("outlineLvl")) if ppr is not None else None
            name = style.find(_w("name"))
            based = style.find(_w("basedOn"))
            rpr = style.find(_w("rPr"))
            styles[style.get(_w("styleId"), "")] = _Style(
                name=(name.get(_w("val"), "") if name is not None else "").lower(),
                based_on=based.get(_w("val")) if based is not None else None,
                outline=int(outline.get(_w("val"), "9")) if outline is not None else None,
                numbered=ppr is not None and ppr.find(_w("numPr")) is not None,
                bold=rpr is not None and _on(rpr.find(_w("b"))),
            )
        return styles

    def _style_chain(self, style_id: str | None) -> list[_Style]:
        chain: list[_Style] = []
        while style_id and style_id in self.styles and len(chain) < 20:
            chain.append(self.styles[style_id])
            style_id = chain[-1].based_on
        return chain

    def items(self) -> list[Item]:
        body = self.package.xml(self.part).find(_w("body"))
        if body is None:
            raise ImportError_(f"{self.package.path}：Word 文件沒有本文。")
        out: list[Item] = []
        self._block(body, out)
        return out

    def _block(self, parent: etree._Element, out: list[Item]) -> None:
        for child in parent:
            tag = child.tag
            if tag == _w("p"):
                out.append(self.paragraph(child))
            elif tag == _w("tbl"):
                out.append(self.table(child))
            elif tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                gallery = child.find(f"{_w('sdtPr')}/{_w('docPartObj')}/{_w('docPartGallery')}")
                if content is not None:
                    start = len(out)
                    self._block(content, out)
                    if gallery is not None and "contents" in gallery.get(_w("val"), "").lower():
                        for item in out[start:]:
                            if isinstance(item, Para):
                                item.toc = True
            elif tag in (_w("customXml"), _w("ins")):
                self._block(child, out)

    def paragraph(self, p: etree._Element) -> Para:
        ppr = p.find(_w("pPr"))
        style_id = None
        level: int | None = None
        num_id: str | None = None
        outline: int | None = None
        centred = False
        if ppr is not None:
            ps = ppr.find(_w("pStyle"))
            style_id = ps.get(_w("val")) if ps is not None else None
            num = ppr.find(_w("numPr"))
            if num is not None:
                ilvl, nid = num.find(_w("ilvl")), num.find(_w("numId"))
                num_id = nid.get(_w("val")) if nid is not None else None
                if num_id and num_id != "0":
                    level = int(ilvl.get(_w("val"), "0")) + 1 if ilvl is not None else 1
                else:
                    num_id = None
            ol = ppr.find(_w("outlineLvl"))
            outline = int(ol.get(_w("val"), "9")) if ol is not None else None
            jc = ppr.find(_w("jc"))
            centred = jc is not None and jc.get(_w("val")) == "center"
        chain = self._style_chain(style_id)
        name = chain[0].name if chain else ("normal" if style_id is None else style_id.lower())
        heading = None
        for style in chain:
            if m := _HEADING_NAME.match(style.name):
                heading = int(m[1])
                break
            if style.outline is not None and style.outline < 9:
                heading = style.outline + 1
                break
        if outline is not None and outline < 9:
            heading = outline + 1
        if level is None and heading is None and any(s.numbered for s in chain):
            level = 1
        para_bold = any(s.bold for s in chain)
        pieces: list[tuple[str, bool]] = []
        images: list[Image] = []
        toc = name.startswith("toc") or bool(self.field_stack and self._in_toc())
        self._inline(p, pieces, images, para_bold)
        toc = toc or bool(self.field_stack and self._in_toc())
        text, plain = _markup(pieces)
        if heading is not None:
            level = None
        return Para(text, plain, name, heading, level, num_id, images, toc, centred)

    def _in_toc(self) -> bool:
        return any("".join(f).strip().upper().startswith("TOC") for f in self.field_stack)

    def _inline(
        self, parent: etree._Element, pieces: list[tuple[str, bool]], images: list[Image], para_bold: bool
    ) -> None:
        for child in parent:
            tag = child.tag
            if tag == _w("r"):
                self._run(child, pieces, images, para_bold)
            elif tag == _w("hyperlink"):
                before = len(pieces)
                self._inline(child, pieces, images, para_bold)
                url = self.package.external_targets(self.part).get(child.get(f"{{{R}}}id", ""))
                shown = "".join(t for t, _ in pieces[before:])
                if (
                    url
                    and shown.strip()
                    and shown.strip().rstrip("/") != url.rstrip("/")
                    and url not in shown
                ):
                    pieces.append((f" {url} ", False))
            elif tag == _w("fldSimple"):
                if not child.get(_w("instr"), "").strip().upper().startswith(("PAGE", "NUMPAGES")):
                    self._inline(child, pieces, images, para_bold)
            elif tag in (_w("ins"), _w("smartTag"), _w("customXml"), _w("sdtContent"), _w("sdt")):
                self._inline(child, pieces, images, para_bold)
            elif tag == f"{{{MC}}}AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                if choice is not None:
                    self._inline(choice, pieces, images, para_bold)

    def _run(
        self, r: etree._Element, pieces: list[tuple[str, bool]], images: list[Image], para_bold: bool
    ) -> None:
        rpr = r.find(_w("rPr"))
        bold = para_bold
        if rpr is not None:
            b = rpr.find(_w("b"))
            if b is not None:
                bold = _on(b)
            rs = rpr.find(_w("rStyle"))
            if rs is not None:
                style = self.styles.get(rs.get(_w("val"), ""))
                if style and (style.bold or style.name == "strong"):
                    bold = True
            if _on(rpr.find(_w("vanish"))):
                return
        for child in r:
            tag = child.tag
            if tag == _w("fldChar"):
                kind = child.get(_w("fldCharType"))
                if kind == "begin":
                    self.field_stack.append([])
                elif kind == "end" and self.field_stack:
                    self.field_stack.pop()
            elif tag == _w("instrText"):
                if self.field_stack:
                    self.field_stack[-1].append(child.text or "")
            elif self.field_stack and any(
                "".join(f).strip().upper().startswith(("PAGE", "NUMPAGES")) for f in self.field_stack
            ):
                continue
            elif tag == _w("t"):  # an entity reference (never expanded) leaves only its tail
                pieces.append(((child.text or "") + "".join(c.tail or "" for c in child), bold))
            elif tag == _w("tab"):
                pieces.append(("\t", False))
            elif tag in (_w("br"), _w("cr")):
                if child.get(_w("type")) not in ("page", "column"):
                    pieces.append(("\n", False))
            elif tag == _w("noBreakHyphen"):
                pieces.append(("-", bold))
            elif tag in (_w("drawing"), _w("pict"), _w("object")):
                self._images(child, images)
            elif tag == f"{{{MC}}}AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                if choice is not None:
                    for inner in choice:
                        if inner.tag in (_w("drawing"), _w("pict")):
                            self._images(inner, images)

    def _images(self, element: etree._Element, images: list[Image]) -> None:
        refs = [(b.get(f"{{{R}}}embed"), b.get(f"{{{R}}}link")) for b in element.iter(f"{{{A}}}blip")]
        refs += [(d.get(f"{{{R}}}id"), None) for d in element.iter(f"{{{V}}}imagedata")]
        for embed, link in refs:
            rid = embed or link
            if not rid:
                continue
            _, target = self.rels.get(rid, ("", None))
            if target is None or target not in self.package:
                url = self.package.external_targets(self.part).get(rid, rid)
                images.append(Image(None, url))  # linked, never fetched
            else:
                images.append(Image(self.package.read(target), target))

    def table(self, tbl: etree._Element) -> Table:
        rows: list[list[list[str]]] = []
        images: list[list[list[Image]]] = []
        for tr in tbl.iter(_w("tr")):
            if tr.getparent() is not tbl and not _in_same_table(tr, tbl):
                continue
            row: list[list[str]] = []
            row_images: list[list[Image]] = []
            for tc in tr.findall(_w("tc")):
                merge = tc.find(f"{_w('tcPr')}/{_w('vMerge')}")
                paragraphs = [self.paragraph(p) for p in tc.iter(_w("p"))]
                if merge is not None and merge.get(_w("val"), "continue") == "continue":
                    row.append([])
                    row_images.append([])
                    continue
                row.append([line for p in paragraphs if not p.toc for line in p.plain.split("\n")])
                row_images.append([i for p in paragraphs for i in p.images])
                span = tc.find(f"{_w('tcPr')}/{_w('gridSpan')}")
                for _ in range(int(span.get(_w("val"), "1")) - 1 if span is not None else 0):
                    row.append([])
                    row_images.append([])
            rows.append(row)
            images.append(row_images)
        return Table(rows, images)


def _in_same_table(tr: etree._Element, tbl: etree._Element) -> bool:
    """A row of ``tbl`` itself (inside w:sdt or w:customXml), not of a table nested in a cell."""
    parent = tr.getparent()
    while parent is not None and parent is not tbl:
        if parent.tag == _w("tbl"):
            return False
        parent = parent.getparent()
    return parent is tbl


def _markup(pieces: list[tuple[str, bool]]) -> tuple[str, str]:
    """The text with **bold** around bold runs (merged, white space kept outside), and without."""
    plain = "".join(t for t, _ in pieces)
    merged: list[tuple[str, bool]] = []
    for text, bold in pieces:
        if not text:
            continue
        if merged and merged[-1][1] == bold:
            merged[-1] = (merged[-1][0] + text, bold)
        else:
            merged.append((text, bold))
    if merged and all(b for _, b in merged):  # a wholly bold paragraph: bold is its style
        return plain, plain
    out = []
    for text, bold in merged:
        core = text.strip()
        if bold and core and "*" not in core:
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            out.append(f"{lead}**{core}**{trail}")
        else:
            out.append(text)
    return "".join(out), plain


def read_docx(package: Package) -> list[Item]:
    package.refuse_macros()
    return DocxReader(package).items()
