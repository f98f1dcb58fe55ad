"""Many reports at once, the public version, ODT and the portal's metadata."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.build import BuildOptions, build_report, toc_pages_by_default
from generator.cli import main
from generator.errors import RenderError
from generator.render import libreoffice

from .conftest import CONFERENCE, MINIMAL, replace_in
from .outputs import docx_lines, pdf_text

pytestmark = pytest.mark.slow  # builds documents (WeasyPrint, python-docx, LibreOffice)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content/ folder with two good reports and a broken one."""
    folder = tmp_path / "content"
    for name in ("a-good", "b-broken", "c-good"):
        shutil.copytree(MINIMAL, folder / name)
    replace_in(folder / "b-broken", "title: 測試報告", "title: 2015")
    return folder


def test_batch_goes_on_past_a_failure(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "build"
    assert (
        main(["build", str(content), "-o", str(out), "--format", "docx", "--jobs", "2", "--no-toc-pages"])
        == 1
    )
    captured = capsys.readouterr()
    assert "共 3 份報告：2 份完成，1 份失敗" in captured.out
    assert "b-broken/report.yaml:1:8: title: 應為文字" in captured.err
    assert (out / "a-good" / "a-good.docx").exists() and (out / "c-good" / "c-good.docx").exists()
    assert not (out / "b-broken").exists()
    rows = list(csv.reader(io.StringIO((out / "portal.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][:2] == ["系統識別號", "出國報告名稱"] and len(rows) == 3


def test_single_report_prints_a_line_per_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(MINIMAL), "-o", str(tmp_path), "--format", "docx", "--no-toc-pages"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"已寫入 {tmp_path}/minimal/minimal.docx",
        f"已寫入 {tmp_path}/minimal/minimal.portal.json",
    ]


def test_public_version_leaves_out_restricted_chapters(tmp_path: Path) -> None:
    full = build_report(CONFERENCE, tmp_path, BuildOptions())
    public = build_report(CONFERENCE, tmp_path, BuildOptions(public=True))
    assert {p.name for p in public} >= {
        "2024-conference-example-public.docx",
        "2024-conference-example-public.pdf",
    }
    restricted = "與外國代表雙邊會談紀要"
    full_docx = next(p for p in full if p.name == "2024-conference-example.docx")
    public_docx = next(p for p in public if p.name == "2024-conference-example-public.docx")
    assert any(restricted in line for line in docx_lines(full_docx))
    assert not any(restricted in line for line in docx_lines(public_docx))
    public_pdf = next(p for p in public if p.suffix == ".pdf")
    assert restricted not in pdf_text(public_pdf)


def test_odt_from_libreoffice(tmp_path: Path) -> None:
    (odt,) = [
        p for p in build_report(MINIMAL, tmp_path, BuildOptions(formats=("odt",))) if p.suffix == ".odt"
    ]
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


def _portal_rows(out: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO((out / "portal.csv").read_text(encoding="utf-8-sig"))))


@pytest.mark.slow
def test_portal_csv_keeps_every_report_built_one_at_a_time(content: Path, tmp_path: Path) -> None:
    """Each single-report build (as each make rule runs one) rewrites portal.csv from every
    report's .portal.json under the output folder, not from its own alone."""
    out = tmp_path / "build"
    for name in ("a-good", "c-good"):
        assert main(["build", str(content / name), "-o", str(out), "--format", "docx", "--no-toc-pages"]) == 0
        assert (
            main(
                [
                    "build",
                    str(content / name),
                    "-o",
                    str(out),
                    "--format",
                    "docx",
                    "--no-toc-pages",
                    "--public",
                ]
            )
            == 0
        )  # a public version adds no row
    assert [row[1] for row in _portal_rows(out)] == ["出國報告名稱", "測試報告", "測試報告"]
    assert main(["build", str(content / "b-broken"), "-o", str(out)]) == 1  # a failure keeps them
    assert len(_portal_rows(out)) == 3


def test_portal_csv_is_never_silently_shortened(tmp_path: Path) -> None:
    from generator import portal

    good = json.dumps({key: "x" for key in portal.FIELDS}, ensure_ascii=False)
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.portal.json").write_text(good, encoding="utf-8")
    assert portal.write_index(tmp_path) == tmp_path / "portal.csv"
    assert len(_portal_rows(tmp_path)) == 3
    (tmp_path / "b" / "b.portal.json").write_text("{", encoding="utf-8")  # a broken record
    with pytest.raises(RenderError, match=r"b\.portal\.json：無法讀取.*所以沒有更新 portal\.csv"):
        portal.write_index(tmp_path)
    assert len(_portal_rows(tmp_path)) == 3  # the earlier file stays whole


@pytest.mark.slow
def test_a_bug_in_one_report_fails_only_that_report(
    content: Path, tmp_path: Path, monkeypatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import generator.batch

    real = generator.batch.build_report

    def buggy(path: Path, outdir: Path, options: BuildOptions) -> list[Path]:
        if path.name == "a-good":
            raise RuntimeError("boom")
        return real(path, outdir, options)

    monkeypatch.setattr(generator.batch, "build_report", buggy)
    out = tmp_path / "build"
    paths = [str(content / "a-good"), str(content / "c-good")]
    assert main(["build", *paths, "-o", str(out), "--format", "docx", "--no-toc-pages"]) == 3
    captured = capsys.readouterr()
    assert "共 2 份報告：1 份完成，1 份失敗" in captured.out
    assert (
        f"{content / 'a-good'}：\ntripreport 內部錯誤：RuntimeError: boom\n"
        "請加上 --debug 重新執行，並把訊息回報給維護者。"
    ) in captured.err
    assert "Traceback" not in captured.err
    assert [row[1] for row in _portal_rows(out)] == ["出國報告名稱", "測試報告"]  # c-good's row
    assert main(["--debug", "build", paths[0], "-o", str(out)]) == 3  # one report, traceback shown
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and 'raise RuntimeError("boom")' in err


@pytest.mark.slow
def test_draft_marks_every_page_of_both_outputs(tmp_path: Path) -> None:
    """An unfilled scaffold builds with --draft, and every page says 草稿 in both outputs."""
    import docx

    folder = tmp_path / "2026-draft"
    assert main(["new", str(folder)]) == 0
    out = tmp_path / "build"
    assert main(["build", str(folder), "-o", str(out), "--no-toc-pages"]) == 1
    assert not out.exists()
    assert main(["build", str(folder), "-o", str(out), "--no-toc-pages", "--draft"]) == 0
    pdf = out / folder.name / f"{folder.name}.pdf"
    pages = PdfReader(pdf).pages
    assert len(pages) >= 4
    for number in range(1, len(pages) + 1):
        assert "草稿" in pdf_text(pdf, first=number, last=number), f"page {number}"
    document = docx.Document(str(out / folder.name / f"{folder.name}.docx"))
    cover, *others = document.sections
    assert cover.different_first_page_header_footer
    for header in (cover.first_page_header, cover.header):
        assert [(p.text, p.style.name) for p in header.paragraphs] == [("草稿", "Draft Mark")]
    assert all(
        s.header.is_linked_to_previous and not s.different_first_page_header_footer for s in others
    )  # they show the cover section's header
    recorded = (out / folder.name / f".{folder.name}.docx.options").read_text()
    assert recorded == ("--no-toc-pages --draft" if toc_pages_by_default() else "--draft")


@pytest.mark.slow
def test_a_draft_is_not_marked_without_draft(tmp_path: Path) -> None:
    import docx

    written = build_report(MINIMAL, tmp_path, BuildOptions(formats=("pdf", "docx")))
    pdf = next(p for p in written if p.suffix == ".pdf")
    assert "草稿" not in pdf_text(pdf)
    document = docx.Document(str(next(p for p in written if p.suffix == ".docx")))
    assert all(not p.text for s in document.sections for p in s.header.paragraphs)
