"""English and German: the catalog covers the source, argparse speaks German, day phrases
are grammatical, the language is chosen in the documented order, quick-add reads German.

The coverage test uses the same extractor as ``python scripts/i18n.py update``; when it fails,
run that command, translate what it lists in journal/locale/de/LC_MESSAGES/netjournal.po, and
run it again (it also compiles the .mo).
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from datetime import UTC, date, datetime, timedelta
from io import StringIO
from pathlib import Path
from types import ModuleType

import pytest

from journal import i18n
from journal.cli import main
from journal.clock import FixedClock
from journal.dates import parse_date
from journal.entry.parse import describe, parse
from journal.i18n import _, detect_language, ngettext
from journal.phrases import every_phrase, format_date, last_seen_phrase, relative_day, since
from journal.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 29, 14, 30, tzinfo=UTC)
TODAY = date(2026, 11, 29)


def load_tool() -> ModuleType:
    """scripts/i18n.py, the catalog tool (extract/update/check)."""
    name = "netjournal_i18n_tool"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "i18n.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture
def de() -> None:
    i18n.set_language("de")


# ---------------------------------------------------------------- the catalog covers the source


def test_every_message_in_the_source_has_a_german_translation() -> None:
    tool = load_tool()
    template = tool.extract()
    assert len(template) > 100, "the extractor found almost nothing: is it looking in journal/?"
    problems = tool.check("de", template)
    assert not problems, (
        f"{len(problems)} message(s) not ready in German; run `python scripts/i18n.py update`, then "
        "translate them in journal/locale/de/LC_MESSAGES/netjournal.po:\n" + "\n".join(f"  {p}" for p in problems)
    )


def test_the_humanize_corrections_are_complete() -> None:
    assert load_tool().check_humanize("de") == []


def test_the_checker_catches_missing_and_broken_translations() -> None:
    from babel.messages.catalog import Message

    tool = load_tool()
    assert tool.check_message(Message("Saved {what}", ""), 2)[0].kind == "untranslated"
    assert tool.check_message(Message("Saved {what}", "Gespeichert {was}"), 2)[0].kind == "placeholders differ"
    assert tool.check_message(Message("Saved {what}", "Gespeichert {what}", flags=["fuzzy"]), 2)
    assert tool.check_message(Message("%(prog)s: error", "%(prog)s: Fehler"), 2) == []
    assert tool.check_message(Message("%s and %r", "%s"), 2)
    plural = Message(("{n} day ago", "{n} days ago"), ("vor einem Tag", "vor {n} Tagen"))
    assert tool.check_message(plural, 2) == []
    assert tool.check_message(Message(("{n} day", "{n} days"), ("{n} Tag", "")), 2)[0].kind == "untranslated"
    assert tool.check_message(Message(("{n} day", "{n} days"), ("{n} Tag", "Tage")), 2)


def test_the_template_in_the_repository_is_current() -> None:
    """netjournal.pot is what the extractor makes now (else: python scripts/i18n.py update)."""
    tool = load_tool()
    committed = tool.load(tool.POT)
    ids = {m.id if isinstance(m.id, str) else tuple(m.id) for m in committed if m.id}
    fresh = {m.id if isinstance(m.id, str) else tuple(m.id) for m in tool.extract() if m.id}
    assert fresh - ids == set(), "run `python scripts/i18n.py update`"


def test_german_is_really_used(de: None) -> None:
    assert _("Today") == "Heute"
    assert ngettext("{n} day ago", "{n} days ago", 3).format(n=3) == "vor 3 Tagen"
    i18n.set_language("en")
    assert _("Today") == "Today"


def test_a_stale_mo_is_bypassed_by_compiling_the_po(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After editing a .po in a source checkout, the app uses it before anyone compiles."""
    folder = tmp_path / "locale" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(i18n.LOCALE_DIR / "de" / "LC_MESSAGES" / "netjournal.po", folder)
    text = (folder / "netjournal.po").read_text(encoding="utf-8")
    (folder / "netjournal.po").write_text(
        text.replace('msgstr "Heute"', 'msgstr "Heute (frisch)"', 1), encoding="utf-8"
    )
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    i18n.set_language("de")
    assert _("Today") == "Heute (frisch)"


def test_without_any_catalog_the_app_stays_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "nowhere")
    i18n.set_language("de")
    assert _("Today") == "Today"


