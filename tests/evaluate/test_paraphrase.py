from __future__ import annotations

from pathlib import Path

import pytest

from newsint.config import default_config
from newsint.evaluate.common import EvalOptions
from newsint.evaluate.paraphrase import (
    best_accuracy_threshold,
    outcome,
    read_msrp,
    run,
    threshold_for_precision,
)

HEADER = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String"
ROWS = [
    (
        "1",
        "101",
        "102",
        'The mayor said the "old" tram line would reopen in May after repairs to the track.',
        'The "old" tram line will reopen in May once the track is repaired, the mayor said.',
    ),
    (
        "0",
        "103",
        "104",
        "Grain exports fell by a third in the first quarter, the farm ministry reported.",
        "The farm ministry expects grain exports to recover strongly by the end of the year.",
    ),
    (
        "1",
        "105",
        "106",
        "Rescuers reached the stranded climbers on the north face late on Saturday evening.",
        "Late on Saturday evening rescuers got to the climbers stranded on the north face.",
    ),
    (
        "0",
        "107",
        "108",
        "The museum will close for six months while its roof is replaced, staff said.",
        "Staff said the museum's new wing had drawn record crowds since it opened in June.",
    ),
]


def write_msrp(root: Path, rows: list[tuple[str, ...]] = ROWS) -> Path:
    folder = root / "stories" / "msrp"
    folder.mkdir(parents=True)
    path = folder / "msr_paraphrase_train.txt"
    text = "\n".join([HEADER, *("\t".join(r) for r in rows)]) + "\n"
    path.write_text(text, encoding="utf-8-sig")  # the real file starts with a BOM
    return path


def test_read_msrp_keeps_quotes_and_labels(tmp_path: Path) -> None:
    pairs = read_msrp(write_msrp(tmp_path))
    assert [p.paraphrase for p in pairs] == [True, False, True, False]
    assert pairs[0].id1 == "101" and pairs[0].id2 == "102"
    assert pairs[0].text1.startswith('The mayor said the "old" tram line')
    assert pairs[3].text2.endswith("opened in June.")
    assert len(read_msrp(write_msrp(tmp_path / "b"), limit=2)) == 2


def test_read_msrp_skips_short_rows(tmp_path: Path) -> None:
    pairs = read_msrp(write_msrp(tmp_path, [*ROWS[:1], ("1", "9", "only two fields")]))
    assert len(pairs) == 1


@pytest.mark.parametrize(
    ("gold", "predicted", "p", "r", "acc"),
    [
        ([True, False, True, False], [True, False, True, False], 1.0, 1.0, 1.0),
        ([True, False, True, False], [True, True, True, True], 0.5, 1.0, 0.5),
        ([True, False, True, False], [False, False, True, True], 0.5, 0.5, 0.5),
        ([True, False], [False, False], 0.0, 0.0, 0.5),
    ],
)
def test_outcome(gold: list[bool], predicted: list[bool], p: float, r: float, acc: float) -> None:
    o = outcome(gold, predicted)
    assert (o.prf.precision, o.prf.recall, o.accuracy) == (p, r, acc)
    assert o.predicted == sum(predicted)


def test_thresholds_picked_from_scores() -> None:
    gold = [True, True, False, False]
    scores = [0.9, 0.6, 0.7, 0.2]
    assert best_accuracy_threshold(gold, scores) in (0.6, 0.9)
    assert threshold_for_precision(gold, scores, 1.0) == 0.9
    assert threshold_for_precision(gold, scores, 0.6) == 0.6
    assert threshold_for_precision(gold, [0.1, 0.1, 0.9, 0.9], 1.0) == 1.0  # never reached


def test_end_to_end_on_four_pairs(tmp_path: Path) -> None:
    write_msrp(tmp_path)
    (report,) = run(EvalOptions(data=tmp_path))
    assert report.skipped is None
    summary, sweep, overlap = report.tables
    names = [row[0] for row in summary.rows]
    assert names == [
        "newsint paraphrase_score",
        "clean-stage rule (score + gates)",
        "TF-IDF cosine (best accuracy)",
        "TF-IDF cosine (same precision)",
        "always paraphrase",
    ]
    assert summary.rows[0][1] == default_config().clean.near_duplicate_threshold
    assert summary.rows[-1][2:6] == [0.5, 1.0, 0.667, 0.5]  # always paraphrase on 2 of 4
    assert len(sweep.rows) == 12 and len(overlap.rows) == 8
    for row in summary.rows + sweep.rows + overlap.rows:
        assert all(0.0 <= v <= 1.0 for v in row if isinstance(v, float))


def test_absent_data_and_other_splits_are_skipped(tmp_path: Path) -> None:
    (report,) = run(EvalOptions(data=tmp_path / "nowhere"))
    assert report.skipped and "not found" in report.skipped
    write_msrp(tmp_path)
    (report,) = run(EvalOptions(data=tmp_path, split="dev"))
    assert report.skipped and "train" in report.skipped
