"""Dates as the official format writes them: 民國 years, weekdays, time spans, periods, due dates."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.wording.dates import (
    WEEKDAYS,
    add_months,
    format_long,
    format_period,
    format_roc,
    format_slashed,
    format_time_span,
    roc_year,
)

D = dt.date
T = dt.time


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (D(1912, 1, 1), 1),
        (D(1949, 12, 31), 38),
        (D(2011, 1, 1), 100),
        (D(2015, 3, 8), 104),
        (D(2024, 3, 4), 113),
        (D(2025, 12, 31), 114),
    ],
)
def test_roc_year(day: dt.date, year: int) -> None:
    assert roc_year(day) == year


def test_format_roc_writes_no_leading_zeros() -> None:
    assert format_roc(D(2015, 3, 8)) == "中華民國104年3月8日"
    assert format_roc(D(2024, 12, 31)) == "中華民國113年12月31日"
    assert format_roc(D(1912, 1, 1)) == "中華民國1年1月1日"


@pytest.mark.parametrize(("style", "expected"), [("西元", "2015年3月9日"), ("民國", "104年3月9日")])
def test_format_long(style: str, expected: str) -> None:
    assert format_long(D(2015, 3, 9), style) == expected


def test_format_long_two_digit_month_and_day() -> None:
    assert format_long(D(2024, 11, 30), "西元") == "2024年11月30日"
    assert format_long(D(2024, 11, 30), "民國") == "113年11月30日"


def test_weekdays_start_on_monday() -> None:
    assert WEEKDAYS == "一二三四五六日"


# 2015-03-08 was a Sunday (the reference report's first day); one week of slashed dates.
@pytest.mark.parametrize(
    ("day", "western", "roc"),
    [
        (D(2015, 3, 8), "2015/03/08（日）", "104/03/08（日）"),
        (D(2015, 3, 9), "2015/03/09（一）", "104/03/09（一）"),
        (D(2015, 3, 10), "2015/03/10（二）", "104/03/10（二）"),
        (D(2015, 3, 11), "2015/03/11（三）", "104/03/11（三）"),
        (D(2015, 3, 12), "2015/03/12（四）", "104/03/12（四）"),
        (D(2015, 3, 13), "2015/03/13（五）", "104/03/13（五）"),
        (D(2015, 3, 14), "2015/03/14（六）", "104/03/14（六）"),
        (D(2024, 2, 29), "2024/02/29（四）", "113/02/29（四）"),
        (D(2024, 12, 25), "2024/12/25（三）", "113/12/25（三）"),
    ],
)
def test_format_slashed(day: dt.date, western: str, roc: str) -> None:
    assert format_slashed(day, "西元") == western
    assert format_slashed(day, "民國") == roc


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (T(0, 0), T(0, 5), "上午12:00～12:05"),
        (T(9, 5), T(11, 0), "上午9:05～11:00"),
        (T(10, 0), T(12, 0), "上午10:00～12:00"),  # ends at noon: the morning's
        (T(10, 30), T(12, 30), "上午10:30～下午12:30"),  # crosses noon: both halves
        (T(11, 0), T(12, 1), "上午11:00～下午12:01"),  # a minute past noon is the afternoon
        (T(11, 59), T(13, 0), "上午11:59～下午1:00"),
        (T(12, 0), T(12, 30), "下午12:00～12:30"),
        (T(14, 0), T(17, 0), "下午2:00～5:00"),
        (T(15, 0), T(16, 20), "下午3:00～4:20"),  # never 「下午15:00」 (format-spec §5)
        (T(23, 0), T(23, 59), "下午11:00～11:59"),
    ],
)
def test_format_time_span_halves_the_day_at_noon(start: dt.time, end: dt.time, expected: str) -> None:
    assert format_time_span(start, end) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2015, 3, 8), D(2015, 3, 14), "中華民國104年3月8日至104年3月14日"),
        (D(2024, 12, 30), D(2025, 1, 3), "中華民國113年12月30日至114年1月3日"),
        (D(2024, 3, 4), D(2024, 3, 4), "中華民國113年3月4日至113年3月4日"),
    ],
)
def test_format_period(start: dt.date, end: dt.date, expected: str) -> None:
    assert format_period(start, end) == expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2015, 3, 10), 3, D(2015, 6, 10)),
        (D(2015, 1, 1), 0, D(2015, 1, 1)),
        (D(2015, 1, 31), 1, D(2015, 2, 28)),  # no 31 February: the month's last day
        (D(2016, 1, 31), 1, D(2016, 2, 29)),  # leap year
        (D(2024, 11, 30), 3, D(2025, 2, 28)),  # across the year, into a short month
        (D(2023, 11, 29), 3, D(2024, 2, 29)),
        (D(2023, 11, 30), 3, D(2024, 2, 29)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2015, 5, 31), 1, D(2015, 6, 30)),  # 30-day month
        (D(2015, 3, 31), 3, D(2015, 6, 30)),
        (D(2015, 10, 31), 3, D(2016, 1, 31)),
        (D(2015, 12, 31), 3, D(2016, 3, 31)),
        (D(2015, 12, 15), 1, D(2016, 1, 15)),  # December + 1 is next January
        (D(2015, 10, 15), 2, D(2015, 12, 15)),  # … and + 2 from October is still December
        (D(2015, 11, 15), 14, D(2017, 1, 15)),
        (D(2015, 3, 15), -3, D(2014, 12, 15)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected
