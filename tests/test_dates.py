"""Dates stage: detection, news-specific resolution, partial anchors, quotes, statements, inference.

All fixtures are written for these tests (fictional places and people).
"""

from __future__ import annotations

import re

import pytest

from storyweave.models import Article, Field
from storyweave.stages.dates import (
    DateMention,
    DatesStage,
    dated_statements,
    find_dates,
    infer_published,
    infer_published_from_related,
)
from storyweave.temporal.anchor import parse_anchor


def found(text: str, anchor: str | None, language: str = "en") -> dict[str, DateMention]:
    return {m.text: m for m in find_dates(text, anchor=anchor, language=language)}


def value(text: str, phrase: str, anchor: str | None, language: str = "en") -> str:
    mentions = found(text, anchor, language)
    assert phrase in mentions, f"{phrase!r} not found in {sorted(mentions)}"
    return mentions[phrase].value


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{3,}", text.lower()))


def jaccard(a: str, b: str) -> float:
    x, y = words(a), words(b)
    return len(x & y) / len(x | y) if x | y else 0.0


WED = "2020-09-16"  # a Wednesday


# --- news habits (English) -------------------------------------------------------------------------------


def test_same_weekday_as_publication_is_that_day() -> None:
    m = found("Varenia's president said Wednesday that the border would stay open.", WED)["Wednesday"]
    assert m.value == WED
    assert "publication" in m.resolution and m.granularity == "day" and m.type == "date"
    assert m.anchor == WED and m.relative == "WD2="


def test_weekday_in_past_tense_is_the_one_before() -> None:
    m = found("The prime minister travelled to Dravsk on Monday for talks.", WED)["Monday"]
    assert m.value == "2020-09-14"
    assert "past" in m.resolution and "before" in m.resolution


def test_weekday_in_future_tense_is_the_one_after() -> None:
    assert value("The two leaders will meet again on Friday in Halden.", "Friday", WED) == "2020-09-18"


def test_relative_units_against_publication() -> None:
    text = (
        "Prices rose last month. Earlier this year the port closed. Talks resume next week. "
        "The first tranche will be paid by the end of the year. The mayor resigned last year."
    )
    ms = found(text, WED)
    assert ms["last month"].value == "2020-08"
    assert ms["Earlier this year"].value == "2020" and ms["Earlier this year"].mod == "START"
    assert ms["next week"].value == "2020-W39" and ms["next week"].granularity == "week"
    assert ms["the end of the year"].value == "2020" and ms["the end of the year"].mod == "END"
    assert ms["last year"].value == "2019"


def test_deictic_days_and_parts_of_day() -> None:
    ms = found(
        "Protesters gathered yesterday. Police said today. Results come tomorrow. Shots were heard last night.", WED
    )
    assert ms["yesterday"].value == "2020-09-15"
    assert ms["today"].value == WED
    assert ms["tomorrow"].value == "2020-09-17"
    assert ms["last night"].value == "2020-09-15TNI" and ms["last night"].type == "time"


def test_day_and_month_without_year_take_the_sensible_year() -> None:
    assert value("On November 10, the council voted.", "November 10", "2020-11-12") == "2020-11-10"
    assert value("The strike began in December.", "December", "2021-02-03") == "2020-12"
    assert value("The new bridge will open in January.", "January", "2020-10-20") == "2021-01"
    m = found("The offer had been set to expire Nov. 6.", "2020-11-02")["Nov. 6"]
    assert m.value == "2020-11-06"  # a deadline a few days ahead, whatever the tense


def test_modifiers_and_explicit_dates() -> None:
    ms = found("In late August, the marshal announced a reserve force. The vote of 9 August 2020 was disputed.", WED)
    assert ms["late August"].value == "2020-08" and ms["late August"].mod == "END"
    assert ms["9 August 2020"].value == "2020-08-09" and ms["9 August 2020"].resolution.endswith("explicit date")
    assert value("Turnout fell in mid-June.", "mid-June", WED) == "2020-06"
    assert value("Tuesday, Nov. 10, 2020 was quiet.", "Tuesday, Nov. 10, 2020", WED) == "2020-11-10"


