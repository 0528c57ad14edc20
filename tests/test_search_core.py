"""The core of search, without a browser: Vietnamese folding, tone placement,
words, and the ranking of a query over a built index."""

from __future__ import annotations

import unicodedata

import pytest

from honour_roll.record import fields
from honour_roll.site.search_encoding import SearchDoc, build_index
from honour_roll.record.vietnamese import MAX_TOKEN_LENGTH, canon, compounds, fold, is_folded, term_texts, terms, tokens, words

from search_twin import StaticIndex, query_terms

NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731


# --- folding and tone placement ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Chuyển đổi số", "chuyen doi so"),
        ("ĐẤT ĐỎ", "dat do"),
        ("Xuyên Mộc", "xuyen moc"),
        ("Người dân", "nguoi dan"),
        ("Ưu tiên ứng dụng", "uu tien ung dung"),
        ("Đặng Quốc Việt", "dang quoc viet"),
    ],
)
def test_fold_drops_every_diacritic_and_reads_dd_as_d(text, folded):
    assert fold(text) == folded
    assert fold(NFD(text)) == folded


def test_fields_fold_is_the_same_function():
    assert fields.fold("Hòa Bình ĐỨC") == fold("Hòa Bình ĐỨC") == "hoa binh duc"


@pytest.mark.parametrize(
    "old, new",
    [
        ("Hòa", "Hoà"), ("thúy", "thuý"), ("khỏe", "khoẻ"), ("Hóa", "hoá"), ("lòa", "loà"),
        ("tòa", "toà"), ("hủy", "huỷ"), ("Thụy", "Thuỵ"), ("xòe", "xoè"),
    ],
)
def test_both_tone_placements_are_the_same_word(old, new):
    assert canon(old) == canon(new)
    assert canon(NFD(old)) == canon(new)
    assert fold(old) == fold(new)


@pytest.mark.parametrize(
    "word, expected",
    [
        # The tone stays where Vietnamese puts it: on the marked vowel, after
        # "qu"/"gi", on the last vowel of a closed syllable.
        ("người", "người"), ("quý", "quý"), ("Quốc", "quốc"), ("giữa", "giữa"), ("gì", "gì"), ("gìn", "gìn"),
        ("khuya", "khuya"), ("ngoài", "ngoài"), ("tuyển", "tuyển"), ("huỳnh", "huỳnh"), ("rượu", "rượu"),
        ("hoàng", "hoàng"), ("mía", "mía"), ("múa", "múa"), ("khuỷu", "khuỷu"), ("COVID", "covid"),
    ],
)
def test_canonical_forms_are_real_vietnamese(word, expected):
    assert canon(word) == expected


def test_different_words_stay_different_with_diacritics():
    forms = {canon(w) for w in ("số", "sở", "sổ", "sợ", "so", "sơ")}
    assert len(forms) == 6
    assert {fold(w) for w in ("số", "sở", "sổ", "sợ", "so", "sơ")} == {"so"}


def test_a_word_typed_without_diacritics_may_stand_for_any_accented_form():
    assert is_folded("doi") and is_folded("Doi") and is_folded("DAT")
    assert not is_folded("đoi") and not is_folded("đổi") and not is_folded(NFD("đổi"))


# --- words ---------------------------------------------------------------------------------------


def test_words_split_on_spaces_and_punctuation_and_keep_compounds():
    text = "Tiêu chí 3.3.a: số 1452/QĐ-UBND, COVID-19; “Chợ 4.0” a_b"
    assert tokens(text) == [
        "Tiêu", "chí", "3", "3.3.a", "3", "a", "số", "1452", "1452/QĐ-UBND", "QĐ", "UBND",
        "COVID", "COVID-19", "19", "Chợ", "4", "4.0", "0", "a", "b",
    ]


def test_nfd_text_gives_the_same_words():
    text = "Chuyển đổi số ở Hòa Bình"
    assert tokens(NFD(text)) == tokens(text)
    decomposed = NFD(text)
    assert [decomposed[a:b] for a, b in words(decomposed)] == [NFD(w) for w in text.split()]


def test_overlong_runs_are_not_words():
    assert tokens("x" * (MAX_TOKEN_LENGTH + 1) + " ok") == ["ok"]


def test_the_fast_word_splitter_agrees_with_the_definition(tmp_path):
    """The index uses a faster splitter than the browser's two patterns; same words."""
    samples = [
        "Tiêu chí 3.3.a, a..b, 3.3.a., -x-, x--y, COVID-19/20, 1.100 người, a.b-c/d, _a_b, a_.b",
        "x" * 45 + ".y y.x" + "z" * 45,
        "Hà Nội – Bà Rịa – Vũng Tàu (2021–2025): “chuyển đổi số”!",
        NFD("Đổi mới, sáng tạo: ứng dụng 4.0"),
    ]
    for text in samples:
        spans = sorted(words(text) + compounds(text))
        assert terms(text) == spans
        assert sorted(term_texts(text)) == sorted(text[a:b] for a, b in spans)


def test_query_terms_mark_only_the_word_being_typed():
    t = query_terms("xuyen mo")
    assert [(x.fold, x.last) for x in t] == [("xuyen", False), ("mo", True)]
    assert not any(x.last for x in query_terms("xuyen mo "))
    assert [x.fold for x in query_terms("số số Số")] == ["so"]
    assert len(query_terms(" ".join(f"w{i}" for i in range(20)))) == 8
    hoa = query_terms("Hòa")[0]
    assert (hoa.fold, hoa.canon, hoa.folded) == ("hoa", "hoà", False)


# --- ranking -------------------------------------------------------------------------------------


