"""The demo journal's vocabulary: names, companies, topics and phrases that :mod:`journal.demo` draws from.

Names mix German (umlauts, ß) and international spellings on purpose: search must find "Müller" from
"muller" and "mueller", "Łukasz" from "lukasz".
"""

from __future__ import annotations

# Data tables: one line per group reads better than one item per line.
# fmt: off

# How far back the history reaches.
YEARS = 6
SPAN_DAYS = int(YEARS * 365.25)

# A fixed cast opens every demo journal, so screenshots, docs and quick-add examples can name them.
CAST: tuple[tuple[str, str, str, str], ...] = (
    # name, company, role, kind
    ("Anna Müller", "Stripe", "Staff engineer", "work"),
    ("Bob Schulz", "Nordlicht Software GmbH", "CTO", "work"),
    ("Carla Rossi", "Freelance", "UX designer", "event"),
    ("Jürgen Weiß", "Ruderclub Wannsee", "Rowing coach", "club"),
    ("Zoë Martin", "Tagesspiegel", "Journalist", "event"),
    ("José García", "N26", "Product manager", "work"),
    ("Łukasz Kowalski", "Grünwerk Energie", "Data scientist", "hobby"),
    ("Özlem Yılmaz", "Steuerkanzlei Krüger", "Tax adviser", "everyday"),
    ("Søren Andersen", "Spotify", "Engineering manager", "travel"),
    ("Chloé Dubois", "Sciences Po", "Researcher", "friends"),
    ("Hans-Peter Groß", "Bäckerei Groß", "Baker", "neighbourhood"),
    ("Dr. Käthe Böhm", "Zahnarztpraxis Dr. Böhm", "Dentist", "everyday"),
)

FIRST_NAMES: tuple[str, ...] = (
    "Anna", "Jürgen", "Zoë", "José", "Łukasz", "Björn", "Sören", "Jörg", "Günther", "Käthe", "Özlem", "Ömer",
    "Aylin", "Dörte", "Bärbel", "Renée", "Chloé", "Agnieszka", "Małgorzata", "Jiří", "Tomáš", "Søren", "Åsa",
    "Ingrid", "João", "Inês", "Zoltán", "Ádám", "Réka", "Íñigo", "María", "Sofía", "Lucía", "Çağla", "Gökhan",
    "Ayşe", "Noémie", "François", "Hélène", "Jérôme", "Raphaël", "Siobhán", "Seán", "Niamh", "Aoife", "Priya",
    "Arjun", "Ananya", "Wei", "Mei", "Hiroshi", "Yuki", "Kenji", "Min-jun", "Ji-woo", "Oluwaseun", "Chidi",
    "Amara", "Kwame", "Fatima", "Youssef", "Leila", "Omar", "Ngọc", "Thảo", "Maximilian", "Lena", "Lukas",
    "Sophie", "Felix", "Hannah", "Paul", "Marie", "Jonas", "Emma", "Leon", "Mia", "Tim", "Laura", "Jan",
    "Julia", "Tobias", "Katharina", "Florian", "Franziska", "Matthias", "Stefanie", "Sebastian", "Sabine",
    "Andreas", "Ute", "Wolfgang", "Heike", "Klaus", "Birgit", "Uwe", "Gisela", "Hans-Peter", "Anne-Kathrin",
    "Karl-Heinz", "Marie-Luise", "Frauke", "Hauke", "Mareike", "Malte", "Wiebke", "Jannik", "Ole", "Finn",
    "Greta", "Ida", "Oskar", "Emil", "Mats", "Nele", "Carla", "Bob", "Alice", "Oliver", "Olivia", "James",
    "Charlotte", "Amelia", "George", "Noah", "Liam", "Ava", "Ethan", "Isabella", "Lucas", "Mateo", "Valentina",
    "Camila", "Santiago", "Diego", "Luca", "Giulia", "Alessandro", "Francesca", "Matteo", "Chiara", "Sven",
    "Nils", "Astrid", "Freya", "Eero", "Aino", "Mikko", "Katarzyna", "Piotr", "Paweł", "Grzegorz", "Dorota",
    "Ewa", "Nikola", "Milan", "Jelena", "Ivana", "Dimitris", "Eleni", "Giorgos", "Yusuf", "Elif", "Emre",
    "Zeynep", "Hakan", "Dana", "Tamar", "Noa", "Avi", "Ingeborg", "Ludwig", "Friedrich", "Gerd", "Rüdiger",
    "Hildegard", "Ursula", "Dieter", "Jens", "Henrike", "Lennart", "Thorsten", "Kerstin", "Dagmar", "Rainer",
)

