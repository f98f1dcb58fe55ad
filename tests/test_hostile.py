"""Hostile content and faults: text comes out literally, nothing is executed or half-written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from generator.build import BuildOptions, build_report
from generator.cli import main
from generator.errors import ContentError, TemplateError
from generator.validate import validate

from .conftest import CONFERENCE, MINIMAL, ROOT, replace_in
from .outputs import docx_lines, pdf_flow_text
from .seedtext import squash

HOSTILE = ["&", "<script>alert(1)</script>", "<b>x</b>", "{{ 7*7 }}", "{% include 'x' %}", "]]>",
           "&amp;", "\u200f右至左\u200e", "😀", "\U0002A6D6"]
UNBROKEN = "https://example.org/" + "a1" * 250  # longer than any line


def _visible(text: str) -> str:
    """What a reader can find: no white space and no invisible format characters."""
    return "".join(c for c in squash(text) if unicodedata.category(c) != "Cf")


def _put_text(folder: Path, text: str, paragraphs_only: bool = False) -> list[str]:
    """Put ``text`` into every free-text field of the minimal report (into paragraphs alone
    with ``paragraphs_only``: names and titles have length limits), each copy tagged with its
    own number, so that each field's copy is looked for in each output. Returns the copies."""
    path = folder / "report.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    placed: list[str] = []

    def copy(short: bool = True) -> str:
        if short and paragraphs_only:
            return "名"
        placed.append(f"{text}［{len(placed)}］")
        return placed[-1]

    for key in ("title", "plan", "sponsor", "classification"):
        data[key] = copy()
    data["contact"]["name"] = copy()
    data["travellers"][0].update(name=copy(), title=copy(), agency=copy(), unit=copy())
    data["keywords"] = [copy()]
    data["chapters"][0]["title"] = copy()
    visit = data["chapters"][1]["blocks"][0]["visit"]
    visit.update(place=copy(), region=copy())
    visit["institution"].update(english=copy())
    visit["contacts"][0].update(name=copy(), position=copy())
    visit["sections"][0]["title"] = copy()
    data["chapters"][1]["blocks"][1]["figure"]["caption"] = copy()
    data["appendix"]["photos"][0]["caption"] = copy()
    data["abstract"] = [copy(False)]
    data["chapters"][0]["blocks"] = [
        copy(False), {"list": [copy(False), {"text": copy(False), "blocks": [copy(False)]}]},
        {"table": {"caption": copy(), "header": [copy(), "欄"], "rows": [[copy(False), copy(False)]]}}]
    visit["sections"][0]["blocks"] = [copy(False)]
    data["chapters"][2]["blocks"][0]["recommendations"][0]["items"] = [copy(False)]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9),
                    encoding="utf-8")
    return placed


def _assert_intact(folder: Path, out: Path, placed: list[str]) -> None:
    """Each field's copy comes out literally in the .docx and in the PDF."""
    written = build_report(folder, out, BuildOptions(formats=("docx", "pdf")))
    docx_text = _visible("".join(docx_lines(next(p for p in written if p.suffix == ".docx"))))
    pdf_text = _visible(pdf_flow_text(next(p for p in written if p.suffix == ".pdf")))
    assert [v for v in placed if _visible(v) not in docx_text] == []
    assert [v for v in placed if _visible(v) not in pdf_text] == []


@pytest.mark.slow
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_comes_out_literally(minimal: Path, tmp_path: Path, text: str) -> None:
    _assert_intact(minimal, tmp_path / "out", _put_text(minimal, text))


@pytest.mark.slow
def test_long_unbroken_string_stays_on_the_page(minimal: Path, tmp_path: Path) -> None:
    _assert_intact(minimal, tmp_path / "out", _put_text(minimal, UNBROKEN, paragraphs_only=True))


ALPHABET = st.one_of(
    st.characters(codec="utf-8", categories=("Lu", "Ll", "Nd", "Po", "Ps", "Pe", "Sm", "Sc")),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.sampled_from("，。、；：「」（）～／＆＜＞"),
)


@pytest.mark.slow
@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "200")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=st.one_of(st.text(ALPHABET, min_size=1, max_size=40),
                      st.lists(st.sampled_from(HOSTILE[:8]), min_size=1, max_size=3).map("".join)))
def test_any_text_builds_intact_or_fails_located(tmp_path_factory, text: str) -> None:
    work = tmp_path_factory.mktemp("prop")
    folder = work / "minimal"
    shutil.copytree(MINIMAL, folder)
    placed = _put_text(folder, text)
    try:
        _assert_intact(folder, work / "out", placed)
    except ContentError as exc:
        assert exc.problems
        assert all(p.line >= 1 and p.col >= 1 and p.message for p in exc.problems)
        assert not (work / "out").exists()


