"""Writing checks (generator/writing.py, generator/lexicon.py) and `tripreport fix`
(generator/fix.py): every warning with its exact message and column, the sentences that must
not warn, and fixes that change the fixed characters only."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from generator import batch
from generator.batch import Result
from generator.build import BuildOptions
from generator.cli import main
from generator.fields import Context
from generator.fix import fix_report, plan_fixes
from generator.lexicon import OUR_CHANGES, lexicon, read_dictionaries
from generator.load import Node, load_yaml
from generator.validate import validate
from generator.writing import check_writing, findings, fixed

from .conftest import CONFERENCE, REFERENCE, replace_in

AUTO = "（可用 tripreport fix 自動修正）"


def simplified(char: str, traditional: str) -> str:
    return f"「{char}」是簡化字，請改為「{traditional}」{AUTO}。"


def usage(term: str, taiwan: str) -> str:
    return f"「{term}」是大陸用語，臺灣慣用{taiwan}；若確為此意，請把「{term}」加入 settings.allow。"


def half(mark: str, wide: str) -> str:
    return f"中文之間的半形「{mark}」請改為全形「{wide}」{AUTO}。"


SPACE = f"中文字之間有半形空白，請刪除{AUTO}。"

# (report.yaml, allow, the warnings as line:col: message). "t: " takes columns 1-3, so the
# value's first character is at column 4.
CASES: list[tuple[str, tuple[str, ...], list[str]]] = [
    # --- simplified characters
    ("t: 我们的報告", (), [f"1:5: {simplified('们', '們')}"]),
    (
        "t: 这是测试",
        (),
        [
            f"1:4: {simplified('这', '這')}",
            f"1:6: {simplified('测', '測')}",
            f"1:7: {simplified('试', '試')}",
        ],
    ),
    ("t: 为了發展", (), [f"1:4: {simplified('为', '為')}"]),  # Taiwan's 為, not OpenCC's 爲
    ("t: 伪造文書", (), [f"1:4: {simplified('伪', '偽')}"]),
    ("t: 恒久不變", (), [f"1:4: {simplified('恒', '恆')}"]),
    (
        "t: 电脑网络",
        (),
        [
            f"1:4: {simplified('电', '電')}",
            f"1:5: {simplified('脑', '腦')}",
            f"1:6: {simplified('网', '網')}",
            f"1:6: {usage('网络', '「網路」')}",
            f"1:7: {simplified('络', '絡')}",
        ],
    ),
    (
        "t: 头发很长",
        (),
        [
            f"1:4: {simplified('头', '頭')}",
            "1:5: 「发」是簡化字，請依文意改為「發」或「髮」。",
            f"1:7: {simplified('长', '長')}",
        ],
    ),
    ("t: 后来", (), [f"1:5: {simplified('来', '來')}"]),  # 后 is Traditional too (皇后)
    ("t: 東京都港区六本木", (), [f"1:8: {simplified('区', '區')}"]),
    ("t: 東京都港区六本木", ("港区",), []),  # a Japanese address, allowed
    # Traditional characters that are also simplified ones, and Taiwan's own forms: no warning
    ("t: 台灣的公里數", (), []),
    ("t: 裡面與里長", (), []),
    ("t: 峰會與群組", (), []),
    ("t: 乾燥的天氣", (), []),
    ("t: 皇后與太后", (), []),
    ("t: 只有一隻", (), []),
    # --- mainland usage
    ("t: 提供信息服務", (), [f"1:6: {usage('信息', '「資訊」')}"]),
    ("t: 安裝軟件", (), [f"1:6: {usage('軟件', '「軟體」')}"]),
    ("t: 觀看視頻", (), [f"1:6: {usage('視頻', '「影片」或「視訊」')}"]),
    ("t: 網絡安全", (), [f"1:4: {usage('網絡', '「網路」')}"]),
    ("t: 建立數據庫", (), [f"1:6: {usage('數據庫', '「資料庫」')}"]),  # the longest term
    ("t: 數據分析", (), []),  # OpenCC lists 數據 as Taiwan usage too
    ("t: 產品質量", (), [f"1:6: {usage('質量', '「品質」')}"]),  # lexicon.yaml's addition
    ("t: 物體的質量", ("質量",), []),  # mass, in physics: allowed
    ("t: 行政程序法", (), []),  # lexicon.yaml's exception
    ("t: 工作項目", (), []),
    ("t: 支持者眾多", (), []),  # OpenCC's identity entry keeps 支持 from matching
    ("t: 業界面臨挑戰", (), []),  # not 界面 (interface)
    ("t: 社區營造", (), []),
    ("t: 單一窗口", (), []),
    (
        "t: 使用鼠標點擊",
        (),
        [f"1:6: {usage('鼠標', '「滑鼠」')}", f"1:8: {usage('點擊', '「點選」')}"],
    ),
    ("t: 打印文件", (), [f"1:4: {usage('打印', '「列印」')}"]),
    ("t: 软件", (), [f"1:4: {simplified('软', '軟')}", f"1:4: {usage('软件', '「軟體」')}"]),
    (
        "t: 意大利與新西蘭",
        (),
        [f"1:4: {usage('意大利', '「義大利」')}", f"1:8: {usage('新西蘭', '「紐西蘭」')}"],
    ),
    ("t: 公元2015年", (), [f"1:4: {usage('公元', '「西元」')}"]),
    ("t: 所羅門群島", (), [f"1:4: {usage('所羅門群島', '「索羅門群島」')}"]),  # OpenCC writes 羣
    # --- punctuation
    ("t: 我們,你們", (), [f"1:6: {half(',', '，')}"]),
    ("t: 我們, 你們", (), [f"1:6: {half(',', '，')}"]),
    ("t: 我們 , 你們", (), [f"1:7: {half(',', '，')}"]),
    ("t: 第一;第二", (), [f"1:6: {half(';', '；')}"]),
    ("t: 說明:如下", (), [f"1:6: {half(':', '：')}"]),
    ("t: 真的嗎?是的", (), [f"1:7: {half('?', '？')}"]),
    ("t: 太好了!走吧", (), [f"1:7: {half('!', '！')}"]),
    ("t: 真的嗎?", (), []),  # at the end: not between Chinese characters
    ("t: 研究(一)報告", (), [f"1:6: {half('(', '（')}", f"1:8: {half(')', '）')}"]),
    ("t: 說明(見附件", (), ["1:6: 中文之間的半形「(」請改為全形「（」，括號前後要一致。"]),
    ("t: 中心(TCI)會議室", (), []),
    ("t: 時間:10:30", (), []),
    ("t: 研究(一)報告", ("(", ")"), []),
    ("t: 甲 乙", (), [f"1:5: {SPACE}"]),
    ("t: 中文 English 中文", (), []),
    ("t: 說明： 如下", (), [f"1:7: {SPACE}"]),
    (
        "t: 他說“你好”",
        (),
        [f"1:6: 西式引號 “ 請改為中文引號 「{AUTO}。", f"1:9: 西式引號 ” 請改為中文引號 」{AUTO}。"],
    ),
    (
        "t: 所謂‘創新’",
        (),
        [f"1:6: 西式引號 ‘ 請改為中文引號 『{AUTO}。", f"1:9: 西式引號 ’ 請改為中文引號 』{AUTO}。"],
    ),
    ("t: 他說“OK”", (), []),  # nothing Chinese inside the quotes
    ("t: 他說“你好”", ("“你好”",), []),
    ("t: 等等...", (), [f"1:6: 刪節號「...」請改為兩個全形刪節號「……」{AUTO}。"]),
    ("t: 等等…", (), [f"1:6: 刪節號「…」請改為兩個全形刪節號「……」{AUTO}。"]),
    ("t: 等等……", (), []),
    ("t: 第1...5章", (), []),
    # --- full-width digits and letters
    ("t: 共１２３人", (), [f"1:5: 全形英數字「１２３」請改為半形「123」{AUTO}。"]),
    ("t: ＡＢＣ公司", (), [f"1:4: 全形英數字「ＡＢＣ」請改為半形「ABC」{AUTO}。"]),
    ("t: ＡＰＰ", (), [f"1:4: 全形英數字「ＡＰＰ」請改為半形「APP」{AUTO}。"]),
    (  # unquoted, 1 would be a number
        "t: １",
        (),
        [
            "1:4: 全形英數字「１」請改為半形「1」（請先把整段加上引號，再用 tripreport fix 修正，以免 YAML 把它讀成數字或日期）。"
        ],
    ),
    ("t: 2015年3月", (), []),
    # --- no warning in Latin text, URLs, e-mail addresses, code
    ("t: Tsukuba Center, INC. (TCI)", (), []),
    ('t: "It\'s “fine”... really"', (), []),
    ("t: 請見 https://zh.wikipedia.org/wiki/软件 說明", (), []),
    ("t: 來信 wang@example.gov.tw 即可", (), []),
    ("t: 設定 `lang=简体` 後", (), []),
    ("t: 放在 docs/...中", (), []),  # a path, not an ellipsis
    ("t: 用戶端", (), []),
    # --- where the character is, in every kind of scalar
    ('t: "我们"', (), [f"1:6: {simplified('们', '們')}"]),
    ("t: '他說''好'',我们'", (), [f"1:14: {simplified('们', '們')}"]),
    ('t: "\\u6211们"', (), [f"1:11: {simplified('们', '們')}"]),
    ('t: "我\\u4eec"', (), [f"1:6: {simplified('们', '們')}"]),  # the escape itself
    ('t: "\\u4eec们"', (), [f"1:5: {simplified('们', '們')}", f"1:11: {simplified('们', '們')}"]),
    ('t: "第一行\\\n  我们"', (), [f"2:4: {simplified('们', '們')}"]),  # an escaped line break
    ("t: >-  # 摺疊\n  第一行\n  第二行我们", (), [f"3:7: {simplified('们', '們')}"]),
    ("t: |\n  第一行\n    第二行我们", (), [f"3:9: {simplified('们', '們')}"]),
    (
        "t:\n  - 第一行\n    我们",
        (),
        [
            "2:8: 這裡換行會在中文字之間多出一個空白；請把兩行接成一行，或在欄位名稱後寫「>-」。",
            f"3:6: {simplified('们', '們')}",
        ],
    ),
    (
        "t: 第一行\n  第二行",
        (),
        ["1:7: 這裡換行會在中文字之間多出一個空白；請把兩行接成一行，或在欄位名稱後寫「>-」。"],
    ),
    ("t: >-\n  第一行\n  第二行", (), []),  # folding adds no space between Chinese characters
    ("t: [甲, 我们]", (), [f"1:9: {simplified('们', '們')}"]),
    ("t: {a: 我们}", (), [f"1:9: {simplified('们', '們')}"]),
    ("t:\n  file: photos/简体.jpg\n  name: 矢口 喜一郎\n  position: 國際部 總括主幹", (), []),
    ("t: {instructor: 田中 教授, authors: [山田 太郎]}", (), []),
    ("t: {title: 田中 教授}", (), [f"1:14: {SPACE}"]),
]


def warnings_of(tmp_path: Path, text: str, allow: tuple[str, ...] = ()) -> list[str]:
    path = tmp_path / "report.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    root, problems = load_yaml(path)
    assert root is not None and problems == []
    ctx = Context(file=path, folder=tmp_path)
    check_writing(root, allow, ctx)
    return [f"{p.line}:{p.col}: {p.message}" for p in sorted(ctx.problems)]


@pytest.mark.parametrize(("text", "allow", "expected"), CASES, ids=[c[0] for c in CASES])
def test_writing_warnings(tmp_path: Path, text: str, allow: tuple[str, ...], expected: list[str]) -> None:
    assert warnings_of(tmp_path, text, allow) == expected


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 60
    assert sum(not expected for *_, expected in CASES) >= 20  # sentences that must not warn


def test_our_exceptions_are_opencc_terms_and_our_additions_are_not() -> None:
    ours = yaml.safe_load(OUR_CHANGES.read_text(encoding="utf-8"))
    phrases, variants = read_dictionaries("TWPhrases", "TWVariants")
    taiwan = {k: v[0] for k, v in variants.items()}
    written = {k.translate(str.maketrans(taiwan)) for k in phrases}
    spanning = {"界面臨", "推導出"}  # longer entries that stop a match across two words
    assert {e for e in ours["exceptions"] if e not in spanning} <= written
    assert not set(ours["additions"]) & written
    assert lexicon().terms["質量"] == ("品質",) and lexicon().terms["程序"] == ()


def test_settings_allow_is_read_and_unknown_entries_are_located_errors(minimal: Path) -> None:
    replace_in(
        minimal, "classification: 科學技術", "classification: 產品質量\nsettings:\n  allow: [質量, 好的]"
    )
    _, problems = validate(minimal)
    assert [(p.line, p.col, p.field, p.severity, p.message) for p in problems] == [
        (
            15,
            15,
            "settings.allow[1]",
            "error",
            "「好的」不會引起任何用字警告，不必列在 allow；請刪除它，或檢查是否與內文寫法相同。",
        )
    ]


def test_a_bad_allow_entry_is_an_error_and_the_others_still_count(minimal: Path) -> None:
    replace_in(minimal, "classification: 科學技術", "classification: 产品\nsettings: {allow: [1, 产]}")
    _, problems = validate(minimal)
    assert [(p.line, p.col, p.field, p.message) for p in problems] == [
        (14, 20, "settings.allow[0]", '應為文字，但 YAML 把 1 讀成數字；請加上引號，寫成 "1"。')
    ]


def test_strict_check_refuses_writing_warnings(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace_in(minimal, "plan: 測試計畫", "plan: 测試計畫")
    assert main(["check", str(minimal)]) == 0
    assert main(["check", "--strict", str(minimal)]) == 1
    assert f"report.yaml:2:7: plan: 警告：{simplified('测', '測')}" in capsys.readouterr().err


def test_the_examples_have_no_writing_warnings(tmp_path: Path) -> None:
    """The reference report keeps the original's text: what the checks find there is allowed
    in its settings (see the comments there); the conference example has nothing to find."""
    for folder in (REFERENCE, CONFERENCE):
        root, _ = load_yaml(folder / "report.yaml")
        assert root is not None
        settings = root.value["settings"].value
        allow = tuple(n.value for n in settings["allow"].value) if "allow" in settings else ()
        ctx = Context(file=folder / "report.yaml", folder=folder)
        check_writing(root, allow, ctx)
        assert ctx.problems == []


# --- tripreport fix -------------------------------------------------------------------------

# What the hand-corrected conference example is made wrong with: (correct, planted), in
# plain and folded scalars.
PLANTED = [
    ("title: 出席2024年", "title: 出席２０２４年"),
    ("論文出國報告", "論文出國报告"),
    ("月14日至22日赴", "月14日至２２日赴"),
    ("年度盛會，由歐洲", "年度盛會,由歐洲"),
    ("於9月18日「道路安全與資料分析」技術", "於9月18日“道路安全與資料分析”技術"),
]
FIXES = 6  # the quotes are two


def planted(tmp_path: Path, newline: str = "\n", bom: bytes = b"") -> tuple[Path, bytes]:
    """A copy of the conference example with PLANTED problems, and the corrected bytes. Its
    photos are tiny stand-ins: `check` decodes each image, and fixing needs none of them."""
    folder = tmp_path / "conference"
    (folder / "photos").mkdir(parents=True)
    for photo in (CONFERENCE / "photos").iterdir():
        Image.new("RGB", (8, 8)).save(folder / "photos" / photo.name)
    path = folder / "report.yaml"
    correct = (CONFERENCE / "report.yaml").read_text(encoding="utf-8")
    wrong = correct
    for right, bad in PLANTED:
        assert wrong.count(right) == 1
        wrong = wrong.replace(right, bad)
    path.write_bytes(bom + wrong.replace("\n", newline).encode("utf-8"))
    return folder, bom + correct.replace("\n", newline).encode("utf-8")


@pytest.mark.parametrize(("newline", "bom"), [("\n", b""), ("\r\n", b"\xef\xbb\xbf")], ids=["lf", "crlf-bom"])
def test_fix_gives_the_hand_corrected_file_byte_for_byte(tmp_path: Path, newline: str, bom: bytes) -> None:
    folder, correct = planted(tmp_path, newline, bom)
    assert len(fix_report(folder).fixed) == FIXES
    assert (folder / "report.yaml").read_bytes() == correct
    assert fix_report(folder).fixed == []


def test_fix_prints_each_change_and_dry_run_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = planted(tmp_path)
    before = (folder / "report.yaml").read_bytes()
    assert main(["fix", "--dry-run", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert (folder / "report.yaml").read_bytes() == before
    path = folder / "report.yaml"
    lines = before.decode().split("\n")
    changes = [line for line in out if line.startswith(str(path))]
    assert len(changes) == FIXES
    for change in changes:  # file:line:col: before → after, and before is there
        where, _, what = change.removeprefix(f"{path}:").partition(": ")
        line, col = map(int, where.split(":"))
        assert lines[line - 1][col - 1 :].startswith(what.split(" → ")[0])
    assert f"{path}:11:10: ２０２４ → 2024" in changes
    assert f"{path}:58:36: “ → 「" in changes
    assert out[-1] == f"{folder}：可修正 {FIXES} 處（--dry-run：未寫入）"
    assert main(["fix", str(folder)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{folder}：已修正 {FIXES} 處"


def test_fix_shows_spaces_and_deletions(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace_in(minimal, "plan: 測試計畫", "plan: 測試, 計 畫")
    assert main(["fix", str(minimal)]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [
        f"{minimal / 'report.yaml'}:2:9: ,␣ → ，",
        f"{minimal / 'report.yaml'}:2:12: ␣ → （刪除）",
    ]
    assert "plan: 測試，計畫\n" in (minimal / "report.yaml").read_text(encoding="utf-8")


def test_fix_leaves_usage_and_ambiguous_characters_alone(minimal: Path) -> None:
    replace_in(minimal, "plan: 測試計畫", "plan: 軟件头发計畫")
    replace_in(minimal, "classification: 科學技術", 'classification: "\\u4eec科學技術"')
    fixes = fix_report(minimal)
    assert [p.fix for p in fixes.fixed] == [(20, "头", "頭")]
    text = (minimal / "report.yaml").read_text(encoding="utf-8")
    assert "plan: 軟件頭发計畫\n" in text and 'classification: "\\u4eec科學技術"\n' in text
    assert [p.message for p in fixes.left] == [
        usage("軟件", "「軟體」"),
        "「发」是簡化字，請依文意改為「發」或「髮」。",
        simplified("们", "們"),  # written as an escape: not fixed
    ]


def test_fix_leaves_a_folded_value_whose_spaces_it_would_change(tmp_path: Path) -> None:
    """Folding drops a space between Chinese characters only: fixing １ to 1 in 「。 １」 would
    make the folded value 「。 1」, a space where there was none, so it is left to the clerk."""
    (tmp_path / "report.yaml").write_text("k: >-\n  。 １\nj: >-\n  中１\n", encoding="utf-8")
    fixes = plan_fixes(tmp_path)
    assert [p.fix for p in fixes.fixed] == [(21, "１", "1")]  # 「中１」 folds alike either way
    (left,) = [p for p in fixes.left if p.field == "k" and p.severity == "warning"]
    assert (left.line, left.col, left.message, left.fix) == (2, 5, "全形英數字「１」請改為半形「1」。", None)


# A value for the property test: Chinese, what the checks look for, Latin, spaces.
_TEXT = st.text(alphabet="我们們发中文後后,;:()“”‘’.…１Ａ a1，。", min_size=1, max_size=12)
_STYLES = ("plain", "single", "double", "literal", "folded")
_PLAIN = yaml.resolver.Resolver()


def _written(value: str, style: str) -> str:
    """``value`` as a YAML scalar of ``style``, or double-quoted where that style can't hold it."""
    plain_ok = (
        value == value.strip()
        and value[0] not in "-?:,[]{}#&*!|>'\"%@`"
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
        and _PLAIN.resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"
    )
    if style == "plain" and plain_ok:
        return value
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style in ("literal", "folded") and value == value.strip() and value:
        return ("|-" if style == "literal" else ">-") + "  # 註解\n    " + value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fixed(node: Node) -> object:
    """What the value should be after fixing: unquoted, a value that would then be read as a
    number (１ → 1) is left as it is."""
    value = fixed(node.value, findings(node.value))
    if node.style == "" and value != node.value and yaml.safe_load(value) != value:
        return node.value
    return value


@settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.tuples(_TEXT, st.sampled_from(_STYLES)), min_size=1, max_size=6))
def test_fix_changes_nothing_but_the_fixed_characters(tmp_path: Path, values: list[tuple[str, str]]) -> None:
    path = tmp_path / "report.yaml"
    lines = ["# 開頭的註解"]
    for i, (value, style) in enumerate(values):
        written = _written(value, style)
        lines.append(f"k{i}:   {written}" + ("" if written[0] in "|>" else f"  # 第 {i} 個"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = load_yaml(path)[0]
    assert before is not None
    fixes = plan_fixes(path)
    if fixes.data is not None:
        path.write_bytes(fixes.data)
    after = load_yaml(path)[0]
    assert after is not None
    for key, node in before.value.items():
        # A folded value is fixed whole or, where folding would then keep or drop a space
        # beside a fixed mark (「。 １」), left as it is; any other is fixed whole.
        allowed = {_fixed(node), node.value} if node.style == ">" else {_fixed(node)}
        assert after.value[key].value in allowed
    assert path.read_text(encoding="utf-8").startswith("# 開頭的註解\n")


# --- the batch summary ----------------------------------------------------------------------


def test_a_batch_keeps_each_reports_warnings_for_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def build(path: Path, outdir: Path, options: BuildOptions) -> list[Path]:
        logging.getLogger("tripreport").warning("%s:1:1: 警告", path)
        return []

    monkeypatch.setattr(batch, "build_report", build)
    (result,) = batch.build_many([tmp_path / "a"], tmp_path / "out", BuildOptions())
    assert result.warnings == (f"{tmp_path / 'a'}:1:1: 警告",)
    assert logging.getLogger("tripreport").propagate


def test_the_batch_summary_lists_the_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def build_many(paths: list[Path], *args: object) -> list[Result]:
        return [Result(paths[0], warnings=("a.yaml:3:4: t: 警告：甲",)), Result(paths[1])]

    monkeypatch.setattr("generator.cli.build_many", build_many)
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "report.yaml").touch()
    assert main(["build", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    assert f"\n{tmp_path / 'a'}：\na.yaml:3:4: t: 警告：甲\n" in captured.err
    assert captured.out.endswith(f"寫入 0 個檔案到 {tmp_path / 'out'}；1 個警告（列在上面）\n")