LAST_NAMES: tuple[str, ...] = (
    "Müller", "Weiß", "Schäfer", "Schröder", "Köhler", "Böhm", "Krüger", "Günther", "Groß", "Strauß", "Preuß",
    "Schmidt", "Schneider", "Fischer", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter",
    "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Hofmann", "Hartmann", "Lange", "Schmitt",
    "Werner", "Krause", "Meier", "Lehmann", "Schulze", "Maier", "Herrmann", "König", "Walter", "Mayer",
    "Huber", "Kaiser", "Fuchs", "Peters", "Scholz", "Möller", "Jung", "Hahn", "Vogel", "Keller", "Frank",
    "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht", "Schuster", "Simon",
    "Ludwig", "Winter", "Kraus", "Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Seidel",
    "Heinrich", "Brandt", "Haas", "Schreiber", "Graf", "Dietrich", "Ziegler", "Kühn", "Pohl", "Engel",
    "Horn", "Busch", "Bergmann", "Voigt", "Sauer", "Arnold", "Pfeiffer", "Großmann", "Dünnebier", "Öztürk",
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Lewandowski",
    "Dvořák", "Novák", "Svoboda", "Horváth", "Nagy", "Kovács", "Szabó", "García", "Fernández", "González",
    "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Muñoz", "Peña", "Ibáñez", "Silva",
    "Santos", "Gonçalves", "Araújo", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo",
    "Ricci", "Dubois", "Lefèvre", "Girard", "Bonnet", "Lambert", "Fontaine", "Chevalier", "Rousseau",
    "Mercier", "Faure", "O'Brien", "O'Connor", "Murphy", "Kelly", "Smith", "Jones", "Taylor", "Brown",
    "Williams", "Wilson", "Johnson", "Davies", "Evans", "Thompson", "Andersen", "Nielsen", "Hansen",
    "Johansson", "Lindqvist", "Åberg", "Søgaard", "Ødegaard", "Virtanen", "Korhonen", "Nguyễn", "Trần", "Kim",
    "Park", "Lee", "Chen", "Wang", "Zhang", "Liu", "Tanaka", "Suzuki", "Sato", "Yamamoto", "Patel", "Sharma",
    "Gupta", "Singh", "Iyer", "Okafor", "Adeyemi", "Mensah", "Haddad", "Khalil", "Cohen", "Levi",
    "Papadopoulos", "Georgiou", "Petrović", "Jovanović", "Horvat", "Martin", "Weber", "Schulte", "Kuhn",
)

NICKNAMES: dict[str, str] = {
    "Maximilian": "Max", "Katharina": "Kathi", "Hans-Peter": "HP", "Karl-Heinz": "Kalle", "Alessandro": "Ale",
    "Franziska": "Franzi", "Sebastian": "Basti", "Stefanie": "Steffi", "Matthias": "Matze", "Tobias": "Tobi",
    "Florian": "Flo", "Alexander": "Alex", "Anne-Kathrin": "Anke", "Marie-Luise": "Malu", "Wolfgang": "Wolle",
    "Isabella": "Bella", "Valentina": "Vale", "Oluwaseun": "Seun", "Małgorzata": "Gosia", "Katarzyna": "Kasia",
    "Grzegorz": "Grzesiek", "Giorgos": "George", "Santiago": "Santi", "Charlotte": "Lotte", "Friedrich": "Fritz",
    "Ingeborg": "Inge", "Hildegard": "Hilde", "Łukasz": "Łuki", "Jürgen": "Jürgi", "Siobhán": "Shiv",
}

