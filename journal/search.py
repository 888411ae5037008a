"""Find people again in a keystroke: folded keys in memory, rapidfuzz ranking.

The index never touches storage. ``JournalStore`` feeds it (``rebuild`` on load, ``upsert``/``remove``/
``touch`` on every write) and the UI calls ``search`` on each keystroke.

Matching works on *folded* text (see :func:`fold`): lower case, ß→ss, accents stripped, and German umlauts
indexed both ways (ä→ae and ä→a), so "muller", "mueller", "müller" and "MÜLLER" all find Müller.

Ranking (higher score is better):

* empty query: everyone, most recently seen first, never-seen last, then by name;
* 1–2 characters: word starts (name, aliases, company, role, tags) and initials ("am" → Anna Müller),
  most recently seen first;
* 3+ characters: every query word is scored against the vocabulary of indexed words, best first:
  exact word 100, word prefix 96, initials/concatenated words ("amü", "annamuller") 88–90, in-order
  letters from a word start ("strpe" → Stripe) ~80–84, typos (rapidfuzz OSA edit distance on the word or
  on the typed prefix of the word) 68–78, substring inside a word 70–80; a small penalty per field
  (alias 1, company 2, tag 2.5, role 3). A multi-word query scores the mean of its words, −2 when they
  hit different keys ("anna stripe" finds Anna at Stripe). If nothing scores well, whole names are
  compared with ``fuzz.ratio`` as a fallback. Ties (same rounded score) go to word-start matches, then
  to the most recently seen person, then to the name.

Cost per keystroke is proportional to the vocabulary (unique words, which grows far slower than the number
of people) plus the postings of the words that matched; no per-person Python loop over everyone.

Thread safety: the whole index is one immutable snapshot object. Writers (``rebuild``/``upsert``/
``remove``/``touch``, typically on a worker thread) build a new snapshot under a lock and swap a single
reference; ``search`` reads that reference once, so it never sees a half-updated index.
"""

from __future__ import annotations

import heapq
import re
import threading
import unicodedata
from bisect import bisect_left, insort
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, LCSseq

from journal.model import Person

__all__ = ["Hit", "PeopleIndex", "fold", "fold_variants"]


@dataclass(frozen=True, slots=True)
class Hit:
    person_id: str
    score: float  # higher is better, 0..100-ish
    field: str  # which key matched best: "name", "alias", "company", "role", "tag"


# --------------------------------------------------------------------------------------------------------
# Folding

_UMLAUT_AE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe"})
_UMLAUT_STRIP = str.maketrans({"ø": "o"})
# Letters NFKD does not decompose.
_SPECIAL = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t"}
)
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a]")
_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
_SEPARATORS = re.compile(r"[\W_]+")


def _fold(text: str, table: dict[int, Any]) -> str:
    value = unicodedata.normalize("NFC", text).casefold().translate(table).translate(_SPECIAL)
    value = _MARKS.sub("", unicodedata.normalize("NFKD", value))
    value = _APOSTROPHES.sub("", value.casefold())  # NFKD can bring back capitals (ℌ → H)
    return _SEPARATORS.sub(" ", value).strip()


@lru_cache(maxsize=1 << 16)
def _variants(text: str) -> tuple[str, ...]:
    primary = _fold(text, _UMLAUT_AE)
    stripped = _fold(text, _UMLAUT_STRIP)
    return (primary,) if stripped == primary else (primary, stripped)


def fold(text: str) -> str:
    """The primary folded form: lower case, ß→ss, ä→ae/ö→oe/ü→ue, other accents stripped.

    Punctuation becomes a single space (apostrophes vanish), so "Weiß-Schmidt" → "weiss schmidt".
    """
    return _variants(str(text or ""))[0]


def fold_variants(text: str) -> tuple[str, ...]:
    """Every spelling to index: the primary fold (ä→ae) and the stripped one (ä→a), deduplicated."""
    return _variants(str(text or ""))


# --------------------------------------------------------------------------------------------------------
# Snapshot

_PENALTY = {"name": 0.0, "alias": 1.0, "company": 2.0, "tag": 2.5, "role": 3.0}
_INITIAL_FIELDS = frozenset({"name", "alias", "company"})
_NEVER = -1  # recency of someone never seen: below every date ordinal (which start at 1)
_MAX_QUERY = 200  # characters of a query that are looked at
_MAX_TOKENS = 6
_MAX_TOKEN = 40
_MAX_INITIALS = 24
_HIGH = "\U0010ffff"

