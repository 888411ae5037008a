"""Text folding: the spelling-blind form of a name or word that search, matching and forgetting compare.

Lower case, ß→ss, accents stripped, and German umlauts both ways (ä→ae and ä→a), so "muller", "mueller",
"müller" and "MÜLLER" fold alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_variants", "platform_key"]

_UMLAUT_AE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe"})
_UMLAUT_STRIP = str.maketrans({"ø": "o"})
# Letters NFKD does not decompose.
_SPECIAL = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t"}
)
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a]")
_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
_SEPARATORS = re.compile(r"[\W_]+")


def _finish(value: str) -> str:
    value = _MARKS.sub("", unicodedata.normalize("NFKD", value.translate(_SPECIAL)))
    value = _APOSTROPHES.sub("", value.casefold())  # NFKD can bring back capitals (ℌ → H)
    return _SEPARATORS.sub(" ", value).strip()


@lru_cache(maxsize=1 << 16)
def _variants(text: str) -> tuple[str, ...]:
    if text.isascii():  # the common case, and nothing to normalise
        return (_SEPARATORS.sub(" ", _APOSTROPHES.sub("", text.lower())).strip(),)
    base = unicodedata.normalize("NFC", text).casefold()
    with_e = base.translate(_UMLAUT_AE)
    if with_e == base:  # no umlauts: one spelling
        return (_finish(base),)
    primary, stripped = _finish(with_e), _finish(base.translate(_UMLAUT_STRIP))
    return (primary,) if stripped == primary else (primary, stripped)


def fold(text: str) -> str:
    """The primary folded form: lower case, ß→ss, ä→ae/ö→oe/ü→ue, other accents stripped.

    Punctuation becomes a single space (apostrophes vanish), so "Weiß-Schmidt" → "weiss schmidt".
    """
    return _variants(str(text or ""))[0]


def fold_variants(text: str) -> tuple[str, ...]:
    """Every spelling to index: the primary fold (ä→ae) and the stripped one (ä→a), deduplicated."""
    return _variants(str(text or ""))


def platform_key(name: str) -> str:
    """ "E-Mail", "e-mail" and "email" are one platform."""
    return fold(name).replace(" ", "")
