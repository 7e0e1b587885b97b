from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.contests import division_reason, gender_reason, stage_reason
from assistant.subjects import (
    anchor_reason,
    city_reason,
    placed_count_reason,
    qualifier_reason,
    question_names,
    role_reason,
    subject_reason,
    superlative_reason,
)
from assistant.types import Evidence


def quote(text: str, published: str | None = "2024-02-20", title: str = "Wire report") -> Evidence:
    return Evidence(1, "d1", title, published, "Wire", None, text, 0, len(text), 1.0)


@pytest.mark.parametrize(
    ("question", "sentence", "refused"),
    [
        ("Who was China's defence minister hosting the SCO meeting in Qingdao?",
         "Jaishankar and Lavrov interacted on July 15 on the sidelines of the SCO meeting.", True),
        ("Who was China's defence minister hosting the SCO meeting in Qingdao?",
         "Chinese defence minister Dong Jun hosted the SCO meeting in Qingdao.", False),  # the people's word
        ("Who is Russia's defence minister?", "Singh met his Russian counterpart Andrey Belousov.", False),
        ("Who is Donald Trump's chief of staff?", "Trump named Susie Wiles chief of staff.", False),  # any word
        ("Who is the U.S.'s envoy to the talks?", "They use envoys at the talks.", True),  # "us" is no prefix
        ("Who is the U.S.'s envoy to the talks?", "The US envoy is Steve Witkoff.", False),
    ],
)  # fmt: skip
def test_the_owner_of_the_role_asked_about_must_be_named(question: str, sentence: str, refused: bool) -> None:
    assert (anchor_reason(question, "person", [quote(sentence)]) is not None) is refused


def test_the_owner_may_be_the_place_the_report_is_filed_from() -> None:
    question = "Who has chaired Karvo's transport committee since Benedikt Sauer stepped down?"
    chair = quote("Transport committee chair Mira Halvorsen said after the hearing that work could begin.")
    filed = {
        "d1": f"Eskel Bridge: judgment due\n\nBy Henrik Osk\n\nKARVO, Oct 6 – Judge Fors spoke. {chair.text}"
    }
    assert anchor_reason(question, "person", [chair]) is not None
    assert anchor_reason(question, "person", [chair], filed) is None
    elsewhere = {"d1": f"BRASK, Oct 6 – Judge Fors spoke. {chair.text}"}
    assert anchor_reason(question, "person", [chair], elsewhere) is not None
    # The agency the dateline names is the outlet: a national one frames its country's offices.
    minister = quote("Health Minister Helena Brask visited the ward on Monday.")
    wire = {"d1": f"Outbreak declared\n\nKERROWBY, April 8 (Brevan Wire) – Cases rose. {minister.text}"}
    assert anchor_reason("Who is Brevania's health minister?", "person", [minister], wire) is None
    assert anchor_reason("Who is Ostrava's health minister?", "person", [minister], wire) is not None
    # A story naming the owner and no other country frames the offices its sentences name.
    pressed = quote("Pressure is growing on Health Minister Helena Brask.")
    story = {
        "d1": f"TALLISFORD, May 7 – The Brevanian Nurses' Association said talks would resume. {pressed.text}"
    }
    assert anchor_reason("Who is Brevania's health minister?", "person", [pressed], story) is None
    abroad = {"d1": f"{story['d1']} Nurses in Germany went on strike last year."}
    assert anchor_reason("Who is Brevania's health minister?", "person", [pressed], abroad) is not None
    # A sentence naming another country is about that country's office, wherever it was filed.
    met = quote("India's defence minister Rajnath Singh met Andrey Belousov in Qingdao.")
    beijing = {"d1": f"BEIJING, June 26 – The talks ended. {met.text}"}
    assert anchor_reason("Who is China's defence minister?", "person", [met], beijing) is not None


def test_the_owner_check_is_only_for_questions_after_a_person() -> None:
    question = "A fire broke out during a New Year's celebration at a bar in which country?"
    assert anchor_reason(question, "place", [quote("The bar fire in Crans-Montana killed 40.")]) is None


