"""Demo data: Quận Thanh Xuân (Hà Nội) as the seed article of 2022 shows it, its wards' merger into
the new wards on 1/7/2025, committee members, member organisations' branches and demo logins.

Everything here is invented except the public facts the platform is built around: the names of the
district and its 11 wards with their 2022 codes, the three people named in the article, and the
resolutions. The ward-to-ward mapping of 1/7/2025 approximates Nghị quyết số 1656/NQ-UBTVQH15 for
demo purposes (which parts of which ward went where is simplified), and the dates of the invented
terms of office are illustrative. All other names and phone numbers are generated deterministically.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.core.management import call_command
from django.db import transaction

from doanket.accounts.models import RoleGrant, User
from doanket.core.domains import demo_loaders
from doanket.core.domains import demo_logins as registered_demo_logins
from doanket.core.permissions import Role
from doanket.core.reference import reload_reference_data
from doanket.orgunits import services as unit_services
from doanket.orgunits.catalogue import load_catalogue
from doanket.orgunits.demo_tree import (  # the landmarks the domains' demo loaders build on
    DISTRICT_CODE,
    DISTRICT_NAME,
    HANOI_CODE,
    NEW_KHUONG_DINH,
    NEW_PHUONG_LIET,
    NEW_THANH_XUAN,
    YEN_HOA,
    demo_district,
)
from doanket.orgunits.models import Branch, LineageKind, LineageLink, MemberOrganisation, OrgUnit, UnitType
from doanket.people import services as people_services
from doanket.people.models import Assignment, Gender, Person, Position

DEMO_PASSWORD = "doanket2025"  # noqa: S105 — public demo password, printed on purpose

# (username, password, description): printed by `load_demo`, bin/start and the README.
DEMO_LOGINS: list[tuple[str, str, str]] = [
    ("thanhxuan", DEMO_PASSWORD, "Ban Thường trực, nhập liệu và quản trị — Quận Thanh Xuân (đơn vị cũ, đến 30/06/2025)"),
    ("khuongmai", DEMO_PASSWORD, "Ban Thường trực và nhập liệu — Phường Khương Mai (đơn vị cũ)"),
    ("nhanchinh", DEMO_PASSWORD, "Cán bộ nhập liệu — Phường Nhân Chính (đơn vị cũ)"),
    ("phuongliet", DEMO_PASSWORD,
     "Ban Thường trực và nhập liệu — Phường Phương Liệt (mới, từ 1/7/2025; thấy cả hồ sơ Khương Mai cũ)"),
    ("hanoi", DEMO_PASSWORD, "Chỉ xem — Thành phố Hà Nội"),
    ("vanhanh", DEMO_PASSWORD, "Vận hành hệ thống (quản trị viên toàn quyền)"),
]

NQ_1286 = "Nghị quyết số 1286/NQ-UBTVQH15"
NQ_1656 = "Nghị quyết số 1656/NQ-UBTVQH15"
END_OF_DISTRICTS = dt.date(2025, 6, 30)
NEW_WARDS_FROM = dt.date(2025, 7, 1)
FIRST_MERGER = dt.date(2025, 1, 1)


# The 11 wards of Quận Thanh Xuân in 2022 with their codes of the time. The codes were reused by
# the new wards of 2025 (00352 is now Phường Phương Liệt), hence uniqueness among current units only.
OLD_WARDS: list[tuple[str, str]] = [
    ("Nhân Chính", "00343"),
    ("Thượng Đình", "00346"),
    ("Khương Trung", "00349"),
    ("Khương Mai", "00352"),
    ("Thanh Xuân Trung", "00355"),
    ("Phương Liệt", "00358"),
    ("Hạ Đình", "00361"),
    ("Khương Đình", "00364"),
    ("Thanh Xuân Bắc", "00367"),
    ("Thanh Xuân Nam", "00370"),
    ("Kim Giang", "00373"),
]

# 1/1/2025, Nghị quyết 1286: old ward → old ward it merged into.
MERGERS_2025_01: list[tuple[str, str]] = [("Kim Giang", "Hạ Đình"), ("Thanh Xuân Nam", "Thanh Xuân Bắc")]

NEW_WARDS_WITH_AREAS = [NEW_THANH_XUAN, NEW_KHUONG_DINH, NEW_PHUONG_LIET]

# 1/7/2025, Nghị quyết 1656 (approximated): old ward → current ward code.
MERGERS_2025_07: list[tuple[str, str]] = [
    ("Khương Mai", NEW_PHUONG_LIET),
    ("Phương Liệt", NEW_PHUONG_LIET),
    ("Hạ Đình", NEW_KHUONG_DINH),
    ("Khương Đình", NEW_KHUONG_DINH),
    ("Thanh Xuân Bắc", NEW_THANH_XUAN),
]
SPLITS_2025_07: list[tuple[str, str]] = [
    ("Khương Trung", NEW_PHUONG_LIET),
    ("Khương Trung", NEW_KHUONG_DINH),
    ("Thượng Đình", NEW_KHUONG_DINH),
    ("Thượng Đình", NEW_THANH_XUAN),
    ("Thanh Xuân Trung", NEW_THANH_XUAN),
    ("Thanh Xuân Trung", NEW_KHUONG_DINH),
    ("Nhân Chính", NEW_THANH_XUAN),
    ("Nhân Chính", YEN_HOA),
]

# Generated names: family names by frequency, middle and given names by gender.
FAMILY_NAMES = [
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Phạm", "Hoàng", "Huỳnh",
    "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đào", "Mai", "Tạ",
    "Lương", "Cao", "Chu", "Kiều", "Đoàn",
]
MIDDLE_NAMES: dict[str, list[str]] = {
    Gender.MALE: ["Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Mạnh", "Xuân", "Tiến", "Ngọc", "Thanh"],
    Gender.FEMALE: ["Thị", "Thị", "Thị", "Thu", "Hồng", "Ngọc", "Thanh", "Minh", "Phương", "Kim", "Diệu"],
}
GIVEN_NAMES: dict[str, list[str]] = {
    Gender.MALE: ["An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Huy", "Khánh", "Long", "Nam", "Phong",
                  "Quân", "Sơn", "Thắng", "Tuấn", "Việt", "Trung", "Hiếu", "Toàn", "Kiên", "Thành", "Tùng"],
    Gender.FEMALE: ["Anh", "Hạnh", "Hương", "Lan", "Mai", "Phương", "Thảo", "Hà", "Hoa", "Hằng", "Linh", "Nga",
                    "Ngân", "Trang", "Yến", "Thủy", "Huyền", "Dung", "Loan", "Nhung", "Oanh", "Vân"],
}


class NameMaker:
    """Deterministic Vietnamese names, genders, birth years and phones; no name given twice."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.used: set[str] = set()

    def gender(self) -> str:
        return self.rng.choice([Gender.MALE, Gender.FEMALE])

    def name(self, gender: str) -> str:
        for _attempt in range(50):
            full = " ".join((self.rng.choice(FAMILY_NAMES), self.rng.choice(MIDDLE_NAMES[gender]),
                             self.rng.choice(GIVEN_NAMES[gender])))
            if full not in self.used:
                break
        self.used.add(full)
        return full

    def phone(self) -> str:
        if self.rng.random() < 0.35:
            return ""
        return self.rng.choice(["09", "08", "03"]) + f"{self.rng.randrange(10**8):08d}"

    def birth_year(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)


