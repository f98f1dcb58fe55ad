"""The command line: parse arguments, call the library, print problems, choose the exit code."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import logging
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .batch import Result, build_many, find_reports
from .build import DEFAULT_FORMATS, FORMATS, PDF_VARIANTS, BuildOptions, toc_pages_by_default
from .errors import TripReportError, errors_of, internal_error
from .fix import fix_report
from .forms import DEFAULT_FORM, FORMS
from .output import write_atomic
from .scaffold import SCHEMA_FILE, scaffold_report, schema_text
from .validate import validate

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

# argparse's own English, as a clerk should read it.
_ARGPARSE_MESSAGES = [
    (r"the following arguments are required: (.*)", r"少了必要的參數：\1"),
    (r"unrecognized arguments: (.*)", r"看不懂的參數：\1"),
    (r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)", r"\1 不能是 \2；可用：\3"),
    (r"argument (\S+): invalid int value: (.*)", r"\1 應為整數，不能是 \2"),
    (r"argument (\S+): expected one argument", r"\1 後面要接一個值"),
    (r"argument (\S+): ignored explicit argument (.*)", r"\1 不接受值 \2"),
    (r"argument (\S+): not allowed with argument (\S+)", r"\1 不能和 \2 一起用"),
    (r"argument (\S+): (.*)", r"\1：\2"),
]


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese headings, -h and error messages (it has no translation of its own)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{**kwargs, "add_help": False, "formatter_class": _Formatter})
        self._positionals.title = "參數"
        self._optionals.title = "選項"
        self.add_argument("-h", "--help", action="help", help="顯示這段說明")

    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, chinese in _ARGPARSE_MESSAGES:
            message, found = re.subn(f"^{pattern}$", chinese, message)
            if found:
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}：錯誤：{message}\n")


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(
            f"未知的格式 {','.join(unknown) or value!r}；可用：{','.join(FORMATS)}"
        )
    return formats


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tripreport", description="公務出國報告：YAML → Word 與 PDF")
    parser.add_argument("--version", action="version", version=f"tripreport {__version__}", help="顯示版本")
    parser.add_argument("--debug", action="store_true", help="出錯時顯示完整的 Python 追蹤訊息")
    sub = parser.add_subparsers(dest="command", required=True, title="指令", metavar="指令")

    check = sub.add_parser("check", help="檢查報告內容，列出所有問題")
    check.add_argument("paths", nargs="+", type=Path, metavar="報告", help="報告資料夾或其 report.yaml")
    check.add_argument("--strict", action="store_true", help="警告也視為錯誤")

    fix = sub.add_parser("fix", help="自動修正簡化字、全形數字、半形標點與引號（只改這些字）")
    fix.add_argument("paths", nargs="+", type=Path, metavar="報告", help="報告資料夾或其 report.yaml")
    fix.add_argument("--dry-run", action="store_true", help="只列出會修正的地方，不寫入")

    build = sub.add_parser("build", help="產生 .docx 與 .pdf")
    build.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="報告",
        help="報告資料夾、其 report.yaml，或內含多份報告的資料夾（如 content/）",
    )
    build.add_argument(
        "-o", "--outdir", type=Path, default=Path("build"), metavar="資料夾", help="輸出資料夾（預設 build）"
    )
    build.add_argument(
        "--format",
        type=_formats,
        default=DEFAULT_FORMATS,
        dest="formats",
        metavar="格式",
        help="要產生的格式，以逗號分隔：docx、pdf、odt（預設 docx,pdf）",
    )
    build.add_argument("--public", action="store_true", help="公開版：不含限閱章節，輸出為 <slug>-public.*")
    build.add_argument("-j", "--jobs", type=int, default=1, metavar="份數", help="同時產生幾份報告（多份時）")
    build.add_argument(
        "--templates", type=Path, metavar="資料夾", help="自訂樣板資料夾（內含 report.docx 等）"
    )
    build.add_argument(
        "--toc-pages",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="用 LibreOffice 排版算出 .docx 目次的頁碼（有安裝 LibreOffice 時預設如此；"
        "--no-toc-pages 則不算）",
    )
    build.add_argument(
        "--review-sheet", action="store_true", help="另外產生出國報告審核表 <slug>-審核表.docx"
    )
    build.add_argument(
        "--pdf-variant",
        choices=PDF_VARIANTS,
        metavar="變體",
        help="PDF 變體：pdf/a-2b（長期保存用）或 pdf/ua-1（無障礙，宣告符合 PDF/UA-1）；"
        "都未經外部驗證。PDF 一律加上結構標記",
    )
    build.add_argument(
        "--draft", action="store_true", help="草稿：還有待填的「○○」也照樣產生，每頁標示「草稿」"
    )
    build.add_argument("--strict", action="store_true", help="警告也視為錯誤")

    imp = sub.add_parser("import", help="把舊的 Word（.docx、.doc）或 .odt 報告轉成 report.yaml 與 photos/")
    imp.add_argument("source", type=Path, metavar="檔案", help="舊報告，如 舊報告.docx")
    imp.add_argument(
        "folder", type=Path, metavar="資料夾", help="新報告的資料夾，例如 content/2025-japan-visit"
    )
    imp.add_argument("--force", action="store_true", help="覆蓋已經存在的 report.yaml 與同名照片")

    new = sub.add_parser("new", help="建立新報告的 report.yaml 範本")
    new.add_argument(
        "folder", type=Path, metavar="資料夾", help="新報告的資料夾，例如 content/2025-japan-visit"
    )
    new.add_argument(
        "--form",
        choices=tuple(FORMS),
        default=DEFAULT_FORM,
        metavar="表格",
        help="報告的表格：executive-yuan（行政院公務出國報告，預設）或 nstc-conference"
        "（國科會出席國際學術會議心得報告）",
    )

    schema = sub.add_parser("schema", help="輸出 report.yaml 的 JSON Schema（供編輯器自動完成與檢查）")
    schema.add_argument("-o", "--output", type=Path, metavar="檔案", help="寫入檔案（預設輸出到螢幕）")
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
        if args.command == "fix":
            return _fix(args.paths, args.dry_run)
        if args.command == "schema":
            text = schema_text()
            if args.output:
                write_atomic(args.output, text.encode())
            else:
                sys.stdout.write(text)
            return EXIT_OK
        if args.command == "import":
            return _import(args.source, args.folder, args.force)
        if args.command == "new":
            target = scaffold_report(args.folder, dt.date.today(), SCHEMA_FILE, args.form)
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
        print(internal_error(exc), file=sys.stderr)
        return EXIT_INTERNAL


def run() -> None:
    """The ``tripreport`` command (and ``python -m generator``): main(), then the process ends
    at once. A PDF build leaves about a million objects (WeasyPrint's boxes, styles, Pango
    layouts) that the interpreter would otherwise free one by one on its way out, ~0.3 s of
    every build; the outputs are written and closed by then, and every temporary folder was
    removed by its ``with``. An exception from main() still exits the usual way."""
    code = main()
    logging.shutdown()
    with contextlib.suppress(OSError):  # a closed pipe (`tripreport check … | head`)
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


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
            todo = sum(p.placeholder for p in problems)
            print(
                f"{path}：沒有錯誤"
                + (f"，{warnings} 個警告" if warnings else "")
                + (f"；{todo} 處待填，填好才能 build（或用 build --draft 產生草稿）" if todo else "")
            )
    return EXIT_CONTENT if failed else EXIT_OK


def _import(source: Path, folder: Path, force: bool) -> int:
    from .importer import import_report

    summary = import_report(source, folder, force)
    print(f"已寫入 {summary.target}（照片 {summary.photos} 張）")
    print(f"認出：{'、'.join(summary.recognised) or '（無）'}")
    if summary.guessed:
        print(f"推測或暫填 {len(summary.guessed)} 處（report.yaml 中標有「# 請確認」）：")
        for line, what in summary.guessed:
            print(f"  {summary.target}:{line}: {what}")
    print("檢查結果：")
    return _check([folder], strict=False)


def _fix(paths: list[Path], dry_run: bool) -> int:
    failed = False
    for path in paths:
        fixes = fix_report(path, dry_run)
        fixed, left = fixes.fixed, fixes.left
        for problem in fixed:
            assert problem.fix is not None
            _, before, after = problem.fix
            print(f"{problem.file}:{problem.line}:{problem.col}: {_visible(before)} → {_visible(after)}")
        for error in errors_of(left):
            print(error, file=sys.stderr)
        errors = len(errors_of(left))
        failed = failed or bool(errors)
        done = f"可修正 {len(fixed)} 處（--dry-run：未寫入）" if dry_run else f"已修正 {len(fixed)} 處"
        rest = f"；還有 {errors} 個錯誤、{len(left) - errors} 個警告" if left else ""
        print(f"{path}：{done}{rest}" + ("，請執行 tripreport check 查看" if left else ""))
    return EXIT_CONTENT if failed else EXIT_OK


def _visible(text: str) -> str:
    """A fix's text as printed: a space as ␣, nothing as （刪除）."""
    return text.replace(" ", "␣") or "（刪除）"


