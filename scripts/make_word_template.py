"""Write templates/report.docx, the Word file that holds the look of every generated .docx.

The template is the source of truth: an agency restyles it in Word and passes it with
``--templates``. This script is how our default was made (``make template``); re-running it
overwrites local edits to templates/report.docx. It also writes the form pages beside it
(templates/forms/executive-yuan/: cover, 提要, 審核表), docxtpl templates with the same styles
(generator/render/form_pages.py); tests/test_form_pages.py checks the committed files are its output.

Numbering lives in Word multilevel lists (壹、→一、→（一）→1.→（1）) tied to the heading
styles, so a clerk who inserts a section in Word gets the following ones renumbered, and
LibreOffice renders the same labels (ideographLegalTraditional / taiwaneseCountingThousand).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from lxml import etree

from generator.forms import FORMS as FORMS_BY_KEY
from generator.forms import NSTC_CONFERENCE
from generator.wording import numbering, texts

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EAST_ASIAN = "標楷體"
LATIN = "Times New Roman"
CHAR = 280  # twips of one 14 pt character: the unit of Chinese indents
TEXT_WIDTH = 11906 - 2 * 1417  # A4 less 2.5 cm margins, in twips

# (Word number format, level text) per level: 壹、 一、 （一） 1. （1） a. （a） i. （i）, from
# the table the PDF's labels come from; Word writes the n-th level's number as %n.
LEVELS = [(fmt, text.replace("%", f"%{i}")) for i, (fmt, text) in enumerate(numbering.LEVELS, 1)]


FULL_WIDTH = ("ideographLegalTraditional", "taiwaneseCountingThousand")  # 壹 一: one character each


def hang_twips(fmt: str, label: str) -> int:
    """The hanging indent of a level's labels: 一、 and （一） fill theirs exactly (the text
    follows with no tab); （1） … （10） must stay narrower than theirs, or the tab after the
    label would jump to the next tab stop, so they get half a character more (as report.css)."""
    if not label.startswith("（"):
        return 2 * CHAR
    return 3 * CHAR if fmt in FULL_WIDTH else 7 * CHAR // 2


def run_props(size_pt: float | None = None, bold: bool = False, color: str | None = None) -> str:
    parts = []
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if color:  # CT_RPr's order: b, bCs, …, color, …, sz, szCs
        parts.append(f'<w:color w:val="{color}"/>')
    if size_pt:
        half = int(size_pt * 2)
        parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


# The order ECMA-376 gives the children of w:pPr (CT_PPrBase). Word drops or "repairs"
# children out of this order (LibreOffice forgives it), so every style's pPr is sorted by it.
PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
]


def in_schema_order(ppr: str) -> str:
    """The children of a pPr (as XML text) sorted into the schema's order."""
    root = etree.fromstring(f'<w:pPr xmlns:w="{W}">{ppr}</w:pPr>')
    children = sorted(root, key=lambda child: PPR_ORDER.index(etree.QName(child).localname))
    return "".join(etree.tostring(child).decode().replace(f' xmlns:w="{W}"', "") for child in children)


def para_style(
    style_id: str,
    name: str,
    ppr: str = "",
    size: float | None = None,
    bold: bool = False,
    based_on: str = "Normal",
    next_style: str = "BodyText",
    extra: str = "",
    color: str | None = None,
) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>{based}<w:next w:val="{next_style}"/>{extra}<w:qFormat/>'
        f"<w:pPr>{in_schema_order(ppr)}</w:pPr>{run_props(size, bold, color)}</w:style>"
    )


def heading_styles() -> str:
    """Heading 1–9, one per numbering level, so that a section at any depth gets the label
    the PDF gives it."""
    sizes = [18, 16, 14, 14, 14, 14, 14, 14, 14]
    out = []
    for i, size in enumerate(sizes):
        ppr = (
            f'<w:keepNext/><w:keepLines/><w:numPr><w:ilvl w:val="{i}"/><w:numId w:val="1"/>'
            f'</w:numPr><w:spacing w:before="{240 if i == 0 else 120}" w:after="120" '
            f'w:line="360" w:lineRule="auto"/><w:outlineLvl w:val="{i}"/>'
        )
        out.append(para_style(f"Heading{i + 1}", f"heading {i + 1}", ppr, size, bold=True))
    return "".join(out)


