"""The demo journal's vocabulary in German: what ``journal.demo`` writes under a German locale.

The same tables as the English ones in ``journal.demo_data``, with the same placeholders, written as a
German user would write their own journal (short notes, "du" and first names, no translations
word for word). Names of people, companies, clubs and events are shared with the English tables.
Places carry their own article or preposition-free form ("Café Einstein", "Kneipe „Zum Löwen“"),
because the app puts them after a colon or in parentheses, never after "bei".

Pure data: nothing here imports textual.
"""

from __future__ import annotations

# Data tables: one line per group reads better than one item per line.
# fmt: off

# The fixed cast (see journal.demo_data.CAST): name, company, role, kind.
CAST: tuple[tuple[str, str, str, str], ...] = (
    ("Anna Müller", "Stripe", "Staff Engineer", "work"),
    ("Bob Schulz", "Nordlicht Software GmbH", "CTO", "work"),
    ("Carla Rossi", "Freiberuflich", "UX-Designerin", "event"),
    ("Jürgen Weiß", "Ruderclub Wannsee", "Rudertrainer", "club"),
    ("Zoë Martin", "Tagesspiegel", "Journalistin", "event"),
    ("José García", "N26", "Product Manager", "work"),
    ("Łukasz Kowalski", "Grünwerk Energie", "Data Scientist", "hobby"),
    ("Özlem Yılmaz", "Steuerkanzlei Krüger", "Steuerberaterin", "everyday"),
    ("Søren Andersen", "Spotify", "Engineering Manager", "travel"),
    ("Chloé Dubois", "Sciences Po", "Forscherin", "friends"),
    ("Hans-Peter Groß", "Bäckerei Groß", "Bäckermeister", "neighbourhood"),
    ("Dr. Käthe Böhm", "Zahnarztpraxis Dr. Böhm", "Zahnärztin", "everyday"),
)

COMPANIES: tuple[str, ...] = (
    "Stripe", "SAP", "Siemens", "Deutsche Bahn", "Zalando", "N26", "Spotify", "Bosch", "Otto Group",
    "Nordlicht Software GmbH", "Grünwerk Energie", "Brückenbau Ingenieure", "Kaffeerösterei Weiß",
    "Fahrradwerkstatt Köhler", "Müller & Söhne Maschinenbau", "Datenfluss AG", "Hafenblick Studios",
    "Fraunhofer FOKUS", "Charité", "TU München", "Universität Hamburg", "Stadtwerke Köln", "Freiberuflich",
    "Selbstständig", "Tagesspiegel", "Mozilla", "GitLab", "Canonical", "Ecosia", "Sennder", "Helsing",
    "Personio", "Celonis", "Trade Republic", "Blinkist", "Komoot", "Babbel", "HelloFresh", "Delivery Hero",
    "Auto1", "Contentful", "Tado", "Flix", "Lilium", "Quantum Leap Labs", "Lichtblick", "Sciences Po",
    "Zeiss", "Infineon", "Allianz", "Commerzbank", "Volkswagen", "Signal Iduna", "Wikimedia Deutschland",
    "Chaos Computer Club", "Open Knowledge Foundation", "Kita Sonnenschein", "Volkshochschule Pankow",
    "Architekturbüro Strauß", "Agentur Morgenrot", "Atelier Lefèvre", "Kanzlei Schäfer & Partner",
)
# Not an employer to name in "ein Kontakt bei …".
NOT_EMPLOYERS: tuple[str, ...] = ("Freiberuflich", "Selbstständig")

# Fields of work rather than job titles: German job titles are gendered, and the generator does not
# know who is who. Tech titles stay English, as they do on German business cards.
ROLES: tuple[str, ...] = (
    "Softwareentwicklung", "Product Manager", "UX-Design", "Data Science", "CTO", "Gründung", "Recruiting",
    "Journalismus", "Professur", "Promotion", "Beratung", "Vertrieb", "Architektur", "Fotografie",
    "Lehramt", "Rechtsberatung", "Community-Management", "DevOps", "Venture Capital", "Marketing",
    "Engineering Manager", "Personalleitung", "Forschung", "Illustration", "Site Reliability",
    "IT-Sicherheit", "Produktdesign", "Developer Relations", "Politikberatung", "Übersetzung",
)
EVERYDAY: tuple[tuple[str, str], ...] = (
    ("Zahnarztpraxis Dr. Böhm", "Zahnmedizin"), ("Steuerkanzlei Krüger", "Steuerberatung"),
    ("Elektro Schäfer", "Elektrik"), ("Tischlerei Jäger", "Tischlerei"), ("Hausarztpraxis Weber", "Hausarztpraxis"),
    ("Physiotherapie am Park", "Physiotherapie"), ("Friseursalon Peña", "Friseursalon"),
    ("Fahrradwerkstatt Köhler", "Fahrradwerkstatt"), ("Sanitär Horváth", "Sanitär"),
    ("Buchhandlung Lehmann", "Buchhandel"), ("Apotheke am Markt", "Apotheke"),
)
CLUB_MEMBER = "Vereinsmitglied"
NEIGHBOUR = "Nachbarschaft"

