"""Stories and inferred dates on the five real seed reports (read from ../shared/seeds, never copied here).

The seeds cover four events of one storyline: two reports of one event (one of them states no date),
and three reports of three later or earlier happenings. They go through the whole ingest into a store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyweave import open_store
from storyweave.config import IngestOptions
from storyweave.pipeline import ingest

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds folder absent")


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with open_store(db) as store:
        report = ingest([str(SEEDS)], store, IngestOptions(workers=1))
    assert report.ok == 5 and not report.problems
    return db


def by_prefix(db: Path) -> dict[str, tuple[str, str | None, str | None]]:
    with open_store(db, readonly=True) as store:
        names = {a.id: Path(a.source).name[:3] for a in store.iter_articles()}
        return {names[a]: v for a, v in store.story_assignments().items()}


def test_four_events_one_storyline(seeds_db: Path) -> None:
    placed = by_prefix(seeds_db)
    assert sorted(placed) == ["000", "001", "002", "003", "004"]
    assert placed["000"][0] == placed["001"][0]
    others = {placed[k][0] for k in ("000", "002", "003", "004")}
    assert len(others) == 4
    assert len({v[1] for v in placed.values()}) == 1


def test_undated_reports_get_marked_inferred_dates(seeds_db: Path) -> None:
    with open_store(seeds_db, readonly=True) as store:
        arts = {Path(a.source).name[:3]: a for a in store.iter_articles()}
    for key in ("001", "004"):
        field = arts[key].meta["published"]
        assert field.source == "inferred", key
        assert field.evidence
    # the undated report of the same event takes that event's day, marked as approximate
    assert arts["001"].published == arts["000"].published
    assert "approximate" in (arts["001"].meta["published"].evidence or "")
    # the report that names only a yearless day is placed in the right year and month
    assert (arts["004"].published or "").startswith("2020-")
