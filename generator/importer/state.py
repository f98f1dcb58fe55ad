"""What the recognisers share: the report's state as it is read (period, year style, photos,
what was recognised) and the steps every part uses (captions, figures, photo files)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .items import Image, Item, Para, Table
from .outline import APPENDIX, Node
from .parse import (
    dates_in,
    roc_written,
    strip_caption_label,
)
from .yamlout import Note

FRONT = {
    "公務出國報告提要": "sheet",
    "出國報告提要": "sheet",
    "摘要": "abstract",
    "摘 要": "abstract",
    "內容摘要": "abstract",
    "日程表": "itinerary",
    "行程表": "itinerary",
    "行程": "itinerary",
    "出國行程": "itinerary",
    "目次": "toc",
    "目錄": "toc",
    "目 次": "toc",
    "目 錄": "toc",
}
GAP = "○○"  # what the clerk still has to fill in: `check` lists each one, located
CAPTION_NUMBER = re.compile(r"^(?:圖|表|照片|相片|附圖|附表)\s*([0-9０-９一二三四五六七八九十]+)")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass
class Result:
    data: dict[str, Any]
    images: list[tuple[str, Image]]  # (file written in report.yaml, image)
    recognised: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)


class State:
    def __init__(self, items: list[Item]):
        self.items = [i for i in items if not (isinstance(i, Para) and not i.plain.strip() and not i.images)]
        # the level of the chapters: the highest heading level used (outside the front
        # matter and the appendix), 1 unless the author started at Heading 2
        self.top = min(
            (
                i.heading
                for i in self.items
                if isinstance(i, Para)
                and i.heading
                and not i.toc
                and i.style not in ("front heading", "appendix heading")
                and not FRONT.get(re.sub(r"\s+", "", i.plain))
                and not APPENDIX.match(i.plain.strip())
            ),
            default=1,
        )
        self.styled = any(isinstance(i, Para) and (i.heading or i.list_level) for i in self.items)
        self.form = ""  # the form recognised: "" (行政院's) or forms.NSTC_CONFERENCE
        self.cover: dict[str, Any] = {}
        self.sheet: dict[str, Any] = {}
        self.travellers: list[dict[str, Any]] = []
        self.abstract: list[Any] = []  # paragraphs, or Notes of text placed here
        self.itinerary_table: Table | None = None
        self.itinerary_title = "日程表"
        self.period: tuple[dt.date, dt.date] | None = None
        self.recognised: list[str] = []
        self.guessed: list[str] = []
        self.images: list[tuple[str, Image]] = []
        self._files: dict[int, str] = {}
        self.year_roc: bool | None = None
        self.chinese_captions: bool | None = None
        self._in_appendix = False
        self._body: list[Any] = []  # the chapters' blocks, to find the files they use

    # -- front matter ------------------------------------------------------------------------

    def _strip(self, caption: str) -> str:
        """The caption without its label (圖1　, 圖一、, 表2：); the first label tells whether
        the document numbers captions in Chinese numerals."""
        if self.chinese_captions is None and (m_ := CAPTION_NUMBER.match(caption.strip())):
            self.chinese_captions = not m_[1][0].isdigit()
        return strip_caption_label(caption)

    def _figure(self, image: Image, caption: str | None) -> Any:
        file = self._file(image, "figure")
        if file is None:
            return Note(f"{GAP}（原文件此處的圖片 {image.name} 未匯入：{self._why(image)}）", "圖片未匯入")
        figure = {"file": file, "caption": caption or Note(GAP, "找不到圖說")}
        if not self._in_appendix:
            self.recognised_count("圖片")
        return {"figure": figure}

    def recognised_count(self, what: str) -> None:
        for k, line in enumerate(self.recognised):
            if line.startswith(f"{what} ") and line.endswith(" 張"):
                self.recognised[k] = f"{what} {int(line.split()[1]) + 1} 張"
                return
        self.recognised.append(f"{what} 1 張")

    def recognised_visit(self) -> None:
        for k, line in enumerate(self.recognised):
            if line.startswith("參訪紀錄 "):
                self.recognised[k] = f"參訪紀錄 {int(line.split()[1]) + 1} 筆"
                return
        self.recognised.append("參訪紀錄 1 筆")

    def _why(self, image: Image) -> str:
        return "外部連結的圖片，基於安全不下載" if image.data is None else "不支援的圖片格式"

    def _file(self, image: Image, stem: str) -> str | None:
        from .photos import extension

        if image.data is None:
            return None
        ext = extension(image.data)
        if ext is None:
            return None
        key = hash(image.data)
        if key not in self._files:
            self._files[key] = f"photos/{stem}-{len(self.images) + 1:02d}{ext}"
            self.images.append((self._files[key], image))
        return self._files[key]

    def _dates(self, text: str) -> list[dt.date]:
        if self.year_roc is None and text:
            self.year_roc = roc_written(text)
        return dates_in(text)

    def _fallback_day(self) -> dt.date:
        return self.period[0] if self.period else dt.date.today()

    def _blocks(self, children: list[Node | Item], level: int, title: str) -> list[Any]:
        raise NotImplementedError  # the body's recogniser (recognise.Recogniser)
