"""The .docx, reopened: content, structure, styles and numbering as a real client sees them."""

from __future__ import annotations

import io
import itertools
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from generator.build import BuildOptions, build_report
from generator.images import Pictures
from generator.render import libreoffice
from generator.render.docx import render_docx
from generator.validate import validate
from generator.wording.outline import Outline

from .conftest import CONFERENCE, EVERY_BLOCK, MINIMAL, NSTC, REFERENCE, ROOT, Built, docx_violations
from .golden import GOLDEN
from .outputs import Line, body_items, docx_lines, laid_out_lines, pdf_text, split_record_labels, structure
from .seedtext import missing_seed_lines

pytestmark = pytest.mark.slow  # builds documents (WeasyPrint, python-docx, LibreOffice)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def reference(built: Built) -> docx.document.Document:
    return docx.Document(str(built.path(REFERENCE, ".docx")))


def test_chapters_in_order_with_heading_styles(reference) -> None:
    chapters = [p.text for p in reference.paragraphs if p.style.name == "Heading 1"]
    assert chapters == ["緣起與目的", "參訪紀要", "心得與建議事項", "出國效益"]
    visits = [p.text for p in reference.paragraphs if p.style.name == "Heading 2"][:10]
    assert visits[0] == "筑波研究支援中心(TCI)" and visits[9] == "東京工業大學產學合作推進總部"


def test_heading_numbering_is_word_multilevel_numbering(built: Built) -> None:
    with zipfile.ZipFile(built.path(REFERENCE, ".docx")) as package:
        numbering = package.read("word/numbering.xml").decode()
        styles = package.read("word/styles.xml").decode()
    heading_num = re.search(r'w:abstractNumId="0".*?</w:abstractNum>', numbering, re.S).group(0)
    formats = re.findall(
        r'<w:numFmt w:val="(\w+)"/><w:pStyle w:val="Heading(\d)"/>.*?'
        r'<w:lvlText w:val="([^"]+)"/>',
        heading_num,
    )
    assert formats[:5] == [
        ("ideographLegalTraditional", "1", "%1、"),
        ("taiwaneseCountingThousand", "2", "%2、"),
        ("taiwaneseCountingThousand", "3", "（%3）"),
        ("decimal", "4", "%4."),
        ("decimal", "5", "（%5）"),
    ]
    heading1 = re.search(r'w:styleId="Heading1".*?</w:style>', styles, re.S).group(0)
    assert '<w:numId w:val="1"/>' in heading1


def test_seed_lines_are_in_the_docx(built: Built) -> None:
    assert missing_seed_lines("\n".join(docx_lines(built.path(REFERENCE, ".docx")))) == []


def test_ten_visit_header_tables(reference) -> None:
    headers = [t for t in reference.tables if t.cell(0, 0).text == "前往國家／地區："]
    assert len(headers) == 10
    tci = headers[0]
    assert [row.cells[0].text for row in tci.rows] == [
        "前往國家／地區：",
        "拜訪機構名稱：",
        "主要洽談人／職務：",
        "時間：",
        "地點：",
    ]
    assert tci.cell(1, 1).text == "筑波研究支援中心(Tsukuba Center, INC.)"
    contacts = [p.text for p in tci.cell(2, 1).paragraphs]
    assert contacts[0] == "矢口 喜一郎／TCI 代表取締役社長"
    assert "（參觀進駐新創企業）" in contacts
    assert tci.cell(3, 1).text == "2015年3月9日 上午10:00～12:00"
    assert headers[7].cell(3, 1).text == "2015年3月12日 下午4:00～5:30"  # 工研院, moved per itinerary


def test_itinerary_with_2015_weekdays_and_repeated_header(reference) -> None:
    (itinerary,) = [
        t for t in reference.tables if t.cell(0, 0).text == "日期" and t.cell(0, 1).text == "預定行程"
    ]
    dates = [row.cells[0].text for row in itinerary.rows[1:]]
    assert dates == [
        "2015/03/08（日）",
        "2015/03/09（一）",
        "2015/03/10（二）",
        "2015/03/11（三）",
        "2015/03/12（四）",
        "2015/03/13（五）",
        "2015/03/14（六）",
    ]
    assert itinerary.rows[-1].cells[2].text == ""
    assert itinerary.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None


