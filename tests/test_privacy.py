"""The privacy guard (Decree 13/2023/NĐ-CP): personal data of individuals is
refused in every field, and the figures of ordinary stories are not."""

from __future__ import annotations

import pytest

from honour_roll.record.loader import load_roll
from honour_roll.record.privacy import mask, privacy_findings

from conftest import COLLECTIVE, ENTERPRISE, FIXTURES, INDIVIDUAL, ROOT

PERSONAL = [
    # (text, kind of personal data named in the message)
    ("Liên hệ chị Hường: 0912 345 678.", "số điện thoại di động"),
    ("SĐT 0912.345.678", "số điện thoại di động"),
    ("gọi 091-234-5678 nhé", "số điện thoại di động"),
    ("ĐT: +84 912 345 678", "số điện thoại di động"),
    ("(+84) 912345678", "số điện thoại di động"),
    ("84912345678", "số điện thoại di động"),
    ("Zalo 0388 123 456", "số điện thoại di động"),
    ("Viettel 0868123456", "số điện thoại di động"),
    ("Vina 0779 123 456", "số điện thoại di động"),
    ("máy 0523456789", "số điện thoại di động"),
    ("điện thoại (0254) 3852 123", "số điện thoại cố định"),
    ("0254.3852.123", "số điện thoại cố định"),
    ("028 3829 1234", "số điện thoại cố định"),
    ("+84 254 3852 123", "số điện thoại cố định"),
    ("thư nguyenthihuong@gmail.com", "địa chỉ thư điện tử"),
    ("thư huong.nt@xuyenmoc.gov.vn", "địa chỉ thư điện tử"),
    ("CCCD số 077185001234", "số căn cước công dân (CCCD)"),
    ("căn cước công dân: 077 185 001 234", "số căn cước công dân (CCCD)"),
    ("077185001234", "số căn cước công dân (CCCD)"),
    ("số CMND: 273 456 789", "số chứng minh nhân dân (CMND)"),
    ("chứng minh nhân dân số 273456789", "số chứng minh nhân dân (CMND)"),
    ("sinh ngày 12/3/1985 tại Xuyên Mộc", "ngày sinh"),
    ("Ngày sinh: 12-03-1985", "ngày sinh"),
    ("sinh ngày 12 tháng 3 năm 1985", "ngày sinh"),
    ("chị sinh năm 1985", "ngày sinh"),
    ("năm sinh 1979", "ngày sinh"),
    ("Nguyễn Văn A, SN 1985", "ngày sinh"),
    ("Nguyễn Văn A (SN: 12/3/1985)", "ngày sinh"),
    ("địa chỉ nhà riêng: 12 Lê Lợi, phường 1", "địa chỉ nơi ở"),
    ("hộ khẩu thường trú tại ấp 3, xã Bàu Lâm", "địa chỉ nơi ở"),
    ("thường trú tại ấp Bến Đình, xã Phước Thuận", "địa chỉ nơi ở"),
    ("nhà riêng ở số 45 đường Trần Hưng Đạo", "địa chỉ nơi ở"),
    ("ngụ tại tổ 5, khu phố 2", "địa chỉ nơi ở"),
    ("số nhà 12, đường Lê Lợi, phường 1", "địa chỉ nơi ở"),
    ("nơi ở hiện nay: 7/2 đường 30/4", "địa chỉ nơi ở"),
]

NOT_PERSONAL = [
    "Năm 2024, tỷ lệ đạt 64%.",
    "Quyết định 1452/QĐ-UBND ngày 18/12/2024 của UBND tỉnh",
    "Số 88/QĐ-STTTT ngày 20/11/2023",
    "Nghị quyết 1256/NQ-UBTVQH15, có hiệu lực từ 01/01/2025 đến 30/06/2025",
    "hỗ trợ 1.200.000 đồng mỗi hộ; tổng 350.000.000 đồng (84%)",
    "84.500.000.000 đồng; 84 500 000 000 đồng; 840.000 đồng",
    "hơn 9.000 người dân, 2.000 lượt người bệnh, 10.500 hồ sơ",
    "tăng từ 18% năm 2022 lên 64% năm 2024, gấp 3,5 lần, 0,5% hao hụt",
    "tổng đài 1900 1234, đường dây nóng 1022 và 1800 1080",
    "giai đoạn 2021–2025, năm học 2022–2023, học kỳ 1/2024",
    "học sinh năm 2023 đạt giải; chi phí phát sinh năm 2024 giảm",
    "thủ tục đăng ký thường trú tại 3 xã ven biển; đăng ký tạm trú, thường trú trực tuyến",
    "sổ hộ khẩu giấy được thay bằng dữ liệu dân cư",
    "khám bảo hiểm y tế bằng căn cước công dân gắn chip; 84% lượt khám dùng căn cước công dân",
    "mã số thuế 0312345678 của doanh nghiệp tài trợ",
    "mở lớp tại nhà riêng của thầy vào buổi tối",
    "lúc 07:30, 120 học sinh lớp 8, 9, 3.200 SIM, 150 máy tính bảng",
    "https://dichvucong.gov.vn/p/home/dvc-chi-tiet.html?ma=1.001234",
    "khai sinh ngày 12/3/2024 cho trẻ được làm trực tuyến",
    "Zalo OA của xã, mã QR, VNeID mức 2",
]


