"""The PDF's fonts: find them, check they cover the text, and subset them before WeasyPrint does.

Why subset ourselves: WeasyPrint hands TW-Kai (39,000 glyphs, 27 MB) to the system HarfBuzz;
Debian 12's HarfBuzz 6.0 fails on it ("Unable to subset"), and the whole font lands in the PDF.
The HarfBuzz bundled with the uharfbuzz wheel subsets it correctly in ~10 ms. We give WeasyPrint
fonts that hold only the characters of this report, so its own subsetting step has little left
to do, whichever HarfBuzz the system has.
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import uharfbuzz as hb

from ..errors import RenderError
from ..output import write_atomic

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
# Characters that CSS draws without their being in the text: page numbers, leaders, labels.
ALWAYS = set(range(0x20, 0x7F)) | {ord(c) for c in "ivxlcdm.、（）一二三四五六七八九十壹貳參肆伍陸柒捌玖拾"}


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
def _face(font: FontFile) -> hb.Face:
    return hb.Face(hb.Blob.from_file_path(str(font.path)), font.index)


@cache
def coverage(font: FontFile) -> frozenset[int]:
    return frozenset(_face(font).unicodes)


def stack() -> list[tuple[str, bool, FontFile]]:
    fonts = [(css, bold, found) for css, family, bold in STACK if (found := locate(family, bold))]
    if not any(css == REQUIRED for css, _, _ in fonts):
        raise RenderError("找不到 PDF 需要的 TW-Kai（全字庫正楷體）字型；" + INSTALL_HINT)
    return fonts


def text_of(markup: str) -> tuple[str, str]:
    """All text of an HTML document, and the text in bold (``<strong>``)."""
    body = markup.split("</head>", 1)[-1]
    strong = " ".join(re.findall(r"<strong>(.*?)</strong>", body, re.S))
    return html.unescape(re.sub(r"<[^>]+>", " ", body)), html.unescape(strong)


def font_faces(markup: str, cache_dir: Path, url_prefix: str) -> str:
    """@font-face rules pointing each family of the stack at a subset holding this text only,
    written into ``cache_dir`` and named ``url_prefix`` + file name."""
    text, bold_text = text_of(markup)
    wanted = {ord(c) for c in text} | ALWAYS
    rules = []
    for css, bold, font in stack():
        chars = (({ord(c) for c in bold_text} | ALWAYS) if bold else wanted) & coverage(font)
        if not bold:
            wanted -= chars  # later fonts only fill what earlier ones lack
        if not chars:
            continue
        path = _subset(font, chars, cache_dir)
        weight = "bold" if bold else "normal"
        rules.append(f'@font-face {{ font-family: "{css}"; font-weight: {weight}; '
                     f'src: url("{url_prefix}{path.name}"); }}')
    return "\n".join(rules)


def _subset(font: FontFile, chars: set[int], cache_dir: Path) -> Path:
    key = hashlib.sha256(f"{font.path}:{font.index}:{sorted(chars)}".encode()).hexdigest()[:24]
    target = cache_dir / f"{font.path.stem}-{key}.otf"
    if target.exists():
        return target.resolve()
    subset_input = hb.SubsetInput()
    for code in chars:
        subset_input.unicode_set.add(code)
    subset_input.flags |= hb.SubsetFlags.NO_HINTING
    face = hb.subset(_face(font), subset_input)
    if face is None:
        raise RenderError(f"無法取出字型子集：{font.path}")
    write_atomic(target, face.blob.data)
    return target.resolve()
