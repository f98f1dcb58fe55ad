"""The wording of generated lines (cover, sheets, record headers), shared by both outputs."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .. import model as m
from .dates import format_long, format_period, format_roc, format_slashed, format_time_span

Rows = list[tuple[str, list[str]]]  # label | value lines; record labels end in "：" as the seed's
TRAVELLER_HEADER = ("姓名", "服務機關", "服務單位", "職稱", "官職等", "電話")
CHECKED, UNCHECKED = "■", "□"


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def bracket(text: str) -> str:
    """Brackets as Chinese typesetting wants them: full-width around Chinese (「（參觀進駐新創企
    業）」), half-width around Latin text alone (「(Tsukuba Center, INC.)」, as the seed)."""
    if any(unicodedata.east_asian_width(c) in ("W", "F") for c in text):
        return f"（{text}）"
    return f"({text})"


def destinations(report: m.Report) -> str:
    """日本／東京、筑波；韓國／首爾."""
    return "；".join(
        f"{d.country}／{'、'.join(d.cities)}" if d.cities else d.country for d in report.destinations
    )


def cover_category(report: m.Report) -> str:
    return f"出國報告（出國類別：{'、'.join(report.categories)}）"


def cover_lines(report: m.Report) -> list[str]:
    people = report.travellers
    names = (
        [f"姓名職稱：{t.name}　{t.title}" for t in people]
        if len(people) <= 3
        else [f"姓名職稱：{people[0].name}　{people[0].title}等{len(people)}人"]
    )
    return [
        f"服務機關：{'、'.join(_unique([t.agency for t in people]))}",
        *names,
        f"派赴國家／地區：{destinations(report)}",
        f"出國期間：{format_period(report.period.start, report.period.end)}",
        f"報告日期：{format_roc(report.report_date)}",
    ]


def visit_time(visit: m.Visit, year_style: str) -> str:
    return f"{format_long(visit.date, year_style)} {format_time_span(visit.start, visit.end)}"


def visit_fields(visit: m.Visit, year_style: str) -> Rows:
    inst = visit.institution
    contacts: list[str] = []
    for i, c in enumerate(visit.contacts):
        if c.group and (i == 0 or visit.contacts[i - 1].group != c.group):
            contacts.append(bracket(c.group))
        contacts.append(f"{c.name}／{c.position}")
    return [
        ("前往國家／地區：", [f"{visit.country}／{visit.region}"]),
        ("拜訪機構名稱：", [f"{inst.name}{bracket(inst.english)}" if inst.english else inst.name]),
        ("主要洽談人／職務：", contacts),
        ("時間：", [visit_time(visit, year_style)]),
        ("地點：", [visit.place]),
    ]


def conference_fields(c: m.Conference, year_style: str) -> Rows:
    extra = "，".join(x for x in (c.english, c.abbreviation) if x)
    rows = [
        ("會議名稱：", [f"{c.name}（{extra}）" if extra else c.name]),
        ("主辦單位：", [c.organiser]),
        ("會議地點：", [c.venue]),
        ("會議期間：", [f"{format_long(c.start, year_style)}至{format_long(c.end, year_style)}"]),
    ]
    if c.website:
        rows.append(("會議網址：", [c.website]))
    return rows


def paper_fields(p: m.Paper) -> Rows:
    return [
        ("論文題目：", [p.title]),
        ("作者：", ["、".join(p.authors)]),
        ("發表方式：", [f"{p.presentation}發表"]),
    ]


PAPER_ABSTRACT = "論文摘要："
ATTACHMENTS = "其他附件："


def material_text(item: m.Material) -> str:
    return f"{item.title}：{item.description}" if item.description else item.title


def certificate_text(course: m.CourseSchedule) -> str | None:
    return f"取得證書：{course.certificate}" if course.certificate else None


ITINERARY_HEADER = ("日期", "預定行程", "夜宿")
COURSE_HEADER = ("日期", "課程主題", "講師")


def itinerary_rows(itinerary: m.Itinerary, year_style: str) -> list[tuple[str, ...]]:
    return [(format_slashed(d.date, year_style), d.plan, d.overnight or "") for d in itinerary.days]


def course_rows(course: m.CourseSchedule, year_style: str) -> list[tuple[str, ...]]:
    return [
        (format_slashed(lesson.date, year_style), lesson.topic, lesson.instructor)
        for lesson in course.lessons
    ]


@dataclass(frozen=True)
class SummarySheet:
    """公務出國報告提要: label rows, the travellers' table, then more label rows."""

    title: str
    head: Rows
    travellers: list[tuple[str, ...]]
    tail: Rows