def test_durations_sets_and_references() -> None:
    text = (
        "The siege lasted three months. Over the past two years the fund grew. Inspectors visit every week "
        "and each Monday. The ferry runs daily. Now the town waits; prices rose recently and may fall in the future."
    )
    ms = found(text, WED)
    assert ms["three months"].value == "P3M" and ms["three months"].type == "duration"
    assert ms["Over the past two years"].value == "P2Y"
    assert ms["every week"].value == "P1W" and ms["every week"].type == "set"
    assert ms["each Monday"].value == "XXXX-WXX-1"
    assert ms["daily"].value == "P1D"
    assert ms["Now"].value == "PRESENT_REF"
    assert ms["recently"].value == "PAST_REF"
    assert ms["in the future"].value == "FUTURE_REF"
    assert "may" not in {k.lower() for k in ms}  # the verb


def test_weeks_seasons_quarters_decades() -> None:
    ms = found(
        "This week the harbour reopened. This summer was dry. Profit rose in the third quarter. In the 1990s it grew.",
        WED,
    )
    assert ms["This week"].value == "2020-W38"
    assert ms["This summer"].value == "2020-SU"
    assert ms["the third quarter"].value == "2020-Q3"
    assert ms["the 1990s"].value == "199"


def test_counts_ages_and_amounts_are_not_dates() -> None:
    ms = found(
        "Some 2000 troops and a 66-year-old farmer crossed; 1500 people waited, a quarter of them children.", WED
    )
    assert not any(m.value in ("2000", "1500") for m in ms.values())
    assert not any("66-year" in k for k in ms)
    assert "a quarter" not in ms


def test_ago_and_anaphoric_earlier() -> None:
    ms = found(
        "Three days ago the dam broke. The levee had been repaired on June 3, 2019; a year earlier it had failed.", WED
    )
    assert ms["Three days ago"].value == "2020-09-13"
    assert ms["a year earlier"].value == "2018-06-03"  # counted from the date mentioned before
    assert "mentioned before" in ms["a year earlier"].resolution


def test_clock_time_joins_its_day() -> None:
    # "close" is a scheduled present: the coming Friday, not the one before (the "said" after the comma
    # governs its own clause)
    m = found("The polls close at 8 p.m. Friday, officials said.", WED)
    assert m["8 p.m. Friday"].value == "2020-09-18T20:00" and m["8 p.m. Friday"].type == "time"
    m = found("The polls closed at 8 p.m. Friday.", WED)
    assert m["8 p.m. Friday"].value == "2020-09-11T20:00"


def test_clock_time_joins_its_day_across_a_time_zone() -> None:
    m = found("The offer was extended until 5 p.m. EST Nov. 9.", "1989-11-02")
    assert m["5 p.m. EST Nov. 9"].value == "1989-11-09T17:00"
    m = found("Voting starts at 10 a.m. (0800 GMT) Monday.", WED)
    assert m["10 a.m. (0800 GMT) Monday"].value == "2020-09-21T10:00"


# --- quotes: the speaker's time --------------------------------------------------------------------------


def test_weekday_in_quote_counts_from_the_speakers_day() -> None:
    text = "The minister told reporters on Monday: “We will decide on Thursday, and the talks resume tomorrow.”"
    ms = found(text, "2020-09-18")  # a Friday
    assert ms["Monday"].value == "2020-09-14" and not ms["Monday"].in_quote
    thursday = ms["Thursday"]
    assert thursday.in_quote
    assert thursday.value == "2020-09-17"  # the Thursday after the Monday it was said on, not after the Friday
    assert "speaker" in thursday.resolution
    assert ms["tomorrow"].value == "2020-09-15"


def test_quote_tense_is_the_quotes_own() -> None:
    text = "“The vote was rigged on Sunday,” the opposition leader said Wednesday."
    ms = found(text, WED)
    assert ms["Sunday"].in_quote and ms["Sunday"].value == "2020-09-13"
    assert ms["Wednesday"].value == WED and not ms["Wednesday"].in_quote


# --- partial and absent anchors --------------------------------------------------------------------------


