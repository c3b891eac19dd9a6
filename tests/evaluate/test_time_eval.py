"""TimeML reading and TIMEX3 scoring on a tiny TimeML text of our own."""

from __future__ import annotations

from pathlib import Path

from newsint.evaluate.common import EvalOptions
from newsint.evaluate.time import SysTimex, run, same_value, score
from newsint.evaluate.timeml import parse_timeml

TML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>x1</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2023-04-13" '
    'functionInDocument="CREATION_TIME">20230413</TIMEX3></DCT>\n'
    '<TEXT>\nThe envoys <EVENT eid="e1" class="OCCURRENCE">met</EVENT> '
    '<TIMEX3 tid="t1" type="DATE" value="2023-W14">last week</TIMEX3> &amp; talked for '
    '<TIMEX3 tid="t2" type="DURATION" value="P3H">three hours</TIMEX3>.\n</TEXT>\n</TimeML>\n'
)


def test_parse_timeml_offsets_and_dct() -> None:
    doc = parse_timeml("x1", TML)
    assert doc.dct == "2023-04-13"
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("last week", "DATE", "2023-W14"),
        ("three hours", "DURATION", "P3H"),
    ]
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text
    assert "&" in doc.text and "<" not in doc.text


def test_score_strict_relaxed_and_values() -> None:
    doc = parse_timeml("x1", TML)
    week, hours = doc.timexes
    found = [
        SysTimex(week.start, week.end, "DATE", "2023-W14"),  # exact, right value
        SysTimex(hours.start, hours.end - 2, "DURATION", "P2H"),  # overlap, wrong value
        SysTimex(0, 3, "DATE", None),  # spurious
    ]
    s = score([doc], [found])
    assert (s.strict.tp, s.strict.fp, s.strict.fn) == (1, 2, 1)
    assert (s.relaxed.tp, s.relaxed.fp, s.relaxed.fn) == (2, 1, 0)
    assert (s.matched, s.type_ok, s.value_ok) == (2, 2, 1)


def test_unpadded_gold_weeks_compare_equal() -> None:
    assert same_value("2000-W7", "2000-W07")
    assert not same_value("2000-W7", "2000-W17")
    assert not same_value("2000-W07", None)


def test_absent_data_is_skipped(tmp_path: Path) -> None:
    (report,) = run(EvalOptions(data=tmp_path))
    assert report.skipped and "not found" in report.skipped
