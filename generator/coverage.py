"""Characters the fonts cannot draw, found before rendering and located in the YAML."""

from __future__ import annotations

import unicodedata

from . import fontstack as fonts
from .errors import RenderError
from .fields import Context
from .load import Node, text_nodes

# Spaces, controls and format characters (such as right-to-left marks) need no glyph.
_INVISIBLE = {"Zs", "Zl", "Zp", "Cc", "Cf"}


def check_coverage(root: Node, ctx: Context) -> None:
    """Errors for characters no PDF font has (they would print as boxes); warnings for those
    標楷體 and Times New Roman lack (approximated by TW-Kai's and Liberation Serif's
    coverage), which Word shows in another font."""
    try:
        everything, kai = fonts.covered()
    except RenderError:
        return  # no fonts on this machine: the build says so when it needs them
    for node, path in text_nodes(root):
        for char in dict.fromkeys(node.value):
            code = ord(char)
            if code in kai or unicodedata.category(char) in _INVISIBLE:
                continue
            if code not in everything:
                ctx.report(
                    node,
                    path,
                    f"「{char}」（U+{code:04X}）沒有任何 PDF 字型能顯示，會印成方框；"
                    "請改用其他字，或以圖片呈現。",
                )
            else:
                ctx.report(
                    node,
                    path,
                    f"「{char}」（U+{code:04X}）不在標楷體中，Word 會以其他字型顯示；PDF 不受影響。",
                    "warning",
                )
