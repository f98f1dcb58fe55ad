"""What the writing checks know about words: OpenCC's dictionaries and our changes to them.

OpenCC (the `opencc` package, pinned) ships its dictionaries compiled (``*.ocd2``) with the
tool that reads them, ``opencc_dict``; its Python API only converts text, which gives one
Traditional form of a character and not the others, nor whether a character is Traditional
too (后, 台, 里). So the three dictionaries used are read whole with that tool, all three at
once, once per process (~50 ms):

- STCharacters: simplified character → its Traditional forms;
- TWVariants: OpenCC's standard form → Taiwan's (爲 → 為, 羣 → 群, 峯 → 峰);
- TWPhrases: mainland term → Taiwan usage (軟件 → 軟體), changed by ``lexicon.yaml``.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import RenderError
from .load import _FAST_LOADER as FAST_LOADER

OUR_CHANGES = Path(__file__).with_name("lexicon.yaml")


@dataclass(frozen=True)
class Lexicon:
    simplified: dict[str, tuple[str, ...]]  # a character Traditional text does not use → its Taiwan forms
    normal: dict[int, str]  # str.translate table: a character → the one the terms are written with
    terms: dict[str, tuple[str, ...]]  # a term (normalised) → Taiwan usage; () for a term that is fine
    lengths: dict[str, tuple[int, ...]]  # a term's first character → the lengths of its terms, longest first
    term_starts: re.Pattern[str]  # any first character of a term


def _opencc_folder() -> Path:
    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        raise RenderError("找不到 OpenCC（opencc 套件）；請執行 make setup 重新安裝。")
    return Path(spec.submodule_search_locations[0]) / "clib"


def read_dictionaries(*names: str) -> list[dict[str, tuple[str, ...]]]:
    """OpenCC's dictionaries ``names``, each as key → its values (the preferred one first),
    read at the same time."""
    folder = _opencc_folder()
    tool, data = folder / "bin" / "opencc_dict", folder / "share" / "opencc"
    with tempfile.TemporaryDirectory() as tmp:
        outs = [Path(tmp) / f"{name}.txt" for name in names]
        try:
            runs = [
                subprocess.Popen(
                    [tool, "-i", data / f"{name}.ocd2", "-o", out, "-f", "ocd2", "-t", "text"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
                for name, out in zip(names, outs, strict=True)
            ]
            failed = [(run.communicate()[1], run.returncode) for run in runs]
            texts = [out.read_text(encoding="utf-8") for out in outs]
        except OSError as exc:
            failed, texts = [(str(exc).encode(), 1)], []
        if any(code for _, code in failed):
            why = "；".join(err.decode(errors="replace").strip() for err, code in failed if code)
            raise RenderError(f"無法讀取 OpenCC 的字典（{why}）；請執行 make setup 重新安裝。")
    return [
        {key: tuple(values.split(" ")) for key, values in (line.split("\t") for line in text.splitlines())}
        for text in texts
    ]


@functools.cache
def lexicon() -> Lexicon:
    variants, characters, phrases = read_dictionaries("TWVariants", "STCharacters", "TWPhrases")
    taiwan = {key: values[0] for key, values in variants.items()}
    simplified: dict[str, tuple[str, ...]] = {}
    for char, forms in characters.items():
        local = tuple(dict.fromkeys(taiwan.get(f, f) for f in forms))
        if char not in forms and char not in local:  # 后 → 後 后: Traditional too
            simplified[char] = local
    normal = {ord(c): c2 for c, c2 in taiwan.items()} | {ord(c): f[0] for c, f in simplified.items()}
    ours = yaml.load(OUR_CHANGES.read_text(encoding="utf-8"), Loader=FAST_LOADER)
    terms: dict[str, tuple[str, ...]] = {}
    for term, usage in phrases.items():
        key = term.translate(normal)
        usage = tuple(dict.fromkeys(u.translate(normal) for u in usage))
        # A term that is also its own Taiwan usage (社區 → 社群 社區) is fine; such entries
        # (支持者 → 支持者) also keep a shorter term (支持) from matching inside them.
        terms[key] = () if key in usage else usage
    terms |= {term: () for term in ours["exceptions"]}
    terms |= {term: (usage,) for term, usage in ours["additions"].items()}
    lengths: dict[str, set[int]] = {}
    for term in terms:
        lengths.setdefault(term[0], set()).add(len(term))
    return Lexicon(
        simplified,
        normal,
        terms,
        {c: tuple(sorted(n, reverse=True)) for c, n in lengths.items()},
        re.compile(f"[{re.escape(''.join(lengths))}]"),
    )
