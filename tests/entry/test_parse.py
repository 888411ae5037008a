import re
import unicodedata
from dataclasses import asdict
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.dates import DATE_WORDS
from journal.entry.fields import Draft, fill
from journal.entry.parse import CLAUSE_KEYS, FLAG_WORDS, NAME_SEPARATOR_WORDS, describe, parse
from journal.model import Encounter

TODAY = date(2026, 11, 29)  # a Sunday


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Anna Müller: talked about Rust", {"names": ["Anna Müller"], "summary": "talked about Rust"}),
        (
            "Anna Müller, Bob Schulz @ PyCon Berlin #python #rust: "
            "talked about Rust; gave: intro to Carla; got: book tip",
            {
                "names": ["Anna Müller", "Bob Schulz"],
                "place": "PyCon Berlin",
                "tags": ["python", "rust"],
                "summary": "talked about Rust",
                "gave": "intro to Carla",
                "received": "book tip",
            },
        ),
        # A line without separators is all names; a leading colon means no names.
        ("Anna Müller", {"names": ["Anna Müller"], "summary": ""}),
        (": just a thought", {"names": [], "summary": "just a thought"}),
        ("", {"names": [], "summary": ""}),
        ("Anna and Bob & Carla und Dora, Eve: hi", {"names": ["Anna", "Bob", "Carla", "Dora", "Eve"]}),
        ("Sandra Andersen: hi", {"names": ["Sandra Andersen"]}),  # "and" only as a word
        (
            "Zoë Ørsted-Łukasz, 李小龍 @ Café Zoë: 🎉",
            {"names": ["Zoë Ørsted-Łukasz", "李小龍"], "place": "Café Zoë", "summary": "🎉"},
        ),
        ("Anna @ Café Kranzler", {"names": ["Anna"], "place": "Café Kranzler"}),
        ("Anna #berlin", {"names": ["Anna"], "tags": ["berlin"]}),
        ("Anna #a @ Mitte #b: x", {"place": "Mitte", "tags": ["a", "b"], "summary": "x"}),
        ("C# Meetup @ C# Café: hi", {"names": ["C# Meetup"], "place": "C# Café"}),
        ("Anna #python talk: hi", {"tags": ["python"], "summary": "talk; hi"}),
        # German keywords and clauses.
        (
            "Anna und Bob @ Café !freunde !zufall: Kuchen; gab: Buchtipp; bekam: Kontakt; gemeinsam: Segeln; "
            "ausgetauscht: Rust-Tipps; wiedervorlage: nächsten Montag; am: gestern; um: 14.30",
            {
                "names": ["Anna", "Bob"],
                "summary": "Kuchen",
                "gave": "Buchtipp",
                "received": "Kontakt",
                "common_ground": "Segeln",
                "experience": "Rust-Tipps",
                "follow_up": date(2026, 11, 30),
                "date": date(2026, 11, 28),
                "time": "14:30",
                "occasion": "friends",
                "by_chance": True,
            },
        ),
        (
            "Bob: lunch; GAVE: a tip; Received: a book; common: sailing; learned: Go; follow-up: in 2 weeks; "
            "date: 3 days ago; at: 9:05",
            {
                "gave": "a tip",
                "received": "a book",
                "common_ground": "sailing",
                "experience": "Go",
                "follow_up": date(2026, 12, 13),
                "date": date(2026, 11, 26),
                "time": "09:05",
                "summary": "lunch",
            },
        ),
        ("Bob: gave: one; gave: two", {"gave": "one; two", "summary": ""}),
        ("Bob; gave: a book", {"names": ["Bob"], "gave": "a book"}),
        ("Bob: follow-up: monday", {"follow_up": date(2026, 11, 30)}),  # follow-ups look ahead
        ("Bob: date: monday", {"date": date(2026, 11, 23)}),  # dates look back
        ("Bob @ 14:30 café: hi", {"place": "14:30 café", "summary": "hi"}),
        # !flags anywhere.
        ("Anna !work: hi !chance", {"occasion": "work", "by_chance": True, "summary": "hi", "names": ["Anna"]}),
        ("Anna: !neighborhood !phone !out", {"occasion": "neighbourhood", "channel": "call", "direction": "outreach"}),
        ("Anna: !verein !anruf !antwort", {"occasion": "club", "channel": "call", "direction": "inbound"}),
        ("Anna: !persönlich !getroffen !alltag", {"channel": "in_person", "direction": "met", "occasion": "everyday"}),
        ("Anna: !e-mail !reached-out", {"channel": "email", "direction": "outreach"}),
        ("Anna !yesterday: hi", {"date": date(2026, 11, 28), "summary": "hi"}),
        ("Anna: hi !vorgestern", {"date": date(2026, 11, 27), "summary": "hi"}),
        ("Anna: hi !Montag", {"date": date(2026, 11, 23)}),
        ("Anna: hi !3-days-ago", {"date": date(2026, 11, 26)}),
        ("Anna: met !chance.", {"by_chance": True, "summary": "met."}),
        ("Hello!: wow!", {"names": ["Hello!"], "summary": "wow!"}),
        # Unknown or conflicting syntax is kept as text.
        ("Anna: hi !foo there", {"summary": "hi !foo there", "names": ["Anna"]}),
        ("Anna !foo: hi", {"summary": "!foo; hi", "names": ["Anna"]}),
        ("Anna !work !travel: hi", {"occasion": "work", "summary": "!travel; hi"}),
        ("Anna: follow-up: someday", {"follow_up": None, "summary": "follow-up: someday"}),
        # A second date or time is kept as text, as its warning says.
        ("Anna: hi; date: yesterday; date: monday", {"date": date(2026, 11, 28), "summary": "hi; date: monday"}),
        ("Anna: hi; at: 9; at: 10", {"time": "09:00", "summary": "hi; at: 10"}),
        ("Anna: at: noon", {"time": None, "summary": "at: noon"}),
        ("Anna: date: 2026-02-30", {"date": None, "summary": "date: 2026-02-30"}),
        ("Anna: talked about: Rust", {"summary": "talked about: Rust"}),
        ("Anna: fun #rust. room #3", {"tags": ["rust"], "summary": "fun #rust. room #3"}),
        ("@ # : ; , !", {"names": [], "place": "", "tags": [], "summary": ""}),
        # A '#' glued to a digit is no tag: the place keeps its number.
        ("@ Café #1, Berlin: coffee", {"names": [], "place": "Café #1, Berlin", "tags": [], "summary": "coffee"}),
        ("Bob @ Café #1, Berlin #work: coffee", {"names": ["Bob"], "place": "Café #1, Berlin", "tags": ["work"]}),
        ("Bob: room #3b", {"tags": [], "summary": "room #3b"}),
        # The same times as the form.
        ("Bob: hi; at: 9am", {"time": "09:00", "summary": "hi"}),
        ("Bob: hi; at: 9:30 pm", {"time": "21:30", "summary": "hi"}),
        ("Bob: hi; um: 14h30", {"time": "14:30", "summary": "hi"}),
    ],
)
def test_parse_table(line: str, expected: dict[str, Any]) -> None:
    draft = asdict(parse(line, TODAY))
    assert {key: draft[key] for key in expected} == expected


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("Anna: hi !foo", "!foo"),
        ("Anna: follow-up: someday", "someday"),
        ("Anna !work !travel: hi", "!travel"),
        ("Anna: at: 25:00", "25:00"),
    ],
)
def test_warnings(line: str, fragment: str) -> None:
    draft = parse(line, TODAY)
    assert any(fragment in warning for warning in draft.warnings)


