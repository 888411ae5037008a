"""The app's main screens: name, key, description, and where the class lives.

Screens are imported when first shown, so start-up only pays for the Today screen.
Descriptions are English msgids, translated when shown.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from textual.screen import Screen

from journal.i18n import N_


@dataclass(frozen=True)
class Destination:
    name: str
    key: str
    description: str
    module: str
    cls: str

    def load(self) -> type[Screen[None]]:
        return getattr(importlib.import_module(self.module), self.cls)


DESTINATIONS: tuple[Destination, ...] = (
    Destination("today", "t", N_("Today"), "journal.ui.screens.today", "TodayScreen"),
    Destination("history", "h", N_("History"), "journal.ui.screens.history", "HistoryScreen"),
    Destination("people", "p", N_("People"), "journal.ui.screens.people", "PeopleScreen"),
    Destination("due", "d", N_("Due"), "journal.ui.screens.due", "DueScreen"),
    Destination("lucky", "l", N_("Lucky encounter"), "journal.ui.screens.lucky", "LuckyScreen"),
    Destination("insights", "i", N_("Insights"), "journal.ui.screens.insights", "InsightsScreen"),
    Destination("give-first", "g", N_("Give first"), "journal.ui.screens.give_first", "GiveFirstScreen"),
    Destination("settings", "comma", N_("Settings"), "journal.ui.screens.settings", "SettingsScreen"),
)


def destination(name: str) -> Destination:
    for dest in DESTINATIONS:
        if dest.name == name:
            return dest
    raise KeyError(name)
