"""Each block type is declared once (generator/blocks.py), and every output renders every one."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from generator import blocks
from generator import model as m
from generator.blocks import BLOCK_TYPES, BlockType, UnknownBlock, block_type, missing_visitors, walk_blocks
from generator.blockspecs import BLOCK_SPECS
from generator.build import DEFAULT_TEMPLATES
from generator.images import Pictures
from generator.render.docx import _Writer, render_docx
from generator.render.html import missing_macros, render_html
from generator.schema import json_schema
from generator.validate import validate
from generator.wording.numbering import MAX_LEVEL
from generator.wording.outline import Outline
from generator.wording.plaintext import _Lines, report_lines

from .conftest import CONFERENCE, EVERY_BLOCK, MINIMAL, NSTC, REFERENCE, Built
from .outputs import align, libreoffice_lines, pdf_flow_text


@dataclasses.dataclass(frozen=True)
class Odd:
    """A block type that nothing declares."""

    text: str = "odd"


def _report(folder: Path) -> m.Report:
    report, problems = validate(folder)
    assert report is not None, problems
    return report


def test_every_block_fixture_holds_every_block_type_and_feature() -> None:
    report = _report(EVERY_BLOCK)
    found = [b for _, b in walk_blocks(report)]
    assert {block_type(b).key for b in found} == {bt.key for bt in BLOCK_TYPES}
    assert max(h.level for h in Outline(report).headings) == MAX_LEVEL  # sections to the deepest
    spans = [s for b in found if isinstance(b, m.Paragraph) for s in b.spans]
    assert any(s.bold for s in spans) and any(s.url for s in spans)
    visit = next(b for b in found if isinstance(b, m.Visit))
    assert len({c.group for c in visit.contacts}) == 2  # grouped and ungrouped contacts
    tables = [b for b in found if isinstance(b, m.Table)]
    assert max(len(t.rows) for t in tables) >= 40  # spans pages
    assert {t.label for t in tables} == {None, "表一"}  # an uncaptioned table: no number
    figures = [b for b in found if isinstance(b, m.Figure)]
    assert max(len(f.images) for f in figures) == 3 and any(i.rotate for f in figures for i in f.images)
    assert any(s.ref for s in spans)  # @fig: / @tbl: references
    assert any(isinstance(b, m.Section) and not b.blocks for b in found)  # a heading alone
    recommendations = next(b for b in found if isinstance(b, m.Recommendations))
    assert any(item.title for group in recommendations.groups for item in group.items)
    assert report.settings.caption_numbers == "中文數字"
    assert report.settings.year_style == "民國"
    assert report.appendix.photos and report.appendix.attachments
    assert any(c.restricted for c in report.chapters)


def test_every_output_has_a_rendering_for_every_block_type() -> None:
    assert missing_visitors(_Writer) == []
    assert missing_visitors(_Lines) == []
    assert missing_macros(DEFAULT_TEMPLATES) == []
    assert set(BLOCK_SPECS) == {bt.cls for bt in BLOCK_TYPES}
    kinds = {key for alt in json_schema()["$defs"]["block"]["anyOf"] for key in alt.get("properties", {})}
    assert kinds == {bt.key for bt in BLOCK_TYPES} - {blocks.PARAGRAPH}


def test_a_declared_block_type_without_its_renderings_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blocks, "BLOCK_TYPES", (*BLOCK_TYPES, BlockType("odd", Odd)))
    assert missing_visitors(_Writer) == ["odd"]
    assert missing_visitors(_Lines) == ["odd"]
    assert missing_macros(DEFAULT_TEMPLATES) == ["odd"]


def test_a_block_nothing_declares_raises_in_every_output(tmp_path: Path) -> None:
    report = _report(MINIMAL)
    odd = dataclasses.replace(report, chapters=(m.Chapter("章", (Odd(),)),))  # type: ignore[arg-type]
    pictures = Pictures(tmp_path)
    for make in (
        lambda: list(walk_blocks(odd)),
        lambda: Outline(odd),
        lambda: list(report_lines(odd)),
        lambda: render_docx(odd, DEFAULT_TEMPLATES / "report.docx", pictures),
        lambda: render_html(odd, DEFAULT_TEMPLATES, pictures),
    ):
        with pytest.raises(UnknownBlock, match=r"[Oo]dd"):
            make()


def test_a_template_without_a_block_macro_raises(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    for source in (p for p in DEFAULT_TEMPLATES.iterdir() if p.is_file()):  # not forms/
        text = source.read_bytes()
        if source.name == "blocks.html.j2":
            text = re.sub(rb"\{%- macro block_course\(.*?\{%- endmacro %\}", b"", text, flags=re.S)
        (templates / source.name).write_bytes(text)
    report = _report(EVERY_BLOCK)
    assert missing_macros(templates) == ["course"]
    with pytest.raises(UnknownBlock, match="block_course"):
        render_html(report, templates, Pictures(tmp_path / "cache"))


# What LibreOffice's text of the .docx and the PDF's text may differ in, and why:
# - 目次 entries end in each output's own page number (LibreOffice's layout of the .docx, the
#   PDF's pages): compared here without them; test_render_docx and test_render_pdf check each
#   number against its own layout.
# - the 目次's leader dots are drawn as text in the PDF, as a tab leader in the .docx;
# - a table's header row is repeated as text on each page it spans in the PDF; Word repeats it
#   by a row property, which LibreOffice's text export writes once.
TOC_PAGE = re.compile(r"\t[0-9ivxlc]+$")
LEADERS = re.compile(r"\.{4,}[0-9ivxlc]+")


@pytest.mark.slow
@pytest.mark.parametrize("folder", [EVERY_BLOCK, REFERENCE, CONFERENCE, NSTC], ids=lambda f: f.name)
def test_docx_in_libreoffice_and_pdf_show_the_same_lines(built: Built, folder: Path) -> None:
    """Every line LibreOffice shows of the .docx is in the PDF, in the same order, labels
    included, and the PDF shows nothing else (known differences above)."""
    report = _report(folder)
    word = [TOC_PAGE.sub("", line) for line in libreoffice_lines(built.path(folder, ".docx"))]
    pdf = LEADERS.sub("", re.sub(r"\s+", "", pdf_flow_text(built.path(folder, ".pdf"))))
    missing, extra = align(word, pdf)
    assert missing == []
    headers = {"".join(b.header) for _, b in walk_blocks(report) if isinstance(b, m.Table)}
    assert [piece for piece in extra if piece not in headers] == []
    assert len(word) > 50  # the text was read at all (the 國科會 example is the shortest)


@pytest.mark.slow
def test_every_numbering_level_is_labelled_as_the_format_says(built: Built) -> None:
    word = [re.sub(r"\s+", "", line) for line in libreoffice_lines(built.path(EVERY_BLOCK, ".docx"))]
    for label in (
        "壹、目的",
        "（一）第三層",
        "1.第四層",
        "（1）第五層",
        "a.第六層",
        "（a）第七層",
        "i.第八層",
        "（i）第九層",
        "（一）子項目甲",
        "1.孫項目",
        "一、只有標題的一節",  # a section with a heading alone
        "二、第二層",
        "一、一般建議一",  # general recommendations and institutions: one sequence
        "二、有標題的建議",
        "三、東京測試研究所",
        "（一）對研究所的建議。",
    ):
        assert label in word, label
