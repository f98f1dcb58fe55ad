"""Heading and list labels 壹、→一、→（一）→1.→（1）→a.→（a）→i.→（i）, for every level and counts 1–100.

The expected numerals are written out by hand below (not computed with the code's helpers), so
that a wrong numeral in the code cannot also be wrong in the oracle.
"""

from __future__ import annotations

import itertools
import string

import pytest

from generator.wording.numbering import LEVELS, MAX_LEVEL, label

# 一 … 九十九, one decade per line, as Word's taiwaneseCountingThousand writes them.
INFORMAL = """
一 二 三 四 五 六 七 八 九
十 十一 十二 十三 十四 十五 十六 十七 十八 十九
二十 二十一 二十二 二十三 二十四 二十五 二十六 二十七 二十八 二十九
三十 三十一 三十二 三十三 三十四 三十五 三十六 三十七 三十八 三十九
四十 四十一 四十二 四十三 四十四 四十五 四十六 四十七 四十八 四十九
五十 五十一 五十二 五十三 五十四 五十五 五十六 五十七 五十八 五十九
六十 六十一 六十二 六十三 六十四 六十五 六十六 六十七 六十八 六十九
七十 七十一 七十二 七十三 七十四 七十五 七十六 七十七 七十八 七十九
八十 八十一 八十二 八十三 八十四 八十五 八十六 八十七 八十八 八十九
九十 九十一 九十二 九十三 九十四 九十五 九十六 九十七 九十八 九十九
""".split()

# 壹 … 玖拾玖, as Word's ideographLegalTraditional writes them (拾壹, not 壹拾壹).
FORMAL = """
壹 貳 參 肆 伍 陸 柒 捌 玖
拾 拾壹 拾貳 拾參 拾肆 拾伍 拾陸 拾柒 拾捌 拾玖
貳拾 貳拾壹 貳拾貳 貳拾參 貳拾肆 貳拾伍 貳拾陸 貳拾柒 貳拾捌 貳拾玖
參拾 參拾壹 參拾貳 參拾參 參拾肆 參拾伍 參拾陸 參拾柒 參拾捌 參拾玖
肆拾 肆拾壹 肆拾貳 肆拾參 肆拾肆 肆拾伍 肆拾陸 肆拾柒 肆拾捌 肆拾玖
伍拾 伍拾壹 伍拾貳 伍拾參 伍拾肆 伍拾伍 伍拾陸 伍拾柒 伍拾捌 伍拾玖
陸拾 陸拾壹 陸拾貳 陸拾參 陸拾肆 陸拾伍 陸拾陸 陸拾柒 陸拾捌 陸拾玖
柒拾 柒拾壹 柒拾貳 柒拾參 柒拾肆 柒拾伍 柒拾陸 柒拾柒 柒拾捌 柒拾玖
捌拾 捌拾壹 捌拾貳 捌拾參 捌拾肆 捌拾伍 捌拾陸 捌拾柒 捌拾捌 捌拾玖
玖拾 玖拾壹 玖拾貳 玖拾參 玖拾肆 玖拾伍 玖拾陸 玖拾柒 玖拾捌 玖拾玖
""".split()

