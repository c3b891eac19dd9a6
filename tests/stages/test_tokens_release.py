"""A released token table takes its reference cycles with it: the table and its Doc are freed
by reference count, with the garbage collector off, as soon as nothing else holds them."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from handmade import StubStage
from newsint.pipeline import Pipeline
from newsint.stages.tokens import USER_DATA_KEY, release, tokens_of

# Fictional texts: a short report with a quotation, and two sentences with a date.
TEXTS = [
    "The harbour board of Port Lindell voted on Tuesday. “We are ready,” chair Ana Quist said.",
    "Ferries to Eastmere stop on 3 March. The company did not say why.",
]


@pytest.fixture
def collector_off() -> Iterator[None]:
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@pytest.mark.parametrize("text", TEXTS)
def test_a_released_table_and_its_doc_are_freed_without_the_collector(
    run_stages, collector_off, text: str
) -> None:
    doc = run_stages(text, ["clean", "nlp"]).doc
    table = tokens_of(doc)
    assert len(table) > 5 and any(t.children for t in table.tokens)
    gone_table, gone_doc = weakref.ref(table), weakref.ref(doc)
    release(doc)
    assert USER_DATA_KEY not in doc.user_data
    del table, doc
    assert gone_table() is None and gone_doc() is None


def test_release_leaves_a_doc_without_a_table_alone(run_stages) -> None:
    doc = run_stages(TEXTS[1], ["clean", "nlp"]).doc
    doc.user_data.pop(USER_DATA_KEY, None)
    release(doc)
    assert USER_DATA_KEY not in doc.user_data
    assert tokens_of(doc).text == doc.text  # a later reader builds a new table


class _Keep(StubStage):
    """A stage that keeps a weak reference to every Doc of the batch."""

    name = "keep"

    def __init__(self) -> None:
        self.docs: list[weakref.ref] = []
        self.tables = 0

    def __call__(self, batch) -> None:
        self.docs += [weakref.ref(w.doc) for w in batch]
        self.tables += sum(USER_DATA_KEY in w.doc.user_data for w in batch)


def test_a_batchs_docs_go_with_the_batch(resources, collector_off) -> None:
    from newsint.model import Analysis, ArticleMeta

    pipeline = Pipeline(resources.config, resources=resources)
    keep = _Keep()
    pipeline.stages.append(keep)
    items = [
        Analysis(article=ArticleMeta(id=f"t{i}"), text="", raw=text + "\n")
        for i, text in enumerate(TEXTS)
    ]
    out = pipeline.run_batch(items)
    assert any(a.entities for a in out) and keep.tables == 2  # the stages built their tables
    assert len(keep.docs) == 2 and all(ref() is None for ref in keep.docs)
