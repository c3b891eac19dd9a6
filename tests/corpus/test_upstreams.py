"""Corroboration counts sources, not articles: two retellings of one outlet's report count once
(the reasons name the outlet and the reports), an independent report of the same event counts
apart (our own invented articles)."""

from __future__ import annotations

from corpus_texts import features
from newsint.config import default_config
from newsint.corpus.analyzer import CorpusAnalyzer

CLAIM = "the Orvane army has moved 40 tanks to the Kessel border crossing"

# two retellings of the Valmora Gazette's report, in their own words
RETELLING_A = """\
In a report on Friday,
the Orvane army has moved 40 tanks to the Kessel border crossing, according to the Valmora Gazette.

The Valmora Gazette said satellite images showed the tanks near the village of Dunmere on Friday.

Orvane's defence ministry has not commented on the deployment near Kessel, the Valmora
Gazette said.
"""
RETELLING_B = """\
Citing satellite pictures, the Valmora Gazette reported that
the Orvane army has moved 40 tanks to the Kessel border crossing.

Markets in Brannock fell sharply on the news, and the currency lost two per cent.

Opposition leaders in Brannock demanded an emergency session of parliament on Monday.

Travel agencies cancelled bus tours to the lakes for the rest of the month.
"""
# an independent report: its own reporter at the border, no credit to anyone
OWN_REPORT = """\
Our correspondent saw it on Saturday:
the Orvane army has moved 40 tanks to the Kessel border crossing.

The tanks stood near the village of Dunmere, farmers near Kessel said.

Orvane's defence ministry declined to comment on the deployment near Kessel.
"""


def add(*arts):
    an = CorpusAnalyzer(default_config())
    an.add(list(arts))
    return an


def article(text: str, site: str, day: str):
    return features(text, site=site, published=f"2026-04-{day}", claims=[{"content": CLAIM}])


def test_two_retellings_of_one_upstream_count_once_and_the_reason_names_it() -> None:
    a = article(RETELLING_A, "orvanewatch.example", "03T09:00:00")
    b = article(RETELLING_B, "kesseldaily.example", "03T11:00:00")
    an = add(a, b)
    assert not an.links  # not copies of each other: independent wording
    (cluster,) = an.clusters.values()
    assert cluster.independent_sources == 1
    (reason,) = [r for r in cluster.collapsed if "rest on the same" in r]
    assert "Valmora Gazette" in reason and a.id in reason and b.id in reason


def test_an_independent_report_of_the_same_event_counts_apart() -> None:
    a = article(RETELLING_A, "orvanewatch.example", "03T09:00:00")
    own = article(OWN_REPORT, "borderpost.example", "04T07:00:00")
    an = add(a, own)
    assert an.story_of[a.id] == an.story_of[own.id]
    (cluster,) = an.clusters.values()
    assert cluster.independent_sources == 2