# ---------------------------------------------------------------- day phrases and dates


@pytest.mark.parametrize(
    ("days_ago", "phrase"),
    [
        (0, "heute"),
        (1, "gestern"),
        (-1, "morgen"),
        (2, "vor 2 Tagen"),
        (3, "vor 3 Tagen"),
        (13, "vor 13 Tagen"),
        (14, "vor 2 Wochen"),
        (-14, "in 2 Wochen"),
        (-3, "in 3 Tagen"),
        (100, "vor 3 Monaten"),
        (-100, "in 3 Monaten"),
        (800, "vor 2 Jahren"),
    ],
)
def test_relative_day_in_german(de: None, days_ago: int, phrase: str) -> None:
    assert relative_day(TODAY - timedelta(days=days_ago), TODAY) == phrase


@pytest.mark.parametrize(
    ("ago", "phrase"),
    [
        (timedelta(hours=2), "vor 2 Stunden"),
        (timedelta(days=3), "vor 3 Tagen"),
        (timedelta(days=1), "vor einem Tag"),
        (timedelta(hours=1), "vor einer Stunde"),
        (timedelta(minutes=5), "vor 5 Minuten"),
        (timedelta(days=31), "vor einem Monat"),
        (timedelta(days=90), "vor 3 Monaten"),
        (timedelta(days=800), "vor 2 Jahren"),
        (timedelta(days=-14), "in 14 Tagen"),
        (timedelta(hours=-1), "in einer Stunde"),
        (timedelta(0), "gerade eben"),
    ],
)
def test_since_in_german_uses_the_dative(de: None, ago: timedelta, phrase: str) -> None:
    assert since(NOW - ago, NOW) == phrase


def test_since_in_english_is_humanize_as_is() -> None:
    assert since(NOW - timedelta(days=3), NOW) == "3 days ago"
    assert since(NOW - timedelta(hours=2), NOW) == "2 hours ago"


def test_humanize_is_left_in_english_for_others(de: None) -> None:
    import humanize

    since(NOW - timedelta(days=3), NOW)
    assert humanize.naturaltime(timedelta(days=3)) == "3 days ago"


@pytest.mark.parametrize(
    ("days", "phrase"),
    [
        (1, "jeden Tag"),
        (7, "jede Woche"),
        (28, "alle 4 Wochen"),
        (10, "alle 10 Tage"),
        (90, "alle 3 Monate"),
        (30, "alle 30 Tage"),
    ],
)
def test_every_phrase_in_german(de: None, days: int, phrase: str) -> None:
    assert every_phrase(days) == phrase


def test_dates_and_last_seen_in_german(de: None) -> None:
    assert format_date(TODAY) == "So., 29.11.2026"
    assert format_date(date(2026, 12, 2)) == "Mi., 2.12.2026"
    assert format_date(TODAY, weekday=False) == "29.11.2026"
    # In a sentence, as German is written: no leading zeros.
    assert format_date(date(2026, 3, 2), weekday=False) == "2.3.2026"
    assert format_date(date(2026, 3, 2)) == "Mo., 2.3.2026"
    assert last_seen_phrase(TODAY - timedelta(days=3), TODAY) == "zuletzt gesehen vor 3 Tagen"
    assert last_seen_phrase(None, TODAY) == "noch nicht gesehen"


def test_the_rules_are_in_the_apps_own_german_words(de: None) -> None:
    seed = (ROOT.parent / "shared" / "seed").glob("*.txt")
    seed_text = " ".join(p.read_text(encoding="utf-8") for p in seed)
    for rule in RULES:
        title, advice = _(rule.title), _(rule.advice)
        assert title != rule.title and advice != rule.advice
        # no sentence (nor a long run of words) is taken from the seed text
        words = advice.split()
        for start in range(len(words) - 5):
            assert " ".join(words[start : start + 6]) not in seed_text, (rule.number, advice)
        assert title not in seed_text


def test_labels_are_translated(de: None) -> None:
    from journal.model import CHANNEL_LABELS, DIRECTION_LABELS, OCCASION_LABELS

    assert _(OCCASION_LABELS["event"]) == "Veranstaltung"
    assert _(OCCASION_LABELS["neighbourhood"]) == "Nachbarschaft"
    assert _(CHANNEL_LABELS["call"]) == "Anruf"
    for labels in (OCCASION_LABELS, CHANNEL_LABELS, DIRECTION_LABELS):
        for key, label in labels.items():
            assert _(label) != label or label in {"online", "hobby", "video"}, key