COMPANIES: tuple[str, ...] = (
    "Stripe", "SAP", "Siemens", "Deutsche Bahn", "Zalando", "N26", "Spotify", "Bosch", "Otto Group",
    "Nordlicht Software GmbH", "Grünwerk Energie", "Brückenbau Ingenieure", "Kaffeerösterei Weiß",
    "Fahrradwerkstatt Köhler", "Müller & Söhne Maschinenbau", "Datenfluss AG", "Hafenblick Studios",
    "Fraunhofer FOKUS", "Charité", "TU München", "Universität Hamburg", "Stadtwerke Köln", "Freelance",
    "Self-employed", "Tagesspiegel", "Mozilla", "GitLab", "Canonical", "Ecosia", "Sennder", "Helsing",
    "Personio", "Celonis", "Trade Republic", "Blinkist", "Komoot", "Babbel", "HelloFresh", "Delivery Hero",
    "Auto1", "Contentful", "Tado", "Flix", "Lilium", "Quantum Leap Labs", "Lichtblick", "Sciences Po",
    "Zeiss", "Infineon", "Allianz", "Commerzbank", "Volkswagen", "Signal Iduna", "Wikimedia Deutschland",
    "Chaos Computer Club", "Open Knowledge Foundation", "Kita Sonnenschein", "Volkshochschule Pankow",
    "Architekturbüro Strauß", "Agentur Morgenrot", "Atelier Lefèvre", "Kanzlei Schäfer & Partner",
)

# Employers worth naming in "both ex-…" or "a contact at …".
# Not an employer to name in "both ex-…" or "a contact at …".
NOT_EMPLOYERS: tuple[str, ...] = ("Freelance", "Self-employed")
EMPLOYERS: tuple[str, ...] = tuple(c for c in COMPANIES if c not in NOT_EMPLOYERS)

ROLES: tuple[str, ...] = (
    "Software engineer", "Product manager", "UX designer", "Data scientist", "CTO", "Founder", "Recruiter",
    "Journalist", "Professor", "PhD student", "Consultant", "Sales lead", "Architect", "Photographer",
    "Teacher", "Lawyer", "Community manager", "DevOps engineer", "Venture capitalist", "Marketing lead",
    "Engineering manager", "Head of people", "Researcher", "Illustrator", "Site reliability engineer",
    "Security engineer", "Product designer", "Developer advocate", "Policy adviser", "Translator",
)

# Everyday contacts (rule 2: doctor, tax adviser, craftsman…): company, role.
EVERYDAY: tuple[tuple[str, str], ...] = (
    ("Zahnarztpraxis Dr. Böhm", "Dentist"), ("Steuerkanzlei Krüger", "Tax adviser"),
    ("Elektro Schäfer", "Electrician"), ("Tischlerei Jäger", "Carpenter"), ("Hausarztpraxis Weber", "GP"),
    ("Physiotherapie am Park", "Physiotherapist"), ("Friseursalon Peña", "Hairdresser"),
    ("Fahrradwerkstatt Köhler", "Bike mechanic"), ("Sanitär Horváth", "Plumber"),
    ("Buchhandlung Lehmann", "Bookseller"), ("Apotheke am Markt", "Pharmacist"),
)

CLUB_MEMBER = "Club member"
NEIGHBOUR = "Neighbour"

CLUBS: tuple[str, ...] = (
    "Ruderclub Wannsee", "TSV Eintracht", "Chor der Nikolaikirche", "Schachverein Königsspringer",
    "Kleingartenverein Sonnenhang", "Freiwillige Feuerwehr Mitte", "Lauftreff Tiergarten",
)