def test_question_names_leave_out_openers_roles_and_dates() -> None:
    assert question_names("How much did Google acquire YouTube for?") == ["Google", "YouTube"]
    assert question_names("What was Tesla's revenue in Q2 2020?") == ["Tesla"]
    assert question_names("Who did President Biden meet in June?") == ["Biden"]
    assert question_names("What is men's year-end No 1 in tennis in 2019?") == []
    assert question_names("when was xenoblade chronicles x released?") == []
    # Places and peoples describe where or whose; a source about Minneapolis need not say "Midwest".
    assert question_names("Which city in the Midwest saw a surge of federal agents?") == []
    assert question_names("Which rare phenomenon was spotted over the eastern US?") == []


def test_a_source_naming_nothing_the_question_asks_about_does_not_answer_it() -> None:
    question = "How much did Google acquire YouTube for?"
    instagram = "The company remained independent until it was acquired by Meta for $1.0 billion in 2012."
    cited = quote(instagram, None, title="")
    assert (
        subject_reason(question, [cited])
        == "no cited source names Google, YouTube, what the question asks about"
    )
    # The passage around the sentence, or its article's title, may name it ("the company").
    passage = f"YouTube was founded in 2005. {instagram}"
    around = replace(cited, start=passage.index(instagram), end=len(passage))
    assert subject_reason(question, [around], {"d1": passage}) is None
    assert subject_reason(question, [quote(instagram, None, title="Google buys YouTube")]) is None
    # The Games are the Olympics.
    banned = quote("The Ukrainian athlete was disqualified from the Olympics on Thursday.", None, title="")
    assert subject_reason("Which athlete was disqualified from the Winter Games?", [banned]) is None
    # One of the names is enough; a people's word names its country.
    assert subject_reason("Who did Google hire?", [quote("The Google unit hired Jane Doe.")]) is None
    assert (
        subject_reason("Who is China's defence minister?", [quote("The Chinese minister, Dong Jun, spoke.")])
        is None
    )


def test_the_source_shown_with_the_quote_names_what_the_question_attributes_to_it() -> None:
    sentence = "Russian Defence Minister Andrey Belousov attended."
    cited = Evidence(1, "d1", "Talks in Moscow", None, "ANI", None, sentence, 0, len(sentence), 1.0)
    assert subject_reason("Who is Russia's defence minister, according to the ANI report?", [cited]) is None
    assert subject_reason("Who is Russia's defence minister, according to the Reuters report?", [cited])


@pytest.mark.parametrize(
    ("question", "text", "refused"),
    [
        # A strike in Rotterdam does not answer for Antwerp, nor Oslo's share fall for Rotterdam's strike.
        ("When did dockworkers in Antwerp go on strike?", "The strike at the Rotterdam terminal ended on Friday.", True),
        ("How much did shares fall during the Rotterdam strike?", "Nordvik shares fell 7% in Oslo after the results.", True),
        ("When did the strike at the Rotterdam terminal end?", "The strike at the Rotterdam terminal ended on Friday.", False),
        # A capital said for its government: the country will do.
        ("What did Moscow say about the talks?", "Russia said the talks were useful.", False),
    ],
)  # fmt: skip
def test_a_city_the_question_places_things_in_must_be_named(question: str, text: str, refused: bool) -> None:
    assert (city_reason(question, [quote(text)]) is not None) is refused


@pytest.mark.parametrize(
    ("question", "text", "refused"),
    [
        ("Who will be Nordvik's interim chief executive?",
         "Ingrid Solberg will step down as chief executive of Nordvik Shipping at the end of March.", True),
        ("Who will be Nordvik's interim chief executive?",
         "Henrik Dahl will take over as interim chief executive on April 1.", False),
        # "permanent" said of another noun ("a permanent successor") is not the permanent chief executive.
        ("Who was named Nordvik's permanent chief executive?",
         "Henrik Dahl will take over as interim chief executive while the board seeks a permanent successor.", True),
    ],
)  # fmt: skip
def test_a_qualified_role_must_be_said_with_its_qualifier(question: str, text: str, refused: bool) -> None:
    assert (qualifier_reason(question, "person", [quote(text)]) is not None) is refused


