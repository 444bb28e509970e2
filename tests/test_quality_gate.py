"""Quality gate: the cheap benchmarks must not fall below the floors pinned in bench/floors.json.

A floor moves only by an explicit commit to that file. Skipped when the shared
benchmark data (../shared/bench) is absent, as in a user's clone.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
FLOORS = json.loads((ROOT / "bench" / "floors.json").read_text(encoding="utf-8"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not BENCH.is_dir(), reason="benchmark data (../shared/bench) not present"),
]


def _run(module: str, *args: str) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True, timeout=900, check=False
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("gate", sorted(FLOORS["gates"]), ids=lambda g: g)
def test_floor(gate: str) -> None:
    spec = FLOORS["gates"][gate]
    figures = _run(spec["module"], *spec.get("args", []))
    for key, floor in spec["floors"].items():
        value: object = figures
        for part in key.split("."):
            assert isinstance(value, dict), f"{gate}: no figure {key}"
            value = value[part]
        assert isinstance(value, int | float), f"{gate}: {key} is not a number"
        assert value >= floor, f"{gate}: {key} = {value} fell below the pinned floor {floor}"