def doc(title: str, *, name: str = "", identity: str = "", facets: str = "", summary: str = "", body: str = "") -> SearchDoc:
    return SearchDoc(f"{title}/", title, "", (name, identity, facets, summary, body), (summary or body,))


def ranked(docs: list[SearchDoc], query: str) -> list[str]:
    index = StaticIndex(build_index(docs))
    _, hits = index.search(query)
    return [index.document(h.id)["title"] for h in hits]


def test_exact_diacritics_rank_above_folded_and_completed_words():
    docs = [
        doc("soc", name="Trường học Sóc Trăng"),  # completion of "so"
        doc("so-name", name="Sở Nội vụ"),  # the same folded word, other diacritics, in the name
        doc("so-body", body="Kinh tế số của tỉnh"),  # the exact word, only in the body
        doc("other", name="Bệnh viện"),
    ]
    assert ranked(docs, "số") == ["so-body", "so-name", "soc"]
    assert ranked(docs, NFD("Số")) == ["so-body", "so-name", "soc"]
    # Typed without diacritics, both forms are equally exact: the name wins.
    assert ranked(docs, "so") == ["so-name", "so-body", "soc"]
    # Finished word (a space follows): no completion.
    assert ranked(docs, "so ") == ["so-name", "so-body"]


def test_a_query_without_diacritics_finds_what_the_accented_one_finds():
    docs = [
        doc("a", name="Huyện Đoàn Xuyên Mộc"),
        doc("b", body="mô hình ở xã Xuyên Mộc, huyện Xuyên Mộc"),
        doc("c", body="xuyên suốt năm"),
        doc("d", summary="Đất Đỏ và Long Điền"),
        doc("e", summary="đạt kết quả tốt, do đó"),
    ]
    for plain, accented in [("xuyen moc", "Xuyên Mộc"), ("dat do", "Đất Đỏ"), ("XUYEN MOC", "xuyên mộc")]:
        assert set(ranked(docs, plain)) == set(ranked(docs, accented)) != set()
    assert ranked(docs, "xuyen moc")[0] == "a"
    assert ranked(docs, "Đất Đỏ")[0] == "d"  # exact beats "đạt ... do"


def test_tone_placement_does_not_change_the_ranking():
    docs = [doc("old", name="Xã Hòa Hiệp"), doc("new", body="văn hoá cơ sở"), doc("plain", body="hoa mai")]
    assert ranked(docs, "Hoà") == ranked(docs, "Hòa") == ranked(docs, NFD("Hòa"))
    assert ranked(docs, "Hoà")[-1] == "plain"  # "hoa" is only folded-equal
    assert set(ranked(docs, "Hoa")) == set(ranked(docs, "Hòa")) == {"old", "new", "plain"}
    docs = [doc("a", name="Đoàn Thị Thanh Thúy"), doc("b", body="thuỷ sản")]
    assert ranked(docs, "thuý") == ranked(docs, "thúy") == ["a", "b"]


def test_a_name_typed_without_diacritics_puts_its_page_first():
    docs = [
        doc("story", body="đang làm việc tại Việt Nam, quốc gia số", summary="Đang quốc việt"),
        doc("person", name="Đặng Quốc Việt", identity="Chuyên viên"),
        doc("unit", name="Trần Văn A", identity="UBND huyện Xuyên Mộc"),
        doc("mention", body="Xuyên Mộc"),
    ]
    assert ranked(docs, "dang quoc viet")[0] == "person"
    assert ranked(docs, "ubnd xuyen moc")[0] == "unit"


def test_every_word_must_match_unless_no_document_has_them_all():
    docs = [doc("ab", body="alpha beta"), doc("a", body="alpha"), doc("b", body="beta gamma")]
    assert ranked(docs, "alpha beta ") == ["ab"]
    assert set(ranked(docs, "alpha gamma ")) == {"ab", "a", "b"}  # best effort: one of the two words each
    assert ranked(docs, "zeta ") == []


def test_the_last_word_matches_as_it_is_typed():
    docs = [doc("a", name="Huyện Đoàn Xuyên Mộc"), doc("b", name="Xã Xuyên Phước")]
    assert ranked(docs, "xuyen mo") == ["a"]
    assert ranked(docs, "xuy") == ["a", "b"] or ranked(docs, "xuy") == ["b", "a"]
    assert ranked(docs, "3.3") == []
    crit = [doc("3.3.a", name="Tiêu chí 3.3.a"), doc("3.1.a", name="Tiêu chí 3.1.a"), doc("3.3.b", name="Tiêu chí 3.3.b")]
    assert ranked(crit, "3.3.a") == ["3.3.a"]
    assert ranked(crit, "tieu chi 3.3") == ["3.3.a", "3.3.b"]


def test_words_found_together_outrank_scattered_ones():
    docs = [
        doc("scattered", name="Sở Kế hoạch", summary="chủ trì kỳ họp, chữ viết"),
        doc("together", summary="tích hợp chữ ký số vào hệ thống"),
        doc("apart", summary="chữ số đẹp, ký tên"),
    ]
    assert ranked(docs, "chu ky so")[0] == "together"
    assert ranked(docs, "chữ ký số")[0] == "together"
    assert set(ranked(docs, "chu ky so")) == {"scattered", "together", "apart"}  # phrases rank, never filter


def test_two_words_typed_without_a_space_find_the_phrase():
    docs = [doc("vt", name="Hội Nông dân TP. Vũng Tàu"), doc("other", name="Huyện Xuyên Mộc"), doc("tau", body="tàu cá")]
    assert ranked(docs, "vungtau") == ["vt"]
    assert ranked(docs, "vungtau") == ranked(docs, "vung tau ")[:1]
    assert ranked(docs, "xuyenmoc ") == ["other"]
    assert ranked(docs, "zzzzzz") == []
