"""`make golden`: rewrite tests/golden/<slug>.txt, the reviewed structure of each example .docx."""

from __future__ import annotations

import tempfile
from pathlib import Path

from generator.build import BuildOptions, build_report

from .conftest import CONFERENCE, NSTC, REFERENCE
from .outputs import structure

GOLDEN = Path(__file__).resolve().parent / "golden"


def build_docx(folder: Path, outdir: Path) -> Path:
    (docx_path,) = [
        p
        for p in build_report(folder, outdir, BuildOptions(formats=("docx",)))
        if p.name == f"{folder.name}.docx"
    ]
    return docx_path


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for folder in (REFERENCE, CONFERENCE, NSTC):
            lines = structure(build_docx(folder, Path(tmp)))
            (GOLDEN / f"{folder.name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"wrote tests/golden/{folder.name}.txt ({len(lines)} lines)")


if __name__ == "__main__":
    main()
