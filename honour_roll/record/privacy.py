"""The privacy guard: personal data of individuals never enters a record.

Decree 13/2023/NĐ-CP protects personal data. The records live in a shared
repository (and in its history) and are published, so the validator refuses
what would identify or reach a private person: phone numbers, e-mail
addresses, national ID numbers, dates of birth and home addresses.

The patterns aim at what editors actually paste from nomination files, and
are written to leave the figures of a story alone: years (2000), decision
numbers (1452/QĐ-UBND), money (1.200.000 đồng, 84 500 000 000 đồng), counts
(9.000 người) and percentages never look like personal data here.

Individuals' records are checked for every kind of personal data in every
field. A collective's or an enterprise's phone numbers and e-mail addresses
are the organisation's and are allowed; national ID numbers, dates of birth
and home addresses are a person's in any record and are refused everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterator

from honour_roll.record.movement import Kind

DECREE = "Nghị định 13/2023/NĐ-CP"

# Free webmail: an address there belongs to a person, not to an organisation.
WEBMAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.com.vn", "ymail.com", "rocketmail.com",
        "outlook.com", "outlook.com.vn", "hotmail.com", "hotmail.com.vn", "live.com", "msn.com",
        "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "pm.me",
        "zoho.com", "gmx.com", "gmx.net", "mail.com", "yandex.com", "yandex.ru", "mail.ru", "tutanota.com",
    }
)

_SEP = r"[ .\-]"
# A phone number as Vietnamese people write it: 0912 345 678, 0912.345.678,
# 091-234-5678, (0254) 3852 123, +84 912 345 678, 84912345678.
_PHONE = re.compile(
    rf"(?<![\w.,+\-])(?:\(\s*(?:\+?84|0)\d{{0,3}}\s*\)|\+\s?84|84|0)(?:{_SEP}?\d){{7,12}}(?![\w/%]|[.,]\d)"
)
# Thousands grouping (1.200.000 or 84 500 000 000): a figure, not a phone.
_GROUPED_FIGURE = re.compile(r"^[1-9]\d{0,2}(?:([. ,])\d{3})(?:\1\d{3})*$")
# Labels before codes that are not phone numbers (tax codes, bank accounts).
_NOT_A_PHONE_BEFORE = re.compile(r"(mã số thuế|\bMST|mã số doanh nghiệp|tài khoản|\bSTK|mã hồ sơ|mã số)\W{0,6}$", re.I)

_EMAIL = re.compile(r"(?<![\w.%+-])[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?![\w-])")

_ID_LABEL = (
    r"(?:CCCD|CMND|CMT|căn cước(?: công dân)?|chứng minh(?: nhân dân| thư)?|số định danh(?: cá nhân)?|mã định danh(?: cá nhân)?"
    # The English edition's text (records' `en:` block) is guarded in English too.
    r"|(?:national |citizen(?:'s)? |personal )?(?:ID|identity|identification)(?: card)?(?: number| no\.?)?)"
)
_ID_LABELLED = re.compile(rf"{_ID_LABEL}(?:\s*(?:số|là|is|:|,|\.|-))*\s*(\d(?:[ .]?\d){{8,11}})(?![\w/]|[.,]\d)", re.I)
# A CCCD number starts with the 3-digit code of a province (001–096).
_CCCD_BARE = re.compile(r"(?<![\w.,/+\-])0\d{11}(?![\w/]|[.,]\d)")

# Births: only plausible years of birth of an adult honoured in this century (1930–2010).
_BIRTH_YEAR = r"(?:19[3-9]\d|200\d|2010)"
_DATE = rf"\d{{1,2}}\s*[/.\-]\s*\d{{1,2}}\s*[/.\-]\s*{_BIRTH_YEAR}|\d{{1,2}}\s+tháng\s+\d{{1,2}}\s*(?:,\s*|\s+)năm\s+{_BIRTH_YEAR}"
# "học sinh năm", "phát sinh năm", "khai sinh ngày"... are not a person's birth.
_NOT_BIRTH_BEFORE = "".join(
    f"(?<!{w} )" for w in ("học", "phát", "nảy", "vệ", "sản", "hy", "hi", "tái", "giáng", "ký", "khai", "Học", "Phát", "Khai")
)
_BIRTH = re.compile(
    rf"(?:\b(?:ngày|năm)\s+sinh\b\s*:?\s*(?:là\s+)?(?:{_DATE}|{_BIRTH_YEAR})"
    rf"|{_NOT_BIRTH_BEFORE}\bsinh\s+(?:ngày\s*:?\s*(?:{_DATE})|năm\s*:?\s*{_BIRTH_YEAR}|(?:{_DATE}))"
    rf"|\((?:s\.?|sn\.?)\s*{_BIRTH_YEAR}\))(?!\d)",
    re.I,
)
# In English: "born on 12/03/1985", "born in 1985", "date of birth: ...", "DOB 1985", "(b. 1985)".
_MONTHS_EN = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_EN = rf"{_DATE}|\d{{1,2}}\s+{_MONTHS_EN}\s+{_BIRTH_YEAR}|{_MONTHS_EN}\s+\d{{1,2}},?\s+{_BIRTH_YEAR}"
_BIRTH_EN = re.compile(
    rf"(?:\bborn\s+(?:on\s+|in\s+)?(?:{_DATE_EN}|{_BIRTH_YEAR})|\b(?:date of birth|year of birth|DOB)\s*:?\s*(?:{_DATE_EN}|{_BIRTH_YEAR})"
    rf"|\(b\.\s*{_BIRTH_YEAR}\))(?!\d)",
    re.I,
)
# "SN" (sinh năm) is written in capitals; lower-case "sn" is too common elsewhere.
_BIRTH_SN = re.compile(rf"\bSN\.?\s*:?\s*(?:{_DATE}|{_BIRTH_YEAR})(?!\d)")

# Addresses: a label that can only introduce a home address, or a street address.
_ADDRESS_LABELLED = re.compile(
    r"(?P<label>địa chỉ\s+(?:nhà riêng|thường trú|tạm trú|nơi ở|cư trú)\s*(?:tại|ở|là|:)?"
    r"|(?:hộ khẩu(?:\s+thường trú)?|nơi (?:thường trú|tạm trú|cư trú|ở hiện nay)|chỗ ở hiện nay)\s*(?:tại|ở|là|:))"
    r"\s*(?P<addr>[^\s.,;][^\n;]{0,60})"
    r"|(?P<label2>\b(?:số nhà|nhà số))\s*(?P<addr2>\d+\w*(?:/\d+\w*)*\s*,?\s*(?:đường|phố|hẻm|ngõ|kiệt|khu phố|ấp|thôn|tổ)\b[^\n;]{0,40})",
    re.I,
)
# In an individual's record, "nhà riêng ở", "thường trú tại", "ngụ tại" followed by a
# street, a hamlet or a house number is the person's home.
_RESIDENCE = re.compile(
    r"(?P<label>(?<!đăng ký )(?<!khai báo )(?<!thủ tục )\b(?:nhà riêng|thường trú|tạm trú|cư trú|ngụ)\s*(?:tại|ở|:))\s*"
    r"(?P<addr>(?:số\s*\d+|\d+\w*/\d+\w*|\d+\w*,?\s+(?:đường|phố|hẻm|ngõ)"
    r"|(?:đường|phố|ấp|thôn|tổ\s*\d+|khu phố|kp\.?\s*\d+|hẻm|ngõ|ngách|kiệt|xóm|căn hộ|chung cư)\b)[^\n;]{0,60})",
    re.I,
)


# A home address in English: "home address: ...", "lives at 12 Lê Lợi Street", "resides at ...".
_ADDRESS_EN = re.compile(
    r"(?P<label>\bhome address\s*(?:is|:)?|\b(?:lives|lived|living|resides|resided|residing)\s+(?:at|in|on)\b)\s*"
    r"(?P<addr>(?:no\.?\s*)?\d+\w*(?:/\d+\w*)*,?\s+[^\n;.]{0,60}|[^\n;.]{0,40}\b(?:street|road|lane|alley)\b[^\n;]{0,30})",
    re.I,
)


@dataclass(frozen=True)
class Finding:
    path: str  # field path, as in every other problem: "story", "replication.contact.email"
    message: str  # Vietnamese, with the personal data masked


def mask(text: str, head: int = 3, tail: int = 2, digits_only: bool = False) -> str:
    """Show enough to find the spot, not enough to read the data."""
    positions = [i for i, ch in enumerate(text) if (ch.isdigit() if digits_only else ch.isalnum())]
    keep = set(positions[:head]) | set(positions[len(positions) - tail :] if tail else [])
    hidden = set(positions) - keep
    return "".join("*" if i in hidden else ch for i, ch in enumerate(text))


def _mask_email(address: str) -> str:
    local, _, domain = address.partition("@")
    return mask(local, head=2, tail=0) + "@" + domain


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value, start=1):
            yield from _strings(item, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, unicodedata.normalize("NFC", value)


def _phones(text: str) -> Iterator[tuple[str, str]]:
    """(kind, match) for each phone number: kind is 'mobile' or 'landline'."""
    for m in _PHONE.finditer(text):
        raw = m.group().strip()
        if "+" not in raw and _GROUPED_FIGURE.match(raw):
            continue
        if _NOT_A_PHONE_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        digits = re.sub(r"\D", "", raw)
        national = "0" + digits[2:] if digits.startswith("84") else digits
        if not national.startswith("0"):
            continue
        if len(national) == 10 and national[1] in "35789":
            yield "mobile", raw
        elif len(national) == 11 and national[1] == "2":
            yield "landline", raw


def is_mobile(text: str) -> bool:
    return any(kind == "mobile" for kind, _ in _phones(text))


def _ids(text: str) -> Iterator[tuple[str, str]]:
    seen = set()
    for m in _ID_LABELLED.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        if len(digits) in (9, 12):
            seen.add(digits)
            yield ("CCCD" if len(digits) == 12 else "CMND"), m.group(1)
    for m in _CCCD_BARE.finditer(text):
        if m.group() not in seen:
            yield "CCCD", m.group()


# Cheap tests first: most text has no long number, no "@", no "sinh" and no
# address word, and the full patterns are costly on every field of every record.
_NUMBER_RUN = re.compile(r"\d[\d .\-()+]{6,}\d")
_ADDRESS_HINTS = ("địa chỉ", "hộ khẩu", "nơi ", "chỗ ở", "số nhà", "nhà số", "nhà riêng", "trú", "ngụ")
_ADDRESS_HINTS_ALL = _ADDRESS_HINTS + ("home address", "lives", "lived", "living", "resid")


def _personal(text: str, individual: bool) -> Iterator[str]:
    """Messages for the personal data in one text value."""
    lower = text.lower()
    numbers = _NUMBER_RUN.search(text) is not None
    if individual and numbers:
        for kind, raw in _phones(text):
            what = "số điện thoại di động" if kind == "mobile" else "số điện thoại cố định"
            yield (
                f"có {what} '{mask(raw)}' của cá nhân; không ghi số điện thoại cá nhân vào hồ sơ ({DECREE}) — "
                "hãy xóa; đầu mối liên hệ là cơ quan, tổ chức, ghi ở replication.contact"
            )
    if individual and "@" in text:
        for m in _EMAIL.finditer(text):
            yield (
                f"có địa chỉ thư điện tử '{_mask_email(m.group())}' của cá nhân; không ghi thư điện tử cá nhân vào hồ sơ "
                f"({DECREE}) — hãy xóa; thư công vụ của cơ quan đầu mối ghi ở replication.contact.email"
            )
    for kind, raw in _ids(text) if numbers else ():
        what = "số căn cước công dân (CCCD)" if kind == "CCCD" else "số chứng minh nhân dân (CMND)"
        yield f"có {what} '{mask(raw)}'; không ghi số giấy tờ tùy thân vào hồ sơ ({DECREE}) — hãy xóa"
    births = (_BIRTH, _BIRTH_SN) if "sinh" in lower or "SN" in text else ()
    if "born" in lower or "birth" in lower or "dob" in lower or "(b." in lower:
        births += (_BIRTH_EN,)
    for m in _first_of_overlapping(text, births):
        yield f"có ngày sinh '{mask(m.group(), head=0, tail=2, digits_only=True)}'; không ghi ngày, năm sinh vào hồ sơ ({DECREE}) — hãy xóa"
    addresses = (_ADDRESS_LABELLED, _RESIDENCE) if individual else (_ADDRESS_LABELLED,)
    if "home address" in lower or (individual and any(w in lower for w in ("lives", "lived", "living", "resid"))):
        addresses += (_ADDRESS_EN,)
    for m in _first_of_overlapping(text, addresses if any(h in lower for h in _ADDRESS_HINTS_ALL) else ()):
        found = m.groupdict()
        label = found.get("label") or found["label2"]
        addr = (found.get("addr") or found["addr2"]).strip().rstrip(".,")
        yield (
            f"có địa chỉ nơi ở '{label.strip()} {mask(addr, head=1, tail=0)}'; "
            f"không ghi địa chỉ nhà riêng, nơi thường trú vào hồ sơ ({DECREE}) — hãy xóa"
        )


def _first_of_overlapping(text: str, patterns) -> Iterator[re.Match]:
    """Matches of several patterns, once per place: "(SN 1985)" or "hộ khẩu
    thường trú tại ..." is one finding, not two."""
    covered: list[range] = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            if not any(m.start() in span or m.end() - 1 in span for span in covered):
                covered.append(range(m.start(), m.end()))
                yield m


