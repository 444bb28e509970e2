"""Bench the entities stage (speed) and the name-matching decisions (precision/recall).

(a) Speed: the ScrapingHub gold article bodies (``extract/scrapinghub/ground-truth.json``, 181
mostly English articles) as clean articles, language detected as the pipeline does; spaCy parses
them once (``get_nlp(lang).pipe``, timed on its own), then the stage runs on the parsed Docs (our
share), then the cross-article resolver. Figures are per article, single process.

(b) Matching: ``bench/data/entity_pairs.tsv``, name pairs written for this bench with the right
decision (same person / organisation / place or not), including hard negatives (gendered
surnames, relatives, look-alike surnames, shared acronyms). Our decision is the resolver's: a
shared blocking key and a ``compare`` verdict, with no context (so context-only matches count as
misses). The Jaro-Winkler baseline (rapidfuzz) is scored at its best threshold on the same list
- an optimistic anchor - and ``jw_rank_errors`` is the share of (same, different) pairs in which
the different pair scores at least as high as the same pair.

(c) Scale: the resolver alone over synthetic stage output (invented people drawn from a pool as
large as the number of articles): its cost per article in the first and the last tenth.

    .venv/bin/python -m bench.entities [--limit N] [--show-errors] [--scale N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.metrics import BENCH_DATA

GOLD = BENCH_DATA / "extract" / "scrapinghub" / "ground-truth.json"
PAIRS = Path(__file__).resolve().parent / "data" / "entity_pairs.tsv"


def _articles(limit: int | None) -> list[Any]:
    from storyweave.extraction.language import detect_language
    from storyweave.models import Article, Field

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    ids = sorted(gold)[:limit] if limit else sorted(gold)
    out = []
    for k in ids:
        text = gold[k]["articleBody"]
        lang = detect_language(text) or Field("en", "default")
        meta = {"language": lang, "outlet": Field(urlsplit(str(gold[k].get("url", ""))).netloc or None, "url")}
        out.append(
            Article(id=k, document_id=k, external_id=k, source="bench", input_format="text", text=text, meta=meta)
        )
    return out


def speed(limit: int | None) -> dict[str, Any]:
    from storyweave.backends.nlp import get_nlp
    from storyweave.stages.canonical import Resolver
    from storyweave.stages.entities import EntitiesStage, _language

    arts = _articles(limit)
    langs = sorted({_language(a) for a in arts})
    for lang in langs:
        next(get_nlp(lang).pipe(["Warm-up sentence."]))  # model loading is not per-article cost
    stage = EntitiesStage()
    stage(arts[0], next(get_nlp(_language(arts[0])).pipe([arts[0].text])))  # warm the lexicon tables
    t0 = time.perf_counter()
    docs: list[Any] = [None] * len(arts)
    for lang in langs:
        idx = [i for i, a in enumerate(arts) if _language(a) == lang]
        for i, d in zip(idx, get_nlp(lang).pipe([arts[i].text for i in idx]), strict=True):
            docs[i] = d
    t_spacy = time.perf_counter() - t0
    t0 = time.perf_counter()
    results = list(stage.pipe(arts, docs))
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    resolver = Resolver()
    resolutions = list(resolver.pipe(results))
    t_resolve = time.perf_counter() - t0
    n = len(arts)
    return {
        "articles": n,
        "languages": {lang: sum(1 for a in arts if _language(a) == lang) for lang in langs},
        "articles_per_s": round(n / (t_spacy + t_ours), 2),
        "spacy_ms_per_article": round(1000 * t_spacy / n, 2),
        "stage_ms_per_article": round(1000 * t_ours / n, 2),
        "stage_share": round(t_ours / (t_spacy + t_ours), 3),
        "resolver_ms_per_article": round(1000 * t_resolve / n, 2),
        "mentions": sum(len(r.mentions) for r in results),
        "entities": len(resolver.state.entities),
        "merges": sum(len(r.merges) for r in resolutions),
    }


def _read_pairs() -> list[tuple[str, str, str, str, str, bool, str]]:
    rows = []
    for line in PAIRS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        typ, a, la, b, lb, same, kind = line.split("\t")
        rows.append((typ, a, la, b, lb, same == "1", kind))
    return rows


def _features(typ: str, name: str, lang: str) -> Any:
    from storyweave.names.orgs import is_acronym
    from storyweave.names.persons import parse_person
    from storyweave.stages.entities import mention_keys
    from storyweave.stages.matching import Features

    f = Features(typ)
    pn = parse_person(name, lang) if typ == "person" else None
    f.keys = {k for k in mention_keys(typ, name, lang, pn) if not k.startswith("g:")}
    if pn is not None:
        f.add_person(pn)
        f.gender = pn.gender if pn.gender_strong else None
    f.expanded = typ == "org" and not is_acronym(name)
    return f


def _prf(pred: list[bool], gold: list[bool]) -> dict[str, float]:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3)}


def matching(show_errors: bool) -> dict[str, Any]:
    from anyascii import anyascii
    from rapidfuzz.distance import JaroWinkler

    from storyweave.stages.matching import compare

    rows = _read_pairs()
    gold = [r[5] for r in rows]
    pred = []
    for typ, a, la, b, lb, same, kind in rows:
        fa, fb = _features(typ, a, la), _features(typ, b, lb)
        decided = bool(fa.keys & fb.keys) and compare(fa, fb).same
        pred.append(decided)
        if show_errors and decided != same:
            print(f"wrong: {typ} {a!r} / {b!r} gold={int(same)} ({kind}): {compare(fa, fb).rule}", file=sys.stderr)
    jw = [JaroWinkler.similarity(anyascii(r[1]).casefold(), anyascii(r[3]).casefold()) for r in rows]
    best = max(((t / 100, _prf([s >= t / 100 for s in jw], gold)) for t in range(50, 100)), key=lambda x: x[1]["f1"])
    pos = [s for s, g in zip(jw, gold, strict=True) if g]
    neg = [s for s, g in zip(jw, gold, strict=True) if not g]
    rank_errors = sum(1 for p in pos for q in neg if q >= p) / (len(pos) * len(neg))
    hard = [r[6] for r in rows if not r[5]]
    ours_fp = [r[6] for r, p in zip(rows, pred, strict=True) if p and not r[5]]
    return {
        "pairs": len(rows),
        "positives": sum(gold),
        "hard_negatives": len(hard),
        "ours": _prf(pred, gold),
        "ours_false_merges": len(ours_fp),
        "jw_best_threshold": best[0],
        "jw_best": best[1],
        "jw_at_0.9": _prf([s >= 0.9 for s in jw], gold),
        "jw_rank_errors": round(rank_errors, 3),
        "jw_negatives_at_or_above_0.9": sum(1 for q in neg if q >= 0.9),
    }


_SYLLABLES = ("ba", "ve", "ko", "lo", "mi", "ra", "shen", "da", "no", "pe", "tro", "go", "rin", "ska", "vi", "lu")
_SURNAME_ENDS = [("ov", "ova"), ("in", "ina"), ("sky", "skaya"), ("enko", "enko"), ("uk", "uk")]


def _synthetic(n: int, people: int, seed: int = 7) -> list[Any]:
    """``n`` articles of resolved-stage output naming people from a pool of ``people`` invented
    persons (given names from the lexicon, invented surnames), places and organisations."""
    import random

    from anyascii import anyascii

    from storyweave.names.given import GIVEN_NAMES
    from storyweave.stages.entities import ArticleEntities, Chain, Mention, mention_keys

    rng = random.Random(seed)
    givens: dict[str, list[str]] = {"m": [], "f": []}
    for line in GIVEN_NAMES.strip().splitlines():
        gender, *forms = line.split()
        givens[gender].extend(anyascii(f).replace("'", "") for f in forms)
    pool = []
    for _ in range(people):
        gender = rng.choice("mf")
        stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        end = rng.choice(_SURNAME_ENDS)[0 if gender == "m" else 1]
        pool.append(f"{rng.choice(givens[gender])} {stem}{end}")
    places = ["".join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize() + "sk" for _ in range(people // 10)]
    out = []
    for a in range(n):
        names = [("person", rng.choice(pool)) for _ in range(5)] + [("place", rng.choice(places)) for _ in range(3)]
        mentions, chains = [], []
        pos = 0
        for ci, (typ, name) in enumerate(dict.fromkeys(names)):
            keys = mention_keys(typ, name, "en")
            parts = name.split()
            m = Mention(
                name,
                pos,
                pos + len(name),
                typ,
                typ.upper(),
                name,
                None,
                keys[0],
                keys,
                given=parts[0] if typ == "person" else None,
                surname=parts[-1] if typ == "person" else None,
                chain=ci,
            )
            pos += len(name) + 1
            mentions.append(m)
            chains.append(Chain(ci, typ, name, (ci,)))
        out.append(ArticleEntities(f"s{a}", "en", f"outlet{a % 7}", None, tuple(mentions), tuple(chains)))
    return out


def scale(n: int) -> dict[str, Any]:
    """Resolver cost per article at the start and at the end of ``n`` synthetic articles."""
    import resource

    from storyweave.stages.canonical import Resolver

    arts = _synthetic(n, people=max(1000, n))
    resolver = Resolver()
    window = max(1, n // 10)
    times = []
    for i in range(0, n, window):
        t0 = time.perf_counter()
        list(resolver.pipe(arts[i : i + window]))
        times.append(1000 * (time.perf_counter() - t0) / len(arts[i : i + window]))
    return {
        "articles": n,
        "entities": len(resolver.state.entities),
        "resolver_ms_first_tenth": round(times[0], 3),
        "resolver_ms_last_tenth": round(times[-1], 3),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles (sorted by id) for speed")
    ap.add_argument("--show-errors", action="store_true", help="list the pairs decided wrongly on stderr")
    ap.add_argument("--scale", type=int, default=20000, help="synthetic articles for the resolver scale run (0: skip)")
    args = ap.parse_args(argv)
    out: dict[str, Any] = {"matching": matching(args.show_errors)}
    if args.scale:
        out["scale"] = scale(args.scale)
    if GOLD.exists():
        out["speed"] = speed(args.limit)
    else:
        out["speed"] = {"error": f"bench data not found under {BENCH_DATA}"}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
