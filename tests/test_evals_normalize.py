from __future__ import annotations

import pytest

from evals.normalize import answer_matches, canonical, dates_in, numbers_in, token_f1
from evals.schema import Expected


def E(kind: str, value: str, *variants: str) -> Expected:
    return Expected(kind, value, variants)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("prediction", "expected", "ok"),
    [
        ("August 21, 2025, in Moscow [1]", E("date", "2025-08-21"), True),
        ("on 21 August", E("date", "2025-08-21"), True),  # no year: month/day compared
        ("21 Aug 2025", E("date", "2025-08-21"), True),
        ("2025-08-21", E("date", "2025-08-21"), True),
        ("August 22, 2025", E("date", "2025-08-21"), False),
        ("August 21, 2024", E("date", "2025-08-21"), False),
        ("late June 2025", E("date", "2025-06"), True),
        ("June 25", E("date", "2025-06-21/2025-06-30"), True),
        ("June 5", E("date", "2025-06-21/2025-06-30"), False),
        ("February 2025", E("date", "2025-02"), True),
        ("March 2025", E("date", "2025-02"), False),
        ("sometime in 2025", E("date", "2025"), True),
        ("in 2024", E("date", "2025"), False),
        ("July 2025", E("date", "2025-07-06"), False),  # coarser than the expected day
        ("late June", E("date", "2025-06", "late June"), True),
        # A variant written as a date is compared as that date, not by shared words.
        ("20 July 2027", E("date", "2027-07-22", "22 July 2027", "Thursday, July 22, 2027"), False),
        ("July 22, 2027", E("date", "2027-07-22", "22 July 2027"), True),
        ("Thursday (22 July 2027)", E("date", "2027-07-22", "Thursday, July 22, 2027"), True),
        ("2027", E("date", "2027-07-22", "22 July 2027"), False),
        ("Rio de Janeiro, Brazil", E("place", "Rio de Janeiro"), True),
        ("Brazil", E("place", "Rio de Janeiro"), False),
        ("the United Arab Emirates", E("place", "UAE"), True),
        ("UAE", E("place", "United Arab Emirates"), True),
        ("the U.S.", E("place", "United States"), True),
        ("USA", E("place", "United States of America"), True),
        ("Britain", E("place", "UK"), True),
        ("São Paulo", E("place", "Sao Paulo"), True),
        ("Belousov", E("person", "Andrey Belousov"), True),
        ("Defence Minister Andrei Belousov", E("person", "Andrey Belousov"), True),
        ("Sergey Lavrov", E("person", "Andrey Belousov"), False),
        ("five", E("number", "5"), True),
        ("5 countries", E("number", "5"), True),
        ("twenty-one", E("number", "21"), True),
        ("1,200 troops", E("number", "1200"), True),
        ("$3.5 billion", E("number", "3500000000"), True),
        ("six", E("number", "5"), False),
        ("the SCO", E("organisation", "Shanghai Cooperation Organisation"), True),
        ("Shanghai Cooperation Organization", E("organisation", "SCO"), True),
        ("the North Atlantic Treaty Organization", E("organisation", "NATO"), True),
        ("Dravida Munnetra Kazhagam", E("organisation", "DMK"), True),
        ("the World Bank", E("organisation", "IMF"), False),
        ("Operation Sindoor [2]", E("text", "Operation Sindoor"), True),
        ("talks on S-400 missile systems", E("text", "S-400"), True),
        ("Su-30", E("text", "S-400", "Su-30 MKI"), True),  # F1 with a variant
        ("trade and energy", E("text", "people-to-people ties"), False),
        ("", E("text", "anything"), False),
    ],
)
def test_answer_matching(prediction: str, expected: Expected, ok: bool) -> None:
    assert answer_matches(prediction, expected) is ok


def test_helpers() -> None:
    assert canonical("The UAE") == "united arab emirates"
    assert canonical("U.S.") == "united states"
    assert sorted(numbers_in("three meetings in 2025, the 21st")) == [3.0, 21.0, 2025.0]
    assert numbers_in("a million") == []
    mentions = dates_in("on August 21, 2025 and in late June")
    assert [(m.date.month, m.has_year, m.granularity) for m in mentions] == [
        (8, True, "day"),
        (6, False, "month"),
    ]
    assert token_f1("the cat sat", "cat sat down") == pytest.approx(2 * (2 / 3 * 2 / 3) / (4 / 3))
