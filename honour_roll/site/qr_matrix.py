"""The module matrix of a QR code for an address, with the fixed settings the site uses (error
correction M, raised to Q or H when the data fits the same version, as segno does; mask 4).

segno makes the same matrix (tests/test_qr_matrix.py compares them over thousands of addresses)
but spends about 1 ms on it, all in Python loops over single modules and bits: placing the
codewords, masking them, computing the Reed–Solomon blocks. A first build makes one code per
honoree, so at 10,000 honorees that was 10 s of CPU. Every code of one version and error level
has the same function patterns and puts its data bits at the same positions, XORed with the same
mask: that is worked out once per version (``_layout``), and a code then costs a few operations on
whole integers and byte strings (0.06 ms; 0.25 ms with its SVG path, sharing.qr_svg).

Only byte-mode data is done here (an address with a lower-case letter or a character outside
QR's alphanumeric set is always byte mode); anything else returns ``None`` and the caller asks
segno. The block table and the standard's format and version words come from segno's constants.
"""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass

from segno import consts

MASK = 4  # the site's fixed mask: (row // 2 + column // 3) % 2 == 0 is inverted
_ERROR_M, _ERROR_Q, _ERROR_H = consts.ERROR_LEVEL_M, consts.ERROR_LEVEL_Q, consts.ERROR_LEVEL_H
_ALPHANUMERIC = frozenset(consts.ALPHANUMERIC_CHARS)
_TO_MODULES = bytes.maketrans(b"01", b"\x00\x01")


def byte_mode_matrix(text: str) -> tuple[int, list[bytes]] | None:
    """(version, rows of 0/1 bytes, no quiet zone), or None when ``text`` is not byte-mode
    ASCII or too long for any version."""
    if not text.isascii():
        return None
    data = text.encode("ascii")
    if all(b in _ALPHANUMERIC for b in data):
        return None  # numeric or alphanumeric mode: segno's business
    found = _version_and_error(len(data))
    if found is None:
        return None
    version, error = found
    layout = _layout(version, error)
    message = _final_message(version, error, data)
    bits = int.from_bytes(message, "big") << layout.remainder_bits
    placed = format(bits ^ layout.mask_bits, f"0{layout.data_modules}b").encode().translate(_TO_MODULES)
    flat = bytes(layout.gather(placed + b"\x00\x01"))
    size = layout.size
    return version, [flat[row : row + size] for row in range(0, size * size, size)]


def _count_bits(version: int) -> int:
    return 8 if version <= 9 else 16  # byte mode's character count indicator


def _data_bits(version: int, length: int) -> int:
    return 4 + _count_bits(version) + 8 * length


@functools.cache
def _capacity(version: int, error: int) -> int:
    return 8 * sum(block.num_blocks * block.num_data for block in consts.ECC[version][error])


def _version_and_error(length: int) -> tuple[int, int] | None:
    for version in range(1, 41):
        needed = _data_bits(version, length)
        if _capacity(version, _ERROR_M) >= needed:
            error = _ERROR_M
            for better in (_ERROR_Q, _ERROR_H):  # boost while the version stays the same
                if _capacity(version, better) < needed:
                    break
                error = better
            return version, error
    return None