# Scores (see the module docstring).
S_EXACT = 100.0
S_PREFIX = 96.0
S_INITIALS = 90.0
S_INITIALS_LATER = 88.0  # initials that start at a later word ("ws" → Weiß-Schmidt)
S_MIXED_KEYS = 2.0  # multi-word query whose words hit different keys


def _edit_budget(length: int) -> int:
    if length < 4:
        return 0
    return 1 if length <= 6 else 2


# A posting: (person id, slot, field penalty, field). One shared tuple per key of a person.
_Ref = tuple[str, int, float, str]
# An initials candidate: (ref, words of one spelling of the key, index of the start word).
_Seq = tuple[_Ref, tuple[str, ...], int]


@dataclass(frozen=True, slots=True)
class _Entry:
    pid: str
    sort_name: str
    archived: bool
    refs: tuple[_Ref, ...]  # one per key slot: name, aliases…, company, role, tags…
    words: tuple[tuple[str, int], ...]  # (word, slot), unique
    seqs: tuple[_Seq, ...]  # multi-word name/alias/company spellings, for initials
    exact: tuple[str, ...]  # folded spellings of the name and the aliases
    compact: tuple[tuple[str, int], ...]  # (spelling without spaces, slot) of name and aliases


def _make_entry(person: Person) -> _Entry:
    pid = person.id
    values: list[tuple[str, str]] = [("name", person.name or "")]
    values += [("alias", a) for a in (person.aliases or ()) if a]
    if person.company:
        values.append(("company", person.company))
    if person.role:
        values.append(("role", person.role))
    values += [("tag", t) for t in (person.tags or ()) if t]
    refs: list[_Ref] = []
    words: dict[tuple[str, int], None] = {}
    seqs: list[_Seq] = []
    exact: dict[str, None] = {}
    compact: dict[tuple[str, int], None] = {}
    for slot, (field_name, value) in enumerate(values):
        ref: _Ref = (pid, slot, _PENALTY[field_name], field_name)
        refs.append(ref)
        for spelling in fold_variants(value):
            parts = tuple(spelling.split())
            if not parts:
                continue
            for word in parts:
                words[(word, slot)] = None
            if field_name in ("name", "alias"):
                exact[spelling] = None
                compact[("".join(parts), slot)] = None
            if field_name in _INITIAL_FIELDS and 1 < len(parts) <= 8:
                for start in range(len(parts) - 1):
                    seqs.append((ref, parts, start))
    name = person.name or ""
    return _Entry(
        pid=pid,
        sort_name=fold(name) + "\x00" + name,
        archived=bool(person.archived),
        refs=tuple(refs),
        words=tuple(words),
        seqs=tuple(seqs),
        exact=tuple(exact),
        compact=tuple(compact),
    )


def _recency(value: date | None) -> int:
    return value.toordinal() if isinstance(value, date) else _NEVER


class _Snapshot:
    """One immutable state of the index. Only ``memo``/``vmemo`` (lazy caches) are ever written to."""

    __slots__ = ("entries", "recency", "postings", "vocab", "initials", "exact", "compact", "memo", "vmemo")

    def __init__(
        self,
        entries: dict[str, _Entry],
        recency: dict[str, int],
        postings: dict[str, tuple[_Ref, ...]],
        vocab: list[str],
        initials: dict[tuple[str, str], tuple[_Seq, ...]],
        exact: dict[str, tuple[str, ...]],
        compact: dict[str, tuple[_Ref, ...]],
        vmemo: dict[Any, Any] | None = None,
    ) -> None:
        self.entries = entries
        self.recency = recency
        self.postings = postings
        self.vocab = vocab  # sorted words with postings
        self.initials = initials  # (first letter of word i, first letter of word i+1) → candidates
        self.exact = exact  # folded name/alias spelling → person ids
        self.compact = compact  # name/alias spelling without spaces → refs
        self.memo: dict[Any, Any] = {}  # caches depending on anything
        self.vmemo: dict[Any, Any] = {} if vmemo is None else vmemo  # caches depending on vocab only

    # Lazy caches ------------------------------------------------------------------------------------------

    def by_recency(self) -> list[str]:
        order = self.memo.get("recency")
        if order is None:
            rec = self.recency
            entries = self.entries
            order = sorted(entries, key=lambda pid: (-rec.get(pid, _NEVER), entries[pid].sort_name, pid))
            self.memo["recency"] = order
        return order

    def prefixes(self, length: int) -> tuple[list[str], dict[str, list[str]]]:
        """Unique ``word[:length]`` of the longer words, and which words each stands for."""
        key = ("prefixes", length)
        cached = self.vmemo.get(key)
        if cached is None:
            groups: dict[str, list[str]] = {}
            for word in self.vocab:
                if len(word) > length:
                    groups.setdefault(word[:length], []).append(word)
            cached = (list(groups), groups)
            self.vmemo[key] = cached
        return cached

    def compact_keys(self) -> list[str]:
        keys = self.memo.get("compact")
        if keys is None:
            keys = self.memo["compact"] = list(self.compact)
        return keys

    def has_prefix(self, prefix: str) -> bool:
        vocab = self.vocab
        i = bisect_left(vocab, prefix)
        return i < len(vocab) and vocab[i].startswith(prefix)


