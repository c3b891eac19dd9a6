from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsint.config import default_config
from newsint.model import clean_to_raw
from newsint.stages.clean import (
    _TOKEN,
    _more_words_than,
    clean_text,
    furniture,
    furniture_reason,
    near_duplicate_score,
    normalise,
    numbers_disagree,
)

CFG = default_config().clean

HEADLINE = "Fishing fleet stays in port as fuel prices climb for a third week"
BODY1 = (
    "Trawler crews in the northern harbour kept their boats tied up on Thursday, saying the price "
    "of diesel had made a week at sea a loss for most owners."
)
BODY2 = (
    "The harbour master said forty-one vessels had not left their berths since Monday, the longest "
    "stoppage he could remember in twenty years at the port."
)
# BODY2 reworded: same facts, different wording and order
BODY2_PARA = (
    "Additionally, forty-one boats have not left their berths since Monday, according to the "
    "harbour master, who said it was the longest stoppage he could remember in twenty years "
    "at the port."
)
BODY3 = (
    "Prices at the pump rose by nine cents a litre over the month, the national statistics office "
    "reported, driven by refinery outages abroad."
)


def removed(raw: str, title: str | None = None) -> list[tuple[str, str]]:
    return [(r.reason, r.text) for r in clean_text(raw, title, CFG).removals]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Home NEWS", "breadcrumb"),
        ("Home » World » Europe", "breadcrumb"),
        ("News / Politics", "breadcrumb"),
        ("Please enter your comment!", "comment-form"),
        ("Please enter your name here", "comment-form"),
        ("Leave a Reply Cancel reply", "comment-form"),
        ("Your email address will not be published. Required fields are marked *", "comment-form"),
        ("Share this article", "share"),
        ("Facebook Twitter WhatsApp Email", "share"),
        ("Subscribe to our newsletter", "boilerplate"),
        ("We use cookies to improve your experience.", "boilerplate"),
        ("ADVERTISEMENT", "boilerplate"),
        ("Related posts", "related"),
        ("You may also like", "related"),
        ("By Jane Roe | 3 hours ago", "byline"),
        ("By Tomás Ferreira - Published 2 days ago", "byline"),
        # real content must survive
        ("Ukraine war", None),
        ("The minister said the talks would resume on Monday.", None),
        ("Share prices fell sharply after the announcement of the merger on Friday.", None),
        ("By the end of the day, rescuers had reached the village.", None),
        ("Related reading suggests the river will flood again next spring, experts warned.", None),
        ("Home owners in the valley were told to leave before the storm reached the coast.", None),
    ],
)
def test_furniture_lines(line: str, reason: str | None) -> None:
    assert furniture_reason(line, CFG, furniture()) == reason


def test_messy_page_is_cleaned_exactly() -> None:
    raw = "\n\n".join(
        [
            f"Home NEWS {HEADLINE}",
            HEADLINE,
            HEADLINE,
            BODY1,
            "Share this article",
            BODY2,
            BODY3,
            BODY2_PARA,
            BODY1,
            "Related posts",
            "Please enter your comment!\nPlease enter your name here",
        ]
    )
    result = clean_text(raw, None, CFG)
    assert result.title == HEADLINE
    assert [(r.reason, r.text) for r in result.removals] == [
        ("breadcrumb", "Home NEWS"),
        ("repeated-title", HEADLINE),
        ("repeated-title", HEADLINE),
        ("share", "Share this article"),
        ("near-duplicate", BODY2_PARA),
        ("duplicate", BODY1),
        ("related", "Related posts"),
        ("comment-form", "Please enter your comment!"),
        ("comment-form", "Please enter your name here"),
    ]
    assert result.text == "\n\n".join([HEADLINE, BODY1, BODY2, BODY3])
    near = next(r for r in result.removals if r.reason == "near-duplicate")
    assert near.detail and "score" in near.detail


def test_every_removal_points_at_its_raw_text() -> None:
    raw = f"Home NEWS {HEADLINE}\n\n{HEADLINE}\n\n{BODY1}\n\n{BODY1}\n\nShare this article\n"
    result = clean_text(raw, None, CFG)
    for r in result.removals:
        assert raw[r.start : r.end] == r.text


