"""The image step's plan: each copy's name and size known from the file's header, before it is
made in the background, and the copy made at exactly that size."""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

import pytest
from PIL import Image, ImageOps

from generator import images
from generator.errors import ImageError
from generator.images import MAX_EDGE, PDF_EDGE, Pictures, plan_sizes, prepare_sizes

from .conftest import EVERY_BLOCK, jpeg_with_corrupt_scan

SIZES = [(4000, 3000), (3000, 4000), (1181, 1180), (1179, 1181), (2000, 1), (1, 2000), (1180, 1180), (5, 3)]
SIZES += [(w, h) for w, h in itertools.product((997, 1601, 2593, 4032), (755, 1603, 3024))]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("edge", [MAX_EDGE, PDF_EDGE, 7])
def test_a_copy_is_planned_at_the_size_thumbnail_gives(size: tuple[int, int], edge: int) -> None:
    image = Image.new("1", size)
    image.thumbnail((edge, edge), Image.Resampling.BICUBIC)
    assert images._fit(size, edge) == image.size


def _photo(path: Path, orientation: int, size: tuple[int, int] = (64, 48), kind: str = "JPEG") -> Path:
    """An image with four coloured quadrants and ``orientation`` in its EXIF."""
    img = Image.new("RGB", size, "red")
    img.paste("green", (size[0] // 2, 0, size[0], size[1] // 2))
    img.paste("blue", (0, size[1] // 2, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[0x0112] = orientation
    img.save(path, kind, exif=exif, **({"quality": 95} if kind in ("JPEG", "WEBP") else {}))
    return path


# Every orientation of a JPEG, turned or not, and every rotation; the other formats that carry
# EXIF (Pillow turns a TIFF itself as it decodes it), flipped, turned, or both.
CASES = [("JPEG", o, r) for o in range(1, 9) for r in (0, 90)] + [("JPEG", 6, 180), ("JPEG", 1, 270)]
CASES += [(kind, o, r) for kind in ("TIFF", "WEBP", "PNG") for o, r in ((1, 0), (2, 0), (6, 0), (8, 90))]


@pytest.mark.parametrize(("kind", "orientation", "rotate"), CASES)
def test_the_copy_is_made_as_planned_and_upright(
    tmp_path: Path, kind: str, orientation: int, rotate: int
) -> None:
    source = _photo(tmp_path / f"p.{kind.lower()}", orientation, (1700, 1275), kind)
    plans = plan_sizes(source, tmp_path / "cache", (MAX_EDGE, PDF_EDGE), rotate)
    assert not any(plan.image.path.exists() for plan in plans)  # planned from the header alone
    assert prepare_sizes(source, tmp_path / "cache", (MAX_EDGE, PDF_EDGE), rotate) == [p.image for p in plans]
    with Image.open(source) as original:
        upright = ImageOps.exif_transpose(original)  # Pillow's own reading of the orientation
        expected = upright.rotate(-rotate, expand=True) if rotate else upright
        for plan in plans:
            with Image.open(plan.image.path) as copy:
                assert copy.size == (plan.image.width, plan.image.height)
                want = expected.resize(copy.size)
                corners = [
                    (4, 4),
                    (copy.width - 5, 4),
                    (4, copy.height - 5),
                    (copy.width - 5, copy.height - 5),
                ]
                for corner in corners:
                    got, ref = copy.getpixel(corner), want.getpixel(corner)
                    assert all(abs(a - b) < 40 for a, b in zip(got, ref, strict=True)), (corner, got, ref)


def test_a_build_can_lay_out_while_the_copies_are_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """planned() answers at once; prepare() and ready() wait until the copy is written."""
    release = threading.Event()
    make = images.make_copies

    def held(*args: object) -> None:
        assert release.wait(10)
        make(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(images, "make_copies", held)
    source = EVERY_BLOCK / "photos" / "marked.png"
    with Pictures(tmp_path) as pictures:
        pictures.start([(source, 90)], (PDF_EDGE,))
        planned = pictures.planned(source, PDF_EDGE, 90)
        assert (planned.width, planned.height) == (160, 240) and not planned.path.exists()
        release.set()
        assert pictures.prepare(source, PDF_EDGE, 90) == planned and planned.path.exists()


def test_an_image_that_fails_in_the_background_fails_where_it_is_waited_for(tmp_path: Path) -> None:
    source = tmp_path / "cut.jpg"
    source.write_bytes(jpeg_with_corrupt_scan())
    with Pictures(tmp_path / "cache") as pictures:
        pictures.start([(source, 0)], (PDF_EDGE,))
        planned = pictures.planned(source, PDF_EDGE)  # the header reads
        with pytest.raises(ImageError, match=r"cut\.jpg"):
            pictures.ready(planned.path)
        with pytest.raises(ImageError):
            pictures.finish()
