"""Stage 5: the reviewers' PDF, printed from the HTML by WeasyPrint with subset Kai fonts."""

from __future__ import annotations

import gc
import hashlib
import logging
import mimetypes
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# isort: off
from . import libraries  # noqa: F401  (first: WeasyPrint imported with its C declarations compiled)

# isort: on
import pydyf
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from .. import model as m
from ..errors import RenderError
from ..images import Pictures
from . import fonts, hyphenation, justify, shortcuts
from .html import CACHE_SCHEME, render_html

# Images come sized for the PDF (images.PDF_EDGE: about 200 dpi at their printed size, which
# keeps a report with twenty phone photos near 3 MB): no dpi option, with which WeasyPrint
# resampled every photo on every build, and no jpeg_quality, with which it re-encodes every JPEG.
# The page labels a PDF viewer shows, by the named page (report.css `page:`) a page belongs to:
# they match the printed numbers (none on the cover, i, ii, … in the front matter, 1, 2, … in
# the body, each part from its first page). A page of another name goes on with the previous.
PAGE_LABELS: dict[str, dict[str, Any]] = {
    "cover": {"P": pydyf.String("封面")},
    "front": {"S": "/r"},
    "body": {"S": "/D"},
}
log = logging.getLogger("tripreport")
justify.install()
shortcuts.install()


@contextmanager
def _few_collections() -> Iterator[None]:
    """Python's cycle collector seldom runs while WeasyPrint works. Its layout makes about a
    million objects that live until the PDF is written (boxes, styles, Pango layouts), and each
    full collection walked them all again: ~10 % of a build. Young objects are still collected
    (every 100,000 allocations); the rest goes at the next full collection after the build."""
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def render_pdf(
    report: m.Report,
    templates: Path,
    pictures: Pictures,
    cache: Path,
    variant: str | None = None,
    draft: bool = False,
) -> tuple[bytes, int]:
    """The PDF as bytes and its page count (which the 提要 sheet shows as 頁數).

    One layout: the sheet's 頁數 is report.css's counter(pages), which WeasyPrint fills in by
    laying out again only the pages that show it. The PDF is tagged (headings, paragraphs,
    lists, tables, figures with their captions as alt text) in every variant.
    """
    with _few_collections():
        return _render_pdf(report, templates, pictures, cache, variant, draft)


def _render_pdf(
    report: m.Report, templates: Path, pictures: Pictures, cache: Path, variant: str | None, draft: bool
) -> tuple[bytes, int]:
    markup = render_html(report, templates, pictures, draft=draft)
    hyphenation.load_patterns(cache / "hyphenation")
    font_config = FontConfiguration()
    fetcher = _CacheFetcher(cache, pictures)
    faces = CSS(
        string=fonts.font_faces(markup, cache / "fonts", f"{CACHE_SCHEME}fonts/"),
        font_config=font_config,
        url_fetcher=fetcher,
    )
    try:
        document = HTML(string=markup, base_url=str(templates), url_fetcher=fetcher).render(
            stylesheets=[faces], font_config=font_config, pdf_tags=True
        )
    except FatalURLFetchingError as exc:  # an image the image step could not make (_CacheFetcher)
        raise exc.__cause__ or RenderError(f"無法產生 PDF：{exc}") from None
    identifier = hashlib.sha256(markup.encode()).hexdigest()[:32].encode()
    try:
        data = document.write_pdf(
            pdf_identifier=identifier, pdf_variant=variant, pdf_tags=True, finisher=_add_page_labels
        )
    except Exception as exc:  # WeasyPrint raises plain exceptions for unusable inputs
        raise RenderError(f"無法產生 PDF：{exc}") from exc
    return data, len(document.pages)


def _add_page_labels(document: Any, pdf: pydyf.PDF) -> None:
    """/PageLabels: a new range wherever the named page changes."""
    nums = pydyf.Array()
    previous = None
    for number, page in enumerate(document.pages):
        name = page._page_box.page_type.name
        if name in PAGE_LABELS and name != previous:
            label = pydyf.Dictionary(PAGE_LABELS[name])
            if "S" in label:
                label["St"] = 1
            nums += [number, label]
            previous = name
    if nums:
        pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": nums})


class _CacheFetcher(URLFetcher):
    """Serves prepared images and font subsets from the build cache, and nothing else: the
    report's content never makes WeasyPrint read a file or the network. An image is served
    once the image step has made it; if it could not, the layout stops (WeasyPrint would leave
    the image out and go on) and render_pdf raises the image step's error (an ImageError for
    an image that does not decode)."""

    def __init__(self, cache: Path, pictures: Pictures):
        super().__init__()
        self.cache = cache
        self.pictures = pictures

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        name = url.removeprefix(CACHE_SCHEME)
        path = (self.cache / name).resolve()
        if name == url or not path.is_relative_to(self.cache.resolve()):
            raise ValueError(f"tripreport 不讀取外部資源：{url}")  # WeasyPrint warns, goes on
        try:
            self.pictures.ready(path)
        except Exception as exc:  # the image step's: stop the layout, render_pdf raises it
            raise FatalURLFetchingError(str(exc)) from exc
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": kind})
