"""The preview's memo of each search document's terms, between rebuilds.

Half of making the search index is listing each document's words and phrases
(``search_encoding.doc_terms``: at 1,000 honorees about 0.35 s), and an edit
changes one document. The preview keeps those lists in its own, long-lived
process, keyed by the hash of the document's text.

The index is made in a forked child (background.py), which sees the memo as
it was at the fork and whose own additions die with it. So the child reports
which entries it used and the few it had to make; the parent keeps exactly
those (``keep``): entries not used in a rebuild are forgotten, as in
rebuild_memo. When most documents changed (the first build, a renamed pillar),
sending their lists back would cost more than it saves, and would double their
memory: the child reports that instead (``refill``), and the next rebuild
makes the index in the parent, filling the memo there.
"""

from __future__ import annotations

import hashlib

from honour_roll.site.search_encoding import SearchDoc, doc_terms

Terms = dict[tuple[str, str], int]
# Lists sent back from the child at most: beyond, the parent makes the next index itself.
SEND_BACK = 64


def _key(doc: SearchDoc) -> bytes:
    return hashlib.blake2b("\0".join(doc.fields).encode("utf-8"), digest_size=16).digest()


class TermsMemo:
    def __init__(self) -> None:
        self._entries: dict[bytes, Terms] = {}
        self.used: set[bytes] = set()
        self.made: dict[bytes, Terms] = {}
        self.refill = True  # nothing kept yet: make the index in the parent

    def start(self) -> None:
        self.used, self.made = set(), {}

    def __call__(self, doc: SearchDoc) -> Terms:
        key = _key(doc)
        self.used.add(key)
        found = self._entries.get(key)
        if found is None:
            found = self.made.get(key)
            if found is None:
                found = self.made[key] = doc_terms(doc)
        return found

    def report(self) -> tuple[set[bytes], dict[bytes, Terms] | None]:
        """What the child tells the parent: the keys used, and the lists it made (None: too many)."""
        return self.used, (self.made if len(self.made) <= SEND_BACK else None)

    def keep(self, used: set[bytes], made: dict[bytes, Terms] | None) -> None:
        """In the parent, after a rebuild: keep the entries used, with those made this time."""
        if made is None:
            self.refill = True
            return
        self._entries = {key: self._entries[key] if key in self._entries else made[key] for key in used}
        self.refill = False


# The preview's memo: module state, like rebuild_memo.preview.
preview = TermsMemo()
