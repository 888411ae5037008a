"""Address books as CSV: LinkedIn connections, Google Contacts (the older and the current
layout), Outlook (English and German column names) and Thunderbird, each row read as a person.

Every layout is told by its header (:func:`detect_layout`). What a column means is fixed per
layout; a column the layout does not map, but that holds a value, goes into the person's notes
as "Column: value" (Outlook's "Normal", "False" and "0/0/00" mean no value and are left out), so
nothing a person wrote is lost. Photos are not kept, and the summary says so.

Rows have no UID. A LinkedIn profile is one person, though: two rows (or a row and someone in
the journal) with the same name but different LinkedIn profiles are two people, and a row whose
profile someone in the journal already has is that person (see ``CardPerson.keys``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from journal.contacts import PartialDate, kind_of, parse_partial_date
from journal.i18n import N_, _
from journal.interop.cards import IGNORED_CATEGORIES, CardPerson, _add_platform, _host_platform, linkedin_handle
from journal.interop.csv_read import Row
from journal.model import Address, DateEntry, Email, Person, Phone, Relationship, Website, compose_name

LAYOUTS = ("linkedin", "google", "outlook", "thunderbird")
LAYOUT_NAMES = {
    "linkedin": "LinkedIn",
    "google": "Google Contacts",
    "outlook": "Outlook",
    "thunderbird": "Thunderbird",
}

# Cells that say "nothing here" (Outlook's defaults, in English and German).
NO_VALUE = frozenset(
    {
        "normal",
        "false",
        "unspecified",
        "0/0/00",
        "0.0.00",
        "00.00.00",
        "00.00.0000",
        "keine angabe",
        "aus",
        "niedrig",
        "smtp",
    }
)
MONTHS = {
    name: n
    for n, names in enumerate(
        (
            ("jan", "january", "januar", "jän", "jänner"),
            ("feb", "february", "februar"),
            ("mar", "march", "mär", "märz", "maerz"),
            ("apr", "april"),
            ("may", "mai"),
            ("jun", "june", "juni"),
            ("jul", "july", "juli"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october", "okt", "oktober"),
            ("nov", "november"),
            ("dec", "december", "dez", "dezember"),
        ),
        start=1,
    )
    for name in names
}


# ----------------------------------------------------------------------------- dates


def _year(text: str) -> int:
    year = int(text)
    if len(text) <= 2:
        year += 2000 if year <= 69 else 1900  # as strptime's %y
    return year


def _checked(year: int | None, month: int, day: int) -> PartialDate | None:
    if year is not None and (year < 1 or year >= 4500):  # Outlook writes 1/1/4501 for "none"
        return None
    if not 1 <= month <= 12:
        return None
    if not 1 <= day <= calendar.monthrange(year if year is not None else 2000, month)[1]:
        return None
    return PartialDate(month, day, year)


def parse_csv_date(text: str) -> PartialDate | None:
    """A date as address books write it in CSV: ISO, "--03-22", "22.3.1980", US "3/22/1980"
    (day first when the first number cannot be a month), "12 Mar 2024", "Mar 12, 2024",
    "7-Feb-22". None when it is empty, Outlook's "0/0/00", or not a date."""
    value = " ".join(text.split()).strip()
    if not value or value.casefold() in NO_VALUE:
        return None
    parsed = parse_partial_date(value)
    if parsed is not None:
        return parsed
    if match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", value):
        first, second, year = int(match.group(1)), int(match.group(2)), _year(match.group(3))
        month, day = (second, first) if first > 12 else (first, second)
        return _checked(year, month, day)
    if match := re.fullmatch(r"(\d{1,2})[ .-]+([A-Za-zäÄ]+)\.?[ ,-]+(\d{2}|\d{4})", value):
        named = MONTHS.get(match.group(2).casefold())
        return _checked(_year(match.group(3)), named, int(match.group(1))) if named else None
    if match := re.fullmatch(r"([A-Za-zäÄ]+)\.? (\d{1,2}),? (\d{4})", value):
        named = MONTHS.get(match.group(1).casefold())
        return _checked(int(match.group(3)), named, int(match.group(2))) if named else None
    return None


