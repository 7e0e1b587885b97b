from __future__ import annotations

import pytest

from assistant.citations import (
    extract_facts,
    is_refusal,
    parse_citation_ids,
    short_answer_supported,
    split_answer_sentences,
    strip_citations,
    supports,
    verify_answer,
)
from assistant.name_forms import complete_name, drop_leading_the, full_name, spelled_out
from assistant.short_answer import (
    cite_bare_answer,
    clean_short,
    derive_short,
    novel_phrase,
    parse_reply,
)
from assistant.types import Evidence
from prompts import CANNOT_ANSWER

DOC = (
    "The finance minister will visit Nairobi on March 4, 2024, officials said. "
    "She met Kenyan counterpart Njuguna Ndung'u in Geneva in January. "
    "The delegation includes 12 officials and two advisers."
)


def ev(n: int, sentence: str, published: str | None = "2024-02-20", doc: str = DOC) -> Evidence:
    start = doc.index(sentence)
    return Evidence(n, "doc1", "Minister to visit Nairobi", published, "Wire", None, sentence, start,
                    start + len(sentence), 1.0)  # fmt: skip


S1 = "The finance minister will visit Nairobi on March 4, 2024, officials said."
S2 = "She met Kenyan counterpart Njuguna Ndung'u in Geneva in January."
S3 = "The delegation includes 12 officials and two advisers."
EVIDENCE = [ev(1, S1), ev(2, S2), ev(3, S3)]


def test_parse_and_strip() -> None:
    assert parse_citation_ids("A [1] b [2][3].") == [1, 2, 3]
    assert strip_citations("Nairobi [1], on March 4 [2].") == "Nairobi, on March 4."


@pytest.mark.parametrize(
    ("claim", "ok"),
    [
        ("The minister visits Nairobi on 4 March 2024 [1].", True),  # dates compared as dates
        ("The minister visits Nairobi on March 4 [1].", True),
        ("The minister visits Nairobi on 5 March 2024 [1].", False),
        ("The minister visits Mombasa [1].", False),  # a name not in the quote
        ("The delegation has 12 officials [3].", True),
        ("The delegation has 14 officials [3].", False),
        ("The delegation has 2 advisers [3].", True),  # number words
    ],
)
def test_support_check(claim: str, ok: bool) -> None:
    facts = extract_facts(claim)
    assert supports(facts, [EVIDENCE[parse_citation_ids(claim)[0] - 1]]) is ok


def test_every_shown_quote_is_the_document_span() -> None:
    result = verify_answer("She will visit Nairobi on 4 March 2024 [1].", EVIDENCE)
    for c in result.citations:
        assert DOC[c.start : c.end] == c.quote


def test_unknown_ids_never_reach_the_user() -> None:
    result = verify_answer("The minister will visit Nairobi on March 4, 2024 [1][7].", EVIDENCE)
    assert "[7]" not in result.text
    assert 7 in result.invalid_ids
    assert [c.id for c in result.citations] == [1]
    assert all(c.supported for c in result.citations)


def test_unsupported_sentence_is_removed_and_its_citation_marked() -> None:
    text = (
        "The minister will visit Nairobi on March 4, 2024 [1]. She will sign a trade pact with Tanzania [2]."
    )
    result = verify_answer(text, EVIDENCE)
    assert "Tanzania" not in result.text
    assert result.removed and "Tanzania" in result.removed[0]
    assert result.supported_sentences == 1
    unsupported = [c for c in result.citations if not c.supported]
    assert [c.quote for c in unsupported] == [S2]
    assert f"[{unsupported[0].id}]" not in result.text


def test_missing_or_wrong_citation_is_reassigned_to_the_supporting_sentence() -> None:
    result = verify_answer("She met Njuguna Ndung'u in Geneva [3].", EVIDENCE)
    assert result.supported_sentences == 1
    assert [c.quote for c in result.citations] == [S2]
    assert result.text.endswith("[1].")  # renumbered from evidence 2 to the first shown id
    uncited = verify_answer("The delegation includes 12 officials.", EVIDENCE)
    assert [c.quote for c in uncited.citations] == [S3]


