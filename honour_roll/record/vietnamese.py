"""Vietnamese text as people type it: folding, tone placement, tokens.

Visitors type on phones, often without diacritics ("chuyen doi so"), with
đ typed as d, in either Unicode form (NFC or the NFD some keyboards send)
and with either tone placement ("hoà" / "hòa", "thuý" / "thúy"). Search
compares words in two forms:

- ``fold(word)``: no diacritics at all, đ as d, lower case: what matches;
- ``canon(word)``: lower case NFC with the tone mark moved to one canonical
  vowel: what counts as the same word *with* its diacritics, so that exact
  matches can rank above folded ones.

docs/assets/javascripts/search.js implements the same three functions for
the browser; tests check that both give the same answers on every word of
the site. Change both together.
"""

from __future__ import annotations

import re
import unicodedata

# Combining marks that carry Vietnamese tones (huyền, sắc, ngã, hỏi, nặng).
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWELS = frozenset("aăâeêioôơuưy")
_MARKED_VOWELS = frozenset("ăâêôơư")  # a tone goes on these first
# Open syllables whose tone sits on the second vowel (the "new" placement:
# hoà, khoẻ, thuý), which is also what the old placement becomes here.
_SECOND_VOWEL_PAIRS = frozenset(("oa", "oe", "uy"))

# A word: letters and digits, with any combining marks (NFD input keeps its
# marks until it is normalised). The same class as search.js uses.
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD_PATTERN = rf"[^\W_](?:[^\W_]|[{_COMBINING}])*"
_WORD = re.compile(_WORD_PATTERN)
# Words joined by '.', '/' or '-' without spaces ("3.3.a", "4.0", "1452/QĐ-UBND",
# "COVID-19") are also searchable whole, so that "3.3.a" finds criterion 3.3.a
# rather than every criterion with a 3 and an a.
_COMPOUND = re.compile(rf"{_WORD_PATTERN}(?:[./-]{_WORD_PATTERN})+")
# Without combining marks (NFC text nearly always), one simpler pattern finds
# the same words and compounds several times faster.
_HAS_COMBINING = re.compile(f"[{_COMBINING}]")
_RUN = re.compile(r"[^\W_]+(?:[./-][^\W_]+)*")
_SEPARATORS = re.compile(r"[./-]")
_D_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})

MAX_TOKEN_LENGTH = 40  # longer runs are codes or garbage, not words people type


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Vietnamese text without diacritics, đ as d, lower case: how people type it."""
    text = unicodedata.normalize("NFD", text.translate(_D_LETTERS))
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith("M")).lower()


def is_folded(word: str) -> bool:
    """True when a typed word carries no diacritic (and no đ): it may stand for any accented form."""
    return fold(word) == nfc(word).lower()


def _tone_position(base: str) -> int | None:
    """Index of the vowel that carries the tone in a toneless lower-case syllable."""
    i = 0
    while i < len(base) and base[i] not in _VOWELS:
        i += 1
    if i == len(base):
        return None
    # In "qu" and in "gi" before another vowel, the u / i belong to the consonant.
    if i > 0 and i + 1 < len(base) and base[i + 1] in _VOWELS:
        if (base[i - 1] == "q" and base[i] == "u") or (base[i - 1] == "g" and base[i] == "i"):
            i += 1
    end = i
    while end < len(base) and base[end] in _VOWELS:
        end += 1
    nucleus = base[i:end]
    marked = [k for k in range(i, end) if base[k] in _MARKED_VOWELS]
    if marked:
        return marked[-1]
    if len(nucleus) == 1:
        return i
    if end < len(base):  # closed syllable: the last vowel (hoàn, tuyển, huỳnh)
        return end - 1
    if nucleus in _SECOND_VOWEL_PAIRS or len(nucleus) >= 3:
        return i + 1  # hoà, thuý, ngoài, khuya
    return i  # mái, mía, múa, mùi


def canon(word: str) -> str:
    """One spelling per accented word: lower case NFC, tone on the canonical vowel.

    "Hòa" and "Hoà" both give "hoà"; words without exactly one tone mark are
    only lower-cased and normalised.
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in TONE_MARKS]
    if len(tones) != 1:
        return nfc(decomposed)
    base = nfc("".join(ch for ch in decomposed if ch not in TONE_MARKS))
    pos = _tone_position(base)
    if pos is None:
        return nfc(decomposed)
    return nfc(base[:pos] + unicodedata.normalize("NFD", base[pos]) + tones[0] + base[pos + 1 :])


def words(text: str) -> list[tuple[int, int]]:
    """Start and end of every word in text (as given; normalise first if needed)."""
    return [m.span() for m in _WORD.finditer(text) if m.end() - m.start() <= MAX_TOKEN_LENGTH]


def word_texts(text: str) -> list[str]:
    """The text of each of words(text), in order (faster than slicing the spans)."""
    return [w for w in _WORD.findall(text) if len(w) <= MAX_TOKEN_LENGTH]


def compounds(text: str) -> list[tuple[int, int]]:
    """Start and end of every compound ("3.3.a") in text."""
    return [m.span() for m in _COMPOUND.finditer(text) if m.end() - m.start() <= MAX_TOKEN_LENGTH]


def terms(text: str) -> list[tuple[int, int]]:
    """What search indexes and looks up: every word, then every compound, by position."""
    if _HAS_COMBINING.search(text):
        return sorted(words(text) + compounds(text))
    out = []
    for m in _RUN.finditer(text):
        a, b = m.span()
        if not _SEPARATORS.search(text, a, b):
            if b - a <= MAX_TOKEN_LENGTH:
                out.append((a, b))
            continue
        start = a
        for sep in _SEPARATORS.finditer(text, a, b):
            if sep.start() - start <= MAX_TOKEN_LENGTH:
                out.append((start, sep.start()))
            start = sep.end()
        if b - start <= MAX_TOKEN_LENGTH:
            out.append((start, b))
        if b - a <= MAX_TOKEN_LENGTH:
            out.append((a, b))
    return sorted(out)


def term_texts(text: str) -> list[str]:
    """The text of each of terms(text), for indexing (order does not matter there)."""
    if _HAS_COMBINING.search(text):
        return [text[a:b] for a, b in terms(text)]
    runs = _RUN.findall(text)  # words, and compounds whole
    out = [r for r in runs if len(r) <= MAX_TOKEN_LENGTH]
    for run in [r for r in runs if not r.isalnum()]:
        out += [part for part in _SEPARATORS.split(run) if len(part) <= MAX_TOKEN_LENGTH]
    return out


def tokens(text: str) -> list[str]:
    """The searchable terms of a text, NFC, in order (not yet folded)."""
    text = nfc(text)
    return [text[a:b] for a, b in terms(text)]


# Lists as Vietnamese writes them: "a, b và c".
def and_list(items) -> str:
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]
