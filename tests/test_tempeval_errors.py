"""bench.tempeval_errors: error categories that name no text (written examples, no benchmark data)."""

from __future__ import annotations

import io

from bench.tempeval import match
from bench.tempeval_errors import breakdown, error_kind, print_breakdown, reason_category, shape, value_kind


def test_shapes_and_value_kinds() -> None:
    assert shape("late Tuesday") == "weekday"
    assert shape("Nov. 10") == "month-day"
    assert shape("last week") == "rel-unit"
    assert shape("three years ago") == "ago-earlier-later"
    assert shape("7:15 p.m.") == "clock"
    assert value_kind("2020-W38", "DATE") == "week"
    assert value_kind("2020-09-16TNI", "TIME") == "time"
    assert value_kind("P3M", "DURATION") == "duration"
    assert value_kind("P1W", "SET") == "set"


def test_error_kinds() -> None:
    assert error_kind((0, 6, "2020-09-14", "DATE"), (0, 6, "2020-09-21", "DATE")) == "day week off +7"
    assert error_kind((0, 6, "2020-09-14", "DATE"), (0, 6, "2020-09-14TNI", "TIME")) == "granularity day->time"
    assert error_kind((0, 4, "2019", "DATE"), (0, 4, "2020", "DATE")) == "year year off +1"
    assert reason_category("weekday: past tense ('said') -> the Monday before 2020-09-14") == (
        "weekday: past tense (Q) -> the WD before D"
    )


def test_breakdown_counts_by_category() -> None:
    doc = {"text": "He left on Monday and returns next week for 3 days."}
    gold = [(11, 17, "2020-09-14", "DATE"), (30, 39, "2020-W39", "DATE")]
    pred = [(11, 17, "2020-09-21", "DATE"), (44, 50, "P3D", "DURATION")]
    out = breakdown([doc], [gold], [pred], match, [{(11, 17): "weekday: the Monday after 2020-09-21"}])
    assert out["by_shape"]["weekday"] == {"gold": 1, "missed": 0, "wrong": 1}
    assert out["missed"] == {"rel-unit (date)": 1}
    assert out["spurious"] == {"count-units (duration)": 1}
    assert out["paths"] == {"weekday: weekday: the WD after D": "1 wrong of 1"}
    buf = io.StringIO()
    print_breakdown(out, buf)
    assert "day week off +7" in buf.getvalue()
