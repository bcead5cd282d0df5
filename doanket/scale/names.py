"""Vietnamese personal names with realistic frequencies, for synthetic data.

Family names follow the published shares of the most common surnames (Nguyễn ≈ 38 %, Trần ≈ 12 %,
Lê ≈ 9.5 %, Phạm ≈ 7 % …), with the regional pairs told apart: Hoàng and Vũ in the North, Huỳnh and Võ
in the South. Middle names depend on gender and on the generation (Văn and Thị are far more common
among people born before 1975), and some women carry two middle names ("Nguyễn Thị Thu Hà"). In the
northern mountain provinces part of the population carries the family names of the Tày, Nùng, Thái,
Mông and Dao peoples ("Lò Văn Mười", "Giàng A Páo").

Drawing is by cumulative weights and a bisection, two `random()` calls per word: a million names
take a few seconds. Everything comes from the `random.Random` passed in, so a seed gives the same names.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence

Weighted = Sequence[tuple[str, float]]


class Pool:
    """Words with weights, drawn with one random number."""

    def __init__(self, items: Weighted) -> None:
        self.words = [w for w, _n in items]
        self.cum = list(itertools.accumulate(n for _w, n in items))
        self.total = self.cum[-1]

    def draw(self, rng: random.Random) -> str:
        return self.words[bisect.bisect_right(self.cum, rng.random() * self.total)]


# Shares in per cent; the remainder spread over less common names.
_FAMILY_COMMON: Weighted = [
    ("Nguyễn", 38.4), ("Trần", 12.1), ("Lê", 9.5), ("Phạm", 7.0), ("Phan", 4.5), ("Đặng", 2.1), ("Bùi", 2.0),
    ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5), ("Đinh", 0.6), ("Trịnh", 0.5),
    ("Đoàn", 0.5), ("Lâm", 0.4), ("Mai", 0.4), ("Trương", 0.5), ("Lương", 0.4), ("Tô", 0.2), ("Hà", 0.4),
    ("Cao", 0.4), ("Tạ", 0.2), ("Lưu", 0.2), ("Chu", 0.2), ("Kiều", 0.1), ("Khổng", 0.05), ("Văn", 0.1),
    ("Quách", 0.1), ("Thái", 0.1), ("Tăng", 0.1), ("Triệu", 0.1), ("Châu", 0.2), ("La", 0.05), ("Phùng", 0.2),
    ("Đào", 0.4), ("Vương", 0.1), ("Nghiêm", 0.05), ("Lại", 0.05), ("Bạch", 0.05), ("Khúc", 0.03), ("Âu", 0.03),
    ("Thân", 0.05), ("Từ", 0.05), ("Nông", 0.1), ("Tống", 0.1), ("Hứa", 0.05), ("Giáp", 0.03), ("Kim", 0.03),
]
# Hoàng/Huỳnh ≈ 5.1 % and Vũ/Võ ≈ 3.9 % together; which spelling depends on the region.
_FAMILY_NORTH: Weighted = [*_FAMILY_COMMON, ("Hoàng", 4.8), ("Huỳnh", 0.3), ("Vũ", 3.5), ("Võ", 0.4)]
_FAMILY_CENTRAL: Weighted = [*_FAMILY_COMMON, ("Hoàng", 2.6), ("Huỳnh", 2.5), ("Vũ", 1.2), ("Võ", 2.7)]
_FAMILY_SOUTH: Weighted = [*_FAMILY_COMMON, ("Hoàng", 0.6), ("Huỳnh", 4.5), ("Vũ", 0.5), ("Võ", 3.4)]

_MIDDLE_MALE: Weighted = [
    ("Văn", 30), ("Đức", 8), ("Minh", 8), ("Quang", 6), ("Hữu", 6), ("Xuân", 5), ("Thanh", 5), ("Ngọc", 4),
    ("Công", 4), ("Đình", 4), ("Mạnh", 3), ("Tuấn", 3), ("Hoàng", 3), ("Trọng", 3), ("Anh", 3), ("Quốc", 3),
    ("Duy", 2), ("Việt", 2), ("Tiến", 2), ("Bá", 2), ("Thế", 2), ("Huy", 2), ("Thành", 2), ("Kim", 1),
    ("Nhật", 1), ("Gia", 1), ("Đăng", 1), ("Khắc", 1), ("Trung", 1), ("Hồng", 1), ("Tấn", 1.5), ("Chí", 1),
]
_MIDDLE_FEMALE: Weighted = [
    ("Thị", 45), ("Ngọc", 6), ("Thu", 5), ("Thanh", 5), ("Minh", 3), ("Phương", 3), ("Hồng", 3), ("Kim", 3),
    ("Bích", 2), ("Diệu", 1), ("Thùy", 3), ("Mai", 2), ("Lan", 1), ("Hải", 1), ("Khánh", 2), ("Quỳnh", 1),
    ("Bảo", 1), ("Hà", 1), ("Thúy", 2), ("Mỹ", 2), ("Huyền", 1), ("Vân", 1), ("Hoài", 1), ("Tuyết", 1),
]
# Second middle name after "Thị" (Nguyễn Thị Thu Hà) or after another one (Trần Ngọc Bảo Anh).
_MIDDLE_SECOND_FEMALE: Weighted = [
    ("Thu", 5), ("Ngọc", 5), ("Thanh", 4), ("Minh", 3), ("Kim", 3), ("Bích", 2), ("Hồng", 3), ("Phương", 2),
    ("Mai", 2), ("Bảo", 2), ("Diệu", 1), ("Tuyết", 1), ("Thúy", 2), ("Hải", 1), ("Lan", 1),
]
_MIDDLE_SECOND_MALE: Weighted = [("Minh", 3), ("Đức", 2), ("Quang", 2), ("Hoàng", 2), ("Gia", 2), ("Anh", 2),
                                 ("Nhật", 1), ("Tuấn", 1), ("Bảo", 1)]

_GIVEN_MALE: Weighted = [
    ("Hùng", 5), ("Dũng", 5), ("Tuấn", 5), ("Minh", 5), ("Hải", 5), ("Nam", 4), ("Long", 4), ("Cường", 4),
    ("Thắng", 4), ("Sơn", 4), ("Hiếu", 3), ("Đức", 3), ("Thành", 4), ("Huy", 4), ("Quang", 3), ("Trung", 3),
    ("Hoàng", 3), ("Phong", 2), ("Tùng", 3), ("Khánh", 2), ("Bình", 3), ("Tâm", 2), ("Việt", 2), ("Hưng", 3),
    ("Lâm", 2), ("Thịnh", 2), ("Quân", 3), ("Vinh", 2), ("Toàn", 2), ("Anh", 5), ("Tú", 2), ("Kiên", 2),
    ("Hòa", 2), ("Tài", 2), ("Phúc", 2), ("Lực", 1), ("Chiến", 2), ("Thái", 1), ("Hậu", 1), ("Lợi", 1),
    ("Tiến", 2), ("Đạt", 3), ("Khoa", 2), ("Bảo", 2), ("Duy", 2), ("Nghĩa", 2), ("Trọng", 1), ("Thanh", 2),
    ("Hoan", 1), ("Quý", 1), ("Sáng", 1), ("Tuyến", 1), ("Hiển", 1), ("Phú", 1), ("Lộc", 1), ("Thuận", 1),
    ("Thọ", 1), ("Mạnh", 2), ("Thông", 1), ("Vũ", 1), ("Khải", 1), ("Đông", 1), ("Sỹ", 0.5), ("Thảo", 0.3),
    ("Tín", 1), ("Nhân", 1), ("Phát", 1), ("Tâm", 1), ("Thiện", 1), ("Lành", 0.5), ("Được", 0.5), ("Xuân", 1),
]
_GIVEN_FEMALE: Weighted = [
    ("Linh", 5), ("Hương", 5), ("Trang", 5), ("Lan", 4), ("Hà", 4), ("Thảo", 5), ("Mai", 4), ("Hoa", 4),
    ("Hằng", 4), ("Huyền", 4), ("Ngọc", 3), ("Nga", 3), ("Phương", 4), ("Yến", 3), ("Dung", 3), ("Thủy", 4),
    ("Hạnh", 3), ("Hiền", 3), ("Nhung", 3), ("Loan", 3), ("Vân", 3), ("Oanh", 2), ("Anh", 5), ("Thúy", 3),
    ("Quỳnh", 2), ("Thu", 3), ("Liên", 2), ("Chi", 2), ("Giang", 3), ("Nhàn", 2), ("Hồng", 3), ("Tuyết", 2),
    ("Lý", 1), ("Xuân", 2), ("Hòa", 2), ("Huệ", 2), ("Tâm", 2), ("Thơm", 1), ("Lụa", 1), ("Vy", 2), ("Nhi", 2),
    ("My", 2), ("Trinh", 2), ("Ánh", 2), ("Diệp", 1), ("Duyên", 2), ("Hậu", 1), ("Điệp", 1), ("Sen", 1),
    ("Cúc", 2), ("Đào", 1), ("Bích", 1), ("Thắm", 1), ("Hường", 2), ("Nguyệt", 2), ("Ngân", 2), ("Uyên", 2),
    ("Nhàn", 1), ("Thoa", 1), ("Lệ", 1), ("Tươi", 1), ("Hạnh", 1), ("Kiều", 1), ("Trâm", 1), ("Thư", 1),
]

# Northern mountain provinces: family names of the Tày, Nùng, Thái, Mông and Dao peoples.
_FAMILY_MINORITY: Weighted = [
    ("Hoàng", 6), ("Nông", 6), ("Lục", 2), ("Ma", 2), ("Đàm", 1), ("Lò", 5), ("Cầm", 2), ("Quàng", 2),
    ("Lường", 2), ("Tòng", 1), ("Vì", 1), ("Giàng", 3), ("Thào", 3), ("Vàng", 3), ("Sùng", 2), ("Lầu", 1),
    ("Hạng", 1), ("Mùa", 1), ("Sình", 1), ("Bàn", 2), ("Triệu", 2), ("Lý", 2), ("Hà", 3), ("Lương", 2),
]
_MONG_FAMILIES = frozenset({"Giàng", "Thào", "Vàng", "Sùng", "Lầu", "Hạng", "Mùa", "Sình"})
_GIVEN_MONG_MALE: Weighted = [("Páo", 2), ("Dế", 1), ("Sử", 2), ("Chứ", 1), ("Lử", 1), ("Pháy", 1), ("Tủa", 1),
                              ("Giống", 1), ("Chính", 1), ("Sào", 1), ("Dình", 1), ("Vừ", 1)]
_GIVEN_MONG_FEMALE: Weighted = [("Mỷ", 2), ("Dua", 1), ("Sua", 1), ("Máy", 1), ("Pà", 1), ("Chư", 1), ("Say", 1),
                                ("Dợ", 1), ("Cở", 1), ("Mai", 1)]
_GIVEN_TAI_MALE: Weighted = [("Mười", 1), ("Dền", 1), ("Hặc", 1), ("Ún", 1), ("Pẩu", 1), ("Xuân", 1), ("Thương", 1),
                             ("Ngọ", 1), ("Khiêm", 1), ("Chiến", 1), ("Vượng", 1), ("Lả", 1)]
_GIVEN_TAI_FEMALE: Weighted = [("Xuân", 1), ("Nhung", 1), ("Ín", 1), ("Hoa", 1), ("Thoa", 1), ("Lả", 1),
                               ("Phượng", 1), ("Hiên", 1), ("Mến", 1), ("Nga", 1), ("Lan", 1), ("Vân", 1)]

# Province codes (2-digit, since 1/7/2025) by region.
NORTHERN_MOUNTAINS = frozenset({"04", "08", "11", "12", "14", "15", "19", "20"})
CENTRAL = frozenset({"38", "40", "42", "44", "46", "48", "51", "52", "56", "66", "68"})


def region_of(province_code: str) -> str:
    if province_code in NORTHERN_MOUNTAINS:
        return "mountains"
    if province_code in CENTRAL:
        return "central"
    return "south" if province_code >= "75" else "north"


class NameMaker:
    """Draws full names for one region. `make(gender, birth_year)` → "Nguyễn Thị Thu Hà"."""

    _cache: dict[str, NameMaker] = {}

    def __init__(self, region: str) -> None:
        family = {"south": _FAMILY_SOUTH, "central": _FAMILY_CENTRAL}.get(region, _FAMILY_NORTH)
        self.family = Pool(family)
        self.minority_share = 0.35 if region == "mountains" else 0.0
        self.minority = Pool(_FAMILY_MINORITY)
        self.middle = {"M": Pool(_MIDDLE_MALE), "F": Pool(_MIDDLE_FEMALE)}
        self.second = {"M": Pool(_MIDDLE_SECOND_MALE), "F": Pool(_MIDDLE_SECOND_FEMALE)}
        self.given = {"M": Pool(_GIVEN_MALE), "F": Pool(_GIVEN_FEMALE)}
        self.mong = {"M": Pool(_GIVEN_MONG_MALE), "F": Pool(_GIVEN_MONG_FEMALE)}
        self.tai = {"M": Pool(_GIVEN_TAI_MALE), "F": Pool(_GIVEN_TAI_FEMALE)}

    @classmethod
    def for_province(cls, province_code: str) -> NameMaker:
        region = region_of(province_code)
        if region not in cls._cache:
            cls._cache[region] = NameMaker(region)
        return cls._cache[region]

    def make(self, rng: random.Random, gender: str, birth_year: int = 1975) -> str:
        g = "F" if gender == "F" else "M"
        if self.minority_share and rng.random() < self.minority_share:
            return self._minority(rng, g)
        family = self.family.draw(rng)
        middle = self.middle[g].draw(rng)
        # The generation before 1975 carries Văn / Thị far more often than the young.
        classic = "Thị" if g == "F" else "Văn"
        if middle != classic and birth_year < 1975 and rng.random() < 0.35:
            middle = classic
        words = [family, middle]
        if g == "F" and rng.random() < (0.18 if middle == "Thị" else 0.06):
            words.append(self.second["F"].draw(rng))
        elif g == "M" and middle != "Văn" and rng.random() < 0.04:
            words.append(self.second["M"].draw(rng))
        given = self.given[g].draw(rng)
        if given in words[1:]:  # "Nguyễn Minh Minh" is rare: draw once more
            given = self.given[g].draw(rng)
        words.append(given)
        return " ".join(words)

    def _minority(self, rng: random.Random, g: str) -> str:
        family = self.minority.draw(rng)
        if family in _MONG_FAMILIES:
            middle = "Thị" if g == "F" else "A"
            given = self.mong[g].draw(rng)
        else:
            middle = "Thị" if g == "F" else "Văn"
            given = self.tai[g].draw(rng) if rng.random() < 0.5 else self.given[g].draw(rng)
        return f"{family} {middle} {given}"
