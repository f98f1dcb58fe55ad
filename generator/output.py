"""Atomic writes: a reader (or make) never sees a half-written output."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import RenderError

MAX_OUTPUT_BYTES = 200 * 1024 * 1024  # far above any report; a bigger file is a runaway input
TMP_SUFFIX = ".tmp"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    A reader (or make) sees the old file or the new one, never half of one; two builds of
    the same report at once each rename a whole file, and the last one stays.
    """
    write_all_atomic({path: data})


def write_all_atomic(files: dict[Path, bytes]) -> None:
    """Write every file of ``files`` or none: each goes to a temporary file beside it first,
    and only when all of them are on disk are they renamed into place. A disk that fills up
    (or any failure) on the last output leaves every earlier output as it was."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            if len(data) > MAX_OUTPUT_BYTES:
                raise RenderError(
                    f"{path.name} 有 {len(data) // 1024 // 1024} MB，超過上限 "
                    f"{MAX_OUTPUT_BYTES // 1024 // 1024} MB；請減少或縮小照片。"
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(
                prefix=f".{path.name}.{os.getpid()}.", suffix=TMP_SUFFIX, dir=path.parent
            )
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, 0o644)
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path) -> None:
    """Delete temporary files left by a build that was killed (its process is gone); those of
    a build still running beside us are kept."""
    for tmp in folder.glob(f".*{TMP_SUFFIX}"):
        parts = tmp.name.split(".")
        pid = int(parts[-3]) if len(parts) >= 4 and parts[-3].isdigit() else None
        if pid is None or not _alive(pid):
            tmp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