def test_metadata_title_is_used_and_kept_once() -> None:
    raw = f"{HEADLINE}\n{HEADLINE}\n{BODY1}\n{BODY3}\n"
    result = clean_text(raw, HEADLINE, CFG)
    assert result.title == HEADLINE
    assert removed(raw, HEADLINE) == [("repeated-title", HEADLINE)]
    assert result.text.split("\n\n") == [
        HEADLINE,
        BODY1,
        BODY3,
    ]  # line mode: one paragraph per line


def test_distinct_paragraphs_on_the_same_topic_are_kept() -> None:
    # same subject, different facts: must not be taken for paraphrases
    assert removed("\n\n".join([BODY1, BODY2, BODY3])) == []


def test_short_lines_are_never_near_duplicates() -> None:
    assert removed("Talks resume today.\n\nTalks resumed today.\n\n" + BODY1) == []


def test_hard_wrapped_paragraphs_stay_whole() -> None:
    raw = BODY1[:60] + "\n" + BODY1[60:] + "\n\n" + BODY3
    result = clean_text(raw, None, CFG)
    assert result.text == raw
    assert len(result.offsets) == 2


def test_normalise_ignores_case_and_punctuation() -> None:
    assert normalise("Hello,  WORLD!") == normalise("hello world")


paragraph = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=80,
).filter(lambda s: s.strip())
separator = st.sampled_from(["\n", "\n\n", "\n \n", "\r\n\r\n", "\n\n\n"])
# a paragraph with a long run of one mark inside, which cleaning cuts
with_run = st.tuples(paragraph, st.sampled_from("!?.-=*"), st.integers(21, 400), paragraph).map(
    lambda t: t[0] + t[1] * t[2] + t[3]
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.one_of(paragraph, with_run), separator), min_size=1, max_size=12),
    st.sampled_from([None, "Home NEWS"]),
)
def test_every_kept_character_maps_back_to_itself(
    parts: list[tuple[str, str]], prefix: str | None
) -> None:
    raw = "".join(p + s for p, s in parts)
    if prefix:
        raw = prefix + " " + raw
    result = clean_text(raw, None, CFG)
    text = result.text
    mapped = 0
    for i, ch in enumerate(text):
        r = clean_to_raw(result.offsets, i)
        if r is None:
            assert ch == "\n"  # only the paragraph separators cleaning inserts are unmapped
        else:
            assert raw[r] == ch
            mapped += 1
    assert mapped == sum(s.length for s in result.offsets)
    # nothing silently dropped: every non-space raw character is kept or inside a removal
    covered = [False] * len(raw)
    for seg in result.offsets:
        for k in range(seg.raw, seg.raw + seg.length):
            covered[k] = True
    for rem in result.removals:
        assert raw[rem.start : rem.end] == rem.text
        for k in range(rem.start, rem.end):
            covered[k] = True
    assert all(c or raw[k].isspace() for k, c in enumerate(covered))


def _expected(fixtures) -> dict:
    import tomllib

    return tomllib.loads((fixtures / "messy_page.expected.toml").read_text("utf-8"))


def test_messy_page_fixture_matches_hand_written_truth(fixtures) -> None:
    expected = _expected(fixtures)
    raw = (fixtures / "messy_page.txt").read_text("utf-8")
    result = clean_text(raw, None, CFG)
    assert result.title == expected["title"]
    got = [(r.reason, r.text) for r in result.removals]
    assert got == [(r["reason"], r["text"]) for r in expected["removed"]]
    paragraphs = result.text.split("\n\n")
    assert paragraphs[0] == expected["title"]
    body = paragraphs[1:]
    assert len(body) == expected["kept_paragraphs"]
    assert body[0] == expected["first_paragraph"]
    assert body[-1] == expected["last_paragraph"]


def test_messy_page_in_site_html_gives_the_same_article(fixtures, run_stages) -> None:
    expected = _expected(fixtures)
    work = run_stages((fixtures / "messy_page.html").read_text("utf-8"), ["clean"], fmt=".html")
    a = work.analysis
    assert a.article.title == expected["title"]
    body = [p for p in a.text.split("\n\n") if p != expected["title"]]
    assert len(body) == expected["kept_paragraphs"]
    assert body[0] == expected["first_paragraph"]
    assert body[-1] == expected["last_paragraph"]
    copies = {"repeated-title", "duplicate"}  # their text is also the kept first copy
    removed_text = {r["text"] for r in expected["removed"] if r["reason"] not in copies}
    assert not removed_text & set(body)
    assert len(set(body)) == len(body)