def privacy_findings(data: dict, kind: Kind) -> list[Finding]:
    """Every piece of personal data in a record, field by field."""
    individual = kind.person
    out: list[Finding] = []
    for path, text in _strings(data, ""):
        if path in ("replication.contact.phone", "replication.contact.email"):
            if individual:
                out += _contact_findings(path, text)
            continue  # an organisation's phone and e-mail are not personal data
        out += [Finding(path, message) for message in dict.fromkeys(_personal(text, individual))]
    return out


def _contact_findings(path: str, text: str) -> list[Finding]:
    """In an individual's record the contact is still an organisation's:
    an office number or hotline, an official mailbox."""
    if path.endswith(".phone") and is_mobile(text):
        return [
            Finding(
                path,
                f"'{mask(text.strip())}' là số di động, thường là số của cá nhân ({DECREE}); "
                "hãy ghi số điện thoại cố định hoặc đường dây nóng của cơ quan đầu mối",
            )
        ]
    if path.endswith(".email"):
        domain = text.strip().rpartition("@")[2].lower()
        if domain in WEBMAIL_DOMAINS:
            return [
                Finding(
                    path,
                    f"'{_mask_email(text.strip())}' là hộp thư miễn phí ({domain}), được coi là thư của cá nhân ({DECREE}); "
                    "hãy ghi thư điện tử công vụ của cơ quan đầu mối",
                )
            ]
    return []
