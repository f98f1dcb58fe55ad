"""The content format as field declarations: what report.yaml may contain and how it maps to the model."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from . import model as m
from .blocks import BLOCK_TYPES, PARAGRAPH
from .fields import (
    INVALID,
    Bool,
    Choice,
    Context,
    Date,
    Field,
    Lazy,
    ListOf,
    Mapped,
    Obj,
    OneOf,
    Spec,
    Text,
    Time,
    did_you_mean,
    join,
    known,
    wrong_type,
)
from .images import MAX_REPORT_IMAGE_BYTES, inspect_image, megabytes
from .inline import parse_inline
from .load import Node
from .wording.dates import WEEKDAYS


class FilePath(Spec):
    """A file inside the report folder, written relative to it; ``image`` also checks its content."""

    def __init__(self, image: bool):
        self.image = image

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^[^/\\]"}

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if node.kind != "text":
            return ctx.report(node, path, wrong_type(node, "檔案路徑（如 photos/01.jpg）"))
        written = node.value.strip()
        rel = Path(written)
        if rel.is_absolute() or written.startswith(("\\", "/")) or ":" in written[:3]:
            return ctx.report(
                node,
                path,
                f"「{written}」是絕對路徑；請把檔案放進報告資料夾，寫相對路徑，例如 photos/01.jpg。",
            )
        if ".." in rel.parts:
            return ctx.report(
                node, path, f"「{written}」用 .. 離開了報告資料夾；請把檔案放進報告資料夾，例如 photos/ 裡。"
            )
        full = ctx.folder / rel
        if not full.exists():
            siblings = [p.name for p in full.parent.iterdir()] if full.parent.is_dir() else []
            hint = did_you_mean(rel.name, siblings) if siblings else "請確認檔名與資料夾。"
            if not siblings or not hint.startswith("是不是"):
                hint = "請確認檔名（大小寫也要相同）與資料夾。"
            return ctx.report(node, path, f"找不到檔案 {written}；{hint}")
        if not full.resolve().is_relative_to(ctx.folder.resolve()):
            return ctx.report(
                node, path, f"{written} 是捷徑，指向報告資料夾以外的檔案；請把檔案本身複製進報告資料夾。"
            )
        if full.is_dir():
            return ctx.report(node, path, f"{written} 是資料夾，不是檔案。")
        if not full.is_file():  # a FIFO, socket or device: reading it could block forever
            return ctx.report(node, path, f"{written} 不是一般檔案（可能是管道或裝置）；請放入檔案本身。")
        if self.image and (why := inspect_image(full)):
            return ctx.report(node, path, f"{written} {why}")
        if self.image:
            ctx.image_bytes[full.resolve()] = full.stat().st_size
            if (total := sum(ctx.image_bytes.values())) > MAX_REPORT_IMAGE_BYTES:
                ctx.image_bytes.pop(full.resolve())  # one message, at the image that crosses it
                return ctx.report(
                    node,
                    path,
                    f"加上 {written}，圖片共 {megabytes(total)}，超過每份"
                    f"報告的上限 {megabytes(MAX_REPORT_IMAGE_BYTES)}；請縮小照片"
                    "（如另存為 1600 像素寬的 JPEG）。",
                )
        return full.resolve()


def paragraph(max_len: int = 5000) -> Spec:
    return Mapped(Text(max_len=max_len, single_line=False), parse_inline)


def _check_weekday(values: dict[str, Any], node: Node, path: str, ctx: Context) -> None:
    if "weekday" not in values:
        return
    typed, actual = values.pop("weekday").strip("（）() 星期週"), WEEKDAYS[values["date"].weekday()]
    if typed != actual:
        ctx.report(
            node.value["weekday"],
            join(path, "weekday"),
            f"{values['date']:%Y-%m-%d} 是星期{actual}，不是星期{typed}；星期會自動算出，可以刪除這個欄位。",
        )


def _visit(**v: Any) -> m.Visit:
    inst: m.Institution = v["institution"]
    title = v.pop("title", None) or (
        INVALID
        if not known(inst.name, inst.abbreviation)
        # a partial visit: no title
        else f"{inst.name}({inst.abbreviation})"
        if inst.abbreviation
        else inst.name
    )
    return m.Visit(title=title, **v)


def _check_times(values: dict[str, Any], node: Node, path: str, ctx: Context) -> None:
    if values["end"] <= values["start"]:
        ctx.report(
            node.value["end"], join(path, "end"), '結束時間早於開始時間；請用 24 小時制，下午四點寫 "16:00"。'
        )


BLOCK: Spec = Lazy(lambda: BLOCK_SPEC)
BLOCKS = ListOf(BLOCK)
SECTION = Obj(m.Section, {"title": Field(Text(200), "標題"), "blocks": Field(BLOCKS, "內容")})

_ITEM_MAP = Obj(
    m.ListItem,
    {
        "text": Field(paragraph(), "項目文字"),
        "blocks": Field(BLOCKS, "項目下的內容", required=False, default=()),
    },
)


class _Item(Spec):
    expected = "項目"

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "string"}, _ITEM_MAP.json_schema()]}

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if node.kind == "map":
            return _ITEM_MAP.convert(node, path, ctx)
        return Mapped(paragraph(), m.ListItem).convert(node, path, ctx)


INSTITUTION = Obj(
    m.Institution,
    {
        "name": Field(Text(200), "機構中文名稱"),
        "english": Field(Text(300), "英文名稱", required=False),
        "abbreviation": Field(Text(50), "簡稱", required=False),
    },
)
CONTACT = Obj(
    m.Contact,
    {
        "name": Field(Text(100), "姓名"),
        "position": Field(Text(300), "職務"),
        "group": Field(Text(100), "分組標示", required=False),
    },
)
VISIT = Obj(
    _visit,
    {
        "title": Field(Text(200), "標題", required=False),
        "country": Field(Text(100), "前往國家"),
        "region": Field(Text(100), "地區（城市）"),
        "institution": Field(INSTITUTION, "拜訪機構"),
        "contacts": Field(ListOf(CONTACT), "主要洽談人"),
        "date": Field(Date(), "日期"),
        "start": Field(Time(), "開始時間"),
        "end": Field(Time(), "結束時間"),
        "place": Field(Text(300), "地點"),
        "sections": Field(ListOf(SECTION), "內容段落"),
    },
    check=_check_times,
)
RECOMMENDATIONS = Mapped(
    ListOf(
        Obj(
            m.RecommendationGroup,
            {
                "institution": Field(Text(200), "機構", required=False),
                "items": Field(ListOf(paragraph()), "建議事項"),
            },
        )
    ),
    m.Recommendations,
)
CONFERENCE = Obj(
    m.Conference,
    {
        "name": Field(Text(300), "會議中文名稱"),
        "english": Field(Text(300), "英文名稱", required=False),
        "abbreviation": Field(Text(50), "簡稱", required=False),
        "organiser": Field(Text(300), "主辦單位"),
        "venue": Field(Text(300), "地點"),
        "start": Field(Date(), "開始日期"),
        "end": Field(Date(), "結束日期"),
        "website": Field(Text(500), "網址", required=False),
    },
)
PAPER = Obj(
    m.Paper,
    {
        "title": Field(Text(500), "論文題目"),
        "authors": Field(ListOf(Text(200)), "作者"),
        "presentation": Field(Choice(m.PRESENTATIONS, "發表方式"), "發表方式（口頭或海報）"),
        "abstract": Field(ListOf(paragraph()), "論文摘要"),
    },
)
MATERIALS = Mapped(
    ListOf(
        Obj(
            m.Material,
            {
                "title": Field(Text(300), "資料名稱"),
                "description": Field(Text(1000), "說明", required=False),
            },
        )
    ),
    m.Materials,
)
COURSE = Obj(
    m.CourseSchedule,
    {
        "lessons": Field(
            ListOf(
                Obj(
                    m.Lesson,
                    {
                        "date": Field(Date(), "日期"),
                        "topic": Field(Text(300), "課程主題"),
                        "instructor": Field(Text(200), "講師"),
                    },
                )
            ),
            "課程",
        ),
        "certificate": Field(Text(300), "取得證書", required=False),
    },
)


def _table(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], caption: str | None = None) -> m.Table:
    return m.Table(header=header, rows=rows, caption=caption)


def _check_rows(values: dict[str, Any], node: Node, path: str, ctx: Context) -> None:
    width = len(values["header"])
    for i, (row, row_node) in enumerate(zip(values["rows"], node.value["rows"].value, strict=True)):
        if len(row) != width:
            ctx.report(
                row_node,
                f"{path}.rows[{i}]",
                f'這一列有 {len(row)} 格，表頭有 {width} 格；每一列的格數要和表頭相同（空格請寫 ""）。',
            )


class Cell(Text):
    """A table cell may be empty, and numbers or dates in it are kept as written."""

    def json_schema(self) -> dict[str, Any]:
        return {"type": ["string", "number", "boolean"]}

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if node.kind == "text" and not node.value.strip():
            return ""
        if node.kind in ("number", "bool", "date", "datetime", "bad-date"):
            node = Node("text", node.raw, node.line, node.col, raw=node.raw)
        return super().convert(node, path, ctx)


TABLE = Obj(
    _table,
    {
        "caption": Field(Text(300), "表名", required=False),
        "header": Field(ListOf(Text(200)), "表頭"),
        "rows": Field(ListOf(ListOf(Cell(2000), min_items=0)), "表格內容"),
    },
    check=_check_rows,
)
FIGURE = Obj(m.Figure, {"file": Field(FilePath(image=True), "圖檔"), "caption": Field(Text(300), "圖說")})

# How each block type of generator/blocks.py is written in YAML (paragraphs: a plain string).
BLOCK_SPECS: dict[type, Spec] = {
    m.Paragraph: paragraph(),
    m.Section: SECTION,
    m.NumberedList: Mapped(ListOf(_Item()), m.NumberedList),
    m.Table: TABLE,
    m.Figure: FIGURE,
    m.Visit: VISIT,
    m.Recommendations: RECOMMENDATIONS,
    m.Conference: CONFERENCE,
    m.Paper: PAPER,
    m.Materials: MATERIALS,
    m.CourseSchedule: COURSE,
}
BLOCK_SPEC: Spec = OneOf(
    BLOCK_SPECS[m.Paragraph], {bt.key: BLOCK_SPECS[bt.cls] for bt in BLOCK_TYPES if bt.key != PARAGRAPH}
)

REPORT = Obj(
    m.Report,
    {
        "title": Field(Text(200), "報告名稱"),
        "plan": Field(Text(200), "計畫名稱"),
        "portal_id": Field(Text(20), "系統識別號", required=False),
        "categories": Field(ListOf(Choice(m.CATEGORIES, "出國類別")), "出國類別"),
        "sponsor": Field(Text(100), "主辦機關"),
        "contact": Field(
            Obj(
                m.ContactPerson,
                {
                    "name": Field(Text(50), "聯絡人姓名"),
                    "phone": Field(Text(50), "聯絡電話"),
                },
            ),
            "聯絡人",
        ),
        "travellers": Field(
            ListOf(
                Obj(
                    m.Traveller,
                    {
                        "name": Field(Text(50), "姓名"),
                        "title": Field(Text(100), "職稱"),
                        "agency": Field(Text(100), "服務機關"),
                        "unit": Field(Text(100), "服務單位"),
                        "rank": Field(Choice(m.RANKS, "官職等"), "官職等"),
                        "phone": Field(Text(50), "電話"),
                        "email": Field(Text(200), "電子郵件", required=False),
                    },
                )
            ),
            "出國人員",
        ),
        "destinations": Field(
            ListOf(
                Obj(
                    m.Destination,
                    {
                        "country": Field(Text(100), "國家／地區"),
                        "cities": Field(ListOf(Text(100)), "城市", required=False, default=()),
                    },
                )
            ),
            "派赴國家／地區",
        ),
        "period": Field(
            Obj(
                m.Period,
                {
                    "start": Field(Date(), "出發日期"),
                    "end": Field(Date(), "返國日期"),
                },
            ),
            "出國期間",
        ),
        "report_date": Field(Date(), "報告日期"),
        "keywords": Field(ListOf(Text(50)), "關鍵詞"),
        "classification": Field(Text(100), "分類號／目"),
        "summary": Field(Text(1000, single_line=False), "提要的內容摘要（200～300 字）"),
        "settings": Field(
            Obj(
                m.Settings,
                {
                    "year_style": Field(
                        Choice(m.YEAR_STYLES, "紀年方式"), "本文紀年（西元或民國）", required=False
                    ),
                    "summary_sheet": Field(Bool(), "是否附提要表", required=False),
                    "review_sheet": Field(Bool(), "是否產生審核表", required=False),
                },
            ),
            "設定",
            required=False,
        ),
        "abstract": Field(ListOf(paragraph()), "摘要"),
        "itinerary": Field(
            Obj(
                m.Itinerary,
                {
                    "title": Field(Text(100), "標題", required=False),
                    "days": Field(
                        ListOf(
                            Obj(
                                m.ItineraryDay,
                                {
                                    "date": Field(Date(), "日期"),
                                    "weekday": Field(Text(10), "星期", required=False),
                                    "plan": Field(Text(500), "預定行程"),
                                    "overnight": Field(Text(100), "夜宿", required=False),
                                },
                                check=_check_weekday,
                            )
                        ),
                        "每日行程",
                    ),
                },
            ),
            "日程表",
            required=False,
        ),
        "chapters": Field(
            ListOf(
                Obj(
                    m.Chapter,
                    {
                        "title": Field(Text(200), "章標題"),
                        "restricted": Field(Bool(), "限閱", required=False),
                        "blocks": Field(BLOCKS, "內容"),
                    },
                )
            ),
            "本文各章",
        ),
        "appendix": Field(
            Obj(
                m.Appendix,
                {
                    "title": Field(Text(100), "標題", required=False),
                    "photos": Field(
                        ListOf(
                            Obj(
                                m.Photo,
                                {
                                    "file": Field(FilePath(image=True), "照片檔"),
                                    "caption": Field(Text(300), "照片說明"),
                                },
                            ),
                            min_items=0,
                            max_items=500,
                        ),
                        "照片",
                        required=False,
                    ),
                    "attachments": Field(
                        ListOf(
                            Obj(
                                m.Attachment,
                                {
                                    "title": Field(Text(300), "附件名稱"),
                                    "file": Field(FilePath(image=False), "附件檔", required=False),
                                },
                            )
                        ),
                        "其他附件",
                        required=False,
                    ),
                },
            ),
            "附錄",
            required=False,
        ),
    },
)


def convert_report(root: Node, ctx: Context) -> m.Report | None:
    """Build the model from the loaded tree, reporting every problem into ``ctx``. When there
    are errors the model is incomplete (INVALID where a field had one): for the checks only."""
    report = REPORT.convert(root, "", ctx)
    if report is INVALID:
        return None
    return dataclasses.replace(report, folder=ctx.folder.resolve())


def json_schema() -> dict[str, Any]:
    """The content format as a JSON Schema (draft 2020-12), for `tripreport schema`."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "公務出國報告 report.yaml (tripreport)",
        **REPORT.json_schema(),
        "$defs": {"block": BLOCK_SPEC.json_schema()},
    }