def test_billion_laughs_is_refused_fast(minimal: Path) -> None:
    lines = ['a0: &a0 ["lol"]'] + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    (minimal / "report.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = validate(minimal)  # expanded, it would be 9**11 strings: pytest-timeout guards
    assert [(p.line, p.col, p.message) for p in problems] == [(1, 5, "不支援 YAML 錨點與別名（& 與 *）；請直接寫出內容。")]


def test_decompression_bomb_is_refused(minimal: Path) -> None:
    Image.new("1", (10_000, 8_000)).save(minimal / "photos" / "a.png")  # 80 Mpx in a few KB
    _, problems = validate(minimal)
    assert {p.message for p in problems} == {"photos/a.png 有 10000×8000 像素，超過上限 60 百萬像素；請先縮小。"}


@pytest.mark.slow
def test_cmyk_jpeg_and_alpha_png_are_handled(minimal: Path, tmp_path: Path) -> None:
    Image.new("CMYK", (300, 200), (0, 255, 255, 0)).save(minimal / "photos" / "c.jpg")
    Image.new("RGBA", (300, 200), (255, 0, 0, 128)).save(minimal / "photos" / "a.png")
    replace_in(minimal, "{file: photos/a.png, caption: 合影}", "{file: photos/c.jpg, caption: 合影}")
    written = build_report(minimal, tmp_path, BuildOptions(formats=("docx", "pdf")))
    document = docx.Document(str(next(p for p in written if p.suffix == ".docx")))
    modes = set()
    for rel in document.part.rels.values():
        if "image" in rel.reltype:
            with Image.open(__import__("io").BytesIO(rel.target_part.blob)) as img:
                modes.add(img.mode)
    assert modes <= {"RGB", "RGBA", "L", "P"} and "CMYK" not in modes
    assert len(PdfReader(next(p for p in written if p.suffix == ".pdf")).pages) >= 5


@pytest.mark.slow
def test_leftovers_of_a_killed_build_are_removed_and_make_rebuilds(tmp_path: Path) -> None:
    """A build killed mid-write leaves at most a temporary file beside the old output (the
    atomic rename never happened; tests/test_output.py makes the write fail to show that):
    the next make rebuilds the changed report and removes the leftover."""
    content = tmp_path / "content"
    shutil.copytree(CONFERENCE, content / CONFERENCE.name)
    out = tmp_path / "build"
    make = ["make", "--no-print-directory", "-C", str(ROOT), f"CONTENT={content}", f"OUT={out}", "reports"]
    subprocess.run(make, check=True, capture_output=True)
    pdf = out / CONFERENCE.name / f"{CONFERENCE.name}.pdf"
    leftover = pdf.parent / f".{pdf.name}.999999999.abc.tmp"  # above any pid_max: no such process
    leftover.write_bytes(b"%PDF-1.7 half")
    yaml_file = content / CONFERENCE.name / "report.yaml"
    replace_in(content / CONFERENCE.name, "title: 出席", "title: 再次出席")
    later = pdf.stat().st_mtime + 10  # newer than the outputs, whatever the clock's resolution
    os.utime(yaml_file, (later, later))
    subprocess.run(make, check=True, capture_output=True)
    assert "再次出席" in pdf_flow_text(pdf)
    assert not leftover.exists()


@pytest.mark.slow
def test_two_builds_at_once_leave_one_valid_output(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "generator", "build", str(MINIMAL), "-o", str(tmp_path)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    assert [p.wait() for p in procs] == [0, 0]
    docx.Document(str(tmp_path / "minimal" / "minimal.docx"))
    assert len(PdfReader(tmp_path / "minimal" / "minimal.pdf").pages) >= 5
    assert not list((tmp_path / "minimal").glob(".*.tmp"))


@pytest.mark.slow
def test_content_is_never_a_template(minimal: Path, tmp_path: Path) -> None:
    _assert_intact(minimal, tmp_path, _put_text(minimal, "{{ 7*7 }}{% for x in range(3) %}x{% endfor %}"))


@pytest.mark.slow
def test_template_error_names_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    path = templates / "report.html.j2"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(20, "{{ no_such_field }}")
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(TemplateError, match=r"report\.html\.j2:21: 樣板錯誤：'no_such_field' is undefined"):
        build_report(MINIMAL, tmp_path / "out", BuildOptions(formats=("pdf",), templates=templates))
    path.write_text("{% if %}", encoding="utf-8")
    assert main(["build", str(MINIMAL), "-o", str(tmp_path / "out"), "--templates", str(templates),
                 "--format", "pdf"]) == 1
    assert "report.html.j2:1: 樣板語法錯誤" in capsys.readouterr().err


@pytest.mark.slow
def test_word_template_without_a_style_is_named(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    document = docx.Document(str(templates / "report.docx"))
    style = document.styles["List Level 2"]
    style.element.getparent().remove(style.element)
    document.save(str(templates / "report.docx"))
    with pytest.raises(TemplateError, match=r"缺少樣式 .*List Level 2"):
        build_report(MINIMAL, tmp_path / "out", BuildOptions(formats=("docx",), templates=templates))
