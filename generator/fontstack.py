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

# (CSS family, fontconfig family, bold), in fallback order; report.css names the CSS families.
# They differ from the system names on purpose: given a system font of the same name,
# fontconfig would pick the system's full font over our subset.
STACK = (
    ("Subset TW-Kai", "TW-Kai", False),
    ("Subset TW-Kai-Ext-B", "TW-Kai-Ext-B", False),
    ("Subset TW-Kai-Plus", "TW-Kai-Plus", False),
    ("Subset Noto Serif CJK TC", "Noto Serif CJK TC", False),
    ("Subset Symbola", "Symbola", False),  # emoji and symbols pasted from e-mails, in black
    ("Subset Noto Serif CJK TC", "Noto Serif CJK TC", True),  # bold runs: Kai has no bold face
)
REQUIRED = "Subset TW-Kai"
INSTALL_HINT = ("請安裝全字庫正楷體與 Noto 字型（Debian/Ubuntu：sudo apt-get install "
                "fonts-cns11643-kai fonts-noto-cjk fonts-symbola）。")
@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int


@cache
def locate(family: str, bold: bool) -> FontFile | None:
    """The file fontconfig has for ``family`` (exactly that family), or None."""
    if not shutil.which("fc-match"):
        raise RenderError("找不到 fontconfig（fc-match）；" + INSTALL_HINT)
    pattern = family.replace("-", "\\-") + (":bold" if bold else ":regular")
    out = subprocess.run(["fc-match", "-f", "%{file}\t%{index}\t%{family}", pattern],
                         capture_output=True, text=True, check=False).stdout
    parts = out.split("\t")
    if len(parts) != 3 or family not in parts[2].replace("\\", "").split(","):
        return None
    return FontFile(Path(parts[0]), int(parts[1] or 0))


@cache
def face(font: FontFile) -> hb.Face:
    return hb.Face(hb.Blob.from_file_path(str(font.path)), font.index)


@cache
def coverage(font: FontFile) -> frozenset[int]:
    return frozenset(face(font).unicodes)


def stack() -> list[tuple[str, bool, FontFile]]:
    fonts = [(css, bold, found) for css, family, bold in STACK if (found := locate(family, bold))]
    if not any(css == REQUIRED for css, _, _ in fonts):
        raise RenderError("找不到 PDF 需要的 TW-Kai（全字庫正楷體）字型；" + INSTALL_HINT)
    return fonts
