"""Shared fixtures: the examples, a minimal valid report to mutate, built outputs."""

from __future__ import annotations

import io
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from generator.output import write_atomic

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
REFERENCE = CONTENT / "2015-japan-industry-academia"
CONFERENCE = CONTENT / "2024-conference-example"
NSTC = CONTENT / "2025-nstc-conference-example"  # the 國科會 form (form: nstc-conference)
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


# What openxml-audit (an independent ECMA-376 validator) reports wrongly, and why.
DOCX_FALSE_POSITIVES = {
    # A main document part has zero or one theme part (ECMA-376 Part 1 §11.3.10, §14.2.7); Word
    # opens a .docx without one and uses its built-in theme. Ours has none on purpose: theme
    # fonts would override 標楷體 and Times New Roman (../shared/pitfalls.md, 2).
    "A required relationship type 'http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/theme' is missing.",
}


def docx_violations(path: Path) -> list[str]:
    """What the ECMA-376 validator finds in a .docx, less the false positives above."""
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator().validate(str(path))
    return [
        f"{e.part_uri} {e.path} {e.description}"
        for e in result.errors
        if e.description not in DOCX_FALSE_POSITIVES
    ]


@pytest.fixture(autouse=True)
def _every_docx_is_schema_valid(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every .docx a test builds (in this process) is checked by the validator: Word is
    stricter than LibreOffice, and drops or "repairs" what the schema does not allow."""
    import generator.build

    written: list[Path] = []

    def write(path: Path, data: bytes) -> None:
        write_atomic(path, data)
        if path.suffix == ".docx":
            written.append(path)

    monkeypatch.setattr(generator.build, "write_atomic", write)
    yield
    found = {str(path): docx_violations(path) for path in written if path.exists()}
    if any(found.values()):
        pytest.fail(f"schema violations: { {k: v for k, v in found.items() if v} }")


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A copy of the minimal valid report, to break in one place."""
    folder = tmp_path / "minimal"
    shutil.copytree(MINIMAL, folder)
    return folder


def jpeg_with_corrupt_scan() -> bytes:
    """A JPEG whose header and end marker are fine but whose scan data holds a stray marker:
    it opens, and fails only when decoded."""
    out = io.BytesIO()
    Image.radial_gradient("L").convert("RGB").resize((800, 600)).save(out, "JPEG")
    data = bytearray(out.getvalue())
    middle = len(data) // 2
    data[middle : middle + 2] = b"\xff\xc4"
    return bytes(data)


def located_errors(folder: Path) -> list[str]:
    """The errors of the report in ``folder`` as ``line:col: field: message``, as a clerk reads them."""
    from generator.validate import validate

    _, problems = validate(folder)
    assert all(p.file == folder / "report.yaml" for p in problems)
    return [
        f"{p.line}:{p.col}: {p.field + ': ' if p.field else ''}{p.message}"
        for p in problems
        if p.severity == "error"
    ]


def replace_in(folder: Path, old: str, new: str) -> None:
    path = folder / "report.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the minimal report no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class Built:
    """The examples and the every-block fixture built once per test session, with every
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
        for folder in (REFERENCE, CONFERENCE, EVERY_BLOCK, NSTC):
            build_report(folder, outdir, BuildOptions(toc_pages=True, review_sheet=True))
    finally:
        logging.getLogger("weasyprint").removeHandler(handler)
    return Built(outdir, records)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """With `-m "not slow"` (make test-fast), a module marked slow as a whole is not even
    imported: its imports (WeasyPrint, python-docx, LibreOffice helpers) alone take seconds."""
    if (
        config.getoption("markexpr") == "not slow"
        and collection_path.suffix == ".py"
        and collection_path.name.startswith("test_")
    ):
        return "\npytestmark = pytest.mark.slow" in collection_path.read_text(encoding="utf-8") or None
    return None
