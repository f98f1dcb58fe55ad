"""Stage 5: the reviewers' PDF, printed from the HTML by WeasyPrint with subset Kai fonts."""

from __future__ import annotations

import hashlib
import logging
import mimetypes
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .. import model as m
from ..errors import RenderError
from ..images import Pictures
from . import fonts
from .html import CACHE_SCHEME, render_html

# Reviewers read on screen and print on A4: 200 dpi at the printed size is plenty, and keeps a
# report with twenty phone photos near 3.5 MB (the .docx keeps the image step's 1600 px).
# (No jpeg_quality option: with it WeasyPrint re-encodes every JPEG once more on loading.)
IMAGE_DPI = 200
log = logging.getLogger("tripreport")


def render_pdf(report: m.Report, templates: Path, pictures: Pictures, cache: Path,
               variant: str | None = None, draft: bool = False) -> tuple[bytes, int]:
    """The PDF as bytes and its page count (which the 提要 sheet shows as 頁數).

    The sheet's page count is known only after layout, so the sheet alone is laid out a
    second time with it and its pages replace the first ones: a full second layout would
    double the time.
    """
    markup = render_html(report, templates, pictures, draft=draft)
    font_config = FontConfiguration()
    fetcher = _CacheFetcher(cache)
    faces = CSS(string=fonts.font_faces(markup, cache / "fonts", f"{CACHE_SCHEME}fonts/"),
                font_config=font_config, url_fetcher=fetcher)

    def layout(source: str):
        return HTML(string=source, base_url=str(templates), url_fetcher=fetcher).render(
            stylesheets=[faces], font_config=font_config, dpi=IMAGE_DPI)

    document = layout(markup)
    count = len(document.pages)
    pages = list(document.pages)
    if report.settings.summary_sheet:
        sheet = layout(render_html(report, templates, pictures, page_count=count, sheet_only=True,
                                   draft=draft))
        pages[1:len(sheet.pages)] = sheet.pages[1:]
    identifier = hashlib.sha256(markup.encode()).hexdigest()[:32].encode()
    try:
        data = document.copy(pages).write_pdf(pdf_identifier=identifier, pdf_variant=variant)
    except Exception as exc:  # WeasyPrint raises plain exceptions for unusable inputs
        raise RenderError(f"無法產生 PDF：{exc}") from exc
    return data, count


class _CacheFetcher(URLFetcher):
    """Serves prepared images and font subsets from the build cache, and nothing else: the
    report's content never makes WeasyPrint read a file or the network."""

    def __init__(self, cache: Path):
        super().__init__()
        self.cache = cache

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        name = url.removeprefix(CACHE_SCHEME)
        path = (self.cache / name).resolve()
        if name == url or not path.is_relative_to(self.cache.resolve()):
            raise ValueError(f"tripreport 不讀取外部資源：{url}")  # WeasyPrint warns, goes on
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": kind})
