"""person_edit: the person form's values read, validated and applied."""

from __future__ import annotations

from datetime import date

import pytest

from journal.model import Email, Person, ValidationError
from journal.person_edit import edited_person, parse_cadence, parse_platforms

TODAY = date(2026, 11, 29)


def test_form_values_are_parsed_and_validated_without_touching_the_person() -> None:
    anna = Person(name="Anna")
    edited = edited_person(
        anna,
        {
            "name": " Anna  Müller ",
            "aliases": "Anni, Anna Müller, Anni",
            "tags": "#rust, go",
            "platforms": "LinkedIn: anna-m\ne-mail: a@x.org",
            "cadence_days": "6w",
            "notes": "line one\nline two",
        },
    )
    assert edited.name == "Anna Müller" and edited.aliases == ["Anni"] and edited.tags == ["rust", "go"]
    assert edited.platforms == {"LinkedIn": "anna-m"} and edited.cadence_days == 42
    assert edited.emails == [Email("a@x.org")]  # typed as a platform, kept as an e-mail
    assert anna.name == "Anna" and anna.aliases == []
    for values, field_name in [
        ({"name": "  "}, "name"),
        ({"cadence_days": "often"}, "cadence_days"),
        ({"cadence_days": "0"}, "cadence_days"),
        ({"platforms": "just a handle"}, "platforms"),
    ]:
        with pytest.raises(ValidationError) as info:
            edited_person(anna, values)
        assert info.value.field == field_name
    assert parse_cadence("") is None and parse_cadence("30d") == 30
    assert parse_platforms("Mastodon: @a@social.example; web: https://a.example") == {
        "Mastodon": "@a@social.example",
        "web": "https://a.example",
    }