# ---------------------------------------------------------------- which language


@pytest.mark.parametrize(
    ("explicit", "configured", "env", "expected"),
    [
        ("de", "en", {"LC_ALL": "en_US.UTF-8"}, "de"),  # --lang beats everything
        ("en", "de", {"LANG": "de_DE.UTF-8"}, "en"),
        (None, "de", {"LC_ALL": "en_US.UTF-8"}, "de"),  # then the settings
        (None, "en", {"LANG": "de_DE.UTF-8"}, "en"),
        (None, None, {"LC_ALL": "de_DE.UTF-8", "LC_MESSAGES": "en_GB", "LANG": "en_US"}, "de"),
        (None, None, {"LC_ALL": "", "LC_MESSAGES": "de_AT.UTF-8", "LANG": "en_US"}, "de"),
        (None, None, {"LC_MESSAGES": "en_GB.UTF-8", "LANG": "de_DE.UTF-8"}, "en"),
        (None, None, {"LANG": "de_DE.UTF-8"}, "de"),
        (None, None, {"LANG": "de_CH"}, "de"),
        (None, None, {"LANG": "fr_FR.UTF-8"}, "en"),  # a language we lack: English
        (None, None, {"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, "en"),  # LC_ALL=C means C
        (None, None, {}, "en"),
        ("xx", None, {"LANG": "de_DE"}, "de"),  # an unknown --lang falls through
        (None, "", {"LANG": "de_DE"}, "de"),  # no setting: the environment
    ],
)
def test_detect_language_precedence(
    explicit: str | None, configured: str | None, env: dict[str, str], expected: str
) -> None:
    assert detect_language(explicit, configured, env) == expected


def test_detect_language_reads_the_real_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert detect_language() == "de"


# ---------------------------------------------------------------- the command line in German


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main(argv, clock=FixedClock(NOW), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_help_in_german(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "de", "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    for german in (
        "Aufruf: netjournal",
        "Optionen:",
        "diese Hilfe zeigen und beenden",
        "die Versionsnummer zeigen und beenden",
        "Befehle:",
        "BEFEHL",
        "PFAD",
        "eine Begegnung als Schnelleintrag (eine Zeile) festhalten",
    ):
        assert german in text, german
    for english in ("usage:", "options:", "show this help", "version number", "commands:", "COMMAND"):
        assert english not in text, english


def test_help_follows_lang_from_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    with pytest.raises(SystemExit):
        main(["add", "--help"])
    text = capsys.readouterr().out
    assert "Aufruf: netjournal add" in text and "DATUM" in text and "vor 3 Tagen" in text


def test_argparse_errors_in_german(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "de", "add"])
    assert exit_.value.code == 1  # a usage mistake is a user error
    err = capsys.readouterr().err
    assert "netjournal add: Fehler: diese Argumente fehlen: TEXT" in err
    with pytest.raises(SystemExit):
        main(["--lang", "de", "--frobnicate"])
    assert "unbekannte Argumente: --frobnicate" in capsys.readouterr().err


def test_english_help_is_untouched(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    text = capsys.readouterr().out
    assert "usage: netjournal" in text and "show this help message and exit" in text


def test_add_and_people_in_german(journal_path: Path) -> None:
    db = ["--lang", "de", "--db", str(journal_path)]
    code, out, err = run([*db, "add", "Anna Müller @ Messe #rust: Kaffee; gab: Buchtipp", "--date", "vor 3 Tagen"])
    assert code == 0, err
    assert "Gespeichert 26.11.2026: Anna Müller · @ Messe · #rust · „Kaffee“ · gab: Buchtipp" in out
    assert "Neue Personen: Anna Müller" in out
    code, out, err = run([*db, "add", "Bob Schulz: Mittagessen", "--date", "gestern"])
    assert code == 0, err
    code, out, err = run([*db, "people"])
    assert code == 0, err
    assert "zuletzt gesehen vor 3 Tagen" in out.splitlines()[1] and "Anna Müller" in out.splitlines()[1]
    assert "zuletzt gesehen gestern" in out.splitlines()[0] and "Bob Schulz" in out.splitlines()[0]
    code, out, err = run([*db, "people", "zzzz"])
    assert out.strip() == "Niemand passt zu „zzzz“."


def test_user_errors_in_german(journal_path: Path) -> None:
    code, out, err = run(["--lang", "de", "--db", str(journal_path), "add", "Anna", "--date", "blubb"])
    assert code == 1 and out == ""
    assert err.startswith("Nichts wurde gespeichert: „blubb“ verstehe ich nicht als Datum")
    code, out, err = run(["--lang", "de", "--db", str(journal_path), "people", "--limit", "-1"])
    assert (code, err.strip()) == (1, "--limit muss 0 (für alle) oder mehr sein.")


def test_lang_flag_beats_the_environment(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert run(["--db", str(journal_path), "add", "Anna: Kaffee"])[0] == 0
    _code, out, _err = run(["--lang", "en", "--db", str(journal_path), "people", "zzzz"])
    assert out.strip() == "No one matches “zzzz”."
    _code, out, _err = run(["--db", str(journal_path), "people", "zzzz"])
    assert out.strip() == "Niemand passt zu „zzzz“."


# ---------------------------------------------------------------- quick-add reads German


def test_quick_add_understands_german_keywords() -> None:
    draft = parse(
        "Anna Müller und Bob @ Café #kaffee !veranstaltung !zufall: geredet; gab: Tipp; "
        "bekam: Buch; gemeinsam: Radfahren; erfahrung: Rust; wiedervorlage: Freitag",
        TODAY,
    )
    assert draft.names == ["Anna Müller", "Bob"]
    assert (draft.place, draft.tags, draft.summary) == ("Café", ["kaffee"], "geredet")
    assert (draft.gave, draft.received, draft.common_ground, draft.experience) == ("Tipp", "Buch", "Radfahren", "Rust")
    assert draft.occasion == "event" and draft.by_chance
    assert draft.follow_up == date(2026, 12, 4)
    assert draft.warnings == []


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Anna !gestern: Kaffee", date(2026, 11, 28)),
        ("Anna: Kaffee; datum: vorgestern", date(2026, 11, 27)),
        ("Anna: Kaffee; datum: Montag", date(2026, 11, 23)),
        ("Anna: Kaffee; datum: vor 3 Tagen", date(2026, 11, 26)),
    ],
)
def test_quick_add_understands_german_dates(line: str, day: date) -> None:
    assert parse(line, TODAY).date == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("gestern", date(2026, 11, 28)),
        ("vorgestern", date(2026, 11, 27)),
        ("Montag", date(2026, 11, 23)),
        ("vor 3 Tagen", date(2026, 11, 26)),
        ("29.11.2026", TODAY),
        ("heute", TODAY),
    ],
)
def test_german_date_words(text: str, day: date) -> None:
    assert parse_date(text, TODAY) == day


