"""Photos and figures: whether a file is an image we can use."""

from __future__ import annotations

import contextlib
import hashlib
import io
import math
import os
import tempfile
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFile, ImageOps, PngImagePlugin

from .errors import RenderError
from .output import write_atomic

FORMATS = {"JPEG", "PNG", "GIF", "BMP", "TIFF", "WEBP"}
MAX_PIXELS = 60_000_000  # a 200-megapixel "photo" is a decompression bomb, not a photo
# Bytes: a phone photo is 2–12 MB, a 60-megapixel camera JPEG ~30 MB; a report's photos
# together rarely reach 200 MB (docs/content-format.md).
MAX_IMAGE_BYTES = 50 * 1024 * 1024
MAX_REPORT_IMAGE_BYTES = 500 * 1024 * 1024


def inspect_image(path: Path, decode: bool = True) -> str | None:
    """Return why ``path`` is not a usable image, or None when it is.

    Size first (from the file system, nothing read), then headers and end markers, then a full
    decode at the reduced scale the image step uses (a JPEG's scan data is all read even so):
    whatever the image step would refuse is refused here, where the YAML line is known.
    ``decode`` False leaves that decode to a build's image step, which decodes every photo
    anyway (build.py asks again, decoding, when one fails there).
    """
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return (
            f"有 {megabytes(size)}，超過每張圖片的上限 {megabytes(MAX_IMAGE_BYTES)}；請先縮小或另存為 JPEG。"
        )
    with path.open("rb") as f:
        head = f.read(16)
        f.seek(max(0, size - 64))
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
                    return (
                        f"有 {img.width}×{img.height} 像素，超過上限 "
                        f"{MAX_PIXELS // 1_000_000} 百萬像素；請先縮小。"
                    )
                if img.format == "JPEG" and b"\xff\xd9" not in tail:
                    return _DAMAGED  # no end-of-image marker: a cut-off copy or download
                if img.format == "PNG":
                    img.verify()  # every chunk's checksum, up to the end chunk
            marker = _verified_marker(path)
            if decode and (marker is None or not marker.exists()):
                _strict_decoding()
                with Image.open(path) as img:  # verify() leaves the image unusable: open again
                    img.draft("RGB", (1, 1))  # a JPEG's smallest scale: every byte still decoded
                    ImageOps.exif_transpose(img).load()
                _mark_verified(marker)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"像素過多，超過上限 {MAX_PIXELS // 1_000_000} 百萬像素；請先縮小。"
    except (OSError, SyntaxError, ValueError):  # Pillow's ways of saying "not an image"
        return _DAMAGED
    return None


def cache_dir() -> Path:
    """Where prepared images and font subsets are kept between builds: $TRIPREPORT_CACHE, else
    $XDG_CACHE_HOME/tripreport, else ~/.cache/tripreport (a temporary folder when that cannot
    be made). Not under the output folder, which a failed build leaves untouched; every entry
    is named by its content and written atomically, so a failure never leaves one half-made,
    and builds running at once share it safely."""
    base = os.environ.get("TRIPREPORT_CACHE") or str(
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tripreport"
    )
    for folder in (Path(base), Path(tempfile.gettempdir()) / f"tripreport-cache-{os.getuid()}"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK | os.X_OK):
            return folder
    raise RenderError(f"無法建立暫存資料夾 {base}；請設定環境變數 TRIPREPORT_CACHE 指向可寫入的資料夾。")


_DAMAGED = "不是可讀取的圖片（檔案可能損壞或不完整）；請重新匯出為 JPEG 或 PNG。"


def _strict_decoding() -> None:
    """Damaged image data is an error again: importing WeasyPrint tells Pillow, for the whole
    process, to decode a truncated or corrupt image silently as far as it goes (after a PDF
    build, `check` in the same process would pass a damaged photo). WeasyPrint itself only
    ever decodes our re-encoded copies, which are whole."""
    ImageFile.LOAD_TRUNCATED_IMAGES = False


def _verified_marker(path: Path) -> Path | None:
    """An empty file in the cache saying that this very file (path, size, time, inode) was
    decoded whole: a report's photos are decoded once, not on every check (None when the
    cache cannot be made)."""
    try:
        st = path.stat()
        key = f"{path.resolve()}:{st.st_size}:{st.st_mtime_ns}:{st.st_ino}:{st.st_dev}"
        return cache_dir() / "verified" / hashlib.sha256(key.encode()).hexdigest()[:32]
    except (OSError, RenderError):
        return None


