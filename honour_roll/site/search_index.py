"""The site's own search: what it finds (documents from the roll, the
guidance and the pages) and the results page. How the documents are written
into the static index is honour_roll/search_encoding.py; tests/search_twin.py
ranks a query over that index as search.js does.

Only recognised records become documents (``roll.published``).
"""

from __future__ import annotations

import re
from pathlib import Path

from honour_roll.site.generated import Generated
from honour_roll.record.guidance import Guidance
from honour_roll.record.loader import Roll
from honour_roll.record.model import Honoree
from honour_roll.record.movement import Movement
from honour_roll.site.markup import read_front_matter
from honour_roll.site.pages import make_environment
from honour_roll.site.search_encoding import SearchDoc, build_index, doc_terms
from honour_roll.site.slugs import heading_slug
from honour_roll.site.urls import (
    DIRECTORY_URLS, EN_GUIDANCE_SRC, GUIDANCE_SRC, RESULTS_SRC, Urls, en_honoree_src, en_kind_src, en_pillar_src, honoree_src, kind_src,
    pillar_src,
)

STORY_PASSAGE = 1_000  # characters of a story kept for snippets

_LOCALITY_WORDS = {"TP.": "Thành phố", "TX.": "Thị xã", "H.": "Huyện"}


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
    """'H. Mai Sơn' also as 'Huyện Mai Sơn': people type the word, not the abbreviation."""
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
    passages = [", ".join(identity)] if h.kind.person else []
    passages += [h.summary, _cut(story, STORY_PASSAGE), *h.achievements]
    return SearchDoc(
        url=urls.page(honoree_src(h)),
        title=h.name,
        meta=honoree_meta(h),
        fields=(h.name, "\n".join(identity), "\n".join(facets), "\n".join(summary), "\n".join(body)),
        passages=tuple(p for p in passages if p),
    )


def guidance_docs(guidance: Guidance, movement: Movement, urls: Urls = DIRECTORY_URLS) -> list[SearchDoc]:
    """The guidance page, each of its sections and each criterion, in page order."""
    page = urls.page(GUIDANCE_SRC)
    where = "Hướng dẫn tiêu chí"
    preamble: list[str] = []
    parts: list[tuple[str, str, str, str, list[str]]] = []  # anchor, title, meta, kind label, texts
    section: list[str] | None = None  # texts of the open section
    for block in guidance.blocks:
        if block.kind in ("section", "subsection"):
            section = []
            parts.append((block.anchor, f"Mục {block.number}. {block.text}", where, "", section))
        elif block.criterion:
            c = block.criterion
            parts.append((c.anchor, f"Tiêu chí {c.id}: {c.title}", f"{where} · mục {c.kind.section} · {c.kind.label}",
                          c.kind.label, [block.text]))
        elif block.kind in ("recipients", "recipient", "signature", "signer"):
            section = None
        elif section is not None:
            section.append(block.text)
        elif block.kind in ("subtitle", "para"):
            preamble.append(block.text)
    intro = movement.guidance.title
    docs = [SearchDoc(page, intro, where, (intro, "", "", "", "\n".join(preamble)), (_cut(" ".join(preamble), 600),))]
    for anchor, title, meta, kind_label, texts in parts:
        if kind_label:  # a criterion: its text is the point of the result
            fields = (title, "", kind_label, "\n".join(texts), "")
        else:
            fields = (title, "", "", "", "\n".join(texts))
        passages = (_cut(" ".join(texts), 600),) if texts else ()
        docs.append(SearchDoc(f"{page}#{anchor}", title, meta, fields, passages))
    return docs


def section_pages(movement: Movement, urls: Urls = DIRECTORY_URLS) -> list[SearchDoc]:
    """The pillar and kind pages: what each is about."""
    docs = []
    for p in movement.pillars:
        docs.append(SearchDoc(urls.page(pillar_src(p)), p.label, movement.pillar_label, (p.label, "", "", p.intro, ""), (p.intro,) if p.intro else ()))
    for k in movement.kinds:
        title = f"{k.plural_label} điển hình"
        docs.append(SearchDoc(urls.page(kind_src(k)), title, "Gương điển hình", (title, "", "", k.intro, ""), (k.intro,) if k.intro else ()))
    return docs


