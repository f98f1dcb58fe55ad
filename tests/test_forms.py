"""The official forms: each asks for exactly its fields, warns about what it would not print,
fixes its chapters, and numbers them at its own level (generator/forms.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.cli import main
from generator.validate import validate
from generator.wording.outline import Outline

from .conftest import NSTC, Built, replace_in
from .outputs import libreoffice_lines, pdf_pages_text, pdf_text
from .seedtext import squash

NSTC_MINIMAL = """\
form: nstc-conference
project_number: NSTC 113-2221-E-007-045
plan: 測試計畫
report_date: 2025-06-20
travellers:
  - {name: 王俊傑, title: 副教授, agency: 國立清華大學}
conference:
  name: 測試研討會
  venue: 美國亞特蘭大
  start: 2025-05-19
  end: 2025-05-23
chapters:
  - {title: 參加會議經過, blocks: [經過。]}
  - {title: 與會心得, blocks: [心得。]}
  - {title: 發表論文全文或摘要, blocks: [摘要。]}
  - {title: 建議, blocks: [建議。]}
  - {title: 攜回資料名稱及內容, blocks: [無。]}
  - {title: 其他, blocks: [無。]}
"""


def problems_of(folder: Path, text: str) -> list[tuple[int, int, str, str, str]]:
    folder.mkdir(exist_ok=True)
    (folder / "report.yaml").write_text(text, encoding="utf-8")
    _, problems = validate(folder)
    return [(p.line, p.col, p.field, p.severity, p.message) for p in problems]


def missing_fields(folder: Path, text: str) -> set[str]:
    return {
        field for _, _, field, _, message in problems_of(folder, text) if message.startswith("缺少必填欄位")
    }


def test_a_minimal_nstc_report_needs_none_of_the_executive_yuan_fields(tmp_path: Path) -> None:
    assert problems_of(tmp_path, NSTC_MINIMAL) == []


def test_each_form_asks_for_exactly_its_fields(tmp_path: Path) -> None:
    chapters = "chapters: [{title: 參加會議經過, blocks: [x]}]\n"
    assert missing_fields(tmp_path, "form: nstc-conference\n" + chapters) == {
        "project_number",
        "plan",
        "travellers",
        "report_date",
        "conference",
    }
    executive = {
        "title",
        "plan",
        "categories",
        "sponsor",
        "contact",
        "travellers",
        "destinations",
        "period",
        "report_date",
        "keywords",
        "classification",
        "summary",
        "abstract",
    }
    assert missing_fields(tmp_path, chapters) == executive  # no `form:`: the 行政院 form
    assert missing_fields(tmp_path, "form: executive-yuan\n" + chapters) == executive


def test_a_traveller_needs_rank_and_phone_on_the_executive_yuan_form_only(tmp_path: Path) -> None:
    as_executive = NSTC_MINIMAL.replace("form: nstc-conference", "form: executive-yuan")
    assert {f for f in missing_fields(tmp_path, as_executive) if f.startswith("travellers")} == {
        "travellers[0].unit",
        "travellers[0].rank",
        "travellers[0].phone",
    }


def test_the_executive_yuan_minimal_report_still_needs_every_field(minimal: Path) -> None:
    replace_in(minimal, "categories:", "# categories:")
    _, problems = validate(minimal)
    assert [p.field for p in problems if p.message.startswith("缺少必填欄位")] == ["categories"]


def test_fields_a_form_does_not_print_are_warned_about_where_they_are(tmp_path: Path) -> None:
    text = NSTC_MINIMAL + "keywords: [a]\nsettings:\n  summary_sheet: true\n"
    form = "國家科學及技術委員會補助專題研究計畫出席國際學術會議心得報告"
    assert problems_of(tmp_path, text) == [
        (
            19,
            1,
            "keywords",
            "warning",
            f"{form}沒有「關鍵詞」這一項，不會印出；請刪除這個欄位，或確認 form 選對了表格。",
        ),
        (
            21,
            3,
            "settings.summary_sheet",
            "warning",
            f"{form}沒有「是否附提要表」這一項，不會印出；請刪除這個欄位，或確認 form 選對了表格。",
        ),
    ]


def test_the_executive_yuan_form_warns_about_the_nstc_fields(minimal: Path) -> None:
    with (minimal / "report.yaml").open("a", encoding="utf-8") as file:
        file.write("project_number: NSTC 1\n")
    _, problems = validate(minimal)
    assert [(p.field, p.severity, p.message) for p in problems if p.field == "project_number"] == [
        (
            "project_number",
            "warning",
            "行政院及所屬各機關公務出國報告沒有「計畫編號」這一項，不會印出；請刪除這個欄位，或確認 form 選對了表格。",
        )
    ]


def test_the_nstc_form_fixes_its_chapters_and_their_order(tmp_path: Path) -> None:
    form = "國家科學及技術委員會補助專題研究計畫出席國際學術會議心得報告"
    order = "參加會議經過、與會心得、發表論文全文或摘要、建議、攜回資料名稱及內容、其他"
    swapped = NSTC_MINIMAL.replace("title: 與會心得", "title: 心得")
    assert problems_of(tmp_path, swapped) == [
        (14, 13, "chapters[1].title", "error", f"{form}的第 2 章應為「與會心得」（各章依序為：{order}）。")
    ]
    short = NSTC_MINIMAL.split("  - {title: 攜回資料名稱及內容")[0]
    assert problems_of(tmp_path, short) == [
        (
            13,
            3,
            "chapters",
            "error",
            f"{form}還缺少這幾章：攜回資料名稱及內容、其他（各章依序為：{order}）；沒有內容的章請寫「無」。",
        )
    ]
    long = NSTC_MINIMAL + "  - {title: 附記, blocks: [x]}\n"
    assert problems_of(tmp_path, long) == [
        (19, 13, "chapters[6].title", "error", f"{form}只有 6 章（{order}）；請把這一章併入其中一章。")
    ]


def test_an_unknown_form_is_located_and_the_rest_checked_as_any_form(tmp_path: Path) -> None:
    text = NSTC_MINIMAL.replace("form: nstc-conference", "form: nstc")
    assert problems_of(tmp_path, text) == [
        (1, 7, "form", "error", "「nstc」不是可用的表格；可用的有：executive-yuan、nstc-conference。")
    ]


def test_conference_dates_and_the_report_date_are_checked(tmp_path: Path) -> None:
    early = NSTC_MINIMAL.replace("report_date: 2025-06-20", "report_date: 2025-05-20")
    assert problems_of(tmp_path, early) == [
        (
            4,
            14,
            "report_date",
            "error",
            "報告日期 2025-05-20 早於會議結束日期 2025-05-23；報告應在會議結束後撰寫。",
        )
    ]
    reversed_ = NSTC_MINIMAL.replace("end: 2025-05-23", "end: 2025-05-18")
    assert problems_of(tmp_path, reversed_) == [
        (11, 8, "conference.end", "error", "會議結束日期 2025-05-18 早於開始日期 2025-05-19；請檢查年份。")
    ]


def test_nstc_chapters_are_numbered_from_the_second_level(tmp_path: Path) -> None:
    report, _ = validate(NSTC)
    assert report is not None
    outline = Outline(report)
    assert [h.text for h in outline.headings if h.level == 2] == [
        "一、參加會議經過",
        "二、與會心得",
        "三、發表論文全文或摘要",
        "四、建議",
        "五、攜回資料名稱及內容",
        "六、其他",
    ]
    assert [h.text for h in outline.headings if h.level == 3][:2] == [
        "（一）5月19日至20日：工作坊與教學課程",
        "（二）5月21日至23日：主議程、海報發表及展覽",
    ]


def test_the_json_schema_asks_what_each_form_asks(tmp_path: Path) -> None:
    import json

    import jsonschema
    import yaml

    from generator.scaffold import schema_text

    schema = json.loads(schema_text())
    nstc = yaml.load(NSTC_MINIMAL, Loader=yaml.BaseLoader)  # dates as text, as editors read them
    jsonschema.validate(nstc, schema)
    with pytest.raises(jsonschema.ValidationError, match="project_number"):
        jsonschema.validate({k: v for k, v in nstc.items() if k != "project_number"}, schema)
    with pytest.raises(jsonschema.ValidationError, match="categories"):
        jsonschema.validate({**nstc, "form": "executive-yuan"}, schema)


def test_new_writes_each_forms_scaffold(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    assert main(["new", str(folder), "--form", "nstc-conference"]) == 0
    text = (folder / "report.yaml").read_text(encoding="utf-8")
    assert "form: nstc-conference" in text
    report, problems = validate(folder)
    assert report is not None and problems
    assert {p.severity for p in problems} == {"warning"}
    assert all("待填" in p.message for p in problems)
    assert "project_number" in {p.field for p in problems}


# -- the 國科會 form in both outputs (built once per session: conftest.built) ---------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NSTC_TITLE = "國家科學及技術委員會補助專題研究計畫出席國際學術會議心得報告"
NSTC_LABELS = [
    "計畫編號",
    "計畫名稱",
    "出國人員姓名",
    "服務機構及職稱",
    "會議時間",
    "會議地點",
    "會議名稱",
    "發表題目",
]


@pytest.mark.slow
def test_nstc_docx_is_the_form_not_the_executive_yuan_report(built: Built) -> None:
    import docx

    document = docx.Document(str(built.path(NSTC, ".docx")))
    first, date = document.paragraphs[:2]
    assert (first.text, first.style.name) == (NSTC_TITLE, "Sheet Title")
    assert (date.text, date.style.name) == ("日期：114年6月20日", "Form Date")
    header = document.tables[0]
    assert [row.cells[0].text for row in header.rows] == NSTC_LABELS
    assert [row.cells[1].text for row in header.rows] == [
        "NSTC 113-2221-E-007-045-MY2",
        "結合觸覺回饋之機械手臂模擬至實體抓取學習",
        "王俊傑",
        "國立清華大學電機工程學系　副教授",
        "114年5月19日至114年5月23日",
        "美國喬治亞州亞特蘭大，喬治亞世界會議中心",
        "（中文）2025年IEEE國際機器人與自動化會議\n"
        "（英文）2025 IEEE International Conference on Robotics and Automation (ICRA 2025)",
        "（中文）結合觸覺回饋之模擬至實體抓取策略學習\n（英文）Sim-to-Real Grasp Policy Learning with Tactile Feedback",
    ]
    chapters = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert chapters == [
        "參加會議經過",
        "與會心得",
        "發表論文全文或摘要",
        "建議",
        "攜回資料名稱及內容",
        "其他",
    ]
    texts = [p.text for p in document.paragraphs]
    assert not {"摘要", "目次", "公務出國報告提要"} & set(texts)
    assert not [t for t in texts if "出國類別" in t]
    (section,) = document.sections  # one run of pages, numbered 1, 2, … from the first
    assert not section.different_first_page_header_footer
    assert section._sectPr.find(f"{W}pgNumType").get(f"{W}fmt") == "decimal"
    assert document.core_properties.title == "出席2025年IEEE國際機器人與自動化會議心得報告"
    (lead_in,) = [p for p in document.paragraphs if p.text == "論文摘要："]
    assert lead_in.paragraph_format.keep_with_next  # never the last line of a page


@pytest.mark.slow
def test_nstc_docx_in_libreoffice_shows_the_forms_numbering(built: Built) -> None:
    lines = [re.sub(r"\s+", "", line) for line in libreoffice_lines(built.path(NSTC, ".docx"))]
    for heading in (
        "一、參加會議經過",
        "（一）5月19日至20日：工作坊與教學課程",
        "三、發表論文全文或摘要",
        "六、其他",
    ):
        assert heading in lines


@pytest.mark.slow
def test_nstc_pdf_starts_with_the_form_and_numbers_pages_from_one(built: Built) -> None:
    path = built.path(NSTC, ".pdf")
    first = squash(pdf_text(path, 1, 1))
    assert first.startswith(squash(NSTC_TITLE) + "日期：114年6月20日計畫編號NSTC113-2221-E-007-045-MY2")
    assert "出國類別" not in squash(pdf_text(path))
    labels = PdfReader(path).page_labels
    assert labels == [str(n) for n in range(1, len(labels) + 1)]
    assert PdfReader(path).metadata.title == "出席2025年IEEE國際機器人與自動化會議心得報告"
    (page,) = [p for p in pdf_pages_text(path) if "論文摘要：" in p]
    assert "本研究提出" in page  # 論文摘要： is not left alone at a page's foot


@pytest.mark.slow
def test_nstc_build_writes_no_portal_record_and_no_review_sheet(built: Built) -> None:
    """The 行政院 portal and its 審核表 are not the 國科會's: the session built every example
    asking for the 審核表."""
    assert sorted(p.name for p in (built.outdir / NSTC.name).iterdir() if not p.name.startswith(".")) == [
        f"{NSTC.name}.docx",
        f"{NSTC.name}.pdf",
    ]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("", "表一、經費"),  # the 國科會 form's own (format-spec §8: 「圖一、…」)
        ("settings: {caption_numbers: 阿拉伯數字}\n", "表1\u3000經費"),  # the 行政院 form's default
    ],
)
def test_the_nstc_form_numbers_captions_in_chinese_unless_set(
    tmp_path: Path, setting: str, expected: str
) -> None:
    from generator.wording.plaintext import report_lines

    text = NSTC_MINIMAL.replace(
        "[摘要。]", "[摘要。, {table: {caption: 經費, header: [項目], rows: [[機票]]}}]"
    )
    (tmp_path / "report.yaml").write_text(text + setting, encoding="utf-8")
    report, problems = validate(tmp_path)
    assert report is not None, problems
    assert expected in list(report_lines(report))


@pytest.mark.slow
def test_review_sheet_asked_of_the_nstc_form_is_said_to_make_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from generator.build import BuildOptions, build_report

    written = build_report(
        NSTC, tmp_path, BuildOptions(formats=("docx",), review_sheet=True, toc_pages=False)
    )
    assert [p.name for p in written] == [f"{NSTC.name}.docx"]
    assert f"{NSTC_TITLE}沒有審核表，--review-sheet 不產生任何檔案。" in caplog.text
