from __future__ import annotations

import pytest

from newsint.stages.claims.quotes import find_quotes, quoted_share


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("He said “it is over” and left.", ["“it is over”"]),
        ('He said "it is over" and "done".', ['"it is over"', '"done"']),
        ("''It is over,'' he said.", ["''It is over,''"]),
        ("“First part.\n\n“Second part,” she said.", ["“First part.", "“Second part,”"]),
        ("No quotes here.", []),
        # a quotation inside another, in the other style of mark, does not close the outer one
        (
            'She wrote: "It is not about “fair play” any more. It is about power."',
            ['"It is not about “fair play” any more. It is about power."'],
        ),
        ('“They call it the "tidy town" plan,” he said.', ['“They call it the "tidy town" plan,”']),
        # mixed typing: a mark of the other style with no partner closes the quotation
        ('“No deals,” the mayor said, calling them "a mistake."', ["“No deals,”", '"a mistake."']),
        ('"Not yet,” she said.', ['"Not yet,”']),
        # an opening mark typed twice is one opening
        ('"“We will not sign,” the union said.', ['"“We will not sign,”']),
    ],
)
def test_find_quotes(text: str, spans: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text)] == spans


def test_unclosed_quote_closes_at_paragraph_end() -> None:
    text = "“First part of a long quote.\n\n“Second part,” she said."
    first = find_quotes(text)[0]
    assert first.open_end
    assert text[first.start : first.end] == "“First part of a long quote."


def test_quoted_share() -> None:
    text = "He said “one two three” four."
    assert quoted_share(text, 0, len(text), find_quotes(text)) == pytest.approx(3 / 6)
