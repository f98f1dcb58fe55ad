"""`tripreport import`: old Word/ODF reports into report.yaml (issue 14)."""

from __future__ import annotations

import datetime as dt
import json
import socket
import zipfile
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.errors import TripReportError
from generator.importer import import_report
from generator.importer.package import ImportError_
from generator.importer.parse import dates_in, strip_caption_label, times_in, typed_label
from generator.importer.yamlout import Note, dump, scalar
from generator.validate import validate

from .conftest import CONFERENCE, EVERY_BLOCK, NSTC, REFERENCE
from .importdocs import ABSTRACT, NSTC_PAPER_ABSTRACT, foreign_docx, nstc_docx, rezip

# -- the small readings ---------------------------------------------------------------------


def test_dates_are_read_in_roc_and_western_years_with_the_year_carried_over() -> None:
    assert dates_in("中華民國104年3月8日至104年3月14日") == [dt.date(2015, 3, 8), dt.date(2015, 3, 14)]
    assert dates_in("2015年3月8日至3月14日") == [dt.date(2015, 3, 8), dt.date(2015, 3, 14)]
    assert dates_in("104.3.8-104.3.9") == [dt.date(2015, 3, 8), dt.date(2015, 3, 9)]
    assert dates_in("2015/02/30") == []


def test_times_follow_the_half_of_day_written_before_them() -> None:
    assert times_in("上午10:00～12:00") == [dt.time(10), dt.time(12)]
    assert times_in("下午3:00～4:20") == [dt.time(15), dt.time(16, 20)]
    assert times_in("上午10:30～下午12:30") == [dt.time(10, 30), dt.time(12, 30)]
    assert times_in("上午11:00～1:00") == [dt.time(11), dt.time(13)]
    assert times_in("14:00-16:00") == [dt.time(14), dt.time(16)]


def test_typed_labels_give_their_level_and_are_stripped() -> None:
    assert typed_label("壹、目的") == (1, "目的")
    assert typed_label("一、機構簡介") == (2, "機構簡介")
    assert typed_label("（一）發展沿革") == (3, "發展沿革")
    assert typed_label("(二)現況") == (3, "現況")
    assert typed_label("1.整合平台") == (4, "整合平台")
    assert typed_label("１、整合平台") == (4, "整合平台")
    assert typed_label("（1）細項") == (5, "細項")
    assert typed_label("1.5倍的成長") is None
    assert typed_label("一般建議") is None


def test_caption_labels_of_every_style_are_stripped() -> None:
    assert strip_caption_label("圖1　組織架構圖") == "組織架構圖"
    assert strip_caption_label("圖一、組織架構圖") == "組織架構圖"
    assert strip_caption_label("表2：經費表") == "經費表"
    assert strip_caption_label("照片3 合影") == "合影"
    assert strip_caption_label("圖書館外觀") == "圖書館外觀"


def test_yaml_scalars_are_plain_only_when_read_back_as_the_same_text() -> None:
    assert scalar("日本") == "日本"
    assert scalar("2015") == '"2015"'
    assert scalar("10:30") == '"10:30"'
    assert scalar("NO") == '"NO"'
    assert scalar("- 清單") == '"- 清單"'
    assert scalar("a: b") == '"a: b"'
    assert scalar("網址 #1") == '"網址 #1"'
    assert scalar(dt.time(9, 30)) == '"09:30"'
    assert scalar(dt.date(2015, 3, 8)) == "2015-03-08"
    text, notes = dump({"plan": Note("○○", "原文件沒有計畫名稱"), "keywords": ["a", "b"]}, ["說明"])
    assert text == "# 說明\nplan: ○○  # 請確認：原文件沒有計畫名稱\nkeywords: [a, b]\n"
    assert notes == [(2, "原文件沒有計畫名稱")]


# -- a Word file tripreport did not make ----------------------------------------------------