# ----------------------------------------------------------------------------- building a person


@dataclass
class Builder:
    """A person put together from one row's columns."""

    row: Row
    person: Person = field(default_factory=Person)
    notes: list[str] = field(default_factory=list)
    not_kept: set[str] = field(default_factory=set)
    keys: list[tuple[str, str]] = field(default_factory=list)
    used: set[str] = field(default_factory=set)  # columns read

    def cell(self, *names: str) -> str:
        """The first non-empty of these columns (all of them count as read)."""
        self.used.update(names)
        return self.row.get(*names)

    def name_parts(self, prefix: str, given: str, additional: str, family: str, suffix: str) -> None:
        person = self.person
        person.name_prefix, person.given_name, person.additional_names = prefix, given, additional
        person.family_name, person.name_suffix = family, suffix

    def email(self, value: str, kinds: Iterable[str] = (), preferred: bool = False) -> None:
        for address in _values(value):
            address = re.sub(r"^mailto:", "", address, flags=re.I)
            self.person.emails.append(Email(address, list(kinds), preferred))
            preferred = False

    def phone(self, value: str, kinds: Iterable[str] = (), preferred: bool = False) -> None:
        for number in _values(value):
            self.person.phones.append(Phone(number, list(kinds), preferred))
            preferred = False

    def website(self, value: str, kinds: Iterable[str] = ()) -> None:
        for url in _values(value):
            platform = _host_platform(url)
            if platform and platform not in self.person.platforms:
                self.person.platforms[platform] = url
            else:
                self.person.websites.append(Website(url, [k for k in kinds if k not in ("homepage", "profile")]))

    def platform(self, name: str, handle: str) -> None:
        for value in _values(handle):
            _add_platform(self.person.platforms, name or "IM", value)

    def address(self, parts: dict[str, str], kinds: Iterable[str] = (), preferred: bool = False) -> None:
        street = "\n".join(p for p in (parts.get("street", ""), parts.get("street2", "")) if p)
        address = Address(
            street=street,
            locality=parts.get("city", ""),
            region=parts.get("region", ""),
            postal_code=parts.get("code", ""),
            country=parts.get("country", ""),
            po_box=parts.get("po_box", ""),
            extended=parts.get("extended", ""),
            kinds=list(kinds),
            preferred=preferred,
        )
        if any(address.parts()):
            self.person.addresses.append(address)
        elif parts.get("formatted"):
            # Only the formatted address (as Google may export it): kept whole as the street.
            self.person.addresses.append(Address(street=parts["formatted"], kinds=list(kinds), preferred=preferred))

    def birthday(self, label: str, value: str) -> None:
        if not value.strip():
            return
        parsed = parse_csv_date(value)
        if parsed is not None:
            self.person.birthday = parsed.iso()
        elif value.strip().casefold() not in NO_VALUE:
            self.notes.append(f"{label}: {value.strip()}")

    def date(self, label: str, value: str) -> None:
        if not value.strip():
            return
        parsed = parse_csv_date(value)
        if parsed is not None:
            self.person.dates.append(DateEntry(label, parsed.iso()))
        elif value.strip().casefold() not in NO_VALUE:
            self.notes.append(f"{label}: {value.strip()}")

    def relation(self, label: str, value: str) -> None:
        for name in _values(value):
            self.person.relationships.append(Relationship(label or "related", name=name))

    def tags(self, values: Iterable[str]) -> None:
        for tag in values:
            tag = tag.strip().lstrip("*").strip()
            if tag and tag.casefold() not in IGNORED_CATEGORIES and tag.casefold() != "other contacts":
                self.person.tags.append(tag)

    def note(self, label: str, value: str) -> None:
        value = value.strip()
        if value and value.casefold() not in NO_VALUE:
            self.notes.append(f"{label}: {value}" if label else value)

    def finish(self, display_names: Iterable[str] = ()) -> CardPerson:
        """The card: named by its display name, else the name's parts, nickname, company or e-mail."""
        person = self.person
        for column, value in self.row.cells.items():
            if column not in self.used and value:
                self.note(column, value)  # a column this layout does not map: kept in the notes
        composed = compose_name(
            person.name_prefix, person.given_name, person.additional_names, person.family_name, person.name_suffix
        )
        # As a card's FN before its N: the name the address book shows, else the name's parts.
        name = ""
        for candidate in (*display_names, composed, *person.aliases, person.company, person.preferred_email):
            if name:
                break
            name = " ".join(candidate.split())
        line = self.row.line
        if not name:
            return CardPerson(None, None, line, _("the row at line {line}").format(line=line), self.not_kept)
        person.name = name
        person.notes = "\n".join(self.notes)
        person.aliases = [a for a in person.aliases if a != name]
        label = _("“{name}” (line {line})").format(name=name, line=line)
        return CardPerson(person, None, line, label, self.not_kept, keys=self.keys)


def _values(cell: str) -> list[str]:
    """Google's several values in one cell ("a@x ::: b@y"); one value otherwise."""
    return [v.strip() for v in cell.split(":::") if v.strip()]


# ----------------------------------------------------------------------------- LinkedIn


def linkedin_row(row: Row) -> CardPerson:
    """A row of LinkedIn's Connections.csv: the name, the profile as the LinkedIn handle, the
    position as role, and "Connected On" as how you met (with its date)."""
    built = Builder(row)
    given, family = built.cell("First Name"), built.cell("Last Name")
    built.name_parts("", given, "", family, "")
    if url := built.cell("URL", "Profile URL"):
        handle = linkedin_handle(url)
        built.person.platforms["LinkedIn"] = handle
        built.keys.append(("LinkedIn", handle))
    built.email(built.cell("Email Address", "E-mail Address"))
    built.person.company = built.cell("Company")
    built.person.role = built.cell("Position")
    connected = built.cell("Connected On")
    if connected:
        parsed = parse_csv_date(connected)
        when = parsed.iso() if parsed else connected
        # Translators: how you met someone, from LinkedIn's export; {date} is e.g. 2024-03-12.
        built.person.how_we_met = _("Connected on LinkedIn on {date}").format(date=when)
    return built.finish()


# ----------------------------------------------------------------------------- Google


# Google's labels ("* Home": the star marks the primary one) as kinds.
GOOGLE_KINDS = {
    "home": ["home"],
    "work": ["work"],
    "mobile": ["cell"],
    "home fax": ["home", "fax"],
    "work fax": ["work", "fax"],
    "other fax": ["other", "fax"],
    "pager": ["pager"],
    "main": ["main"],
    "other": ["other"],
    "google voice": ["voice"],
    "work mobile": ["work", "cell"],
    "work pager": ["work", "pager"],
    "home page": ["homepage"],
    "profile": ["profile"],
    "blog": ["blog"],
}
_GOOGLE_GROUP = re.compile(r"^(E-mail|Phone|Address|Organization|Relation|Website|Event|IM|Custom Field) (\d+) - (.+)$")
GOOGLE_PHONETIC = (
    "Yomi Name",
    "Given Name Yomi",
    "Additional Name Yomi",
    "Family Name Yomi",
    "Phonetic First Name",
    "Phonetic Middle Name",
    "Phonetic Last Name",
)


def _google_label(label: str) -> tuple[list[str], bool]:
    """ "* Home" → (["home"], True); a label of the user's own → ([label], False)."""
    text = label.strip()
    preferred = text.startswith("*")
    text = text.lstrip("*").strip()
    if not text:
        return [], preferred
    return list(GOOGLE_KINDS.get(text.casefold(), [kind_of(text)])), preferred