def test_quick_add_preview_in_german(de: None) -> None:
    draft = parse("Anna @ Café !veranstaltung !anruf !zufall: geredet; gab: Tipp; bekam: Buch", TODAY)
    assert describe(draft) == "Anna · @ Café · „geredet“ · gab: Tipp · bekam: Buch · Veranstaltung · Anruf · zufällig"
    later = parse("Anna: geredet; wiedervorlage: 2.12.2026", TODAY)
    assert "Wiedervorlage 2.12.2026" in describe(later)


def test_the_settings_language_beats_the_environment_but_not_lang(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from journal.store import JournalStore

    store = JournalStore.open(journal_path, FixedClock(NOW))
    store.save_settings(replace(store.settings, language="de"))
    store.close()
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert run(["--db", str(journal_path), "people", "zzzz"])[1].strip() == "Niemand passt zu „zzzz“."
    assert run(["--lang", "en", "--db", str(journal_path), "people", "zzzz"])[1].strip() == "No one matches “zzzz”."


def test_german_key_labels_say_strg_and_entf(journal_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    from textual.binding import Binding

    from journal.store import JournalStore
    from journal.ui.app import JournalApp

    with JournalStore.open(journal_path, clock) as store:
        app = JournalApp(store, clock)
        assert app.get_key_display(Binding("ctrl+n", "x")) == "^n"
        i18n.set_language("de")
        assert app.get_key_display(Binding("ctrl+n", "x")) == "Strg+N"
        assert app.get_key_display(Binding("delete", "x", key_display="del")) == "Entf"
        assert app.get_key_display(Binding("q", "x")) == "q"