@dataclass
class Counts:
    units: int
    lineage_links: int
    branches: int
    people: int
    assignments: int
    users: int
    role_grants: int


def demo_counts() -> Counts:
    return Counts(
        units=OrgUnit.objects.count(), lineage_links=LineageLink.objects.count(), branches=Branch.objects.count(),
        people=Person.objects.count(), assignments=Assignment.objects.count(), users=User.objects.count(),
        role_grants=RoleGrant.objects.count(),
    )


def demo_is_loaded() -> bool:
    return demo_district() is not None


class _Seeder:
    def __init__(self, seed: int) -> None:
        self.names = NameMaker(seed)
        self.types = {t.code: t for t in UnitType.objects.all()}
        self.positions = {p.name: p for p in Position.objects.all()}
        self.positions.update({p.abbreviation: p for p in Position.objects.exclude(abbreviation="")})
        self.orgs = {o.code: o for o in MemberOrganisation.objects.all()}

    # -- helpers ---------------------------------------------------------------------------------
    def unit(self, parent: OrgUnit, type_code: str, name: str, code: str = "", *,
             valid_from: dt.date | None = None, valid_to: dt.date | None = None) -> OrgUnit:
        return unit_services.unit_create(actor=None, parent=parent, unit_type=self.types[type_code], name=name,
                                         code=code, valid_from=valid_from, valid_to=valid_to)

    def person(self, unit: OrgUnit, *, gender: str | None = None, born: tuple[int, int] = (1958, 1990),
               full_name: str | None = None, **fields: str) -> Person:
        gender = gender or self.names.gender()
        return people_services.person_create(
            actor=None, unit=unit, full_name=full_name or self.names.name(gender), gender=gender,
            birth_year=self.names.birth_year(*born), phone=fields.pop("phone", self.names.phone()), **fields,
        )

    def assign(self, person: Person, position: str, unit: OrgUnit, start: dt.date, end: dt.date | None = None,
               branch: Branch | None = None) -> Assignment:
        return people_services.assignment_create(actor=None, person=person, position=self.positions[position],
                                                 unit=unit, start_date=start, end_date=end, branch=branch)

    def area_with_committee(self, ward: OrgUnit, number: int, start: dt.date, end: dt.date | None) -> OrgUnit:
        """A residential area, its Front work committee (head + 2 members) and three branches; the
        women's branch head is the committee's first member (one person, two assignments)."""
        area = self.unit(ward, "area", f"Khu dân cư số {number}", valid_from=start if end is None else None,
                         valid_to=end)
        head = self.person(area, born=(1950, 1975))
        self.assign(head, "Trưởng ban công tác Mặt trận khu dân cư", area, start, end)
        woman = self.person(area, gender=Gender.FEMALE, born=(1960, 1985))
        self.assign(woman, "Thành viên Ban công tác Mặt trận khu dân cư", area, start, end)
        other = self.person(area)
        self.assign(other, "Thành viên Ban công tác Mặt trận khu dân cư", area, start, end)

        def branch(org: str, label: str) -> Branch:
            b = Branch(organisation=self.orgs[org], unit=area, name=f"{label} khu dân cư số {number}",
                       valid_from=start if end is None else None, valid_to=end)
            b.full_clean()
            b.save()
            return b

        women = branch("hoi-phu-nu", "Chi hội Phụ nữ")
        veterans = branch("hoi-cuu-chien-binh", "Chi hội Cựu chiến binh")
        youth = branch("doan-thanh-nien", "Chi đoàn")
        self.assign(woman, "Chi hội trưởng", area, start, end, branch=women)
        veteran = self.person(area, gender=Gender.MALE, born=(1945, 1962))
        self.assign(veteran, "Chi hội trưởng", area, start, end, branch=veterans)
        secretary = self.person(area, born=(1992, 2002))
        self.assign(secretary, "Bí thư Chi đoàn", area, start, end, branch=youth)
        return area

    # -- the demo --------------------------------------------------------------------------------
    def run(self) -> None:
        root = OrgUnit.objects.get(unit_type__code="central", code="VN", valid_to__isnull=True)
        hanoi = OrgUnit.objects.get(unit_type__code="province", code=HANOI_CODE, valid_to__isnull=True)
        current = {u.code: u for u in OrgUnit.objects.filter(
            unit_type__code="commune", valid_to__isnull=True,
            code__in=[*NEW_WARDS_WITH_AREAS, YEN_HOA])}

        district = self.unit(hanoi, "district", DISTRICT_NAME, DISTRICT_CODE, valid_to=END_OF_DISTRICTS)
        merged_early = dict(MERGERS_2025_01)
        ward_end = {name: FIRST_MERGER - dt.timedelta(days=1) if name in merged_early else END_OF_DISTRICTS
                    for name, _code in OLD_WARDS}
        old = {name: self.unit(district, "commune", f"Phường {name}", code, valid_to=END_OF_DISTRICTS)
               for name, code in OLD_WARDS}

        # Lineage first: it closes the wards merged on 1/1/2025 on 31/12/2024.
        self.lineage(old, current)

        # The district's standing committee and the people of the article.
        term = dt.date(2019, 9, 1)
        thao = self.person(district, full_name="Khổng Minh Thảo", gender=Gender.MALE, born=(1970, 1975))
        self.assign(thao, "UVTV", district, dt.date(2020, 10, 1), END_OF_DISTRICTS)
        self.assign(thao, "Chủ tịch Ủy ban MTTQ Việt Nam", district, term, END_OF_DISTRICTS)
        self.assign(thao, "Phó Chủ tịch Ủy ban MTTQ Việt Nam", current[NEW_THANH_XUAN], NEW_WARDS_FROM)
        son = self.person(district, full_name="Văn Hùng Sơn", gender=Gender.MALE, born=(1972, 1980))
        self.assign(son, "Phó Trưởng Ban Dân vận Quận ủy", district, dt.date(2020, 10, 1), END_OF_DISTRICTS)
        sy = self.person(district, full_name="Tạ Văn Sỹ", gender=Gender.MALE, born=(1952, 1956), title="Tiến sỹ",
                         affiliation="Báo cáo viên, Ủy ban Trung ương MTTQ Việt Nam", phone="")
        self.assign(sy, "Giám đốc Trung tâm Bồi dưỡng cán bộ và Nghiên cứu khoa học MTTQ Việt Nam", root,
                    dt.date(2009, 1, 1), dt.date(2016, 6, 30))
        for _i in range(2):
            self.assign(self.person(district, born=(1965, 1982)), "UVTT", district, term, END_OF_DISTRICTS)

        # The 11 wards of 2022: chair, 1–2 standing members, 3–4 residential areas each.
        ward_term = dt.date(2019, 6, 1)
        for name, _code in OLD_WARDS:
            ward, end = old[name], ward_end[name]
            self.assign(self.person(ward, born=(1962, 1978)), "Chủ tịch Ủy ban MTTQ Việt Nam", ward, ward_term, end)
            for _i in range(self.names.rng.choice([1, 2])):
                self.assign(self.person(ward, born=(1965, 1990)), "UVTT", ward, ward_term, end)
            for number in range(1, self.names.rng.choice([3, 4]) + 1):
                self.area_with_committee(ward, number, dt.date(2021, 3, 1), end)

        # The new wards since 1/7/2025: chair, one standing member, 2–3 residential areas each.
        for code in NEW_WARDS_WITH_AREAS:
            ward = current[code]
            self.assign(self.person(ward, born=(1968, 1980)), "Chủ tịch Ủy ban MTTQ Việt Nam", ward, NEW_WARDS_FROM)
            self.assign(self.person(ward, born=(1970, 1990)), "UVTT", ward, NEW_WARDS_FROM)
            for number in range(1, self.names.rng.choice([2, 3]) + 1):
                self.area_with_committee(ward, number, dt.date(2025, 8, 1), None)
        self.committees_2025(old, current)

        self.users(district, old, current, hanoi)

    def lineage(self, old: dict[str, OrgUnit], current: dict[str, OrgUnit]) -> None:
        """The mergers of 1/1/2025 and 1/7/2025 and the splits of 1/7/2025, with their resolutions."""
        for name, into in MERGERS_2025_01:
            unit_services.lineage_record(actor=None, predecessors=[old[name]], successor=old[into],
                                         kind=LineageKind.MERGE, effective_date=FIRST_MERGER, legal_basis=NQ_1286)
        for name, code in MERGERS_2025_07:
            unit_services.lineage_record(actor=None, predecessors=[old[name]], successor=current[code],
                                         kind=LineageKind.MERGE, effective_date=NEW_WARDS_FROM, legal_basis=NQ_1656)
        for name, code in SPLITS_2025_07:
            unit_services.lineage_record(actor=None, predecessors=[old[name]], successor=current[code],
                                         kind=LineageKind.SPLIT, effective_date=NEW_WARDS_FROM, legal_basis=NQ_1656)
        for unit in old.values():
            unit.refresh_from_db()

    def committees_2025(self, old: dict[str, OrgUnit], current: dict[str, OrgUnit]) -> None:
        """The rest of the new wards' 2025–2030 committees (after the draws above, so the 2022 demo is
        unchanged): a vice chair and a second standing member, and the committee members — among them the
        chairs of the old wards merged into the ward, who carried on after 1/7/2025. Today's view of a new
        ward is then a full committee, and the 2022 view is history."""
        into: dict[str, list[str]] = {}
        for name, code in MERGERS_2025_07:
            into.setdefault(code, []).append(name)
        chair = self.positions["Chủ tịch Ủy ban MTTQ Việt Nam"]
        for code in NEW_WARDS_WITH_AREAS:
            ward = current[code]
            self.assign(self.person(ward, born=(1970, 1985)), "Phó Chủ tịch Ủy ban MTTQ Việt Nam", ward, NEW_WARDS_FROM)
            self.assign(self.person(ward, born=(1975, 1992)), "UVTT", ward, NEW_WARDS_FROM)
            carried = [a.person for a in Assignment.objects.filter(
                position=chair, unit__in=[old[n] for n in into.get(code, [])], end_date=END_OF_DISTRICTS,
            ).select_related("person").order_by("unit__path")]
            for person in carried:
                self.assign(person, "Ủy viên Ủy ban MTTQ Việt Nam", ward, NEW_WARDS_FROM)
            for _i in range(max(0, 7 - len(carried))):
                self.assign(self.person(ward, born=(1960, 1995)), "Ủy viên Ủy ban MTTQ Việt Nam", ward, NEW_WARDS_FROM)

    def users(self, district: OrgUnit, old: dict[str, OrgUnit], current: dict[str, OrgUnit], hanoi: OrgUnit) -> None:
        grants: dict[str, tuple[str, OrgUnit, list[str]]] = {
            "thanhxuan": ("Cán bộ Ủy ban MTTQ quận Thanh Xuân", district, [Role.STANDING, Role.DATA_ENTRY, Role.ADMIN]),
            "khuongmai": ("Cán bộ MTTQ phường Khương Mai", old["Khương Mai"], [Role.DATA_ENTRY, Role.STANDING]),
            "nhanchinh": ("Cán bộ MTTQ phường Nhân Chính", old["Nhân Chính"], [Role.DATA_ENTRY]),
            "phuongliet": ("Cán bộ MTTQ phường Phương Liệt", current[NEW_PHUONG_LIET], [Role.STANDING, Role.DATA_ENTRY]),
            "hanoi": ("Cán bộ Ủy ban MTTQ thành phố Hà Nội", hanoi, [Role.VIEWER]),
        }
        for username, password, _description in DEMO_LOGINS:
            user = User.objects.filter(username=username).first() or User(username=username)
            user.set_password(password)
            if username in grants:
                user.full_name, user.unit, roles = grants[username]
                user.save()
                for role in roles:
                    RoleGrant.objects.get_or_create(user=user, unit=user.unit, role=role)
            else:  # the operator
                user.full_name = "Vận hành hệ thống"
                user.is_staff = user.is_superuser = True
                user.save()


@transaction.atomic
def load_demo(*, seed: int = 2022, provinces: Collection[str] | None = None) -> bool:
    """Load the demo unless it is there already (then nothing is changed). Returns whether it loaded.
    `provinces`: load only these provinces of the catalogue (Hà Nội is always included)."""
    if demo_is_loaded():
        return False
    load_catalogue(provinces=None if provinces is None else {*provinces, HANOI_CODE})
    _Seeder(seed).run()
    return True


def load_modules_demo(*, out: Any = print) -> None:
    """Every domain's demo (the seed's conference, the news portal with the seed article, the public
    votes, …) on top of the units and people, in the order the domains ask for (each is idempotent)."""
    for loader in demo_loaders():
        loader(out=out)


def all_demo_logins() -> list[tuple[str, str, str]]:
    return [*DEMO_LOGINS, *registered_demo_logins()]


def reset_database() -> None:
    """Empty every table (users included) and put the reference data back. Destroys all data."""
    call_command("flush", interactive=False, verbosity=0)
    reload_reference_data()