def test_partial_anchor_without_year_never_invents_one() -> None:
    ms = found("The summit opened yesterday. On Tuesday the envoy arrived. The vote was held on August 9.", "--11-10")
    assert ms["yesterday"].value == "XXXX-11-09"
    assert ms["Tuesday"].value == "XXXX-WXX-2" and ms["Tuesday"].confidence < 0.5
    assert ms["August 9"].value == "XXXX-08-09"
    assert all(not m.value.startswith("20") for m in ms.values())


def test_month_anchor_and_no_anchor() -> None:
    ms = found("The count ended yesterday. Last year turnout was low.", "2020-11")
    assert ms["yesterday"].value == "2020-11" and ms["yesterday"].confidence <= 0.3
    assert ms["Last year"].value == "2019"
    ms = found("The count ended yesterday. It began on August 9, 2020.", None)
    assert ms["yesterday"].value == "XXXX-XX-XX" and ms["yesterday"].anchor is None
    assert ms["August 9, 2020"].value == "2020-08-09"


def test_anchor_parsing() -> None:
    assert parse_anchor("2020-09-16T22:54:00+05:30").value == "2020-09-16"  # type: ignore[union-attr]
    assert parse_anchor("--11-10").value == "XXXX-11-10"  # type: ignore[union-attr]
    assert parse_anchor("2020-11").granularity == "month"  # type: ignore[union-attr]
    assert parse_anchor("not a date") is None and parse_anchor(None) is None


# --- other languages -------------------------------------------------------------------------------------


def test_french() -> None:
    text = (
        "Le ministre a annoncé lundi un nouveau plan. Hier, les syndicats ont manifesté. La semaine dernière, "
        "le port était fermé. Le vote aura lieu demain. Fin août, la crise a commencé. Il y a trois mois, "
        "le maire a démissionné. L'an dernier, la récolte était faible."
    )
    ms = found(text, WED, "fr")
    assert ms["lundi"].value == "2020-09-14"
    assert ms["Hier"].value == "2020-09-15"
    assert ms["La semaine dernière"].value == "2020-W37"
    assert ms["demain"].value == "2020-09-17"
    assert ms["Fin août"].value == "2020-08" and ms["Fin août"].mod == "END"
    assert ms["Il y a trois mois"].value == "2020-06"
    assert ms["L'an dernier"].value == "2019"
    assert value("Le sommet s'est tenu le 10 novembre.", "10 novembre", "2020-11-12", "fr") == "2020-11-10"


def test_german() -> None:
    text = (
        "Gestern protestierten Tausende. Der Minister hatte am Montag erklärt, die Grenze bleibe offen. "
        "Letzte Woche wurde verhandelt. Ende August begann die Krise. Vor drei Monaten trat er zurück. "
        "Nächste Woche wird abgestimmt. Am 10. November 2020 tagte der Rat. Am Montagabend sprach er."
    )
    ms = found(text, WED, "de")
    assert ms["Gestern"].value == "2020-09-15"
    assert ms["Montag"].value == "2020-09-14"
    assert ms["Letzte Woche"].value == "2020-W37"
    assert ms["Ende August"].value == "2020-08" and ms["Ende August"].mod == "END"
    assert ms["Vor drei Monaten"].value == "2020-06"
    assert ms["Nächste Woche"].value == "2020-W39"
    assert ms["10. November 2020"].value == "2020-11-10"
    assert ms["Montagabend"].type == "time" and ms["Montagabend"].value == "2020-09-14TEV"


def test_spanish() -> None:
    text = (
        "Ayer hubo protestas. El ministro dijo el lunes que la frontera seguirá abierta. La semana pasada "
        "cerró el puerto. A finales de agosto empezó la crisis. Hace tres meses dimitió el alcalde. "
        "El 10 de noviembre de 2020 se reunió el consejo. Mañana se vota, y por la mañana abren los colegios."
    )
    ms = found(text, WED, "es")
    assert ms["Ayer"].value == "2020-09-15"
    assert ms["lunes"].value == "2020-09-14"
    assert ms["La semana pasada"].value == "2020-W37"
    assert ms["A finales de agosto"].value == "2020-08" and ms["A finales de agosto"].mod == "END"
    assert ms["Hace tres meses"].value == "2020-06"
    assert ms["10 de noviembre de 2020"].value == "2020-11-10"
    assert ms["Mañana"].value == "2020-09-17"
    assert "mañana" not in ms  # "por la mañana": in the morning


