"""Generated wording (generator/wording/texts.py): cover, record headers, 提要 and 審核表 rows."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from generator import model as m
from generator.validate import validate
from generator.wording import texts as t

from .conftest import MINIMAL

D = dt.date


def _minimal() -> m.Report:
    report, problems = validate(MINIMAL)
    assert report is not None and problems == []
    return report


BASE = _minimal()
WANG = m.Traveller("王大明", "科長", "科技部", "產學司", "薦任", "02-1")
LEE = m.Traveller("李小華", "專員", "科技部", "國合司", "委任", "02-2")
CHEN = m.Traveller("陳一", "科長", "經濟部", "工業局", "薦任", "02-3")
LIN = m.Traveller("林二", "技正", "科技部", "產學司", "薦任", "02-4")


def report(**changes: object) -> m.Report:
    return dataclasses.replace(BASE, **changes)


def test_constants() -> None:
    assert t.TRAVELLER_HEADER == ("姓名", "服務機關", "服務單位", "職稱", "官職等", "電話")
    assert (t.CHECKED, t.UNCHECKED) == ("■", "□")
    assert t.ITINERARY_HEADER == ("日期", "預定行程", "夜宿")
    assert t.COURSE_HEADER == ("日期", "課程主題", "講師")
    assert (t.PAPER_ABSTRACT, t.ATTACHMENTS) == ("論文摘要：", "其他附件：")
    assert t.REVIEW_TITLE == "出國報告審核表"
    assert t.REVIEW_COLUMNS == ("審核項目", "出國人員自我檢核", "計畫主辦機關審核")
    assert len(t.REVIEW_ITEMS) == 10 and t.REVIEW_ITEMS[0] == "依限繳交出國報告"
    assert t.REVIEW_ITEMS[7] == (
        "退回補正，原因：(1)不符原核定計畫 (2)以外文撰寫或僅蒐集外文資料 (3)內容空洞或未涵蓋要項 "
        "(4)抄襲 (5)引用未註明來源 (6)電子檔未依格式"
    )


def test_destinations() -> None:
    assert (
        t.destinations(
            report(
                destinations=(
                    m.Destination("日本", ("東京", "筑波")),
                    m.Destination("韓國", ("首爾",)),
                    m.Destination("新加坡"),
                )
            )
        )
        == "日本／東京、筑波；韓國／首爾；新加坡"
    )


def test_cover_category() -> None:
    assert t.cover_category(report(categories=("考察", "開會"))) == "出國報告（出國類別：考察、開會）"


def test_cover_lines_name_up_to_three_travellers() -> None:
    three = report(
        travellers=(WANG, LEE, CHEN),
        period=m.Period(D(2015, 3, 8), D(2015, 3, 14)),
        report_date=D(2015, 4, 30),
    )
    assert t.cover_lines(three) == [
        "服務機關：科技部、經濟部",
        "姓名職稱：王大明　科長",
        "姓名職稱：李小華　專員",
        "姓名職稱：陳一　科長",
        "派赴國家／地區：日本／東京",
        "出國期間：中華民國104年3月8日至104年3月14日",
        "報告日期：中華民國104年4月30日",
    ]


def test_cover_lines_shorten_four_travellers() -> None:
    four = report(travellers=(WANG, LEE, CHEN, LIN))
    assert t.cover_lines(four)[:3] == [
        "服務機關：科技部、經濟部",
        "姓名職稱：王大明　科長等4人",
        "派赴國家／地區：日本／東京",
    ]


VISIT = m.Visit(
    title="東京大學TLO(TLO)",
    country="日本",
    region="東京",
    institution=m.Institution("東京大學TLO", "The University of Tokyo TLO", "TLO"),
    contacts=(
        m.Contact("山本", "社長"),
        m.Contact("佐藤", "研究員", "實驗室"),
        m.Contact("鈴木", "技師", "實驗室"),
        m.Contact("田中", "課長", "新創"),
        m.Contact("高橋", "顧問"),
    ),
    date=D(2015, 3, 9),
    start=dt.time(14, 0),
    end=dt.time(17, 30),
    place="東京大學",
    sections=(),
)


def test_visit_time() -> None:
    assert t.visit_time(VISIT, "西元") == "2015年3月9日 下午2:00～5:30"
    assert (
        t.visit_time(dataclasses.replace(VISIT, start=dt.time(9, 5)), "民國")
        == "104年3月9日 上午9:05～下午5:30"
    )


def test_visit_fields_group_contacts_once_per_group() -> None:
    assert t.visit_fields(VISIT, "民國") == [
        ("前往國家／地區：", ["日本／東京"]),
        ("拜訪機構名稱：", ["東京大學TLO(The University of Tokyo TLO)"]),
        (
            "主要洽談人／職務：",
            [
                "山本／社長",
                "（實驗室）",
                "佐藤／研究員",
                "鈴木／技師",
                "（新創）",
                "田中／課長",
                "高橋／顧問",
            ],
        ),
        ("時間：", ["104年3月9日 下午2:00～5:30"]),
        ("地點：", ["東京大學"]),
    ]


def test_visit_fields_first_contact_in_a_group_and_no_english_name() -> None:
    visit = dataclasses.replace(
        VISIT,
        institution=m.Institution("筑波大學"),
        contacts=(m.Contact("甲", "長", "組一"), m.Contact("乙", "員", "組一"), m.Contact("丙", "員")),
    )
    rows = dict(t.visit_fields(visit, "西元"))
    assert rows["拜訪機構名稱："] == ["筑波大學"]
    assert rows["主要洽談人／職務："] == ["（組一）", "甲／長", "乙／員", "丙／員"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("參觀進駐新創企業", "（參觀進駐新創企業）"),  # Chinese: full-width, never 「(參觀…)」
        ("Tsukuba Center, INC.", "(Tsukuba Center, INC.)"),  # Latin alone: half-width, as the seed
        ("TCI 企業", "（TCI 企業）"),
        ("ＴＣＩ", "（ＴＣＩ）"),  # full-width Latin is full-width text
    ],
)
def test_bracket_is_full_width_around_chinese(text: str, expected: str) -> None:
    assert t.bracket(text) == expected


def test_conference_fields() -> None:
    c = m.Conference(
        m.Name("國際研討會", "Symposium"),
        "會場",
        D(2024, 3, 6),
        D(2024, 3, 7),
        "學會",
        "ITS",
        "https://x.org",
    )
    assert t.conference_fields(c, "民國") == [
        ("會議名稱：", ["國際研討會（Symposium，ITS）"]),
        ("主辦單位：", ["學會"]),
        ("會議地點：", ["會場"]),
        ("會議期間：", ["113年3月6日至113年3月7日"]),
        ("會議網址：", ["https://x.org"]),
    ]
    plain = m.Conference(m.Name("研討會"), "會場", D(2024, 3, 6), D(2024, 3, 6), "學會")
    assert t.conference_fields(plain, "西元") == [
        ("會議名稱：", ["研討會"]),
        ("主辦單位：", ["學會"]),
        ("會議地點：", ["會場"]),
        ("會議期間：", ["2024年3月6日至2024年3月6日"]),
    ]
    abbreviated = m.Conference(m.Name("研討會"), "會場", D(2024, 3, 6), D(2024, 3, 6), abbreviation="ITS")
    # No organiser (the 國科會 form's conference need not name one): no 主辦單位 line.
    assert t.conference_fields(abbreviated, "西元")[:2] == [
        ("會議名稱：", ["研討會（ITS）"]),
        ("會議地點：", ["會場"]),
    ]


def test_paper_fields() -> None:
    paper = m.Paper(m.Name("論文"), (m.Author("甲"), m.Author("乙")), "口頭", ())
    assert t.paper_fields(paper) == [
        ("論文題目：", ["論文"]),
        ("作者：", ["甲、乙"]),
        ("發表方式：", ["口頭發表"]),
    ]
    english = m.Paper(
        m.Name("論文", "A Paper"), (m.Author("Chen-Hao Chao"), m.Author("Chun-Yi Lee", "NTHU")), "海報", ()
    )
    assert t.paper_fields(english)[:2] == [
        ("論文題目：", ["論文(A Paper)"]),
        ("作者：", ["Chen-Hao Chao, Chun-Yi Lee (NTHU)"]),
    ]


@pytest.mark.parametrize(
    ("authors", "expected"),
    [
        ((m.Author("陳志明", "交通部"), m.Author("林怡君")), "陳志明（交通部）、林怡君"),
        ((m.Author("陳志明"), m.Author("Chun-Yi Lee")), "陳志明、Chun-Yi Lee"),  # any Chinese name: 、
        ((m.Author("Ann Lee", "MIT"),), "Ann Lee (MIT)"),
    ],
)
def test_authors_are_joined_as_their_language_joins_them(
    authors: tuple[m.Author, ...], expected: str
) -> None:
    assert t.authors_text(authors) == expected


def test_material_and_certificate_text() -> None:
    assert t.material_text(m.Material("論文集", "電子檔一份")) == "論文集：電子檔一份"
    assert t.material_text(m.Material("講義")) == "講義"
    assert t.certificate_text(m.CourseSchedule((), "結業證書")) == "取得證書：結業證書"
    assert t.certificate_text(m.CourseSchedule(())) is None


def test_itinerary_and_course_rows() -> None:
    itinerary = m.Itinerary(
        (m.ItineraryDay(D(2015, 3, 8), "桃園→東京", "東京"), m.ItineraryDay(D(2015, 3, 9), "返國"))
    )
    assert t.itinerary_rows(itinerary, "民國") == [
        ("104/03/08（日）", "桃園→東京", "東京"),
        ("104/03/09（一）", "返國", ""),
    ]
    course = m.CourseSchedule((m.Lesson(D(2024, 3, 7), "課程", "講師"),))
    assert t.course_rows(course, "西元") == [("2024/03/07（四）", "課程", "講師")]


def test_summary_sheet() -> None:
    r = report(
        travellers=(WANG, LEE),
        categories=("考察", "開會"),
        portal_id="C10400123",
        summary="第一段 A B。\n第二段。",
        keywords=("產學", "合作"),
        period=m.Period(D(2015, 3, 8), D(2015, 3, 14)),
        report_date=D(2015, 4, 30),
    )
    sheet = t.summary_sheet(r, 23)
    assert sheet.title == "公務出國報告提要"
    assert sheet.head == [
        ("頁數", ["23頁　含附件：■是　□否"]),
        ("系統識別號", ["C10400123"]),
        ("出國報告名稱", ["測試報告"]),
        ("計畫名稱", ["測試計畫"]),
        ("主辦機關", ["科技部"]),
        ("聯絡人／電話", ["王大明／02-2737-7000"]),
    ]
    assert sheet.travellers == [
        ("王大明", "科技部", "產學司", "科長", "薦任", "02-1"),
        ("李小華", "科技部", "國合司", "專員", "委任", "02-2"),
    ]
    assert sheet.tail == [
        ("出國類別", ["■考察　□進修　□研究　□實習　□視察　□訪問　■開會　□談判　□其他"]),
        ("出國期間", ["中華民國104年3月8日至104年3月14日"]),
        ("出國地區", ["日本／東京"]),
        ("報告日期", ["中華民國104年4月30日"]),
        ("分類號／目", ["科學技術"]),
        ("關鍵詞", ["產學、合作"]),
        ("內容摘要", ["第一段 A B。", "第二段。"]),
    ]


def test_summary_sheet_without_pages_portal_id_or_appendix() -> None:
    sheet = t.summary_sheet(report(appendix=m.Appendix()), None)
    assert sheet.head[:2] == [("頁數", ["　頁　含附件：□是　■否"]), ("出國報告名稱", ["測試報告"])]
    assert t.summary_sheet(report(appendix=m.Appendix()), 0).head[0] == ("頁數", ["　頁　含附件：□是　■否"])


def test_summary_sheet_appendix_with_attachments_only() -> None:
    sheet = t.summary_sheet(report(appendix=m.Appendix(attachments=(m.Attachment("議程"),))), 5)
    assert sheet.head[0] == ("頁數", ["5頁　含附件：■是　□否"])


def test_review_head() -> None:
    r = report(
        travellers=(WANG, LEE, LIN),
        categories=("考察", "開會"),
        period=m.Period(D(2015, 3, 8), D(2015, 3, 14)),
        report_date=D(2015, 4, 30),
    )
    assert t.review_head(r) == [
        ("報告名稱", ["測試報告"]),
        ("出國人姓名", ["王大明、李小華、林二"]),
        ("職稱", ["科長、專員、技正"]),
        ("服務單位", ["科技部產學司、科技部國合司"]),
        ("出國類別", ["考察、開會"]),
        ("出國期間", ["中華民國104年3月8日至104年3月14日"]),
        ("報告繳交日期", ["中華民國104年4月30日"]),
    ]


def test_cover_context_is_the_cover_template_placeholders() -> None:
    four = report(
        travellers=(WANG, LEE, CHEN, LIN),
        period=m.Period(D(2015, 3, 8), D(2015, 3, 14)),
        report_date=D(2015, 4, 30),
    )
    assert t.cover_context(four) == {
        "category": "出國報告（出國類別：考察）",
        "title": "測試報告",
        "agency": "服務機關：科技部、經濟部",
        "travellers": ["姓名職稱：王大明　科長等4人"],
        "destinations": "派赴國家／地區：日本／東京",
        "period": "出國期間：中華民國104年3月8日至104年3月14日",
        "report_date": "報告日期：中華民國104年4月30日",
    }


def test_summary_sheet_context_names_every_row() -> None:
    r = report(
        travellers=(WANG,), portal_id="C10400123", summary="第一段。\n第二段。", keywords=("產學", "合作")
    )
    assert t.summary_sheet_context(t.summary_sheet(r, 23)) == {
        "pages": "23頁　含附件：■是　□否",
        "portal_id": "C10400123",
        "title": "測試報告",
        "plan": "測試計畫",
        "sponsor": "科技部",
        "contact": "王大明／02-2737-7000",
        "categories": "■考察　□進修　□研究　□實習　□視察　□訪問　□開會　□談判　□其他",
        "period": "中華民國104年3月8日至104年3月10日",
        "destinations": "日本／東京",
        "report_date": "中華民國104年4月30日",
        "classification": "科學技術",
        "keywords": "產學、合作",
        "summary": ["第一段。", "第二段。"],
        "travellers": [
            {
                "name": "王大明",
                "agency": "科技部",
                "unit": "產學司",
                "title": "科長",
                "rank": "薦任",
                "phone": "02-1",
            }
        ],
    }
    assert t.summary_sheet_context(t.summary_sheet(report(portal_id=None), 23))["portal_id"] == ""


def test_review_sheet_context_names_every_header_row() -> None:
    r = report(
        travellers=(WANG, LEE), period=m.Period(D(2015, 3, 8), D(2015, 3, 14)), report_date=D(2015, 4, 30)
    )
    assert t.review_sheet_context(r) == {
        "title": "測試報告",
        "names": "王大明、李小華",
        "job_titles": "科長、專員",
        "units": "科技部產學司、科技部國合司",
        "categories": "考察",
        "period": "中華民國104年3月8日至104年3月14日",
        "submitted": "中華民國104年4月30日",
    }


def _nstc_report(**changes: object) -> m.Report:
    import dataclasses

    conference = m.Conference(m.Name("研討會", "Symposium"), "東京", D(2025, 5, 19), D(2025, 5, 23))
    report = m.Report(
        plan="計畫",
        travellers=(
            m.Traveller("王俊傑", "副教授", "清華大學", "電機系"),
            m.Traveller("李怡萱", "博士生", "清華大學"),
        ),
        report_date=D(2025, 6, 20),
        chapters=(m.Chapter("參加會議經過", (m.Paper(m.Name("論文", "A Paper"), (), "海報", ()),)),),
        form="nstc-conference",
        project_number="NSTC 113-2221-E-007-045",
        conference=conference,
    )
    return dataclasses.replace(report, **changes)


def test_nstc_header_rows_and_template_context() -> None:
    report = _nstc_report()
    assert t.nstc_date(report) == "日期：114年6月20日"
    rows = [
        ("計畫編號", ["NSTC 113-2221-E-007-045"]),
        ("計畫名稱", ["計畫"]),
        ("出國人員姓名", ["王俊傑、李怡萱"]),
        ("服務機構及職稱", ["清華大學電機系　副教授", "清華大學　博士生"]),
        ("會議時間", ["114年5月19日至114年5月23日"]),
        ("會議地點", ["東京"]),
        ("會議名稱", ["（中文）研討會", "（英文）Symposium"]),
        ("發表題目", ["（中文）論文", "（英文）A Paper"]),
    ]
    assert t.nstc_header(report) == rows
    context = t.nstc_header_context(report)
    assert context == {"date": "日期：114年6月20日", **{t.NSTC_FIELDS[label]: lines for label, lines in rows}}
    without_paper = _nstc_report(chapters=(m.Chapter("參加會議經過", ()),))
    assert t.nstc_header(without_paper)[-1] == ("發表題目", ["無"])
    no_english = _nstc_report(
        conference=m.Conference(m.Name("研討會"), "東京", D(2025, 5, 19), D(2025, 5, 23))
    )
    assert t.nstc_header(no_english)[6] == ("會議名稱", ["（中文）研討會", "（英文）"])


def test_document_title_falls_back_to_the_conference() -> None:
    assert t.document_title(_nstc_report(title="報告")) == "報告"
    assert t.document_title(_nstc_report()) == "出席研討會心得報告"


def test_name_text_brackets_the_english_name() -> None:
    assert t.name_text(m.Name("研討會", "Symposium")) == "研討會(Symposium)"
    assert t.name_text(m.Name("研討會")) == "研討會"
