"""A large synthetic corpus for the web benchmarks: fast, deterministic, no NLP per article.

    .venv/bin/python bench/gen_corpus.py --articles 100000 --db /tmp/corpus-100k.db
    .venv/bin/python bench/gen_corpus.py --articles 10000 --db postgresql://…/bench

A few fictional template articles are analysed once by the real pipeline; every generated
article is one of them with its own id, URL, outlet, title and date (its events dated to its
story's day), stored with the same rows an ingest writes (articles, analyses, features,
entities, mentions, claims, events). The corpus records an analyzer would derive are built from
the plan below instead of by comparing texts: stories of 1 to 8 articles from 1 to 3
independent originals with verbatim or syndicated copies under them, one claim cluster per
template claim and story (a claim of a one-article story stays single-source), corpus entities
spanning a run of stories. They are applied with the store's own delta writer, then the
summaries are written by corpus/summaries.py's rebuild, as a store opened after an upgrade
does. The same arguments always give the same database.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsint.api import analyze  # noqa: E402
from newsint.config import default_config  # noqa: E402
from newsint.corpus import summaries  # noqa: E402
from newsint.corpus.store.rows import analysis_json, article_row, derived_rows  # noqa: E402
from newsint.corpus.store.store import Store  # noqa: E402
from newsint.corpus.store.tables import (  # noqa: E402
    AnalysisRow,
    ArticleRow,
    FeatureRow,
    MetaRow,
)
from newsint.model import (  # noqa: E402
    Analysis,
    ClaimCluster,
    CopyLink,
    CorpusEntity,
    Story,
    stable_id,
)
from newsint.stages.features.extract import extract_features  # noqa: E402

# Fictional template articles (places, people and outlets are invented).
TEMPLATES = [
    "Harbour authorities in Port Velmar said on Tuesday that the ferry Grey Tern ran aground "
    "near the Oster shoals. Captain Mira Solano told reporters that nobody was hurt. The "
    "Velmar Coast Guard alleged that the crew had ignored a storm warning, a claim the ferry "
    "operator Tidewell Lines denied. Officials said the ferry would be towed to Kessport on "
    "Friday.",
    "The city council of Arnholt voted on Monday to close the old Lanter bridge for repairs. "
    "Mayor Petra Voss said the work would take six months. Engineers from Calder Structures "
    "reported that two support beams were cracked. Residents said the detour would add an hour "
    "to their commute, according to the Arnholt Courier.",
    "Police in Dunmere arrested three men after a break-in at the Brannock Museum on Sunday, "
    "a spokesperson said. The museum director Ilya Marek said that no paintings were taken. "
    "Investigators believe the men planned to steal a silver collection, the Dunmere Post "
    "reported. The suspects will appear in court on Thursday.",
    "Farmers in the Selvan valley protested on Wednesday against new water quotas, union leader "
    "Tomas Adler said. The agriculture ministry said the quotas were needed after a dry winter. "
    "Adler claimed that officials had ignored the union's proposals. The ministry denied "
    "refusing to meet the union and said talks would resume next week.",
]
OUTLETS = [
    f"{name} {kind}"
    for name in (
        "Northgate",
        "Eastbridge",
        "Lowland",
        "Coastline",
        "Valley",
        "Harbour",
        "Kestrel",
        "Meridian",
        "Fenmoor",
        "Riverside",
        "Ashford",
        "Brightwater",
        "Caldmoor",
        "Dunhollow",
    )
    for kind in ("Times", "Herald", "Wire", "Daily", "Radio")
]
START = date(2024, 1, 1)


@dataclass
class Plan:
    """Which articles exist and how the corpus links them (the analyzer's work, planned)."""

    rows: dict[Any, list[dict[str, Any]]] = field(default_factory=dict)
    links: list[CopyLink] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    clusters: list[ClaimCluster] = field(default_factory=list)
    entities: dict[str, CorpusEntity] = field(default_factory=dict)


class Delta:
    """The attributes Store.apply_delta reads of an analyzer delta."""

    def __init__(self, plan: Plan) -> None:
        self.copy_links = plan.links
        self.stories = plan.stories
        self.claim_clusters = plan.clusters
        self.corpus_entities = list(plan.entities.values())
        self.judgements: list[Any] = []


def templates() -> list[Analysis]:
    config = default_config()
    return [analyze(t, published="2024-01-01", config=config) for t in TEMPLATES]


@dataclass
class Template:
    """One analysed template article, kept as the plain dicts every copy is made from."""

    analysis: Analysis
    data: dict[str, Any]  # the analysis JSON
    row: dict[str, Any]  # its articles row
    derived: dict[Any, list[dict[str, Any]]]  # its entity, mention, claim, event rows
    features: dict[str, Any]  # its corpus features


def template(analysis: Analysis, config: Any) -> Template:
    return Template(
        analysis=analysis,
        data=json.loads(analysis_json(analysis)),
        row={**article_row(analysis, "bench", None), "analyzed": True},
        derived=derived_rows(analysis),
        features=json.loads(extract_features(analysis, config).model_dump_json()),
    )


def add(plan: Plan, t: Template, i: int, day: date, outlet: str, title: str) -> str:
    """Template `t` stored as article number i: its own id, URL, outlet, title and date (its
    events on its story's day); the rows an ingest writes, made from the template's dicts."""
    aid = stable_id("art", f"bench-{i}")
    url = f"https://{outlet.lower().replace(' ', '')}.example/{i}"
    when = day.isoformat()
    meta = {
        **t.data["article"],
        "id": aid,
        "url": url,
        "site": outlet,
        "title": title,
        "published": {"date": when, "source": "metadata", "evidence": "bench"},
        "source": f"bench/{i}",
        "content_hash": stable_id("hash", f"bench-{i}"),
    }
    data = {**t.data, "article": meta}
    put = plan.rows.setdefault
    put(ArticleRow, []).append(
        {
            **t.row,
            "id": aid,
            "url": url,
            "site": outlet,
            "title": title,
            "published": when,
            "published_source": "metadata",
            "source": f"bench/{i}",
            "content_hash": meta["content_hash"],
        }
    )
    put(AnalysisRow, []).append(
        {"article_id": aid, "schema": t.analysis.schema_, "data": json.dumps(data)}
    )
    events = [
        {
            **e,
            "key": f"{aid}/{e['id']}",
            "time": when,
            "granularity": "day",
            "range_start": when,
            "range_end": when,
        }
        for e in t.features["events"]
    ]
    features = {**t.features, "id": aid, "published": when, "site": outlet, "events": events}
    put(FeatureRow, []).append(
        {"article_id": aid, "data": zlib.compress(json.dumps(features).encode("utf-8"), 6)}
    )
    for table, rows in t.derived.items():
        put(table, []).extend({**r, "article_id": aid} for r in rows)
    return aid


def build(n: int, seed: int, store: Store, chunk: int = 5000) -> None:
    rng = random.Random(seed)
    config = store.config
    bases = [template(a, config) for a in templates()]
    i = 0
    story_no = 0
    plan = Plan()
    entities: dict[str, CorpusEntity] = {}  # across chunks: a later chunk rewrites the record
    while i < n:
        size = min(n - i, rng.choice([1, 1, 1, 2, 3, 4, 5, 8]))
        t = bases[story_no % len(bases)]
        day = START + timedelta(days=rng.randrange(700))
        originals = min(size, rng.choice([1, 1, 2, 3]))
        title = f"{t.analysis.article.title or 'Report'} (story {story_no})"
        ids = []
        for _ in range(size):
            outlet = OUTLETS[rng.randrange(len(OUTLETS))]
            ids.append(add(plan, t, i, day, outlet, title))
            i += 1
        _link(plan, rng, story_no, ids, originals, t.analysis, day, entities)
        story_no += 1
        if len(plan.rows.get(ArticleRow, [])) >= chunk or i >= n:
            _write(store, plan)
            plan = Plan()
            print(f"  {i} articles", file=sys.stderr)


def _link(
    plan: Plan,
    rng: random.Random,
    s: int,
    ids: list[str],
    originals: int,
    base: Analysis,
    day: date,
    entities: dict[str, CorpusEntity],
) -> None:
    roots = ids[:originals]
    links = []
    for k, aid in enumerate(ids[originals:]):
        orig = roots[k % len(roots)]
        links.append(
            CopyLink(
                id=stable_id("copy", f"{aid}>{orig}"),
                article=aid,
                original=orig,
                kind=rng.choice(["verbatim", "syndicated"]),
                score=0.97,
                confidence=0.95,
            )
        )
    plan.links += links
    if len(ids) > 1:
        plan.stories.append(
            Story(
                id=stable_id("story", f"bench-{s}"),
                title=base.article.title,
                articles=ids,
                originals=roots,
                links=[x.id for x in links],
                first_published=day.isoformat(),
                last_published=(day + timedelta(hours=len(ids) - 1)).isoformat(),
            )
        )
        for c in base.claims:
            keys = [f"{a}/{c.id}" for a in ids]
            plan.clusters.append(
                ClaimCluster(
                    id=stable_id("claims", f"bench-{s}-{c.id}"),
                    claims=keys,
                    articles=ids,
                    representative=keys[0],
                    independent_sources=len(roots),
                    upstreams=[[r] for r in roots],
                    collapsed=[
                        f"{x.article} collapses into its original {x.original}" for x in links
                    ],
                    stance_sources={"1": len(roots)},
                )
            )
    for e in base.entities:
        cid = stable_id("ent", f"{e.name}-{s // 20}")
        ce = entities.setdefault(
            cid, CorpusEntity(id=cid, name=e.name, type=e.type, aliases=[], members=[], articles=0)
        )
        plan.entities[cid] = ce
        ce.members += [f"{a}/{e.id}" for a in ids]
        ce.articles += len(ids)


def _write(store: Store, plan: Plan) -> None:
    with store.transaction() as conn:
        for table in (ArticleRow, AnalysisRow, FeatureRow):
            conn.execute(table.__table__.insert(), plan.rows.pop(table))
        for table, rows in plan.rows.items():
            if rows:
                conn.execute(table.__table__.insert(), rows)
        # the store's own delta writer (corpus entities spanning chunks are written again whole)
        store._apply(conn, Delta(plan))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--db", required=True, help="a SQLite path or a database URL (empty)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    store = Store(args.db)
    if store.counts()["articles"]:
        raise SystemExit(f"{args.db} already holds articles: give a new database")
    build(args.articles, args.seed, store)
    print("  writing the summaries", file=sys.stderr)
    with store.transaction() as conn:
        summaries.rebuild(conn, store.config)
        conn.execute(delete(MetaRow).where(MetaRow.key == summaries.META_KEY))
        conn.execute(
            MetaRow.__table__.insert(),
            [{"key": summaries.META_KEY, "value": summaries.fingerprint(store.config)}],
        )
    counts = store.counts()
    store.close()
    print(
        f"{args.articles} articles in {time.perf_counter() - started:.0f} s: "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if v)
    )


if __name__ == "__main__":
    main()
