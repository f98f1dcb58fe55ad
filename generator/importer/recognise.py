"""From a document's paragraphs and tables to report.yaml's data: cover, 提要, 摘要, 日程表,
chapters with their sections, lists, tables, figures, visit records, recommendations, appendix.

Every value read from a place where the document states it is "recognised"; a value inferred
(a year taken from the period, a default filled in) is wrapped in a Note that becomes a
`# 請確認` comment."""

from __future__ import annotations

from typing import Any

from .front import FrontMatter, _itinerary_columns
from .items import Item, Para, Table
from .nstc import NstcForm
from .outline import APPENDIX, HEADING, TYPED, Node, build_tree, typed_group_is_headings
from .parse import (
    CAPTION_START,
    SENTENCE_END,
    TABLE_CAPTION_START,
    dates_in,
    squash,
    typed_label,
)
from .records import CONFERENCE_LABELS, PAPER_LABELS, Records
from .state import GAP, Result
from .yamlout import Note


class Recogniser(FrontMatter, Records, NstcForm):
    def run(self) -> Result:
        if self._is_nstc():
            return self._run_nstc()
        body_start = self._front()
        self._period()
        itinerary = self._itinerary()
        tree = build_tree(self.items[body_start:], self.styled)
        chapters, appendix = self._chapters(tree)
        if itinerary is None and self.itinerary_table is not None:
            itinerary = self._itinerary()
        data = self._metadata()
        data["abstract"] = self.abstract or [Note(GAP, "原文件找不到摘要")]
        if itinerary:
            data["itinerary"] = itinerary
        data["chapters"] = chapters or [{"title": Note(GAP, "原文件找不到章節標題（壹、）"), "blocks": [GAP]}]
        if appendix:
            data["appendix"] = appendix
        return Result(data, self.images, self.recognised, self.guessed)

    def _run_nstc(self) -> Result:
        """The 國科會 form: title, 日期 and header, then its six chapters (一、 … 六、)."""
        body_start = self._nstc_front()
        days = dates_in(" ".join(self.nstc_header.get("time", [])))
        if days:
            self.period = (days[0], days[-1])  # the dates of the body without a year
        tree = build_tree(self.items[body_start:], self.styled)
        chapters, appendix = self._chapters(tree)
        data = self._nstc_metadata()
        self._nstc_papers(chapters)
        if self.nstc_leftovers:  # nothing is dropped: kept where it stood, before the first chapter
            if not chapters:
                chapters.append({"title": Note(GAP, "這段內容前沒有章節標題（一、）"), "blocks": []})
            chapters[0]["blocks"] = self.nstc_leftovers + [
                b for b in chapters[0]["blocks"] if not (isinstance(b, Note) and b.value == GAP)
            ]
        data["chapters"] = chapters or [{"title": Note(GAP, "原文件找不到章節標題（一、）"), "blocks": [GAP]}]
        if appendix:
            data["appendix"] = appendix
        return Result(data, self.images, self.recognised, self.guessed)

    @property
    def _chapter_label(self) -> str:
        return "一、" if self.form else "壹、"

    def _chapters(self, root: Node) -> tuple[list[Any], dict[str, Any] | None]:
        chapters: list[Any] = []
        appendix: dict[str, Any] | None = None
        for child in root.children:
            if not isinstance(child, Node):
                if not chapters:  # text before any chapter heading: a chapter to be named
                    chapters.append(
                        {"title": Note(GAP, f"這段內容前沒有章節標題（{self._chapter_label}）"), "blocks": []}
                    )
                chapters[-1]["blocks"] += self._blocks([child], 1, "")
                continue
            title = child.text
            if self._is_appendix(child):
                appendix = self._appendix(child)
                continue
            chapter: dict[str, Any] = {}
            if title.endswith("（限閱）"):
                title = title.removesuffix("（限閱）")
                chapter["title"] = title
                chapter["restricted"] = True
            else:
                chapter["title"] = title
            blocks = self._blocks(child.children, 1, title)
            self._body.append(blocks)
            chapter["blocks"] = blocks or [Note(GAP, "這一章原文件沒有內容")]
            if "restricted" in chapter:
                chapter["blocks"], chapter["restricted"] = chapter.pop("blocks"), chapter.pop("restricted")
            chapters.append(chapter)
        if chapters:
            self.recognised.append(f"章 {len(chapters)} 個")
        return chapters, appendix

    def _is_appendix(self, node: Node) -> bool:
        return node.level == 1 and bool(APPENDIX.match(node.text)) and len(node.text) <= 30

    def _blocks(self, children: list[Node | Item], level: int, title: str) -> list[Any]:
        """The YAML blocks of what a heading of ``level`` holds."""
        out: list[Any] = []
        pending: list[Item] = []
        k = 0
        while k < len(children):
            child = children[k]
            if not isinstance(child, Node):
                pending.append(child)
                k += 1
                continue
            out += self._content(pending, level)
            pending = []
            group = [child]
            while (
                k + len(group) < len(children)
                and isinstance(nxt := children[k + len(group)], Node)
                and nxt.kind == child.kind
                and nxt.level == child.level
            ):
                group.append(nxt)
            k += len(group)
            if child.kind == HEADING or (child.kind == TYPED and typed_group_is_headings(group)):
                for node in group:
                    out.append(self._section(node, level))
            else:
                out.append({"list": [self._item(node, level + 1) for node in group]})
        out += self._content(pending, level)
        return self._special(out, title)

    def _section(self, node: Node, level: int) -> Any:
        first = next(iter(node.children), None)
        if isinstance(first, Table) and (visit := self._visit(node, first, level)):
            return visit
        blocks = self._blocks(node.children, level + 1, node.text)
        if not blocks:  # a heading alone (check warns about it)
            return {"section": {"title": node.text}}
        return {"section": {"title": node.text, "blocks": blocks or [Note(GAP, "這一節原文件沒有內容")]}}

    def _item(self, node: Node, level: int) -> Any:
        if not node.children:
            return node.text
        blocks = self._blocks(node.children, level, node.text)
        return {"text": node.text, "blocks": blocks} if blocks else node.text

    def _content(self, items: list[Item], level: int) -> list[Any]:
        """Paragraphs, tables and images between headings and items."""
        out: list[Any] = []
        k = 0
        while k < len(items):
            item = items[k]
            nxt = items[k + 1] if k + 1 < len(items) else None
            if isinstance(item, Table):
                images = [i for row in item.images for cell in row for i in cell]
                textless = not any(line.strip() for row in item.rows for cell in row for line in cell)
                if images and textless and isinstance(nxt, Para) and not nxt.images and _is_caption(nxt):
                    # photos side by side in a table, one caption below (our own figures of 2–4 images)
                    out += self._content([Para("", "", "figure", images=images), nxt], level)
                    k += 2
                    continue
                out += self._table(item, None)
                k += 1
                continue
            if item.images:
                if item.plain.strip():
                    out.append(item.text.strip())
                caption: str | None = None
                if isinstance(nxt, Para) and not nxt.images and _is_caption(nxt):
                    caption = self._strip(nxt.plain)
                    k += 1
                elif out and isinstance(out[-1], str) and CAPTION_START.match(out[-1]) and len(out[-1]) <= 80:
                    caption = self._strip(out.pop())
                files = [self._file(i, "figure") for i in item.images]
                if len(item.images) > 1 and all(files):
                    out.append({"figure": {"images": files, "caption": caption or Note(GAP, "找不到圖說")}})
                    if not self._in_appendix:
                        self.recognised_count("圖片")
                else:
                    for image in item.images:
                        out.append(self._figure(image, caption))
                k += 1
                continue
            if (
                isinstance(nxt, Table)
                and (item.style == "caption" or TABLE_CAPTION_START.match(item.plain.strip()))
                and len(item.plain) <= 120
            ):
                out += self._table(nxt, self._strip(item.plain))
                k += 2
                continue
            out.append(item.text.strip())
            k += 1
        return out

    def _table(self, table: Table, caption: str | None) -> list[Any]:
        if any(i for row in table.images for cell in row for i in cell):
            return self._photo_table(table)
        cells = [["\n".join(c).strip() for c in row] for row in table.rows]
        labels = {squash(r[0]): r for r in cells if r}
        if len(cells[0]) == 2 and sum(label in CONFERENCE_LABELS for label in labels) >= 3:
            return [self._conference(table)]
        if len(cells[0]) == 2 and sum(label in PAPER_LABELS for label in labels) >= 3:
            return [self._paper(table)]
        header = [squash(c) for c in cells[0]]
        if header == ["日期", "課程主題", "講師"]:
            return [self._course(cells)]
        if _itinerary_columns(table) and self.itinerary_table is None and not self.form:
            self.itinerary_table = table
            return []
        width = max(len(r) for r in cells)
        rows = [r + [""] * (width - len(r)) for r in cells]
        head = [c or Note(GAP, "表頭空白") for c in rows[0]]
        block: dict[str, Any] = {}
        if caption:
            block["caption"] = caption
        block["header"] = head
        block["rows"] = rows[1:] or [[""] * width]
        return [{"table": block}]

    def _special(self, blocks: list[Any], title: str) -> list[Any]:
        """Blocks our own .docx writes as plain paragraphs: 論文摘要：… after a paper, 取得證書：
        after a course."""
        out: list[Any] = []
        k = 0
        while k < len(blocks):
            block = blocks[k]
            if (
                isinstance(block, dict)
                and "paper" in block
                and k + 1 < len(blocks)
                and blocks[k + 1] == "論文摘要："
            ):
                k += 2
                while k < len(blocks) and isinstance(blocks[k], str):
                    block["paper"]["abstract"].append(blocks[k])
                    k += 1
                if not block["paper"]["abstract"]:
                    block["paper"]["abstract"] = [Note(GAP, "找不到論文摘要")]
                elif len(block["paper"]["abstract"]) > 1:
                    block["paper"]["abstract"] = Note(block["paper"]["abstract"], "論文摘要到哪一段為止")
                out.append(block)
                continue
            if isinstance(block, dict) and "paper" in block and not block["paper"]["abstract"]:
                block["paper"]["abstract"] = [Note(GAP, "找不到論文摘要")]
            if (
                isinstance(block, dict)
                and "course" in block
                and k + 1 < len(blocks)
                and isinstance(blocks[k + 1], str)
                and blocks[k + 1].startswith("取得證書：")
            ):
                block["course"]["certificate"] = blocks[k + 1].removeprefix("取得證書：")
                k += 1
            out.append(block)
            k += 1
        if "攜回資料" in title and len(out) == 1 and isinstance(out[0], dict) and "list" in out[0]:
            items = out[0]["list"]
            if all(isinstance(i, str) for i in items):
                self.recognised.append("攜回資料")
                return [{"materials": [_material(i) for i in items]}]
        if "建議" in title:
            return self._recommendations(out)
        return out

    def _recommendations(self, blocks: list[Any]) -> list[Any]:
        """Lists, and sections holding only a list, in a 建議 chapter or section."""
        if any(isinstance(b, dict) and "section" in b and "建議" in b["section"]["title"] for b in blocks):
            return blocks

        def item(value: Any) -> Any:
            """A recommendation: a paragraph, or a short title with one paragraph under it."""
            if isinstance(value, str):
                return value
            if (
                isinstance(value, dict)
                and len(value.get("blocks", ())) == 1
                and isinstance(value["blocks"][0], str)
                and len(value["text"]) <= 100
                and "**" not in value["text"]
            ):
                return {"title": value["text"], "text": value["blocks"][0]}
            return None

        def plain_list(block: Any) -> list[Any] | None:
            if isinstance(block, dict) and "list" in block:
                items = [item(i) for i in block["list"]]
                return items if all(i is not None for i in items) else None
            return None

        out: list[Any] = []
        groups: list[Any] = []
        for block in blocks:
            items = plain_list(block)
            section = block.get("section") if isinstance(block, dict) else None
            inner = (
                plain_list(section["blocks"][0]) if section and len(section.get("blocks", ())) == 1 else None
            )
            if items is not None and not any("institution" in g for g in groups):
                groups.append({"items": items})  # general ones come before those per institution
            elif inner is not None:
                groups.append({"institution": section["title"], "items": inner})  # type: ignore[index]
            else:
                if groups:
                    out.append({"recommendations": groups})
                    groups = []
                out.append(block)
        if groups:
            out.append({"recommendations": groups})
        if (
            any(isinstance(b, dict) and "recommendations" in b for b in out)
            and "建議事項" not in self.recognised
        ):
            self.recognised.append("建議事項")
        return out

    # -- visit records -----------------------------------------------------------------------

    def _appendix(self, node: Node) -> dict[str, Any]:
        photos: list[Any] = []
        attachments: list[Any] = []
        self._in_appendix = True
        blocks = self._blocks(node.children, 1, node.text)
        self._in_appendix = False
        expecting = False
        for block in _flatten(blocks):
            if isinstance(block, dict) and "figure" in block:
                photo = block["figure"]
                photos.append({"file": photo["file"], "caption": photo["caption"]})
            elif block == "其他附件：":
                expecting = True
            elif isinstance(block, str):
                attachments.append(
                    {"title": block} if expecting else Note({"title": block}, "附錄中的文字當成附件名稱")
                )
            elif isinstance(block, Note):
                attachments.append(Note({"title": block.value}, block.comment))
        renamed: dict[str, str] = {}
        for photo in photos:  # appendix photos are named photo-NN
            old = photo["file"]
            if old not in renamed and old.startswith("photos/figure-"):
                renamed[old] = f"photos/photo-{len(renamed) + 1:02d}{old[old.rfind('.') :]}"
            photo["file"] = renamed.get(old, old)
        used_elsewhere = set(_files_in(self._body))
        for k, (file, image) in enumerate(self.images):
            if file in renamed and file not in used_elsewhere:
                self.images[k] = (renamed[file], image)
            elif file in renamed:
                self.images.append((renamed[file], image))
        out: dict[str, Any] = {}
        if node.text != "附錄":
            out["title"] = node.text
        if photos:
            out["photos"] = photos
            self.recognised.append(f"附錄照片 {len(photos)} 張")
        if attachments:
            out["attachments"] = attachments
        return out