def google_row(row: Row) -> CardPerson:
    """A row of a Google Contacts export, in the older layout ("Given Name", "E-mail 1 - Type",
    "Group Membership") or the current one ("First Name", "E-mail 1 - Label", "Labels")."""
    built = Builder(row)
    built.name_parts(
        built.cell("Name Prefix"),
        built.cell("Given Name", "First Name"),
        built.cell("Additional Name", "Middle Name"),
        built.cell("Family Name", "Last Name"),
        built.cell("Name Suffix"),
    )
    display = built.cell("Name")
    built.cell("File As", "Initials")  # how Google sorts and abbreviates: nothing a person would miss
    for column in ("Nickname", "Short Name", "Maiden Name"):
        if value := built.cell(column):
            built.person.aliases += _values(value)
    if any(built.cell(column) for column in GOOGLE_PHONETIC) or built.cell("Organization 1 - Yomi Name"):
        built.not_kept.add(N_("phonetic names"))
    if built.cell("Photo"):
        built.not_kept.add(N_("photos"))
    built.birthday("Birthday", built.cell("Birthday"))
    built.tags(_values(built.cell("Group Membership", "Labels")))
    if notes := built.cell("Notes"):
        built.notes.append(notes)
    company = built.cell("Organization Name")
    department = built.cell("Organization Department")
    built.person.role = built.cell("Organization Title")
    groups: dict[tuple[str, int], dict[str, str]] = {}
    for column, value in row.cells.items():
        match = _GOOGLE_GROUP.match(column)
        if match:
            built.used.add(column)
            groups.setdefault((match.group(1), int(match.group(2))), {})[match.group(3)] = value
    organizations: list[str] = []
    for (kind, _n), parts in sorted(groups.items(), key=lambda item: item[0][1]):
        label = parts.get("Type", parts.get("Label", ""))
        kinds, preferred = _google_label(label)
        value = parts.get("Value", "")
        if kind == "E-mail":
            built.email(value, kinds, preferred)
        elif kind == "Phone":
            built.phone(value, kinds, preferred)
        elif kind == "Website":
            built.website(value, kinds)
        elif kind == "Address":
            built.address(
                {
                    "street": parts.get("Street", ""),
                    "city": parts.get("City", ""),
                    "po_box": parts.get("PO Box", ""),
                    "region": parts.get("Region", ""),
                    "code": parts.get("Postal Code", ""),
                    "country": parts.get("Country", ""),
                    "extended": parts.get("Extended Address", ""),
                    "formatted": parts.get("Formatted", ""),
                },
                kinds,
                preferred,
            )
        elif kind == "Relation":
            built.relation(label.lstrip("* ").strip().casefold() or "related", value)
        elif kind == "Event":
            name = label.lstrip("* ").strip()
            built.date("anniversary" if name.casefold() in ("anniversary", "") else name, value)
        elif kind == "IM":
            built.platform(parts.get("Service", "").lstrip("* ").strip() or label.lstrip("* ").strip(), value)
        elif kind == "Organization":
            name = ", ".join(x for x in (parts.get("Name", ""), parts.get("Department", "")) if x)
            if name:
                organizations.append(name)
            if parts.get("Title") and not built.person.role:
                built.person.role = parts["Title"]
            elif parts.get("Title"):
                built.notes.append(parts["Title"])
            if parts.get("Yomi Name"):
                built.not_kept.add(N_("phonetic names"))
            for extra in ("Symbol", "Location", "Job Description"):
                built.note(extra, parts.get(extra, ""))
        else:  # Custom Field
            built.note(label.lstrip("* ").strip(), value)
    if company or department:
        organizations.insert(0, ", ".join(x for x in (company, department) if x))
    if organizations:
        built.person.company = organizations[0]
        built.notes += organizations[1:]
    return built.finish([display])


