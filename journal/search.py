"""Find people again in a keystroke: folded keys in memory, rapidfuzz ranking.

The index never touches storage. ``JournalStore`` feeds it (``rebuild`` on load, ``upsert``/``remove``/
``touch`` on every write) and the UI calls ``search`` on each keystroke.

Matching works on *folded* text (see :func:`journal.folding.fold`): lower case, ß→ss, accents stripped, and German umlauts
indexed both ways (ä→ae and ä→a), so "muller", "mueller", "müller" and "MÜLLER" all find Müller.

Ranking (higher score is better):

* empty query: everyone, most recently seen first, never-seen last, then by name;
* 1–2 characters (or only words of 1–2 letters, "an mü"): word starts (name, aliases, company, role,
  tags; every query word must start one) and initials ("am" → Anna Müller), most recently seen first;
* 3+ characters: every query word is scored against the vocabulary of indexed words: exact word 100,
  word prefix 96, initials or run-together words ("amü", "jgr", "annamuller") 90 (89 when they cover only
  the first words, 80 when they start at a later word), the letters in order from a word's start
  ("strpe" → Stripe) 76 + 8·coverage, a typo (rapidfuzz OSA distance; 1 edit from 4 letters, 2 from 7)
  in the whole word 84 − 6·edits or in the part typed so far 80 − 6·edits (the first letter is taken as
  typed unless nothing scores 75), a run inside a word 70 + 10·coverage. Keys other than the name lose a
  little (alias 1, company 2, tag 2.5, role 3). A multi-word query scores the mean of its words, −2 when
  they hit different keys ("anna stripe" finds Anna at Stripe); if no one matches every word, the words
  that do match count. When nothing scores 80, names without spaces are compared with ``fuzz.ratio`` too
  (× 0.8). Ties (same rounded score) go to word-start matches, then to the most recently seen person,
  then to the name. When word starts alone fill the page (≥ ``limit`` people), weaker matches are skipped.

Cost per keystroke is proportional to the vocabulary (unique words, which grows far slower than the number
of people; the rapidfuzz passes only look at words with the query's first letter and about its length)
plus the postings of the words that matched. 1–2 character queries walk people in recency order and stop
after ``limit`` matches when matches are plentiful.

Thread safety: ``upsert``/``remove``/``touch`` (typically on a worker thread) change the index in place
under a lock, each in about a millisecond or less; ``search`` holds the same lock while it runs, so it never
sees a half-updated index. ``rebuild`` builds a complete new index aside and swaps it in under the lock.
"""

from __future__ import annotations

import heapq
import threading
import unicodedata
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from journal.folding import fold, fold_variants
from journal.model import Person

__all__ = ["Hit", "PeopleIndex"]


@dataclass(frozen=True, slots=True)
class Hit:
    person_id: str
    score: float  # higher is better, 0..100-ish
    field: str  # which key matched best: "name", "alias", "company", "role", "tag"


# --------------------------------------------------------------------------------------------------------
# Entries

_PENALTY = {"name": 0.0, "alias": 1.0, "company": 2.0, "tag": 2.5, "role": 3.0}
_INITIAL_FIELDS = frozenset({"name", "alias", "company"})
_NEVER = -1  # recency of someone never seen: below every date ordinal (which start at 1)
_MAX_QUERY = 200  # characters of a query that are looked at
_MAX_TOKENS = 6
_MAX_TOKEN = 40
_MAX_INITIALS = 24
_HIGH = "\U0010ffff"
_SEP = "\x00"
# Picking the ``limit`` most recent of many matches: collecting and sorting them costs about this many
# times what one step of a walk through everyone in recency order costs (which stops after ``limit``
# matches). The walk gives up after twice the steps the matches would have cost.
_WALK_FACTOR = 1

# Scores (see the module docstring).
S_EXACT = 100.0
S_PREFIX = 96.0
S_INITIALS = 90.0
S_INITIALS_PART = 89.0  # initials of the first words only ("am" on "Anna Maria Müller")
S_INITIALS_LATER = 80.0  # initials from a later word ("ws" → Carla Weiß-Schmidt): weaker evidence
S_MIXED_KEYS = 2.0  # multi-word query whose words hit different keys
S_GOOD = 80.0  # when no one scores this, whole names without spaces are compared too
S_WEAK = 75.0  # a query word scoring below this also tries a typo in the first letter


def _edit_budget(length: int) -> int:
    if length < 4:
        return 0
    return 1 if length <= 6 else 2


