"""Many reports in one call: find them, build them (in parallel processes), summarise."""

from __future__ import annotations

import dataclasses
import logging
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import portal
from .build import BuildOptions, build_report
from .errors import ContentError, TripReportError, internal_error
from .validate import REPORT_FILE


@dataclass(frozen=True)
class Result:
    path: Path
    written: list[Path] = field(default_factory=list)
    error: str | None = None  # every problem, one per line, when the report failed
    traceback: str | None = None  # when it failed by a bug of ours (the CLI's exit code 3)
    warnings: tuple[str, ...] = ()  # every warning, one per line, for the summary


log = logging.getLogger("tripreport")


class _Warnings(logging.Handler):
    """The warnings logged while a report is built, kept for the summary instead of being
    printed in the middle of the progress bar."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def find_reports(paths: list[Path]) -> list[Path]:
    """The report folders ``paths`` name: a report folder, its report.yaml, or a folder of
    report folders (such as content/)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir() and not (path / REPORT_FILE).exists():
            found += sorted(p.parent for p in path.glob(f"*/{REPORT_FILE}"))
        else:
            found.append(path)
    return found


def _build_one(path: Path, outdir: Path, options: BuildOptions) -> Result:
    caught = _Warnings()
    log.addHandler(caught)
    propagate, log.propagate = log.propagate, False
    try:
        return dataclasses.replace(_attempt(path, outdir, options), warnings=tuple(caught.lines))
    finally:
        log.removeHandler(caught)
        log.propagate = propagate


def _attempt(path: Path, outdir: Path, options: BuildOptions) -> Result:
    try:
        return Result(path, build_report(path, outdir, options))
    except ContentError as exc:
        return Result(path, error="\n".join(str(p) for p in exc.problems))
    except TripReportError as exc:
        return Result(path, error=str(exc))
    except Exception as exc:  # a bug of ours: this report fails, the others go on
        return _internal(path, exc)


def _internal(path: Path, exc: BaseException) -> Result:
    return Result(path, error=internal_error(exc), traceback="".join(traceback.format_exception(exc)))


def build_many(
    paths: list[Path],
    outdir: Path,
    options: BuildOptions,
    jobs: int = 1,
    done: Callable[[Result], None] = lambda result: None,
) -> list[Result]:
    """Build every report, going on past failures; ``done`` hears of each as it finishes.
    Then rewrites ``outdir/portal.csv`` over every report built under ``outdir`` so far."""
    results = list(_run(paths, outdir, options, jobs, done))
    portal.write_index(outdir)
    return sorted(results, key=lambda r: str(r.path))


def _run(
    paths: list[Path], outdir: Path, options: BuildOptions, jobs: int, done: Callable[[Result], None]
) -> Iterator[Result]:
    if jobs <= 1:
        for path in paths:
            result = _build_one(path, outdir, options)
            done(result)
            yield result
        return
    # Imported here: multiprocessing is for -j alone, and loading it would cost every other build.
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(_build_one, path, outdir, options): path for path in paths}
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as exc:  # the worker process died (killed, out of memory)
                result = _internal(futures[future], exc)
            done(result)
            yield result
