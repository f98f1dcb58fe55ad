"""The front matter: cover lines, the 提要 sheet, 摘要, the 日程表 (the 目次 is skipped), and the
report's metadata from them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .. import model as m
from .items import Para, Table
from .parse import (
    dates_in,
    month_day,
    resolve,
    roc_written,
    split_label,
    squash,
)
from .state import _CJK, FRONT, GAP, State
from .yamlout import Note

SHEET_LABELS = {
    "出國報告名稱",
    "計畫名稱",
    "系統識別號",
    "主辦機關",
    "聯絡人／電話",
    "出國類別",
    "出國期間",
    "出國地區",
    "報告日期",
    "分類號／目",
    "關鍵詞",
    "內容摘要",
    "頁數",
}
TRAVELLER_COLUMNS = {
    "姓名": "name",
    "職稱": "title",
    "服務機關": "agency",
    "服務單位": "unit",
    "官職等": "rank",
    "職等": "rank",
    "電話": "phone",
    "電子郵件": "email",
    "Email": "email",
}
COVER_LABELS = (
    "服務機關",
    "姓名職稱",
    "派赴國家／地區",
    "派赴國家/地區",
    "出國地區",
    "出國期間",
    "報告日期",
    "出國人員",
    "姓名",
    "職稱",
)
FRONT_NAMES = {"cover": "封面", "sheet": "提要", "abstract": "摘要", "itinerary": "日程表", "toc": "目次"}
TOC_LINE = re.compile(r"(\.{3,}|…{2,}|‧{3,}|·{3,}|\t)\s*[0-9ivxlcIVXLC]+\s*$")


class FrontMatter(State):
    def _front(self) -> int:
        """Read the cover, 提要, 摘要, 日程表 and skip the 目次; the index where the body starts."""
        state = "cover"
        cover_lines: list[Para] = []
        for index, item in enumerate(self.items):
            if isinstance(item, Para):
                text = item.plain.strip()
                key = FRONT.get(text) or FRONT.get(re.sub(r"\s+", "", text))
                if key and (item.style == "front heading" or len(text) <= 12) and not item.toc:
                    state = key
                    if key == "itinerary":
                        self.itinerary_title = re.sub(r"\s+", "", text)
                    continue
                if item.toc or (state == "toc" and TOC_LINE.search(item.plain)):
                    continue
                if state == "toc" and any(
                    isinstance(later, Para) and later.plain.strip() == text
                    for later in self.items[index + 1 :]
                ):
                    continue  # a 目次 line without a page number: its heading comes again below
                if self._body_starts(item):
                    self._read_cover(cover_lines)
                    return index
                if state == "cover":
                    cover_lines.append(item)
                elif state == "abstract":
                    self.abstract.append(item.text.strip())
                elif state != "toc":  # nothing is dropped: kept with the 摘要, to be moved
                    self.abstract.append(Note(item.text.strip(), f"原在{FRONT_NAMES[state]}的文字"))
            else:
                if self._sheet_table(item):
                    continue
                if _itinerary_columns(item) and self.itinerary_table is None:
                    self.itinerary_table = item
                    continue
                if state == "cover":
                    self._cover_table(item)
                    continue
                for row in item.rows:
                    if line := "｜".join(" ".join(c).strip() for c in row if c):
                        self.abstract.append(Note(line, f"原在{FRONT_NAMES[state]}的表格"))
        # No chapter heading anywhere: the cover ends at its last recognised line, and what
        # follows is the body (one chapter to be named), not a thousand-character title.
        last = max((k for k, p in enumerate(cover_lines) if _is_cover_line(p.plain)), default=-1)
        self._read_cover(cover_lines[: last + 1])
        return self.items.index(cover_lines[last]) + 1 if last >= 0 else 0

    def _body_starts(self, para: Para) -> bool:
        text = para.plain.strip()
        if para.style in ("front heading",) or para.toc:
            return False
        if para.heading == self.top or para.style == "appendix heading":
            return True
        if not self.styled or para.heading is None:
            label = re.match(r"^[壹貳參肆伍陸柒捌玖拾]+\s*[、．.]", text)
            return bool(label) and len(text) <= 60 and not TOC_LINE.search(para.plain)
        return False

    def _read_cover(self, paras: list[Para]) -> None:
        title: list[str] = []
        for para in paras:
            text = para.plain.strip()
            if not text or text in ("出國報告", "公務出國報告"):
                continue
            if m := re.search(r"出國類別\s*[：:]\s*([^）)]+)", text):
                self.cover["categories"] = [c for c in re.split(r"[、,，/／\s]+", m[1]) if c]
                continue
            found = split_label(text)
            if found and found[0] in COVER_LABELS:
                label, value = found
                if label in ("姓名職稱", "出國人員", "姓名"):
                    self.cover.setdefault("people", []).append(value)
                else:
                    self.cover[label.replace("/", "／")] = value
                continue
            short = len(text) <= 100 and sum(map(len, title)) + len(text) <= 200
            if (para.style == "title" or not self.cover.get("people")) and not found and short:
                title.append(text)
            else:  # nothing is dropped: kept with the 摘要, to be moved
                self.abstract.append(Note(para.text.strip(), "原在封面的文字"))
        if title:
            self.cover["title"] = "".join(title) if all(_CJK.search(t) for t in title) else " ".join(title)
            self.recognised.append("封面")

    def _cover_table(self, table: Table) -> None:
        for row in table.rows:
            cells = ["\n".join(c).strip() for c in row]
            if len(cells) >= 2 and cells[0]:
                self._read_cover([Para(f"{cells[0]}：{cells[1]}", f"{cells[0]}：{cells[1]}")])

    def _sheet_table(self, table: Table) -> bool:
        """A table of the 提要 sheet: label | value rows and the travellers' table (LibreOffice
        merges the sheet's adjacent tables into one, so each row is read for what it is)."""
        rows = [[" ".join(c).strip() for c in row if c] for row in table.rows]  # [] : a merged cell
        labelled = [r for r in rows if r and squash(r[0]) in SHEET_LABELS]
        header_at = next((k for k, r in enumerate(rows) if _traveller_header(r)), None)
        if not labelled and header_at is None:
            return False
        if labelled and header_at is None and len(labelled) < max(1, len(rows) // 2):
            return False
        header: list[str] | None = None
        for k, row in enumerate(rows):
            if not row:
                continue
            label = squash(row[0])
            if _traveller_header(row):
                header = [squash(c) for c in row]
            elif label in SHEET_LABELS:
                header = None
                self.sheet[label] = [line for cell in [c for c in table.rows[k] if c][1:] for line in cell]
            elif header:
                person = {
                    TRAVELLER_COLUMNS[name]: value
                    for name, value in zip(header, row, strict=False)
                    if name in TRAVELLER_COLUMNS and value
                }
                if person.get("name"):
                    self.travellers.append(person)
        if labelled and "提要" not in self.recognised:
            self.recognised.append("提要")
        if header_at is not None:
            self.recognised.append(f"出國人員 {len(self.travellers)} 人（提要）")
        return True

    # -- metadata ----------------------------------------------------------------------------

    def _period(self) -> None:
        written = self.sheet.get("出國期間") or self.cover.get("出國期間")
        days = dates_in(" ".join(written) if isinstance(written, list) else written or "")
        if len(days) >= 2:
            self.period = (days[0], days[1])  # always 民國 on the cover: not the body's year style

    def _metadata(self) -> dict[str, Any]:
        sheet, cover = self.sheet, self.cover
        data: dict[str, Any] = {}

        def first(*values: Any) -> str | None:
            for v in values:
                if isinstance(v, list):
                    v = "\n".join(x for x in v if x.strip())
                if v and v.strip():
                    return str(v.strip())
            return None

        title = first(sheet.get("出國報告名稱"), cover.get("title"))
        data["title"] = title or Note(GAP, "找不到報告名稱")
        data["plan"] = first(sheet.get("計畫名稱")) or Note(GAP, "原文件沒有計畫名稱")
        if pid := first(sheet.get("系統識別號")):
            data["portal_id"] = pid
        categories = cover.get("categories") or [
            c for c in m.CATEGORIES if f"■{c}" in (first(sheet.get("出國類別")) or "")
        ]
        categories = [c for c in categories if c in m.CATEGORIES]
        data["categories"] = categories or Note(["其他"], "找不到出國類別")
        agency = first(cover.get("服務機關"))
        data["sponsor"] = first(sheet.get("主辦機關")) or (
            Note(agency.split("、")[0], "以封面的服務機關為主辦機關")
            if agency
            else Note(GAP, "找不到主辦機關")
        )
        travellers = self._travellers(agency)
        contact = first(sheet.get("聯絡人／電話"))
        if contact and "／" in contact:
            name, phone = contact.split("／", 1)
            data["contact"] = {"name": name.strip(), "phone": phone.strip()}
        else:
            name = travellers[0]["name"] if travellers else GAP
            data["contact"] = Note(
                {"name": name if isinstance(name, str) else GAP, "phone": GAP}, "聯絡人以第一位出國人員代替"
            )
        data["travellers"] = travellers or [
            Note(
                {"name": GAP, "title": GAP, "agency": GAP, "unit": GAP, "rank": "其他", "phone": GAP},
                "找不到出國人員",
            )
        ]
        data["destinations"] = self._destinations(first(sheet.get("出國地區"), cover.get("派赴國家／地區")))
        if self.period:
            data["period"] = {"start": self.period[0], "end": self.period[1]}
        else:
            data["period"] = Note({"start": dt.date.today(), "end": dt.date.today()}, "找不到出國期間")
        report_days = dates_in(first(sheet.get("報告日期"), cover.get("報告日期")) or "")
        if report_days:
            data["report_date"] = report_days[0]
        else:
            end = self.period[1] if self.period else dt.date.today()
            data["report_date"] = Note(end + dt.timedelta(days=30), "找不到報告日期，暫填返國後 30 天")
        keywords = first(sheet.get("關鍵詞"))
        data["keywords"] = (
            [k for k in re.split(r"[、,，;；\s]+", keywords) if k]
            if keywords
            else Note([GAP], "原文件沒有關鍵詞")
        )
        data["classification"] = first(sheet.get("分類號／目")) or Note(GAP, "原文件沒有分類號／目")
        summary = first(sheet.get("內容摘要"))
        if summary:
            data["summary"] = summary
        else:
            joined = "".join(p for p in self.abstract if isinstance(p, str))
            count = len(_CJK.findall(joined))
            data["summary"] = Note(
                re.sub(r"\*\*(.+?)\*\*", r"\1", joined) if 200 <= count <= 300 else GAP,
                "原文件沒有提要，以摘要代替"
                if 200 <= count <= 300
                else "原文件沒有提要的內容摘要（200～300 字）",
            )
        data["settings"] = {
            "year_style": "民國" if self.year_roc else "西元",
            "summary_sheet": bool(self.sheet) or Note(False, "原文件沒有提要，不產生提要頁"),
        }
        if isinstance(data["settings"]["summary_sheet"], bool):
            data["settings"]["summary_sheet"] = True
        if self.chinese_captions:
            data["settings"]["caption_numbers"] = "中文數字"
        return data

    def _travellers(self, agency: str | None) -> list[Any]:
        out: list[Any] = []
        for person in self.travellers:
            rank = person.get("rank", "")
            entry: dict[str, Any] = {
                "name": person["name"],
                "title": person.get("title") or GAP,
                "agency": person.get("agency") or agency or GAP,
                "unit": person.get("unit") or GAP,
                "rank": rank
                if rank in m.RANKS
                else Note("其他", f"官職等「{rank}」不是簡任、薦任、委任、其他"),
                "phone": person.get("phone") or GAP,
            }
            if person.get("email"):
                entry["email"] = person["email"]
            out.append(entry)
        if out:
            return out
        for line in self.cover.get("people", []):
            if m_ := re.match(r"^(.+?)等\s*(\d+)\s*人$", line):
                line = m_[1]
            parts = re.split(r"[\s\u3000]+", line.strip(), maxsplit=1)
            out.append(
                {
                    "name": parts[0],
                    "title": parts[1] if len(parts) > 1 else GAP,
                    "agency": (agency or GAP).split("、")[0],
                    "unit": GAP,
                    "rank": Note("其他", "原文件沒有官職等"),
                    "phone": GAP,
                }
            )
        return out

    def _destinations(self, text: str | None) -> Any:
        if not text:
            return [Note({"country": GAP}, "找不到派赴國家／地區")]
        out: list[Any] = []
        for part in re.split(r"[；;]", text):
            pieces = re.split(r"[／/]", part.strip(), maxsplit=1)
            country = pieces[0].strip()
            entry: dict[str, Any] = {"country": country}
            if len(pieces) > 1:
                entry["cities"] = [c for c in re.split(r"[、,，]", pieces[1]) if c.strip()]
            if country:
                out.append(entry)
        return out or [Note({"country": GAP}, "找不到派赴國家／地區")]

    # -- itinerary ---------------------------------------------------------------------------

    def _itinerary(self) -> dict[str, Any] | None:
        table = self.itinerary_table
        if table is None:
            return None
        columns = _itinerary_columns(table)
        assert columns is not None
        date_col, plan_col, night_col = columns
        rows = [[" ".join(c).strip() for c in row] for row in table.rows[1:]]
        parsed: list[tuple[tuple[int | None, int, int] | None, str, str]] = []
        for row in rows:
            if len(row) <= max(date_col, plan_col):
                continue
            when = month_day(row[date_col])
            night = row[night_col] if night_col is not None and night_col < len(row) else ""
            parsed.append((when, row[plan_col], night))
        if self.year_roc is None and rows:
            self.year_roc = roc_written(rows[0][date_col])
        if not self.period:
            full = [dt.date(w[0], w[1], w[2]) for w, _, _ in parsed if w and w[0]]
            if full:
                self.period = (min(full), max(full))
                self.guessed.append("出國期間由日程表推得")
        start, end = self.period if self.period else (None, None)
        days: list[dict[str, Any]] = []
        guessed_year = False
        for when, plan, night in parsed:
            if when is None:
                if days:  # a row without a date continues the day above
                    days[-1]["plan"] = f"{days[-1]['plan']}→{plan}" if plan else days[-1]["plan"]
                    if night:
                        days[-1]["overnight"] = night
                continue
            day = resolve(*when, start, end)
            if day is None:
                return None
            guessed_year = guessed_year or when[0] is None
            if days and days[-1]["date"] == day:
                days[-1]["plan"] = f"{days[-1]['plan']}→{plan}"
                if night:
                    days[-1]["overnight"] = night
                continue
            entry: dict[str, Any] = {"date": day, "plan": plan or GAP}
            if night:
                entry["overnight"] = night
            days.append(entry)
        if not days:
            return None
        self.recognised.append(f"日程表 {len(days)} 天")
        out: dict[str, Any] = {}
        if self.itinerary_title != "日程表":
            out["title"] = self.itinerary_title
        out["days"] = Note(days, "日期的年份由出國期間推得") if guessed_year else days
        return out

    # -- body --------------------------------------------------------------------------------


def _is_cover_line(text: str) -> bool:
    found = split_label(text.strip())
    return bool(re.search(r"出國類別\s*[：:]", text)) or (found is not None and found[0] in COVER_LABELS)


def _traveller_header(row: list[str]) -> bool:
    names = [squash(c) for c in row]
    return bool(names) and names[0] == "姓名" and ("服務機關" in names or "職稱" in names)


def _itinerary_columns(table: Table) -> tuple[int, int, int | None] | None:
    if not table.rows:
        return None
    header = [squash(" ".join(c)) for c in table.rows[0]]
    date = next(
        (k for k, h in enumerate(header) if h in ("日期", "日期／星期", "日期(星期)", "日期（星期）")), None
    )
    plan = next(
        (
            k
            for k, h in enumerate(header)
            if h in ("預定行程", "行程", "行程內容", "活動內容", "工作內容", "行程摘要")
        ),
        None,
    )
    night = next(
        (k for k, h in enumerate(header) if h in ("夜宿", "住宿", "宿泊地點", "住宿地點", "夜宿地點")), None
    )
    if date is None or plan is None:
        return None
    return date, plan, night
