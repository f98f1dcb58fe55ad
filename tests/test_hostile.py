"""Hostile content and faults: text comes out literally, nothing is executed or half-written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from generator.build import BuildOptions, build_report
from generator.cli import main
from generator.errors import ContentError, TemplateError
from generator.validate import validate

from .conftest import CONFERENCE, MINIMAL, ROOT, jpeg_with_corrupt_scan, replace_in
from .conftest import located_errors as _errors
from .outputs import docx_lines, pdf_flow_text
from .seedtext import squash

HOSTILE = [
    "&",
    "<script>alert(1)</script>",
    "<b>x</b>",
    "{{ 7*7 }}",
    "{% include 'x' %}",
    "]]>",
    "&amp;",
    "\u200f右至左\u200e",
    "😀",
    "\U0002a6d6",
]
UNBROKEN = "https://example.org/" + "a1" * 250  # longer than any line


def _visible(text: str) -> str:
    """What a reader can find: no white space and no invisible format characters."""
    return "".join(c for c in squash(text) if unicodedata.category(c) != "Cf")


def _put_text(folder: Path, text: str, paragraphs_only: bool = False) -> list[str]:
    """Put ``text`` into every free-text field of the minimal report (into paragraphs alone
    with ``paragraphs_only``: names and titles have length limits), each copy tagged with its
    own number, so that each field's copy is looked for in each output. Returns the copies."""
    path = folder / "report.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    placed: list[str] = []

    def copy(short: bool = True) -> str:
        if short and paragraphs_only:
            return "名"
        placed.append(f"{text}［{len(placed)}］")
        return placed[-1]

    for key in ("title", "plan", "sponsor", "classification"):
        data[key] = copy()
    data["contact"]["name"] = copy()
    data["travellers"][0].update(name=copy(), title=copy(), agency=copy(), unit=copy())
    data["keywords"] = [copy()]
    data["chapters"][0]["title"] = copy()
    visit = data["chapters"][1]["blocks"][0]["visit"]
    visit.update(place=copy(), region=copy())
    visit["institution"].update(english=copy())
    visit["contacts"][0].update(name=copy(), position=copy())
    visit["sections"][0]["title"] = copy()
    data["chapters"][1]["blocks"][1]["figure"]["caption"] = copy()
    data["appendix"]["photos"][0]["caption"] = copy()
    data["abstract"] = [copy(False)]
    data["chapters"][0]["blocks"] = [
        copy(False),
        {"list": [copy(False), {"text": copy(False), "blocks": [copy(False)]}]},
        {"table": {"caption": copy(), "header": [copy(), "欄"], "rows": [[copy(False), copy(False)]]}},
    ]
    visit["sections"][0]["blocks"] = [copy(False)]
    data["chapters"][2]["blocks"][0]["recommendations"][0]["items"] = [copy(False)]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9), encoding="utf-8")
    return placed


def _assert_intact(folder: Path, out: Path, placed: list[str]) -> None:
    """Each field's copy comes out literally in the .docx and in the PDF."""
    written = build_report(folder, out, BuildOptions(formats=("docx", "pdf")))
    docx_text = _visible("".join(docx_lines(next(p for p in written if p.suffix == ".docx"))))
    pdf_text = _visible(pdf_flow_text(next(p for p in written if p.suffix == ".pdf")))
    assert [v for v in placed if _visible(v) not in docx_text] == []
    assert [v for v in placed if _visible(v) not in pdf_text] == []


@pytest.mark.slow
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_comes_out_literally(minimal: Path, tmp_path: Path, text: str) -> None:
    _assert_intact(minimal, tmp_path / "out", _put_text(minimal, text))


@pytest.mark.slow
def test_long_unbroken_string_stays_on_the_page(minimal: Path, tmp_path: Path) -> None:
    _assert_intact(minimal, tmp_path / "out", _put_text(minimal, UNBROKEN, paragraphs_only=True))


ALPHABET = st.one_of(
    st.characters(codec="utf-8", categories=("Lu", "Ll", "Nd", "Po", "Ps", "Pe", "Sm", "Sc")),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.sampled_from("，。、；：「」（）～／＆＜＞"),
)


