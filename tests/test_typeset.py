"""Markup the PDF's templates get from generator/render/typeset.py: English runs, URL breaks,
balanced titles, the place of the page count."""

from __future__ import annotations

import re

import pytest

from generator.render.typeset import PAGE_COUNT, balance, break_url, typeset


def lines(markup: str) -> list[str]:
    return str(markup).split("<br>")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # The issue's 「…創新發／展考察報告」: two even lines, broken after 及, 考察報告 whole.
        (
            "日本產學合作推動機制及科學園區創新發展考察報告",
            ["日本產學合作推動機制及", "科學園區創新發展考察報告"],
        ),
        # English inside a title stays whole and is a place to break at.
        (
            "出席2024年第30屆智慧運輸世界大會（ITS World Congress）出國報告",
            ["出席2024年第30屆智慧運輸世界大會", "（ITS World Congress）出國報告"],
        ),
        ("短標題考察報告", ["短標題考察報告"]),  # fits one line: no break
    ],
)
def test_balance_breaks_titles_between_words_into_even_lines(title: str, expected: list[str]) -> None:
    assert lines(balance(title, 18.5)) == expected


@pytest.mark.parametrize("word", ["考察報告", "出國報告", "研習報告", "會議報告"])
def test_balance_never_splits_the_report_word(word: str) -> None:
    for filler in range(10, 30):
        title = "甲乙丙丁戊己庚辛壬癸" * 3
        title = title[:filler] + word
        for line in lines(balance(title, 18.5)):
            assert len(line) <= 19
        assert any(line.endswith(word) for line in lines(balance(title, 18.5))), title


def test_balance_escapes() -> None:
    assert str(balance("A&B<考察報告>", 18.5)) == "A&amp;B&lt;考察報告&gt;"


def test_url_breaks_after_slash_dot_hyphen_never_inside_the_scheme() -> None:
    markup = str(break_url("https://www.tci-ibaraki.co.jp/en/index.html"))
    assert markup.startswith('<span class="url-head">https://www.</span>')
    assert markup.replace("<wbr>", "").endswith("tci-ibaraki.co.jp/en/index.html")
    assert re.sub(r"<span[^>]*>.*?</span>", "", markup).split("<wbr>") == [
        "tci-",
        "ibaraki.",
        "co.",
        "jp/",
        "en/",
        "index.",
        "html",
    ]


def test_typeset_marks_english_runs_and_urls() -> None:
    markup = str(typeset("「內部研發」（In-house R&D，或稱自行研發）見 http://a.jp/x"))
    assert '<span lang="en">In-house R&amp;D</span>' in markup
    assert '<span class="url-head">http://a.</span>jp/<wbr>x' in markup
    assert "<script>" not in str(typeset("<script>"))


def test_typeset_puts_the_page_count_where_the_mark_is() -> None:
    assert str(typeset(f"{PAGE_COUNT}頁　含附件")) == '<span class="page-count"></span>頁　含附件'


def test_balance_gives_up_quickly_on_a_huge_title() -> None:
    title = "甲" * 5000
    assert str(balance(title, 18.5)) == title
    long = "乙" * 70  # four lines: still balanced, and quickly
    assert [len(line) for line in lines(balance(long, 18.5))] == [18, 17, 18, 17] or max(
        len(line) for line in lines(balance(long, 18.5))
    ) <= 18
