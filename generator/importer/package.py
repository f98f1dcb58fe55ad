"""Reading an OOXML or ODF package safely: bounded zip members, no entities, no network."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from ..errors import TripReportError

MAX_MEMBERS = 5000  # a 50-page report with 100 photos has about 150
MAX_MEMBER_BYTES = 60 * 1024 * 1024  # one part (an image may be up to 50 MB, images.py)
MAX_TOTAL_BYTES = 600 * 1024 * 1024  # everything read from one package
MAX_RATIO = 200  # uncompressed / compressed of one member (XML compresses ~10×; zip bombs ~1000×)
_CHUNK = 1 << 16

# Content types of parts that hold macros: a macro-enabled document is refused whole.
MACRO_TYPES = ("macroEnabled", "vbaProject", "vbaData", "ms-office.activeX")
EXTERNAL = "External"


class ImportError_(TripReportError):
    """The file cannot be imported (not a Word/ODF file, macros, too big); nothing written."""


def xml_parser() -> etree.XMLParser:
    """No DTD loading, no entity expansion, no network access, no huge trees."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


class Package:
    """A zip package whose members are read with bounds on their count and sizes."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise ImportError_(f"{path}：不是可讀取的 Word（.docx）或 ODF（.odt）檔案（{exc}）。") from None
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ImportError_(
                f"{path}：檔案內含 {len(infos)} 個部分，超過上限 {MAX_MEMBERS}；不像是一般報告。"
            )
        self.infos = {info.filename: info for info in infos}
        self.read_bytes = 0

    def __contains__(self, name: str) -> bool:
        return name in self.infos

    def close(self) -> None:
        self.zip.close()

    def read(self, name: str) -> bytes:
        """A member's bytes, refusing one bigger than the bounds (its declared size and what it
        really inflates to: a zip bomb may lie about the former)."""
        info = self.infos.get(name)
        if info is None:
            raise KeyError(name)
        declared = info.file_size
        if declared > MAX_MEMBER_BYTES or (
            info.compress_size and declared > 1024 * 1024 and declared / info.compress_size > MAX_RATIO
        ):
            raise self._too_big(name)
        out = bytearray()
        with self.zip.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                out += chunk
                if len(out) > min(declared, MAX_MEMBER_BYTES):
                    raise self._too_big(name)
        self.read_bytes += len(out)
        if self.read_bytes > MAX_TOTAL_BYTES:
            raise ImportError_(f"{self.path}：內容解壓縮後超過 {MAX_TOTAL_BYTES // 1024 // 1024} MB 上限。")
        return bytes(out)

    def _too_big(self, name: str) -> ImportError_:
        return ImportError_(
            f"{self.path}：其中的 {name} 解壓縮後過大（上限 {MAX_MEMBER_BYTES // 1024 // 1024} MB，"
            f"壓縮比上限 {MAX_RATIO} 倍）；檔案可能損壞或是惡意檔案，未匯入。"
        )

    def xml(self, name: str) -> etree._Element:
        try:
            return etree.fromstring(self.read(name), xml_parser())
        except etree.XMLSyntaxError as exc:
            raise ImportError_(f"{self.path}：{name} 不是正確的 XML（{exc}）。") from None

    def refuse_macros(self) -> None:
        names = [n.lower() for n in self.infos]
        types = (
            self.read("[Content_Types].xml").decode("utf-8", "replace")
            if "[Content_Types].xml" in self
            else ""
        )
        if any(n.endswith((".bin", "vbaproject.bin")) and "vba" in n for n in names) or any(
            t.lower() in types.lower() for t in MACRO_TYPES
        ):
            raise ImportError_(
                f"{self.path}：這是含巨集的檔案（.docm／macro-enabled），基於安全不匯入；"
                "請在 Word 另存為一般的 .docx（Word 文件）後再匯入。"
            )

    def relationships(self, part: str) -> dict[str, tuple[str, str | None]]:
        """Relationship id → (type's last word, the target member name or None when the target
        is external: a URL that is never fetched)."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        if rels not in self:
            return {}
        out: dict[str, tuple[str, str | None]] = {}
        for rel in self.xml(rels):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            if rel.get("TargetMode") == EXTERNAL:
                out[rel.get("Id", "")] = (kind, None)
                continue
            member = (
                posixpath.normpath(posixpath.join(folder, target))
                if not target.startswith("/")
                else target[1:]
            )
            out[rel.get("Id", "")] = (kind, member)
        return out

    def external_targets(self, part: str) -> dict[str, str]:
        """Relationship id → URL of the external targets (hyperlinks, linked images)."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        if rels not in self:
            return {}
        return {
            rel.get("Id", ""): rel.get("Target", "")
            for rel in self.xml(rels)
            if rel.get("TargetMode") == EXTERNAL
        }
