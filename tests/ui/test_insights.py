"""The Insights screen: encounters per week, occasions and the neglected ones, giving without a
balance, contacted vs. due, streak and chance log."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Sparkline, Static

from journal import insights
from journal.ui.app import JournalApp
from journal.ui.screens.insights import InsightsScreen
from tests.ui.conftest import SIZE
from tests.ui.rules_journal import TODAY, demo_journal, rules_journal
from tests.ui.test_due import settle


async def open_insights(app: JournalApp, pilot) -> InsightsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("i")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, InsightsScreen)
    return screen


def text(screen: InsightsScreen, selector: str) -> str:
    static = screen.query_one(selector, Static)
    fitted = getattr(static.content, "build", None)  # bars built for the width they are drawn in
    if fitted is not None:
        return fitted(static.content_size.width).plain
    return str(static.render())


async def test_insights_show_the_figures(make_app: Callable[..., JournalApp]) -> None:
    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_insights(app, pilot)
        figures = insights.compute_for(app.store, TODAY)
        assert screen.figures == figures
        assert list(screen.query_one("#weeks-sparkline", Sparkline).data or []) == figures.per_week
        assert "7 encounters in all" in text(screen, "#weeks-caption")
        assert text(screen, "#tile-contacted").startswith("3\npeople contacted")
        assert text(screen, "#tile-due").startswith("3\npeople due")
        assert text(screen, "#tile-chances").startswith("1\nchance encounter")
        assert text(screen, "#tile-streak").startswith("0\ndays in a row")
        occasions = text(screen, "#occasions-box")
        assert "work" in occasions and "Not used lately: travel, hobby, everyday, online" in occasions
        giving = text(screen, "#giving-box")
        assert "gave (2)" in giving and "came back (1)" in giving and "2026-10" in giving
        # Rule 4: two columns, never a difference or a balance.
        assert "balance" not in giving and "owe" not in giving


async def test_insights_follow_changes_and_lead_to_give_first(make_app: Callable[..., JournalApp]) -> None:
    from journal.model import Encounter

    app = make_app(rules_journal)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_insights(app, pilot)
        anna = app.store.find_person("Anna Müller")
        assert anna is not None
        app.store.save(Encounter(date=TODAY, person_ids=[anna.id], occasion="travel", by_chance=True))
        await settle(app, pilot)
        assert text(screen, "#tile-streak").startswith("1\nday in a row")
        assert text(screen, "#tile-chances").startswith("2\nchance encounters")
        assert "travel" not in text(screen, "#occasions-box").split("Not used lately:")[1]
        await pilot.press("g")
        await settle(app, pilot)
        assert app.screen.id == "give-first"


async def test_insights_of_an_empty_journal(make_app: Callable[..., JournalApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_insights(app, pilot)
        assert "0 encounters in all" in text(screen, "#weeks-caption")
        assert "No encounters with an occasion" in text(screen, "#occasions-box")


def test_insights_snapshot(snap_compare, make_app: Callable[..., JournalApp]) -> None:
    async def open_it(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_insights(pilot.app, pilot)

    assert snap_compare(make_app(demo_journal), terminal_size=SIZE, run_before=open_it)
