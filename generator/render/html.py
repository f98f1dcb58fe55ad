"""Stage 4b: the report as HTML, from the Jinja templates in templates/ (the PDF's source)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.runtime

from .. import blocks
from .. import model as m
from ..blocks import UnknownBlock, block_type
from ..captions import caption_line
from ..errors import RenderError, TemplateError
from ..forms import form_of
from ..images import PDF_EDGE, Pictures, cache_dir, fit_row
from ..wording import texts
from ..wording.numbering import label
from ..wording.outline import Outline
from .typeset import PAGE_COUNT, balance, typeset

# Prepared images and fonts are addressed by name under this scheme, not by their place on
# disk: WeasyPrint names PDF resources after URLs, and the output must not depend on the folder.
CACHE_SCHEME = "tripreport-cache:"


@dataclass(frozen=True)
class ImageRef:
    url: str
    width: float  # as printed, in the unit the template asked for
    height: float


@dataclass(frozen=True)
class BlockContext:
    """What the block macros need besides a block: headings, the image step, the year style,
    how figures and tables are numbered."""

    outline: Outline
    pictures: Pictures
    year_style: str
    caption_numbers: str

    def row(
        self, images: tuple[m.FigureImage | m.Photo, ...], width: float, height: float, gap: float
    ) -> list[ImageRef]:
        """Images side by side, of one height, sharing ``width`` with ``gap`` between them."""
        # Planned, maybe not made yet: the PDF's layout waits for a copy only when it reads it.
        prepared = [self.pictures.planned(image.file, PDF_EDGE, image.rotate) for image in images]
        return [
            ImageRef(f"{CACHE_SCHEME}images/{image.path.name}", w, h)
            for image, (w, h) in zip(prepared, fit_row(prepared, width, height, gap), strict=True)
        ]

    def caption(self, block: m.Figure | m.Table) -> str:
        return caption_line(block, self.caption_numbers)


def _environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        bytecode_cache=_bytecode_cache(),
    )
    env.globals.update(t=texts, label=label, block_macro=lambda block: block_macro(env, block))
    env.filters.update(typeset=typeset, balance=balance)
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """The templates compiled, kept in the user cache folder (images.cache_dir): parsing and
    compiling them took 0.1 s of every PDF build. Jinja checks each against its source and
    writes it atomically; without a cache folder, the templates are compiled every time."""
    try:
        folder = cache_dir() / "templates"
        folder.mkdir(exist_ok=True)
    except (OSError, RenderError):
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


BLOCK_TEMPLATE = "blocks.html.j2"


def missing_macros(templates: Path) -> list[str]:
    """The block types that the templates in ``templates`` have no ``block_<key>`` macro for."""
    module = _environment(templates).get_template(BLOCK_TEMPLATE).module
    return [bt.key for bt in blocks.BLOCK_TYPES if not hasattr(module, f"block_{bt.key}")]


def block_macro(env: jinja2.Environment, block: m.Block) -> jinja2.runtime.Macro:
    """The macro ``block_<key>`` of blocks.html.j2 that renders ``block``; a block type the
    templates lack raises instead of vanishing from the PDF."""
    key = block_type(block).key
    macro = getattr(env.get_template(BLOCK_TEMPLATE).module, f"block_{key}", None)
    if macro is None:
        raise UnknownBlock(f"{BLOCK_TEMPLATE} has no macro block_{key}")
    return macro


def render_html(report: m.Report, templates: Path, pictures: Pictures, draft: bool = False) -> str:
    """The HTML of the whole report; content is data in the context, never template source.
    ``draft``: every page is marked (how, is up to report.html.j2 and report.css). The 提要's
    頁數 is left to the layout (``typeset`` marks its place)."""
    outline = Outline(report)
    try:
        template = _environment(templates).get_template("report.html.j2")
        return template.render(
            r=report,
            form=form_of(report.form),
            outline=outline,
            page_count=PAGE_COUNT,
            draft=draft,
            authors="、".join(t.name for t in report.travellers),
            css=(templates / "report.css").read_text(encoding="utf-8"),
            ctx=BlockContext(outline, pictures, report.settings.year_style, report.settings.caption_numbers),
        )
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename or exc.name}:{exc.lineno}: 樣板語法錯誤：{exc.message}") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{_template_line(exc, templates)}: 樣板錯誤：{exc}") from None


def _template_line(exc: Exception, templates: Path) -> str:
    """file:line of the innermost template frame of a runtime template error."""
    where = str(templates)
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            where = f"{name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where
