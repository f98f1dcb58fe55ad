"""Shared fixtures: the examples, a minimal valid report to mutate, built outputs."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
REFERENCE = CONTENT / "2015-japan-industry-academia"
CONFERENCE = CONTENT / "2024-conference-example"
MINIMAL = Path(__file__).resolve().parent / "data" / "minimal"
EVERY_BLOCK = Path(__file__).resolve().parent / "data" / "every-block"  # every block type
SEED = Path(__file__).resolve().parent / "data" / "seed.txt"  # ../shared/seeds/000_422422292b9ab0bf.txt


class _Collect(logging.Handler):
    def __init__(self, records: list[str]):
        super().__init__(logging.WARNING)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


@pytest.fixture(autouse=True)
def _no_weasyprint_warnings() -> Iterator[None]:
    """Fail any test during which WeasyPrint warned: a missing glyph or an unusable image is
    drawn as a box or left out, and WeasyPrint only logs it."""
    records: list[str] = []
    handler = _Collect(records)
    logging.getLogger("weasyprint").addHandler(handler)
    yield
    logging.getLogger("weasyprint").removeHandler(handler)
    if records:
        pytest.fail(f"WeasyPrint warned: {records}")


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A copy of the minimal valid report, to break in one place."""
    folder = tmp_path / "minimal"
    shutil.copytree(MINIMAL, folder)
    return folder


def replace_in(folder: Path, old: str, new: str) -> None:
    path = folder / "report.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the minimal report no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class Built:
    """Both examples and the every-block fixture built once per test session, with every
    output and the 目次 page numbers."""

    def __init__(self, outdir: Path, warnings: list[str]):
        self.outdir = outdir
        self.warnings = warnings

    def path(self, folder: Path, suffix: str) -> Path:
        return self.outdir / folder.name / f"{folder.name}{suffix}"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    from generator.build import BuildOptions, build_report

    outdir = tmp_path_factory.mktemp("build")
    records: list[str] = []
    handler = _Collect(records)
    logging.getLogger("weasyprint").addHandler(handler)
    try:
        for folder in (REFERENCE, CONFERENCE, EVERY_BLOCK):
            build_report(folder, outdir, BuildOptions(toc_pages=True, review_sheet=True))
    finally:
        logging.getLogger("weasyprint").removeHandler(handler)
    return Built(outdir, records)