# A posting: (person id, slot, field penalty, field). One shared tuple per key of a person.
_Ref = tuple[str, int, float, str]
# An initials candidate: (ref, words of one spelling of the key, index of the start word).
_Seq = tuple[_Ref, tuple[str, ...], int]
# Per-person result while scoring: (score, matched at a word start, slot, field).
_Match = tuple[float, bool, int, str]


class _Value:
    """What one key value ("Anna Müller", "Stripe", "open-source") contributes, shared by everyone who has it."""

    __slots__ = ("compact", "pairs", "seqs", "spellings", "starts", "words")

    def __init__(self, value: str) -> None:
        spellings = [s for s in fold_variants(value) if s]
        self.spellings = tuple(spellings)
        self.words = tuple(dict.fromkeys(w for s in spellings for w in s.split()))  # both spellings, unique
        self.starts = "".join(_SEP + w for w in self.words)
        self.compact = tuple(dict.fromkeys(s.replace(" ", "") for s in spellings))
        seqs: list[tuple[tuple[str, ...], int, tuple[tuple[str, str], ...]]] = []
        pairs: dict[str, None] = {}
        for spelling in spellings:
            parts = tuple(spelling.split())
            if 1 < len(parts) <= 8:
                for start in range(len(parts) - 1):
                    seqs.append((parts, start, tuple(_seq_keys(parts, start))))
                    pairs[parts[start][0] + parts[start + 1][0]] = None
        self.seqs = tuple(seqs)  # (words of a spelling, start word, initials buckets)
        self.pairs = "".join(_SEP + p for p in pairs)


_value = lru_cache(maxsize=1 << 16)(_Value)


class _Entry:
    """One person's folded keys. Never changed after it is made."""

    __slots__ = (
        "archived",
        "compact",
        "exact",
        "pairs",
        "pid",
        "refs",
        "seq_keys",
        "seqs",
        "slot_words",
        "sort_name",
        "starts",
    )

    def __init__(self, person: Person) -> None:
        pid = person.id
        values: list[tuple[str, str]] = [("name", person.name or "")]
        values += [("alias", a) for a in (person.aliases or ()) if a]
        if person.company:
            values.append(("company", person.company))
        if person.role:
            values.append(("role", person.role))
        values += [("tag", t) for t in (person.tags or ()) if t]
        refs: list[_Ref] = []
        slot_words: list[tuple[str, ...]] = []
        seqs: list[_Seq] = []
        seq_keys: list[tuple[tuple[str, str], _Seq]] = []
        exact: list[str] = []
        compact: list[tuple[str, int]] = []
        starts: list[str] = []
        pairs: list[str] = []
        for slot, (field_name, text) in enumerate(values):
            ref: _Ref = (pid, slot, _PENALTY[field_name], field_name)
            refs.append(ref)
            value = _value(text)
            slot_words.append(value.words)
            starts.append(value.starts)
            if field_name == "name" or field_name == "alias":
                exact.extend(value.spellings)
                compact.extend((joined, slot) for joined in value.compact)
            if value.seqs and field_name in _INITIAL_FIELDS:
                pairs.append(value.pairs)
                for parts, start, keys in value.seqs:
                    seq = (ref, parts, start)
                    seqs.append(seq)
                    seq_keys.extend((key, seq) for key in keys)
        name = person.name or ""
        self.pid = pid
        self.sort_name = fold(name) + _SEP + name
        self.archived = bool(person.archived)
        self.refs = tuple(refs)  # one per key slot: name, aliases…, company, role, tags…
        self.slot_words = tuple(slot_words)  # the words of each slot (both spellings)
        self.seqs = tuple(seqs)  # multi-word name/alias/company spellings, for initials
        self.seq_keys = tuple(seq_keys)  # (initials bucket, seq) pairs, see _seq_keys
        self.exact = tuple(dict.fromkeys(exact))  # folded spellings of the name and the aliases
        self.compact = tuple(dict.fromkeys(compact))  # (spelling without spaces, slot) of name and aliases
        self.starts = "".join(starts)  # "\0word\0word…": a word starts with p ⇔ "\0" + p in starts
        self.pairs = "".join(pairs)  # "\0am\0…": first letters of consecutive words, for two-letter initials

    def words(self) -> Iterable[tuple[str, int]]:
        """(word, slot) for every word of every key."""
        for slot, words in enumerate(self.slot_words):
            for word in words:
                yield word, slot