@pytest.mark.parametrize("text, what", PERSONAL)
def test_personal_data_of_an_individual_is_found_and_masked(text, what):
    findings = privacy_findings({"story": text}, INDIVIDUAL)
    assert len(findings) == 1, [f.message for f in findings]
    (finding,) = findings
    assert finding.path == "story"
    assert f"có {what}" in finding.message and "Nghị định 13/2023/NĐ-CP" in finding.message
    quoted = finding.message.split("'")[1]
    assert "*" in quoted
    digits = [ch for ch in text if ch.isdigit()]
    assert sum(ch.isdigit() for ch in quoted) < max(len(digits), 1) or not digits  # never the whole number


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_ordinary_figures_are_not_personal_data(text):
    assert privacy_findings({"story": text, "summary": text, "achievements": [text]}, INDIVIDUAL) == []


def test_every_field_is_checked_with_its_path():
    data = {
        "name": "Trần Văn Mẫu",
        "achievements": ["1.200 học sinh", "Liên hệ 0912345678"],
        "replication": {"steps": ["a", "gửi về a.b@yahoo.com"], "contact": {"organisation": "Trường, CCCD 077185001234"}},
        "links": [{"title": "x", "url": "https://zalo.me/0912345678"}],
        "editor_notes": "sinh năm 1985",
    }
    paths = [f.path for f in privacy_findings(data, INDIVIDUAL)]
    assert paths == ["achievements[2]", "replication.steps[2]", "replication.contact.organisation", "links[1].url", "editor_notes"]


def test_organisations_may_publish_their_phone_and_email_but_never_a_persons_id():
    data = {
        "story": "Đường dây nóng 0912 345 678, thư truong@gmail.com, văn phòng (0254) 3852 123.",
        "replication": {"contact": {"organisation": "Bệnh viện", "phone": "0912 345 678", "email": "benhvien@gmail.com"}},
    }
    for kind in (COLLECTIVE, ENTERPRISE):
        assert privacy_findings(data, kind) == []
        found = privacy_findings({"story": "Ông A, CCCD 077185001234, sinh năm 1980, thường trú tại ấp 3"}, kind)
        assert [f.message.split(" '")[0] for f in found] == ["có số căn cước công dân (CCCD)", "có ngày sinh"]


def test_an_individuals_contact_is_an_organisations():
    def contact(**fields):
        return privacy_findings({"replication": {"contact": {"organisation": "Phòng VHTT", **fields}}}, INDIVIDUAL)

    assert contact(phone="0254 3852 123", email="vhtt@xuyenmoc.gov.vn") == []
    assert contact(phone="1900 1234") == []
    (mobile,) = contact(phone="0912 345 678")
    assert mobile.path == "replication.contact.phone" and "là số di động" in mobile.message
    for domain in ("gmail.com", "yahoo.com.vn", "outlook.com", "hotmail.com", "icloud.com"):
        (webmail,) = contact(email=f"phong.vhtt@{domain}")
        assert webmail.path == "replication.contact.email" and f"hộp thư miễn phí ({domain})" in webmail.message


def test_mask_keeps_the_shape_not_the_data():
    assert mask("0912 345 678") == "091* *** *78"
    assert mask("sinh ngày 12/3/1985", head=0, tail=2, digits_only=True) == "sinh ngày **/*/**85"


def test_records_with_realistic_figures_and_organisation_contacts_are_valid():
    roll = load_roll(FIXTURES / "privacy-valid", ROOT)
    assert {h.kind for h in roll.honorees} == {INDIVIDUAL, COLLECTIVE}
    (individual,) = [h for h in roll.honorees if h.kind == INDIVIDUAL]
    assert individual.replication.contact.phone == "0254 3852 123"


def test_every_sample_record_passes_the_guard():
    roll = load_roll(ROOT / "data", ROOT)
    assert len(roll.honorees) >= 30


def test_there_is_an_invalid_fixture_for_each_kind_of_personal_data():
    names = {p.stem for p in (FIXTURES / "invalid").glob("privacy-*.yml")}
    assert {
        "privacy-mobile-phone", "privacy-landline", "privacy-phone-international", "privacy-email", "privacy-cccd",
        "privacy-cmnd", "privacy-birth-date", "privacy-birth-year", "privacy-home-address", "privacy-permanent-residence",
        "privacy-contact-webmail", "privacy-contact-mobile", "privacy-id-in-collective",
    } <= names