@pytest.mark.parametrize(
    ("question", "sentence", "refused"),
    [
        # a winner is not the holder of the most wins
        (
            "Which actress has won the most Oscars?",
            "Dana Reyes won the Oscar for best supporting actress.",
            True,
        ),
        (
            "Which actress has won the most Oscars?",
            "Lena Ortiz won four Oscars, more than any other performer.",
            False,
        ),
        (
            "Which country won the most medals at the Games?",
            "Norway topped the medal table with 37 medals.",
            False,
        ),
        ("Which is the tallest building in the city?", "The Meridian Tower rises 380 metres.", True),
        (
            "Which is the tallest building in the city?",
            "The Meridian Tower, the city's tallest, opened.",
            False,
        ),
        ("Which team holds the fewest titles?", "Valdora FC has won a record low of one title.", False),
        # "most" as a quantifier, a superlative in a preamble, "most recently": no ranking asked
        ("What is the filing deadline for most taxpayers?", "The deadline is April 15.", False),
        (
            "Bjorgen is the most decorated skier, but in what sport did she compete?",
            "She skied cross-country.",
            False,
        ),
        ("When did they most recently meet?", "They met on July 15.", False),
    ],
)
def test_a_superlative_asked_must_be_said(question: str, sentence: str, refused: bool) -> None:
    assert (superlative_reason(question, [quote(sentence)]) is not None) is refused


@pytest.mark.parametrize(
    ("question", "sentence", "refused"),
    [
        ("Who won the women's singles in 2018?", "2018, Wimbledon, Novak Okafor: the men's champions.", True),
        ("What is women's year-end No 1 in 2020?", "Okafor Honoured With Year-End No. 1 Trophy · ATP Finals", True),
        ("What is men's year-end No 1 in 2020?", "Mirren ends 2020 as the WTA year-end No. 1.", True),
        ("What is women's year-end No 1 in 2020?", "Mirren ends 2020 as the WTA year-end No. 1.", False),
        ("Who won the women's singles in 2018?", "Ana Mirren won Wimbledon in 2018.", False),  # neither side said
        ("Who won the women's singles in 2018?", "Mirren, the women's champion, beat the men's record.", False),  # both said
    ],
)  # fmt: skip
def test_the_answer_is_of_the_side_the_question_asks(question: str, sentence: str, refused: bool) -> None:
    assert (gender_reason(question, [quote(sentence)]) is not None) is refused


@pytest.mark.parametrize(
    ("question", "sentence", "refused"),
    [
        # The first round's share does not answer the run-off.
        ("What share of the vote did Bíró get in the run-off?",
         "Her challenger, Tamás Bíró, took 38.9%, while Eszter Kun came third.", True),
        ("What share of the vote did Bíró get in the run-off?",
         "Bíró defeated Varga in Sunday's runoff, winning 52.6% of the vote.", False),
        ("What was the turnout in the first round?", "Turnout in the run-off was 57%.", True),
        ("Who won the second round?", "Bíró won the run-off with 52.6%.", False),
        ("When are the semi-finals?", "The final is set for Oct. 10 at Saltbridge Arena.", True),
        # The final: winning the whole says it; only a sentence about another stage fails.
        ("Who won the World Cup final in 2018?", "France won the 2018 World Cup.", False),
        ("Where will the cup final be played?", "The semi-finals will be played at Harbour Park.", True),
        ("Where will the cup final be played?", "The final moves to Greyhaven Stadium.", False),
        # Another edition's stage says nothing of this one's final.
        ("Who will referee the cup final?", "Ana Mirren, who took charge of last season's semi-final, will officiate.", False),
        ("Who will referee the cup final?", "Ana Mirren took charge of the semi-final.", True),
        # "The final score" names no stage.
        ("What was the final score?", "The semi-final ended 2-1.", False),
    ],
)  # fmt: skip
def test_a_stage_asked_is_named_where_the_answer_is(question: str, sentence: str, refused: bool) -> None:
    assert (stage_reason(question, [quote(sentence)]) is not None) is refused


