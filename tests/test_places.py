from __future__ import annotations

from ingest.places import countries_in


def test_countries_are_found_in_text_order_longest_name_first() -> None:
    text = "They met in Johannesburg, South Africa; the US and the U.K. sent envoys to South Sudan."
    assert countries_in(text) == [
        ("South Africa", "South Africa"), ("US", "United States"), ("U.K.", "United Kingdom"),
        ("South Sudan", "South Sudan"),
    ]  # fmt: skip


def test_regions_pronouns_and_states_are_not_countries() -> None:
    assert countries_in("Latin America told us that North Carolina and Texas grew.") == []
