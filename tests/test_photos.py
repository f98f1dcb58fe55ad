"""The image step: phone photos come out upright, small and without their metadata."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest
from PIL import Image

from generator.build import BuildOptions, build_report
from generator.images import Pictures

from .conftest import REFERENCE
from .phone_photos import is_upright, make_phone_photo

pytestmark = pytest.mark.slow  # builds documents (WeasyPrint, python-docx, LibreOffice)

MB = 1024 * 1024


@pytest.fixture(scope="module")
def with_phone_photos(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference report with 20 phone photos appended to its appendix."""
    folder = tmp_path_factory.mktemp("phone") / REFERENCE.name
    shutil.copytree(REFERENCE, folder)
    entries = []
    for n in range(20):
        make_phone_photo(folder / "photos" / f"phone-{n:02d}.jpg", n)
        entries.append(f"    - file: photos/phone-{n:02d}.jpg\n      caption: 手機照片第{n + 1}張\n")
    path = folder / "report.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + "".join(entries), encoding="utf-8")
    return folder


def test_generated_photos_are_like_a_phones(with_phone_photos: Path) -> None:
    photo = with_phone_photos / "photos" / "phone-00.jpg"
    assert 2 * MB < photo.stat().st_size < 5 * MB
    with Image.open(photo) as img:
        assert img.size == (3000, 4000) and img.getexif()[0x0112] == 6
        assert not is_upright(img)


def test_docx_with_twenty_phone_photos(with_phone_photos: Path, tmp_path: Path) -> None:
    (docx_path,) = [
        p
        for p in build_report(with_phone_photos, tmp_path, BuildOptions(formats=("docx",)))
        if p.suffix == ".docx"
    ]
    assert docx_path.stat().st_size <= 6 * MB
    document = docx.Document(str(docx_path))
    blobs = [shape._inline.graphic.graphicData.pic.blipFill.blip.embed for shape in document.inline_shapes]
    images = [Image.open(io.BytesIO(document.part.related_parts[r_id].blob)) for r_id in blobs]
    phone = [img for img in images if img.size == (1600, 1200)]
    assert len(phone) == 20
    assert all(is_upright(img) for img in phone)
    assert all(not img.getexif() for img in phone)  # orientation and GPS gone


def test_pdf_with_twenty_phone_photos(with_phone_photos: Path, tmp_path: Path) -> None:
    (pdf,) = [
        p
        for p in build_report(with_phone_photos, tmp_path, BuildOptions(formats=("pdf",)))
        if p.suffix == ".pdf"
    ]
    assert pdf.stat().st_size <= 5 * MB


def test_prepared_images_are_cached_by_content(tmp_path: Path) -> None:
    source = tmp_path / "a.jpg"
    make_phone_photo(source, 1)
    pictures = Pictures(tmp_path / "cache")
    first = pictures.prepare(source)
    mtime = first.path.stat().st_mtime_ns
    again = pictures.prepare(source)
    assert again == first and first.path.stat().st_mtime_ns == mtime
    assert len(list((tmp_path / "cache").iterdir())) == 1