def test_claim_needing_two_quotes_cites_both() -> None:
    result = verify_answer("She met Ndung'u in Geneva and will visit Nairobi on March 4, 2024.", EVIDENCE)
    assert result.supported_sentences == 1
    assert {c.quote for c in result.citations} == {S1, S2}


def test_a_cited_sentence_saying_the_claim_is_completed_by_its_articles_sentence_naming_it() -> None:
    says = "Teams often take swift action to shake up their coaching staffs once the season is complete."
    names = "A dreaded day on the NFL calendar has arrived."
    other = "The NBA season opened in October."
    quotes = [_quote(1, says), _quote(2, other, doc="d2"), _quote(3, names)]
    result = verify_answer("The NFL has seen a major shake-up of coaching staffs [1].", quotes)
    # Not [3] alone (it names the NFL but says nothing of coaches): the model's sentence and [3].
    assert [c.quote for c in result.citations] == [says, names]
    # One sentence saying it all is cited alone.
    whole = "The NFL has seen teams shake up their coaching staffs."
    alone = verify_answer(
        "The NFL has seen a major shake-up of coaching staffs [1].", [*quotes, _quote(4, whole)]
    )
    assert [c.quote for c in alone.citations] == [whole]


def test_citation_after_the_full_stop_stays_with_its_sentence() -> None:
    assert split_answer_sentences("Nairobi on March 4. [1] Geneva in January. [2]") == [
        "Nairobi on March 4 [1].",
        "Geneva in January [2].",
    ]


def test_refusal_detection() -> None:
    assert is_refusal(CANNOT_ANSWER)
    assert is_refusal("The sources do not mention the outcome.")
    assert is_refusal("")
    assert not is_refusal("Nairobi [1].")


def test_reply_format_parsing() -> None:
    assert parse_reply("Answer: It is in Nairobi [1].\nShort: Nairobi") == (
        "It is in Nairobi [1].",
        "Nairobi",
    )
    assert parse_reply("It is in Nairobi [1].") == ("It is in Nairobi [1].", "")
    assert parse_reply("Answer: Nairobi [1]. Short: Nairobi [1]")[1] == "Nairobi [1]"


def test_short_answer_checks_and_derivation() -> None:
    assert short_answer_supported("March 4, 2024", EVIDENCE)
    assert not short_answer_supported("June 9, 2024", EVIDENCE)
    assert derive_short("The visit is on 4 March 2024 [1].", "When is the visit?", "date") == "4 March 2024"
    assert derive_short("OpenAI was founded in 2015 [1].", "When was OpenAI founded?", "date") == "2015"
    riot = "When was the January 6 riot at the Capitol?"
    assert (
        derive_short("The January 6 riot took place on January 6, 2021 [1].", riot, "date")
        == "January 6, 2021"
    )
    assert (
        derive_short("The January 6 riot was on January 6 [1].", riot, "date") == "January 6"
    )  # all it says
    assert derive_short("The delegation has 12 officials [1].", "How many officials?", "number") == "12"


def test_facts_are_not_stitched_across_documents() -> None:
    """A name from one article and a year from another make a claim neither source makes."""
    winner = "Elena Rybakina won the women's title at Wimbledon."
    draw = "Wimbledon 2019: the women's draw was published."
    a = Evidence(1, "docA", "Final", None, None, None, winner, 0, len(winner), 1.0)
    b = Evidence(2, "docB", "Draw", None, None, None, draw, 0, len(draw), 1.0)
    claim = "Elena Rybakina won the women's title at Wimbledon in 2019 [1][2]."
    assert verify_answer(claim, [a, b]).supported_sentences == 0
    # The same two sentences from one document may support it together.
    b_same = Evidence(2, "docA", "Final", None, None, None, draw, 60, 60 + len(draw), 1.0)
    assert verify_answer(claim, [a, b_same]).supported_sentences == 1


def test_inline_short_label_and_its_brackets() -> None:
    text, short = parse_reply("S. Jaishankar [Short: Jaishankar]")
    assert text == "S. Jaishankar" and clean_short(short) == "Jaishankar"
    assert clean_short("Shanghai Cooperation Organisation (SCO)") == "Shanghai Cooperation Organisation (SCO)"
    assert clean_short("Moscow)") == "Moscow"


