"""Photos and figures: whether a file is an image we can use."""

from __future__ import annotations

import contextlib
import hashlib
import io
import math
import os
import tempfile
import warnings
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import ExifTags, Image, ImageOps, PngImagePlugin

from .errors import ImageError, RenderError
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
# The PDF's copy: at most 200 dpi over its widest print (15 cm, report.css), so that WeasyPrint
# embeds it as it is (a JPEG passes through) instead of resampling every photo on every build.
# A JPEG is decoded at the smallest scale that gives 4/5 of this edge on its long edge (_draft):
# a 12-megapixel phone photo at a quarter, 1000 px.
PDF_EDGE = 1180
JPEG_QUALITY = 85
# The PDF's copy of a PNG is saved as WeasyPrint embeds it: in the mode it converts a PNG to
# (RGB, or RGBA with transparency) and with Pillow's default compression, so that its IDAT
# data is what WeasyPrint's own decoding and encoding again would make. Marked by this text
# chunk, which render/shortcuts.py takes as leave to copy the IDAT data as it is.
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
    """The copies of ``source`` for each of ``edges`` (as prepare_image), made if missing."""
    plans = plan_sizes(source, cache, edges, rotate)
    make_copies(source, plans, rotate)
    return [plan.image for plan in plans]


@dataclass(frozen=True)
class Plan:
    """A copy the image step makes: where it goes and its size (``image``), for ``edge``, from
    the source decoded at ``decoded`` pixels (a JPEG at a reduced scale)."""

    image: PreparedImage
    edge: int
    decoded: tuple[int, int]


def plan_sizes(source: Path, cache: Path, edges: tuple[int, ...], rotate: int = 0) -> list[Plan]:
    """The copies of ``source`` for each of ``edges``, from its header alone: nothing is decoded,
    so that a build can lay the PDF out while the copies are made (Pictures.start). Each is
    named by the file's content (hashed as a stream: a photo is never held twice in memory),
    the edge and the rotation."""
    try:
        with source.open("rb") as f:
            sha = hashlib.file_digest(f, "sha256")
        with Image.open(source) as img:
            suffix = ".png" if img.format in LOSSLESS else ".jpg"
            turned = (_orientation(img) in (5, 6, 7, 8)) != (rotate in (90, 270))
            full = img.size
        plans = []
        for edge in edges:
            keyed = sha.copy()
            # ":long-edge": each copy's draft asks for its long edge (_draft); the PDF's copies
            # were renamed when theirs began to (a phone photo's at a quarter, not a half).
            keyed.update(f"{edge}:{JPEG_QUALITY}:long-edge".encode())
            if rotate:
                keyed.update(f":rotate-{rotate}".encode())
            decoded = _draft_size(source, _draft(edge, full))
            width, height = _fit(decoded[::-1] if turned else decoded, edge)
            path = (cache / f"{keyed.hexdigest()[:32]}{suffix}").resolve()
            plans.append(Plan(PreparedImage(path, width, height), edge, decoded))
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageError(f"{source}：{_DAMAGED}（{exc}）") from None
    return plans


def make_copies(source: Path, plans: list[Plan], rotate: int = 0) -> None:
    """Write the copies of ``plans`` not in the cache yet: ``source`` decoded once for all
    those that decode at the same reduced scale (a phone photo for both outputs)."""
    todo = [plan for plan in plans if not plan.image.path.exists()]
    try:
        while todo:
            same = [plan for plan in todo if plan.decoded == todo[0].decoded]
            _encode(source, same, rotate)
            todo = [plan for plan in todo if plan not in same]
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageError(f"{source}：{_DAMAGED}（{exc}）") from None


# Pillow's transposition for each EXIF orientation, as ImageOps.exif_transpose has them.
_ORIENTATIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
LOSSLESS = ("PNG", "GIF", "BMP")  # diagrams and screenshots: their copies stay PNG


def _orientation(img: Image.Image) -> int:
    """The EXIF orientation (1–8) by which the image step turns an opened image, read from its
    header before it is decoded: plan_sizes sizes the copy by it, and _encode turns the copy by
    it, alike. A TIFF: 1, as Pillow turns a TIFF itself (and gives its upright size on opening).
    A PNG's orientation counts when it comes before the image data, where the PNG specification
    puts its eXIf chunk (Pillow's own reading, in ImageOps.exif_transpose, decodes the image
    first to look for one after it, or in a text chunk there)."""
    if img.format == "TIFF":
        return 1
    return Image.Image.getexif(img).get(ExifTags.Base.Orientation, 1)


def _fit(size: tuple[int, int], edge: int) -> tuple[int, int]:
    """The size Pillow's ``thumbnail((edge, edge))`` makes of an image of ``size`` (its
    rounding, to the whole number giving the ratio nearest the original's), known before
    anything is decoded."""
    width, height = size
    if edge >= width and edge >= height:
        return size
    aspect = width / height

    def nearest(value: float, ratio: Callable[[int], float]) -> int:
        return max(min(math.floor(value), math.ceil(value), key=lambda n: abs(aspect - ratio(n))), 1)

    if aspect <= 1:
        return nearest(edge * aspect, lambda n: n / edge), edge
    return edge, nearest(edge / aspect, lambda n: edge / n if n else aspect)  # 0: as Pillow, 1 then


