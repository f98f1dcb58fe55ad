"""Stage 4b: the report as HTML, from the Jinja templates in templates/ (the PDF's source)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from .. import model as m
from ..errors import TemplateError
from ..images import Pictures
from ..numbering import label
from . import texts
from .outline import Outline

# Prepared images and fonts are addressed by name under this scheme, not by their place on
# disk: WeasyPrint names PDF resources after URLs, and the output must not depend on the folder.
CACHE_SCHEME = "tripreport-cache:"


@dataclass(frozen=True)
class ImageRef:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class BlockContext:
    """What the block macros need besides a block: headings, the image step, the year style."""

    outline: Outline
    pictures: Pictures
    year_style: str

    def image(self, file: Path) -> ImageRef:
        prepared = self.pictures.prepare(file)
        return ImageRef(f"{CACHE_SCHEME}images/{prepared.path.name}", prepared.width,
                        prepared.height)


def _environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=False, lstrip_blocks=False)
    env.globals.update(t=texts, label=label)
    env.filters["kind"] = lambda block: type(block).__name__
    return env


def render_html(report: m.Report, templates: Path, pictures: Pictures,
                page_count: int | None = None, sheet_only: bool = False) -> str:
    """The HTML of the whole report (or of its cover and 提要 sheet alone, ``sheet_only``);
    content is data in the context, never template source."""
    outline = Outline(report)
    try:
        template = _environment(templates).get_template("report.html.j2")
        return template.render(
            r=report, outline=outline, sheet=texts.summary_sheet(report, page_count),
            sheet_only=sheet_only,
            authors="、".join(t.name for t in report.travellers),
            css=(templates / "report.css").read_text(encoding="utf-8"),
            ctx=BlockContext(outline, pictures, report.settings.year_style))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename or exc.name}:{exc.lineno}: 樣板語法錯誤：{exc.message}"
                            ) from None
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
