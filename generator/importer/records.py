"""Tables the format knows: visit headers (→ `visit`), conference and paper details, course
schedules, and photos laid out in a table."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .items import Item, Table
from .outline import ITEM, Node
from .parse import (
    month_day,
    resolve,
    roc_written,
    squash,
    times_in,
)
from .state import _CJK, GAP, State
from .yamlout import Note

VISIT_LABELS = {
    "前往國家／地區": "where",
    "前往國家/地區": "where",
    "國家／地區": "where",
    "拜訪機構名稱": "institution",
    "拜訪機構": "institution",
    "參訪機構": "institution",
    "機構名稱": "institution",
    "機構": "institution",
    "主要洽談人／職務": "contacts",
    "主要洽談人/職務": "contacts",
    "洽談人／職務": "contacts",
    "主要洽談人": "contacts",
    "時間": "time",
    "參訪時間": "time",
    "拜訪時間": "time",
    "地點": "place",
    "參訪地點": "place",
}
CONFERENCE_LABELS = {"會議名稱", "主辦單位", "會議地點", "會議期間"}
PAPER_LABELS = {"論文題目", "作者", "發表方式"}


class Records(State):
    def _photo_table(self, table: Table) -> list[Any]:
        """A table laying out photos with their captions (below or beside each photo)."""
        out: list[Any] = []
        used: set[tuple[int, int]] = set()
        for r, row in enumerate(table.images):
            for c, images in enumerate(row):
                for image in images:
                    caption = " ".join(table.rows[r][c]).strip()
                    below = r + 1 < len(table.rows) and c < len(table.rows[r + 1])
                    if not caption and below and not any(table.images[r + 1][c]):
                        caption = " ".join(table.rows[r + 1][c]).strip()
                        used.add((r + 1, c))
                    used.add((r, c))
                    out.append(self._figure(image, self._strip(caption) if caption else None))
        for r, texts in enumerate(table.rows):
            for c, cell in enumerate(texts):
                if (r, c) not in used and (text := " ".join(cell).strip()):
                    out.append(text)
        return out

    def _conference(self, table: Table) -> Any:
        values = {squash(" ".join(r[0])): " ".join(r[1]).strip() for r in table.rows if len(r) >= 2}
        name = values.get("會議名稱", GAP)
        conference: dict[str, Any] = {}
        english = abbreviation = None
        if m_ := re.match(r"^(.*?)（([^（）]*)）$", name):
            name = m_[1]
            parts = m_[2].split("，")
            if len(parts) >= 2:
                english, abbreviation = "，".join(parts[:-1]), parts[-1]
            elif " " in parts[0] or len(parts[0]) > 15:
                english = parts[0]
            else:
                abbreviation = parts[0]
        conference["name"] = {"zh": name, "en": english} if english else name
        if abbreviation:
            conference["abbreviation"] = abbreviation
        conference["organiser"] = values.get("主辦單位") or GAP
        conference["venue"] = values.get("會議地點") or GAP
        days = self._dates(values.get("會議期間", ""))
        conference["start"] = days[0] if days else Note(self._fallback_day(), "找不到會議日期")
        conference["end"] = days[1] if len(days) > 1 else conference["start"]
        if site := values.get("會議網址"):
            conference["website"] = site
        self.recognised.append("會議資訊")
        return {"conference": conference}

    def _paper(self, table: Table) -> Any:
        values = {squash(" ".join(r[0])): " ".join(r[1]).strip() for r in table.rows if len(r) >= 2}
        way = values.get("發表方式", "")
        paper = {
            "title": values.get("論文題目") or GAP,
            "authors": _authors(values.get("作者", "")) or [GAP],
            "presentation": "海報"
            if "海報" in way
            else "口頭"
            if "口頭" in way
            else Note("口頭", f"發表方式「{way}」"),
            "abstract": [],
        }
        self.recognised.append("發表論文")
        return {"paper": paper}

    def _course(self, cells: list[list[str]]) -> Any:
        lessons = []
        for row in cells[1:]:
            when = month_day(row[0])
            start, end = self.period or (None, None)
            day = resolve(*when, start, end) if when else None
            lessons.append(
                {
                    "date": day or Note(self._fallback_day(), f"日期「{row[0]}」無法解讀"),
                    "topic": row[1] or GAP,
                    "instructor": row[2] or GAP,
                }
            )
        self.recognised.append("課程表")
        return {"course": {"lessons": lessons}}

    def _visit(self, node: Node, table: Table, level: int) -> Any | None:
        values: dict[str, list[str]] = {}
        for row in table.rows:
            if len(row) >= 2 and row[0]:
                key = VISIT_LABELS.get(squash(" ".join(row[0])))
                if key:
                    values[key] = [line for line in row[1] if line.strip()]
        if len(values) < 3 or len(table.rows[0]) != 2:
            return None
        visit: dict[str, Any] = {}
        where = " ".join(values.get("where", []))
        pieces = re.split(r"[／/]", where, maxsplit=1)
        institution = self._institution(" ".join(values.get("institution", [])) or node.text)
        name, abbreviation = institution["name"], None
        heading = node.text
        if m_ := re.match(rf"^{re.escape(name)}\s*[（(]([^（）()]+)[)）]$", heading):
            abbreviation = m_[1]
            if heading == f"{name}({abbreviation})":
                institution["abbreviation"] = abbreviation
            else:
                visit["title"] = heading
        elif heading != name:
            visit["title"] = heading
        visit["country"] = pieces[0].strip() or Note(GAP, "找不到前往國家")
        visit["region"] = (
            pieces[1].strip() if len(pieces) > 1 and pieces[1].strip() else Note(GAP, "找不到地區")
        )
        visit["institution"] = institution
        visit["contacts"] = self._contacts(values.get("contacts", []))
        when = " ".join(values.get("time", []))
        start, end = self.period or (None, None)
        md = month_day(when)
        if self.year_roc is None and when:
            self.year_roc = roc_written(when)
        date = resolve(*md, start, end) if md else None
        visit["date"] = date or Note(self._fallback_day(), f"時間「{when}」讀不出日期")
        if md and md[0] is None and date:
            visit["date"] = Note(date, "年份由出國期間推得")
        times = times_in(when)
        if len(times) >= 2:
            visit["start"], visit["end"] = times[0], times[1]
        elif times:
            later = (dt.datetime.combine(dt.date.today(), times[0]) + dt.timedelta(hours=1)).time()
            visit["start"], visit["end"] = times[0], Note(later, "原文件只寫了開始時間")
        else:
            visit["start"], visit["end"] = Note(dt.time(9, 0), "找不到時間"), dt.time(12, 0)
        visit["place"] = " ".join(values.get("place", [])).strip() or Note(GAP, "找不到地點")
        sections: list[Any] = []
        rest = node.children[1:]
        before: list[Node | Item] = []
        for child in rest:
            if isinstance(child, Node):
                break
            before.append(child)
        if before:
            sections.append(
                Note(
                    {"title": GAP, "blocks": self._blocks(before, level + 1, "")},
                    "參訪表格後、小標題前的內容",
                )
            )
        subs = [c for c in rest if isinstance(c, Node)]
        for k, sub in enumerate(subs):
            # what follows a sub-heading (content after the last one included) belongs to it
            start_index = rest.index(sub)
            end_index = rest.index(subs[k + 1]) if k + 1 < len(subs) else len(rest)
            content = sub.children + [c for c in rest[start_index + 1 : end_index]]
            if sub.kind == ITEM:
                sections.append(
                    Note(
                        {
                            "title": sub.text,
                            "blocks": self._blocks(sub.children, level + 1, sub.text) or [GAP],
                        },
                        "編號項目當成參訪紀錄的小節",
                    )
                )
                continue
            sections.append(
                {
                    "title": sub.text,
                    "blocks": self._blocks(content, level + 1, sub.text)
                    or [Note(GAP, "這一節原文件沒有內容")],
                }
            )
        visit["sections"] = sections or [Note({"title": GAP, "blocks": [GAP]}, "參訪紀錄沒有內容")]
        self.recognised_visit()
        return {"visit": visit}

    def _institution(self, text: str) -> dict[str, Any]:
        text = text.strip()
        m_ = re.match(r"^(.*?)\s*[（(]([^（）()]*)[)）]$", text)
        if m_ and m_[1] and not _CJK.search(m_[2]):
            return {"name": m_[1], "english": m_[2]}
        return {"name": text or GAP}

    def _contacts(self, lines: list[str]) -> list[Any]:
        out: list[Any] = []
        group: str | None = None
        for line in lines:
            line = line.strip()
            if m_ := re.match(r"^[（(]([^（）()]+)[)）]$", line):
                group = m_[1]
                continue
            parts = re.split(r"\s*[／/]\s*", line, maxsplit=1)
            contact: dict[str, Any] = {"name": parts[0]}
            contact["position"] = parts[1] if len(parts) > 1 and parts[1] else Note(GAP, "找不到職務")
            if group:
                contact["group"] = group
            out.append(contact)
        return out or [Note({"name": GAP, "position": GAP}, "找不到洽談人")]

    # -- appendix ----------------------------------------------------------------------------


def _authors(text: str) -> list[Any]:
    """「陳志明、林怡君」 or 「Chun-Chieh Wang, Hao-Wei Chen (NTHU)」 as the paper table prints
    them: split at the separators outside brackets, an affiliation in brackets after a name
    read as such (where the content format has one)."""
    names: list[str] = []
    depth, start = 0, 0
    for k, char in enumerate(text):
        depth += char in "(（"
        depth -= char in ")）" and depth > 0
        if depth == 0 and char in "、,，;；":
            names.append(text[start:k])
            start = k + 1
    names.append(text[start:])
    out: list[Any] = []
    for name in (n.strip() for n in names):
        m_ = re.match(r"^(.+?)\s*[（(]([^（）()]+)[)）]$", name)
        if m_:
            out.append({"name": m_[1], "affiliation": m_[2].strip()})
        elif name:
            out.append(name)
    return out
