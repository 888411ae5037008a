#!/usr/bin/env python
"""Screenshots of every main screen, on demo data, for the README.

    python scripts/screenshots.py                # every screen → screenshots/NN-name.svg and .png
    python scripts/screenshots.py --only people  # just one (or a few: --only today --only lucky)
    python scripts/screenshots.py --readme       # also rewrite the README's screenshot list

The app runs headless (``App.run_test``) at 120×36 (Settings, which scrolls, at 120×50 to show it whole)
on a fresh demo journal (``create_demo_journal``,
seed 7) with the clock stopped at Sunday 29 November 2026, 14:30 UTC, a fixed lucky seed,
animations off and cursors not blinking, so the same code gives the same pictures. Each screenshot
gets its own copy of the journal, so what one shot saves (a lucky pick) cannot change the next.

The main screens come from ``journal.ui.navigation.DESTINATIONS``: a screen added there appears
here without a change to this script; one whose module does not exist yet is skipped with a note.
The SVGs come from Textual (``App.export_screenshot``); the PNGs from ``rsvg-convert`` (Debian
and Ubuntu: ``apt install librsvg2-bin``; macOS: ``brew install librsvg``).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from textual.pilot import Pilot  # noqa: E402

from journal import i18n  # noqa: E402
from journal.clock import FixedClock  # noqa: E402
from journal.demo import create_demo_journal  # noqa: E402
from journal.store import JournalStore  # noqa: E402
from journal.ui.app import JournalApp  # noqa: E402
from journal.ui.navigation import DESTINATIONS, Destination  # noqa: E402

NOW = datetime(2026, 11, 29, 14, 30, tzinfo=UTC)
SIZE = (120, 36)
# Screens longer than 36 rows, shot whole (in the app they scroll).
TALL = {"settings": (120, 50)}
SEED = 7
OUT = ROOT / "screenshots"
README = ROOT / "README.md"
README_START = "<!-- screenshots:start (written by scripts/screenshots.py --readme) -->"
README_END = "<!-- screenshots:end -->"
# README captions where a screen's own name says too little.
CAPTIONS = {"people": "People, searching", "person": "A person's page", "due": "Due for a check-in"}

# What the quick-add shot types, and whom the People and Person shots show (demo.CAST opens
# every demo journal, so these names are always there).
QUICK_ADD_LINE = "Anna Müller @ PyCon Berlin #rust !event: talked about Rust; gave: intro to Carla"
PEOPLE_QUERY = "mül"
PERSON_NAME = "Anna Müller"

Step = Callable[[Pilot[None]], Awaitable[None]]


class Skip(Exception):
    """This screen cannot be shown yet; say why and go on."""


@dataclass
class Shot:
    name: str  # the file name without number and suffix
    title: str  # a human title (README captions, SVG title)
    steps: Step
    needs: str = ""  # "module:Class" that must exist, else the shot is skipped
    # A taller terminal for a screen that scrolls (Settings), so the picture shows all of it.
    size: tuple[int, int] = SIZE

    def missing(self) -> str | None:
        """Why this shot cannot be taken yet, or None."""
        if not self.needs:
            return None
        module, _sep, cls = self.needs.partition(":")
        try:
            Destination("", "", "", module, cls).load()
        except (ImportError, AttributeError) as error:
            return f"{self.needs} is not there yet ({error})"
        return None


# ------------------------------------------------------------------------------------------------
# Driving the app


async def settle(pilot: Pilot[None], rounds: int = 3) -> None:
    """Wait until workers (search debounce, due list, lucky pick, saves) are done and drawn."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)


def freeze_cursors(app: JournalApp) -> None:
    """A blinking cursor is on or off depending on timing: make it steady in every screen shown."""
    for screen in app.screen_stack:
        for widget in screen.query("*"):
            if hasattr(widget, "cursor_blink"):
                widget.cursor_blink = False  # type: ignore[attr-defined]


def go(name: str) -> Step:
    async def steps(pilot: Pilot[None]) -> None:
        app: JournalApp = pilot.app  # type: ignore[assignment]
        app.go(name)
        await settle(pilot)

    return steps