# ----------------------------------------------------------------------------- Outlook


# Column names in English (Outlook for Windows, Outlook.com) and German.
_OUTLOOK_PHONES: dict[str, tuple[list[str], bool]] = {
    "Primary Phone": ([], True),
    "Haupttelefon": ([], True),
    "Mobile Phone": (["cell"], False),
    "Mobiltelefon": (["cell"], False),
    "Mobiltelefon 2": (["cell"], False),
    "Business Phone": (["work"], False),
    "Business Phone 2": (["work"], False),
    "Telefon geschäftlich": (["work"], False),
    "Telefon geschäftlich 2": (["work"], False),
    "Company Main Phone": (["work", "main"], False),
    "Telefon Firma": (["work", "main"], False),
    "Home Phone": (["home"], False),
    "Home Phone 2": (["home"], False),
    "Telefon privat": (["home"], False),
    "Telefon privat 2": (["home"], False),
    "Other Phone": (["other"], False),
    "Weiteres Telefon": (["other"], False),
    "Business Fax": (["work", "fax"], False),
    "Fax geschäftlich": (["work", "fax"], False),
    "Home Fax": (["home", "fax"], False),
    "Fax privat": (["home", "fax"], False),
    "Other Fax": (["other", "fax"], False),
    "Weiteres Fax": (["other", "fax"], False),
    "Pager": (["pager"], False),
    "Car Phone": (["car"], False),
    "Autotelefon": (["car"], False),
    "Assistant's Phone": (["assistant"], False),
    "Telefon Assistent": (["assistant"], False),
    "Callback": (["callback"], False),
    "Rückmeldung": (["callback"], False),
    "Radio Phone": (["radio"], False),
    "ISDN": (["isdn"], False),
    "TTY/TDD Phone": (["textphone"], False),
    "Telefon für Hörbehinderte": (["textphone"], False),
    "Telex": (["telex"], False),
}
_OUTLOOK_EMAILS = (
    "E-mail Address",
    "E-mail 2 Address",
    "E-mail 3 Address",
    "E-Mail-Adresse",
    "E-Mail 2: Adresse",
    "E-Mail 3: Adresse",
)
# (kind, {part: column names}) for the three addresses.
_OUTLOOK_ADDRESSES: tuple[tuple[str, dict[str, tuple[str, ...]]], ...] = (
    (
        "work",
        {
            "street": ("Business Street", "Straße geschäftlich"),
            "street2": ("Business Street 2", "Straße geschäftlich 2"),
            "street3": ("Business Street 3", "Straße geschäftlich 3"),
            "city": ("Business City", "Ort geschäftlich"),
            "region": ("Business State", "Region geschäftlich", "Bundesland/Kanton geschäftlich"),
            "code": ("Business Postal Code", "Postleitzahl geschäftlich"),
            "country": ("Business Country/Region", "Business Country", "Land/Region geschäftlich"),
            "po_box": ("Business Address PO Box", "Postfach geschäftlich"),
        },
    ),
    (
        "home",
        {
            "street": ("Home Street", "Straße privat"),
            "street2": ("Home Street 2", "Straße privat 2"),
            "street3": ("Home Street 3", "Straße privat 3"),
            "city": ("Home City", "Ort privat"),
            "region": ("Home State", "Bundesland/Kanton privat", "Region privat"),
            "code": ("Home Postal Code", "Postleitzahl privat"),
            "country": ("Home Country/Region", "Home Country", "Land/Region privat"),
            "po_box": ("Home Address PO Box", "Postfach privat"),
        },
    ),
    (
        "other",
        {
            "street": ("Other Street", "Weitere Straße"),
            "street2": ("Other Street 2", "Weitere Straße 2"),
            "street3": ("Other Street 3", "Weitere Straße 3"),
            "city": ("Other City", "Weiterer Ort"),
            "region": ("Other State", "Weiteres/r Bundesland/Kanton"),
            "code": ("Other Postal Code", "Weitere Postleitzahl"),
            "country": ("Other Country/Region", "Other Country", "Weiteres/e Land/Region"),
            "po_box": ("Other Address PO Box", "Weiteres Postfach"),
        },
    ),
)
_OUTLOOK_RELATIONS = (
    (("Spouse", "Partner"), "spouse"),
    (("Manager's Name", "Name des/der Vorgesetzten"), "manager"),
    (("Assistant's Name", "Name Assistent"), "assistant"),
    (("Referred By", "Empfohlen von"), "introduced by"),
    (("Children", "Kinder"), "child"),
)
# How the e-mail was written and how Outlook sorts: nothing a person would miss.
_OUTLOOK_SILENT = (
    "E-mail Type",
    "E-mail Display Name",
    "E-mail 2 Type",
    "E-mail 2 Display Name",
    "E-mail 3 Type",
    "E-mail 3 Display Name",
    "E-Mail-Typ",
    "E-Mail: Angezeigter Name",
    "E-Mail 2: Typ",
    "E-Mail 2: Angezeigter Name",
    "E-Mail 3: Typ",
    "E-Mail 3: Angezeigter Name",
    "Initials",
    "Initialen",
    "Priority",
    "Priorität",
    "Private",
    "Privat",
    "Sensitivity",
    "Vertraulichkeit",
    "Given Yomi",
    "Surname Yomi",
    "Company Yomi",
)


