"""The search index built from the real records: complete, sharded, deterministic,
and holding nothing that is not published."""

from __future__ import annotations

import dataclasses
import json
import re
from urllib.parse import urljoin

import pytest

from honour_roll.record.guidance import load_guidance
from honour_roll.record.loader import Roll, load_roll
from honour_roll.site.search_encoding import (
    CHUNK,
    FIELDS,
    INDEX_DIR,
    MASK_BITS,
    PHRASE_FIELDS,
    PREFIX,
    SHARD_TARGET,
    decode_postings,
    encode_postings,
    file_key,
    postings,
)
from honour_roll.site.search_index import documents, search_files
from honour_roll.record.vietnamese import canon, compounds, fold, nfc, words
from honour_roll.record.vocabulary import Status

from conftest import MOVEMENT, ROOT
from search_twin import StaticIndex
from htmltext import elements

GUIDANCE = ROOT / "data" / "guidance" / "huong-dan-2022.txt"


@pytest.fixture(scope="module")
def roll():
    return load_roll(ROOT / "data", ROOT)


@pytest.fixture(scope="module")
def guidance():
    return load_guidance(GUIDANCE, MOVEMENT)


@pytest.fixture(scope="module")
def files(roll, guidance):
    return search_files(roll, guidance, ROOT / "docs")


@pytest.fixture(scope="module")
def index(files):
    return StaticIndex(files)


def index_json(files):
    return {f.src_uri: json.loads(f.content) for f in files if f.src_uri.startswith(INDEX_DIR + "/")}


def top(index, query, n=1):
    _, hits = index.search(query)
    return [index.document(h.id)["url"] for h in hits[:n]]


def test_every_published_honoree_is_a_document_and_nothing_else_from_the_roll(roll, guidance):
    docs = documents(roll, guidance, ROOT / "docs")
    urls = [d.url for d in docs]
    honoree_urls = [u for u in urls if u.startswith("guong-dien-hinh/")]
    assert honoree_urls == [f"guong-dien-hinh/{h.id}/" for h in roll.published]
    assert len(urls) == len(set(urls))
    # the guidance: each section and each criterion of 3.1-3.3 is its own result
    for anchor in ("muc-1", "muc-3-1", "muc-3-3", "muc-5", "tieu-chi-3-1-a", "tieu-chi-3-2-c", "tieu-chi-3-3-a", "tieu-chi-3-3-d"):
        assert f"huong-dan/#{anchor}" in urls
    # pillar, kind and context pages
    for url in ("tru-cot/chinh-quyen-so/", "tru-cot/xa-hoi-so/", "loai/ca-nhan/", "loai/tap-the/", "boi-canh/"):
        assert url in urls


def test_no_draft_or_nominated_record_reaches_any_index_file(roll, files):
    hidden = [h for h in roll.honorees if h.status is not Status.RECOGNISED]
    assert hidden, "the sample data has drafts and nominations to hide"
    text = "\n".join(f.content for f in files if f.src_uri.startswith(INDEX_DIR))
    for h in hidden:
        assert h.name not in text and h.id not in text
        # nor any word only they use
    published_words = {fold(w) for h in roll.published for f in dataclasses.astuple(h) if isinstance(f, str) for w in re.findall(r"\w+", f)}
    vocabulary = {e[0] for name, data in index_json(files).items() if "/v/" in name for e in data["words"]}
    for h in hidden:
        for w in re.findall(r"\w+", h.name + " " + (h.unit or "")):
            if fold(w) not in published_words:
                assert fold(w) not in vocabulary, w
    for h in roll.honorees:
        if h.editor_notes:
            assert h.editor_notes not in text


def test_an_unpublished_record_with_unique_words_leaves_no_trace(roll, guidance):
    secret = dataclasses.replace(roll.published[0], id="ban-nhap-bi-mat", name="Zyxwvu Qưertyô", status=Status.DRAFT)
    nominated = dataclasses.replace(roll.published[1], id="de-cu-bi-mat", name="Plokmijn Đềcửbímật", status=Status.NOMINATED)
    with_hidden = Roll(roll.honorees + (secret, nominated), roll.movement)
    text = "\n".join(f.content for f in search_files(with_hidden, guidance, ROOT / "docs") if f.src_uri.startswith(INDEX_DIR))
    for needle in ("zyxwvu", "Zyxwvu", "qưertyô", "qurtyo", "plokmijn", "decubimat", "đềcửbímật", "ban-nhap-bi-mat", "de-cu-bi-mat"):
        assert needle not in text


