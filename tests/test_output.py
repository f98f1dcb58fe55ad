"""Atomic writes (generator/output.py): a failed write never harms the previous output.

Failures are made deterministically by replacing a step (write, fsync, chmod, rename) with one
that raises; no test sleeps or looks at the clock.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator import output
from generator.errors import RenderError
from generator.output import MAX_OUTPUT_BYTES, TMP_SUFFIX, remove_stale_temporaries, write_atomic

OLD = b"%PDF-1.7 the previous, complete output\n" * 100
NEW = b"%PDF-1.7 the new output\n"
DEAD_PID = 999_999_999  # above any pid_max (at most 2**22 on Linux): no such process


@pytest.fixture(autouse=True)
def only_ask_with_signal_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real os.kill here must never send a signal (it would reach this test process itself)."""
    real_kill = os.kill

    def ask(pid: int, sig: int) -> None:
        assert sig == 0, f"os.kill({pid}, {sig}) would send a signal"
        real_kill(pid, sig)

    monkeypatch.setattr(output.os, "kill", ask)


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_the_file_and_its_folders(tmp_path: Path) -> None:
    path = tmp_path / "build" / "report" / "report.pdf"
    write_atomic(path, NEW)
    assert path.read_bytes() == NEW
    assert listing(path.parent) == ["report.pdf"]


def test_replaces_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(OLD)
    write_atomic(path, NEW)
    assert path.read_bytes() == NEW
    assert listing(tmp_path) == ["report.pdf"]


