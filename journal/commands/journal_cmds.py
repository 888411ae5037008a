"""Subcommands for the daily journal: add, people."""

from __future__ import annotations

from typing import Any

from journal.cli import Context, UserError
from journal.dates import parse_date
from journal.entry.parse import describe
from journal.entry.plan import commit, plan_line
from journal.i18n import _
from journal.textfmt import last_seen_phrase


def register(sub: Any) -> None:
    add = sub.add_parser(
        "add",
        help=_("log an encounter from one quick-add line"),
        description=_(
            "Log an encounter. Syntax: NAMES [@ PLACE] [#TAG …] [!KEYWORD …]: SUMMARY; "
            "gave: …; got: …  (unknown names become new people)"
        ),
    )
    add.add_argument("text", nargs="+", metavar=_("TEXT"), help=_("the quick-add line"))
    add.add_argument(
        "--date", metavar=_("DATE"), help=_("when it happened: 2026-11-29, today, yesterday, monday, 3 days ago")
    )
    add.set_defaults(handler=cmd_add)

    people = sub.add_parser("people", help=_("find people (fuzzy), best match first"))
    people.add_argument("query", nargs="*", metavar=_("QUERY"), help=_("part of a name, company, tag…"))
    people.add_argument("--limit", type=int, default=20, metavar="N", help=_("at most N people (default 20)"))
    people.set_defaults(handler=cmd_people)


def cmd_add(ctx: Context) -> int:
    line = " ".join(ctx.args.text)
    if not line.strip():
        raise UserError(_("Nothing to add: give a line such as “Anna Müller: coffee at the fair”."))
    today = ctx.clock.today()
    on = parse_date(ctx.args.date, today) if ctx.args.date else None
    with ctx.open_store() as store:
        plan = plan_line(store, line, ctx.clock, on=on)
        encounter = commit(store, plan)
        ctx.say(_("Saved {date}: {what}").format(date=encounter.date.isoformat(), what=describe(plan.draft)))
        if plan.new_people:
            ctx.say(_("New people: {names}").format(names=", ".join(p.name for p in plan.new_people)))
        # Rule 6: worked out before saving, never blocks.
        for warning in [*plan.warnings, *plan.give_them_time]:
            ctx.say(_("Note: {warning}").format(warning=warning), err=True)
    return 0


def cmd_people(ctx: Context) -> int:
    if ctx.args.limit < 1:
        raise UserError(_("--limit must be at least 1."))
    query = " ".join(ctx.args.query)
    today = ctx.clock.today()
    with ctx.open_store(readonly=True) as store:
        people = store.search(query, ctx.args.limit)
        if not people:
            ctx.say(
                _("No one matches “{query}”.").format(query=query) if query else _("The journal has no people yet.")
            )
            return 0
        for person in people:
            name = f"{person.name} ({_('archived')})" if person.archived else person.name
            ctx.say(
                _format_person_line(
                    name, person.company, person.tags, last_seen_phrase(store.last_seen(person.id), today)
                )
            )
    return 0


def _format_person_line(name: str, company: str, tags: list[str], seen: str) -> str:
    parts = [name]
    if company:
        parts.append(company)
    if tags:
        parts.append(" ".join(f"#{t}" for t in tags))
    parts.append(seen)
    return " · ".join(parts)