def test_the_index_is_deterministic(roll, guidance, files):
    again = search_files(load_roll(ROOT / "data", ROOT), guidance, ROOT / "docs")
    assert [(f.src_uri, f.content) for f in again] == [(f.src_uri, f.content) for f in files]
    shuffled = Roll(tuple(reversed(roll.honorees)), roll.movement)
    assert [(f.src_uri, f.content) for f in search_files(shuffled, guidance, ROOT / "docs")] == [(f.src_uri, f.content) for f in files]


def test_layout_meta_vocabulary_shards_and_chunks(files, roll):
    data = index_json(files)
    meta = data[f"{INDEX_DIR}/meta.json"]
    assert meta["docs"] >= len(roll.published) + 20 and meta["chunk"] == CHUNK and meta["prefix"] == PREFIX
    shards = {name: d for name, d in data.items() if "/t/" in name}
    vocab = {name: d for name, d in data.items() if "/v/" in name}
    chunks = {name: d for name, d in data.items() if "/d/" in name}
    assert len(chunks) == -(-meta["docs"] // CHUNK)
    for name, data in vocab.items():
        assert data["build"] == meta["build"]
        entries = data["words"]
        assert entries == sorted(entries)
        for word, df, shard in entries:
            assert name == f"{INDEX_DIR}/v/{file_key(word[:PREFIX])}.json"
            forms = shards[f"{INDEX_DIR}/t/{shard}.json"][word]
            ids = set()
            for form, encoded in forms:
                assert fold(form) == word and canon(form) == form
                decoded = decode_postings(encoded)
                docs = [doc for doc, _ in decoded]
                assert docs == sorted(set(docs)) and docs[-1] < meta["docs"]
                assert all(0 < mask < 1 << MASK_BITS for _, mask in decoded)
                ids.update(docs)
            assert len(ids) == df
    for name, shard in shards.items():
        size = len(next(f.content for f in files if f.src_uri == name).encode())
        assert size <= SHARD_TARGET or len(shard) == 1, name


def test_postings_follow_the_plain_definition(roll, guidance):
    """The build's fast path gives exactly what words + compounds of each field say, and the
    phrases of the short fields."""
    docs = documents(roll, guidance, ROOT / "docs")
    expected: dict[tuple[str, str], dict[int, int]] = {}
    for doc_id, d in enumerate(docs):
        for bit, text in enumerate(d.fields):
            text = nfc(text)
            for a, b in sorted(words(text) + compounds(text)):
                key = (fold(text[a:b]), canon(text[a:b]))
                expected.setdefault(key, {})
                expected[key][doc_id] = expected[key].get(doc_id, 0) | (1 << bit)
            if FIELDS[bit] not in PHRASE_FIELDS:
                continue
            for line in text.split("\n"):  # phrases: two consecutive words of one line
                spans = words(line)
                for (a, b), (c, e) in zip(spans, spans[1:]):
                    phrase = fold(line[a:b]) + " " + fold(line[c:e])
                    expected.setdefault((phrase, phrase), {})
                    expected[(phrase, phrase)][doc_id] = expected[(phrase, phrase)].get(doc_id, 0) | (1 << bit)
    got = {(w, f): {v >> MASK_BITS: v & 31 for v in values} for w, forms in postings(docs).items() for f, values in forms.items()}
    assert got == expected


def test_posting_strings_round_trip():
    cases = [[(0, 1)], [(0, 31), (1, 16), (2, 1)], [(5, 3), (1029, 16), (1030, 2), (10**6, 31)]]
    for case in cases:
        encoded = encode_postings([doc << MASK_BITS | mask for doc, mask in case])
        assert decode_postings(encoded) == case
    # a word in every document costs one character per document
    dense = encode_postings([doc << MASK_BITS | 16 for doc in range(1000)])
    assert len(dense) == 1000 and re.fullmatch(r"[A-Za-z0-9_-]+", dense)


def test_record_text_is_stored_as_plain_json_strings(roll, guidance):
    h = roll.published[0]
    tricky = dataclasses.replace(h, summary='Dấu "ngoặc" \\ và <b>thẻ</b> &amp; </script>', story="**Đậm** [liên kết](https://x.example) `mã`")
    files = search_files(Roll((tricky,), MOVEMENT), guidance, None)
    chunk = index_json(files)[f"{INDEX_DIR}/d/0.json"]
    passages = chunk[0][3]
    assert tricky.summary in passages
    assert "Đậm liên kết mã" in passages  # Markdown reduced to what a reader sees


def test_real_queries_rank_as_a_visitor_expects(index):
    assert top(index, "xuyen moc") == ["guong-dien-hinh/huyen-doan-xuyen-moc/"]
    assert top(index, "dang quoc viet") == ["guong-dien-hinh/dang-quoc-viet/"]
    assert top(index, "DANG QUOC VIET") == ["guong-dien-hinh/dang-quoc-viet/"]
    assert top(index, "dat do") == ["guong-dien-hinh/phong-giao-duc-va-dao-tao-huyen-dat-do/"]
    assert top(index, "3.3.a") == ["huong-dan/#tieu-chi-3-3-a"]
    assert top(index, "tieu chi 3.3.b") == ["huong-dan/#tieu-chi-3-3-b"]
    assert top(index, "boi canh") == ["boi-canh/"]


def test_every_name_and_unit_typed_without_diacritics_puts_its_page_first(index, roll):
    for h in roll.published:
        assert top(index, fold(h.name)) == [f"guong-dien-hinh/{h.id}/"], h.name
        if h.unit:
            assert f"guong-dien-hinh/{h.id}/" in top(index, fold(h.unit), 3), h.unit


def test_folded_queries_find_what_accented_ones_find(index, roll):
    for query in ["Chuyển đổi số", "Xuyên Mộc", "Đất Đỏ", "dịch vụ công", "Hòa", "Hoà", "thúy", "Côn Đảo", "sáng kiến cấp tỉnh"]:
        _, accented = index.search(query)
        _, plain = index.search(fold(query))
        assert {h.id for h in accented} == {h.id for h in plain} != set(), query


def test_a_cold_query_reads_a_few_small_files(index):
    index.fetched = []
    index.search("chuyen doi so")
    assert 0 < len(index.fetched) <= 12
    assert all(p.startswith(("v/", "t/")) for p in index.fetched)


def test_context_page_anchors_exist_on_the_built_page(real_site, roll, guidance):
    docs = [d for d in documents(roll, guidance, ROOT / "docs") if "#" in d.url]
    assert docs
    for d in docs:
        page, anchor = d.url.split("#")
        html = (real_site / page / "index.html").read_text(encoding="utf-8")
        assert f'id="{anchor}"' in html, d.url


def test_the_site_has_no_material_search_and_a_search_box_on_every_page(real_site):
    assert not (real_site / "search" / "search_index.json").exists()
    pages = list(real_site.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if "<header" not in html:  # redirect stubs
            continue
        forms = [a for _, a in elements(html, "form") if a.get("role") == "search" and "data-hr-index" in a]
        assert forms, path
        page_url = "http://site/" + path.relative_to(real_site).as_posix()
        # The English edition's pages search from the English results page.
        results = "http://site/en/search/" if 'lang="en"' in html[:200] else "http://site/tim-kiem/"
        assert forms[0]["method"] == "get" and urljoin(page_url, forms[0]["action"]) == results, path
        assert 'name="q"' in html
        assert 'data-md-component="search"' not in html
    assert (real_site / INDEX_DIR / "meta.json").is_file()
    assert (real_site / "tim-kiem" / "index.html").is_file()


def rank_of(index, query, url):
    _, hits = index.search(query)
    urls = [index.document(h.id)["url"] for h in hits]
    return urls.index(url) + 1 if url in urls else None


def test_a_phrase_puts_the_honoree_whose_story_it_is_near_the_top(index, roll):
    """"chu ky so": Đặng Quốc Việt's whole story is chữ ký số (was 7th when words were
    ranked apart); "co thi dua": the only Cờ thi đua holder (was 9th)."""
    assert rank_of(index, "chu ky so", "guong-dien-hinh/dang-quoc-viet/") <= 3
    assert rank_of(index, "chữ ký số", "guong-dien-hinh/dang-quoc-viet/") <= 3
    holders = [h for h in roll.published if h.recognition and h.recognition.award.id == "co-thi-dua"]
    assert len(holders) == 1
    assert rank_of(index, "co thi dua", f"guong-dien-hinh/{holders[0].id}/") <= 2
    assert rank_of(index, "Cờ thi đua", f"guong-dien-hinh/{holders[0].id}/") == 1


def test_vungtau_without_a_space_finds_vung_tau(index):
    assert top(index, "vungtau", 3) == top(index, "vung tau ", 3)
    assert top(index, "vungtau")[0] == "guong-dien-hinh/hoi-lien-hiep-phu-nu-thanh-pho-vung-tau/"
