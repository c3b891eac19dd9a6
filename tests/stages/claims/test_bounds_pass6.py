"""Claims stage, issue 16 (sixth pass on content bounds, branch attrbound6): a quotation right
after a verb's content is the rest of its clause; an "according to" content starts after the
writer's leading conjunction; a verb that addresses someone before its infinitive is the cue
alone. Sentences of our own; each row names the claim by its cue."""

from __future__ import annotations

import pytest

from handmade import first_claim

# text, the cue as written, the content
ROWS = [
    (  # the speaker's own words right after the object are the rest of the clause
        "The union leader attacked the mayor on Friday, calling him “a disgrace to the whole "
        "harbour.”",
        "calling",
        "him “a disgrace to the whole harbour.”",
    ),
    (
        "The union vowed to fight the closure “today, tomorrow and every day after.”",
        "vowed",
        "to fight the closure “today, tomorrow and every day after.”",
    ),
    (  # the closing mark ends it: what follows the quotation stays out
        "The skipper described the old pier ''at the end of Mill Road,'' where she grew up.",
        "described",
        "the old pier ''at the end of Mill Road,''",
    ),
    (  # a quotation after the content's closing punctuation is a sentence of its own
        "The skipper said the ferry was late. “We lost an hour at the lock,” she added.",
        "said",
        "the ferry was late",
    ),
    (  # the writer's conjunction before an "according to" content is the writer's link
        "The pier was closed in May. But the ferry kept running all summer, according to the "
        "harbour office.",
        "according to",
        "the ferry kept running all summer",
    ),
    (
        "The quay cost more than planned. And the repairs took a year longer, according to "
        "the town's auditors.",
        "according to",
        "the repairs took a year longer",
    ),
    (  # the person asked and the task are what was asked; the cue is the verb alone
        "The mayor asked the harbour board to discuss the ferry timetable on Monday.",
        "asked",
        "the harbour board to discuss the ferry timetable on Monday",
    ),
    (
        "The union told its members never to speak of the strike fund.",
        "told",
        "its members never to speak of the strike fund",
    ),
    (
        "The council called on the port authority to explain the delays.",
        "called on",
        "the port authority to explain the delays",
    ),
    (  # two verbs side by side stay one cue
        "The skipper refused to answer questions about the collision.",
        "refused to answer",
        "questions about the collision",
    ),
    (  # in a speaker's own sentence the conjunction stays
        "The quay cost more than planned. “But the town will pay for it,” the treasurer said.",
        "said",
        "“But the town will pay for it,”",
    ),
]


@pytest.mark.parametrize(("text", "cue", "content"), ROWS)
def test_content_bounds_pass6(claims_of, text, cue, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.content.text == content
