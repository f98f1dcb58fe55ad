"""Form pages: fixed-layout pages (a cover, a sheet, a header table) as Word templates.

A form page is a .docx written in Word, with Jinja2 placeholders that docxtpl fills in; an
agency can move a field, change a label or add its logo in Word without touching Python. The
report's body stays python-docx by style name (render/docx.py); a form page is rendered here and
its content appended to that document, or (the 審核表) kept as a document of its own.

Use: ``append_form_page(doc, templates / "forms" / "<form>" / "<page>.docx", context)``, or, in
render/docx.py, ``_Writer.form_page("<form>/<page>.docx", context)``; the context comes from
generator/wording/texts.py (e.g. ``texts.cover_context(report)``). Our default templates are
written by scripts/make_word_template.py (``FORM_PAGES``), from the same styles as report.docx.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
from docx.document import Document
from docx.image.exceptions import UnrecognizedImageError
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.parts.document import DocumentPart
from docx.parts.image import ImagePart
from docxtpl import DocxTemplate
from lxml import etree

from ..errors import TemplateError

_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
# Bookmarks copied from a form page are renumbered from here, clear of the report's own
# (render/docx.py numbers its headings' bookmarks 1, 2, …).
_BOOKMARK_BASE = 1_000_000
_STYLE_REFS = ("w:pStyle", "w:rStyle", "w:tblStyle")


def render_form(template: Path, context: Mapping[str, Any], check_styles: bool = True) -> Document:
    """The form page ``template`` filled in with ``context``, as a python-docx Document (body,
    headers and footers rendered; styles, page setup and pictures as the template has them).

    How a form page template is written (any .docx; scripts/make_word_template.py writes ours):

    - ``{{ name }}`` in the text is replaced by the context's value of ``name``, escaped (a
      clerk's ``&`` or ``<`` is text, never markup) and in the formatting of the placeholder's
      first character. A line break in a value becomes a line break (``<w:br/>``).
    - A paragraph holding only ``{%p for line in lines %}`` … a paragraph ``{%p endfor %}``
      repeats the paragraphs between them, once per item (``{{ line }}`` in them); ``{%p if x %}``
      … ``{%p endif %}`` keeps them only when ``x`` is not empty.
    - A table row holding ``{%tr for t in travellers %}`` … a row ``{%tr endfor %}`` repeats the
      rows between them (``{{ t.name }}`` in their cells); ``{%tr if x %}`` … ``{%tr endif %}``.
    - Anything else (text, tables, pictures, styles, borders) is kept as written.
    - A name the context lacks, or a Jinja syntax error, is a TemplateError that names the
      template file and the paragraph (``StrictUndefined``: nothing is left blank silently);
      so is a style the text names and the template lacks (``check_styles``).

    Word splits text into runs wherever its formatting or the spelling checker's marks change,
    and turns straight quotes into curly ones: docxtpl joins the runs inside ``{{ }}`` and
    ``{% %}`` again, but type a placeholder in one go and give it one formatting.
    """
    try:
        document = _Template(template)
        document.init_docx()
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, PackageNotFoundError) as exc:
        raise TemplateError(f"{template}：無法開啟 Word 樣板（{exc}）。") from None
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    try:
        document.render(dict(context), env, autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        near = " ".join(line.strip() for line in getattr(exc, "docx_context", []) if line.strip())
        where = f"（在「{near}」附近）" if near else ""
        raise TemplateError(f"{template}: 樣板語法錯誤：{exc.message}{where}") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(
            f"{template}: 樣板錯誤：{exc}{_where(document, str(exc))}；可用的欄位：{', '.join(context)}"
        ) from None
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"{template}: 樣板錯誤：填入後不是合法的 Word 內容（{exc}）") from None
    body = document.docx.element.body
    # docxtpl parses the rendered body without python-docx's element classes: parse it again.
    body.getparent().replace(body, parse_xml(etree.tostring(body)))
    styles = document.docx.styles.element
    for style_id in _style_ids(document.docx.element.body) if check_styles else []:
        if styles.get_by_id(style_id) is None:
            raise _missing_style(template, style_id)
    return document.docx


def _missing_style(template: Path, style_id: str) -> TemplateError:
    return TemplateError(
        f"{template}：Word 樣板缺少樣式 {style_id}；請勿刪除樣板中的樣式（README「Restyling」列出全部）。"
    )


def append_form_page(doc: Document, template: Path, context: Mapping[str, Any]) -> None:
    """Render the form page ``template`` with ``context`` (see ``render_form``) and append its
    body content (paragraphs and tables) at the current end of ``doc``, before ``doc``'s last
    section settings.

    The page takes its page size, margins, headers and footers from ``doc``: a section break in
    the template is dropped (the caller decides where sections end). Pictures and hyperlinks
    are carried over with their relationships; a style ``doc`` lacks is copied from the template;
    a style neither has is a TemplateError (as for the body's styles).
    """
    page = render_form(template, context, check_styles=False)  # doc may have the style
    source, target = page.part, doc.part
    content = [child for child in page.element.body if child.tag != qn("w:sectPr")]
    sentinel = doc.element.body.find(qn("w:sectPr"))
    next_shape = target.next_id
    bookmarks = _Bookmarks(doc)
    for child in content:
        element = parse_xml(etree.tostring(child))
        for sect_pr in element.findall(f".//{qn('w:pPr')}/{qn('w:sectPr')}"):
            sect_pr.getparent().remove(sect_pr)
        for node in list(element.iter()):
            for name, value in list(node.attrib.items()):
                if name.startswith(_R):
                    node.set(name, _relate(source, target, value, template))
            if node.tag == _WP_DOCPR:  # a drawing's id, unique in the document
                node.set("id", str(next_shape))
                next_shape += 1
            elif node.tag in (qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
                bookmarks.renumber(node)
        _copy_styles(page, doc, element, template)
        if sentinel is not None:
            sentinel.addprevious(element)
        else:
            doc.element.body.append(element)


class _Template(DocxTemplate):
    def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        """The document properties are not a template's: the renderer sets them from the model."""

    def fix_tables(self, xml: str) -> Any:
        """docxtpl parses the rendered XML in lxml's recover mode, which drops what a template
        broke without a word: parse strictly first, so that it is an error."""
        etree.fromstring(xml.encode("utf-8"))
        return super().fix_tables(xml)


def _where(document: DocxTemplate, message: str) -> str:
    """（段落「…」）: the first paragraph of the template naming the undefined field of ``message``."""
    found = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", message)
    if not found:
        return ""
    name = found.group(2) or found.group(1)
    pattern = re.compile(r"[{%][^}]*\b" + re.escape(name) + r"\b")
    for paragraph in _template_paragraphs(document):
        if pattern.search(paragraph):
            return f"（段落「{paragraph}」）"
    return ""


def _template_paragraphs(document: DocxTemplate) -> Iterator[str]:
    source = DocxTemplate(document.template_file)
    source.init_docx()
    for p in source.docx.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if text.strip():
            yield text


def _relate(source: Part, target: DocumentPart, r_id: str, template: Path) -> str:
    """The id, in ``target``, of what ``r_id`` points to in ``source``."""
    rel = source.rels[r_id]
    if rel.is_external:
        return target.relate_to(rel.target_ref, rel.reltype, is_external=True)
    if rel.reltype == RT.IMAGE:
        blob = rel.target_part.blob
        try:
            return target.get_or_add_image(io.BytesIO(blob))[0]
        except UnrecognizedImageError:  # SVG, EMF…: copied as they are, named as python-docx names images
            package = target.package
            images = package.image_parts
            name = images._next_image_partname(rel.target_part.partname.ext)
            part = ImagePart(name, rel.target_part.content_type, blob)
            images.append(part)
            return target.relate_to(part, RT.IMAGE)
    raise TemplateError(
        f"{template}：表單頁只能有文字、表格、圖片與超連結，不支援 {rel.reltype.rsplit('/', 1)[-1]}。"
    )


class _Bookmarks:
    """Bookmark ids are unique in a document: a form page's are renumbered from
    _BOOKMARK_BASE on, clear of the body's; Word's own _GoBack mark is dropped."""

    def __init__(self, doc: Document):
        used = [int(b.get(qn("w:id"), "0")) for b in doc.element.body.iter(qn("w:bookmarkStart"))]
        self.next = max([*used, _BOOKMARK_BASE - 1]) + 1
        self.ids: dict[str | None, str] = {}
        self.dropped: set[str | None] = set()

    def renumber(self, node: Any) -> None:
        old = node.get(qn("w:id"))
        if node.tag == qn("w:bookmarkStart"):
            if node.get(qn("w:name")) == "_GoBack":
                self.dropped.add(old)
            else:
                self.ids[old] = str(self.next)
                self.next += 1
        if old in self.dropped:
            node.getparent().remove(node)
        elif old in self.ids:
            node.set(qn("w:id"), self.ids[old])


def _style_ids(element: Any) -> list[str]:
    """The paragraph, character and table styles ``element`` and its descendants name."""
    return [ref.get(qn("w:val")) for tag in _STYLE_REFS for ref in element.iter(qn(tag))]


def _copy_styles(page: Document, doc: Document, element: Any, template: Path) -> None:
    """Give ``doc`` every style ``element`` uses: from the form page's template when ``doc``
    lacks it (with the styles it is based on)."""
    have = doc.styles.element
    wanted = _style_ids(element)
    while wanted:
        style_id = wanted.pop()
        if have.get_by_id(style_id) is not None:
            continue
        style = page.styles.element.get_by_id(style_id)
        if style is None:
            raise _missing_style(template, style_id)
        have.append(copy.deepcopy(style))
        based_on = style.find(qn("w:basedOn"))
        if based_on is not None:
            wanted.append(based_on.get(qn("w:val")))
