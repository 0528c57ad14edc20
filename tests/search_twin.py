"""A Python twin of search.js's ranking, for tests: it reads the index files
as the browser does and ranks a query the same way, so that ranking can be
tested, and compared with the browser's (test_search_browser.py), without a
browser. search.js is what visitors run; this file follows it."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Iterable

from honour_roll.site.generated import Generated
from honour_roll.site.search_encoding import INDEX_DIR, decode_postings, file_key
from honour_roll.record.vietnamese import canon, fold, is_folded, nfc, terms, words


@dataclass
class Term:
    """A typed word: folded, accented, typed without diacritics, maybe still being typed."""

    text: str
    fold: str
    canon: str
    folded: bool
    last: bool = False


def query_phrases(query: str) -> list[str]:
    """Every two consecutive words of a query, folded, as search.js pairs them (at most 7)."""
    text = nfc(query)
    folded = [fold(text[a:b]) for a, b in words(text)]
    out: list[str] = []
    for a, b in zip(folded, folded[1:]):
        if f"{a} {b}" not in out and len(out) < 7:
            out.append(f"{a} {b}")
    return out


def query_terms(query: str) -> list[Term]:
    """The words of a query as search.js reads them (at most 8, duplicates dropped)."""
    text = nfc(query)
    found: list[Term] = []
    seen: set[tuple[str, str]] = set()
    for a, b in terms(text):
        w = text[a:b]
        term = Term(w, fold(w), canon(w), is_folded(w), last=b == len(text))
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
        if path not in self.fetched:  # the browser asks for a file once
            self.fetched.append(path)
        return self._get(path)

    def search(self, query: str, page_lang: str = "vi") -> tuple[list[Term], list[Hit]]:
        meta = self.meta
        terms = query_terms(query)
        entries: list[list[tuple[str, int, int, bool]]] = []
        for t in terms:
            vocab = self.vocab(t.fold)
            mine = [(w, df, shard, False) for w, df, shard in vocab if w == t.fold]
            if not mine and " " not in t.fold:
                # Two words typed without the space between them ("vungtau"): the phrase they make,
                # split after the first PREFIX letters (the same vocabulary file as the word).
                for k in range(meta["prefix"], len(t.fold)):
                    joined = f"{t.fold[:k]} {t.fold[k:]}"
                    mine += [(w, df, shard, False) for w, df, shard in self.vocab(joined) if w == joined]
            if t.last and len(t.fold) >= 2:
                completions = sorted(((w, df, shard) for w, df, shard in vocab if w.startswith(t.fold) and w != t.fold and " " not in w),
                                     key=lambda e: (-e[1], e[0]))
                covered = 0
                for w, df, shard in completions[: meta["expansions"]]:
                    if covered >= meta["docs"]:
                        break
                    mine.append((w, df, shard, True))
                    covered += df
            entries.append(mine)
        phrases = []
        for phrase in query_phrases(query):
            phrases += [(w, df, shard) for w, df, shard in self.vocab(phrase) if w == phrase and df <= meta["phraseMaxShare"] * meta["docs"]]
        shards = {shard: self.get(f"t/{shard}.json") for mine in entries for _, _, shard, _ in mine}
        shards.update((shard, self.get(f"t/{shard}.json")) for _, _, shard in phrases if shard not in shards)
        return terms, self._rank(terms, entries, phrases, shards, page_lang)

    def vocab(self, word: str) -> list:
        """The vocabulary file a folded word (or phrase) is filed in."""
        return (self.get(f"v/{file_key(word[: self.meta['prefix']])}.json") or {}).get("words", [])

    def _rank(self, terms, entries, phrases, shards, page_lang: str = "vi") -> list[Hit]:
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
        # Words found together: each query phrase a document holds adds to its score.
        bonus: dict[int, float] = {}
        for word, df, shard in phrases:
            idf = math.log(1 + meta["docs"] / df)
            for _form, postings in shards[shard].get(word, []):
                for doc, m in decode_postings(postings):
                    if doc in per_doc:
                        bonus[doc] = bonus.get(doc, 0.0) + idf * meta["phrase"] * weight_of[m]
        name_bit = 1 << meta["fields"].index("name")
        identity_bit = 1 << meta["fields"].index("identity")
        hits = []
        for doc, per in per_doc.items():
            found = [p for p in per if p is not None]
            score = bonus.get(doc, 0.0)
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
        # At equal match, results in the page's own language first, as search.js does.
        runs = meta.get("languages") or []

        def own(doc: int) -> int:
            lang = runs[0][0] if runs else ""
            for run_lang, first in runs:
                if first <= doc:
                    lang = run_lang
            return int(lang == page_lang)

        hits.sort(key=lambda h: (-h.level, -own(h.id), -h.score, h.id))
        return hits

    def document(self, doc_id: int) -> dict:
        chunk = self._get(f"d/{doc_id // self.meta['chunk']}.json")
        url, title, meta, passages = chunk[doc_id % self.meta["chunk"]]
        return {"id": doc_id, "url": url, "title": title, "meta": meta, "passages": passages}
