from __future__ import annotations

from assistant.evidence import EvidenceSet
from assistant.reading import check_reply, counted_reading, focused, second_reading_holds, without
from assistant.types import Evidence


def test_a_second_reading_must_cite_what_the_question_names() -> None:
    def quote(text: str) -> Evidence:
        return Evidence(1, "d1", "Wire report", None, "wire", None, text, 0, len(text), 1.0)

    question = "Who is the director of the Orrin movie?"
    assert not second_reading_holds(question, [quote("A new movie from director Lena Osk was announced.")])
    assert second_reading_holds(question, [quote("Lena Osk is the director of the Orrin movie.")])
    # Names it, but says little else the question asks.
    assert not second_reading_holds(
        "Which actress has won the most Oscars?",
        [quote("Lena Osk, nominated for an Oscar, starred in Orrin.")],
    )
    # Months aside: the date may be written as a day.
    assert second_reading_holds("When did Vant meet Osk in August?", [quote("Vant meets Osk on the 21st.")])
    # A "Series: Subtitle" work may be named by its subtitle alone; another work may not.
    asked = "When was The Legend of Orrin: Song of the Deep released?"
    assert second_reading_holds(
        asked, [quote("Nintendo said Song of the Deep will release on March 3, 2017.")]
    )
    assert not second_reading_holds(
        asked, [quote("Nintendo said Echoes of Time will release on March 3, 2017.")]
    )
    # A country names what its people's adjective names ("the Norwegian vote", "in Norway").
    norwegian = "Who won the Norwegian parliamentary vote?"
    assert second_reading_holds(norwegian, [quote("Lena Osk won the parliamentary vote in Norway.")])
    assert not second_reading_holds(norwegian, [quote("Lena Osk won the parliamentary vote in Sweden.")])


def test_without_renumbers_and_keeps_something() -> None:
    items = [Evidence(n, f"d{n}", "t", None, "s", None, f"Sentence {n}.", 0, 11, 1.0) for n in (1, 2, 3)]
    ev = EvidenceSet(items, 0.8, 0.6, "person")
    rest = without(ev, [2])
    assert rest is not None and [e.n for e in rest.items] == [1, 2]
    assert [e.text for e in rest.items] == ["Sentence 1.", "Sentence 3."]
    assert without(ev, []) is None and without(ev, [1, 2, 3]) is None and without(ev, [7]) is None


def test_a_second_reading_reads_only_sentences_an_answer_could_cite() -> None:
    def sentence(n: int, text: str) -> Evidence:
        return Evidence(n, f"d{n}", "Cycling", None, "wire", None, text, 0, len(text), 1.0)

    items = [
        sentence(1, "Lena Osk won the 2019 Tour de Vantia."),  # another year
        sentence(2, "Ivo Marr won the 2021 Tour de Vantia."),
        sentence(3, "The 2021 Tour de Vantia started in Marenne."),  # not who won
    ]
    ev = EvidenceSet(items, 0.8, 0.6, "person")
    kept = focused("Who won the 2021 Tour de Vantia?", ev, lambda quotes: {})
    assert kept is not None
    assert [(e.n, e.text) for e in kept.items] == [(1, "Ivo Marr won the 2021 Tour de Vantia.")]
    # No sentence could back an answer: no second reading.
    assert (
        focused("Who won the 2022 Tour de Vantia?", EvidenceSet(items[:2], 0.8, 0.6, "person"), lambda q: {})
        is None
    )
    # The first of a series: a sentence speaking only of a later offer cannot date the first.
    offers = [
        sentence(1, "Corvane raised its cash offer for Keldrail to 46.25 crowns a share on Monday."),
        sentence(2, "Corvane said on Monday that it was offering 41.50 crowns for each Keldrail share."),
    ]
    kept = focused(
        "On what date did Corvane make its first cash offer for Keldrail?",
        EvidenceSet(offers, 0.8, 0.6, "date"),
        lambda quotes: {},
    )
    assert kept is not None and [e.text for e in kept.items] == [offers[1].text]