def _build(args: argparse.Namespace) -> int:
    toc_pages = toc_pages_by_default() if args.toc_pages is None else args.toc_pages
    options = BuildOptions(
        formats=args.formats,
        toc_pages=toc_pages,
        strict=args.strict,
        review_sheet=args.review_sheet,
        pdf_variant=args.pdf_variant,
        public=args.public,
        draft=args.draft,
        **({"templates": args.templates} if args.templates else {}),
    )
    reports = find_reports(args.paths)
    if len(reports) == 1:  # one report: a line per output, problems in full
        (result,) = build_many(reports, args.outdir, options)
        for warning in result.warnings:
            print(warning, file=sys.stderr)
        for written in result.written:
            print(f"已寫入 {written}")
        if result.error:
            _print_failure(result, args.debug)
            print(f"{reports[0]}：有錯誤，未產生任何檔案", file=sys.stderr)
        return _exit_code([result])
    return _build_batch(reports, args.outdir, options, args.jobs, args.debug)


def _print_failure(result: Result, debug: bool) -> None:
    if debug and result.traceback:
        print(result.traceback, file=sys.stderr, end="")
    print(result.error, file=sys.stderr)


def _exit_code(results: list[Result]) -> int:
    """3 if a report failed by a bug of ours, else 1 if one had errors, else 0."""
    if any(r.traceback for r in results):
        return EXIT_INTERNAL
    return EXIT_CONTENT if any(r.error for r in results) else EXIT_OK


