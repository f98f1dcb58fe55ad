"""Many reports at once, the public version, ODT and the portal's metadata."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from generator.build import BuildOptions, build_report
from generator.cli import main
from generator.errors import RenderError
from generator.render import libreoffice

from .conftest import CONFERENCE, MINIMAL, replace_in
from .outputs import docx_lines, pdf_text


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content/ folder with two good reports and a broken one."""
    folder = tmp_path / "content"
    for name in ("a-good", "b-broken", "c-good"):
        shutil.copytree(MINIMAL, folder / name)
    replace_in(folder / "b-broken", "title: 測試報告", "title: 2015")
    return folder


def test_batch_goes_on_past_a_failure(content: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "build"
    assert main(["build", str(content), "-o", str(out), "--format", "docx", "--jobs", "2"]) == 1
    captured = capsys.readouterr()
    assert "共 3 份報告：2 份完成，1 份失敗" in captured.out
    assert "b-broken/report.yaml:1:8: title: 應為文字" in captured.err
    assert (out / "a-good" / "a-good.docx").exists() and (out / "c-good" / "c-good.docx").exists()
    assert not (out / "b-broken").exists()
    rows = list(csv.reader(io.StringIO((out / "portal.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][:2] == ["系統識別號", "出國報告名稱"] and len(rows) == 3


def test_single_report_prints_a_line_per_output(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(MINIMAL), "-o", str(tmp_path), "--format", "docx"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"已寫入 {tmp_path}/minimal/minimal.docx",
                     f"已寫入 {tmp_path}/minimal/minimal.portal.json"]


def test_public_version_leaves_out_restricted_chapters(tmp_path: Path) -> None:
    full = build_report(CONFERENCE, tmp_path, BuildOptions())
    public = build_report(CONFERENCE, tmp_path, BuildOptions(public=True))
    assert {p.name for p in public} >= {"2024-conference-example-public.docx",
                                         "2024-conference-example-public.pdf"}
    restricted = "與外國代表雙邊會談紀要"
    full_docx = next(p for p in full if p.name == "2024-conference-example.docx")
    public_docx = next(p for p in public if p.name == "2024-conference-example-public.docx")
    assert any(restricted in line for line in docx_lines(full_docx))
    assert not any(restricted in line for line in docx_lines(public_docx))
    public_pdf = next(p for p in public if p.suffix == ".pdf")
    assert restricted not in pdf_text(public_pdf)


def test_odt_from_libreoffice(tmp_path: Path) -> None:
    (odt,) = [p for p in build_report(MINIMAL, tmp_path, BuildOptions(formats=("odt",)))
              if p.suffix == ".odt"]
    with zipfile.ZipFile(odt) as package:
        assert package.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert "第一段文字" in package.read("content.xml").decode()


def test_odt_without_libreoffice_says_what_to_install(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(libreoffice.shutil, "which", lambda name: None)
    with pytest.raises(RenderError, match="libreoffice-writer"):
        build_report(MINIMAL, tmp_path, BuildOptions(formats=("odt", "docx")))
    assert not (tmp_path / "minimal").exists()  # nothing half-done


def test_portal_json_has_the_portal_fields(tmp_path: Path) -> None:
    written = build_report(CONFERENCE, tmp_path, BuildOptions(formats=("pdf",)))
    record = json.loads(next(p for p in written if p.name.endswith(".portal.json")).read_text())
    assert record["system_id"] == "C11302417"
    assert record["period_start"] == "中華民國113年9月14日"
    assert record["pages"] > 5 and record["has_attachments"] is True
    assert record["travellers"][0]["rank"] == "簡任"
