"""One way to move: escape leaves a field, then goes back one screen, on every screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import Input, TextArea
from textual.widgets._footer import FooterKey

from journal.ui.app import JournalApp
from journal.ui.base import in_field
from journal.ui.modals.confirm import ConfirmModal
from journal.ui.modals.help import HelpModal
from journal.ui.screens.person import PersonScreen
from journal.ui.widgets.footer import JournalFooter
from tests.ui.conftest import SIZE, small_journal

# Each main screen, by the key that opens it.
SCREENS = {"h": "history", "p": "people", "d": "due", "l": "lucky", "i": "insights", "g": "give-first"}


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("key", [*SCREENS, "comma"])
async def test_escape_goes_back_to_today_from_every_screen(make_app: Callable[..., JournalApp], key: str) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert app.screen.id == SCREENS.get(key, "settings")
        # A field focused first (People's search box, Settings' fields): escape leaves it …
        if in_field(app.focused):
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen.id == SCREENS.get(key, "settings")
            assert not in_field(app.focused)
        # … and then goes back.
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "today"


async def test_escape_walks_back_the_screens_visited(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("h", "d", "i"):
            await pilot.press(key)
            await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "due"
        await pilot.press("h")  # back on the trail: no loop History → Due → History
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "today"
        await pilot.press("escape")  # Today is the root: escape stays
        await settle(pilot)
        assert app.screen.id == "today"


async def test_escape_leaves_the_history_filters_then_goes_back(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h", "slash")
        await settle(pilot)
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.id == "history" and app.focused is app.screen.query_one("#history-table")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "today"


async def test_escape_on_today_leaves_the_note_and_goes_nowhere(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#encounters")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "today" and app.focused is app.screen.query_one("#encounters")


async def test_escape_on_a_person_page_goes_back_to_the_screen_below(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p", *"bob")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.id == "people"
        await pilot.press("escape", "escape")  # the search box, then People
        await settle(pilot)
        assert app.screen.id == "today"


async def test_escape_is_in_the_footer_except_where_it_does_nothing(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.check_action("back", ()) is False  # Today, nothing focused to leave
        await pilot.press("w")
        await pilot.pause()
        assert app.screen.check_action("back", ()) is True
        await pilot.press("escape", "d")
        await settle(pilot)
        assert app.screen.check_action("back", ()) is True


# ---------------------------------------------------------------- the footer


def footer_text(app: JournalApp) -> str:
    """The footer as drawn."""
    footer = app.screen.query_one(JournalFooter)
    return " ".join(" ".join(str(key.render()).split()) for key in footer.query(FooterKey))


async def test_the_footer_shows_the_screen_keys_at_80_columns(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = footer_text(app)
        # Help and quit, the screen's important keys, the keys to the other screens: they fit, the
        # rest (note, day before/after …) is in Help.
        for shown in ("n New", "e Edit", "q Quit", "t h p d l i g screens", "? Help", "^n Quick add", "^p palette"):
            assert shown in text
        footer = app.screen.query_one(JournalFooter)
        assert sum(key.outer_size.width for key in footer.query(FooterKey)) <= 80
        await pilot.press("d")
        await settle(pilot)
        assert "t h p d l i g screens" in footer_text(app) and "I reached out" in footer_text(app)


async def test_the_footer_keys_follow_the_first_frame(
    make_app: Callable[..., JournalApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first frame has the day's encounters; the footer's row is there, its keys come right
    after (a dozen widgets), once."""
    at_first_frame: list[str] = []
    on_first_frame = JournalApp._on_first_frame

    def first_frame(self: JournalApp) -> None:
        at_first_frame.append(footer_text(self))
        on_first_frame(self)

    monkeypatch.setattr(JournalApp, "_on_first_frame", first_frame)
    composed: list[int] = []
    compose = JournalFooter.compose

    def counted(self: JournalFooter):  # type: ignore[no-untyped-def]
        keys = list(compose(self))
        if keys:
            composed.append(len(keys))
        return iter(keys)

    monkeypatch.setattr(JournalFooter, "compose", counted)
    app = make_app(small_journal)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert at_first_frame == [""]
        assert app.screen.query_one(JournalFooter).outer_size.height == 1
        assert "? Help" in footer_text(app) and "q Quit" in footer_text(app)
        assert len(composed) == 1


async def test_the_footer_shows_more_keys_when_there_is_room(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=(140, 36)) as pilot:
        await settle(pilot)
        for shown in ("x Delete", "u Undo", "[ Day before", "] Day after", "q Quit"):
            assert shown in footer_text(app)


