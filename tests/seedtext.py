"""The reference seed as comparable lines: what the transcription and both outputs must contain."""

from __future__ import annotations

import re
import unicodedata

from .conftest import SEED

# Numbering labels, which the tool generates: 壹、 一、 （一） (1) （1） 1. 1、 a.
LABEL = re.compile(
    r"^\s*(?:[（(][壹貳參肆伍陸柒捌玖拾一二三四五六七八九十\d]+[)）]|"
    r"[壹貳參肆伍陸柒捌玖拾]+、|[一二三四五六七八九十]+、|\d+[.、](?!\d)|"
    r"[a-z][.、])\s*"
)
BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]|\[image: \]")

# Figure captions are printed with their number (「圖1　國際產學合作總部組織架構圖」), which the
# seed does not have; its caption line is still found whole inside the printed one, so that
# difference needs no correction below. The appendix photos are not numbered, as in the seed.
#
# The seed's dates and times that the content corrects (format-spec §7), as a search would
# find them: the 2014 year proved wrong by the weekdays, and the 工研院 visit moved to the day
# the itinerary gives it.
CORRECTIONS = [
    (re.compile(r"2014/03/"), "2015/03/"),
    (re.compile(r"2014年3月"), "2015年3月"),
    (re.compile(r"^時間：2015年3月10日下午04:00～5:30$"), "時間：2015年3月12日下午4:00～5:30"),
    # Hours are written without a leading zero, as every other time of the seed is.
    (re.compile(r"上午09:00"), "上午9:00"),
    # Times are 上午／下午 on the 12-hour clock (format-spec §5): the seed's 「下午15:00～16:20」
    # mixes 下午 with the 24-hour clock; a span crossing noon names both halves.
    (
        re.compile(r"下午(1[3-9]|2[0-3]):(\d\d)～(1[3-9]|2[0-3]):(\d\d)"),
        lambda m: f"下午{int(m[1]) - 12}:{m[2]}～{int(m[3]) - 12}:{m[4]}",
    ),
    (re.compile(r"上午10:30～12:30"), "上午10:30～下午12:30"),
    # Generated labels put full-width brackets around Chinese (「（參觀進駐新創企業）」).
    (re.compile(r"^\(參觀進駐新創企業\)$"), "（參觀進駐新創企業）"),
]


def squash(text: str) -> str:
    """NFC, no white space, half-width brackets: the form in which lines are compared."""
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", "", text)


def seed_lines() -> list[str]:
    lines = []
    for raw in SEED.read_text(encoding="utf-8").splitlines():
        line = BOOKMARK.sub("", raw)
        while (stripped := LABEL.sub("", line)) != line:
            line = stripped
        # Headings carry no end punctuation in the output (format-spec §5).
        line = squash(line).removesuffix("：")
        for pattern, replacement in CORRECTIONS:
            line = pattern.sub(replacement, line)
        if line:
            lines.append(line)
    return lines


def missing_seed_lines(haystack: str) -> list[str]:
    """The seed's lines (corrected as above) not found in ``haystack``, white space ignored."""
    text = squash(haystack)
    return [line for line in seed_lines() if line not in text]
