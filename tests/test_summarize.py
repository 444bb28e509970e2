"""Summaries: the extractive default over the fictional story, and the OpenAI-compatible client on a fake transport."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from functools import cache

import pytest

from storyweave.coverage.model import CoverageReport, Fact, FactSupport, Span, StoryArticle, StoryInputs
from storyweave.errors import ConfigError
from storyweave.stages.compare import compare_story
from storyweave.stages.summarize import (
    ExtractiveSummarizer,
    LLMConfig,
    LLMError,
    OpenAICompatibleSummarizer,
    Summarizer,
    Summary,
    parse_response,
    summary_record,
)
from tests.coverage_fixtures import story_articles, story_inputs

#: Two outlets tell a visit in one long sentence that the comparison cuts into two clauses (both shared facts);
#: the whole sentences around it are told by one outlet each.
VISIT_A = (
    "HALVIK (NPA) — The energy minister flew to the Farlandic capital for talks on Monday, where she signed a "
    "pipeline agreement worth 300 million crowns with the state gas company.\n\n"
    "Officials expect the first gas to flow through the new line before the winter of 2027.\n\n"
    "The opposition says the deal ties the country to a single supplier for a decade."
)
VISIT_B = (
    "The energy minister flew to the Farlandic capital for talks on Monday, where she signed a pipeline "
    "agreement worth 300 million crowns with the state gas company.\n\n"
    "Environmental groups staged a small protest outside the ministry while the minister was away.\n\n"
    "Farland already supplies about a third of the gas the country burns each year."
)


@cache
def report() -> CoverageReport:
    return compare_story(story_inputs())


@cache
def summary() -> Summary:
    return ExtractiveSummarizer().summarize(report(), sentences=3)


def test_length_is_a_parameter() -> None:
    assert len(summary().sentences) == 3
    assert len(ExtractiveSummarizer().summarize(report(), sentences=1).sentences) == 1
    with pytest.raises(ConfigError):
        ExtractiveSummarizer().summarize(report(), sentences=0)


def test_every_sentence_cites_every_supporting_article_with_its_span() -> None:
    texts = {a.id: a.text for a in story_articles()}
    origin = {a.id: a.origin for a in story_articles()}
    facts = {f.id: f for f in report().facts}
    for s in summary().sentences:
        fact = facts[s.fact_id]
        assert set(s.article_ids) <= set(fact.article_ids)
        for c in s.citations:
            assert texts[c.article_id][c.start : c.end] == c.text
        # an article of the fact goes uncited only when the alignment scored none of its spans against the
        # sentence's span high enough
        mine = next(
            sp
            for f_s in fact.supports
            for sp in f_s.spans
            if sp.start <= s.start < sp.end and sp.article_id == s.article_id
        )
        for sup in fact.supports:
            if sup.article_id not in s.article_ids:
                assert all((fact.link(mine, sp) or 0.0) < ExtractiveSummarizer().cite_min for sp in sup.spans)
        assert s.origins == len({origin[a] for a in s.article_ids})
        assert s.outlets == tuple(sorted({c.outlet for c in s.citations}))
        assert s.article_id is not None and s.start is not None and s.end is not None
        source = " ".join(texts[s.article_id][s.start : s.end].split())
        # drawn from a source: a whole sentence, or the main clause it opens with and a full stop
        assert s.text in (source, source.rstrip(",;—– ") + ".")


def test_the_fact_most_outlets_carried_comes_once_and_is_chosen() -> None:
    loan = [s for s in summary().sentences if "1.2" in s.text or "Kredit" in s.text]
    assert len(loan) == 1 and loan[0].origins == 3


def test_sentences_are_in_time_order() -> None:
    keys = [(s.date or "9999") for s in summary().sentences]
    assert keys == sorted(keys)


def test_an_article_that_only_mentions_the_same_day_is_not_cited() -> None:
    """A day's (or a figure's) fact also holds spans that only mention the same day while saying something else: the
    summary cites the articles whose span the alignment scored against the sentence's at ``cite_min`` or more, and
    always the sentence's own article and its wire copies."""
    say = "Riot police detained more than 300 people on Saturday as crowds marched against Sunday's vote."
    told = "Police held more than 300 marchers on Saturday, a week after the disputed vote."
    aside = "The currency has lost a tenth of its value since the disputed vote."
    arts = (
        StoryArticle("d-a", "Herald", "2024-03-16", "en", None, say),
        StoryArticle("d-b", "Courier", "2024-03-16", "en", None, told),
        StoryArticle("d-c", "Ledger", "2024-03-17", "en", None, aside),
        StoryArticle("d-d", "Gazette", "2024-03-17", "en", None, say, wire_group="w1"),
        StoryArticle("d-e", "Post", "2024-03-17", "en", None, say, wire_group="w1"),
    )
    spans = {a.id: Span(a.id, 0, len(a.text), a.text) for a in arts}
    pairs = {("d-a", "d-b"): 0.8, ("d-a", "d-c"): 0.1, ("d-b", "d-c"): 0.2, ("d-d", "d-e"): 1.0}
    links = {}
    for x in spans:
        for y in spans:
            if x != y:
                links[(x, 0, y, 0)] = pairs.get((x, y), pairs.get((y, x), 0.05))
    supports = tuple(FactSupport(a.id, a.outlet_name, a.origin, (spans[a.id],), 0.5, "") for a in arts)
    fact = Fact(
        "f1", "s", "date", say, spans["d-d"], supports, 4, (), 0.5, "aligned on a day", "2024-03-10", links=links
    )
    rep = replace(compare_story(StoryInputs("s", "event", None, arts)), facts=(fact,))
    (sentence,) = ExtractiveSummarizer().summarize(rep, sentences=1).sentences
    assert sentence.article_id == "d-d"
    # the wire copy is cited whatever its score; the Courier and Herald score 0.05 against the Gazette's span
    assert set(sentence.article_ids) == {"d-d", "d-e"} and sentence.origins == 1


