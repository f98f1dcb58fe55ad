"""WeasyPrint's C declarations compiled once, instead of parsed by pycparser in every process.

WeasyPrint 70 declares the parts of Pango, HarfBuzz and fontconfig it calls with
``cffi.FFI().cdef(…)``, cffi's in-line ABI mode. Every process then imports pycparser and
parses the ~450 lines, parses each C type it names later with pycparser as well
(``ffi.new("PangoRectangle *")``: 17 types, ~20 ms each the first time), and goes through
cffi's Python layer on each of its ~47,000 ``ffi.new`` calls: about 0.5 s of a PDF build.

cffi's out-of-line ABI mode parses the declarations once, into packed type tables that its C
backend reads directly (``ffi_tables.py``, beside this module, written by ``make ffi`` from
the pinned WeasyPrint and cffi; a test checks that it is what they make). While WeasyPrint is
imported, its ``cffi.FFI()`` is an FFI made from those tables, the same C types and the same
libraries, whose ``cdef`` only checks that WeasyPrint declares what was compiled. Should it not
(another WeasyPrint), or should the tables not load, ``StaleTables`` is raised and
render/libraries.py imports WeasyPrint again as it is.

One difference is not checked, as WeasyPrint 70 does not meet it: a C function that the loaded
library lacks (one newer than the system's HarfBuzz, say) raises ``ffi.error`` when read, not
AttributeError, so ``hasattr(lib, name)`` would raise. WeasyPrint tests library versions
instead; after an upgrade, look for such uses before ``make ffi``.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import importlib.util
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import _cffi_backend
import cffi

TABLES = Path(__file__).with_name("ffi_tables.py")
_MODULE = "weasyprint_ffi"  # the name cffi gives the compiled FFI (its errors show it)


class StaleTables(Exception):
    """WeasyPrint declares other C functions or types than ffi_tables.py was compiled from."""


class _CompiledFFI(_cffi_backend.FFI):
    def cdef(self, source: str, **options: Any) -> None:
        if options or _digest(source) != _tables().DECLARATIONS_SHA256:
            raise StaleTables(f"{TABLES.name} was not compiled from these declarations: run `make ffi`")


def _digest(declarations: str) -> str:
    return hashlib.sha256(declarations.encode()).hexdigest()


def _tables() -> Any:
    from . import ffi_tables  # here, so that `make ffi` still runs when the tables do not

    return ffi_tables


def compiled_ffi() -> Any:
    """A new FFI made from the compiled tables, as WeasyPrint's ``cffi.FFI()`` gives it."""
    try:
        return _tables().compiled(_CompiledFFI, _MODULE)
    except Exception as exc:  # whatever it is (no file, another cffi), WeasyPrint as it is works
        raise StaleTables(f"{TABLES.name} does not load ({exc}): run `make ffi`") from exc


@contextlib.contextmanager
def weasyprint_uses_compiled_ffi() -> Iterator[None]:
    """While WeasyPrint is imported: its ``cffi.FFI()`` gives the compiled FFI."""
    plain = cffi.FFI
    cffi.FFI = compiled_ffi
    try:
        yield
    finally:
        cffi.FFI = plain


def declarations() -> str:
    """The declarations WeasyPrint's text/ffi.py gives ``cdef``, read from the file without
    running it (running it is what costs)."""
    spec = importlib.util.find_spec("weasyprint")  # the package found, not imported
    assert spec is not None and spec.origin is not None
    source = Path(spec.origin).with_name("text") / "ffi.py"
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "cdef":
            argument = node.args[0]
            assert isinstance(argument, ast.Constant) and isinstance(argument.value, str)
            return argument.value
    raise LookupError(f"{source}: no cdef call")


def generate() -> str:
    """ffi_tables.py as the installed WeasyPrint and cffi make it."""
    from importlib.metadata import version  # here: a PDF build would load it for nothing

    import cffi.recompiler  # not loaded by `import cffi`

    source = declarations()
    builder = cffi.FFI()
    builder.cdef(source)
    output = io.StringIO()
    cffi.recompiler.make_py_source(builder, _MODULE, output)
    made = output.getvalue()
    constructor = f"ffi = _cffi_backend.FFI('{_MODULE}',"
    assert made.count(constructor) == 1, made[:200]
    return (
        f"# Made by `make ffi` (python -m generator.render.compiled_ffi) from WeasyPrint"
        f" {version('weasyprint')}'s\n# C declarations with cffi {version('cffi')}:"
        " render/compiled_ffi.py. Do not edit.\n"
        + made.replace("# auto-generated file\nimport _cffi_backend\n\n", "").replace(
            constructor,
            f'DECLARATIONS_SHA256 = "{_digest(source)}"\n\n\ndef compiled(FFI, name):\n    return FFI(name,',
        )
    )


if __name__ == "__main__":
    TABLES.write_text(generate(), encoding="utf-8")
    sys.stdout.write(f"{TABLES}\n")
