"""Load on the web server: requests/s and p50/p99 latency of the story page and the search endpoint.

A bounded run against a real ``storyweave serve`` (uvicorn, one process, started here on 127.0.0.1 on a
free port): for each store, a fixed number of requests per target sent by an async httpx client with a
fixed concurrency, after a short warm-up that is not counted. Targets:

- ``story``: ``GET /stories/{id}`` (the server-rendered story page) over the largest events and
  storylines of the store (the heaviest pages), round-robin;
- ``search``: ``GET /api/search?q=...`` over words taken from the store's own titles (a mix of common and
  rare terms), round-robin;
- ``coverage`` (demo only, where the stored analyses exist): ``GET /stories/{id}/coverage``, the lazily
  computed comparison section, timed cold (first request of each story, ``cold_ms``) and then cached.

Stores: the demo corpus (ingested into a temporary file unless ``--demo-db`` names one) and, with
``--synthetic``, a store made by :mod:`bench.web_synth` (``python -m bench.web_synth --articles 100000
--db /tmp/web-100k.db``). The goal is p99 < 100 ms for the story page at 100k articles. Prints one JSON
line as the last line.

    .venv/bin/python -m bench.web_load --synthetic /tmp/web-100k.db [--requests 2000] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
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

STORY_TARGETS = 40
SEARCH_QUERIES = 40


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(db: Path, workers: int = 1) -> Iterator[str]:
    """``storyweave serve`` on ``db`` in its own process(es); yields the base URL once it answers."""
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
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _story_ids(base: str) -> list[str]:
    """The largest storylines and events (half each): the heaviest story pages of the store."""
    half = STORY_TARGETS // 2
    lines = httpx.get(base + "/api/storylines", params={"limit": half}, timeout=30).json()["storylines"]
    events = httpx.get(base + "/api/events", params={"limit": half}, timeout=30).json()["events"]
    ids = [s["id"] for s in lines] + [e["id"] for e in events]
    return list(dict.fromkeys(ids))


def _queries(base: str) -> list[str]:
    """Words of the newest titles, most frequent first and then the rarest: common and rare terms alike."""
    arts = httpx.get(base + "/api/articles", params={"limit": 200}, timeout=30).json()["articles"]
    words = Counter(
        w.strip(".,;:!?\"'()").casefold() for a in arts for w in (a["title"] or "").split() if len(w.strip(".,")) > 3
    )
    ranked = [w for w, _ in sorted(words.items(), key=lambda kv: (-kv[1], kv[0])) if w.isalpha()]
    half = SEARCH_QUERIES // 2
    picked = ranked[:half] + ranked[::-1][:half]
    return list(dict.fromkeys(picked))


async def _run(base: str, paths: Sequence[str], total: int, concurrency: int) -> dict[str, Any]:
    """``total`` GETs cycling over ``paths`` with ``concurrency`` in flight; latency of each, wall time."""
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    next_i = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

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

        for p in paths[: min(len(paths), 20)]:  # warm-up: connections, caches, first imports
            await client.get(p)
        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    ms = np.array(latencies) * 1000
    return {
        "requests": len(latencies),
        "rps": round(len(latencies) / wall, 1),
        "p50_ms": round(float(np.percentile(ms, 50)), 1),
        "p99_ms": round(float(np.percentile(ms, 99)), 1),
        "max_ms": round(float(ms.max()), 1),
        "non_200": sum(n for s, n in statuses.items() if s != 200),
    }


def _cold(base: str, ids: Sequence[str]) -> dict[str, Any]:
    """The comparison section of each story, first request (computed) then second (cached)."""
    cold, warm = [], []
    for sid in ids:
        for out in (cold, warm):
            t = time.perf_counter()
            r = httpx.get(f"{base}/stories/{sid}/coverage", timeout=600)
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
    with serve(db, workers) as base:
        stats = httpx.get(base + "/api/stats", timeout=30).json()
        ids = _story_ids(base)
        queries = _queries(base)
        out: dict[str, Any] = {
            "articles": stats["articles"],
            "events": stats["events"],
            "storylines": stats["storylines"],
            "story_targets": len(ids),
            "search_queries": len(queries),
        }
        out["story"] = asyncio.run(_run(base, [f"/stories/{i}" for i in ids], requests, concurrency))
        out["search"] = asyncio.run(
            _run(base, [str(httpx.URL("/api/search", params={"q": q})) for q in queries], requests, concurrency)
        )
        if coverage:
            cov_ids = ids[:coverage]
            out["coverage"] = _cold(base, cov_ids)
            out["coverage"].update(
                asyncio.run(_run(base, [f"/stories/{i}/coverage" for i in cov_ids], requests // 4, concurrency))
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
    ap.add_argument("--requests", type=int, default=2000, help="requests per target (story, search)")
    ap.add_argument("--concurrency", type=int, default=8)
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
