"""The official forms a report can be printed on: which fields each requires and which parts it prints.

One content model serves every form. A form never copies the pipeline: it names the fields
validation must ask for (``required``), the fields it has no place for (``unused``: written
anyway, they get a warning rather than vanishing silently), its fixed chapter titles, the
numbering level its chapters start at, and the parts both renderers print, in order, in runs
of pages numbered alike.
"""

from __future__ import annotations

from dataclasses import dataclass

EXECUTIVE_YUAN = "executive-yuan"
NSTC_CONFERENCE = "nstc-conference"

# Parts of a document, in the order a form prints them (both renderers dispatch on these names).
COVER, NSTC_HEADER, SUMMARY_SHEET, ABSTRACT, ITINERARY, TOC, BODY, APPENDIX = (
    "cover",
    "nstc_header",
    "summary_sheet",
    "abstract",
    "itinerary",
    "toc",
    "body",
    "appendix",
)


@dataclass(frozen=True)
class Pages:
    """A run of pages numbered alike (in Word, one section): ``numbering`` is Word's number
    format of its page numbers (None: no number printed), ``parts`` what it holds, in order."""

    numbering: str | None
    parts: tuple[str, ...]

    @property
    def page_name(self) -> str:
        """The named page of these pages in report.css (its page numbers, its PDF page labels)."""
        return {None: "cover", "lowerRoman": "front", "decimal": "body"}[self.numbering]


@dataclass(frozen=True)
class Form:
    key: str  # the value of `form:` in report.yaml
    title: str  # the form's name, as docs and messages say it
    required: frozenset[str]  # field paths ("travellers.rank"), list indexes left out
    unused: frozenset[str]  # fields this form prints nowhere (top-level, or under settings)
    pages: tuple[Pages, ...]
    chapter_level: int = 1  # the numbering level of a chapter: 1 = 壹、, 2 = 一、
    chapters: tuple[str, ...] = ()  # the chapter titles the form fixes, in order; () = free
    review_sheet: bool = True  # whether there is a 審核表 to ask for (`--review-sheet`, settings)
    portal: bool = True  # whether the report goes to 行政院's portal (a <slug>.portal.json record)
    caption_numbers: str = "阿拉伯數字"  # figures and tables: 圖1 (or 中文數字: 圖一、), unless set

    def requires(self, path: str) -> bool:
        return path in self.required

    def prints(self, part: str) -> bool:
        return any(part in pages.parts for pages in self.pages)


# What every form requires; what only the 行政院 form prints (its cover, 提要 and front matter).
_COMMON = frozenset(
    {
        "plan",
        "travellers",
        "travellers.name",
        "travellers.title",
        "travellers.agency",
        "report_date",
        "chapters",
    }
)
_EXECUTIVE = frozenset(
    {
        "categories",
        "sponsor",
        "contact",
        "destinations",
        "period",
        "keywords",
        "classification",
        "summary",
        "abstract",
    }
)

FORMS: dict[str, Form] = {
    form.key: form
    for form in (
        Form(
            EXECUTIVE_YUAN,
            "行政院及所屬各機關公務出國報告",
            _COMMON | _EXECUTIVE | {"title", "travellers.unit", "travellers.rank", "travellers.phone"},
            frozenset({"project_number", "conference"}),
            (
                Pages(None, (COVER,)),
                Pages("lowerRoman", (SUMMARY_SHEET, ABSTRACT, ITINERARY, TOC)),
                Pages("decimal", (BODY, APPENDIX)),
            ),
        ),
        Form(
            NSTC_CONFERENCE,
            "國家科學及技術委員會補助專題研究計畫出席國際學術會議心得報告",
            _COMMON | {"project_number", "conference"},
            _EXECUTIVE | {"itinerary", "portal_id", "settings.summary_sheet", "settings.review_sheet"},
            (Pages("decimal", (NSTC_HEADER, BODY, APPENDIX)),),
            chapter_level=2,
            chapters=("參加會議經過", "與會心得", "發表論文全文或摘要", "建議", "攜回資料名稱及內容", "其他"),
            review_sheet=False,
            portal=False,
            caption_numbers="中文數字",  # format-spec §8: its photos are 「圖一、…」
        ),
    )
}
DEFAULT_FORM = EXECUTIVE_YUAN
# While `form:` names no form (a typo, reported there), the rest of the report is checked for
# what every form requires, and nothing is warned about as unused.
ANY_FORM = Form("", "本表格", _COMMON, frozenset(), ())


def form_of(key: str) -> Form:
    """The form of that key; for a key no form has (a report whose `form:` had an error,
    checked meanwhile), what every form requires."""
    return FORMS.get(key, ANY_FORM)