def test_empty_data(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    write_atomic(path, b"")
    assert path.read_bytes() == b""


def test_the_output_is_readable_by_everyone(tmp_path: Path) -> None:
    """mkstemp makes 0600 files; an output must be readable like any other file (0644)."""
    path = tmp_path / "report.pdf"
    old_umask = os.umask(0o077)
    try:
        write_atomic(path, NEW)
    finally:
        os.umask(old_umask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_the_temporary_file_is_beside_the_output_and_names_our_pid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(src: str, dst: Path) -> None:
        seen.append((str(src), str(dst)))
        assert Path(src).read_bytes() == NEW  # complete before it is renamed
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", spy)
    path = tmp_path / "report.pdf"
    write_atomic(path, NEW)
    [(src, dst)] = seen
    assert dst == str(path)
    assert Path(src).parent == tmp_path
    assert re.fullmatch(rf"\.report\.pdf\.{os.getpid()}\.[^./]+\.tmp", Path(src).name), src
    assert TMP_SUFFIX == ".tmp"


def test_data_is_flushed_to_disk_before_the_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(output.os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(output.os, "replace", lambda a, b: (events.append("replace"), real_replace(a, b))[1])
    write_atomic(tmp_path / "report.pdf", NEW)
    assert events == ["fsync", "replace"]


def _failing(exc: BaseException):
    def fail(*args: object, **kwargs: object) -> None:
        raise exc

    return fail


@pytest.mark.parametrize("step", ["fsync", "chmod", "replace"])
@pytest.mark.parametrize(
    "exc", [OSError(28, "No space left on device"), KeyboardInterrupt()], ids=["disk-full", "interrupted"]
)
def test_a_failed_step_leaves_the_old_file_intact_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, exc: BaseException
) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(OLD)
    monkeypatch.setattr(output.os, step, _failing(exc))
    with pytest.raises(type(exc)) as raised:
        write_atomic(path, NEW)
    assert raised.value is exc
    assert path.read_bytes() == OLD
    assert listing(tmp_path) == ["report.pdf"]


def test_a_failed_write_leaves_the_old_file_intact_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(OLD)
    real_fdopen = os.fdopen

    class HalfWriter:
        """Writes half of the data, then fails, as a full disk would."""

        def __init__(self, fd: int, mode: str) -> None:
            self.file = real_fdopen(fd, mode)

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

        def write(self, data: bytes) -> None:
            self.file.write(data[: len(data) // 2])
            self.file.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fdopen", HalfWriter)
    with pytest.raises(OSError, match="No space left on device"):
        write_atomic(path, NEW)
    assert path.read_bytes() == OLD
    assert listing(tmp_path) == ["report.pdf"]


def test_a_failed_first_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output.os, "replace", _failing(OSError(5, "Input/output error")))
    with pytest.raises(OSError, match="Input/output error"):
        write_atomic(tmp_path / "report.pdf", NEW)
    assert listing(tmp_path) == []


def test_the_original_error_survives_a_vanished_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the temporary is already gone when the write fails, the cause is still what is raised."""

    def vanish_then_fail(src: str, dst: object) -> None:
        os.unlink(src)
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(output.os, "replace", vanish_then_fail)
    with pytest.raises(OSError, match="Input/output error"):
        write_atomic(tmp_path / "report.pdf", NEW)
    assert listing(tmp_path) == []


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert MAX_OUTPUT_BYTES == 200 * 1024 * 1024
    mb = 1024 * 1024
    monkeypatch.setattr(output, "MAX_OUTPUT_BYTES", 5 * mb)
    path = tmp_path / "out" / "report.pdf"
    write_atomic(path, b"x" * (5 * mb))  # exactly at the limit: written
    assert path.stat().st_size == 5 * mb
    with pytest.raises(RenderError) as raised:
        write_atomic(path, b"y" * (7 * mb + 1))
    assert str(raised.value) == "report.pdf 有 7 MB，超過上限 5 MB；請減少或縮小照片。"
    assert path.read_bytes() == b"x" * (5 * mb)
    assert listing(path.parent) == ["report.pdf"]


def test_an_oversized_output_is_refused_before_anything_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "MAX_OUTPUT_BYTES", 10)
    with pytest.raises(RenderError, match=r"^big\.pdf 有 0 MB，超過上限 0 MB；請減少或縮小照片。$"):
        write_atomic(tmp_path / "new" / "big.pdf", b"x" * 11)
    assert not (tmp_path / "new").exists()


# --- leftovers of killed builds --------------------------------------------------------------


def test_stale_temporaries_of_dead_processes_are_removed_live_ones_kept(tmp_path: Path) -> None:
    names = {
        f".report.pdf.{DEAD_PID}.k2j_x9.tmp": False,  # its build was killed
        f".report.docx.{os.getpid()}.a8f_3q.tmp": True,  # a build running now (ours)
        ".report.pdf.1.zz.tmp": True,  # pid 1 always runs
        ".1.zz.tmp": True,  # the shortest name with a pid
        ".report.pdf.notapid.zz.tmp": False,  # no pid: not ours to keep
        ".zz.tmp": False,  # too short to hold a pid
        ".report.pdf.-5.zz.tmp": False,  # not a pid
        "report.pdf": True,  # outputs
        "report.tmp": True,  # not hidden: not one of ours
        ".report.pdf.options": True,  # other hidden files
        f".report.pdf.{DEAD_PID}.k2j_x9.tmp.keep": True,
    }
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    remove_stale_temporaries(tmp_path)
    assert listing(tmp_path) == sorted(n for n, kept in names.items() if kept)


def test_a_process_we_may_not_signal_is_alive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another user's build (kill answers EPERM) is running: its temporary stays."""
    name = ".report.pdf.4242.abc.tmp"
    (tmp_path / name).write_bytes(b"x")
    calls: list[tuple[int, int]] = []

    def kill(pid: int, sig: int) -> None:
        calls.append((pid, sig))
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(output.os, "kill", kill)
    remove_stale_temporaries(tmp_path)
    assert listing(tmp_path) == [name]
    assert calls == [(4242, 0)]  # signal 0: only asks whether the process exists


def test_a_dead_process_is_asked_with_signal_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".report.pdf.4242.abc.tmp").write_bytes(b"x")
    calls: list[tuple[int, int]] = []

    def kill(pid: int, sig: int) -> None:
        calls.append((pid, sig))
        raise ProcessLookupError(3, "No such process")

    monkeypatch.setattr(output.os, "kill", kill)
    remove_stale_temporaries(tmp_path)
    assert listing(tmp_path) == []
    assert calls == [(4242, 0)]


def test_a_temporary_removed_meanwhile_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two builds cleaning the same folder at once: the other one was faster."""
    stale = tmp_path / f".report.pdf.{DEAD_PID}.abc.tmp"
    stale.write_bytes(b"x")

    def gone(pid: int, sig: int) -> None:
        stale.unlink()  # the other build removes it between our listing and our unlink
        raise ProcessLookupError(3, "No such process")

    monkeypatch.setattr(output.os, "kill", gone)
    remove_stale_temporaries(tmp_path)
    assert listing(tmp_path) == []


def test_a_temporary_of_write_atomic_is_recognised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The name write_atomic gives its temporary is the one remove_stale_temporaries reads."""
    made: list[str] = []
    real_replace = os.replace

    def keep_a_copy(src: str, dst: Path) -> None:
        made.append(Path(src).name)
        Path(tmp_path / "left" / Path(src).name).write_bytes(b"x")
        real_replace(src, dst)

    (tmp_path / "left").mkdir()
    monkeypatch.setattr(output.os, "replace", keep_a_copy)
    write_atomic(tmp_path / "report.pdf", NEW)
    monkeypatch.undo()
    remove_stale_temporaries(tmp_path / "left")
    assert listing(tmp_path / "left") == made  # our own pid: a live build, kept
    dead = made[0].replace(f".{os.getpid()}.", f".{DEAD_PID}.")
    (tmp_path / "left" / made[0]).rename(tmp_path / "left" / dead)
    remove_stale_temporaries(tmp_path / "left")
    assert listing(tmp_path / "left") == []


def test_alive() -> None:
    assert output._alive(os.getpid()) is True
    assert output._alive(DEAD_PID) is False


# --- write_all_atomic: every output or none ---------------------------------------------------------


def test_write_all_writes_every_file(tmp_path: Path) -> None:
    files = {tmp_path / "r" / "a.pdf": b"A", tmp_path / "r" / "b.docx": b"B"}
    output.write_all_atomic(files)
    assert [(p.read_bytes(), oct(p.stat().st_mode & 0o777)) for p in files] == [
        (b"A", "0o644"),
        (b"B", "0o644"),
    ]
    assert listing(tmp_path / "r") == ["a.pdf", "b.docx"]


def test_a_disk_full_on_the_last_file_leaves_every_earlier_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.docx"
    first.write_bytes(OLD)
    second.write_bytes(OLD)
    calls = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(output.os, "fsync", fsync)
    with pytest.raises(OSError, match="No space left on device"):
        output.write_all_atomic({first: NEW, second: NEW})
    assert (first.read_bytes(), second.read_bytes()) == (OLD, OLD)
    assert listing(tmp_path) == ["a.pdf", "b.docx"]  # no temporary left


def test_write_all_refuses_an_oversized_file_before_writing_any(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "MAX_OUTPUT_BYTES", 3)
    with pytest.raises(RenderError, match=r"^b\.pdf 有 0 MB，超過上限 0 MB；請減少或縮小照片。$"):
        output.write_all_atomic({tmp_path / "a.pdf": b"123", tmp_path / "b.pdf": b"1234"})
    assert listing(tmp_path) == []


def test_write_all_names_the_file_whose_folder_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "r").write_bytes(b"a file")
    with pytest.raises(OSError) as raised:
        output.write_all_atomic({tmp_path / "a.pdf": b"A", tmp_path / "r" / "b.pdf": b"B"})
    assert raised.value.filename == str(tmp_path / "r")
    assert listing(tmp_path) == ["r"]
