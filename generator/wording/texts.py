"""The wording of generated lines (cover, sheets, record headers), shared by both outputs."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from .. import model as m
from ..blocks import walk_blocks
from .dates import format_long, format_period, format_roc, format_slashed, format_time_span

Rows = list[tuple[str, list[str]]]  # label | value lines; record labels end in "：" as the seed's
TRAVELLER_HEADER = ("姓名", "服務機關", "服務單位", "職稱", "官職等", "電話")
CHECKED, UNCHECKED = "■", "□"


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def bracket(text: str) -> str:
    """Brackets as Chinese typesetting wants them: full-width around Chinese (「（參觀進駐新創企
    業）」), half-width around Latin text alone (「(Tsukuba Center, INC.)」, as the seed)."""
    return f"({text})" if _latin(text) else f"（{text}）"


def destinations(report: m.Report) -> str:
    """日本／東京、筑波；韓國／首爾."""
    return "；".join(
        f"{d.country}／{'、'.join(d.cities)}" if d.cities else d.country for d in report.destinations
    )


def period_text(report: m.Report) -> str:
    """出國期間, on the forms that print it."""
    assert report.period is not None, "a form printing the period requires it"
    return format_period(report.period.start, report.period.end)


def cover_category(report: m.Report) -> str:
    return f"出國報告（出國類別：{'、'.join(report.categories)}）"


def cover_context(report: m.Report) -> dict[str, Any]:
    """The placeholders of the cover's Word template (templates/forms/executive-yuan/cover.docx):
    every field a whole line, its label included; ``travellers`` a list of lines."""
    people = report.travellers
    names = (
        [f"姓名職稱：{t.name}　{t.title}" for t in people]
        if len(people) <= 3
        else [f"姓名職稱：{people[0].name}　{people[0].title}等{len(people)}人"]
    )
    return {
        "category": cover_category(report),
        "title": report.title,
        "agency": f"服務機關：{'、'.join(_unique([t.agency for t in people]))}",
        "travellers": names,
        "destinations": f"派赴國家／地區：{destinations(report)}",
        "period": f"出國期間：{period_text(report)}",
        "report_date": f"報告日期：{format_roc(report.report_date)}",
    }


def cover_lines(report: m.Report) -> list[str]:
    """The cover's lines under its title."""
    c = cover_context(report)
    return [c["agency"], *c["travellers"], c["destinations"], c["period"], c["report_date"]]


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


def name_text(name: m.Name) -> str:
    """「中文名稱（English Name）」, or the Chinese name alone."""
    return f"{name.zh}{bracket(name.en)}" if name.en else name.zh


def conference_fields(c: m.Conference, year_style: str) -> Rows:
    extra = "，".join(x for x in (c.name.en, c.abbreviation) if x)
    rows = [
        ("會議名稱：", [f"{c.name.zh}（{extra}）" if extra else c.name.zh]),
        *([("主辦單位：", [c.organiser])] if c.organiser else []),
        ("會議地點：", [c.venue]),
        ("會議期間：", [f"{format_long(c.start, year_style)}至{format_long(c.end, year_style)}"]),
    ]
    if c.website:
        rows.append(("會議網址：", [c.website]))
    return rows


def _latin(text: str) -> bool:
    return not any(unicodedata.east_asian_width(c) in ("W", "F") for c in text)


def authors_text(authors: tuple[m.Author, ...]) -> str:
    """Authors as their language joins them: 「陳志明、林怡君」, 「Chen-Hao Chao, Chun-Yi Lee」;
    each with their affiliation in brackets when given."""
    if all(_latin(a.name) for a in authors):
        return ", ".join(f"{a.name} ({a.affiliation})" if a.affiliation else a.name for a in authors)
    return "、".join(f"{a.name}{bracket(a.affiliation)}" if a.affiliation else a.name for a in authors)