def _empty_snapshot() -> _Snapshot:
    return _Snapshot({}, {}, {}, [], {}, {}, {})


def _add_to(table: dict[Any, tuple[Any, ...]], key: Any, item: Any) -> None:
    table[key] = table.get(key, ()) + (item,)


def _drop_from(table: dict[Any, tuple[Any, ...]], key: Any, keep: Any) -> None:
    remaining = tuple(x for x in table.get(key, ()) if keep(x))
    if remaining:
        table[key] = remaining
    else:
        table.pop(key, None)


# --------------------------------------------------------------------------------------------------------
# Matching helpers


def _initials_split(query: str, words: tuple[str, ...], start: int) -> int:
    """How many words ``query`` covers as non-empty prefixes of consecutive words from ``start``.

    "amue" on ("anna", "mueller") → 2 (a + mue); 0 if it cannot be split so, or covers only one word.
    """
    n = len(query)
    failed: set[tuple[int, int]] = set()

    def walk(pos: int, index: int) -> int:
        if pos == n:
            return index - start if index - start >= 2 else 0
        if index >= len(words) or (pos, index) in failed:
            return 0
        word = words[index]
        limit = min(len(word), n - pos)
        k = 0
        while k < limit and word[k] == query[pos + k]:
            k += 1
        # Longest part first: "annamuller" → anna + muller.
        for take in range(k, 0, -1):
            covered = walk(pos + take, index + 1)
            if covered:
                return covered
        failed.add((pos, index))
        return 0

    return walk(0, start)


# Per-person result while scoring: (score, word-start match, slot, field).
_Match = tuple[float, bool, int, str]


