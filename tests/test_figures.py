"""Figures of 1–4 images side by side (rotated as asked), figures and tables numbered in
document order and referred to from text, heading-only sections, recommendations numbered as
one sequence."""

from __future__ import annotations

import io
import itertools
import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.text.paragraph import Paragraph
from PIL import Image

from generator import model as m
from generator.blocks import walk_blocks
from generator.images import Pictures, PreparedImage, fit_row
from generator.validate import validate
from generator.wording.outline import Outline
from generator.wording.plaintext import report_lines

from .conftest import CONFERENCE, EVERY_BLOCK, MINIMAL, located_errors, replace_in

FIGURE = "      - figure: {file: photos/a.png, caption: 示意圖}"
FIRST_PARAGRAPH = "      - 第一段文字，詳見網址：http://www.example.org/a.html。"
# The four quadrants of every-block's photos/marked.png: red, green / blue, yellow.
RED, GREEN, BLUE, YELLOW = (220, 0, 0), (0, 160, 0), (0, 0, 220), (230, 200, 0)


def _minimal(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    folder = tmp_path / "minimal"
    shutil.copytree(MINIMAL, folder)
    for old, new in changes:
        replace_in(folder, old, new)
    return folder


def _report(folder: Path) -> m.Report:
    report, problems = validate(folder)
    assert report is not None, problems
    return report


# -- located errors ---------------------------------------------------------------------------

BAD = {
    "rotate-45": (
        (FIGURE, "      - figure: {file: photos/a.png, caption: 示意圖, rotate: 45}"),
        "46:60: chapters[1].blocks[1].figure.rotate: rotate 應為 90、180 或 270（順時針轉動的度數），"
        "這裡寫的是「45」。",
    ),
    "rotate-minus-90-in-images": (
        (
            FIGURE,
            "      - figure:\n          images:\n            - {file: photos/a.png, rotate: -90}\n          caption: 示意圖",
        ),
        "48:44: chapters[1].blocks[1].figure.images[0].rotate: rotate 應為 90、180 或 270（順時針轉動的度數），"
        "這裡寫的是「-90」。",
    ),
    "five-images": (
        (
            FIGURE,
            "      - figure:\n          images: [photos/a.png, photos/a.png, photos/a.png, photos/a.png, photos/a.png]\n          caption: 示意圖",
        ),
        "47:19: chapters[1].blocks[1].figure.images: 有 5 項，超過上限 4 項。",
    ),
    "file-and-images": (
        (FIGURE, "      - figure: {file: photos/a.png, images: [photos/a.png], caption: 示意圖}"),
        "46:38: chapters[1].blocks[1].figure: 圖要寫 images（1～4 張並排的圖檔清單）或 file（單一圖檔），兩者擇一。",
    ),
    "neither-file-nor-images": (
        (FIGURE, "      - figure: {caption: 示意圖}"),
        "46:17: chapters[1].blocks[1].figure: 圖要寫 images（1～4 張並排的圖檔清單）或 file（單一圖檔），兩者擇一。",
    ),
    "rotate-beside-images": (
        (FIGURE, "      - figure: {images: [photos/a.png], rotate: 90, caption: 示意圖}"),
        "46:42: chapters[1].blocks[1].figure.rotate: 有 images 時，rotate 要寫在 images 清單中該張圖的 file 下一行。",
    ),
    "unknown-reference": (
        (FIRST_PARAGRAPH, "      - 見@fig:poster。"),
        "25:9: chapters[0].blocks[0]: 找不到 @fig:poster 所指的圖（沒有 id 為 poster 的圖）；請在所指的圖加上 id: poster。",
    ),
    "misspelt-reference": (
        (
            FIGURE,
            "      - figure: {file: photos/a.png, caption: 示意圖, id: poster}\n      - 見@fig:postre。",
        ),
        "47:9: chapters[1].blocks[2]: 找不到 @fig:postre 所指的圖（沒有 id 為 postre 的圖）；是不是要寫 @fig:poster？",
    ),
    "reference-to-the-other-kind": (
        (FIGURE, "      - figure: {file: photos/a.png, caption: 示意圖, id: map}\n      - 見@tbl:map。"),
        "47:9: chapters[1].blocks[2]: @tbl:map 所指的是圖，不是表；請寫成 @fig:map。",
    ),
    "duplicate-id": (
        (
            FIGURE,
            "      - figure: {file: photos/a.png, caption: 示意圖, id: map}\n      - table: {caption: 表, id: map, header: [a], rows: [[b]]}",
        ),
        "47:33: chapters[1].blocks[2].table.id: id「map」在第 46 行的圖已經用過；每張圖、每個表的 id 都要不同。",
    ),
    "id-not-ascii": (
        (FIGURE, "      - figure: {file: photos/a.png, caption: 示意圖, id: 海報}"),
        "46:56: chapters[1].blocks[1].figure.id: 「海報」不能當作 id；id 只能用英文字母、數字、- 與 _，例如 poster。",
    ),
    "id-on-an-uncaptioned-table": (
        (FIGURE, "      - table: {id: t, header: [a], rows: [[b]]}"),
        "46:21: chapters[1].blocks[1].table.id: 沒有表名的表格不編號，無法引用；請加上 caption（表名），或刪除 id。",
    ),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_figures_and_references_are_located(tmp_path: Path, case: str) -> None:
    change, message = BAD[case]
    assert located_errors(_minimal(tmp_path, change)) == [message]


def test_an_email_address_is_no_reference(tmp_path: Path) -> None:
    folder = _minimal(tmp_path, (FIRST_PARAGRAPH, "      - 寫信到 a@fig.com 或 b@tbl:x。"))
    assert located_errors(folder) == []
    assert _report(folder).chapters[0].blocks[0] == m.Paragraph((m.Span("寫信到 a@fig.com 或 b@tbl:x。"),))


def test_a_section_with_a_title_only_is_a_warning_at_its_key(tmp_path: Path) -> None:
    folder = _minimal(tmp_path, (FIGURE, f"{FIGURE}\n      - section:\n          title: 只有標題"))
    report, problems = validate(folder)
    assert report is not None
    assert [(p.line, p.col, p.field, p.message, p.severity) for p in problems] == [
        (
            47,
            9,
            "chapters[1].blocks[2].section",
            "「只有標題」只有標題，沒有內容（會只印出標題）；若不是刻意如此，請在 blocks 下加入段落。",
            "warning",
        )
    ]
    assert report.chapters[1].blocks[2] == m.Section("只有標題", ())
    assert [h.text for h in Outline(report).headings][-3:] == ["二、只有標題", "參、心得及建議", "附錄"]


# -- numbers, references, recommendations ------------------------------------------------------

NUMBERED = (
    (FIRST_PARAGRAPH, "      - 見@fig:b與@tbl:t，又見**@fig:a**。"),
    (
        FIGURE,
        "      - table: {header: [不編號], rows: [[x]]}\n"
        "      - figure: {file: photos/a.png, caption: 甲圖, id: a}\n"
        "      - table: {caption: 費用表, id: t, header: [項目], rows: [[機票]]}\n"
        "      - figure:\n          images: [photos/a.png, {file: photos/a.png, rotate: 270}]\n"
        "          caption: 並排兩圖\n          id: b",
    ),
)


def test_figures_and_captioned_tables_are_numbered_in_document_order(tmp_path: Path) -> None:
    report = _report(_minimal(tmp_path, *NUMBERED))
    found = [b for _, b in walk_blocks(report) if isinstance(b, (m.Figure, m.Table))]
    assert [(type(b).__name__, b.label) for b in found] == [
        ("Table", None),
        ("Figure", "圖1"),
        ("Table", "表1"),
        ("Figure", "圖2"),
    ]
    assert found[3].images[1] == m.FigureImage((tmp_path / "minimal/photos/a.png").resolve(), 270)
    assert report.chapters[0].blocks[0] == m.Paragraph(
        (
            m.Span("見"),
            m.Span("圖2", ref="fig:b"),
            m.Span("與"),
            m.Span("表1", ref="tbl:t"),
            m.Span("，又見"),
            m.Span("圖1", bold=True, ref="fig:a"),
            m.Span("。"),
        )
    )
    lines = list(report_lines(report))
    assert "見圖2與表1，又見圖1。" in lines
    assert [line for line in lines if line[0] in "圖表"] == [
        "圖1\u3000甲圖",
        "表1\u3000費用表",
        "圖2\u3000並排兩圖",
    ]
    assert report.appendix.photos[0].caption == "合影"  # appendix photos are not numbered


def test_chinese_numerals_as_a_setting(tmp_path: Path) -> None:
    folder = _minimal(
        tmp_path, *NUMBERED, ("plan: 測試計畫\n", "plan: 測試計畫\nsettings: {caption_numbers: 中文數字}\n")
    )
    lines = list(report_lines(_report(folder)))
    assert "見圖二與表一，又見圖一。" in lines
    assert [line for line in lines if line[0] in "圖表"] == ["圖一、甲圖", "表一、費用表", "圖二、並排兩圖"]


def test_recommendations_with_titles_and_one_sequence_with_institutions(tmp_path: Path) -> None:
    folder = _minimal(
        tmp_path,
        (
            "          - items: [建議一]",
            "          - items:\n              - 建議一\n              - {title: 短標題, text: 其後的段落。}\n"
            "          - institution: 甲機構\n            items: [對甲的建議]\n"
            "          - institution: 乙機構\n            items: [對乙的建議]",
        ),
    )
    report = _report(folder)
    (block,) = report.chapters[2].blocks
    assert isinstance(block, m.Recommendations)
    general = block.groups[0].items
    assert general[1] == m.Recommendation(m.Paragraph((m.Span("其後的段落。"),)), "短標題")
    outline = Outline(report)
    assert [outline.of(item).label for item in general] == ["一、", "二、"]
    assert [outline.of(group).text for group in block.groups[1:]] == ["三、甲機構", "四、乙機構"]
    assert [h.text for h in outline.headings][-3:] == [
        "三、甲機構",
        "四、乙機構",
        "附錄",
    ]  # items: no headings
    lines = list(report_lines(report))
    assert lines[lines.index("建議一") :][:7] == [
        "建議一",
        "短標題",
        "其後的段落。",
        "甲機構",
        "對甲的建議",
        "乙機構",
        "對乙的建議",
    ]


def test_general_recommendations_alone_are_a_list_of_their_own(tmp_path: Path) -> None:
    report = _report(_minimal(tmp_path))
    (block,) = report.chapters[2].blocks
    assert not Outline(report).numbers(block.groups[0].items[0])  # type: ignore[union-attr]


def test_the_conference_example_numbers_its_recommendations_as_one_sequence() -> None:
    report = _report(CONFERENCE)
    block = next(b for _, b in walk_blocks(report) if isinstance(b, m.Recommendations))
    outline = Outline(report)
    labels = [outline.of(item).label for item in block.groups[0].items]
    assert labels + [outline.of(g).label for g in block.groups[1:]] == [
        "（一）",
        "（二）",
        "（三）",
        "（四）",
        "（五）",
        "（六）",
    ]


# -- the image step ----------------------------------------------------------------------------


def _corners(image: Image.Image) -> list[tuple[int, ...]]:
    w, h = image.size
    rgb = image.convert("RGB")
    return [
        rgb.getpixel((x, y))
        for x, y in ((w // 4, h // 4), (3 * w // 4, h // 4), (w // 4, 3 * h // 4), (3 * w // 4, 3 * h // 4))
    ]  # type: ignore[misc]


@pytest.mark.parametrize(
    ("rotate", "size", "quadrants"),
    [
        (0, (240, 160), [RED, GREEN, BLUE, YELLOW]),
        (90, (160, 240), [BLUE, RED, YELLOW, GREEN]),
        (180, (240, 160), [YELLOW, BLUE, GREEN, RED]),
        (270, (160, 240), [GREEN, YELLOW, RED, BLUE]),
    ],
)
def test_the_prepared_image_is_turned_clockwise(
    tmp_path: Path, rotate: int, size: tuple[int, int], quadrants: list[tuple[int, ...]]
) -> None:
    prepared = Pictures(tmp_path).prepare(EVERY_BLOCK / "photos" / "marked.png", rotate=rotate)
    with Image.open(prepared.path) as image:
        assert (image.size, (prepared.width, prepared.height)) == (size, size)
        assert _corners(image) == quadrants


def test_rotated_copies_are_cached_apart(tmp_path: Path) -> None:
    pictures = Pictures(tmp_path)
    source = EVERY_BLOCK / "photos" / "marked.png"
    paths = {pictures.prepare(source, rotate=r).path for r in (0, 90, 180, 270)}
    assert len(paths) == 4


def test_a_row_shares_the_width_at_one_height() -> None:
    wide, tall = PreparedImage(Path("w"), 300, 200), PreparedImage(Path("t"), 200, 400)
    assert fit_row([wide], 15, 12, 0.5) == [(15, 10)]
    assert fit_row([tall], 15, 12, 0.5) == [(6, 12)]
    # (15 − 0.5) / (1.5 + 0.5) = 7.25 high
    assert fit_row([wide, tall], 15, 12, 0.5) == [(10.875, 7.25), (3.625, 7.25)]
    assert sum(w for w, _ in fit_row([wide] * 4, 15, 12, 0.5)) == pytest.approx(13.5)


# -- both outputs ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def every_block(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.build import BuildOptions, build_report

    outdir = tmp_path_factory.mktemp("every-block")
    build_report(EVERY_BLOCK, outdir, BuildOptions(toc_pages=False))
    return outdir / EVERY_BLOCK.name / EVERY_BLOCK.name


REFERENCES = "量測結果見表一，三張並排的圖見圖三；信箱 test@fig.com 不是引用。"


@pytest.mark.slow
def test_docx_numbers_figures_and_tables_and_sets_images_side_by_side(every_block: Path) -> None:
    from .outputs import body_items

    document = docx.Document(str(every_block.with_suffix(".docx")))
    items = list(body_items(document))
    texts = [getattr(item, "text", None) for item in items]
    assert REFERENCES in texts
    captions = [item.text for item in items if getattr(item, "style", None) and item.style.name == "Caption"]
    assert captions[:4] == [
        "圖一、清單中的直式圖片",
        "表一、跨頁的量測紀錄表",
        "圖二、橫式示意圖",
        "圖三、並排的三張圖",
    ]
    row = items[texts.index("圖三、並排的三張圖") - 1]
    assert row.style.name == "Figure Table"
    cells = row.rows[0].cells
    assert len(cells) == 3 and all(c.paragraphs[0].style.name == "Figure" for c in cells)
    pictures = [c._tc.xpath(".//pic:pic") for c in cells]
    assert [len(p) for p in pictures] == [1, 1, 1]
    assert [d.get("descr") for c in cells for d in c._tc.xpath(".//wp:docPr")] == ["並排的三張圖"] * 3
    # the rotated photo is embedded as prepared: 90° turns 240×160 into 160×240
    blips = [c._tc.xpath(".//a:blip/@r:embed")[0] for c in cells]
    sizes = [Image.open(io.BytesIO(document.part.related_parts[b].blob)).size for b in blips]
    assert sizes == [(160, 240), (200, 300), (240, 160)]
    extents = [c._tc.xpath(".//wp:extent")[0] for c in cells]
    heights = {int(e.get("cy")) for e in extents}
    assert len(heights) == 1  # one height
    assert sum(int(e.get("cx")) for e in extents) <= 14.0 * 360000  # 15 cm less two 0.5 cm gaps


@pytest.mark.slow
def test_docx_recommendations_continue_the_heading_numbers(every_block: Path) -> None:
    from .outputs import body_items

    document = docx.Document(str(every_block.with_suffix(".docx")))
    by_text = {i.text: i for i in body_items(document) if isinstance(i, Paragraph)}
    heading_num = document.styles["Heading 2"].element.pPr.numPr.numId.val
    for text in ("一般建議一", "有標題的建議"):
        num_pr = by_text[text]._p.pPr.numPr
        assert (num_pr.numId.val, num_pr.ilvl.val) == (heading_num, 1), text
    assert by_text["有標題的建議"].runs[0].style.name == "Strong"
    assert by_text["有標題的建議內容，其後引用圖三。"].style.name == "List Continue 2"
    assert by_text["東京測試研究所"].style.name == "Heading 2"
    assert by_text["只有標題的一節"].style.name == "Heading 2"
    assert by_text["第二層"].style.name == "Heading 2"
    assert by_text["只有標題的一節"]._p.getnext() is by_text["第二層"]._p  # the heading alone


@pytest.mark.slow
def test_pdf_prints_the_same_numbers_and_labels(every_block: Path) -> None:
    from .outputs import pdf_flow_text

    text = re.sub(r"\s", "", pdf_flow_text(every_block.with_suffix(".pdf")))  # pages run on
    assert "一、只有標題的一節二、第二層" in text  # the heading alone
    captions = ["圖一、清單中的直式圖片", "表一、跨頁的量測紀錄表", "圖二、橫式示意圖", "圖三、並排的三張圖"]
    assert [text.count(caption) for caption in captions] == [1, 1, 1, 1]
    assert [text.index(caption) for caption in captions] == sorted(
        text.index(caption) for caption in captions
    )
    assert (
        "參、心得及建議一、一般建議一二、有標題的建議有標題的建議內容，其後引用圖三。三、東京測試研究所（一）對研究所的建議。"
        in text
    )
    assert text.count(re.sub(r"\s", "", REFERENCES)) == 1


@pytest.mark.slow
def test_pdf_sets_the_images_side_by_side_turned(every_block: Path) -> None:
    import pdfplumber

    with pdfplumber.open(every_block.with_suffix(".pdf")) as pdf:
        page = next(p for p in pdf.pages if "並排的三張圖" in (p.extract_text() or ""))
        caption_top = next(w["top"] for w in page.extract_words() if "並排的三張圖" in w["text"])
        row = sorted((i for i in page.images if i["bottom"] <= caption_top), key=lambda i: i["x0"])[-3:]
        assert len({round(i["top"]) for i in row}) == 1  # side by side, tops aligned
        assert len({round(i["height"]) for i in row}) == 1  # one height
        assert [(i["srcsize"][0] < i["srcsize"][1]) for i in row] == [True, True, False]  # 90° turned
        assert all(a["x1"] < b["x0"] for a, b in itertools.pairwise(row))