def paper_fields(p: m.Paper) -> Rows:
    return [
        ("論文題目：", [name_text(p.title)]),
        ("作者：", [authors_text(p.authors)]),
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
    contact = report.contact
    assert contact is not None, "the 提要's form requires the contact"
    has_appendix = bool(report.appendix.photos or report.appendix.attachments)
    yes_no = f"{CHECKED if has_appendix else UNCHECKED}是　{UNCHECKED if has_appendix else CHECKED}否"
    head: Rows = [("頁數", [f"{page_count if page_count else '　'}頁　含附件：{yes_no}"])]
    if report.portal_id:
        head.append(("系統識別號", [report.portal_id]))
    head += [
        ("出國報告名稱", [report.title]),
        ("計畫名稱", [report.plan]),
        ("主辦機關", [report.sponsor]),
        ("聯絡人／電話", [f"{contact.name}／{contact.phone}"]),
    ]
    categories = "　".join(f"{CHECKED if c in report.categories else UNCHECKED}{c}" for c in m.CATEGORIES)
    tail: Rows = [
        ("出國類別", [categories]),
        ("出國期間", [period_text(report)]),
        ("出國地區", [destinations(report)]),
        ("報告日期", [format_roc(report.report_date)]),
        ("分類號／目", [report.classification]),
        ("關鍵詞", ["、".join(report.keywords)]),
        ("內容摘要", report.summary.split("\n")),
    ]
    travellers: list[tuple[str, ...]] = [
        (t.name, t.agency, t.unit, t.title, t.rank or "", t.phone) for t in report.travellers
    ]
    return SummarySheet(SUMMARY_TITLE, head, travellers, tail)


SUMMARY_TITLE = "公務出國報告提要"
# The 提要's labels and their placeholders in templates/forms/executive-yuan/summary-sheet.docx.
SUMMARY_FIELDS = {
    "頁數": "pages",
    "系統識別號": "portal_id",
    "出國報告名稱": "title",
    "計畫名稱": "plan",
    "主辦機關": "sponsor",
    "聯絡人／電話": "contact",
    "出國類別": "categories",
    "出國期間": "period",
    "出國地區": "destinations",
    "報告日期": "report_date",
    "分類號／目": "classification",
    "關鍵詞": "keywords",
    "內容摘要": "summary",
}
TRAVELLER_FIELDS = ("name", "agency", "unit", "title", "rank", "phone")  # TRAVELLER_HEADER's


def summary_sheet_context(sheet: SummarySheet) -> dict[str, Any]:
    """The placeholders of the 提要's Word template: one line per field (``portal_id`` empty
    when the report has none), ``summary`` a list of paragraphs, ``travellers`` a list of
    rows with TRAVELLER_FIELDS."""
    rows = {SUMMARY_FIELDS[label]: lines for label, lines in [*sheet.head, *sheet.tail]}
    context: dict[str, Any] = {key: "\n".join(lines) for key, lines in rows.items()}
    context.setdefault("portal_id", "")
    context["summary"] = rows["summary"]
    context["travellers"] = [dict(zip(TRAVELLER_FIELDS, row, strict=True)) for row in sheet.travellers]
    return context


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
        ("出國期間", [period_text(report)]),
        ("報告繳交日期", [format_roc(report.report_date)]),
    ]


# The 審核表's header labels and their placeholders in templates/forms/executive-yuan/review-sheet.docx.
REVIEW_FIELDS = {
    "報告名稱": "title",
    "出國人姓名": "names",
    "職稱": "job_titles",
    "服務單位": "units",
    "出國類別": "categories",
    "出國期間": "period",
    "報告繳交日期": "submitted",
}


def review_sheet_context(report: m.Report) -> dict[str, str]:
    """The placeholders of the 審核表's Word template, one line each."""
    return {REVIEW_FIELDS[label]: "\n".join(lines) for label, lines in review_head(report)}


def document_title(report: m.Report) -> str:
    """The title a viewer shows (document properties): the report's, or on a form without
    one (國科會's), 「出席〈會議〉心得報告」."""
    if report.title:
        return report.title
    assert report.conference is not None, "a form without a title requires its conference"
    return f"出席{report.conference.name.zh}心得報告"


def nstc_date(report: m.Report) -> str:
    """The 國科會 form's date line, under its title: 「日期：114年9月30日」."""
    return f"日期：{format_long(report.report_date, '民國')}"


def _languages(name: m.Name) -> list[str]:
    return [f"（中文）{name.zh}", f"（英文）{name.en or ''}"]


def nstc_header(report: m.Report) -> Rows:
    """The 國科會 form's header table (format-spec §8); 發表題目 lists the papers of the
    report's paper blocks (「無」 without one)."""
    c = report.conference
    assert c is not None, "the nstc-conference form requires its conference"
    papers = [block for _, block in walk_blocks(report) if isinstance(block, m.Paper)]
    titles = [line for p in papers for line in _languages(p.title)] or ["無"]
    return [
        ("計畫編號", [report.project_number or ""]),
        ("計畫名稱", [report.plan]),
        ("出國人員姓名", ["、".join(t.name for t in report.travellers)]),
        ("服務機構及職稱", [f"{t.agency}{t.unit}　{t.title}" for t in report.travellers]),
        ("會議時間", [f"{format_long(c.start, '民國')}至{format_long(c.end, '民國')}"]),
        ("會議地點", [c.venue]),
        ("會議名稱", _languages(c.name)),
        ("發表題目", titles),
    ]


# The 國科會 header's labels and their placeholders in templates/forms/nstc-conference/header.docx.
NSTC_FIELDS = {
    "計畫編號": "project_number",
    "計畫名稱": "plan",
    "出國人員姓名": "names",
    "服務機構及職稱": "positions",
    "會議時間": "time",
    "會議地點": "venue",
    "會議名稱": "conference",
    "發表題目": "papers",
}


def nstc_header_context(report: m.Report) -> dict[str, Any]:
    """The placeholders of the 國科會 header's Word template: ``date`` the date line, every
    field of the table a list of lines (the paragraphs of its cell)."""
    return {"date": nstc_date(report), **{NSTC_FIELDS[label]: lines for label, lines in nstc_header(report)}}