# Work topics fill work, event, online and travel encounters; life topics the rest.
PRO_TOPICS: tuple[str, ...] = (
    "Rust", "Python", "Kubernetes", "UX research", "hiring engineers", "fundraising", "public speaking",
    "GDPR", "open source licensing", "machine learning", "product strategy", "accessibility",
    "conference talks", "remote teams", "startup law", "data engineering", "design systems", "B2B sales",
    "mentoring juniors", "salary negotiation", "writing a CV", "podcasting",
)
LIFE_TOPICS: tuple[str, ...] = (
    "German tax returns", "moving to Berlin", "climbing", "photography", "bike repair", "home renovation",
    "visa applications", "sourdough baking", "learning Spanish", "finding a flat", "parental leave",
)
TOPICS: tuple[str, ...] = PRO_TOPICS + LIFE_TOPICS
# The user's own skills (settings), chosen so that "who could I help?" finds people.
USER_SKILLS: tuple[str, ...] = (
    "Python", "Rust", "public speaking", "hiring engineers", "open source licensing", "bike repair",
)

PERSON_TAGS: tuple[str, ...] = (
    "python", "rust", "design", "climate", "cycling", "hiking", "founders", "hiring", "mentor", "alumni",
    "berlin", "hamburg", "munich", "opensource", "media", "investor", "client", "family-friend", "rowing",
    "choir", "chess", "running", "photography", "research", "community", "speaker", "remote", "fintech",
)

# The tag a person gets for where you know them from, and tags encounters get.
KIND_TAGS: dict[str, str] = {
    "club": "club", "hobby": "hobby", "neighbourhood": "neighbour", "everyday": "everyday", "friends": "friend",
}
ENCOUNTER_TAGS: tuple[str, ...] = ("coffee", "lunch", "conference", "intro", "follow-up", "idea", "hiring")

# Each event in the city where it is held, so "{event}, {city}" is a real place.
EVENTS: dict[str, str] = {
    "PyCon DE": "Berlin", "FOSDEM": "Brussels", "re:publica": "Berlin", "RustFest": "Barcelona",
    "Web Summit": "Lisbon", "Chaos Communication Congress": "Hamburg", "Barcamp Hamburg": "Hamburg",
    "Rust Berlin meetup": "Berlin", "TEDxMünchen": "Munich", "EuroPython": "Prague",
    "Women in Tech Köln": "Cologne", "UX Camp Europe": "Berlin", "OOP Konferenz": "Munich", "JSConf EU": "Berlin",
    "Product Hunt Berlin": "Berlin",
}
# The user lives in Berlin (the neighbourhood places are there); trips go elsewhere.
HOME_CITY = "Berlin"
CITIES: tuple[str, ...] = (
    "Berlin", "Hamburg", "Munich", "Cologne", "Leipzig", "Vienna", "Zurich", "Lisbon", "Barcelona", "Kraków",
    "Amsterdam", "Copenhagen", "Paris", "London", "Düsseldorf", "Göttingen", "Würzburg",
)
# Where a train from Berlin goes, and cities with an airport.
TRAIN_CITIES: tuple[str, ...] = (
    "Hamburg", "Munich", "Cologne", "Leipzig", "Vienna", "Zurich", "Amsterdam", "Düsseldorf", "Göttingen",
    "Würzburg", "Kraków", "Copenhagen",
)
AIRPORT_CITIES: tuple[str, ...] = (
    "Munich", "Cologne", "Vienna", "Zurich", "Lisbon", "Barcelona", "Kraków", "Amsterdam", "Copenhagen", "Paris",
    "London", "Düsseldorf", "Hamburg",
)
PLACES: dict[str, tuple[str, ...]] = {
    "work": ("office", "Café Einstein", "the canteen", "client office in {city}", "WeWork Sony Center",
             "project room 3.14"),
    "event": ("{event}, {city}", "{event}", "after-party of {event}", "{event} hallway track"),
    "travel": ("ICE to {train_city}", "{air_city} airport", "hotel bar in {city}", "night train to {train_city}",
               "ferry to Rügen"),
    "friends": ("{name}'s kitchen", "Biergarten am See", "birthday party in {city}", "Kneipe Zum Löwen"),
    "hobby": ("climbing gym", "photo walk along the Spree", "Boulderhalle Südbloc", "pottery class",
              "Repair Café"),
    "club": ("{club}", "clubhouse of {club}"),
    "neighbourhood": ("Kollwitzplatz market", "Bäckerei Groß", "the courtyard", "street party on Lindenstraße",
                      "Spätkauf around the corner"),
    "everyday": ("{company}", "{company}", "Bürgeramt", "pharmacy"),
    "online": ("", "", "Zoom", "Mastodon thread", "LinkedIn", "Signal"),
}
BOOKS: tuple[str, ...] = (
    "Thinking in Systems", "The Mom Test", "Range", "Never Split the Difference", "Die Känguru-Chroniken",
    "An Elegant Puzzle", "Working in Public", "Der Trafikant", "The Manager's Path", "Atomic Habits",
)