def markdown_page_docs(path: Path, docs_dir: Path, urls: Urls = DIRECTORY_URLS) -> list[SearchDoc]:
    """A hand-written page: one document for the page, one per '##' section."""
    meta, text = read_front_matter(path.read_text(encoding="utf-8"))
    rel = path.relative_to(docs_dir).with_suffix("").as_posix()
    url = urls.page(path.relative_to(docs_dir).as_posix())
    title = str(meta.get("title") or "") or next((ln[2:].strip() for ln in text.splitlines() if ln.startswith("# ")), rel)
    description = " ".join(str(meta.get("description") or "").split())
    docs = [SearchDoc(url, title, "Trang", (title, "", "", description, ""), (description,) if description else ())]
    used: set[str] = set()
    for part in re.split(r"^(?=## )", text, flags=re.M)[1:]:
        heading, _, body = part.partition("\n")
        heading = heading[3:].strip()
        explicit = re.search(r"\{\s*#([\w-]+)\s*\}\s*$", heading)
        heading = re.sub(r"\{[^}]*\}\s*$", "", heading).strip()
        anchor = explicit.group(1) if explicit else heading_slug(heading)
        if not explicit:  # repeated headings get _1, _2 as the toc extension does
            base, n = anchor, 1
            while anchor in used:
                anchor = f"{base}_{n}"
                n += 1
        used.add(anchor)
        plain = plain_markdown(body)
        docs.append(SearchDoc(f"{url}#{anchor}", heading, title, (heading, "", "", "", plain), (_cut(plain, 600),)))
    return docs


def english_docs(roll: Roll, urls: Urls = DIRECTORY_URLS) -> list[SearchDoc]:
    """The English edition's pages: honorees with English text, pillars, kinds, the guidance
    summary. Found by the same folding as the Vietnamese (names keep their marks)."""
    m, en = roll.movement, roll.movement.en
    if en is None:
        return []
    docs = []
    for h in roll.published:
        e = h.en
        if e is None:
            continue
        identity = [v for v in (e.position, e.unit, e.parent_body) if v]
        facets = [en.kind(h.kind).label, en.locality(h.locality), h.locality.label, str(h.year), *(en.pillar(p).label for p in h.pillars)]
        if h.recognition:
            facets += [en.award(h.recognition.award), h.recognition.decision]
        story = plain_markdown(e.story)
        passages = [", ".join(identity)] if h.kind.person else []
        passages += [e.summary, _cut(story, STORY_PASSAGE), *e.achievements]
        docs.append(
            SearchDoc(
                url=urls.page(en_honoree_src(h)),
                title=e.name,
                meta=" · ".join(("English", en.kind(h.kind).label, en.locality(h.locality), str(h.year))),
                fields=(e.name, "\n".join(identity), "\n".join(facets), "\n".join((e.summary, *e.achievements)), "\n".join((story, *e.steps, *e.requirements))),
                passages=tuple(p for p in passages if p),
                lang="en",
            )
        )
    for p in m.pillars:
        t = en.pillar(p)
        docs.append(SearchDoc(urls.page(en_pillar_src(p)), t.label, f"English · {en.pillar_label}", (t.label, "", "", t.intro, ""), (t.intro,) if t.intro else (), "en"))
    for k in m.kinds:
        t = en.kind(k)
        docs.append(SearchDoc(urls.page(en_kind_src(k)), t.plural, "English", (t.plural, "", "", t.intro, ""), (t.intro,) if t.intro else (), "en"))
    summary = plain_markdown(en.guidance_summary)
    criteria = "\n".join(f"{c.id} {en.criterion(c)}" for c in m.criteria)
    docs.append(SearchDoc(urls.page(EN_GUIDANCE_SRC), en.guidance_title, "English", (en.guidance_title, "", "", criteria, summary), (_cut(summary, 600),), "en"))
    return docs


def documents(roll: Roll, guidance: Guidance, docs_dir: Path | None = None, urls: Urls = DIRECTORY_URLS) -> list[SearchDoc]:
    """Every search result, in a fixed order: honorees newest first, then pages, then the guidance."""
    docs = [honoree_doc(h, urls) for h in roll.published]
    docs += section_pages(roll.movement, urls)
    if docs_dir is not None and docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*.md")):
            if any(part.startswith(".") for part in path.relative_to(docs_dir).parts):
                continue  # MkDocs leaves hidden files out of the site: search must not lead to them
            docs += markdown_page_docs(path, docs_dir, urls)
    docs += guidance_docs(guidance, roll.movement, urls)
    docs += english_docs(roll, urls)
    return docs


def search_files(roll: Roll, guidance: Guidance, docs_dir: Path | None = None, urls: Urls = DIRECTORY_URLS, terms=doc_terms) -> list[Generated]:
    """Everything search adds to a build: the index and the results page (``terms``: see search_encoding.postings)."""
    return [search_page(roll), *search_index_files(roll, guidance, docs_dir, urls, terms)]


def search_page(roll: Roll) -> Generated:
    """The results page: the same for every roll of one movement."""
    page = make_environment().get_template("search.md.j2").render(src=RESULTS_SRC, movement=roll.movement)
    return Generated(RESULTS_SRC, page, in_nav=False)


def search_index_files(roll: Roll, guidance: Guidance, docs_dir: Path | None = None, urls: Urls = DIRECTORY_URLS, terms=doc_terms) -> list[Generated]:
    """The index's data files, which the results page's script reads: no page links to them."""
    return build_index(documents(roll, guidance, docs_dir, urls), terms)