def _mark_verified(marker: Path | None) -> None:
    """Remember that a file was decoded whole (its marker: _verified_marker)."""
    if marker is not None:
        with contextlib.suppress(OSError):
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()


def megabytes(size: int) -> str:
    """52428801 → 50.1 MB: rounded up, so a size over a limit never reads as the limit."""
    return f"{math.ceil(size * 10 / (1024 * 1024)) / 10:.1f} MB"


MAX_EDGE = 1600  # pixels on the long edge: 300 dpi over a 13.5 cm print width
# The PDF's copy: 200 dpi over its widest print (15 cm, report.css), so that WeasyPrint embeds
# it as it is (a JPEG passes through) instead of resampling every photo on every build. A
# phone's JPEG is decoded at a quarter of its size when that still gives 4/5 of this edge
# (~190 dpi): several times faster than the full decode.
PDF_EDGE = 1180
JPEG_QUALITY = 85
# The PDF's copy of a PNG is saved as WeasyPrint embeds it: in the mode it converts a PNG to
# (RGB, or RGBA with transparency) and with Pillow's default compression, so that its IDAT
# data is what WeasyPrint's own decoding and encoding again would make. Marked by this text
# chunk, which render/shortcuts.py takes as leave to copy the IDAT data as it is.
# (A copy cached before it was saved so, under the same name, gives the same PDF, slower.)
PDF_PNG_MARK = ("Software", "tripreport pdf-ready")


@dataclass(frozen=True)
class PreparedImage:
    path: Path
    width: int
    height: int


def fit_row(
    images: list[PreparedImage], width: float, height: float, gap: float
) -> list[tuple[float, float]]:
    """Sizes for ``images`` side by side, all of one height, as large as the box allows
    with ``gap`` between them (any unit): a figure's row, the same in both outputs."""
    ratios = [image.width / image.height for image in images]
    common = min(height, (width - gap * (len(images) - 1)) / sum(ratios))
    return [(ratio * common, common) for ratio in ratios]


# A clockwise rotation as Pillow's transposition (which turns counter-clockwise).
_ROTATIONS = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}


def prepare_image(source: Path, cache: Path, max_edge: int = MAX_EDGE, rotate: int = 0) -> PreparedImage:
    """Upright, print-sized (``max_edge`` pixels at most), metadata-free copy of ``source``,
    turned ``rotate`` degrees clockwise after its EXIF orientation, cached by content hash.

    Both outputs embed this copy: phone photos lose their EXIF rotation (python-docx ignores
    it), their GPS position and most of their bytes.
    """
    return prepare_sizes(source, cache, (max_edge,), rotate)[0]


def prepare_sizes(source: Path, cache: Path, edges: tuple[int, ...], rotate: int = 0) -> list[PreparedImage]:
    """The copies of ``source`` for each of ``edges`` (as prepare_image). The file is hashed
    once, as a stream (a photo is never held twice in memory), and decoded once for all the
    sizes that decode at the same reduced scale (a phone photo for both outputs)."""
    with source.open("rb") as f:
        sha = hashlib.file_digest(f, "sha256")
    found: dict[int, PreparedImage] = {}
    digests: dict[int, str] = {}
    for edge in edges:
        keyed = sha.copy()
        keyed.update(f"{edge}:{JPEG_QUALITY}{':long-edge' if edge == MAX_EDGE else ''}".encode())
        if rotate:
            keyed.update(f":rotate-{rotate}".encode())
        digests[edge] = keyed.hexdigest()[:32]
        for suffix in (".jpg", ".png"):
            cached = cache / f"{digests[edge]}{suffix}"
            if edge not in found and cached.exists():
                with Image.open(cached) as img:
                    found[edge] = PreparedImage(cached.resolve(), img.width, img.height)
    todo = [e for e in dict.fromkeys(edges) if e not in found]
    try:
        while todo:
            for edge, (cached, size) in _encode(source, cache, todo, digests, rotate).items():
                found[edge] = PreparedImage(cached.resolve(), *size)
            todo = [e for e in todo if e not in found]
    except (OSError, SyntaxError, ValueError) as exc:
        raise RenderError(f"{source}：{_DAMAGED}（{exc}）") from None
    return [found[edge] for edge in edges]