def _walk_is_cheaper(wanted: int, people: int, matches: int) -> bool:
    """Walk everyone by recency (≈ wanted · people / matches steps) rather than sort the matches?"""
    return wanted * people < _WALK_FACTOR * matches * matches


def _recency(value: date | None) -> int:
    return value.toordinal() if isinstance(value, date) else _NEVER


def _seq_keys(parts: tuple[str, ...], start: int) -> set[tuple[str, str]]:
    """Initials buckets of a candidate: its word's first letter and what can follow the split after it.

    That is the next word's first letter (the query ends there), its first two letters (the query goes on
    in that word), or its first letter and the first letter of the word after it ("ams" → Anna Maria S…).
    """
    first, following = parts[start][0], parts[start + 1]
    keys = {(first, following[0]), (first, following[:2])}
    if start + 2 < len(parts):
        keys.add((first, following[0] + parts[start + 2][0]))
    return keys


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
        for take in range(k, 0, -1):  # longest part first: "annamuller" → anna + muller
            covered = walk(pos + take, index + 1)
            if covered:
                return covered
        failed.add((pos, index))
        return 0

    return walk(0, start)


class _State:
    """The index proper. Mutated in place, only while ``PeopleIndex._lock`` is held."""

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}
        self.recency: dict[str, int] = {}
        self.order: list[tuple[int, str, str]] = []  # sorted (-recency, sort name, id)
        self.postings: dict[str, list[_Ref]] = {}
        self.vocab: list[str] = []  # sorted words with postings
        self.by_first: dict[str, list[str]] = {}  # first letter → words
        self.by_first_len: dict[tuple[str, int], list[str]] = {}
        self.by_len: dict[int, list[str]] = {}
        self.initials: dict[tuple[str, str], list[_Seq]] = {}  # see _seq_keys
        self.exact: dict[str, dict[str, None]] = {}
        self.compact: dict[str, list[_Ref]] = {}
        self.compact_by_first: dict[str, list[str]] = {}
        # Lazily derived from the vocabulary, dropped when it changes.
        self.prefix_cache: dict[str, dict[int, tuple[list[str], dict[str, list[str]]]]] = {}
        self.blob: tuple[str, list[int]] | None = None
        self.bulk = False  # while rebuilding: append now, sort once at the end

    # Writing ----------------------------------------------------------------------------------------------

    def add(self, entry: _Entry, recency: int) -> None:
        pid = entry.pid
        self.entries[pid] = entry
        self.recency[pid] = recency
        key = (-recency, entry.sort_name, pid)
        if self.bulk:
            self.order.append(key)
        else:
            insort(self.order, key)
        postings = self.postings
        for ref, words in zip(entry.refs, entry.slot_words, strict=False):
            for word in words:
                bucket = postings.get(word)
                if bucket is None:
                    postings[word] = [ref]
                    self._new_word(word)
                else:
                    bucket.append(ref)
        initials = self.initials
        for key2, seq in entry.seq_keys:
            bucket2 = initials.get(key2)
            if bucket2 is None:
                initials[key2] = [seq]
            else:
                bucket2.append(seq)
        for spelling in entry.exact:
            self.exact.setdefault(spelling, {})[pid] = None
        for spelling, slot in entry.compact:
            bucket = self.compact.get(spelling)
            if bucket is None:
                self.compact[spelling] = [entry.refs[slot]]
                self.compact_by_first.setdefault(spelling[0], []).append(spelling)
            else:
                bucket.append(entry.refs[slot])

    def drop(self, pid: str) -> None:
        entry = self.entries.pop(pid, None)
        if entry is None:
            return
        recency = self.recency.pop(pid)
        key = (-recency, entry.sort_name, pid)
        if self.bulk:
            self.order.remove(key)
        else:
            del self.order[bisect_left(self.order, key)]
        postings = self.postings
        for word in {w for words in entry.slot_words for w in words}:
            remaining = [ref for ref in postings[word] if ref[0] != pid]
            if remaining:
                postings[word] = remaining
            else:
                del postings[word]
                self._gone_word(word)
        for key2 in {k for k, _seq in entry.seq_keys}:
            remaining_seqs = [seq for seq in self.initials[key2] if seq[0][0] != pid]
            if remaining_seqs:
                self.initials[key2] = remaining_seqs
            else:
                del self.initials[key2]
        for spelling in entry.exact:
            bucket = self.exact[spelling]
            bucket.pop(pid, None)
            if not bucket:
                del self.exact[spelling]
        for spelling in {c for c, _slot in entry.compact}:
            remaining = [ref for ref in self.compact[spelling] if ref[0] != pid]
            if remaining:
                self.compact[spelling] = remaining
            else:
                del self.compact[spelling]
                self.compact_by_first[spelling[0]].remove(spelling)

    def set_recency(self, pid: str, recency: int) -> None:
        entry = self.entries[pid]
        del self.order[bisect_left(self.order, (-self.recency[pid], entry.sort_name, pid))]
        self.recency[pid] = recency
        insort(self.order, (-recency, entry.sort_name, pid))

    def finish_bulk(self) -> None:
        self.bulk = False
        self.order.sort()
        self.vocab.sort()

    def _new_word(self, word: str) -> None:
        if self.bulk:
            self.vocab.append(word)
        else:
            insort(self.vocab, word)
        first = word[0]
        self.by_first.setdefault(first, []).append(word)
        self.by_first_len.setdefault((first, len(word)), []).append(word)
        self.by_len.setdefault(len(word), []).append(word)
        self.prefix_cache.pop(first, None)
        self.blob = None

    def _gone_word(self, word: str) -> None:
        if self.bulk:  # not sorted yet
            self.vocab.remove(word)
        else:
            del self.vocab[bisect_left(self.vocab, word)]
        first = word[0]
        self.by_first[first].remove(word)
        self.by_first_len[(first, len(word))].remove(word)
        self.by_len[len(word)].remove(word)
        self.prefix_cache.pop(first, None)
        self.blob = None

    # Derived, lazily --------------------------------------------------------------------------------------

    def prefixes(self, first: str, length: int) -> tuple[list[str], dict[str, list[str]]]:
        """Unique ``word[:length]`` of the longer words starting with ``first``, and their words."""
        per_letter = self.prefix_cache.setdefault(first, {})
        cached = per_letter.get(length)
        if cached is None:
            groups: dict[str, list[str]] = {}
            for word in self.by_first.get(first, ()):
                if len(word) > length:
                    groups.setdefault(word[:length], []).append(word)
            cached = per_letter[length] = (list(groups), groups)
        return cached

    def words_containing(self, text: str) -> list[str]:
        """Words with ``text`` somewhere after their first letter."""
        if self.blob is None:
            blob = _SEP + _SEP.join(self.vocab) + _SEP
            offsets = [0] * len(self.vocab)
            position = 1
            for i, word in enumerate(self.vocab):
                offsets[i] = position
                position += len(word) + 1
            self.blob = (blob, offsets)
        blob, offsets = self.blob
        found: list[str] = []
        vocab = self.vocab
        at = blob.find(text, 1)
        while at != -1 and len(found) < 5000:
            i = bisect_right(offsets, at) - 1
            if at > offsets[i]:
                found.append(vocab[i])
            at = blob.find(text, offsets[i] + len(vocab[i]) + 1)  # on to the next word
        return found

    def has_prefix(self, prefix: str) -> bool:
        vocab = self.vocab
        i = bisect_left(vocab, prefix)
        return i < len(vocab) and vocab[i].startswith(prefix)

    def prefix_range(self, prefix: str) -> tuple[int, int]:
        lo = bisect_left(self.vocab, prefix)
        return lo, bisect_left(self.vocab, prefix + _HIGH, lo)


