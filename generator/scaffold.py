"""`tripreport new`: a commented report.yaml a clerk fills in, from generator/scaffold/<form>.yaml."""

from __future__ import annotations

import datetime as dt
import json
import os
from importlib import resources
from pathlib import Path
from string import Template

from .errors import TripReportError
from .forms import DEFAULT_FORM
from .output import write_atomic
from .schema import json_schema
from .validate import REPORT_FILE

# The JSON Schema of report.yaml, kept in the repository (a test proves it is current), so that
# editors complete and check fields while the clerk types.
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "docs" / "report.schema.json"


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def scaffold_report(
    folder: Path, today: dt.date, schema: Path | None = None, form: str = DEFAULT_FORM
) -> Path:
    """Write ``folder/report.yaml`` (and ``photos/``) on ``form`` for a trip starting ``today``;
    with ``schema``, a first line points YAML editors at it (relative to the new file)."""
    target = folder / REPORT_FILE
    if target.exists():
        raise TripReportError(f"{target} 已經存在；請換一個資料夾名稱，或直接編輯它。")
    text = Template(
        resources.files(__package__).joinpath(f"scaffold/{form}.yaml").read_text(encoding="utf-8")
    ).substitute(
        folder=folder.as_posix(),
        start=today.isoformat(),
        end=(today + dt.timedelta(days=1)).isoformat(),
        report_date=(today + dt.timedelta(days=14)).isoformat(),
    )
    if schema:
        where = Path(os.path.relpath(schema, folder.resolve())).as_posix()
        text = f"# yaml-language-server: $schema={where}\n{text}"
    (folder / "photos").mkdir(parents=True, exist_ok=True)
    write_atomic(target, text.encode("utf-8"))
    return target