def test_a_word_file_typed_by_hand_imports_with_only_content_gaps(tmp_path: Path) -> None:
    source = foreign_docx(tmp_path / "old.docx")
    folder = tmp_path / "content" / "2024-japan"
    summary = import_report(source, folder)
    data = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))
    assert data["title"] == "日本智慧防災考察報告"
    assert data["categories"] == ["考察"]
    assert data["sponsor"] == "內政部消防署"
    assert data["travellers"] == [
        {
            "name": "張三",
            "title": "科長",
            "agency": "內政部消防署",
            "unit": "○○",
            "rank": "其他",
            "phone": "○○",
        }
    ]
    assert data["destinations"] == [{"country": "日本", "cities": ["東京", "筑波"]}]
    assert data["period"] == {"start": dt.date(2024, 3, 4), "end": dt.date(2024, 3, 6)}
    assert data["report_date"] == dt.date(2024, 4, 15)
    assert data["summary"] == ABSTRACT
    assert data["settings"] == {"year_style": "西元", "summary_sheet": False}
    assert data["abstract"] == [ABSTRACT, "註：行程依實際情形調整。"]  # nothing dropped
    assert data["itinerary"] == {
        "title": "行程表",
        "days": [
            {"date": dt.date(2024, 3, 4), "plan": "桃園機場→東京羽田機場", "overnight": "東京"},
            {"date": dt.date(2024, 3, 5), "plan": "拜訪東京都防災中心", "overnight": "東京"},
            {"date": dt.date(2024, 3, 6), "plan": "東京羽田機場→桃園機場"},
        ],
    }
    purpose, process, advice = data["chapters"]
    assert purpose == {"title": "目的", "blocks": ["為瞭解日本智慧防災之推動經驗，特赴東京考察。"]}
    assert process["title"] == "過程"
    (visit,) = process["blocks"]
    assert visit["visit"] == {
        "country": "日本",
        "region": "東京",
        "institution": {"name": "東京都防災中心", "english": "Tokyo Disaster Prevention Center"},
        "contacts": [{"name": "山田太郎", "position": "中心長"}, {"name": "佐藤花子", "position": "課長"}],
        "date": dt.date(2024, 3, 5),
        "start": "14:00",
        "end": "16:30",
        "place": "東京都廳第一本廳舍",
        "sections": [
            {"title": "機構簡介", "blocks": ["東京都防災中心負責都內災害資訊之蒐集與傳遞。"]},
            {
                "title": "訪談重點紀錄",
                "blocks": [
                    {
                        "list": [
                            "災害資訊即時整合，透過單一平台發布。",
                            {
                                "text": "定期辦理跨機關演練。",
                                "blocks": [
                                    {"figure": {"file": "photos/figure-01.jpg", "caption": "防災中心指揮室"}}
                                ],
                            },
                        ]
                    }
                ],
            },
        ],
    }
    assert advice == {
        "title": "心得與建議",
        "blocks": [{"recommendations": [{"items": ["整合各部會災害資料平台。", "強化地方政府防災演練。"]}]}],
    }
    assert data["appendix"] == {"photos": [{"file": "photos/photo-01.jpg", "caption": "與防災中心人員合影"}]}
    assert sorted(p.name for p in (folder / "photos").iterdir()) == ["figure-01.jpg", "photo-01.jpg"]
    assert summary.recognised == [
        "封面",
        "日程表 3 天",
        "圖片 1 張",
        "參訪紀錄 1 筆",
        "建議事項",
        "附錄照片 1 張",
        "章 3 個",
    ]
    assert summary.guessed == [
        (6, "原文件沒有計畫名稱"),
        (8, "以封面的服務機關為主辦機關"),
        (9, "聯絡人以第一位出國人員代替"),
        (17, "原文件沒有官職等"),
        (26, "原文件沒有關鍵詞"),
        (27, "原文件沒有分類號／目"),
        (28, "原文件沒有提要，以摘要代替"),
        (31, "原文件沒有提要，不產生提要頁"),
        (34, "原在日程表的文字"),
        (37, "日期的年份由出國期間推得"),
        (62, "年份由出國期間推得"),
    ]
    lines = (folder / "report.yaml").read_text(encoding="utf-8").splitlines()
    assert [
        (line, lines[line - 1].split("  # 請確認：")[1]) for line, _ in summary.guessed
    ] == summary.guessed
    # check shows only the content gaps, each located
    report, problems = validate(folder)
    assert report is not None
    assert [f"{p.line}:{p.col}: {p.field}: {p.severity} {p.placeholder}" for p in problems] == [
        "6:7: plan: warning True",
        "11:10: contact.phone: warning True",
        "16:11: travellers[0].unit: warning True",
        "18:12: travellers[0].phone: warning True",
        "26:12: keywords[0]: warning True",
        "27:17: classification: warning True",
    ]


