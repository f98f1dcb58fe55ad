"""Form pages as Word templates (generator/render/form_pages.py): rendered, restyled, broken."""

from __future__ import annotations

import importlib.util
import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Cm
from PIL import Image

from generator.cli import main
from generator.errors import TemplateError
from generator.render.form_pages import append_form_page, render_form

from .conftest import MINIMAL, ROOT

FORMS = ROOT / "templates" / "forms" / "executive-yuan"
FORM_PAGES = ("cover.docx", "summary-sheet.docx", "review-sheet.docx")
COVER = {
    "category": "出國報告（出國類別：考察）",
    "title": "R&D <合作> \"計畫\" 'x' {{ 7*7 }}",
    "agency": "服務機關：科技部",
    "travellers": ["姓名職稱：王大明　科長", "姓名職稱：李小華　專員"],
    "destinations": "派赴國家／地區：日本／東京",
    "period": "出國期間：中華民國104年3月8日至104年3月14日",
    "report_date": "報告日期：中華民國104年4月30日",
}


def _script():
    spec = importlib.util.spec_from_file_location(
        "make_word_template", ROOT / "scripts" / "make_word_template.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_templates_are_the_scripts_output(tmp_path: Path) -> None:
    """templates/report.docx and the form pages are what scripts/make_word_template.py writes
    (`make template`): a change to the script is committed with its templates."""
    _script().main(tmp_path / "report.docx")
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.docx"))
    assert {"report.docx", *(f"forms/executive-yuan/{n}" for n in FORM_PAGES)} <= {str(p) for p in made}
    for name in made:
        with zipfile.ZipFile(tmp_path / name) as new, zipfile.ZipFile(ROOT / "templates" / name) as committed:
            assert {n: new.read(n) for n in new.namelist()} == {
                n: committed.read(n) for n in committed.namelist()
            }, f"run `make template` and commit templates/{name}"


def test_values_are_text_never_markup_or_template() -> None:
    page = render_form(FORMS / "cover.docx", COVER)
    assert [p.text for p in page.paragraphs] == [
        COVER["category"],
        COVER["title"],
        COVER["agency"],
        *COVER["travellers"],
        COVER["destinations"],
        COVER["period"],
        COVER["report_date"],
    ]
    assert [p.style.name for p in page.paragraphs][:3] == ["Cover Category", "Title", "Cover Field"]


def test_appended_after_the_documents_content_before_its_section() -> None:
    doc = docx.Document(str(ROOT / "templates" / "report.docx"))
    doc.add_paragraph("before")
    append_form_page(doc, FORMS / "cover.docx", COVER)
    texts = [p.text for p in doc.paragraphs]
    assert texts[texts.index("before") :] == [
        "before",
        *[p.text for p in render_form(FORMS / "cover.docx", COVER).paragraphs],
    ]
    assert doc.element.body[-1].tag.endswith("}sectPr")


def test_a_missing_placeholder_names_the_template_and_paragraph() -> None:
    context = {k: v for k, v in COVER.items() if k != "period"}
    with pytest.raises(TemplateError) as caught:
        render_form(FORMS / "cover.docx", context)
    assert str(caught.value) == (
        f"{FORMS / 'cover.docx'}: 樣板錯誤：'period' is undefined（段落「{{{{ period }}}}」）；"
        "可用的欄位：category, title, agency, travellers, destinations, report_date"
    )


def _rewrite(path: Path, old: str, new: str) -> None:
    """Change the template's document text, as a clerk typing in Word would."""
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    xml = parts["word/document.xml"].decode()
    assert old in xml
    parts["word/document.xml"] = xml.replace(old, new, 1).encode()
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    """A copy of templates/, for an agency to restyle."""
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder)
    return folder


def _build(templates: Path, out: Path) -> Path:
    from generator.build import BuildOptions, build_report

    written = build_report(
        MINIMAL, out, BuildOptions(formats=("docx",), templates=templates, review_sheet=True)
    )
    return next(p for p in written if p.name == "minimal.docx")


