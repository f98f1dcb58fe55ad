"""Photos and figures: whether a file is an image we can use."""

from __future__ import annotations

import hashlib
import io
import os
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from .errors import RenderError
from .output import write_atomic

FORMATS = {"JPEG", "PNG", "GIF", "BMP", "TIFF", "WEBP"}
MAX_PIXELS = 60_000_000  # a 200-megapixel "photo" is a decompression bomb, not a photo


def inspect_image(path: Path) -> str | None:
    """Return why ``path`` is not a usable image, or None when it is.

    Cheap enough to run on every check: headers, sizes and end markers, no full decode (the
    image step decodes and says which file failed if a damaged middle slipped through).
    """
    with path.open("rb") as f:
        head = f.read(16)
        f.seek(max(0, path.stat().st_size - 64))
        tail = f.read()
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"heif"):
        return "是 HEIC 格式（iPhone 預設），Word 無法使用；請轉存為 JPEG 再放進來。"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                if img.format not in FORMATS:
                    return f"是 {img.format} 格式；請轉存為 JPEG 或 PNG。"
                if img.width * img.height > MAX_PIXELS:
                    return (f"有 {img.width}×{img.height} 像素，超過上限 "
                            f"{MAX_PIXELS // 1_000_000} 百萬像素；請先縮小。")
                if img.format == "JPEG" and b"\xff\xd9" not in tail:
                    return _DAMAGED  # no end-of-image marker: a cut-off copy or download
                if img.format == "PNG":
                    img.verify()  # every chunk's checksum, up to the end chunk
                elif img.format != "JPEG":
                    img.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"像素過多，超過上限 {MAX_PIXELS // 1_000_000} 百萬像素；請先縮小。"
    except (OSError, SyntaxError, ValueError):  # Pillow's ways of saying "not an image"
        return _DAMAGED
    return None


_DAMAGED = "不是可讀取的圖片（檔案可能損壞或不完整）；請重新匯出為 JPEG 或 PNG。"


MAX_EDGE = 1600  # pixels on the long edge: 300 dpi over a 13.5 cm print width
# The PDF's copy: 200 dpi over its widest print (15 cm, report.css), so that WeasyPrint embeds
# it as it is (a JPEG passes through) instead of resampling every photo on every build. A
# phone's JPEG is decoded at a quarter of its size when that still gives 4/5 of this edge
# (~190 dpi): several times faster than the full decode.
PDF_EDGE = 1180
JPEG_QUALITY = 85


@dataclass(frozen=True)
class PreparedImage:
    path: Path
    width: int
    height: int

    def fit(self, max_width: int, max_height: int) -> tuple[int, int]:
        """The largest size inside the box that keeps the aspect ratio (any unit)."""
        scale = min(max_width / self.width, max_height / self.height)
        return round(self.width * scale), round(self.height * scale)


def prepare_image(source: Path, cache: Path, max_edge: int = MAX_EDGE) -> PreparedImage:
    """Upright, print-sized (``max_edge`` pixels at most), metadata-free copy of ``source``,
    cached by content hash.

    Both outputs embed this copy: phone photos lose their EXIF rotation (python-docx ignores
    it), their GPS position and most of their bytes.
    """
    data = source.read_bytes()
    digest = hashlib.sha256(data + f"{max_edge}:{JPEG_QUALITY}".encode()).hexdigest()[:32]
    for suffix in (".jpg", ".png"):
        cached = cache / f"{digest}{suffix}"
        if cached.exists():
            with Image.open(cached) as img:
                return PreparedImage(cached.resolve(), img.width, img.height)
    try:
        cached, size = _encode(data, digest, cache, max_edge)
    except (OSError, SyntaxError, ValueError) as exc:
        raise RenderError(f"{source}：{_DAMAGED}（{exc}）") from None
    return PreparedImage(cached.resolve(), *size)


def _encode(data: bytes, digest: str, cache: Path, max_edge: int) -> tuple[Path, tuple[int, int]]:
    with Image.open(io.BytesIO(data)) as img:
        draft = max_edge if max_edge == MAX_EDGE else max_edge * 4 // 5
        img.draft("RGB", (draft, draft))  # JPEG: decode at a reduced scale, ~2x faster
        upright = ImageOps.exif_transpose(img)
        upright.thumbnail((max_edge, max_edge), Image.Resampling.BICUBIC)  # ~1.5× Lanczos speed
        keep_png = img.format in ("PNG", "GIF", "BMP")
        out = io.BytesIO()
        if keep_png:  # diagrams and screenshots: lossless and small as PNG
            upright.save(out, "PNG", optimize=True)
            suffix = ".png"
        else:
            _flatten(upright).save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
            suffix = ".jpg"
        size = upright.size
    cached = cache / f"{digest}{suffix}"
    write_atomic(cached, out.getvalue())
    return cached, size


def _flatten(img: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no alpha, and CMYK JPEGs print darker in some viewers."""
    if img.mode in ("RGBA", "LA", "P"):
        rgba = img.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return img.convert("RGB")


class Pictures:
    """The image step for one build: prepared copies cached under ``cache`` (and in memory,
    since both outputs ask for the same photos)."""

    def __init__(self, cache: Path):
        self.cache = cache
        self._done: dict[tuple[Path, int], PreparedImage] = {}

    def prepare(self, source: Path, max_edge: int = MAX_EDGE) -> PreparedImage:
        if (source, max_edge) not in self._done:
            self._done[source, max_edge] = prepare_image(source, self.cache, max_edge)
        return self._done[source, max_edge]

    def prepare_all(self, sources: list[Path], max_edge: int = MAX_EDGE) -> None:
        """Prepare many at once, one per core: decoding and scaling release the GIL."""
        todo = list(dict.fromkeys(s for s in sources if (s, max_edge) not in self._done))
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            prepared = pool.map(lambda s: prepare_image(s, self.cache, max_edge), todo)
            for source, image in zip(todo, prepared, strict=True):
                self._done[source, max_edge] = image
