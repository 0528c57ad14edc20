"""The site's own search: documents from the roll, the guidance and the
pages, and a static index sharded so that a query downloads only what it
needs.

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

Only recognised records become documents (``roll.published``).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .criteria import CRITERIA
from .generated import Generated
from .guidance import Guidance
from .loader import Roll
from .model import Honoree
from .pages import KIND_INTROS, PILLAR_INTROS, make_environment
from .urls import DIRECTORY_URLS, GUIDANCE_SRC, Urls, honoree_src, kind_src, pillar_src
from .vietnamese import canon, fold, nfc, term_texts, terms
from .vocabulary import Kind, Pillar

INDEX_DIR = "tim-kiem/index"
RESULTS_SRC = "tim-kiem.md"

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
STORY_PASSAGE = 1_000  # characters of a story kept for snippets
# Completions of the last typed word looked up: the most frequent first, at
# most EXPANSIONS, and no more once they cover as many documents as there are
# (a two-letter prefix would otherwise fetch every common word).
EXPANSIONS = 6

_LOCALITY_WORDS = {"TP.": "Thành phố", "TX.": "Thị xã", "H.": "Huyện"}


@dataclass(frozen=True)
class SearchDoc:
    """One search result: a page or a part of a page."""

    url: str  # site-relative, directory style: "guong-dien-hinh/x/", "huong-dan/#tieu-chi-3-3-a"
    title: str
    meta: str  # one line under the title: kind, place, year; or where in the guidance
    fields: tuple[str, ...]  # text of each of FIELDS
    passages: tuple[str, ...]  # original text the browser cuts snippets from


# --- documents ----------------------------------------------------------------------------------


def plain_markdown(text: str) -> str:
    """Markdown as the words a reader sees: links keep their text, markers go."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\{[^}]*\}", " ", text)  # attribute lists
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"^\s{0,3}(#{1,6}|[-+*]|\d+[.)]|>)\s+", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\s*\|?\s*-{3,}.*$", "", text, flags=re.MULTILINE)  # table rules
    text = text.replace("|", " ").replace("**", "").replace("__", "")
    text = re.sub(r"(?<!\w)[*_`]|[*_`](?!\w)", "", text)
    return " ".join(text.split())


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + " …"


def locality_text(label: str) -> str:
    """'H. Xuyên Mộc' also as 'Huyện Xuyên Mộc': people type the word, not the abbreviation."""
    for short, full in _LOCALITY_WORDS.items():
        if label.startswith(short + " "):
            return f"{label} {full} {label[len(short) + 1:]}"
    return label


def honoree_meta(h: Honoree) -> str:
    return " · ".join((h.kind.label, h.locality.label, str(h.year)))


def honoree_doc(h: Honoree, urls: Urls = DIRECTORY_URLS) -> SearchDoc:
    identity = [v for v in (h.position, h.unit, h.parent_body) if v]
    facets = [h.kind.label, locality_text(h.locality.label), str(h.year)]
    facets += [p.label for p in h.pillars]
    if h.recognition:
        r = h.recognition
        facets += [r.award.label, r.decision, r.issued_by]
    facets += [i.level.label for i in h.initiatives]
    summary = [h.summary, *h.achievements, *(i.title for i in h.initiatives)]
    story = plain_markdown(h.story)
    body = [story, *(i.recognised_by for i in h.initiatives)]
    if h.replication:
        body += [*h.replication.steps, *h.replication.requirements]
        if h.replication.contact:
            body.append(h.replication.contact.organisation)
    body += [p.alt for p in h.photos] + [link.title for link in h.links]
    passages = [", ".join(identity)] if h.kind is Kind.INDIVIDUAL else []
    passages += [h.summary, _cut(story, STORY_PASSAGE), *h.achievements]
    return SearchDoc(
        url=urls.page(honoree_src(h)),
        title=h.name,
        meta=honoree_meta(h),
        fields=(h.name, "\n".join(identity), "\n".join(facets), "\n".join(summary), "\n".join(body)),
        passages=tuple(p for p in passages if p),
    )


