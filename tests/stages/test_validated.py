"""`validated` makes the record the model's constructor makes, and refuses what it refuses."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

import newsint.model as model
from newsint.stages.base import validated

# Records as the stages make them (fictional values), and data a record refuses.
_RECORDS = [
    ("Evidence", {"start": 4, "end": 11, "text": "alleged", "kind": "hedge", "effect": None}),
    ("Evidence", {"start": 0, "end": 6, "text": "denied", "kind": "denial"}),
    ("Factuality", {"start": 3, "end": 9, "text": "signed", "value": 3, "source_value": 2.5}),
    ("TextSpan", {"start": 10, "end": 15, "text": "talks"}),
    ("Span", {"start": 0, "end": 0}),
    (
        "Mention",
        {
            "id": "men_1",
            "start": 0,
            "end": 8,
            "text": "Ana Quist",
            "label": "PERSON",
            "type": "PERSON",
            "entity": "ent_1",
            "kind": "name",
            "fix": None,
            "link": None,
        },
    ),
    ("Argument", {"text": "the harbour board", "start": 0, "end": 17, "entity": None}),
]
_REFUSED = [
    ("Span", {"start": 5, "end": 2}),
    ("Evidence", {"start": -1, "end": 2, "text": "x", "kind": "hedge"}),
    ("Factuality", {"start": 0, "end": 4, "text": "sold", "value": 4.0, "source_value": 0.0}),
    ("TextSpan", {"start": 0, "end": 4, "text": "sold", "extra": 1}),
]


@pytest.mark.parametrize(("name", "fields"), _RECORDS)
def test_validated_is_the_record_the_constructor_makes(name: str, fields: dict) -> None:
    cls = getattr(model, name)
    ours, theirs = validated(cls, dict(fields)), cls(**fields)
    assert type(ours) is cls
    assert ours == theirs
    assert ours.model_fields_set == theirs.model_fields_set
    assert ours.model_dump_json() == theirs.model_dump_json()
    assert ours.model_dump_json(exclude_unset=True) == theirs.model_dump_json(exclude_unset=True)


@pytest.mark.parametrize(("name", "fields"), _REFUSED)
def test_validated_refuses_what_the_constructor_refuses(name: str, fields: dict) -> None:
    cls = getattr(model, name)
    with pytest.raises(ValidationError):
        cls(**fields)
    with pytest.raises(ValidationError):
        validated(cls, fields)
