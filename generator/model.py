"""The typed, frozen document model that both renderers read (never the YAML)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

CATEGORIES = ("考察", "進修", "研究", "實習", "視察", "訪問", "開會", "談判", "其他")
RANKS = ("簡任", "薦任", "委任", "其他")
YEAR_STYLES = ("西元", "民國")
CAPTION_NUMBERS = ("阿拉伯數字", "中文數字")  # 圖1、表1 or 圖一、表一
ROTATIONS = (90, 180, 270)  # degrees clockwise
PRESENTATIONS = ("口頭", "海報")


@dataclass(frozen=True)
class Span:
    """A run of inline text: plain, bold, a link (``url`` set), or a reference to a figure or
    table (``ref``: "fig:poster"; ``text`` is its number, 「圖1」, once the report is numbered)."""

    text: str
    bold: bool = False
    url: str | None = None
    ref: str | None = None


@dataclass(frozen=True)
class Paragraph:
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class ListItem:
    """One numbered item; ``blocks`` hold what follows it (sub-lists, paragraphs, figures)."""

    text: Paragraph
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class NumberedList:
    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class Table:
    """``label`` (「表1」) is given in document order to a table with a caption (captions.py)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None
    id: str | None = None  # referred to from text as @tbl:<id>
    label: str | None = None


@dataclass(frozen=True)
class FigureImage:
    file: Path  # absolute, checked to lie inside the report folder
    rotate: int = 0  # degrees clockwise, after the EXIF orientation


@dataclass(frozen=True)
class Figure:
    """1–4 images side by side under one caption; ``label`` (「圖1」) is given in document order."""

    images: tuple[FigureImage, ...]
    caption: str
    id: str | None = None  # referred to from text as @fig:<id>
    label: str | None = None


@dataclass(frozen=True)
class Section:
    """A generated-numbered heading one level below its parent, with its blocks (none: a
    heading alone)."""

    title: str
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Institution:
    name: str
    english: str | None = None
    abbreviation: str | None = None


@dataclass(frozen=True)
class Contact:
    name: str
    position: str
    group: str | None = None  # e.g. 參觀進駐新創企業


@dataclass(frozen=True)
class Visit:
    title: str  # the heading; defaults to "name(abbreviation)"
    country: str
    region: str
    institution: Institution
    contacts: tuple[Contact, ...]
    date: dt.date
    start: dt.time
    end: dt.time
    place: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Recommendation:
    """One numbered recommendation: a paragraph, after a short bold ``title`` when it has one."""

    text: Paragraph
    title: str | None = None


@dataclass(frozen=True)
class RecommendationGroup:
    """Numbered recommendations about one institution (``institution`` set) or in general."""

    items: tuple[Recommendation, ...]
    institution: str | None = None


@dataclass(frozen=True)
class Recommendations:
    groups: tuple[RecommendationGroup, ...]


@dataclass(frozen=True)
class Name:
    """A name in Chinese with, optionally, its English original (a conference, a paper)."""

    zh: str
    en: str | None = None


@dataclass(frozen=True)
class Conference:
    name: Name
    venue: str
    start: dt.date
    end: dt.date
    organiser: str = ""
    abbreviation: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class Author:
    name: str
    affiliation: str | None = None


@dataclass(frozen=True)
class Paper:
    title: Name
    authors: tuple[Author, ...]
    presentation: Literal["口頭", "海報"]
    abstract: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Material:
    """An item of 攜回資料 (materials brought back)."""

    title: str
    description: str | None = None


@dataclass(frozen=True)
class Materials:
    items: tuple[Material, ...]


@dataclass(frozen=True)
class Lesson:
    date: dt.date
    topic: str
    instructor: str


@dataclass(frozen=True)
class CourseSchedule:
    lessons: tuple[Lesson, ...]
    certificate: str | None = None


Block = (
    Paragraph
    | NumberedList
    | Table
    | Figure
    | Section
    | Visit
    | Recommendations
    | Conference
    | Paper
    | Materials
    | CourseSchedule
)


@dataclass(frozen=True)
class Chapter:
    title: str
    blocks: tuple[Block, ...]
    restricted: bool = False


@dataclass(frozen=True)
class Traveller:
    name: str
    title: str
    agency: str
    unit: str = ""
    rank: Literal["簡任", "薦任", "委任", "其他"] | None = None
    phone: str = ""
    email: str | None = None


@dataclass(frozen=True)
class Destination:
    country: str
    cities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class ContactPerson:
    name: str
    phone: str


@dataclass(frozen=True)
class ItineraryDay:
    date: dt.date
    plan: str
    overnight: str | None = None


@dataclass(frozen=True)
class Itinerary:
    days: tuple[ItineraryDay, ...]
    title: str = "日程表"


@dataclass(frozen=True)
class Photo:
    file: Path
    caption: str
    rotate: int = 0  # degrees clockwise, after the EXIF orientation


@dataclass(frozen=True)
class Attachment:
    title: str
    file: Path | None = None


@dataclass(frozen=True)
class Appendix:
    photos: tuple[Photo, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    title: str = "附錄"


@dataclass(frozen=True)
class Settings:
    year_style: Literal["西元", "民國"] = "西元"
    caption_numbers: Literal["阿拉伯數字", "中文數字"] = "阿拉伯數字"
    summary_sheet: bool = True
    review_sheet: bool = False
    allow: tuple[str, ...] = ()  # terms the writing checks leave alone (a name, a quotation)


@dataclass(frozen=True)
class Report:
    """One report. The fields one form requires may be empty for another (generator/forms.py):
    validation asks each form for exactly what it prints, so a renderer of a form finds them."""

    plan: str
    travellers: tuple[Traveller, ...]
    report_date: dt.date
    chapters: tuple[Chapter, ...]
    form: str = "executive-yuan"
    title: str = ""
    categories: tuple[str, ...] = ()
    sponsor: str = ""
    contact: ContactPerson | None = None
    destinations: tuple[Destination, ...] = ()
    period: Period | None = None
    keywords: tuple[str, ...] = ()
    classification: str = ""
    summary: str = ""
    abstract: tuple[Paragraph, ...] = ()
    project_number: str | None = None  # 計畫編號 (國科會)
    conference: Conference | None = None  # the conference of the 國科會 form's header
    itinerary: Itinerary | None = None
    appendix: Appendix = field(default_factory=Appendix)
    portal_id: str | None = None
    settings: Settings = field(default_factory=Settings)
    folder: Path = Path(".")  # the report folder; its name is the slug

    @property
    def slug(self) -> str:
        return self.folder.name