def test_the_cli_prints_the_summary_and_the_check_and_keeps_an_existing_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = foreign_docx(tmp_path / "old.docx")
    folder = tmp_path / "report"
    assert main(["import", str(source), str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"已寫入 {folder / 'report.yaml'}（照片 2 張）" in out
    assert "認出：封面、日程表 3 天、圖片 1 張、參訪紀錄 1 筆、建議事項、附錄照片 1 張、章 3 個" in out
    assert f"{folder / 'report.yaml'}:6: 原文件沒有計畫名稱" in out
    assert f"{folder}：沒有錯誤，6 個警告；6 處待填" in out
    (folder / "report.yaml").write_text("title: 改過\n", encoding="utf-8")
    assert main(["import", str(source), str(folder)]) == 1
    assert (
        capsys.readouterr().err
        == f"{folder / 'report.yaml'} 已經存在；要覆蓋請加上 --force，或換一個資料夾。\n"
    )
    assert (folder / "report.yaml").read_text(encoding="utf-8") == "title: 改過\n"
    assert main(["import", str(source), str(folder), "--force"]) == 0
    assert "日本智慧防災考察報告" in (folder / "report.yaml").read_text(encoding="utf-8")


def test_a_nstc_report_typed_by_hand_imports_as_that_form_with_only_content_gaps(tmp_path: Path) -> None:
    source = nstc_docx(tmp_path / "old.docx")
    folder = tmp_path / "content" / "2019-interspeech"
    summary = import_report(source, folder)
    data = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))
    chapters = data.pop("chapters")
    assert data == {
        "form": "nstc-conference",
        "project_number": "MOST 107-2221-E-007-088-MY3",
        "plan": "低資源語言之語音辨識",
        "report_date": dt.date(2019, 9, 30),  # 日期 in 西元
        "travellers": [
            {"name": "王俊傑", "title": "副教授", "agency": "國立清華大學", "unit": "電機工程學系"},
            {"name": "李小華", "title": "博士生", "agency": "國立清華大學", "unit": "電機工程學系"},
        ],
        "conference": {
            "name": {"zh": "2019年國際語音通訊協會年會", "en": "Interspeech 2019"},
            "venue": "○○",  # the cell is blank
            "start": dt.date(2019, 9, 15),  # 會議時間 in 民國
            "end": dt.date(2019, 9, 19),
        },
        "settings": {"year_style": "西元"},  # 圖一、 is this form's own numbering: not written
    }
    assert chapters == [
        {
            "title": "參加會議經過",
            "blocks": [
                {
                    "section": {
                        "title": "9月15日：報到與教學課程",
                        "blocks": ["本人於9月15日抵達格拉茲，出席語音自監督學習之教學課程。"],
                    }
                },
                {
                    "section": {
                        "title": "9月16日至19日：主議程",
                        "blocks": [
                            "主議程期間聆聽語音辨識相關場次，並於9月17日口頭發表論文。",
                            {"figure": {"file": "photos/figure-01.jpg", "caption": "會場外觀"}},
                        ],
                    }
                },
            ],
        },
        {
            "title": "與會心得",
            "blocks": [{"list": ["自監督學習已成為語音辨識之主流方法。", "低資源語言之資料集逐漸公開。"]}],
        },
        {
            "title": "發表論文全文或摘要",
            "blocks": [  # no paper table: the header's 發表題目 kept as text, on top
                "（中文）自監督預訓練於低資源語音辨識之應用",
                "（英文）Self-Supervised Pre-Training for Low-Resource Speech Recognition",
                NSTC_PAPER_ABSTRACT,
            ],
        },
        {
            "title": "建議",
            "blocks": [
                {
                    "recommendations": [
                        {"items": ["持續補助研究生出席國際會議。", "建立國內語音資料共享平台。"]}
                    ]
                }
            ],
        },
        {
            "title": "攜回資料名稱及內容",
            "blocks": [
                {
                    "materials": [
                        {"title": "Interspeech 2019 論文集（電子檔）", "description": "全部論文及議程"}
                    ]
                }
            ],
        },
        {"title": "其他", "blocks": ["無"]},
    ]
    assert summary.recognised == [
        "國科會表格（標題、日期、表頭）",
        "圖片 1 張",
        "建議事項",
        "攜回資料",
        "章 6 個",
        "出國人員 2 人",
        "會議資訊",
        "發表題目 1 篇",
    ]
    assert summary.guessed == [
        (10, "職稱由文字推測；服務機構與單位（unit）由文字推測分開"),
        (15, "服務機構與單位（unit）由文字推測分開"),
        (24, "原文件沒有會議地點"),
        (47, "原在表頭的發表題目；有論文資料時可寫成 paper 區塊"),
        (48, "原在表頭的發表題目；有論文資料時可寫成 paper 區塊"),
    ]
    # check shows only the content gap, located, and nothing about fields this form does not print
    report, problems = validate(folder)
    assert report is not None
    assert [f"{p.line}:{p.col}: {p.field}: {p.severity} {p.placeholder}" for p in problems] == [
        "24:10: conference.venue: warning True",
    ]


