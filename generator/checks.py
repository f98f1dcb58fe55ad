"""Trip-report rules across fields: dates agree with the period and the itinerary, the 提要 length."""

from __future__ import annotations

import datetime as dt
import re

from . import model as m
from .blocks import walk_blocks
from .errors import Severity
from .fields import Context, known
from .forms import form_of
from .wording.dates import add_months

SUMMARY_CHARS = (200, 300)
REPORT_DUE_MONTHS = 3
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def check_report(report: m.Report, ctx: Context) -> None:
    """Add to ``ctx`` every cross-field problem of ``report``. The report may be incomplete
    (INVALID where a field had an error): a rule needing such a field is skipped."""
    _check_period(report, ctx)
    _check_conference(report, ctx)
    _check_itinerary(report, ctx)
    _check_dated_blocks(report, ctx)
    _check_summary(report, ctx)


def _at(ctx: Context, path: str) -> tuple[int, int]:
    while path not in ctx.locations and path:
        path = path.rpartition(".")[0] if "." in path else ""
    return ctx.locations.get(path, (1, 1))


def _report(ctx: Context, path: str, message: str, severity: Severity = "error") -> None:
    ctx.report(_at(ctx, path), path, message, severity)


def _period(report: m.Report) -> m.Period | None:
    """The trip's period when the report has one (the 國科會 form has none) without errors."""
    period = report.period
    return period if period is not None and known(period.start, period.end) else None


def _check_period(report: m.Report, ctx: Context) -> None:
    period = report.period
    if period is None:
        return
    if _period(report) and period.end < period.start:
        _report(ctx, "period.end", f"返國日期 {period.end} 早於出發日期 {period.start}；請檢查年份。")
    if not known(report.report_date, period.end):
        return
    if report.report_date < period.end:
        _report(
            ctx,
            "report_date",
            f"報告日期 {report.report_date} 早於返國日期 {period.end}；報告應在返國後撰寫。",
        )
    elif report.report_date > (due := add_months(period.end, REPORT_DUE_MONTHS)):
        _report(
            ctx,
            "report_date",
            f"報告日期 {report.report_date} 已超過返國後 3 個月（{due} 前應繳交）；逾期請依規定說明。",
            "warning",
        )


def _check_conference(report: m.Report, ctx: Context) -> None:
    """The 國科會 form's conference: its dates in order, the report written after it."""
    c = report.conference
    if c is None or not known(c.start, c.end):
        return
    if c.end < c.start:
        _report(ctx, "conference.end", f"會議結束日期 {c.end} 早於開始日期 {c.start}；請檢查年份。")
    elif known(report.report_date) and report.report_date < c.end:
        _report(
            ctx,
            "report_date",
            f"報告日期 {report.report_date} 早於會議結束日期 {c.end}；報告應在會議結束後撰寫。",
        )


def _inside(day: dt.date, period: m.Period) -> bool:
    return period.start <= day <= period.end


def _check_itinerary(report: m.Report, ctx: Context) -> None:
    if report.itinerary is None:
        return
    days = tuple(report.itinerary.days)
    first = days[0].date if days else None
    if not isinstance(first, dt.date):  # INVALID (or no day): only the period is checked
        first = None
    for i, day in enumerate(days):
        path = f"itinerary.days[{i}].date"
        if not known(day.date):
            continue
        if (period := _period(report)) and not _inside(day.date, period):
            _report(
                ctx,
                path,
                f"{day.date} 不在出國期間 {period.start}～{period.end} 之內；請檢查年份與日期。",
            )
        elif first and day.date != (expected := first + dt.timedelta(days=i)):
            _report(
                ctx,
                path,
                f"日程表的日期要逐日連續：這一列應是 {expected}，這裡寫的是 "
                f"{day.date}；每一天寫一列，依序排列。",
            )


def _check_dated_blocks(report: m.Report, ctx: Context) -> None:
    itinerary = tuple(report.itinerary.days) if report.itinerary else ()
    # A day whose date had an error might be the one a visit is on: then no "not in the
    # itinerary" errors (days is None).
    days = {d.date: d for d in itinerary} if all(known(d.date) for d in itinerary) else None
    period = _period(report)
    for path, block in walk_blocks(report):
        if isinstance(block, m.Visit):
            _check_visit(report, block, path, days, ctx)
        elif isinstance(block, m.Conference):
            for key in ("start", "end"):
                when = getattr(block, key)
                if period and known(when) and not _inside(when, period):
                    _report(ctx, f"{path}.{key}", f"會議日期 {when} 不在出國期間之內；請檢查年份。")
            if known(block.start, block.end) and block.end < block.start:
                _report(ctx, f"{path}.end", "會議結束日期早於開始日期。")
        elif isinstance(block, m.CourseSchedule):
            for k, lesson in enumerate(block.lessons):
                if period and known(lesson.date) and not _inside(lesson.date, period):
                    _report(
                        ctx,
                        f"{path}.lessons[{k}].date",
                        f"課程日期 {lesson.date} 不在出國期間之內；請檢查年份。",
                    )


def _check_visit(
    report: m.Report, visit: m.Visit, path: str, days: dict[dt.date, m.ItineraryDay] | None, ctx: Context
) -> None:
    where = f"{path}.date"
    period = _period(report)
    if not known(visit.date) or not period or days is None:
        return
    if not _inside(visit.date, period):
        _report(
            ctx,
            where,
            f"參訪日期 {visit.date} 不在出國期間 {period.start}～{period.end} 之內；請檢查年份與日期。",
        )
    elif days and visit.date not in days:
        _report(ctx, where, f"參訪日期 {visit.date} 不在日程表中；請在 itinerary 補上這一天。")
    elif days:
        plan = days[visit.date].plan
        names = [n for n in (visit.institution.name, visit.institution.abbreviation, visit.title) if n]
        if not known(plan, *names):
            return
        if not any(_loosely_in(n, plan) for n in names):
            _report(
                ctx,
                where,
                f"{visit.date} 的日程表行程「{plan}」沒有提到「{visit.institution.name}」；請確認參訪日期。",
                "warning",
            )


def _loosely_in(name: str, plan: str) -> bool:
    """Whether the plan names the institution: in full, or by a stop sharing its first four
    characters (「筑波大學產學合作總部」 for 筑波大學國際產學合作總部), ignoring spaces."""

    def squash(s: str) -> str:
        return re.sub(r"\s", "", s).replace("（", "(").replace("）", ")")

    name, plan = squash(name), squash(plan)
    return name in plan or any(len(stop) >= 4 and stop[:4] == name[:4] for stop in re.split(r"[→、]", plan))


def _check_summary(report: m.Report, ctx: Context) -> None:
    if not known(report.summary) or not form_of(report.form).requires("summary"):
        return
    count = len(_CJK.findall(report.summary))
    low, high = SUMMARY_CHARS
    if not low <= count <= high:
        _report(ctx, "summary", f"提要的內容摘要有 {count} 個中文字，規定為 {low}～{high} 字；請增刪內容。")
