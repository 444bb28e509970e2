"""Wire copies, events and storylines: detection, reasons, determinism, stream = batch, replay, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyweave import IngestOptions, ingest, open_store
from storyweave.cli import cli
from storyweave.stages.dedupe import compare_signatures, copy_diff, signature
from storyweave.storage import SQLiteStore

# Two happenings in one fictional town, a week apart, and a copy of the first report.
FLOOD = [
    "Floodwater from the Tarn river swept through the lower streets of Kellbridge on Monday night, forcing "
    "three hundred residents from their homes, the county fire service said.",
    "Chief fire officer Maren Ostby said crews had pulled eleven people from flooded cars and that the Tarn "
    "had risen 2.4 metres in six hours after the Hollin reservoir overflowed.",
    "Kellbridge mayor Anton Reiss opened the town hall as a shelter and asked drivers to keep away from the "
    "river road until the water falls.",
    "The Hollin reservoir operator, Northfell Water, said its engineers were inspecting the spillway and "
    "that the dam itself was not at risk.",
]
FLOOD_COPY_EXTRA = "Forecasters expect more rain across the county on Wednesday."
FLOOD_OTHER = [
    "Residents of Kellbridge began returning to flooded homes on Tuesday as the Tarn river fell back below "
    "its banks, a day after the Hollin reservoir overflowed and three hundred people were evacuated.",
    "Mayor Anton Reiss said the town hall shelter would stay open for families whose homes were damaged, "
    "and Northfell Water said inspections of the spillway would finish within days.",
    "Chief fire officer Maren Ostby said the 2.4-metre rise of the river had been the fastest in forty years.",
]
COUNCIL = [
    "Kellbridge council voted on Thursday to build a new sports centre on the old railway yard, ending a "
    "debate that has divided the town for two years.",
    "Councillor Ida Voss, who proposed the plan, said the centre would open in 2028 and cost 14 million crowns, "
    "half of it from the national sports fund.",
    "Opponents led by councillor Per Hamsun said the money should go to the town's ageing swimming pool instead.",
]


def _records() -> list[dict[str, object]]:
    return [
        {
            "id": "flood-1",
            "title": "Tarn floods Kellbridge, 300 evacuated",
            "text": "\n\n".join(FLOOD),
            "published": "2025-03-10",
            "outlet": "Fellside Post",
            "language": "en",
        },
        {
            "id": "flood-copy",
            "title": "Hundreds flee as Tarn river floods Kellbridge",
            "text": "\n\n".join([*FLOOD[:3], FLOOD_COPY_EXTRA]),
            "published": "2025-03-11",
            "outlet": "County Wire",
            "language": "en",
        },
        {
            "id": "flood-2",
            "title": "Kellbridge residents return as Tarn falls",
            "text": "\n\n".join(FLOOD_OTHER),
            "published": "2025-03-11",
            "outlet": "Northern Herald",
            "language": "en",
        },
        {
            "id": "council",
            "title": "Kellbridge votes for sports centre on railway yard",
            "text": "\n\n".join(COUNCIL),
            "published": "2025-05-22",
            "outlet": "Fellside Post",
            "language": "en",
        },
    ]


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def _placed(store: SQLiteStore) -> dict[str, tuple[str, str | None, str | None]]:
    ext = {a.id: a.external_id for a in store.iter_articles()}
    return {ext[a]: v for a, v in store.story_assignments().items()}


@pytest.fixture(scope="module")
def stories_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stories")
    db = folder / "s.db"
    with open_store(db) as store:
        ingest([str(_write(folder / "in.jsonl", _records()))], store, IngestOptions(workers=1, show_progress=False))
    return db


def test_copy_detection_and_what_the_copy_changed() -> None:
    original, copy = "\n".join(FLOOD), "\n".join([*FLOOD[:3], FLOOD_COPY_EXTRA])
    m = compare_signatures(signature(original), signature(copy))
    assert m.is_copy and m.containment > 0.8
    assert not compare_signatures(signature(original), signature("\n".join(COUNCIL))).is_copy
    diff = copy_diff("Tarn floods Kellbridge", original, "Hundreds flee Kellbridge", copy)
    assert diff.headline_changed and diff.added == (FLOOD_COPY_EXTRA,) and diff.cut == (FLOOD[3],)
    assert "new headline" in diff.summary()


def test_events_wire_groups_and_reasons(stories_db: Path) -> None:
    with open_store(stories_db, readonly=True) as store:
        placed = _placed(store)
        assert placed["flood-1"][0] == placed["flood-copy"][0] == placed["flood-2"][0]
        assert placed["council"][0] != placed["flood-1"][0]
        assert placed["flood-1"][2] == placed["flood-copy"][2] is not None  # one wire group
        assert placed["flood-2"][2] is None
        members = {m.article_id: m for m in store.memberships(placed["flood-1"][0])}
        reasons = [m.reason for m in members.values()]
        assert any(r.get("rule") == "wire copy" and r["containment"] > 0.8 for r in reasons)
        joined = [r for r in reasons if r.get("rule") == "model"]
        assert joined and all({"p", "signals", "candidates"} <= set(r) for r in joined)
        assert all(0.0 <= r["p"] <= 1.0 and "cos_max" in r["signals"] for r in joined)


def test_ids_are_content_derived_and_repeat(tmp_path: Path, stories_db: Path) -> None:
    with open_store(tmp_path / "again.db") as store:
        ingest([str(_write(tmp_path / "in.jsonl", _records()))], store, IngestOptions(workers=1, show_progress=False))
        again = _placed(store)
    with open_store(stories_db, readonly=True) as store:
        assert _placed(store) == again


def test_stream_in_any_order_equals_one_batch(tmp_path: Path, stories_db: Path) -> None:
    recs = _records()
    with open_store(tmp_path / "stream.db") as store:
        opts = IngestOptions(workers=1, show_progress=False)
        # newest first: each later file holds older articles, so earlier placements are replayed
        for i, rec in enumerate(reversed(recs)):
            ingest([str(_write(tmp_path / f"part{i}.jsonl", [rec]))], store, opts)
        stream = _placed(store)
        log = store.story_log()
    with open_store(stories_db, readonly=True) as store:
        assert stream == _placed(store)
    assert any(e["kind"] == "replay" for e in log)


def test_no_cluster_then_recluster(tmp_path: Path, stories_db: Path) -> None:
    path = _write(tmp_path / "in.jsonl", _records())
    db = tmp_path / "later.db"
    runner = CliRunner()
    res = runner.invoke(cli, ["ingest", str(path), "--db", str(db), "--no-cluster", "-q"])
    assert res.exit_code == 0, res.output
    with open_store(db) as store:
        assert store.story_assignments() == {}
    res = runner.invoke(cli, ["recluster", "--db", str(db)])
    assert res.exit_code == 0 and "placed 4" in res.output, res.output
    with open_store(db) as store, open_store(stories_db, readonly=True) as ref:
        assert _placed(store) == _placed(ref)
    res = runner.invoke(cli, ["recluster", "--db", str(db), "--from", "2025-05-01"])
    assert res.exit_code == 0 and "1 placements undone" in res.output, res.output


def test_cli_stories_story_and_export(stories_db: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["stories", "--db", str(stories_db), "--json"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert [r["size"] for r in rows] == [3, 1]
    big = rows[0]["id"]
    res = runner.invoke(cli, ["story", big[:8], "--db", str(stories_db)])
    assert res.exit_code == 0, res.output
    assert "wire copy of" in res.output and "wire group" in res.output and "independent sources" in res.output
    res = runner.invoke(cli, ["stories", "--db", str(stories_db), "--level", "storyline"])
    assert res.exit_code == 0 and "sl" in res.output
    res = runner.invoke(cli, ["story", "nosuchid", "--db", str(stories_db)])
    assert res.exit_code != 0 and "no event or storyline" in res.output
    res = runner.invoke(cli, ["export", "--format", "json", "--db", str(stories_db)])
    data = json.loads(res.output)
    ids = {a["id"] for a in data["articles"]}
    assert {tuple(sorted(e["article_ids"])) for e in data["events"]} and all(
        set(e["article_ids"]) <= ids for e in data["events"]
    )
    assert len(data["wire_groups"]) == 1 and data["wire_groups"][0]["original_id"] in ids
    assert all(s["event_ids"] for s in data["storylines"])


def test_pairs_command_scores_and_reports_bad_lines(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    lines = [
        {"pair_id": "same", "text1": "\n".join(FLOOD), "text2": "\n".join(FLOOD_OTHER), "lang1": "en", "lang2": "en"},
        {"pair_id": "diff", "text1": "\n".join(FLOOD), "text2": "\n".join(COUNCIL)},
        {"pair_id": "empty", "text1": "\n".join(FLOOD), "text2": ""},
    ]
    pairs.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["pairs", str(pairs)])
    assert res.exit_code == 0, res.output
    out = {r["pair_id"]: r for r in (json.loads(x) for x in res.stdout.splitlines() if x.startswith("{"))}
    assert out["same"]["score"] > out["diff"]["score"]
    assert 0.0 <= out["diff"]["score"] <= 1.0 and "cos_max" in out["same"]["components"]
    assert {"cos_text", "cos_lead", "name_words", "figures", "event_p"} <= set(out["same"]["components"])
    assert "text2 is missing" in out["empty"]["error"]


def test_a_long_storyline_keeps_only_its_heaviest_words_and_names() -> None:
    from collections import Counter

    import numpy as np

    from storyweave.stages import cluster
    from storyweave.stages.similarity import EventProfile

    prof = EventProfile(id="sl-test", size=1, vector_sum=np.ones(4, dtype=np.float32))
    n = cluster.STORYLINE_TERMS * 2
    prof.terms = {f"w{i:05d}": float(i) for i in range(n)}
    prof.keys = Counter({f"p:name {i}": i for i in range(cluster.STORYLINE_KEYS * 2)})
    prof.numbers = Counter({str(i): 1 for i in range(10)})
    _ = prof.terms_norm  # memoised: must be recomputed after the cut
    cluster._bound_storyline(prof)
    assert len(prof.terms) == cluster.STORYLINE_TERMS
    assert min(prof.terms.values()) == n - cluster.STORYLINE_TERMS  # the heaviest are kept
    assert len(prof.keys) == cluster.STORYLINE_KEYS and "p:name 0" not in prof.keys
    assert len(prof.numbers) == 10  # under its bound: untouched
    assert prof.terms_norm == pytest.approx(float(np.sqrt(sum(v * v for v in prof.terms.values()))))


def test_events_near_reads_the_day_window_in_recency_order(tmp_path: Path) -> None:
    import sqlite3

    from storyweave.storage.stories import SQLiteStoryState

    with open_store(tmp_path / "w.db") as store:
        assert isinstance(store, SQLiteStore)
    conn = sqlite3.connect(tmp_path / "w.db")
    rows = [(f"ev{i:03d}", 1, i, i + 1, f"o{i:03d}", f"o{i + 1:03d}", b"", b"", "{}") for i in range(300)]
    conn.executemany(
        "INSERT INTO events (id, size, first_day, last_day, first_ord, last_ord, vector_sum, members, profile) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    plan = " ".join(
        str(r[-1])
        for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM events INDEXED BY events_days WHERE last_day >= 1 AND first_day <= 2 "
            "ORDER BY last_ord DESC LIMIT 5"
        )
    )
    assert "events_days" in plan
    got = SQLiteStoryState(conn).events_near(100, 3, 5)
    assert got == ["ev103", "ev102", "ev101", "ev100", "ev099"]
    conn.close()


def test_pair_name_words_are_rare_capitalised_words_in_latin_letters() -> None:
    from storyweave.stages.pairscore import name_words, weighted_jaccard

    en = name_words("The Greyholm dam failed above Marrowby, the Council said.", "en")
    assert {"greyholm", "marrowby"} <= set(en) and "council" not in en and "the" not in en
    ru = name_words("Плотина Грейхольм прорвалась над Марроуби.", "ru")
    assert all(k.isascii() for k in ru)
    assert weighted_jaccard(en, en) == pytest.approx(1.0) and weighted_jaccard(en, {}) == 0.0
