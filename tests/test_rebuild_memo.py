"""The preview's memo (honour_roll/record/rebuild_memo.py): what a rebuild reuses must
be exactly what it would have computed, whatever changed in between."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from honour_roll.record.guidance import load_guidance
from honour_roll.record.loader import load_roll
from honour_roll.site.pages import PageMaker, image_size
from honour_roll.record.problems import RecordsInvalid
from honour_roll.record.rebuild_memo import Memo

from conftest import FIXTURES, MOVEMENT, ROOT

GUIDANCE = ROOT / "data" / "guidance" / "huong-dan-2022.txt"


@pytest.fixture
def data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid" / "photos", data / "photos")
    (data / "honorees").mkdir()
    shutil.copy(FIXTURES / "valid" / "honorees" / "tran-van-mau.yml", data / "honorees")
    shutil.copy(ROOT / "data" / "honorees" / "benh-vien-ba-ria.yml", data / "honorees")
    shutil.copy(ROOT / "data" / "movement.yml", data)
    return data


def rounds(memo: Memo, data, n: int = 1):
    for _ in range(n):
        memo.new_round()
        roll = load_roll(data, data.parent, memo=memo)
    return roll


def test_a_memo_gives_the_same_roll_and_reads_nothing_twice(data):
    memo = Memo()
    first = rounds(memo, data)
    assert memo.misses == 2
    again = rounds(memo, data)
    assert (memo.hits, memo.misses) == (2, 0)
    assert again == first == load_roll(data, data.parent)


def test_an_edited_record_is_read_again(data):
    memo = Memo()
    rounds(memo, data)
    record = data / "honorees" / "tran-van-mau.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("Giáo viên Tin học", "Tổ trưởng Tin học"), encoding="utf-8")
    roll = rounds(memo, data)
    assert (memo.hits, memo.misses) == (1, 1)
    assert roll.by_id["tran-van-mau"].position == "Tổ trưởng Tin học"


def test_a_removed_photo_fails_validation_though_the_record_did_not_change(data):
    memo = Memo()
    rounds(memo, data)
    (data / "photos" / "lop-hoc.png").unlink()
    with pytest.raises(RecordsInvalid) as e:
        rounds(memo, data)
    assert "không tìm thấy tệp ảnh 'photos/lop-hoc.png'" in e.value.report()


def test_an_invalid_record_reports_the_same_problems_from_the_memo(data):
    memo = Memo()
    record = data / "honorees" / "tran-van-mau.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("date: 2023-11-20", "date: 2023-02-30"), encoding="utf-8")
    reports = []
    for _ in range(2):
        with pytest.raises(RecordsInvalid) as e:
            rounds(memo, data)
        reports.append(e.value.report())
    assert reports[0] == reports[1] and "recognition.date" in reports[0]


def test_results_unused_for_a_whole_round_are_forgotten():
    memo = Memo()
    memo.new_round()
    memo.get("a", lambda: 1)
    memo.new_round()  # "a" not asked for in this round...
    memo.new_round()  # ...so it is gone in the next
    assert memo.get("a", lambda: 2) == 2


def test_honoree_pages_from_the_memo_match_fresh_ones_and_follow_photo_changes(data):
    memo = Memo()
    guidance = load_guidance(GUIDANCE, MOVEMENT)
    roll = rounds(memo, data)
    fresh = {p.src_uri: p for p in PageMaker(roll, guidance, data, "https://x.example/").pages()}
    memo_pages = {p.src_uri: p for p in PageMaker(roll, guidance, data, "https://x.example/", memo).pages()}
    assert memo_pages == fresh
    # Same inputs: the same object back. A new site address: rendered again.
    again = {p.src_uri: p for p in PageMaker(roll, guidance, data, "https://x.example/", memo).pages()}
    assert again["guong-dien-hinh/tran-van-mau.md"] is memo_pages["guong-dien-hinh/tran-van-mau.md"]
    moved = {p.src_uri: p for p in PageMaker(roll, guidance, data, "https://y.example/", memo).pages()}
    assert "https://y.example/guong-dien-hinh/tran-van-mau/" in moved["guong-dien-hinh/tran-van-mau.md"].content
    # A photo replaced by one of another size: the page's width and height follow.
    photo = data / "photos" / "lop-hoc.png"
    before = image_size(photo)
    shutil.copy(ROOT / "data" / "photos" / sorted(p.name for p in (ROOT / "data" / "photos").glob("*.png"))[0], photo)
    assert image_size(photo) != before  # else this test could not tell
    roll = rounds(memo, data)
    resized = PageMaker(roll, guidance, data, "https://x.example/", memo).honoree_page(roll.by_id["tran-van-mau"])
    expected = PageMaker(roll, guidance, data, "https://x.example/").honoree_page(roll.by_id["tran-van-mau"])
    assert resized == expected


def test_keys_by_handle_find_equal_values_and_tell_changed_ones_apart(data):
    # Keys hold honorees by handle (hashed once per object) and the round's context by a
    # constant handle (compared once per round): equal values give equal keys, changed ones not.
    memo = Memo()
    first = rounds(memo, data)
    h = first.by_id["tran-van-mau"]
    key = ("page", memo.handle(h), memo.constant(("site", (1, 2))))
    memo.get(key, lambda: "made")
    again = rounds(memo, data)
    assert again.by_id["tran-van-mau"] is h  # an unchanged record: the same honoree from the memo
    assert memo.get(("page", memo.handle(h), memo.constant(("site", (1, 2)))), lambda: "other") == "made"
    assert memo.constant(("site", (1, 2))) is memo.constant(("site", (1, 2)))
    # An equal honoree that is another object (a copy): an equal key still.
    copy = dataclasses.replace(h)
    assert copy is not h and memo.get(("page", memo.handle(copy), memo.constant(("site", (1, 2)))), lambda: "other") == "made"
    # A changed honoree, or another context: another key.
    changed = dataclasses.replace(h, summary=h.summary + " Thêm.")
    assert memo.get(("page", memo.handle(changed), memo.constant(("site", (1, 2)))), lambda: "new") == "new"
    assert memo.get(("page", memo.handle(h), memo.constant(("site", (1, 3)))), lambda: "new") == "new"


def test_an_edited_movement_reads_every_record_again(data):
    # The movement is part of every record's key (as a constant handle): a change to it
    # must validate every record again, not serve them from the memo.
    memo = Memo()
    rounds(memo, data)
    movement = data / "movement.yml"
    movement.write_text(movement.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # the same movement: all reused
    rounds(memo, data)
    assert (memo.hits, memo.misses) == (2, 0)
    text = movement.read_text(encoding="utf-8")
    assert "Chính quyền số" in text
    movement.write_text(text.replace("Chính quyền số", "Chính quyền điện tử và số", 1), encoding="utf-8")
    roll = rounds(memo, data)
    assert memo.misses == 2
    assert "Chính quyền điện tử và số" in {p.label for h in roll.published for p in h.pillars} | {p.label for p in roll.movement.pillars}


def test_honoree_pages_follow_an_edit_of_the_movement(data):
    # An honoree page shows what the movement file says besides the record (its short name in
    # the share links, every criterion of the honoree's kind): editing it must render the
    # pages again, though the records, and so the honorees as compared, are the same.
    memo = Memo()
    guidance = load_guidance(GUIDANCE, MOVEMENT)
    roll = rounds(memo, data)
    PageMaker(roll, guidance, data, "https://x.example/", memo).pages()
    movement = data / "movement.yml"
    text = movement.read_text(encoding="utf-8")
    assert "\nshort_name: Chuyển đổi số\n" in text
    movement.write_text(text.replace("\nshort_name: Chuyển đổi số\n", "\nshort_name: Chuyển đổi số quốc gia\n", 1), encoding="utf-8")
    roll = rounds(memo, data)
    page = PageMaker(roll, guidance, data, "https://x.example/", memo).honoree_page(roll.by_id["tran-van-mau"])
    expected = PageMaker(roll, guidance, data, "https://x.example/").honoree_page(roll.by_id["tran-van-mau"])
    assert "chuyển đổi số quốc gia" in expected.content
    assert page == expected


def test_english_pages_from_the_memo_match_fresh_ones_and_follow_an_english_edit(data):
    from honour_roll.site.english import EnglishPages
    from honour_roll.site.pictures import Pictures
    from honour_roll.site.urls import DIRECTORY_URLS

    memo = Memo()

    def english(roll, memo=None):
        pages = EnglishPages(roll, DIRECTORY_URLS, Pictures(roll.published, data), True, "https://x.example/", memo, data).pages()
        return {p.src_uri: p for p in pages}

    roll = rounds(memo, data)
    assert english(roll, memo) == english(roll)
    page = "en/honorees/benh-vien-ba-ria.md"
    again = english(roll, memo)
    assert again[page] is english(roll, memo)[page]  # from the memo
    record = data / "honorees" / "benh-vien-ba-ria.yml"
    text = record.read_text(encoding="utf-8")
    assert "Bà Rịa Hospital redesigned" in text
    record.write_text(text.replace("Bà Rịa Hospital redesigned", "Bà Rịa General Hospital redesigned"), encoding="utf-8")
    roll = rounds(memo, data)
    edited = english(roll, memo)
    assert "Bà Rịa General Hospital redesigned" in edited[page].content
    assert edited == english(roll)
