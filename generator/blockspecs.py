"""The content format's blocks as field declarations: how each block type of generator/blocks.py
is written in report.yaml (schema.py declares the report around them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import model as m
from .blocks import BLOCK_TYPES, PARAGRAPH
from .captions import Label
from .fields import (
    INVALID,
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
    TextOr,
    Time,
    did_you_mean,
    join,
    known,
    wrong_type,
)
from .images import MAX_REPORT_IMAGE_BYTES, inspect_image, megabytes
from .inline import parse_inline
from .load import Node


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
        if self.image and (why := inspect_image(full, ctx.decode_images)):
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


class _Paragraph(Spec):
    """A paragraph with its inline markup; its references to figures and tables are noted,
    to be checked once every id of the report is known (captions.check_references)."""

    def __init__(self, max_len: int):
        self.text = Text(max_len=max_len, single_line=False)

    def json_schema(self) -> dict[str, Any]:
        return self.text.json_schema()

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        text = self.text.convert(node, path, ctx)
        if text is INVALID:
            return text
        paragraph = parse_inline(text)
        ctx.references += [((node.line, node.col), path, s.ref) for s in paragraph.spans if s.ref]
        return paragraph


def paragraph(max_len: int = 5000) -> Spec:
    return _Paragraph(max_len)


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


def _check_heading_only(values: dict[str, Any], node: Node, path: str, ctx: Context) -> None:
    if not values["blocks"]:
        ctx.report(
            ctx.keys.get(path, (node.line, node.col)),  # at `section:`, or at a visit's section
            path,
            f"「{values['title']}」只有標題，沒有內容（會只印出標題）；"
            "若不是刻意如此，請在 blocks 下加入段落。",
            "warning",
        )


SECTION = Obj(
    m.Section,
    {
        "title": Field(Text(200), "標題"),
        "blocks": Field(ListOf(BLOCK, min_items=0), "內容", required=False, default=()),
    },
    check=_check_heading_only,
)

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
                "items": Field(
                    ListOf(
                        TextOr(
                            Mapped(paragraph(), m.Recommendation),
                            Obj(
                                m.Recommendation,
                                {
                                    "title": Field(Text(100), "建議標題"),
                                    "text": Field(paragraph(), "建議內容"),
                                },
                            ),
                        )
                    ),
                    "建議事項",
                ),
            },
        )
    ),
    m.Recommendations,
)


def name_spec(max_len: int, what: str) -> Spec:
    """A conference's or a paper's name: 「名稱」 alone, or ``{zh: 中文, en: English}``."""
    return TextOr(
        Mapped(Text(max_len), m.Name),
        Obj(
            m.Name,
            {
                "zh": Field(Text(max_len), f"{what}（中文）"),
                "en": Field(Text(max_len), f"{what}（英文）", required=False),
            },
        ),
    )


def conference_spec(organiser_required: bool) -> Obj:
    """The conference block; the 國科會 form's header takes the same fields, the organiser
    optional (that form does not print it)."""
    return Obj(
        m.Conference,
        {
            "name": Field(name_spec(300, "會議名稱"), "會議名稱"),
            "abbreviation": Field(Text(50), "簡稱", required=False),
            "organiser": Field(Text(300), "主辦單位", required=organiser_required),
            "venue": Field(Text(300), "地點"),
            "start": Field(Date(), "開始日期"),
            "end": Field(Date(), "結束日期"),
            "website": Field(Text(500), "網址", required=False),
        },
    )


AUTHOR = TextOr(
    Mapped(Text(200), m.Author),
    Obj(
        m.Author,
        {"name": Field(Text(200), "姓名"), "affiliation": Field(Text(300), "服務機構", required=False)},
    ),
)
PAPER = Obj(
    m.Paper,
    {
        "title": Field(name_spec(500, "論文題目"), "論文題目"),
        "authors": Field(ListOf(AUTHOR), "作者"),
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


def _table(
    header: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    caption: str | None = None,
    id: str | None = None,
) -> m.Table:
    return m.Table(header=header, rows=rows, caption=caption, id=id)


def _check_table(values: dict[str, Any], node: Node, path: str, ctx: Context) -> None:
    _check_rows(values, node, path, ctx)
    if values.get("id") and not values.get("caption"):
        ctx.report(
            node.value["id"],
            join(path, "id"),
            "沒有表名的表格不編號，無法引用；請加上 caption（表名），或刪除 id。",
        )


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
        "id": Field(Label("tbl"), "供內文引用的代號（@tbl:代號）", required=False),
        "header": Field(ListOf(Text(200)), "表頭"),
        "rows": Field(ListOf(ListOf(Cell(2000), min_items=0)), "表格內容"),
    },
    check=_check_table,
)


class Rotation(Spec):
    """Degrees clockwise: 90, 180 or 270."""

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(m.ROTATIONS)}

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        written = node.value if node.kind == "number" else node.raw.strip()
        if str(written) in map(str, m.ROTATIONS):  # 90, or "90" in quotes
            return int(written)
        return ctx.report(
            node, path, f"rotate 應為 90、180 或 270（順時針轉動的度數），這裡寫的是「{node.raw}」。"
        )


IMAGE = TextOr(
    Mapped(FilePath(image=True), m.FigureImage),
    Obj(
        m.FigureImage,
        {
            "file": Field(FilePath(image=True), "圖檔"),
            "rotate": Field(Rotation(), "順時針旋轉（90、180 或 270 度）", required=False),
        },
    ),
)
MAX_FIGURE_IMAGES = 4


def _figure(
    caption: str,
    images: tuple[m.FigureImage, ...] = (),
    file: Any = None,
    rotate: int | None = None,
    id: str | None = None,
) -> m.Figure:
    """A figure of ``images``, or of the one ``file`` (the short form)."""
    if file is not None:
        images = (m.FigureImage(file, rotate or 0),)
    return m.Figure(images=images, caption=caption, id=id)


def _check_figure(values: dict[str, Any], node: Node, path: str, ctx: Context) -> None:
    if ("file" in values) == ("images" in values):
        ctx.report(
            node.key_marks["images"] if "images" in values else node,
            path,
            "圖要寫 images（1～4 張並排的圖檔清單）或 file（單一圖檔），兩者擇一。",
        )
    elif "rotate" in values and "images" in values:
        ctx.report(
            node.key_marks["rotate"],
            join(path, "rotate"),
            "有 images 時，rotate 要寫在 images 清單中該張圖的 file 下一行。",
        )


FIGURE = Obj(
    _figure,
    {
        "images": Field(ListOf(IMAGE, max_items=MAX_FIGURE_IMAGES), "並排的圖檔（1～4 張）", required=False),
        "file": Field(FilePath(image=True), "圖檔", required=False),
        "rotate": Field(Rotation(), "順時針旋轉（90、180 或 270 度）", required=False),
        "caption": Field(Text(300), "圖說"),
        "id": Field(Label("fig"), "供內文引用的代號（@fig:代號）", required=False),
    },
    check=_check_figure,
)

# How each block type of generator/blocks.py is written in YAML (paragraphs: a plain string).
BLOCK_SPECS: dict[type, Spec] = {
    m.Paragraph: paragraph(),
    m.Section: SECTION,
    m.NumberedList: Mapped(ListOf(_Item()), m.NumberedList),
    m.Table: TABLE,
    m.Figure: FIGURE,
    m.Visit: VISIT,
    m.Recommendations: RECOMMENDATIONS,
    m.Conference: conference_spec(organiser_required=True),
    m.Paper: PAPER,
    m.Materials: MATERIALS,
    m.CourseSchedule: COURSE,
}
BLOCK_SPEC: Spec = OneOf(
    BLOCK_SPECS[m.Paragraph], {bt.key: BLOCK_SPECS[bt.cls] for bt in BLOCK_TYPES if bt.key != PARAGRAPH}
)
