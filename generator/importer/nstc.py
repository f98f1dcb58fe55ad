"""The 國科會 form (``form: nstc-conference``): its title (國家科學及技術委員會, 國科會 or, before
2022, 科技部補助專題研究計畫出席國際學術會議心得報告, possibly over several lines), the 日期 line,
the header table (label | value rows, or two pairs a row) and the metadata read from them; the
papers of its 發表題目 matched with the paper tables of chapter 三."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..forms import FORMS, NSTC_CONFERENCE
from .front import TOC_LINE
from .items import Para, Table
from .parse import SENTENCE_END, dates_in, roc_written, split_label, squash, typed_label
from .state import _CJK, GAP, State
from .yamlout import Note

CHAPTERS = FORMS[NSTC_CONFERENCE].chapters
# The form's title, whitespace removed: the agency's name of its time (國家科學及技術委員會 since
# 2022, 科技部 2014–2022, 行政院國家科學委員會 before), 國科會 for short, or none.
TITLE = re.compile(
    r"^(?:(?:行政院)?國家科學(?:及技術)?委員會|國科會|科技部)?"
    r"補助(?:專題研究)?計畫(?:項下)?出席國際學術會議心得報告$"
)
TITLE_LINES = 4  # the most lines a title is split over
DATE_LINE = re.compile(r"^(?:報告)?日\s*期\s*[：:]\s*(.*)$")
HEADER_LABELS = {
    "計畫編號": "project_number",
    "計畫名稱": "plan",
    "出國人員姓名": "names",
    "出國人姓名": "names",
    "出國人員": "names",
    "姓名": "names",
    "服務機構及職稱": "positions",
    "服務機關及職稱": "positions",
    "服務單位及職稱": "positions",
    "服務機構／職稱": "positions",
    "會議時間": "time",
    "會議期間": "time",
    "會議日期": "time",
    "會議地點": "venue",
    "會議名稱": "conference",
    "發表題目": "papers",
    "發表論文題目": "papers",
    "論文發表題目": "papers",
}
LANGUAGE = re.compile(r"^[（(]\s*(中文|英文)\s*[)）]\s*[:：]?\s*")
_HALF = str.maketrans({"(": "（", ")": "）", "/": "／", ":": "："})
# Job titles at the end of 服務機構及職稱 when no space sets them apart (longest first).
JOB_TITLES = tuple(
    sorted(
        (
            "講座教授",
            "特聘教授",
            "名譽教授",
            "兼任教授",
            "客座教授",
            "助理教授",
            "副教授",
            "教授",
            "兼任講師",
            "講師",
            "特聘研究員",
            "研究員",
            "副研究員",
            "助研究員",
            "助理研究員",
            "博士後研究員",
            "專案研究員",
            "研究助理",
            "博士班研究生",
            "碩士班研究生",
            "博士生",
            "碩士生",
            "研究生",
            "工程師",
            "主治醫師",
            "醫師",
        ),
        key=len,
        reverse=True,
    )
)
# The end of a unit's name, not a job title (「國立清華大學 電機工程學系」 has no title).
UNIT_END = re.compile(r"(?:系|所|學院|大學|中心|處|室|組|科|院|部|學程|醫院|公司)$")
# Where an institution's name ends and its department begins (國立清華大學｜電機工程學系).
INSTITUTION = re.compile(r"^(.+?(?:大學|學院|研究院|醫院|研究中心|公司|基金會))(.*)$")


def header_key(text: str) -> tuple[str, str | None] | None:
    """The field of a header label (half-width brackets and colons allowed) and, for a label
    such as 會議名稱(英文), its language."""
    label = squash(text).translate(_HALF).rstrip("：")
    language = None
    if m_ := re.match(r"^(.+?)（(中文|英文)）$", label):
        label, language = m_[1], m_[2]
    field = HEADER_LABELS.get(label)
    return (field, language) if field else None


def is_title(lines: list[str]) -> bool:
    return bool(TITLE.match("".join(squash(line) for line in lines)))


def chapter_title(text: str) -> str | None:
    """The form's chapter a line names (its typed label, if any, left out)."""
    found = typed_label(text.strip())
    rest = squash(found[1] if found else text)
    for title in CHAPTERS:
        if rest == title or (
            found and len(title) >= 4 and rest.startswith(title) and len(rest) <= len(title) + 8
        ):
            return title
    return None


