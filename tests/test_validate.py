"""Bad input: every problem comes back located, in plain words, all at once, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from generator.cli import main
from generator.validate import validate

from .conftest import CONFERENCE, MINIMAL, NSTC, REFERENCE, replace_in
from .conftest import located_errors as _located

SUMMARY = (MINIMAL / "report.yaml").read_text(encoding="utf-8").split("summary: ")[1].split("\n")[0]
PHOTO = "{file: photos/a.png, caption: 合影}"
VISIT_DATE = "date: 2015-03-09\n          start"
FIGURE = "      - figure: {file: photos/a.png, caption: 示意圖}"

# (name, old text, new text, expected problems as "line:col: field: message")
CASES = [
    (
        "number-for-text",
        "title: 測試報告",
        "title: 2015",
        ['1:8: title: 應為文字，但 YAML 把 2015 讀成數字；請加上引號，寫成 "2015"。'],
    ),
    ("missing-field", "title: 測試報告\n", "", ["1:1: title: 缺少必填欄位 title（報告名稱）；請補上。"]),
    ("empty-text", "title: 測試報告", "title: ''", ["1:8: title: 不可為空白；請填入內容，或刪除這個欄位。"]),
    (
        "list-for-text",
        "title: 測試報告",
        "title: [a, b]",
        ["1:8: title: 應為文字，但這裡是清單（以「- 」開頭）；請檢查縮排。"],
    ),
    (
        "unknown-key",
        "plan: 測試計畫",
        "plan: 測試計畫\ntitel: x",
        ["3:1: titel: 沒有這個欄位；是不是要寫 title？"],
    ),
    (
        "unknown-category",
        "categories: [考察]",
        "categories: [考查]",
        ["3:14: categories[0]: 「考查」不是可用的出國類別；是不是要寫 考察？"],
    ),
    ("no-category", "categories: [考察]", "categories: []", ["3:13: categories: 至少要有 1 項。"]),
    (
        "text-for-list",
        "categories: [考察]",
        "categories: 考察",
        ["3:13: categories: 應為清單（每項以「- 」開頭）。"],
    ),
    (
        "unknown-rank",
        "rank: 薦任",
        "rank: 荐任",
        ["7:58: travellers[0].rank: 「荐任」不是可用的官職等；是不是要寫 薦任？"],
    ),
    (
        "phone-as-number",
        'phone: "02-2737-7000"}\ndestinations',
        "phone: 0227377000}\ndestinations",
        [
            "7:69: travellers[0].phone: 應為文字，但 YAML 把 0227377000 讀成數字；請加上引號，"
            '寫成 "0227377000"。'
        ],
    ),
    (
        "no-as-bool",
        "classification: 科學技術",
        "classification: NO",
        ['13:17: classification: 應為文字，但 YAML 把 NO 讀成是非值；請加上引號，寫成 "NO"。'],
    ),
    (
        "version-as-float",
        "classification: 科學技術",
        "classification: 1.10",
        ['13:17: classification: 應為文字，但 YAML 把 1.10 讀成數字；請加上引號，寫成 "1.10"。'],
    ),
    (
        "impossible-date",
        "end: 2015-03-10}",
        "end: 2015-02-30}",
        ["10:34: period.end: 日期 2015-02-30 不存在；請檢查月與日。"],
    ),
    (
        "roc-date",
        "report_date: 2015-04-30",
        "report_date: 104/04/30",
        ["11:14: report_date: 日期請用西元年-月-日，例如 2015-03-09，不要寫 104/04/30。"],
    ),
    (
        "date-with-time",
        "report_date: 2015-04-30",
        "report_date: 2015-04-30 10:00:00",
        ["11:14: report_date: 只寫日期，不寫時間，例如 2015-03-09。"],
    ),
    (
        "report-before-return",
        "report_date: 2015-04-30",
        "report_date: 2015-03-09",
        ["11:14: report_date: 報告日期 2015-03-09 早於返國日期 2015-03-10；報告應在返國後撰寫。"],
    ),
    (
        "time-unquoted",
        'start: "14:00"',
        "start: 14:00",
        [
            '40:18: chapters[1].blocks[0].visit.start: 應為時間（24 小時制，如 "14:30"），但 YAML 把 '
            '14:00 當成六十進位數字 840；請加上引號，寫成 "14:00"。'
        ],
    ),
    (
        "time-unreadable",
        'start: "14:00"',
        'start: "2pm"',
        [
            '40:18: chapters[1].blocks[0].visit.start: 時間「2pm」看不懂；請用 24 小時制，例如 "09:30" '
            '或 "14:00"。'
        ],
    ),
    (
        "time-order",
        'end: "17:00"',
        'end: "13:00"',
        [
            "41:16: chapters[1].blocks[0].visit.end: 結束時間早於開始時間；請用 24 小時制，下午四點寫 "
            '"16:00"。'
        ],
    ),
    (
        "weekday-mismatch",
        "- {date: 2015-03-08, plan",
        "- {date: 2015-03-08, weekday: 六, plan",
        [
            "19:35: itinerary.days[0].weekday: 2015-03-08 是星期日，不是星期六；星期會自動算出，"
            "可以刪除這個欄位。"
        ],
    ),
    (
        "itinerary-not-consecutive",
        "- {date: 2015-03-10, plan: 東京→桃園}",
        "- {date: 2015-03-09, plan: 東京→桃園}",
        [
            "21:14: itinerary.days[2].date: 日程表的日期要逐日連續：這一列應是 2015-03-10，這裡寫的是 "
            "2015-03-09；每一天寫一列，依序排列。"
        ],
    ),
    (
        "itinerary-outside-period",
        "- {date: 2015-03-10, plan: 東京→桃園}",
        "- {date: 2015-03-11, plan: 東京→桃園}",
        [
            "21:14: itinerary.days[2].date: 2015-03-11 不在出國期間 2015-03-08～2015-03-10 之內；"
            "請檢查年份與日期。"
        ],
    ),
    (
        "visit-outside-period",
        VISIT_DATE,
        VISIT_DATE.replace("03-09", "03-12"),
        [
            "39:17: chapters[1].blocks[0].visit.date: 參訪日期 2015-03-12 不在出國期間 2015-03-08～"
            "2015-03-10 之內；請檢查年份與日期。"
        ],
    ),
    (
        "summary-too-short",
        SUMMARY,
        "太短了。",
        ["14:10: summary: 提要的內容摘要有 3 個中文字，規定為 200～300 字；請增刪內容。"],
    ),
    (
        "missing-photo",
        PHOTO,
        PHOTO.replace("a.png", "b.png"),
        ["53:14: appendix.photos[0].file: 找不到檔案 photos/b.png；是不是要寫 a.png？"],
    ),
    (
        "absolute-photo-path",
        PHOTO,
        PHOTO.replace("photos/a.png", "/etc/passwd"),
        [
            "53:14: appendix.photos[0].file: 「/etc/passwd」是絕對路徑；請把檔案放進報告資料夾，"
            "寫相對路徑，例如 photos/01.jpg。"
        ],
    ),
    (
        "photo-outside-folder",
        PHOTO,
        PHOTO.replace("photos/a.png", "../x.png"),
        [
            "53:14: appendix.photos[0].file: 「../x.png」用 .. 離開了報告資料夾；請把檔案放進報告資料夾，"
            "例如 photos/ 裡。"
        ],
    ),
    (
        "unknown-block",
        "      - figure: {file",
        "      - picture: {file",
        ["46:9: chapters[1].blocks[1].picture: 沒有這種區塊；是不是要寫 figure？"],
    ),
    (
        "block-with-two-kinds",
        FIGURE,
        "      - {figure: x, table: y}",
        [
            "46:9: chapters[1].blocks[1]: 一個區塊只能有一種（section、list、table、figure、visit、"
            "recommendations、conference、paper、materials、course）；這裡有 figure、table，是否少了「- 」？"
        ],
    ),
    (
        "table-row-too-long",
        FIGURE,
        "      - table: {header: [年, 件數], rows: [[2013, 12, 3]]}",
        [
            "46:41: chapters[1].blocks[1].table.rows[0]: 這一列有 3 格，表頭有 2 格；每一列的格數要和"
            '表頭相同（空格請寫 ""）。'
        ],
    ),
    (
        "tab-indentation",
        "abstract:\n  - 摘要",
        "abstract:\n\t- 摘要",
        ["16:1: 這裡有 Tab 字元；YAML 只能用空白縮排，請把 Tab 換成空白。"],
    ),
    (
        "duplicate-key",
        "plan: 測試計畫",
        "plan: 測試計畫\nplan: 又一個",
        ["3:1: plan: 欄位重複（第 2 行已經寫過）；請刪除其中一個。"],
    ),
    (
        "syntax-error",
        "plan: 測試計畫",
        "plan: 測試計畫: 第二",
        ["2:11: YAML 語法錯誤：冒號位置不對；文字中有「: 」時請把整段加上引號，或檢查縮排。"],
    ),
    (
        "alias",
        "plan: 測試計畫",
        "plan: &p 測試計畫\nsponsor2: *p",
        ["2:7: 不支援 YAML 錨點與別名（& 與 *）；請直接寫出內容。"],
    ),
    (
        "control-character",
        "plan: 測試計畫",
        'plan: "測試\\x07計畫"',
        ["2:7: plan: 含有 Word 檔無法保存的控制字元 U+0007（通常來自複製貼上）；請刪除它。"],
    ),
    (
        "missing-nested-field",
        "          place: 東京大學\n",
        "",
        ["33:9: chapters[1].blocks[0].visit.place: 缺少必填欄位 place（地點）；請補上。"],
    ),
    (
        "date-as-list",
        "report_date: 2015-04-30",
        "report_date: [2015]",
        ["11:14: report_date: 應為日期，但這裡是清單（以「- 」開頭）；請檢查縮排。"],
    ),
    (
        "text-as-bool-setting",
        "classification: 科學技術",
        "classification: 科學技術\nsettings: {summary_sheet: 是}",
        ["14:27: settings.summary_sheet: 應為 true 或 false。"],
    ),
    (
        "map-for-text",
        "title: 測試報告",
        "title: {a: b}",
        ["1:8: title: 應為文字，但這裡是「欄位: 值」的對照表；請檢查縮排。"],
    ),
    (
        "list-for-map",
        'contact: {name: 王大明, phone: "02-2737-7000"}',
        "contact: [王大明]",
        ["5:10: contact: 應為「欄位: 值」的對照表，但這裡是清單（以「- 」開頭）；請檢查縮排。"],
    ),
    (
        "time-as-number",
        'start: "14:00"',
        "start: 1400",
        [
            '40:18: chapters[1].blocks[0].visit.start: 應為時間（24 小時制，如 "14:30"），但 YAML 把 1400 '
            '讀成數字；請加上引號，寫成 "1400"。'
        ],
    ),
    (
        "choice-as-number",
        "rank: 薦任",
        "rank: 1",
        ['7:58: travellers[0].rank: 應為文字，但 YAML 把 1 讀成數字；請加上引號，寫成 "1"。'],
    ),
    (
        "file-as-number",
        PHOTO,
        "{file: 1, caption: 合影}",
        [
            "53:14: appendix.photos[0].file: 應為檔案路徑（如 photos/01.jpg），但 YAML 把 1 讀成數字；"
            '請加上引號，寫成 "1"。'
        ],
    ),
    (
        "over-long-title",
        "title: 測試報告",
        "title: " + "長" * 201,
        ["1:8: title: 有 201 個字，超過上限 200 字；請縮短或分段。"],
    ),
    ("empty-required", "title: 測試報告", "title:", ["1:7: title: 應為文字，但這裡是空的；請填入內容。"]),
    (
        "unknown-nested-key",
        "title: 科長, agency",
        "titel: 科長, agency",
        [
            "7:5: travellers[0].title: 缺少必填欄位 title（職稱）；請補上。",
            "7:17: travellers[0].titel: 沒有這個欄位；是不是要寫 title？",
        ],
    ),
    (
        "unknown-setting",
        "classification: 科學技術",
        "classification: 科學技術\nsettings: {year: 西元}",
        ["14:12: settings.year: 沒有這個欄位；是不是要寫 year_style？"],
    ),
    (
        "unknown-year-style",
        "classification: 科學技術",
        "classification: 科學技術\nsettings: {year_style: 公元}",
        ["14:24: settings.year_style: 「公元」不是可用的紀年方式；是不是要寫 西元？"],
    ),
    (
        "no-blocks",
        "    blocks:\n      - 第一段文字",
        "    blocks: []\n    x:\n      - 第一段文字",
        [
            "24:13: chapters[0].blocks: 至少要有 1 項。",
            "25:5: chapters[0].x: 沒有這個欄位；可用的有：title、restricted、blocks。",
        ],
    ),
    (
        "itinerary-day-without-plan",
        "- {date: 2015-03-08, plan: 桃園→東京, overnight: 東京}",
        "- {date: 2015-03-08, overnight: 東京}",
        ["19:7: itinerary.days[0].plan: 缺少必填欄位 plan（預定行程）；請補上。"],
    ),
    (
        "period-without-end",
        "period: {start: 2015-03-08, end: 2015-03-10}",
        "period: {start: 2015-03-08}",
        ["10:9: period.end: 缺少必填欄位 end（返國日期）；請補上。"],
    ),
    (
        "photo-is-a-folder",
        PHOTO,
        "{file: photos, caption: 合影}",
        ["53:14: appendix.photos[0].file: photos 是資料夾，不是檔案。"],
    ),
    (
        "list-item-without-text",
        "          - text: 項目二",
        "          - txt: 項目二",
        [
            "28:13: chapters[0].blocks[1].list[1].text: 缺少必填欄位 text（項目文字）；請補上。",
            "28:13: chapters[0].blocks[1].list[1].txt: 沒有這個欄位；是不是要寫 text？",
        ],
    ),
    (
        "empty-table-header",
        FIGURE,
        "      - table: {header: [], rows: []}",
        [
            "46:25: chapters[1].blocks[1].table.header: 至少要有 1 項。",
            "46:35: chapters[1].blocks[1].table.rows: 至少要有 1 項。",
        ],
    ),
    (
        "figure-without-caption",
        FIGURE,
        "      - figure: {file: photos/a.png}",
        ["46:17: chapters[1].blocks[1].figure.caption: 缺少必填欄位 caption（圖說）；請補上。"],
    ),
    (
        "recommendations-without-items",
        "          - items: [建議一]",
        "          - items: []",
        ["50:20: chapters[2].blocks[0].recommendations[0].items: 至少要有 1 項。"],
    ),
    (
        "section-without-title",
        FIGURE,
        "      - section: {blocks: [a]}",
        ["46:18: chapters[1].blocks[1].section.title: 缺少必填欄位 title（標題）；請補上。"],
    ),
    (
        "many-problems-at-once",
        "title: 測試報告",
        "title: 2015\ntitel: x",
        [
            '1:8: title: 應為文字，但 YAML 把 2015 讀成數字；請加上引號，寫成 "2015"。',
            "2:1: titel: 沒有這個欄位；是不是要寫 title？",
        ],
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_located(
    minimal: Path, old: str, new: str, expected: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    replace_in(minimal, old, new)
    assert _located(minimal) == expected
    assert main(["check", str(minimal)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{minimal / 'report.yaml'}:{expected[0]}" in err
    out = tmp_path / "out"
    assert main(["build", str(minimal), "-o", str(out)]) == 1
    assert not out.exists() or not any(out.rglob("*"))  # nothing written


def _write(folder: Path, data: bytes) -> None:
    (folder / "report.yaml").write_bytes(data)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "1:1: 檔案沒有內容；請用 tripreport new 產生範本再填寫。"),
        (b"  \n\n", "1:1: 檔案沒有內容；請用 tripreport new 產生範本再填寫。"),
        ("title: 測試\n".encode("utf-16"), "1:1: 檔案是 UTF-16 編碼；請在編輯器中另存為 UTF-8。"),
        (
            b"title: ok\nplan: " + "測試".encode("big5") + b"\n",
            "2:7: 檔案不是 UTF-8 編碼（看起來是 Big5）；請在編輯器中另存為 UTF-8。",
        ),
        (b"- a\n- b\n", "1:1: 應為「欄位: 值」的對照表，但這裡是清單（以「- 」開頭）；請檢查縮排。"),
    ],
    ids=["empty", "blank", "utf-16", "big5", "list-at-top"],
)
def test_unreadable_files(minimal: Path, data: bytes, expected: str) -> None:
    _write(minimal, data)
    assert _located(minimal) == [expected]


def test_utf8_bom_is_accepted(minimal: Path) -> None:
    path = minimal / "report.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert _located(minimal) == []


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda p: p.write_bytes(b"not an image at all"),
            "photos/a.png 不是可讀取的圖片（檔案可能損壞或不完整）；請重新匯出為 JPEG 或 PNG。",
        ),
        (
            lambda p: p.write_bytes(_jpeg_bytes()[:300]),
            "photos/a.png 不是可讀取的圖片（檔案可能損壞或不完整）；請重新匯出為 JPEG 或 PNG。",
        ),
        (
            lambda p: p.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00"),
            "photos/a.png 是 HEIC 格式（iPhone 預設），Word 無法使用；請轉存為 JPEG 再放進來。",
        ),
    ],
    ids=["not-an-image", "truncated", "heic"],
)
def test_unusable_photos(minimal: Path, make, message: str) -> None:
    make(minimal / "photos" / "a.png")
    errors = _located(minimal)
    assert errors == [
        f"46:24: chapters[1].blocks[1].figure.file: {message}",
        f"53:14: appendix.photos[0].file: {message}",
    ]


def test_symlink_out_of_the_folder(minimal: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.png"
    Image.new("RGB", (8, 8)).save(outside)
    os.symlink(outside, minimal / "photos" / "link.png")
    replace_in(minimal, PHOTO, PHOTO.replace("a.png", "link.png"))
    assert _located(minimal) == [
        "53:14: appendix.photos[0].file: photos/link.png 是捷徑，指向報告"
        "資料夾以外的檔案；請把檔案本身複製進報告資料夾。"
    ]


def _jpeg_bytes() -> bytes:
    import io

    out = io.BytesIO()
    Image.effect_noise((200, 200), 60).convert("RGB").save(out, "JPEG")
    return out.getvalue()


def test_warnings_do_not_fail_unless_strict(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace_in(minimal, "plan: 測試計畫", "plan: ○○計畫")
    report, problems = validate(minimal)
    assert report is not None
    assert [(p.line, p.col, p.severity, p.message) for p in problems] == [
        (2, 7, "warning", "還有待填的「○○」；請換成實際內容。")
    ]
    assert main(["check", str(minimal)]) == 0
    assert main(["check", "--strict", str(minimal)]) == 1
    assert "警告：還有待填的「○○」" in capsys.readouterr().err


def test_visit_on_a_day_whose_plan_does_not_name_it_warns(minimal: Path) -> None:
    replace_in(minimal, "plan: 東京→東京大學TLO", "plan: 東京→東京工業大學")
    _, problems = validate(minimal)
    assert [(p.line, p.col, p.severity, p.message) for p in problems] == [
        (
            39,
            17,
            "warning",
            "2015-03-09 的日程表行程「東京→東京工業大學」沒有提到「東京大學TLO」；請確認參訪日期。",
        )
    ]


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert main(["frobnicate"]) == 2


def test_characters_no_font_has_are_located(minimal: Path) -> None:
    replace_in(minimal, "plan: 測試計畫", "plan: 測試計畫\u0378")  # unassigned: no font has it
    assert _located(minimal) == [
        "2:7: plan: 「\u0378」（U+0378）沒有任何 PDF 字型能顯示，會印成方框；請改用其他字，或以圖片呈現。"
    ]


def test_characters_outside_kai_warn_for_word(minimal: Path) -> None:
    replace_in(minimal, "plan: 測試計畫", "plan: 測試計畫\U0002a6d6")
    report, problems = validate(minimal)
    assert report is not None
    assert [(p.line, p.col, p.severity, p.message) for p in problems] == [
        (2, 7, "warning", "「\U0002a6d6」（U+2A6D6）不在標楷體中，Word 會以其他字型顯示；PDF 不受影響。")
    ]


def test_new_scaffold_checks_with_warnings_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "content" / "2026-new"
    assert main(["new", str(folder)]) == 0
    report, problems = validate(folder)
    assert report is not None and problems
    assert {p.severity for p in problems} == {"warning"}
    assert all("待填" in p.message for p in problems)
    assert main(["new", str(folder)]) == 1  # never overwrites a clerk's work
    assert "已經存在" in capsys.readouterr().err


def test_json_schema_is_current_and_accepts_the_examples() -> None:
    import json

    import jsonschema
    import yaml

    from generator.scaffold import SCHEMA_FILE, schema_text

    current = SCHEMA_FILE.read_text(encoding="utf-8")
    assert current == schema_text(), "run: tripreport schema -o docs/report.schema.json"
    schema = json.loads(schema_text())

    class Yaml12(yaml.SafeLoader):
        """Dates stay text, as editors' YAML 1.2 reads them."""

    Yaml12.yaml_implicit_resolvers = {
        k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    for folder in (REFERENCE, CONFERENCE, MINIMAL, NSTC):
        data = yaml.load((folder / "report.yaml").read_text(encoding="utf-8"), Loader=Yaml12)
        jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "titel": "x"}, schema)