async def test_in_a_text_field_the_footer_leaves_out_the_letter_keys(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("h", "slash")
        await settle(pilot)
        text = footer_text(app)
        assert "screens" not in text and "n New" not in text and "esc Back" in text


async def test_a_dialog_has_its_own_footer(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        text = footer_text(app)
        assert text == "y Delete n No"  # not Today's keys, nor the app's
        await pilot.press("escape", "ctrl+n")
        await settle(pilot)
        assert "esc Cancel" in footer_text(app) and "New" not in footer_text(app)


# ---------------------------------------------------------------- confirm dialogs


async def ask(app: JournalApp, pilot, *, danger: bool) -> list[bool]:  # type: ignore[no-untyped-def]
    answers: list[bool] = []
    app.push_screen(ConfirmModal("Really?", yes="Do it", danger=danger), answers.append)
    await pilot.pause()
    return answers


@pytest.mark.parametrize(
    ("keys", "danger", "answer"),
    [
        (("y",), True, True),
        (("j",), True, True),  # German ja; both work in either language
        (("n",), False, False),
        (("escape",), False, False),
        (("enter",), True, False),  # a dangerous question starts on No
        (("enter",), False, True),
        (("right", "enter"), True, True),
        (("down", "enter"), True, True),
        (("left", "enter"), True, False),  # no wrapping around from No to Yes
        (("right", "right", "enter"), True, True),
        (("left", "enter"), False, False),
        (("up", "enter"), False, False),
    ],
)
async def test_confirm_keys(
    make_app: Callable[..., JournalApp], keys: tuple[str, ...], danger: bool, answer: bool
) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        answers = await ask(app, pilot, danger=danger)
        await pilot.press(*keys)
        await pilot.pause()
        assert answers == [answer]


async def test_the_german_confirm_dialog_shows_j(make_app: Callable[..., JournalApp]) -> None:
    from journal import i18n

    i18n.set_language("de")  # (tests/conftest.py sets English back)
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await ask(app, pilot, danger=False)
        assert footer_text(app) == "j Do it n Nein"


# ---------------------------------------------------------------- ctrl+c, help, the palette


async def test_ctrl_c_says_how_to_quit_without_markup(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        (notice,) = app._notifications
        assert notice.message == "Press ctrl+q to quit." and "[" not in notice.message
        assert app.is_running


async def test_ctrl_c_in_german(make_app: Callable[..., JournalApp]) -> None:
    from journal import i18n

    i18n.set_language("de")
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        (notice,) = app._notifications
        assert "strg+q" in notice.message.casefold()
        assert notice.message != "Press ctrl+q to quit."


def help_text(app: JournalApp) -> str:
    assert isinstance(app.screen, HelpModal)
    return app.screen._text()


@pytest.mark.parametrize("key", ["t", *SCREENS, "comma"])
async def test_help_lists_every_key_of_the_screen(make_app: Callable[..., JournalApp], key: str) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        screen = app.screen
        app.set_focus(None)  # (a search box would take the ?)
        await pilot.press("question_mark")
        await settle(pilot)
        text = help_text(app)
        for group in screen._bindings.key_to_bindings.values():
            for binding in group:
                if binding.id is None:
                    continue  # Textual's own
                assert binding.description in text, binding
                shown = app.get_key_display(replace(binding, key_display=None))
                assert f"`{shown}`" in text, (shown, binding)
        for everywhere in ("`t`", "`h`", "`p`", "`d`", "`l`", "`i`", "`g`", "`,`", "`^n`", "`^p`", "`esc`", "`?`"):
            assert everywhere in text


async def test_help_on_history_and_people_names_their_special_keys(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h", "question_mark")
        await settle(pilot)
        assert "`/`  Filter — To the filters" in help_text(app)
        await pilot.press("escape", "p", "escape", "question_mark")
        await settle(pilot)
        text = help_text(app)
        assert "`^o`  Sort" in text and "`/`  Search" in text and "`↓`" in text


async def palette_prompts(app: JournalApp, pilot, typed: str) -> list[str]:  # type: ignore[no-untyped-def]
    from textual.command import CommandList

    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*typed)
    await pilot.pause(0.5)
    await app.workers.wait_for_complete()
    await pilot.pause()
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_typing_help_in_the_palette_finds_help_first(make_app: Callable[..., JournalApp]) -> None:
    from journal.model import Person

    def with_a_helper(store) -> None:  # type: ignore[no-untyped-def]
        small_journal(store)
        store.add_person(Person(name="Helga Helper", company="Help desk"))

    app = make_app(with_a_helper)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prompts = await palette_prompts(app, pilot, "help")
        assert prompts[0].startswith("Help"), prompts
        assert any(p.startswith("Helga Helper") for p in prompts)  # people still found, after
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HelpModal) and app.screen.about is app.get_screen("today")


@pytest.mark.parametrize(
    "title",
    [
        "Help",
        "Quick add",
        "New encounter…",
        "Write the day's note",
        "Back up now",
        "Export…",
        "Import a file…",
        "Go to Today",
        "Go to History",
        "Go to People",
        "Go to Due",
        "Go to Lucky encounter",
        "Go to Insights",
        "Go to Give first",
        "Go to Settings",
    ],
)
async def test_the_palette_offers_every_action(make_app: Callable[..., JournalApp], title: str) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prompts = await palette_prompts(app, pilot, title)
        assert prompts[0].startswith(title), prompts


async def test_the_palette_opens_the_form_and_the_note(make_app: Callable[..., JournalApp]) -> None:
    from journal.ui.modals.encounter_form import EncounterForm

    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        await palette_prompts(app, pilot, "New encounter")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EncounterForm)
        await pilot.press("escape")
        await settle(pilot)
        await palette_prompts(app, pilot, "Write the day's note")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.id == "today" and app.focused is app.screen.query_one("#day-note")


async def test_export_writes_a_file_and_asks_before_replacing_one(
    make_app: Callable[..., JournalApp], tmp_path: Path
) -> None:
    from journal.ui.modals.export_file import ExportFileModal

    target = tmp_path / "people.vcf"
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await palette_prompts(app, pilot, "Export")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportFileModal)
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert "FN:Anna Müller" in target.read_text(encoding="utf-8")
        assert app.screen.id == "today"
        target.write_text("mine", encoding="utf-8")
        await palette_prompts(app, pilot, "Export")
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal) and target.read_text(encoding="utf-8") == "mine"
        await pilot.press("y")
        await settle(pilot)
        assert "FN:Anna Müller" in target.read_text(encoding="utf-8")


