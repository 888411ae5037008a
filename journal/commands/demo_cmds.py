"""Subcommand demo-data: fill a journal with realistic generated people and encounters."""

from __future__ import annotations

from typing import Any

from journal import i18n
from journal.cli import Context, UserError
from journal.i18n import _

MAX_PEOPLE = 1_000_000
MAX_ENCOUNTERS = 10_000_000


def register(sub: Any) -> None:
    demo = sub.add_parser(
        "demo-data",
        help=_("fill a journal with realistic generated data (for trying things out)"),
        description=_(
            "Generate people, encounters over several years, day notes and lucky picks, the same "
            "for the same seed. Refuses to touch a journal that already has people unless --force."
        ),
    )
    demo.add_argument("--people", type=int, required=True, metavar="N", help=_("how many people"))
    demo.add_argument("--encounters", type=int, required=True, metavar="M", help=_("how many encounters"))
    demo.add_argument("--seed", type=int, default=7, metavar="S", help=_("random seed (default 7)"))
    demo.add_argument(
        "--force",
        action="store_true",
        help=_("add to a journal that already has people (records of the same seed are replaced)"),
    )
    demo.set_defaults(handler=cmd_demo_data)


def cmd_demo_data(ctx: Context) -> int:
    from journal.demo import JournalNotEmpty, fill_journal

    people, encounters = ctx.args.people, ctx.args.encounters
    if not 1 <= people <= MAX_PEOPLE:
        raise UserError(_("--people must be between 1 and {limit}.").format(limit=f"{MAX_PEOPLE:,}"))
    if not 0 <= encounters <= MAX_ENCOUNTERS:
        raise UserError(_("--encounters must be between 0 and {limit}.").format(limit=f"{MAX_ENCOUNTERS:,}"))
    try:
        summary = fill_journal(
            ctx.db_path,
            ctx.clock,
            people=people,
            encounters=encounters,
            seed=ctx.args.seed,
            force=ctx.args.force,
            language=i18n.language(),
        )
    except JournalNotEmpty as refused:
        raise UserError(
            _(
                "The journal {path} already has {n} people; demo data would mix with them. Nothing was "
                "changed. Use another --db, or --force to add to it anyway."
            ).format(path=ctx.db_path, n=refused.people)
        ) from None
    ctx.say(
        _(
            "Wrote {people} people, {encounters} encounters, {days} day notes and {picks} lucky picks "
            "(seed {seed}) to {path} ({size:.1f} MB)."
        ).format(
            people=f"{summary.people:,}",
            encounters=f"{summary.encounters:,}",
            days=f"{summary.day_notes:,}",
            picks=f"{summary.lucky_picks:,}",
            seed=ctx.args.seed,
            path=summary.path,
            size=summary.bytes / 1e6,
        )
    )
    if (summary.total_people, summary.total_encounters) != (summary.people, summary.encounters):
        ctx.say(
            _("The journal now holds {people} people and {encounters} encounters.").format(
                people=f"{summary.total_people:,}", encounters=f"{summary.total_encounters:,}"
            )
        )
    return 0
