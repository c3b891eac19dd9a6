"""The time stage on our own sentences: each pattern, with and without a publication date."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsint.config import default_config
from newsint.model import TimeExpr
from newsint.stages.time import recognizer
from newsint.stages.time.candidates import windows
from newsint.stages.time.normalise import _dateparser_factory
from newsint.stages.time.stage import find_dateline, find_times

PUBLISHED = "2023-04-13"  # a Thursday
STAGES = ["clean", "nlp", "time"]


def times_of(run_stages, text: str, published: str | None = PUBLISHED) -> list[TimeExpr]:
    return run_stages(text, STAGES, published=published).analysis.times


def find(times: list[TimeExpr], words: str) -> TimeExpr:
    for t in times:
        if words.lower() in t.text.lower():
            return t
    raise AssertionError(f"{words!r} not found in {[t.text for t in times]}")


# (sentence, words of the expression, type, value, granularity, mod)
CASES = [
    (
        "Officials met in Geneva last week to discuss grain.",
        "last week",
        "DATE",
        "2023-W14",
        "week",
        None,
    ),
    ("The minister spoke to reporters on Tuesday.", "Tuesday", "DATE", "2023-04-11", "day", None),
    ("The ministers met on Thursday in Oslo.", "Thursday", "DATE", "2023-04-13", "day", None),
    ("The summit will open on Tuesday in Rome.", "Tuesday", "DATE", "2023-04-18", "day", None),
    ("The talks began in January after long delays.", "January", "DATE", "2023-01", "month", None),
    (
        "Delegates arrived in early February for the talks.",
        "February",
        "DATE",
        "2023-02",
        "month",
        "START",
    ),
    (
        "The envoys met at the beginning of February in Ankara.",
        "beginning of February",
        "DATE",
        "2023-02",
        "month",
        "START",
    ),
    (
        "The treaty was signed at the end of March 2021.",
        "March 2021",
        "DATE",
        "2021-03",
        "month",
        "END",
    ),
    (
        "The agency was founded on 4 March 2025 in Lisbon.",
        "4 March 2025",
        "DATE",
        "2025-03-04",
        "day",
        None,
    ),
    ("The ceasefire held for three weeks.", "three weeks", "DURATION", "P3W", "none", None),
    (
        "Inspectors visit the reactor every Monday.",
        "every Monday",
        "SET",
        "XXXX-WXX-1",
        "none",
        None,
    ),
    ("Prices rose sharply in the 1990s across the region.", "1990s", "DATE", "199", "decade", None),
    (
        "Growth slowed in the second quarter of 2022.",
        "second quarter of 2022",
        "DATE",
        "2022-Q2",
        "quarter",
        None,
    ),
    (
        "The protest happened five years ago in the capital.",
        "five years ago",
        "DATE",
        "2018",
        "year",
        None,
    ),
    ("Rebels seized the town last summer.", "last summer", "DATE", "2022-SU", "season", None),
    ("The bridge reopened in mid-2011 after repairs.", "2011", "DATE", "2011", "year", "MID"),
    ("Officials are now reviewing the documents.", "now", "DATE", "PRESENT_REF", "none", None),
    (
        "Fighting will go on for the foreseeable future, he said.",
        "foreseeable future",
        "DATE",
        "FUTURE_REF",
        "none",
        None,
    ),
    (
        "A great deal is at stake in the coming months.",
        "coming months",
        "DURATION",
        "PXM",
        "none",
        None,
    ),
    (
        "The company reported a loss of $3 million yesterday.",
        "yesterday",
        "DATE",
        "2023-04-12",
        "day",
        None,
    ),
]


@pytest.mark.parametrize(("sentence", "words", "type_", "value", "granularity", "mod"), CASES)
def test_time_patterns(run_stages, sentence, words, type_, value, granularity, mod) -> None:
    t = find(times_of(run_stages, sentence), words)
    assert (t.type, t.value, t.granularity, t.mod) == (type_, value, granularity, mod)
    if t.type in ("DATE", "TIME") and t.value and t.value[0].isdigit():
        assert t.range_start is not None and t.range_end is not None
        assert t.range_start <= t.range_end


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("Officials met in Geneva last week to discuss grain.", "last week"),
        ("The minister spoke to reporters on Tuesday.", "Tuesday"),
        ("The talks began in January after long delays.", "January"),
        ("The envoys met at the beginning of February in Ankara.", "beginning of February"),
        ("The company reported a loss of $3 million yesterday.", "yesterday"),
    ],
)
def test_relative_dates_stay_unresolved_without_publication_date(
    run_stages, sentence: str, words: str
) -> None:
    t = find(times_of(run_stages, sentence, published=None), words)
    assert t.value is None
    assert t.resolved is False
    assert t.anchor == "published"
    assert "publication date unknown" in (t.rule or "")


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("The agency was founded on 4 March 2025 in Lisbon.", "4 March 2025", "2025-03-04"),
        ("The treaty was signed at the end of March 2021.", "March 2021", "2021-03"),
        ("Growth slowed in the second quarter of 2022.", "second quarter of 2022", "2022-Q2"),
        ("Prices rose sharply in the 1990s across the region.", "1990s", "199"),
    ],
)
def test_absolute_dates_resolve_without_publication_date(
    run_stages, sentence: str, words: str, value: str
) -> None:
    t = find(times_of(run_stages, sentence, published=None), words)
    assert (t.value, t.resolved, t.anchor) == (value, True, None)


def test_later_is_relative_to_the_previous_date(run_stages) -> None:
    times = times_of(
        run_stages, "The port reopened on 2 May 2021. Two days later, the first ship arrived."
    )
    first, later = find(times, "2 May 2021"), find(times, "Two days later")
    assert later.value == "2021-05-04"
    assert later.anchor == first.id
    assert later.type == "DATE"


def test_duration_after_an_event_is_anchored_on_the_dated_event(run_stages) -> None:
    text = (
        "The two presidents spoke by phone about the harbour in January.\n\n"
        "One month after the presidents' phone call about the harbour, the envoys met."
    )
    times = times_of(run_stages, text)
    january, month = find(times, "January"), find(times, "One month")
    assert (month.value, month.granularity, month.anchor) == ("2023-02", "month", january.id)
    assert month.anchor_text and "phone call" in month.anchor_text
    unresolved = find(times_of(run_stages, text, published=None), "One month")
    assert (unresolved.value, unresolved.resolved) == (None, False)
    assert unresolved.anchor is not None  # still linked to "January", itself unresolved


def test_duration_after_an_undated_event_keeps_the_event(run_stages) -> None:
    times = times_of(run_stages, "Two weeks after the flood, aid finally reached the villages.")
    t = find(times, "Two weeks")
    assert (t.value, t.resolved) == (None, False)
    assert t.anchor_text == "the flood"


@pytest.mark.parametrize(
    "sentence",
    [
        "You may leave now if you wish to go to the march.",
        "A 6-year-old boy was rescued.",
        "The index rose 2 1/2 points.",
    ],
)
def test_words_that_only_look_like_times(run_stages, sentence: str) -> None:
    texts = {t.text.lower() for t in times_of(run_stages, sentence)}
    assert not texts & {"may", "march", "6-year", "1/2"}


def test_a_number_before_a_verb_is_not_a_date(run_stages) -> None:
    # "21 may" read as 21 May when every number was a cue
    assert times_of(run_stages, "Its crew of 21 may go ashore, officials said.") == []


@pytest.mark.parametrize(
    ("sentence", "cued"),
    [
        ("At least 75 people were killed and 1,643 wounded.", False),
        ("Its crew of 21 may go ashore, officials said.", False),
        ("The index settled at 1678.5 points.", False),
        ("The plant opened in 1990 near the river.", True),
        ("Shots were heard at 10 p.m. near the port.", True),
        ("The letter is dated 4/13/2023 and signed.", True),
        ("The convoy arrives on the 13th.", True),
        ("Prices peaked in the '90s.", True),
        ("Shops close for Easter.", True),
        ("Sales fell sharply last week.", True),
        # cue words the recogniser finds nothing by alone open no window ([cue] inert) ...
        ("The mayor once ran the harbour office.", False),
        ("The ferry sank twice off the cape.", False),
        ("The mill stood for two centuries by the weir.", False),
        ("The club lost the final this season.", False),
        # ... but still count beside another cue
        ("The council meets once a week in the hall.", True),
    ],
)
def test_the_recogniser_reads_only_around_time_cues(run_stages, sentence: str, cued: bool) -> None:
    work = run_stages(sentence, ["clean", "nlp"])
    assert bool(windows(work.analysis.text, work.doc, 60, 400)) is cued


def test_a_holiday_the_recogniser_cannot_resolve_has_no_value(run_stages) -> None:
    t = find(times_of(run_stages, "The two leaders met at Easter."), "Easter")
    assert (t.value, t.resolved) == (None, False)


@pytest.mark.parametrize(
    ("published", "last_year", "resolved"), [(PUBLISHED, "2022", True), (None, None, False)]
)
def test_a_written_year_does_not_make_the_rest_absolute(
    run_stages, published: str | None, last_year: str | None, resolved: bool
) -> None:
    times = times_of(run_stages, "Prices rose from 2001 to last year, the report said.", published)
    assert (find(times, "2001").value, find(times, "2001").resolved) == ("2001", True)
    t = find(times, "last year")
    assert (t.value, t.resolved, t.anchor) == (last_year, resolved, "published")


def test_same_times_whatever_the_recogniser_cache_holds(run_stages) -> None:
    text = (
        "The port reopened on 2 May 2021. Two days later, the first ship arrived.\n\n"
        "Officials met last week and will meet again on Tuesday. The port reopened on 2 May 2021."
    )
    work = run_stages(text, ["clean", "nlp"])
    clean, cfg, parser = work.analysis.text, default_config().time, _dateparser_factory()

    def run(model: recognizer.Recognizer, pub: date | None) -> list[dict]:
        found = find_times(clean, work.doc, "art", pub, model, parser, cfg)
        return [t.model_dump() for t in found]

    day = date(2023, 4, 13)
    cold = recognizer.load(0)
    uncached = run(cold, day)
    warm = recognizer.load(64)
    assert run(warm, day) == uncached
    assert warm.calls < cold.calls  # the repeated sentence was answered from the cache
    run(warm, None)  # another reference date: other entries
    misses = warm.calls
    assert run(warm, day) == uncached
    assert warm.calls == misses  # all from the cache
    tiny = recognizer.load(1)  # evicts all the time
    assert run(tiny, day) == run(tiny, day) == uncached


@pytest.mark.parametrize(
    ("head", "date", "evidence"),
    [
        ("KYIV, April 13, 2023 (Reuters) - Ukraine said", "2023-04-13", "KYIV, April 13, 2023"),
        ("LONDON — Tuesday 11 March 2025\n\nThe government", "2025-03-11", "LONDON"),
        ("Some headline\nPublished: 13 April 2023\n\nText follows.", "2023-04-13", "Published"),
        ("Some headline\nApril 13, 2023 at 10:02 am\n\nText", "2023-04-13", "April 13, 2023"),
        ("By Jane Roe | Updated on April 13, 2023\n\nText", None, None),
        ("A story about 13 April 2023 and what followed.", None, None),
    ],
)
def test_find_dateline(head: str, date: str | None, evidence: str | None) -> None:
    found = find_dateline(head, 600)
    if date is None:
        assert found is None
    else:
        assert found is not None
        assert found[0] == date
        assert evidence in found[1]


def test_dateline_sets_publication_date_with_provenance(run_stages) -> None:
    work = run_stages(
        "KYIV, April 13, 2023 (Reuters) - Officials said on Tuesday that talks went well.",
        STAGES,
    )
    published = work.analysis.article.published
    assert (published.date, published.source) == ("2023-04-13", "dateline")
    assert "KYIV" in (published.evidence or "")
    assert find(work.analysis.times, "Tuesday").value == "2023-04-11"


def test_user_date_wins_over_dateline(run_stages) -> None:
    work = run_stages(
        "KYIV, April 13, 2023 (Reuters) - Officials met on Tuesday.", STAGES, published="2023-05-02"
    )
    assert work.analysis.article.published.source == "user"
    assert find(work.analysis.times, "Tuesday").value == "2023-05-02"


def test_metadata_date_wins_over_dateline(run_stages) -> None:
    record = {
        "maintext": "KYIV, April 13, 2023 (Reuters) - Officials met on Tuesday.",
        "date_publish": "2023-06-01",
    }
    work = run_stages(json.dumps(record), STAGES, fmt=".json")
    assert work.analysis.article.published.source == "metadata"
    assert find(work.analysis.times, "Tuesday").value == "2023-05-30"


def test_times_sorted_with_stable_ids(run_stages) -> None:
    text = "On 2 May 2021 the port reopened. Last week it closed. It may reopen in June."
    a = times_of(run_stages, text)
    b = times_of(run_stages, text)
    assert [t.model_dump() for t in a] == [t.model_dump() for t in b]
    assert [t.start for t in a] == sorted(t.start for t in a)
    assert len({t.id for t in a}) == len(a)


FRAGMENTS = [
    "last week",
    "on Tuesday",
    "in early February",
    "for three weeks",
    "every Monday",
    "two days later",
    "on 4 March 2025",
    "in the 1990s",
    "now",
    "one month after the vote",
    "the coming months",
    "may",
    "1/2",
]
WORDS = ["The", "minister", "said", "talks", "resumed", "in", "Ankara", "and", "ended", ","]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.sampled_from(FRAGMENTS + WORDS), min_size=1, max_size=25),
    st.sampled_from([None, PUBLISHED, "1999-12-31"]),
)
def test_spans_in_bounds_and_ordered(run_stages, parts: list[str], published: str | None) -> None:
    work = run_stages(" ".join(parts) + ".", STAGES, published=published)
    text = work.analysis.text
    previous_end = 0
    for t in work.analysis.times:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.start >= previous_end  # sorted, never overlapping
        previous_end = t.end
        if t.resolved:
            assert t.value is not None
        if published is None and t.anchor == "published" and t.type == "DATE":
            assert not t.resolved


def test_a_run_on_sentence_is_read_in_bounded_windows(run_stages) -> None:
    # one "sentence" of many touching cues once reached the recogniser whole (gigabytes)
    clause = "the ferry sailed two days later and the crew returned three weeks later, "
    text = "Officials said " + clause * 60 + "the port said."
    work = run_stages(text, ["clean", "nlp"])
    found = windows(work.analysis.text, work.doc, 60, 400)
    assert len(found) > 10
    assert max(b - a for a, b in found) <= 400
    covered = sum(b - a for a, b in found)
    assert covered >= len(clause) * 50  # every cue is still read


def test_a_word_of_thousands_of_letters_is_not_read_whole(run_stages) -> None:
    text = "The talks ended on Monday" + "x" * 5000 + " and resumed."
    work = run_stages(text, ["clean", "nlp"])
    found = windows(work.analysis.text, work.doc, 60, 400)
    assert found and max(b - a for a, b in found) <= 400


def test_dateparser_parsers_are_kept_for_the_latest_dates_only() -> None:
    from datetime import datetime

    get = _dateparser_factory(3)
    first = get(datetime(2023, 1, 1))
    assert get(datetime(2023, 1, 1)) is first
    for day in range(2, 6):
        get(datetime(2023, 1, day))
    assert len(get.cache) == 3
    assert datetime(2023, 1, 1) not in get.cache


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("March 3, 2021", "2021-03-03"),  # a date: found and kept
        ("the planting weeks", None),  # nothing found: kept too
    ],
)
def test_dateparser_answers_are_kept_per_phrase_and_date(written: str, expected: str) -> None:
    from datetime import datetime

    from newsint.stages.time.normalise import _dateparser_value, _read_value

    get = _dateparser_factory(3, values_kept=2)
    ref = datetime(2023, 5, 9)
    assert _dateparser_value(get, written, ref) == expected == _read_value(get, written, ref)
    assert get.values == {(written, ref): expected}
    get.values[(written, ref)] = "marker"
    assert _dateparser_value(get, written, ref) == "marker"  # answered from the memo
    get.values[(written, ref)] = expected
    _dateparser_value(get, "the week", ref)
    _dateparser_value(get, "the month", ref)
    assert (written, ref) not in get.values and len(get.values) == 2  # the oldest dropped
    get.clear_cache()
    assert not get.values
    unkept = _dateparser_factory(3)  # 0 kept: none
    _dateparser_value(unkept, written, ref)
    assert not unkept.values