def test_summary_units_are_whole_sentences() -> None:
    """A clause cut out of a sentence ("where she signed ...") is a fact but no summary sentence, however many
    outlets carried it."""
    arts = (
        StoryArticle("v-a", "Halvik Post", "2024-05-06T08:00:00", "en", None, VISIT_A),
        StoryArticle("v-b", "Capital News", "2024-05-06T09:00:00", "en", None, VISIT_B),
    )
    rep = compare_story(StoryInputs("visit", "event", None, arts, (), (), (), {}))
    clause = [f for f in rep.facts if f.text.startswith("where she signed")]
    assert clause and clause[0].origins == 2  # the fragment is the best-supported fact
    texts = {a.id: a.text for a in arts}
    summ = ExtractiveSummarizer().summarize(rep, sentences=4)
    assert summ.sentences
    for s in summ.sentences:
        assert s.text[:1].isupper() and s.text.endswith(".")
        assert s.article_id is not None and s.start is not None and s.end is not None
        head = texts[s.article_id][: s.start].rstrip()
        assert not head or head.endswith((".", "—")), s.text  # it starts a sentence (after a dateline at most)
    assert not any(s.fact_id == clause[0].id for s in summ.sentences)
    # with the requirement off the fragment may be taken, as before
    loose = ExtractiveSummarizer(require_sentence=False).summarize(rep, sentences=4)
    assert any(s.text.startswith("where") for s in loose.sentences)


def test_export_record() -> None:
    rec = summary_record(summary())
    assert rec["story_id"] == "story-tarvia"
    assert {"text", "article_ids", "outlets"} <= set(rec["sentences"][0])
    assert isinstance(ExtractiveSummarizer(), Summarizer)


# ---------------------------------------------------------------- OpenAI-compatible, never over the network


class FakeTransport:
    def __init__(self, status: int, content: str) -> None:
        self.status, self.content = status, content
        self.calls: list[tuple[str, Mapping[str, str], dict]] = []  # type: ignore[type-arg]

    def __call__(self, url: str, headers: Mapping[str, str], body: bytes) -> tuple[int, bytes]:
        self.calls.append((url, headers, json.loads(body)))
        answer = {"choices": [{"message": {"role": "assistant", "content": self.content}}]}
        return self.status, json.dumps(answer).encode()


def llm(content: str, status: int = 200) -> tuple[OpenAICompatibleSummarizer, FakeTransport]:
    fake = FakeTransport(status, content)
    cfg = LLMConfig("http://llm.invalid/v1/", "test-model", api_key="secret")
    return OpenAICompatibleSummarizer(cfg, transport=fake), fake


def labels_of(summ: OpenAICompatibleSummarizer, article_id: str, marker: str) -> str:
    return next(lab for lab, sp in summ.passages(report()) if sp.article_id == article_id and marker in sp.text)


def test_request_shape() -> None:
    summ, fake = llm('{"sentences": []}')
    summ.summarize(report(), sentences=2)
    ((url, headers, body),) = fake.calls
    assert url == "http://llm.invalid/v1/chat/completions"
    assert headers["Authorization"] == "Bearer secret"
    assert body["model"] == "test-model" and body["messages"][0]["role"] == "system"
    assert "[P1]" in body["messages"][1]["content"] and "at most 2 sentences" in body["messages"][1]["content"]


def test_citations_are_validated_and_uncited_sentences_dropped() -> None:
    summ, _ = llm("")
    herald = labels_of(summ, "a-herald", "1.2 billion")
    rundschau = labels_of(summ, "a-rundschau", "Kredit")
    unemployment = labels_of(summ, "a-eastport", "Unemployment")
    content = json.dumps(
        {
            "sentences": [
                {"text": "Tarvia agreed to lend Lesnovia $1.2 billion.", "citations": [herald, rundschau, "P999"]},
                {"text": "The finance minister promised to repay every crown.", "citations": [unemployment]},
                {"text": "The loan was welcomed.", "citations": []},
            ]
        }
    )
    summ, _ = llm(f"```json\n{content}\n```")
    out = summ.summarize(report(), sentences=3)
    (only,) = out.sentences
    assert set(only.article_ids) == {"a-herald", "a-rundschau"}  # P999 named no passage
    assert only.origins == 2 and all(c.score >= 0.5 for c in only.citations)
    # the Eastport Daily says nothing of repaying: its citation fails, and with it the sentence


def test_errors_are_reported() -> None:
    summ, _ = llm("not json at all")
    with pytest.raises(LLMError):
        summ.summarize(report())
    summ, _ = llm("{}", status=500)
    with pytest.raises(LLMError, match="HTTP 500"):
        summ.summarize(report())
    with pytest.raises(LLMError):
        parse_response(b"<html>")


def test_config() -> None:
    assert LLMConfig.from_env({}) is None
    cfg = LLMConfig.from_env({"STORYWEAVE_LLM_BASE_URL": "https://x.invalid/v1", "STORYWEAVE_LLM_MODEL": "m"})
    assert cfg is not None and cfg.api_key is None
    with pytest.raises(ConfigError):
        LLMConfig("ftp://x", "m")
    assert "secret" not in repr(LLMConfig("https://x.invalid", "m", api_key="secret"))
