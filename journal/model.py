"""The journal's records as plain dataclasses, with validation and (de)serialisation.

Records link to each other by their own ``id`` (a UUID4 string), never by TinyDB's doc_id.
Every record carries ``created``/``updated`` (UTC ISO 8601) and a ``deleted`` tombstone, so
that two copies of a journal can be merged record by record.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from typing import Any, ClassVar, TypeVar

from journal.i18n import N_, _

# The occasions of rule 2, plus online; the order is the order the UI offers them in.
OCCASIONS: tuple[str, ...] = (
    "work",
    "event",
    "travel",
    "friends",
    "hobby",
    "club",
    "neighbourhood",
    "everyday",
    "online",
)
OCCASION_LABELS: dict[str, str] = {
    "work": N_("work"),
    "event": N_("event"),
    "travel": N_("travel"),
    "friends": N_("friends"),
    "hobby": N_("hobby"),
    "club": N_("club"),
    "neighbourhood": N_("neighbourhood"),
    "everyday": N_("everyday"),
    "online": N_("online"),
}
CHANNELS: tuple[str, ...] = ("in_person", "call", "video", "message", "email", "platform")
CHANNEL_LABELS: dict[str, str] = {
    "in_person": N_("in person"),
    "call": N_("call"),
    "video": N_("video"),
    "message": N_("message"),
    "email": N_("e-mail"),
    "platform": N_("platform"),
}
# Who moved: we met, I reached out (awaits a reply), they reached out (a reply).
DIRECTIONS: tuple[str, ...] = ("met", "outreach", "inbound")
DIRECTION_LABELS: dict[str, str] = {
    "met": N_("met"),
    "outreach": N_("I reached out"),
    "inbound": N_("they reached out"),
}
LUCKY_OUTCOMES: tuple[str, ...] = ("shown", "reached_out", "not_now")

MAX_NAME = 200
MAX_SHORT = 500
MAX_TEXT = 20_000
MAX_ITEMS = 200
MAX_CADENCE = 3650

# C0 (but tab and newline), DEL, C1 (U+0080–U+009F, which terminals read as CSI/OSC), zero-width and
# direction marks.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


class ValidationError(ValueError):
    """A record cannot be saved as it is; ``message`` says what to change."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


def new_id() -> str:
    return str(uuid.uuid4())


def clean_text(text: Any, *, multiline: bool = True) -> str:
    """NFC-normalise and drop invisible control and direction characters.

    They cannot be seen, break the terminal, and make names that look equal differ.
    """
    if text is None:
        return ""
    value = unicodedata.normalize("NFC", str(text))
    value = _CONTROL.sub("", value)
    if not multiline:
        value = " ".join(value.split())
    return value.strip()


def clean_list(values: Any) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = values.split(",")
    out: list[str] = []
    for value in values:
        item = clean_text(value, multiline=False)
        if item and item not in out:
            out.append(item)
    return out


def clean_tags(values: Any) -> list[str]:
    """Tags are stored without their leading '#', once each."""
    return clean_list([item.lstrip("#") for item in clean_list(values)])


def parse_iso_date(value: Any, field_name: str = "date") -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(
            field_name, _("“{value}” is not a date; use YYYY-MM-DD, e.g. 2026-11-29.").format(value=value)
        ) from None


