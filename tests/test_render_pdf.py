"""The PDF, reopened: fonts, text, outline, 目次 page numbers, metadata, size, parity with .docx."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from generator import model as m
from generator.blocks import walk_blocks
from generator.build import BuildOptions, build_report
from generator.validate import validate
from generator.wording.outline import Outline
from generator.wording.plaintext import report_lines

from .conftest import CONFERENCE, EVERY_BLOCK, REFERENCE, Built
from .outputs import docx_lines, pdf_flow_text, pdf_pages_text, pdf_text
from .seedtext import missing_seed_lines, squash

pytestmark = pytest.mark.slow  # builds documents (WeasyPrint, python-docx, LibreOffice)

MB = 1024 * 1024


def test_weasyprint_logged_no_warning(built: Built) -> None:
    assert built.warnings == []


def test_fonts_are_embedded_subsets_with_tounicode(built: Built) -> None:
    for folder in (REFERENCE, CONFERENCE):
        rows = subprocess.run(["pdffonts", str(built.path(folder, ".pdf"))], capture_output=True,
                              text=True, check=True).stdout.splitlines()[2:]
        assert rows
        for row in rows:
            name, *_, emb, sub, uni, _obj, _gen = row.split()
            assert re.match(r"^[A-Z]{6}\+", name), row
            assert (emb, sub, uni) == ("yes", "yes", "yes"), row
            assert "JP" not in name and "SC" not in name, row
        assert any("TW-Kai" in row for row in rows)


def test_qpdf_check_passes(built: Built) -> None:
    for folder in (REFERENCE, CONFERENCE):
        result = subprocess.run(["qpdf", "--check", str(built.path(folder, ".pdf"))],
                                capture_output=True, text=True, check=False)
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
    first_body = next(i for i, p in enumerate(pages) if "壹、緣起與目的" in p.replace(" ", "")
                      and not re.search(r"\.{8,}", p))
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
    for folder in (REFERENCE, CONFERENCE, EVERY_BLOCK):
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
    (pdf,) = [p for p in build_report(folder, tmp_path / "out", BuildOptions(formats=("pdf",)))
              if p.suffix == ".pdf"]
    assert pdf.stat().st_size < 2 * MB


def test_same_input_gives_identical_pdf(tmp_path: Path) -> None:
    a = build_report(CONFERENCE, tmp_path / "a", BuildOptions(formats=("pdf",)))
    b = build_report(CONFERENCE, tmp_path / "b", BuildOptions(formats=("pdf",)))
    assert a[0].read_bytes() == b[0].read_bytes()


def test_pdf_a_variant(tmp_path: Path) -> None:
    (pdf,) = [p for p in build_report(CONFERENCE, tmp_path, BuildOptions(formats=("pdf",), pdf_variant="pdf/a-2b"))
              if p.suffix == ".pdf"]
    root = PdfReader(pdf).trailer["/Root"]
    assert b"pdfaid:part" in root["/Metadata"].get_object().get_data()
    assert root["/OutputIntents"]
