"""Trip-report rules across fields (generator/checks.py), each at both of its bounds.

The rules run on the model: most tests change one field of the minimal report's model and call
``check_report`` directly; the last ones go through report.yaml to show where a problem is
located (line:column of the field it names).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from generator import model as m
from generator.checks import REPORT_DUE_MONTHS, SUMMARY_CHARS, check_report
from generator.fields import INVALID, Context
from generator.validate import validate

from .conftest import MINIMAL, replace_in

D = dt.date
FILE = Path("report.yaml")


def _minimal() -> m.Report:
    report, problems = validate(MINIMAL)
    assert report is not None and problems == []
    return report


BASE = _minimal()
VISIT = BASE.chapters[1].blocks[0]
assert isinstance(VISIT, m.Visit)
SUMMARY_OK = "字" * 250


def bare(**changes: object) -> m.Report:
    """The minimal report (2015-03-08 to 2015-03-10) without itinerary or chapters."""
    return dataclasses.replace(BASE, **{"itinerary": None, "chapters": (), "summary": SUMMARY_OK, **changes})


def problems(report: m.Report, locations: dict[str, tuple[int, int]] | None = None) -> list[tuple]:
    ctx = Context(file=FILE, folder=Path("."), locations=dict(locations or {}))
    check_report(report, ctx)
    return [(p.line, p.col, p.field, p.severity, p.message) for p in ctx.problems]


def messages(report: m.Report) -> list[tuple[str, str, str]]:
    return [(field, severity, message) for _, _, field, severity, message in problems(report)]


def period(start: dt.date, end: dt.date) -> m.Period:
    return m.Period(start, end)


def itinerary(*days: dt.date) -> m.Itinerary:
    return m.Itinerary(tuple(m.ItineraryDay(d, f"行程{d.day}") for d in days))


def chapter(*blocks: m.Block) -> tuple[m.Chapter, ...]:
    return (m.Chapter("過程", blocks),)


def test_the_minimal_report_passes() -> None:
    assert problems(BASE) == []
    assert problems(bare()) == []


def test_constants() -> None:
    assert SUMMARY_CHARS == (200, 300)
    assert REPORT_DUE_MONTHS == 3


# --- period and report date -------------------------------------------------------------------


def test_return_before_departure() -> None:
    assert messages(bare(period=period(D(2015, 3, 8), D(2015, 3, 7)))) == [
        ("period.end", "error", "返國日期 2015-03-07 早於出發日期 2015-03-08；請檢查年份。")
    ]


def test_return_on_the_day_of_departure() -> None:
    assert messages(bare(period=period(D(2015, 3, 8), D(2015, 3, 8)))) == []


def test_report_written_before_return() -> None:
    assert messages(bare(report_date=D(2015, 3, 9))) == [
        ("report_date", "error", "報告日期 2015-03-09 早於返國日期 2015-03-10；報告應在返國後撰寫。")
    ]


def test_report_written_on_the_day_of_return() -> None:
    assert messages(bare(report_date=D(2015, 3, 10))) == []


def test_report_exactly_three_months_after_return_is_in_time() -> None:
    assert messages(bare(report_date=D(2015, 6, 10))) == []


def test_report_one_day_later_is_overdue() -> None:
    assert messages(bare(report_date=D(2015, 6, 11))) == [
        (
            "report_date",
            "warning",
            "報告日期 2015-06-11 已超過返國後 3 個月（2015-06-10 前應繳交）；逾期請依規定說明。",
        )
    ]


def test_due_date_at_a_month_end_of_a_leap_year() -> None:
    nov30 = period(D(2015, 11, 20), D(2015, 11, 30))
    assert messages(bare(period=nov30, report_date=D(2016, 2, 29))) == []
    assert messages(bare(period=nov30, report_date=D(2016, 3, 1))) == [
        (
            "report_date",
            "warning",
            "報告日期 2016-03-01 已超過返國後 3 個月（2016-02-29 前應繳交）；逾期請依規定說明。",
        )
    ]


# --- itinerary ---------------------------------------------------------------------------------


def test_itinerary_on_every_day_of_the_period() -> None:
    assert messages(bare(itinerary=itinerary(D(2015, 3, 8), D(2015, 3, 9), D(2015, 3, 10)))) == []


def test_itinerary_may_cover_part_of_the_period() -> None:
    assert messages(bare(itinerary=itinerary(D(2015, 3, 9)))) == []


def test_itinerary_day_before_the_period() -> None:
    assert messages(bare(itinerary=itinerary(D(2015, 3, 7), D(2015, 3, 8)))) == [
        (
            "itinerary.days[0].date",
            "error",
            "2015-03-07 不在出國期間 2015-03-08～2015-03-10 之內；請檢查年份與日期。",
        )
    ]


def test_itinerary_day_after_the_period() -> None:
    assert messages(bare(itinerary=itinerary(D(2015, 3, 9), D(2015, 3, 10), D(2015, 3, 11)))) == [
        (
            "itinerary.days[2].date",
            "error",
            "2015-03-11 不在出國期間 2015-03-08～2015-03-10 之內；請檢查年份與日期。",
        )
    ]


def test_itinerary_with_a_gap() -> None:
    assert messages(bare(itinerary=itinerary(D(2015, 3, 8), D(2015, 3, 10)))) == [
        (
            "itinerary.days[1].date",
            "error",
            "日程表的日期要逐日連續：這一列應是 2015-03-09，這裡寫的是 2015-03-10；每一天寫一列，依序排列。",
        )
    ]


def test_itinerary_day_written_twice() -> None:
    assert messages(bare(itinerary=itinerary(D(2015, 3, 8), D(2015, 3, 9), D(2015, 3, 9)))) == [
        (
            "itinerary.days[2].date",
            "error",
            "日程表的日期要逐日連續：這一列應是 2015-03-10，這裡寫的是 2015-03-09；每一天寫一列，依序排列。",
        )
    ]


def test_itinerary_out_of_order() -> None:
    assert messages(bare(itinerary=itinerary(D(2015, 3, 9), D(2015, 3, 8)))) == [
        (
            "itinerary.days[1].date",
            "error",
            "日程表的日期要逐日連續：這一列應是 2015-03-10，這裡寫的是 2015-03-08；每一天寫一列，依序排列。",
        )
    ]


# --- visits ------------------------------------------------------------------------------------


def visit_on(day: dt.date, **changes: object) -> m.Report:
    """The minimal report (itinerary 03-08 桃園→東京, 03-09 東京→東京大學TLO, 03-10 東京→桃園)
    with its visit moved to ``day``."""
    return dataclasses.replace(BASE, chapters=chapter(dataclasses.replace(VISIT, date=day, **changes)))


@pytest.mark.parametrize("day", [D(2015, 3, 7), D(2015, 3, 11)])
def test_visit_outside_the_period(day: dt.date) -> None:
    assert messages(visit_on(day)) == [
        (
            "chapters[0].blocks[0].visit.date",
            "error",
            f"參訪日期 {day} 不在出國期間 2015-03-08～2015-03-10 之內；請檢查年份與日期。",
        )
    ]


def test_visit_on_the_first_and_the_last_day_is_inside() -> None:
    plans = dataclasses.replace(
        BASE,
        itinerary=m.Itinerary(
            (
                m.ItineraryDay(D(2015, 3, 8), "桃園→東京大學TLO"),
                m.ItineraryDay(D(2015, 3, 9), "東京"),
                m.ItineraryDay(D(2015, 3, 10), "東京大學TLO→桃園"),
            )
        ),
    )
    for day in (D(2015, 3, 8), D(2015, 3, 10)):
        report = dataclasses.replace(plans, chapters=chapter(dataclasses.replace(VISIT, date=day)))
        assert messages(report) == []


def test_visit_on_a_day_the_itinerary_does_not_have() -> None:
    report = dataclasses.replace(visit_on(D(2015, 3, 10)), itinerary=itinerary(D(2015, 3, 8), D(2015, 3, 9)))
    assert messages(report) == [
        (
            "chapters[0].blocks[0].visit.date",
            "error",
            "參訪日期 2015-03-10 不在日程表中；請在 itinerary 補上這一天。",
        )
    ]


def test_visit_without_an_itinerary_is_only_checked_against_the_period() -> None:
    assert messages(dataclasses.replace(visit_on(D(2015, 3, 10)), itinerary=None)) == []
    assert messages(dataclasses.replace(visit_on(D(2015, 3, 11)), itinerary=None)) == [
        (
            "chapters[0].blocks[0].visit.date",
            "error",
            "參訪日期 2015-03-11 不在出國期間 2015-03-08～2015-03-10 之內；請檢查年份與日期。",
        )
    ]


def test_visit_on_a_day_whose_plan_does_not_name_it() -> None:
    assert messages(visit_on(D(2015, 3, 10))) == [
        (
            "chapters[0].blocks[0].visit.date",
            "warning",
            "2015-03-10 的日程表行程「東京→桃園」沒有提到「東京大學TLO」；請確認參訪日期。",
        )
    ]


def plan_names(
    plan: str,
    name: str = "筑波大學國際產學合作總部",
    abbreviation: str | None = None,
    title: str = "標題不在行程中",
) -> bool:
    institution = m.Institution(name, None, abbreviation)
    report = dataclasses.replace(
        BASE,
        itinerary=m.Itinerary(
            (
                m.ItineraryDay(D(2015, 3, 8), "出發"),
                m.ItineraryDay(D(2015, 3, 9), plan),
                m.ItineraryDay(D(2015, 3, 10), "返國"),
            )
        ),
        chapters=chapter(dataclasses.replace(VISIT, institution=institution, title=title)),
    )
    found = messages(report)
    assert found in (
        [],
        [
            (
                "chapters[0].blocks[0].visit.date",
                "warning",
                f"2015-03-09 的日程表行程「{plan}」沒有提到「{name}」；請確認參訪日期。",
            )
        ],
    )
    return found == []


@pytest.mark.parametrize(
    ("plan", "kwargs", "named"),
    [
        ("東京→筑波大學國際產學合作總部", {}, True),  # in full
        ("東京→筑波大學 國際產學合作總部", {}, True),  # spaces ignored
        ("筑波大學產學合作總部", {}, True),  # a stop sharing the first four characters
        ("東京→筑波大學產學合作總部→東京", {}, True),  # … between arrows
        ("東京、筑波大學產學合作總部", {}, True),  # … after 、
        ("東京→筑波大學", {}, True),  # four characters are enough
        ("東京→筑波大", {}, False),  # three are not
        ("東京→筑波大學", {"name": "筑波大"}, True),  # a short name found in full
        ("東京→筑波大附屬", {"name": "筑波大學國際"}, False),  # first four differ
        ("東京→總部筑波大學", {}, False),  # the same characters elsewhere
        ("東京，筑波大學產學合作總部", {}, False),  # ，is no stop separator, 東京 starts the stop
        ("參訪TLO", {"name": "東京大學技術移轉", "abbreviation": "TLO"}, True),  # by abbreviation
        ("參訪東大技轉", {"name": "東京大學技術移轉", "title": "東大技轉"}, True),  # by title
        ("參訪東大", {"name": "東京大學技術移轉", "title": "東大技轉"}, False),
        ("東京→Tokyo TLO", {"name": "TokyoTLO"}, True),  # spaces on either side
        ("東京→東大(TLO)", {"name": "東大（TLO）"}, True),  # full-width and ASCII brackets alike
        ("東京→東大（TLO）", {"name": "東大(TLO)"}, True),
        ("參訪東大TLO", {"name": "東大 TLO"}, True),  # found in full only once spaces go
        ("參訪東大(TLO)", {"name": "東大（TLO）"}, True),  # … and brackets are made alike
        ("參訪東大（TLO）", {"name": "東大(TLO)"}, True),
        ("參訪東大TLO", {"name": "東大TL0"}, False),
    ],
)
def test_plan_names_the_institution_loosely(plan: str, kwargs: dict[str, str], named: bool) -> None:
    assert plan_names(plan, **kwargs) is named


# --- conferences and courses -----------------------------------------------------------------


def conference(start: dt.date, end: dt.date) -> m.Conference:
    return m.Conference(m.Name("研討會"), "會場", start, end, "學會")


def test_conference_on_the_first_and_last_day_of_the_period() -> None:
    assert messages(bare(chapters=chapter(conference(D(2015, 3, 8), D(2015, 3, 10))))) == []


def test_conference_starting_before_the_period() -> None:
    assert messages(bare(chapters=chapter(conference(D(2015, 3, 7), D(2015, 3, 9))))) == [
        (
            "chapters[0].blocks[0].conference.start",
            "error",
            "會議日期 2015-03-07 不在出國期間之內；請檢查年份。",
        )
    ]


def test_conference_ending_after_the_period() -> None:
    assert messages(bare(chapters=chapter(conference(D(2015, 3, 9), D(2015, 3, 11))))) == [
        (
            "chapters[0].blocks[0].conference.end",
            "error",
            "會議日期 2015-03-11 不在出國期間之內；請檢查年份。",
        )
    ]


def test_conference_ending_before_it_starts() -> None:
    assert messages(bare(chapters=chapter(conference(D(2015, 3, 10), D(2015, 3, 9))))) == [
        ("chapters[0].blocks[0].conference.end", "error", "會議結束日期早於開始日期。")
    ]


def test_conference_on_one_day() -> None:
    assert messages(bare(chapters=chapter(conference(D(2015, 3, 9), D(2015, 3, 9))))) == []


def test_conference_wholly_outside() -> None:
    assert messages(bare(chapters=chapter(conference(D(2016, 3, 11), D(2016, 3, 10))))) == [
        (
            "chapters[0].blocks[0].conference.start",
            "error",
            "會議日期 2016-03-11 不在出國期間之內；請檢查年份。",
        ),
        (
            "chapters[0].blocks[0].conference.end",
            "error",
            "會議日期 2016-03-10 不在出國期間之內；請檢查年份。",
        ),
        ("chapters[0].blocks[0].conference.end", "error", "會議結束日期早於開始日期。"),
    ]


def course(*days: dt.date) -> m.CourseSchedule:
    return m.CourseSchedule(tuple(m.Lesson(d, "課程", "講師") for d in days))


def test_course_inside_the_period() -> None:
    assert messages(bare(chapters=chapter(course(D(2015, 3, 8), D(2015, 3, 10))))) == []


def test_course_lessons_outside_the_period() -> None:
    report = bare(chapters=chapter(course(D(2015, 3, 7), D(2015, 3, 9), D(2015, 3, 11))))
    assert messages(report) == [
        (
            "chapters[0].blocks[0].course.lessons[0].date",
            "error",
            "課程日期 2015-03-07 不在出國期間之內；請檢查年份。",
        ),
        (
            "chapters[0].blocks[0].course.lessons[2].date",
            "error",
            "課程日期 2015-03-11 不在出國期間之內；請檢查年份。",
        ),
    ]


def test_dated_blocks_nested_in_sections_are_checked() -> None:
    nested = m.Section("小節", (m.Paragraph(()), conference(D(2015, 3, 11), D(2015, 3, 9))))
    assert messages(bare(chapters=(m.Chapter("目的", ()), m.Chapter("過程", (m.Paragraph(()), nested))))) == [
        (
            "chapters[1].blocks[1].section.blocks[1].conference.start",
            "error",
            "會議日期 2015-03-11 不在出國期間之內；請檢查年份。",
        ),
        ("chapters[1].blocks[1].section.blocks[1].conference.end", "error", "會議結束日期早於開始日期。"),
    ]


# --- 提要 length ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "ok"), [(0, False), (199, False), (200, True), (300, True), (301, False)])
def test_summary_length_bounds(count: int, ok: bool) -> None:
    found = messages(bare(summary="字" * count))
    assert found == (
        []
        if ok
        else [("summary", "error", f"提要的內容摘要有 {count} 個中文字，規定為 200～300 字；請增刪內容。")]
    )


def test_summary_counts_only_chinese_characters() -> None:
    # 199 characters, plus punctuation, letters, digits and spaces that are not counted.
    text = "字" * 199 + "，。、；：「」（）！？ abc ABC 123 \n" * 3
    assert messages(bare(summary=text)) == [
        ("summary", "error", "提要的內容摘要有 199 個中文字，規定為 200～300 字；請增刪內容。")
    ]


@pytest.mark.parametrize(
    ("char", "counted"),
    [
        ("\u33ff", False),
        ("\u3400", True),
        ("\u4e00", True),
        ("\u9fff", True),
        ("\ua000", False),
        ("\uf8ff", False),
        ("\uf900", True),
        ("\ufaff", True),
        ("\ufb00", False),
        ("\U0001ffff", False),
        ("\U00020000", True),
        ("\U0003ffff", True),
        ("\U00040000", False),
    ],
)
def test_summary_cjk_ranges(char: str, counted: bool) -> None:
    found = messages(bare(summary="字" * 199 + char))
    assert found == (
        []
        if counted
        else [("summary", "error", "提要的內容摘要有 199 個中文字，規定為 200～300 字；請增刪內容。")]
    )


# --- locations ---------------------------------------------------------------------------------


def test_problem_is_located_at_its_field() -> None:
    report = bare(summary="短", report_date=D(2015, 3, 1))
    assert problems(report, {"summary": (14, 10), "report_date": (11, 14)}) == [
        (11, 14, "report_date", "error", "報告日期 2015-03-01 早於返國日期 2015-03-10；報告應在返國後撰寫。"),
        (14, 10, "summary", "error", "提要的內容摘要有 1 個中文字，規定為 200～300 字；請增刪內容。"),
    ]


def test_problem_is_located_at_the_nearest_located_parent() -> None:
    report = bare(chapters=chapter(conference(D(2015, 3, 9), D(2015, 3, 11))))
    where = {
        "chapters": (20, 1),
        "chapters[0].blocks[0]": (30, 9),
        "chapters[0].blocks[0].conference": (30, 23),
    }
    assert problems(report, where)[0][:3] == (30, 23, "chapters[0].blocks[0].conference.end")
    del where["chapters[0].blocks[0].conference"]
    assert problems(report, where)[0][:3] == (30, 9, "chapters[0].blocks[0].conference.end")
    del where["chapters[0].blocks[0]"]
    assert problems(report, where)[0][:3] == (1, 1, "chapters[0].blocks[0].conference.end")


def test_unlocated_problem_is_at_the_start_of_the_file() -> None:
    assert problems(bare(summary="短"), {"": (5, 5), "summar": (3, 3)})[0][:2] == (5, 5)
    assert problems(bare(summary="短"), {"summar": (3, 3)})[0][:2] == (1, 1)


def located(folder: Path) -> list[str]:
    _, found = validate(folder)
    return [
        f"{p.line}:{p.col}: {p.field}: {'警告：' if p.severity == 'warning' else ''}{p.message}"
        for p in found
    ]


def test_overdue_report_in_yaml(minimal: Path) -> None:
    replace_in(minimal, "report_date: 2015-04-30", "report_date: 2015-06-11")
    assert located(minimal) == [
        "11:14: report_date: 警告：報告日期 2015-06-11 已超過返國後 3 個月（2015-06-10 前應繳交）；逾期請依規定說明。"
    ]


def test_report_due_on_the_day_in_yaml(minimal: Path) -> None:
    replace_in(minimal, "report_date: 2015-04-30", "report_date: 2015-06-10")
    assert located(minimal) == []


def test_return_before_departure_in_yaml(minimal: Path) -> None:
    replace_in(
        minimal,
        "period: {start: 2015-03-08, end: 2015-03-10}",
        "period: {start: 2015-03-11, end: 2015-03-10}",
    )
    assert located(minimal) == [
        "10:34: period.end: 返國日期 2015-03-10 早於出發日期 2015-03-11；請檢查年份。",
        "19:14: itinerary.days[0].date: 2015-03-08 不在出國期間 2015-03-11～2015-03-10 之內；請檢查年份與日期。",
        "20:14: itinerary.days[1].date: 2015-03-09 不在出國期間 2015-03-11～2015-03-10 之內；請檢查年份與日期。",
        "21:14: itinerary.days[2].date: 2015-03-10 不在出國期間 2015-03-11～2015-03-10 之內；請檢查年份與日期。",
        "39:17: chapters[1].blocks[0].visit.date: 參訪日期 2015-03-09 不在出國期間 2015-03-11～2015-03-10 之內；請檢查年份與日期。",
    ]


def test_visit_not_in_the_itinerary_in_yaml(minimal: Path) -> None:
    replace_in(minimal, "    - {date: 2015-03-10, plan: 東京→桃園}\n", "")
    replace_in(minimal, "date: 2015-03-09\n          start", "date: 2015-03-10\n          start")
    assert located(minimal) == [
        "38:17: chapters[1].blocks[0].visit.date: 參訪日期 2015-03-10 不在日程表中；請在 itinerary 補上這一天。"
    ]


FIGURE = "      - figure: {file: photos/a.png, caption: 示意圖}"


def test_conference_in_yaml(minimal: Path) -> None:
    replace_in(
        minimal,
        FIGURE,
        "      - conference: {name: 會議, organiser: 學會, venue: 會場, start: 2015-03-10, end: 2015-03-09}",
    )
    assert located(minimal) == ["46:82: chapters[1].blocks[1].conference.end: 會議結束日期早於開始日期。"]


def test_conference_outside_in_yaml(minimal: Path) -> None:
    replace_in(
        minimal,
        FIGURE,
        "      - conference: {name: 會議, organiser: 學會, venue: 會場, start: 2014-03-09, end: 2015-03-09}",
    )
    assert located(minimal) == [
        "46:65: chapters[1].blocks[1].conference.start: 會議日期 2014-03-09 不在出國期間之內；請檢查年份。"
    ]


def test_course_in_yaml(minimal: Path) -> None:
    replace_in(
        minimal,
        FIGURE,
        "      - course:\n          lessons:\n"
        "            - {date: 2015-03-09, topic: 課, instructor: 師}\n"
        "            - {date: 2015-03-12, topic: 課, instructor: 師}",
    )
    assert located(minimal) == [
        "49:22: chapters[1].blocks[1].course.lessons[1].date: 課程日期 2015-03-12 不在出國期間之內；請檢查年份。"
    ]


# --- an incomplete model: a field with an error is INVALID, and only rules needing it are skipped -


def test_unknown_departure_skips_only_the_rules_needing_the_period() -> None:
    report = bare(
        period=m.Period(INVALID, D(2015, 3, 10)),
        report_date=D(2015, 3, 9),
        itinerary=itinerary(D(2015, 3, 1), D(2015, 3, 3)),
        chapters=chapter(conference(D(2016, 1, 2), D(2016, 1, 1)), course(D(2016, 1, 1))),
    )
    assert messages(report) == [
        ("report_date", "error", "報告日期 2015-03-09 早於返國日期 2015-03-10；報告應在返國後撰寫。"),
        (
            "itinerary.days[1].date",
            "error",
            "日程表的日期要逐日連續：這一列應是 2015-03-02，這裡寫的是 2015-03-03；每一天寫一列，依序排列。",
        ),
        ("chapters[0].blocks[0].conference.end", "error", "會議結束日期早於開始日期。"),
    ]


def test_unknown_return_skips_the_report_date_rules() -> None:
    report = bare(period=m.Period(D(2015, 3, 8), INVALID), report_date=D(2015, 1, 1), summary="短")
    assert messages(report) == [
        ("summary", "error", "提要的內容摘要有 1 個中文字，規定為 200～300 字；請增刪內容。")
    ]


def test_unknown_report_date_and_summary_are_skipped() -> None:
    assert messages(bare(report_date=INVALID, summary=INVALID)) == []


def test_unknown_itinerary_day_is_skipped_and_visits_are_not_checked() -> None:
    days = m.Itinerary(
        (
            m.ItineraryDay(D(2015, 3, 8), "a"),
            m.ItineraryDay(INVALID, "b"),
            m.ItineraryDay(D(2015, 3, 11), "c"),
        )
    )
    report = dataclasses.replace(visit_on(D(2015, 3, 9)), itinerary=days)
    assert messages(report) == [
        (
            "itinerary.days[2].date",
            "error",
            "2015-03-11 不在出國期間 2015-03-08～2015-03-10 之內；請檢查年份與日期。",
        )
    ]
    # the visit's day might be the one with the error: no "not in the itinerary", no "plan" warning
    assert messages(
        dataclasses.replace(
            report, itinerary=days, chapters=chapter(dataclasses.replace(VISIT, date=D(2015, 3, 12)))
        )
    ) == [
        (
            "itinerary.days[2].date",
            "error",
            "2015-03-11 不在出國期間 2015-03-08～2015-03-10 之內；請檢查年份與日期。",
        )
    ]


def test_unknown_first_itinerary_day_skips_the_order_rule() -> None:
    days = m.Itinerary(
        (
            m.ItineraryDay(INVALID, "a"),
            m.ItineraryDay(D(2015, 3, 10), "b"),
            m.ItineraryDay(D(2015, 3, 8), "c"),
        )
    )
    assert messages(bare(itinerary=days)) == []


def test_an_itinerary_without_days() -> None:
    assert messages(bare(itinerary=m.Itinerary(()))) == []
    assert messages(bare(itinerary=INVALID)) == []


def test_unknown_visit_date_or_plan_is_skipped() -> None:
    assert messages(visit_on(INVALID)) == []
    plans = m.Itinerary(
        (
            m.ItineraryDay(D(2015, 3, 8), "a"),
            m.ItineraryDay(D(2015, 3, 9), INVALID),
            m.ItineraryDay(D(2015, 3, 10), "c"),
        )
    )
    assert messages(dataclasses.replace(visit_on(D(2015, 3, 9)), itinerary=plans)) == []
    unnamed = dataclasses.replace(
        VISIT, date=D(2015, 3, 10), institution=m.Institution("東京大學TLO", None, INVALID)
    )
    assert messages(dataclasses.replace(BASE, chapters=chapter(unnamed))) == []


def test_unknown_conference_dates_and_lessons_are_skipped() -> None:
    report = bare(
        chapters=chapter(
            conference(INVALID, D(2015, 3, 11)),
            conference(D(2015, 3, 11), INVALID),
            course(INVALID, D(2015, 3, 12)),
        )
    )
    assert messages(report) == [
        (
            "chapters[0].blocks[0].conference.end",
            "error",
            "會議日期 2015-03-11 不在出國期間之內；請檢查年份。",
        ),
        (
            "chapters[0].blocks[1].conference.start",
            "error",
            "會議日期 2015-03-11 不在出國期間之內；請檢查年份。",
        ),
        (
            "chapters[0].blocks[2].course.lessons[1].date",
            "error",
            "課程日期 2015-03-12 不在出國期間之內；請檢查年份。",
        ),
    ]


def test_unknown_blocks_are_left_out_and_the_others_keep_their_paths() -> None:
    report = bare(
        chapters=(
            m.Chapter("a", INVALID),
            m.Chapter("b", (INVALID, conference(D(2015, 3, 11), D(2015, 3, 9)))),
        )
    )
    assert messages(report) == [
        (
            "chapters[1].blocks[1].conference.start",
            "error",
            "會議日期 2015-03-11 不在出國期間之內；請檢查年份。",
        ),
        ("chapters[1].blocks[1].conference.end", "error", "會議結束日期早於開始日期。"),
    ]


def test_dated_blocks_in_lists_and_visit_sections_are_checked() -> None:
    lst = m.NumberedList(
        (m.ListItem(m.Paragraph(()), ()), m.ListItem(m.Paragraph(()), (course(D(2015, 3, 12)),)))
    )
    visit = dataclasses.replace(
        VISIT, sections=(m.Section("s", (conference(D(2015, 3, 9), D(2015, 3, 8)),)),)
    )
    assert messages(dataclasses.replace(BASE, chapters=chapter(lst, visit))) == [
        (
            "chapters[0].blocks[0].list[1].blocks[0].course.lessons[0].date",
            "error",
            "課程日期 2015-03-12 不在出國期間之內；請檢查年份。",
        ),
        (
            "chapters[0].blocks[1].visit.sections[0].blocks[0].conference.end",
            "error",
            "會議結束日期早於開始日期。",
        ),
    ]