def _check_length(field_name: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise ValidationError(
            field_name,
            _("{field} is too long ({length} characters; at most {limit}).").format(
                field=field_name.replace("_", " "), length=len(value), limit=limit
            ),
        )


def _check_items(field_name: str, values: list[str]) -> None:
    if len(values) > MAX_ITEMS:
        raise ValidationError(
            field_name, _("Too many entries in {field} (at most {limit}).").format(field=field_name, limit=MAX_ITEMS)
        )
    for value in values:
        _check_length(field_name, value, MAX_SHORT)


R = TypeVar("R", bound="Record")
_LOADERS: dict[type, Callable[[dict[str, Any]], Any]] = {}


def _to_date(raw: Any, field_name: str) -> date | None:
    if raw is None or isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(raw)
    except (TypeError, ValueError):
        return parse_iso_date(raw, field_name)


def _make_loader(cls: type) -> Callable[[dict[str, Any]], Any]:
    """Generate ``lambda d: cls(d.get("id", …), …)`` for one record type.

    Opening a journal builds tens of thousands of records; a positional call made from the
    field list is about three times faster than filtering the dict and calling ``cls(**d)``.
    """
    env: dict[str, Any] = {"cls": cls, "_to_date": _to_date}
    args = []
    for f in fields(cls):
        if f.default is not MISSING:
            env[f"default_{f.name}"] = f.default
            value = f"d.get({f.name!r}, default_{f.name})"
        else:
            env[f"factory_{f.name}"] = f.default_factory
            value = f"(d[{f.name!r}] if {f.name!r} in d else factory_{f.name}())"
        if f.name in cls._DATE_FIELDS:  # type: ignore[attr-defined]
            value = f"_to_date({value}, {f.name!r})"
        args.append(value)
    source = "def load(d):\n    return cls(" + ", ".join(args) + ")\n"
    exec(source, env)
    return env["load"]  # type: ignore[no-any-return]


@dataclass(slots=True)
class Record:
    """Fields every record shares; subclasses add their own."""

    TABLE: ClassVar[str] = ""
    _DATE_FIELDS: ClassVar[tuple[str, ...]] = ()

    id: str = field(default_factory=new_id)
    created: str = ""
    updated: str = ""
    deleted: str | None = None

    @property
    def is_deleted(self) -> bool:
        return self.deleted is not None

    def to_dict(self) -> dict[str, Any]:
        # Shallow copies of lists/dicts suffice: their items are immutable strings.
        data = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, (list, dict)):
                value = value.copy()
            data[f.name] = value
        for name in self._DATE_FIELDS:
            value = data.get(name)
            if isinstance(value, date):
                data[name] = value.isoformat()
        return data

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        """Build from stored JSON; unknown keys are ignored, missing ones take defaults."""
        loader = _LOADERS.get(cls)
        if loader is None:
            loader = _LOADERS[cls] = _make_loader(cls)
        return loader(data)  # type: ignore[no-any-return]

    def validate(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValidationError("id", _("A record needs an id."))


@dataclass(slots=True)
class Person(Record):
    TABLE: ClassVar[str] = "people"
    _DATE_FIELDS: ClassVar[tuple[str, ...]] = ("snoozed_until",)

    name: str = ""
    aliases: list[str] = field(default_factory=list)
    company: str = ""
    role: str = ""
    tags: list[str] = field(default_factory=list)
    platforms: dict[str, str] = field(default_factory=dict)
    common_ground: str = ""
    offers: str = ""
    needs: str = ""
    how_we_met: str = ""
    cadence_days: int | None = None
    archived: bool = False
    snoozed_until: date | None = None
    notes: str = ""

    def normalise(self) -> None:
        self.name = clean_text(self.name, multiline=False)
        self.aliases = clean_list(self.aliases)
        self.company = clean_text(self.company, multiline=False)
        self.role = clean_text(self.role, multiline=False)
        self.tags = clean_tags(self.tags)
        self.platforms = {
            clean_text(k, multiline=False): clean_text(v, multiline=False)
            for k, v in (self.platforms or {}).items()
            if clean_text(k, multiline=False) and clean_text(v, multiline=False)
        }
        for name in ("common_ground", "offers", "needs", "how_we_met", "notes"):
            setattr(self, name, clean_text(getattr(self, name)))

    def validate(self) -> None:
        Record.validate(self)
        if self.deleted is not None:
            return  # a tombstone needs only its id (a forgotten person's holds nothing else)
        if not self.name.strip():
            raise ValidationError("name", _("A person needs a name."))
        _check_length("name", self.name, MAX_NAME)
        _check_items("aliases", self.aliases)
        _check_items("tags", self.tags)
        _check_length("company", self.company, MAX_SHORT)
        _check_length("role", self.role, MAX_SHORT)
        if len(self.platforms) > MAX_ITEMS:
            raise ValidationError("platforms", _("Too many platforms."))
        for key, handle in self.platforms.items():
            _check_length("platforms", key, MAX_SHORT)
            _check_length("platforms", handle, MAX_SHORT)
        for name in ("common_ground", "offers", "needs", "how_we_met", "notes"):
            _check_length(name, getattr(self, name), MAX_TEXT)
        if self.cadence_days is not None:
            if isinstance(self.cadence_days, bool) or not isinstance(self.cadence_days, int):
                raise ValidationError("cadence_days", _("The check-in interval is a whole number of days."))
            if not 1 <= self.cadence_days <= MAX_CADENCE:
                raise ValidationError(
                    "cadence_days",
                    _("The check-in interval must be between 1 and {limit} days.").format(limit=MAX_CADENCE),
                )

    @property
    def display_name(self) -> str:
        return self.name


@dataclass(slots=True)
class Encounter(Record):
    TABLE: ClassVar[str] = "encounters"
    _DATE_FIELDS: ClassVar[tuple[str, ...]] = ("date", "follow_up")

    date: date = field(default_factory=lambda: date(1970, 1, 1))
    time: str | None = None
    person_ids: list[str] = field(default_factory=list)
    occasion: str | None = None
    place: str = ""
    channel: str = "in_person"
    direction: str = "met"
    summary: str = ""
    common_ground: str = ""
    experience: str = ""
    gave: str = ""
    received: str = ""
    by_chance: bool = False
    follow_up: date | None = None
    tags: list[str] = field(default_factory=list)
    # Logged from a lucky-encounter pick (rule 7's chance log).
    lucky: bool = False

    def normalise(self) -> None:
        self.place = clean_text(self.place, multiline=False)
        self.tags = clean_tags(self.tags)
        self.time = clean_text(self.time, multiline=False) or None
        for name in ("summary", "common_ground", "experience", "gave", "received"):
            setattr(self, name, clean_text(getattr(self, name)))
        if self.occasion == "":
            self.occasion = None

    def validate(self) -> None:
        Record.validate(self)
        if self.deleted is not None:
            return  # a tombstone needs only its id
        if not isinstance(self.date, date):
            raise ValidationError("date", _("An encounter needs a date."))
        if self.follow_up is not None and not isinstance(self.follow_up, date):
            raise ValidationError("follow_up", _("The follow-up must be a date."))
        if self.time is not None and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", self.time):
            raise ValidationError("time", _("“{value}” is not a time; use HH:MM, e.g. 14:30.").format(value=self.time))
        if not self.person_ids:
            raise ValidationError("person_ids", _("An encounter needs at least one person."))
        if self.occasion is not None and self.occasion not in OCCASIONS:
            raise ValidationError(
                "occasion",
                _("Unknown occasion “{value}”; choose one of: {choices}.").format(
                    value=self.occasion, choices=", ".join(_(OCCASION_LABELS[o]) for o in OCCASIONS)
                ),
            )
        if self.channel not in CHANNELS:
            raise ValidationError(
                "channel",
                _("Unknown channel “{value}”; choose one of: {choices}.").format(
                    value=self.channel, choices=", ".join(_(CHANNEL_LABELS[c]) for c in CHANNELS)
                ),
            )
        if self.direction not in DIRECTIONS:
            raise ValidationError(
                "direction",
                _("Unknown direction “{value}”; choose one of: {choices}.").format(
                    value=self.direction, choices=", ".join(_(DIRECTION_LABELS[d]) for d in DIRECTIONS)
                ),
            )
        _check_length("place", self.place, MAX_SHORT)
        _check_items("tags", self.tags)
        for name in ("summary", "common_ground", "experience", "gave", "received"):
            _check_length(name, getattr(self, name), MAX_TEXT)


def day_note_id(day: date) -> str:
    """One note a day: its id is derived from the date so two devices' notes merge."""
    return f"day-{day.isoformat()}"


@dataclass(slots=True)
class DayNote(Record):
    TABLE: ClassVar[str] = "days"
    _DATE_FIELDS: ClassVar[tuple[str, ...]] = ("date",)

    date: date = field(default_factory=lambda: date(1970, 1, 1))
    text: str = ""

    def normalise(self) -> None:
        self.text = clean_text(self.text)
        self.id = day_note_id(self.date)

    def validate(self) -> None:
        Record.validate(self)
        if not isinstance(self.date, date):
            raise ValidationError("date", _("A day note needs a date."))
        _check_length("text", self.text, MAX_TEXT)


SETTINGS_ID = "settings"


@dataclass(slots=True)
class Settings(Record):
    TABLE: ClassVar[str] = "settings"

    id: str = SETTINGS_ID
    # Rule 5: the few platforms the user is really active on, shown first everywhere.
    active_platforms: list[str] = field(default_factory=lambda: ["LinkedIn", "e-mail"])
    default_cadence_days: int = 42
    # What the user knows and can share (rule 3's "who could I help?").
    skills: list[str] = field(default_factory=list)
    language: str | None = None
    theme: str | None = None

    def normalise(self) -> None:
        self.active_platforms = clean_list(self.active_platforms)
        self.skills = clean_list(self.skills)

    def validate(self) -> None:
        Record.validate(self)
        if isinstance(self.default_cadence_days, bool) or not isinstance(self.default_cadence_days, int):
            raise ValidationError("default_cadence_days", _("The check-in interval is a whole number of days."))
        if not 1 <= self.default_cadence_days <= MAX_CADENCE:
            raise ValidationError(
                "default_cadence_days",
                _("The check-in interval must be between 1 and {limit} days.").format(limit=MAX_CADENCE),
            )
        _check_items("active_platforms", self.active_platforms)
        _check_items("skills", self.skills)


@dataclass(slots=True)
class LuckyPick(Record):
    """One lucky-encounter suggestion and what came of it (rule 7's chance log)."""

    TABLE: ClassVar[str] = "lucky"
    _DATE_FIELDS: ClassVar[tuple[str, ...]] = ("date",)

    date: date = field(default_factory=lambda: date(1970, 1, 1))
    person_id: str = ""
    outcome: str = "shown"
    # Which pick of the day this was (0 = the day's first, n = after n rerolls), so that the
    # app shows the same pick after a restart. Older journals lack it: 0.
    reroll: int = 0

    def normalise(self) -> None:
        pass

    def validate(self) -> None:
        Record.validate(self)
        if self.deleted is not None:
            return  # a tombstone needs only its id
        if self.outcome not in LUCKY_OUTCOMES:
            raise ValidationError("outcome", _("Unknown outcome “{value}”.").format(value=self.outcome))
        if not self.person_id:
            raise ValidationError("person_id", _("A lucky pick names a person."))
        if isinstance(self.reroll, bool) or not isinstance(self.reroll, int) or self.reroll < 0:
            raise ValidationError("reroll", _("A reroll count is a whole number, 0 or more."))


RECORD_TYPES: tuple[type[Record], ...] = (Person, Encounter, DayNote, Settings, LuckyPick)
TABLES: dict[str, type[Record]] = {cls.TABLE: cls for cls in RECORD_TYPES}
