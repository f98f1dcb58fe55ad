"""`make bench`: time, peak memory and size of our outputs against pandoc and LibreOffice.

Workloads, made on the fly under a temporary folder: the reference report with 20 phone photos
(4000×3000, ~3 MB, EXIF orientation 6); its text at 1×, 2× and 4× length; a batch of 20
reports built with make. Prints a Markdown table of medians and the targets met or missed, and
writes it to build/bench.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import BuildOptions, build_report  # noqa: E402
from generator.validate import validate  # noqa: E402
from generator.wording.plaintext import report_lines  # noqa: E402
from tests.phone_photos import make_phone_photo  # noqa: E402

REFERENCE = ROOT / "content" / "2015-japan-industry-academia"
TRIPREPORT = [sys.executable, "-m", "generator"]
MB = 1024 * 1024


@dataclass
class Sample:
    seconds: float
    peak_mb: float
    size_mb: float = 0.0


# A forked child starts with its parent's peak memory on Linux, so commands are started from a
# small launcher, not from this process (which holds reports built in-process).
LAUNCHER = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(usage.ru_maxrss)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run(cmd: list[str], cwd: Path = ROOT, cache: Path | None = None, expect: int = 0) -> Sample:
    """Wall time and peak resident memory of one command (and the children it waits for).
    ``cache``: the image and font cache it uses (TRIPREPORT_CACHE); a new one makes a cold build."""
    env = {**os.environ, "TRIPREPORT_CACHE": str(cache)} if cache else None
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *cmd], cwd=cwd, capture_output=True, text=True, check=False, env=env
    )
    seconds = time.perf_counter() - start
    if result.returncode != expect:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{result.stderr}")
    return Sample(seconds, int(result.stdout.split()[-1]) / 1024)


def median(samples: list[Sample]) -> Sample:
    return Sample(
        statistics.median(s.seconds for s in samples),
        statistics.median(s.peak_mb for s in samples),
        statistics.median(s.size_mb for s in samples),
    )


def repeat(times: int, make_sample: Callable[[], Sample]) -> Sample:
    return median([make_sample() for _ in range(times)])


def with_phone_photos(work: Path) -> Path:
    folder = work / "ref20" / REFERENCE.name
    shutil.copytree(REFERENCE, folder)
    entries = ""
    for n in range(20):
        make_phone_photo(folder / "photos" / f"phone-{n:02d}.jpg", n)
        entries += f"    - file: photos/phone-{n:02d}.jpg\n      caption: 手機照片第{n + 1}張\n"
    path = folder / "report.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + entries, encoding="utf-8")
    return folder


def longer_text(work: Path, factor: int) -> Path:
    """The reference report with its chapters repeated ``factor`` times."""
    folder = work / f"text{factor}x" / REFERENCE.name
    shutil.copytree(REFERENCE, folder)
    path = folder / "report.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["chapters"] = [
        {**c, "title": f"{c['title']}（{k + 1}）"} for k in range(factor) for c in data["chapters"]
    ]
    path.write_text(
        yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=10**9), encoding="utf-8"
    )
    return folder


class _NoAliases(yaml.SafeDumper):
    """Repeated chapters written out in full: report.yaml refuses anchors and aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def as_markdown(folder: Path, target: Path) -> Path:
    """The same text and photos for pandoc: one paragraph per line, images by path."""
    report, _ = validate(folder)
    assert report is not None
    lines = [f"# {report.title}", ""] + [f"{line}\n" for line in report_lines(report)]
    images = [p.file for p in report.appendix.photos]
    lines += [f"![{p.name}]({p})\n" for p in images]
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


