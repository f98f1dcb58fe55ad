"""Word files made for the import tests WITHOUT tripreport: python-docx's default template,
Normal style everywhere, typed labels, tables drawn by hand, photos with caption paragraphs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Cm
from PIL import Image

ABSTRACT = (
    "本次赴日本東京考察智慧城市與防災科技之推動情形，先後拜訪東京都防災中心及筑波研究機構，"
    "瞭解日本中央與地方政府在災害預警、避難資訊傳遞及跨機關資料整合方面的制度設計與實務作法。"
    "考察期間並與各機構主管及研究人員座談，就防災資料開放、民間參與及人才培育等議題交換意見，"
    "蒐集相關法規、計畫文件及系統建置經驗，作為我國精進災害防救體系之參考。"
    "綜合考察心得，建議我國持續整合各部會災害資料平台，強化地方政府防災人力與演練，"
    "並推動防災科技研發成果之實際應用，以提升全民災害應變能力與城市韌性，"
    "同時建立與日本相關機構之定期交流機制，持續追蹤其制度修正與技術發展，"
    "作為後續政策規劃與計畫推動之依據。"
)


def photo(color: str, size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG")
    return out.getvalue()


def foreign_docx(path: Path) -> Path:
    """A typical old report, typed by hand in Word."""
    doc = Document()
    for line in (
        "出國報告（出國類別：考察）",
        "日本智慧防災考察報告",
        "服務機關：內政部消防署",
        "姓名職稱：張三　科長",
        "派赴國家／地區：日本／東京、筑波",
        "出國期間：中華民國113年3月4日至113年3月6日",
        "報告日期：中華民國113年4月15日",
    ):
        doc.add_paragraph(line)
    doc.add_paragraph("摘要")
    doc.add_paragraph(ABSTRACT)
    doc.add_paragraph("行程表")
    table = doc.add_table(rows=4, cols=3)
    for row, cells in zip(
        table.rows,
        [
            ("日期", "行程", "住宿"),
            ("3/4(一)", "桃園機場→東京羽田機場", "東京"),
            ("3/5(二)", "拜訪東京都防災中心", "東京"),
            ("3/6(三)", "東京羽田機場→桃園機場", ""),
        ],
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    doc.add_paragraph("註：行程依實際情形調整。")
    doc.add_paragraph("目錄")
    doc.add_paragraph("壹、目的\t1")
    doc.add_paragraph("貳、過程\t2")
    doc.add_paragraph("參、心得與建議")  # a 目次 line without its page number
    doc.add_paragraph("壹、目的")
    doc.add_paragraph("為瞭解日本智慧防災之推動經驗，特赴東京考察。")
    doc.add_paragraph("貳、過程")
    doc.add_paragraph("一、東京都防災中心")
    visit = doc.add_table(rows=5, cols=2)
    for row, cells in zip(
        visit.rows,
        [
            ("前往國家／地區：", "日本／東京"),
            ("拜訪機構名稱：", "東京都防災中心(Tokyo Disaster Prevention Center)"),
            ("主要洽談人／職務：", "山田太郎／中心長\n佐藤花子／課長"),
            ("時間：", "3月5日 下午2:00～4:30"),
            ("地點：", "東京都廳第一本廳舍"),
        ],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = cells
    doc.add_paragraph("（一）機構簡介")
    doc.add_paragraph("東京都防災中心負責都內災害資訊之蒐集與傳遞。")
    doc.add_paragraph("（二）訪談重點紀錄")
    doc.add_paragraph("1.災害資訊即時整合，透過單一平台發布。")
    doc.add_paragraph("2.定期辦理跨機關演練。")
    images = io.BytesIO(photo("red"))
    doc.add_paragraph().add_run().add_picture(images, width=Cm(4))
    doc.add_paragraph("圖1　防災中心指揮室")
    doc.add_paragraph("參、心得與建議")
    doc.add_paragraph("1.整合各部會災害資料平台。")
    doc.add_paragraph("2.強化地方政府防災演練。")
    doc.add_paragraph("附錄")
    doc.add_paragraph().add_run().add_picture(io.BytesIO(photo("blue")), width=Cm(4))
    doc.add_paragraph("照片1：與防災中心人員合影")
    doc.save(str(path))
    return path


def rezip(source: Path, target: Path, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> Path:
    """A copy of a package with some members replaced or added."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, data in (add or {}).items():
            out.writestr(name, data)
    return target


