"""Dates as the official format writes them: 民國 years, computed weekdays, 上午／下午 times."""

from __future__ import annotations

import datetime as dt

WEEKDAYS = "一二三四五六日"  # Monday first, as date.weekday() counts


def roc_year(day: dt.date) -> int:
    return day.year - 1911


def format_roc(day: dt.date) -> str:
    """中華民國104年3月8日, as the cover and the 提要 sheet write dates."""
    return f"中華民國{roc_year(day)}年{day.month}月{day.day}日"


def format_long(day: dt.date, year_style: str) -> str:
    """2015年3月9日 (西元) or 104年3月9日 (民國), as the body writes dates."""
    year = day.year if year_style == "西元" else roc_year(day)
    return f"{year}年{day.month}月{day.day}日"


def format_slashed(day: dt.date, year_style: str) -> str:
    """2015/03/08（日）, as the itinerary writes its dates."""
    year = day.year if year_style == "西元" else roc_year(day)
    return f"{year}/{day.month:02d}/{day.day:02d}（{WEEKDAYS[day.weekday()]}）"


def format_time_span(start: dt.time, end: dt.time) -> str:
    """下午3:00～4:20: 上午／下午 with the 12-hour clock (format-spec §5; never 「下午15:00」).
    The end repeats 上午／下午 only when the span crosses noon (上午10:00～下午1:30); a span
    ending at noon keeps the morning's (上午10:00～12:00, as the seed writes it)."""
    start_half = _half(start)
    end_half = "上午" if end <= dt.time(12, 0) and start_half == "上午" else _half(end)
    end_text = _clock12(end) if end_half == start_half else f"{end_half}{_clock12(end)}"
    return f"{start_half}{_clock12(start)}～{end_text}"


def _half(time: dt.time) -> str:
    return "上午" if time.hour < 12 else "下午"


def _clock12(time: dt.time) -> str:
    """12-hour clock: 0:30 → 12:30 (midnight), 12:15 → 12:15 (noon), 15:00 → 3:00."""
    return f"{(time.hour - 1) % 12 + 1}:{time.minute:02d}"


def format_period(start: dt.date, end: dt.date) -> str:
    """中華民國104年3月8日至104年3月14日."""
    return f"{format_roc(start)}至{roc_year(end)}年{end.month}月{end.day}日"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for d in range(day.day, 0, -1):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")