def in_process(folder: Path, out: Path, formats: tuple[str, ...], toc: bool = False) -> Sample:
    os.environ["TRIPREPORT_CACHE"] = str(out / ".cache")  # the output folder's own: warm after one build
    start = time.perf_counter()
    written = build_report(folder, out, BuildOptions(formats=formats, toc_pages=toc))
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in written if p.suffix in (".docx", ".pdf")) / MB
    return Sample(seconds, 0.0, size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--batch", type=int, default=20, help="reports in the make batch")
    parser.add_argument(
        "--only",
        choices=["import", "pdf"],
        help="one workload alone (import: tripreport import; pdf: the PDF against LibreOffice)",
    )
    args = parser.parse_args()
    for tool in {"import": (), "pdf": ("soffice",)}.get(args.only, ("pandoc", "soffice", "make")):
        if not shutil.which(tool):
            raise SystemExit(f"bench needs {tool}: sudo apt-get install pandoc libreoffice-writer-nogui make")
    if args.only:
        with tempfile.TemporaryDirectory(prefix="tripreport-bench-") as tmp:
            work = Path(tmp)
            if args.only == "import":
                print(_table(import_rows(work, args.runs)))
                return
            outs = iter(range(10**6))
            warm_out = work / "warm"
            ref20 = with_phone_photos(work)
            in_process(ref20, warm_out, ("docx",))
            print(_table(pdf_rows(work, ref20, warm_out, lambda: work / f"out{next(outs)}", args.runs)))
        return
    rows: list[tuple[str, Sample, str]] = []
    with tempfile.TemporaryDirectory(prefix="tripreport-bench-") as tmp:
        work = Path(tmp)
        ref20 = with_phone_photos(work)
        outs = iter(range(10**6))

        def fresh() -> Path:
            return work / f"out{next(outs)}"

        # .docx: cold (a new output folder: photos not cached) as a clerk's command, then warm.
        # Against pandoc without the 目次's page numbers, which pandoc does not compute either
        # (they cost a LibreOffice layout: the default build's row below).
        docx_cold = repeat(args.runs, lambda: _cli(ref20, fresh(), "docx", "--no-toc-pages"))
        docx_cold_toc = repeat(args.runs, lambda: _cli(ref20, fresh(), "docx"))
        warm_out = fresh()
        in_process(ref20, warm_out, ("docx",))
        docx_warm = repeat(args.runs, lambda: in_process(ref20, warm_out, ("docx",)))
        docx_toc = repeat(args.runs, lambda: in_process(ref20, warm_out, ("docx",), toc=True))
        markdown = as_markdown(ref20, work / "ref20.md")
        pandoc = repeat(
            args.runs,
            lambda: _sized(
                run(["pandoc", str(markdown), "-o", str(work / "pandoc.docx")]), work / "pandoc.docx"
            ),
        )
        vs_pandoc = f"{docx_cold.seconds / pandoc.seconds:.2f}× pandoc"
        rows += [
            ("docx, 20 photos, cold (CLI, --no-toc-pages)", docx_cold, vs_pandoc),
            ("docx, 20 photos, cold (CLI, default: 目次 pages by LibreOffice)", docx_cold_toc, ""),
            ("docx, 20 photos, warm (in-process)", docx_warm, ""),
            ("docx, 20 photos, warm, --toc-pages", docx_toc, ""),
            ("pandoc md → docx, same text and photos", pandoc, ""),
        ]

        rows += pdf_rows(work, ref20, warm_out, fresh, args.runs)
        base = None
        for factor in (1, 2, 4):
            folder = longer_text(work, factor)
            out = fresh()
            in_process(folder, out, ("pdf",))  # font subsets cached, as a clerk's rebuilds
            sample = repeat(args.runs, lambda folder=folder, out=out: in_process(folder, out, ("pdf",)))
            peak = _cli(folder, fresh(), "pdf").peak_mb
            sample.peak_mb = peak
            base = base or sample.seconds
            rows.append(
                (f"PDF, text {factor}× (in-process)", sample, f"{sample.seconds / base:.2f}× the 1× time")
            )

        # make over a batch of reports: serial, parallel, and a second run with nothing to do.
        content = work / "batch" / "content"
        for n in range(args.batch):
            shutil.copytree(REFERENCE, content / f"r{n:02d}")
        make = ["make", "--no-print-directory", "reports", f"CONTENT={content}", "TOC_PAGES="]
        serial = run([*make, f"OUT={work / 'batch' / 'j1'}", "-j1"], cache=work / "batch" / "j1.cache")
        parallel = run([*make, f"OUT={work / 'batch' / 'j2'}", "-j2"], cache=work / "batch" / "j2.cache")
        nothing = repeat(
            args.runs,
            lambda: run([*make, f"OUT={work / 'batch' / 'j2'}", "-j2"], cache=work / "batch" / "j2.cache"),
        )
        same = _same_outputs(work / "batch" / "j1", work / "batch" / "j2")
        rows += [
            (f"make -j1, {args.batch} reports (docx + pdf)", serial, ""),
            (
                f"make -j2, {args.batch} reports (docx + pdf)",
                parallel,
                f"{serial.seconds / parallel.seconds:.2f}× faster; outputs equal: {same}",
            ),
            ("make, nothing to do", nothing, ""),
        ]
        rows += largest_images(work)
        rows += import_rows(work, args.runs)

    table = _table(rows)
    print(table)
    target = ROOT / "build" / "bench.md"
    target.parent.mkdir(exist_ok=True)
    target.write_text(table + "\n", encoding="utf-8")
    print(f"\nwritten to {target.relative_to(ROOT)}")


def pdf_rows(
    work: Path, ref20: Path, warm_out: Path, fresh: Callable[[], Path], runs: int
) -> list[tuple[str, Sample, str]]:
    """The PDF, cold and warm, against LibreOffice's docx → pdf of the same content (the .docx
    ``warm_out`` holds). Interleaved, a run of each in turn: the machine's speed drifts over
    minutes, and a ratio should compare runs of the same minutes."""
    docx_file = warm_out / REFERENCE.name / f"{REFERENCE.name}.docx"
    lo_command = [
        "soffice",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(work / "lo"),
        str(docx_file),
    ]
    _cli(ref20, warm_out, "pdf")  # the warm runs' cache: the PDF's copies of the photos
    cold, warm, lo = [], [], []
    for _ in range(runs):
        cold.append(_cli(ref20, fresh(), "pdf"))
        warm.append(_cli(ref20, warm_out, "pdf"))
        lo.append(run(lo_command))
    pdf_cold, pdf_warm, office = median(cold), median(warm), median(lo)
    return [
        ("PDF, 20 photos, cold (CLI)", pdf_cold, f"{pdf_cold.seconds / office.seconds:.2f}× LibreOffice"),
        ("PDF, 20 photos, warm (CLI)", pdf_warm, f"{pdf_warm.seconds / office.seconds:.2f}× LibreOffice"),
        ("LibreOffice docx → pdf", office, ""),
    ]


def import_rows(work: Path, runs: int) -> list[tuple[str, Sample, str]]:
    """`tripreport import` of the reference report's own .docx with 20 phone photos (≈50
    pages): in-process, and as a clerk's command; target under 2 s (issue 14)."""
    from generator.importer import import_report

    ref20 = with_phone_photos(work / "import")
    out = work / "import" / "out"
    build_report(ref20, out, BuildOptions(formats=("docx",), toc_pages=False))
    docx = out / REFERENCE.name / f"{REFERENCE.name}.docx"
    targets = iter(range(10**6))

    def in_process() -> Sample:
        start = time.perf_counter()
        import_report(docx, work / "import" / f"r{next(targets)}")
        return Sample(time.perf_counter() - start, 0.0)

    warm = repeat(runs, in_process)
    cli = repeat(
        runs,
        lambda: run([*TRIPREPORT, "import", str(docx), str(work / "import" / f"c{next(targets)}")]),
    )
    size = docx.stat().st_size / MB
    warm.size_mb = cli.size_mb = size
    return [
        ("import ≈50-page .docx, 20 photos (in-process)", warm, "target < 2 s"),
        ("import ≈50-page .docx, 20 photos (CLI: import, then check decoding each photo)", cli, ""),
    ]


def _cli(folder: Path, out: Path, fmt: str, *options: str) -> Sample:
    """A build into ``out`` with a cache of its own (out/.cache): cold in a new folder."""
    command = [*TRIPREPORT, "build", str(folder), "-o", str(out), "--format", fmt, *options]
    sample = run(command, cache=out / ".cache")
    return _sized(sample, out / folder.name / f"{folder.name}.{fmt}")


def largest_images(work: Path) -> list[tuple[str, Sample, str]]:
    """Peak memory of a build given the largest image allowed (just under MAX_IMAGE_BYTES and
    MAX_PIXELS), and of one given a 1 GB (sparse) file named .jpg, which is refused."""
    from PIL import Image

    from generator.images import MAX_IMAGE_BYTES, MAX_PIXELS

    rows = []
    folder = work / "large" / "minimal"
    shutil.copytree(ROOT / "tests" / "data" / "minimal", folder)
    photo = folder / "photos" / "large.jpg"
    side = int(MAX_PIXELS**0.5) - 8
    Image.effect_noise((side, side), 40).convert("RGB").save(photo, quality=85)
    assert photo.stat().st_size <= MAX_IMAGE_BYTES, photo.stat().st_size
    path = folder / "report.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("photos/a.png, caption: 合影", "photos/large.jpg, caption: 合影")
    path.write_text(text, encoding="utf-8")
    out = work / "large" / "out"
    sample = run([*TRIPREPORT, "build", str(folder), "-o", str(out), "--no-toc-pages"], cache=out / ".cache")
    rows.append(
        (
            f"largest image allowed ({side}×{side}, {photo.stat().st_size / MB:.0f} MB JPEG), "
            "docx + pdf, cold (CLI)",
            sample,
            "limit 400 MB",
        )
    )
    with photo.open("wb") as f:
        f.truncate(1 << 30)
    sample = run(
        [*TRIPREPORT, "build", str(folder), "-o", str(work / "large" / "refused"), "--no-toc-pages"],
        cache=out / ".cache",
        expect=1,
    )
    rows.append(("a 1 GB file named .jpg, refused (CLI)", sample, "limit 400 MB"))
    return rows


def _sized(sample: Sample, path: Path) -> Sample:
    sample.size_mb = path.stat().st_size / MB
    return sample


def _same_outputs(a: Path, b: Path) -> bool:
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file() and ".cache" not in p.parts)
    return bool(files) and all((a / f).read_bytes() == (b / f).read_bytes() for f in files)


def _table(rows: list[tuple[str, Sample, str]]) -> str:
    lines = [
        "| workload | wall time (s) | peak memory (MB) | output (MB) | ratio |",
        "|---|---:|---:|---:|---|",
    ]
    for name, s, ratio in rows:
        memory = f"{s.peak_mb:.0f}" if s.peak_mb else "–"
        size = f"{s.size_mb:.2f}" if s.size_mb else "–"
        lines.append(f"| {name} | {s.seconds:.2f} | {memory} | {size} | {ratio} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
