"""The content format as field declarations: what report.yaml may contain and how it maps to the model."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import Any

from . import model as m
from .blockspecs import BLOCK_SPEC, BLOCKS, FilePath, Rotation, conference_spec, paragraph
from .captions import check_references, number_captions
from .fields import (
    INVALID,
    Bool,
    Choice,
    Context,
    Date,
    Field,
    ListOf,
    Obj,
    Text,
    join,
)
from .forms import ANY_FORM, DEFAULT_FORM, FORMS, Form
from .load import Node
from .wording.dates import WEEKDAYS


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


def report_spec(form: Form) -> Obj:
    """report.yaml as ``form`` asks for it: the fields it requires are required, the others
    optional (their defaults are empty), and the fields it prints nowhere are warned about."""
    need = form.requires
    return Obj(
        m.Report,
        {
            "form": Field(
                Choice(tuple(FORMS), "表格"), "表格（executive-yuan 或 nstc-conference）", required=False
            ),
            "project_number": Field(Text(100), "計畫編號", required=need("project_number")),
            "conference": Field(
                conference_spec(organiser_required=False), "會議", required=need("conference")
            ),
            "title": Field(Text(200), "報告名稱", required=need("title")),
            "plan": Field(Text(200), "計畫名稱", required=need("plan")),
            "portal_id": Field(Text(20), "系統識別號", required=False),
            "categories": Field(
                ListOf(Choice(m.CATEGORIES, "出國類別")), "出國類別", required=need("categories")
            ),
            "sponsor": Field(Text(100), "主辦機關", required=need("sponsor")),
            "contact": Field(
                Obj(
                    m.ContactPerson,
                    {
                        "name": Field(Text(50), "聯絡人姓名"),
                        "phone": Field(Text(50), "聯絡電話"),
                    },
                ),
                "聯絡人",
                required=need("contact"),
            ),
            "travellers": Field(
                ListOf(
                    Obj(
                        m.Traveller,
                        {
                            "name": Field(Text(50), "姓名"),
                            "title": Field(Text(100), "職稱"),
                            "agency": Field(Text(100), "服務機關"),
                            "unit": Field(Text(100), "服務單位", required=need("travellers.unit")),
                            "rank": Field(
                                Choice(m.RANKS, "官職等"), "官職等", required=need("travellers.rank")
                            ),
                            "phone": Field(Text(50), "電話", required=need("travellers.phone")),
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
                required=need("destinations"),
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
                required=need("period"),
            ),
            "report_date": Field(Date(), "報告日期", required=need("report_date")),
            "keywords": Field(ListOf(Text(50)), "關鍵詞", required=need("keywords")),
            "classification": Field(Text(100), "分類號／目", required=need("classification")),
            "summary": Field(
                Text(1000, single_line=False), "提要的內容摘要（200～300 字）", required=need("summary")
            ),
            "settings": Field(
                Obj(
                    m.Settings,
                    {
                        "year_style": Field(
                            Choice(m.YEAR_STYLES, "紀年方式"), "本文紀年（西元或民國）", required=False
                        ),
                        "caption_numbers": Field(
                            Choice(m.CAPTION_NUMBERS, "圖表編號方式"),
                            "圖表編號（阿拉伯數字：圖1；中文數字：圖一）",
                            required=False,
                        ),
                        "summary_sheet": Field(Bool(), "是否附提要表", required=False),
                        "review_sheet": Field(Bool(), "是否產生審核表", required=False),
                        "allow": Field(
                            ListOf(Text(100)), "不檢查的用語（專有名詞、引文）", required=False, default=()
                        ),
                    },
                ),
                "設定",
                required=False,
            ),
            "abstract": Field(ListOf(paragraph()), "摘要", required=need("abstract")),
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
                                        "rotate": Field(
                                            Rotation(), "順時針旋轉（90、180 或 270 度）", required=False
                                        ),
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


REPORTS = {key: report_spec(form) for key, form in FORMS.items()}
_ANY_REPORT = report_spec(ANY_FORM)


def form_of_tree(root: Node) -> Form:
    """The form a report asks for (the default when it names none; an unknown one is reported
    when ``form`` is converted, and the rest checked as any form would be meanwhile)."""
    written = root.value.get("form") if root.kind == "map" else None
    if written is None or written.kind == "null":
        return FORMS[DEFAULT_FORM]
    key = written.value.strip() if written.kind == "text" else None
    return FORMS.get(key, ANY_FORM) if key else ANY_FORM


def convert_report(root: Node, ctx: Context) -> m.Report | None:
    """Build the model from the loaded tree, reporting every problem into ``ctx``. When there
    are errors the model is incomplete (INVALID where a field had one): for the checks only."""
    form = form_of_tree(root)
    spec = REPORTS.get(form.key, _ANY_REPORT)
    report = spec.convert(root, "", ctx)
    _check_form(form, root, spec, ctx)
    check_references(ctx)
    if report is INVALID:
        return None
    report = dataclasses.replace(report, form=form.key, folder=ctx.folder.resolve())
    if ctx.errors():
        return report
    if "settings.caption_numbers" not in ctx.locations:  # not written: the form's own
        settings = dataclasses.replace(report.settings, caption_numbers=form.caption_numbers)
        report = dataclasses.replace(report, settings=settings)
    return number_captions(report)


def _check_form(form: Form, root: Node, spec: Obj, ctx: Context) -> None:
    """What the form itself asks beyond fields: nothing written that it would not print, and
    its fixed chapters in their order."""
    if root.kind != "map":
        return
    _check_unused(form, root, "", spec, ctx)
    chapters = root.value.get("chapters")
    if not form.chapters or chapters is None or chapters.kind != "list":
        return
    order = "、".join(form.chapters)
    for i, node in enumerate(chapters.value):
        title = node.value.get("title") if node.kind == "map" else None
        if title is None or title.kind != "text":
            continue  # reported by the chapter's own fields
        expected = form.chapters[i] if i < len(form.chapters) else None
        if title.value.strip() != expected:
            ctx.report(
                title,
                f"chapters[{i}].title",
                f"{form.title}的第 {i + 1} 章應為「{expected}」（各章依序為：{order}）。"
                if expected
                else f"{form.title}只有 {len(form.chapters)} 章（{order}）；請把這一章併入其中一章。",
            )
    if len(chapters.value) < len(form.chapters):
        missing = "、".join(form.chapters[len(chapters.value) :])
        ctx.report(
            chapters,
            "chapters",
            f"{form.title}還缺少這幾章：{missing}（各章依序為：{order}）；沒有內容的章請寫「無」。",
        )


def _check_unused(form: Form, node: Node, path: str, spec: Obj, ctx: Context) -> None:
    """A warning at each field written that ``form`` prints nowhere (top level, settings)."""
    for key, child in node.value.items():
        here = join(path, key)
        if here in form.unused:
            ctx.report(
                node.key_marks[key],
                here,
                f"{form.title}沒有「{spec.fields[key].label}」這一項，不會印出；請刪除這個欄位，"
                "或確認 form 選對了表格。",
                "warning",
            )
        elif key == "settings" and child.kind == "map" and isinstance(inner := spec.fields[key].spec, Obj):
            _check_unused(form, child, here, inner, ctx)


def json_schema() -> dict[str, Any]:
    """The content format as a JSON Schema (draft 2020-12), for `tripreport schema`: the
    fields of every form, and what each form requires (``if form is … then required …``)."""
    schemas = {key: spec.json_schema() for key, spec in REPORTS.items()}

    def travellers(schema: dict[str, Any]) -> dict[str, Any]:
        return schema["properties"]["travellers"]["items"]

    def common(get: Callable[[dict[str, Any]], list[str]]) -> list[str]:
        first, *others = (get(schema) for schema in schemas.values())
        return [key for key in first if all(key in other for other in others)]

    base = copy.deepcopy(schemas[DEFAULT_FORM])
    base["required"] = common(lambda schema: schema["required"])
    travellers(base)["required"] = common(lambda schema: travellers(schema)["required"])

    def requires(schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "required": schema["required"],
            "properties": {"travellers": {"items": {"required": travellers(schema)["required"]}}},
        }

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "公務出國報告 report.yaml (tripreport)",
        **base,
        "allOf": [
            {
                "if": {
                    "properties": {"form": {"const": key}},
                    **({"required": ["form"]} if key != DEFAULT_FORM else {}),
                },
                "then": requires(schema),
            }
            for key, schema in schemas.items()
        ],
        "$defs": {"block": BLOCK_SPEC.json_schema()},
    }
