"""`newsint eval factuality`: the .conll reader (text rebuilt with offsets), the scores, the
baselines, and a run on a tiny hand-made gold set in the shared format."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsint.evaluate.common import EvalOptions
from newsint.evaluate.factuality import (
    klass,
    mae,
    pearson,
    read_conll,
    row,
    run,
    window_value,
)
from newsint.stages.factuality.lexicon import load_lexicon

# Our own sentences, in the shared format: index, token, gold value or "_".
GOLD = """0\tThe\t_
1\tmayor\t_
2\tdid\t_
3\tn't\t_
4\tsign\t-3.0
5\tthe\t_
6\tdecree\t_
7\t.\t_

0\tThe\t_
1\tport\t_
2\twill\t_
3\treopen\t1.2
4\tin\t_
5\tMay\t_
6\t,\t_
7\tofficials\t_
8\tsaid\t3.0
9\t.\t_

0\tThe\t_
1\tunion\t_
2\tplans\t3.0
3\tto\t_
4\tstrike\t0.8
5\t``\t_
6\tfor\t_
7\tgood\t_
8\t''\t_
9\t.\t_
"""


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "factuality" / "uw"
    folder.mkdir(parents=True)
    (folder / "dev.conll").write_text(GOLD, encoding="utf-8")
    return tmp_path


def test_reader_rebuilds_text_with_offsets(gold_dir: Path) -> None:
    sents = read_conll(gold_dir / "factuality" / "uw" / "dev.conll")
    assert [s.text for s in sents] == [
        "The mayor didn't sign the decree.",
        "The port will reopen in May, officials said.",
        'The union plans to strike "for good".',
    ]
    for s in sents:
        for tok, (start, end) in zip(s.tokens, s.spans, strict=True):
            assert s.text[start:end] == {"``": '"', "''": '"'}.get(tok, tok)
    assert sents[0].gold == [None, None, None, None, -3.0, None, None, None]
    assert read_conll(gold_dir / "factuality" / "uw" / "dev.conll", limit=1)[0].tokens[1] == "mayor"


def test_reader_names_the_line_of_a_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.conll"
    path.write_text("0\tThe\t_\n1 broken line\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.conll:2"):
        read_conll(path)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3.0, "factual"),
        (2.5, "factual"),
        (2.4, "uncertain"),
        (0.0, "uncertain"),
        (-0.2, "non-factual"),
        (-3.0, "non-factual"),
    ],
)
def test_classes(value: float, expected: str) -> None:
    assert klass(value) == expected


def test_scores() -> None:
    gold = [3.0, 1.0, -3.0, 3.0]
    assert mae(gold, gold) == 0.0 and pearson(gold, gold) == pytest.approx(1.0)
    assert mae(gold, [3.0, 3.0, 3.0, 3.0]) == pytest.approx(2.0)
    assert pearson(gold, [3.0] * 4) == 0.0  # a constant prediction has no correlation
    cells = row("x", gold, [3.0, 2.0, -1.0, 2.0])
    # system, n, MAE, r, acc factual, acc uncertain, acc non-factual, acc
    assert cells[:3] == ["x", 4, 1.0]
    assert cells[4:] == [0.5, 1.0, 1.0, 0.75]


def test_window_baseline() -> None:
    lex = load_lexicon()
    tokens = ["the", "mayor", "did", "n't", "sign", "it", "and", "may", "not", "return"]
    assert window_value(tokens, 4, lex) == -3.0  # "n't" in the window
    assert window_value(tokens, 1, lex) == 3.0
    assert window_value(tokens, 9, lex) == -1.0  # "may" sets 1, "not" flips it


def test_absent_data_is_skipped(tmp_path: Path) -> None:
    reports = run(EvalOptions(data=tmp_path))
    assert [r.dataset for r in reports] == ["factuality/uw dev", "factuality/meantime dev"]
    assert all(r.skipped for r in reports)


def test_unknown_set_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="uw, meantime or all"):
        run(EvalOptions(data=tmp_path, subset="timebank"))


@pytest.mark.slow
def test_run_scores_newsint_and_the_baselines(gold_dir: Path) -> None:
    (report,) = run(EvalOptions(data=gold_dir, subset="uw", errors=2, ablate=True))
    assert report.dataset == "factuality/uw dev" and not report.skipped
    main, ablations, errors = report.tables
    systems = {r[0]: r for r in main.rows}
    assert {"newsint", "always +3", "4-word window rule", "newsint, time apart"} <= set(systems)
    assert systems["newsint"][1] == 5  # five gold events
    assert systems["always +3"][2] == pytest.approx((6.0 + 1.8 + 0 + 0 + 2.2) / 5, abs=1e-3)
    # newsint gets the negation, the prediction and the plan right where "always +3" cannot
    assert systems["newsint"][2] < systems["always +3"][2]
    assert systems["newsint"][3] > 0.5
    assert "without negation" in {r[0] for r in ablations.rows}
    assert len(errors.rows) == 2 and "[[" in errors.rows[0][3]