# Topics are nouns that read well after "über", "zu" and "Tipp zu" without an article.
PRO_TOPICS: tuple[str, ...] = (
    "Rust", "Python", "Kubernetes", "UX-Research", "Entwicklerrecruiting", "Fundraising", "Rhetorik",
    "Datenschutz", "Open-Source-Lizenzen", "Machine Learning", "Produktstrategie", "Barrierefreiheit",
    "Konferenzplanung", "Remote-Teams", "Start-up-Recht", "Data Engineering", "Design Ops", "B2B-Vertrieb",
    "Nachwuchsförderung", "Gehaltsverhandlungen", "Bewerbungen", "Podcasts",
)
LIFE_TOPICS: tuple[str, ...] = (
    "Steuererklärungen", "Umzugsplanung", "Klettern", "Fotografie", "Fahrradreparatur", "Altbausanierung",
    "Visafragen", "Sauerteig", "Spanischlernen", "Wohnungssuche", "Elternzeit",
)
TOPICS: tuple[str, ...] = PRO_TOPICS + LIFE_TOPICS
USER_SKILLS: tuple[str, ...] = (
    "Python", "Rust", "Rhetorik", "Entwicklerrecruiting", "Open-Source-Lizenzen", "Fahrradreparatur",
)

PERSON_TAGS: tuple[str, ...] = (
    "python", "rust", "design", "klima", "radfahren", "wandern", "gründer", "recruiting", "mentor", "alumni",
    "berlin", "hamburg", "münchen", "opensource", "medien", "investor", "kunde", "familie", "rudern",
    "chor", "schach", "laufen", "fotografie", "forschung", "community", "speaker", "remote", "fintech",
)
# The tag a person gets for where you know them from.
KIND_TAGS: dict[str, str] = {
    "club": "verein", "hobby": "hobby", "neighbourhood": "nachbarn", "everyday": "alltag", "friends": "freunde",
}
ENCOUNTER_TAGS: tuple[str, ...] = ("kaffee", "mittagessen", "konferenz", "vorstellung", "nachfassen", "idee", "recruiting")

EVENTS: dict[str, str] = {
    "PyCon DE": "Berlin", "FOSDEM": "Brüssel", "re:publica": "Berlin", "RustFest": "Barcelona",
    "Web Summit": "Lissabon", "Chaos Communication Congress": "Hamburg", "Barcamp Hamburg": "Hamburg",
    "Rust-Meetup Berlin": "Berlin", "TEDxMünchen": "München", "EuroPython": "Prag",
    "Women in Tech Köln": "Köln", "UX Camp Europe": "Berlin", "OOP Konferenz": "München", "JSConf EU": "Berlin",
    "Product Hunt Berlin": "Berlin",
}
HOME_CITY = "Berlin"
CITIES: tuple[str, ...] = (
    "Berlin", "Hamburg", "München", "Köln", "Leipzig", "Wien", "Zürich", "Lissabon", "Barcelona", "Krakau",
    "Amsterdam", "Kopenhagen", "Paris", "London", "Düsseldorf", "Göttingen", "Würzburg",
)
TRAIN_CITIES: tuple[str, ...] = (
    "Hamburg", "München", "Köln", "Leipzig", "Wien", "Zürich", "Amsterdam", "Düsseldorf", "Göttingen",
    "Würzburg", "Krakau", "Kopenhagen",
)
AIRPORT_CITIES: tuple[str, ...] = (
    "München", "Köln", "Wien", "Zürich", "Lissabon", "Barcelona", "Krakau", "Amsterdam", "Kopenhagen", "Paris",
    "London", "Düsseldorf", "Hamburg",
)
PLACES: dict[str, tuple[str, ...]] = {
    "work": ("Büro", "Café Einstein", "Kantine", "beim Kunden in {city}", "WeWork Sony Center", "Projektraum 3.14"),
    "event": ("{event}, {city}", "{event}", "Aftershow-Party, {event}", "Flurgespräche, {event}"),
    "travel": ("ICE nach {train_city}", "Flughafen {air_city}", "Hotelbar in {city}", "Nachtzug nach {train_city}",
               "Fähre nach Rügen"),
    "friends": ("Küche von {name}", "Biergarten am See", "Geburtstagsfeier in {city}", "Kneipe „Zum Löwen“"),
    "hobby": ("Kletterhalle", "Fotospaziergang an der Spree", "Boulderhalle Südbloc", "Töpferkurs", "Repair Café"),
    "club": ("{club}", "Vereinsheim, {club}"),
    "neighbourhood": ("Markt am Kollwitzplatz", "Bäckerei Groß", "Innenhof", "Straßenfest in der Lindenstraße",
                      "Späti um die Ecke"),
    "everyday": ("{company}", "{company}", "Bürgeramt", "Apotheke"),
    "online": ("", "", "Zoom", "Mastodon-Thread", "LinkedIn", "Signal"),
}
BOOKS: tuple[str, ...] = (
    "Die Grenzen des Denkens", "The Mom Test", "Es lebe der Generalist", "Kompromisslos verhandeln",
    "Die Känguru-Chroniken", "An Elegant Puzzle", "Working in Public", "Der Trafikant", "The Manager's Path",
    "Die 1%-Methode",
)

