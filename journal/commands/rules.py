"""Subcommands for the networking rules: due, pace, snooze, lucky, could-help, intros, insights, chances.

Each handler is a thin face over journal.pacing / lucky / givefirst / insights: the app's screens
call the same functions, so neither face knows something the other does not.
"""

from __future__ import annotations

from typing import Any

from journal import birthdays, daily, givefirst, insights, lucky, pacing
from journal.cli import Context, UserError
from journal.commands.listing import add_limit, limit_of, limited, say_left_out
from journal.commands.naming import person_named
from journal.i18n import _, ngettext
from journal.model import OCCASION_LABELS
from journal.phrases import every_phrase, last_seen_phrase, relative_day, sentence_date

_BARS = "▁▂▃▄▅▆▇█"


def register(sub: Any) -> None:
    today = sub.add_parser(
        "today",
        help=_("the day in a few lines: encounters, follow-ups, birthdays, who is due, the lucky pick"),
        description=_(
            "The day in a few lines, for a login shell or a scheduled notification: whom you met so "
            "far, follow-ups and birthdays today and in the coming days, who is due a check-in, and "
            "the lucky encounter the app shows. Writes nothing (the lucky pick is not rerolled)."
        ),
    )
    today.set_defaults(handler=cmd_today)

    due = sub.add_parser(
        "due",
        help=_("who is due a check-in, most overdue first, after follow-ups and birthdays"),
        description=_(
            "Follow-ups still to do and birthdays and other dates of the coming week, then who is due "
            "a check-in: the people whose rhythm (their own, learned from your encounters, or the "
            "default) has run out, most overdue first. Snoozed people and those awaiting your reply wait."
        ),
    )
    add_limit(due, None, _("at most N people (default: all)"))
    due.set_defaults(handler=cmd_due)

    pace = sub.add_parser(
        "pace",
        help=_("one person's rhythm: cadence, last contact, next check-in"),
        description=_(
            "One person's rhythm: how often you keep in touch and why, when you last were, "
            "unanswered messages, and when they are due next."
        ),
    )
    pace.add_argument("name", nargs="+", metavar=_("NAME"), help=_("who: a name, first name or alias"))
    pace.set_defaults(handler=cmd_pace)

    snooze = sub.add_parser(
        "snooze",
        help=_("leave someone off the due list for N days (0 wakes them)"),
        description=_(
            "Leave someone off the due list and out of the lucky encounter for a number of days; 0 wakes them again."
        ),
    )
    snooze.add_argument("name", nargs="+", metavar=_("NAME"), help=_("who: a name, first name or alias"))
    snooze.add_argument("days", type=int, metavar=_("DAYS"), help=_("how many days"))
    snooze.set_defaults(handler=cmd_snooze)

    luck = sub.add_parser(
        "lucky",
        help=_("today's lucky encounter: someone to reconnect with"),
        description=_(
            "Today's lucky encounter: the same pick the app's Lucky screen shows (after its rerolls), "
            "why them, and a first line you might send. Without an option nothing is written."
        ),
    )
    luck.add_argument("--seed", metavar="N", help=_("pick with this seed instead of today's date"))
    outcome = luck.add_mutually_exclusive_group()
    outcome.add_argument(
        "--reroll", action="store_true", help=_("someone else: the day's next pick (the app shows it too)")
    )
    outcome.add_argument("--reached-out", action="store_true", help=_("log that you reached out to the pick today"))
    outcome.add_argument("--not-now", action="store_true", help=_("record “not now” (no penalty)"))
    luck.set_defaults(handler=cmd_lucky)

    helps = sub.add_parser(
        "could-help",
        help=_("people whose needs meet what you know or have given"),
        description=_(
            "Who could you help? People whose needs meet the skills you named in the settings, or "
            "something you gave someone before (rule 3: share what you know)."
        ),
    )
    add_limit(helps, 20, _("at most N people (default 20; 0 for all)"))
    helps.set_defaults(handler=cmd_could_help)

    intros = sub.add_parser(
        "intros",
        help=_("two people worth introducing: one's needs meet the other's offers"),
        description=_("Introductions worth making: pairs of people where one's needs meet the other's offers."),
    )
    add_limit(intros, 20, _("at most N pairs (default 20; 0 for all)"))
    intros.set_defaults(handler=cmd_intros)

    ins = sub.add_parser(
        "insights",
        help=_("figures: encounters per week, occasions, giving, streak, chance"),
        description=_(
            "Figures about your networking: encounters per week, the occasions you use and neglect, "
            "what you gave and what came back by month, your streak and the chance log."
        ),
    )
    ins.set_defaults(handler=cmd_insights)

    chances = sub.add_parser(
        "chances",
        help=_("the chance log: encounters by chance and lucky picks that led to contact"),
        description=_(
            "The chance log (rule 7): encounters marked by chance, outreach from the lucky encounter, "
            "and lucky picks that led to contact, newest first."
        ),
    )
    add_limit(chances, 20, _("at most N entries (default 20; 0 for all)"))
    chances.set_defaults(handler=cmd_chances)


