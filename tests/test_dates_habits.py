"""Dates stage: the third round of English news habits (rates, conjunctions, named days, parts of the day).

Every sentence is written for these tests (fictional places, companies and people).
"""

from __future__ import annotations

import pytest

from storyweave.stages.dates import DateMention, find_dates
from storyweave.temporal.holidays import HOLIDAYS_EN, holiday_date

WED = "2020-09-16"  # a Wednesday


def found(text: str, anchor: str | None = WED) -> dict[str, DateMention]:
    return {m.text: m for m in find_dates(text, anchor=anchor, language="en")}


@pytest.mark.parametrize(
    "sentence",
    [
        "The Lesna ferry carries 900 passengers a week.",
        "The preferred shares pay $2.10 a year.",
        "Varenport added 12,000 jobs a month.",
        "The levy will raise 40 million crowns a year.",
        "Harbour fees rose to $35 per day.",
        "Dravsk imports about three-quarters of its grain.",
        "Officials will act as soon as the river falls.",
        "The envoy was freed soon after the talks began.",
    ],
)
def test_rates_fractions_and_conjunctions_are_not_times(sentence: str) -> None:
    assert found(sentence) == {}


def test_lengths_next_to_rates_stay() -> None:
    assert found("It was the weakest month in a year.")["a year"].value == "P1Y"
    assert found("He gave them a week to leave.")["a week"].value == "P1W"
    assert found("The mill will close as soon as possible.")["as soon as possible"].value == "FUTURE_REF"
    assert found("The port will soon reopen.")["soon"].value == "FUTURE_REF"


def test_the_year_of_a_report_and_a_year_as_a_length() -> None:
    assert found("Sales for the full year were $3 billion.")["the full year"].value == "2020"
    assert found("The loss will cut earnings for the fiscal year.")["the fiscal year"].value == "2020"
    assert found("For the year ended June 30, the mill earned $4 million.")["the year"].value == "P1Y"
    assert found("Margins should widen throughout the year.")["the year"].value == "P1Y"


def test_parts_of_the_day_standing_alone_or_before_their_day() -> None:
    m = found("By mid-afternoon the square was empty.")["mid-afternoon"]
    assert (m.value, m.type, m.mod) == ("2020-09-16TAF", "time", "MID")
    assert found("Shelling resumed in the early morning.")["early morning"].value == "2020-09-16TMO"
    assert found("Trading halted in mid afternoon yesterday.")["mid afternoon yesterday"].value == "2020-09-15TAF"
    assert found("The convoy left late Tuesday afternoon.")["late Tuesday afternoon"].value == "2020-09-15TAF"


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        ("The blockade began on Christmas Eve.", "Christmas Eve", "2019-12-24"),
        ("The council will meet again after Easter.", "Easter", "2021-04-04"),
        ("The strike ended on Good Friday 2018.", "Good Friday 2018", "2018-03-30"),
        ("Prices have not moved since last Christmas.", "last Christmas", "2019-12-25"),
        ("Ferries will stop running on New Year’s Eve.", "New Year’s Eve", "2020-12-31"),
        ("The senator will campaign through Election Day.", "Election Day", "2020-11-03"),
        ("The parade was held on St. Patrick's Day.", "St. Patrick's Day", "2020-03-17"),
    ],
)
def test_named_days_take_the_year_the_tense_points_to(sentence: str, phrase: str, expected: str) -> None:
    m = found(sentence)[phrase]
    assert (m.value, m.type, m.granularity) == (expected, "date", "day")


def test_named_days_used_as_modifiers_or_in_lower_case_are_no_dates() -> None:
    assert found("Christmas shopping fell, and the Easter Rising was recalled.") == {}
    assert found("It felt like christmas in the square.") == {}


def test_holiday_rules() -> None:
    assert holiday_date(HOLIDAYS_EN["thanksgiving"], 2020).isoformat() == "2020-11-26"  # type: ignore[union-attr]
    assert holiday_date(HOLIDAYS_EN["memorial day"], 2021).isoformat() == "2021-05-31"  # type: ignore[union-attr]
    assert holiday_date(HOLIDAYS_EN["labor day"], 2020).isoformat() == "2020-09-07"  # type: ignore[union-attr]
    assert holiday_date(HOLIDAYS_EN["election day"], 2016).isoformat() == "2016-11-08"  # type: ignore[union-attr]
    assert holiday_date(HOLIDAYS_EN["good friday"], 2020).isoformat() == "2020-04-10"  # type: ignore[union-attr]
    assert holiday_date("no rule", 2020) is None
    # without a publication year a fixed day keeps its month and day, a moving one is unknown
    assert found("The truce began on Christmas Day.", None)["Christmas Day"].value == "XXXX-12-25"


def test_a_month_or_season_with_a_spelled_year() -> None:
    assert found("October nineteen ninety-six. Floods again.")["October nineteen ninety-six"].value == "1996-10"
    text = "Prices last fell this far in the winter of nineteen ninety-one."
    assert found(text)["winter of nineteen ninety-one"].value == "1991-WI"


def test_a_yearless_month_takes_the_tense_of_the_sentence_when_no_verb_is_near() -> None:
    text = "Captain Ilse Varga will be named to lead the third crew of the orbital station on a mission in December."
    assert found(text, "2020-03-04")["December"].value == "2020-12"
    text = "The board said the plant's output was cut by the failure of the new cooling pumps it installed in April."
    assert found(text, "2020-10-26")["April"].value == "2020-04"


def test_an_ed_form_after_a_determiner_is_no_past_tense() -> None:
    text = "The dividend will be paid on a still unspecified date in January."
    assert found(text, "2020-10-26")["January"].value == "2021-01"


def test_the_unit_a_report_is_in() -> None:
    assert found("Shares in Lesna Mining rose on Monday and ended 2% up on the day.")["the day"].value == "2020-09-14"
    assert found("Exports fell during the month.")["the month"].value == "2020-09"
    assert found("It was the driest summer of the century.")["the century"].value == "20"
    assert found("The bank expects the sale to close by month-end.")["month-end"].value == "2020-09"
    assert found("At the end of the day, it is a choice.") == {}
    assert found("On the day of the flood he was away.") == {}


def test_one_day_ahead_and_one_day_long() -> None:
    assert found("The Lesna bridge could one day carry trains.")["one day"].value == "FUTURE_REF"
    assert found("The strike lasted one day.")["one day"].value == "P1D"


def test_a_range_gives_its_first_end_the_year_of_its_second() -> None:
    text = "From January to November last year, ferry traffic fell."
    assert found(text, "2021-02-11")["January"].value == "2020-01"
    text = "The census ran from November to February 2019."
    assert found(text)["November"].value == "2018-11"
    assert found("Rents rose between March 3 and May 9, 2019.")["March 3"].value == "2019-03-03"


def test_halves_of_a_relative_year() -> None:
    assert found("Growth will pick up in the second half of this year.")["the second half of this year"].value == (
        "2020-H2"
    )
    assert found("Output fell in the first half of last year.")["the first half of last year"].value == "2019-H1"
