"""The small readings the importer makes of text: dates (民國 or 西元), times, typed labels,
caption labels, label｜value lines."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９：／．（）", "0123456789:/.()")

# Typed numbering labels at a paragraph's start, by the level the format gives them.
TYPED_LABELS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(r"^[壹貳參肆伍陸柒捌玖拾]+\s*[、．.]\s*")),
    (2, re.compile(r"^[一二三四五六七八九十]+\s*[、．.]\s*")),
    (3, re.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*[)）]\s*")),
    (4, re.compile(r"^[0-9０-９]{1,3}\s*[.、．](?![0-9０-９])\s*")),
    (5, re.compile(r"^[（(]\s*[0-9０-９]{1,3}\s*[)）]\s*")),
    (6, re.compile(r"^[a-z]\s*[.、．]\s*(?=\S)")),
    (7, re.compile(r"^[（(]\s*[a-z]\s*[)）]\s*")),
)
# 「圖1　」「圖一、」「圖 2：」「照片3 」「表1　」 before a caption.
CAPTION_LABEL = re.compile(
    r"^(?:圖|表|照片|相片|附圖|附表|Figure|Fig\.?|Table)\s*[0-9０-９一二三四五六七八九十]+"
    r"(?:[-－.][0-9０-９]+)?\s*[、:：.．\s　]*",
    re.I,
)
CAPTION_START = re.compile(r"^(?:圖|照片|相片|附圖|Figure|Fig\.?)\s*[0-9０-９一二三四五六七八九十]", re.I)
TABLE_CAPTION_START = re.compile(r"^(?:表|附表|Table)\s*[0-9０-９一二三四五六七八九十]", re.I)
SENTENCE_END = tuple("。；;！!？?：:，,")


def typed_label(text: str) -> tuple[int, str] | None:
    """The level of a typed label at the start of ``text`` and the text without it."""
    for level, pattern in TYPED_LABELS:
        if m := pattern.match(text):
            rest = text[m.end() :].strip()
            if rest:
                return level, rest
    return None


def strip_caption_label(text: str) -> str:
    stripped = CAPTION_LABEL.sub("", text.strip(), count=1).strip()
    return stripped or text.strip()


def squash(text: str) -> str:
    """NFKC-free comparison form of a label: no white space, colon stripped."""
    return re.sub(r"[\s\u3000]+", "", text).rstrip("：:")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def split_label(line: str) -> tuple[str, str] | None:
    """「服務機關：科技部」 → (服務機關, 科技部)."""
    m = re.match(r"^\s*([^：:]{1,12}?)\s*[：:]\s*(.*)$", line)
    if not m:
        return None
    return squash(m[1]), m[2].strip()


_YMD = re.compile(
    r"(?:中華民國|民國|西元)?\s*(\d{2,4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?|[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2}))"
)
_MD = re.compile(r"(\d{1,2})\s*(?:月\s*(\d{1,2})\s*日?|/\s*(\d{1,2}))")


def _year(value: int) -> int:
    return value + 1911 if value < 1000 else value


def dates_in(text: str, default_year: int | None = None) -> list[dt.date]:
    """Every date written in ``text``: 中華民國104年3月8日, 104年3月8日, 2015/03/08, 104.3.8;
    after a first full date, 3月14日 (its year carried over) as in 「…至3月14日」."""
    text = text.translate(_FULLWIDTH_DIGITS)
    found: list[dt.date] = []
    pos = 0
    year = default_year
    while pos < len(text):
        full = _YMD.search(text, pos)
        short = _MD.search(text, pos) if year else None
        if full and (not short or full.start() <= short.start()):
            y = _year(int(full[1]))
            month, day = (int(full[2]), int(full[3])) if full[2] else (int(full[4]), int(full[5]))
            pos = full.end()
        elif short:
            y = year or 0
            month, day = int(short[1]), int(short[2] or short[3])
            pos = short.end()
        else:
            break
        try:
            found.append(dt.date(y, month, day))
            year = y
        except ValueError:
            continue
    return found


def roc_written(text: str) -> bool:
    """Whether the first year written in ``text`` is a 民國 year (under 1000)."""
    m = _YMD.search(text.translate(_FULLWIDTH_DIGITS))
    return m is not None and int(m[1]) < 1000


def month_day(text: str) -> tuple[int | None, int, int] | None:
    """A date cell: (year or None, month, day), as 2015/03/08（日）, 3/8(日), 3月8日."""
    text = text.translate(_FULLWIDTH_DIGITS)
    if m := _YMD.search(text):
        month, day = (int(m[2]), int(m[3])) if m[2] else (int(m[4]), int(m[5]))
        return _year(int(m[1])), month, day
    if m := _MD.search(text):
        return None, int(m[1]), int(m[2] or m[3])
    return None


def resolve(
    year: int | None, month: int, day: int, start: dt.date | None, end: dt.date | None
) -> dt.date | None:
    """A date, its missing year taken from the trip period (the one that puts it inside)."""
    candidates = [year] if year else sorted({d.year for d in (start, end) if d})
    for y in candidates:
        try:
            day_ = dt.date(y, month, day)
        except ValueError:
            continue
        if year or not (start and end) or start <= day_ <= end:
            return day_
    if candidates and not year:
        try:
            return dt.date(candidates[0], month, day)
        except ValueError:
            return None
    return None


_TIME = re.compile(r"(上午|下午|中午|早上|晚上|AM|PM)?\s*(\d{1,2})\s*[:：]\s*(\d{2})", re.I)


def times_in(text: str) -> list[dt.time]:
    """上午10:00～12:00 → 10:00, 12:00; 下午3:00～4:20 → 15:00, 16:20; 14:00-16:00 as written.
    A time without 上午／下午 takes the half of the time before it."""
    out: list[dt.time] = []
    half: str | None = None
    for m in _TIME.finditer(text.translate(_FULLWIDTH_DIGITS)):
        marker = (m[1] or "").upper()
        hour, minute = int(m[2]), int(m[3])
        if marker:
            half = "pm" if marker in ("下午", "晚上", "PM") else "am" if marker != "中午" else "noon"
        if half == "pm" and hour < 12:
            hour += 12
        if out and not marker and half == "am" and hour < out[-1].hour:
            hour += 12
        if hour > 23 or minute > 59:
            continue
        out.append(dt.time(hour, minute))
    return out