def test_a_bare_answer_stands_where_the_models_sentence_was_held_up_by_the_wrong_sentence() -> None:
    def sentence(n: int, text: str) -> Evidence:
        return Evidence(n, f"d{n}", "", None, "wire", None, text, 0, len(text), 1.0)

    items = [
        sentence(1, "General view of the 2014 World Cup Final between Germany and Argentina in Rio."),
        sentence(
            2, "Germany came through with a 1-0 victory over Argentina to take home the 2014 World Cup title."
        ),
    ]
    ev = EvidenceSet(items, 0.8, 0.6, "person")
    question = "Who won the World Cup Final in 2014?"
    # The sentence the model cited lacks "Final": the citation check holds the reply up by
    # sentence 1, which has nobody win; the bare answer is cited to sentence 2, which does.
    reading = check_reply("Germany won the World Cup Final in 2014 [2].", question, ev, None, lambda q: {})
    assert reading.reason is None and reading.bare
    assert reading.short == "Germany"
    assert reading.verified is not None and [e.n for e in reading.verified.used] == [2]
    # Where no sentence has it win, the reply is still refused.
    lost = check_reply(
        "Germany won the World Cup Final in 2014 [1].",
        question,
        EvidenceSet(items[:1], 0.8, 0.6, "person"),
        None,
        lambda q: {},
    )
    assert lost.reason is not None


def test_a_surname_answer_is_shown_as_its_article_names_the_person() -> None:
    article = (
        "Mira Vant beat Lena Osk on Sunday. Crowds filled Valdora's stadium. "
        "Vant won the 2024 Harbor Cup after two close sets."
    )
    start = article.index("Vant won")
    cited = Evidence(
        1, "d1", "Harbor Cup", "2024-05-06", "wire", None, article[start:], start, len(article), 1.0
    )
    ev = EvidenceSet([cited], 0.8, 0.6, "person")
    reply = "Vant won the 2024 Harbor Cup [1].\nShort: Vant"
    reading = check_reply(reply, "Who won the 2024 Harbor Cup?", ev, None, lambda quotes: {"d1": article})
    assert reading.reason is None and reading.short == "Mira Vant"
    # Without the article, the name stays as the sentence writes it.
    alone = check_reply(reply, "Who won the 2024 Harbor Cup?", ev, None, lambda quotes: {})
    assert alone.reason is None and alone.short == "Vant"


def test_a_bare_phrase_left_after_the_relation_sentence_went_is_checked_as_a_bare_answer() -> None:
    def sentence(n: int, text: str, title: str) -> Evidence:
        return Evidence(n, f"d{n}", title, None, "wire", None, text, 0, len(text), 1.0)

    question = (
        "Norland is grappling with its worst school shooting in decades. In which province did it occur?"
    )
    listed = sentence(
        1, "City: Valleyview, Ostria, Norland", "All the victims of the Vantia festival shooting"
    )
    reply = "Norland is grappling with its worst school shooting in decades. In Ostria, Norland [1]."
    ev = EvidenceSet([listed], 0.8, 0.6, "place")
    reading = check_reply(reply, question, ev, None, lambda q: {})
    # The first sentence goes (no source says it); "In Ostria, Norland" alone says nothing of the
    # shooting the question asks about.
    assert reading.reason is not None and "grappling" in reading.reason, reading.reason
    said = sentence(1, "The shooting that Norland is grappling with took place in Ostria.", "School shooting")
    kept = check_reply(reply, question, EvidenceSet([said], 0.8, 0.6, "place"), None, lambda q: {})
    assert kept.reason is None, kept.reason


def test_a_weekday_answer_is_dated_on_its_articles_clock() -> None:
    said = "Kestrel Orbital said it would try to launch Tern II again on Tuesday, with a 60-minute window."
    quote = Evidence(1, "d1", "Kestrel scrubs launch", "2026-09-20", "wire", None, said, 0, len(said), 1.0)
    ev = EvidenceSet([quote], 0.8, 0.6, "date")
    reply = "Answer: Kestrel will try to launch Tern II again on Tuesday [1].\nShort: Tuesday"
    reading = check_reply(reply, "When will Kestrel try to launch Tern II again?", ev, None, lambda q: {})
    assert reading.reason is None and reading.verified is not None
    assert "Tuesday, 22 September 2026 [1]" in reading.verified.text
    assert reading.short == "Tuesday, 22 September 2026"


def test_a_count_read_from_the_parse_must_name_the_person_asked_about() -> None:
    def quote(text: str) -> Evidence:
        return Evidence(1, "d1", "Alpine skiing", None, "wire", None, text, 0, len(text), 1.0)

    question = "How many medals has Anna Berg won at the Olympics?"

    def read(text: str) -> str | None:
        found = counted_reading(question, EvidenceSet([quote(text)], 0.8, 0.6, "number"), lambda q: {})
        return None if found is None else found.short

    # Another skier's count is no count of hers.
    assert read("Mira Holt has won three medals at the Olympics.") is None
    assert read("Anna Berg has won three medals at the Olympics.") == "three"


