"""Subcommands about one person: show NAME (the person page as text), forget NAME."""

from __future__ import annotations

import sys
from typing import Any

from journal.cli import Context, UserError, safe_text
from journal.commands.naming import person_named
from journal.forget import describe_forget, forget_person
from journal.i18n import _
from journal.model import Encounter, Person
from journal.person_page import person_page, when_phrase
from journal.phrases import encounter_details, sentence_date
from journal.resolve import candidate_line, match_name
from journal.store import JournalStore


def register(sub: Any) -> None:
    show = sub.add_parser(
        "show",
        help=_("one person's page as text (best fuzzy match)"),
        description=_(
            "Show what connects you, their e-mails, phones, addresses, websites, birthday and other "
            "dates, relationships, platforms, offers and needs, the check-in rhythm and the timeline "
            "of your encounters."
        ),
    )
    show.add_argument("name", nargs="+", metavar=_("NAME"), help=_("part of a name, alias, company or tag"))
    show.set_defaults(handler=cmd_show)

    forget = sub.add_parser(
        "forget",
        help=_("forget a person and every trace of them"),
        description=_(
            "Remove the person, their encounters with nobody else, their place "
            "in shared encounters, and their name from every note. Asks first; "
            "--yes skips the question (for scripts). Needs the exact name or "
            "an alias."
        ),
    )
    forget.add_argument("name", nargs="+", metavar=_("NAME"), help=_("the person's name or an alias"))
    forget.add_argument("--yes", action="store_true", help=_("do not ask (for scripts)"))
    forget.set_defaults(handler=cmd_forget)


def cmd_show(ctx: Context) -> int:
    today = ctx.clock.today()
    with ctx.open_store(readonly=True, lazy=True) as store:
        person = person_named(ctx, store, ctx.args.name)
        for line in render_person(store, person, today):
            ctx.say(line)
    return 0


def render_person(store: JournalStore, person: Person, today: Any) -> list[str]:
    """The person page as lines of text: what connects you first (rule 1)."""
    page = person_page(store, person, today)
    lines: list[str] = []
    title = person.name
    if person.aliases:
        title += "  (" + _("also: {aliases}").format(aliases=", ".join(person.aliases)) + ")"
    if person.archived:
        title += "  [" + _("archived") + "]"
    lines += [title, "=" * min(len(title), 78)]

    def block(label: str, text: str) -> None:
        if text.strip():
            body = text.strip().splitlines()
            lines.append(f"{label}: {body[0]}")
            lines.extend(f"  {more}" for more in body[1:])

    block(_("What connects us"), person.common_ground or _("(not noted yet: what do you share?)"))
    facts = [x for x in (person.company, person.role) if x]
    if person.tags:
        facts.append(" ".join(f"#{t}" for t in person.tags))
    if facts:
        lines.append(" · ".join(facts))
    block(_("How we met"), person.how_we_met)
    if person.has_structured_name:
        parts = [
            (_("prefix"), person.name_prefix),
            (_("given name"), person.given_name),
            (_("middle names"), person.additional_names),
            (_("family name"), person.family_name),
            (_("suffix"), person.name_suffix),
        ]
        lines.append(
            _("Name: {parts}").format(parts=" · ".join(f"{label}: {value}" for label, value in parts if value))
        )
    for contact in page.contacts:
        mark = " ★" if contact.preferred else ""
        lines.append(f"{contact.label}{mark}: {contact.value}")
    lines += page.dates
    for relation in page.relations:
        lines.append(_("Related: {text}").format(text=relation.text))
    if page.maybe_same:
        lines.append(_("May be the same person as: {names}").format(names=", ".join(p.name for p in page.maybe_same)))
    if page.platforms:
        lines.append(_("Platforms:"))
        for line in page.platforms:
            mark = "★" if line.active else " "
            lines.append(f"  {mark} {line.name}: {line.handle}")
    block(_("Offers"), person.offers)
    block(_("Needs"), person.needs)
    rhythm = _("Check-in: {cadence} · {seen}").format(cadence=page.cadence, seen=page.last_seen)
    if page.pace.next_due is not None:
        rhythm += " · " + _("next {when}").format(when=when_phrase(page.pace.next_due, today).split(" · ")[0])
    lines.append(rhythm)
    if page.pace.snoozed and page.pace.snoozed_until:
        lines.append(_("Snoozed until {date}").format(date=sentence_date(page.pace.snoozed_until)))
    lines.append(page.giving_line)
    block(_("Notes"), person.notes)
    lines.append("")
    if not page.timeline:
        lines.append(_("No encounters yet."))
    else:
        lines.append(_("Timeline ({n}):").format(n=len(page.timeline)))
        for encounter in page.timeline:
            lines.extend(_timeline_lines(store, encounter, person, today))
    return lines


def _timeline_lines(store: JournalStore, encounter: Encounter, person: Person, today: Any) -> list[str]:
    head = [when_phrase(encounter.date, today), *encounter_details(encounter)]
    others = store.names(pid for pid in encounter.person_ids if pid != person.id)
    if others:
        head.append(_("with {names}").format(names=", ".join(others)))
    if encounter.by_chance:
        head.append(_("by chance"))
    out = ["- " + " · ".join(head)]
    if encounter.summary:
        out.append("    " + encounter.summary.splitlines()[0])
    if encounter.gave:
        out.append("    " + _("gave: {what}").format(what=encounter.gave))
    if encounter.received:
        out.append("    " + _("came back: {what}").format(what=encounter.received))
    return out


def cmd_forget(ctx: Context) -> int:
    query = " ".join(ctx.args.name).strip()
    # No daily backup here: taken now, it would keep the person for weeks after they are forgotten.
    with ctx.open_store(backup=False) as store:
        # Forgetting cannot be undone: only an exact name or alias will do, never a fuzzy match.
        same = [p for pid in store.index.find_exact(query) if (p := store.person(pid)) is not None]
        if len(same) > 1:
            raise UserError(
                _("Not forgetting anyone: {n} people are called “{query}”. Merge them, or rename one, first.").format(
                    n=len(same), query=query
                )
                + "\n"
                + "\n".join("  " + candidate_line(store, p, ctx.clock.today()) for p in same)
            )
        if not same:
            match = match_name(store, query)
            suggestions = [match.person] if match.person is not None else list(match.candidates[:5])
            hint = (
                _("Did you mean: {names}? Give the exact name.").format(names=", ".join(p.name for p in suggestions))
                if suggestions
                else _("No one has that name.")
            )
            raise UserError(
                _("Not forgetting anyone: “{query}” is not an exact name or alias. {hint}").format(
                    query=query, hint=hint
                )
            )
        person = same[0]
        if not ctx.args.yes:
            question = describe_forget(store, person.id)
            if not _is_tty():
                raise UserError(
                    _("Not forgetting {name}: confirm with --yes (there is no terminal to ask on). {question}").format(
                        name=person.name, question=question
                    )
                )
            ctx.say(question)
            answer = input(safe_text(_("Type the name to confirm ({name}): ").format(name=person.name)))
            if answer.strip().casefold() != person.name.casefold():
                ctx.say(_("Nothing was changed."), err=True)
                return 1
        report = forget_person(store, person.id)
        ctx.say(report.summary())
    return 0


def _is_tty() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False
