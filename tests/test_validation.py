"""Every invalid case an editor can make gets its exact message, at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from honour_roll.record.loader import load_roll
from honour_roll.record.problems import RecordsInvalid
from honour_roll.record.vocabulary import Status

from conftest import COLLECTIVE, ENTERPRISE, FIXTURES, INDIVIDUAL, MOVEMENT, ROOT

INVALID = sorted((FIXTURES / "invalid").glob("*.yml"))


def problems_for(paths: list[Path], data_dir: Path = FIXTURES) -> list[str]:
    with pytest.raises(RecordsInvalid) as caught:
        load_roll(data_dir, ROOT, paths=paths)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("case", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_record_gives_its_exact_message(case: Path):
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert problems_for([case]) == expected


def test_every_invalid_fixture_has_an_expected_message():
    assert len(INVALID) >= 30
    for case in INVALID:
        assert case.with_suffix(".expected").is_file(), case


def test_two_records_with_the_same_name():
    assert problems_for(None, FIXTURES / "duplicate-name") == [
        "tests/fixtures/duplicate-name/honorees/tran-van-mau.yml:4: name: trùng tên với hồ sơ "
        "tests/fixtures/duplicate-name/honorees/tran-van-mau-2.yml; mỗi gương điển hình chỉ có một hồ sơ "
        "(nếu là hai đối tượng khác nhau, hãy ghi rõ tên đơn vị để phân biệt)"
    ]


def test_all_problems_of_all_files_are_reported_at_once():
    cases = [FIXTURES / "invalid" / f"{name}.yml" for name in ("duplicate-key", "impossible-date", "story-raw-html")]
    messages = problems_for(cases)
    assert len(messages) == 3
    assert [m.split(":")[0] for m in messages] == [str(c.relative_to(ROOT)) for c in cases]
    report = RecordsInvalid([]).report()
    assert "trang web chưa được tạo" in report


def test_valid_fixture_loads_into_a_typed_frozen_record():
    roll = load_roll(FIXTURES / "valid", ROOT)
    (h,) = roll.honorees
    assert h.id == "tran-van-mau" and h.kind == INDIVIDUAL and h.status is Status.RECOGNISED
    assert h.recognition.date.isoformat() == "2023-11-20"
    assert [c.id for c in h.criteria_met] == ["3.3.a", "3.3.c", "3.3.d"]  # 3.3.a from two grassroots initiatives
    with pytest.raises(AttributeError):
        h.name = "x"  # frozen


def test_nfd_input_is_stored_as_nfc(tmp_path):
    import unicodedata

    text = (FIXTURES / "valid" / "honorees" / "tran-van-mau.yml").read_text(encoding="utf-8")
    (tmp_path / "honorees").mkdir()
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "lop-hoc.png").write_bytes((FIXTURES / "photos" / "lop-hoc.png").read_bytes())
    (tmp_path / "honorees" / "tran-van-mau.yml").write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    (h,) = load_roll(tmp_path, tmp_path, movement=MOVEMENT).honorees
    assert h.name == "Trần Văn Mẫu" and unicodedata.is_normalized("NFC", h.story)


def test_sample_data_is_valid_and_covers_the_brief():
    roll = load_roll(ROOT / "data", ROOT)
    published = roll.published
    kinds = {k: sum(1 for h in published if h.kind == k) for k in MOVEMENT.kinds}
    assert kinds[COLLECTIVE] >= 12 and kinds[INDIVIDUAL] >= 12 and kinds[ENTERPRISE] >= 6
    assert {h.locality.id for h in published} == {
        "province", "vung-tau", "ba-ria", "phu-my", "chau-duc", "xuyen-moc", "long-dien", "dat-do", "long-dat", "con-dao"
    }
    assert {h.year for h in published} == {2021, 2022, 2023, 2024, 2025}
    assert {p for h in published for p in h.pillars} == set(MOVEMENT.pillars)
    statuses = {h.status for h in roll.honorees}
    assert Status.DRAFT in statuses and Status.NOMINATED in statuses
    for h in published:
        words = len(h.story.split())
        assert 150 <= words <= 400, (h.id, words)


def _project_with(tmp_path, extra: str, name: str = "tran-van-mau.yml"):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid" / "photos", data / "photos")
    (data / "honorees").mkdir()
    text = (FIXTURES / "valid" / "honorees" / "tran-van-mau.yml").read_text(encoding="utf-8")
    (data / "honorees" / name).write_text(text + extra, encoding="utf-8")
    return data


def test_an_old_id_that_is_the_record_itself_or_the_section_page_is_refused(tmp_path):
    data = _project_with(tmp_path, "aliases: [tran-van-mau, index]\n")
    with pytest.raises(RecordsInvalid) as caught:
        load_roll(data, tmp_path, movement=MOVEMENT)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 2 and all(
        m.endswith("không dùng được làm mã cũ: đó là mã hiện tại của hồ sơ hoặc địa chỉ của trang chung; hãy xóa") for m in messages
    ), messages


def test_a_record_named_index_is_refused(tmp_path):
    data = _project_with(tmp_path, "", name="index.yml")
    with pytest.raises(RecordsInvalid) as caught:
        load_roll(data, tmp_path, movement=MOVEMENT)
    assert [str(p) for p in caught.value.problems] == [
        "data/honorees/index.yml:1: tên tệp 'index.yml' trùng với địa chỉ trang chung của các gương điển hình; hãy đặt tên khác"
    ]


def test_two_photo_files_published_under_one_name_are_refused(tmp_path):
    import shutil

    data = _project_with(tmp_path, "")
    shutil.copy(data / "photos" / "lop-hoc.png", data / "lop-hoc.png")  # data/lop-hoc.png and data/photos/lop-hoc.png
    other = (FIXTURES / "valid" / "honorees" / "tran-van-mau.yml").read_text(encoding="utf-8")
    other = other.replace("name: Trần Văn Mẫu", "name: Trần Văn Khác").replace("file: photos/lop-hoc.png", "file: lop-hoc.png")
    (data / "honorees" / "tran-van-khac.yml").write_text(other, encoding="utf-8")
    with pytest.raises(RecordsInvalid) as caught:
        load_roll(data, tmp_path, movement=MOVEMENT)
    assert any(
        "sẽ được đăng cùng tên với ảnh" in str(p) and "hãy đổi tên một trong hai tệp" in str(p) for p in caught.value.problems
    ), caught.value.problems
