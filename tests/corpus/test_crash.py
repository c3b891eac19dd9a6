"""Kill -9 during a long ingest, then ingest again: nothing lost, nothing doubled.

The ingest runs as a real `newsint ingest` process and is killed with SIGKILL once part of the
corpus is stored, at whatever point it has reached: inside an article's transaction, between an
article and its analyzer delta, or inside a delta. A second ingest of the same inputs must then
leave exactly one article per distinct input and a store without half-written rows.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from newsint.corpus.store.store import Store
from newsint.corpus.store.tables import ArticleRow

pytestmark = pytest.mark.slow

DISTINCT = 240
SYLLABLES = ("ka", "ro", "mi", "tu", "le", "sa", "no", "vi", "da", "pe", "lo", "ri", "fu", "ga")


def write_inputs(root: Path) -> int:
    """DISTINCT different articles in nested folders, a few of them duplicated under other names."""
    rng = random.Random(7)
    vocab = sorted(
        {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(6000)}
    )
    texts = []
    for i in range(DISTINCT):
        paragraphs = [" ".join(rng.choice(vocab) for _ in range(60)) + "." for _ in range(3)]
        texts.append(f"Report {i} on {rng.choice(vocab)}\n\n" + "\n\n".join(paragraphs) + "\n")
    for i, text in enumerate(texts):
        folder = root / f"batch{i % 6}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"report{i:04d}.txt").write_text(text, encoding="utf-8")
    for i in range(0, DISTINCT, 40):  # the same text again: one article, not two
        (root / f"again{i:04d}.txt").write_text(texts[i], encoding="utf-8")
    return DISTINCT


def ingest_command(inputs: Path, db: str, config: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "newsint.cli",
        "ingest",
        str(inputs),
        "--db",
        db,
        "--config",
        str(config),
        "--format",
        "json",
    ]


def stored(db: str) -> int:
    with Store(db, migrate=False) as store, store.reading() as conn:
        return conn.scalar(select(func.count()).select_from(ArticleRow)) or 0


def test_kill_during_ingest_then_resume(tmp_path: Path, db_url: str) -> None:
    inputs = tmp_path / "inputs"
    distinct = write_inputs(inputs)
    config = tmp_path / "crash.toml"
    # No spaCy (the kill must land mid-corpus, not during a model load) and small analyzer
    # batches, so the kill can land inside or between analyzer deltas too.
    config.write_text('[pipeline]\nstages = ["clean"]\n[ingest]\nanalyzer_batch = 7\n')
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    Store(db_url).close()  # create the schema first, so polling never races the migration
    proc = subprocess.Popen(
        ingest_command(inputs, db_url, config),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while stored(db_url) < distinct // 5:
            assert proc.poll() is None, "the ingest ended before it could be killed"
            assert time.monotonic() < deadline, "the ingest stored too little in two minutes"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    at_kill = stored(db_url)
    assert 0 < at_kill < distinct, "the kill did not land mid-ingest"

    with Store(db_url) as store:  # what the kill left is whole
        assert store.integrity() == []

    again = subprocess.run(
        ingest_command(inputs, db_url, config), env=env, capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert summary["failed"] == []
    assert summary["added"] == distinct - at_kill
    assert summary["unchanged"] == at_kill + (distinct // 40)  # duplicates count as unchanged

    with Store(db_url) as store:
        counts = store.counts()
        assert counts["articles"] == counts["analyses"] == counts["features"] == distinct
        assert store.integrity() == []
        assert list(store.features(analyzed=False)) == []  # every article reached the analyzer
        with store.reading() as conn:
            assert (
                conn.scalar(select(func.count(func.distinct(ArticleRow.content_hash)))) == distinct
            )
