"""The networks' matrix products through numpy's BLAS give what thinc's blis gives."""

from __future__ import annotations

import pytest

from newsint.config import default_config
from newsint.stages.nlp import load_spacy

# Fictional sentences: names and numbers for the NER, reports and clauses for the parser.
TEXTS = [
    "Harbour strike enters its second week\n\n"
    "Dock workers in the northern port of Skarra stayed out on Monday, the union said, "
    "after talks with Baltline Shipping broke down over a 4.5 percent pay offer.",
    "Mayor Ines Valdrup told reporters on Tuesday that the council had not approved the "
    "€12 million levy, although two members who asked not to be named said it would.",
    "“We will not sign anything before the audit is published,” said Tomas Lenk, who chairs "
    "the port authority's board in Carrow.",
]


def _load(**update: object):
    cfg = default_config()
    nlp_cfg = cfg.nlp.model_copy(update=update)
    try:
        return load_spacy(nlp_cfg, cfg.limits.max_text_chars)
    except Exception as err:  # the model missing is ModelMissing; say why we skip
        pytest.skip(f"spaCy model not loadable: {err}")


@pytest.fixture(scope="module")
def pair():
    return _load(blas="blis"), _load(blas="numpy")


def _view(doc) -> list[tuple[object, ...]]:
    return [(t.text, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]


@pytest.mark.slow
def test_numpy_blas_reaches_every_layer(pair) -> None:
    from thinc.api import NumpyOps

    _blis, numpy_side = pair
    layers = [
        node
        for _name, pipe in numpy_side.pipeline
        if hasattr(getattr(pipe, "model", None), "walk")
        for node in pipe.model.walk()
    ]
    assert layers
    assert all(isinstance(n.ops, NumpyOps) and not n.ops.use_blis for n in layers)


@pytest.mark.slow
def test_blis_is_left_as_thinc_sets_it(pair) -> None:
    blis_side, _numpy_side = pair
    tok2vec = blis_side.get_pipe("tok2vec").model
    assert all(getattr(n.ops, "use_blis", True) for n in tok2vec.walk())


@pytest.mark.slow
@pytest.mark.parametrize("text", TEXTS)
def test_the_same_annotations_either_way(pair, text: str) -> None:
    blis_side, numpy_side = pair
    ours = _view(numpy_side(text))
    assert ours == _view(blis_side(text))
    assert any(ent_type for *_rest, ent_type in ours)  # the NER found something to compare


@pytest.mark.slow
def test_the_thread_limit_is_set_for_the_process(pair) -> None:
    from threadpoolctl import threadpool_info

    blas = [info for info in threadpool_info() if info["user_api"] == "blas"]
    if not blas:
        pytest.skip("numpy reports no BLAS library to threadpoolctl")
    assert all(info["num_threads"] == default_config().nlp.blas_threads for info in blas)
