"""Insights: how the networking goes, in figures (rules 2–4, 6, 7).

Encounters per week over the last year, the occasions used in the last 90 days and the ones
left out (rule 2), what you gave and what came back per month side by side (rule 4: never a
balance), people contacted vs. due (rule 6), the streak and the chance log (rule 7). The
figures come from journal.insights, computed in a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Sparkline, Static
from textual.worker import get_current_worker

from journal import insights
from journal.i18n import N_, _, ngettext
from journal.model import OCCASION_LABELS
from journal.phrases import format_date
from journal.ui.base import HEADER_ICON, JournalScreen
from journal.ui.widgets.footer import JournalFooter

BAR = "█"
BAR_WIDTH = 24


def _bar(value: int, top: int, width: int = BAR_WIDTH) -> str:
    if value <= 0 or top <= 0:
        return ""
    return BAR * max(1, round(value / top * width))


class _Fitted:
    """Text built for the width it is drawn in: bars shorten in a narrow terminal instead of
    wrapping onto the next line (Textual asks again with the new width when the size changes)."""

    def __init__(self, build: Callable[[int], Text]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(options.max_width)


class InsightsScreen(JournalScreen):
    CSS_PATH = "insights.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "g",
            "app.go('give-first')",
            N_("Give first"),
            id="insights-give-first",
            tooltip=N_("Who could I help? Introductions worth making"),
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="insights")
        self.figures: insights.Insights | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        with VerticalScroll(id="insights-body"):
            yield Static(_("Counting…"), id="insights-loading")
            with Horizontal(id="insights-tiles"):
                yield Static("", id="tile-streak", classes="tile")
                yield Static("", id="tile-contacted", classes="tile")
                yield Static("", id="tile-due", classes="tile")
                yield Static("", id="tile-chances", classes="tile")
            with Vertical(id="weeks-box", classes="insights-box"):
                yield Sparkline([], id="weeks-sparkline", summary_function=max)
                with Horizontal(id="weeks-axis"):
                    yield Static("", id="weeks-from")
                    yield Static("", id="weeks-to")
                yield Static("", id="weeks-caption")
            with Horizontal(id="insights-lower"):
                yield Static("", id="occasions-box", classes="insights-box")
                yield Static("", id="giving-box", classes="insights-box")
        yield JournalFooter()

    def on_mount(self) -> None:
        # (JournalScreen.on_mount, which subscribes to journal changes, runs too: Textual calls both.)
        self.sub_title = _("Insights")
        self.query_one("#weeks-box").border_title = _("Encounters per week, the last 52 weeks")
        self.query_one("#occasions-box").border_title = _("Occasions, the last 90 days")
        self.query_one("#giving-box").border_title = _("What you gave and what came back")
        self.query_one("#giving-box").border_subtitle = _("encounters per month · side by side, never a balance")
        self._set_loaded(False)
        self.refresh_data()

    def _set_loaded(self, loaded: bool) -> None:
        self.query_one("#insights-loading").display = not loaded
        for selector in ("#insights-tiles", "#weeks-box", "#insights-lower"):
            self.query_one(selector).display = loaded

    # ------------------------------------------------------------------ loading

    def refresh_data(self) -> None:
        if not self.is_mounted or (self.figures is not None and self.app.screen is not self):
            return
        self._load(self.japp.clock.today())

    @work(thread=True, exclusive=True, group="insights-load")
    def _load(self, today: date) -> None:
        figures = insights.compute_for(self.japp.store, today)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, figures, today)

    def _show(self, figures: insights.Insights, today: date) -> None:
        self.figures = figures
        self._set_loaded(True)
        self._tiles(figures)
        self._weeks(figures, today)
        self.query_one("#occasions-box", Static).update(_Fitted(lambda width: self._occasions(figures, width)))
        self.query_one("#giving-box", Static).update(_Fitted(lambda width: self._giving(figures, width)))

    # ------------------------------------------------------------------ pieces

    @staticmethod
    def _tile(number: int, label: str, note: str = "") -> Text:
        text = Text(str(number), style="bold")
        text.append("\n" + label)
        if note:
            text.append("\n" + note, style="dim")
        return text

    def _tiles(self, f: insights.Insights) -> None:
        self.query_one("#tile-streak", Static).update(
            self._tile(
                f.streak,
                ngettext("day in a row", "days in a row", f.streak),
                _("with an entry") if f.streak else _("log something to start"),
            )
        )
        self.query_one("#tile-contacted", Static).update(
            self._tile(
                f.contacted, ngettext("person contacted", "people contacted", f.contacted), _("in the last 30 days")
            )
        )
        self.query_one("#tile-due", Static).update(
            self._tile(f.due, ngettext("person due", "people due", f.due), _("for a check-in today"))
        )
        self.query_one("#tile-chances", Static).update(
            self._tile(f.chances, ngettext("chance encounter", "chance encounters", f.chances), _("in the chance log"))
        )

    def _weeks(self, f: insights.Insights, today: date) -> None:
        weeks = f.per_week
        self.query_one("#weeks-sparkline", Sparkline).data = [float(n) for n in weeks]
        first_monday = insights.week_start(today).toordinal() - 7 * (len(weeks) - 1)
        self.query_one("#weeks-from", Static).update(
            _("week of {day}").format(day=format_date(date.fromordinal(first_monday), weekday=False))
        )
        self.query_one("#weeks-to", Static).update(_("this week"))
        total = sum(weeks)
        busiest = max(weeks, default=0)
        active = sum(1 for n in weeks if n)
        caption = Text(ngettext("{n} encounter in all", "{n} encounters in all", total).format(n=total), style="bold")
        caption.append(
            " · " + ngettext("{n} week with an encounter", "{n} weeks with an encounter", active).format(n=active)
        )
        caption.append(" · " + _("busiest week: {n}").format(n=busiest))
        caption.append(" · " + _("this week: {n}").format(n=weeks[-1] if weeks else 0))
        self.query_one("#weeks-caption", Static).update(caption)

    @staticmethod
    def _occasions(f: insights.Insights, width: int = 80) -> Text:
        text = Text()
        if not f.occasions:
            text.append(_("No encounters with an occasion in the last 90 days."), style="dim")
        top = max(f.occasions.values(), default=0)
        label_width = max((len(_(OCCASION_LABELS.get(o, o))) for o in f.occasions), default=0)
        # label, two spaces, the bar, " 123": the bar takes what is left, at most 20.
        bar_width = max(3, min(20, width - label_width - 6))
        for occasion, count in f.occasions.items():
            label = _(OCCASION_LABELS.get(occasion, occasion))
            text.append(f"{label:<{label_width}}  ", style="bold")
            text.append(_bar(count, top, bar_width), style="italic")
            text.append(f" {count}\n")
        if f.neglected:
            text.append("\n" + _("Not used lately:") + " ", style="bold")
            text.append(", ".join(_(OCCASION_LABELS[o]) for o in f.neglected))
            text.append(
                "\n"
                + _(
                    "Every occasion can bring a meeting: a club evening, the neighbours, "
                    "the tax adviser's waiting room."
                ),
                style="dim",
            )
        else:
            text.append("\n" + _("You used every kind of occasion lately."), style="dim")
        return text

    @staticmethod
    def _giving(f: insights.Insights, width: int = 80) -> Text:
        months = f.giving
        top = max((max(m.gave, m.came_back) for m in months), default=0)
        gave, back = sum(m.gave for m in months), sum(m.came_back for m in months)
        gave_label = _("gave ({n})").format(n=gave)
        back_label = _("came back ({n})").format(n=back)
        # "2026-11   " then "123 " bar " " and "123 " bar: two bars share what is left, at most 9 each.
        bar = max(2, min(9, (width - 19) // 2))
        # A legend rather than column headings: it may wrap in a narrow box without breaking the rows.
        text = Text.assemble((gave_label, "bold"), "  ·  ", (back_label, "bold italic"), "\n")
        for month in months:
            text.append(f"{month.month:%Y-%m}   ", style="dim")
            text.append(f"{month.gave:>3} ")
            text.append(_bar(month.gave, top, bar).ljust(bar + 1), style="bold")
            text.append(f"{month.came_back:>3} ")
            text.append(_bar(month.came_back, top, bar) + "\n", style="italic")
        text.rstrip()
        return text
