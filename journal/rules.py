"""The seven rules of good networking the app is built on, in the app's own words.

A rule of the day greets the user: Monday shows rule 1, Sunday rule 7.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from journal.i18n import N_


@dataclass(frozen=True, slots=True)
class Rule:
    number: int
    title: str
    advice: str


RULES: tuple[Rule, ...] = (
    Rule(
        1,
        N_("Be the first to say hello"),
        N_(
            "Start the conversation yourself, listen with real interest, and look for what you have in "
            "common. Swap what you have learned at work."
        ),
    ),
    Rule(
        2,
        N_("Every place is a meeting place"),
        N_(
            "Work, conferences, trips, friends, your hobby, your club, the street you live on, even the "
            "people who fix your teeth or your taxes: any of them can be where a good contact begins."
        ),
    ),
    Rule(
        3,
        N_("Share what you know"),
        N_(
            "Knowledge grows when you give it away. Offer tips and help generously, and use what you know "
            "to solve someone's problem rather than to impress."
        ),
    ),
    Rule(
        4,
        N_("Give without keeping score"),
        N_(
            "Don't expect the favour back one for one. What returns often comes from somewhere else, "
            "in a form you never thought of, and that is part of the joy."
        ),
    ),
    Rule(
        5,
        N_("Platforms mirror your network"),
        N_(
            "Online networks reflect the relationships you built in person and keep rare contacts in "
            "view. Pick the few where you are really active; nobody can tend them all."
        ),
    ),
    Rule(
        6,
        N_("Give people time"),
        N_(
            "Time is precious. Don't crowd anyone with messages or calls; let them answer at their pace "
            "and get in touch again at sensible intervals."
        ),
    ),
    Rule(
        7,
        N_("Leave room for luck"),
        N_(
            "A chance meeting, a tip at the right moment: much is out of your hands, and there is some "
            "comfort in that. Say yes when chance knocks."
        ),
    ),
)


def rule_of_the_day(day: date) -> Rule:
    return RULES[day.weekday()]