@pytest.mark.parametrize(
    ("claim", "quote", "ok"),
    [
        ("They spent 2 days in Johannesburg [1].", "The two leaders met in Johannesburg.", False),
        ("They spent 2 days in Johannesburg [1].", "They spent two days in Johannesburg.", True),
        ("Revenue was $10.5 billion [1].", "Revenue reached $10.5 billion in 2024.", True),
        ("Prices rose 25 percent [1].", "Prices rose 25% this year.", True),  # a share either way
        ("Prices rose 25% [1].", "Prices rose 25 per cent this year.", True),
        ("Revenue was $4.20 billion [1].", "Tesla, Inc. (TSLA 4.20%) Q3 2019 Earnings Call.", False),
        ("The stock rose 4.20 [1].", "Tesla, Inc. (TSLA 4.20%) Q3 2019 Earnings Call.", True),  # bare claim
        ("The delegation has 12 officials [1].", "The delegation includes 12 officials.", True),
    ],
)
def test_a_number_counts_the_same_thing(claim: str, quote: str, ok: bool) -> None:
    ev1 = Evidence(1, "d1", "T", None, None, None, quote, 0, len(quote), 1.0)
    assert supports(extract_facts(claim), [ev1]) is ok


@pytest.mark.parametrize(
    ("sentence", "question", "phrase"),
    [
        (
            "The new flu strain is subclade K",
            "What is the name of the virus strain driving flu cases?",
            "subclade K",
        ),
        (
            "The comic strip Dilbert made Scott Adams famous",
            "Scott Adams created which comic strip?",
            "Dilbert",
        ),
        (
            "American Eddie Eagan won his Summer gold medal in boxing's light-heavyweight division",
            "American Edward Eagan is the only person to win gold medals at both the Summer and Winter Olympics. In which sport did he win his Summer gold?",
            "boxing's light-heavyweight division",
        ),
        ("The monument is located in New York City", "Where is the monument located?", "New York City"),
        (
            "The virus strain driving high levels of flu activity across the US is subclade K",
            "What is the name of the virus strain driving high levels of flu activity across the US?",
            "subclade K",
        ),  # a one-letter name part the parser does not call a proper noun
        # The name a phrase gives the noun asked ("which comic strip?"), quoted or not.
        (
            'Scott Adams was best known for creating the popular "Dilbert" comic strip',
            "Cartoonist Scott Adams died this week. He was best known for creating which comic strip?",
            "Dilbert",
        ),
        (
            "Engineers delayed the Artemis mission until April",
            "Which mission did engineers delay this week?",
            "Artemis",
        ),
        # A day is no answer to what was announced.
        (
            "Second lady Usha Vance announced on Tuesday, Jan. 20, that she is expecting her fourth child",
            "What did second lady Usha Vance announce this week?",
            "fourth child",
        ),
    ],
)
def test_a_sentence_is_cut_to_the_phrase_the_question_did_not_say(
    sentence: str, question: str, phrase: str
) -> None:
    assert novel_phrase(sentence, question) == phrase
    assert derive_short(sentence + " [1].", question, "other") == phrase


def test_a_sentence_that_only_echoes_the_question_gives_no_phrase() -> None:
    assert novel_phrase("The strain of flu is spreading", "Which strain of flu is spreading?") is None
    # Nor a part of the name the question gives in other words ("Foreign Affairs" of the
    # ministry that "the Norwegian foreign ministry" names).
    assert (
        novel_phrase(
            "The Norwegian Ministry of Foreign Affairs published the talks on social media",
            "On which social media platform did the Norwegian foreign ministry publish the talks?",
        )
        is None
    )


def test_the_name_the_question_gives_in_other_words_is_no_bare_answer() -> None:
    # "the Norwegian foreign ministry" asked about: its full name answers nothing of "which platform".
    short = derive_short(
        "The Norwegian Ministry of Foreign Affairs published the talks on social media [1].",
        "On which social media platform did the Norwegian foreign ministry publish the talks?",
        "name",
    )
    assert short not in {
        "Norwegian Ministry of Foreign Affairs",
        "The Norwegian Ministry of Foreign Affairs",
        "Affairs",
    }


