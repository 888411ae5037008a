"""Before logging an outreach: the give-them-time guard (rule 6). It asks gently, never blocks."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from journal import pacing
from journal.i18n import _
from journal.model import Person
from journal.ui.modals.confirm import ConfirmModal

if TYPE_CHECKING:
    from journal.ui.app import JournalApp


def reach_out_gently(app: JournalApp, person: Person, go_ahead: Callable[[], None]) -> None:
    """Run ``go_ahead`` (which logs the outreach) now, or after the user has read the warning
    and chosen to log it anyway. The check runs before anything is saved."""
    warning = pacing.give_them_time_for(app.store, person, app.clock.today())
    if warning is None:
        go_ahead()
        return

    def answered(ok: object) -> None:
        if ok:
            go_ahead()

    app.push_screen(GiveThemTimeModal(warning), answered)


class GiveThemTimeModal(ConfirmModal):
    """The warning, with "Log it anyway" (focused: it never blocks) and "Not yet"."""

    def __init__(self, warning: str) -> None:
        super().__init__(warning, yes=_("Log it anyway"), no=_("Not yet"))