def list_styles() -> str:
    """'List Level N': a numbered body paragraph at level N (2..9); its list is set per paragraph.
    'List Continue N': a paragraph that continues an item of level N, at that item's text indent.

    The label's suffix (numbering_xml) leaves no room to spare: a full-width label such as 一、
    is exactly as wide as its hanging indent, so the text starts at the indent on the first
    line as on the wrapped ones."""
    out = []
    for level in range(1, 9):
        hang = hang_twips(*LEVELS[level])
        indent = CHAR * (level - 1) + hang
        spacing = '<w:spacing w:after="60" w:line="360" w:lineRule="auto"/>'
        out.append(
            para_style(
                f"ListLevel{level + 1}",
                f"List Level {level + 1}",
                f'<w:ind w:left="{indent}" w:hanging="{hang}"/><w:jc w:val="both"/>{spacing}',
                based_on="Normal",
                next_style=f"ListLevel{level + 1}",
            )
        )
        out.append(
            para_style(
                f"ListContinue{level + 1}",
                f"List Continue {level + 1}",
                f'<w:ind w:left="{indent}" w:firstLine="{2 * CHAR}"/><w:jc w:val="both"/>{spacing}',
                based_on="Normal",
                next_style=f"ListContinue{level + 1}",
            )
        )
    return "".join(out)


def toc_styles() -> str:
    tabs = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
    return "".join(
        para_style(
            f"TOC{i}",
            f"toc {i}",
            f'{tabs}<w:spacing w:after="60" w:line="360" w:lineRule="auto"/>'
            f'<w:ind w:left="{(i - 1) * 2 * CHAR}"/>',
            next_style="Normal",
        )
        for i in (1, 2, 3)
    )


def styles_xml() -> str:
    body_spacing = '<w:spacing w:after="0" w:line="360" w:lineRule="auto"/>'
    styles = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        '<w:qFormat/><w:pPr><w:widowControl/><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "</w:style>",
        para_style(
            "BodyText",
            "Body Text",
            f'<w:ind w:firstLineChars="200" w:firstLine="{2 * CHAR}"/><w:jc w:val="both"/>{body_spacing}',
        ),
        para_style(
            "Title",
            "Title",
            '<w:jc w:val="center"/><w:spacing w:before="1200" '
            'w:after="1200" w:line="360" w:lineRule="auto"/>',
            24,
            bold=True,
            next_style="CoverField",
        ),
        para_style(
            "CoverCategory",
            "Cover Category",
            '<w:jc w:val="center"/><w:spacing w:before="600" w:after="240"/>',
            20,
            next_style="Title",
        ),
        para_style(
            "CoverField",
            "Cover Field",
            f'<w:ind w:left="{3 * CHAR}"/><w:spacing w:after="160" w:line="360" w:lineRule="auto"/>',
            16,
            next_style="CoverField",
        ),
        heading_styles(),
        para_style(
            "FrontHeading",
            "Front Heading",
            "<w:keepNext/><w:pageBreakBefore/>"
            '<w:jc w:val="center"/>'
            '<w:spacing w:before="120" w:after="240"/>',
            18,
            bold=True,
        ),
        para_style(
            "AppendixHeading",
            "Appendix Heading",
            "<w:keepNext/><w:pageBreakBefore/>"
            '<w:spacing w:before="120" w:after="240"/><w:outlineLvl w:val="0"/>',
            18,
            bold=True,
        ),
        para_style(
            "TableText",
            "Table Text",
            '<w:spacing w:after="0" w:line="300" w:lineRule="auto"/>',
            12,
            next_style="TableText",
        ),
        para_style(
            "TableHeading",
            "Table Heading",
            '<w:jc w:val="center"/><w:spacing w:after="0" w:line="300" w:lineRule="auto"/>',
            12,
            bold=True,
            next_style="TableText",
        ),
        para_style(
            "Figure",
            "Figure",
            '<w:keepNext/><w:keepLines/><w:jc w:val="center"/><w:spacing w:before="120" w:after="60"/>',
            next_style="Caption",
        ),
        para_style(
            "Caption", "caption", '<w:keepLines/><w:jc w:val="center"/><w:spacing w:after="240"/>', 12
        ),
        # The 審核表's title: the sheet, with room to sign, stays on one page.
        para_style(
            "SheetTitle",
            "Sheet Title",
            '<w:keepNext/><w:jc w:val="center"/><w:spacing w:before="120" w:after="360"/>',
            20,
            bold=True,
        ),
        # The date line under a form's title (國科會: 「日期：114年9月30日」), at the right.
        para_style(
            "FormDate",
            "Form Date",
            '<w:keepNext/><w:jc w:val="right"/><w:spacing w:after="120"/>',
            12,
        ),
        list_styles(),
        toc_styles(),
        para_style("Footer", "footer", '<w:jc w:val="center"/>', 10, next_style="Footer"),
        # 「草稿」 in the header of every page of a `build --draft` (gray, bold, right-aligned).
        para_style(
            "DraftMark",
            "Draft Mark",
            '<w:jc w:val="right"/>',
            16,
            bold=True,
            next_style="DraftMark",
            color="A6A6A6",
        ),
        '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:qFormat/>'
        "<w:rPr><w:b/><w:bCs/></w:rPr></w:style>",
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name '
        'w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr></w:style>",
        # Images side by side under one caption: no borders, centred, half the 0.5 cm gap
        # between images as each cell's side margin.
        '<w:style w:type="table" w:styleId="FigureTable"><w:name w:val="Figure Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:tblPr><w:jc w:val="center"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="142" w:type="dxa"/><w:bottom w:w="0" '
        'w:type="dxa"/><w:right w:w="142" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="table" w:styleId="ReportTable"><w:name w:val="Report Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:tblPr><w:jc w:val="center"/><w:tblBorders>'
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + '</w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" '
        'w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr>"
        + "".join(
            f'<w:tblStylePr w:type="{part}"><w:tcPr><w:shd w:val="clear" w:color="auto" '
            'w:fill="EDEDED"/></w:tcPr></w:tblStylePr>'
            for part in ("firstRow", "firstCol")
        )
        + "</w:style>",
    ]
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">'
        f'<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{LATIN}" w:eastAsia='
        f'"{EAST_ASIAN}" w:hAnsi="{LATIN}" w:cs="{LATIN}"/><w:kern w:val="2"/>'
        '<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="en-US" w:eastAsia="zh-TW" '
        'w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:autoSpaceDE/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>" + "".join(styles) + "</w:styles>"
    )


