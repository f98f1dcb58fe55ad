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
    """上午10:30～12:30: the half of the day from the start, both times on the 24-hour clock
    (as the seed writes them), which keeps the end unambiguous without a second 上午／下午."""
    half = "上午" if start.hour < 12 else "下午"
    return f"{half}{start.hour}:{start.minute:02d}～{end.hour}:{end.minute:02d}"


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