def _dialogs(app: JournalApp) -> dict[str, object]:
    from journal.resolve import NameMatch
    from journal.ui.modals.choose_person import ChoosePersonModal
    from journal.ui.modals.export_file import ExportFileModal
    from journal.ui.modals.give_them_time import GiveThemTimeModal
    from journal.ui.modals.import_file import ImportFileModal
    from journal.ui.modals.person_form import PersonForm
    from journal.ui.modals.pick_person import PickPersonModal
    from journal.ui.modals.quick_add import QuickAddModal
    from journal.ui.modals.snooze import SnoozeModal

    anna = app.store.find_person("Anna Müller")
    assert anna is not None
    today = app.clock.today()
    return {
        "confirm": ConfirmModal("Sure?"),
        "give-them-time": GiveThemTimeModal("Anna has not answered yet."),
        "help": HelpModal(app.screen),
        "quick-add": QuickAddModal(today),
        "snooze": SnoozeModal(anna, today),
        "pick-person": PickPersonModal("Whom?"),
        "choose-person": ChoosePersonModal(NameMatch("anna", "unclear", candidates=(anna,))),  # type: ignore[arg-type]
        "import": ImportFileModal(),
        "export": ExportFileModal(),
        "person-form": PersonForm(anna),
    }


@pytest.mark.parametrize(
    "name",
    [
        "confirm",
        "give-them-time",
        "help",
        "quick-add",
        "snooze",
        "pick-person",
        "choose-person",
        "import",
        "export",
        "person-form",
        "encounter-form",
    ],
)
async def test_every_dialog_has_its_own_footer(make_app: Callable[..., JournalApp], name: str) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if name == "encounter-form":
            app.open_encounter_form()
        else:
            app.push_screen(_dialogs(app)[name])  # type: ignore[arg-type]
        await settle(pilot)
        footers = list(app.screen.query(JournalFooter))
        assert len(footers) == 1 and footers[0].screen is app.screen
        text = footer_text(app)
        assert text, "the dialog's keys"
        assert "screens" not in text and "Quit" not in text and "palette" not in text  # not the app's keys


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_help_and_quit_are_in_the_footer_of_every_screen_at_80_columns(
    make_app: Callable[..., JournalApp], lang: str
) -> None:
    """However narrow, a person sees how to get help and how to leave; in a text field, where ? and q
    type themselves, by the keys that work there."""
    from journal import i18n

    i18n.set_language(lang)
    help_, quit_ = ("Help", "Quit") if lang == "en" else ("Hilfe", "Beenden")
    app = make_app(small_journal)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ["t", *SCREENS, "comma"]:
            if in_field(app.focused):
                text = footer_text(app)
                assert f"f1 {help_}" in text and f"{app.get_key_display(Binding('ctrl+q', ''))} {quit_}" in text, (
                    app.screen.id,
                    text,
                )
                await pilot.press("escape")
                await settle(pilot)
            text = footer_text(app)
            assert f"? {help_}" in text and f"q {quit_}" in text, (app.screen.id, text)
            await pilot.press(key)
            await settle(pilot)


def test_fields_are_known_by_their_textual_class() -> None:
    """Escape leaves every kind of field; the names are Textual's, checked here, so that start-up
    need not import the kinds its first screen does not use."""
    import textual.widgets
    from textual.widgets import OptionList, Static

    from journal.ui.base import FIELDS, is_field

    for name in FIELDS:
        cls = getattr(textual.widgets, name)
        assert is_field(cls.__new__(cls)), name

    class NoteArea(TextArea):
        pass

    assert is_field(NoteArea.__new__(NoteArea))
    assert not is_field(OptionList()) and not is_field(Static())
