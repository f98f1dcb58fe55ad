"""Many reports in one call: find them, build them (in parallel processes), summarise."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from . import portal
from .build import BuildOptions, build_report
from .errors import ContentError, TripReportError
from .output import write_atomic
from .validate import REPORT_FILE


@dataclass(frozen=True)
class Result:
    path: Path
    written: list[Path] = field(default_factory=list)
    error: str | None = None  # every problem, one per line, when the report failed


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
    try:
        return Result(path, build_report(path, outdir, options))
    except ContentError as exc:
        return Result(path, error="\n".join(str(p) for p in exc.problems))
    except TripReportError as exc:
        return Result(path, error=str(exc))


def build_many(paths: list[Path], outdir: Path, options: BuildOptions, jobs: int = 1,
               done: Callable[[Result], None] = lambda result: None) -> list[Result]:
    """Build every report, going on past failures; ``done`` hears of each as it finishes.
    Writes ``outdir/portal.csv`` over all the reports built."""
    results = list(_run(paths, outdir, options, jobs, done))
    records = [p for r in results for p in r.written if p.name.endswith(".portal.json")]
    if records:
        write_atomic(outdir / "portal.csv", portal.batch_csv(records))
    return sorted(results, key=lambda r: str(r.path))


def _run(paths: list[Path], outdir: Path, options: BuildOptions, jobs: int,
         done: Callable[[Result], None]) -> Iterator[Result]:
    if jobs <= 1:
        for path in paths:
            result = _build_one(path, outdir, options)
            done(result)
            yield result
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_build_one, path, outdir, options) for path in paths]
        for future in as_completed(futures):
            result = future.result()
            done(result)
            yield result
