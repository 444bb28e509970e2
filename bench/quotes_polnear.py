"""Quote finding and speaker attribution on PolNeAR (political news, brat Source/Cue/Content spans).

A gold unit is one attribution relation (its Content spans together). A predicted quote matches a
gold one when their overlap is at least half of the shorter of the two (lengths summed over parts);
pairs are matched one to one, largest overlap first. Content P/R/F1 are reported overall and for
direct (the gold content carries quotation marks; predicted ``direct``/``partial``) and indirect
attributions. Speaker accuracy is over matched pairs whose gold has a Source: the prediction is
right when the speaker as written (``mention``) or the resolved name's span overlaps a gold Source
span, or when the resolved name's surname occurs in the gold Source text (the same person named
elsewhere, e.g. gold marks "Clinton" and we resolved "he" to "Hillary Clinton").

    .venv/bin/python -m bench.quotes_polnear [--split dev|train] [--limit N] [--show-misses N]

Prints one JSON line. Develop on ``train``; report ``dev``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from storyweave.backends.nlp import get_nlp
from storyweave.models import Article, Field
from storyweave.stages.quotes import Quote, QuotesStage

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "quotes" / "polnear"


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _length(spans: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in spans)


def match(preds: list[Quote], golds: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs, by overlap of at least half the shorter."""
    cands: list[tuple[int, int, int]] = []
    for i, p in enumerate(preds):
        ps = list(p.parts) or [(p.start, p.end)]
        for j, g in enumerate(golds):
            gs = [(c["start"], c["end"]) for c in g["contents"]]
            ov = _overlap(ps, gs)
            if ov and ov >= 0.5 * min(_length(ps), _length(gs)):
                cands.append((ov, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _ov, i, j in sorted(cands, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def speaker_right(p: Quote, g: dict[str, Any]) -> bool:
    spans = [(s["start"], s["end"]) for s in g["sources"]]
    for lo, hi in ((p.mention_start, p.mention_end), (p.speaker_start, p.speaker_end)):
        if lo is not None and hi is not None and _overlap([(lo, hi)], spans):
            return True
    if p.speaker_name:
        surname = p.speaker_name.split()[-1].casefold()
        return any(surname in s["text"].casefold().split() for s in g["sources"])
    return False


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}


def evaluate(split: str = "dev", limit: int | None = None, show_misses: int = 0) -> dict[str, Any]:
    rows = [json.loads(line) for line in (DATA / f"polnear_{split}.jsonl").open(encoding="utf-8")]
    rows = rows[:limit] if limit else rows
    nlp = get_nlp("en")
    stage = QuotesStage()
    arts = [
        Article(
            r["doc_id"], r["doc_id"], r["doc_id"], "polnear", "jsonl", r["text"], {"language": Field("en", "input")}
        )
        for r in rows
    ]
    t0 = time.process_time()
    docs = list(nlp.pipe([a.text for a in arts]))
    t_parse = time.process_time() - t0
    t0 = time.process_time()  # CPU time: the machine is shared, wall time would measure the neighbours
    all_preds = stage.pipe(arts, docs)
    t_stage = time.process_time() - t0
    figures = score(rows, all_preds, show_misses)
    return {
        "bench": "quotes_polnear",
        "split": split,
        "articles": len(rows),
        **figures,
        "stage_ms_per_article": round(1000 * t_stage / max(1, len(rows)), 2),
        "parse_ms_per_article": round(1000 * t_parse / max(1, len(rows)), 2),
        "tokens_per_article": round(sum(len(d) for d in docs) / max(1, len(docs))),
        "articles_per_s": round(len(rows) / (t_stage + t_parse), 1),
        "stage_articles_per_s": round(len(rows) / t_stage, 1) if t_stage else 0.0,
    }


def score(rows: list[dict[str, Any]], all_preds: list[list[Quote]], show_misses: int = 0) -> dict[str, Any]:
    """Content P/R/F1 (overall, direct, indirect) and speaker accuracy of predictions against gold rows."""
    n = {"pd": 0, "pi": 0, "gd": 0, "gi": 0, "tpd_p": 0, "tpi_p": 0, "tpd_g": 0, "tpi_g": 0}
    spk = {"direct": [0, 0], "indirect": [0, 0]}
    shown = 0
    for row, preds in zip(rows, all_preds, strict=True):
        golds = [g for g in row["quotes"] if g["contents"]]
        for p in preds:
            n["pd" if p.kind != "indirect" else "pi"] += 1
        for g in golds:
            n["gd" if g["direct"] else "gi"] += 1
        pairs = match(preds, golds)
        matched_g = {j for _, j in pairs}
        for i, j in pairs:
            p, g = preds[i], golds[j]
            n["tpd_p" if p.kind != "indirect" else "tpi_p"] += 1
            n["tpd_g" if g["direct"] else "tpi_g"] += 1
            if g["sources"]:
                cls = "direct" if g["direct"] else "indirect"
                ok = speaker_right(p, g)
                spk[cls][0] += ok
                spk[cls][1] += 1
                if not ok and shown < show_misses:
                    shown += 1
                    src = [s["text"] for s in g["sources"]]
                    print(
                        f"SPK gold={src} got={p.speaker_text!r}->{p.speaker_name!r} ({p.resolution})", file=sys.stderr
                    )
        if show_misses and shown < show_misses:
            for j, g in enumerate(golds):
                if j not in matched_g and shown < show_misses and g["direct"]:
                    shown += 1
                    cue = " ".join(c["text"] for c in g["cue"])
                    print(f"FN [{cue}] {g['contents'][0]['text'][:120]!r}", file=sys.stderr)
    overall = _prf(n["tpd_p"] + n["tpi_p"], n["pd"] + n["pi"], n["tpd_g"] + n["tpi_g"], n["gd"] + n["gi"])
    spk_all = [spk["direct"][0] + spk["indirect"][0], spk["direct"][1] + spk["indirect"][1]]
    return {
        "gold": n["gd"] + n["gi"],
        "predicted": n["pd"] + n["pi"],
        "content": overall,
        "content_direct": _prf(n["tpd_p"], n["pd"], n["tpd_g"], n["gd"]),
        "content_indirect": _prf(n["tpi_p"], n["pi"], n["tpi_g"], n["gi"]),
        "speaker_accuracy": round(spk_all[0] / spk_all[1], 3) if spk_all[1] else 0.0,
        "speaker_accuracy_direct": round(spk["direct"][0] / spk["direct"][1], 3) if spk["direct"][1] else 0.0,
        "speaker_accuracy_indirect": round(spk["indirect"][0] / spk["indirect"][1], 3) if spk["indirect"][1] else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--show-misses", type=int, default=0)
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(json.dumps({"bench": "quotes_polnear", "skipped": f"{DATA} absent"}))
        return 0
    print(json.dumps(evaluate(args.split, args.limit, args.show_misses)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