# --------------------------------------------------------------------------------------------------------
# The index


class PeopleIndex:
    """In-memory fuzzy index of people; see the module docstring for matching and ranking."""

    def __init__(self) -> None:
        self._state = _State()
        self._lock = threading.Lock()

    # Writing ----------------------------------------------------------------------------------------------

    def rebuild(self, people: Iterable[Person], last_seen: Mapping[str, date | None]) -> None:
        """Replace everything. Built aside, then swapped in: searches meanwhile see the old index."""
        state = _State()
        state.bulk = True
        for person in people:
            if person.deleted is not None:
                continue
            if person.id in state.entries:  # the same id twice: the last one wins
                state.drop(person.id)
            state.add(_Entry(person), _recency(last_seen.get(person.id)))
        state.finish_bulk()
        with self._lock:
            self._state = state

    def upsert(self, person: Person, last_seen: date | None) -> None:
        """Add or replace one person; a deleted person (``person.deleted`` set) is removed."""
        if person.deleted is not None:
            self.remove(person.id)
            return
        entry = _Entry(person)  # the folding work happens outside the lock
        with self._lock:
            self._state.drop(person.id)
            self._state.add(entry, _recency(last_seen))

    def remove(self, person_id: str) -> None:
        with self._lock:
            self._state.drop(person_id)

    def touch(self, person_id: str, last_seen: date | None) -> None:
        """The person's recency changed (an encounter was logged or removed); unknown ids are ignored."""
        with self._lock:
            if person_id in self._state.entries:
                self._state.set_recency(person_id, _recency(last_seen))

    # Reading ----------------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._state.entries)

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._state.entries

    def find_exact(self, name: str) -> list[str]:
        """Ids whose folded name or an alias equals ``fold(name)`` (either umlaut spelling), most recent first."""
        spellings = [s for s in fold_variants(name) if s]
        with self._lock:
            state = self._state
            found: dict[str, None] = {}
            for spelling in spellings:
                found.update(state.exact.get(spelling, {}))
            rec, entries = state.recency, state.entries
            return sorted(found, key=lambda pid: (-rec[pid], entries[pid].sort_name, pid))

    def search(self, query: str, limit: int = 50, *, include_archived: bool = True) -> list[Hit]:
        if not isinstance(limit, int) or limit <= 0:
            return []
        raw = unicodedata.normalize("NFC", str(query or "")[:_MAX_QUERY]).strip()
        spellings = [s for s in fold_variants(raw) if s]
        queries = [[t[:_MAX_TOKEN] for t in s.split()[:_MAX_TOKENS]] for s in spellings]
        with self._lock:  # writers wait (they are quick); nobody sees a half-done update
            state = self._state
            if not state.entries:
                return []
            if not queries:
                return self._everyone(state, limit, include_archived)
            if len("".join(raw.split())) <= 2 or all(len(t) <= 2 for tokens in queries for t in tokens):
                return self._short(state, queries, limit, include_archived)
            return self._long(state, queries, limit, include_archived)

    # Empty and short queries --------------------------------------------------------------------------------

    @staticmethod
    def _everyone(state: _State, limit: int, include_archived: bool) -> list[Hit]:
        hits: list[Hit] = []
        entries = state.entries
        for _rec, _name, pid in state.order:
            if include_archived or not entries[pid].archived:
                hits.append(Hit(pid, 0.0, "name"))
                if len(hits) >= limit:
                    break
        return hits

    def _short(self, state: _State, queries: list[list[str]], limit: int, include_archived: bool) -> list[Hit]:
        """1–2 characters: word starts (and two-letter initials), most recently seen first."""
        postings, vocab = state.postings, state.vocab
        weight = 0  # about how many people match: all words must, so the rarest word counts
        for tokens in queries:
            rarest = None
            for token in tokens:
                lo, hi = state.prefix_range(token)
                count = sum(len(postings[w]) for w in vocab[lo:hi])
                rarest = count if rarest is None else min(rarest, count)
            weight += rarest or 0
            if len(tokens) == 1 and len(tokens[0]) == 2:
                weight += len(state.initials.get((tokens[0][0], tokens[0][1]), ()))
        entries = state.entries
        chosen: list[str] | None = None
        if _walk_is_cheaper(limit, len(entries), weight):
            chosen = self._short_walk(state, queries, limit, include_archived, 2 * _WALK_FACTOR * weight + limit)
        if chosen is None:
            found: dict[str, _Match] = {}
            for tokens in queries:
                found.update(self._match(state, tokens, full=False))
            keyed = [
                (-state.recency[pid], entries[pid].sort_name, pid)
                for pid in found
                if include_archived or not entries[pid].archived
            ]
            chosen = [pid for _r, _n, pid in heapq.nsmallest(limit, keyed)]
        hits = []
        for pid in chosen:
            best = max(self._match_one(state, entries[pid], tokens) for tokens in queries)
            hits.append(Hit(pid, round(best[0], 2), best[3]))
        return hits

    @staticmethod
    def _short_walk(
        state: _State, queries: list[list[str]], limit: int, include_archived: bool, budget: int
    ) -> list[str] | None:
        """Walk people by recency, keeping those a short query matches; None once over ``budget`` steps."""
        groups = [[_SEP + t for t in tokens] for tokens in queries]
        singles = [group[0] for group in groups if len(group) == 1]
        several = [group for group in groups if len(group) > 1]
        pairs = [_SEP + tokens[0] for tokens in queries if len(tokens) == 1 and len(tokens[0]) == 2]
        entries = state.entries
        chosen: list[str] = []
        for step, (_rec, _name, pid) in enumerate(state.order):
            if step >= budget:
                return None
            entry = entries[pid]
            if not include_archived and entry.archived:
                continue
            starts = entry.starts
            hit = False
            for needle in singles:
                if needle in starts:
                    hit = True
                    break
            if not hit and several:
                hit = any(all(needle in starts for needle in group) for group in several)
            if not hit and pairs:
                initials = entry.pairs
                hit = any(needle in initials for needle in pairs)
            if hit:
                chosen.append(pid)
                if len(chosen) >= limit:
                    break
        return chosen

    def _match_one(self, state: _State, entry: _Entry, tokens: list[str]) -> _Match:
        """Score of one person for a short query (prefix words and initials only)."""
        per_token = []
        for token in tokens:
            scores = {w: (S_EXACT if w == token else S_PREFIX, True) for w, _ in entry.words() if w.startswith(token)}
            found = self._check(state, scores, (entry.pid,)).get(entry.pid)
            if len(tokens) == 1 and len(token) == 2:
                extra: dict[str, _Match] = {} if found is None else {entry.pid: found}
                self._initials(state, token, extra, only=entry)
                found = extra.get(entry.pid)
            per_token.append(found or (0.0, False, 0, "name"))
        return self._combine(per_token)

    # Long queries -----------------------------------------------------------------------------------------

    def _long(self, state: _State, queries: list[list[str]], limit: int, include_archived: bool) -> list[Hit]:
        entries = state.entries

        def enough(best: dict[str, _Match]) -> bool:
            """Word-start matches (≥ 93) fill the page: nothing weaker (≤ 90) can make it onto it."""
            if len(best) < limit:
                return False
            return include_archived or sum(not entries[pid].archived for pid in best) >= limit

        found: dict[str, _Match] = {}
        for tokens in queries:
            for pid, match in self._match(state, tokens, full=True, enough=enough).items():
                current = found.get(pid)
                if current is None or match[0] > current[0]:
                    found[pid] = match
        if not found or max(m[0] for m in found.values()) < S_GOOD:
            for tokens in queries:
                compact = "".join(tokens)
                if len(compact) >= 4:
                    self._whole_name_fuzzy(state, compact, found)
        rec = state.recency
        buckets: dict[tuple[int, bool], list[str]] = {}
        for pid, (score, word_start, _slot, _field) in found.items():
            if include_archived or not entries[pid].archived:
                buckets.setdefault((round(score), word_start), []).append(pid)
        order = lambda pid: (-rec[pid], entries[pid].sort_name, pid)  # noqa: E731
        hits: list[Hit] = []
        for key in sorted(buckets, key=lambda k: (-k[0], not k[1])):
            members = buckets[key]
            room = limit - len(hits)
            if len(members) <= room:
                members = sorted(members, key=order)
            else:
                walked = None
                if _walk_is_cheaper(room, len(entries), len(members)):
                    budget = 2 * _WALK_FACTOR * len(members) + room
                    walked = self._walk(state, found, key, room, include_archived, budget)
                members = heapq.nsmallest(room, members, key=order) if walked is None else walked
            for pid in members:
                match = found[pid]
                hits.append(Hit(pid, round(match[0], 2), match[3]))
            if len(hits) >= limit:
                break
        return hits

    @staticmethod
    def _walk(
        state: _State, found: dict[str, _Match], key: tuple[int, bool], room: int, archived: bool, budget: int
    ) -> list[str] | None:
        """The ``room`` most recent people whose match is in bucket ``key``; None after ``budget`` steps."""
        entries = state.entries
        score, word_start = key
        chosen: list[str] = []
        for step, (_rec, _name, pid) in enumerate(state.order):
            if step >= budget:
                return None
            match = found.get(pid)
            if (
                match is not None
                and match[1] == word_start
                and round(match[0]) == score
                and (archived or not entries[pid].archived)
            ):
                chosen.append(pid)
                if len(chosen) >= room:
                    break
        return chosen

    @staticmethod
    def _word_scores(state: _State, token: str, full: bool) -> dict[str, tuple[float, bool]]:
        """Indexed words this query word matches: word → (score, matched at the word's start)."""
        vocab = state.vocab
        lo, hi = state.prefix_range(token)
        scores = {word: (S_EXACT if word == token else S_PREFIX, True) for word in vocab[lo:hi]}
        n = len(token)
        if not full or n < 3:
            return scores
        # Imported at the first search, not when the journal opens (start-up does not search).
        from rapidfuzz import process
        from rapidfuzz.distance import OSA, LCSseq

        def offer(word: str, score: float, word_start: bool) -> None:
            current = scores.get(word)
            if current is None or score > current[0]:
                scores[word] = (score, word_start)

        first = token[0]
        # The letters in order from a word's start ("strpe" → stripe, "jrgen" → jurgen) …
        for word, _lcs, _i in process.extract(
            token,
            state.by_first.get(first, ()),
            scorer=LCSseq.similarity,
            processor=None,
            score_cutoff=n,
            limit=None,
        ):
            if word not in scores:
                offer(word, 76.0 + 8.0 * n / len(word), True)
        # … or as a run inside a word ("ller" → mueller).
        for word in state.words_containing(token):
            if word not in scores:
                offer(word, 70.0 + 10.0 * n / len(word), False)
        budget = _edit_budget(n)
        if not budget:
            return scores
        # Typos in a whole word ("anan" → anna) …
        for length in range(n - budget, n + budget + 1):
            for word, edits, _i in process.extract(
                token,
                state.by_first_len.get((first, length), ()),
                scorer=OSA.distance,
                processor=None,
                score_cutoff=budget,
                limit=None,
            ):
                if edits:
                    offer(word, 84.0 - 6.0 * edits, False)
        # … and in the part typed so far ("mulel" → muell…er).
        keys, groups = state.prefixes(first, n)
        for prefix, edits, _i in process.extract(
            token, keys, scorer=OSA.distance, processor=None, score_cutoff=budget, limit=None
        ):
            if edits:
                for word in groups[prefix]:
                    offer(word, 80.0 - 6.0 * edits, False)
        if max((s for s, _ws in scores.values()), default=0.0) < S_WEAK:
            # Nothing but weak matches: maybe the first letter is the typo ("nana" → anna, one edit).
            for length in range(n - 1, n + 2):
                for word, edits, _i in process.extract(
                    token,
                    state.by_len.get(length, ()),
                    scorer=OSA.distance,
                    processor=None,
                    score_cutoff=1,
                    limit=None,
                ):
                    if edits and word[0] != first:
                        offer(word, 83.0 - 6.0 * edits, False)
        return scores

    @staticmethod
    def _collect(
        state: _State, scores: dict[str, tuple[float, bool]], best: dict[str, _Match] | None = None
    ) -> dict[str, _Match]:
        """Best match per person over the postings of the matched words (added to ``best`` if given)."""
        if best is None:
            best = {}
        postings = state.postings
        get = best.get
        for word, (score, word_start) in scores.items():
            for pid, slot, penalty, field_name in postings.get(word, ()):
                value = score - penalty
                current = get(pid)
                if current is None or value > current[0]:
                    best[pid] = (value, word_start, slot, field_name)
        return best

    @staticmethod
    def _check(state: _State, scores: dict[str, tuple[float, bool]], candidates: Iterable[str]) -> dict[str, _Match]:
        """Like :meth:`_collect`, but only for ``candidates``, looking at their own words."""
        best: dict[str, _Match] = {}
        entries = state.entries
        for pid in candidates:
            entry = entries[pid]
            found: _Match | None = None
            for ref, words in zip(entry.refs, entry.slot_words, strict=False):
                for word in words:
                    hit = scores.get(word)
                    if hit is not None:
                        _pid, slot, penalty, field_name = ref
                        value = hit[0] - penalty
                        if found is None or value > found[0]:
                            found = (value, hit[1], slot, field_name)
            if found is not None:
                best[pid] = found
        return best

    @staticmethod
    def _initials(state: _State, token: str, best: dict[str, _Match], only: _Entry | None = None) -> None:
        """Initials and run-together words: "am"/"amue" → Anna Müller, "annamuller" too."""
        if len(token) < 2 or len(token) > _MAX_INITIALS:
            return
        buckets = state.initials
        for j in range(1, len(token)):
            head = token[:j]
            if not state.has_prefix(head):
                break
            if only is not None:
                candidates: Iterable[_Seq] = only.seqs
            else:
                candidates = buckets.get((head[0], token[j : j + 2]), ())
            rest = token[j:]
            for ref, parts, start in candidates:
                following = parts[start + 1]
                if following[0] != rest[0] or not parts[start].startswith(head):
                    continue
                # Quick test of the split after ``head``: the next word goes on as typed, or the word after
                # it starts with the next letter ("ams" → Anna Maria Schmidt).
                if (
                    len(rest) > 1
                    and following[1:2] != rest[1]
                    and (start + 2 >= len(parts) or parts[start + 2][0] != rest[1])
                ):
                    continue
                covered = _initials_split(token, parts, start)
                if not covered:
                    continue
                pid, slot, penalty, field_name = ref
                base = S_INITIALS_LATER if start else S_INITIALS if covered == len(parts) else S_INITIALS_PART
                value = base - penalty
                current = best.get(pid)
                if current is None or value > current[0]:
                    best[pid] = (value, True, slot, field_name)

    @staticmethod
    def _combine(matched: list[_Match]) -> _Match:
        """Several query words on one person: their mean, −2 when they hit different keys."""
        if len(matched) == 1:
            return matched[0]
        total = sum(m[0] for m in matched) / len(matched)
        if len({m[2] for m in matched}) > 1:
            total -= S_MIXED_KEYS
        lead = max(matched, key=lambda m: m[0])
        return (total, all(m[1] for m in matched), lead[2], lead[3])

    def _match(
        self, state: _State, tokens: list[str], full: bool, enough: Callable[[dict[str, _Match]], bool] | None = None
    ) -> dict[str, _Match]:
        if not tokens:
            return {}
        if len(tokens) == 1:
            token = tokens[0]
            if full and enough is not None:
                # Word starts first; when they fill the page, weaker matches cannot reach it: skip them.
                starts = self._word_scores(state, token, False)
                best = self._collect(state, starts)
                if enough(best):
                    return best
                rest = {w: v for w, v in self._word_scores(state, token, True).items() if w not in starts}
                best = self._collect(state, rest, best)
            else:
                best = self._collect(state, self._word_scores(state, token, full))
            if full or len(token) == 2:  # short queries: two-letter initials only ("mü" is "mue" or "mu")
                self._initials(state, token, best)
            return best
        postings = state.postings
        scored = []
        for token in tokens:
            scores = self._word_scores(state, token, full)
            weight = sum(len(postings[w]) for w in scores)
            scored.append((weight, token, scores))

        # Several words: each must match the same person (in any key).
        order = sorted(range(len(scored)), key=lambda i: scored[i][0])
        per_token: list[dict[str, _Match]] = [{} for _ in scored]
        first = order[0]
        per_token[first] = self._collect(state, scored[first][2])
        alive = set(per_token[first])
        for i in order[1:]:
            if not alive:
                break
            weight, _token, scores = scored[i]
            matches = self._collect(state, scores) if weight <= 4 * len(alive) else self._check(state, scores, alive)
            per_token[i] = matches
            alive &= matches.keys()
        if alive:
            return {pid: self._combine([m[pid] for m in per_token]) for pid in alive}
        if not full:
            return {}
        # Nobody matches every word: rank by the words that do match (a missing word counts 0). Words of
        # one or two letters are too vague to count on their own.
        count = len(tokens)
        sums: dict[str, list[Any]] = {}
        for i, (_weight, token, scores) in enumerate(scored):
            if len(token) < 3:
                continue
            matches = per_token[i] if i == first else self._collect(state, scores)
            for pid, match in matches.items():
                acc = sums.get(pid)
                if acc is None:
                    sums[pid] = [match[0], match]
                else:
                    acc[0] += match[0]
                    if match[0] > acc[1][0]:
                        acc[1] = match
        result: dict[str, _Match] = {}
        for pid, (total, lead) in sums.items():
            score = total / count - S_MIXED_KEYS
            if score >= 40.0:
                result[pid] = (score, False, lead[2], lead[3])
        return result

    @staticmethod
    def _whole_name_fuzzy(state: _State, compact: str, found: dict[str, _Match]) -> None:
        """Fallback for run-together or badly typed names: ``fuzz.ratio`` on names without spaces."""
        from rapidfuzz import fuzz, process

        for key, ratio, _i in process.extract(
            compact,
            state.compact_by_first.get(compact[0], ()),
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=75,
            limit=200,
        ):
            for pid, slot, penalty, field_name in state.compact.get(key, ()):
                value = 0.8 * ratio - penalty
                current = found.get(pid)
                if current is None or value > current[0]:
                    found[pid] = (value, False, slot, field_name)