def test_a_count_asked_so_far_from_an_older_report_is_refused() -> None:
    older = "Confirmed cholera cases in the Tarn Valley rose to 148 by Monday, with 23 people in hospital."
    newer = "The health office said on Tuesday that 187 cases had now been confirmed in the Tarn Valley."
    items = [
        Evidence(1, "d1", "Cholera cases rise", "2031-04-29", "wire", None, older, 0, len(older), 1.0),
        Evidence(2, "d2", "Cholera update", "2031-05-07", "wire", None, newer, 0, len(newer), 0.9),
    ]
    ev = EvidenceSet(items, 0.8, 0.6, "number")
    asked = "How many confirmed cholera cases has the Tarn Valley outbreak produced so far?"
    stale = check_reply(
        "The outbreak has produced 148 confirmed cases so far [1].", asked, ev, None, lambda q: {}
    )
    assert stale.reason is not None and "newer" in stale.reason
    fresh = check_reply(
        "The outbreak has produced 187 confirmed cases so far [2].", asked, ev, None, lambda q: {}
    )
    assert fresh.reason is None


def test_a_plans_day_from_an_older_report_is_refused_where_a_newer_one_moves_it() -> None:
    older = "The inquiry will hold public hearings starting on June 16 at Kerrowby Town Hall."
    newer = (
        "The inquiry into the outbreak will start its public hearings on June 23 at the Provincial Archive."
    )
    items = [
        Evidence(1, "d1", "Minister resigns", "2031-05-15", "wire", None, older, 0, len(older), 1.0),
        Evidence(2, "d2", "Hearings put back", "2031-06-02", "wire", None, newer, 0, len(newer), 0.9),
    ]
    ev = EvidenceSet(items, 0.8, 0.6, "date")
    asked = "When are the outbreak inquiry's public hearings due to start?"
    stale = check_reply("The hearings are due to start on June 16 [1].", asked, ev, None, lambda q: {})
    assert stale.reason is not None and "newer" in stale.reason
    fresh = check_reply("The hearings are due to start on June 23 [2].", asked, ev, None, lambda q: {})
    assert fresh.reason is None


def test_a_when_reply_without_a_date_is_read_from_the_sentence_dating_the_act() -> None:
    from assistant.reading import Reading, dated_reading

    text = (
        "MERROWGATE, May 4 – Harrowfield Foods on Wednesday expanded its listeria recall to all 41 "
        "products made at its Brackwater plant."
    )
    ev = EvidenceSet([Evidence(1, "d1", "Recall widened", "2028-05-04", "wire", None, text, 0, len(text), 1.0)],
                     0.8, 0.6, "date")  # fmt: skip
    question = "When was the recall extended to everything produced at the Brackwater site?"

    def refused(reason: str, by_model: bool = False) -> Reading:
        return Reading(None, "", reason, [], [], [], by_model, False)

    found = dated_reading(
        question, ev, lambda q: {"d1": text}, refused("the answer only repeats the question")
    )
    assert found is not None and found.reason is None and found.short == "3 May 2028"
    assert found.verified is not None and found.verified.used[0].n == 1
    # After another act's date too, and then the plan check still holds: "had been due to be
    # raced on Tuesday" does not say when the stage was actually raced.
    other = "the answer's date is said of 'put', not of what the question asks"
    again = dated_reading(question, ev, lambda q: {"d1": text}, refused(other))
    assert again is not None and again.short == "3 May 2028"
    plan = (
        "The fourth stage, which had been due to be raced on Tuesday, has been put back to Thursday "
        "because of smoke, the race director said on Monday."
    )
    planned = EvidenceSet([Evidence(1, "d1", "Stage put back", "2027-07-19", "wire", None, plan, 0, len(plan), 1.0)],
                          0.8, 0.6, "date")  # fmt: skip
    raced = dated_reading(
        "On what date was the fourth stage actually raced?", planned, lambda q: {"d1": plan}, refused(other)
    )
    assert raced is None or raced.reason is not None
    # Not where the model said the sources do not say, nor for another refusal.
    assert (
        dated_reading(question, ev, lambda q: {}, refused("the answer only repeats the question", True))
        is None
    )
    assert dated_reading(question, ev, lambda q: {}, refused("the cited sentences share nothing")) is None