def _final_message(version: int, error: int, data: bytes) -> bytes:
    capacity = _capacity(version, error)
    length = len(data)
    bits = (((0b0100 << _count_bits(version)) | length) << 8 * length) | int.from_bytes(data, "big")
    used = _data_bits(version, length)
    terminator = min(4, capacity - used)
    used += terminator
    # segno pads to the next codeword boundary even from a boundary (a whole zero codeword
    # then); the same here, so that a code is the same as one made before
    padding = 8 - used % 8
    bits <<= terminator + padding
    used += padding
    codewords = bits.to_bytes(used // 8, "big")[: capacity // 8]
    pad_count = capacity // 8 - len(codewords)
    codewords += (b"\xec\x11" * (pad_count // 2 + 1))[:pad_count]

    data_blocks: list[bytes] = []
    ec_blocks: list[bytes] = []
    start = 0
    for block in consts.ECC[version][error]:
        ec_length = block.num_total - block.num_data
        for _ in range(block.num_blocks):
            chunk = codewords[start : start + block.num_data]
            start += block.num_data
            data_blocks.append(chunk)
            ec_blocks.append(_reed_solomon(chunk, ec_length))
    return _interleave(data_blocks) + _interleave(ec_blocks)


def _interleave(blocks: list[bytes]) -> bytes:
    longest = max(len(block) for block in blocks)
    return bytes(block[i] for i in range(longest) for block in blocks if i < len(block))


# GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1
_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _power in range(255):
    _EXP[_power] = _value
    _LOG[_value] = _power
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x11D
for _power in range(255, 512):
    _EXP[_power] = _EXP[_power - 255]


def _multiply(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


@functools.cache
def _remainder_table(degree: int) -> tuple[int, ...]:
    """For each byte b, the generator polynomial of ``degree`` (leading term dropped) times b, as
    one integer of ``degree`` bytes: a division step is then a shift and an XOR."""
    generator = [1]
    for power in range(degree):  # ∏ (x - α^power)
        root = _EXP[power]
        generator = [a ^ _multiply(b, root) for a, b in zip(generator + [0], [0] + generator)]
    tail = generator[1:]
    return tuple(int.from_bytes(bytes(_multiply(c, b) for c in tail), "big") for b in range(256))


def _reed_solomon(data: bytes, degree: int) -> bytes:
    table = _remainder_table(degree)
    shift = 8 * (degree - 1)
    keep = (1 << (8 * degree)) - 1
    remainder = 0
    for byte in data:
        remainder = ((remainder << 8) & keep) ^ table[(remainder >> shift) ^ byte]
    return remainder.to_bytes(degree, "big")


@dataclass(frozen=True)
class _Layout:
    size: int
    data_modules: int  # modules that carry codewords or remainder bits
    remainder_bits: int
    mask_bits: int  # 1 where the mask inverts, in placement order, first module highest
    gather: operator.itemgetter  # (placed bits + b"\x00\x01") → the matrix, row after row


@functools.cache
def _layout(version: int, error: int) -> _Layout:
    size = 17 + 4 * version
    modules: dict[tuple[int, int], int] = {}  # function patterns: (row, column) → 0/1

    def square(top: int, left: int, width: int, dark) -> None:
        for r in range(top, top + width):
            for c in range(left, left + width):
                if 0 <= r < size and 0 <= c < size:
                    modules[r, c] = dark(r - top, c - left)

    for top, left in ((0, 0), (0, size - 7), (size - 7, 0)):
        square(top - 1, left - 1, 9, lambda r, c: 0)  # the separator around the finder
        square(top, left, 7, lambda r, c: int(max(abs(r - 3), abs(c - 3)) != 2))
    centres = consts.ALIGNMENT_POS[version - 2] if version > 1 else ()  # the table starts at version 2
    for r in centres:
        for c in centres:
            if (r, c) not in modules:  # not on a finder
                square(r - 2, c - 2, 5, lambda y, x: int(max(abs(y - 2), abs(x - 2)) != 1))
    for i in range(8, size - 8):  # timing patterns, after the alignment patterns they cross (and agree with)
        modules[6, i] = modules[i, 6] = int(i % 2 == 0)

    format_word = consts.FORMAT_INFO[(error << 3) | MASK]
    format_bit = [(format_word >> i) & 1 for i in range(15)]
    for i in range(6):
        modules[i, 8] = format_bit[i]
    modules[7, 8], modules[8, 8], modules[8, 7] = format_bit[6], format_bit[7], format_bit[8]
    for i in range(9, 15):
        modules[8, 14 - i] = format_bit[i]
    for i in range(8):
        modules[8, size - 1 - i] = format_bit[i]
    for i in range(8, 15):
        modules[size - 15 + i, 8] = format_bit[i]
    modules[size - 8, 8] = 1  # the dark module
    if version >= 7:
        version_word = consts.VERSION_INFO[version - 7]
        for i in range(18):
            bit = (version_word >> i) & 1
            a, b = size - 11 + i % 3, i // 3
            modules[a, b] = modules[b, a] = bit

    order: list[int] = []  # data modules in placement order, as flat indices
    right = size - 1
    upward = True
    while right > 0:
        if right == 6:
            right = 5  # the vertical timing pattern's column is skipped
        rows = range(size - 1, -1, -1) if upward else range(size)
        for r in rows:
            for c in (right, right - 1):
                if (r, c) not in modules:
                    order.append(r * size + c)
        upward = not upward
        right -= 2

    codeword_bits = 8 * sum(block.num_blocks * block.num_total for block in consts.ECC[version][error])
    mask_bits = 0
    for flat in order:
        r, c = divmod(flat, size)
        mask_bits = (mask_bits << 1) | int((r // 2 + c // 3) % 2 == 0)
    position = {flat: k for k, flat in enumerate(order)}
    light, dark = len(order), len(order) + 1
    gather = [
        position[flat] if flat in position else (dark if modules[divmod(flat, size)] else light)
        for flat in range(size * size)
    ]
    return _Layout(size, len(order), len(order) - codeword_bits, mask_bits, operator.itemgetter(*gather))