def test_lead_restating_the_headline_is_kept() -> None:
    title = "Harbour council approves new ferry terminal after two-year planning battle"
    lead = (
        "The harbour council has approved a new ferry terminal after a two-year planning battle, "
        "clearing the way for construction to begin in the spring."
    )
    result = clean_text(f"{title}\n\n{lead}\n\n{BODY3}", None, CFG)
    assert result.removals == []
    assert result.text.split("\n\n") == [title, lead, BODY3]


def test_headlines_under_related_heading_go_with_it() -> None:
    raw = "\n\n".join(
        [BODY1, "Related posts", "Storm closes coastal road", "Mayor opens new library", BODY3]
    )
    assert removed(raw) == [
        ("related", "Related posts"),
        ("related", "Storm closes coastal road"),
        ("related", "Mayor opens new library"),
    ]


# Repeats that are structure, not copies (found on the extraction benchmark: list items shared
# by two products, table headers, separators, source labels, template records).
PRODUCT_A = (
    "The Alder 3 walking boot is the lighter of the two and costs less than most rivals in the "
    "shop this winter."
)
PRODUCT_B = (
    "The Birch 5 walking boot is heavier, with a stiffer sole meant for long days on rough "
    "mountain paths."
)


@pytest.mark.parametrize(
    "raw",
    [
        # the same feature in two product lists
        "\n".join(
            [
                PRODUCT_A,
                "- Waterproof lining that keeps feet dry in deep puddles",
                "- Laces that stay tied",
                PRODUCT_B,
                "- Waterproof lining that keeps feet dry in deep puddles",
                "- Laces that stay tied",
            ]
        ),
        # one header per table
        "\n".join(
            [
                PRODUCT_A,
                "| Size | Weight | Price |",
                "| 41 | 610 g | 95 euros |",
                PRODUCT_B,
                "| Size | Weight | Price |",
                "| 41 | 780 g | 120 euros |",
            ]
        ),
        # separators and short source labels
        "\n".join([PRODUCT_A, "___", "[Wire]", PRODUCT_B, "___", "[Wire]", BODY1]),
        # numbered steps
        "\n".join(
            [PRODUCT_A, "1. Soak the boots overnight.", PRODUCT_B, "1. Soak the boots overnight."]
        ),
    ],
)
def test_structural_repeats_are_kept(raw: str) -> None:
    result = clean_text(raw, None, CFG)
    assert result.removals == []
    assert result.text.split("\n\n") == raw.split("\n")


def test_a_repeated_long_paragraph_is_still_a_duplicate() -> None:
    raw = "\n\n".join([BODY1, BODY3, BODY1])
    assert removed(raw) == [("duplicate", BODY1)]


LEDE_HEADLINE = "Ferry crew rescues nine fishermen from sinking trawler off northern cape"
LEDE = (
    "A ferry crew rescued nine fishermen from a sinking trawler off the northern cape on Sunday, "
    "after the trawler's engine room flooded in a storm, the coastguard said."
)
QUOTE = (
    '"We saw the trawler listing badly and turned towards it at once," said Mira Holt, the '
    "ferry's captain."
)
QUOTE_AND_MORE = (
    '"The sea was higher than anything I have seen in twelve years on this route," Mira Holt, '
    "the ferry's captain, told the harbour radio station. "
    '"We saw the trawler listing badly and turned towards it at once."'
)
RECORD_1 = (
    "Arno T. Falk: theft of a vehicle, possession of stolen goods, driving without a licence, "
    "held in lieu of $12,500 bond."
)
RECORD_2 = (
    "Dana R. Vole: theft of a vehicle, possession of stolen goods, driving without a licence, "
    "held in lieu of $8,000 bond."
)


