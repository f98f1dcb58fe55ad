"""How WeasyPrint is imported (render/libraries.py, render/compiled_ffi.py): with its C
declarations compiled, fontTools' fallbacks loaded on first use, and nothing a one-report build
does not need. Each fast path falls back to WeasyPrint as it is, and a silent fallback would
only show as a slower build: the imports are checked in processes of their own."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from generator.render import compiled_ffi

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "content" / "2015-japan-industry-academia"


def _python(script: str) -> object:
    """What the script's last line printed: a Python literal."""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return ast.literal_eval(done.stdout.splitlines()[-1])


def test_the_compiled_tables_are_what_the_pinned_weasyprint_and_cffi_make() -> None:
    """After an upgrade of either, `make ffi` writes the tables again (else WeasyPrint would be
    imported the slow way, through the fallback)."""
    assert compiled_ffi.TABLES.read_text(encoding="utf-8") == compiled_ffi.generate()


@pytest.mark.slow
def test_a_pdf_build_uses_the_compiled_ffi_and_loads_only_what_it_needs(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from generator.cli import main\n"
        f"assert main(['build', {str(REFERENCE)!r}, '-o', {str(tmp_path)!r}, '--format', 'pdf']) == 0\n"
        "from weasyprint.text.ffi import ffi\n"
        "loaded = {'pycparser', 'rich', 'multiprocessing', 'fontTools.subset', 'fontTools.varLib.instancer'}\n"
        "print((type(ffi).__name__, sorted(loaded & set(sys.modules))))\n"
    )
    assert _python(script) == ("_CompiledFFI", [])
    assert (tmp_path / REFERENCE.name / f"{REFERENCE.name}.pdf").stat().st_size > 100_000


_STALE = {
    "other declarations": "from generator.render import ffi_tables\nffi_tables.DECLARATIONS_SHA256 = '0' * 64\n",
    "no tables": "import sys\nsys.modules['generator.render.ffi_tables'] = None\n",  # import fails
}


@pytest.mark.slow
@pytest.mark.parametrize("tables", _STALE)
def test_stale_tables_fall_back_to_weasyprint_as_it_is(tables: str) -> None:
    """Tables made from other declarations than WeasyPrint's (after an upgrade without `make
    ffi`), or none that import, are refused; WeasyPrint is imported again with cffi's own FFI,
    and works."""
    script = _STALE[tables] + (
        "import generator.render.pdf\n"
        "from weasyprint.text.ffi import ffi, pango\n"
        "from weasyprint import HTML\n"
        "pages = HTML(string='<p>測試 test</p>').render().pages\n"
        "print((type(ffi).__module__, pango.pango_units_from_double(1), len(pages)))\n"
    )
    assert _python(script) == ("cffi.api", 1024, 1)


@pytest.mark.slow
def test_a_library_the_loader_misses_falls_back_to_weasyprint_as_it_is() -> None:
    """The compiled FFI opens libraries with the system's loader alone; should it miss one that
    cffi's own search (find_library) finds, WeasyPrint is imported again as it is, and its
    advice on installing libraries is not printed."""
    script = (
        "from generator.render import compiled_ffi\n"
        "class Missing(compiled_ffi._CompiledFFI):\n"
        "    def dlopen(self, name, flags=0):\n"
        "        if 'fontconfig' in name:\n"
        "            raise OSError(name)\n"
        "        return super().dlopen(name, flags)\n"
        "compiled_ffi._CompiledFFI = Missing\n"
        "import generator.render.pdf\n"
        "from weasyprint.text.ffi import ffi, fontconfig\n"
        "from weasyprint import HTML\n"
        "pages = HTML(string='<p>測試 test</p>').render().pages\n"
        "print((type(ffi).__module__, len(pages)))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["('cffi.api', 1)"]


def test_the_stale_check_names_the_fix() -> None:
    ffi = compiled_ffi.compiled_ffi()
    ffi.cdef(compiled_ffi.declarations())  # WeasyPrint's own: accepted
    with pytest.raises(compiled_ffi.StaleTables, match="make ffi"):
        ffi.cdef(compiled_ffi.declarations() + "int abs(int);")


@pytest.mark.slow
def test_fonttools_fallbacks_are_weasyprints_own_on_first_use() -> None:
    """WeasyPrint's fontTools subsetter and instancer, loaded when first used, are fontTools' own."""
    script = (
        "import sys\n"
        "import generator.render.pdf\n"
        "fonts = sys.modules['weasyprint.pdf.fonts']\n"
        "options = fonts.subset.Options\n"  # the first use imports it
        "import fontTools.subset\n"
        "from fontTools.ttLib import TTFont\n"
        "try:\n"
        "    fonts.instantiateVariableFont(TTFont(), {'wght': 700})\n"
        "except ValueError as exc:\n"
        "    print((options is fontTools.subset.Options, exc.args))\n"
        "else:\n"
        "    print(None)\n"
    )
    assert _python(script) == (True, ("Missing required table fvar",))
