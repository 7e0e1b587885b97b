from __future__ import annotations

import pytest

from assistant.titles import by_subtitle, numbered_names, title_reason
from assistant.types import Evidence


def quote(text: str, title: str = "Wire report") -> Evidence:
    return Evidence(1, "d1", title, "2020-01-01", "wire", None, text, 0, len(text), 1.0)


@pytest.mark.parametrize(
    ("question", "sentence", "refused"),
    [
        # A numbered name asked: the cited sentence must name that number (arabic or roman).
        ("When was Orrin Chronicles 2 released?", "Orrin Chronicles X was released in Japan on April 29, 2015.", True),
        ("When was Orrin Chronicles 2 released?", "Orrin Chronicles was released on June 10, 2010.", True),
        ("When was Orrin Chronicles 2 released?", "Orrin Chronicles 2 was released on December 1, 2017.", False),
        ("When was Orrin Chronicles 2 released?", "Orrin Chronicles II arrives on December 1.", False),
        ("When did COP 29 open?", "COP29 opened in Baku on November 11.", False),
        ("What is the premiere date of The Vale Season 11?", "The Vale season 11 premieres on August 22.", False),
        # By its ordinal before the name.
        ("What is the premiere date of The Vale Season 11?", "The eleventh season of The Vale premiered.", False),
        ("What is the premiere date of The Vale Season 11?", "The Vale's 11th season premiered.", False),
        ("What is the premiere date of The Vale Season 11?", "The eleventh and final season of The Vale premiered.", False),
        ("What is the premiere date of The Vale Season 11?", "The Vale's 12th season premiered.", True),
        # A title asked without a number: a sentence only about its sequel is about another work.
        ("When was Marvel's Hollowman released?", "Marvel's Hollowman 2 was released on 20 October, 2023.", True),
        ("When was Marvel's Hollowman released?", "Marvel's Hollowman was released on September 7, 2018.", False),
        ("When was Marvel's Hollowman released?",
         "Marvel's Hollowman 2 came out in 2023, five years after Marvel's Hollowman.", False),
        # A score after a name is no sequel number.
        ("Where did Marrowick Athletic play Port Lesk?", "Athletic beat Port Lesk 3-1 at Harbourside Park.", False),
        # Editions numbered past 9 are left alone (the question may mean any of them).
        ("Where was the Super Bowl held?", "Super Bowl 55 was held in Tampa.", False),
        ("Where was Super Bowl 2021 held?", "Super Bowl LV was held in Tampa.", False),
        # Another subtitle of the same series.
        ("When was The Legend of Orrin: Song of the Deep released?",
         "The Legend of Orrin: Echoes of Time was released on December 22, 1999.", True),
        ("When was The Legend of Orrin: Song of the Deep released?",
         "The Legend of Orrin: Song of the Deep will release on March 3, 2017.", False),
        ("When was The Legend of Orrin: Song of the Deep released?", "Song of the Deep launched on March 3, 2017.", False),
        # A work asked by its medium: a sentence naming only another installment is about that one.
        ("Who is the director of the Vale Runner movie?",
         "Ana Ortiz, creative director of Vale Runner Syndicate and ...", True),
        ("Who directed the Vale Runner film?", "Ana Ortiz directed Vale Runner: Part Two.", True),
        ("Who is the director of the Vale Runner movie?", "Ana Ortiz directed the Vale Runner film.", False),
        ("Who is the director of the Vale Runner movie?", "Vale Runner Director Ana Ortiz spoke.", False),
        ("Who directed the Vale Runner movie?",
         "Vale Runner Syndicate shipped in 2015; Ana Ortiz directed Vale Runner in 2016.", False),
    ],
)  # fmt: skip
def test_the_cited_sentence_names_the_work_asked(question: str, sentence: str, refused: bool) -> None:
    assert (title_reason(question, [quote(sentence)]) is not None) is refused


def test_a_numbered_name_in_the_article_title_counts() -> None:
    question = "When was Orrin Chronicles 2 released?"
    assert (
        title_reason(question, [quote("It came out on December 1, 2017.", title="Orrin Chronicles 2 review")])
        is None
    )


def test_numbered_names_skip_months_and_years() -> None:
    assert numbered_names("What happened on March 3 at Super Bowl 2021?") == []
    assert numbered_names("When does Season 11 start?") == [("season", {"11"})]


@pytest.mark.parametrize(
    ("question", "names"),
    [
        # Typed in lower case: still a numbered name.
        ("when was orrin chronicles 2 released?", [("chronicles", {"2", "ii"})]),
        ("when was orrin chronicles X released in Japan?", [("chronicles", {"x", "10"})]),
        # Ranks, counts and days are not titles.
        ("What is men's year-end No 1 in tennis in 2019?", []),
        ("How many died in the first 3 days?", []),
        ("How many were killed 12 days ago?", []),
        ("Who scored 3 goals?", []),
        ("What happened on day 3 of the trial?", []),
    ],
)
def test_numbered_names(question: str, names: list[tuple[str, set[str]]]) -> None:
    assert numbered_names(question) == names


def test_a_numbered_name_said_just_before_the_cited_sentence_counts() -> None:
    from assistant.titles import title_reason
    from assistant.types import Evidence

    lead = "The board approved the expansion of Berth 23 at the port. "
    sentence = "The contract went to Coastline Engineering after a tender that drew seven bids."
    text = lead + sentence
    cited = Evidence(
        1, "d1", "Port expansion", "2024-03-12", "Wire", None, sentence, len(lead), len(text), 1.0
    )
    question = "How many bids did the Berth 23 tender draw?"
    assert title_reason(question, [cited]) is not None  # the sentence alone does not say it
    assert title_reason(question, [cited], {"d1": text}) is None
    # Another number of the name nearby leaves it unsaid.
    both = "Berth 22 and Berth 23 were approved. " + sentence
    other = Evidence(
        1,
        "d1",
        "Port expansion",
        "2024-03-12",
        "Wire",
        None,
        sentence,
        len(both) - len(sentence),
        len(both),
        1.0,
    )
    assert title_reason(question, [other], {"d1": both}) is not None


@pytest.mark.parametrize(
    ("question", "claim", "checked"),
    [
        ("When was The Legend of Orrin: Song of the Deep released?",
         "The legend of Orrin: song of the deep came out [1].", "song of the deep came out [1]."),
        ("When is Vale Crossing: New Shores out on Nintendo Switch?",
         "Vale Crossing: New Shores is out on March 20, 2020.", "New Shores is out on March 20, 2020."),
        # A subtitle of generic words (an edition, a part) names no work on its own.
        ("When was Orrin Chronicles: Definitive Edition released?",
         "Orrin Chronicles: Definitive Edition was released.", "Orrin Chronicles: Definitive Edition was released."),
        ("Who directed Vale: Part Two?", "Vale: Part Two was directed by Ana Ortiz.",
         "Vale: Part Two was directed by Ana Ortiz."),
        # Another subtitle of the series in the claim is left as it is.
        ("When was The Legend of Orrin: Song of the Deep released?",
         "The Legend of Orrin: Echoes of Time was released.", "The Legend of Orrin: Echoes of Time was released."),
    ],
)  # fmt: skip
def test_a_subtitled_work_is_checked_by_its_subtitle(question: str, claim: str, checked: str) -> None:
    assert by_subtitle(question, claim) == checked
