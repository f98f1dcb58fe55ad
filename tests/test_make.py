"""The Makefile: real prerequisites, so that only what changed is rebuilt."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import MINIMAL, ROOT

pytestmark = pytest.mark.slow  # make builds the reports (with LibreOffice for the 目次 pages)


@pytest.fixture(scope="module")
def built_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("make")
    content, out = work / "content", work / "build"
    for name in ("one", "two"):
        shutil.copytree(MINIMAL, content / name)
    subprocess.run(_make(content, out, "-j2"), check=True, capture_output=True)
    return content, out


def _make(content: Path, out: Path, *extra: str) -> list[str]:
    return [
        "make",
        "--no-print-directory",
        "-C",
        str(ROOT),
        f"CONTENT={content}",
        f"OUT={out}",
        *extra,
        "reports",
    ]


def _would_run(content: Path, out: Path, *extra: str) -> list[str]:
    """The tripreport commands make would run (a dry run)."""
    dry = subprocess.run(_make(content, out, "-n", *extra), check=True, capture_output=True, text=True).stdout
    return [line.split(" build ", 1)[1].strip() for line in dry.splitlines() if " build " in line]


def test_every_report_built_and_second_make_has_nothing_to_do(built_batch: tuple[Path, Path]) -> None:
    content, out = built_batch
    assert sorted(p.name for p in out.glob("*/*.docx")) == ["one.docx", "two.docx"]
    assert sorted(p.name for p in out.glob("*/*.pdf")) == ["one.pdf", "two.pdf"]
    again = subprocess.run(_make(content, out), check=True, capture_output=True, text=True)
    assert again.stdout == f"2 份報告都已是最新，沒有需要重新產生的（{out}/）。\n"


def test_make_j2_keeps_a_portal_row_per_report(built_batch: tuple[Path, Path]) -> None:
    """Each make rule builds one report; portal.csv still holds both."""
    _, out = built_batch
    rows = list(csv.reader(io.StringIO((out / "portal.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 3 and rows[0][0] == "系統識別號"


def test_an_output_built_with_other_options_is_rebuilt(built_batch: tuple[Path, Path]) -> None:
    """make and the CLI agree: a .docx built by hand with other options is not up to date."""
    content, out = built_batch
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "tripreport"),
            "build",
            str(content / "two"),
            "-o",
            str(out),
            "--format",
            "docx",
            "--draft",
            "--no-toc-pages" if shutil.which("soffice") else "--toc-pages",
        ],
        check=True,
        capture_output=True,
    )
    assert (out / "two" / ".two.docx.options").read_text().endswith("--draft")
    assert _would_run(content, out) == [f"{content}/two -o {out} --format docx"]
    subprocess.run(_make(content, out), check=True, capture_output=True)
    assert (out / "two" / ".two.docx.options").read_text() == ""
    assert _would_run(content, out) == []


def test_a_changed_photo_rebuilds_only_its_report(built_batch: tuple[Path, Path]) -> None:
    content, out = built_batch
    commands = _would_run(content, out, "-W", str(content / "one" / "photos" / "a.png"))
    assert commands == [f"{content}/one -o {out} --format pdf", f"{content}/one -o {out} --format docx"]


def test_a_changed_stylesheet_rebuilds_pdfs_only(built_batch: tuple[Path, Path]) -> None:
    content, out = built_batch
    commands = _would_run(content, out, "-W", "templates/report.css")
    assert sorted(commands) == [
        f"{content}/one -o {out} --format pdf",
        f"{content}/two -o {out} --format pdf",
    ]


def test_a_changed_word_template_rebuilds_docx_only(built_batch: tuple[Path, Path]) -> None:
    content, out = built_batch
    commands = _would_run(content, out, "-W", "templates/report.docx")
    assert all(c.endswith("--format docx") for c in commands) and len(commands) == 2