def bilingual(lines: list[str]) -> list[dict[str, str]]:
    """Lines marked （中文）／（英文） (or (中文) typed by hand) as {zh, en} names, a new one at
    each （中文） after a name has its own; unmarked lines continue the line above."""
    names: list[dict[str, str]] = []
    last: str | None = None
    for line in (x.strip() for x in lines):
        if not line:
            continue
        m_ = LANGUAGE.match(line)
        key = {"中文": "zh", "英文": "en"}[m_[1]] if m_ else last or "zh"
        text = line[m_.end() :].strip() if m_ else line
        if not names or (m_ and key in names[-1]):
            names.append({})
        if not m_ and key in names[-1]:
            sep = "" if _CJK.search(names[-1][key][-1:] + text[:1]) else " "
            names[-1][key] = f"{names[-1][key]}{sep}{text}"
        elif text:
            names[-1][key] = text
        last = key
    return [n for n in names if n]


def name_value(name: dict[str, str], what: str) -> Any:
    """A name for report.yaml: 「中文」 alone, or {zh, en}."""
    if name.get("zh") and name.get("en"):
        return {"zh": name["zh"], "en": name["en"]}
    if name.get("zh"):
        return name["zh"]
    if name.get("en"):
        return Note({"zh": GAP, "en": name["en"]}, f"原文件沒有{what}的中文名稱")
    return Note(GAP, f"找不到{what}")


def _key(text: str) -> str:
    return re.sub(r"[\s\u3000()（）]", "", text)


def position(line: str) -> tuple[dict[str, Any], list[str]]:
    """服務機構及職稱 of one person (「國立清華大學電機工程學系　副教授」) as agency, unit and
    title; the second value lists what was guessed."""
    line = line.strip()
    guessed: list[str] = []
    parts = re.split(r"[\s\u3000,，、／/]+", line)
    if len(parts) > 1 and len(parts[-1]) <= 12 and not UNIT_END.search(parts[-1]):
        org, title = "".join(parts[:-1]) if _CJK.search(parts[-2]) else " ".join(parts[:-1]), parts[-1]
    else:
        title = next((t for t in JOB_TITLES if line.endswith(t) and len(line) > len(t)), "")
        org = line[: len(line) - len(title)] if title else line
        guessed.append("職稱由文字推測" if title else "找不到職稱")
    entry: dict[str, Any] = {}
    m_ = INSTITUTION.match(org)
    if m_ and m_[2].strip():
        entry["agency"], entry["unit"] = m_[1], m_[2].strip()
        guessed.append("服務機構與單位（unit）由文字推測分開")
    else:
        entry["agency"] = org or GAP
    entry["title"] = title or GAP
    return entry, guessed


