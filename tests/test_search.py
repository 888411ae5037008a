"""PeopleIndex: folding, ranking, updates, and robustness against any query."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.folding import fold, fold_variants
from journal.model import Person
from journal.search import Hit, PeopleIndex

TODAY = date(2026, 11, 29)


def _p(pid: str, name: str, *, aliases=(), company="", role="", tags=(), archived=False) -> Person:
    return Person(
        id=pid, name=name, aliases=list(aliases), company=company, role=role, tags=list(tags), archived=archived
    )


PEOPLE = [
    _p("anna", "Anna Müller", aliases=["Anni"], company="Stripe", role="Software Engineer", tags=["python", "rust"]),
    _p("juergen", "Jürgen Groß", company="Siemens", role="Head of Sales", tags=["sales", "berlin"]),
    _p("zoe", "Zoë Dubois", company="Mistral AI", role="Researcher", tags=["machine-learning"]),
    _p("bob", "Bob Schulz", aliases=["Bobby"], company="Deutsche Bahn", role="Tischler", tags=["woodworking"]),
    _p("carla", "Carla Weiß-Schmidt", company="Zalando", role="Product Manager", tags=["climbing"]),
    _p("jose", "José Núñez", company="Telefónica", role="CTO", tags=["open-source"]),
    _p("andreas", "Andreas Maier", company="Bosch", role="Steuerberater"),
    _p("amelie", "Amelie Schäfer", company="SAP", tags=["design"]),
    _p("lena", "Lena Strauß", company="Straßenbau Huber", role="Bauleiterin"),
    _p("hans", "Hans Mueller", company="Müller & Söhne", tags=["tax"]),
    _p("priya", "Priya Natarajan", company="Google", tags=["python"], archived=True),
    _p("tom", "Tom Becker", aliases=["Tommy"], company="Stripe", role="Sales Lead"),
    _p("oemer", "Ömer Yılmaz", company="Kiosk am Eck", tags=["neighbourhood"]),
    _p("soren", "Søren Kierkegaard", role="Philosopher"),
    _p("annika", "Annika Berg", company="Spotify", tags=["music"]),
]

LAST_SEEN: dict[str, date | None] = {
    "anna": date(2026, 11, 20),
    "juergen": date(2026, 6, 1),
    "zoe": date(2026, 11, 1),
    "bob": date(2025, 12, 24),
    "carla": date(2026, 10, 3),
    "jose": None,
    "andreas": date(2024, 3, 9),
    "amelie": date(2026, 11, 27),
    "lena": date(2026, 2, 14),
    "hans": date(2026, 9, 9),
    "priya": date(2026, 11, 28),
    "tom": date(2026, 11, 10),
    "oemer": None,
    "soren": date(2023, 1, 1),
    "annika": date(2026, 11, 25),
}


@pytest.fixture
def index() -> PeopleIndex:
    idx = PeopleIndex()
    idx.rebuild(PEOPLE, LAST_SEEN)
    return idx


def ids(hits: list[Hit]) -> list[str]:
    return [h.person_id for h in hits]


# Folding -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded", "variants"),
    [
        ("Müller", "mueller", ("mueller", "muller")),
        ("MÜLLER", "mueller", ("mueller", "muller")),
        ("Mu\u0308ller", "mueller", ("mueller", "muller")),  # decomposed umlaut
        ("Straße", "strasse", ("strasse",)),
        ("STRASSE", "strasse", ("strasse",)),
        ("Zoë", "zoe", ("zoe",)),
        ("José Núñez", "jose nunez", ("jose nunez",)),
        ("Carla Weiß-Schmidt", "carla weiss schmidt", ("carla weiss schmidt",)),
        ("Søren", "soeren", ("soeren", "soren")),
        ("Ömer Yılmaz", "oemer yilmaz", ("oemer yilmaz", "omer yilmaz")),
        ("O’Brien", "obrien", ("obrien",)),
        ("Bob", "bob", ("bob",)),
        ("", "", ("",)),
        ("  --  ", "", ("",)),
    ],
)
def test_fold(text: str, folded: str, variants: tuple[str, ...]) -> None:
    assert fold(text) == folded
    assert fold_variants(text) == variants


# Best match table ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected", "field"),
    [
        # umlauts both ways, any case
        ("muller", "anna", "name"),
        ("MULLER", "anna", "name"),
        ("müller", "anna", "name"),
        ("MÜLLER", "anna", "name"),
        ("anna mueller", "anna", "name"),
        ("anna muller", "anna", "name"),
        ("Anna Müller", "anna", "name"),
        ("jürgen", "juergen", "name"),
        ("juergen", "juergen", "name"),
        ("jurgen", "juergen", "name"),
        ("omer", "oemer", "name"),
        ("yilmaz", "oemer", "name"),
        ("soren", "soren", "name"),
        ("zoe", "zoe", "name"),
        ("nunez", "jose", "name"),
        ("Núñez", "jose", "name"),
        # ß / ss
        ("gross", "juergen", "name"),
        ("groß", "juergen", "name"),
        ("weiss", "carla", "name"),
        ("weiß-schmidt", "carla", "name"),
        ("strauss", "lena", "name"),
        ("strauß", "lena", "name"),
        ("strassenbau", "lena", "company"),
        ("straßenbau", "lena", "company"),
        # initials and run-together names
        ("amü", "anna", "name"),
        ("amue", "anna", "name"),
        ("jgr", "juergen", "name"),
        ("annamuller", "anna", "name"),
        ("cws", "carla", "name"),
        # typos
        ("anan muller", "anna", "name"),
        ("anna mulelr", "anna", "name"),
        ("jrgen", "juergen", "name"),
        ("dubios", "zoe", "name"),
        ("kierkegard", "soren", "name"),
        ("schluz", "bob", "name"),
        # companies, in-order letters
        ("strpe", "anna", "company"),  # both Stripe people; Anna was seen more recently
        ("zalndo", "carla", "company"),
        ("siemens", "juergen", "company"),
        ("telefonica", "jose", "company"),
        ("deutsche bahn", "bob", "company"),
        # tags, roles, aliases
        ("woodworking", "bob", "tag"),
        ("climbing", "carla", "tag"),
        ("open source", "jose", "tag"),
        ("tischler", "bob", "role"),
        ("steuerberater", "andreas", "role"),
        ("philosopher", "soren", "role"),
        ("bobby", "bob", "alias"),
        ("tommy", "tom", "alias"),
        ("anni", "anna", "alias"),
        # fields combined
        ("anna stripe", "anna", "name"),
        ("tom stripe", "tom", "name"),
        ("#climbing", "carla", "tag"),
    ],
)
def test_best_match(index: PeopleIndex, query: str, expected: str, field: str) -> None:
    hits = index.search(query)
    assert hits, query
    assert hits[0].person_id == expected, (query, hits[:3])
    assert hits[0].field == field, (query, hits[0])


def test_both_mullers_found_whichever_spelling(index: PeopleIndex) -> None:
    for query in ("muller", "mueller", "müller", "MÜLLER", "Mueller"):
        found = ids(index.search(query))
        assert {"anna", "hans"} <= set(found), query
    # an exact name outranks the company "Müller & Söhne" and an umlaut spelled "ue" by someone else
    assert ids(index.search("hans mueller"))[0] == "hans"


def test_exact_beats_prefix_beats_fuzzy(index: PeopleIndex) -> None:
    hits = index.search("anna")
    assert ids(hits)[0] == "anna"
    scores = {h.person_id: h.score for h in hits}
    assert scores["anna"] > scores.get("annika", 0)  # exact word vs. prefix ("ann…")
    assert ids(index.search("ann"))[:2] == ["annika", "anna"]  # both prefixes: more recent first


def test_same_score_ties_go_to_recency(index: PeopleIndex) -> None:
    # both work at Stripe; Anna was seen on the 20th, Tom on the 10th
    assert ids(index.search("stripe"))[:2] == ["anna", "tom"]
    index.touch("tom", date(2026, 11, 28))
    assert ids(index.search("stripe"))[:2] == ["tom", "anna"]


def test_role_and_tag_rank_below_a_name(index: PeopleIndex) -> None:
    hits = index.search("sales")
    # Jürgen has the tag "sales" (and role "Head of Sales"), Tom is "Sales Lead"
    assert set(ids(hits)[:2]) == {"juergen", "tom"}
    assert all(h.field in {"tag", "role"} for h in hits[:2])


# Short queries -------------------------------------------------------------------------------------------


def test_empty_query_lists_everyone_by_recency(index: PeopleIndex) -> None:
    found = ids(index.search(""))
    assert len(found) == len(PEOPLE)
    assert found[:3] == ["priya", "amelie", "annika"]
    # never seen last, then by name: José before Ömer
    assert found[-2:] == ["jose", "oemer"]
    assert ids(index.search("   ")) == found
    assert ids(index.search("", limit=2)) == ["priya", "amelie"]


def test_one_and_two_letters_are_word_starts_by_recency(index: PeopleIndex) -> None:
    # "a": Amelie (27th), Annika (25th), Anna (20th), Zoë ("Mistral AI"), Andreas (2024), then Ömer
    # ("Kiosk am Eck"), never seen
    assert ids(index.search("a")) == ["amelie", "annika", "anna", "zoe", "andreas", "oemer"]
    assert ids(index.search("an")) == ["annika", "anna", "andreas"]
    # word starts of the surname, company, tags too; not inside words
    assert ids(index.search("sc")) == ["amelie", "carla", "bob"]
    assert "hans" not in ids(index.search("ue"))
    # "mü" is "mue" or "mu": Annika's tag "music", Anna Müller, Hans Mueller (and his "Müller & Söhne")
    assert ids(index.search("mü")) == ["annika", "anna", "hans"]


def test_two_letter_initials(index: PeopleIndex) -> None:
    found = ids(index.search("am"))
    assert "anna" in found  # Anna Müller by initials
    assert "amelie" in found  # word start
    assert found.index("amelie") < found.index("anna")  # ranked by recency
    assert ids(index.search("jg")) == ["juergen"]
    assert ids(index.search("db")) == ["bob"]  # Deutsche Bahn


def test_archived_can_be_excluded(index: PeopleIndex) -> None:
    assert "priya" in ids(index.search("python"))
    assert ids(index.search("python", include_archived=False)) == ["anna"]
    assert "priya" not in ids(index.search("", include_archived=False))
    assert "priya" not in ids(index.search("p", include_archived=False))
    assert len(index) == len(PEOPLE)


def test_limit(index: PeopleIndex) -> None:
    assert len(index.search("", limit=3)) == 3
    assert index.search("anna", limit=0) == []
    assert len(index.search("a", limit=1)) == 1


# Updates -------------------------------------------------------------------------------------------------


def test_upsert_adds_and_replaces(index: PeopleIndex) -> None:
    assert "new" not in ids(index.search("kowalski"))
    index.upsert(_p("new", "Ewa Kowalski", company="Stripe"), date(2026, 11, 29))
    assert len(index) == len(PEOPLE) + 1
    assert ids(index.search("kowalski"))[0] == "new"
    assert ids(index.search("stripe"))[0] == "new"  # most recent of the Stripe people
    assert ids(index.search("e"))[0] == "new"
    # replace: the old keys are gone, the new ones found
    index.upsert(_p("new", "Ewa Nowak", company="Zalando"), date(2026, 11, 29))
    assert len(index) == len(PEOPLE) + 1
    assert "new" not in ids(index.search("kowalski"))
    assert "new" not in ids(index.search("stripe"))
    assert ids(index.search("nowak"))[0] == "new"
    assert ids(index.search("zalando"))[:2] == ["new", "carla"]


def test_upsert_deleted_person_removes_it(index: PeopleIndex) -> None:
    gone = _p("anna", "Anna Müller")
    gone.deleted = "2026-11-29T10:00:00Z"
    index.upsert(gone, None)
    assert len(index) == len(PEOPLE) - 1
    assert "anna" not in ids(index.search("muller"))
    assert "anna" not in ids(index.search(""))
    assert index.find_exact("Anna Müller") == []


def test_remove(index: PeopleIndex) -> None:
    index.remove("tom")
    index.remove("nobody")  # unknown ids are ignored
    assert len(index) == len(PEOPLE) - 1
    assert "tom" not in ids(index.search("stripe"))
    assert "tom" not in ids(index.search("t"))
    assert "tom" not in ids(index.search("tommy"))
    # a word only Tom had is gone from the vocabulary, the shared ones stay
    assert ids(index.search("stripe")) == ["anna"]


def test_touch_changes_recency_only(index: PeopleIndex) -> None:
    assert ids(index.search(""))[0] == "priya"
    index.touch("soren", date(2026, 11, 29))
    assert ids(index.search(""))[0] == "soren"
    assert ids(index.search("s"))[0] == "soren"
    index.touch("soren", None)
    assert ids(index.search(""))[-3:] == ["jose", "oemer", "soren"]
    index.touch("nobody", TODAY)  # ignored
    assert len(index) == len(PEOPLE)


def test_rebuild_replaces_everything(index: PeopleIndex) -> None:
    index.rebuild([_p("x", "Xaver Huber")], {})
    assert len(index) == 1
    assert ids(index.search("")) == ["x"]
    assert index.search("anna") == []


def test_find_exact(index: PeopleIndex) -> None:
    assert index.find_exact("Anna Müller") == ["anna"]
    assert index.find_exact("anna mueller") == ["anna"]
    assert index.find_exact("ANNA MULLER") == ["anna"]
    assert index.find_exact("Bobby") == ["bob"]  # an alias
    assert index.find_exact("Anna") == []  # not the whole name
    assert index.find_exact("") == []
    index.upsert(_p("anna2", "Anna Müller", company="Bosch"), date(2026, 11, 29))
    assert index.find_exact("anna müller") == ["anna2", "anna"]  # most recent first


def test_concurrent_updates_and_searches_stay_consistent() -> None:
    idx = PeopleIndex()
    idx.rebuild(PEOPLE, LAST_SEEN)
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            for i in range(150):
                idx.upsert(_p(f"w{i % 20}", f"Walter Nummer{i}", company="Stripe"), date(2026, 1, 1 + i % 28))
                if i % 3 == 0:
                    idx.remove(f"w{(i * 7) % 20}")
                idx.touch("anna", date(2026, 11, 1 + i % 28))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            stop.set()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while not stop.is_set():
            for query in ("", "w", "walter", "stripe", "nummer1", "anna"):
                for hit in idx.search(query):
                    assert isinstance(hit, Hit)
    finally:
        thread.join()
    assert not errors
    assert ids(idx.search("muller"))[0] == "anna"


# Robustness ----------------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(query=st.text(), limit=st.integers(min_value=0, max_value=60), archived=st.booleans())
def test_any_query_returns_hits(query: str, limit: int, archived: bool) -> None:
    idx = _shared_index()
    hits = idx.search(query, limit, include_archived=archived)
    assert isinstance(hits, list)
    assert len(hits) <= limit
    assert len({h.person_id for h in hits}) == len(hits)
    assert all(isinstance(h, Hit) and h.field in {"name", "alias", "company", "role", "tag"} for h in hits)


@settings(max_examples=40, deadline=None)
@given(
    query=st.one_of(
        st.text(min_size=500, max_size=3000),
        st.text(alphabet="aäöüßeéns -", min_size=1, max_size=80),
        st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=5), st.integers(1, 2000)),
    )
)
def test_huge_and_odd_queries(query: str) -> None:
    hits = _shared_index().search(query)
    assert isinstance(hits, list)
    assert fold(query) == fold_variants(query)[0]


@settings(max_examples=60, deadline=None)
@given(
    name=st.text(min_size=1, max_size=60),
    company=st.text(max_size=30),
    tags=st.lists(st.text(max_size=20), max_size=3),
)
def test_any_person_can_be_indexed_and_found(name: str, company: str, tags: list[str]) -> None:
    idx = PeopleIndex()
    idx.rebuild(PEOPLE, LAST_SEEN)
    idx.upsert(_p("odd", name, company=company, tags=tags), TODAY)
    assert len(idx) == len(PEOPLE) + 1
    if fold(name):
        assert "odd" in ids(idx.search(name))
        assert "odd" in idx.find_exact(name)
    idx.remove("odd")
    assert len(idx) == len(PEOPLE)


_SHARED: list[PeopleIndex] = []


def _shared_index() -> PeopleIndex:
    if not _SHARED:
        idx = PeopleIndex()
        idx.rebuild(PEOPLE, LAST_SEEN)
        _SHARED.append(idx)
    return _SHARED[0]


def test_rebuild_with_a_repeated_id_keeps_the_last() -> None:
    idx = PeopleIndex()
    idx.rebuild([_p("x", "Xaver Quast"), _p("y", "Yvonne Berg"), _p("x", "Xaver Huber")], {"x": TODAY})
    assert len(idx) == 2
    assert idx.search("quast") == []
    assert ids(idx.search("q")) == []
    assert ids(idx.search("huber")) == ["x"]
    assert ids(idx.search("")) == ["x", "y"]


def test_new_words_are_found_by_every_kind_of_match(index: PeopleIndex) -> None:
    # warm the lazy vocabulary caches first, so the upsert must refresh them
    for query in ("walski", "kowlaski", "kwlsk", "k", "ewa kow"):
        index.search(query)
    index.upsert(_p("ewa", "Ewa Kowalski", company="Quarkwerk"), date(2026, 11, 29))
    assert ids(index.search("walski"))[0] == "ewa"  # inside a word
    assert ids(index.search("kowlaski"))[0] == "ewa"  # typo
    assert ids(index.search("kowals"))[0] == "ewa"  # prefix
    assert ids(index.search("kwlsk"))[0] == "ewa"  # letters in order
    assert ids(index.search("quarkwrek"))[0] == "ewa"
    assert ids(index.search("ek"))[0] == "ewa"  # initials
    index.remove("ewa")
    for query in ("walski", "kowlaski", "kowals", "kwlsk", "quarkwrek", "ek"):
        assert "ewa" not in ids(index.search(query)), query


def test_walking_by_recency_or_sorting_the_matches_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    from journal import search

    rng = random.Random(3)
    firsts = ["Anna", "Andreas", "Bärbel", "Jürgen", "Mia", "Max", "Zoë", "Ömer", "Sven", "Ute"]
    lasts = ["Müller", "Maier", "Schulz", "Weiß-Schmidt", "Groß", "Abel", "Berg", "Öztürk", "Uhl"]
    people = [
        _p(
            f"p{i}",
            f"{rng.choice(firsts)} {rng.choice(lasts)}",
            company=rng.choice(["Stripe", "SAP", "Aldi"]),
            tags=rng.sample(["python", "ski", "art"], 1),
            archived=rng.random() < 0.1,
        )
        for i in range(1500)
    ]
    seen = {
        p.id: (None if rng.random() < 0.2 else date(2026, 1, 1) + (date(2026, 1, 2) - date(2026, 1, 1)) * i)
        for i, p in enumerate(people)
    }
    idx = PeopleIndex()
    idx.rebuild(people, seen)
    queries = ["a", "m", "mü", "am", "ab", "s", "sw", "ö", "oe", "u", "q", "ws", "a m", "ß", "ﬃ", "ä", "b ü"]
    queries += ["stripe", "müll", "schul", "ber", "anna", "aldi python", "grss"]  # longer: walk or sort
    results = {}
    for threshold in (0, 10**9):
        monkeypatch.setattr(search, "_WALK_FACTOR", threshold)
        results[threshold] = [
            [(h.person_id, h.score, h.field) for h in idx.search(q, 30, include_archived=archived)]
            for q in queries
            for archived in (True, False)
        ]
    assert results[0] == results[10**9]
    assert any(len(r) == 30 for r in results[0])


def test_words_of_one_or_two_letters_match_word_starts_by_recency(index: PeopleIndex) -> None:
    # every word must start a word of the person (any key); most recent first
    assert ids(index.search("a m")) == ["annika", "anna", "zoe", "andreas"]  # music, Müller, Mistral AI, Maier
    assert ids(index.search("s j b")) == ["juergen"]  # Siemens/sales, Jürgen, berlin
    assert ids(index.search("x y")) == []
    # "mü" folds to "mue": a longer query, ranked by score
    assert ids(index.search("an mü")) == ["anna", "annika"]