def guidance_docs(guidance: Guidance, urls: Urls = DIRECTORY_URLS) -> list[SearchDoc]:
    """The guidance page, each of its sections and each criterion of 3.1–3.3, in page order."""
    page = urls.page(GUIDANCE_SRC)
    where = "Hướng dẫn tiêu chí"
    short = {c.id: c.title for c in CRITERIA}
    preamble: list[str] = []
    parts: list[tuple[str, str, str, str, list[str]]] = []  # anchor, title, meta, kind label, texts
    section: list[str] | None = None  # texts of the open section
    for block in guidance.blocks:
        if block.kind in ("section", "subsection"):
            section = []
            parts.append((block.anchor, f"Mục {block.number}. {block.text}", where, "", section))
        elif block.criterion:
            c = block.criterion
            parts.append((c.anchor, f"Tiêu chí {c.id}: {short[c.id]}", f"{where} · mục {c.kind.section} · {c.kind.label}",
                          c.kind.label, [block.text]))
        elif block.kind in ("recipients", "recipient", "signature", "signer"):
            section = None
        elif section is not None:
            section.append(block.text)
        elif block.kind in ("subtitle", "para"):
            preamble.append(block.text)
    intro = "Hướng dẫn tiêu chí xác định gương điển hình tiên tiến"
    docs = [SearchDoc(page, intro, where, (intro, "", "", "", "\n".join(preamble)), (_cut(" ".join(preamble), 600),))]
    for anchor, title, meta, kind_label, texts in parts:
        if kind_label:  # a criterion: its text is the point of the result
            fields = (title, "", kind_label, "\n".join(texts), "")
        else:
            fields = (title, "", "", "", "\n".join(texts))
        passages = (_cut(" ".join(texts), 600),) if texts else ()
        docs.append(SearchDoc(f"{page}#{anchor}", title, meta, fields, passages))
    return docs


def section_pages(urls: Urls = DIRECTORY_URLS) -> list[SearchDoc]:
    """The pillar and kind pages: what each is about."""
    docs = []
    for p in Pillar:
        docs.append(SearchDoc(urls.page(pillar_src(p)), p.label, "Trụ cột", (p.label, "", "", PILLAR_INTROS[p], ""), (PILLAR_INTROS[p],)))
    for k in Kind:
        title = f"{k.plural_label} điển hình"
        docs.append(SearchDoc(urls.page(kind_src(k)), title, "Gương điển hình", (title, "", "", KIND_INTROS[k], ""), (KIND_INTROS[k],)))
    return docs


def _slugify(text: str) -> str:
    # What Python-Markdown's toc extension makes of a heading without an explicit id.
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def markdown_page_docs(path: Path, docs_dir: Path, urls: Urls = DIRECTORY_URLS) -> list[SearchDoc]:
    """A hand-written page: one document for the page, one per '##' section."""
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if m:
        for line in m.group(1).splitlines():
            key, _, value = line.partition(":")
            if value.strip():
                meta[key.strip()] = value.strip().strip("\"'")
        text = text[m.end():]
    rel = path.relative_to(docs_dir).with_suffix("").as_posix()
    url = urls.page(path.relative_to(docs_dir).as_posix())
    title = meta.get("title") or next((ln[2:].strip() for ln in text.splitlines() if ln.startswith("# ")), rel)
    description = meta.get("description", "")
    docs = [SearchDoc(url, title, "Trang", (title, "", "", description, ""), (description,) if description else ())]
    used: set[str] = set()
    for part in re.split(r"^(?=## )", text, flags=re.M)[1:]:
        heading, _, body = part.partition("\n")
        heading = heading[3:].strip()
        explicit = re.search(r"\{\s*#([\w-]+)\s*\}\s*$", heading)
        heading = re.sub(r"\{[^}]*\}\s*$", "", heading).strip()
        anchor = explicit.group(1) if explicit else _slugify(heading)
        if not explicit:  # repeated headings get _1, _2 as the toc extension does
            base, n = anchor, 1
            while anchor in used:
                anchor = f"{base}_{n}"
                n += 1
        used.add(anchor)
        plain = plain_markdown(body)
        docs.append(SearchDoc(f"{url}#{anchor}", heading, title, (heading, "", "", "", plain), (_cut(plain, 600),)))
    return docs