def numbering_xml() -> str:
    def levels(headings: bool) -> str:
        out = []
        for i, (fmt, text) in enumerate(LEVELS):
            link = f'<w:pStyle w:val="Heading{i + 1}"/>' if headings else ""
            # A full-width label (壹、 一、 （一）) fills its hanging indent exactly: after a tab the
            # text would jump to the next tab stop, so nothing follows it; narrower ones (1.) tab.
            suffix = "nothing" if headings or fmt in FULL_WIDTH else "tab"
            hang = hang_twips(fmt, text)
            ind = (
                ""
                if headings
                else f'<w:pPr><w:ind w:left="{CHAR * max(i - 1, 0) + hang}" w:hanging="{hang}"/></w:pPr>'
            )
            out.append(
                f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'{link}<w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/>'
                f'<w:lvlJc w:val="left"/>{ind}</w:lvl>'
            )
        return "".join(out)

    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering '
        f'xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:multiLevelType '
        f'w:val="multilevel"/><w:name w:val="Report Headings"/>{levels(True)}'
        '</w:abstractNum><w:abstractNum w:abstractNumId="1"><w:multiLevelType '
        f'w:val="multilevel"/><w:name w:val="Report Lists"/>{levels(False)}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )


def document_xml(body: str = "<w:p/>") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document '
        f'xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}<w:sectPr>'
        '<w:footerReference w:type="default" r:id="rIdFooter"/>'
        '<w:footerReference w:type="first" r:id="rIdFooterFirst"/>'
        '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" '
        'w:bottom="1417" w:left="1417" w:header="851" w:footer="851" w:gutter="0"/>'
        '<w:titlePg/><w:docGrid w:linePitch="360"/></w:sectPr></w:body></w:document>'
    )


def footer_xml(page_number: bool) -> str:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space='
        '"preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
        '</w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        if page_number
        else ""
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{W}" '
        f'xmlns:r="{R}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>{field}</w:p></w:ftr>'
    )


SETTINGS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W}">'
    '<w:defaultTabStop w:val="480"/><w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.'
    'microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="en-US" '
    'w:eastAsia="zh-TW"/></w:settings>'
)

FONT_TABLE = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{W}">'
    f'<w:font w:name="{LATIN}"><w:charset w:val="00"/><w:family w:val="roman"/></w:font>'
    f'<w:font w:name="{EAST_ASIAN}"><w:altName w:val="DFKai-SB"/><w:charset '
    'w:val="88"/><w:family w:val="script"/></w:font></w:fonts>'
)

CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.'
    'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType='
    '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
    'ContentType="application/xml"/><Default Extension="jpeg" ContentType="image/jpeg"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    f'<Override PartName="/word/document.xml" ContentType="{CT}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{CT}.styles+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{CT}.numbering+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{CT}.settings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{CT}.fontTable+xml"/>'
    f'<Override PartName="/word/footer1.xml" ContentType="{CT}.footer+xml"/>'
    f'<Override PartName="/word/footer2.xml" ContentType="{CT}.footer+xml"/>'
    "</Types>"
)

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
    f'xmlns="{RELS_NS}"><Relationship Id="rId1" Type="{OFFICE_RT}/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