def _files_in(value: Any) -> list[str]:
    if isinstance(value, Note):
        return _files_in(value.value)
    if isinstance(value, dict):
        found = [value["file"]] if isinstance(value.get("file"), str) else []
        return found + [f for v in value.values() for f in _files_in(v)]
    if isinstance(value, list):
        return [f for v in value for f in _files_in(v)]
    return []


def _flatten(blocks: list[Any]) -> list[Any]:
    out: list[Any] = []
    for block in blocks:
        if isinstance(block, dict) and "list" in block:
            for item in block["list"]:
                if isinstance(item, dict):
                    out.append(item["text"])
                    out += _flatten(item["blocks"])
                else:
                    out.append(item)
        elif isinstance(block, dict) and "section" in block:
            out.append(block["section"]["title"])
            out += _flatten(block["section"]["blocks"])
        else:
            out.append(block)
    return out


def _material(text: str) -> dict[str, Any]:
    title, sep, description = text.partition("：")
    return {"title": title, "description": description} if sep and description else {"title": text}


def _is_caption(para: Para) -> bool:
    text = para.plain.strip()
    if para.style == "caption" or CAPTION_START.match(text):
        return True
    # the short line right under a picture, not a sentence nor a numbered line
    return len(text) <= 60 and not text.endswith(SENTENCE_END) and typed_label(text) is None


def recognise(items: list[Item]) -> Result:
    return Recogniser(items).run()
