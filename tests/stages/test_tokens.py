"""The shared token table reads like the spaCy Doc it was built from, token for token."""

from __future__ import annotations

import pytest

from newsint.stages.tokens import USER_DATA_KEY, tokens_of
from newsint.text.outlets import Credit, Outlets, load_outlets

# Fictional text: a headline without a full stop, a quotation, a question, figures, an all-caps
# line, a hyphenated word, a contraction and a spacing run.
TEXTS = [
    "HARBOUR BOARD BACKS FERRY PLAN\n\nThe board of Port Lindell said on Tuesday that it "
    "wouldn't delay the $4.5 million upgrade.  “We are ready,” chair Ana Quist told reporters.",
    "Will the council approve the levy? Officials in Eastmere, who asked not to be named, said "
    "a vote was planned for 12 May.\n\nRead more: Mayor Backs Harbour Deal",
    "The well-known  co-op did not answer; neither the mayor nor her deputy was reached.",
]
ATTRIBUTES = (
    "i",
    "idx",
    "text",
    "lower_",
    "lemma_",
    "pos_",
    "tag_",
    "dep_",
    "ent_iob_",
    "whitespace_",
    "is_punct",
    "is_space",
    "is_alpha",
    "is_upper",
    "is_lower",
    "is_title",
    "is_digit",
    "is_stop",
)


@pytest.mark.parametrize("text", TEXTS)
def test_every_token_reads_as_spacy_reads_it(run_stages, text: str) -> None:
    doc = run_stages(text, ["clean", "nlp"]).doc
    table = tokens_of(doc)
    assert len(table) == len(doc) > 10
    assert table.text == doc.text
    for tok, ours in zip(doc, table.tokens, strict=True):
        for name in ATTRIBUTES:
            assert getattr(ours, name) == getattr(tok, name), (tok.text, name)
        assert len(ours) == len(tok)
        assert ours.head.i == tok.head.i
        assert [c.i for c in ours.children] == [c.i for c in tok.children]
        assert ours.left_edge.i == tok.left_edge.i
        assert ours.doc[ours.i] is ours
    sents = list(doc.sents)
    assert table.sents == [(s.start, s.end, s.root.i) for s in sents]
    assert table.sentence_chars() == [(s.start_char, s.end_char) for s in sents]


@pytest.mark.parametrize("expand", [False, True])
def test_char_span_finds_the_tokens_spacy_finds(run_stages, expand: bool) -> None:
    """Every character range of a text with double spaces and a paragraph break (ranges that
    start or end inside words, on spaces and past the text included)."""
    doc = run_stages(TEXTS[2] + "\n\nA reply came  later.", ["clean", "nlp"]).doc
    table = tokens_of(doc)
    mode = "expand" if expand else "strict"
    found = 0
    for start in range(-1, len(doc.text) + 2):
        for end in range(start + 1, len(doc.text) + 3):
            span = doc.char_span(start, end, alignment_mode=mode)
            ours = table.char_span(start, end, expand=expand)
            assert ours == (None if span is None else (span.start, span.end)), (start, end)
            found += span is not None
    assert found > len(doc)
    assert table.token_at(0) == 0 and table.token_at(len(doc.text)) == -1


@pytest.mark.parametrize("text", TEXTS)
def test_span_root_is_spacys(run_stages, text: str) -> None:
    doc = run_stages(text, ["clean", "nlp"]).doc
    table = tokens_of(doc)
    roots = set()
    for start in range(len(doc)):
        for end in range(start + 1, len(doc) + 1):
            assert table.span_root(start, end).i == doc[start:end].root.i, (start, end)
            roots.add(doc[start:end].root.i)
    assert len(roots) > 5


def test_the_table_is_built_once_per_doc(run_stages) -> None:
    doc = run_stages(TEXTS[0], ["clean", "nlp"]).doc
    first = tokens_of(doc)
    assert doc.user_data[USER_DATA_KEY] is first
    assert tokens_of(doc) is first
    copy = doc.copy()  # a copy carries user_data over: it gets its own table
    assert tokens_of(copy) is not first
    assert tokens_of(copy).doc is copy


