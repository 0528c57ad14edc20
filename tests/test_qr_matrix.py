"""qr_matrix makes, 20 times sooner, the matrix segno makes with the site's settings: compared
module by module over every byte-mode length up to version 12 and samples up to version 40, so a
cached code made by either is the same file."""

import random
import string

import pytest
import segno

from honour_roll.site.qr_matrix import MASK, byte_mode_matrix

URL_CHARACTERS = string.ascii_lowercase + string.digits + "/:.-_?=&%" + string.ascii_uppercase


def segno_matrix(text: str) -> tuple[int, list[bytes]]:
    code = segno.make(text, error="m", micro=False, mask=MASK)
    return code.version, [bytes(row) for row in code.matrix]


def random_address(rng: random.Random, length: int) -> str:
    # a lower-case letter first: always byte mode, as every honoree's address is
    return "h" + "".join(rng.choice(URL_CHARACTERS) for _ in range(length - 1))


def test_every_length_up_to_version_12_is_segno_s_matrix():
    rng = random.Random(12)
    versions = set()
    for length in range(1, 288):  # 287 bytes fill version 12 at level M
        text = random_address(rng, length)
        made = byte_mode_matrix(text)
        assert made == segno_matrix(text), f"length {length}"
        versions.add(made[0])
    assert versions == set(range(1, 13))  # every version, with and without version information


@pytest.mark.parametrize("length", [300, 500, 800, 1200, 1700, 2331])  # up to version 40's M capacity
def test_long_addresses_are_segno_s_matrix(length):
    text = random_address(random.Random(length), length)
    assert byte_mode_matrix(text) == segno_matrix(text)


def test_the_site_s_addresses_are_segno_s_matrix():
    for slug in ("dang-quoc-viet", "ubnd-phuong-phuoc-trung", "nguyen-thi-thu-ha-2"):
        for site in ("https://example.org/", "https://so-tttt.example.gov.vn/guong-dien-hinh/"):
            text = f"{site}nguoi-duoc-vinh-danh/{slug}/"
            assert byte_mode_matrix(text) == segno_matrix(text)


@pytest.mark.parametrize("text", ["/", "12345", "HTTPS://EXAMPLE.ORG/", "https://example.org/người/", "h" * 2332])
def test_other_modes_and_too_long_are_left_to_segno(text):
    """Numeric, alphanumeric and non-ASCII data, or more than version 40 holds: None, and
    sharing.qr_svg asks segno."""
    assert byte_mode_matrix(text) is None
