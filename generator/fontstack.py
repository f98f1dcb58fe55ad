"""The PDF's font stack: which fonts, where fontconfig has them, and which characters each has.

Validation asks it which characters would print as boxes; the PDF renderer subsets from it.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import uharfbuzz as hb

from .errors import RenderError

# Latin letters, digits and ASCII punctuation: drawn in Liberation Serif, the Times-metric face
# LibreOffice draws for the .docx's Times New Roman. Everything else falls through to Kai:
# full-width punctuation (「」（），。—…), the middle dot of names (U+00B7) and curly quotes,
# which Word also draws in the East Asian font. (The subset holds only these characters, so the
# rest of the text cannot land in Liberation.)
LATIN = (
    frozenset(range(0x20, 0x7F))
    | (frozenset(range(0xA0, 0x250)) - {0xB7})
    | frozenset(range(0x2010, 0x2014))
    | {0x20AC}
)
LATIN_CSS = "Subset Liberation Serif"


@dataclass(frozen=True)
class Face:
    """One face of the stack: the CSS family report.css names, the fontconfig family it comes
    from, its weight and style, the characters it may draw (None: all it has), and whether it
    is the regular face emboldened by tripreport (TW-Kai has one weight only)."""

    css: str
    family: str
    weight: str = "normal"
    style: str = "normal"
    only: frozenset[int] | None = None
    emboldened: bool = False

    @property
    def regular(self) -> bool:
        return self.weight == "normal" and self.style == "normal"


def _kai(css: str, family: str) -> tuple[Face, Face]:
    return Face(css, family), Face(css, family, "bold", emboldened=True)


# In fallback order; report.css names the CSS families. They differ from the system names on
# purpose: given a system font of the same name, fontconfig would pick the system's full font
# over our subset.
STACK = (
    Face(LATIN_CSS, "Liberation Serif", only=LATIN),
    Face(LATIN_CSS, "Liberation Serif", "bold", only=LATIN),
    Face(LATIN_CSS, "Liberation Serif", style="italic", only=LATIN),
    *_kai("Subset TW-Kai", "TW-Kai"),
    *_kai("Subset TW-Kai-Ext-B", "TW-Kai-Ext-B"),
    *_kai("Subset TW-Kai-Plus", "TW-Kai-Plus"),
    # Rare characters Kai lacks: the Traditional Chinese Ming face, never a JP or SC one.
    Face("Subset Noto Serif CJK TC", "Noto Serif CJK TC"),
    Face("Subset Noto Serif CJK TC", "Noto Serif CJK TC", "bold"),
    Face("Subset Symbola", "Symbola"),  # emoji and symbols pasted from e-mails, in black
)
REQUIRED = "Subset TW-Kai"
INSTALL_HINT = (
    "請安裝全字庫正楷體、Liberation 與 Noto 字型（Debian/Ubuntu：sudo apt-get install "
    "fonts-cns11643-kai fonts-liberation fonts-noto-cjk fonts-symbola）。"
)


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int


@cache
def locate(family: str, weight: str = "normal", style: str = "normal") -> FontFile | None:
    """The file fontconfig has for ``family`` (exactly that family, and that weight and style:
    a regular face standing in for a missing bold or italic one would not be one), or None."""
    if not shutil.which("fc-match"):
        raise RenderError("找不到 fontconfig（fc-match）；" + INSTALL_HINT)
    wanted = ("bold" if weight == "bold" else "regular") + (":italic" if style == "italic" else "")
    pattern = family.replace("-", "\\-") + ":" + wanted
    out = subprocess.run(
        ["fc-match", "-f", "%{file}\t%{index}\t%{embolden}\t%{slant}\t%{family}", pattern],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    parts = out.split("\t")
    if len(parts) != 5 or family not in parts[4].replace("\\", "").split(","):
        return None
    # fontconfig answers a bold request with the regular file marked "embolden" (which
    # WeasyPrint ignores), and an italic one with the upright file of slant 0.
    if parts[2] == "True" or (int(parts[3] or 0) > 0) != (style == "italic"):
        return None
    return FontFile(Path(parts[0]), int(parts[1] or 0))


@cache
def face(font: FontFile) -> hb.Face:
    return hb.Face(hb.Blob.from_file_path(str(font.path)), font.index)


@cache
def coverage(font: FontFile) -> frozenset[int]:
    return frozenset(face(font).unicodes)


def draws(face_: Face, font: FontFile) -> frozenset[int]:
    """The characters ``face_`` draws: those its file has, within its ``only`` range."""
    return coverage(font) & face_.only if face_.only is not None else coverage(font)


@cache
def covered() -> tuple[frozenset[int], frozenset[int]]:
    """The characters some regular face of the stack draws, and those the .docx's own fonts
    draw (標楷體 and Times New Roman, approximated by TW-Kai and Liberation Serif); computed
    once, as every report checked asks."""
    regular = [(face_, font) for face_, font in stack() if face_.regular]
    everything = frozenset().union(*(draws(face_, font) for face_, font in regular))
    word = frozenset().union(
        *(draws(face_, font) for face_, font in regular if face_.css in (REQUIRED, LATIN_CSS))
    )
    return everything, word


def stack() -> list[tuple[Face, FontFile]]:
    """The faces of STACK found on this machine, each with its file (an emboldened face: the
    regular one's)."""
    fonts = []
    for entry in STACK:
        found = locate(entry.family) if entry.emboldened else locate(entry.family, entry.weight, entry.style)
        if found:
            fonts.append((entry, found))
    if not any(entry.css == REQUIRED for entry, _ in fonts):
        raise RenderError("找不到 PDF 需要的 TW-Kai（全字庫正楷體）字型；" + INSTALL_HINT)
    return fonts
