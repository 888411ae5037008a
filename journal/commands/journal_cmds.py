"""Subcommands for the daily journal: add, people."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from journal.cli import Context, UserError
from journal.commands.listing import add_limit, limit_of, say_left_out
from journal.dates import parse_date
from journal.entry.parse import describe
from journal.entry.plan import NEW, Plan, choice_key, commit, plan_line
from journal.i18n import _
from journal.phrases import last_seen_phrase, sentence_date
from journal.resolve import unclear_message
from journal.store import JournalStore


def register(sub: Any) -> None:
    add = sub.add_parser(
        "add",
        help=_("log an encounter from one quick-add line"),
        description=_(
            "Log an encounter. Syntax: NAMES [@ PLACE] [#TAG …] [!KEYWORD …]: SUMMARY; "
            "gave: …; got: …  Names are found like `netjournal people` finds them (first name, "
            "alias, initials, without umlauts); a name that could mean several people lists them "
            "and saves nothing; a name no one has becomes a new person."
        ),
    )
    add.add_argument("text", nargs="+", metavar=_("TEXT"), help=_("the quick-add line"))
    add.add_argument(
        "--date", metavar=_("DATE"), help=_("when it happened: 2026-11-29, today, yesterday, monday, 3 days ago")
    )
    add.add_argument(
        "--new",
        action="append",
        metavar=_("NAME"),
        help=_("this name in the line is a new person, even if it could mean someone you know (repeatable)"),
    )
    add.set_defaults(handler=cmd_add)

    people = sub.add_parser(
        "people",
        help=_("find people (fuzzy), best match first"),
        description=_(
            "Find people as the app's search does: part of a name, an alias, a company or a tag, with or "
            "without umlauts, initials, typos. Best match first; without a query, everyone, most "
            "recently seen first."
        ),
    )
    people.add_argument("query", nargs="*", metavar=_("QUERY"), help=_("part of a name, company, tag…"))
    add_limit(people, 20, _("at most N people (default 20; 0 for all)"))
    people.set_defaults(handler=cmd_people)


def cmd_add(ctx: Context) -> int:
    line = " ".join(ctx.args.text)
    if not line.strip():
        raise UserError(_("Nothing to add: give a line such as “Anna Müller: coffee at the fair”."))
    today = ctx.clock.today()
    on = parse_date(ctx.args.date, today) if ctx.args.date else None
    new_names = ctx.args.new or []
    with ctx.open_store(lazy=True) as store:
        plan = plan_line(store, line, ctx.clock, on=on, choices={choice_key(n): NEW for n in new_names})
        named = {choice_key(n) for n in plan.draft.names}
        for name in new_names:
            if choice_key(name) not in named:
                raise UserError(
                    _("Nothing was saved: --new “{name}” is not one of the names in the line ({names}).").format(
                        name=name, names=", ".join(plan.draft.names)
                    )
                )
        if plan.unclear:
            raise UserError(_unclear(store, plan, today))
        if plan.sentence is not None:
            raise UserError(_sentence(plan.sentence))
        encounter = commit(store, plan)
        what = describe(replace(plan.draft, names=[w.person.name for w in plan.who]))
        ctx.say(_("Saved {date}: {what}").format(date=sentence_date(encounter.date), what=what))
        if plan.new_people:
            ctx.say(_("New people: {names}").format(names=", ".join(p.name for p in plan.new_people)))
        # Rule 6: worked out before saving, never blocks.
        for warning in [*plan.warnings, *plan.give_them_time]:
            ctx.say(_("Note: {warning}").format(warning=warning), err=True)
    return 0


def _unclear(store: JournalStore, plan: Plan, today: date) -> str:
    """Each unclear name with its candidates, and how to choose."""
    blocks = [unclear_message(store, match, today) for match in plan.unclear]
    first = plan.unclear[0]
    blocks.append(
        _(
            'Nothing was saved. Write the full name (e.g. “{name}”), or add --new "{typed}" '
            "to add a new person called “{typed}”."
        ).format(name=first.candidates[0].name, typed=first.typed)
    )
    return "\n".join(blocks)


def _sentence(name: str) -> str:
    return "\n".join(
        [
            _("Nothing was saved: no one is called “{name}”, and it reads like a sentence, not a name.").format(
                name=name
            ),
            _("Names come first, then a colon and what happened:"),
            "  " + _('netjournal add "Anna Müller, Bob: {summary}"').format(summary=name[:1].lower() + name[1:]),
            _('To add a person with that name, use --new "{name}".').format(name=name),
        ]
    )


def cmd_people(ctx: Context) -> int:
    limit = limit_of(ctx)
    query = " ".join(ctx.args.query)
    today = ctx.clock.today()
    with ctx.open_store(readonly=True, lazy=True) as store:
        everyone = store.people_count()
        matches = store.search(query, everyone) if query.strip() else []
        total = len(matches) if query.strip() else everyone
        people = matches[:limit] if query.strip() else store.search("", limit or everyone)
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
        say_left_out(ctx, len(people), total)
    return 0


def _format_person_line(name: str, company: str, tags: list[str], seen: str) -> str:
    parts = [name]
    if company:
        parts.append(company)
    if tags:
        parts.append(" ".join(f"#{t}" for t in tags))
    parts.append(seen)
    return " · ".join(parts)
