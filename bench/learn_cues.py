"""Learn the English cue lexicon from the PolNeAR *train* split (never dev): which word forms head an attribution.

For every gold attribution the head of its Cue span is the token of the span whose syntactic head
lies outside it (spaCy's dependency parse of the article; "has also said" -> "said", "according
to" -> "according", "said in a statement" -> "said"). Each lower-cased form then gets two counts:
how often it heads a gold cue, and how often it occurs in the train texts at all (outside
quotation marks, where cues are looked for). The quote finder reads the forms whose ratio and
count pass its thresholds (:mod:`storyweave.quoting.learned`); the counts are kept so that the
choice stays visible and can be re-made without re-running this script.

    .venv/bin/python -m bench.learn_cues            # writes storyweave/quoting/data/cues_en.json
    .venv/bin/python -m bench.learn_cues --fold 0/2 --out-dir /tmp/cues   # half of train, for held-out checks

Prints one JSON line (how many forms, how many attributions their heads cover).
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from bench.quotes_polnear import DATA
from storyweave.backends.nlp import get_nlp
from storyweave.quoting.marks import find_quotes

OUT_DIR = Path(__file__).resolve().parents[1] / "storyweave" / "quoting" / "data"
#: forms seen heading fewer gold cues than this are not written (typos, one-off phrasings)
MIN_HEADS = 2
#: a frame's prior (what a form never read in it gets) pools the rarely read forms: how a form of the long
#: tail fares, not "said"
RARE_READINGS = 20
#: the reading model ignores features seen fewer times than this
MIN_FEATURE_COUNT = 2
#: inverse L2 strength of the reading model
REGULARISATION = 1.0


def _cue_heads(doc: Any, cue_spans: list[tuple[int, int]]) -> list[int]:
    """Token index of the syntactic head of each cue span (-1 when the span holds no token)."""
    starts = [t.idx for t in doc]
    out = []
    for s, e in cue_spans:
        lo = bisect.bisect_left(starts, s)
        hi = bisect.bisect_left(starts, e)
        inside = [doc[k] for k in range(lo, hi) if doc[k].text[:1].isalnum()]
        heads = [t for t in inside if not (lo <= t.head.i < hi) or t.head.i == t.i]
        out.append(heads[0].i if heads else (inside[0].i if inside else -1))
    return out


def _heads(rows: list[dict[str, Any]]) -> tuple[dict[str, int], dict[str, int], float]:
    """Form -> times it headed a gold cue, form -> occurrences outside quotation marks, and the share of
    attributions whose cue head is a kept form."""
    nlp = get_nlp("en", parser=True)
    heads: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    per_attr: list[str] = []
    for row, doc in zip(rows, nlp.pipe([r["text"] for r in rows]), strict=True):
        quoted = sorted((q.start, q.end) for q in find_quotes(row["text"]))
        q_starts = [s for s, _ in quoted]
        for t in doc:
            k = bisect.bisect_right(q_starts, t.idx) - 1
            if t.text[:1].isalpha() and not (k >= 0 and quoted[k][0] <= t.idx < quoted[k][1]):
                seen[t.lower_] += 1
        for q in row["quotes"]:
            if not q["contents"]:
                continue
            idx = [k for k in _cue_heads(doc, [(c["start"], c["end"]) for c in q["cue"]]) if k >= 0]
            form = doc[idx[0]].lower_ if idx and doc[idx[0]].text[:1].isalpha() else ""
            if form:
                heads[form] += 1
            per_attr.append(form)
    kept = {f: heads[f] for f in sorted(heads, key=lambda f: (-heads[f], f)) if heads[f] >= MIN_HEADS}
    covered = sum(1 for f in per_attr if f in kept) / max(1, len(per_attr))
    return kept, {f: seen[f] for f in kept}, covered


def _readings(
    rows: list[dict[str, Any]], docs: list[Any] | None = None
) -> tuple[Counter[tuple[str, str, bool]], list[tuple[tuple[str, ...], bool]]]:
    """Every parsed reading the finder makes when none is held back, and whether it matched a gold attribution:
    as (form, frame, matched) counts and as (features, matched) examples for the reading model."""
    from bench.quotes_polnear import match
    from storyweave.models import Article
    from storyweave.quoting.attribution import find_quotes_in
    from storyweave.stages.quotes import to_quote

    nlp = get_nlp("en")
    if docs is None:
        docs = list(nlp.pipe([r["text"] for r in rows]))
    counts: Counter[tuple[str, str, bool]] = Counter()
    examples: list[tuple[tuple[str, ...], bool]] = []
    for row, doc in zip(rows, docs, strict=True):
        art = Article(row["doc_id"], row["doc_id"], row["doc_id"], "polnear", "jsonl", row["text"], {})
        found = find_quotes_in(row["text"], doc, "en", nlp.has_ner, nlp.spacy, min_precision=0.0)
        preds = [to_quote(art, f, "en") for f in found]
        matched = {i for i, _ in match(preds, [g for g in row["quotes"] if g["contents"]])}
        for i, f in enumerate(found):
            if f.cue_frame and f.cue:
                counts[(f.cue.casefold(), f.cue_frame, i in matched)] += 1
                examples.append((f.cue_features, i in matched))
    return counts, examples


def _model(examples: list[tuple[tuple[str, ...], bool]]) -> dict[str, Any]:
    """Logistic regression (L2, liblinear: deterministic) over the features seen at least twice."""
    from sklearn.linear_model import LogisticRegression

    seen: Counter[str] = Counter(f for feats, _ in examples for f in feats)
    vocab = sorted(f for f, n in seen.items() if n >= MIN_FEATURE_COUNT)
    index = {f: k for k, f in enumerate(vocab)}
    from scipy.sparse import csr_matrix

    rows_i, cols, vals = [], [], []
    for r, (feats, _) in enumerate(examples):
        for f in feats:
            if f in index:
                rows_i.append(r)
                cols.append(index[f])
                vals.append(1.0)
    x = csr_matrix((vals, (rows_i, cols)), shape=(len(examples), len(vocab)))
    y = [int(ok) for _, ok in examples]
    clf = LogisticRegression(C=REGULARISATION, solver="liblinear", random_state=0)
    clf.fit(x, y)
    weights = {f: round(float(w), 4) for f, w in zip(vocab, clf.coef_[0], strict=True) if abs(w) >= 1e-4}
    return {"bias": round(float(clf.intercept_[0]), 4), "weights": weights, "examples": len(examples)}


def _write(
    out: Path,
    articles: int,
    heads: dict[str, int],
    seen: dict[str, int],
    frames: Counter[Any],
    model: dict[str, Any] | None = None,
) -> None:
    forms: dict[str, Any] = {}
    priors: dict[str, list[int]] = {}
    for form in heads:
        forms[form] = {"heads": heads[form], "seen": seen[form], "frames": {}}
    for (form, frame, ok), n in sorted(frames.items()):
        entry = forms.setdefault(form, {"heads": 0, "seen": 0, "frames": {}})
        m_f = entry["frames"].setdefault(frame, [0, 0])
        m_f[0] += n if ok else 0
        m_f[1] += n
    for entry in forms.values():
        for frame, (m, f) in entry["frames"].items():
            if f <= RARE_READINGS:
                prior = priors.setdefault(frame, [0, 0])
                prior[0] += m
                prior[1] += f
    payload = {
        "source": "PolNeAR train split (bench/learn_cues.py)",
        "articles": articles,
        "fields": {
            "heads": "times the form headed a gold Cue span",
            "seen": "occurrences outside quotation marks",
            "frames": "frame -> [parsed readings that matched a gold attribution, parsed readings]",
            "priors": f"frame -> the same, pooled over the forms read in it at most {RARE_READINGS} times",
        },
        "priors": priors,
        "model": model or {},
        "forms": forms,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(payload, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")


def learn(limit: int | None = None, fold: tuple[int, int] | None = None, out_dir: Path = OUT_DIR) -> dict[str, Any]:
    """Learn from the train split (``fold`` = (k, n): only the articles whose index is k modulo n)."""
    from storyweave.quoting import lexicon

    rows = [json.loads(line) for line in (DATA / "polnear_train.jsonl").open(encoding="utf-8")]
    rows = rows[:limit] if limit else rows
    if fold is not None:
        rows = [r for i, r in enumerate(rows) if i % fold[1] == fold[0]]
    out = out_dir / "cues_en.json"
    heads, seen, covered = _heads(rows)
    _write(out, len(rows), heads, seen, Counter())
    lexicon.LEARNED_DIR = out_dir
    lexicon.learned_cues.cache_clear()
    lexicon.candidate_forms.cache_clear()
    lexicon.trusted_forms.cache_clear()
    frames, examples = _readings(rows)
    model = _model(examples)
    _write(out, len(rows), heads, seen, frames, model)
    lexicon.learned_cues.cache_clear()
    lexicon.candidate_forms.cache_clear()
    lexicon.trusted_forms.cache_clear()
    return {
        "bench": "learn_cues",
        "articles": len(rows),
        "forms": len(heads),
        "attributions_with_a_kept_head": round(covered, 3),
        "parsed_readings": len(examples),
        "model_features": len(model["weights"]),
        "out": str(out),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--fold", default=None, help="k/n: learn from the train articles whose index is k modulo n")
    ap.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(json.dumps({"bench": "learn_cues", "skipped": f"{DATA} absent"}))
        return 0
    fold = tuple(int(x) for x in args.fold.split("/")) if args.fold else None
    print(json.dumps(learn(args.limit, fold if fold and len(fold) == 2 else None, args.out_dir)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
