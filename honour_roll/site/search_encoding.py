"""The search index's files: what a build writes under ``tim-kiem/index/`` for
search.js to read, from the documents honour_roll/search_index.py collects.

Layout under ``tim-kiem/index/`` (all JSON, UTF-8, deterministic):

- ``meta.json``: document count, chunk size, field weights, match qualities,
  and a hash of the other files, the build (see ``build_index``).
- ``v/<prefix>.json``: the vocabulary of folded words starting with a
  two-letter prefix, as ``{"build": ..., "words": [[word, document
  frequency, shard], ...]}``; the browser reads it to find a typed word's
  shard and to complete the last, partly typed word.
- ``t/<shard>.json``: postings of a run of alphabetically adjacent folded
  words: ``{word: [[accented form, postings], ...]}``. Each posting is a doc
  id and a field mask (which fields hold that form, so the browser can weigh
  a name above a story and an exact form above a folded one), packed in a
  string (see ``encode_postings``).
- ``d/<chunk>.json``: title, URL, description and snippet text of
  ``CHUNK`` documents, fetched only for the results shown.

Besides words, the index holds phrases: every two consecutive words of a
document's short fields (name, identity, facets, summary), folded and joined
by a space ("chu ky", "vung tau"). They sit in the vocabulary with the words
(a space sorts before every letter, so "chu ky" is filed next to "chu"), and
search.js ranks a document holding a query's words together above one where
they are scattered, and reads "vungtau" as "vung tau".
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from honour_roll.site.generated import Generated
from honour_roll.record.vietnamese import canon, fold, nfc, term_texts, word_texts

INDEX_DIR = "tim-kiem/index"

# Fields of a document, most telling first; a posting's mask has one bit per field.
FIELDS = ("name", "identity", "facets", "summary", "body")
WEIGHTS = (10, 5, 2, 3, 1)
MASK_BITS = len(FIELDS)

# How well a document's word matches a typed word: the same accented word,
# the same word without diacritics, or a completion of the last typed word.
# Levels order results first; qualities scale the score within a level.
MATCH = {
    "exact": {"level": 3, "quality": 1.0},
    "folded": {"level": 2, "quality": 0.8},
    "prefix": {"level": 1, "quality": 0.5},
}
# Bonus when every typed word is found in the same short field.
ALL_IN_FIELD_BONUS = {"name": 2.0, "identity": 1.4}

CHUNK = 2  # documents per metadata file: the results shown touch few bytes
SHARD_TARGET = 12_000  # bytes: small enough for a phone, few enough files
PREFIX = 2  # letters of a folded word that name its vocabulary file (search.js has the same constant)
# Completions of the last typed word looked up: the most frequent first, at
# most EXPANSIONS, and no more once they cover as many documents as there are
# (a two-letter prefix would otherwise fetch every common word).
EXPANSIONS = 6
# Phrase weight: a two-word phrase found in a field counts this many times that field's weight.
PHRASE_WEIGHT = 2.0
# A phrase in more than this share of the documents tells them apart too little to be
# worth its postings: search.js does not fetch it (it knows the share from the vocabulary).
PHRASE_MAX_SHARE = 0.5
# Fields whose consecutive words are indexed as phrases: all but the long body,
# which would double the index for little gain.
PHRASE_FIELDS = ("name", "identity", "facets", "summary")


@dataclass(frozen=True)
class SearchDoc:
    """One search result: a page or a part of a page."""

    url: str  # site-relative, directory style: "guong-dien-hinh/x/", "huong-dan/#tieu-chi-3-3-a"
    title: str
    meta: str  # one line under the title: kind, place, year; or where in the guidance
    fields: tuple[str, ...]  # text of each of FIELDS
    passages: tuple[str, ...]  # original text the browser cuts snippets from
    lang: str = "vi"  # the page's language: at equal match, results in the reader's language come first


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def file_key(prefix: str) -> str:
    """A vocabulary file name for a prefix: itself when plain ASCII, else code points."""
    if re.fullmatch(r"[a-z0-9]+", prefix):
        return prefix
    return "u" + "-".join(f"{ord(c):x}" for c in prefix)


class _Forms(dict):
    """Spelling -> (folded, accented), computed once per distinct spelling."""

    def __missing__(self, word: str) -> tuple[str, str]:
        forms = self[word] = (fold(word), canon(word))
        return forms


def phrases(text: str, folded_form=fold) -> set[str]:
    """Every two consecutive words of each line of a text, folded: "chu ky", "ky so".

    ``folded_form``: how a word is folded (the build passes a cache)."""
    out: set[str] = set()
    for line in text.split("\n"):
        folded = [folded_form(w) for w in word_texts(line)]
        out.update([f"{a} {b}" for a, b in zip(folded, folded[1:])])
    return out


_FORMS = _Forms()  # pure: the same spelling always gives the same forms


def doc_terms(doc: SearchDoc) -> dict[tuple[str, str], int]:
    """(folded, accented) of every word and phrase of one document -> the mask of the fields
    that hold it. The per-document half of ``postings``, and a pure function of ``doc.fields``
    (the preview keeps its results between rebuilds: honour_roll/site/search_terms.py)."""
    forms = _FORMS
    body = FIELDS.index("body")
    phrase_bits = {FIELDS.index(f) for f in PHRASE_FIELDS}
    order = [body] + [i for i in range(len(FIELDS)) if i != body]
    masks: dict[tuple[str, str], int] = {}
    for bit in order:
        text = doc.fields[bit]
        if not text:
            continue
        text = nfc(text)
        keys = [forms[w] for w in set(term_texts(text))]
        if bit in phrase_bits:
            keys += [(p, p) for p in phrases(text, lambda w: forms[w][0])]
        flag = 1 << bit
        if not masks:
            masks = dict.fromkeys(keys, flag)
        else:
            for key in keys:
                masks[key] = masks.get(key, 0) | flag
    return masks


def postings(docs: list[SearchDoc], terms: Callable[[SearchDoc], dict[tuple[str, str], int]] = doc_terms) -> dict[str, dict[str, list[int]]]:
    """Folded word -> accented form -> ``doc id << MASK_BITS | field mask``, doc ids ascending.

    Phrases (see the module's docstring) are words with one form, themselves.

    The hot loop of the build (10,000 honorees: millions of words), written
    for speed: each distinct spelling is folded once, each field's words are
    deduplicated first, the longest field (the body) is counted in one step.
    ``terms``: ``doc_terms``, or the preview's memo of it.
    """
    by_key: dict[tuple[str, str], list[int]] = {}
    for doc_id, doc in enumerate(docs):
        base = doc_id << MASK_BITS
        for key, mask in terms(doc).items():
            found = by_key.get(key)
            if found is None:
                by_key[key] = [base | mask]
            else:
                found.append(base | mask)
    index: dict[str, dict[str, list[int]]] = {}
    for (folded, accented), values in by_key.items():
        index.setdefault(folded, {})[accented] = values
    return index


# Postings travel as one string per accented form: each posting is the
# number (doc id - previous doc id - 1) << MASK_BITS | field mask, written in
# base 64, five bits per character, low bits first, 32 added to every
# character but a number's last. A word found in most documents costs about
# one character per document.
POSTING_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _encode_number(x: int) -> str:
    out = []
    while x >= 32:
        out.append(POSTING_ALPHABET[32 | (x & 31)])
        x >>= 5
    out.append(POSTING_ALPHABET[x])
    return "".join(out)


_POSTING_VALUE = {ch: i for i, ch in enumerate(POSTING_ALPHABET)}
_SMALL = [_encode_number(x) for x in range(1 << 15)]  # every gap below 1024 documents: a table lookup


def encode_postings(values: list[int]) -> str:
    """``doc << MASK_BITS | mask`` values, doc ascending, as the posting string."""
    high = ~((1 << MASK_BITS) - 1)
    step = 1 << MASK_BITS
    # gap << MASK_BITS | mask  ==  value - (previous value without its mask) - step
    numbers = [v - (p & high) - step for v, p in zip(values, [-step, *values[:-1]])]
    return "".join([_SMALL[x] if x < 32768 else _encode_number(x) for x in numbers])


def decode_postings(text: str) -> list[tuple[int, int]]:
    """(doc id, field mask) of a posting string: what search.js reads."""
    out, doc, value, shift = [], -1, 0, 0
    for ch in text:
        c = _POSTING_VALUE[ch]
        value += (c & 31) << shift
        if c & 32:
            shift += 5
            continue
        doc += 1 + (value >> MASK_BITS)
        out.append((doc, value & ((1 << MASK_BITS) - 1)))
        value = shift = 0
    return out


def _document_frequency(by_form: dict[str, list[int]]) -> int:
    if len(by_form) == 1:
        return len(next(iter(by_form.values())))
    return len({v >> MASK_BITS for values in by_form.values() for v in values})


def _language_runs(docs: list[SearchDoc]) -> list[list]:
    runs: list[list] = []
    for i, d in enumerate(docs):
        if not runs or runs[-1][0] != d.lang:
            if any(r[0] == d.lang for r in runs):
                raise ValueError(f"search documents in {d.lang} are not together (document {i}: {d.url})")
            runs.append([d.lang, i])
    return runs


def build_index(docs: list[SearchDoc], terms: Callable[[SearchDoc], dict[tuple[str, str], int]] = doc_terms) -> list[Generated]:
    """The index files for these documents, byte-identical for the same input (``terms``: see ``postings``)."""
    index = postings(docs, terms)
    out: list[Generated] = []

    # Shards: alphabetically adjacent words packed up to SHARD_TARGET bytes, so
    # that a word and its completions usually share one file. Each word's entry
    # is serialised once and the shard assembled from the pieces.
    shard_of: dict[str, int] = {}
    pieces: list[str] = []
    size = 0

    def flush():
        nonlocal pieces, size
        if pieces:
            out.append(Generated(f"{INDEX_DIR}/t/{len(out)}.json", "{" + ",".join(pieces) + "}", in_nav=False))
        pieces, size = [], 0

    words_sorted = sorted(index)
    for word in words_sorted:
        by_form = index[word]
        piece = _json(word) + ":" + _json([[form, encode_postings(by_form[form])] for form in sorted(by_form)])
        piece_size = len(piece.encode("utf-8"))
        # The file is its pieces, a comma between each two and the braces around them.
        if pieces and size + piece_size + 2 > SHARD_TARGET:
            flush()
        pieces.append(piece)
        shard_of[word] = len(out)
        size += piece_size + 1
    flush()

    for start in range(0, len(docs), CHUNK):
        chunk = [[d.url, d.title, d.meta, list(d.passages)] for d in docs[start : start + CHUNK]]
        out.append(Generated(f"{INDEX_DIR}/d/{start // CHUNK}.json", _json(chunk), in_nav=False))

    vocab: dict[str, list] = {}
    for word in words_sorted:
        vocab.setdefault(word[:PREFIX], []).append([word, _document_frequency(index[word]), shard_of[word]])
    words_json = {prefix: _json(vocab[prefix]) for prefix in sorted(vocab)}

    # A hash of this index. The browser revalidates meta.json on every visit
    # and asks for shards and chunks with ?v=<build>; it fetches vocabulary
    # files together with meta.json (one round trip less) and asks again with
    # ?v=<build> if a cached one carries another build. So files of an
    # earlier deploy are never mixed in.
    digest = hashlib.sha256()
    for f in out:
        digest.update(f.src_uri.encode() + b"\0" + f.content.encode() + b"\0")
    for prefix, text in words_json.items():
        digest.update(prefix.encode() + b"\0" + text.encode() + b"\0")
    build = digest.hexdigest()[:16]
    for prefix, text in words_json.items():
        content = '{"build":' + _json(build) + ',"words":' + text + "}"
        out.append(Generated(f"{INDEX_DIR}/v/{file_key(prefix)}.json", content, in_nav=False))

    meta = {
        "version": 1,
        "build": build,
        "docs": len(docs),
        "chunk": CHUNK,
        "prefix": PREFIX,
        "fields": list(FIELDS),
        "weights": list(WEIGHTS),
        "maskBits": MASK_BITS,
        "match": MATCH,
        "allInField": ALL_IN_FIELD_BONUS,
        "expansions": EXPANSIONS,
        "phrase": PHRASE_WEIGHT,
        "phraseMaxShare": PHRASE_MAX_SHARE,
        # Each language's documents are one run of ids: [language, first id], in order.
        "languages": _language_runs(docs),
    }
    out.append(Generated(f"{INDEX_DIR}/meta.json", _json(meta), in_nav=False))
    return out