def test_every_photo_and_figure_has_its_caption(reference) -> None:
    items = list(body_items(reference))
    pictures = [i for i, item in enumerate(items) if hasattr(item, "style") and item.style.name == "Figure"]
    assert len(pictures) == 17  # 7 figures and 10 appendix photos
    captions = [items[i + 1].text for i in pictures]
    assert all(items[i + 1].style.name == "Caption" for i in pictures)
    assert captions[0] == "圖1\u3000國際產學合作總部組織架構圖"  # figures numbered in document order
    assert captions[6] == "圖7\u3000產總研歷年來與大學、企業的共同研究件數情況"
    assert captions[-10:][0] == "參觀TCI進駐育成企業ADMIEXCO Engine Design Corp."  # photos: not numbered
    assert len(reference.inline_shapes) == 17


def test_styles_carry_kai_as_east_asian_font(built: Built) -> None:
    with zipfile.ZipFile(built.path(REFERENCE, ".docx")) as package:
        xml = "".join(package.read(n).decode() for n in package.namelist() if n.endswith(".xml"))
        styles = package.read("word/styles.xml").decode()
    assert 'w:eastAsia="標楷體"' in styles and 'w:ascii="Times New Roman"' in styles
    assert 'w:lang w:val="en-US" w:eastAsia="zh-TW"' in styles
    assert "ja-JP" not in xml and "eastAsiaTheme" not in xml


@pytest.mark.parametrize("folder", [REFERENCE, CONFERENCE, EVERY_BLOCK], ids=lambda f: f.name)
def test_every_toc_entry_has_the_page_libreoffice_lays_its_heading_on(built: Built, folder: Path) -> None:
    document = docx.Document(str(built.path(folder, ".docx")))
    entries = [p.text.rsplit("\t", 1) for p in document.paragraphs if p.style.name.startswith("toc")]
    report, _ = validate(folder)
    assert [title for title, _ in entries] == [h.text for h in Outline(report).toc]
    assert "TOC" in document.element.body.xpath(".//w:instrText")[0].text
    # LibreOffice lays the same file out again: every heading is on the page the 目次 says.
    layout = libreoffice.convert(built.path(folder, ".docx").read_bytes(), "pdf")
    texts = [page.extract_text().replace(" ", "") for page in PdfReader(io.BytesIO(layout)).pages]
    first_body = next(
        i
        for i, text in enumerate(texts)
        if entries[0][0] in text and "目次" not in text and "..." not in text
    )
    for title, page in entries:
        assert title.replace(" ", "") in texts[first_body + int(page) - 1], (title, page)


def test_page_numbering_by_section(reference) -> None:
    cover, front, body = reference.sections
    assert cover.different_first_page_header_footer
    formats = [s._sectPr.find(f"{W}pgNumType") for s in (front, body)]
    assert [(f.get(f"{W}fmt"), f.get(f"{W}start")) for f in formats] == [
        ("lowerRoman", "1"),
        ("decimal", "1"),
    ]


def test_core_properties_come_from_the_model(reference) -> None:
    props = reference.core_properties
    assert props.title == "日本產學合作推動機制及科學園區創新發展考察報告"
    assert props.author.startswith("王大明")
    assert props.created.date().isoformat() == "2015-04-30" == props.modified.date().isoformat()
    assert "產學合作" in props.keywords


def test_summary_sheet_shows_the_pdf_page_count(built: Built, reference) -> None:
    pages = len(PdfReader(built.path(REFERENCE, ".pdf")).pages)
    assert reference.tables[0].cell(0, 1).text.startswith(f"{pages}頁")