@pytest.mark.parametrize(
    "title",
    [
        ["國家科學及技術委員會補助專題研究計畫出席國際學術會議心得報告"],
        ["國家科學及技術委員會補助專題研究計畫", "出席國際學術會議心得報告"],
        ["國科會補助專題研究計畫項下出席國際學術會議心得報告"],
        ["科技部補助專題研究計畫", "出席國際學術會議", "心得報告"],
        ["行政院國家科學委員會補助專題研究計畫項下出席國際學術會議心得報告"],
    ],
)
def test_the_nstc_form_is_known_by_its_title_in_each_agency_name(title: list[str]) -> None:
    from generator.importer.items import Para, Table
    from generator.importer.recognise import recognise

    lines = [*title, "日期：108年9月30日", "一、參加會議經過", "出席會議。", "二、與會心得", "收穫良多。"]
    header = Table(
        [
            [["計畫編號："], ["MOST 108-2221-E-001-001"]],
            [["出國人員姓名："], ["陳大文"]],
            [["服務機構及職稱："], ["中央研究院資訊科學研究所 研究員"]],
            [["會議名稱："], ["（英文）ICASSP 2019"]],
        ]
    )
    items = (
        [Para(t, t) for t in lines[: len(title) + 1]]
        + [header]
        + [Para(t, t) for t in lines[len(title) + 1 :]]
    )
    data = recognise(items).data
    assert data["form"] == "nstc-conference"
    assert data["report_date"] == dt.date(2019, 9, 30)
    assert data["project_number"] == "MOST 108-2221-E-001-001"
    assert data["travellers"][0].value == {
        "name": "陳大文",
        "title": "研究員",
        "agency": "中央研究院",
        "unit": "資訊科學研究所",
    }
    assert data["conference"]["name"].value == {"zh": "○○", "en": "ICASSP 2019"}
    assert [c["title"] for c in data["chapters"]] == ["參加會議經過", "與會心得"]


def test_a_report_that_only_mentions_a_conference_stays_an_executive_yuan_report() -> None:
    from generator.importer.items import Para
    from generator.importer.recognise import recognise

    lines = [
        "出國報告（出國類別：開會）",
        "出席2024國際學術會議心得報告",
        "服務機關：交通部",
        "壹、目的",
        "開會。",
    ]
    data = recognise([Para(t, t) for t in lines]).data
    assert "form" not in data
    assert data["title"] == "出席2024國際學術會議心得報告"


# -- safety ---------------------------------------------------------------------------------


def _document_xml(source: Path) -> str:
    with zipfile.ZipFile(source) as z:
        return z.read("word/document.xml").decode("utf-8")