def documents(roll: Roll, guidance: Guidance, docs_dir: Path | None = None, urls: Urls = DIRECTORY_URLS) -> list[SearchDoc]:
    """Every search result, in a fixed order: honorees newest first, then pages, then the guidance."""
    docs = [honoree_doc(h, urls) for h in roll.published]
    docs += section_pages(urls)
    if docs_dir is not None and docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*.md")):
            docs += markdown_page_docs(path, docs_dir, urls)
    docs += guidance_docs(guidance, urls)
    return docs


# --- the index ----------------------------------------------------------------------------------


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


def postings(docs: list[SearchDoc]) -> dict[str, dict[str, list[int]]]:
    """Folded word -> accented form -> ``doc id << MASK_BITS | field mask``, doc ids ascending.

    The hot loop of the build (10,000 honorees: millions of words), written
    for speed: each distinct spelling is folded once, each field's words are
    deduplicated first, the longest field (the body) is counted in one step.
    """
    forms = _Forms()
    by_key: dict[tuple[str, str], list[int]] = {}
    body = FIELDS.index("body")
    order = [body] + [i for i in range(len(FIELDS)) if i != body]
    for doc_id, doc in enumerate(docs):
        masks: dict[tuple[str, str], int] = {}
        for bit in order:
            text = doc.fields[bit]
            if not text:
                continue
            keys = [forms[w] for w in set(term_texts(nfc(text)))]
            flag = 1 << bit
            if not masks:
                masks = dict.fromkeys(keys, flag)
            else:
                for key in keys:
                    masks[key] = masks.get(key, 0) | flag
        base = doc_id << MASK_BITS
        for key, mask in masks.items():
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


def build_index(docs: list[SearchDoc]) -> list[Generated]:
    """The index files for these documents, byte-identical for the same input."""
    index = postings(docs)
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
        if pieces and size + piece_size > SHARD_TARGET:
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
    }
    out.append(Generated(f"{INDEX_DIR}/meta.json", _json(meta), in_nav=False))
    return out


def search_files(roll: Roll, guidance: Guidance, docs_dir: Path | None = None, urls: Urls = DIRECTORY_URLS) -> list[Generated]:
    """Everything search adds to a build: the index and the results page."""
    page = make_environment().get_template("search.md.j2").render(src=RESULTS_SRC)
    return [Generated(RESULTS_SRC, page, in_nav=False), *build_index(documents(roll, guidance, docs_dir, urls))]


# --- ranking (the reference for search.js) ------------------------------------------------------


@dataclass
class Term:
    """A typed word: folded, accented, typed without diacritics, maybe still being typed."""

    text: str
    fold: str
    canon: str
    folded: bool
    last: bool = False


def query_terms(query: str) -> list[Term]:
    """The words of a query as search.js reads them (at most 8, duplicates dropped)."""
    text = nfc(query)
    found: list[Term] = []
    seen: set[tuple[str, str]] = set()
    for a, b in terms(text):
        w = text[a:b]
        term = Term(w, fold(w), canon(w), fold(w) == w.lower(), last=b == len(text))
        if (term.fold, term.canon) not in seen and len(found) < 8:
            seen.add((term.fold, term.canon))
            found.append(term)
        elif b == len(text):  # a repeated word still being typed
            for t in found:
                if (t.fold, t.canon) == (term.fold, term.canon):
                    t.last = True
    return found


@dataclass(frozen=True)
class Hit:
    id: int
    matched: int  # typed words found
    level: int  # sum of match levels (exact > folded > completion)
    score: float