# "summary|place": a summary that implies its place carries it; otherwise the place comes from PLACES.
SUMMARIES: dict[str, tuple[str, ...]] = {
    "work": ("Sync about the {topic} roadmap", "Pair-programmed on the {topic} migration",
             "Lunch near the office, talked about {topic}|the canteen", "Prepared the quarterly review together",
             "Whiteboard session on {topic}|project room 3.14", "Coffee after the all-hands; they are changing teams"),
    "event": ("Chatted after the talk on {topic} at {event}|{event}, {city}", "Met at the {event} coffee break|{event}",
              "Shared a table at the {event} dinner|{event}, {city}", "Asked a great question in my {topic} talk",
              "Sat next to each other in the {topic} workshop"),
    "travel": ("Sat next to each other on the train to {train_city}|ICE to {train_city}",
               "Bumped into each other at {air_city} airport|{air_city} airport",
               "Shared a taxi in {city}; talked about {topic}|{city}", "Stuck together during a delay, great chat"),
    "friends": ("Dinner at {name}'s place|{name}'s kitchen", "Birthday party; long talk about {topic}",
                "Board game night", "Walk in the park and catching up", "Brunch; they're thinking about {topic}"),
    "hobby": ("Climbing session, then beers|Boulderhalle Südbloc",
              "Photo walk, swapped tips on {topic}|along the Spree",
              "Repair Café afternoon|Repair Café", "Long run together; talked about {topic}|Tiergarten"),
    "club": ("Training at {club}|{club}", "{club} general meeting|clubhouse of {club}",
             "Helped set up the {club} summer fête|{club}", "After training, talked about {topic}|{club}"),
    "neighbourhood": ("Chatted over the fence about the street party|the courtyard",
                      "Met at the farmers' market|Kollwitzplatz market", "Helped carry a sofa upstairs|our building",
                      "Talked about {topic} while waiting at the bakery|Bäckerei Groß"),
    "everyday": ("Check-up; ended up talking about {topic}", "Went through the annual tax return|tax adviser's office",
                 "Fixed the light switch; they know a lot about {topic}|at home",
                 "Quick chat while the bike got fixed|the bike shop"),
    "online": ("Video call about {topic}", "Replied to my post about {topic}", "Long thread on {topic}",
               "Call to compare notes on {topic}"),
}
OUTREACH: tuple[str, ...] = (
    "Sent a note about {topic}", "Asked how the new job is going", "Shared an article on {topic}",
    "Congratulated them on the launch", "Suggested a coffee next month", "Sent the slides from my {topic} talk",
    "Asked whether they'd like an intro to {other}",
)
INBOUND: tuple[str, ...] = (
    "Wrote to ask about {topic}", "Called to say thanks for the intro", "Sent me a job ad for a friend",
    "Asked me to review their {topic} proposal", "Invited me to their {event} talk",
)
GAVE: tuple[str, ...] = (
    "a tip on {topic}", "an introduction to {other}", "feedback on their talk", "a book recommendation: {book}",
    "a review of their CV", "two hours of help with {topic}", "my notes on {topic}", "a contact at {employer}",
    "my {topic} book, on loan", "a reference for their application",
)
RECEIVED: tuple[str, ...] = (
    "an invitation to speak at {event}", "a lead for a client", "a great restaurant tip in {city}",
    "introduced me to their team lead", "the book {book}", "a tip on {topic}", "a spare ticket for {event}",
    "help moving house", "feedback on my {topic} draft",
)
# Noun phrases: the app says "you share {common}" and "{common} made me think of you".
COMMON_GROUND: tuple[str, ...] = (
    "a childhood near {city}", "rowing", "kids at the same school", "years at {company}",
    "a soft spot for {topic}", "the same hometown", "a first career as teachers", "a love of old bikes",
    "learning Spanish", "moving to Berlin the same year", "vinyl records", "a physics degree",
)
EXPERIENCE: tuple[str, ...] = (
    "Compared notes on {topic}", "They shared how they run remote retros; I shared our on-call setup",
    "Swapped what worked when hiring for {topic}", "Their take on {topic} changed my mind",
    "Traded war stories about {topic} in production",
)
# Needs and offers are noun phrases, items separated by ";" ("a Rust mentor; feedback on a pitch deck").
OFFER_FORMS: tuple[str, ...] = (
    "{topic}", "mentoring on {topic}", "reviews of {topic} work", "{topic} know-how", "intros to people in {topic}",
)
NEED_FORMS: tuple[str, ...] = (
    "advice on {topic}", "a mentor for {topic}", "someone who knows {topic}", "a first contact in {topic}",
    "feedback on their {topic} plans",
)
HOW_WE_MET: dict[str, tuple[str, ...]] = {
    "work": ("worked together at {company}", "colleagues on the {topic} project"),
    "event": ("at {event} {year}", "next to each other at {event} {year}"),
    "travel": ("on a train to {train_city} in {year}", "at a hostel in {city}"),
    "friends": ("through {other}", "at {other}'s wedding"),
    "hobby": ("at the climbing gym", "in the photo walk group"),
    "club": ("at {club}",),
    "neighbourhood": ("neighbours across the street", "lives two doors down"),
    "everyday": ("our {role_lower} since {year}",),
    "online": ("a {topic} thread on Mastodon", "on LinkedIn in {year}"),
}
NOTES: tuple[str, ...] = (
    "Prefers e-mail over calls.", "Vegetarian — remember for dinners.", "Two kids, both at primary school.",
    "Always late, always worth it.", "Speaks German, Polish and English.", "Moves to Lisbon next spring.",
    "Ask about the marathon.", "Don't call before 10.", "Writes a great newsletter on {topic}.",
)
DAY_NOTES: tuple[str, ...] = (
    "Good day. Three real conversations, no small talk.", "Tired, but the chat with {name} made it worth it.",
    "Remember: ask {name} how the {topic} project went.", "Gave more than I got today, and that's fine.",
    "Too many meetings; next week keep Friday free for people.", "Rule 7 worked: {name} out of nowhere.",
    "Follow up on the intro between {name} and {other}.", "Quiet day. Wrote two notes I'd been putting off.",
    "Felt awkward at first at {event}, then easy.", "Should share my {topic} notes more widely.",
)

# Stands in for a name a template needs but the journal does not have.
SOMEONE = "a friend"
CONTACT = "contact"

CADENCES: tuple[int, ...] = (14, 21, 30, 42, 60, 90, 180)
ONLINE_CHANNELS: tuple[str, ...] = ("video", "message", "email", "platform", "call")
OFFLINE_CHANNELS: tuple[str, ...] = ("in_person",) * 14 + ("call", "video", "message", "email", "platform")
REMOTE_CHANNELS: tuple[str, ...] = ("message", "email", "platform", "call")
KIND_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("work", 30), ("event", 20), ("online", 10), ("friends", 10), ("travel", 5), ("hobby", 7), ("club", 6),
    ("neighbourhood", 5), ("everyday", 7),
)

# fmt: on