def test_no_warnings_for_clean_line() -> None:
    assert parse("Anna @ X #y: z; gave: w !work", TODAY).warnings == []


def test_many_unknown_flags_make_one_warning() -> None:
    draft = parse("Anna: " + " ".join(f"!w{i}" for i in range(50)), TODAY)
    assert len(draft.warnings) == 1


def test_huge_line_is_fast_and_kept() -> None:
    line = "Anna #a !b @c: x; " * 6000  # ~100k characters
    draft = parse(line, TODAY)
    assert draft.names == ["Anna"]
    assert draft.summary.count("x") == 6000


def to_encounter(draft: Draft, person_ids: list[str], default_date: date) -> Encounter:
    """What the store saves from a draft: filled, then normalised."""
    encounter = fill(Encounter(person_ids=person_ids), draft, default_date=default_date)
    encounter.normalise()
    return encounter


def test_to_encounter_defaults() -> None:
    draft = parse("Anna @ Café\u200b #x: hi; gave: tip", TODAY)
    encounter = to_encounter(draft, ["p1"], TODAY)
    assert isinstance(encounter, Encounter)
    assert (encounter.date, encounter.channel, encounter.direction) == (TODAY, "in_person", "met")
    assert (encounter.place, encounter.tags, encounter.summary, encounter.gave) == ("Café", ["x"], "hi", "tip")
    encounter.validate()