SUMMARIES: dict[str, tuple[str, ...]] = {
    "work": ("Abstimmung zur Roadmap: {topic}", "Zusammen an der Migration gesessen ({topic})",
             "Mittagessen, über {topic} geredet|Kantine", "Quartalsbericht zusammen vorbereitet",
             "Whiteboard-Session zu {topic}|Projektraum 3.14", "Kaffee nach dem All-Hands; wechselt das Team"),
    "event": ("Nach dem Vortrag über {topic} ins Gespräch gekommen|{event}, {city}",
              "In der Kaffeepause kennengelernt|{event}", "Beim Abendessen am selben Tisch|{event}, {city}",
              "Hat in meinem Vortrag über {topic} eine tolle Frage gestellt",
              "Im Workshop zu {topic} nebeneinander gesessen"),
    "travel": ("Im Zug nach {train_city} nebeneinander gesessen|ICE nach {train_city}",
               "Zufällig am Flughafen {air_city} getroffen|Flughafen {air_city}",
               "Taxi in {city} geteilt, über {topic} geredet|{city}", "Zusammen in einer Verspätung gestrandet, gutes Gespräch"),
    "friends": ("Abendessen bei {name}|Küche von {name}", "Geburtstagsfeier, langes Gespräch über {topic}",
                "Spieleabend", "Spaziergang im Park, viel erzählt", "Brunch; denkt über {topic} nach"),
    "hobby": ("Bouldern, danach ein Bier|Boulderhalle Südbloc",
              "Fotospaziergang, Tipps zu {topic} ausgetauscht|an der Spree",
              "Nachmittag im Repair Café|Repair Café", "Lange Runde gelaufen, über {topic} geredet|Tiergarten"),
    "club": ("Training im Verein|{club}", "Mitgliederversammlung|Vereinsheim, {club}",
             "Beim Sommerfest mit aufgebaut|{club}", "Nach dem Training über {topic} geredet|{club}"),
    "neighbourhood": ("Über den Zaun wegen des Straßenfests geplaudert|Innenhof",
                      "Auf dem Wochenmarkt getroffen|Markt am Kollwitzplatz", "Geholfen, ein Sofa hochzutragen|Treppenhaus",
                      "Beim Bäcker in der Schlange über {topic} geredet|Bäckerei Groß"),
    "everyday": ("Kontrolltermin; am Ende über {topic} geredet", "Steuererklärung durchgegangen|Steuerkanzlei",
                 "Lichtschalter repariert; kennt sich mit {topic} aus|zu Hause",
                 "Kurz geplaudert, während das Rad repariert wurde|Fahrradladen"),
    "online": ("Videocall zu {topic}", "Hat auf meinen Beitrag über {topic} geantwortet", "Langer Thread über {topic}",
               "Telefoniert, Erfahrungen zu {topic} verglichen"),
}
OUTREACH: tuple[str, ...] = (
    "Kurze Nachricht zu {topic} geschickt", "Gefragt, wie der neue Job läuft", "Artikel über {topic} geteilt",
    "Zum Launch gratuliert", "Kaffee im nächsten Monat vorgeschlagen", "Folien meines Vortrags über {topic} geschickt",
    "Angeboten, den Kontakt zu {other} herzustellen",
)
INBOUND: tuple[str, ...] = (
    "Hat wegen {topic} geschrieben", "Angerufen, um sich für die Vorstellung zu bedanken",
    "Hat mir eine Stellenanzeige für eine Freundin geschickt", "Hat um Feedback zum Konzept gebeten ({topic})",
    "Hat mich zu einem Vortrag eingeladen ({event})",
)
GAVE: tuple[str, ...] = (
    "einen Tipp zu {topic}", "einen Kontakt zu {other}", "Feedback zum Vortrag", "einen Buchtipp: {book}",
    "Feedback zum Lebenslauf", "zwei Stunden Hilfe bei {topic}", "meine Notizen zu {topic}",
    "einen Kontakt bei {employer}", "mein Buch über {topic}, geliehen", "eine Referenz für die Bewerbung",
)
RECEIVED: tuple[str, ...] = (
    "eine Einladung als Speaker ({event})", "einen Kontakt zu einem möglichen Kunden",
    "einen tollen Restauranttipp in {city}", "hat mich der Teamleitung vorgestellt", "das Buch {book}",
    "einen Tipp zu {topic}", "ein übriges Ticket ({event})", "Hilfe beim Umzug", "Feedback zu meinem Entwurf ({topic})",
)
# Noun phrases: the app says "was euch verbindet: …".
COMMON_GROUND: tuple[str, ...] = (
    "aufgewachsen bei {city}", "Rudern", "Kinder auf derselben Schule", "Jahre bei {company}",
    "ein Faible für {topic}", "dieselbe Heimatstadt", "beide früher im Lehramt", "alte Fahrräder",
    "Spanisch lernen", "im selben Jahr nach Berlin gezogen", "Schallplatten", "Physikstudium",
)
EXPERIENCE: tuple[str, ...] = (
    "Erfahrungen zu {topic} ausgetauscht", "Remote-Retros gegen Rufbereitschaft: was bei wem funktioniert",
    "Verglichen, was beim Recruiting für {topic} funktioniert hat", "Hat meine Meinung zu {topic} geändert",
    "Geschichten über {topic} in Produktion ausgetauscht",
)
OFFER_FORMS: tuple[str, ...] = (
    "{topic}", "Mentoring zu {topic}", "Reviews für {topic}", "Know-how in {topic}", "Kontakte rund um {topic}",
)
NEED_FORMS: tuple[str, ...] = (
    "Rat zu {topic}", "Mentoring zu {topic}", "jemanden, der sich mit {topic} auskennt", "einen ersten Kontakt im Bereich {topic}",
    "Feedback zu Plänen rund um {topic}",
)
HOW_WE_MET: dict[str, tuple[str, ...]] = {
    "work": ("zusammen bei {company} gearbeitet", "gemeinsames Projekt zu {topic}"),
    "event": ("{event} {year}", "nebeneinander gesessen, {event} {year}"),
    "travel": ("im Zug nach {train_city}, {year}", "Hostel in {city}"),
    "friends": ("über {other}", "Hochzeit von {other}"),
    "hobby": ("in der Kletterhalle", "in der Fotospaziergang-Gruppe"),
    "club": ("{club}",),
    "neighbourhood": ("wohnt gegenüber", "wohnt zwei Häuser weiter"),
    "everyday": ("{company}, seit {year}",),
    "online": ("Mastodon-Thread zu {topic}", "LinkedIn, {year}"),
}
NOTES: tuple[str, ...] = (
    "Lieber E-Mail als Anrufe.", "Isst vegetarisch – beim Essen dran denken.", "Zwei Kinder, beide in der Grundschule.",
    "Immer zu spät, aber es lohnt sich.", "Spricht Deutsch, Polnisch und Englisch.", "Zieht nächstes Frühjahr nach Lissabon.",
    "Nach dem Marathon fragen.", "Nicht vor 10 Uhr anrufen.", "Schreibt einen großartigen Newsletter über {topic}.",
)
DAY_NOTES: tuple[str, ...] = (
    "Guter Tag. Drei echte Gespräche, kein Smalltalk.", "Müde, aber das Gespräch mit {name} hat sich gelohnt.",
    "Merken: {name} fragen, wie das Projekt zu {topic} gelaufen ist.", "Heute mehr gegeben als bekommen, und das ist gut so.",
    "Zu viele Meetings; nächste Woche den Freitag für Menschen freihalten.", "Regel 7 hat gewirkt: {name}, aus dem Nichts.",
    "Die Vorstellung zwischen {name} und {other} nachhalten.", "Ruhiger Tag. Zwei Nachrichten geschrieben, die ich lange aufgeschoben hatte.",
    "{event}: erst unsicher, dann ganz leicht.", "Meine Notizen zu {topic} sollte ich öfter teilen.",
)
# Stands in for a name a template needs but the journal does not have.
SOMEONE = "jemand"
CONTACT = "Kontakt"

# fmt: on