def test_review_sheet_is_filled_from_the_metadata(built: Built) -> None:
    sheet = docx.Document(str(built.path(CONFERENCE, "-審核表.docx")))
    head, checks, signatures = sheet.tables
    assert head.cell(0, 1).text == "出席2024年第30屆智慧運輸世界大會並發表論文出國報告"
    assert [r.cells[0].text for r in head.rows][-1] == "報告繳交日期"
    assert len(checks.rows) == 11 and checks.cell(1, 1).text == "□是　□否"
    box = checks.cell(1, 1).paragraphs[0].runs[0]._r  # □ drawn at full CJK size
    assert box.rPr.rFonts.get(f"{W}hint") == "eastAsia"
    assert [c.text for c in signatures.rows[0].cells] == ["出國人", "一級單位主管", "機關首長或授權人員"]
    assert signatures.rows[1].height.cm >= 2  # room to sign and stamp
    layout = libreoffice.convert(built.path(CONFERENCE, "-審核表.docx").read_bytes(), "pdf")
    assert len(PdfReader(io.BytesIO(layout)).pages) == 1


def test_urls_become_hyperlinks(built: Built) -> None:
    document = docx.Document(str(built.path(REFERENCE, ".docx")))
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    assert "http://www.jst.go.jp/start/en/" in targets


def test_golden_structure(built: Built) -> None:
    for folder in (REFERENCE, CONFERENCE, NSTC):
        expected = (GOLDEN / f"{folder.name}.txt").read_text(encoding="utf-8").splitlines()
        actual = structure(built.path(folder, ".docx"))
        # the 提要 sheet's page count and the 目次 page numbers come from layout; golden files
        # hold them blank so that a font update does not fail the structure test
        actual = [re.sub(r"^(  \| 頁數 \| )\d+", r"\1　", line) for line in actual]
        actual = [re.sub(r"\t\d+$", "", line) for line in actual]
        assert actual == expected, f"run `make golden` and review the diff of tests/golden/{folder.name}.txt"


def test_same_input_gives_identical_bytes(tmp_path: Path) -> None:
    a = build_report(CONFERENCE, tmp_path / "a", BuildOptions(formats=("docx",)))
    b = build_report(CONFERENCE, tmp_path / "b", BuildOptions(formats=("docx",)))
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_libreoffice_renders_labels_cover_and_toc(built: Built, tmp_path: Path) -> None:
    for folder in (REFERENCE, CONFERENCE):
        pdf = tmp_path / f"{folder.name}.pdf"
        pdf.write_bytes(libreoffice.convert(built.path(folder, ".docx").read_bytes(), "pdf"))
        text = pdf_text(pdf).replace(" ", "")
        assert docx.Document(str(built.path(folder, ".docx"))).paragraphs[1].text in text
        assert "目次" in text and "壹、" in text and "一、" in text and "（一）" in text
        toc_page = next(p for p in text.split("\f") if "目次" in p)
        assert "貳、" in toc_page
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / f"{REFERENCE.name}.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "TW-Kai" in fonts and "CJKjp" not in fonts


def test_an_agency_restyled_template_is_used(tmp_path: Path) -> None:
    from docx.shared import Pt

    from .conftest import MINIMAL, ROOT

    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    agency = docx.Document(str(templates / "report.docx"))
    agency.styles["Body Text"].font.size = Pt(16)  # as a clerk would in Word's style dialog
    agency.save(str(templates / "report.docx"))
    (out,) = [
        p
        for p in build_report(MINIMAL, tmp_path / "out", BuildOptions(formats=("docx",), templates=templates))
        if p.suffix == ".docx"
    ]
    built = docx.Document(str(out))
    assert built.styles["Body Text"].font.size == Pt(16)
    assert any(p.style.name == "Body Text" and "第一段文字" in p.text for p in built.paragraphs)


def test_every_docx_of_the_examples_is_schema_valid(built: Built) -> None:
    """Reports (both forms), 審核表 and the every-block fixture, as the ECMA-376 validator sees them."""
    paths = sorted(built.outdir.rglob("*.docx"))
    assert len(paths) == 7  # 4 reports, and the 行政院 ones' 審核表
    assert {str(p.name): docx_violations(p) for p in paths} == {str(p.name): [] for p in paths}