def test_to_encounter_carries_everything() -> None:
    draft = parse("Anna: hi; follow-up: tomorrow; date: yesterday; at: 10:00 !video !in !online !chance", TODAY)
    encounter = to_encounter(draft, ["p1", "p2"], TODAY)
    assert encounter.person_ids == ["p1", "p2"]
    assert (encounter.date, encounter.follow_up, encounter.time) == (date(2026, 11, 28), date(2026, 11, 30), "10:00")
    assert (encounter.channel, encounter.direction, encounter.occasion, encounter.by_chance) == (
        "video",
        "inbound",
        "online",
        True,
    )
    encounter.validate()


def test_describe() -> None:
    line = "Anna Müller, Bob @ Café Kranzler #berlin: talked about Rust; gave: intro to Carla"
    assert describe(parse(line, TODAY)) == (
        "Anna Müller, Bob · @ Café Kranzler · #berlin · “talked about Rust” · gave: intro to Carla"
    )
    assert describe(Draft(names=[])) == "(no name)"
    text = describe(parse("Anna: " + "x" * 500 + " !chance !work; follow-up: monday", TODAY))
    assert len(text) < 200 and "by chance" in text and "30 Nov 2026" in text and "work" in text


# -- properties -------------------------------------------------------------------------


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _words(text: str) -> list[str]:
    """Runs of letters and digits: what a person would call the content of a line."""
    return re.findall(r"[^\W_]+", _fold(text))


# Words the parser may consume as syntax: keyword flags, clause keys, name separators, dates.
VOCABULARY = frozenset(
    word for phrase in FLAG_WORDS | set(CLAUSE_KEYS) | NAME_SEPARATOR_WORDS | DATE_WORDS for word in _words(phrase)
)


def _haystack(draft: Draft) -> str:
    values = [
        *draft.names,
        draft.place,
        *draft.tags,
        draft.summary,
        draft.gave,
        draft.received,
        draft.common_ground,
        draft.experience,
    ]
    return _fold("\n".join(values))


def _assert_nothing_lost(line: str, draft: Draft) -> None:
    haystack = _haystack(draft)
    dated = bool(draft.date or draft.follow_up or draft.time)
    for word in _words(line):
        if word in haystack or word in VOCABULARY:
            continue
        # Digits may only vanish into a parsed date or time.
        assert dated and word.isdigit(), (word, line, draft)


FRAGMENTS = st.sampled_from(
    [
        "@",
        "#",
        ":",
        ";",
        ",",
        "!",
        " ",
        "  ",
        "&",
        " and ",
        " UND ",
        "gave:",
        "got:",
        "follow-up:",
        "date:",
        "at:",
        "am:",
        "!chance",
        "!work",
        "!travel",
        "!yesterday",
        "!Montag",
        "!3-days-ago",
        "!foo",
        "#tag",
        "@ Café",
        "14:30",
        "2026-02-30",
        "29.11.",
        "gestern",
        "Anna",
        "Bob Müller",
        "\x00",
        "\u200b",
        "\t",
        "😀",
        "C#",
        "e\u0301",
        "İ",
        "ß",
        "\n",
        "!",
        "!!",
    ]
)
LINES = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=6)), max_size=16).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(LINES)
def test_parse_never_raises_and_loses_nothing(line: str) -> None:
    draft = parse(line, TODAY)
    _assert_nothing_lost(line, draft)
    describe(draft)
    to_encounter(draft, ["p"], TODAY)


LETTERS = "ABCDEÄÖÜabcdeäöüßéxyz"  # no "n": "and"/"und" cannot appear inside a name
WORD = st.text(alphabet=LETTERS, min_size=1, max_size=6)
PHRASE = st.lists(WORD, min_size=1, max_size=3).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(
    names=st.lists(PHRASE, min_size=1, max_size=3, unique=True),
    place=PHRASE,
    tags=st.lists(WORD, max_size=3, unique=True),
    summary=st.lists(PHRASE, min_size=1, max_size=3),
    gave=PHRASE,
)
def test_structured_round_trip(names: list[str], place: str, tags: list[str], summary: list[str], gave: str) -> None:
    hashtags = " ".join("#" + tag for tag in tags)
    line = f"{', '.join(names)} @ {place} {hashtags}: {'; '.join(summary)}; gave: {gave}"
    draft = parse(line, TODAY)
    assert draft.names == names
    assert draft.place == place
    assert draft.tags == tags
    assert draft.summary == "; ".join(summary)
    assert draft.gave == gave
    assert draft.warnings == []


def test_warnings_quote_briefly() -> None:
    draft = parse("Anna: follow-up: " + "z" * 10_000 + "; !" + "q" * 10_000, TODAY)
    assert len(draft.warnings) == 2
    assert all(len(warning) < 300 for warning in draft.warnings)
