"""The coverage comparison on a fictional story (tests/coverage_fixtures.py) and on small written inputs."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest

from storyweave.coverage.figures import compatible, find_figures
from storyweave.coverage.model import CoverageReport, EntityRef, QuoteRef, StoryArticle, StoryInputs
from storyweave.coverage.render import render_compare_text
from storyweave.coverage.units import split_units
from storyweave.stages.compare import CompareStage, analyse_articles, compare_story, fact_records
from tests.coverage_fixtures import as_article, story_articles, story_inputs


@cache
def report() -> CoverageReport:
    return compare_story(story_inputs())


def fact_with(marker: str) -> list:  # type: ignore[type-arg]
    return [f for f in report().facts if any(marker in sp.text for s in f.supports for sp in s.spans)]


# ---------------------------------------------------------------- figures and units


@pytest.mark.parametrize(
    ("text", "lang", "kind", "value", "unit"),
    [
        ("a $1.2 billion loan", "en", "money", 1.2e9, "USD"),
        ("a $1.2bn loan", "en", "money", 1.2e9, "USD"),
        ("einen Kredit über 1,2 Milliarden Dollar", "de", "money", 1.2e9, "USD"),
        ("un prêt de 2,5 milliards de dollars", "fr", "money", 2.5e9, "USD"),
        ("2.500 millones de dólares", "es", "money", 2.5e9, "USD"),
        ("150m crowns", "en", "money", 1.5e8, "crown"),
        ("78.4% of the vote", "en", "percent", 78.4, None),
        ("78,4 Prozent", "de", "percent", 78.4, None),
        ("3,100 dockworkers", "en", "count", 3100, "dockworkers"),
        ("3.100 Hafenarbeiter", "de", "count", 3100, "hafenarbeiter"),
        ("3 100 dockers", "fr", "count", 3100, "dockers"),
        ("four dead", "en", "count", 4, "dead"),
    ],
)
def test_figures_are_normalised_across_languages(text: str, lang: str, kind: str, value: float, unit: str) -> None:
    (f,) = find_figures(text, lang)
    assert (f.kind, f.unit) == (kind, unit) and f.value == pytest.approx(value)


def test_years_bare_numbers_and_dates_are_no_figures() -> None:
    assert find_figures("In 2019 the plan was on page 3.", "en") == []
    text = "On 12 March 300 people marched."
    skip = [(3, 11)]
    assert [f.value for f in find_figures(text, "en", skip=skip)] == [300]


def test_precision_decides_agreement() -> None:
    (a,) = find_figures("78%", "en")
    (b,) = find_figures("78.4%", "en")
    (c,) = find_figures("80%", "en")
    (d,) = find_figures("more than 400 people", "en")
    (e,) = find_figures("412 people", "en")
    (g,) = find_figures("$1 billion", "en")
    (h,) = find_figures("$1.5 billion", "en")
    assert compatible(a, b) and not compatible(b, c)
    assert d.approx and compatible(d, e)
    assert not compatible(g, h)


def test_sentences_split_into_clauses_but_not_inside_quotes() -> None:
    text = (
        "The minister flew to the capital for talks on Monday, coming away with a loan to prop up the currency. "
        '"We came for help and we leave with friends, and that is what matters," he said.'
    )
    art = StoryArticle("x", "Outlet", None, "en", None, text)
    units = split_units(art)
    assert [u.text[:20] for u in units] == ["The minister flew to", "coming away with a l", '"We came for help an']
    assert not units[0].whole and units[2].whole


# ---------------------------------------------------------------- facts


def test_the_loan_is_one_fact_across_wording_languages_and_wire_copies() -> None:
    (loan,) = [f for f in fact_with("1.2") if "Kredit" in " ".join(sp.text for s in f.supports for sp in s.spans)]
    assert set(loan.article_ids) == {"a-herald", "a-valley", "a-eastport", "a-rundschau"}
    assert loan.origins == 3  # the Valley Weekly's copy is the Herald's wire piece
    assert all(s.reason for s in loan.supports) and loan.cohesion > 0.5
    assert {f.label for f in loan.figures} == {"USD 1.2bn"}
    german = next(s for s in loan.supports if s.article_id == "a-rundschau")
    assert "Milliarden" in german.spans[0].text and "cosine" in german.reason


def test_reported_speech_is_aligned_on_its_contents() -> None:
    """Two outlets report one claim by different speakers in different framing: the clauses as a whole are not alike
    enough, what they report (the names left out) is."""
    one = (
        "Speaking to supporters in the northern port of Halvik on Sunday evening, Interior Minister Pavel Rusk "
        "accused Farland and its allies of paying the organisers of the dock strikes to weaken the country."
    )
    two = (
        "In a televised address that opposition channels refused to carry, Prime Minister Dana Ostrova backed the "
        "government's line that the Farlandic authorities are paying the organisers of the dock strikes in order "
        "to weaken the nation."
    )

    def ent(aid: str, text: str, needle: str, eid: str, typ: str) -> EntityRef:
        at = text.index(needle)
        return EntityRef(aid, at, at + len(needle), needle, eid, typ, needle, needle)

    def quote(aid: str, text: str, part: str, who: str, cue: str) -> QuoteRef:
        at = text.index(part)
        span = (at, at + len(part))
        return QuoteRef(aid, f"q-{aid}", part, *span, "indirect", speaker=who, cue=cue, parts=(span,))

    arts = (
        StoryArticle("a1", "Halvik Post", "2024-05-01", "en", None, one),
        StoryArticle("a2", "Capital News", "2024-05-01", "en", None, two),
    )
    ents = (
        ent("a1", one, "Halvik", "e-halvik", "place"),
        ent("a1", one, "Pavel Rusk", "e-rusk", "person"),
        ent("a1", one, "Farland", "e-farland", "place"),
        ent("a2", two, "Dana Ostrova", "e-ostrova", "person"),
        ent("a2", two, "Farlandic", "e-farland", "place"),
    )
    quotes = (
        quote(
            "a1",
            one,
            "Farland and its allies of paying the organisers of the dock strikes to weaken the country",
            "Pavel Rusk",
            "accused",
        ),
        quote(
            "a2",
            two,
            "that the Farlandic authorities are paying the organisers of the dock strikes in order to weaken the "
            "nation",
            "Dana Ostrova",
            "backed",
        ),
    )
    plain = compare_story(StoryInputs("s", "event", None, arts, ents, (), (), {}))
    assert [f.origins for f in plain.facts] == [1, 1]
    (fact,) = compare_story(StoryInputs("s", "event", None, arts, ents, quotes, (), {})).facts
    assert fact.origins == 2 and all(("reported contents" in s.reason or "claim:" in s.reason) for s in fact.supports)
    assert "Farland" not in split_units(arts[0], entities=ents[:3], quotes=quotes[:1])[0].speech


def test_facts_are_extractive() -> None:
    by_id = {a.id: a for a in story_articles()}
    for f in report().facts:
        assert " ".join(by_id[f.text_span.article_id].text[f.text_span.start : f.text_span.end].split()) == f.text
        for s in f.supports:
            for sp in s.spans:
                assert by_id[sp.article_id].text[sp.start : sp.end] == sp.text


def test_disagreeing_figures_are_flagged() -> None:
    (conflict,) = report().conflicts
    assert {v.outlet: v.value for v in conflict.values} == {"Northgate Herald": 300, "Eastport Daily": 350}
    (detained,) = [f for f in report().facts if f.id == conflict.fact_id]
    assert "detained" in detained.text


def test_solo_facts_and_omissions() -> None:
    solo = report().solo()
    assert any("Unemployment" in f.text for f in solo["Eastport Daily"])
    omitted = report().omissions()
    assert any("detained" in f.text for f in omitted["Die Rundschau"])
    assert "Northgate Herald" not in omitted or all("1.2" not in f.text for f in omitted["Northgate Herald"])


def test_matrix_rows_follow_outlets() -> None:
    rep = report()
    shared = rep.shared_facts()
    matrix = rep.matrix(shared)
    assert len(matrix) == len(rep.outlets) and all(len(r) == len(shared) for r in matrix)
    loan = next(k for k, f in enumerate(shared) if "1.2" in f.text)
    assert [row[loan] for row in matrix] == [1, 1, 1, 1]


def test_same_input_same_output_whatever_the_order() -> None:
    inputs = story_inputs()
    again = compare_story(replace(inputs, articles=tuple(reversed(inputs.articles))))
    assert [f.id for f in again.facts] == [f.id for f in report().facts]
    assert [f.supports for f in again.facts] == [f.supports for f in report().facts]


# ---------------------------------------------------------------- the other tables


def test_quote_rows_show_each_outlets_wording() -> None:
    (row,) = report().quotes
    assert row.ledger_id == "l-repay" and row.speaker == "Ilse Varga"
    assert row.outlets == ("Die Rundschau", "Northgate Herald", "Valley Weekly")
    assert {c.wording for c in row.cells} == {"first", "verbatim", "translation"}


def test_spellings_by_outlet() -> None:
    dolan = next(r for r in report().spellings if r.entity_id == "e-dolan")
    assert dolan.varies and ("Eastport Daily", "Marek Dolanov", 1) in dolan.spellings


def test_framing_shows_descriptors_and_attribution() -> None:
    by_outlet = {f.outlet: f for f in report().framing}
    herald = by_outlet["Northgate Herald"]
    assert ("embattled president", "e-dolan") in {(d.text, d.entity_id) for d in herald.descriptors}
    assert herald.credited == (("NPA", 1),) and herald.quoted_share > 0
    eastport = by_outlet["Eastport Daily"]
    (epithet,) = [d for d in eastport.descriptors if d.kind == "epithet"]
    assert epithet.text == "the 61-year-old strongman" and epithet.entity_id == "e-dolan"
    assert "named last" in epithet.reason
    assert eastport.quoted_share == 0.0


def test_sources_fold_wire_copies() -> None:
    src = report().sources
    assert (src.articles, src.independent) == (4, 3)
    (wire,) = [g for g in src.groups if g.kind == "wire"]
    assert wire.original_id == "a-herald" and set(wire.article_ids) == {"a-herald", "a-valley"}


def test_export_records_and_terminal_tables() -> None:
    rows = fact_records(report())
    assert {"id", "event_id", "text", "article_ids"} <= set(rows[0])
    assert rows[0]["event_id"] == "story-tarvia"
    text = render_compare_text(report())
    assert "Northgate Herald" in text and "F1" in text and "independent origins" in text


def test_empty_tables_are_one_line() -> None:
    one = "The council met on Monday to discuss the budget for the coming year."
    art = StoryArticle("x", "A", None, "en", None, one)
    rep = compare_story(StoryInputs("s", "event", None, (art,), (), (), (), {}))
    text = render_compare_text(rep)
    assert "Figures that disagree: none" in text and "Quotes by outlet: none" in text
    assert "┃ fact ┃ figures ┃" not in text and "F1" not in text
    assert "Figures that disagree: none" not in render_compare_text(report())  # the fictional story has one


def test_stage_interface() -> None:
    stage = CompareStage()
    assert stage.name == "compare" and "coverage" in stage.assigns
    (out,) = list(stage.pipe([story_inputs()]))
    assert [f.id for f in out.facts] == [f.id for f in report().facts]


def test_inputs_from_the_per_article_stages() -> None:
    """The glue runs entities, canonical resolution, quotes and the ledger, dates and the timeline."""
    arts = [as_article(a) for a in story_articles()]
    wire = {"a-herald": ("w1", "a-herald"), "a-valley": ("w1", "a-herald")}
    inputs = analyse_articles("story-tarvia", "event", "Tarvia", arts, wire)
    assert {a.wire_group for a in inputs.articles if a.id in wire} == {"w1"}
    varga = {e.entity_id for e in inputs.entities if e.spelling == "Ilse Varga"}
    assert len(varga) == 1  # one canonical person across outlets and languages
    assert any(q.ledger_id for q in inputs.quotes) and any(d.value.startswith("2024-03") for d in inputs.dates)
    assert inputs.timeline is not None and inputs.timeline.entries
    rep = compare_story(inputs)
    assert any(len(f.outlets) >= 3 for f in rep.facts)