# ----------------------------------------------------------------------------- due, pace, snooze


def cmd_today(ctx: Context) -> int:
    with ctx.open_store(readonly=True) as store:
        for line in daily.digest_lines(daily.digest_for(store, ctx.clock.today())):
            ctx.say(line)
    return 0


def cmd_due(ctx: Context) -> int:
    limit_of(ctx)  # a bad --limit is a user error before the journal is opened
    today = ctx.clock.today()
    with ctx.open_store(readonly=True) as store:
        # Follow-ups are promises and birthdays come once a year: they lead, whatever --limit says.
        for reminder in birthdays.reminders_for(store, today):
            ctx.say(reminder.text(today))
        entries = pacing.due_list_for(store, today)
        shown = limited(ctx, entries)
        if not entries:
            ctx.say(_("Nobody is due a check-in today. Give them time."))
            return 0
        for entry in shown:
            ctx.say(pacing.due_line(entry, today))
        say_left_out(ctx, len(shown), len(entries))
    return 0


def cmd_pace(ctx: Context) -> int:
    today = ctx.clock.today()
    with ctx.open_store(readonly=True, lazy=True) as store:
        person = person_named(ctx, store, ctx.args.name)
        state = pacing.status_for(store, person, today)
        ctx.say(person.name)
        ctx.say(
            "  "
            + _("rhythm: {every} ({source})").format(
                every=every_phrase(state.cadence), source=_(pacing.SOURCE_LABELS[state.source])
            )
        )
        ctx.say("  " + last_seen_phrase(state.last_contact, today))
        if state.unanswered:
            ctx.say(
                "  "
                + ngettext(
                    "{n} message without a reply: waiting {factor}× as long before the next",
                    "{n} messages without a reply: waiting {factor}× as long before the next",
                    state.unanswered,
                ).format(n=state.unanswered, factor=state.wait // state.cadence)
            )
        if state.snoozed and state.snoozed_until:
            ctx.say("  " + _("snoozed until {day}").format(day=sentence_date(state.snoozed_until)))
        if state.next_due is not None:
            ctx.say(
                "  "
                + (
                    _("due now")
                    if state.due
                    else _("next check-in {when}").format(when=relative_day(state.next_due, today))
                )
            )
        warning = pacing.give_them_time_for(store, person, today)
        ctx.say("  " + (warning or _("A good moment to get in touch.")))
    return 0


def cmd_snooze(ctx: Context) -> int:
    today = ctx.clock.today()
    with ctx.open_store(lazy=True) as store:
        person = person_named(ctx, store, ctx.args.name)
        try:
            updated = pacing.snooze(person, ctx.args.days, today)
        except ValueError as error:
            raise UserError(str(error)) from None
        store.save(updated)
        if updated.snoozed_until is None:
            ctx.say(_("{name} is awake again: back on the due list when due.").format(name=person.name))
        else:
            ctx.say(_("Snoozed {name} until {day}.").format(name=person.name, day=sentence_date(updated.snoozed_until)))
    return 0


# ----------------------------------------------------------------------------- lucky


def cmd_lucky(ctx: Context) -> int:
    """The day's pick, shared with the app: the latest one recorded today, else today's first."""
    today = ctx.clock.today()
    args = ctx.args
    writing = args.reroll or args.reached_out or args.not_now
    with ctx.open_store(readonly=not writing) as store:
        state = lucky.pick_to_show_for(store, today, seed=args.seed)
        # A pick shown here for the first time is recorded only when something is written anyway.
        records = [state.record] if state.record is not None else []
        if args.reroll and state.pick is not None:
            state, records = lucky.rerolled_for(store, today, state, seed=args.seed)
        pick = state.pick
        if pick is None:
            ctx.say(
                _(
                    "No lucky encounter today: everyone was seen lately, is snoozed, or has a reply "
                    "outstanding. Trust chance tomorrow."
                )
            )
            return 0
        ctx.say(pick.person.name)
        ctx.say("  " + pick.reason)
        ctx.say("  " + _("Try: “{opener}”").format(opener=pick.opener))
        shown = records[-1] if records else None
        if args.reached_out:
            if state.outcome == "reached_out":
                ctx.say(_("Already logged today: you reached out to {name}.").format(name=pick.person.name))
                return 0
            lucky.reached_out(store, pick.person, today, reroll=state.reroll, shown=shown)
            ctx.say(_("Logged: you reached out to {name} today.").format(name=pick.person.name))
        elif args.not_now:
            if state.outcome is None:
                lucky.not_now(store, pick.person, today, reroll=state.reroll, shown=shown)
            ctx.say(_("Not now, then. No harm done.") + " " + _("`netjournal lucky --reroll` shows someone else."))
        elif args.reroll:
            store.save(*records)
        elif state.outcome == "reached_out":
            ctx.say("  " + _("You reached out today. Now give them time; --reroll shows someone else."))
        elif state.outcome == "not_now":
            ctx.say("  " + _("Not now, then. No harm done."))
    return 0


# ----------------------------------------------------------------------------- give first


def cmd_could_help(ctx: Context) -> int:
    limit_of(ctx)  # a bad --limit is a user error before the journal is opened
    with ctx.open_store(readonly=True) as store:
        matches = givefirst.who_could_i_help_for(store)
        shown = limited(ctx, matches)
        if not matches:
            ctx.say(
                _(
                    "No match between people's needs and your skills or past help yet. "
                    "Note people's needs, and your skills in the settings."
                )
            )
            return 0
        for match in shown:
            how = _("you know {offer}") if match.source == "skill" else _("you gave “{offer}” before")
            ctx.say(
                _("{name} needs {need} · {how}").format(
                    name=match.person.name, need=match.need, how=how.format(offer=match.offer)
                )
            )
        say_left_out(ctx, len(shown), len(matches))
    return 0


def cmd_intros(ctx: Context) -> int:
    limit = limit_of(ctx)
    with ctx.open_store(readonly=True) as store:
        pairs, total = givefirst.introductions_counted(store.people(), limit=limit)
        if not pairs:
            ctx.say(_("No introductions to suggest yet: note what people need and what they offer."))
            return 0
        for pair in pairs:
            line = _("{seeker} needs {need}; {helper} offers {offer}").format(
                seeker=pair.seeker.name, need=pair.need, helper=pair.helper.name, offer=pair.offer
            )
            if pair.mutual:
                line += " · " + _("and the other way round")
            ctx.say(line)
        say_left_out(ctx, len(pairs), total)
    return 0


# ----------------------------------------------------------------------------- insights, chances


def sparkline(values: list[int]) -> str:
    """One bar character per value, scaled to the largest; blank weeks show the lowest bar."""
    top = max(values, default=0)
    if top == 0:
        return _BARS[0] * len(values)
    return "".join(_BARS[min(len(_BARS) - 1, round(v / top * (len(_BARS) - 1)))] for v in values)


def cmd_insights(ctx: Context) -> int:
    today = ctx.clock.today()
    with ctx.open_store(readonly=True) as store:
        figures = insights.compute_for(store, today)
    weeks = figures.per_week
    ctx.say(_("Encounters per week, last {n} weeks: {total} in all").format(n=len(weeks), total=sum(weeks)))
    ctx.say("  " + sparkline(weeks))
    used = " · ".join(f"{_(OCCASION_LABELS.get(o, o))} {n}" for o, n in figures.occasions.items())
    ctx.say(_("Occasions, last 90 days: {used}").format(used=used or _("none yet")))
    if figures.neglected:
        ctx.say(_("Not used lately: {names}").format(names=", ".join(_(OCCASION_LABELS[o]) for o in figures.neglected)))
    ctx.say(_("Gave / came back, by month:"))
    ctx.say("  " + "  ".join(f"{m.month:%Y-%m} {m.gave}/{m.came_back}" for m in figures.giving))
    ctx.say(
        _("Contacted in the last 30 days: {contacted} · due now: {due}").format(
            contacted=figures.contacted, due=figures.due
        )
    )
    ctx.say(ngettext("Streak: {n} day", "Streak: {n} days", figures.streak).format(n=figures.streak))
    ctx.say(_("Chance log: {n}").format(n=figures.chances))
    return 0


def cmd_chances(ctx: Context) -> int:
    limit_of(ctx)  # a bad --limit is a user error before the journal is opened
    with ctx.open_store(readonly=True) as store:
        entries = lucky.chance_log_for(store)
        shown = limited(ctx, entries)
        if not entries:
            ctx.say(_("The chance log is empty so far. Mark encounters “by chance”, or try the lucky encounter."))
            return 0
        for entry in shown:
            parts = [
                entry.date.isoformat(),
                ", ".join(store.names(entry.encounter.person_ids)),
                _(lucky.CHANCE_KIND_LABELS[entry.kind]),
            ]
            if entry.encounter.summary:
                parts.append(entry.encounter.summary)
            ctx.say(" · ".join(parts))
        say_left_out(ctx, len(shown), len(entries))
    return 0
