"""What the national portal (公務出國報告資訊網) asks for, per report and over a batch."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from . import model as m
from .dates import format_roc
from .render import texts

# The portal's fields (format-spec §3), in its order, with their Chinese names as CSV header.
FIELDS = {
    "system_id": "系統識別號",
    "title": "出國報告名稱",
    "plan": "計畫名稱",
    "sponsor": "主辦機關",
    "contact": "聯絡人",
    "contact_phone": "聯絡電話",
    "travellers": "出國人員",
    "categories": "出國類別",
    "period_start": "出國期間起",
    "period_end": "出國期間迄",
    "destinations": "出國地區",
    "report_date": "報告日期",
    "pages": "頁數",
    "has_attachments": "含附件",
    "classification": "分類號／目",
    "keywords": "關鍵詞",
    "summary": "內容摘要",
}


def record(report: m.Report, page_count: int | None) -> dict[str, object]:
    return {
        "system_id": report.portal_id,
        "title": report.title,
        "plan": report.plan,
        "sponsor": report.sponsor,
        "contact": report.contact.name,
        "contact_phone": report.contact.phone,
        "travellers": [{"name": t.name, "agency": t.agency, "unit": t.unit, "title": t.title,
                        "rank": t.rank, "phone": t.phone} for t in report.travellers],
        "categories": list(report.categories),
        "period_start": format_roc(report.period.start),
        "period_end": format_roc(report.period.end),
        "destinations": texts.destinations(report),
        "report_date": format_roc(report.report_date),
        "pages": page_count,
        "has_attachments": bool(report.appendix.photos or report.appendix.attachments),
        "classification": report.classification,
        "keywords": list(report.keywords),
        "summary": report.summary,
    }


def record_json(report: m.Report, page_count: int | None) -> bytes:
    return (json.dumps(record(report, page_count), ensure_ascii=False, indent=2) + "\n").encode()


def batch_csv(records: list[Path]) -> bytes:
    """One CSV row per report from their .portal.json files (UTF-8 with BOM, for Excel)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FIELDS.values())
    for path in sorted(records):
        data = json.loads(path.read_text(encoding="utf-8"))
        writer.writerow([_cell(data[key]) for key in FIELDS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value: object) -> str:
    if isinstance(value, list):
        return "、".join(v["name"] if isinstance(v, dict) else str(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else str(value)
