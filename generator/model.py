"""The typed, frozen document model that both renderers read (never the YAML)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

CATEGORIES = ("考察", "進修", "研究", "實習", "視察", "訪問", "開會", "談判", "其他")
RANKS = ("簡任", "薦任", "委任", "其他")
YEAR_STYLES = ("西元", "民國")
PRESENTATIONS = ("口頭", "海報")


@dataclass(frozen=True)
class Span:
    """A run of inline text: plain, bold, or a link (``url`` set)."""

    text: str
    bold: bool = False
    url: str | None = None


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
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None


@dataclass(frozen=True)
class Figure:
    file: Path  # absolute, checked to lie inside the report folder
    caption: str


@dataclass(frozen=True)
class Section:
    """A generated-numbered heading one level below its parent, with its blocks."""

    title: str
    blocks: tuple[Block, ...]


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
class RecommendationGroup:
    """Numbered recommendations about one institution (``institution`` set) or in general."""

    items: tuple[Paragraph, ...]
    institution: str | None = None


@dataclass(frozen=True)
class Recommendations:
    groups: tuple[RecommendationGroup, ...]


@dataclass(frozen=True)
class Conference:
    name: str
    organiser: str
    venue: str
    start: dt.date
    end: dt.date
    english: str | None = None
    abbreviation: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class Paper:
    title: str
    authors: tuple[str, ...]
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
    unit: str
    rank: Literal["簡任", "薦任", "委任", "其他"]
    phone: str
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
    summary_sheet: bool = True
    review_sheet: bool = False


@dataclass(frozen=True)
class Report:
    title: str
    plan: str
    categories: tuple[str, ...]
    sponsor: str
    contact: ContactPerson
    travellers: tuple[Traveller, ...]
    destinations: tuple[Destination, ...]
    period: Period
    report_date: dt.date
    keywords: tuple[str, ...]
    classification: str
    summary: str
    abstract: tuple[Paragraph, ...]
    chapters: tuple[Chapter, ...]
    itinerary: Itinerary | None = None
    appendix: Appendix = field(default_factory=Appendix)
    portal_id: str | None = None
    settings: Settings = field(default_factory=Settings)
    folder: Path = Path(".")  # the report folder; its name is the slug

    @property
    def slug(self) -> str:
        return self.folder.name
