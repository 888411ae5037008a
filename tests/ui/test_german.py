"""The app in German: every main screen (each one registered in DESTINATIONS, so new screens
are walked automatically), the quick-add box, help and the command palette show no English
words of our UI, Footer included; snapshots of the main screens in German.

The checks read what is actually rendered (the screen's strips), with a journal whose own
content is German, so any English on screen comes from the app. Two sources of English words:
a hand-kept list of our UI's words, and every msgid of the catalog whose German differs
(split at its placeholders).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from textual.pilot import Pilot

from journal import i18n
from journal.clock import FixedClock
from journal.model import Encounter, Person
from journal.store import JournalStore
from journal.ui.app import JournalApp
from journal.ui.navigation import DESTINATIONS, Destination
from tests.ui.conftest import SIZE

# Words of our UI that must not show in German (whole words, case-sensitive).
ENGLISH_WORDS = (
    "Quick add",
    "Help",
    "Quit",
    "Today",
    "History",
    "People",
    "Settings",
    "Insights",
    "Lucky",
    "Cancel",
    "Save",
    "Delete",
    "Edit",
    "Undo",
    "New",
    "Close",
    "Yes",
    "Search",
    "palette",
    "Rule",
    "ago",
    "yesterday",
    "today",
    "tomorrow",
    "days",
    "weeks",
    "months",
    "every",
    "last seen",
    "by chance",
    "logged",
    "Nobody",
    "nobody",
    "Due",
    "due",
    "encounters",
    "encounter",
    "people",
    "Keys",
    "Theme",
    "Screenshot",
    "Maximize",
    "Minimize",
    "the",
    "and",
    "with",
    "your",
    "Occasion",
    "Channel",
    "Place",
    "Summary",
    "Who",
    "What",
    "Date",
    "Time",
    "Note",
    "Open",
)
_WORDS = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in ENGLISH_WORDS) + r")(?![\w-])")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(\([^)]*\))?[sdr]")


@cache
def english_fragments() -> tuple[str, ...]:
    """Pieces of English msgids (two words or more) that the German catalog translates."""
    from babel.messages.pofile import read_po

    path = i18n.LOCALE_DIR / "de" / "LC_MESSAGES" / "netjournal.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    fragments: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        german = " ".join(strings)
        for source in ids:
            for chunk in _PLACEHOLDER.split(source):
                chunk = (chunk or "").strip(" .,:;·()“”!?-")
                if len(chunk.split()) >= 2 and len(chunk) >= 8 and chunk not in german:
                    fragments.add(chunk)
    return tuple(sorted(fragments))


def english_on(text: str) -> list[str]:
    found = {m.group(1) for m in _WORDS.finditer(text)}
    found |= {f for f in english_fragments() if f in text}
    return sorted(found)


def rendered(app: JournalApp) -> str:
    """The text of the current screen, as the terminal shows it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def german_journal(store: JournalStore) -> None:
    """People and encounters written in German, around Sunday 29 Nov 2026."""
    anna = store.add_person(
        Person(name="Anna Müller", company="Stripe", tags=["rust"], common_ground="Radfahren", cadence_days=28)
    )
    bernd = store.add_person(Person(name="Bernd Schulz", company="Zalando", role="CTO", needs="Räume für ein Treffen"))
    carla = store.add_person(Person(name="Carla Weiß", tags=["nachbarn"], offers="Steuertipps"))
    dora = store.add_person(Person(name="Dora Kühn", company="Kita Sonnenschein"))
    store.save(
        Encounter(
            date=date(2026, 11, 29),
            time="09:30",
            person_ids=[anna.id, bernd.id],
            occasion="event",
            place="PyCon Berlin",
            summary="über Rust geredet",
            gave="Kontakt zu Carla",
            received="Buchtipp",
        ),
        Encounter(
            date=date(2026, 11, 29),
            person_ids=[carla.id],
            occasion="neighbourhood",
            place="Kiez",
            summary="Leiter geliehen",
            by_chance=True,
        ),
        Encounter(
            date=date(2026, 11, 27),
            person_ids=[bernd.id],
            occasion="work",
            channel="call",
            summary="Treffen geplant",
            direction="outreach",
        ),
        Encounter(
            date=date(2026, 9, 1), person_ids=[dora.id], occasion="everyday", place="Kita", summary="Elternabend"
        ),
        Encounter(date=date(2026, 8, 3), person_ids=[anna.id], occasion="travel", summary="Zugfahrt nach Wien"),
    )


