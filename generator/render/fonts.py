"""The PDF's fonts subset to the report's text before WeasyPrint sees them.

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
from pathlib import Path

import uharfbuzz as hb

from ..errors import RenderError
from ..fontstack import FontFile, coverage, face, stack
from ..output import write_atomic

# Characters that CSS draws without their being in the text: page numbers, leaders, labels.
ALWAYS = set(range(0x20, 0x7F)) | {ord(c) for c in "ivxlcdm.、（）一二三四五六七八九十壹貳參肆伍陸柒捌玖拾"}


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
    subset = hb.subset(face(font), subset_input)
    if subset is None:
        raise RenderError(f"無法取出字型子集：{font.path}")
    write_atomic(target, subset.blob.data)
    return target.resolve()
