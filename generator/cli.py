"""The command line: parse arguments, call the library, print problems, choose the exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from . import __version__
from .batch import Result, build_many, find_reports
from .build import DEFAULT_FORMATS, FORMATS, PDF_VARIANTS, BuildOptions
from .errors import TripReportError, errors_of
from .output import write_atomic
from .scaffold import SCHEMA_FILE, scaffold_report, schema_text
from .validate import validate

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(f"未知的格式 {','.join(unknown) or value!r}；"
                                         f"可用：{','.join(FORMATS)}")
    return formats


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tripreport", description="公務出國報告：YAML → Word 與 PDF")
    parser.add_argument("--version", action="version", version=f"tripreport {__version__}")
    parser.add_argument("--debug", action="store_true", help="出錯時顯示完整的 Python 追蹤訊息")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="檢查報告內容，列出所有問題")
    check.add_argument("paths", nargs="+", type=Path, help="報告資料夾或其 report.yaml")
    check.add_argument("--strict", action="store_true", help="警告也視為錯誤")

    build = sub.add_parser("build", help="產生 .docx 與 .pdf")
    build.add_argument("paths", nargs="+", type=Path,
                       help="報告資料夾、其 report.yaml，或內含多份報告的資料夾（如 content/）")
    build.add_argument("-o", "--outdir", type=Path, default=Path("build"), help="輸出資料夾（預設 build）")
    build.add_argument("--format", type=_formats, default=DEFAULT_FORMATS, dest="formats",
                       help="要產生的格式，以逗號分隔：docx、pdf、odt（預設 docx,pdf）")
    build.add_argument("--public", action="store_true",
                       help="公開版：不含限閱章節，輸出為 <slug>-public.*")
    build.add_argument("-j", "--jobs", type=int, default=1, help="同時產生幾份報告（多份時）")
    build.add_argument("--templates", type=Path, help="自訂樣板資料夾（內含 report.docx 等）")
    build.add_argument("--toc-pages", action="store_true",
                       help="用 LibreOffice 排版算出目次頁碼，寫入 .docx")
    build.add_argument("--review-sheet", action="store_true",
                       help="另外產生出國報告審核表 <slug>-審核表.docx")
    build.add_argument("--pdf-variant", choices=PDF_VARIANTS,
                       help="PDF 變體，例如 pdf/a-2b（長期保存用；未經外部驗證）")
    build.add_argument("--strict", action="store_true", help="警告也視為錯誤")

    new = sub.add_parser("new", help="建立新報告的 report.yaml 範本")
    new.add_argument("folder", type=Path, help="新報告的資料夾，例如 content/2025-japan-visit")

    schema = sub.add_parser("schema", help="輸出 report.yaml 的 JSON Schema（供編輯器自動完成與檢查）")
    schema.add_argument("-o", "--output", type=Path, help="寫入檔案（預設輸出到螢幕）")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 for --help
        return int(exc.code or 0)
    logging.basicConfig(format="%(message)s", level=logging.WARNING, stream=sys.stderr)
    logging.getLogger("tripreport").setLevel(logging.INFO)
    try:
        if args.command == "check":
            return _check(args.paths, args.strict)
        if args.command == "schema":
            text = schema_text()
            if args.output:
                write_atomic(args.output, text.encode())
            else:
                sys.stdout.write(text)
            return EXIT_OK
        if args.command == "new":
            target = scaffold_report(args.folder, dt.date.today(), SCHEMA_FILE)
            print(f"已建立 {target}；填好後執行：tripreport check {args.folder}")
            return EXIT_OK
        return _build(args)
    except TripReportError as exc:
        if args.debug:
            raise
        print(str(exc), file=sys.stderr)
        return EXIT_CONTENT
    except Exception as exc:  # a bug of ours: say so plainly, the traceback only on request
        if args.debug:
            raise
        print(f"tripreport 內部錯誤：{type(exc).__name__}: {exc}\n"
              "請加上 --debug 重新執行，並把訊息回報給維護者。", file=sys.stderr)
        return EXIT_CONTENT


def _check(paths: list[Path], strict: bool) -> int:
    failed = False
    for path in paths:
        _, problems = validate(path)
        for problem in problems:
            print(problem, file=sys.stderr)
        failing = problems if strict else errors_of(problems)
        failed = failed or bool(failing)
        if not failing:
            warnings = len(problems)
            print(f"{path}：沒有錯誤" + (f"，{warnings} 個警告" if warnings else ""))
    return EXIT_CONTENT if failed else EXIT_OK


def _build(args: argparse.Namespace) -> int:
    options = BuildOptions(formats=args.formats, toc_pages=args.toc_pages, strict=args.strict,
                           review_sheet=args.review_sheet, pdf_variant=args.pdf_variant,
                           public=args.public,
                           **({"templates": args.templates} if args.templates else {}))
    reports = find_reports(args.paths)
    if len(reports) == 1:  # one report: a line per output, problems in full
        (result,) = build_many(reports, args.outdir, options)
        for written in result.written:
            print(f"已寫入 {written}")
        if result.error:
            print(result.error, file=sys.stderr)
            print(f"{reports[0]}：有錯誤，未產生任何檔案", file=sys.stderr)
        return EXIT_CONTENT if result.error else EXIT_OK
    return _build_batch(reports, args.outdir, options, args.jobs)


def _build_batch(reports: list[Path], outdir: Path, options: BuildOptions, jobs: int) -> int:
    console = Console(stderr=True)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=console) as progress:
        task = progress.add_task("產生報告", total=len(reports))

        def done(result: Result) -> None:
            mark = "[red]✗ 失敗[/]" if result.error else "[green]✓ 完成[/]"
            progress.console.print(f"{mark} {result.path}", soft_wrap=True)
            progress.advance(task)

        results = build_many(reports, outdir, options, jobs, done)
    failed = [r for r in results if r.error]
    for result in failed:  # plain lines: editors jump to file:line:col only if unwrapped
        print(f"\n{result.path}：\n{result.error}", file=sys.stderr)
    written = sum(len(r.written) for r in results)
    print(f"共 {len(results)} 份報告：{len(results) - len(failed)} 份完成，{len(failed)} 份失敗；"
          f"寫入 {written} 個檔案到 {outdir}")
    return EXIT_CONTENT if failed else EXIT_OK
