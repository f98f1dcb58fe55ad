"""The reference seed as comparable lines: what the transcription and both outputs must contain."""

from __future__ import annotations

import re
import unicodedata

from .conftest import SEED

# Numbering labels, which the tool generates: 壹、 一、 （一） (1) （1） 1. 1、 a.
LABEL = re.compile(r"^\s*(?:[（(][壹貳參肆伍陸柒捌玖拾一二三四五六七八九十\d]+[)）]|"
                   r"[壹貳參肆伍陸柒捌玖拾]+、|[一二三四五六七八九十]+、|\d+[.、](?!\d)|"
                   r"[a-z][.、])\s*")
BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]|\[image: \]")

# The seed's dates and times that the content corrects (format-spec §7), as a search would
# find them: the 2014 year proved wrong by the weekdays, and the 工研院 visit moved to the day
# the itinerary gives it.
CORRECTIONS = [
    (re.compile(r"2014/03/"), "2015/03/"),
    (re.compile(r"2014年3月"), "2015年3月"),
    (re.compile(r"^時間：2015年3月10日下午04:00～5:30$"), "時間：2015年3月12日下午16:00～17:30"),
    # Hours are written without a leading zero, as every other time of the seed is.
    (re.compile(r"上午09:00"), "上午9:00"),
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