# --- statements ------------------------------------------------------------------------------------------


def test_statements_background_news_and_actors() -> None:
    text = (
        "On Wednesday, Marshal Orvel Tain asked Halden for police support. Tain, in power since 1994, "
        "recalled the 2014 annexation of the Kalvar coast. The election was held on August 9."
    )
    ms = find_dates(text, anchor=WED, language="en")
    ents = [(text.index("Orvel Tain"), text.index("Orvel Tain") + 10, "Orvel Tain")]
    ents.append((text.index("Halden"), text.index("Halden") + 6, "Halden"))
    ents.append((text.index("Kalvar"), text.index("Kalvar") + 6, "Kalvar"))  # another sentence
    sts = {s.mention.text: s for s in dated_statements(text, ms, anchor=WED, entities=ents, article_id="a1")}
    news = sts["Wednesday"]
    assert news.role == "news" and not news.background and news.date == WED
    assert news.actors == ("Orvel Tain", "Halden") and news.article_id == "a1"
    assert news.text.startswith("On Wednesday, Marshal Orvel Tain asked")
    assert sts["1994"].background and "since" in sts["1994"].reason
    assert sts["2014"].background
    assert sts["August 9"].background and sts["August 9"].date == "2020-08-09"


# --- publication date inference --------------------------------------------------------------------------


def test_infer_within_article_lower_bound_and_partial() -> None:
    text = "On 3 March 2021, the Dravsk council met. It had last met in 2019."
    ms = find_dates(text, anchor=None, language="en")
    inf = infer_published(ms, text=text)
    assert inf is not None and inf.source == "inferred"
    assert inf.value == "2021-03-03" and inf.mod == "ON_OR_AFTER" and inf.granularity == "day"
    assert "3 March 2021" in inf.evidence
    ms = find_dates(text, anchor="--03-03", language="en")
    inf = infer_published(ms, published="--03-03", text=text)
    assert inf is not None and inf.value == "2021-03-03" and inf.mod is None and inf.confidence >= 0.7
    assert infer_published(find_dates(text, anchor="2021-03-05", language="en"), published="2021-03-05") is None


RELATED = (
    "Halden Post, 2020-11-10. On Tuesday the regional council met online. In late August, Marshal Orvel Tain "
    "announced a reserve police force to help Varenia if the unrest spread."
)
UNDATED = (
    "Marshal Orvel Tain today announced a reserve police force ready to help Varenia if the unrest spreads. "
    "The protests followed the disputed vote on August 9."
)


def test_infer_from_related_article() -> None:
    rel_ms = find_dates(RELATED, anchor="2020-11-10", language="en")
    related = dated_statements(RELATED, rel_ms, anchor="2020-11-10", article_id="post-1")
    own_ms = find_dates(UNDATED, anchor=None, language="en")
    own = dated_statements(UNDATED, own_ms, anchor=None, article_id="undated")
    assert infer_published_from_related(own, [], jaccard, threshold=0.3) is None
    inf = infer_published_from_related(own, related, jaccard, threshold=0.3)
    assert inf is not None and inf.source == "inferred" and inf.basis == "related"
    assert (inf.value, inf.granularity, inf.mod) == ("2020-08", "month", "END")  # late August 2020
    assert "post-1" in inf.evidence and "2020-08 END" in inf.evidence and "late August" in inf.evidence
    ferry = "On Monday a ferry sank."
    unrelated = dated_statements(ferry, find_dates(ferry, anchor=WED, language="en"), anchor=WED)
    assert infer_published_from_related(own, unrelated, jaccard, threshold=0.3) is None


