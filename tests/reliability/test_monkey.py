"""A seeded monkey: random keys, typing and clicks across every screen, thousands of steps.

It must raise nothing (no exception in the app, no worker that failed with an unexpected error)
and leave a valid journal (every record validates, links hold, the file stays private).
Quitting is part of the game: `q` (rarely) ends a session, the journal is checked, and a new app
opens on the same file. Keys go in bursts of 1-12 without waiting in between, as fast fingers and
key repeat send them; toasts are drawn. Each seed is its own test (one terminal size each), so a
failure names the seed and lists the last steps; the same seed sends the same keys in the same
order (when background work finishes may differ, so a timing bug can take a few runs to repeat).

    pytest tests/reliability/test_monkey.py -k "[3]"    # one seed
    MONKEY_STEPS=3000 pytest tests/reliability          # a longer walk, locally
"""

from __future__ import annotations

import os
import random
import traceback
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.worker import Worker

from journal.clock import FixedClock
from journal.store import JournalStore
from journal.ui.app import JournalApp
from journal.ui.navigation import DESTINATIONS
from tests.reliability.conftest import assert_valid_journal, describe_failed_workers, settle, small_demo_journal

SEEDS = (1, 2, 3, 4, 5, 6)
STEPS = int(os.environ.get("MONKEY_STEPS", "250"))  # per seed: 1,500 in all, ~75 s of CPU here
# Odd seeds play on the screenshots' terminal size, even ones on the smallest common one.
SIZES = ((80, 24), (120, 36))

# Keys screens bind (letters, brackets, slash, comma…), the keys every widget understands, and
# the global ones. `q`/`ctrl+q` quit: they come rarely, on their own (see QUIT_CHANCE).
NAVIGATION = tuple(d.key for d in DESTINATIONS)
BOUND_LETTERS = (
    *tuple("neduwomsrvcafy"),
    "slash",
    "question_mark",
    "comma",
    "left_square_bracket",
    "right_square_bracket",
    "delete",
)
MOVES = (
    "enter",
    "enter",
    "escape",
    "escape",
    "tab",
    "shift+tab",
    "up",
    "down",
    "left",
    "right",
    "pageup",
    "pagedown",
    "home",
    "end",
    "space",
    "backspace",
)
GLOBAL = ("ctrl+n", "ctrl+p", "ctrl+e", "ctrl+s", "ctrl+o")
DIGITS = tuple("0123456789")
TYPED = (
    "Anna",
    "mül",
    "muller",
    "Bob @ Café: hi",
    "Zoë Martin, Neue Person #rust: coffee; gave: a tip",
    "yesterday",
    "3 days ago",
    "friday",
    "25:00",
    "#tag",
    "!chance",
    "gave: intro",
    "42",
    "0",
    "-1",
    "ß",
    "Łukasz",
    "",
    "   ",
    "x" * 40,
    "2026-02-30",
    "@",
    ":",
    ";",
    "anna and bob",
    # Text people type is not markup: a "[/x]" in a name or note used to crash the app.
    "Bob [/x]",
    "[b]bold",
    "[/]",
    "[@click=app.bell]hi[/]",
    "a\\[b]",
)
QUIT_CHANCE = 0.004
CLICK_CHANCE = 0.04
BURST = int(os.environ.get("MONKEY_BURST", "12"))  # at most this many actions before the app catches up


def next_action(rng: random.Random, size: tuple[int, int]) -> tuple[str, Any]:
    roll = rng.random()
    if roll < QUIT_CHANCE:
        return "key", rng.choice(("q", "ctrl+q"))
    if roll < QUIT_CHANCE + CLICK_CHANCE:
        return "click", (rng.randrange(size[0]), rng.randrange(size[1]))
    kind = rng.choices(("nav", "bound", "move", "global", "digit", "type"), weights=(14, 22, 30, 6, 6, 12))[0]
    if kind == "type":
        return "type", rng.choice(TYPED)
    pool: Sequence[str] = {"nav": NAVIGATION, "bound": BOUND_LETTERS, "move": MOVES, "global": GLOBAL, "digit": DIGITS}[
        kind
    ]
    return "key", rng.choice(pool)


def key_event(key: str) -> events.Key:
    """The event Pilot.press would send (same name and character), without its wait per key."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def perform(pilot: Pilot[None], action: tuple[str, Any]) -> None:
    """Send the keys at once (Pilot.press waits for idle after each key: ten times slower, and
    real fingers do not wait either); a click waits for what came before."""
    kind, what = action
    app = pilot.app
    if kind == "click":
        await pilot.pause()
        await pilot.click(offset=what)
        return
    for key in [what] if kind == "key" else list(what):
        event = key_event(key)
        event.set_sender(app)
        assert app._driver is not None
        app._driver.send_message(event)


def where(app: JournalApp) -> str:
    focused = app.focused
    return f"{type(app.screen).__name__}[{focused.id or type(focused).__name__ if focused else '-'}]"


async def walk(path: Path, clock: FixedClock, seed: int, steps: int, failed: list[Worker[Any]]) -> dict[str, int]:
    rng = random.Random(seed)
    size = SIZES[seed % len(SIZES)]
    bursts = random.Random(-seed)  # apart, so the burst size does not change the actions
    log: list[str] = []
    step = 0
    sessions = 0

    def fail(why: str) -> None:
        tail = "\n  ".join(log[-30:])
        pytest.fail(f"monkey seed {seed}, step {step}, session {sessions}: {why}\nlast steps:\n  {tail}", pytrace=False)

    while step < steps:
        sessions += 1
        store = JournalStore.open(path, clock)
        app = JournalApp(store, clock, seed=seed, animations=False)
        try:
            # notifications=True: toasts are drawn, as they are for people (they carry typed names).
            async with app.run_test(size=size, notifications=True) as pilot:
                await pilot.pause()
                while step < steps and app.return_code is None:
                    # A burst of actions, then the app catches up (renders, runs workers).
                    for _ in range(bursts.randint(1, BURST)):
                        action = next_action(rng, size)
                        log.append(f"{step:4}  {where(app):40} {action[0]} {action[1]!r}")
                        step += 1
                        await perform(pilot, action)
                        if action[1] in ("q", "ctrl+q") or step >= steps:
                            break
                    await pilot.pause()
                    if failed:
                        fail(f"a worker failed: {describe_failed_workers(failed)}")
                if app.return_code is None:
                    await settle(pilot)  # let saves in flight land before the app closes
        except Exception as error:  # the app crashed: run_test re-raises what stopped it
            fail("the app raised\n" + "".join(traceback.format_exception(error)))
        finally:
            store.close()
        if failed:
            fail(f"a worker failed: {describe_failed_workers(failed)}")
        if app.return_code not in (None, 0):
            fail(f"the app exited with return code {app.return_code}")
        try:
            counts = assert_valid_journal(path, clock)
        except AssertionError as error:
            fail(f"the journal is not valid after the session: {error}")
    return counts


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
async def test_monkey_raises_nothing_and_leaves_a_valid_journal(
    seed: int,
    tmp_path: Path,
    clock: FixedClock,
    failed_workers: list[Worker[Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The command palette can save a screenshot into the working folder: keep it in tmp_path.
    monkeypatch.chdir(tmp_path)
    path = small_demo_journal(tmp_path / "journal.json", clock, seed=seed)
    before = assert_valid_journal(path, clock)
    after = await walk(path, clock, seed, STEPS, failed_workers)
    assert after["settings"] == before["settings"] == 1