def test_a_linked_image_or_remote_template_is_never_fetched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = foreign_docx(tmp_path / "old.docx")
    with zipfile.ZipFile(source) as z:
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdRemote" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        'Target="http://127.0.0.1:9/spy.png" TargetMode="External"/></Relationships>',
    )
    document = _document_xml(source).replace('r:embed="rId', 'r:link="rIdRemote" r:dummy="rId', 1)
    document = document.replace("<w:document ", '<w:document xmlns:dummy="urn:x" ', 1).replace(
        "r:dummy=", "dummy:d="
    )
    linked = rezip(
        source,
        tmp_path / "linked.docx",
        {"word/document.xml": document.encode(), "word/_rels/document.xml.rels": rels.encode()},
        {  # a remote template, as an attack would attach one
            "word/_rels/settings.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.'
            b'openxmlformats.org/package/2006/relationships"><Relationship Id="rT" Type="http://schemas.'
            b'openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
            b'Target="http://127.0.0.1:9/evil.dotm" TargetMode="External"/></Relationships>'
        },
    )

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the importer opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    folder = tmp_path / "out"
    import_report(linked, folder)
    text = (folder / "report.yaml").read_text(encoding="utf-8")
    assert "○○（原文件此處的圖片 http://127.0.0.1:9/spy.png 未匯入：外部連結的圖片，基於安全不下載）" in text
    assert sorted(p.name for p in (folder / "photos").iterdir()) == ["photo-01.jpg"]


def test_xml_entities_are_not_expanded(tmp_path: Path) -> None:
    source = foreign_docx(tmp_path / "old.docx")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    document = _document_xml(source)
    head, rest = document.split("?>", 1)
    document = (
        f'{head}?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
        '<!ENTITY lol "LOLLOLLOLLOLLOLLOLLOL"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        + rest.replace("為瞭解日本智慧防災之推動經驗", "&xxe;&lol2;為瞭解日本智慧防災之推動經驗", 1)
    )
    bad = rezip(source, tmp_path / "entities.docx", {"word/document.xml": document.encode()})
    folder = tmp_path / "out"
    import_report(bad, folder)
    text = (folder / "report.yaml").read_text(encoding="utf-8")
    assert "TOP-SECRET" not in text and "LOL" not in text
    assert "blocks: [為瞭解日本智慧防災之推動經驗，特赴東京考察。]" in text


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    source = foreign_docx(tmp_path / "old.docx")
    document = _document_xml(source).replace("</w:body>", "<!--" + " " * (20 * 1024 * 1024) + "--></w:body>")
    bomb = rezip(source, tmp_path / "bomb.docx", {"word/document.xml": document.encode()})
    assert bomb.stat().st_size < 200_000
    with pytest.raises(
        ImportError_, match=r"word/document.xml 解壓縮後過大（上限 60 MB，壓縮比上限 200 倍）"
    ):
        import_report(bomb, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_package_with_too_many_members_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = foreign_docx(tmp_path / "old.docx")
    many = rezip(source, tmp_path / "many.docx", {}, {f"junk/{n}.xml": b"<a/>" for n in range(50)})
    monkeypatch.setattr("generator.importer.package.MAX_MEMBERS", 40)
    with pytest.raises(ImportError_, match=r"個部分，超過上限 40"):
        import_report(many, tmp_path / "out")


def test_macro_enabled_files_are_refused(tmp_path: Path) -> None:
    source = foreign_docx(tmp_path / "old.docx")
    docm = tmp_path / "old.docm"
    docm.write_bytes(source.read_bytes())
    with pytest.raises(ImportError_, match=r"這是含巨集的檔案（\.docm），基於安全不匯入"):
        import_report(docm, tmp_path / "out")
    with zipfile.ZipFile(source) as z:
        types = z.read("[Content_Types].xml").decode("utf-8")
    types = types.replace("document.main+xml", "document.macroEnabled.main+xml")
    disguised = rezip(
        source,
        tmp_path / "disguised.docx",
        {"[Content_Types].xml": types.encode()},
        {"word/vbaProject.bin": b"\0" * 64},
    )
    with pytest.raises(ImportError_, match=r"這是含巨集的檔案（\.docm／macro-enabled）"):
        import_report(disguised, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_file_that_is_not_a_document_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"not a zip")
    with pytest.raises(TripReportError, match="不是可讀取的 Word"):
        import_report(fake, tmp_path / "out")


# -- round trip of our own documents --------------------------------------------------------

# What importing our own .docx cannot give back, and why (none of it is text the .docx shows):
# - e-mail addresses of travellers: the .docx does not print them;
# - settings.review_sheet: the 審核表 is a separate document;
# - settings.allow, the writing checks' exceptions (the reference report allows its original's
#   verbatim half-width brackets, 網絡, 創建…): not printed, so the test gives the import the
#   original's list back before comparing the warnings of `check`;
# - the attachments' files (appendix.attachments[].file): only their titles are printed;
# - figure/table ids (@fig:…): the printed labels are numbers, the ids are not in the text;
# - a photo's `rotate`: the .docx holds the photo turned, the import writes it upright instead;
# - 國科會 form: where a traveller's agency ends and the unit begins (the header prints
#   「國立清華大學電機工程學系　副教授」 run together): split by a guess marked `# 請確認`, the
#   same text either way; `title` (only the document's title in a viewer) is not written;
#   settings.year_style, when the body prints no date of it, is the 日期 line's (always 民國).


def _warnings(folder: Path) -> list[str]:
    _, problems = validate(folder)
    return [f"{p.field}: {p.message}" for p in problems if p.severity == "warning"]


@pytest.mark.slow
@pytest.mark.parametrize("folder", [REFERENCE, CONFERENCE, EVERY_BLOCK, NSTC], ids=lambda f: f.name)
def test_our_own_docx_imports_and_builds_to_the_same_lines(tmp_path: Path, folder: Path) -> None:
    from generator.build import BuildOptions, build_report

    from .outputs import libreoffice_lines

    options = BuildOptions(formats=("docx",), toc_pages=False)
    build_report(folder, tmp_path / "first", options)
    first = tmp_path / "first" / folder.name / f"{folder.name}.docx"
    imported = tmp_path / "imported" / folder.name
    import_report(first, imported)
    report, problems = validate(imported)
    assert report is not None, problems
    assert [p for p in problems if p.severity == "error"] == []
    original = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))
    if allow := original["settings"].get("allow"):  # not printed (above): given back
        text = (imported / "report.yaml").read_text(encoding="utf-8")
        flow = json.dumps(allow, ensure_ascii=False)
        (imported / "report.yaml").write_text(
            text.replace("\nsettings:\n", f"\nsettings:\n  allow: {flow}\n"), "utf-8"
        )
    assert _warnings(imported) == _warnings(folder)
    if folder == NSTC:
        data = yaml.safe_load((imported / "report.yaml").read_text(encoding="utf-8"))
        assert {k: data[k] for k in ("form", "project_number", "plan", "report_date", "conference")} == {
            k: original[k] for k in ("form", "project_number", "plan", "report_date", "conference")
        }
        assert data["travellers"] == original["travellers"]
        assert [c["title"] for c in data["chapters"]] == [c["title"] for c in original["chapters"]]
        assert data["chapters"][2]["blocks"][0] == original["chapters"][2]["blocks"][0]  # the paper
        assert not {"title", "categories", "sponsor", "period", "summary", "abstract", "itinerary"} & set(
            data
        )
    build_report(imported, tmp_path / "second", options)
    second = tmp_path / "second" / folder.name / f"{folder.name}.docx"
    assert libreoffice_lines(second) == libreoffice_lines(first)