class NstcForm(State):
    """Reading the 國科會 form's first page; the body is read as any report's."""

    nstc_header: dict[str, list[str]]
    nstc_leftovers: list[Any]
    report_day: dt.date | None
    report_day_roc: bool | None

    def _is_nstc(self) -> bool:
        """Whether the document is the 國科會 form: its title among the first lines, or a header
        table with at least four of the form's labels, 計畫編號 among them."""
        leading: list[str] = []
        for item in self.items[:40]:
            if isinstance(item, Table):
                keys = {
                    k[0] for row in item.rows for cell in row if cell and (k := header_key(" ".join(cell)))
                }
                if "project_number" in keys and len(keys) >= 4:
                    return True
                leading = []
                continue
            leading.append(item.plain)
            if any(is_title(leading[k:]) for k in range(max(0, len(leading) - TITLE_LINES), len(leading))):
                return True
        return False

    def _nstc_front(self) -> int:
        """Read the title, the 日期 line and the header; the index where the body starts."""
        self.nstc_header = {}
        self.nstc_leftovers = []
        self.report_day = None
        self.report_day_roc = None
        title = self._title_lines()
        start = len(self.items)
        for index, item in enumerate(self.items):
            if isinstance(item, Table):
                if not self._header_table(item):
                    start = index  # a table of the body
                    break
                continue
            if index in title or item.toc:
                continue
            if self._nstc_body_starts(item):
                start = index
                break
            self._front_line(item)
        self.form = NSTC_CONFERENCE
        parts = [
            what
            for what, found in (("標題", title), ("日期", self.report_day), ("表頭", self.nstc_header))
            if found
        ]
        self.recognised.insert(0, f"國科會表格（{'、'.join(parts)}）" if parts else "國科會表格")
        # the chapters' level: the highest heading level used in the body
        self.top = min(
            (
                i.heading
                for i in self.items[start:]
                if isinstance(i, Para) and i.heading and not i.toc and i.style != "appendix heading"
            ),
            default=self.top,
        )
        # The form's chapter titles typed as plain lines are its chapters: with their label
        # (四、建議), or without one when long enough not to be a word of the text, or in order.
        last = -1
        for item in self.items[start:]:
            if not isinstance(item, Para) or item.list_level or item.toc:
                continue
            chapter = chapter_title(item.plain)
            if chapter is None:
                continue
            number = CHAPTERS.index(chapter)
            if item.heading is None and (
                typed_label(item.plain.strip()) or len(chapter) >= 4 or number > last
            ):
                item.heading = self.top
            last = max(last, number)
        return start

    def _title_lines(self) -> set[int]:
        """The indexes of the form's title lines (before the first table, over up to four)."""
        found: set[int] = set()
        for k, item in enumerate(self.items[:40]):
            if isinstance(item, Table):
                break
            for n in range(1, TITLE_LINES + 1):
                lines = [i.plain for i in self.items[k : k + n] if isinstance(i, Para)]
                if len(lines) == len(self.items[k : k + n]) and is_title(lines):
                    found.update(range(k, k + n))
                    break
        return found

    def _nstc_body_starts(self, para: Para) -> bool:
        text = para.plain.strip()
        if para.style == "appendix heading" or chapter_title(text):
            return True
        if para.heading is not None and para.style not in ("title", "sheet title"):
            return True
        found = typed_label(text)
        return (
            found is not None
            and found[0] <= 2
            and len(found[1]) <= 40
            and not found[1].endswith(SENTENCE_END)
            and not TOC_LINE.search(para.plain)
        )

    def _front_line(self, para: Para) -> None:
        """The 日期 line, or a header field typed as a 「計畫編號：…」 line; anything else is kept
        for the first chapter."""
        text = para.plain.strip()
        if not text:
            return
        if (m_ := DATE_LINE.match(text)) and (days := dates_in(m_[1])):
            self.report_day = days[0]
            self.report_day_roc = roc_written(m_[1])
            return
        found = split_label(text)
        key = header_key(found[0]) if found else None
        if found and key:
            self._header_value(key, [found[1]])
            return
        self.nstc_leftovers.append(Note(para.text.strip(), "原在表頭的文字"))

    def _header_table(self, table: Table) -> bool:
        """The header: label | value rows, or two label | value pairs a row; a row whose label is
        blank or merged with the one above continues its field."""
        keys = [header_key(" ".join(cell)) for row in table.rows for cell in row if cell]
        if sum(k is not None for k in keys) < 3:
            return False
        current: tuple[str, str | None] | None = None
        for row in table.rows:
            for column, cell in enumerate(row):
                if not cell:  # merged with the cell before it or above it
                    continue
                text = " ".join(cell).strip()
                key = header_key(text)
                if key:
                    current = key
                    self.nstc_header.setdefault(key[0], [])
                    continue
                if column == 0 and text:
                    current = None  # a label the form does not have: the row is kept as it is
                    line = "｜".join(" ".join(c).strip() for c in row if c and " ".join(c).strip())
                    self.nstc_leftovers.append(Note(line, "原在表頭的表格列"))
                    break
                if current:
                    self._header_value(current, cell)
        return True

    def _header_value(self, key: tuple[str, str | None], lines: list[str]) -> None:
        field, language = key
        lines = [line.strip() for line in lines if line.strip()]
        if language and lines:
            lines[0] = f"（{language}）{lines[0]}"
        self.nstc_header.setdefault(field, []).extend(lines)

    # -- metadata ----------------------------------------------------------------------------

    def _nstc_metadata(self) -> dict[str, Any]:
        header = self.nstc_header

        def one(field: str, what: str) -> Any:
            text = " ".join(header.get(field, [])).strip()
            return text or Note(GAP, f"原文件沒有{what}")

        data: dict[str, Any] = {"form": NSTC_CONFERENCE}
        data["project_number"] = one("project_number", "計畫編號")
        data["plan"] = one("plan", "計畫名稱")
        days = dates_in(" ".join(header.get("time", [])))  # the period too (Recogniser._run_nstc)
        if self.report_day:
            data["report_date"] = self.report_day
        else:
            end = self.period[1] if self.period else dt.date.today()
            data["report_date"] = Note(end + dt.timedelta(days=30), "找不到日期，暫填會議結束後 30 天")
        data["travellers"] = self._nstc_travellers()
        conference: dict[str, Any] = {}
        names = bilingual(header.get("conference", []))
        conference["name"] = name_value(names[0], "會議名稱") if names else Note(GAP, "找不到會議名稱")
        conference["venue"] = one("venue", "會議地點")
        if days:
            conference["start"] = days[0]
            conference["end"] = days[-1] if len(days) > 1 else Note(days[0], "會議時間只寫了一天")
        else:
            today = dt.date.today()
            conference["start"] = Note(today, "找不到會議時間")
            conference["end"] = today
        data["conference"] = conference
        if header.get("conference"):
            self.recognised.append("會議資訊")
        roc = self.year_roc if self.year_roc is not None else self.report_day_roc
        settings: dict[str, Any] = {"year_style": "民國" if roc else "西元"}
        if self.chinese_captions is False:  # this form numbers 圖一、 unless told
            settings["caption_numbers"] = "阿拉伯數字"
        data["settings"] = settings
        return data

    def _nstc_travellers(self) -> list[Any]:
        header = self.nstc_header
        names: list[str] = []
        for line in header.get("names", []):
            parts = [p.strip() for p in re.split(r"[、,，;；]", line) if p.strip()]
            for part in parts:
                pieces = re.split(r"[\s\u3000]+", part)
                names += pieces if len(pieces) > 1 and all(_CJK.search(p) for p in pieces) else [part]
        lines = [x for x in header.get("positions", []) if x.strip()]
        if len(lines) < len(names):  # one line for several people: 「…副教授；…博士生」
            lines = [p.strip() for x in lines for p in re.split(r"[；;]", x) if p.strip()]
        out: list[Any] = []
        for k, name in enumerate(names):
            line = lines[k] if k < len(lines) else (lines[-1] if lines else "")
            if not line:
                out.append(Note({"name": name, "title": GAP, "agency": GAP}, "找不到服務機構及職稱"))
                continue
            entry, guessed = position(line)
            person: dict[str, Any] = {"name": name, "title": entry["title"], "agency": entry["agency"]}
            if "unit" in entry:
                person["unit"] = entry["unit"]
            notes = guessed + (["與上一位的服務機構及職稱相同"] if k >= len(lines) else [])
            out.append(Note(person, "；".join(notes)) if notes else person)
        if names:
            self.recognised.append(f"出國人員 {len(names)} 人")
        return out or [Note({"name": GAP, "title": GAP, "agency": GAP}, "找不到出國人員")]

    # -- the papers of 發表題目 -------------------------------------------------------------

    def _nstc_papers(self, chapters: list[Any]) -> None:
        """The header's 發表題目 on the paper blocks whose title they are (the paper table prints
        「中文(English)」); titles no paper block has stay paragraphs at the top of chapter 三."""
        titles = [n for n in bilingual(self.nstc_header.get("papers", [])) if n.get("zh") != "無"]
        papers = [
            b["paper"] for b in _walk(chapters) if isinstance(b, dict) and isinstance(b.get("paper"), dict)
        ]
        unmatched: list[dict[str, str]] = []
        for name in titles:
            wanted = {
                _key(name.get("zh", "") + name.get("en", "")),
                _key(name.get("zh", "")),
                _key(name.get("en", "")),
            }
            paper = next(
                (p for p in papers if isinstance(p["title"], str) and _key(p["title"]) in wanted - {""}), None
            )
            if paper is None:
                unmatched.append(name)
            else:
                paper["title"] = name_value(name, "論文題目")
        if titles:
            self.recognised.append(f"發表題目 {len(titles)} 篇")
        if not unmatched:
            return
        lines = [
            Note(f"（{label}）{name[key]}", "原在表頭的發表題目；有論文資料時可寫成 paper 區塊")
            for name in unmatched
            for key, label in (("zh", "中文"), ("en", "英文"))
            if name.get(key)
        ]
        chapter = next(
            (c for c in chapters if isinstance(c, dict) and c.get("title") == CHAPTERS[2]),
            chapters[0] if chapters else None,
        )
        if chapter is not None:
            chapter["blocks"] = lines + [b for b in chapter["blocks"] if not _is_gap(b)]
        else:
            self.nstc_leftovers += lines


def _is_gap(block: Any) -> bool:
    return isinstance(block, Note) and block.value == GAP


def _walk(blocks: Any) -> list[Any]:
    """Every block of chapters, sections and list items."""
    out: list[Any] = []
    if isinstance(blocks, Note):
        return _walk(blocks.value)
    if isinstance(blocks, list):
        for block in blocks:
            out += _walk(block)
    elif isinstance(blocks, dict):
        out.append(blocks)
        for key in ("blocks", "section", "list", "sections"):
            if key in blocks:
                out += _walk(blocks[key])
    return out