def then(*parts: Step) -> Step:
    async def steps(pilot: Pilot[None]) -> None:
        for part in parts:
            await part(pilot)

    return steps


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type as a person would, one key at a time (so previews and search react as they do)."""
    for char in text:
        await pilot.press(char)
    await settle(pilot)


async def people_query(pilot: Pilot[None]) -> None:
    await type_text(pilot, PEOPLE_QUERY)


async def quick_add(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+n")
    await settle(pilot)
    if type(pilot.app.screen).__name__ != "QuickAddModal":
        raise Skip("ctrl+n did not open the quick-add box")
    await type_text(pilot, QUICK_ADD_LINE)


async def encounter_form(pilot: Pilot[None]) -> None:
    """The form editing today's first encounter (every field filled), as enter on Today opens it."""
    app: JournalApp = pilot.app  # type: ignore[assignment]
    today = app.clock.today()
    encounters = sorted(app.store.encounters_on(today), key=lambda e: (e.time or "", e.created), reverse=True)
    if not encounters:
        raise Skip("the demo journal has no encounter today to open")
    app.open_encounter_form(encounter=encounters[0])
    await settle(pilot)


async def person(pilot: Pilot[None]) -> None:
    app: JournalApp = pilot.app  # type: ignore[assignment]
    found = app.store.find_person(PERSON_NAME)
    if found is None:
        raise Skip(f"{PERSON_NAME} is not in the demo journal")
    app.open_person(found.id)
    await settle(pilot)


async def help_modal(pilot: Pilot[None]) -> None:
    await pilot.press("question_mark")
    await settle(pilot)


async def nothing(pilot: Pilot[None]) -> None:
    await settle(pilot)


def shots() -> list[Shot]:
    """Every main screen from DESTINATIONS, with the pages and dialogs that belong beside them."""
    extra: dict[str, list[Shot]] = {
        # shown right after the destination named by the key
        "today": [
            Shot(
                "encounter-form",
                "Encounter form",
                then(go("today"), encounter_form),
                "journal.ui.modals.encounter_form:EncounterForm",
            ),
            Shot("quick-add", "Quick add", then(go("today"), quick_add), "journal.ui.modals.quick_add:QuickAddModal"),
        ],
        "people": [Shot("person", "Person", then(go("people"), person), "journal.ui.screens.person:PersonScreen")],
    }
    special: dict[str, Step] = {
        "today": nothing,
        "people": then(go("people"), people_query),
    }
    order = ["today", "people", "due", "lucky", "insights", "history", "give-first", "settings"]
    names = [d.name for d in DESTINATIONS]
    ordered: list[Destination] = sorted(
        DESTINATIONS, key=lambda d: (order.index(d.name) if d.name in order else len(order), names.index(d.name))
    )
    result: list[Shot] = []
    for dest in ordered:
        title = dest.description
        size = TALL.get(dest.name, SIZE)
        result.append(Shot(dest.name, title, special.get(dest.name, go(dest.name)), f"{dest.module}:{dest.cls}", size))
        result.extend(extra.get(dest.name, []))
    result.append(Shot("help", "Help", help_modal, "journal.ui.modals.help:HelpModal"))
    return result


# ------------------------------------------------------------------------------------------------
# Taking them


async def take(shot: Shot, journal: Path, clock: FixedClock) -> str:
    """Run the app on ``journal``, play the shot's steps, and return the SVG."""
    store = JournalStore.open(journal, clock)
    try:
        app = JournalApp(store, clock, seed=SEED, animations=False)
        async with app.run_test(size=shot.size) as pilot:
            await settle(pilot)
            await shot.steps(pilot)
            freeze_cursors(app)
            await settle(pilot, rounds=2)
            svg = app.export_screenshot(title=f"netjournal · {shot.title}")
            # Rich writes runs of spaces as &#160; at the start of a <text>; rsvg-convert drops them
            # (so "Sun 29 Nov  today" became "Sun 29 Novtoday") unless whitespace is preserved.
            svg = svg.replace("<svg ", '<svg xml:space="preserve" ', 1)
            # Leave without saving anything more (a half-typed quick-add stays unsaved).
            app.exit()
        return svg
    finally:
        store.close()


def to_png(svg: Path, png: Path, converter: str) -> None:
    subprocess.run([converter, "--format", "png", "--output", str(png), str(svg)], check=True)