@pytest.mark.slow
def test_an_odt_and_a_doc_import_through_the_same_recognition(tmp_path: Path) -> None:
    from generator.build import BuildOptions, build_report
    from generator.render import libreoffice
    from generator.wording.plaintext import report_lines

    build_report(CONFERENCE, tmp_path / "first", BuildOptions(formats=("docx",), toc_pages=False))
    docx = (tmp_path / "first" / CONFERENCE.name / f"{CONFERENCE.name}.docx").read_bytes()
    original, _ = validate(CONFERENCE)
    assert original is not None
    for suffix, data in (
        (".odt", libreoffice.convert(docx, "odt")),
        (".doc", libreoffice.convert(docx, "doc", "MS Word 97")),
    ):
        source = tmp_path / f"old{suffix}"
        source.write_bytes(data)
        folder = tmp_path / suffix[1:]
        import_report(source, folder)
        report, problems = validate(folder)
        assert report is not None, (suffix, problems)
        assert [p for p in problems if p.severity == "error"] == [], suffix
        assert list(report_lines(report)) == list(report_lines(original)), suffix


def test_heading_styles_and_word_numbering_are_read_whatever_the_style_ids(tmp_path: Path) -> None:
    """Word in another UI language writes other style ids (「1」 for Heading 1): the style's
    name and outline level say what it is; automatic numbering counts from the heading above."""
    from .importdocs import styled_docx

    source = styled_docx(tmp_path / "styled.docx")
    with zipfile.ZipFile(source) as z:
        styles, document = z.read("word/styles.xml").decode(), z.read("word/document.xml").decode()
    for old, new in (('"Heading1"', '"1"'), ('"Heading2"', '"2"')):
        styles, document = styles.replace(old, new), document.replace(old, new)
    localised = rezip(
        source,
        tmp_path / "localised.docx",
        {"word/styles.xml": styles.encode(), "word/document.xml": document.encode()},
    )
    folder = tmp_path / "out"
    import_report(localised, folder)
    data = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8"))
    assert data["categories"] == ["開會"]
    assert data["period"] == {"start": dt.date(2024, 5, 6), "end": dt.date(2024, 5, 8)}
    assert data["chapters"] == [
        {"title": "目的", "blocks": ["出席國際研討會。"]},
        {
            "title": "過程",
            "blocks": [
                {
                    "section": {
                        "title": "會議經過",
                        "blocks": [
                            {"list": ["第一天報到。", "第二天發表。"]},
                            {
                                "table": {
                                    "caption": "出席場次",
                                    "header": ["日", "場次"],
                                    "rows": [["5/7", "開幕"]],
                                }
                            },
                            {"figure": {"file": "photos/figure-01.jpg", "caption": "會場外觀"}},
                        ],
                    }
                }
            ],
        },
        {"title": "建議", "blocks": [{"recommendations": [{"items": ["持續參與。"]}]}]},
    ]
    text = (folder / "report.yaml").read_text(encoding="utf-8")
    assert "                rows:\n                  - [5/7, 開幕]\n" in text


