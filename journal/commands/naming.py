"""Finding the person a command names: one resolver (journal.resolve) for every command.

``show``, ``pace`` and ``snooze`` take a clear match; a name that could mean several people
lists them and says how to choose, and changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from journal.cli import Context, UserError
from journal.i18n import _
from journal.model import Person
from journal.resolve import match_name, unclear_message
from journal.store import JournalStore


def person_named(ctx: Context, store: JournalStore, words: Sequence[str] | str) -> Person:
    """The one person ``words`` mean; raises UserError listing the candidates when unclear."""
    query = " ".join(words.split() if isinstance(words, str) else " ".join(words).split())
    if not query:
        raise UserError(_("Name someone, e.g. “Anna Müller”."))
    match = match_name(store, query, lookup=True)
    if match.person is not None:
        return match.person
    if match.kind == "unclear":
        example = match.candidates[0].name
        raise UserError(
            unclear_message(store, match, ctx.clock.today())
            + "\n"
            + _('Write more of the name, e.g. `netjournal {command} "{name}"`.').format(
                command=ctx.args.command, name=example
            )
        )
    raise UserError(_("No one matches “{query}”. Try `netjournal people {query}`.").format(query=query))
