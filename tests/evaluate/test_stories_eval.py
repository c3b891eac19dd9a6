"""Clustering scores of `newsint eval stories` on hand-checked cases."""

from __future__ import annotations

import pytest

from newsint.evaluate.stories import b_cubed, pairwise


@pytest.mark.parametrize(
    ("pred", "gold", "b3", "pair"),
    [
        # perfect
        (["a", "a", "b"], ["x", "x", "y"], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]),
        # everything in one cluster: B3 precision (1/3*2 ... ) = (2/3+2/3+1/3)/3
        (["a", "a", "a"], ["x", "x", "y"], [0.556, 1.0, 0.714], [0.333, 1.0, 0.5]),
        # all singletons: recall (1/2+1/2+1)/3, no predicted pairs
        (["a", "b", "c"], ["x", "x", "y"], [1.0, 0.667, 0.8], [0.0, 0.0, 0.0]),
    ],
)
def test_scores(pred, gold, b3, pair) -> None:
    assert b_cubed(pred, gold) == b3
    assert pairwise(pred, gold).row() == pair