def test_a_root_is_its_own_head(run_stages) -> None:
    doc = run_stages("The ferry left. It came back.", ["clean", "nlp"]).doc
    table = tokens_of(doc)
    roots = [table[root] for _, _, root in table.sents]
    assert len(roots) == 2
    assert all(r.head is r and r.dep_ == "ROOT" for r in roots)


# Fictional credit lines: a dateline crediting a wire, and a byline with its outlet.
CREDIT_TEXTS = [
    (
        "PORT LINDELL, Eastmere (AP) — The harbour board said on Tuesday that it would vote.",
        [("dateline", "PORT LINDELL, Eastmere (AP) —")],
    ),
    (
        "By Ana Quist, Reuters\n\nThe ferry company did not answer questions on Friday.",
        [("byline", "By Ana Quist, Reuters")],
    ),
    ("The ferry company did not answer questions on Friday.", []),
]


@pytest.mark.parametrize(("text", "expected"), CREDIT_TEXTS)
def test_credit_lines_are_scanned_once_per_doc(
    run_stages, monkeypatch: pytest.MonkeyPatch, text: str, expected: list[tuple[str, str]]
) -> None:
    doc = run_stages(text, ["clean", "nlp"]).doc
    outlets = load_outlets()
    scans: list[str] = []
    scan = Outlets.credits

    def counted(self: Outlets, text: str) -> list[Credit]:
        scans.append(text)
        return scan(self, text)

    monkeypatch.setattr(Outlets, "credits", counted)
    table = tokens_of(doc)
    first = table.credits(outlets)
    assert [(c.kind, c.text) for c in first] == expected
    assert first == scan(outlets, doc.text)
    first.clear()  # the caller's own list: the kept one stays whole
    again = tokens_of(doc).credits(outlets)
    assert [(c.kind, c.text) for c in again] == expected
    assert scans == [doc.text]


# Fictional text: a double space, a line break, a quotation and a closing full stop.
RANGE_TEXT = "The ferry  sailed late.\n“Never again,” said Ana Quist of Port Lindell."


@pytest.fixture(scope="module")
def range_doc(run_stages):
    return run_stages(RANGE_TEXT, ["clean", "nlp"]).doc


def test_char_span_expand_on_quotes_and_line_breaks(range_doc) -> None:
    table = tokens_of(range_doc)
    n = len(range_doc.text)
    checked = 0
    for start in range(n + 1):
        for end in range(start + 1, n + 2):
            span = range_doc.char_span(start, end, alignment_mode="expand")
            expected = None if span is None else (span.start, span.end)
            assert table.char_span(start, end, expand=True) == expected, (start, end)
            checked += span is not None
    assert checked > n  # most ranges do span tokens


def test_char_span_expand_on_empty_and_reversed_ranges(range_doc) -> None:
    """Expand mode on ranges no caller asks for: None where spaCy gives None, else its span."""
    table = tokens_of(range_doc)
    for start in range(len(range_doc.text)):
        for end in (start, start - 1):
            try:
                span = range_doc.char_span(start, end, alignment_mode="expand")
            except IndexError:
                continue  # spaCy refuses a span that ends before it starts
            expected = None if span is None else (span.start, span.end)
            assert table.char_span(start, end, expand=True) == expected, (start, end)


@pytest.mark.parametrize("bound", [0, 3, 200_000])
def test_named_strings_are_spacys_whatever_the_memo_holds(
    run_stages, monkeypatch: pytest.MonkeyPatch, bound: int
) -> None:
    """The memo of string names (`_name`) changes no string, emptied or not, full or not."""
    from newsint.stages import tokens

    monkeypatch.setattr(tokens, "_NAMES_BOUND", bound)
    tokens._NAMES.clear()
    for text in TEXTS:
        doc = run_stages(text, ["clean", "nlp"]).doc
        table = tokens.Tokens(doc)
        for tok, ours in zip(doc, table.tokens, strict=True):
            got = (ours.text, ours.lower_, ours.lemma_, ours.tag_, ours.dep_)
            assert got == (tok.text, tok.lower_, tok.lemma_, tok.tag_, tok.dep_)
        assert len(tokens._NAMES) <= max(bound, 1)
