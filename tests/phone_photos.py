"""Phone-like photos made on the fly: 4000×3000 JPEGs of ~3 MB, stored sideways with EXIF 6."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageFilter

ORIENTATION = 0x0112


def make_phone_photo(path: Path, seed: int) -> None:
    """An upright landscape picture, red above and blue below, saved rotated with the EXIF tag
    that tells a viewer to turn it back (as phones do), plus a GPS block to be stripped."""
    upright = Image.new("RGB", (4000, 3000), (200, 40 + seed, 40))
    upright.paste((40, 40 + seed, 200), (0, 1500, 4000, 3000))
    # Grain, softened as a lens does: compresses like a photo (~3 MB at 4000×3000).
    noise = Image.effect_noise((4000, 3000), 64).convert("RGB").filter(ImageFilter.GaussianBlur(1))
    upright = Image.blend(upright, noise, 0.3)
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x8825] = {1: "N", 2: (25.0, 2.0, 0.0)}  # GPSInfo: where the clerk stood
    upright.transpose(Image.Transpose.ROTATE_90).save(path, "JPEG", quality=94, exif=exif)


def is_upright(image: Image.Image) -> bool:
    """Landscape, and the red half on top."""
    rgb = image.convert("RGB")
    top = rgb.crop((0, 0, rgb.width, rgb.height // 4)).resize((1, 1)).getpixel((0, 0))
    bottom = rgb.crop((0, rgb.height * 3 // 4, rgb.width, rgb.height)).resize((1, 1)).getpixel((0, 0))
    return rgb.width > rgb.height and top[0] > top[2] and bottom[2] > bottom[0]
