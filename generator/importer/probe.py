"""Which forms the content format reads today: the importer writes a newer form (a figure of
several images, a titled recommendation, a section without blocks) only when the schema has it."""

from __future__ import annotations

import json

from .. import model as m


def spec_allows(block: str, key: str, optional: bool = False) -> bool:
    """Whether the content format's ``block`` has the field ``key`` (and, with ``optional``,
    does not require it): the importer writes newer forms only when the schema reads them."""
    from .. import blocks
    from ..schema import BLOCK_SPECS

    cls = next((bt.cls for bt in blocks.BLOCK_TYPES if bt.key == block), None)
    fld = getattr(BLOCK_SPECS.get(cls), "fields", {}).get(key) if cls else None
    return fld is not None and (not optional or not fld.required)


def report_has(key: str) -> bool:
    """Whether the content format has a field ``key`` anywhere (a newer setting)."""
    from ..schema import json_schema

    return f'"{key}"' in json.dumps(json_schema())


def titled_recommendations() -> bool:
    """Whether a recommendation may be ``{title, text}`` in the content format."""
    from ..schema import BLOCK_SPECS

    spec = BLOCK_SPECS.get(m.Recommendations)
    return spec is not None and '"title"' in json.dumps(spec.json_schema())


def old_conference_form() -> bool:
    """Whether the content format still writes a conference's English name as ``english:``
    (before ``name: {zh, en}``)."""
    from ..schema import BLOCK_SPECS

    spec = BLOCK_SPECS.get(m.Conference)
    return "english" in getattr(spec, "fields", {})


def author_affiliations() -> bool:
    """Whether a paper's author may be ``{name, affiliation}`` in the content format."""
    from ..schema import BLOCK_SPECS

    spec = BLOCK_SPECS.get(m.Paper)
    return spec is not None and '"affiliation"' in json.dumps(spec.json_schema())