def outlook_row(row: Row) -> CardPerson:
    """A row of an Outlook export (Windows: English or German column names, Windows-1252;
    Outlook.com: UTF-8)."""
    built = Builder(row)
    built.name_parts(
        built.cell("Title", "Anrede"),
        built.cell("First Name", "Vorname"),
        built.cell("Middle Name", "Weitere Vornamen"),
        built.cell("Last Name", "Nachname"),
        built.cell("Suffix", "Namenszusatz"),
    )
    built.cell(*_OUTLOOK_SILENT)
    if built.cell("Given Yomi", "Surname Yomi", "Company Yomi"):
        built.not_kept.add(N_("phonetic names"))
    if nickname := built.cell("Nickname", "Spitzname"):
        built.person.aliases.append(nickname)
    built.person.company = ", ".join(
        x for x in (built.cell("Company", "Firma"), built.cell("Department", "Abteilung")) if x
    )
    built.person.role = built.cell("Job Title", "Position")
    for column in _OUTLOOK_EMAILS:
        built.email(built.cell(column))
    for column, (kinds, preferred) in _OUTLOOK_PHONES.items():
        built.phone(built.cell(column), kinds, preferred)
    for kind, columns in _OUTLOOK_ADDRESSES:
        parts = {part: built.cell(*names) for part, names in columns.items()}
        parts["street"] = "\n".join(p for p in (parts["street"], parts["street2"], parts.pop("street3")) if p)
        parts["street2"] = ""
        built.address(parts, [kind])
    built.birthday("Birthday", built.cell("Birthday", "Geburtstag"))
    built.date("anniversary", built.cell("Anniversary", "Jahrestag"))
    categories = built.cell("Categories", "Kategorien")
    built.tags(re.split(r"[;,]", categories))
    for names, label in _OUTLOOK_RELATIONS:
        built.relation(label, built.cell(*names))
    for column in ("Web Page", "Webseite", "Personal Web Page"):
        built.website(built.cell(column))
    built.platform("IM", built.cell("IMAddress", "IM Address", "Chatadresse"))
    if built.cell("Internet Free Busy", "Internet-Frei/Gebucht"):
        built.not_kept.add(N_("free/busy addresses"))
    if notes := built.cell("Notes", "Notizen"):
        built.notes.append(notes)
    return built.finish([built.cell("Display Name", "Full Name")])


# ----------------------------------------------------------------------------- Thunderbird