def _quote(n: int, text: str, doc: str = "d1") -> Evidence:
    return Evidence(n, doc, "T", "2026-02-11", None, None, text, 0, len(text), 1.0)


def test_an_acronym_is_found_through_the_quotes_spelled_out_name() -> None:
    faa = _quote(1, "Late Feb. 10, the Federal Aviation Administration shut down the El Paso airport.")
    assert supports(extract_facts("The FAA shut the El Paso airport [1]."), [faa])
    assert not supports(extract_facts("The FBI shut the El Paso airport [1]."), [faa])


def test_an_abbreviations_period_does_not_end_the_answer_sentence() -> None:
    parts = split_answer_sentences("It is visible Friday, Sept. 19, after sunset [1]. Dr. Rao said so [2].")
    assert parts == ["It is visible Friday, Sept. 19, after sunset [1].", "Dr. Rao said so [2]."]


def test_the_bare_answer_is_cited_alone_when_its_sentence_says_more_than_the_quote() -> None:
    quotes = [
        _quote(1, "Airports across Texas reopened on Monday."),
        _quote(2, "The Federal Aviation Administration closed the airspace over El Paso for ten days."),
        _quote(3, "El Paso is a border city."),
    ]
    answer = "The agency announced an unprecedented 50-day airspace shutdown over El Paso [1]."
    assert verify_answer(answer, quotes).supported_sentences == 0  # "50" is in no quote
    question = "Over which Texas city did the FAA shut the airspace this week?"
    bare = cite_bare_answer("El Paso", question, quotes, max_words=6)
    assert bare is not None
    assert bare.text == "El Paso [1]." and bare.used == [quotes[1]]  # the quote sharing the question's words
    assert bare.citations[0].quote == quotes[1].text and bare.citations[0].supported
    assert cite_bare_answer("Houston", question, quotes, max_words=6) is None  # in no quote
    assert cite_bare_answer("blizzard", question, quotes, max_words=6) is None
    assert (
        cite_bare_answer("a long sentence that is not a bare answer at all", question, quotes, max_words=6)
        is None
    )


def test_which_organisation_takes_the_organisation_and_who_the_person() -> None:
    sentence = "Postmaster General David Steiner warned that the USPS could run out of money [1]."
    assert derive_short(sentence, "Which US agency could run out of cash?", "person") == "USPS"
    assert (
        derive_short(sentence, "Who warned that the agency could run out of cash?", "person")
        == "David Steiner"
    )


def test_the_bare_answer_skips_a_restated_preamble_and_keeps_coordinated_names() -> None:
    answer = "Tax season has officially begun [1]. The filing deadline for most taxpayers is April 15 [2]."
    question = "Tax season has officially begun. What is the filing deadline for most taxpayers?"
    assert derive_short(answer, question, "other") == "April 15"
    famed = "Ilia Malinin is famous for his quadruple jumps [1]. The skill has earned him the nickname Quad God [2]."
    asked = "Ilia Malinin is famed for his quadruple jumps. The skill has earned him what nickname?"
    assert derive_short(famed, asked, "other") == "Quad God"
    sued = "Minnesota and Illinois sued the administration on Monday [1]."
    assert (
        derive_short(sued, "Which two states sued the administration?", "place") == "Minnesota and Illinois"
    )
    assert derive_short(sued, "Which state sued the administration?", "place") == "Minnesota"
    assert derive_short(sued, "Which US states sued the administration?", "place") == "Minnesota and Illinois"
    # Two names asked, two in the sentence, not listed together: both.
    final = "The Green Bay Packers will face the Denver Broncos in the final on May 8 [1]."
    asked = "Which two teams will meet in the championship final on May 8?"
    assert derive_short(final, asked, "person") == "The Green Bay Packers and the Denver Broncos"
    assert derive_short(final, "Which team will the Denver Broncos face in the final?", "person") == (
        "The Green Bay Packers"
    )


