"""The official numbering labels 壹、→一、→（一）→1.→（1）→a.→（a）→i.→（i）, by level."""

from __future__ import annotations

from collections.abc import Callable

_FORMAL = "零壹貳參肆伍陸柒捌玖"
_INFORMAL = "零一二三四五六七八九"
MAX_LEVEL = 9


def _chinese(n: int, digits: str, ten: str) -> str:
    """Chinese numerals as Word's ideographLegalTraditional / taiwaneseCountingThousand write
    them up to 99 (拾壹, 二十一); larger counts, which no report has, fall back to digits."""
    if n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    lead = "" if tens <= 1 else digits[tens]
    return f"{lead}{ten if tens else ''}{digits[ones] if ones else ''}"


def _letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out, n = out + numeral, n - value
    return out


# Per level, Word's number format and the label around the number ("%"), as the Word
# template's multilevel list declares them (scripts/make_word_template.py reads this table);
# label() writes the same labels for the PDF and the plain text.
LEVELS = (
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
_NUMBERS: dict[str, Callable[[int], str]] = {
    "ideographLegalTraditional": lambda n: _chinese(n, _FORMAL, "拾"),
    "taiwaneseCountingThousand": lambda n: _chinese(n, _INFORMAL, "十"),
    "decimal": str,
    "lowerLetter": _letters,
    "lowerRoman": _roman,
}


def label(level: int, n: int) -> str:
    """The label of the ``n``-th item (from 1) at ``level`` (1 = 壹、, the chapters); levels
    below the ninth are labelled as the ninth."""
    number_format, text = LEVELS[min(level, MAX_LEVEL) - 1]
    return text.replace("%", _NUMBERS[number_format](n))


def chinese(n: int) -> str:
    """一, 二, … 九十九, as the labels 一、 and （一） write the number (圖一、表一)."""
    return _NUMBERS["taiwaneseCountingThousand"](n)