@pytest.fixture
def make_german_app(journal_path: Path, clock: FixedClock) -> Iterator[Callable[[], JournalApp]]:
    opened: list[JournalStore] = []

    def build() -> JournalApp:
        i18n.set_language("de")
        store = JournalStore.open(journal_path, clock)
        opened.append(store)
        german_journal(store)
        return JournalApp(store, clock, seed=1, animations=False)

    yield build
    for store in opened:
        store.close()


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def assert_german(text: str, where: str) -> None:
    found = english_on(text)
    assert not found, f"English on {where}: {found}\n{text}"


# ---------------------------------------------------------------- walk the screens


@pytest.mark.parametrize("dest", DESTINATIONS, ids=lambda d: d.name)
async def test_main_screen_in_german(make_german_app: Callable[[], JournalApp], dest: Destination) -> None:
    app = make_german_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.go(dest.name)
        await settle(pilot)
        assert app.screen.id == dest.name
        assert_german(rendered(app), f"the {dest.name} screen")


async def test_quick_add_in_german(make_german_app: Callable[[], JournalApp]) -> None:
    app = make_german_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert_german(rendered(app), "the empty quick-add box")
        app.screen.query_one(
            "Input"
        ).value = "Anna Müller, Emil @ Café #kaffee !veranstaltung !zufall: geredet; gab: Tipp"  # type: ignore[attr-defined]
        await settle(pilot)
        text = rendered(app)
        assert "Neu: Emil" in text and "Veranstaltung" in text and "zufällig" in text
        assert_german(text, "the quick-add preview")
        await pilot.press("enter")
        await settle(pilot)
        text = rendered(app)
        assert "Eine neue Person ins Journal aufnehmen: Emil?" in text
        assert_german(text, "the new-person question")


async def test_help_in_german(make_german_app: Callable[[], JournalApp]) -> None:
    app = make_german_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert_german(rendered(app), "the help")
        source = app.screen._text()  # type: ignore[attr-defined]  # the whole help, scrolled or not
        assert "Die sieben Regeln" in source
        assert_german(source, "the help text")


async def test_person_page_in_german(make_german_app: Callable[[], JournalApp]) -> None:
    app = make_german_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        anna = app.store.find_person("Anna Müller")
        assert anna is not None
        app.open_person(anna.id)
        await settle(pilot)
        assert_german(rendered(app), "Anna's page")


async def test_encounter_form_in_german(make_german_app: Callable[[], JournalApp]) -> None:
    app = make_german_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_encounter_form(line="Anna Müller @ Café !anruf: geredet; gab: Tipp")
        await settle(pilot)
        assert_german(rendered(app), "the encounter form")


async def test_command_palette_in_german(make_german_app: Callable[[], JournalApp]) -> None:
    app = make_german_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.pause(0.3)
        text = rendered(app)
        assert "Zu Heute wechseln" in text
        assert_german(text, "the command palette")


def test_the_detector_finds_english() -> None:
    assert english_on("^n Quick add  ? Help") == ["Help", "Quick add"]
    assert "Give people time" in english_on("Regel 6: Give people time")
    assert english_on("Heute · vor 3 Tagen · Anna Müller") == []


# ---------------------------------------------------------------- snapshots in German


def test_today_in_german(snap_compare, make_german_app: Callable[[], JournalApp]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_german_app(), terminal_size=SIZE)


def test_quick_add_in_german_snapshot(snap_compare, make_german_app: Callable[[], JournalApp]) -> None:  # type: ignore[no-untyped-def]
    async def type_a_line(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("ctrl+n")
        await pilot.pause()
        pilot.app.screen.query_one(
            "Input"
        ).value = "Anna Müller, Emil @ Café #kaffee !veranstaltung: geredet; gab: Tipp"
        await pilot.pause()

    assert snap_compare(make_german_app(), terminal_size=SIZE, run_before=type_a_line)


def test_help_in_german_snapshot(snap_compare, make_german_app: Callable[[], JournalApp]) -> None:  # type: ignore[no-untyped-def]
    async def open_help(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_german_app(), terminal_size=SIZE, run_before=open_help)


def test_history_in_german_snapshot(snap_compare, make_german_app: Callable[[], JournalApp]) -> None:  # type: ignore[no-untyped-def]
    async def open_history(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.go("history")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_german_app(), terminal_size=SIZE, run_before=open_history)