def summary_sheet(report: m.Report, page_count: int | str | None) -> SummarySheet:
    """``page_count``: the PDF's, or None (left blank), or a mark the PDF's layout replaces."""
    has_appendix = bool(report.appendix.photos or report.appendix.attachments)
    yes_no = f"{CHECKED if has_appendix else UNCHECKED}是　{UNCHECKED if has_appendix else CHECKED}否"
    head: Rows = [("頁數", [f"{page_count if page_count else '　'}頁　含附件：{yes_no}"])]
    if report.portal_id:
        head.append(("系統識別號", [report.portal_id]))
    head += [
        ("出國報告名稱", [report.title]),
        ("計畫名稱", [report.plan]),
        ("主辦機關", [report.sponsor]),
        ("聯絡人／電話", [f"{report.contact.name}／{report.contact.phone}"]),
    ]
    categories = "　".join(f"{CHECKED if c in report.categories else UNCHECKED}{c}" for c in m.CATEGORIES)
    tail: Rows = [
        ("出國類別", [categories]),
        ("出國期間", [format_period(report.period.start, report.period.end)]),
        ("出國地區", [destinations(report)]),
        ("報告日期", [format_roc(report.report_date)]),
        ("分類號／目", [report.classification]),
        ("關鍵詞", ["、".join(report.keywords)]),
        ("內容摘要", report.summary.split("\n")),
    ]
    travellers: list[tuple[str, ...]] = [
        (t.name, t.agency, t.unit, t.title, t.rank, t.phone) for t in report.travellers
    ]
    return SummarySheet("公務出國報告提要", head, travellers, tail)


REVIEW_TITLE = "出國報告審核表"
REVIEW_COLUMNS = ("審核項目", "出國人員自我檢核", "計畫主辦機關審核")
REVIEW_ITEMS = (
    "依限繳交出國報告",
    "格式完整（本文具備目的、過程、心得及建議事項）",
    "無抄襲相關資料",
    "內容充實完備",
    "建議具參考價值",
    "送本機關參考或研辦",
    "送上級機關參考",
    "退回補正，原因：(1)不符原核定計畫 (2)以外文撰寫或僅蒐集外文資料 (3)內容空洞或未涵蓋要項 "
    "(4)抄襲 (5)引用未註明來源 (6)電子檔未依格式",
    "公開發表方式：(1)辦理座談會 (2)業務會報提出 (3)其他",
    "其他處理意見及方式",
)
REVIEW_SIGNATURES = ("出國人", "一級單位主管", "機關首長或授權人員")  # each signs and stamps below


def review_head(report: m.Report) -> Rows:
    """The 審核表 (format-spec §4) header, filled from the metadata."""
    people = report.travellers
    return [
        ("報告名稱", [report.title]),
        ("出國人姓名", ["、".join(p.name for p in people)]),
        ("職稱", ["、".join(_unique([p.title for p in people]))]),
        ("服務單位", ["、".join(_unique([f"{p.agency}{p.unit}" for p in people]))]),
        ("出國類別", ["、".join(report.categories)]),
        ("出國期間", [format_period(report.period.start, report.period.end)]),
        ("報告繳交日期", [format_roc(report.report_date)]),
    ]