FIRST_ROUND = (
    "Incumbent mayor Lili Varga won 44.2% of the vote in Sunday's election, short of the majority "
    "needed to avoid a run-off. Her challenger, Tamás Bíró, took 38.9%. Varga and Bíró will meet "
    "in a run-off on May 24."
)
RUN_OFF = "Bíró defeated Varga in Sunday's run-off, winning 52.6% of the vote. Turnout was 57%."


def _in_passage(text: str, sentence: str, title: str) -> tuple[Evidence, dict[str, str]]:
    start = text.index(sentence)
    q = replace(quote(sentence, title=title), doc_id="d9", start=start, end=start + len(sentence))
    return q, {"d9": text}


def test_a_sentence_naming_no_stage_is_of_the_stage_its_passage_reports() -> None:
    question = "What share of the vote did Bíró get in the run-off?"
    took, docs = _in_passage(FIRST_ROUND, "Her challenger, Tamás Bíró, took 38.9%.", "Varga faces run-off")
    # The passage and title speak of the run-off only as to come: the sentence is the first round's.
    assert stage_reason(question, [took], docs) is not None
    turnout, docs = _in_passage(RUN_OFF, "Turnout was 57%.", "Bíró unseats Varga in Szeged run-off")
    assert stage_reason("What was the turnout in the run-off?", [turnout], docs) is None
    # A passage saying only that the run-off is to come reports the first round.
    assert (
        stage_reason(
            "What share of the vote did Bíró get in the first round?",
            [took],
            _in_passage(FIRST_ROUND, "Her challenger, Tamás Bíró, took 38.9%.", "Varga faces run-off")[1],
        )
        is None
    )
    share = (
        "Varga won 44.2% of the vote in Sunday's election, short of the majority needed to avoid a run-off."
    )
    assert stage_reason("What share did Varga get in the first round?", [quote(share)]) is None
    # Without its passage, the bare sentence is not known to be the run-off's.
    assert stage_reason("What was the turnout in the run-off?", [quote("Turnout was 57%.")]) is not None


@pytest.mark.parametrize(
    ("question", "sentence", "refused"),
    [
        # A witness in the case is not its prosecutor.
        ("Who is the chief prosecutor in the case against Oskar Pellow?",
         "Lena Hartwick, the former finance director of Grayling, told the court she paid Oskar Pellow.", True),
        ("Who is the chief prosecutor in the case against Oskar Pellow?",
         "Chief prosecutor Marta Quillan asked for an eight-year prison sentence.", False),
        # The former deputy mayor is not the mayor, unless that is what is asked.
        ("Who is the current mayor of Marrowick?", "The court jailed former deputy mayor Oskar Pellow.", True),
        ("Who was the former deputy mayor?", "The court jailed former deputy mayor Oskar Pellow.", False),
        ("Who is the mayor of Szeged?", "Bíró defeated incumbent mayor Lili Varga to become mayor of Szeged.", False),
        # An agent noun said by its verb.
        ("Who is the director of the Avatar movie?", "Avatar was directed by James Cameron.", False),
        # A possessive before the role; an officer is not said by "office".
        ("Who is the city's mayor now?", "Former mayor Anton Rein said he would table an amendment.", True),
        ("Who was the region's chief fire officer?", "The prosecutor's office received the report from Ana Lind.", True),
        ("Who was the region's chief fire officer?", "Chief fire officer Hedda Wiig said the fire was out.", False),
        # Another organisation's chief executive is not the one asked.
        ("Who is the chief executive of the Dravik-Holm consortium?", "Caldris chief executive Hanne Lys said so.", True),
        ("Who is the chief executive of the Dravik-Holm consortium?", "Dravik-Holm chief executive Per Lund said so.", False),
        ("Who is the chief executive of the Dravik-Holm consortium?", "The new chief executive Per Lund said so.", False),
    ],
)  # fmt: skip
def test_a_role_asked_is_named_where_the_answer_is(question: str, sentence: str, refused: bool) -> None:
    assert (role_reason(question, "person", [quote(sentence)]) is not None) is refused