def test_the_validator_finds_a_style_whose_properties_are_out_of_order(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    with zipfile.ZipFile(templates / "report.docx") as package:
        parts = {name: package.read(name) for name in package.namelist()}
    styles = parts["word/styles.xml"].decode()
    body = re.search(r'<w:style w:type="paragraph" w:styleId="BodyText">.*?</w:style>', styles).group()
    spacing = re.search(r"<w:spacing [^>]*/>", body).group()
    parts["word/styles.xml"] = styles.replace(
        body, body.replace(spacing, "").replace("</w:pPr>", spacing + "</w:pPr>")
    ).encode()
    with zipfile.ZipFile(templates / "report.docx", "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    report, _ = validate(MINIMAL)
    out = tmp_path / "out.docx"  # written directly: a build's .docx must be valid (conftest)
    out.write_bytes(render_docx(report, templates / "report.docx", Pictures(tmp_path / "cache")))
    assert [v for v in docx_violations(out) if "Unexpected element 'spacing'" in v]


@pytest.fixture(scope="module")
def reference_lines(built: Built) -> list[Line]:
    """The reference .docx as LibreOffice lays it out, line by line with character positions."""
    return laid_out_lines(libreoffice.convert(built.path(REFERENCE, ".docx").read_bytes(), "pdf"))


LIST_LABEL = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|(?:\d+|[a-z]+)\.(?![\da-z])|（(?:\d+|[a-z]+)）)"
)


def test_list_text_starts_at_the_hanging_indent_on_every_line(reference_lines: list[Line]) -> None:
    """After 一、 （一） 1. （1） the first line's text starts where the wrapped lines start."""
    checked = 0
    right = max(x for line in reference_lines for x in line.xs[-1:])  # the right margin's last character
    for line, following in itertools.pairwise(reference_lines):
        label = LIST_LABEL.match(line.text)
        wrapped = line.xs[-1] > right - 20 and following.page == line.page and "...." not in line.text
        if not label or not wrapped or LIST_LABEL.match(following.text):
            continue
        assert following.xs[0] == pytest.approx(line.xs[label.end()], abs=0.5), (line.text, following.text)
        checked += 1
    assert checked >= 40


def test_a_paragraph_continuing_an_item_keeps_its_text_indent(reference_lines: list[Line]) -> None:
    texts = [line.text for line in reference_lines]
    item = reference_lines[texts.index("3.重要任務：")]
    first = next(i for i, t in enumerate(texts) if t.startswith("TCI以建立區域產官研間"))
    item_text_x = item.xs[2]
    assert reference_lines[first + 1].xs[0] == pytest.approx(item_text_x, abs=0.5)  # wrapped line
    assert reference_lines[first].xs[0] == pytest.approx(item_text_x + 28, abs=0.5)  # 2 characters in


def test_no_label_of_a_record_header_is_split(reference_lines: list[Line]) -> None:
    assert split_record_labels(reference_lines) == []


def test_a_docx_alone_takes_its_page_count_only_from_a_current_pdf(
    minimal: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def pages_cell() -> str:
        written = build_report(minimal, tmp_path / "out", BuildOptions(formats=("docx",)))
        return docx.Document(str(written[0])).tables[0].cell(0, 1).text

    assert pages_cell().startswith("　頁")  # no PDF yet: left blank
    assert "提要的頁數留白" in caplog.text
    build_report(minimal, tmp_path / "out", BuildOptions(formats=("pdf",)))
    count = len(PdfReader(tmp_path / "out" / "minimal" / "minimal.pdf").pages)
    assert pages_cell().startswith(f"{count}頁")
    yaml_file = minimal / "report.yaml"
    later = (tmp_path / "out" / "minimal" / "minimal.pdf").stat().st_mtime + 10
    os.utime(yaml_file, (later, later))  # the content changed after the PDF was made
    assert pages_cell().startswith("　頁")