def styled_docx(path: Path) -> Path:
    """A report written with Word's heading styles and automatic numbering ("List Number"),
    a table with its caption above, and a picture with its caption above it."""
    doc = Document()
    doc.add_paragraph("出國報告（出國類別：開會）")
    doc.add_paragraph("國際研討會出國報告")
    doc.add_paragraph("出國期間：2024年5月6日至5月8日")
    doc.add_paragraph("報告日期：2024年6月1日")
    doc.add_heading("目的", level=1)
    doc.add_paragraph("出席國際研討會。")
    doc.add_heading("過程", level=1)
    doc.add_heading("會議經過", level=2)
    doc.add_paragraph("第一天報到。", style="List Number")
    doc.add_paragraph("第二天發表。", style="List Number")
    doc.add_paragraph("表1　出席場次")
    table = doc.add_table(rows=2, cols=2)
    for cell, text in zip(
        [*table.rows[0].cells, *table.rows[1].cells], ["日", "場次", "5/7", "開幕"], strict=True
    ):
        cell.text = text
    doc.add_paragraph("圖一、會場外觀")
    doc.add_paragraph().add_run().add_picture(io.BytesIO(photo("green")), width=Cm(4))
    doc.add_heading("建議", level=1)
    doc.add_paragraph("持續參與。", style="List Number")
    doc.save(str(path))
    return path


NSTC_PAPER_ABSTRACT = (
    "本文提出一種以自監督學習預訓練之語音辨識模型，在低資源語言上之字錯誤率較基準模型降低百分之十二。"
)


def nstc_docx(path: Path) -> Path:
    """A 國科會 心得報告 typed by hand on the 科技部 form of 2019: the title over two lines, the
    date in 西元, a header table of four columns (two label | value pairs in some rows, labels
    with half-width brackets and colons), chapters typed 一、 with （一） and 1. under them, a
    photo with its caption, and no paper table (the 發表題目 stays text)."""
    doc = Document()
    doc.add_paragraph("科技部補助專題研究計畫")
    doc.add_paragraph("出席國際學術會議心得報告")
    doc.add_paragraph("日期：2019年9月30日")
    table = doc.add_table(rows=7, cols=4)
    rows: list[tuple[str, ...]] = [
        ("計畫編號", "MOST 107-2221-E-007-088-MY3"),
        ("計畫名稱", "低資源語言之語音辨識"),
        (
            "出國人員姓名",
            "王俊傑、李小華",
            "服務機構及職稱",
            "國立清華大學電機工程學系副教授\n國立清華大學電機工程學系 博士生",
        ),
        ("會議時間", "108年9月15日至108年9月19日", "會議地點", ""),
        ("會議名稱", "(中文)2019年國際語音通訊協會年會\n(英文)Interspeech 2019"),
        ("發表題目(中文):", "自監督預訓練於低資源語音辨識之應用"),
        ("發表題目(英文):", "Self-Supervised Pre-Training for Low-Resource Speech Recognition"),
    ]
    for row, cells in zip(table.rows, rows, strict=True):
        if len(cells) == 2:
            row.cells[1].merge(row.cells[3])
        for cell, text in zip(row.cells, cells, strict=False):
            cell.text = text
    for line in (
        "一、參加會議經過",
        "（一）9月15日：報到與教學課程",
        "本人於9月15日抵達格拉茲，出席語音自監督學習之教學課程。",
        "（二）9月16日至19日：主議程",
        "主議程期間聆聽語音辨識相關場次，並於9月17日口頭發表論文。",
    ):
        doc.add_paragraph(line)
    doc.add_paragraph().add_run().add_picture(io.BytesIO(photo("red")), width=Cm(4))
    for line in (
        "圖一、會場外觀",
        "二、與會心得",
        "1.自監督學習已成為語音辨識之主流方法。",
        "2.低資源語言之資料集逐漸公開。",
        "三、發表論文全文或摘要",
        NSTC_PAPER_ABSTRACT,
        "四、建議",
        "1.持續補助研究生出席國際會議。",
        "2.建立國內語音資料共享平台。",
        "五、攜回資料名稱及內容",
        "1.Interspeech 2019 論文集（電子檔）：全部論文及議程",
        "六、其他",
        "無",
    ):
        doc.add_paragraph(line)
    doc.save(str(path))
    return path