def test_whose_role_it_is_the_sentence_says_not_its_title() -> None:
    said = "Caldris chief executive Hanne Lys said the company would accept the decision."
    titled = replace(quote(said), title="Court suspends Dravik-Holm contract")
    assert role_reason("Who is the chief executive of the Dravik-Holm consortium?", "person", [titled])


@pytest.mark.parametrize(
    ("question", "sentence", "refused"),
    [
        ("What is women's year-end No 1 in 2020?", "Okafor and De Wit ended 2020 as the Wheelchair Tennis Tour's No.1s.", True),
        ("Who won the US Open in 2019?", "Mirren won the junior title at the US Open in 2019.", True),
        ("Who won the wheelchair singles in 2020?", "Okafor won the wheelchair singles in 2020.", False),
        ("Who won the US Open in 2019?", "Mirren won the US Open in 2019.", False),
        ("Who scored for Madrid?", "Vinícius Júnior scored for Madrid.", False),  # a name, not a division
        # A rank before an office is no division.
        ("Who replaced the health minister?", "Stenmark appointed Holloway, until now junior minister for social care.", False),
        ("Which party joined the coalition?", "The Greens joined as the junior partner.", False),
    ],
)  # fmt: skip
def test_the_answer_is_of_the_division_the_question_asks(question: str, sentence: str, refused: bool) -> None:
    assert (division_reason(question, [quote(sentence)]) is not None) is refused


@pytest.mark.parametrize(
    ("question", "sentence", "refused"),
    [
        # The whole fire's toll is not the village's.
        ("How many homes were destroyed in Tarrow Vale?", "The fire burned 8,400 hectares and destroyed 41 homes.", True),
        ("How many homes were destroyed in Tarrow Vale?", "In Tarrow Vale, 12 homes were destroyed.", False),
        # An organisation or a noun's modifier is no place the count is in.
        ("How many seats did Labour win in Parliament?", "Labour won 412 seats.", False),
        ("How many people died in the Kessen Ridge fire?", "The fire killed two people.", False),
    ],
)  # fmt: skip
def test_a_count_placed_by_the_question_is_said_of_that_place(
    question: str, sentence: str, refused: bool
) -> None:
    assert (placed_count_reason(question, [quote(sentence)]) is not None) is refused


def test_a_bare_answer_sentence_must_name_the_person_asked_about() -> None:
    from assistant.subjects import named_subject_reason

    asked = "Lindsey Vonn is set to compete again. How many Olympic medals has she won in her career?"
    other = Evidence(1, "d1", "US skiers", "2026-02-04", "wire", None,
                     "The two-time Olympian won a silver medal in super-G in 2022.", 0, 60, 1.0)  # fmt: skip
    hers = Evidence(1, "d1", "US skiers", "2026-02-04", "wire", None,
                    "Vonn has won three Olympic medals.", 0, 34, 1.0)  # fmt: skip
    assert named_subject_reason(asked, [other]) is not None
    assert named_subject_reason(asked, [hers]) is None
    assert named_subject_reason("Which country hosted the Games?", [other]) is None


