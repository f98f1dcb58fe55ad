"""The reference report is transcribed in full, with its defects fixed in the data."""

from __future__ import annotations

import datetime as dt

from generator import model as m
from generator.blocks import walk_blocks
from generator.validate import validate
from generator.wording.plaintext import report_lines

from .conftest import CONFERENCE, NSTC, REFERENCE
from .seedtext import missing_seed_lines, seed_lines, squash


def _reference() -> m.Report:
    report, problems = validate(REFERENCE)
    assert report is not None, problems
    return report


def test_examples_have_no_problems() -> None:
    for folder in (REFERENCE, CONFERENCE, NSTC):
        report, problems = validate(folder)
        assert report is not None
        assert problems == []


def test_seed_lines_are_all_in_the_model() -> None:
    """Every line of the seed, exactly (known differences: seedtext.CORRECTIONS)."""
    assert len(seed_lines()) > 400
    assert missing_seed_lines("\n".join(report_lines(_reference()))) == []


def test_the_comparison_notices_a_missing_paragraph() -> None:
    text = "\n".join(report_lines(_reference()))
    longest = max(text.splitlines(), key=len)
    assert missing_seed_lines(text.replace(longest, "")) == [squash(longest)]


def test_itinerary_is_2015_with_computed_weekdays() -> None:
    days = _reference().itinerary.days  # type: ignore[union-attr]
    assert [d.date for d in days] == [dt.date(2015, 3, 8) + dt.timedelta(i) for i in range(7)]
    assert days[0].date.weekday() == 6  # a Sunday, as the seed's （日） says
    assert days[-1].overnight is None


def test_ten_visits_are_structured_records() -> None:
    visits = [b for _, b in walk_blocks(_reference()) if isinstance(b, m.Visit)]
    assert len(visits) == 10
    assert [v.title for v in visits][:3] == [
        "筑波研究支援中心(TCI)",
        "筑波大學國際產學合作總部",
        "科學技術政策研究所(NISTEP)",
    ]
    tci = visits[0]
    assert (tci.country, tci.region, tci.institution.english) == ("日本", "筑波", "Tsukuba Center, INC.")
    assert (tci.date, tci.start, tci.end) == (dt.date(2015, 3, 9), dt.time(10), dt.time(12))
    assert [c.group for c in tci.contacts].count("參觀進駐新創企業") == 2
    assert all(v.date.year == 2015 for v in visits)
    assert all(v.sections for v in visits)


def test_recommendations_per_institution_and_appendix_photos() -> None:
    report = _reference()
    recs = [b for _, b in walk_blocks(report) if isinstance(b, m.Recommendations)]
    assert [len(g.items) for g in recs[0].groups] == [3, 3, 3, 3, 3, 2, 3, 1, 1, 3]
    assert len(report.appendix.photos) == 10
    assert report.appendix.photos[0].caption == "參觀TCI進駐育成企業ADMIEXCO Engine Design Corp."


def test_text_is_normalised_to_nfc() -> None:
    text = "\n".join(report_lines(_reference()))
    assert not any(0xF900 <= ord(c) <= 0xFAFF for c in text)