def test_a_bare_name_drops_the_article_unless_the_sources_capitalise_it() -> None:
    quotes = [_quote(1, "Officials of the US Postal Service met in The Hague on Monday.")]
    assert drop_leading_the("The US Postal Service", quotes) == "US Postal Service"
    assert drop_leading_the("The Hague", quotes) == "The Hague"
    assert drop_leading_the("the storm", quotes) == "the storm"  # not a name
    # Each name of a list goes without it too, The Hague still with it.
    assert (
        drop_leading_the("The Valdora Ports and the Marenne Rail", quotes) == "Valdora Ports and Marenne Rail"
    )
    assert drop_leading_the("Oslo, the US Postal Service, or The Hague", quotes) == (
        "Oslo, US Postal Service, or The Hague"
    )
    assert drop_leading_the("Oslo and the storm", quotes) == "Oslo and the storm"
    said = "The storm hit Oslo and the Port of Marenne closed"  # a sentence, not a list of names
    assert drop_leading_the(said, quotes) == said


def test_the_models_talk_about_its_sources_is_not_part_of_the_answer() -> None:
    assert parse_reply("The article mentions that Minnesota and Illinois sued [1].")[0] == (
        "Minnesota and Illinois sued [1]."
    )
    assert parse_reply("According to the sources [2], the storm hit Tampa [2].\nShort: Tampa") == (
        "The storm hit Tampa [2].",
        "Tampa",
    )
    assert parse_reply("The articles say nothing about it.")[0] == "The articles say nothing about it."


def test_a_which_country_answer_is_a_country_the_cited_sentences_name() -> None:
    from assistant.short_answer import country_answer, country_reason

    met = [_quote(1, "India's minister met Lavrov in Johannesburg, South Africa, in February.")]
    question = "In which country did the ministers meet in February?"
    assert country_answer("Johannesburg", question, met) == "South Africa"  # said right after the city
    assert country_answer("South Africa", question, met) == "South Africa"
    assert country_answer("Kenya", question, met) == ""  # a country the sources do not name
    skier = [_quote(1, "The Ukrainian skier was disqualified on Monday.")]
    assert country_answer("Ukraine", "An athlete from which country was disqualified?", skier) == "Ukraine"
    only_city = [_quote(1, "India's minister met Lavrov in Johannesburg in February.")]
    assert country_answer("Johannesburg", question, only_city) == ""  # not "India": merely named
    both = [*only_city, _quote(2, "South Africa hosted several summits.")]
    assert country_answer("Johannesburg", question, both) == "South Africa"  # gazetteer + named
    attacks = [_quote(1, "North Carolina had the most shark attacks this year.")]
    assert country_answer("North Carolina", "Which country issued shark warnings?", attacks) == ""
    assert country_reason("Which country issued shark warnings?", "North Carolina", attacks) is not None
    assert country_reason("Which city hosted it?", "Johannesburg", met) is None
    urged = [_quote(1, "The US urged its citizens to leave Iran as the crackdown turned deadly.")]
    leave = "Which country is the US urging its citizens to leave?"
    assert country_answer("The US is urging its citizens to leave", leave, urged) == "Iran"
    two = [_quote(1, "The US urged citizens to leave Iran and Iraq.")]
    assert country_answer("The US is urging its citizens to leave", leave, two) == ""  # which one?


def test_a_number_word_opening_the_answer_is_a_number() -> None:
    facts = extract_facts("Four years [1].")
    assert facts.numbers == {"4"} and not facts.names
    war = _quote(1, "Four years after the invasion began, the war dragged on.")
    assert supports(facts, [war])
    assert not supports(extract_facts("Five years [1]."), [war])


def test_a_name_between_a_number_and_its_noun_does_not_change_what_is_counted() -> None:
    crew = _quote(1, "Four astronauts are returning to Earth early from the space station, NASA said.")
    assert supports(extract_facts("Four NASA astronauts returned early [1]."), [crew])
    assert not supports(extract_facts("Four NASA rockets returned early [1]."), [crew])


