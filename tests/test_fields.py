"""Field types (generator/fields.py): each converts a located node, or reports exactly why not and where.

Nodes are made by hand here, at made-up positions, so that each message is checked with the
line:column it is given; tests/test_validate.py covers the same types through whole reports. Specs
are made inside the tests (not at import), so that mutation testing sees their constructors run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from generator.errors import Problem
from generator.fields import (
    INVALID,
    Bool,
    Choice,
    Context,
    Date,
    Field,
    Lazy,
    ListOf,
    Mapped,
    Obj,
    OneOf,
    Text,
    Time,
    did_you_mean,
    join,
    wrong_type,
)
from generator.load import Node

FILE = Path("/r/report.yaml")


def ctx() -> Context:
    return Context(file=FILE, folder=FILE.parent)


def text(value: str, line: int = 3, col: int = 7) -> Node:
    return Node("text", value, line, col, raw=value)


def scalar(kind: str, value: Any, raw: str, line: int = 3, col: int = 7) -> Node:
    return Node(kind, value, line, col, raw=raw)


def mapping(items: dict[str, Node], line: int = 2, col: int = 5) -> Node:
    marks = {key: (node.line, node.col - len(key) - 2) for key, node in items.items()}
    return Node("map", items, line, col, key_marks=marks)


def seq(items: list[Node], line: int = 4, col: int = 9) -> Node:
    return Node("list", items, line, col)


def run(spec: Any, node: Node, path: str = "f") -> tuple[Any, list[str]]:
    c = ctx()
    value = spec.convert(node, path, c)
    return value, [_show(p) for p in c.problems]


def _show(p: Problem) -> str:
    assert p.file == FILE
    return f"{p.line}:{p.col}: {p.field}: {'警告：' if p.severity == 'warning' else ''}{p.message}"


# --- helpers ------------------------------------------------------------------------------------


def test_report_returns_invalid_and_records_the_problem() -> None:
    c = ctx()
    assert c.report(text("x", 8, 9), "a.b", "訊息") is INVALID
    assert c.report((4, 2), "c", "注意", "warning") is INVALID
    assert c.problems == [
        Problem(FILE, 8, 9, "a.b", "訊息", "error"),
        Problem(FILE, 4, 2, "c", "注意", "warning"),
    ]


def test_join() -> None:
    assert join("", "title") == "title"
    assert join("travellers[0]", "name") == "travellers[0].name"


def test_did_you_mean() -> None:
    assert did_you_mean("titel", ["plan", "title", "summary"]) == "是不是要寫 title？"
    assert did_you_mean("zzz", ["plan", "title"]) == "可用的有：plan、title。"
    # The cutoff is 0.5: "ab" against "abcd" is 0.667 (suggested), against "abcdef" 0.5 (still suggested),
    # against "abcdefg" 0.444 (not).
    assert did_you_mean("ab", ["abcd"]) == "是不是要寫 abcd？"
    assert did_you_mean("ab", ["abcdef"]) == "是不是要寫 abcdef？"
    assert did_you_mean("ab", ["abcdefg"]) == "可用的有：abcdefg。"
    assert did_you_mean("tile", ["title", "tilt"]) == "是不是要寫 title？"  # only the closest one


@pytest.mark.parametrize(
    ("node", "message"),
    [
        (
            scalar("number", 840, "14:00"),
            '應為時間，但 YAML 把 14:00 當成六十進位數字 840；請加上引號，寫成 "14:00"。',
        ),
        (scalar("number", 2015, "2015"), '應為時間，但 YAML 把 2015 讀成數字；請加上引號，寫成 "2015"。'),
        (scalar("number", 1.1, "1.10"), '應為時間，但 YAML 把 1.10 讀成數字；請加上引號，寫成 "1.10"。'),
        (scalar("bool", False, "NO"), '應為時間，但 YAML 把 NO 讀成是非值；請加上引號，寫成 "NO"。'),
        (
            scalar("date", dt.date(2015, 3, 9), "2015-03-09"),
            '應為時間，但 YAML 把 2015-03-09 讀成日期；請加上引號，寫成 "2015-03-09"。',
        ),
        (
            scalar("datetime", dt.datetime(2015, 3, 9, 10), "2015-03-09 10:00:00"),
            '應為時間，但 YAML 把 2015-03-09 10:00:00 讀成日期；請加上引號，寫成 "2015-03-09 10:00:00"。',
        ),
        (
            scalar("bad-date", "2015-02-30", "2015-02-30"),
            '應為時間，但 YAML 把 2015-02-30 讀成日期；請加上引號，寫成 "2015-02-30"。',
        ),
        (scalar("null", None, ""), "應為時間，但這裡是空的；請填入內容。"),
        (mapping({}), "應為時間，但這裡是「欄位: 值」的對照表；請檢查縮排。"),
        (seq([]), "應為時間，但這裡是清單（以「- 」開頭）；請檢查縮排。"),
        (text("abc"), "應為時間。"),
        (scalar("text", "1:2", "1:2"), "應為時間。"),  # a colon makes a number sexagesimal, not a text
    ],
    ids=[
        "sexagesimal",
        "int",
        "float",
        "bool",
        "date",
        "datetime",
        "bad-date",
        "null",
        "map",
        "list",
        "text",
        "text-with-colon",
    ],
)
def test_wrong_type_says_what_yaml_made_of_it(node: Node, message: str) -> None:
    assert wrong_type(node, "時間") == message


@pytest.mark.parametrize(
    ("node", "message"),
    [
        (
            scalar("number", "1" * 5000, "1" * 5000),
            "應為時間，但 YAML 把 11111111111111111111…（共 5000 個字元）讀成數字；請把整段加上引號。",
        ),
        (
            scalar("number", 1, "9" * 41),
            "應為時間，但 YAML 把 99999999999999999999…（共 41 個字元）讀成數字；請把整段加上引號。",
        ),
        (
            scalar("number", 1, "9" * 40),
            f'應為時間，但 YAML 把 {"9" * 40} 讀成數字；請加上引號，寫成 "{"9" * 40}"。',
        ),
        (
            scalar("bool", True, "y" * 41),
            "應為時間，但 YAML 把 yyyyyyyyyyyyyyyyyyyy…（共 41 個字元）讀成是非值；請把整段加上引號。",
        ),
        (
            scalar("bad-date", "x", "2" * 41),
            "應為時間，但 YAML 把 22222222222222222222…（共 41 個字元）讀成日期；請把整段加上引號。",
        ),
        (
            scalar("date", "x", "2" * 41),
            "應為時間，但 YAML 把 22222222222222222222…（共 41 個字元）讀成日期；請把整段加上引號。",
        ),
        (
            scalar("datetime", "x", "2" * 41),
            "應為時間，但 YAML 把 22222222222222222222…（共 41 個字元）讀成日期；請把整段加上引號。",
        ),
        (text("t" * 41), "應為時間。"),
    ],
    ids=["5000-digits", "41", "40", "bool", "bad-date", "date", "datetime", "text"],
)
def test_wrong_type_shortens_a_long_value(node: Node, message: str) -> None:
    assert wrong_type(node, "時間") == message


# --- Text -----------------------------------------------------------------------------------------


def test_text_is_stripped() -> None:
    assert run(Text(), text("  報告  \n")) == ("報告", [])


@pytest.mark.parametrize(
    ("value", "codes"),
    [
        ("\u200b", "U+200B"),
        ("\u200b\u200c\u200d", "U+200B、U+200C、U+200D"),
        ("\ufeff \u2060", "U+FEFF、U+0020、U+2060"),
        ("\u3164", "U+3164"),
        ("\u200e\u200f\u202a\u202e\u00ad\u2800", "U+200E、U+200F、U+202A、U+202E、U+00AD…"),
        ("\u3000\u200b", "U+200B"),  # an ideographic space is stripped first
    ],
    ids=["zwsp", "joiners", "bom-and-word-joiner", "hangul-filler", "many", "after-ideographic-space"],
)
def test_invisible_only_text_is_empty(value: str, codes: str) -> None:
    assert run(Text(), text(value), "title") == (
        INVALID,
        [f"3:7: title: 只有看不見的字元（{codes}），等於空白；請填入內容，或刪除這個欄位。"],
    )


def test_text_with_a_visible_character_among_invisible_ones() -> None:
    assert run(Text(), text("\u200b報\u200b"), "title") == ("\u200b報\u200b", [])


def test_text_of_another_kind() -> None:
    assert run(Text(), scalar("number", 2015, "2015"), "title") == (
        INVALID,
        ['3:7: title: 應為文字，但 YAML 把 2015 讀成數字；請加上引號，寫成 "2015"。'],
    )


@pytest.mark.parametrize("value", ["", "   ", "\n\t "])
def test_blank_text(value: str) -> None:
    assert run(Text(), text(value), "plan") == (
        INVALID,
        ["3:7: plan: 不可為空白；請填入內容，或刪除這個欄位。"],
    )


@pytest.mark.parametrize(
    ("char", "bad"),
    [
        ("\x00", True),
        ("\x08", True),
        ("\t", False),
        ("\n", False),
        ("\x0b", True),
        ("\x0c", True),
        ("\r", False),
        ("\x0e", True),
        ("\x1f", True),
        (" ", False),
        ("\x7f", False),
        ("\ufffd", False),
        ("\ufffe", True),
        ("\uffff", True),
        ("\ud800", True),
        ("\udfff", True),
        ("\ue000", False),
    ],
)
def test_characters_a_docx_cannot_hold(char: str, bad: bool) -> None:
    value, found = run(Text(single_line=False), text(f"前{char}後"))
    if bad:
        assert (value, found) == (
            INVALID,
            [f"3:7: f: 含有 Word 檔無法保存的控制字元 U+{ord(char):04X}（通常來自複製貼上）；請刪除它。"],
        )
    else:
        assert (value, found) == (f"前{char}後", [])


def test_control_character_message_is_zero_padded() -> None:
    assert run(Text(), text("a\x07b"))[1] == [
        "3:7: f: 含有 Word 檔無法保存的控制字元 U+0007（通常來自複製貼上）；請刪除它。"
    ]


def test_text_length_limit() -> None:
    assert run(Text(max_len=5), text("一二三四五")) == ("一二三四五", [])
    assert run(Text(max_len=5), text("一二三四五六")) == (
        INVALID,
        ["3:7: f: 有 6 個字，超過上限 5 字；請縮短或分段。"],
    )
    assert run(Text(max_len=5), text("  一二三四五  ")) == ("一二三四五", [])  # counted after stripping


def test_default_text_length_limit() -> None:
    assert run(Text(), text("字" * 5000)) == ("字" * 5000, [])
    assert run(Text(), text("字" * 5001))[1] == ["3:7: f: 有 5001 個字，超過上限 5000 字；請縮短或分段。"]


def test_single_line_text_joins_lines() -> None:
    assert run(Text(), text("第一行\n第二行\n第三行")) == ("第一行 第二行 第三行", [])
    assert run(Text(single_line=False), text("第一行\n第二行")) == ("第一行\n第二行", [])
    assert run(Text(), text("甲  乙\t丙\n丁")) == ("甲  乙\t丙 丁", [])


@pytest.mark.parametrize(
    ("value", "found"),
    [("○○計畫", "○○"), ("TODO 補上", "TODO"), ("todo", "todo"), ("XXX", "XXX"), ("待填 xxx", "xxx")],
)
def test_placeholders_warn_but_keep_the_text(value: str, found: str) -> None:
    assert run(Text(), text(value)) == (value, [f"3:7: f: 警告：還有待填的「{found}」；請換成實際內容。"])


@pytest.mark.parametrize("value", ["○計畫", "TOD", "XX", "X X X"])
def test_near_placeholders_are_text(value: str) -> None:
    assert run(Text(), text(value)) == (value, [])


# --- Choice, Bool ---------------------------------------------------------------------------------


def rank() -> Any:
    return Choice(("簡任", "薦任", "委任", "其他"), "官職等")


def test_choice() -> None:
    assert run(rank(), text(" 薦任 ")) == ("薦任", [])
    assert run(rank(), text("荐任"), "rank") == (
        INVALID,
        ["3:7: rank: 「荐任」不是可用的官職等；是不是要寫 薦任？"],
    )
    assert run(rank(), text("abc"), "rank") == (
        INVALID,
        ["3:7: rank: 「abc」不是可用的官職等；可用的有：簡任、薦任、委任、其他。"],
    )


def test_choice_of_another_kind_reports_once() -> None:
    assert run(rank(), scalar("number", 1, "1"), "rank") == (
        INVALID,
        ['3:7: rank: 應為文字，但 YAML 把 1 讀成數字；請加上引號，寫成 "1"。'],
    )


def test_choice_text_is_limited_to_100() -> None:
    long = Choice(("字" * 100,), "選項")
    assert run(long, text("字" * 100)) == ("字" * 100, [])
    assert run(long, text("字" * 101)) == (INVALID, ["3:7: f: 有 101 個字，超過上限 100 字；請縮短或分段。"])


def test_bool() -> None:
    assert run(Bool(), scalar("bool", True, "true")) == (True, [])
    assert run(Bool(), scalar("bool", False, "no")) == (False, [])
    assert run(Bool(), text("是"), "s") == (INVALID, ["3:7: s: 應為 true 或 false。"])


# --- Date, Time -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (scalar("date", dt.date(2015, 3, 9), "2015-03-09"), dt.date(2015, 3, 9)),
        (text("2015-03-09"), dt.date(2015, 3, 9)),
        (text(" 2015-3-9 "), dt.date(2015, 3, 9)),
        (text("2016-02-29"), dt.date(2016, 2, 29)),
    ],
)
def test_dates(node: Node, expected: dt.date) -> None:
    assert run(Date(), node) == (expected, [])


RANGE = "超出可用範圍（1912-01-01 至 2999-12-31，即民國元年起）；請檢查年份。"


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (scalar("date", dt.date(1912, 1, 1), "1912-01-01"), dt.date(1912, 1, 1)),
        (text("2999-12-31"), dt.date(2999, 12, 31)),
    ],
)
def test_dates_at_the_ends_of_the_range(node: Node, expected: dt.date) -> None:
    assert run(Date(), node) == (expected, [])


@pytest.mark.parametrize(
    ("node", "day"),
    [
        (scalar("date", dt.date(1911, 12, 31), "1911-12-31"), "1911-12-31"),
        (scalar("date", dt.date(1800, 3, 9), "1800-03-09"), "1800-03-09"),
        (text("0001-01-01"), "0001-01-01"),
        (text("0000-01-01"), "0000-01-01"),
        (scalar("bad-date", "0000-03-09", "0000-03-09"), "0000-03-09"),
        (text("3000-01-01"), "3000-01-01"),
        (scalar("date", dt.date(9999, 12, 31), "9999-12-31"), "9999-12-31"),
    ],
    ids=["day-before-roc-1", "1800", "year-1", "year-0", "year-0-bad-date", "3000", "9999"],
)
def test_dates_outside_the_range(node: Node, day: str) -> None:
    assert run(Date(), node, "period.start") == (INVALID, [f"3:7: period.start: 日期 {day} {RANGE}"])


@pytest.mark.parametrize(
    ("node", "message"),
    [
        (
            scalar("datetime", dt.datetime(2015, 3, 9, 10), "2015-03-09 10:00:00"),
            "只寫日期，不寫時間，例如 2015-03-09。",
        ),
        (scalar("bad-date", "2015-02-30", "2015-02-30"), "日期 2015-02-30 不存在；請檢查月與日。"),
        (text("2015-02-29"), "日期 2015-02-29 不存在；請檢查月與日。"),
        (text("2015-13-01"), "日期 2015-13-01 不存在；請檢查月與日。"),
        (text("2015-00-10"), "日期 2015-00-10 不存在；請檢查月與日。"),
        (text("104/04/30"), "日期請用西元年-月-日，例如 2015-03-09，不要寫 104/04/30。"),
        (text("2015/3/9"), "日期請用西元年-月-日，例如 2015-03-09，不要寫 2015/3/9。"),
        (text("104.4.30"), "日期請用西元年-月-日，例如 2015-03-09，不要寫 104.4.30。"),
        (text("104年4月30日"), "日期請用西元年-月-日，例如 2015-03-09，不要寫 104年4月30日。"),
        (text("104年4月30"), "日期請用西元年-月-日，例如 2015-03-09，不要寫 104年4月30。"),
        (text("4/30/2015"), "應為日期，寫法如 2015-03-09。"),
        (text("1/4/30"), "應為日期，寫法如 2015-03-09。"),
        (text("12345/4/30"), "應為日期，寫法如 2015-03-09。"),
        (text("2015-03-09 上午"), "應為日期，寫法如 2015-03-09。"),
        (text("下週一"), "應為日期，寫法如 2015-03-09。"),
        (text("15-03-09"), "應為日期，寫法如 2015-03-09。"),
        (text("2015-003-09"), "應為日期，寫法如 2015-03-09。"),
        (
            scalar("number", 20150309, "20150309"),
            '應為日期，但 YAML 把 20150309 讀成數字；請加上引號，寫成 "20150309"。',
        ),
        (scalar("bool", True, "yes"), '應為日期，但 YAML 把 yes 讀成是非值；請加上引號，寫成 "yes"。'),
        (seq([]), "應為日期，但這裡是清單（以「- 」開頭）；請檢查縮排。"),
    ],
    ids=lambda v: v.raw if isinstance(v, Node) else "",
)
def test_bad_dates(node: Node, message: str) -> None:
    assert run(Date(), node, "report_date") == (INVALID, [f"{node.line}:{node.col}: report_date: {message}"])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0:00", dt.time(0, 0)),
        ("09:30", dt.time(9, 30)),
        ("9:05", dt.time(9, 5)),
        (" 14:00 ", dt.time(14, 0)),
        ("23:59", dt.time(23, 59)),
    ],
)
def test_times(value: str, expected: dt.time) -> None:
    assert run(Time(), text(value)) == (expected, [])


@pytest.mark.parametrize(
    "value", ["24:00", "12:60", "9:5", "930", "9.30", "2pm", "09:30:00", ":30", "123:00"]
)
def test_bad_times(value: str) -> None:
    assert run(Time(), text(value), "start") == (
        INVALID,
        [f'3:7: start: 時間「{value}」看不懂；請用 24 小時制，例如 "09:30" 或 "14:00"。'],
    )


def test_time_of_another_kind() -> None:
    assert run(Time(), scalar("number", 840, "14:00"), "start") == (
        INVALID,
        [
            '3:7: start: 應為時間（24 小時制，如 "14:30"），但 YAML 把 14:00 當成六十進位數字 840；請加上引號，寫成 "14:00"。'
        ],
    )


# --- ListOf ---------------------------------------------------------------------------------------


def test_list() -> None:
    assert run(ListOf(Text()), seq([text("a"), text("b")])) == (("a", "b"), [])


def test_list_bounds() -> None:
    spec = ListOf(Text(), min_items=2, max_items=3)
    items = [text(c, 5 + i, 9) for i, c in enumerate("abcd")]
    assert run(spec, seq(items[:1]), "k") == (INVALID, ["4:9: k: 至少要有 2 項。"])
    assert run(spec, seq(items[:2]), "k") == (("a", "b"), [])
    assert run(spec, seq(items[:3]), "k") == (("a", "b", "c"), [])
    assert run(spec, seq(items), "k") == (INVALID, ["4:9: k: 有 4 項，超過上限 3 項。"])


def test_list_default_bounds() -> None:
    assert run(ListOf(Text()), seq([]), "k") == (INVALID, ["4:9: k: 至少要有 1 項。"])
    many = [text("x")] * 10_000
    assert run(ListOf(Text()), seq(many), "k") == (("x",) * 10_000, [])
    assert run(ListOf(Text()), seq([*many, text("x")]), "k") == (
        INVALID,
        ["4:9: k: 有 10001 項，超過上限 10000 項。"],
    )


def test_list_of_another_kind() -> None:
    assert run(ListOf(Text()), text("考察"), "categories") == (
        INVALID,
        ["3:7: categories: 應為清單（每項以「- 」開頭）。"],
    )


def test_every_bad_item_is_reported() -> None:
    items = [scalar("number", 1, "1", 5, 11), text("ok", 6, 11), scalar("bool", True, "yes", 7, 11)]
    assert run(ListOf(Text()), seq(items), "k") == (
        (INVALID, "ok", INVALID),
        [  # good items kept for the checks
            '5:11: k[0]: 應為文字，但 YAML 把 1 讀成數字；請加上引號，寫成 "1"。',
            '7:11: k[2]: 應為文字，但 YAML 把 yes 讀成是非值；請加上引號，寫成 "yes"。',
        ],
    )


def test_a_warning_in_an_item_keeps_the_list() -> None:
    assert run(ListOf(Text()), seq([text("TODO", 5, 11)]), "k") == (
        ("TODO",),
        ["5:11: k[0]: 警告：還有待填的「TODO」；請換成實際內容。"],
    )


# --- Obj ------------------------------------------------------------------------------------------


def pair(**values: Any) -> dict[str, Any]:
    return values


def person() -> Any:
    return Obj(
        pair,
        {
            "name": Field(Text(), "姓名"),
            "title": Field(Text(), "職稱"),
            "email": Field(Text(), "電子郵件", required=False),
            "group": Field(Text(), "組別", required=False, default="（無）"),
        },
    )


def test_obj_builds_with_defaults() -> None:
    assert run(person(), mapping({"name": text("王", 3, 11), "title": text("科長", 3, 21)})) == (
        {"name": "王", "title": "科長", "group": "（無）"},
        [],
    )


def test_obj_optional_fields_given_or_null() -> None:
    node = mapping(
        {"name": text("王"), "title": text("科長"), "email": text("a@b"), "group": scalar("null", None, "")}
    )
    assert run(person(), node) == ({"name": "王", "title": "科長", "email": "a@b", "group": "（無）"}, [])
    node = mapping(
        {"name": text("王"), "title": text("科長"), "email": scalar("null", None, ""), "group": text("甲")}
    )
    assert run(person(), node) == ({"name": "王", "title": "科長", "group": "甲"}, [])


def test_obj_records_where_each_field_is() -> None:
    c = ctx()
    person().convert(mapping({"name": text("王", 3, 11), "title": text("科長", 4, 12)}, 2, 5), "p", c)
    assert c.locations == {"p": (2, 5), "p.name": (3, 11), "p.title": (4, 12)}


def test_obj_missing_and_unknown_fields_all_reported() -> None:
    node = mapping({"name": text("王", 3, 11), "titel": text("科長", 3, 24), "mail": text("x", 4, 15)}, 3, 5)
    assert run(person(), node, "travellers[0]") == (
        {"name": "王", "title": INVALID, "group": "（無）"},
        [
            "3:17: travellers[0].titel: 沒有這個欄位；是不是要寫 title？",
            "4:9: travellers[0].mail: 沒有這個欄位；是不是要寫 email？",
            "3:5: travellers[0].title: 缺少必填欄位 title（職稱）；請補上。",
        ],
    )


def test_obj_required_field_written_empty() -> None:
    node = mapping({"name": scalar("null", None, "", 3, 11), "title": text("科長")})
    assert run(person(), node, "p") == (
        {"name": INVALID, "title": "科長", "group": "（無）"},
        ["3:11: p.name: 應為文字，但這裡是空的；請填入內容。"],
    )


def test_obj_with_bad_fields_is_partial_and_every_field_is_converted() -> None:
    node = mapping({"name": scalar("number", 1, "1", 3, 11), "title": scalar("number", 2, "2", 4, 11)})
    assert run(person(), node, "p") == (
        {"name": INVALID, "title": INVALID, "group": "（無）"},
        [
            '3:11: p.name: 應為文字，但 YAML 把 1 讀成數字；請加上引號，寫成 "1"。',
            '4:11: p.title: 應為文字，但 YAML 把 2 讀成數字；請加上引號，寫成 "2"。',
        ],
    )


def test_obj_of_another_kind() -> None:
    c = ctx()
    assert person().convert(seq([], 6, 3), "contact", c) is INVALID
    assert [_show(p) for p in c.problems] == [
        "6:3: contact: 應為「欄位: 值」的對照表，但這裡是清單（以「- 」開頭）；請檢查縮排。"
    ]
    assert c.locations == {"contact": (6, 3)}


def _no_early_end(values: dict[str, Any], node: Node, path: str, c: Context) -> None:
    if values["end"] < values["start"]:
        c.report(node.value["end"], join(path, "end"), "結束早於開始。")
    if values["end"] == values["start"]:
        c.report(node.value["end"], join(path, "end"), "只有一天。", "warning")


def span() -> Any:
    return Obj(pair, {"start": Field(Time(), "開始"), "end": Field(Time(), "結束")}, check=_no_early_end)


def test_obj_check_error_is_reported() -> None:
    node = mapping({"start": text("10:00", 3, 12), "end": text("09:00", 4, 10)})
    assert run(span(), node, "s") == (
        {"start": dt.time(10), "end": dt.time(9)},
        ["4:10: s.end: 結束早於開始。"],
    )


def test_obj_check_warning_keeps_it() -> None:
    node = mapping({"start": text("10:00", 3, 12), "end": text("10:00", 4, 10)})
    assert run(span(), node, "s") == (
        {"start": dt.time(10), "end": dt.time(10)},
        ["4:10: s.end: 警告：只有一天。"],
    )


def test_obj_check_is_not_run_on_bad_fields() -> None:
    node = mapping({"start": text("10:00", 3, 12), "end": text("9", 4, 10)})
    assert run(span(), node, "s") == (
        {"start": dt.time(10), "end": INVALID},
        ['4:10: s.end: 時間「9」看不懂；請用 24 小時制，例如 "09:30" 或 "14:00"。'],
    )


def test_obj_check_sees_earlier_errors_not() -> None:
    """An error reported before the object (elsewhere in the file) does not make it invalid."""
    c = ctx()
    c.report((1, 1), "title", "別處的錯誤。")
    value = span().convert(mapping({"start": text("10:00"), "end": text("11:00")}), "s", c)
    assert value == {"start": dt.time(10), "end": dt.time(11)}


def test_obj_json_schema() -> None:
    assert person().json_schema() == {
        "type": "object",
        "properties": {
            "name": {"type": "string", "maxLength": 5000, "description": "姓名"},
            "title": {"type": "string", "maxLength": 5000, "description": "職稱"},
            "email": {"type": "string", "maxLength": 5000, "description": "電子郵件"},
            "group": {"type": "string", "maxLength": 5000, "description": "組別"},
        },
        "additionalProperties": False,
        "required": ["name", "title"],
    }


# --- OneOf, Lazy, Mapped --------------------------------------------------------------------------


def block() -> Any:
    return OneOf(Text(), {"list": ListOf(Text()), "note": Mapped(Text(), lambda t: f"註：{t}")})


def test_one_of_text() -> None:
    assert run(block(), text("一段文字")) == ("一段文字", [])


def test_one_of_kind() -> None:
    c = ctx()
    node = mapping({"list": seq([text("a", 5, 13)], 5, 12)}, 5, 9)
    assert block().convert(node, "blocks[0]", c) == ("a",)
    assert c.problems == []
    assert c.locations == {"blocks[0].list": (5, 12)}


def test_one_of_mapped_kind() -> None:
    assert run(block(), mapping({"note": text("說明", 5, 15)}, 5, 9)) == ("註：說明", [])
    assert run(block(), mapping({"note": text("", 5, 15)}, 5, 9), "b") == (
        INVALID,
        ["5:15: b.note: 不可為空白；請填入內容，或刪除這個欄位。"],
    )


def test_one_of_unknown_kind() -> None:
    node = mapping({"lsit": seq([], 5, 15)}, 5, 9)
    assert run(block(), node, "blocks[1]") == (
        INVALID,
        ["5:9: blocks[1].lsit: 沒有這種區塊；是不是要寫 list？"],
    )


def test_one_of_two_kinds_or_none() -> None:
    node = mapping({"list": seq([]), "note": text("x")}, 5, 9)
    assert run(block(), node, "b") == (
        INVALID,
        ["5:9: b: 一個區塊只能有一種（list、note）；這裡有 list、note，是否少了「- 」？"],
    )
    assert run(block(), mapping({}, 5, 9), "b") == (
        INVALID,
        ["5:9: b: 一個區塊只能有一種（list、note）；這裡有 0 個，是否少了「- 」？"],
    )


def test_one_of_another_kind() -> None:
    assert run(block(), scalar("number", 3, "3", 5, 9), "b") == (
        INVALID,
        ['5:9: b: 應為一段文字或一個區塊（list、note），但 YAML 把 3 讀成數字；請加上引號，寫成 "3"。'],
    )


def test_lazy_converts_with_the_spec_it_gets_later() -> None:
    specs: dict[str, Any] = {}
    lazy = Lazy(lambda: specs["block"])
    specs["block"] = Text(max_len=3)
    assert run(lazy, text("abc")) == ("abc", [])
    assert run(lazy, text("abcd"))[1] == ["3:7: f: 有 4 個字，超過上限 3 字；請縮短或分段。"]
    assert lazy.json_schema() == {"$ref": "#/$defs/block"}


def test_mapped_does_not_apply_to_invalid() -> None:
    called: list[Any] = []
    spec = Mapped(Text(), called.append)
    assert run(spec, scalar("null", None, ""))[0] is INVALID
    assert called == []
    spec.convert(text("x"), "f", ctx())
    assert called == ["x"]


def test_json_schemas() -> None:
    assert Text(max_len=20).json_schema() == {"type": "string", "maxLength": 20}
    assert rank().json_schema() == {"enum": ["簡任", "薦任", "委任", "其他"]}
    assert Bool().json_schema() == {"type": "boolean"}
    assert Date().json_schema() == {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{1,2}-\d{1,2}$"}
    assert Time().json_schema() == {"type": "string", "pattern": r"^\d{1,2}:\d{2}$"}
    assert ListOf(Bool(), min_items=2).json_schema() == {
        "type": "array",
        "items": {"type": "boolean"},
        "minItems": 2,
    }
    assert ListOf(Bool()).json_schema()["minItems"] == 1
    assert Mapped(Bool(), str).json_schema() == {"type": "boolean"}
    assert block().json_schema() == {
        "anyOf": [
            {"type": "string", "maxLength": 5000},
            {
                "type": "object",
                "properties": {
                    "list": {"type": "array", "items": {"type": "string", "maxLength": 5000}, "minItems": 1}
                },
                "required": ["list"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {"note": {"type": "string", "maxLength": 5000}},
                "required": ["note"],
                "additionalProperties": False,
            },
        ]
    }


def test_the_base_spec_is_abstract() -> None:
    from generator.fields import Spec

    with pytest.raises(NotImplementedError):
        Spec().convert(text("x"), "f", ctx())
    with pytest.raises(NotImplementedError):
        Spec().json_schema()
    assert Spec.expected == "值" and Text.expected == "文字" and Date.expected == "日期"


# --- incomplete models ----------------------------------------------------------------------------


def test_invalid_is_a_value_whose_every_part_is_invalid() -> None:
    from generator.fields import known

    assert repr(INVALID) == "INVALID"
    assert INVALID.date is INVALID and INVALID.period.start is INVALID
    assert list(INVALID) == [] and tuple(INVALID) == ()
    with pytest.raises(AttributeError, match=r"^__deepcopy__$"):
        INVALID.__deepcopy__  # noqa: B018 - Python's protocols must not find a method here
    with pytest.raises(AttributeError, match=r"^_private$"):
        INVALID._private  # noqa: B018
    assert known() and known(1, "a", None, ())
    assert not known(INVALID) and not known(1, INVALID) and not known(INVALID, 1)


def test_context_counts_errors_only() -> None:
    c = ctx()
    assert c.errors() == 0
    c.report((1, 1), "a", "注意", "warning")
    assert c.errors() == 0
    c.report((1, 1), "a", "錯誤")
    c.report((2, 1), "b", "錯誤")
    assert c.errors() == 2


def test_placeholders_are_marked_as_such() -> None:
    c = ctx()
    c.report((1, 1), "a", "x")
    Text().convert(text("TODO"), "f", c)
    Text().convert(text("\u25cb"), "g", c)
    assert [(p.field, p.severity, p.placeholder) for p in c.problems] == [
        ("a", "error", False),
        ("f", "warning", True),
    ]


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("請在此填寫目的", "請在此"),
        ("02-0000-0000", "02-0000-0000"),
        ("name@example.gov.tw", "name@example.gov.tw"),
        ("NAME@EXAMPLE.GOV.TW", "NAME@EXAMPLE.GOV.TW"),
    ],
)
def test_scaffold_samples_are_placeholders(value: str, found: str) -> None:
    assert run(Text(), text(value)) == (value, [f"3:7: f: 警告：還有待填的「{found}」；請換成實際內容。"])


@pytest.mark.parametrize("value", ["02-0000-0001", "nameXexample.gov.tw", "請在這裡"])
def test_near_scaffold_samples_are_text(value: str) -> None:
    assert run(Text(), text(value)) == (value, [])


def test_partial_object_whose_builder_needs_the_bad_field_is_invalid() -> None:
    def build(name: str, title: str, **rest: Any) -> str:
        return name + title  # a bad field (INVALID) cannot be added to a str

    spec = Obj(build, {"name": Field(Text(), "姓名"), "title": Field(Text(), "職稱")})
    assert run(spec, mapping({"name": text("王"), "title": scalar("null", None, "")}), "p")[0] is INVALID
    assert run(spec, mapping({"name": text("王"), "title": text("科長")}), "p") == ("王科長", [])


def test_missing_field_at_the_top_level_is_at_the_start_of_the_file() -> None:
    node = mapping({"name": text("王", 5, 7)}, 5, 1)
    assert run(person(), node, "")[1] == ["1:1: title: 缺少必填欄位 title（職稱）；請補上。"]


def test_missing_field_of_a_block_mapping_is_at_its_key() -> None:
    """contact:\\n  name: 王  — reported at `contact:`, not at `name`, which would look like the culprit."""
    outer = Obj(pair, {"contact": Field(person(), "聯絡人")})
    inner = Node("map", {"name": text("王", 6, 9)}, 6, 3, key_marks={"name": (6, 3)})
    root = Node("map", {"contact": inner}, 5, 1, key_marks={"contact": (5, 1)})
    c = ctx()
    outer.convert(root, "", c)
    assert [_show(p) for p in c.problems] == ["5:1: contact.title: 缺少必填欄位 title（職稱）；請補上。"]
    assert c.keys == {"contact": (5, 1), "contact.name": (6, 3)}


def test_missing_field_of_a_flow_mapping_or_list_item_is_at_the_mapping() -> None:
    outer = Obj(pair, {"contact": Field(person(), "聯絡人"), "people": Field(ListOf(person()), "人員")})
    flow = Node(
        "map", {"name": text("王", 5, 16)}, 5, 10, key_marks={"name": (5, 10 + 1)}
    )  # contact: {name: 王}
    item = Node("map", {"name": text("李", 7, 11)}, 7, 5, key_marks={"name": (7, 5)})  # - name: 李
    root = Node(
        "map",
        {"contact": flow, "people": seq([item], 7, 3)},
        5,
        1,
        key_marks={"contact": (5, 1), "people": (6, 1)},
    )
    c = ctx()
    outer.convert(root, "", c)
    assert [_show(p) for p in c.problems] == [
        "5:10: contact.title: 缺少必填欄位 title（職稱）；請補上。",
        "7:5: people[0].title: 缺少必填欄位 title（職稱）；請補上。",
    ]


def test_missing_field_of_an_unkeyed_mapping_is_at_the_mapping() -> None:
    """A mapping met without its key recorded (e.g. converted on its own) is reported where it starts."""
    node = Node("map", {"name": text("王", 6, 9)}, 6, 3, key_marks={"name": (6, 3)})
    assert run(person(), node, "contact")[1] == ["6:3: contact.title: 缺少必填欄位 title（職稱）；請補上。"]


def test_missing_field_of_an_empty_mapping_is_at_the_mapping() -> None:
    c = ctx()
    c.keys["contact"] = (5, 1)
    person().convert(Node("map", {}, 5, 10), "contact", c)
    assert [_show(p) for p in c.problems] == [
        "5:10: contact.name: 缺少必填欄位 name（姓名）；請補上。",
        "5:10: contact.title: 缺少必填欄位 title（職稱）；請補上。",
    ]


def test_invisible_code_points_are_listed_up_to_five() -> None:
    from generator.fields import _codes

    assert _codes("\u200b\u200c\u200d\u2060\ufeff") == "U+200B、U+200C、U+200D、U+2060、U+FEFF"
    assert _codes("\u200b\u200c\u200d\u2060\ufeff\u200e") == "U+200B、U+200C、U+200D、U+2060、U+FEFF…"