class StaticIndex:
    """Reads the index files as the browser does and ranks a query the same way.

    search.js is what visitors run; this twin exists so that ranking can be
    tested, and compared with the browser's, without a browser.
    """

    def __init__(self, files: Iterable[Generated]):
        self.files = {f.src_uri[len(INDEX_DIR) + 1 :]: f.content for f in files if f.src_uri.startswith(INDEX_DIR + "/")}
        self.meta = self._get("meta.json")
        self.fetched: list[str] = []

    def _get(self, path: str):
        text = self.files.get(path)
        return None if text is None else json.loads(text)

    def get(self, path: str):
        self.fetched.append(path)
        return self._get(path)

    def search(self, query: str) -> tuple[list[Term], list[Hit]]:
        meta = self.meta
        terms = query_terms(query)
        entries: list[list[tuple[str, int, int, bool]]] = []
        for t in terms:
            vocab = (self.get(f"v/{file_key(t.fold[: meta['prefix']])}.json") or {}).get("words", [])
            mine = [(w, df, shard, False) for w, df, shard in vocab if w == t.fold]
            if t.last and len(t.fold) >= 2:
                completions = sorted(((w, df, shard) for w, df, shard in vocab if w.startswith(t.fold) and w != t.fold),
                                     key=lambda e: (-e[1], e[0]))
                covered = 0
                for w, df, shard in completions[: meta["expansions"]]:
                    if covered >= meta["docs"]:
                        break
                    mine.append((w, df, shard, True))
                    covered += df
            entries.append(mine)
        shards = {shard: self.get(f"t/{shard}.json") for mine in entries for _, _, shard, _ in mine}
        return terms, self._rank(terms, entries, shards)

    def _rank(self, terms, entries, shards) -> list[Hit]:
        meta = self.meta
        bits = meta["maskBits"]
        unit = 1 << bits
        weight_of = [sum(meta["weights"][f] for f in range(bits) if mask & (1 << f)) for mask in range(unit)]
        per_doc: dict[int, list] = {}
        for ti, (t, mine) in enumerate(zip(terms, entries)):
            for word, df, shard, prefix in mine:
                idf = math.log(1 + meta["docs"] / df)
                for form, postings in shards[shard].get(word, []):
                    kind = "prefix" if prefix else ("exact" if t.folded or form == t.canon else "folded")
                    level, quality = meta["match"][kind]["level"], meta["match"][kind]["quality"]
                    for doc, m in decode_postings(postings):
                        value = idf * quality * weight_of[m]
                        per = per_doc.setdefault(doc, [None] * len(terms))
                        cur = per[ti]
                        if cur is None:
                            per[ti] = [level, value, m]
                        else:
                            if level > cur[0] or (level == cur[0] and value > cur[1]):
                                cur[0], cur[1] = level, value
                            cur[2] |= m
        name_bit = 1 << meta["fields"].index("name")
        identity_bit = 1 << meta["fields"].index("identity")
        hits = []
        for doc, per in per_doc.items():
            found = [p for p in per if p is not None]
            score = 0.0
            for p in per:
                if p is not None:
                    score += p[1]
            if len(found) == len(per) and all(p[2] & name_bit for p in found):
                score *= meta["allInField"]["name"]
            elif len(found) == len(per) and all(p[2] & identity_bit for p in found):
                score *= meta["allInField"]["identity"]
            hits.append(Hit(doc, len(found), sum(p[0] for p in found), score))
        best = max((h.matched for h in hits), default=0)
        hits = [h for h in hits if h.matched == best]
        hits.sort(key=lambda h: (-h.level, -h.score, h.id))
        return hits

    def document(self, doc_id: int) -> dict:
        chunk = self._get(f"d/{doc_id // self.meta['chunk']}.json")
        url, title, meta, passages = chunk[doc_id % self.meta["chunk"]]
        return {"id": doc_id, "url": url, "title": title, "meta": meta, "passages": passages}