def thunderbird_row(row: Row) -> CardPerson:
    """A row of Thunderbird's address-book CSV export."""
    built = Builder(row)
    built.name_parts("", built.cell("First Name"), "", built.cell("Last Name"), "")
    display = built.cell("Display Name")
    if nickname := built.cell("Nickname"):
        built.person.aliases.append(nickname)
    built.email(built.cell("Primary Email"), preferred=True)
    built.email(built.cell("Secondary Email"))
    built.platform("AIM", built.cell("Screen Name"))
    for column, kinds in (
        ("Mobile Number", ["cell"]),
        ("Work Phone", ["work"]),
        ("Home Phone", ["home"]),
        ("Fax Number", ["fax"]),
        ("Pager Number", ["pager"]),
    ):
        built.phone(built.cell(column), kinds)
    for prefix, kind in (("Home", "home"), ("Work", "work")):
        built.address(
            {
                "street": built.cell(f"{prefix} Address"),
                "street2": built.cell(f"{prefix} Address 2"),
                "city": built.cell(f"{prefix} City"),
                "region": built.cell(f"{prefix} State"),
                "code": built.cell(f"{prefix} ZipCode"),
                "country": built.cell(f"{prefix} Country"),
            },
            [kind],
        )
    built.person.company = ", ".join(x for x in (built.cell("Organization"), built.cell("Department")) if x)
    built.person.role = built.cell("Job Title")
    for column in ("Web Page 1", "Web Page 2"):
        built.website(built.cell(column))
    year, month, day = built.cell("Birth Year"), built.cell("Birth Month"), built.cell("Birth Day")
    if month.isdigit() and day.isdigit():
        parsed = _checked(int(year) if year.isdigit() else None, int(month), int(day))
        if parsed is not None:
            built.person.birthday = parsed.iso()
        else:
            built.notes.append(f"Birthday: {year}-{month}-{day}")
    if notes := built.cell("Notes"):
        built.notes.append(notes)
    return built.finish([display])


# ----------------------------------------------------------------------------- telling them apart


ROW_READERS: dict[str, Callable[[Row], CardPerson]] = {
    "linkedin": linkedin_row,
    "google": google_row,
    "outlook": outlook_row,
    "thunderbird": thunderbird_row,
}
# The columns that tell each layout (all of them must be there).
SIGNATURES: dict[str, tuple[tuple[str, ...], ...]] = {
    "linkedin": (("First Name", "Last Name", "Connected On"),),
    "google": (
        ("Name", "Given Name", "Family Name", "Group Membership"),
        ("Given Name", "Family Name", "E-mail 1 - Value"),
        ("First Name", "Last Name", "Labels"),
        ("First Name", "Last Name", "E-mail 1 - Label"),
        ("First Name", "Last Name", "Phone 1 - Label"),
        ("First Name", "Last Name", "Organization Name", "File As"),
    ),
    "thunderbird": (("Primary Email", "Display Name", "First Name"),),
    "outlook": (
        ("First Name", "Last Name", "E-mail Address"),
        ("First Name", "Last Name", "Business Phone"),
        ("First Name", "Last Name", "Mobile Phone"),
        ("First Name", "Last Name", "Home Street"),
        ("First Name", "Last Name", "Job Title"),
        ("Vorname", "Nachname", "E-Mail-Adresse"),
        ("Vorname", "Nachname", "Mobiltelefon"),
        ("Vorname", "Nachname", "Firma"),
    ),
}


def detect_layout(header: list[str]) -> str | None:
    """Which address book wrote a CSV with this header (None if none of them)."""
    names = set(header)
    for layout in ("linkedin", "google", "thunderbird", "outlook"):
        if any(all(column in names for column in signature) for signature in SIGNATURES[layout]):
            return layout
    return None


def required_columns(layout: str) -> str:
    """What a header needs to be read as ``layout`` (for the message when it is not)."""
    return " / ".join(", ".join(signature) for signature in SIGNATURES[layout][:2])
