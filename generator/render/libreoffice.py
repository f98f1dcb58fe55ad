"""LibreOffice as a layout engine for our .docx: conversion, and the 目次's page numbers."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import RenderError
from ..wording.outline import Heading

FONTS_CONF = Path(__file__).resolve().parents[2] / "templates" / "fonts.conf"
TIMEOUT = 300


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise RenderError(
            "找不到 LibreOffice（soffice）；請安裝 libreoffice-writer "
            "（Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui）。"
        )
    return found


def convert(docx: bytes, fmt: str, export_filter: str | None = None, source_suffix: str = "docx") -> bytes:
    """Convert a .docx (as bytes; or another document LibreOffice reads, of ``source_suffix``)
    with LibreOffice headless to ``fmt`` (pdf, odt, txt, docx), with LibreOffice's
    ``export_filter`` for it when given."""
    with tempfile.TemporaryDirectory(prefix="tripreport-lo-") as tmp:
        work = Path(tmp)
        source = work / f"report.{source_suffix}"
        source.write_bytes(docx)
        env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF), "HOME": str(work)}
        # A private profile per call: parallel builds (make -j) must not share one.
        profile = f"-env:UserInstallation={(work / 'profile').as_uri()}"
        try:
            result = subprocess.run(
                [
                    soffice(),
                    profile,
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    f"{fmt}:{export_filter}" if export_filter else fmt,
                    "--outdir",
                    str(work / "out"),
                    str(source),
                ],
                capture_output=True,
                env=env,
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise RenderError(f"LibreOffice 轉換 {fmt} 超過 {TIMEOUT} 秒仍未完成。") from None
        target = work / "out" / f"report.{fmt}"
        if result.returncode != 0 or not target.exists():
            detail = result.stderr.decode(errors="replace").strip()
            raise RenderError(f"LibreOffice 無法轉換為 {fmt}：{detail or '沒有輸出'}")
        return target.read_bytes()


def toc_pages(pdf: bytes, headings: list[Heading]) -> dict[str, str]:
    """Printed page numbers of ``headings`` in LibreOffice's PDF of our .docx.

    LibreOffice exports each heading as a PDF bookmark; they come in document order, so the
    headings are matched in turn. Body pages are numbered from the first chapter's page.
    """
    from pypdf import PdfReader  # only a build numbering the 目次 needs it

    reader = PdfReader(io.BytesIO(pdf))
    marks: list[tuple[str, int]] = []

    def collect(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                collect(item)
            else:
                page = reader.get_destination_page_number(item)
                if page is not None:
                    marks.append(("".join(item.title.split()), page))

    collect(reader.outline)
    found: dict[str, int] = {}
    position = 0
    for heading in headings:
        title = "".join(heading.title.split())
        for index in range(position, len(marks)):
            if marks[index][0].endswith(title):
                found[heading.anchor] = marks[index][1]
                position = index + 1
                break
    if not found:
        return {}
    first_body = min(found.values())
    return {anchor: str(page - first_body + 1) for anchor, page in found.items()}
