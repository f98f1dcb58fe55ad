"""The PDF's fonts subset to the report's text before WeasyPrint sees them.

Why subset ourselves: WeasyPrint hands TW-Kai (39,000 glyphs, 27 MB) to the system HarfBuzz;
Debian 12's HarfBuzz 6.0 fails on it ("Unable to subset"), and the whole font lands in the PDF.
The HarfBuzz bundled with the uharfbuzz wheel subsets it correctly in ~10 ms. We give WeasyPrint
fonts that hold only the characters of this report, so its own subsetting step has little left
to do, whichever HarfBuzz the system has.
"""

from __future__ import annotations

import ctypes
import hashlib
import html
import io
import re
from pathlib import Path

import freetype
import uharfbuzz as hb
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import ttProgram
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphCoordinates

from ..errors import RenderError
from ..fontstack import Face, FontFile, coverage, draws, face, stack
from ..output import write_atomic

# Characters that CSS draws without their being in the text: page numbers, leaders, labels,
# and the hyphen of a hyphenated English word (U+2010).
ALWAYS = set(range(0x20, 0x7F)) | {ord(c) for c in "ivxlcdm.、（）一二三四五六七八九十壹貳參肆伍陸柒捌玖拾‐"}
SPACES = frozenset({0x20, 0xA0})
# The elements report.css sets in bold or italic: their text is what the bold and italic
# faces need to hold.
BOLD = re.compile(r"<(h[1-6]|th|strong|b)\b[^>]*>(.*?)</\1>|<div class=\"draft-mark\">(.*?)</div>", re.S)
ITALIC = re.compile(r"<(em|i)\b[^>]*>(.*?)</\1>", re.S)
# How much the emboldened Kai's strokes grow, in em: about the weight of Word's bold 標楷體.
EMBOLDEN_EM = 0.03


def _plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def text_of(markup: str) -> dict[tuple[str, str], str]:
    """The text of an HTML document by (weight, style): all of it as regular, and the text of
    the bold and of the italic elements."""
    body = markup.split("</head>", 1)[-1]
    bold = " ".join(m.group(2) or m.group(3) or "" for m in BOLD.finditer(body))
    italic = " ".join(m.group(2) for m in ITALIC.finditer(body))
    return {
        ("normal", "normal"): _plain(body),
        ("bold", "normal"): _plain(bold),
        ("normal", "italic"): _plain(italic),
    }


def font_faces(markup: str, cache_dir: Path, url_prefix: str) -> str:
    """@font-face rules pointing each face of the stack at a subset holding this text only,
    written into ``cache_dir`` and named ``url_prefix`` + file name."""
    texts = text_of(markup)
    wanted = {variant: {ord(c) for c in text} | ALWAYS for variant, text in texts.items()}
    rules = []
    for entry, font in stack():
        variant = (entry.weight, entry.style)
        if variant not in wanted:
            continue
        chars = wanted[variant] & draws(entry, font)
        wanted[variant] -= chars - SPACES  # later faces only fill what earlier ones lack
        chars |= SPACES & coverage(font)  # Pango draws a space in the font of its neighbours
        if not chars:
            continue
        path = _subset(entry, font, chars, cache_dir)
        rules.append(
            f'@font-face {{ font-family: "{entry.css}"; font-weight: {entry.weight}; '
            f'font-style: {entry.style}; src: url("{url_prefix}{path.name}"); }}'
        )
    return "\n".join(rules)


def _subset(entry: Face, font: FontFile, chars: set[int], cache_dir: Path) -> Path:
    key = hashlib.sha256(
        f"{font.path}:{font.index}:{entry.emboldened}:{EMBOLDEN_EM}:{sorted(chars)}".encode()
    ).hexdigest()[:24]
    suffix = "-bold" if entry.emboldened else ""
    target = cache_dir / f"{font.path.stem}{suffix}-{key}.otf"
    if target.exists():
        return target.resolve()
    subset_input = hb.SubsetInput()
    for code in chars:
        subset_input.unicode_set.add(code)
    subset_input.flags |= hb.SubsetFlags.NO_HINTING
    subset = hb.subset(face(font), subset_input)
    if subset is None:
        raise RenderError(f"無法取出字型子集：{font.path}")
    data = subset.blob.data
    write_atomic(target, embolden(data, EMBOLDEN_EM) if entry.emboldened else data)
    return target.resolve()


def embolden(data: bytes, strength_em: float) -> bytes:
    """A TrueType font whose outlines are thickened by ``strength_em`` (FreeType's
    FT_Outline_Embolden, as its synthetic bold), advances unchanged, named as its bold face.

    WeasyPrint synthesises no bold (Kozea/WeasyPrint #1470), and TW-Kai has one weight only;
    falling back to a real bold face would put Ming type into Kai text."""
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)  # the same bytes every build
    glyf = font["glyf"]
    ft_face = freetype.Face(io.BytesIO(data))
    strength = round(font["head"].unitsPerEm * strength_em)
    flags = freetype.FT_LOAD_NO_SCALE | freetype.FT_LOAD_NO_BITMAP | freetype.FT_LOAD_NO_HINTING
    for gid, name in enumerate(font.getGlyphOrder()):
        ft_face.load_glyph(gid, flags)
        outline = ft_face.glyph.outline
        if outline.n_contours <= 0:
            continue
        freetype.FT_Outline_Embolden(ctypes.byref(outline._FT_Outline), strength)
        glyph = Glyph()
        glyph.numberOfContours = outline.n_contours
        glyph.coordinates = GlyphCoordinates(outline.points)
        glyph.endPtsOfContours = list(outline.contours)
        glyph.flags = bytearray(tag & 1 for tag in outline.tags)  # on-curve bit; TrueType: quadratic
        glyph.program = ttProgram.Program()
        glyph.program.fromBytecode(b"")
        glyf[name] = glyph
    for record in font["name"].names:
        if record.nameID in (2, 17):
            record.string = "Bold"
        elif record.nameID in (4, 6):
            record.string = f"{record.toUnicode()}{'-' if record.nameID == 6 else ' '}Bold"
    font["OS/2"].usWeightClass = 700
    font["OS/2"].fsSelection = (font["OS/2"].fsSelection & ~0b1000000) | 0b100000
    font["head"].macStyle |= 1
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
