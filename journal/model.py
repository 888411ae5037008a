"""The journal's records as plain dataclasses, with validation and (de)serialisation.

Records link to each other by their own ``id`` (a UUID4 string), never by TinyDB's doc_id.
Every record carries ``created``/``updated`` (UTC ISO 8601) and a ``deleted`` tombstone, so
that two copies of a journal can be merged record by record.
"""

from __future__ import annotations

import contextlib
import re
import threading
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from typing import Any, ClassVar, TypeVar

import msgspec

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


class _Loading(threading.local):
    active = False


_LOADING = _Loading()


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """While stored records are decoded (journal.codec), on this thread only: a missing id or date
    is an error rather than a fresh default, and length limits are not applied (they guard what is
    typed; a long note stored earlier must still open)."""
    previous = _LOADING.active
    _LOADING.active = True
    try:
        yield
    finally:
        _LOADING.active = previous


T = TypeVar("T")


def _required_on_load(name: str, factory: Callable[[], T]) -> Callable[[], T]:
    """A default for records built in code; a stored record without the field is refused instead
    (a person without an id would get a new one on every open, and links to them would break)."""

    def default() -> T:
        if _LOADING.active:
            raise msgspec.ValidationError(f"Object missing required field `{name}`")
        return factory()

    return default


# The type, for annotations in a class after its field named "date" (which shadows it there).
Day = date


def _epoch() -> date:
    return date(1970, 1, 1)


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


def drop_controls(record: Any) -> bool:
    """Take the characters :func:`clean_text` drops out of every text in ``record`` (nested
    contacts, lists and mappings included), changing nothing else; True if any were there.

    For records read from a file written outside netjournal (``--db`` on a foreign or crafted
    journal): what the screens and commands show must never carry a control sequence.
    """
    changed = False

    def clean(value: Any) -> Any:
        nonlocal changed
        if isinstance(value, str):
            cleaned = _CONTROL.sub("", value)
            changed = changed or cleaned != value
            return cleaned
        if isinstance(value, list):
            return [clean(item) for item in value]
        if isinstance(value, dict):
            return {clean(key): clean(item) for key, item in value.items()}
        if hasattr(value, "__dataclass_fields__"):
            for spec in fields(value):
                setattr(value, spec.name, clean(getattr(value, spec.name)))
        return value

    clean(record)
    return changed


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
    if len(value) > limit and not _LOADING.active:
        raise ValidationError(
            field_name,
            _("{field} is too long ({length} characters; at most {limit}).").format(
                field=field_name.replace("_", " "), length=len(value), limit=limit
            ),
        )


def _check_items(field_name: str, values: list[str]) -> None:
    if _LOADING.active:
        return
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


def _make_loader(cls: type[Record]) -> Callable[[dict[str, Any]], Any]:
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
        if f.name in cls._DATE_FIELDS:
            value = f"_to_date({value}, {f.name!r})"
        args.append(value)
    source = "def load(d):\n    return cls(" + ", ".join(args) + ")\n"
    exec(source, env)
    return env["load"]