def _build_batch(reports: list[Path], outdir: Path, options: BuildOptions, jobs: int, debug: bool) -> int:
    # Imported here: rich is for batches alone, and loading it would cost every one-report build.
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(stderr=True)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        task = progress.add_task("產生報告", total=len(reports))

        def done(result: Result) -> None:
            mark = "[red]✗ 失敗[/]" if result.error else "[green]✓ 完成[/]"
            progress.console.print(f"{mark} {result.path}", soft_wrap=True)
            progress.advance(task)

        results = build_many(reports, outdir, options, jobs, done)
    failed = [r for r in results if r.error]
    for result in results:  # plain lines: editors jump to file:line:col only if unwrapped
        if result.error or result.warnings:
            print(f"\n{result.path}：", file=sys.stderr)
        for warning in result.warnings:
            print(warning, file=sys.stderr)
        if result.error:
            _print_failure(result, debug)
    written = sum(len(r.written) for r in results)
    warnings = sum(len(r.warnings) for r in results)
    print(
        f"共 {len(results)} 份報告：{len(results) - len(failed)} 份完成，{len(failed)} 份失敗；"
        f"寫入 {written} 個檔案到 {outdir}" + (f"；{warnings} 個警告（列在上面）" if warnings else "")
    )
    return _exit_code(results)
