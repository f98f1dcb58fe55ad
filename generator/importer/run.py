"""Import one document: read it, recognise its parts, write report.yaml and photos/ at once."""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import TripReportError
from ..output import write_all_atomic
from ..validate import REPORT_FILE
from .docx_reader import read_docx
from .items import Item
from .odt_reader import read_odt
from .package import ImportError_, Package
from .photos import upright
from .recognise import recognise
from .yamlout import CONFIRM, dump

MACRO_SUFFIXES = (".docm", ".dotm", ".odm")
SUFFIXES = (".docx", ".dotx", ".odt", ".ott", ".doc")


@dataclass
class ImportSummary:
    target: Path
    recognised: list[str] = field(default_factory=list)
    guessed: list[tuple[int, str]] = field(default_factory=list)  # (line of report.yaml, what)
    photos: int = 0


def read_items(source: Path) -> list[Item]:
    """The paragraphs and tables of ``source`` (.docx, .odt; .doc through LibreOffice)."""
    suffix = source.suffix.lower()
    if suffix in MACRO_SUFFIXES:
        raise ImportError_(
            f"{source}：這是含巨集的檔案（{suffix}），基於安全不匯入；"
            "請在 Word 另存為一般的 .docx（Word 文件）後再匯入。"
        )
    if not source.is_file():
        raise ImportError_(f"{source}：找不到這個檔案。")
    if suffix == ".doc":
        with tempfile.TemporaryDirectory(prefix="tripreport-import-") as tmp:
            converted = _doc_to_docx(source, Path(tmp))
            return _read_package(converted, ".docx")
    if suffix not in SUFFIXES:
        raise ImportError_(f"{source}：只能匯入 .docx、.odt 或 .doc（需安裝 LibreOffice）檔案。")
    return _read_package(source, suffix)


def _read_package(path: Path, suffix: str) -> list[Item]:
    package = Package(path)
    try:
        if suffix in (".odt", ".ott") or ("content.xml" in package and "word/document.xml" not in package):
            return read_odt(package)
        return read_docx(package)
    except (ValueError, KeyError, IndexError, zipfile.BadZipFile, EOFError, etree.LxmlError) as exc:
        # a damaged or hand-made package: say so instead of failing with a traceback
        raise ImportError_(
            f"{path}：檔案已損壞或格式不正確，無法匯入（{type(exc).__name__}: {exc}）。"
        ) from None
    finally:
        package.close()


def _doc_to_docx(source: Path, work: Path) -> Path:
    """The .docx LibreOffice makes of a Word 97–2003 .doc."""
    from ..render.libreoffice import convert

    target = work / "source.docx"
    target.write_bytes(convert(source.read_bytes(), "docx", source_suffix="doc"))
    return target


def import_report(source: Path, folder: Path, force: bool = False) -> ImportSummary:
    """Write ``folder/report.yaml`` and ``folder/photos/*`` from ``source``; nothing is written
    if anything fails, and an existing report.yaml is kept unless ``force``."""
    target = folder / REPORT_FILE
    if target.exists() and not force:
        raise TripReportError(f"{target} 已經存在；要覆蓋請加上 --force，或換一個資料夾。")
    if folder.exists() and not folder.is_dir():
        raise TripReportError(f"{folder} 是檔案，不是資料夾；請指定報告資料夾，如 content/2025-japan-visit。")
    result = recognise(read_items(source))
    header = [
        f"由 tripreport import 從 {source.name} 匯入。",
        f"標有「# {CONFIRM}」的值是推測或暫填的，請核對原文件後修改並刪除該註解；",
        "「○○」是原文件沒有的內容，請填入。寫法說明：docs/content-format.md",
        "",
    ]
    text, notes = dump(result.data, header)
    files: dict[Path, bytes] = {target: text.encode("utf-8")}
    for name, image in result.images:
        assert image.data is not None
        path = folder / name
        data = upright(image.data)
        if path.exists() and not force and path.read_bytes() != data:
            raise TripReportError(f"{path} 已經存在且內容不同；要覆蓋請加上 --force。")
        files[path] = data
    write_all_atomic(files)
    (folder / "photos").mkdir(parents=True, exist_ok=True)
    summary = ImportSummary(target, result.recognised, notes, len(result.images))
    return summary