def test_new_report_points_editors_at_the_schema(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    main(["new", str(folder)])
    first = (folder / "report.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert (folder / first.split("=", 1)[1]).resolve().name == "report.schema.json"


def test_five_typical_mistakes_are_listed_in_one_run(
    minimal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A clerk's usual mistakes, all at once: field errors do not hide the cross-field checks."""
    replace_in(minimal, 'start: "14:00"', "start: 14:00")  # unquoted time
    replace_in(minimal, "sponsor: 科技部", "sponser: 科技部")  # misspelt key
    replace_in(minimal, "report_date: 2015-04-30", "report_date: 2015/4/30")  # date with slashes
    replace_in(minimal, PHOTO, PHOTO.replace("a.png", "A.png"))  # wrong case
    replace_in(minimal, SUMMARY, "太短了。")  # 提要 too short
    expected = [
        "1:1: sponsor: 缺少必填欄位 sponsor（主辦機關）；請補上。",
        "4:1: sponser: 沒有這個欄位；是不是要寫 sponsor？",
        "11:14: report_date: 日期請用西元年-月-日，例如 2015-03-09，不要寫 2015/4/30。",
        "14:10: summary: 提要的內容摘要有 3 個中文字，規定為 200～300 字；請增刪內容。",
        '40:18: chapters[1].blocks[0].visit.start: 應為時間（24 小時制，如 "14:30"），但 YAML 把 '
        '14:00 當成六十進位數字 840；請加上引號，寫成 "14:00"。',
        "53:14: appendix.photos[0].file: 找不到檔案 photos/A.png；是不是要寫 a.png？",
    ]
    assert _located(minimal) == expected
    assert main(["check", str(minimal)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [f"{minimal / 'report.yaml'}:{line}" for line in expected]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "title: 測試報告",
            "title: 2015",  # a field error and an itinerary error
            '1:8: title: 應為文字，但 YAML 把 2015 讀成數字；請加上引號，寫成 "2015"。',
        ),
        (
            "- {date: 2015-03-09, plan: 東京",  # the visit's day is bad: no "not in the itinerary" guess
            "- {date: 2015/3/9, plan: 東京",
            "20:14: itinerary.days[1].date: 日期請用西元年-月-日，例如 2015-03-09，不要寫 2015/3/9。",
        ),
    ],
    ids=["beside-a-field-error", "beside-a-bad-day"],
)
def test_cross_field_checks_run_beside_field_errors(minimal: Path, old: str, new: str, expected: str) -> None:
    replace_in(minimal, old, new)
    replace_in(minimal, "- {date: 2015-03-10, plan: 東京→桃園}", "- {date: 2015-03-11, plan: 東京→桃園}")
    assert _located(minimal) == [
        expected,
        "21:14: itinerary.days[2].date: 2015-03-11 不在出國期間 2015-03-08～2015-03-10 之內；請檢查年份與日期。",
    ]


def test_checks_skip_what_depends_on_a_bad_field(minimal: Path) -> None:
    """A bad period: no made-up complaints about the dates compared with it."""
    replace_in(
        minimal, "period: {start: 2015-03-08, end: 2015-03-10}", "period: {start: 2015-03-08, end: 10}"
    )
    replace_in(minimal, "- {date: 2015-03-10, plan: 東京→桃園}", "- {date: 2015-03-11, plan: 東京→桃園}")
    assert _located(minimal) == [
        '10:34: period.end: 應為日期，但 YAML 把 10 讀成數字；請加上引號，寫成 "10"。',
        "21:14: itinerary.days[2].date: 日程表的日期要逐日連續：這一列應是 2015-03-10，這裡寫的是 "
        "2015-03-11；每一天寫一列，依序排列。",
    ]


def test_missing_key_is_located_at_the_mapping_that_lacks_it(minimal: Path) -> None:
    text = (minimal / "report.yaml").read_text(encoding="utf-8")
    text = "# yaml-language-server: $schema=x.json\n" + text.replace(
        'contact: {name: 王大明, phone: "02-2737-7000"}', "contact:\n  name: 王大明"
    ).replace(
        "travellers:\n  - {name: 王大明, title: 科長, agency: 科技部, unit: 產學司, rank: 薦任, "
        'phone: "02-2737-7000"}\n',
        "",
    )
    (minimal / "report.yaml").write_text(text, encoding="utf-8")
    assert _located(minimal) == [
        "1:1: travellers: 缺少必填欄位 travellers（出國人員）；請補上。",  # the top level: the file
        "6:1: contact.phone: 缺少必填欄位 phone（聯絡電話）；請補上。",
    ]  # the key `contact:`, not `name:`


def test_scaffold_text_is_a_placeholder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The scaffold's sample 提要 has the right length, but is still to be written."""
    folder = tmp_path / "2026-new"
    assert main(["new", str(folder)]) == 0
    text = (folder / "report.yaml").read_text(encoding="utf-8").replace("，○○。", "。")
    (folder / "report.yaml").write_text(text, encoding="utf-8")
    _, problems = validate(folder)
    summary = [p for p in problems if p.field == "summary"]
    assert [(p.severity, p.placeholder, p.message) for p in summary] == [
        ("warning", True, "還有待填的「請在此」；請換成實際內容。")
    ]
    phones = [p.message for p in problems if p.field.endswith("phone")]
    assert phones == ["還有待填的「02-0000-0000」；請換成實際內容。"] * 2
    capsys.readouterr()
    assert main(["check", str(folder)]) == 0
    assert (
        f"{folder}：沒有錯誤，{len(problems)} 個警告；{len(problems)} 處待填，填好才能 build"
        in capsys.readouterr().out
    )


def test_build_refuses_placeholders_unless_draft(
    minimal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_in(minimal, "plan: 測試計畫", "plan: ○○計畫")
    out = tmp_path / "out"
    assert main(["build", str(minimal), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"{minimal / 'report.yaml'}:2:7: plan: 還有待填的「○○」；請換成實際內容（或加上 --draft 先產生草稿）。",
        f"{minimal}：有錯誤，未產生任何檔案",
    ]
    assert not out.exists()


def test_help_is_chinese_throughout(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["build", "--help"], ["check", "-h"]):
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert out.startswith("用法：tripreport") and "選項:" in out
        for english in ("usage:", "options:", "positional arguments", "show this help", "OUTDIR"):
            assert english not in out
    assert main(["build"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == "tripreport build：錯誤：少了必要的參數：報告"
    assert main(["build", "x", "-j", "two"]) == 2
    assert (
        capsys.readouterr().err.splitlines()[-1] == "tripreport build：錯誤：-j/--jobs 應為整數，不能是 'two'"
    )


def test_an_internal_error_exits_3(
    minimal: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import generator.cli

    def broken(path: Path) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(generator.cli, "validate", broken)
    assert main(["check", str(minimal)]) == 3
    assert capsys.readouterr().err == (
        "tripreport 內部錯誤：RuntimeError: boom\n請加上 --debug 重新執行，並把訊息回報給維護者。\n"
    )
    with pytest.raises(RuntimeError):
        main(["--debug", "check", str(minimal)])
