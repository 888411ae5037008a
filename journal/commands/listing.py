"""Lists on the command line: ``--limit N`` (0 for all), and a note saying what was left out.

The note goes to standard error, so a pipe (``netjournal people | wc -l``) gets only the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from journal.cli import Context, UserError
from journal.i18n import _, ngettext

T = TypeVar("T")


def add_limit(parser: Any, default: int | None, what: str) -> None:
    """``--limit N``; ``what`` is the translated help, e.g. _("at most N people (default 20; 0 for all)")."""
    parser.add_argument("--limit", type=int, default=default, metavar="N", help=what)


def limit_of(ctx: Context) -> int | None:
    """``--limit`` as a number of items, None for all (0 or no limit); raises UserError if negative."""
    limit: int | None = ctx.args.limit
    if limit is not None and limit < 0:
        raise UserError(_("--limit must be 0 (for all) or more."))
    return limit or None


def limited(ctx: Context, items: Sequence[T]) -> Sequence[T]:
    """The first ``--limit`` items (all for 0 or no limit)."""
    limit = limit_of(ctx)
    return items if limit is None else items[:limit]


def say_left_out(ctx: Context, shown: int, total: int) -> None:
    """ "… and 99 more; --limit 0 shows all", when the limit left some out."""
    if total > shown:
        more = total - shown
        ctx.say(
            ngettext("… and {n} more; --limit 0 shows all", "… and {n} more; --limit 0 shows all", more).format(n=more),
            err=True,
        )