def _draft(max_edge: int, size: tuple[int, int]) -> tuple[int, int]:
    """The draft box a JPEG is decoded for: the long edge at MAX_EDGE for the Word copy (a
    4000×3000 phone photo decodes at half scale, 2000×1500, not in full), at 4/5 of PDF_EDGE
    for the PDF's (the same photo at a quarter, 1000×750: ~190 dpi as the appendix prints a
    photo, 10 cm high; a JPEG's scales are 1/2, 1/4 and 1/8, and the half would cost four
    times the decoding and a resampling on every cold build)."""
    edge = max_edge if max_edge == MAX_EDGE else max_edge * 4 // 5
    long, short = max(size), min(size)
    other = -(-edge * short // long)  # rounded up: the short edge is never too small
    return (edge, other) if size[0] >= size[1] else (other, edge)


def _encode(source: Path, plans: list[Plan], rotate: int) -> None:
    """Decode ``source`` once, at the reduced scale all ``plans`` share, and write each copy
    at its planned size, upright by its EXIF orientation, then turned ``rotate`` degrees."""
    with Image.open(source) as img:
        orientation = _ORIENTATIONS.get(_orientation(img))
        img.draft("RGB", _draft(plans[0].edge, img.size))  # JPEG: a reduced scale, 2–4× faster
        img.load()
        _mark_verified(_verified_marker(source))  # decoded whole: `check` need not again
        upright: Image.Image = img.transpose(orientation) if orientation is not None else img
        if rotate:
            upright = upright.transpose(_ROTATIONS[rotate])
        keep_png = img.format in LOSSLESS
        for plan in plans:
            size = (plan.image.width, plan.image.height)
            # As thumbnail() would, to the size planned (_fit); BICUBIC: ~1.5× Lanczos speed.
            copy = upright
            if copy.size != size:
                copy = upright.resize(size, Image.Resampling.BICUBIC, reducing_gap=2.0)
            out = io.BytesIO()
            if keep_png and plan.edge == PDF_EDGE:
                _save_for_pdf(copy, out)
            elif keep_png:
                copy.save(out, "PNG", optimize=True)
            else:
                _flatten(copy).save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
            write_atomic(plan.image.path, out.getvalue())


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
    """The image step for one build: the copies of its images, cached under ``cache`` (and
    in memory, since both outputs ask for the same ones).

    ``start`` plans every copy from the files' headers and makes the missing ones in the
    background, one per core (decoding and scaling release the GIL), while the PDF is laid
    out: ``planned`` answers at once, ``prepare`` and ``ready`` wait for a copy. Without
    ``start``, ``prepare`` makes a copy there and then. Used as a context manager, which
    stops what is still running when a build fails."""

    def __init__(self, cache: Path):
        self.cache = cache
        self._planned: dict[tuple[Path, int, int], PreparedImage] = {}
        self._making: dict[Path, Future[None]] = {}  # by the path of the copy a job writes
        self._pool: ThreadPoolExecutor | None = None

    def __enter__(self) -> Pictures:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def start(self, sources: list[tuple[Path, int]], edges: tuple[int, ...]) -> None:
        """Plan the copies of every (file, clockwise rotation) for each of ``edges`` and start
        making them: each file decoded once per scale its copies need, the copies for the
        first of ``edges`` first (a build puts the PDF's there: its layout waits for them).
        Raises ImageError for a file whose header does not read. (WeasyPrint may be imported
        meanwhile: render/libraries.py imports it so that Pillow's decoding stays strict.)"""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1)
        todo = list(
            dict.fromkeys(s for s in sources if any((s[0], e, s[1]) not in self._planned for e in edges))
        )
        plans = self._pool.map(lambda s: plan_sizes(s[0], self.cache, edges, s[1]), todo)
        groups = []  # (source, rotate, copies decoded at one scale)
        claimed = set(self._making)  # a copy two files of the same bytes share is made once
        for (source, rotate), planned in zip(todo, list(plans), strict=True):
            new = [plan for plan in planned if plan.image.path not in claimed]
            claimed.update(plan.image.path for plan in planned)
            for plan in planned:
                self._planned[source, plan.edge, rotate] = plan.image
            for decoded in dict.fromkeys(plan.decoded for plan in new):
                groups.append((source, rotate, [plan for plan in new if plan.decoded == decoded]))
        for source, rotate, group in sorted(groups, key=lambda g: edges.index(g[2][0].edge)):
            job = self._pool.submit(make_copies, source, group, rotate)
            for plan in group:
                self._making[plan.image.path] = job

    def planned(self, source: Path, max_edge: int = MAX_EDGE, rotate: int = 0) -> PreparedImage:
        """Where the copy goes and its size, maybe before it is made (prepare() without start)."""
        return self._planned.get((source, max_edge, rotate)) or self.prepare(source, max_edge, rotate)

    def prepare(self, source: Path, max_edge: int = MAX_EDGE, rotate: int = 0) -> PreparedImage:
        """The copy, made."""
        key = (source, max_edge, rotate)
        if key not in self._planned:
            self._planned[key] = prepare_image(source, self.cache, max_edge, rotate)
        self.ready(self._planned[key].path)
        return self._planned[key]

    def ready(self, copy: Path) -> None:
        """Wait until the copy at ``copy`` is written; raises the ImageError of its job."""
        if (job := self._making.get(copy)) is not None:
            job.result()

    def finish(self) -> None:
        """Wait for every copy; raises the first ImageError."""
        for job in self._making.values():
            job.result()