DOCUMENT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{RELS_NS}">'
    + "".join(
        f'<Relationship Id="{rid}" Type="{OFFICE_RT}/{kind}" Target="{target}"/>'
        for rid, kind, target in [
            ("rIdStyles", "styles", "styles.xml"),
            ("rIdNumbering", "numbering", "numbering.xml"),
            ("rIdSettings", "settings", "settings.xml"),
            ("rIdFonts", "fontTable", "fontTable.xml"),
            ("rIdFooter", "footer", "footer1.xml"),
            ("rIdFooterFirst", "footer", "footer2.xml"),
        ]
    )
    + "</Relationships>"
)


# -- form pages: docxtpl templates (generator/render/form_pages.py), same styles as report.docx --

FORMS = Path("forms")  # beside report.docx: forms/<form>/<page>.docx
# Column widths (cm of the 16 cm text width) of the form pages' tables.
FIELDS = (4.4, 11.6)  # label | value, as render/docx.py's COLUMNS["fields"]
TRAVELLERS = (2.2, 3.0, 3.0, 2.4, 1.8, 3.6)
REVIEW = (8.0, 4.0, 4.0)
SIGNATURES = (5.3, 5.3, 5.4)
SIGNATURE_HEIGHT = 2.4  # cm under each signature title, to sign and stamp


def twips(cm: float) -> int:
    return round(int(cm * 360000) / 635)  # as python-docx's Cm(cm).twips


def paragraph(style: str, text: str | None, boxes: bool = False) -> str:
    """A paragraph of ``style``; ``text`` None: no run at all; ``boxes``: □ ■ drawn at full CJK
    size (the East Asian font), not Times New Roman's."""
    run = ""
    if text is not None:
        rpr = '<w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>' if boxes else ""
        run = f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>' if text else "<w:r/>"
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run}</w:p>'


def tag(text: str) -> str:
    """A paragraph or row holding only a docxtpl tag ({%p …%}, {%tr …%}): it is replaced by the tag."""
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def line_loop(key: str) -> str:
    """A table cell's paragraphs, one per line of the list placeholder ``key``."""
    return tag(f"{{%p for line in {key} %}}") + paragraph("TableText", "{{ line }}") + tag("{%p endfor %}")


def table(widths: tuple[float, ...], rows: list[tuple[str, list[str]]], header: bool, label: bool) -> str:
    """A 'Report Table' (as render/docx.py's grid and fields_table): rows of cells, each cell
    a list of paragraphs; a row's first element is extra trPr. ``header``: the first row is
    the shaded header repeated on every page; ``label``: the first column is shaded."""
    look = (0x20 if header else 0) | (0x80 if label else 0) | 0x200 | 0x400
    grid = "".join(f'<w:gridCol w:w="{twips(w)}"/>' for w in widths)
    out = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/><w:tblW w:type="auto" w:w="0"/>'
        f'<w:tblLayout w:type="fixed"/><w:tblLook w:val="{look:04X}" w:firstRow="{int(header)}" '
        f'w:firstColumn="{int(label)}" w:lastRow="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    ]
    for r, (extra, cells) in enumerate(rows):
        if extra.startswith("{%tr"):
            out.append(f"<w:tr><w:tc>{tag(extra)}</w:tc></w:tr>")
            continue
        head = "<w:tblHeader/>" if header and r == 0 else ""
        out.append(f"<w:tr><w:trPr>{head}<w:cantSplit/>{extra}</w:trPr>")
        for width, cell in zip(widths, cells, strict=True):
            out.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{twips(width)}"/></w:tcPr>{cell}</w:tc>')
        out.append("</w:tr>")
    return "".join(out) + "</w:tbl>"


def label_rows(labels: dict[str, str], keys: list[str], boxes: tuple[str, ...] = ()) -> list:
    """label | {{ placeholder }} rows for the labels whose placeholders are ``keys``."""
    by_key = {key: label for label, key in labels.items()}
    return [
        (
            "",
            [
                paragraph("TableHeading", by_key[key]),
                paragraph("TableText", f"{{{{ {key} }}}}", boxes=key in boxes),
            ],
        )
        for key in keys
    ]


def cover_xml() -> str:
    """The 行政院 cover: category, title, then a line per field (each placeholder a whole line)."""
    return (
        paragraph("CoverCategory", "{{ category }}")
        + paragraph("Title", "{{ title }}")
        + paragraph("CoverField", "{{ agency }}")
        + tag("{%p for line in travellers %}")
        + paragraph("CoverField", "{{ line }}")
        + tag("{%p endfor %}")
        + "".join(
            paragraph("CoverField", f"{{{{ {key} }}}}") for key in ("destinations", "period", "report_date")
        )
    )