def test_infer_year_of_partial_date_from_related() -> None:
    text = "The council met on November 10 and adopted a statement on the Varenia crisis."
    own = dated_statements(text, find_dates(text, anchor="--11-10", language="en"), anchor="--11-10")
    rel_text = "On November 10, the council met online and adopted a statement on the Varenia crisis."
    related = dated_statements(rel_text, find_dates(rel_text, anchor="2020-11-10", language="en"), anchor="2020-11-10")
    inf = infer_published_from_related(own, related, jaccard, published="--11-10")
    assert inf is not None and inf.value == "2020-11-10" and inf.granularity == "day" and inf.mod is None
    assert "year 2020 inferred" in inf.evidence and inf.source == "inferred"


# --- the stage -------------------------------------------------------------------------------------------


def article(text: str, published: str | None, language: str = "en", aid: str = "a1") -> Article:
    meta = {"language": Field(language, "langid")}
    if published is not None:
        meta["published"] = Field(published, "meta")
    return Article(aid, "d" + aid, aid, "test", "text", text, meta)


def test_stage_interface_and_stated_anchor() -> None:
    stage = DatesStage()
    assert stage.name == "dates" and "published" in stage.requires and stage.assigns == ("dates",)
    res = stage(article("Police said on Monday that the march was peaceful.", WED))
    assert res.anchor == WED and res.anchor_source == "stated" and res.inferred is None
    assert [m.value for m in res.mentions] == ["2020-09-14"]
    assert res.statements[0].date == "2020-09-14"


def test_stage_infers_but_never_presents_as_stated() -> None:
    stage = DatesStage()
    res = stage(article("Police said on Monday that the march of September 14, 2020 was peaceful.", None))
    assert res.anchor_source == "none"  # a lower bound is not an anchor
    assert res.inferred is not None and res.inferred.mod == "ON_OR_AFTER" and res.inferred.source == "inferred"
    monday = next(m for m in res.mentions if m.text == "Monday")
    assert monday.value == "XXXX-WXX-1"
    res = stage(article("The march of September 14, 2020 was peaceful, police said on Monday.", "--09-14"))
    assert res.anchor_source == "inferred" and res.anchor == "2020-09-14"
    monday = next(m for m in res.mentions if m.text == "Monday")
    assert monday.value == "2020-09-14" and "anchor inferred" in monday.resolution
    field = res.inferred.to_field()  # type: ignore[union-attr]
    assert field.source == "inferred" and field.evidence


def test_stage_pipe_order_determinism_and_reanchor() -> None:
    stage = DatesStage()
    arts = [article("Yesterday it rained.", WED, aid="x"), article("Gestern regnete es.", WED, "de", aid="y")]
    first = list(stage.pipe(arts))
    assert [r.article_id for r in first] == ["x", "y"]
    assert first[1].mentions[0].value == "2020-09-15"
    assert first == list(stage.pipe(arts))
    undated = article(UNDATED, None, aid="u")
    own = stage(undated)
    rel = stage(article(RELATED, "2020-11-10", aid="post-1"))
    inf = stage.related_inference(own, [rel], lambda a, b: jaccard(a, b) / 0.6)
    assert inf is not None and inf.value == "2020-08"
    again = stage.reanchor(undated, inf)
    assert again.anchor_source == "inferred" and again.anchor == "2020-08"
    aug9 = next(m for m in again.mentions if m.text == "August 9")
    assert aug9.value == "2020-08-09" and "anchor inferred" in aug9.resolution


@pytest.mark.parametrize("text", ["", "No dates here at all.", "12345", "“unclosed quote on Monday"])
def test_degenerate_inputs(text: str) -> None:
    for lang in ("en", "fr", "de", "es", "xx", None):
        assert isinstance(find_dates(text, anchor=WED, language=lang), list)


