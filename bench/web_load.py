"""Load on the web server: requests/s and p50/p99 latency of the story page and the search endpoint.

A bounded run against a real ``storyweave serve`` (uvicorn, one process, started here on 127.0.0.1 on a
free port): for each store, requests sent by an async httpx client with a fixed concurrency. Targets:

- ``story``: ``GET /stories/{id}`` (the server-rendered story page) over a mix of many different pages:
  the heaviest storylines and events of the store plus a seeded random sample of all the others (a
  storyline of several pages of events also as one of its later pages), each request drawing a page by a
  Zipf law over a seeded popularity order, as readers do (a few stories read often, most rarely).
  ``distinct`` says how many requests were the first of their page: the server keeps rendered pages while
  the store is unchanged, so these are the ones it renders from the store;
- ``story_cold``: a disjoint set of pages (other heavy ones plus another random sample), each requested once
  in random order: every request is a first view, rendered from the store;
- ``search``: ``GET /api/search?q=...`` over words taken from the store's own titles, the most frequent and
  the rarest, round-robin (``search_common`` and ``search_rare``: each kind alone);
- ``coverage`` (demo only, where the stored analyses exist): ``GET /stories/{id}/coverage`` with
  ``X-Fragment: 1`` as the story page fetches it, the lazily computed comparison section, timed cold (first
  request of each story, ``cold_ms``) and then cached.

Each run also reports the server process's CPU time per request (``server_cpu_ms``, from /proc) and the
machine's 1-minute load average when it ended (``load1``): the box is shared, and latency includes queueing.

Stores: the demo corpus (ingested into a temporary file unless ``--demo-db`` names one) and, with
``--synthetic``, a store made by :mod:`bench.web_synth` (``python -m bench.web_synth --articles 100000
--db /tmp/web-100k.db``). The goal is p99 < 100 ms for the story page at 100k articles. Prints one JSON
line as the last line.

    .venv/bin/python -m bench.web_load --synthetic /tmp/web-100k.db [--requests 2000] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx2 as httpx  # the project's HTTP client (pyproject: httpx2; plain httpx is not installed)
import numpy as np

#: Heaviest stories in each story set (half storylines, half events), and stories sampled at random.
HEAVY_TARGETS = 40
SAMPLED_TARGETS = 360
SEARCH_QUERIES = 40
#: Exponent of the Zipf law of page popularity in the ``story`` mix.
ZIPF_S = 1.0
SEED = 7
#: What the story page sends when it fetches its comparison section.
FRAGMENT = {"X-Fragment": "1"}
#: Events listed on one page of a storyline (storyweave.services.browse.STORYLINE_EVENTS_PER_PAGE).
EVENTS_PER_PAGE = 30


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(db: Path, workers: int = 1) -> Iterator[tuple[str, int | None]]:
    """``storyweave serve`` on ``db`` in its own process(es); yields the base URL once it answers, and the
    server's process id (None with several worker processes: their CPU time is not followed)."""
    port = _free_port()
    cmd = [sys.executable, "-m", "storyweave", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(
        [*cmd, "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-500:] if proc.stderr else ''}")
            try:
                if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not answer within 60 s")
            time.sleep(0.2)
        yield base, (proc.pid if workers == 1 else None)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _story_sets(db: Path, heavy: int = HEAVY_TARGETS, sampled: int = SAMPLED_TARGETS) -> tuple[list[str], list[str]]:
    """Two disjoint lists of story page paths: the ``story`` mix and the ``story_cold`` pages. Each holds
    ``heavy`` of the heaviest stories (storylines and events by articles, dealt alternately to the two
    lists) and ``sampled`` drawn at random from all the others; a storyline listed over several pages of
    events also appears as one of its later pages. Read from the store file, read-only."""
    conn = sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True)
    try:
        lines = conn.execute(
            "SELECT storyline_id, sum(size), count(*) FROM events WHERE storyline_id IS NOT NULL "
            "GROUP BY storyline_id ORDER BY sum(size) DESC, storyline_id"
        ).fetchall()
        events = [r[0] for r in conn.execute("SELECT id FROM events ORDER BY size DESC, id")]
    finally:
        conn.close()
    n_events = {sid: int(n) for sid, _, n in lines}
    top = [i for pair in zip([r[0] for r in lines[:heavy]], events[:heavy], strict=False) for i in pair]
    rng = np.random.default_rng(SEED)
    rest = sorted((set(events) | set(n_events)) - set(top))
    rng.shuffle(rest)
    mix_ids = top[0::2] + rest[:sampled]
    cold_ids = top[1::2] + rest[sampled : 2 * sampled]

    def paths(ids: list[str]) -> list[str]:
        out = []
        for i in ids:
            out.append(f"/stories/{i}")
            pages = -(-n_events.get(i, 0) // EVENTS_PER_PAGE)
            if pages > 1:
                out.append(f"/stories/{i}?page={int(rng.integers(2, pages + 1))}")
        return out

    return paths(mix_ids), paths(cold_ids)


def _zipf_mix(paths: Sequence[str], total: int) -> list[str]:
    """``total`` requests over ``paths``, each drawn by a Zipf law (exponent :data:`ZIPF_S`) over a seeded
    random popularity order of the paths."""
    rng = np.random.default_rng(SEED + 1)
    order = list(paths)
    rng.shuffle(order)
    weights = 1 / np.arange(1, len(order) + 1) ** ZIPF_S
    picks = rng.choice(len(order), size=total, p=weights / weights.sum())
    return [order[int(k)] for k in picks]


def _queries(base: str) -> tuple[list[str], list[str]]:
    """Words of the newest titles, the most frequent and the rarest, and the kind of each (common, rare)."""
    arts = httpx.get(base + "/api/articles", params={"limit": 200}, timeout=30).json()["articles"]
    words = Counter(
        w.strip(".,;:!?\"'()").casefold() for a in arts for w in (a["title"] or "").split() if len(w.strip(".,")) > 3
    )
    ranked = [w for w, _ in sorted(words.items(), key=lambda kv: (-kv[1], kv[0])) if w.isalpha()]
    half = SEARCH_QUERIES // 2
    common = ranked[:half]
    rare = [w for w in ranked[::-1][:half] if w not in common]
    return common + rare, ["common"] * len(common) + ["rare"] * len(rare)


def _cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU time of process ``pid`` so far (Linux /proc), None where it cannot be read."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


async def _run(
    base: str,
    paths: Sequence[str],
    total: int,
    concurrency: int,
    pid: int | None = None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """``total`` GETs going through ``paths`` in order (cycling when shorter) with ``concurrency`` in flight:
    the latency of each, the wall time, the server's CPU time, after a warm-up on another route."""
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    next_i = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60, headers=headers) as client:

        async def worker() -> None:
            nonlocal next_i
            while next_i < total:
                path = paths[next_i % len(paths)]
                next_i += 1
                t = time.perf_counter()
                r = await client.get(path)
                await r.aread()
                latencies.append(time.perf_counter() - t)
                statuses[r.status_code] += 1

        await asyncio.gather(*(client.get("/api/stats") for _ in range(concurrency)))  # open the connections
        cpu0 = _cpu_seconds(pid)
        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - t0
        cpu1 = _cpu_seconds(pid)
    ms = np.array(latencies) * 1000
    out: dict[str, Any] = {
        "requests": len(latencies),
        "distinct": len(set(paths[k % len(paths)] for k in range(total))),
        "rps": round(len(latencies) / wall, 1),
        "p50_ms": round(float(np.percentile(ms, 50)), 1),
        "p99_ms": round(float(np.percentile(ms, 99)), 1),
        "max_ms": round(float(ms.max()), 1),
        "non_200": sum(n for s, n in statuses.items() if s != 200),
        "load1": round(os.getloadavg()[0], 2),
    }
    if cpu0 is not None and cpu1 is not None:
        out["server_cpu_ms"] = round((cpu1 - cpu0) * 1000 / max(1, len(latencies)), 2)
    return out


def _cold(base: str, ids: Sequence[str]) -> dict[str, Any]:
    """The comparison section of each story, first request (computed) then second (cached)."""
    cold, warm = [], []
    for sid in ids:
        for out in (cold, warm):
            t = time.perf_counter()
            r = httpx.get(f"{base}/stories/{sid}/coverage", headers=FRAGMENT, timeout=600)
            out.append((time.perf_counter() - t) * 1000)
            if r.status_code != 200:
                raise RuntimeError(f"coverage of {sid}: {r.status_code} {r.text[:200]}")
    return {
        "stories": len(ids),
        "cold_ms_median": round(float(np.median(cold)), 1),
        "cold_ms_max": round(max(cold), 1),
        "cached_ms_median": round(float(np.median(warm)), 1),
    }


def measure(db: Path, requests: int, concurrency: int, *, coverage: int = 0, workers: int = 1) -> dict[str, Any]:
    mix_paths, cold_paths = _story_sets(db)
    with serve(db, workers) as (base, pid):
        stats = httpx.get(base + "/api/stats", timeout=30).json()
        queries, kinds = _queries(base)
        out: dict[str, Any] = {
            "articles": stats["articles"],
            "events": stats["events"],
            "storylines": stats["storylines"],
            "story_pages": len(mix_paths),
            "story_cold_pages": len(cold_paths),
            "search_queries": len(queries),
        }
        mix = _zipf_mix(mix_paths, requests)
        out["story"] = asyncio.run(_run(base, mix, len(mix), concurrency, pid))
        cold = list(cold_paths)
        np.random.default_rng(SEED + 2).shuffle(cold)
        out["story_cold"] = asyncio.run(_run(base, cold, len(cold), concurrency, pid))
        search = [str(httpx.URL("/api/search", params={"q": q})) for q in queries]
        out["search"] = asyncio.run(_run(base, search, requests, concurrency, pid))
        for kind in ("common", "rare"):
            part = [p for p, k in zip(search, kinds, strict=True) if k == kind]
            if part:
                out[f"search_{kind}"] = asyncio.run(_run(base, part, requests // 2, concurrency, pid))
        if coverage:
            cov_ids = [p.rsplit("/", 1)[1] for p in mix_paths if "?" not in p][:coverage]
            out["coverage"] = _cold(base, cov_ids)
            out["coverage"].update(
                asyncio.run(
                    _run(base, [f"/stories/{i}/coverage" for i in cov_ids], requests // 4, concurrency, pid, FRAGMENT)
                )
            )
    return out


def demo_store(path: Path) -> Path:
    from storyweave import ingest
    from storyweave.config import IngestOptions
    from storyweave.demo import CORPUS_DIR
    from storyweave.storage import open_store

    with open_store(path) as s:
        ingest([str(CORPUS_DIR)], s, IngestOptions(workers=2, show_progress=False))
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=2000, help="requests of the story mix and of search")
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--demo-db", type=Path, help="an ingested demo store (default: ingest the demo corpus now)")
    ap.add_argument("--synthetic", type=Path, help="a store made by bench.web_synth (skipped when not given)")
    ap.add_argument("--coverage", type=int, default=4, help="demo stories whose comparison section is timed")
    ap.add_argument("--server-workers", type=int, default=1, help="`storyweave serve --workers` (processes)")
    args = ap.parse_args(argv)
    result: dict[str, Any] = {
        "bench": "web_load",
        "requests": args.requests,
        "concurrency": args.concurrency,
        "cpus": os.cpu_count(),
        "server_workers": args.server_workers,
    }
    with tempfile.TemporaryDirectory() as tmp:
        demo = args.demo_db or demo_store(Path(tmp) / "demo.db")
        result["demo"] = measure(
            demo, args.requests, args.concurrency, coverage=args.coverage, workers=args.server_workers
        )
        print(json.dumps({"store": "demo", **result["demo"]}), file=sys.stderr)
    if args.synthetic:
        if not args.synthetic.exists():
            print(f"{args.synthetic} missing: make it with python -m bench.web_synth", file=sys.stderr)
            return 1
        result["synthetic"] = measure(args.synthetic, args.requests, args.concurrency, workers=args.server_workers)
        story_p99 = result["synthetic"]["story"]["p99_ms"]
        result["story_p99_goal_met"] = story_p99 < 100
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