def test_itinerary_dates_without_a_year_are_placed_in_the_trip_period() -> None:
    from generator.importer.parse import month_day, resolve

    trip = (dt.date(2015, 12, 30), dt.date(2016, 1, 2))
    assert month_day("3/8(日)") == (None, 3, 8)
    assert month_day("3月8日") == (None, 3, 8)
    assert month_day("104/03/08（日）") == (2015, 3, 8)
    assert resolve(None, 12, 31, *trip) == dt.date(2015, 12, 31)
    assert resolve(None, 1, 2, *trip) == dt.date(2016, 1, 2)
    assert resolve(2015, 3, 8, *trip) == dt.date(2015, 3, 8)


def test_photos_are_turned_upright_and_otherwise_kept_byte_for_byte() -> None:
    import io

    from PIL import Image

    from generator.importer.photos import extension, upright

    from .importdocs import photo

    plain = photo("red", (40, 20))
    assert upright(plain) == plain
    assert extension(plain) == ".jpg"
    assert extension(b"\x01\x00\x00\x00EMF") is None
    turned = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was held upright: rotate 90° clockwise
    Image.new("RGB", (40, 20), "red").save(turned, "JPEG", exif=exif)
    fixed = Image.open(io.BytesIO(upright(turned.getvalue())))
    assert fixed.size == (20, 40)
    assert fixed.getexif().get(0x0112, 1) == 1


def test_a_damaged_package_is_refused_with_a_message(tmp_path: Path) -> None:
    source = foreign_docx(tmp_path / "old.docx")
    broken = rezip(source, tmp_path / "broken.docx", {"word/document.xml": b"<w:document><unclosed>"})
    with pytest.raises(ImportError_, match=r"word/document.xml 不是正確的 XML"):
        import_report(broken, tmp_path / "out")
    document = _document_xml(source).replace('<w:ilvl w:val="0"/>', '<w:ilvl w:val="x"/>')
    document = document.replace(
        "<w:p>", '<w:p><w:pPr><w:numPr><w:ilvl w:val="x"/><w:numId w:val="1"/></w:numPr></w:pPr>', 1
    )
    odd = rezip(source, tmp_path / "odd.docx", {"word/document.xml": document.encode()})
    with pytest.raises(ImportError_, match=r"檔案已損壞或格式不正確，無法匯入（ValueError: "):
        import_report(odd, tmp_path / "out")
    assert not (tmp_path / "out").exists()