def test_modals_and_conditionals() -> None:
    # a modal after the weekday belongs to another verb; before it, it governs the weekday
    assert value("Trump said on Wednesday he would meet the group.", "Wednesday", "2016-06-16") == "2016-06-15"
    assert value("The council said it would debate the plan Monday.", "Monday", WED) == "2020-09-21"
    assert value("Le conseil a indiqué qu'il en débattrait lundi.", "lundi", WED, "fr") == "2020-09-21"
    # a yearless month in a conditional is ahead
    assert value("Polls show he can win in November.", "November", "2016-01-19") == "2016-11"
    assert value("He had surgery in November.", "November", "2016-01-19") == "2015-11"


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "ru",
            "Вчера прошла встреча. На прошлой неделе министр выступил 10 ноября 2020 года.",
            ["2020-11-11", "2020-W45", "2020-11-10"],
        ),
        (
            "it",
            "Ieri il ministro ha parlato; la settimana scorsa, il 10 novembre 2020, il porto era chiuso.",
            ["2020-11-11", "2020-W45", "2020-11-10"],
        ),
        (
            "pt",
            "Ontem o ministro falou. Na semana passada, em 10 de novembro de 2020, o porto fechou.",
            ["2020-11-11", "2020-W45", "2020-11-10"],
        ),
    ],
)
def test_other_languages_from_dateparser_locales(language: str, text: str, expected: list[str]) -> None:
    # no table of our own: month, weekday and relative-phrase words come from dateparser's locale data
    assert [m.value for m in find_dates(text, anchor="2020-11-12", language=language)] == expected


def test_news_habits_in_french_german_spanish() -> None:
    # the publication's own weekday, a quote counted from the speaker's day, a yearless day, a partial anchor
    assert value("Le président a déclaré mercredi que la frontière restait ouverte.", "mercredi", WED, "fr") == WED
    fr = found("Le ministre a dit lundi : « Nous voterons jeudi. »", "2020-09-18", "fr")
    assert fr["jeudi"].in_quote and fr["jeudi"].value == "2020-09-17"
    de = found("Am 10. November tagte der Rat. Gestern sprach der Kanzler.", "--11-12", "de")
    assert de["10. November"].value == "XXXX-11-10" and de["Gestern"].value == "XXXX-11-11"
    es = found(
        "El presidente dijo el miércoles que la frontera seguirá abierta; el 10 de noviembre habló.", "2020-11-18", "es"
    )
    assert es["miércoles"].value == "2020-11-18" and es["10 de noviembre"].value == "2020-11-10"


MON = "2020-09-14"  # a Monday


def test_timeline_driven_fixes() -> None:
    # "avait été" is the participle of être, not the summer; "cet été" is the season
    assert "été" not in found("Elle a affirmé que le décompte avait été réécrit.", "2020-09-08", "fr")
    assert value("Il partira cet été à Lesnograd.", "cet été", "2020-03-08", "fr") == "2020-SU"
    # a yearless date just past, in a future clause, is not a year ahead
    assert value("Most who marched in September will call the ruling overdue.", "September", "2020-10-16") == "2020-09"
    de = "Bis dahin sollen alle nach der Kundgebung vom 13. September Festgenommenen freikommen."
    assert value(de, "13. September", "2020-10-16", "de") == "2020-09-13"
    assert value("The council will meet on 13 November.", "13 November", "2020-10-16") == "2020-11-13"
    # a weekday after the object of a verb that looks ahead, or after "for", dates what is planned
    assert value("Marchuk called for a peaceful rally in the capital on Saturday.", "Saturday", MON) == "2020-09-19"
    assert value("She has called a rally for Saturday.", "Saturday", MON) == "2020-09-19"
    assert value("He called on Saturday for calm.", "Saturday", MON) == "2020-09-12"
    assert value("La oposición ha convocado una manifestación para el sábado.", "sábado", MON, "es") == "2020-09-19"


def test_statement_roles_see_start_mid_end_and_name_things() -> None:
    text = "The drills run until late September. The 2029 bonds fell. Protests since an August 9 vote go on."
    roles = {s.mention.text: s for s in dated_statements(text, find_dates(text, anchor=WED, language="en"), anchor=WED)}
    assert roles["late September"].role == "future"  # 21-30 September, after the 16th
    assert roles["2029"].role == "future" and roles["2029"].cue == "modifier"
    assert roles["August 9"].background and roles["August 9"].cue == "since"
    assert roles["August 9"].context_end >= roles["August 9"].end