# Roman numerals from a tens table and a ones table (the code subtracts greedily instead).
ROMAN_TENS = ["", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"]
ROMAN_ONES = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"]
ROMAN = [ROMAN_TENS[n // 10] + ROMAN_ONES[n % 10] for n in range(1, 100)] + ["c"]

# a … z, aa … az, ba … (the code divides by 26 instead).
LETTERS = list(
    itertools.islice(
        itertools.chain(
            string.ascii_lowercase, ("".join(p) for p in itertools.product(string.ascii_lowercase, repeat=2))
        ),
        100,
    )
)

COUNTS = range(1, 101)


def test_oracle_tables_are_complete() -> None:
    assert len(INFORMAL) == len(FORMAL) == 99 and len(set(INFORMAL)) == len(set(FORMAL)) == 99
    assert (INFORMAL[0], INFORMAL[9], INFORMAL[10], INFORMAL[19], INFORMAL[98]) == (
        "一",
        "十",
        "十一",
        "二十",
        "九十九",
    )
    assert (FORMAL[0], FORMAL[9], FORMAL[10], FORMAL[19], FORMAL[98]) == (
        "壹",
        "拾",
        "拾壹",
        "貳拾",
        "玖拾玖",
    )
    assert (ROMAN[3], ROMAN[8], ROMAN[13], ROMAN[38], ROMAN[39], ROMAN[48], ROMAN[88], ROMAN[98]) == (
        "iv",
        "ix",
        "xiv",
        "xxxix",
        "xl",
        "xlix",
        "lxxxix",
        "xcix",
    )
    assert (LETTERS[0], LETTERS[25], LETTERS[26], LETTERS[51], LETTERS[52], LETTERS[99]) == (
        "a",
        "z",
        "aa",
        "az",
        "ba",
        "cv",
    )


# Per level, the expected label of item n (1-based); counts of 100 and more are written in
# digits by the Chinese levels (no report has that many chapters).
EXPECTED = {
    1: lambda n: (FORMAL[n - 1] if n < 100 else str(n)) + "、",
    2: lambda n: (INFORMAL[n - 1] if n < 100 else str(n)) + "、",
    3: lambda n: "（" + (INFORMAL[n - 1] if n < 100 else str(n)) + "）",
    4: lambda n: f"{n}.",
    5: lambda n: f"（{n}）",
    6: lambda n: f"{LETTERS[n - 1]}.",
    7: lambda n: f"（{LETTERS[n - 1]}）",
    8: lambda n: f"{ROMAN[n - 1]}.",
    9: lambda n: f"（{ROMAN[n - 1]}）",
}


@pytest.mark.parametrize("level", range(1, MAX_LEVEL + 1))
def test_every_level_and_count(level: int) -> None:
    assert [label(level, n) for n in COUNTS] == [EXPECTED[level](n) for n in COUNTS]


@pytest.mark.parametrize(
    ("level", "labels"),
    [
        (
            1,
            [
                "壹、",
                "貳、",
                "參、",
                "肆、",
                "伍、",
                "陸、",
                "柒、",
                "捌、",
                "玖、",
                "拾、",
                "拾壹、",
                "貳拾、",
                "貳拾壹、",
                "100、",
            ],
        ),
        (
            2,
            [
                "一、",
                "二、",
                "三、",
                "四、",
                "五、",
                "六、",
                "七、",
                "八、",
                "九、",
                "十、",
                "十一、",
                "二十、",
                "二十一、",
                "100、",
            ],
        ),
        (
            3,
            [
                "（一）",
                "（二）",
                "（三）",
                "（四）",
                "（五）",
                "（六）",
                "（七）",
                "（八）",
                "（九）",
                "（十）",
                "（十一）",
                "（二十）",
                "（二十一）",
                "（100）",
            ],
        ),
        (4, ["1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9.", "10.", "11.", "20.", "21.", "100."]),
        (
            5,
            [
                "（1）",
                "（2）",
                "（3）",
                "（4）",
                "（5）",
                "（6）",
                "（7）",
                "（8）",
                "（9）",
                "（10）",
                "（11）",
                "（20）",
                "（21）",
                "（100）",
            ],
        ),
        (6, ["a.", "b.", "c.", "d.", "e.", "f.", "g.", "h.", "i.", "j.", "k.", "t.", "u.", "cv."]),
        (
            7,
            [
                "（a）",
                "（b）",
                "（c）",
                "（d）",
                "（e）",
                "（f）",
                "（g）",
                "（h）",
                "（i）",
                "（j）",
                "（k）",
                "（t）",
                "（u）",
                "（cv）",
            ],
        ),
        (
            8,
            [
                "i.",
                "ii.",
                "iii.",
                "iv.",
                "v.",
                "vi.",
                "vii.",
                "viii.",
                "ix.",
                "x.",
                "xi.",
                "xx.",
                "xxi.",
                "c.",
            ],
        ),
        (
            9,
            [
                "（i）",
                "（ii）",
                "（iii）",
                "（iv）",
                "（v）",
                "（vi）",
                "（vii）",
                "（viii）",
                "（ix）",
                "（x）",
                "（xi）",
                "（xx）",
                "（xxi）",
                "（c）",
            ],
        ),
    ],
)
def test_labels_read_as_the_official_format_writes_them(level: int, labels: list[str]) -> None:
    assert [label(level, n) for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 20, 21, 100)] == labels


def test_letters_roll_over_after_z() -> None:
    assert [label(6, n) for n in (25, 26, 27, 28, 52, 53, 78, 79)] == [
        "y.",
        "z.",
        "aa.",
        "ab.",
        "az.",
        "ba.",
        "bz.",
        "ca.",
    ]


def test_roman_numerals_past_a_hundred() -> None:
    # Not reached by a report (a hundred ninth-level items), but the table goes on correctly.
    assert [label(8, n) for n in (400, 499, 500, 900, 944, 1000, 1994, 3999)] == [
        "cd.",
        "cdxcix.",
        "d.",
        "cm.",
        "cmxliv.",
        "m.",
        "mcmxciv.",
        "mmmcmxcix.",
    ]


@pytest.mark.parametrize("level", [10, 11, 20])
def test_levels_below_the_ninth_are_labelled_as_the_ninth(level: int) -> None:
    assert [label(level, n) for n in COUNTS] == [label(9, n) for n in COUNTS]
    assert label(level, 4) == "（iv）"


def test_word_number_formats_per_level() -> None:
    """scripts/make_word_template.py builds the Word template's multilevel list from this table."""
    assert MAX_LEVEL == 9
    assert LEVELS == (
        ("ideographLegalTraditional", "%、"),
        ("taiwaneseCountingThousand", "%、"),
        ("taiwaneseCountingThousand", "（%）"),
        ("decimal", "%."),
        ("decimal", "（%）"),
        ("lowerLetter", "%."),
        ("lowerLetter", "（%）"),
        ("lowerRoman", "%."),
        ("lowerRoman", "（%）"),
    )