@pytest.mark.slow
@settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=st.one_of(
        st.text(ALPHABET, min_size=1, max_size=40),
        st.lists(st.sampled_from(HOSTILE[:8]), min_size=1, max_size=3).map("".join),
    )
)
def test_any_text_builds_intact_or_fails_located(tmp_path_factory, text: str) -> None:
    work = tmp_path_factory.mktemp("prop")
    folder = work / "minimal"
    shutil.copytree(MINIMAL, folder)
    placed = _put_text(folder, text)
    try:
        _assert_intact(folder, work / "out", placed)
    except ContentError as exc:
        assert exc.problems
        assert all(p.line >= 1 and p.col >= 1 and p.message for p in exc.problems)
        assert not (work / "out").exists()


def test_billion_laughs_is_refused_fast(minimal: Path) -> None:
    lines = ['a0: &a0 ["lol"]'] + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    (minimal / "report.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = validate(minimal)  # expanded, it would be 9**11 strings: pytest-timeout guards
    assert [(p.line, p.col, p.message) for p in problems] == [
        (1, 5, "不支援 YAML 錨點與別名（& 與 *）；請直接寫出內容。")
    ]


def test_decompression_bomb_is_refused(minimal: Path) -> None:
    Image.new("1", (10_000, 8_000)).save(minimal / "photos" / "a.png")  # 80 Mpx in a few KB
    _, problems = validate(minimal)
    assert {p.message for p in problems} == {
        "photos/a.png 有 10000×8000 像素，超過上限 60 百萬像素；請先縮小。"
    }


@pytest.mark.slow
def test_cmyk_jpeg_and_alpha_png_are_handled(minimal: Path, tmp_path: Path) -> None:
    Image.new("CMYK", (300, 200), (0, 255, 255, 0)).save(minimal / "photos" / "c.jpg")
    Image.new("RGBA", (300, 200), (255, 0, 0, 128)).save(minimal / "photos" / "a.png")
    replace_in(minimal, "{file: photos/a.png, caption: 合影}", "{file: photos/c.jpg, caption: 合影}")
    written = build_report(minimal, tmp_path, BuildOptions(formats=("docx", "pdf")))
    document = docx.Document(str(next(p for p in written if p.suffix == ".docx")))
    modes = set()
    for rel in document.part.rels.values():
        if "image" in rel.reltype:
            with Image.open(__import__("io").BytesIO(rel.target_part.blob)) as img:
                modes.add(img.mode)
    assert modes <= {"RGB", "RGBA", "L", "P"} and "CMYK" not in modes
    assert len(PdfReader(next(p for p in written if p.suffix == ".pdf")).pages) >= 5


@pytest.mark.slow
def test_leftovers_of_a_killed_build_are_removed_and_make_rebuilds(tmp_path: Path) -> None:
    """A build killed mid-write leaves at most a temporary file beside the old output (the
    atomic rename never happened; tests/test_output.py makes the write fail to show that):
    the next make rebuilds the changed report and removes the leftover."""
    content = tmp_path / "content"
    shutil.copytree(CONFERENCE, content / CONFERENCE.name)
    out = tmp_path / "build"
    make = ["make", "--no-print-directory", "-C", str(ROOT), f"CONTENT={content}", f"OUT={out}", "reports"]
    subprocess.run(make, check=True, capture_output=True)
    pdf = out / CONFERENCE.name / f"{CONFERENCE.name}.pdf"
    leftover = pdf.parent / f".{pdf.name}.999999999.abc.tmp"  # above any pid_max: no such process
    leftover.write_bytes(b"%PDF-1.7 half")
    yaml_file = content / CONFERENCE.name / "report.yaml"
    replace_in(content / CONFERENCE.name, "title: 出席", "title: 再次出席")
    later = pdf.stat().st_mtime + 10  # newer than the outputs, whatever the clock's resolution
    os.utime(yaml_file, (later, later))
    subprocess.run(make, check=True, capture_output=True)
    assert "再次出席" in pdf_flow_text(pdf)
    assert not leftover.exists()


@pytest.mark.slow
def test_two_builds_at_once_leave_one_valid_output(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "generator", "build", str(MINIMAL), "-o", str(tmp_path)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    assert [p.wait() for p in procs] == [0, 0]
    docx.Document(str(tmp_path / "minimal" / "minimal.docx"))
    assert len(PdfReader(tmp_path / "minimal" / "minimal.pdf").pages) >= 5
    assert not list((tmp_path / "minimal").glob(".*.tmp"))


@pytest.mark.slow
def test_content_is_never_a_template(minimal: Path, tmp_path: Path) -> None:
    _assert_intact(minimal, tmp_path, _put_text(minimal, "{{ 7*7 }}{% for x in range(3) %}x{% endfor %}"))


@pytest.mark.slow
def test_template_error_names_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    path = templates / "report.html.j2"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(20, "{{ no_such_field }}")
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(TemplateError, match=r"report\.html\.j2:21: 樣板錯誤：'no_such_field' is undefined"):
        build_report(MINIMAL, tmp_path / "out", BuildOptions(formats=("pdf",), templates=templates))
    path.write_text("{% if %}", encoding="utf-8")
    assert (
        main(
            [
                "build",
                str(MINIMAL),
                "-o",
                str(tmp_path / "out"),
                "--templates",
                str(templates),
                "--format",
                "pdf",
            ]
        )
        == 1
    )
    assert "report.html.j2:1: 樣板語法錯誤" in capsys.readouterr().err


@pytest.mark.slow
def test_word_template_without_a_style_is_named(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    document = docx.Document(str(templates / "report.docx"))
    style = document.styles["List Level 2"]
    style.element.getparent().remove(style.element)
    document.save(str(templates / "report.docx"))
    with pytest.raises(TemplateError, match=r"缺少樣式 .*List Level 2"):
        build_report(MINIMAL, tmp_path / "out", BuildOptions(formats=("docx",), templates=templates))


# --- a corpus of bad report.yaml files: located messages, exit 1, nothing written -----------------


def _sub(old: str, new: str | bytes, count: int = 1):
    def change(data: bytes) -> bytes:
        assert old.encode() in data, old
        return data.replace(old.encode(), new if isinstance(new, bytes) else new.encode(), count)

    return change


def _then(*changes):
    def change(data: bytes) -> bytes:
        for step in changes:
            data = step(data)
        return data

    return change


_NO = _sub("classification: 科學技術", "classification: NO")
_NO_MSG = '13:17: classification: 應為文字，但 YAML 把 NO 讀成是非值；請加上引號，寫成 "NO"。'
_CONTROL = "這裡有無法顯示的控制字元；請刪除它（通常來自複製貼上）。"
_DEEP = "巢狀層次超過上限 50 層；請檢查縮排與括號（[ 與 { 要成對）。"
_RANGE = "超出可用範圍（1912-01-01 至 2999-12-31，即民國元年起）；請檢查年份。"
_INVISIBLE = "），等於空白；請填入內容，或刪除這個欄位。"


def _tag(tag: str) -> str:
    return f"不支援 YAML 標籤（{tag}）；請刪除它，以「!」開頭的文字請加上引號。"


# (name, change to the minimal report.yaml's bytes, the errors "line:col: field: message")
YAML_CASES = [
    ("nul-in-title", _sub("title: 測試報告", "title: 測試\x00報告"), [f"1:10: {_CONTROL}"]),
    ("nul-first", lambda d: b"\x00" + d, [f"1:1: {_CONTROL}"]),
    ("nul-in-the-first-200-bytes", _sub("plan: 測試計畫", "plan: 測\x00試計畫"), [f"2:8: {_CONTROL}"]),
    ("uffff", _sub("title: 測試報告", "title: 測試\uffff報告"), [f"1:10: {_CONTROL}"]),
    ("ufffe", _sub("plan: 測試計畫", "plan: \ufffe"), [f"2:7: {_CONTROL}"]),
    ("bell", _sub("sponsor: 科技部", "sponsor: 科技\x07部"), [f"4:12: {_CONTROL}"]),
    ("escape", _sub("summary: 本次", "summary: 本\x1b次"), [f"14:11: {_CONTROL}"]),
    ("c1-control", _sub("title: 測試報告", "title: 測試\x9b報告"), [f"1:10: {_CONTROL}"]),
    (
        "deep-flow-lists",
        _sub("keywords: [產學合作]", "keywords: " + "[" * 60 + "x" + "]" * 60),
        [f"12:60: {_DEEP}"],
    ),
    (
        "deep-flow-maps",
        _sub("keywords: [產學合作]", "keywords: " + "{a: " * 60 + "1" + "}" * 60),
        [f"12:207: {_DEEP}"],
    ),
    (
        "deep-block",
        lambda d: d + b"extra:\n" + b"".join(b"  " * i + b"- \n" for i in range(1, 60)),
        [f"104:101: {_DEEP}"],
    ),
    (
        "deep-thousands",
        _sub("keywords: [產學合作]", "keywords: " + "[" * 5000 + "]" * 5000),
        [f"12:60: {_DEEP}"],
    ),
    ("tag-binary", _sub("title: 測試報告", "title: !!binary 5ris6Kmm5aCx5ZGK"), [f"1:8: {_tag('!!binary')}"]),
    ("tag-include", _sub("title: 測試報告", "title: !include /etc/passwd"), [f"1:8: {_tag('!include')}"]),
    (
        "tag-python-name",
        _sub("plan: 測試計畫", "plan: !!python/name:os.system"),
        [f"2:7: {_tag('!!python/name:os.system')}"],
    ),
    (
        "tag-python-apply",
        _sub("plan: 測試計畫", "plan: !!python/object/apply:os.system [ls]"),
        [f"2:7: {_tag('!!python/object/apply:os.system')}"],
    ),
    ("tag-on-a-mapping", _sub("contact: {", "contact: !!map {"), [f"5:10: {_tag('!!map')}"]),
    ("tag-in-a-list", _sub("categories: [考察]", "categories: [!x 考察]"), [f"3:14: {_tag('!x')}"]),
    ("tag-str", _sub("title: 測試報告", "title: !!str 2015"), [f"1:8: {_tag('!!str')}"]),
    (
        "tag-verbatim",
        _sub("title: 測試報告", "title: !<tag:yaml.org,2002:str> 測試報告"),
        [f"1:8: {_tag('!!str')}"],
    ),
    (
        "tag-directive",
        lambda d: (
            b"%TAG !e! tag:example.com,2000:\n---\n"
            + d.replace("title: 測試報告".encode(), "title: !e!x 測試報告".encode())
        ),
        [f"3:8: {_tag('tag:example.com,2000:x')}"],
    ),
    ("tag-non-specific", _sub("title: 測試報告", "title: ! 測試報告"), [f"1:8: {_tag('!')}"]),
    ("cr-only", _then(_NO, _sub("\n", "\r", -1)), [_NO_MSG]),
    ("crlf", _then(_NO, _sub("\n", "\r\n", -1)), [_NO_MSG]),
    ("crlf-with-bom", _then(_NO, _sub("\n", "\r\n", -1), lambda d: b"\xef\xbb\xbf" + d), [_NO_MSG]),
    ("mixed-line-ends", _then(_NO, _sub("\n", "\r", 5), _sub("\n", "\r\n", 3)), [_NO_MSG]),
    ("line-separator", _then(_NO, _sub("title: 測試報告", "title: 測試\u2028報告")), [_NO_MSG]),
    (
        "paragraph-separator-and-nel",
        _then(_NO, _sub("plan: 測試計畫", "plan: 測\u2028試\u2029計\x85畫")),
        [_NO_MSG],
    ),
    (
        "cr-only-not-utf8",
        _then(_sub("classification: 科學技術", b"classification: \xff"), _sub("\n", "\r", -1)),
        ["13:17: 檔案不是 UTF-8 編碼；請在編輯器中另存為 UTF-8。"],
    ),
    (
        "line-separator-not-utf8",
        _then(
            _sub("title: 測試報告", "title: 測試\u2028報告"),
            _sub("classification: 科學技術", b"classification: \xff"),
        ),
        ["13:17: 檔案不是 UTF-8 編碼；請在編輯器中另存為 UTF-8。"],
    ),
    (
        "two-documents",
        lambda d: d + b"---\ntitle: x\n",
        ["54:1: YAML 語法錯誤（but found another document）；請檢查這一行與上一行的縮排、引號與冒號。"],
    ),
    (
        "year-1800",
        _sub("period: {start: 2015-03-08", "period: {start: 1800-03-08"),
        [f"10:17: period.start: 日期 1800-03-08 {_RANGE}"],
    ),
    (
        "year-9999",
        _sub("report_date: 2015-04-30", "report_date: 9999-12-31"),
        [f"11:14: report_date: 日期 9999-12-31 {_RANGE}"],
    ),
    (
        "day-before-roc-1",
        _sub("report_date: 2015-04-30", "report_date: 1911-12-31"),
        [f"11:14: report_date: 日期 1911-12-31 {_RANGE}"],
    ),
    (
        "year-3000-quoted",
        _sub("report_date: 2015-04-30", 'report_date: "3000-01-01"'),
        [f"11:14: report_date: 日期 3000-01-01 {_RANGE}"],
    ),
    (
        "year-0",
        _sub("report_date: 2015-04-30", "report_date: 0000-04-30"),
        [f"11:14: report_date: 日期 0000-04-30 {_RANGE}"],
    ),
    (
        "zero-width-title",
        _sub("title: 測試報告", "title: \u200b\u200b"),
        [f"1:8: title: 只有看不見的字元（U+200B{_INVISIBLE}"],
    ),
    (
        "zero-width-joiner-name",
        _sub("contact: {name: 王大明", "contact: {name: \u200d"),
        [f"5:17: contact.name: 只有看不見的字元（U+200D{_INVISIBLE}"],
    ),
    (
        "bom-only-plan",
        _sub("plan: 測試計畫", "plan: \ufeff"),
        [f"2:7: plan: 只有看不見的字元（U+FEFF{_INVISIBLE}"],
    ),
    (
        "hangul-filler",
        _sub("sponsor: 科技部", "sponsor: \u3164"),
        [f"4:10: sponsor: 只有看不見的字元（U+3164{_INVISIBLE}"],
    ),
    (
        "direction-marks",
        _sub("keywords: [產學合作]", "keywords: [\u200e\u200f]"),
        [f"12:12: keywords[0]: 只有看不見的字元（U+200E、U+200F{_INVISIBLE}"],
    ),
    (
        "5000-digits",
        _sub("report_date: 2015-04-30", "report_date: " + "1" * 5000),
        [
            "11:14: report_date: 應為日期，但 YAML 把 11111111111111111111…（共 5000 個字元）讀成數字；請把整段加上引號。"
        ],
    ),
    (
        "50-digit-title",
        _sub("title: 測試報告", "title: " + "9" * 50),
        [
            "1:8: title: 應為文字，但 YAML 把 99999999999999999999…（共 50 個字元）讀成數字；請把整段加上引號。"
        ],
    ),
    (
        "infinite-float",
        _sub("title: 測試報告", "title: 1.0e+999"),
        ['1:8: title: 應為文字，但 YAML 把 1.0e+999 讀成數字；請加上引號，寫成 "1.0e+999"。'],
    ),
    (
        "nan",
        _sub("title: 測試報告", "title: .nan"),
        ['1:8: title: 應為文字，但 YAML 把 .nan 讀成數字；請加上引號，寫成 ".nan"。'],
    ),
    (
        "utf-16-without-bom",
        lambda d: d.decode().encode("utf-16-le"),
        ["1:1: 檔案是 UTF-16 編碼；請在編輯器中另存為 UTF-8。"],
    ),
    ("tag-on-a-key", _sub("title: 測試報告", "!!str title: 測試報告"), [f"1:1: {_tag('!!str')}"]),
    ("control-in-a-key", _sub("plan: 測試計畫", "pl\x07an: 測試計畫"), [f"2:3: {_CONTROL}"]),
    (
        "tab-in-a-cr-only-file",
        _then(_sub("plan: 測試計畫", "plan: 測試計畫\n\tx: 1"), _sub("\n", "\r", -1)),
        ["3:1: 這裡有 Tab 字元；YAML 只能用空白縮排，請把 Tab 換成空白。"],
    ),
    (
        "nel-line-ends",
        _sub("\n", "\x85", -1),  # editors show one line: so does the message
        ["1:17: YAML 語法錯誤：冒號位置不對；文字中有「: 」時請把整段加上引號，或檢查縮排。"],
    ),
]


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in YAML_CASES], ids=[c[0] for c in YAML_CASES])
def test_hostile_yaml_is_located(minimal: Path, change, expected: list[str]) -> None:
    path = minimal / "report.yaml"
    path.write_bytes(change(path.read_bytes()))
    assert _errors(minimal) == expected


def _png_with_corrupt_pixels() -> bytes:
    """A PNG whose every chunk checksum is right but whose compressed pixels are not zlib."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", b"\x78\x9c" + b"\xff" * 300)
        + chunk(b"IEND", b"")
    )


def _sparse(size: int):
    def make(path: Path) -> None:
        with path.open("wb") as f:
            f.truncate(size)

    return make


_DAMAGED = "photos/a.png 不是可讀取的圖片（檔案可能損壞或不完整）；請重新匯出為 JPEG 或 PNG。"
# (name, what to make photos/a.png, the message at both places that name it)
IMAGE_CASES = [
    ("jpeg-corrupt-scan-data", lambda p: p.write_bytes(jpeg_with_corrupt_scan()), _DAMAGED),
    ("png-corrupt-pixels", lambda p: p.write_bytes(_png_with_corrupt_pixels()), _DAMAGED),
    (
        "over-the-byte-limit",
        _sparse(60 * 1024 * 1024),
        "photos/a.png 有 60.0 MB，超過每張圖片的上限 50.0 MB；請先縮小或另存為 JPEG。",
    ),
    (
        "one-byte-over",
        _sparse(50 * 1024 * 1024 + 1),
        "photos/a.png 有 50.1 MB，超過每張圖片的上限 50.0 MB；請先縮小或另存為 JPEG。",
    ),
    ("at-the-byte-limit-but-no-image", _sparse(50 * 1024 * 1024), _DAMAGED),
    (
        "a-gigabyte",
        _sparse(1 << 30),
        "photos/a.png 有 1024.0 MB，超過每張圖片的上限 50.0 MB；請先縮小或另存為 JPEG。",
    ),
    (
        "fifo",
        lambda p: (p.unlink(), os.mkfifo(p)),
        "photos/a.png 不是一般檔案（可能是管道或裝置）；請放入檔案本身。",
    ),
    ("folder", lambda p: (p.unlink(), p.mkdir()), "photos/a.png 是資料夾，不是檔案。"),
]


@pytest.mark.parametrize(("make", "message"), [c[1:] for c in IMAGE_CASES], ids=[c[0] for c in IMAGE_CASES])
def test_hostile_images_are_located(minimal: Path, make, message: str) -> None:
    make(minimal / "photos" / "a.png")
    assert _errors(minimal) == [
        f"46:24: chapters[1].blocks[1].figure.file: {message}",
        f"53:14: appendix.photos[0].file: {message}",
    ]


def test_images_over_the_report_limit_are_located(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import blockspecs, images

    assert (images.MAX_IMAGE_BYTES, images.MAX_REPORT_IMAGE_BYTES) == (50 * 1024 * 1024, 500 * 1024 * 1024)
    Image.new("RGB", (8, 8)).save(minimal / "photos" / "b.png")
    replace_in(minimal, "{file: photos/a.png, caption: 合影}", "{file: photos/b.png, caption: 合影}")
    sizes = [(minimal / "photos" / n).stat().st_size for n in ("a.png", "b.png")]
    monkeypatch.setattr(blockspecs, "MAX_REPORT_IMAGE_BYTES", sum(sizes) - 1)
    assert _errors(minimal) == [
        "53:14: appendix.photos[0].file: 加上 photos/b.png，圖片共 0.1 MB，超過每份報告的"
        "上限 0.1 MB；請縮小照片（如另存為 1600 像素寬的 JPEG）。"
    ]
    monkeypatch.setattr(blockspecs, "MAX_REPORT_IMAGE_BYTES", sum(sizes))
    assert _errors(minimal) == []


def test_output_folder_that_is_a_file_is_named(
    minimal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"not a folder")
    assert main(["build", str(minimal), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == f"{target} 是檔案，不是資料夾；請用 -o 指定資料夾（預設 build）。"
    assert "photos" not in err and target.read_bytes() == b"not a folder"
    assert main(["build", str(minimal), "-o", str(target / "sub")]) == 1
    assert (
        capsys.readouterr().err.splitlines()[0]
        == f"{target} 是檔案，不是資料夾；請用 -o 指定資料夾（預設 build）。"
    )


def test_unwritable_output_folder_is_named(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "locked"
    out.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == out else real_access(p, mode))
    assert main(["build", str(minimal), "-o", str(out / "build")]) == 1
    assert capsys.readouterr().err.splitlines()[0] == f"沒有權限寫入 {out}；請用 -o 指定可寫入的資料夾。"
    assert not any(out.iterdir())


@pytest.mark.slow
@pytest.mark.parametrize(
    "case",
    [c[:2] for c in YAML_CASES] + [("image-" + c[0], c[1]) for c in IMAGE_CASES],
    ids=[c[0] for c in YAML_CASES] + ["image-" + c[0] for c in IMAGE_CASES],
)
def test_hostile_input_exits_1_and_writes_nothing(
    minimal: Path, tmp_path: Path, case, capsys: pytest.CaptureFixture[str]
) -> None:
    name, change = case
    if name.startswith("image-"):
        change(minimal / "photos" / "a.png")
    else:
        path = minimal / "report.yaml"
        path.write_bytes(change(path.read_bytes()))
    out = tmp_path / "out"
    assert main(["check", str(minimal)]) == 1
    assert main(["build", str(minimal), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "內部錯誤" not in err
    assert f"{minimal / 'report.yaml'}:" in err
    assert not out.exists()


# --- fuzzing: any bytes, any YAML document ---------------------------------------------------------

_MINIMAL_YAML = (MINIMAL / "report.yaml").read_bytes()
_MINIMAL_DATA = yaml.safe_load(_MINIMAL_YAML)
_YAML_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.dates()
    | st.text(max_size=12)
    | st.just([])
    | st.just({}),
    lambda children: (
        st.lists(children, min_size=1, max_size=4)
        | st.dictionaries(st.text(max_size=8), children, min_size=1, max_size=4)
    ),
    max_leaves=16,
)


def _replace_field(data: dict, key: str, value) -> bytes:
    changed = dict(data)
    changed[key] = value
    return yaml.safe_dump(changed, allow_unicode=True, sort_keys=False).encode()


_ANY_REPORT = st.one_of(
    st.binary(max_size=300),  # any bytes at all
    _YAML_VALUES.map(lambda v: yaml.safe_dump(v, allow_unicode=True).encode()),  # any YAML document
    st.builds(_replace_field, st.just(_MINIMAL_DATA), st.sampled_from(sorted(_MINIMAL_DATA)), _YAML_VALUES),
    st.tuples(st.integers(0, len(_MINIMAL_YAML)), st.binary(min_size=1, max_size=6)).map(  # bytes put in
        lambda t: _MINIMAL_YAML[: t[0]] + t[1] + _MINIMAL_YAML[t[0] :]
    ),
    st.tuples(st.integers(0, len(_MINIMAL_YAML)), st.integers(1, 40)).map(  # bytes taken out
        lambda t: _MINIMAL_YAML[: t[0]] + _MINIMAL_YAML[t[0] + t[1] :]
    ),
)


@pytest.mark.slow
@settings(
    max_examples=max(500, int(os.environ.get("HYPOTHESIS_EXAMPLES", "500"))),
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(data=_ANY_REPORT)
def test_any_bytes_exit_0_or_1_located_and_write_nothing_on_failure(tmp_path_factory, data: bytes) -> None:
    import contextlib
    import io

    work = tmp_path_factory.mktemp("fuzz")
    folder = work / "report"
    shutil.copytree(MINIMAL, folder)
    (folder / "report.yaml").write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        checked = main(["check", str(folder)])
        built = main(["build", str(folder), "-o", str(work / "out")]) if checked == 1 else 1
    text = err.getvalue()
    assert checked in (0, 1), text
    assert "Traceback" not in text and "內部錯誤" not in text, text
    if checked == 1:
        assert built == 1 and not (work / "out").exists()
        assert f"{folder / 'report.yaml'}:" in text


@pytest.mark.parametrize(
    ("exc", "message"),
    [
        (
            OSError(28, "No space left on device", "/o/r/.r.pdf.1.x.tmp"),
            "無法寫入 /o/r/.r.pdf.1.x.tmp：磁碟空間不足；請清出空間後再產生一次（先前產生的檔案沒有變動）。",
        ),
        (
            OSError(13, "Permission denied", "/o/r"),
            "無法寫入 /o/r：沒有寫入權限；請用 -o 指定可寫入的資料夾（先前產生的檔案沒有變動）。",
        ),
        (
            OSError(30, "Read-only file system"),
            "無法寫入 /o/r：磁碟是唯讀的；請用 -o 指定可寫入的資料夾（先前產生的檔案沒有變動）。",
        ),
        (
            OSError(20, "Not a directory", "/o/r"),
            "無法寫入 /o/r：路徑中有同名的檔案，不是資料夾；請用 -o 指定資料夾（先前產生的檔案沒有變動）。",
        ),
        (
            OSError(5, "Input/output error"),
            "無法寫入 /o/r：系統錯誤：Input/output error（先前產生的檔案沒有變動）。",
        ),
    ],
    ids=["disk-full", "permission", "read-only", "not-a-folder", "other"],
)
def test_write_failures_name_the_path_and_the_cause(exc: OSError, message: str) -> None:
    from generator.build import write_failure

    assert write_failure(exc, Path("/o/r")) == message


@pytest.mark.slow
def test_a_disk_that_fills_up_mid_write_leaves_earlier_outputs(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator import output

    out = tmp_path / "out"
    assert main(["build", str(minimal), "-o", str(out), "--no-toc-pages"]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    replace_in(minimal, "title: 測試報告", "title: 另一份報告")
    real_fsync, calls = os.fsync, []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:  # the third output of the build: two are already staged
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(output.os, "fsync", fsync)
    capsys.readouterr()
    assert main(["build", str(minimal), "-o", str(out), "--no-toc-pages"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert (
        err[0]
        == f"無法寫入 {out / 'minimal'}：磁碟空間不足；請清出空間後再產生一次（先前產生的檔案沒有變動）。"
    )
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


@pytest.mark.slow
def test_a_gigabyte_jpeg_is_refused_in_little_memory(tmp_path: Path) -> None:
    """Measured in a process of its own: peak RSS of a build given a 1 GB (sparse) .jpg. The
    peak is the process's VmHWM, which starts afresh at exec (its ru_maxrss would carry over
    the peak of the pytest process it was forked from, several hundred MB late in a run)."""
    folder = tmp_path / "report"
    shutil.copytree(MINIMAL, folder)
    with (folder / "photos" / "huge.jpg").open("wb") as f:
        f.truncate(1 << 30)
    replace_in(folder, "{file: photos/a.png, caption: 合影}", "{file: photos/huge.jpg, caption: 合影}")
    script = (
        "from generator.cli import main\n"
        f"code = main(['build', {str(folder)!r}, '-o', {str(tmp_path / 'out')!r}])\n"
        "peak = next(l for l in open('/proc/self/status') if l.startswith('VmHWM:')).split()[1]\n"
        "print(peak, code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    peak_kb, code = map(int, done.stdout.split())
    assert code == 1 and peak_kb < 400 * 1024
    assert (
        f"{folder / 'report.yaml'}:53:14: appendix.photos[0].file: photos/huge.jpg 有 1024.0 MB，"
        "超過每張圖片的上限 50.0 MB；請先縮小或另存為 JPEG。"
    ) in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_damaged_photo_is_refused_even_after_weasyprint_is_imported(minimal: Path) -> None:
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES when imported, which would make every
    decode of the process pass a damaged image; render/libraries.py keeps it WeasyPrint's own."""
    from PIL import ImageFile

    import generator.render.pdf  # noqa: F401  (WeasyPrint imported as tripreport imports it)

    assert sys.modules["weasyprint.images"].ImageFile.LOAD_TRUNCATED_IMAGES  # what WeasyPrint asked
    assert not ImageFile.LOAD_TRUNCATED_IMAGES
    pillow = [m for name, m in sys.modules.items() if name.startswith("PIL.") and name != "PIL.ImageFile"]
    assert all(getattr(m, "ImageFile", ImageFile) is ImageFile for m in pillow)  # Pillow's own see it
    (minimal / "photos" / "a.png").write_bytes(jpeg_with_corrupt_scan())
    assert _errors(minimal)[0] == f"46:24: chapters[1].blocks[1].figure.file: {_DAMAGED}"


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_build_refuses_a_damaged_photo_where_report_yaml_names_it(
    minimal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """A build leaves the full decode to its image step (once per photo); when a photo fails
    there, the message is check's, at both lines naming it, and nothing is written. For the
    PDF, the image step runs while the PDF is laid out: the layout stops at the photo."""
    (minimal / "photos" / "a.png").write_bytes(jpeg_with_corrupt_scan())
    out = tmp_path / "out"
    assert main(["build", str(minimal), "-o", str(out), "--format", fmt, "--no-toc-pages"]) == 1
    report = minimal / "report.yaml"
    assert capsys.readouterr().err.splitlines() == [
        f"{report}:46:24: chapters[1].blocks[1].figure.file: {_DAMAGED}",
        f"{report}:53:14: appendix.photos[0].file: {_DAMAGED}",
        f"{minimal}：有錯誤，未產生任何檔案",
    ]
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.slow
def test_a_missing_tool_or_font_is_named_in_one_line_and_earlier_outputs_stay(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator import fontstack

    out = tmp_path / "out"
    assert main(["build", str(minimal), "-o", str(out), "--no-toc-pages"]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    capsys.readouterr()
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    assert main(["build", str(minimal), "-o", str(out), "--format", "docx,odt", "--no-toc-pages"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "找不到 LibreOffice（soffice）；請安裝 libreoffice-writer "
        "（Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui）。"
    )
    monkeypatch.undo()
    monkeypatch.setattr(fontstack, "locate", lambda *a, **k: None)
    assert main(["build", str(minimal), "-o", str(out), "--format", "pdf", "--no-toc-pages"]) == 1
    assert (
        capsys.readouterr().err.splitlines()[0].startswith("找不到 PDF 需要的 TW-Kai（全字庫正楷體）字型；")
    )
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
