"""Reading produced documents back: .docx through python-docx, PDF through pypdf and poppler."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import pdfplumber
from docx.document import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from generator.render import libreoffice

from .seedtext import squash


def body_items(document: Document) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables of the body, in document order."""
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, document)
        elif child.tag.endswith("}tbl"):
            yield Table(child, document)


def docx_lines(path: Path) -> list[str]:
    """Every paragraph's text, table cells included (each cell paragraph on its own); a
    "label：" | value row also reads as one line, as the seed writes its record headers."""
    lines: list[str] = []
    for item in body_items(docx.Document(str(path))):
        if isinstance(item, Paragraph):
            lines.append(item.text)
        else:
            for row in item.rows:
                if len(row.cells) == 2:
                    lines.append(f"{row.cells[0].text}{row.cells[1].paragraphs[0].text}")
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    lines += [p.text for p in cell.paragraphs]
    return [line for line in lines if line.strip()]


def structure(path: Path) -> list[str]:
    """One line per paragraph (style | text) and per table row; the golden files' form."""
    document = docx.Document(str(path))
    out = []
    for item in body_items(document):
        if isinstance(item, Paragraph):
            images = len(item._p.xpath(".//pic:pic"))
            out.append(f"{item.style.name} | {item.text}" + (f" [image×{images}]" if images else ""))
        else:
            out.append(f"table {item.style.name if item.style else ''} {len(item.rows)}×{len(item.columns)}")
            out += ["  | " + " | ".join(c.text.replace("\n", "⏎") for c in row.cells) for row in item.rows]
    return out


def pdf_text(path: Path, first: int | None = None, last: int | None = None, layout: bool = False) -> str:
    """The text in content order (-raw: a table cell's lines stay together), or as laid out."""
    args = ["pdftotext", "-layout" if layout else "-raw", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    text = subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout
    # An English word hyphenated at a line end (WeasyPrint's hyphen is U+2010, which reports
    # never contain) reads as the whole word, as in the .docx.
    return text if layout else re.sub("\u2010\n", "", text)


def pdf_pages_text(path: Path, layout: bool = False) -> list[str]:
    return pdf_text(path, layout=layout).split("\f")


def pdf_flow_text(path: Path) -> str:
    """The text without page numbers, so a paragraph broken across pages reads as one."""
    pages = [re.sub(r"\n\s*[0-9ivxlc]+\s*$", "", page) for page in pdf_pages_text(path)]
    return "".join(pages)


def libreoffice_lines(path: Path) -> list[str]:
    """The text of a .docx as LibreOffice lays it out, one paragraph (or table cell) a line,
    numbering labels included: what a clerk sees in Word."""
    text = libreoffice.convert(path.read_bytes(), "txt", "Text (encoded):UTF8").decode("utf-8-sig")
    return [line for line in text.splitlines() if line.strip()]


def align(lines: list[str], text: str) -> tuple[list[str], list[str]]:
    """Match ``lines`` in order against ``text``, white space ignored: the lines not found, and
    the pieces of ``text`` between matches that no line accounts for."""
    flat, position = squash(text), 0
    missing, extra = [], []
    for line in lines:
        wanted = squash(line)
        found = flat.find(wanted, position)
        if found < 0:
            missing.append(line)
            continue
        if found > position:
            extra.append(flat[position:found])
        position = found + len(wanted)
    if position < len(flat):
        extra.append(flat[position:])
    return missing, extra


@dataclass(frozen=True)
class Line:
    """A line of a laid-out page: its text and each character's left edge, in points."""

    page: int
    text: str
    xs: tuple[float, ...]


def laid_out_lines(pdf: bytes) -> list[Line]:
    """Every line of every page in reading order (characters grouped by their baseline)."""
    lines = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages):
            rows: dict[int, list[dict]] = {}
            for char in page.chars:
                rows.setdefault(round(char["matrix"][5]), []).append(char)  # the baseline
            for baseline in sorted(rows, reverse=True):  # PDF y grows upwards
                chars = sorted(rows[baseline], key=lambda c: c["x0"])
                lines.append(Line(number, "".join(c["text"] for c in chars), tuple(c["x0"] for c in chars)))
    return lines


def split_record_labels(lines: list[Line]) -> list[str]:
    """The labels of the reference report's visit headers that are not printed whole, at the
    start of a line, once per visit (10 visits, 5 labels each)."""
    from generator import model as m
    from generator.blocks import walk_blocks
    from generator.validate import validate
    from generator.wording.texts import visit_fields

    from .conftest import REFERENCE

    report, _ = validate(REFERENCE)
    labels = {
        label
        for _, b in walk_blocks(report)
        if isinstance(b, m.Visit)
        for label, _ in visit_fields(b, report.settings.year_style)
    }
    assert len(labels) == 5
    texts = [line.text.replace(" ", "") for line in lines]
    return sorted(label for label in labels if sum(text.startswith(label) for text in texts) != 10)