@dataclass(slots=True)
class Record:
    """Fields every record shares; subclasses add their own."""

    TABLE: ClassVar[str] = ""
    _DATE_FIELDS: ClassVar[tuple[str, ...]] = ()

    id: str = field(default_factory=_required_on_load("id", new_id))
    created: str = ""
    updated: str = ""
    deleted: str | None = None

    def to_dict(self) -> dict[str, Any]:
        # Shallow copies of lists/dicts suffice: their items are immutable strings, or
        # sub-records (a person's e-mails, …), which become dicts of their own.
        data = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, list):
                value = (
                    [_plain(v) for v in value] if value and hasattr(value[0], "__dataclass_fields__") else value.copy()
                )
            elif isinstance(value, dict):
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
        return loader(data)

    def validate(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValidationError("id", _("A record needs an id."))


S = TypeVar("S")


def is_sub_record(item: Any) -> bool:
    """One of a person's e-mails, phones, addresses, dates, websites or relationships."""
    return type(item) in (Email, Phone, Address, DateEntry, Website, Relationship)


def _plain(item: Any) -> dict[str, Any]:
    """A sub-record as a JSON-ready dict (its lists copied)."""
    return {f.name: (v.copy() if isinstance(v := getattr(item, f.name), list) else v) for f in fields(item)}


def _records(values: Any, cls: type[S]) -> list[S]:
    """Sub-records from stored JSON (dicts) or as given; a wrong shape raises TypeError."""
    if not values:
        return []
    if not isinstance(values, list):
        raise TypeError(f"{cls.__name__.lower()}s must be a list")
    out = []
    for value in values:
        if isinstance(value, cls):
            out.append(value)
        elif isinstance(value, dict):
            out.append(cls(**_typed_fields(cls, value)))
        else:
            raise TypeError(f"{cls.__name__.lower()} must be an object, not {type(value).__name__}")
    return out


_SUB_FIELDS: dict[type, dict[str, type]] = {}


def _typed_fields(cls: type, value: dict[str, Any]) -> dict[str, Any]:
    """The known keys of a stored sub-record, each checked against its field's type."""
    types = _SUB_FIELDS.get(cls)
    if types is None:
        types = _SUB_FIELDS[cls] = {
            f.name: type(f.default_factory() if callable(f.default_factory) else f.default) for f in fields(cls)
        }
    out = {}
    for key, item in value.items():
        expected = types.get(key)
        if expected is None:
            continue  # a later version's field: ignored, as for records
        if type(item) is not expected or (isinstance(item, list) and not all(isinstance(x, str) for x in item)):
            raise TypeError(f"{cls.__name__.lower()} field {key} has the wrong type")
        out[key] = item
    return out


def _clean_kinds(kinds: Any) -> list[str]:
    from journal.contacts import NOISE_KINDS, kind_of

    out: list[str] = []
    for kind in clean_list(kinds):
        kind = kind_of(kind.replace('"', ""))
        if kind and kind not in NOISE_KINDS and kind not in out:
            out.append(kind)
    return out


def _one_preferred(items: list[Any]) -> None:
    """At most one preferred entry: the first one marked so."""
    seen = False
    for item in items:
        if item.preferred and not seen:
            seen = True
        else:
            item.preferred = False


@dataclass(slots=True)
class Email:
    address: str = ""
    kinds: list[str] = field(default_factory=list)  # "work", "home", …
    preferred: bool = False


@dataclass(slots=True)
class Phone:
    number: str = ""  # as written; compared by journal.contacts.phone_key
    kinds: list[str] = field(default_factory=list)  # "cell", "work", "fax", …
    preferred: bool = False


@dataclass(slots=True)
class Address:
    """A postal address in vCard's parts (ADR: post office box; extended; street; locality;
    region; postal code; country)."""

    street: str = ""
    locality: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    po_box: str = ""
    extended: str = ""
    kinds: list[str] = field(default_factory=list)
    preferred: bool = False

    def parts(self) -> tuple[str, ...]:
        return (self.po_box, self.extended, self.street, self.locality, self.region, self.postal_code, self.country)

    def lines(self) -> list[str]:
        """The address as it is written on an envelope (street, then postcode and place)."""
        place = " ".join(x for x in (self.postal_code, self.locality) if x)
        out = [self.po_box, *self.extended.splitlines(), *self.street.splitlines(), place, self.region, self.country]
        return [line.strip() for line in out if line and line.strip()]


@dataclass(slots=True)
class DateEntry:
    """A date worth remembering besides the birthday: "anniversary", or any label."""

    label: str = ""
    date: str = ""  # "YYYY-MM-DD", or "--MM-DD" without a year


@dataclass(slots=True)
class Website:
    url: str = ""
    kinds: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Relationship:
    """How this person relates to another: "introduced by", "works with", "partner of", …

    ``person_id`` links someone in the journal; ``name`` names someone who is not (an
    address book's "spouse: Maria").
    """

    label: str = ""
    person_id: str = ""
    name: str = ""


# Platform names that are really e-mail addresses, phone numbers or websites (journals of
# schema 2 kept them as platforms; typing "e-mail: …" into the platforms still works).
_EMAIL_PLATFORM = re.compile(r"^e-?mail\b|^mail\b", re.IGNORECASE)
_PHONE_PLATFORM = re.compile(r"^(phone|tel|telephone|telefon|mobile|mobil|cell|handy|fax)\b", re.IGNORECASE)
_WEB_PLATFORM = re.compile(r"^(web|website|homepage|url|blog)\b", re.IGNORECASE)


def contacts_from_platforms(
    platforms: dict[str, str],
) -> tuple[dict[str, str], list[Email], list[Phone], list[Website]]:
    """Split e-mail, phone and web entries out of a platforms dict: (rest, e-mails, phones, websites).

    The words after the platform's name become kinds: "phone (work)", "Mobile", "e-mail 2 home".
    """
    rest: dict[str, str] = {}
    emails: list[Email] = []
    phones: list[Phone] = []
    websites: list[Website] = []
    for key, handle in platforms.items():
        match = _EMAIL_PLATFORM.match(key) or _PHONE_PLATFORM.match(key) or _WEB_PLATFORM.match(key)
        if match is None or (match.re is _EMAIL_PLATFORM and "@" not in handle):
            rest[key] = handle
            continue
        words = [w for w in re.split(r"[^\w]+", key[match.end() :].lower()) if w and not w.isdigit()]
        if match.re is _EMAIL_PLATFORM:
            emails.append(Email(re.sub(r"^mailto:", "", handle, flags=re.I), _clean_kinds(words)))
        elif match.re is _PHONE_PLATFORM:
            first = match.group(1).lower()
            kinds = [first, *words] if first in ("mobile", "mobil", "cell", "handy", "fax") else words
            phones.append(Phone(re.sub(r"^tel:", "", handle, flags=re.I), _clean_kinds(kinds)))
        else:
            websites.append(Website(handle, _clean_kinds(words)))
    return rest, emails, phones, websites


def compose_name(prefix: str, given: str, additional: str, family: str, suffix: str) -> str:
    """A display name from its parts, in the usual order."""
    return " ".join(" ".join([prefix, given, additional, family, suffix]).split())


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
    # What an address book holds (schema 3). The structured name is kept as the card had it.
    given_name: str = ""
    additional_names: str = ""
    family_name: str = ""
    name_prefix: str = ""
    name_suffix: str = ""
    emails: list[Email] = field(default_factory=list)
    phones: list[Phone] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    birthday: str = ""  # "YYYY-MM-DD", or "--MM-DD" when the year is not known
    dates: list[DateEntry] = field(default_factory=list)
    websites: list[Website] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    # The UID of the address-book card this person came from, when it is not their id
    # (an id must be a UUID; a card's UID may be anything): written back on export.
    uid: str = ""
    # Ids of people an import found sharing an e-mail or phone with this one: perhaps the
    # same person, perhaps a family address. Shown on both pages; merging settles it.
    maybe_same: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Stored JSON holds the sub-records as dicts; whatever built us, hold dataclasses.
        if self.emails and type(self.emails[0]) is not Email:
            self.emails = _records(self.emails, Email)
        if self.phones and type(self.phones[0]) is not Phone:
            self.phones = _records(self.phones, Phone)
        if self.addresses and type(self.addresses[0]) is not Address:
            self.addresses = _records(self.addresses, Address)
        if self.dates and type(self.dates[0]) is not DateEntry:
            self.dates = _records(self.dates, DateEntry)
        if self.websites and type(self.websites[0]) is not Website:
            self.websites = _records(self.websites, Website)
        if self.relationships and type(self.relationships[0]) is not Relationship:
            self.relationships = _records(self.relationships, Relationship)

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
        self._normalise_contacts()

    def _normalise_contacts(self) -> None:
        from journal.contacts import parse_partial_date, phone_key

        self.__post_init__()
        for name in ("given_name", "additional_names", "family_name", "name_prefix", "name_suffix", "uid"):
            setattr(self, name, clean_text(getattr(self, name), multiline=False))
        rest, emails, phones, websites = contacts_from_platforms(self.platforms)
        self.platforms = rest
        seen: set[str] = set()
        kept_emails = []
        for email in [*self.emails, *emails]:
            email.address = clean_text(email.address, multiline=False)
            email.kinds = _clean_kinds(email.kinds)
            email.preferred = bool(email.preferred)
            if email.address and email.address.casefold() not in seen:
                seen.add(email.address.casefold())
                kept_emails.append(email)
        self.emails = kept_emails
        seen = set()
        kept_phones = []
        for phone in [*self.phones, *phones]:
            phone.number = clean_text(phone.number, multiline=False)
            phone.kinds = _clean_kinds(phone.kinds)
            phone.preferred = bool(phone.preferred)
            if phone.number and phone_key(phone.number) not in seen:
                seen.add(phone_key(phone.number))
                kept_phones.append(phone)
        self.phones = kept_phones
        kept_addresses: list[Address] = []
        for address in self.addresses:
            for part in ("street", "extended"):
                setattr(address, part, clean_text(getattr(address, part)))
            for part in ("locality", "region", "postal_code", "country", "po_box"):
                setattr(address, part, clean_text(getattr(address, part), multiline=False))
            address.kinds = _clean_kinds(address.kinds)
            address.preferred = bool(address.preferred)
            if any(address.parts()) and address.parts() not in [a.parts() for a in kept_addresses]:
                kept_addresses.append(address)
        self.addresses = kept_addresses
        for items in (self.emails, self.phones, self.addresses):
            _one_preferred(items)
        birthday = clean_text(self.birthday, multiline=False)
        parsed = parse_partial_date(birthday) if birthday else None
        self.birthday = parsed.iso() if parsed else birthday
        kept_dates = []
        for entry in self.dates:
            entry.label = clean_text(entry.label, multiline=False)
            entry.date = clean_text(entry.date, multiline=False)
            parsed = parse_partial_date(entry.date) if entry.date else None
            entry.date = parsed.iso() if parsed else entry.date
            if entry.date and entry not in kept_dates:
                kept_dates.append(entry)
        self.dates = kept_dates
        kept_sites: list[Website] = []
        for site in [*self.websites, *websites]:
            site.url = clean_text(site.url, multiline=False)
            site.kinds = _clean_kinds(site.kinds)
            if site.url and site.url not in [w.url for w in kept_sites]:
                kept_sites.append(site)
        self.websites = kept_sites
        kept_links = []
        for link in self.relationships:
            link.label = clean_text(link.label, multiline=False)
            link.person_id = clean_text(link.person_id, multiline=False)
            link.name = "" if link.person_id else clean_text(link.name, multiline=False)
            if (link.person_id or link.name) and link.person_id != self.id and link not in kept_links:
                kept_links.append(link)
        self.relationships = kept_links
        self.maybe_same = [pid for pid in clean_list(self.maybe_same) if pid != self.id]

    def validate(self) -> None:
        Record.validate(self)
        if self.deleted is not None:
            return  # a tombstone needs only its id (a forgotten person's holds nothing else)
        if not self.name.strip():
            raise ValidationError("name", _("A person needs a name."))
        if len(self.platforms) > MAX_ITEMS:
            raise ValidationError("platforms", _("Too many platforms."))
        # Lengths are checked on what is typed, not on what is read back (see loading): reading a
        # journal skips them rather than make a few dozen calls per person that cannot fail.
        if not _LOADING.active:
            self._check_lengths()
        if self.cadence_days is not None:
            if isinstance(self.cadence_days, bool) or not isinstance(self.cadence_days, int):
                raise ValidationError("cadence_days", _("The check-in interval is a whole number of days."))
            if not 1 <= self.cadence_days <= MAX_CADENCE:
                raise ValidationError(
                    "cadence_days",
                    _("The check-in interval must be between 1 and {limit} days.").format(limit=MAX_CADENCE),
                )
        self._validate_contacts()

    def _check_lengths(self) -> None:
        _check_length("name", self.name, MAX_NAME)
        _check_items("aliases", self.aliases)
        _check_items("tags", self.tags)
        _check_length("company", self.company, MAX_SHORT)
        _check_length("role", self.role, MAX_SHORT)
        for key, handle in self.platforms.items():
            _check_length("platforms", key, MAX_SHORT)
            _check_length("platforms", handle, MAX_SHORT)
        for name in ("common_ground", "offers", "needs", "how_we_met", "notes"):
            _check_length(name, getattr(self, name), MAX_TEXT)
        for name in ("given_name", "additional_names", "family_name", "name_prefix", "name_suffix"):
            _check_length(name, getattr(self, name), MAX_NAME)
        _check_length("uid", self.uid, MAX_SHORT)
        for email in self.emails:
            # (An address book's odd value is kept as it came; the form asks for an @.)
            _check_length("emails", email.address, MAX_SHORT)
        for phone in self.phones:
            _check_length("phones", phone.number, MAX_SHORT)
        for address in self.addresses:
            for part in address.parts():
                _check_length("addresses", part, MAX_SHORT)
        for site in self.websites:
            _check_length("websites", site.url, MAX_SHORT)
        for entry in self.dates:
            _check_length("dates", entry.label, MAX_SHORT)
        for link in self.relationships:
            _check_length("relationships", link.label, MAX_SHORT)
            _check_length("relationships", link.name, MAX_NAME)

    def _validate_contacts(self) -> None:
        from journal.contacts import parse_partial_date

        for name in ("emails", "phones", "addresses", "dates", "websites", "relationships", "maybe_same"):
            if len(getattr(self, name)) > MAX_ITEMS:
                raise ValidationError(
                    name, _("Too many entries in {field} (at most {limit}).").format(field=name, limit=MAX_ITEMS)
                )
        if self.birthday and parse_partial_date(self.birthday) is None:
            raise ValidationError(
                "birthday",
                _("“{value}” is not a date; write e.g. 1980-03-22, or 03-22 without the year.").format(
                    value=self.birthday
                ),
            )
        for entry in self.dates:
            if parse_partial_date(entry.date) is None:
                raise ValidationError(
                    "dates",
                    _("“{value}” is not a date; write e.g. 1980-03-22, or 03-22 without the year.").format(
                        value=entry.date
                    ),
                )
        for link in self.relationships:
            if not link.label:
                raise ValidationError(
                    "relationships",
                    _("Say how they are related, e.g. “introduced by: {name}”.").format(
                        name=link.name or _("their name")
                    ),
                )

    @property
    def structured_name(self) -> tuple[str, str, str, str, str]:
        """(family, given, additional, prefix, suffix): vCard N's order."""
        return (self.family_name, self.given_name, self.additional_names, self.name_prefix, self.name_suffix)

    @property
    def has_structured_name(self) -> bool:
        return any(self.structured_name)

    @property
    def preferred_email(self) -> str:
        chosen = next((e for e in self.emails if e.preferred), self.emails[0] if self.emails else None)
        return chosen.address if chosen else ""

    @property
    def preferred_phone(self) -> str:
        chosen = next((p for p in self.phones if p.preferred), self.phones[0] if self.phones else None)
        return chosen.number if chosen else ""


@dataclass(slots=True)
class Encounter(Record):
    TABLE: ClassVar[str] = "encounters"
    _DATE_FIELDS: ClassVar[tuple[str, ...]] = ("date", "follow_up")

    date: date = field(default_factory=_required_on_load("date", _epoch))
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
    follow_up: Day | None = None
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
        if self.time is not None and not _TIME.fullmatch(self.time):
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
        if not _LOADING.active:  # (as for a person: lengths are checked on what is typed)
            _check_length("place", self.place, MAX_SHORT)
            _check_items("tags", self.tags)
            for name in ("summary", "common_ground", "experience", "gave", "received"):
                _check_length(name, getattr(self, name), MAX_TEXT)


_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


def day_note_id(day: date) -> str:
    """One note a day: its id is derived from the date so two devices' notes merge."""
    return f"day-{day.isoformat()}"


@dataclass(slots=True)
class DayNote(Record):
    TABLE: ClassVar[str] = "days"
    _DATE_FIELDS: ClassVar[tuple[str, ...]] = ("date",)

    date: date = field(default_factory=_required_on_load("date", _epoch))
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

    date: date = field(default_factory=_required_on_load("date", _epoch))
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
