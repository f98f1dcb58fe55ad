"""The PDF, reopened: fonts, text, outline, 目次 page numbers, metadata, size, parity with .docx."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from pypdf import PdfReader

from generator import model as m
from generator.blocks import walk_blocks
from generator.build import BuildOptions, build_report
from generator.validate import validate
from generator.wording.outline import Outline
from generator.wording.plaintext import report_lines

from .conftest import CONFERENCE, EVERY_BLOCK, MINIMAL, NSTC, REFERENCE, Built
from .outputs import docx_lines, laid_out_lines, pdf_flow_text, pdf_pages_text, pdf_text, split_record_labels
from .seedtext import missing_seed_lines, squash

pytestmark = pytest.mark.slow  # builds documents (WeasyPrint, python-docx, LibreOffice)

MB = 1024 * 1024


def test_weasyprint_logged_no_warning(built: Built) -> None:
    assert built.warnings == []


def test_fonts_are_embedded_subsets_with_tounicode(built: Built) -> None:
    for folder in (REFERENCE, CONFERENCE):
        rows = subprocess.run(
            ["pdffonts", str(built.path(folder, ".pdf"))], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert rows
        for row in rows:
            name, *_, emb, sub, uni, _obj, _gen = row.split()
            assert re.match(r"^[A-Z]{6}\+", name), row
            assert (emb, sub, uni) == ("yes", "yes", "yes"), row
            assert "JP" not in name and "SC" not in name, row
        assert any("TW-Kai" in row for row in rows)


def test_qpdf_check_passes(built: Built) -> None:
    for folder in (REFERENCE, CONFERENCE):
        result = subprocess.run(
            ["qpdf", "--check", str(built.path(folder, ".pdf"))], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_seed_lines_are_in_the_pdf_text(built: Built) -> None:
    assert missing_seed_lines(pdf_flow_text(built.path(REFERENCE, ".pdf"))) == []


def test_outline_lists_chapters_and_all_visits(built: Built) -> None:
    reader = PdfReader(built.path(REFERENCE, ".pdf"))
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            walk(item) if isinstance(item, list) else titles.append(squash(item.title))

    walk(reader.outline)
    report, _ = validate(REFERENCE)
    outline = Outline(report)
    chapters = [outline.of(c).text for c in report.chapters]
    visits = [outline.of(b).text for _, b in walk_blocks(report) if isinstance(b, m.Visit)]
    assert chapters[0] == "壹、緣起與目的" and len(visits) == 10
    for title in chapters + visits:
        assert squash(title) in titles, title


def test_toc_page_numbers_match_the_pages_of_the_headings(built: Built) -> None:
    pages = pdf_pages_text(built.path(REFERENCE, ".pdf"), layout=True)
    toc_text = "".join(p for p in pages if "目次" in p or re.search(r"\.{8,}", p))
    entries = re.findall(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", toc_text, re.M)
    assert len(entries) >= 25
    first_body = next(
        i
        for i, p in enumerate(pages)
        if "壹、緣起與目的" in p.replace(" ", "") and not re.search(r"\.{8,}", p)
    )
    for title, number in entries:
        page = pages[first_body + int(number) - 1]
        assert squash(title) in squash(page), (title, number)


def test_page_numbers_roman_front_arabic_body(built: Built) -> None:
    pages = pdf_pages_text(built.path(REFERENCE, ".pdf"))
    assert not re.search(r"^\s*\d+\s*$", pages[0], re.M)  # the cover has none
    assert re.search(r"^\s*i\s*$", pages[1], re.M)
    first_body = next(i for i, p in enumerate(pages) if p.lstrip().startswith("壹、"))
    assert re.search(r"^\s*1\s*$", pages[first_body], re.M)


def test_metadata_from_the_model(built: Built) -> None:
    meta = PdfReader(built.path(REFERENCE, ".pdf")).metadata
    assert meta.title == "日本產學合作推動機制及科學園區創新發展考察報告"
    assert meta.author.startswith("王大明")
    assert meta.creation_date.date().isoformat() == "2015-04-30"
    assert "產學合作" in meta["/Keywords"]


def test_summary_sheet_page_count_is_the_pdf_page_count(built: Built) -> None:
    path = built.path(REFERENCE, ".pdf")
    count = len(PdfReader(path).pages)
    assert f"{count}頁" in squash(pdf_text(path, 2, 2))


def test_every_line_of_the_model_is_in_both_outputs_in_order(built: Built) -> None:
    """Nothing of the content is left out of both outputs alike (which the .docx/PDF parity
    test cannot see): each line the model holds is in each, in document order."""
    for folder in (REFERENCE, CONFERENCE, EVERY_BLOCK, NSTC):
        report, _ = validate(folder)
        lines = [squash(line) for line in report_lines(report) if squash(line)]
        docx_text = squash("\n".join(docx_lines(built.path(folder, ".docx"))))
        pdf = squash(pdf_flow_text(built.path(folder, ".pdf")))
        for name, text in (("docx", docx_text), ("pdf", pdf)):
            position = 0
            for line in lines:
                found = text.find(line, position)
                assert found >= 0, (name, line)
                position = found


def test_reference_pdf_without_photos_is_small(tmp_path: Path) -> None:
    folder = tmp_path / REFERENCE.name
    shutil.copytree(REFERENCE, folder)
    for image in [*folder.glob("photos/*"), *folder.glob("figures/*")]:
        Image.new("RGB", (4, 3), "white").save(image, format=Image.open(image).format)
    (pdf,) = [
        p
        for p in build_report(folder, tmp_path / "out", BuildOptions(formats=("pdf",)))
        if p.suffix == ".pdf"
    ]
    assert pdf.stat().st_size < 2 * MB


def test_same_input_gives_identical_pdf(tmp_path: Path) -> None:
    a = build_report(CONFERENCE, tmp_path / "a", BuildOptions(formats=("pdf",)))
    b = build_report(CONFERENCE, tmp_path / "b", BuildOptions(formats=("pdf",)))
    assert a[0].read_bytes() == b[0].read_bytes()


def test_pdf_a_variant(tmp_path: Path) -> None:
    (pdf,) = [
        p
        for p in build_report(CONFERENCE, tmp_path, BuildOptions(formats=("pdf",), pdf_variant="pdf/a-2b"))
        if p.suffix == ".pdf"
    ]
    root = PdfReader(pdf).trailer["/Root"]
    assert b"pdfaid:part" in root["/Metadata"].get_object().get_data()
    assert root["/OutputIntents"]


# -- issue 11: type, bold, breaking, page labels, tags, one layout ---------------------------

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def _chars(path: Path) -> list[dict]:
    with pdfplumber.open(path) as pdf:
        return [dict(c, page=n) for n, page in enumerate(pdf.pages, 1) for c in page.chars]


def test_latin_in_liberation_serif_cjk_in_kai(built: Built) -> None:
    """No ASCII letter, digit or hyphen in TW-Kai (its hyphen is a long dash); CJK in Kai, a
    Ming face only for rare characters; full-width punctuation stays Kai."""
    for folder in (REFERENCE, CONFERENCE):
        chars = _chars(built.path(folder, ".pdf"))
        latin = [c for c in chars if re.fullmatch(r"[A-Za-z0-9\-]", c["text"])]
        assert latin and all("Liberation-Serif" in c["fontname"] for c in latin), {
            c["fontname"] for c in latin
        }
        cjk = [c for c in chars if CJK.match(c["text"])]
        ming = [c for c in cjk if "Noto" in c["fontname"]]
        assert len(ming) <= 0.005 * len(cjk), len(ming)
        punctuation = [c for c in chars if c["text"] in "「」（），。—…、："]
        assert punctuation and all("TW-Kai" in c["fontname"] for c in punctuation)


def _line_fonts(chars: list[dict], page: int, starts: str) -> set[str]:
    """The fonts of the first characters of the line of ``page`` that starts with ``starts``."""
    rows: dict[int, list[dict]] = {}
    for c in chars:
        if c["page"] == page:
            rows.setdefault(round(c["matrix"][5]), []).append(c)
    for row in rows.values():
        row.sort(key=lambda c: c["x0"])
        text = "".join(c["text"] for c in row)
        if text.startswith(starts):
            return {c["fontname"].split("+")[-1] for c in row[: len(starts)]}
    raise AssertionError(f"no line starts with {starts} on page {page}")


def test_headings_table_headers_and_title_are_bold_kai(built: Built) -> None:
    chars = _chars(built.path(REFERENCE, ".pdf"))
    assert _line_fonts(chars, 1, "日本產學合作推動機制及") == {"Subset-TW-Kai-Bold"}  # cover title
    assert _line_fonts(chars, 6, "壹、緣起與目的") == {"Subset-TW-Kai-Bold"}  # a chapter
    assert _line_fonts(chars, 2, "頁數") == {"Subset-TW-Kai-Bold"}  # a table header
    assert _line_fonts(chars, 45, "一、筑波研究支援中心(TCI)") == {
        "Subset-TW-Kai-Bold",
        "Subset-Liberation-Serif-Bold",
    }
    assert _line_fonts(chars, 6, "近年來") == {"Subset-TW-Kai"}  # body text stays regular
    assert not any("Noto" in c["fontname"] for c in chars)  # no Ming face, bold or not


def test_cover_title_breaks_between_words_into_even_lines(built: Built) -> None:
    with pdfplumber.open(built.path(REFERENCE, ".pdf")) as pdf:
        lines = [line["text"] for line in pdf.pages[0].extract_text_lines()]
    assert "日本產學合作推動機制及" in lines and "科學園區創新發展考察報告" in lines


def test_urls_never_break_after_the_scheme(built: Built) -> None:
    text = pdf_text(built.path(REFERENCE, ".pdf")) + pdf_text(built.path(CONFERENCE, ".pdf"))
    assert "http" in text
    assert not re.search(r"https?://\s*$", text, re.M)


def test_english_word_gaps_stay_small_on_justified_lines(built: Built) -> None:
    """Justified lines stretch between CJK characters too: no space between two English words
    grows into a hole (three quarters of an em of 14 pt; a plain space is a quarter em)."""
    chars = [c for c in _chars(built.path(REFERENCE, ".pdf")) if round(c["size"]) == 14]
    rows: dict[tuple[int, int], list[dict]] = {}
    for c in chars:
        rows.setdefault((c["page"], round(c["matrix"][5])), []).append(c)
    gaps = []
    for row in rows.values():
        row.sort(key=lambda c: c["x0"])
        for a, space, b in zip(row, row[1:], row[2:], strict=False):
            if space["text"] == " " and re.fullmatch(r"[A-Za-z]{2}", a["text"] + b["text"]):
                gaps.append(b["x0"] - a["x1"])
    assert len(gaps) > 50 and max(gaps) < 10.5, max(gaps)


def test_page_labels_match_the_printed_numbers(built: Built) -> None:
    reader = PdfReader(built.path(REFERENCE, ".pdf"))
    labels = reader.page_labels
    pages = pdf_pages_text(built.path(REFERENCE, ".pdf"))
    first_body = next(i for i, p in enumerate(pages) if p.lstrip().startswith("壹、"))
    assert labels[0] == "封面" and labels[1:3] == ["i", "ii"]
    assert labels[first_body - 1] == "v" or labels[first_body - 1].isalpha()
    assert labels[first_body] == "1" and labels[-1] == str(len(labels) - first_body)


def _structure(path: Path) -> tuple[dict, list[dict]]:
    """The catalog and every structure element of a tagged PDF, read back with pypdf."""
    root = PdfReader(path).trailer["/Root"]
    elements: list[dict] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if not isinstance(node, dict):
            return
        if "/S" in node:
            elements.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if kid is not None and hasattr(kid, "get_object"):
                walk(kid)

    walk(root["/StructTreeRoot"])
    return root, elements


def test_pdf_is_tagged_with_alt_text_and_language(built: Built) -> None:
    root, elements = _structure(built.path(REFERENCE, ".pdf"))
    assert root["/Lang"] == "zh-Hant-TW"
    assert root["/MarkInfo"]["/Marked"] and root["/ViewerPreferences"]["/DisplayDocTitle"]
    kinds = {e["/S"] for e in elements}
    assert {"/H1", "/H2", "/H3", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Figure", "/Caption"} <= kinds
    report, _ = validate(REFERENCE)
    captions = [b.caption for _, b in walk_blocks(report) if isinstance(b, m.Figure)]
    captions += [p.caption for p in report.appendix.photos]
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert sorted(str(f["/Alt"]) for f in figures) == sorted(captions)


def test_pdf_ua_variant(tmp_path: Path) -> None:
    (pdf,) = [
        p
        for p in build_report(CONFERENCE, tmp_path, BuildOptions(formats=("pdf",), pdf_variant="pdf/ua-1"))
        if p.suffix == ".pdf"
    ]
    root, elements = _structure(pdf)
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    assert any(e["/S"] == "/H1" for e in elements)


def test_one_layout_per_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The 提要's 頁數 costs no second layout of the report (report.css: counter(pages))."""
    import weasyprint

    calls = []
    original = weasyprint.HTML.render

    def render(self: weasyprint.HTML, *args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", render)
    (pdf,) = [
        p for p in build_report(MINIMAL, tmp_path, BuildOptions(formats=("pdf",))) if p.suffix == ".pdf"
    ]
    assert len(calls) == 1
    count = len(PdfReader(pdf).pages)
    assert f"{count}頁" in squash(pdf_text(pdf, 2, 2))


def test_no_label_of_a_record_header_is_split(built: Built) -> None:
    assert split_record_labels(laid_out_lines(built.path(REFERENCE, ".pdf").read_bytes())) == []