@pytest.mark.parametrize(
    ("paragraphs", "title"),
    [
        # a lede shares most words with the headline above it: that is what ledes do
        ([LEDE_HEADLINE, LEDE, BODY3], LEDE_HEADLINE),
        # a later paragraph repeats a quote and adds a new one: new material
        ([QUOTE, BODY3, QUOTE_AND_MORE], None),
        # two records of one template with different figures
        ([RECORD_1, RECORD_2], None),
    ],
)
def test_overlapping_paragraphs_that_add_facts_are_kept(
    paragraphs: list[str], title: str | None
) -> None:
    raw = "\n\n".join(paragraphs)
    assert removed(raw, title) == []


def test_near_duplicate_gates() -> None:
    assert near_duplicate_score(BODY2_PARA, BODY2, CFG) is not None
    assert near_duplicate_score(BODY2_PARA, BODY2, CFG) >= CFG.near_duplicate_threshold  # type: ignore[operator]
    assert near_duplicate_score(RECORD_2, RECORD_1, CFG) is None  # numbers disagree
    assert near_duplicate_score(QUOTE_AND_MORE, QUOTE, CFG) is None  # too little shared
    assert near_duplicate_score(LEDE, LEDE_HEADLINE, CFG) is None  # a headline is not prose
    assert near_duplicate_score(BODY2.rstrip("."), BODY2_PARA, CFG) is None


@pytest.mark.parametrize(
    ("a", "b", "disagree"),
    [
        ("Rent rose 4% to 900 euros.", "Rent went up 4 % to 900 euros.", False),
        ("Rent rose 4% to 900 euros.", "Rent rose to 900 euros.", False),  # one dropped a figure
        ("Rent rose 4% to 900 euros.", "Rent rose 5% to 950 euros.", True),
        ("Bail was $12,500.", "Bail was $12500.", False),
        ("No figures here.", "None here either.", False),
    ],
)
def test_numbers_disagree(a: str, b: str, disagree: bool) -> None:
    assert numbers_disagree(a, b) is disagree
    assert numbers_disagree(b, a) is disagree


@settings(max_examples=100, deadline=None)
@given(paragraph, paragraph)
def test_near_duplicate_score_is_symmetric(a: str, b: str) -> None:
    assert near_duplicate_score(a, b, CFG) == near_duplicate_score(b, a, CFG)


def test_a_short_repeated_headline_is_still_found() -> None:
    # found by its repetition, not as the first line (which reads like a sentence)
    raw = "\n\n".join(["From our harbour desk.", "Storm hits coast", "Storm hits coast", BODY1])
    result = clean_text(raw, None, CFG)
    assert result.title == "Storm hits coast"
    assert removed(raw) == [("repeated-title", "Storm hits coast")]


def test_a_long_punctuation_run_is_cut_and_the_rest_still_maps_back() -> None:
    raw = f"{HEADLINE}\n\nThe harbour reopened{'!' * 5000} The mayor said so on Monday.\n"
    result = clean_text(raw, None, CFG)
    longest = CFG.max_punctuation_run
    assert f"reopened{'!' * longest} The mayor" in result.text
    assert "!" * (longest + 1) not in result.text
    (cut,) = [r for r in result.removals if r.reason == "punctuation-run"]
    assert cut.text == "!" * (5000 - longest) and raw[cut.start : cut.end] == cut.text
    mayor = result.text.index("The mayor")
    raw_at = clean_to_raw(result.offsets, mayor)
    assert raw_at is not None and raw[raw_at : raw_at + 9] == "The mayor"


@pytest.mark.parametrize("run", ["!!!", "...", "----------", "?!?!"])
def test_short_runs_are_kept(run: str) -> None:
    raw = f"{BODY1} Wait{run} and see.\n"
    assert clean_text(raw, None, CFG).text == raw.strip()


# Word counts against a limit: str.split's whitespace is _TOKEN's \s, Unicode spaces included
# (no-break, em and ideographic spaces, the information separators); a zero-width space is not.
WORD_COUNTS = [
    ("Share this story", 3),
    ("Share\u00a0this\u2003story\u3000now", 3),
    ("  leading and trailing  ", 3),
    ("one\x1ctwo\x1dthree\x1efour\x1ffive", 3),
    ("zero\u200bwidth joins", 3),
    ("", 3),
    ("a b c d", 0),
]


@pytest.mark.parametrize(("text", "limit"), WORD_COUNTS)
def test_word_limit_counts_the_tokens(text: str, limit: int) -> None:
    assert _more_words_than(text, limit) == (len(_TOKEN.findall(text)) > limit)