def update_readme(written: list[tuple[str, str]], readme: Path = README) -> bool:
    """Rewrite the table between the markers in README.md: two screenshots a row, captioned."""
    text = readme.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        print(f"note: {readme.name} has no {README_START!r} … {README_END!r} block; not changed", file=sys.stderr)
        return False
    cells = [
        f"![{title}](screenshots/{stem}.png) {CAPTIONS.get(stem.split('-', 1)[1], title)}" for stem, title in written
    ]
    if len(cells) % 2:
        cells.append("")
    rows = [f"| {left} | {right} |" for left, right in zip(cells[::2], cells[1::2], strict=False)]
    block = "\n".join([README_START, "", "| | |", "|---|---|", *rows, "", README_END])
    before, rest = text.split(README_START, 1)
    _old, after = rest.split(README_END, 1)
    new = before + block + after
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the SVGs and PNGs (default: screenshots/)")
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="take only this shot (repeatable); names as in the file names, e.g. people",
    )
    parser.add_argument("--no-png", action="store_true", help="write the SVGs only (no rsvg-convert needed)")
    parser.add_argument(
        "--readme", action="store_true", help="rewrite the screenshot list between the markers in README.md"
    )
    parser.add_argument("--list", action="store_true", help="list the shots and exit")
    args = parser.parse_args(argv)

    i18n.set_language("en")
    planned = shots()
    if args.list:
        for shot in planned:
            print(f"{shot.name:16} {shot.title}")
        return 0
    if args.only:
        unknown = set(args.only) - {s.name for s in planned}
        if unknown:
            parser.error(f"no such shot: {', '.join(sorted(unknown))} (see --list)")
    converter = None if args.no_png else shutil.which("rsvg-convert")
    if not args.no_png and converter is None:
        print(
            "error: rsvg-convert is not installed, so no PNGs can be made.\n"
            "  Debian/Ubuntu: sudo apt install librsvg2-bin    macOS: brew install librsvg\n"
            "  (or run with --no-png to write the SVGs only)",
            file=sys.stderr,
        )
        return 1

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    clock = FixedClock(NOW)
    written: list[tuple[str, str]] = []
    skipped: list[str] = []
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="netjournal-shots-") as tmp:
        pristine = Path(tmp) / "pristine" / "journal.json"
        pristine.parent.mkdir()
        create_demo_journal(pristine, clock, seed=SEED)
        # Numbers follow the shots that can be taken, so file names stay in screen order.
        available: list[Shot] = []
        for shot in planned:
            why = shot.missing()
            if why is None:
                available.append(shot)
            else:
                skipped.append(shot.name)
                print(f"skipped  {shot.name}: {why}")
        for number, shot in enumerate(available, 1):
            stem = f"{number:02d}-{shot.name}"
            if args.only and shot.name not in args.only:
                continue
            work = Path(tmp) / stem
            work.mkdir()
            journal = work / "journal.json"
            shutil.copy2(pristine, journal)
            try:
                svg = asyncio.run(take(shot, journal, clock))
            except Skip as why:
                skipped.append(shot.name)
                print(f"skipped  {shot.name}: {why}")
                continue
            except Exception as error:  # a screen that crashes must not stop the others
                failed.append(shot.name)
                print(f"FAILED   {shot.name}: the app raised {type(error).__name__}: {error}", file=sys.stderr)
                traceback.print_exception(error, file=sys.stderr)
                continue
            svg_path = out / f"{stem}.svg"
            svg_path.write_text(svg, encoding="utf-8")
            line = f"wrote    {svg_path.relative_to(ROOT) if svg_path.is_relative_to(ROOT) else svg_path}"
            if converter:
                png_path = out / f"{stem}.png"
                to_png(svg_path, png_path, converter)
                line += " and .png"
            print(line)
            written.append((stem, shot.title))

    if not args.only and not failed:
        # Screens that were renamed or removed leave old files behind: remove them.
        keep = {stem for stem, _title in written}
        for old in out.iterdir():
            if re.fullmatch(r"\d\d-.+\.(svg|png)", old.name) and old.name.rsplit(".", 1)[0] not in keep:
                old.unlink()
                print(f"removed  {old.name} (no such shot any more)")
        if args.readme:
            update_readme(written)
    print(
        f"{len(written)} screenshots in {out}"
        + (f"; {len(skipped)} skipped" if skipped else "")
        + (f"; FAILED: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
