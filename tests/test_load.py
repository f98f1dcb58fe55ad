"""Reading report.yaml (generator/load.py): nodes with their line:column, and located messages for
files that cannot be read. tests/test_validate.py covers the same through whole reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from generator import load
from generator.load import MAX_YAML_BYTES, load_yaml


def read(tmp_path: Path, data: bytes | str):
    path = tmp_path / "report.yaml"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    root, problems = load_yaml(path)
    assert all(p.file == path and p.severity == "error" for p in problems)
    return root, [f"{p.line}:{p.col}: {p.field + ': ' if p.field else ''}{p.message}" for p in problems]


def failure(tmp_path: Path, data: bytes | str) -> list[str]:
    root, problems = read(tmp_path, data)
    assert root is None
    assert len(problems) == 1
    assert load_yaml(tmp_path / "report.yaml")[1][0].field == ""  # a problem of the file, no field
    return problems


NO_CONTENT = "1:1: 檔案沒有內容；請用 tripreport new 產生範本再填寫。"
UTF16 = "1:1: 檔案是 UTF-16 編碼；請在編輯器中另存為 UTF-8。"
ANCHOR = "不支援 YAML 錨點與別名（& 與 *）；請直接寫出內容。"
CONTROL = "這裡有無法顯示的控制字元；請刪除它（通常來自複製貼上）。"


# --- nodes --------------------------------------------------------------------------------------


def test_nodes_remember_kind_value_raw_and_position(tmp_path: Path) -> None:
    root, problems = read(
        tmp_path,
        "title: 報告\nn: 12\nf: 1.10\nt: 14:00\nb: NO\nz:\nd: 2015-03-09\n"
        "dt: 2015-03-09 10:00:00\nbad: 2015-02-30\nq: '2015'\nl:\n  - a\nm: {k: v}\n",
    )
    assert problems == []
    assert (root.kind, root.line, root.col, root.key_marks["title"], root.key_marks["m"]) == (
        "map",
        1,
        1,
        (1, 1),
        (13, 1),
    )
    v = root.value
    assert [(k, n.kind, n.value, n.raw, n.line, n.col) for k, n in v.items() if k not in ("l", "m")] == [
        ("title", "text", "報告", "報告", 1, 8),
        ("n", "number", 12, "12", 2, 4),
        ("f", "number", 1.1, "1.10", 3, 4),
        ("t", "number", 840, "14:00", 4, 4),
        ("b", "bool", False, "NO", 5, 4),
        ("z", "null", None, "", 6, 3),
        ("d", "date", dt.date(2015, 3, 9), "2015-03-09", 7, 4),
        ("dt", "datetime", dt.datetime(2015, 3, 9, 10), "2015-03-09 10:00:00", 8, 5),
        ("bad", "bad-date", "2015-02-30", "2015-02-30", 9, 6),
        ("q", "text", "2015", "2015", 10, 4),
    ]
    assert (v["l"].kind, v["l"].line, v["l"].col) == ("list", 12, 3)
    assert [(n.kind, n.value, n.line, n.col) for n in v["l"].value] == [("text", "a", 12, 5)]
    assert (v["m"].kind, v["m"].line, v["m"].col, v["m"].key_marks) == ("map", 13, 4, {"k": (13, 5)})
    assert (v["m"].value["k"].value, v["m"].value["k"].col) == ("v", 8)


def test_text_is_nfc(tmp_path: Path) -> None:
    root, _ = read(
        tmp_path, "a: Cafe\u0301\nb: '\uf9041'\n"
    )  # e + combining acute; a CJK compatibility ideograph
    assert root.value["a"].value == "Caf\u00e9" and root.value["a"].raw == "Caf\u00e9"
    assert root.value["b"].value == "\u6ed11"  # NFC maps U+F904 to its unified ideograph


def test_folded_text_joins_chinese_lines_without_a_space(tmp_path: Path) -> None:
    root, _ = read(tmp_path, "a: >\n  第一行，\n  第二行 English\n  words 再一行\nb: |\n  第一行\n  第二行\n")
    assert root.value["a"].value == "第一行，第二行 English words 再一行\n"
    assert root.value["b"].value == "第一行\n第二行\n"  # literal text keeps its line breaks


def test_folded_text_keeps_spaces_between_chinese_and_latin(tmp_path: Path) -> None:
    root, _ = read(tmp_path, "a: >\n  中文\n  A\n  B\n  字\n")
    assert root.value["a"].value == "中文 A B 字\n"


def test_keys_must_be_text(tmp_path: Path) -> None:
    root, problems = read(tmp_path, "title: a\n1: b\ntrue: c\n? [x]\n: d\nnull: e\n2015-03-09: f\n")
    message = "欄位名稱必須是英文字，例如 title；若這是內容，請在前面加上「- 」或用引號括起來。"
    assert problems == [
        f"2:1: {message}",
        f"3:1: {message}",
        f"4:3: {message}",
        f"6:1: {message}",
        f"7:1: {message}",
    ]
    assert list(root.value) == ["title"]
    assert {p.field for p in load_yaml(tmp_path / "report.yaml")[1]} == {""}


def test_problems_inside_list_items_are_collected(tmp_path: Path) -> None:
    root, problems = read(tmp_path, "l:\n  - 1: a\n    k: b\n  - - k: c\n      k: d\n")
    assert problems == [
        "2:5: 欄位名稱必須是英文字，例如 title；若這是內容，請在前面加上「- 」或用引號括起來。",
        "5:7: k: 欄位重複（第 4 行已經寫過）；請刪除其中一個。",
    ]
    assert list(root.value["l"].value[0].value) == ["k"]


def test_duplicate_keys_are_reported_and_the_first_kept(tmp_path: Path) -> None:
    root, problems = read(tmp_path, "title: a\nplan: b\n\ntitle: c\nm:\n  k: 1\n  k: 2\n")
    assert problems == [
        "4:1: title: 欄位重複（第 1 行已經寫過）；請刪除其中一個。",
        "7:3: k: 欄位重複（第 6 行已經寫過）；請刪除其中一個。",
    ]
    assert root.value["title"].value == "a" and root.value["m"].value["k"].value == 1


def test_kinds() -> None:
    assert load.KINDS == {
        "tag:yaml.org,2002:str": "text",
        "tag:yaml.org,2002:int": "number",
        "tag:yaml.org,2002:float": "number",
        "tag:yaml.org,2002:bool": "bool",
        "tag:yaml.org,2002:null": "null",
        "tag:yaml.org,2002:timestamp": "date",
        "tag:yaml.org,2002:map": "map",
        "tag:yaml.org,2002:seq": "list",
    }


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("a: !custom 12\n", "1:4: 不支援 YAML 標籤（!custom）"),
        ("a: 1\nb: !!binary aGVsbG8=\n", "2:4: 不支援 YAML 標籤（!!binary）"),
        ("a: !include /etc/passwd\n", "1:4: 不支援 YAML 標籤（!include）"),
        ("a: !!python/name:os.system\n", "1:4: 不支援 YAML 標籤（!!python/name:os.system）"),
        ("a:\n  - !!str [1]\n", "2:5: 不支援 YAML 標籤（!!str）"),
        ("a: !!map {b: 1}\n", "1:4: 不支援 YAML 標籤（!!map）"),
        ("a: ! x\n", "1:4: 不支援 YAML 標籤（!）"),
        (
            "a: !<tag:example.com,2000:" + "x" * 50 + "> 1\n",
            "1:4: 不支援 YAML 標籤（tag:example.com,2000:xxxxxxxxxxxxxxxxxxx…）",
        ),
    ],
    ids=["custom", "binary", "include", "python-name", "on-a-list", "on-a-map", "non-specific", "long"],
)
def test_tags_are_refused_where_written(tmp_path: Path, data: str, expected: str) -> None:
    assert failure(tmp_path, data) == [f"{expected}；請刪除它，以「!」開頭的文字請加上引號。"]


def test_a_quoted_exclamation_mark_is_text(tmp_path: Path) -> None:
    root, problems = read(tmp_path, 'a: "!include x"\nb: x!y\n')
    assert problems == [] and (root.value["a"].value, root.value["b"].value) == ("!include x", "x!y")


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ("a: " + "[" * 51 + "]" * 51 + "\n", "1:53"),  # the top mapping is the first level
        ("a: " + "{b: " * 51 + "}" * 51 + "\n", "1:200"),
        ("".join("  " * i + "- \n" for i in range(51)), "51:101"),
        ("a: " + "[" * 5000 + "]" * 5000 + "\n", "1:53"),
    ],
    ids=["flow-list", "flow-map", "block", "thousands"],
)
def test_nesting_deeper_than_the_limit_is_refused(tmp_path: Path, data: str, where: str) -> None:
    assert load.MAX_DEPTH == 50
    assert failure(tmp_path, data) == [
        f"{where}: 巢狀層次超過上限 50 層；請檢查縮排與括號（[ 與 {{ 要成對）。"
    ]


def test_nesting_at_the_limit_is_read(tmp_path: Path) -> None:
    root, problems = read(tmp_path, "a: " + "[" * 49 + "]" * 49 + "\n")
    assert problems == [] and root.value["a"].kind == "list"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("a: 1\rb: 2\rc: [\r", "4:1"),  # CR only (classic Mac)
        ("a: 1\r\nb: 2\r\nc: [\r\n", "4:1"),  # CRLF (Windows)
        ("a: 測\u2028試\nb: 2\nc: [\n", "4:1"),  # LINE SEPARATOR inside a value: not a line for editors
        ("a: 測\u2029試\x85x\nb: 2\nc: [\n", "4:1"),
    ],
    ids=["cr", "crlf", "line-separator", "paragraph-separator-and-nel"],
)
def test_lines_are_counted_as_editors_count_them(tmp_path: Path, data: str, expected: str) -> None:
    assert failure(tmp_path, data) == [
        f"{expected}: YAML 語法錯誤（expected the node content, but found '<stream end>'）；"
        "請檢查這一行與上一行的縮排、引號與冒號。"
    ]


def test_unicode_line_separators_read_as_spaces(tmp_path: Path) -> None:
    root, problems = read(tmp_path, "a: 測\u2028試\nb: x\r\nc: y\rd: z\n")
    assert problems == []
    assert [(k, n.value, n.line, n.col) for k, n in root.value.items()] == [
        ("a", "測 試", 1, 4),
        ("b", "x", 2, 4),
        ("c", "y", 3, 4),
        ("d", "z", 4, 4),
    ]


def test_a_huge_number_is_a_number(tmp_path: Path) -> None:
    root, problems = read(tmp_path, "a: " + "1" * 5000 + "\n")
    assert problems == [] and (root.value["a"].kind, root.value["a"].raw) == ("number", "1" * 5000)


# --- files that cannot be read ------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b" \n\t\n", b"# only a comment\n"])
def test_no_content(tmp_path: Path, data: bytes) -> None:
    assert failure(tmp_path, data) == [NO_CONTENT]


def test_size_limit(tmp_path: Path) -> None:
    assert MAX_YAML_BYTES == 2 * 1024 * 1024
    body = b"a: " + b"x" * (MAX_YAML_BYTES - 4) + b"\n"
    assert len(body) == MAX_YAML_BYTES
    root, problems = read(tmp_path, body)
    assert problems == [] and len(root.value["a"].value) == MAX_YAML_BYTES - 4
    assert failure(tmp_path, body + b"\n") == [
        "1:1: 檔案有 2048 KB，超過上限 2048 KB；請把過長的內容移到附件。"
    ]


def test_size_limit_message_in_kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_YAML_BYTES", 3 * 1024)
    assert failure(tmp_path, b"a: " + b"x" * 5000) == [
        "1:1: 檔案有 4 KB，超過上限 3 KB；請把過長的內容移到附件。"
    ]


@pytest.mark.parametrize(
    "data",
    [
        "title: 報告\n".encode("utf-16"),
        "title: 報告\n".encode("utf-16-le"),
        b"\xfe\xff\x00t\x00i",
        b"\xff\xfe",
        b"\xfe\xff",
        b"\x00t",
        b"t\x00i\x00t\x00l\x00e" + b"\x00" * 190,
    ],
)
def test_utf16(tmp_path: Path, data: bytes) -> None:
    assert failure(tmp_path, data) == [UTF16]


def test_a_nul_after_the_first_200_bytes_is_a_control_character(tmp_path: Path) -> None:
    assert failure(tmp_path, b"a: " + b"t" * 197 + b"\x00\n") == [f"1:201: {CONTROL}"]


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"\x00", "1:1"),
        (b"t" * 199 + b"\x00", "1:200"),
        ("title: 測\x00試\n".encode(), "1:9"),
        (b"a: 1\nb: \x00\x00\n", "2:4"),
        ("a: \uffff\n".encode(), "1:4"),
        ("a: 1\rb: \uffff\n".encode(), "2:4"),
    ],
    ids=["nul-alone", "nul-at-200", "nul-in-text", "two-nuls", "uffff", "uffff-after-cr"],
)
def test_a_stray_nul_or_non_character_is_a_control_character(tmp_path: Path, data: bytes, where: str) -> None:
    assert failure(tmp_path, data) == [f"{where}: {CONTROL}"]


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    root, problems = read(tmp_path, b"\xef\xbb\xbftitle: a\n")
    assert problems == [] and list(root.value) == ["title"] and root.value["title"].col == 8


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"title: ok\nplan: " + "測試".encode("big5") + b"\n",
            "2:7: 檔案不是 UTF-8 編碼（看起來是 Big5）；請在編輯器中另存為 UTF-8。",
        ),
        (
            "測試".encode("big5") + b"\n",
            "1:1: 檔案不是 UTF-8 編碼（看起來是 Big5）；請在編輯器中另存為 UTF-8。",
        ),
        (b"a: 1\nb: 2\nc: \xff\xfe\xfd\n", "3:4: 檔案不是 UTF-8 編碼；請在編輯器中另存為 UTF-8。"),
        (b"\nab\xff", "2:3: 檔案不是 UTF-8 編碼；請在編輯器中另存為 UTF-8。"),
        (b"a: 1\rb: 2\r\nc: \xff", "3:4: 檔案不是 UTF-8 編碼；請在編輯器中另存為 UTF-8。"),
        ("a: 1\nb: 測試".encode() + b"\xff", "2:6: 檔案不是 UTF-8 編碼；請在編輯器中另存為 UTF-8。"),
        (b"\xef\xbb\xbfa: \xff", "1:4: 檔案不是 UTF-8 編碼；請在編輯器中另存為 UTF-8。"),  # after the BOM
        ("title: 測試\nplan: ab".encode() + b"\x80", "2:9: 檔案不是 UTF-8 編碼；請在編輯器中另存為 UTF-8。"),
    ],
    ids=[
        "big5",
        "big5-first",
        "not-big5",
        "after-blank-line",
        "cr-only-lines",
        "column-in-characters",
        "after-bom",
        "after-utf8",
    ],
)
def test_not_utf8(tmp_path: Path, data: bytes, expected: str) -> None:
    assert failure(tmp_path, data) == [expected]


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ("a: &x 1\nb: 2\n", "1:4"),
        ("a: 1\nb: *x\n", "2:4"),
        ("a:\n  - &anchor\n    k: v\n", "2:5"),
        ("a: 1\nb: [1, &y 2]\n", "2:8"),
        ("a: 1\nb: &x 1\nc: &x 2\n", "2:4"),
    ],
)
def test_anchors_and_aliases(tmp_path: Path, data: str, where: str) -> None:
    assert failure(tmp_path, data) == [f"{where}: {ANCHOR}"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("a: 1\n\tb: 2\n", "2:1: 這裡有 Tab 字元；YAML 只能用空白縮排，請把 Tab 換成空白。"),
        (
            "plan: 測試計畫: 第二\n",
            "1:11: YAML 語法錯誤：冒號位置不對；文字中有「: 」時請把整段加上引號，或檢查縮排。",
        ),
        ("a: 1\nkey\nnext: 1\n", "3:1: YAML 語法錯誤：這一行少了「欄位: 值」的冒號，或上一行的縮排不對。"),
        (
            'a: "x\n',
            "2:1: YAML 語法錯誤（found unexpected end of stream）；請檢查這一行與上一行的縮排、引號與冒號。",
        ),
        (
            "a:\n  b: 1\n c: 2\n",
            "3:2: YAML 語法錯誤（expected <block end>, but found '<block mapping start>'）；"
            "請檢查這一行與上一行的縮排、引號與冒號。",
        ),
        (
            "a: [1, 2\n",
            "2:1: YAML 語法錯誤（expected ',' or ']', but got '<stream end>'）；請檢查這一行與上一行的縮排、引號與冒號。",
        ),
        (
            "a: @x\n",
            "1:4: YAML 語法錯誤（found character '@' that cannot start any token）；請檢查這一行與上一行的縮排、引號與冒號。",
        ),
    ],
    ids=["tab", "colon", "no-colon", "quote", "indent", "bracket", "reserved"],
)
def test_syntax_errors(tmp_path: Path, data: str, expected: str) -> None:
    assert failure(tmp_path, data) == [expected]


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ("title: a\x07b\n", "1:9"),
        ("a: 1\ntitle: 測試\x1b\n", "2:10"),
        ("a: 1\nb: 𠀀\ufffe\n", "2:5"),
        ("a: [1\nb: \x07\n", "2:4"),  # a syntax error before it: PyYAML's reader refuses the file first
        ("title: \x07a\x07\n", "1:8"),
        ("\x07: 1\n", "1:1"),
        ("\n\na: 1\nb: 2\n  c: \x08\n", "5:6"),
    ],
    ids=[
        "bell",
        "escape-after-cjk",
        "non-character-after-astral",
        "after-a-syntax-error",
        "first-of-two",
        "first",
        "after-blank-lines",
    ],
)
def test_control_characters_are_located(tmp_path: Path, data: str, where: str) -> None:
    assert failure(tmp_path, data) == [f"{where}: {CONTROL}"]


def test_yaml_parsers() -> None:
    """libyaml is used when PyYAML has it (5× faster); PyYAML's own parser words the errors."""
    assert load._FAST_LOADER is getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def test_a_fast_parser_error_falls_back_to_pyyaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If only libyaml fails, its own error is reported."""

    class Strict(yaml.SafeLoader):
        def check_event(self, *choices):  # fail on the first event, where PyYAML has no problem
            raise yaml.MarkedYAMLError(
                problem="strict parser refuses", problem_mark=yaml.Mark("", 0, 2, 4, None, None)
            )

    monkeypatch.setattr(load, "_FAST_LOADER", Strict)
    assert failure(tmp_path, "a: 1\nb: 2\nc: 3\n") == [
        "3:5: YAML 語法錯誤（strict parser refuses）；請檢查這一行與上一行的縮排、引號與冒號。"
    ]


def test_an_anchor_found_by_the_fallback_parser_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Strict(yaml.SafeLoader):
        def check_event(self, *choices):
            raise yaml.MarkedYAMLError(
                problem="strict parser refuses", problem_mark=yaml.Mark("", 0, 0, 0, None, None)
            )

    monkeypatch.setattr(load, "_FAST_LOADER", Strict)
    assert failure(tmp_path, "a: 1\nb: &x 2\n") == [f"2:4: {ANCHOR}"]


def test_an_unmarked_error_is_at_the_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Unmarked(yaml.SafeLoader):
        def check_event(self, *choices):
            raise yaml.MarkedYAMLError(problem="no mark")

    monkeypatch.setattr(load, "_FAST_LOADER", Unmarked)
    monkeypatch.setattr(yaml, "SafeLoader", Unmarked)
    assert failure(tmp_path, "a: 1\n") == [
        "1:1: YAML 語法錯誤（no mark）；請檢查這一行與上一行的縮排、引號與冒號。"
    ]


def test_the_context_mark_is_used_without_a_problem_mark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class ContextOnly(yaml.SafeLoader):
        def check_event(self, *choices):
            raise yaml.MarkedYAMLError(
                context="while parsing", context_mark=yaml.Mark("", 0, 1, 2, None, None)
            )

    monkeypatch.setattr(load, "_FAST_LOADER", ContextOnly)
    monkeypatch.setattr(yaml, "SafeLoader", ContextOnly)
    assert failure(tmp_path, "a: 1\nb: 2\n") == [
        "2:3: YAML 語法錯誤（）；請檢查這一行與上一行的縮排、引號與冒號。"
    ]


# --- the bounds the mutation run found untested ---------------------------------------------------


def test_a_tag_of_40_characters_is_quoted_whole_and_a_longer_one_cut() -> None:
    assert load._short_tag("!" + "a" * 39) == "!" + "a" * 39
    assert load._short_tag("!" + "a" * 40) == "!" + "a" * 39 + "…"
    assert load._short_tag("tag:yaml.org,2002:binary") == "!!binary"


def test_utf16_is_recognised_from_a_third_of_nul_bytes() -> None:
    assert load._looks_utf16(b"a\x00b")  # one NUL in three bytes
    assert not load._looks_utf16(b"ab\x00c")  # one in four: a stray NUL
    assert not load._looks_utf16(b"\x00")


def test_depth_counts_nesting_not_every_collection(tmp_path: Path) -> None:
    """Collections that close before the next opens do not add up towards the depth limit."""
    path = tmp_path / "report.yaml"
    siblings = ", ".join("[1]" for _ in range(load.MAX_DEPTH + 5))
    deep = "[" * (load.MAX_DEPTH - 2) + "1" + "]" * (load.MAX_DEPTH - 2)
    path.write_text(f"a: [{siblings}]\nb: [[], {deep}]\n", encoding="utf-8")
    root, problems = load_yaml(path)
    assert problems == [] and root is not None
    too_deep = "[" * (load.MAX_DEPTH - 1) + "1" + "]" * (load.MAX_DEPTH - 1)  # the mapping and b: 51 deep
    path.write_text(f"b: [[], {too_deep}]\n", encoding="utf-8")
    _, problems = load_yaml(path)
    assert [p.message for p in problems] == [
        f"巢狀層次超過上限 {load.MAX_DEPTH} 層；請檢查縮排與括號（[ 與 {{ 要成對）。"
    ]
