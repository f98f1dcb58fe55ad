"""generator/render/shortcuts.py and the PDF's PNG copies (images.py): work done once that must
leave the PDF byte for byte as pydyf and WeasyPrint make it themselves. Slow only because it
imports WeasyPrint (about a second)."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pydyf
import pyphen
import pytest
from PIL import Image

import generator.render.pdf  # noqa: F401  (installs the shortcuts)
from generator.images import _save_for_pdf
from generator.render import hyphenation, shortcuts

pytestmark = pytest.mark.slow


def _images() -> list[Image.Image]:
    """A palette image, one with a transparent palette entry, one in grey, one in colour."""
    gradient = Image.linear_gradient("L").resize((120, 80))
    palette = Image.merge(
        "RGB", (gradient, gradient.rotate(90), gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT))
    )
    transparent = palette.convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    transparent.info["transparency"] = 3
    return [palette.convert("P", palette=Image.Palette.ADAPTIVE, colors=64), transparent, gradient, palette]


@pytest.mark.parametrize("index", range(4))
def test_pdf_copy_of_a_png_embeds_as_weasyprint_would(index: int) -> None:
    original = _images()[index]
    out = io.BytesIO()
    _save_for_pdf(original, out)
    copy = Image.open(io.BytesIO(out.getvalue()))
    # The mode WeasyPrint converts to, with the same pixels as its conversion of the original.
    expected = original.convert(
        "RGBA" if "transparency" in original.info else "RGB" if original.mode == "P" else original.mode
    )
    assert copy.mode == expected.mode and copy.tobytes() == expected.tobytes()
    # Its IDAT data as it is: what WeasyPrint's decoding and encoding again would give.
    taken = shortcuts._png_data(Image.open(io.BytesIO(out.getvalue())))
    assert taken == shortcuts._get_png_data(Image.open(io.BytesIO(out.getvalue())))


def test_unmarked_png_is_encoded_again() -> None:
    out = io.BytesIO()
    _images()[3].save(out, "PNG", optimize=True)  # not Pillow's defaults: its IDAT differs
    image = Image.open(io.BytesIO(out.getvalue()))
    assert shortcuts._png_data(image) == shortcuts._get_png_data(Image.open(io.BytesIO(out.getvalue())))


def _pdf() -> pydyf.PDF:
    pdf = pydyf.PDF()
    for n in range(3):
        content = pydyf.Stream(compress=True)
        content.push_state()
        content.set_color_rgb(n / 3, 0, 0)
        content.rectangle(10 * n, 10, 20, 20)
        content.fill()
        content.pop_state()
        pdf.add_object(content)
        pdf.add_page(
            pydyf.Dictionary({"Type": "/Page", "Parent": pdf.pages.reference, "Contents": content.reference})
        )
    pdf.info["Title"] = pydyf.String("標題")
    return pdf


@pytest.mark.parametrize("compress", [True, False])
def test_pdf_written_once_is_the_same_pdf(compress: bool) -> None:
    once, twice = io.BytesIO(), io.BytesIO()
    _pdf().write(once, version=b"1.7", identifier=b"fixed", compress=compress)
    shortcuts._write(_pdf(), twice, version=b"1.7", identifier=b"fixed", compress=compress)  # pydyf's own
    assert once.getvalue() == twice.getvalue()


def test_streams_are_compressed_at_zlibs_default_level() -> None:
    raw = b" ".join(str(n * 7919 % 10007).encode() for n in range(5000))
    assert zlib.compress(raw, 6) != zlib.compress(raw, 9)  # the two levels differ on this text
    data = pydyf.Stream([raw], compress=True).data
    assert data.split(b"\nstream\n", 1)[1].removesuffix(b"\nendstream") == zlib.compress(raw, 6)


def test_page_references_follow_added_pages() -> None:
    pdf = _pdf()
    assert pdf.page_references == shortcuts._page_references.fget(pdf)
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert len(pdf.page_references) == 4
    assert pdf.page_references == shortcuts._page_references.fget(pdf)


def _merged(ranges: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """As Pango keeps letter spacing: equal neighbours joined."""
    out: list[tuple[int, int, int]] = []
    for start, stop, factor in ranges:
        if out and out[-1][1] == start and out[-1][2] == factor:
            out[-1] = (out[-1][0], stop, factor)
        else:
            out.append((start, stop, factor))
    return out


@pytest.mark.parametrize(
    "text", ["", "ab", "中", "中文", "ｆ文 ab，「𠀀」1\u00a0字", "a中文字。b", "中ab文", "  中  "]
)
def test_justify_spaces_runs_as_it_spaced_each_character(text: str) -> None:
    """render/justify.py gives Pango one attribute per run of CJK characters: the same
    spacing as one per character (twice at the ends of the text)."""
    from generator.render.justify import _CJK_TEXT, _spacing_ranges

    per_character, offset, end = [], 0, len(text.encode())
    for char in text:
        size = len(char.encode())
        if _CJK_TEXT.match(char):
            per_character.append((offset, offset + size, 1 + (offset == 0 or offset + size == end)))
        offset += size
    assert _merged(_spacing_ranges(text)) == _merged(per_character)


def test_hyphenation_patterns_are_parsed_once_then_read_as_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = pyphen.LANGUAGES[pyphen.language_fallback(hyphenation.LANG)]
    parsed = pyphen.HyphDict(path)
    words = "hyphenation internationalisation state-of-the-art interdisciplinary"
    fresh = pyphen.Pyphen(lang=hyphenation.LANG, cache=False).inserted(words)  # pyphen parsing itself
    assert fresh.count("-") > words.count("-") + 5
    for store in ("first", "stored", "damaged"):
        if store == "damaged":
            for file in tmp_path.iterdir():
                file.write_bytes(b"\x00not marshal")
        monkeypatch.setattr(pyphen, "hdcache", {})
        hyphenation.load_patterns(tmp_path)
        loaded = pyphen.hdcache[path]
        assert (loaded.patterns, loaded.maxlen) == (parsed.patterns, parsed.maxlen), store
        assert pyphen.Pyphen(lang=hyphenation.LANG).inserted(words) == fresh
    assert len(list(tmp_path.iterdir())) == 1
