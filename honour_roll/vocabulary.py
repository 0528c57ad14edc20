"""Controlled lists of the record: kinds, pillars, localities, levels, awards.

Every value has a stable ASCII id (what editors write in YAML and what URLs
use) and the Vietnamese label a visitor reads.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

FIRST_YEAR = 2021
LAST_YEAR = 2025
YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))


class Vocabulary(enum.Enum):
    """An enum whose value is the id; subclasses give labels."""

    @property
    def id(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        return self._labels()[self.value]

    @classmethod
    def _labels(cls) -> dict[str, str]:
        raise NotImplementedError

    @classmethod
    def choices_text(cls) -> str:
        return ", ".join(f"{m.id} ({m.label})" for m in cls)


class Status(Vocabulary):
    DRAFT = "draft"
    NOMINATED = "nominated"
    RECOGNISED = "recognised"

    @classmethod
    def _labels(cls):
        return {"draft": "bản nháp", "nominated": "được đề cử", "recognised": "đã được công nhận"}


class Kind(Vocabulary):
    COLLECTIVE = "collective"
    ENTERPRISE = "enterprise"
    INDIVIDUAL = "individual"

    @classmethod
    def _labels(cls):
        return {"collective": "Tập thể", "enterprise": "Doanh nghiệp", "individual": "Cá nhân"}

    @property
    def slug(self) -> str:
        return {"collective": "tap-the", "enterprise": "doanh-nghiep", "individual": "ca-nhan"}[self.value]

    @property
    def plural_label(self) -> str:
        return {"collective": "Tập thể", "enterprise": "Doanh nghiệp", "individual": "Cá nhân"}[self.value]

    @property
    def section(self) -> str:
        """The clause of the guidance (section 3) that sets this kind's criteria."""
        return {"collective": "3.1", "enterprise": "3.2", "individual": "3.3"}[self.value]


class Pillar(Vocabulary):
    DIGITAL_GOVERNMENT = "digital-government"
    DIGITAL_ECONOMY = "digital-economy"
    DIGITAL_SOCIETY = "digital-society"

    @classmethod
    def _labels(cls):
        return {
            "digital-government": "Chính quyền số",
            "digital-economy": "Kinh tế số",
            "digital-society": "Xã hội số",
        }

    @property
    def slug(self) -> str:
        return {
            "digital-government": "chinh-quyen-so",
            "digital-economy": "kinh-te-so",
            "digital-society": "xa-hoi-so",
        }[self.value]


class Level(Vocabulary):
    GRASSROOTS = "grassroots"
    PROVINCIAL = "provincial"
    NATIONAL = "national"

    @classmethod
    def _labels(cls):
        return {"grassroots": "cấp cơ sở", "provincial": "cấp tỉnh", "national": "cấp toàn quốc"}


class Award(Vocabulary):
    GIAY_KHEN = "giay-khen"
    BANG_KHEN = "bang-khen"
    CO_THI_DUA = "co-thi-dua"
    GIAY_CHUNG_NHAN = "giay-chung-nhan"

    @classmethod
    def _labels(cls):
        return {
            "giay-khen": "Giấy khen",
            "bang-khen": "Bằng khen",
            "co-thi-dua": "Cờ thi đua",
            "giay-chung-nhan": "Giấy chứng nhận",
        }


@dataclass(frozen=True)
class Locality:
    """A district-level unit of the province (or the province itself) as named at the time."""

    id: str
    label: str
    first_year: int = FIRST_YEAR
    last_year: int = LAST_YEAR
    note: str = ""

    def existed_in(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    @property
    def years_text(self) -> str:
        if self.first_year == self.last_year:
            return f"năm {self.first_year}"
        return f"{self.first_year}–{self.last_year}"


# Long Đất was formed on 1 January 2025 from Long Điền and Đất Đỏ
# (Resolution 1256/NQ-UBTVQH15); records keep the name valid in their year.
LOCALITIES: tuple[Locality, ...] = (
    Locality("province", "Cấp tỉnh"),
    Locality("vung-tau", "TP. Vũng Tàu"),
    Locality("ba-ria", "TP. Bà Rịa"),
    Locality("phu-my", "TX. Phú Mỹ"),
    Locality("chau-duc", "H. Châu Đức"),
    Locality("xuyen-moc", "H. Xuyên Mộc"),
    Locality("long-dien", "H. Long Điền", last_year=2024, note="nhập vào huyện Long Đất từ 01/01/2025"),
    Locality("dat-do", "H. Đất Đỏ", last_year=2024, note="nhập vào huyện Long Đất từ 01/01/2025"),
    Locality("long-dat", "H. Long Đất", first_year=2025, note="thành lập từ 01/01/2025 theo Nghị quyết 1256/NQ-UBTVQH15"),
    Locality("con-dao", "H. Côn Đảo"),
)
LOCALITY_BY_ID = {loc.id: loc for loc in LOCALITIES}
