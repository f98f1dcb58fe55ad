"""Inline markup: ``**bold**`` and bare URLs, and where a URL ends."""

from __future__ import annotations

import pytest

from generator.inline import parse_inline
from generator.model import Paragraph, Span


def spans(text: str) -> list[tuple[str, bool, str | None]]:
    return [(s.text, s.bold, s.url) for s in parse_inline(text).spans]


def test_plain_text_is_one_span() -> None:
    assert parse_inline("一段文字。") == Paragraph((Span("一段文字。", False, None),))


def test_empty_text_has_no_spans() -> None:
    assert spans("") == []


def test_bold() -> None:
    assert spans("前**粗體**後") == [("前", False, None), ("粗體", True, None), ("後", False, None)]


def test_bold_at_both_ends_and_twice() -> None:
    assert spans("**一**與**二**") == [("一", True, None), ("與", False, None), ("二", True, None)]


def test_bold_is_the_shortest_pair() -> None:
    assert spans("**a** b **c**") == [("a", True, None), (" b ", False, None), ("c", True, None)]


def test_bold_may_span_lines() -> None:
    assert spans("**第一行\n第二行**") == [("第一行\n第二行", True, None)]


@pytest.mark.parametrize("text", ["**", "****", "**未閉合", "單*星號*", "* * *"])
def test_unpaired_or_empty_stars_stay_literal(text: str) -> None:
    assert spans(text) == [(text, False, None)]


def test_url_becomes_a_link() -> None:
    assert spans("詳見 https://www.example.org/a.html 說明") == [
        ("詳見 ", False, None),
        ("https://www.example.org/a.html", False, "https://www.example.org/a.html"),
        (" 說明", False, None),
    ]


def test_http_and_url_alone() -> None:
    assert spans("http://example.org") == [("http://example.org", False, "http://example.org")]


@pytest.mark.parametrize("text", ["ftp://example.org", "https:/example.org", "www.example.org", "https://"])
def test_what_is_not_a_url(text: str) -> None:
    assert spans(text) == [(text, False, None)]


@pytest.mark.parametrize("punctuation", list(".,;:!?)]}"))
def test_trailing_ascii_punctuation_is_not_part_of_the_url(punctuation: str) -> None:
    assert spans(f"見https://example.org/a{punctuation}") == [
        ("見", False, None),
        ("https://example.org/a", False, "https://example.org/a"),
        (punctuation, False, None),
    ]


def test_several_trailing_punctuation_marks_are_all_left_out() -> None:
    assert spans("(見 https://example.org/a).") == [
        ("(見 ", False, None),
        ("https://example.org/a", False, "https://example.org/a"),
        (").", False, None),
    ]


def test_punctuation_inside_the_url_is_kept() -> None:
    url = "https://example.org/a.b,c;d:e!f?g(h)i[j]k{l}m?q=1&r=2#frag"
    assert spans(url) == [(url, False, url)]


@pytest.mark.parametrize(
    "stop",
    [
        "。",
        "，",
        "、",
        "；",
        "：",
        "！",
        "？",
        "（",
        "）",
        "「",
        "」",
        "『",
        "』",
        "\u3000",
        " ",
        "\t",
        "\n",
        "<",
        ">",
        '"',
        "'",
    ],
)
def test_url_ends_at_cjk_punctuation_space_quotes_and_brackets(stop: str) -> None:
    assert spans(f"https://example.org/a{stop}後") == [
        ("https://example.org/a", False, "https://example.org/a"),
        (f"{stop}後", False, None),
    ]


def test_url_stops_before_cjk_text_only_at_punctuation() -> None:
    # Letters of any script may appear in a URL path; the full-width colon ends it.
    assert spans("網址：https://example.org/路徑：說明") == [
        ("網址：", False, None),
        ("https://example.org/路徑", False, "https://example.org/路徑"),
        ("：說明", False, None),
    ]


def test_two_urls_and_text_between() -> None:
    assert spans("https://a.org 與 https://b.org。") == [
        ("https://a.org", False, "https://a.org"),
        (" 與 ", False, None),
        ("https://b.org", False, "https://b.org"),
        ("。", False, None),
    ]


def test_a_comma_between_urls_does_not_split_them() -> None:
    assert spans("https://a.org,https://b.org") == [
        ("https://a.org,https://b.org", False, "https://a.org,https://b.org")
    ]


def test_url_inside_bold_is_a_bold_link() -> None:
    assert spans("前**見 https://example.org。**後") == [
        ("前", False, None),
        ("見 ", True, None),
        ("https://example.org", True, "https://example.org"),
        ("。", True, None),
        ("後", False, None),
    ]


def test_url_after_bold() -> None:
    assert spans("**粗**https://example.org") == [
        ("粗", True, None),
        ("https://example.org", False, "https://example.org"),
    ]


def test_url_ending_in_punctuation_only_at_the_end() -> None:
    assert spans("https://example.org/.") == [
        ("https://example.org/", False, "https://example.org/"),
        (".", False, None),
    ]


def test_paragraph_text_is_the_input_without_stars() -> None:
    text = "前**粗體 https://example.org/x**，後 http://b.org/y)。"
    assert parse_inline(text).text == "前粗體 https://example.org/x，後 http://b.org/y)。"


def refs(text: str) -> list[tuple[str, bool, str | None]]:
    return [(s.text, s.bold, s.ref) for s in parse_inline(text).spans]


def test_references_to_figures_and_tables() -> None:
    assert refs("見@fig:poster與@tbl:budget_2。") == [
        ("見", False, None),
        ("@fig:poster", False, "fig:poster"),
        ("與", False, None),
        ("@tbl:budget_2", False, "tbl:budget_2"),
        ("。", False, None),
    ]


def test_a_reference_ends_at_the_first_character_an_id_cannot_have() -> None:
    assert refs("(@fig:a-1).") == [("(", False, None), ("@fig:a-1", False, "fig:a-1"), (").", False, None)]
    assert refs("**@fig:x**") == [("@fig:x", True, "fig:x")]


@pytest.mark.parametrize(
    "text",
    [
        "a@fig.com",
        "b@tbl:x",
        "1@fig:x",
        "x.@fig:y",
        "_@fig:y",
        "-@fig:y",
        "@@fig:y",
        "@fig:",
        "@figure:x",
        "@FIG:x",
    ],
)
def test_what_is_not_a_reference(text: str) -> None:
    assert refs(text) == [(text, False, None)]


def test_a_reference_inside_a_url_stays_part_of_the_url() -> None:
    assert [(s.text, s.url, s.ref) for s in parse_inline("https://example.org/@fig:x 見@fig:x").spans] == [
        ("https://example.org/@fig:x", "https://example.org/@fig:x", None),
        (" 見", None, None),
        ("@fig:x", None, "fig:x"),
    ]
