"""Shared text helpers (assistant.textutil)."""

from __future__ import annotations

import pytest

from assistant.textutil import leading_name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Nordvik Shipping chief executive Ingrid Solberg to step down", "Nordvik Shipping"),
        ("Bank of England raised rates", "Bank of England"),
        ("Ursula von der Leyen visits Kyiv", "Ursula von der Leyen"),
        ("Lavrov To Meet Jaishankar In Moscow", "Lavrov To Meet Jaishankar In Moscow"),
        ("Minister of the interior resigns", "Minister"),  # joiners only inside a name
        ("strike ends after a week", ""),
    ],
)
def test_leading_name(text: str, name: str) -> None:
    assert leading_name(text) == name
