"""Corpus grades: a claim's Admiralty grade with the corroboration the corpus found.

`newsint analyze` grades a claim from its one article: corroboration "not assessed". In a corpus
the same claim is graded again by the same rules (newsint.stages.grade.grade, data/grading.toml,
config [grade]) with a Corroboration made from the claim's cluster: the independent sources on
the claim's own side of the cluster (1 for a claim no other article makes; a report that
denies the statement is a contradiction, not a corroboration), the articles carrying it, why
reports were counted once (a copy collapses into its original; originals resting on the same
speaker, document or wire story count once), and the reports of the opposite stance, which mark
the grade down (a contradicted claim).

The corpus grade is written at ingest with the claims list (corpus/summaries.py) and rewritten
for every claim whose cluster an ingest changes (an independent report arrives, a copy is linked
to its original, a denial appears). The grading settings it was written under (the rules, the
[grade] thresholds, the outlet and leak word lists: stages/grade.py settings_digest) are stored
with it; a corpus opened under other settings is graded again, the grade of each article alone
included (edit grading.toml or [grade] and every view follows, with no re-ingest).

Claims whose article was analysed without the grade stage stay ungraded (None).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from newsint.config import Grade as GradeConfig
from newsint.corpus.corroborate import stance
from newsint.model import Claim, ClaimCluster, Grade
from newsint.stages.grade import Corroboration, grade

_ARTICLE_ID = re.compile(r"\bart_[0-9a-f]+\b")


@dataclass(frozen=True, slots=True)
class Report:
    """One member claim of a cluster, as much as corroboration needs of it."""

    key: str  # "<article id>/<claim id>"
    status: str
    polarity: str
    speaker: str | None = None
    site: str | None = None


def corroboration(
    key: str,
    cluster: ClaimCluster | None,
    reports: Mapping[str, Report],
    sites: Mapping[str, str | None] | None = None,
) -> Corroboration:
    """The Corroboration of claim `key` from its cluster (None: the claim is alone).

    `reports` holds the cluster's member claims by key (those missing are left out of the
    contradiction check); `sites` names articles in the reasons ("The Gazette (art_…)")."""
    if cluster is None:
        return Corroboration(sources=1, articles=1)
    names = dict(sites or {})
    for r in reports.values():
        names.setdefault(r.key.split("/", 1)[0], r.site)
    own = reports.get(key)
    against: list[str] = []
    sources = cluster.independent_sources
    if own is not None:
        mine = stance(own.status, own.polarity)
        sources = cluster.stance_sources.get(str(mine), sources)
        for member in cluster.claims:
            r = reports.get(member)
            if r is None or member == key or stance(r.status, r.polarity) == mine:
                continue
            article = member.split("/", 1)[0]
            who = f" by {r.speaker}" if r.speaker else ""
            against.append(f"{r.status}{who} in {_name(article, names)}")
    return Corroboration(
        sources=max(sources, 1),
        articles=len(set(cluster.articles)) or 1,
        counted_once=tuple(_named(line, names) for line in cluster.collapsed),
        contradicted_by=tuple(sorted(dict.fromkeys(against))),
    )


def corpus_grade(claim: Claim, corr: Corroboration, cfg: GradeConfig) -> Grade | None:
    """The claim graded with the corpus's corroboration (None when it was never graded)."""
    if claim.grade is None:
        return None
    return grade(claim, corr, cfg)


def corroboration_reasons(claim: Claim, graded: Grade, cfg: GradeConfig) -> list[str]:
    """The reasons of a corpus grade that come from the corpus (corroboration, counted-once
    lines, contradiction): those the single-article grade does not have."""
    alone = grade(claim, None, cfg)
    return list(graded.reasons[len(alone.reasons) - 1 :])


def _named(line: str, names: Mapping[str, str | None]) -> str:
    """Article ids in a line named by their site: "Site (id)" the first time, "Site" after."""
    seen: set[str] = set()

    def sub(m: re.Match[str]) -> str:
        aid = m.group(0)
        site = names.get(aid)
        if site and aid in seen:
            return site
        seen.add(aid)
        return _name(aid, names)

    return _ARTICLE_ID.sub(sub, line)


def _name(article: str, names: Mapping[str, str | None]) -> str:
    site = names.get(article)
    return f"{site} ({article})" if site else article