@pytest.mark.parametrize(
    ("question", "sentence", "refused"),
    [
        # The country the question asks about, as its subject, must be the sentence's.
        ("How many times has the United States hosted the Winter Olympics?",
         "Italy is hosting the 2026 Winter Olympics for the third time.", True),
        ("How many times has the United States hosted the Winter Olympics?",
         "The U.S. has hosted the Winter Games four times, most recently in 2002.", False),
        # By its people's adjective too.
        ("How many gold medals has Norway won at these Games?",
         "Norwegian athletes have won 16 gold medals so far.", False),
        # A country that is not the subject is not required ("in which country" is the answer).
        ("How many people were evacuated in Italy after the floods?",
         "Some 2,400 people were evacuated after the floods.", False),
    ],
)  # fmt: skip
def test_a_bare_answer_sentence_must_name_the_country_asked_about(
    question: str, sentence: str, refused: bool
) -> None:
    from assistant.subjects import named_subject_reason

    said = Evidence(1, "d1", "Games report", "2026-02-04", "wire", None, sentence, 0, len(sentence), 1.0)
    assert (named_subject_reason(question, [said]) is not None) is refused


@pytest.mark.parametrize(
    ("question", "short", "sentence", "refused"),
    [
        # The doer's nationality is not where it happened.
        ("Where was the rebel leader captured?", "U.S.",
         "U.S. air and naval forces captured the rebel leader Ivo Marr on Monday.", True),
        ("Where did the town fall?", "Russian", "Russian troops seized the town on Monday.", True),
        ("Where was the rebel leader captured?", "Caracas",
         "U.S. forces captured the rebel leader Ivo Marr in Caracas on Monday.", False),
        # A place naming an event is where it is.
        ("Where will the Winter Games be held?", "Milan", "The Milan Cortina Olympics open on February 6.", False),
        # The country that did the act asked is its doer, not where it happened ...
        ("Where was the rebel leader Ivo Marr captured?", "U.S.",
         "Exactly 36 years before the U.S. captured the rebel leader Ivo Marr, it seized a general.", True),
        # A wire dateline's place is where the report comes from, no doer.
        ("Where was the Eastvale coalition agreement signed?", "Brackwater",
         "BRACKWATER, June 22 (Merrowgate Herald) – The Green Harbour Alliance and the Farmers' and Workers' "
         "Party signed a coalition agreement on Wednesday.", False),
        # ... unless the act is hosting.
        ("Where will the 2030 Winter Games be hosted?", "France", "France will host the 2030 Winter Games.", False),
    ],
)  # fmt: skip
def test_a_place_answer_is_not_the_doers_nationality(
    question: str, short: str, sentence: str, refused: bool
) -> None:
    from assistant.subjects import doers_place_reason

    said = Evidence(1, "d1", "Wire report", "2026-01-04", "wire", None, sentence, 0, len(sentence), 1.0)
    assert (doers_place_reason("place", short, [said], question) is not None) is refused


@pytest.mark.parametrize(
    ("question", "short", "sentence", "refused"),
    [
        ("Who is Halvern General's medical director?", "Jakob Marr",
         "At Halvern General, Dr Ulla Brenn has been acting medical director since July 1, after Dr Jakob Marr retired.", True),
        ("Who is Halvern General's medical director?", "Ulla Brenn",
         "At Halvern General, Dr Ulla Brenn has been acting medical director since July 1, after Dr Jakob Marr retired.", False),
        ("Who is the Tollen Rovers' head coach?", "Ivo Dahl", "Stena Holm replaced Ivo Dahl as head coach in May.", True),
        # Asked of the past, the one who left answers.
        ("Who was Halvern General's medical director in June?", "Jakob Marr",
         "Dr Ulla Brenn has been acting medical director since July 1, after Dr Jakob Marr retired.", False),
        # Leaving another post is no matter.
        ("Who is the Tollen Rovers' head coach?", "Ivo Dahl",
         "Ivo Dahl, who took the job after he retired as a player, is the Rovers' head coach.", False),
    ],
)  # fmt: skip
def test_who_holds_a_role_now_is_not_one_a_source_says_left(
    question: str, short: str, sentence: str, refused: bool
) -> None:
    from assistant.subjects import departed_reason

    said = Evidence(1, "d1", "Wire report", "2031-07-16", "wire", None, sentence, 0, len(sentence), 1.0)
    assert (departed_reason(question, "person", short, [said]) is not None) is refused