class PeopleIndex:
    """In-memory fuzzy index of people; see the module docstring for matching and ranking."""

    def __init__(self) -> None:
        self._snap = _empty_snapshot()
        self._write_lock = threading.Lock()

    # Writing ----------------------------------------------------------------------------------------------

    def rebuild(self, people: Iterable[Person], last_seen: Mapping[str, date | None]) -> None:
        entries: dict[str, _Entry] = {}
        for person in people:
            if person.deleted is not None:
                continue
            entries[person.id] = _make_entry(person)
        recency = {pid: _recency(last_seen.get(pid)) for pid in entries}
        postings: dict[str, list[_Ref]] = {}
        initials: dict[tuple[str, str], list[_Seq]] = {}
        exact: dict[str, list[str]] = {}
        compact: dict[str, list[_Ref]] = {}
        for pid, entry in entries.items():
            refs = entry.refs
            for word, slot in entry.words:
                bucket = postings.get(word)
                if bucket is None:
                    postings[word] = [refs[slot]]
                else:
                    bucket.append(refs[slot])
            for seq in entry.seqs:
                _ref, parts, start = seq
                initials.setdefault((parts[start][0], parts[start + 1][0]), []).append(seq)
            for spelling in entry.exact:
                exact.setdefault(spelling, []).append(pid)
            for spelling, slot in entry.compact:
                compact.setdefault(spelling, []).append(refs[slot])
        snap = _Snapshot(
            entries,
            recency,
            {w: tuple(v) for w, v in postings.items()},
            sorted(postings),
            {k: tuple(v) for k, v in initials.items()},
            {k: tuple(v) for k, v in exact.items()},
            {k: tuple(v) for k, v in compact.items()},
        )
        with self._write_lock:
            self._snap = snap

    def upsert(self, person: Person, last_seen: date | None) -> None:
        """Add or replace one person; a deleted person (``person.deleted`` set) is removed."""
        if person.deleted is not None:
            self.remove(person.id)
            return
        entry = _make_entry(person)
        with self._write_lock:
            self._snap = self._replace(self._snap, person.id, entry, _recency(last_seen))

    def remove(self, person_id: str) -> None:
        with self._write_lock:
            if person_id in self._snap.entries:
                self._snap = self._replace(self._snap, person_id, None, _NEVER)

    def touch(self, person_id: str, last_seen: date | None) -> None:
        """The person's recency changed (an encounter was logged or removed)."""
        with self._write_lock:
            old = self._snap
            if person_id not in old.entries:
                return
            value = _recency(last_seen)
            if old.recency.get(person_id) == value:
                return
            recency = dict(old.recency)
            recency[person_id] = value
            snap = _Snapshot(
                old.entries, recency, old.postings, old.vocab, old.initials, old.exact, old.compact, old.vmemo
            )
            if "compact" in old.memo:
                snap.memo["compact"] = old.memo["compact"]
            self._snap = snap

    @staticmethod
    def _replace(old: _Snapshot, pid: str, entry: _Entry | None, recency_value: int) -> _Snapshot:
        """A new snapshot with ``pid``'s entry replaced by ``entry`` (None removes it). Copy-on-write."""
        previous = old.entries.get(pid)
        entries = dict(old.entries)
        recency = dict(old.recency)
        postings = dict(old.postings)
        initials = dict(old.initials)
        exact = dict(old.exact)
        compact = dict(old.compact)
        vocab = old.vocab
        not_pid = lambda item: item[0] != pid  # noqa: E731 - refs start with the person id
        if previous is not None:
            for word in {w for w, _slot in previous.words}:
                _drop_from(postings, word, not_pid)
            for _ref, parts, start in previous.seqs:
                _drop_from(initials, (parts[start][0], parts[start + 1][0]), lambda s: s[0][0] != pid)
            for spelling in previous.exact:
                _drop_from(exact, spelling, lambda x: x != pid)
            for spelling, _slot in previous.compact:
                _drop_from(compact, spelling, not_pid)
            del entries[pid]
            del recency[pid]
        if entry is not None:
            entries[pid] = entry
            recency[pid] = recency_value
            for word, slot in entry.words:
                _add_to(postings, word, entry.refs[slot])
            for seq in entry.seqs:
                _ref, parts, start = seq
                _add_to(initials, (parts[start][0], parts[start + 1][0]), seq)
            for spelling in entry.exact:
                _add_to(exact, spelling, pid)
            for spelling, slot in entry.compact:
                _add_to(compact, spelling, entry.refs[slot])
        # The sorted vocabulary changes only when a word appears or disappears.
        gone = [w for w in ({w for w, _ in previous.words} if previous else ()) if w not in postings]
        new = sorted({w for w, _ in entry.words if w not in old.postings} if entry else ())
        vmemo = old.vmemo
        if gone or new:
            vocab = list(vocab)
            for word in gone:
                i = bisect_left(vocab, word)
                if i < len(vocab) and vocab[i] == word:
                    del vocab[i]
            for word in new:
                insort(vocab, word)
            vmemo = None
        return _Snapshot(entries, recency, postings, vocab, initials, exact, compact, vmemo)

    # Reading ----------------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._snap.entries)

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._snap.entries

    def find_exact(self, name: str) -> list[str]:
        """Ids whose folded name or an alias equals ``fold(name)`` (either umlaut spelling), most recent first."""
        snap = self._snap
        found: dict[str, None] = {}
        for spelling in fold_variants(name):
            if spelling:
                for pid in snap.exact.get(spelling, ()):
                    found[pid] = None
        rec = snap.recency
        entries = snap.entries
        return sorted(found, key=lambda pid: (-rec.get(pid, _NEVER), entries[pid].sort_name, pid))

    def search(self, query: str, limit: int = 50, *, include_archived: bool = True) -> list[Hit]:
        snap = self._snap  # read once: everything below sees one consistent state
        if limit <= 0 or not snap.entries:
            return []
        raw = unicodedata.normalize("NFC", str(query or "")[:_MAX_QUERY]).strip()
        spellings = [s for s in fold_variants(raw) if s]
        entries = snap.entries
        if not spellings:
            hits = []
            for pid in snap.by_recency():
                if include_archived or not entries[pid].archived:
                    hits.append(Hit(pid, 0.0, "name"))
                    if len(hits) >= limit:
                        break
            return hits

        short = len("".join(raw.split())) <= 2
        found: dict[str, _Match] = {}
        for spelling in spellings:
            tokens = [t[:_MAX_TOKEN] for t in spelling.split()[:_MAX_TOKENS]]
            for pid, match in self._match(snap, tokens, full=not short).items():
                current = found.get(pid)
                if current is None or match[0] > current[0]:
                    found[pid] = match
        if not short and len(spellings[0].replace(" ", "")) >= 4:
            if not found or max(m[0] for m in found.values()) < 80.0:
                for spelling in spellings:
                    self._whole_name_fuzzy(snap, spelling.replace(" ", ""), found)

        if not include_archived:
            found = {pid: m for pid, m in found.items() if not entries[pid].archived}
        rec = snap.recency
        if short:
            def order(item: tuple[str, _Match]) -> tuple[Any, ...]:
                pid = item[0]
                return (-rec.get(pid, _NEVER), entries[pid].sort_name, pid)
        else:
            def order(item: tuple[str, _Match]) -> tuple[Any, ...]:
                pid, (score, word_start, _slot, _field) = item
                return (-round(score), not word_start, -rec.get(pid, _NEVER), entries[pid].sort_name, pid)

        best = heapq.nsmallest(limit, found.items(), key=order)
        return [Hit(pid, round(m[0], 2), m[3]) for pid, m in best]

    # Scoring ----------------------------------------------------------------------------------------------

    def _word_scores(self, snap: _Snapshot, token: str, full: bool) -> dict[str, tuple[float, bool]]:
        """Indexed words this query word matches: word → (score, matched at the word's start)."""
        vocab = snap.vocab
        scores: dict[str, tuple[float, bool]] = {}
        lo = bisect_left(vocab, token)
        hi = bisect_left(vocab, token + _HIGH, lo)
        for word in vocab[lo:hi]:
            scores[word] = (S_EXACT if word == token else S_PREFIX, True)
        n = len(token)
        if not full or n < 3:
            return scores

        def offer(word: str, score: float, word_start: bool) -> None:
            current = scores.get(word)
            if current is None or score > current[0]:
                scores[word] = (score, word_start)

        # The letters in order ("strpe" → stripe) or as a run inside a word ("ller" → mueller).
        for word, _lcs, _i in process.extract(
            token, vocab, scorer=LCSseq.similarity, processor=None, score_cutoff=n, limit=None
        ):
            if word in scores:
                continue
            ratio = n / len(word)
            if word[0] == token[0]:
                offer(word, 76.0 + 8.0 * ratio, True)
            elif token in word:
                offer(word, 70.0 + 10.0 * ratio, False)
        budget = _edit_budget(n)
        if budget:
            # Typos in a whole word ("anan" → anna) …
            for word, edits, _i in process.extract(
                token, vocab, scorer=OSA.distance, processor=None, score_cutoff=budget, limit=None
            ):
                if edits:
                    offer(word, 84.0 - 6.0 * edits, False)
            # … and in the part typed so far ("mulel" → muell…er).
            keys, groups = snap.prefixes(n)
            for prefix, edits, _i in process.extract(
                token, keys, scorer=OSA.distance, processor=None, score_cutoff=budget, limit=None
            ):
                if edits:
                    for word in groups[prefix]:
                        offer(word, 80.0 - 6.0 * edits, False)
        return scores

    @staticmethod
    def _collect(snap: _Snapshot, scores: dict[str, tuple[float, bool]]) -> dict[str, _Match]:
        """Best match per person over the postings of the matched words."""
        best: dict[str, _Match] = {}
        postings = snap.postings
        get = best.get
        for word, (score, word_start) in scores.items():
            for pid, slot, penalty, field_name in postings.get(word, ()):
                value = score - penalty
                current = get(pid)
                if current is None or value > current[0]:
                    best[pid] = (value, word_start, slot, field_name)
        return best

    @staticmethod
    def _check(snap: _Snapshot, scores: dict[str, tuple[float, bool]], candidates: Iterable[str]) -> dict[str, _Match]:
        """Like :meth:`_collect`, but only for ``candidates``, looking at their own words."""
        best: dict[str, _Match] = {}
        entries = snap.entries
        for pid in candidates:
            entry = entries[pid]
            found: _Match | None = None
            for word, slot in entry.words:
                hit = scores.get(word)
                if hit is not None:
                    _pid, _slot, penalty, field_name = entry.refs[slot]
                    value = hit[0] - penalty
                    if found is None or value > found[0]:
                        found = (value, hit[1], slot, field_name)
            if found is not None:
                best[pid] = found
        return best

    def _initials(self, snap: _Snapshot, token: str, best: dict[str, _Match]) -> None:
        """Initials and run-together words: "am"/"amue" → Anna Müller, "annamuller" too."""
        if len(token) < 2 or len(token) > _MAX_INITIALS:
            return
        buckets = snap.initials
        seen_letters: set[str] = set()
        for j in range(1, len(token)):
            if not snap.has_prefix(token[:j]):
                break
            letter = token[j]
            if letter in seen_letters:
                continue
            seen_letters.add(letter)
            for ref, parts, start in buckets.get((token[0], letter), ()):
                covered = _initials_split(token, parts, start)
                if not covered:
                    continue
                pid, slot, penalty, field_name = ref
                base = S_INITIALS if start == 0 and covered == len(parts) else S_INITIALS_LATER
                if start == 0 and covered < len(parts):
                    base = S_INITIALS - 1.0
                value = base - penalty
                current = best.get(pid)
                if current is None or value > current[0]:
                    best[pid] = (value, True, slot, field_name)

    def _match(self, snap: _Snapshot, tokens: list[str], full: bool) -> dict[str, _Match]:
        if not tokens:
            return {}
        postings = snap.postings
        scored = []
        for token in tokens:
            scores = self._word_scores(snap, token, full)
            weight = sum(len(postings.get(w, ())) for w in scores)
            scored.append((weight, token, scores))
        if len(tokens) == 1:
            _weight, token, scores = scored[0]
            best = self._collect(snap, scores)
            self._initials(snap, token, best)
            return best

        # Several words: each must match the same person (any key); mean score, −2 across keys.
        order = sorted(range(len(scored)), key=lambda i: scored[i][0])
        per_token: list[dict[str, _Match]] = [{} for _ in scored]
        first = order[0]
        per_token[first] = self._collect(snap, scored[first][2])
        alive = set(per_token[first])
        for i in order[1:]:
            if not alive:
                break
            weight, _token, scores = scored[i]
            if weight <= 4 * len(alive):
                matches = self._collect(snap, scores)
            else:
                matches = self._check(snap, scores, alive)
            per_token[i] = matches
            alive &= matches.keys()
        count = len(tokens)
        result: dict[str, _Match] = {}
        if alive:
            for pid in alive:
                matched = [per_token[i][pid] for i in range(count)]
                total = sum(m[0] for m in matched) / count
                if len({m[2] for m in matched}) > 1:
                    total -= S_MIXED_KEYS
                lead = max(matched, key=lambda m: m[0])
                result[pid] = (total, all(m[1] for m in matched), lead[2], lead[3])
            return result
        if not full:
            return result
        # Nobody matches every word: rank by the words that do match (a missing word counts 0).
        sums: dict[str, list[Any]] = {}
        for i, (_weight, _token, scores) in enumerate(scored):
            matches = per_token[i] if i == first else self._collect(snap, scores)
            for pid, match in matches.items():
                acc = sums.get(pid)
                if acc is None:
                    sums[pid] = [match[0], match]
                else:
                    acc[0] += match[0]
                    if match[0] > acc[1][0]:
                        acc[1] = match
        for pid, (total, lead) in sums.items():
            score = total / count - S_MIXED_KEYS
            if score >= 40.0:
                result[pid] = (score, False, lead[2], lead[3])
        return result

    @staticmethod
    def _whole_name_fuzzy(snap: _Snapshot, compact: str, found: dict[str, _Match]) -> None:
        """Fallback for run-together or badly typed names: ``fuzz.ratio`` on names without spaces."""
        if not compact:
            return
        for key, ratio, _i in process.extract(
            compact, snap.compact_keys(), scorer=fuzz.ratio, processor=None, score_cutoff=75, limit=200
        ):
            for pid, slot, penalty, field_name in snap.compact.get(key, ()):
                value = 0.8 * ratio - penalty
                current = found.get(pid)
                if current is None or value > current[0]:
                    found[pid] = (value, False, slot, field_name)
