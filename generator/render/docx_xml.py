"""The one place that touches raw OOXML: what python-docx has no API for."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.spec import default_content_types
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shape import InlineShape
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
# What CT_Settings puts after w:updateFields.
_AFTER_UPDATE_FIELDS = tuple(
    f"w:{name}"
    for name in [
        "hdrShapeDefaults",
        "footnotePr",
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "mathPr",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "schemaLibrary",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    ]
)


def _el(tag: str, **attrs: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def clear_body(doc: Document) -> None:
    """Drop the template's sample content, keeping its section settings."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def new_list(doc: Document) -> int:
    """A new instance of the template's list numbering (abstractNum 1), restarting at 1."""
    numbering = doc.part.numbering_part.element
    num = numbering.add_num(1)
    for level in range(9):
        num.add_lvlOverride(ilvl=level).add_startOverride(1)
    return int(num.numId)


def style_num_id(style: ParagraphStyle) -> int | None:
    """The list a paragraph style is numbered by (the template's headings'), if any."""
    num_pr = style.element.pPr.numPr if style.element.pPr is not None else None
    return None if num_pr is None or num_pr.numId is None else int(num_pr.numId.val)


def set_numbering(paragraph: Paragraph, num_id: int, level: int) -> None:
    """Number ``paragraph`` at ``level`` (1-based, as our levels count) of list ``num_id``."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level - 1
    num_pr.get_or_add_numId().val = num_id


def add_bookmark(paragraph: Paragraph, name: str, bookmark_id: int) -> None:
    p = paragraph._p
    start = _el("w:bookmarkStart", id=str(bookmark_id), name=name)
    ppr = p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(_el("w:bookmarkEnd", id=str(bookmark_id)))


def add_hyperlink(paragraph: Paragraph, text: str, url: str, bold: bool = False) -> None:
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    link.append(_run(text, "Hyperlink", bold))
    paragraph._p.append(link)


def _run(text: str, style: str | None = None, bold: bool = False) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    if style or bold:
        rpr = OxmlElement("w:rPr")
        if style:
            rpr.append(_el("w:rStyle", val=style))
        if bold:
            rpr.append(OxmlElement("w:b"))
        run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)
    return run


def _field_char(kind: str) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    run.append(_el("w:fldChar", fldCharType=kind))
    return run


def write_toc(
    paragraphs: list[Paragraph], entries: Iterable[tuple[str, str, str | None]], instruction: str
) -> None:
    """Fill pre-made paragraphs with a TOC field whose result is already written in.

    ``entries`` are (text, bookmark, page or None). Word refreshes the field on demand;
    LibreOffice and Word before an update show the entries as written here.
    """
    entries = list(entries)
    first, last = paragraphs[0]._p, paragraphs[-1]._p
    first.append(_field_char("begin"))
    instr = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    text.text = f" {instruction} "
    instr.append(text)
    first.append(instr)
    first.append(_field_char("separate"))
    for paragraph, (label, anchor, page) in zip(paragraphs, entries, strict=True):
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), anchor)
        link.set(qn("w:history"), "1")
        link.append(_run(label))
        if page is not None:
            tab = OxmlElement("w:r")
            tab.append(OxmlElement("w:tab"))
            link.append(tab)
            link.append(_run(page))
        paragraph._p.append(link)
    last.append(_field_char("end"))


def update_fields_on_open(doc: Document) -> None:
    """Ask Word to refresh the TOC when opened (used when page numbers were not computed)."""
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:  # in CT_Settings' order, or Word drops it
        settings.insert_element_before(_el("w:updateFields", val="true"), *_AFTER_UPDATE_FIELDS)


def set_page_numbering(section: Section, fmt: str) -> None:
    """Restart this section's page numbers at 1 in ``fmt`` (lowerRoman, decimal)."""
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    pg = _el("w:pgNumType", fmt=fmt, start="1")
    # CT_SectPr orders children; pgNumType comes after pgMar and before titlePg / docGrid.
    anchor = sect_pr.find(qn("w:pgMar"))
    if anchor is not None:
        anchor.addnext(pg)
    else:
        sect_pr.append(pg)


