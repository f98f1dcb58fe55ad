"""The document's images as photo files: original bytes where they are already upright,
rotated by their EXIF orientation otherwise."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps

# Formats `check` reads (generator/images.py) and their file extension.
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "BMP": ".bmp", "TIFF": ".tif", "WEBP": ".webp"}
_ORIENTATION = 0x0112
MAX_PIXELS = 60_000_000  # as generator/images.py: a bigger image is not a photo but a bomb


def _open(data: bytes) -> Image.Image | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                return None
            return image
    except (OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning, SyntaxError):
        return None


def extension(data: bytes) -> str | None:
    """The file extension of an image `check` can read, or None (EMF, WMF, SVG, damaged)."""
    image = _open(data)
    return EXTENSIONS.get(image.format or "") if image else None


def upright(data: bytes) -> bytes:
    """The image's bytes, unchanged unless its EXIF orientation turns it: then rotated upright
    and saved again in its own format (without the orientation tag)."""
    image = _open(data)
    if image is None:
        return data
    try:
        orientation = image.getexif().get(_ORIENTATION, 1)
    except (OSError, ValueError, SyntaxError):
        return data
    if orientation in (None, 1):
        return data
    fmt = image.format or "JPEG"
    turned = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    turned.save(out, fmt, **({"quality": 92} if fmt == "JPEG" else {}))
    return out.getvalue()
