"""What the national portal (公務出國報告資訊網) asks for, per report and over a batch."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import model as m
from .errors import RenderError
from .output import write_atomic
from .wording import texts
from .wording.dates import format_roc

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
    """The portal's fields, which the 行政院 form requires (generator/forms.py)."""
    contact, period = report.contact, report.period
    assert contact is not None and period is not None, "a report for the portal has both"
    return {
        "system_id": report.portal_id,
        "title": report.title,
        "plan": report.plan,
        "sponsor": report.sponsor,
        "contact": contact.name,
        "contact_phone": contact.phone,
        "travellers": [
            {
                "name": t.name,
                "agency": t.agency,
                "unit": t.unit,
                "title": t.title,
                "rank": t.rank,
                "phone": t.phone,
            }
            for t in report.travellers
        ],
        "categories": list(report.categories),
        "period_start": format_roc(period.start),
        "period_end": format_roc(period.end),
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


INDEX = "portal.csv"


def write_index(outdir: Path) -> Path | None:
    """Rewrite ``outdir/portal.csv`` from every ``<slug>/<slug>.portal.json`` under ``outdir``:
    one row per report ever built there, whichever command built it.

    Builds running at once (make -j) take turns under a lock, and each reads the records
    after writing its own, so the last one to write has seen every record.
    """
    if not outdir.is_dir():
        return None
    with _locked(outdir / ".portal.lock"):
        records = [
            p for p in outdir.glob("*/*.portal.json") if p.name == f"{p.parent.name}.portal.json"
        ]  # not the -public ones
        if not records:
            return None
        write_atomic(outdir / INDEX, batch_csv(records))
    return outdir / INDEX


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(path, "a") as handle:
        if sys.platform != "win32":
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed
        yield


def batch_csv(records: list[Path]) -> bytes:
    """One CSV row per report from their .portal.json files (UTF-8 with BOM, for Excel).
    A record that cannot be read stops it: a shorter file would lose a report silently."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FIELDS.values())
    for path in sorted(records):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            row = [_cell(data[key]) for key in FIELDS]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise RenderError(
                f"{path}：無法讀取（{type(exc).__name__}: {exc}），所以沒有更新 "
                f"{INDEX}；請重新產生這份報告，或刪除這個檔案。"
            ) from None
        writer.writerow(row)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value: object) -> str:
    if isinstance(value, list):
        return "、".join(v["name"] if isinstance(v, dict) else str(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else str(value)
