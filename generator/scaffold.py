"""`tripreport new`: a commented report.yaml a clerk fills in."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from string import Template

from .errors import TripReportError
from .output import write_atomic
from .validate import REPORT_FILE


def scaffold_report(folder: Path, today: dt.date, schema_url: str | None = None) -> Path:
    """Write ``folder/report.yaml`` (and ``photos/``) for a trip starting ``today``."""
    target = folder / REPORT_FILE
    if target.exists():
        raise TripReportError(f"{target} 已經存在；請換一個資料夾名稱，或直接編輯它。")
    text = Template(resources.files(__package__).joinpath("scaffold/report.yaml").read_text(
        encoding="utf-8")).substitute(
        folder=folder.as_posix(),
        start=today.isoformat(),
        end=(today + dt.timedelta(days=1)).isoformat(),
        report_date=(today + dt.timedelta(days=14)).isoformat(),
    )
    if schema_url:
        text = f"# yaml-language-server: $$schema={schema_url}\n{text}".replace("$$", "$")
    (folder / "photos").mkdir(parents=True, exist_ok=True)
    write_atomic(target, text.encode("utf-8"))
    return target