def repeat_header_row(table: Table) -> None:
    table.rows[0]._tr.get_or_add_trPr().append(_el("w:tblHeader"))  # on by its presence


def east_asian_runs(paragraph: Paragraph) -> None:
    """Draw the runs' ambiguous-width characters (□ ■ ○) with the East Asian font."""
    for run in paragraph.runs:
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hint"), "eastAsia")


def set_alt_text(shape: InlineShape, text: str) -> None:
    """The picture's description (wp:docPr/@descr): what screen readers and Word's Alt Text show."""
    shape._inline.docPr.set("descr", text)


def keep_rows_whole(table: Table) -> None:
    """No row breaks across a page: a record's label and its value stay side by side."""
    for row in table.rows:
        row._tr.get_or_add_trPr().append(_el("w:cantSplit"))


def set_table_look(table: Table, first_row: bool, first_column: bool) -> None:
    """Which parts of the template's table style apply (shaded header row or label column)."""
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblLook")):
        tbl_pr.remove(old)
    # The legacy hex val says the same for readers of the 2006 schema (LibreOffice among them,
    # which shades the whole first row without it): firstRow 0x20, firstColumn 0x80,
    # noHBand 0x200, noVBand 0x400.
    val = (0x20 if first_row else 0) | (0x80 if first_column else 0) | 0x200 | 0x400
    tbl_pr.append(
        _el(
            "w:tblLook",
            val=f"{val:04X}",
            firstRow="1" if first_row else "0",
            firstColumn="1" if first_column else "0",
            lastRow="0",
            lastColumn="0",
            noHBand="1",
            noVBand="1",
        )
    )


def package_bytes(doc: Document) -> bytes:
    """The .docx as bytes, holding what python-docx's ``save`` writes, but with fixed entry
    times (equal input, equal bytes) and images stored rather than compressed a second time."""
    package = doc.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    writer = _FixedZip()
    writer.write(PackURI("/[Content_Types].xml"), _content_types(parts))
    writer.write(PackURI("/_rels/.rels"), package.rels.xml)
    for part in parts:
        writer.write(part.partname, part.blob)
        if len(part.rels):
            writer.write(part.partname.rels_uri, part.rels.xml)
    return writer.close()


def _content_types(parts: list) -> bytes:
    """[Content_Types].xml: a Default per extension with a standard type (images), an Override
    per other part, sorted as python-docx sorts them."""
    defaults = {"rels": CT.OPC_RELATIONSHIPS, "xml": CT.XML}
    overrides = {}
    for part in parts:
        if (part.partname.ext.lower(), part.content_type) in default_content_types:
            defaults[part.partname.ext] = part.content_type
        else:
            overrides[str(part.partname)] = part.content_type
    root = etree.Element(f"{{{_CT_NS}}}Types", nsmap={None: _CT_NS})
    for ext in sorted(defaults):
        etree.SubElement(root, f"{{{_CT_NS}}}Default", Extension=ext, ContentType=defaults[ext])
    for name in sorted(overrides):
        etree.SubElement(root, f"{{{_CT_NS}}}Override", PartName=name, ContentType=overrides[name])
    return etree.tostring(root, encoding="UTF-8", standalone=True)


class _FixedZip:
    """A zip with fixed entry times; JPEG and PNG members stored, the XML deflated."""

    def __init__(self) -> None:
        self.buffer = io.BytesIO()
        self.zip = zipfile.ZipFile(self.buffer, "w")

    def write(self, uri: PackURI, blob: bytes) -> None:
        name = uri.membername
        stored = name.lower().endswith((".jpeg", ".jpg", ".png"))  # compressed already
        self.zip.writestr(
            zipfile.ZipInfo(name, ZIP_EPOCH), blob, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        )

    def close(self) -> bytes:
        self.zip.close()
        return self.buffer.getvalue()


def set_style(paragraph: Paragraph, style_id: str) -> None:
    """Assign a paragraph style by id: python-docx's name lookup rescans every style of the
    template for each paragraph, which cost more than writing the report."""
    paragraph._p.style = style_id


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
