"""The LSH candidate step alone at 100 k and 300 k signatures: time and candidate pairs.

    .venv/bin/python bench/lsh_scale.py [--sizes 100000 300000] [--ray] [--json out.json]

Signatures are drawn the way MinHash behaves (no text needed): a story has a random base
signature; a copy keeps each hash value of its original with probability equal to their
Jaccard similarity (verbatim 0.95, truncated 0.7, rewrite 0.4) and draws the others afresh;
~40 % of signatures are one-offs. Both signatures of an article (shingles: 16 bands x 8 rows,
content words: 21 x 6, as in default_config.toml) go through:

- rows: features_bands.band_hashes -> (band key, id) rows (what the workers emit);
- group (local): bands.candidate_pairs, a dict in this process (the local engine);
- group (ray): ray_engine.group_on_ray, hash-partitioned Ray Data blocks (--ray; a Ray
  instance started on this machine);
- datasketch: MinHashLSH insert + query of every signature, the reference the pairs must equal
  (checked at every size).

The cost per signature must stay about flat and the pairs grow about linearly (no all-pairs).
Numbers go to docs/benchmarks.md under "## Scale-out (Ray)".
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from datasketch import LeanMinHash, MinHashLSH

from newsint.config import default_config
from newsint.corpus import bands
from newsint.stages.features import bands as features_bands

JACCARD = {"verbatim": 0.95, "truncated": 0.7, "rewrite": 0.4}


def signatures(n: int, perm: int, seed: int) -> np.ndarray:
    """n x perm uint32 MinHash values with stories of copies (see the module doc)."""
    rng = np.random.default_rng(seed)
    out = np.empty((n, perm), dtype=np.uint32)
    i = 0
    kinds = list(JACCARD)
    while i < n:
        base = rng.integers(0, 2**32, perm, dtype=np.uint32)
        out[i] = base
        i += 1
        if rng.random() < 0.4:
            continue
        for _ in range(int(rng.integers(1, 5))):
            if i >= n:
                break
            keep = rng.random(perm) < JACCARD[kinds[int(rng.integers(0, 3))]]
            out[i] = np.where(keep, base, rng.integers(0, 2**32, perm, dtype=np.uint32))
            i += 1
    return out


def rows_of(sigs: dict[bytes, np.ndarray], cfg, ids: list[str]) -> list[tuple[bytes, str]]:
    rows: list[tuple[bytes, str]] = []
    for tag, (bands_n, rows_n) in (
        (features_bands.SHINGLE, (cfg.shingle_bands, cfg.shingle_rows)),
        (features_bands.BAG, (cfg.bag_bands, cfg.bag_rows)),
    ):
        for aid, hv in zip(ids, sigs[tag], strict=True):
            for b, h in enumerate(features_bands.band_hashes(hv, bands_n, rows_n)):
                rows.append((tag + struct.pack(">H", b) + h, aid))
    return rows


def datasketch_pairs(sigs: dict[bytes, np.ndarray], cfg, ids: list[str]) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for tag, perm, params in (
        (features_bands.SHINGLE, cfg.shingle_num_perm, (cfg.shingle_bands, cfg.shingle_rows)),
        (features_bands.BAG, cfg.bag_num_perm, (cfg.bag_bands, cfg.bag_rows)),
    ):
        lsh = MinHashLSH(num_perm=perm, params=params)
        lean = [LeanMinHash(seed=1, hashvalues=hv, scheme="affine32") for hv in sigs[tag]]
        for aid, m in zip(ids, lean, strict=True):
            lsh.insert(aid, m, check_duplication=False)
        for aid, m in zip(ids, lean, strict=True):
            pairs.update((min(aid, j), max(aid, j)) for j in lsh.query(m) if j != aid)
    return pairs


def run_size(n: int, use_ray: bool) -> dict:
    cfg = default_config().corpus
    ids = [f"a{i:08d}" for i in range(n)]
    sigs = {
        features_bands.SHINGLE: signatures(n, cfg.shingle_num_perm, 1),
        features_bands.BAG: signatures(n, cfg.bag_num_perm, 1),  # same stories in both signatures
    }
    t0 = time.perf_counter()
    rows = rows_of(sigs, cfg, ids)
    t_rows = time.perf_counter() - t0
    t0 = time.perf_counter()
    pairs = bands.candidate_pairs(rows)
    t_group = time.perf_counter() - t0
    out = {
        "signatures": n,
        "band_rows": len(rows),
        "candidate_pairs": len(pairs),
        "rows_s": round(t_rows, 2),
        "group_local_s": round(t_group, 2),
        "us_per_signature_local": round(1e6 * (t_rows + t_group) / n, 1),
    }
    if use_ray:
        import ray

        from newsint.engines.ray_engine import group_on_ray

        if not ray.is_initialized():
            ray.init(include_dashboard=False, logging_level="ERROR", log_to_driver=False)
            ray.data.DataContext.get_current().enable_progress_bars = False
        keys = [k for k, _ in rows]
        who = [a for _, a in rows]
        t0 = time.perf_counter()
        got = group_on_ray(ray, keys, who, parts=max(2, len(rows) // 500_000))
        out["group_ray_s"] = round(time.perf_counter() - t0, 2)
        out["ray_equal"] = set(got) == pairs
    t0 = time.perf_counter()
    ref = datasketch_pairs(sigs, cfg, ids)
    out["datasketch_s"] = round(time.perf_counter() - t0, 2)
    out["equal_to_datasketch"] = ref == pairs
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000])
    parser.add_argument("--ray", action="store_true", help="also group on Ray Data")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = []
    for n in args.sizes:
        r = run_size(n, args.ray)
        print(json.dumps(r), flush=True)
        results.append(r)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    print(f"machine: {os.cpu_count()} CPUs", file=sys.stderr)


if __name__ == "__main__":
    main()
