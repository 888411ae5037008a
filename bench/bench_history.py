"""Benchmark the History screen on a big journal: open it, scroll to the end, filter.

    python bench/bench_history.py [--people 5000] [--encounters 50000] [--seed 7] [--repeat 3] [--db PATH]

Generates the journal with journal.demo.fill_journal (deterministic, cached under bench/.cache/) unless
--db names an existing one, opens it with JournalStore, and drives the real app headless with Textual's
Pilot (``app.run_test(size=(120, 36))``). Figures, median of --repeat fresh apps:

- open History: press ``h`` on Today until History is drawn with every encounter in its list (sorting
  all encounters newest first included; the screen is built on first use); beside it, the two parts
  that grow with the journal: sorting every encounter, and formatting one screenful of rows;
- to the end: ``end`` in the list until the last (oldest) row is drawn; then ``home`` back;
- page down: the mean of 50 ``pagedown`` presses;
- filter: a person filter ("anna") and an occasion filter applied (the debounce excluded);
- back again: ``t`` then ``h`` (History is kept, so this is the re-sort after a change plus a redraw);
- Today refresh: TodayScreen.refresh_data on the same journal (encounters of the day, note, due strip,
  streak), as it runs after every save.

Everything runs in this process; timings include Textual's own work for the frames involved.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from journal.clock import FixedClock
from journal.store import JournalStore

CACHE = Path(__file__).resolve().parent / ".cache"
SIZE = (120, 36)


def make_journal(path: Path, clock: FixedClock, people: int, encounters: int, seed: int) -> None:
    from journal.demo import fill_journal

    fill_journal(path, clock, people=people, encounters=encounters, seed=seed)


async def timed(action: Callable[[], Awaitable[object]]) -> float:
    start = time.perf_counter()
    await action()
    return (time.perf_counter() - start) * 1000


async def one_run(path: Path, clock: FixedClock) -> dict[str, float]:
    from journal.history import HistoryFilter
    from journal.ui.app import JournalApp
    from journal.ui.screens.history import HistoryScreen
    from journal.ui.widgets.encounter_list import EncounterTable

    figures: dict[str, float] = {}
    start = time.perf_counter()
    store = JournalStore.open(path, clock)
    figures["open journal (JournalStore.open)"] = (time.perf_counter() - start) * 1000
    total = store.encounter_count()
    try:
        app = JournalApp(store, clock, seed=1, animations=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            today = app.screen
            figures["Today refresh_data"] = await timed(lambda: _sync(today.refresh_data))

            async def open_history() -> None:
                await pilot.press("h")
                while not (
                    isinstance(app.screen, HistoryScreen) and app.screen.query_one(EncounterTable).row_count == total
                ):
                    await pilot.pause()
                await pilot.pause()

            figures["open History (press h → drawn)"] = await timed(open_history)
            screen = app.screen
            assert isinstance(screen, HistoryScreen)
            table = screen.query_one(EncounterTable)

            def sort_all() -> None:
                store.encounters()

            def draw_screenful() -> None:
                table._cache.clear()
                for y in range(table.size.height):
                    table.render_line(y)

            figures["  of which: all encounters, newest first"] = await timed(lambda: _sync(sort_all))
            figures["  of which: format one screenful of rows"] = await timed(lambda: _sync(draw_screenful))

            async def to_end() -> None:
                await pilot.press("end")
                await pilot.pause()
                assert table.cursor == total - 1

            figures["scroll to the end (end → drawn)"] = await timed(to_end)
            figures["back to the top (home → drawn)"] = await timed(lambda: pilot.press("home"))

            async def pages() -> None:
                for _ in range(50):
                    await pilot.press("pagedown")
                await pilot.pause()

            figures["page down (mean of 50)"] = await timed(pages) / 50

            def person_filter() -> None:
                screen.filter = HistoryFilter(person="anna")
                screen._apply()

            def occasion_filter() -> None:
                screen.filter = HistoryFilter(occasion="event")
                screen._apply()

            figures["filter: person “anna”"] = await timed(lambda: _sync(person_filter))
            figures["filter: occasion"] = await timed(lambda: _sync(occasion_filter))
            screen.filter = HistoryFilter()
            screen._stale = True

            async def away_and_back() -> None:
                await pilot.press("t")
                await pilot.pause()
                await open_history()

            figures["back to History (t, h → drawn)"] = await timed(away_and_back)
            figures["_rows shown"] = float(table.row_count)
    finally:
        store.close()
    return figures


async def _sync(fn: Callable[[], object]) -> None:
    fn()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--encounters", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", type=Path, help="an existing journal to use instead of generating one")
    args = parser.parse_args()

    clock = FixedClock(datetime(2026, 11, 29, 14, 30, tzinfo=UTC))
    if args.db:
        path = args.db
    else:
        CACHE.mkdir(exist_ok=True)
        path = CACHE / f"history-{args.people}p-{args.encounters}e-s{args.seed}.json"
        if not path.exists():
            start = time.perf_counter()
            with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
                fresh = Path(tmp) / "journal.json"
                make_journal(fresh, clock, args.people, args.encounters, args.seed)
                fresh.replace(path)
            print(f"generated {path.name} in {time.perf_counter() - start:.1f} s", file=sys.stderr)

    runs = [asyncio.run(one_run(path, clock)) for _ in range(args.repeat)]
    rows = int(runs[0].pop("_rows shown"))
    for run in runs[1:]:
        run.pop("_rows shown")
    size_mb = path.stat().st_size / 1e6
    print(
        f"History on {rows:,} encounters ({size_mb:.1f} MB journal, {args.repeat} runs, "
        f"terminal {SIZE[0]}×{SIZE[1]}, {date.today().isoformat()})\n"
    )
    print("| step | median ms | min ms | max ms |")
    print("|---|---:|---:|---:|")
    for key in runs[0]:
        values = [run[key] for run in runs]
        print(f"| {key} | {statistics.median(values):.0f} | {min(values):.0f} | {max(values):.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