def summary_sheet_xml() -> str:
    """公務出國報告提要: label | value rows, the travellers' table, more label | value rows."""
    head = label_rows(texts.SUMMARY_FIELDS, ["pages"], boxes=("pages",))
    head += [("{%tr if portal_id %}", [])]
    head += label_rows(texts.SUMMARY_FIELDS, ["portal_id"])
    head += [("{%tr endif %}", [])]
    head += label_rows(texts.SUMMARY_FIELDS, ["title", "plan", "sponsor", "contact"])
    travellers: list = [("", [paragraph("TableHeading", label) for label in texts.TRAVELLER_HEADER])]
    travellers += [("{%tr for t in travellers %}", [])]
    travellers += [("", [paragraph("TableText", f"{{{{ t.{key} }}}}") for key in texts.TRAVELLER_FIELDS])]
    travellers += [("{%tr endfor %}", [])]
    tail_keys = ["categories", "period", "destinations", "report_date", "classification", "keywords"]
    tail = label_rows(texts.SUMMARY_FIELDS, tail_keys, boxes=("categories",))
    tail.append(("", [paragraph("TableHeading", "內容摘要"), line_loop("summary")]))
    return (
        paragraph("FrontHeading", texts.SUMMARY_TITLE)
        + table(FIELDS, head, header=False, label=True)
        + table(TRAVELLERS, travellers, header=True, label=False)
        + table(FIELDS, tail, header=False, label=True)
    )


def review_sheet_xml() -> str:
    """出國報告審核表: the header filled from the metadata, the check list, the signatures."""
    head = label_rows(texts.REVIEW_FIELDS, list(texts.REVIEW_FIELDS.values()))
    box = f"{texts.UNCHECKED}是　{texts.UNCHECKED}否"
    checks = [("", [paragraph("TableHeading", c) for c in texts.REVIEW_COLUMNS])]
    checks += [
        (
            "",
            [
                paragraph("TableText", item),
                paragraph("TableText", box, True),
                paragraph("TableText", box, True),
            ],
        )
        for item in texts.REVIEW_ITEMS
    ]
    room = f'<w:trHeight w:val="{twips(SIGNATURE_HEIGHT)}" w:hRule="atLeast"/>'
    signatures = [
        ("", [paragraph("TableHeading", s) for s in texts.REVIEW_SIGNATURES]),
        (room, [paragraph("TableText", "") for _ in texts.REVIEW_SIGNATURES]),
    ]
    return (
        paragraph("SheetTitle", texts.REVIEW_TITLE)
        + table(FIELDS, head, header=False, label=True)
        + table(REVIEW, checks, header=True, label=False)
        + table(SIGNATURES, signatures, header=True, label=False)
    )


def nstc_header_xml() -> str:
    """The 國科會 form's title, date line and header table (label | lines of its value)."""
    rows = [
        ("", [paragraph("TableHeading", label), line_loop(key)]) for label, key in texts.NSTC_FIELDS.items()
    ]
    return (
        paragraph("SheetTitle", FORMS_BY_KEY[NSTC_CONFERENCE].title)
        + paragraph("FormDate", "{{ date }}")
        + table(FIELDS, rows, header=False, label=True)
    )


FORM_PAGES = {  # under FORMS: each page's body
    "executive-yuan/cover.docx": cover_xml,
    "executive-yuan/summary-sheet.docx": summary_sheet_xml,
    "executive-yuan/review-sheet.docx": review_sheet_xml,
    "nstc-conference/header.docx": nstc_header_xml,
}


def write_docx(target: Path, document: str) -> None:
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/document.xml": document,
        "word/styles.xml": styles_xml(),
        "word/numbering.xml": numbering_xml(),
        "word/settings.xml": SETTINGS,
        "word/fontTable.xml": FONT_TABLE,
        "word/footer1.xml": footer_xml(page_number=True),
        "word/footer2.xml": footer_xml(page_number=False),
    }
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, xml in parts.items():
            out.writestr(
                zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), xml.encode("utf-8"), zipfile.ZIP_DEFLATED
            )


def main(target: Path) -> None:
    """report.docx at ``target``, and the form pages in forms/ beside it."""
    write_docx(target, document_xml())
    for name, body in FORM_PAGES.items():
        page = target.parent / FORMS / name
        page.parent.mkdir(parents=True, exist_ok=True)
        write_docx(page, document_xml(body()))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/report.docx"))