@pytest.mark.slow
def test_a_placeholder_typo_is_a_located_template_error(
    templates: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = templates / "forms" / "executive-yuan" / "summary-sheet.docx"
    _rewrite(sheet, "{{ plan }}", "{{ plna }}")
    with pytest.raises(
        TemplateError,
        match=r"summary-sheet\.docx: 樣板錯誤：'plna' is undefined（段落「{{ plna }}」）；可用的欄位：pages, ",
    ):
        _build(templates, tmp_path / "out")
    _rewrite(sheet, "{{ plna }}", "{{ plan | }}")
    args = [
        "build",
        str(MINIMAL),
        "-o",
        str(tmp_path / "out"),
        "--templates",
        str(templates),
        "--format",
        "docx",
    ]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert f"{sheet}: 樣板語法錯誤：" in err and "Traceback" not in err
    assert not (tmp_path / "out" / "minimal").exists()


@pytest.mark.slow
def test_an_agency_moves_a_cover_field_and_adds_its_logo(templates: Path, tmp_path: Path) -> None:
    cover_path = templates / "forms" / "executive-yuan" / "cover.docx"
    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 60), (200, 30, 30)).save(logo)
    cover = docx.Document(str(cover_path))  # as in Word: a picture above, the date under the category
    category, title = cover.paragraphs[0], cover.paragraphs[1]
    date = next(p for p in cover.paragraphs if p.text == "{{ report_date }}")
    category._p.addnext(date._p)
    category.insert_paragraph_before().add_run().add_picture(str(logo), width=Cm(3))
    assert title.text == "{{ title }}"
    cover.save(str(cover_path))

    built = docx.Document(str(_build(templates, tmp_path / "out")))
    first = built.paragraphs[:4]
    assert [p.text for p in first] == [
        "",
        "出國報告（出國類別：考察）",
        "報告日期：中華民國104年4月30日",
        "測試報告",
    ]
    (blip,) = first[0]._p.xpath(".//a:blip")
    embedded = built.part.rels[blip.get(f"{{{blip.nsmap['r']}}}embed")].target_part.blob
    assert Image.open(io.BytesIO(embedded)).size == (120, 60)
    ids = [d.get("id") for d in built.element.body.xpath(".//wp:docPr")]
    assert len(ids) == len(set(ids)) == len(built.inline_shapes) >= 2  # the logo's id clashes with no photo's
    assert built.sections[0].different_first_page_header_footer  # the cover is still its own section
    assert [p.text for p in built.paragraphs if p.text.startswith("報告日期")] == [
        "報告日期：中華民國104年4月30日"
    ]


@pytest.mark.slow
def test_a_templates_folder_without_form_pages_is_named(templates: Path, tmp_path: Path) -> None:
    shutil.rmtree(templates / "forms")
    with pytest.raises(TemplateError, match=r"cover\.docx：無法開啟 Word 樣板"):
        _build(templates, tmp_path / "out")


@pytest.mark.slow
def test_a_style_neither_template_has_is_named(templates: Path, tmp_path: Path) -> None:
    _rewrite(templates / "forms" / "executive-yuan" / "cover.docx", '"CoverField"', '"AgencyField"')
    with pytest.raises(TemplateError, match=r"cover\.docx：Word 樣板缺少樣式 AgencyField"):
        _build(templates, tmp_path / "out")
    shutil.copy(
        ROOT / "templates" / "forms" / "executive-yuan" / "cover.docx", templates / "forms" / "executive-yuan"
    )
    _rewrite(templates / "forms" / "executive-yuan" / "review-sheet.docx", '"SheetTitle"', '"AgencyTitle"')
    with pytest.raises(TemplateError, match=r"review-sheet\.docx：Word 樣板缺少樣式 AgencyTitle"):
        _build(templates, tmp_path / "out")