def test_a_name_the_parser_misses_is_taken_as_a_capitalised_run() -> None:
    # spaCy's small model finds no person in this headline-like sentence.
    question = "Andrew Mountbatten-Windsor was arrested on Thursday. Who is his older brother?"
    sentence = "King Charles' brother: Andrew crouches over woman in new Epstein photos [1]."
    assert derive_short(sentence, question, "person") == "King Charles"


def test_a_surname_answer_is_given_as_the_cited_sentence_names_the_person() -> None:
    quotes = [_quote(1, "Rafael Nadal finished 2019 as the year-end No. 1, ahead of Novak Djokovic.")]
    assert full_name("Nadal", quotes) == "Rafael Nadal"
    assert full_name("Federer", quotes) == "Federer"  # not named there: left as said
    assert full_name("Rafael Nadal", quotes) == "Rafael Nadal"


def test_a_surname_answer_is_given_as_the_cited_article_names_the_person() -> None:
    cited = [_quote(1, "Nadal is the fifth player to finish the year at the top five times.")]
    article = (
        "Rafael Nadal clinched the year-end No. 1 ranking on Friday. Novak Djokovic finished second. "
        "Nadal is the fifth player to finish the year at the top five times."
    )
    assert full_name("Nadal", cited, (), [article]) == "Rafael Nadal"
    # Two people of that surname in the article: left as said.
    cousins = article + " His uncle Toni Nadal coached him for years."
    assert full_name("Nadal", cited, (), [cousins]) == "Nadal"