def test_doc_sentences_end_at_paragraph_breaks() -> None:
    from storyweave.temporal.context import sentence_spans

    class Sent:
        def __init__(self, start: int, end: int) -> None:
            self.start_char, self.end_char = start, end

    class Doc:  # a splitter that ran two paragraphs together
        def __init__(self, text: str) -> None:
            self.sents = [Sent(0, len(text))]

    text = "He said no.\n\nIn 1994 he took power."
    assert [text[a:b].strip() for a, b in sentence_spans(text, Doc(text))] == ["He said no.", "In 1994 he took power."]


# --- weekdays: aspect, reported plans, anaphora -----------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        ("The leaders meet Monday in Dravsk.", "Monday", "2020-09-21"),  # scheduled present
        ("Leaders are meeting Monday to discuss the border.", "Monday", "2020-09-21"),  # present progressive
        ("The vote is Sunday.", "Sunday", "2020-09-20"),  # copula before the weekday
        ("Rescuers are searching for survivors of Monday's quake.", "Monday", "2020-09-14"),
        ("The offer had been due to expire Friday.", "Friday", "2020-09-11"),  # an overtaken plan
        ("The minister will visit Dravsk on Tuesday, his office said Monday.", "Tuesday", "2020-09-22"),
        ("Officials said Monday that the talks would resume Tuesday.", "Tuesday", "2020-09-15"),
        ("Officials said Monday that the talks would resume Thursday.", "Thursday", "2020-09-17"),
        ("Flights leave on Tuesday nights.", "Tuesday nights", "XXXX-WXX-2TNI"),
    ],
)
def test_weekday_reading(sentence: str, phrase: str, expected: str) -> None:
    assert value(sentence, phrase, WED) == expected


def test_previous_weekday_counts_from_the_day_mentioned_before() -> None:
    text = "Shares rose on Friday. The index was down 4.5% from the previous Friday."
    assert value(text, "the previous Friday", WED) == "2020-09-04"
    assert value("The index was down from the previous Friday.", "the previous Friday", WED) == "2020-09-11"


# --- quarters, halves, decades, fractions --------------------------------------------------------------


@pytest.mark.parametrize(
    ("anchor", "sentence", "phrase", "expected"),
    [
        ("2020-01-20", "The company reported a drop in fourth-quarter profit.", "fourth-quarter", "2019-Q4"),
        ("2020-11-20", "The plant will reopen in the first quarter.", "the first quarter", "2021-Q1"),
        ("2020-09-16", "The company reported fourth-quarter profit.", "fourth-quarter", "2020-Q4"),  # fiscal
        ("2020-09-16", "Profit rose from the year-ago third quarter.", "the year-ago third quarter", "2019-Q3"),
        ("2020-09-16", "Earnings fell in the last half of 2019.", "the last half of 2019", "2019-H2"),
        ("2020-09-16", "Sales in the current fiscal year will rise.", "the current fiscal year", "2020"),
        ("1998-03-03", "Crime was dropping through the nineties.", "the nineties", "199"),
        ("2020-09-16", "He was born in the late sixties.", "the late sixties", "196"),
        ("2020-09-16", "Orangemen march each July.", "each July", "XXXX-07"),
        ("2020-09-16", "They lived in camps for 2 1/2 years.", "for 2 1/2 years", "P2Y6M"),
        ("2020-09-16", "He stayed for a year and a half.", "for a year and a half", "P1Y6M"),
        ("2020-09-16", "The crossing takes half an hour.", "half an hour", "PT30M"),
    ],
)
def test_periods_and_fractions(anchor: str, sentence: str, phrase: str, expected: str) -> None:
    assert value(sentence, phrase, anchor) == expected


def test_year_quarter_refers_to_the_quarter_of_the_report() -> None:
    text = "Net rose in the third quarter. In the 1988 period, it earned $20 million. For the quarter a year ago, $1."
    assert value(text, "the 1988 period", "1989-10-26") == "1988-Q3"
    assert value(text, "the quarter a year ago", "1989-10-26") == "1988-Q3"


def test_deadline_in_a_future_clause_is_ahead() -> None:
    assert value("The truce will hold until March.", "March", "1998-02-13") == "1998-03"
    assert value("The offer had been extended until Nov. 16.", "Nov. 16", "1998-02-13") == "1997-11-16"