def _draft(max_edge: int, size: tuple[int, int]) -> tuple[int, int]:
    """The draft box a JPEG is decoded for. The Word copy needs only its long edge at
    MAX_EDGE: a 4000×3000 phone photo decodes at half scale (2000×1500), not in full, and
    that one decode serves the PDF's copy too. The PDF's copy: 4/5 of its edge, both ways."""
    if max_edge != MAX_EDGE:
        return max_edge * 4 // 5, max_edge * 4 // 5
    long, short = max(size), min(size)
    other = -(-max_edge * short // long)  # rounded up: the short edge is never too small
    return (max_edge, other) if size[0] >= size[1] else (other, max_edge)


def _encode(
    source: Path, cache: Path, edges: list[int], digests: dict[int, str], rotate: int
) -> dict[int, tuple[Path, tuple[int, int]]]:
    """Decode ``source`` once, at the reduced scale of ``edges[0]``, and write the copy for
    it and for every other edge that decodes at that same scale, turned ``rotate`` degrees."""
    _strict_decoding()
    with Image.open(source) as img:
        full = img.size
        img.draft("RGB", _draft(edges[0], full))  # JPEG: a reduced scale, 2–4× faster
        same = [edges[0]] + [e for e in edges[1:] if _draft_size(source, _draft(e, full)) == img.size]
        upright = ImageOps.exif_transpose(img)
        upright.load()
        _mark_verified(_verified_marker(source))  # decoded whole: `check` need not again
        if rotate:
            upright = upright.transpose(_ROTATIONS[rotate])
        keep_png = img.format in ("PNG", "GIF", "BMP")
        done = {}
        for edge in same:
            copy = upright.copy() if len(same) > 1 else upright
            copy.thumbnail((edge, edge), Image.Resampling.BICUBIC)  # ~1.5× Lanczos speed
            out = io.BytesIO()
            if keep_png and edge == PDF_EDGE:
                _save_for_pdf(copy, out)
                suffix = ".png"
            elif keep_png:  # diagrams and screenshots: lossless and small as PNG
                copy.save(out, "PNG", optimize=True)
                suffix = ".png"
            else:
                _flatten(copy).save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
                suffix = ".jpg"
            cached = cache / f"{digests[edge]}{suffix}"
            write_atomic(cached, out.getvalue())
            done[edge] = (cached, copy.size)
    return done


def _save_for_pdf(img: Image.Image, out: io.BytesIO) -> None:
    """A PNG as WeasyPrint 70 embeds it (its RasterImage: a PNG with transparency becomes
    RGBA, one in mode 1 or P becomes RGB), converted here once instead of on every build;
    marked (PDF_PNG_MARK) when its IDAT data is then the PDF's, in the modes embedded as they are."""
    if "transparency" in img.info:
        img = img.convert("RGBA")
    elif img.mode in ("1", "P"):
        img = img.convert("RGB")
    info = None
    if img.mode in ("RGB", "L"):
        info = PngImagePlugin.PngInfo()
        info.add_text(*PDF_PNG_MARK)
    img.save(out, "PNG", pnginfo=info)  # Pillow's defaults, as WeasyPrint's encoding


def _draft_size(source: Path, request: tuple[int, int]) -> tuple[int, int]:
    """The size ``source`` decodes at for a draft ``request`` (a JPEG: scaled by 1/2, 1/4 or
    1/8 as Pillow chooses; other formats: full size). Only the header is read."""
    with Image.open(source) as img:
        img.draft("RGB", request)
        return img.size


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
        self._done: dict[tuple[Path, int, int], PreparedImage] = {}

    def prepare(self, source: Path, max_edge: int = MAX_EDGE, rotate: int = 0) -> PreparedImage:
        if (source, max_edge, rotate) not in self._done:
            self._done[source, max_edge, rotate] = prepare_image(source, self.cache, max_edge, rotate)
        return self._done[source, max_edge, rotate]

    def prepare_all(
        self, sources: list[tuple[Path, int]], max_edge: int | tuple[int, ...] = MAX_EDGE
    ) -> None:
        """Prepare many (file, clockwise rotation) at once, one per core (decoding and scaling
        release the GIL), each photo decoded once for all the sizes ``max_edge`` names."""
        edges = max_edge if isinstance(max_edge, tuple) else (max_edge,)
        todo = list(
            dict.fromkeys(s for s in sources if any((s[0], e, s[1]) not in self._done for e in edges))
        )
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            prepared = pool.map(lambda s: prepare_sizes(s[0], self.cache, edges, s[1]), todo)
            for (source, rotate), images in zip(todo, prepared, strict=True):
                for edge, image in zip(edges, images, strict=True):
                    self._done[source, edge, rotate] = image