def test_the_articles_are_scanned_only_when_the_sentences_do_not_name_the_person(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scans: list[str] = []
    monkeypatch.setattr("assistant.name_forms._naming", lambda short, articles: scans.append(short) or [])
    quotes = [_quote(1, "Rafael Nadal finished 2019 as the year-end No. 1.")]
    assert full_name("Nadal", quotes, (), ["Rafael Nadal won."]) == "Rafael Nadal"
    assert scans == []
    full_name("Nadal", [_quote(1, "Nadal finished 2019 at No. 1.")], (), ["Rafael Nadal won."])
    assert scans == ["Nadal"]


def test_a_bare_name_is_completed_as_the_cited_sentence_writes_it() -> None:
    crowned = [_quote(1, "His brother King Charles III has not commented.")]
    assert complete_name("King Charles", crowned, place=False) == "King Charles III"
    forum = [_quote(1, "Leaders gathered in Davos, Switzerland on Tuesday for the forum.")]
    assert complete_name("Davos", forum, place=True) == "Davos, Switzerland"
    assert complete_name("Davos", forum, place=False) == "Davos"  # not asked for a place
    said = [_quote(1, "They will meet in Moscow, Lavrov said.")]
    assert complete_name("Moscow", said, place=True) == "Moscow"  # "Lavrov" is no country or state
    state = [_quote(1, "The game was held in Tampa, Florida.")]
    assert complete_name("Tampa", state, place=True) == "Tampa, Florida"


def test_a_bare_answer_is_cited_to_a_sentence_that_says_the_relation_asked() -> None:
    question = "Who won the 2014 Vantia Cup final?"
    quotes = [
        _quote(1, "The 2014 Vantia Cup final between Marenne and Ostrava drew 80,000 fans."),
        _quote(2, "Marenne took home the 2014 title after a 1-0 victory."),
    ]
    bare = cite_bare_answer("Marenne", question, quotes, max_words=6)
    assert bare is not None and [e.n for e in bare.used] == [2]


def test_a_year_is_not_supported_by_a_year_less_date_of_an_undated_article() -> None:
    text = "Xenoblade Chronicles X was released in Japan on April 29."
    undated = Evidence(1, "d1", "T", None, None, None, text, 0, len(text), 1.0)
    dated = Evidence(1, "d1", "T", "2015-05-02", None, None, text, 0, len(text), 1.0)
    assert not supports(extract_facts("It came out in 2018."), [undated])
    assert supports(extract_facts("It came out in 2015."), [dated])  # the publish year dates it
    assert supports(extract_facts("It came out on April 29."), [undated])
    # Named in full only in another evidence sentence: taken from there when it names one such person.
    cited = [_quote(1, "Mayfield wins the Halvorsen Award.")]
    beside = [_quote(2, "Halvorsen Award, Player of the Year, Baker Mayfield, Oklahoma.")]
    assert full_name("Mayfield", cited, beside) == "Baker Mayfield"
    two = [*beside, _quote(3, "Jake Mayfield of Texas was runner-up.")]
    assert full_name("Mayfield", cited, two) == "Mayfield"  # two Mayfields: left as said


def test_a_bare_year_is_stated_by_the_quote_not_by_its_publish_date() -> None:
    listed = "1932 Summer Games: Los Angeles"
    quote = Evidence(1, "d1", "T", "2026-01-14", None, None, listed, 0, len(listed), 1.0)
    assert not supports(extract_facts("The 2026 Summer Games were held in Los Angeles."), [quote])
    assert supports(extract_facts("The 1932 Summer Games were held in Los Angeles."), [quote])
    said = "The fair opened in Leeds this year."
    this_year = Evidence(1, "d1", "T", "2026-01-14", None, None, said, 0, len(said), 1.0)
    assert supports(extract_facts("The fair opened in Leeds in 2026."), [this_year])
    # A full date still counts the publish date shown with the quote ("announced on 14 January").
    plain = "The fair opened in Leeds."
    undated_phrase = Evidence(1, "d1", "T", "2026-01-14", None, None, plain, 0, len(plain), 1.0)
    assert supports(extract_facts("The fair opened in Leeds on 14 January 2026."), [undated_phrase])


def test_a_sentence_naming_only_what_the_question_names_must_say_it_in_its_source() -> None:
    listing = "Guests came from Rivia to Temeria and the provinces of Norland."
    entry = "Town: Ashby, Westmark, Norland"
    quotes = [Evidence(1, "d1", "Guest list", "2017-10-06", None, None, listing, 0, len(listing), 1.0),
              Evidence(2, "d1", "Guest list", "2017-10-06", None, None, entry, 70, 70 + len(entry), 1.0)]  # fmt: skip
    question = "Norland is reeling from its worst flood in decades. In which province did it strike?"
    reply = "Norland is reeling from its worst flood in decades [1]. The flood struck Westmark, Norland [2]."
    checked = verify_answer(reply, quotes, question=question)
    # "Norland" is in the quote, but the quote says nothing of a flood: the echo goes.
    assert checked.removed == ["Norland is reeling from its worst flood in decades."]
    said = "Norland is reeling from its worst flood in decades, officials said."
    backed = [Evidence(1, "d2", "Floods", "2026-02-10", None, None, said, 0, len(said), 1.0)]
    kept = verify_answer("Norland is reeling from its worst flood in decades [1].", backed, question=question)
    assert kept.supported_sentences == 1 and not kept.removed


def test_an_acronym_is_spelled_out_as_the_sources_define_it() -> None:
    usps = Evidence(1, "d", "t", "2026-03-06", None, None,
                    "Steiner said he expects the United States Postal Service (USPS) to run out of cash.",
                    0, 10, 1.0)  # fmt: skip
    assert spelled_out("USPS", [usps]) == "United States Postal Service"
    assert spelled_out("FNV", [usps]) == "FNV"  # not defined there: left as said
    assert spelled_out("Steiner", [usps]) == "Steiner"
    who = Evidence(1, "d", "t", None, None, None, "The World Health Organization (WHO) said so.", 0, 10, 1.0)
    assert spelled_out("WHO", [who]) == "World Health Organization"


def test_a_sentence_with_nothing_checkable_must_not_add_what_its_source_lacks() -> None:
    review = Evidence(1, "d", "t", "2026-05-25", None, None,
                      "He said his first decision would be to order a review of the tram depot closure.", 0, 10, 1.0)  # fmt: skip
    invented = "The review of the tram depot closure found that it was necessary to reopen the depot [1]."
    question = "What did the review of the tram depot closure find?"
    assert verify_answer(invented, [review]).supported_sentences == 1  # enough words overlap...
    assert (
        verify_answer(invented, [review], question=question).supported_sentences == 0
    )  # ...all from the question
    said = "His first decision would be to order a review of the tram depot closure [1]."
    assert verify_answer(said, [review], question="What will his first decision be?").supported_sentences == 1


def test_the_asked_work_may_be_cited_by_its_subtitle() -> None:
    # The question names "Series: Subtitle"; the source names the work by its subtitle alone.
    quote = _quote(1, "Nintendo has revealed that Song of the Deep will release on March 3, 2017.")
    claim = "The Legend of Orrin: Song of the Deep was released on March 3, 2017 [1]."
    question = "When was The Legend of Orrin: Song of the Deep released?"
    assert verify_answer(claim, [quote], question=question).supported_sentences == 1
    # Without the question the series is unsaid.
    assert verify_answer(claim, [quote]).supported_sentences == 0
    # Another work of the series is still another work; a generic subtitle names no work alone.
    other = _quote(1, "Echoes of Time will release on March 3, 2017.")
    assert verify_answer(claim, [other], question=question).supported_sentences == 0
    edition = _quote(1, "The Definitive Edition arrives on May 29, 2020.")
    asked = "When was Orrin Chronicles: Definitive Edition released?"
    said = "Orrin Chronicles: Definitive Edition was released on May 29, 2020 [1]."
    assert verify_answer(said, [edition], question=asked).supported_sentences == 0


def test_which_building_takes_the_building_not_the_city_it_stands_in() -> None:
    said = "The opening ceremony will be held at Milan's Giuseppe Meazza Stadium, also known as San Siro [1]."
    question = "Which famous stadium will host the opening ceremony?"
    assert derive_short(said, question, "place") == "Giuseppe Meazza Stadium"
    # Other place questions keep the sentence's first place.
    assert derive_short(said, "Which city will host the opening ceremony?", "place") == "Milan"


def test_a_wire_datelines_date_states_no_event_date() -> None:
    from assistant.citations import text_states_date

    text = "KARVO, March 10 (Northwind News) – The council voted 29 to 20 on Tuesday to award the contract."
    filed = Evidence(1, "d", "Vote", "2027-03-10", None, None, text, 0, len(text), 1.0)
    assert not text_states_date("March 10, 2027", [filed])
    assert text_states_date("March 9, 2027", [filed])  # "on Tuesday" on the article's clock
    said = "The council voted on March 10, 2027."
    assert text_states_date(
        "March 10, 2027", [Evidence(1, "d", "Vote", "2027-03-11", None, None, said, 0, len(said), 1.0)]
    )


def test_a_name_only_the_quotes_title_gives_counts_when_the_quote_names_one_of_the_claims() -> None:
    said = (
        "Chief financial officer Henrik Dahl will take over as interim chief executive on April 1, "
        "board chair Lars Moen said."
    )
    title = "Nordvik Shipping chief executive Ingrid Solberg to step down"
    quote = Evidence(1, "ceo", title, "2026-03-02", None, None, said, 0, len(said), 1.0)
    question = "Who will be Nordvik's interim chief executive?"
    kept = verify_answer(
        "Nordvik Shipping's interim chief executive will be Henrik Dahl [1].", [quote], question=question
    )
    assert kept.supported_sentences == 1 and not kept.removed
    # The title alone names no one the quote is about: its names back nothing.
    alone = verify_answer("Ingrid Solberg will lead Nordvik Shipping [1].", [quote], question=question)
    assert alone.supported_sentences == 0
    # Only the title's subject: its other names are its own story's.
    visit = "Kanimozhi Karunanidhi led an all-party delegation in May."
    titled = "Lavrov to meet Jaishankar in Moscow on August 21"
    trip = Evidence(1, "v", titled, "2025-08-13", None, None, visit, 0, len(visit), 1.0)
    asked = "What did Kanimozhi Karunanidhi say in Moscow?"
    moscow = verify_answer("Kanimozhi Karunanidhi led a delegation in Moscow [1].", [trip], question=asked)
    assert moscow.supported_sentences == 0
    untitled = Evidence(1, "ceo", "Shipping news", "2026-03-02", None, None, said, 0, len(said), 1.0)
    bare = verify_answer("Nordvik Shipping's interim chief executive will be Henrik Dahl [1].", [untitled])
    assert bare.supported_sentences == 0
