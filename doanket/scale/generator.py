"""Deterministic synthetic data at district, province or national scale.

What one populated commune gets (the density is the same at every scale; a scale only says how many
communes are populated):

- 30 residential areas (tổ dân phố in wards, thôn/bản/ấp in communes), each with three member-organisation
  branches (Chi hội Phụ nữ, Chi hội Cựu chiến binh, Chi đoàn);
- 300 people: the commune's Front committee (30: chair, two vice-chairs, two standing members, 25
  members) and, in every area, the front work committee (5), the Party cell secretary and the heads of
  the three branches (9 × 30); each with their current assignment, and 15 % of the area people with an
  assignment of the previous term that has ended;
- 5 events of the commune (a conference, a training, a voters' meeting, the great-unity festival, all
  past, and a year-end conference still open for answers) inviting all 300 people, with answers and,
  for past events, check-ins (≈ 78 % present);
- 60 published news articles (a few drafts and submissions among them) of 1–2 categories.

Every populated province also gets its committee (40 people), two province-wide trainings of the heads
of all its front work committees and commune chairs, and 100 articles; the central committee gets 60
people. National scale populates all 3,321 communes: ≈ 1,000,000 people, ≈ 5,200,000 invitations (the
attendance rows: answer and check-in are columns of the invitation), ≈ 200,000 articles.

The units are the real catalogue (`load_catalogue`: 34 provinces, 3,321 communes). The generated rows
are written in bulk — `COPY … FROM STDIN` on PostgreSQL, batched multi-row INSERTs elsewhere — with
primary keys allocated here, and **without history rows**: they were never edited by anyone, so
django-simple-history has nothing to tell about them (only the catalogue's own loader records the
official units it creates). Each commune draws from its own random generator seeded by (seed, commune
code), so a commune's names, posts, events and articles are the same at every scale (primary keys,
invitation codes and ID numbers are numbered in order, so they differ).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.text import slugify

from doanket.accounts.models import RoleGrant, User
from doanket.core.permissions import Role
from doanket.events.models import AudienceRule, Event, EventStatus, EventType, Invitation, InvitationStatus
from doanket.news.models import Article, Category
from doanket.news.models import Status as ArticleStatus
from doanket.orgunits.catalogue import load_catalogue
from doanket.orgunits.models import Branch, MemberOrganisation, OrgUnit, UnitType
from doanket.people.models import Assignment, Person, Position

from . import texts
from .names import NameMaker, region_of

VN = dt.timezone(dt.timedelta(hours=7))
NEW_UNITS_FROM = dt.date(2025, 7, 1)  # the two-level local government: today's communes and provinces


@dataclass(frozen=True)
class Spec:
    """How much to generate. The density per commune is fixed; a scale says which communes are populated."""

    name: str
    populate: tuple[str, ...] | None = None  # province codes whose communes get data; None: all
    max_communes: int | None = None  # at most this many communes (in code order)
    catalogue: tuple[str, ...] | None = None  # provinces loaded from the catalogue; None: all 34
    areas_per_commune: int = 30
    commune_committee: int = 30
    province_committee: int = 40
    central_committee: int = 60
    commune_events: int = 5
    province_trainings: int = 2
    commune_articles: int = 60
    province_articles: int = 100
    previous_term_share: float = 0.15


SCALES: dict[str, Spec] = {
    # ~ a former urban district: 33 wards of Hà Nội (Phường Phương Liệt among them), ≈ 10,000 people.
    "district": Spec("district", populate=("01",), max_communes=33),
    # A province instance: all 126 communes and wards of Hà Nội, ≈ 38,000 people.
    "province": Spec("province", populate=("01",)),
    # The whole country: 3,321 communes, ≈ 1,000,000 people.
    "national": Spec("national"),
}

# -- who sits where --------------------------------------------------------------------------------
TRUONG_BAN = "Trưởng ban công tác Mặt trận khu dân cư"
CHU_TICH = "Chủ tịch Ủy ban MTTQ Việt Nam"


@dataclass(frozen=True)
class Role_:
    position: str
    female: float  # share of women
    born: tuple[int, int]  # birth years
    branch: str = ""  # member organisation code of the branch the post belongs to


AREA_ROLES = [
    Role_(TRUONG_BAN, 0.35, (1950, 1985)),
    Role_("Phó Trưởng ban công tác Mặt trận khu dân cư", 0.5, (1955, 1990)),
    Role_("Thành viên Ban công tác Mặt trận khu dân cư", 0.5, (1955, 1995)),
    Role_("Thành viên Ban công tác Mặt trận khu dân cư", 0.5, (1955, 1995)),
    Role_("Thành viên Ban công tác Mặt trận khu dân cư", 0.5, (1955, 1995)),
    Role_("Bí thư Chi bộ", 0.3, (1950, 1985)),
    Role_("Chi hội trưởng", 1.0, (1960, 1995), branch="hoi-phu-nu"),
    Role_("Chi hội trưởng", 0.05, (1945, 1972), branch="hoi-cuu-chien-binh"),
    Role_("Bí thư Chi đoàn", 0.5, (1992, 2004), branch="doan-thanh-nien"),
]
BRANCH_NAMES = {"hoi-phu-nu": "Chi hội Phụ nữ", "hoi-cuu-chien-binh": "Chi hội Cựu chiến binh",
                "doan-thanh-nien": "Chi đoàn"}
PREVIOUS_TERM_POSITIONS = ["Thành viên Ban công tác Mặt trận khu dân cư", "Tổ trưởng tổ dân phố", "Chi hội phó"]


def committee_roles(size: int) -> list[Role_]:
    """A Front committee: chair, vice-chairs, standing members, members."""
    vice = 2 if size < 40 else 3
    standing = 2 if size < 40 else 4
    roles = [Role_(CHU_TICH, 0.3, (1962, 1982))]
    roles += [Role_("Phó Chủ tịch Ủy ban MTTQ Việt Nam", 0.4, (1965, 1985))] * vice
    roles += [Role_("Ủy viên Thường trực Ủy ban MTTQ Việt Nam", 0.45, (1968, 1990))] * standing
    roles += [Role_("Ủy viên Ủy ban MTTQ Việt Nam", 0.45, (1955, 1992))] * max(0, size - 1 - vice - standing)
    return roles[:size]


# -- primary keys and bulk writing -----------------------------------------------------------------
class Sink:
    """Rows of one table, written in bulk: COPY on PostgreSQL, multi-row INSERTs elsewhere.

    Rows are taken from model instances (so a field added to a model later gets its default), or
    given as tuples in `attnames` order for the hottest tables."""

    def __init__(self, model: type[models.Model], *, with_pk: bool = True) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
        self.attnames = [f.attname for f in self.fields]
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0
        self._auto = [i for i, f in enumerate(self.fields)
                      if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]

    def add(self, obj: models.Model) -> None:
        raw = obj.__dict__
        row = [raw.get(a) for a in self.attnames]
        for i, v in enumerate(row):
            if isinstance(v, FieldFile):
                row[i] = v.name or ""
        for i in self._auto:
            if row[i] is None:
                row[i] = timezone.now()
        self.rows.append(tuple(row))

    def add_row(self, row: tuple[Any, ...]) -> None:
        self.rows.append(row)

    def flush(self) -> None:
        if not self.rows:
            return
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                    for row in self.rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.fields))
                sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 — names from the model
                prep = [(f.get_db_prep_save, f) for f in self.fields]
                batch = [[p(v, connection) for (p, _f), v in zip(prep, row, strict=True)] for row in self.rows]
                cursor.executemany(sql, batch)
        self.written += len(self.rows)
        self.rows = []


class Ids:
    """Primary keys handed out here, so rows can refer to each other before they are written."""

    def __init__(self, *models_: type[models.Model]) -> None:
        self.next: dict[type[models.Model], int] = {}
        for m in models_:
            top = m.objects.aggregate(top=models.Max("pk"))["top"] or 0
            self.next[m] = top + 1

    def take(self, model: type[models.Model]) -> int:
        n = self.next[model]
        self.next[model] = n + 1
        return n


# Invitation codes: a bijection of the row number onto 12 letters of the events alphabet, so they are
# unique without a lookup, look random, and come out the same for the same seed.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_SPACE = len(_CODE_ALPHABET) ** 12
_CODE_MULT = 0x9E3779B97F4A7C15 % _CODE_SPACE  # odd and not a multiple of 31: invertible modulo 31^12


def invitation_code(n: int, seed: int) -> str:
    x = (n * _CODE_MULT + seed * 7919 + 104_729) % _CODE_SPACE
    out = []
    for _i in range(12):
        x, r = divmod(x, 31)
        out.append(_CODE_ALPHABET[r])
    return "".join(out)


# -- the run ---------------------------------------------------------------------------------------
@dataclass
class Counts:
    units: int = 0
    branches: int = 0
    people: int = 0
    assignments: int = 0
    events: int = 0
    invitations: int = 0
    present: int = 0
    articles: int = 0
    users: int = 0


@dataclass
class Result:
    scale: str
    seed: int
    counts: Counts
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class _Person:
    pk: int
    unit_id: int
    position: Position
    name: str


class Generator:
    def __init__(self, spec: Spec, seed: int, progress: Callable[[str], None] | None = None,
                 password: str | None = None) -> None:
        self.spec = spec
        self.seed = seed
        self.say = progress or (lambda _msg: None)
        self.password = password
        self.counts = Counts()
        self.id_serials: dict[str, int] = {}
        self.seconds: dict[str, float] = {}
        self.started = time.perf_counter()

    # -- helpers
    def _elapsed(self) -> str:
        return f"{time.perf_counter() - self.started:7.1f} s"

    def _rng(self, key: str) -> random.Random:
        return random.Random(f"{self.seed}:{key}")

    def run(self) -> Result:
        start = time.perf_counter()
        load_catalogue(provinces=self.spec.catalogue)
        self.seconds["catalogue"] = time.perf_counter() - start
        self.say(f"[{self._elapsed()}] catalogue: {OrgUnit.objects.count():,} units")

        self.types = {t.code: t for t in UnitType.objects.all()}
        self.positions = {p.name: p for p in Position.objects.all()}
        self.orgs = {o.code: o for o in MemberOrganisation.objects.all()}
        self.event_types = {t.code: t for t in EventType.objects.all()}
        self.categories = {c.slug: c for c in Category.objects.all()}
        self.ids = Ids(OrgUnit, Branch, Person, Assignment, Event, AudienceRule, Invitation, Article)
        self.sinks = {m: Sink(m) for m in (OrgUnit, Branch, Person, Assignment, Event, AudienceRule, Invitation,
                                          Article)}
        self.rule_positions = Sink(AudienceRule.positions.through, with_pk=False)
        self.article_categories = Sink(Article.categories.through, with_pk=False)
        self.order = [*self.sinks.values(), self.rule_positions, self.article_categories]

        root = OrgUnit.objects.get(unit_type__code="central", valid_to__isnull=True, depth=1)
        provinces = list(OrgUnit.objects.filter(unit_type__code="province", valid_to__isnull=True).order_by("code"))
        communes: dict[str, list[OrgUnit]] = {p.path: [] for p in provinces}
        for c in OrgUnit.objects.filter(unit_type__code="commune", valid_to__isnull=True).order_by("code"):
            parent = c.path[: 2 * OrgUnit.steplen]
            if parent in communes:
                communes[parent].append(c)
        budget = self.spec.max_communes
        plan: list[tuple[OrgUnit, list[OrgUnit]]] = []
        for p in provinces:
            if self.spec.populate is not None and p.code not in self.spec.populate:
                continue
            chosen = communes[p.path] if budget is None else communes[p.path][:budget]
            if budget is not None:
                budget -= len(chosen)
            if chosen:
                plan.append((p, chosen))
        total_communes = sum(len(c) for _p, c in plan)
        self.say(f"[{self._elapsed()}] populating {total_communes:,} communes in {len(plan)} provinces "
                 f"(scale {self.spec.name}, seed {self.seed})")

        start = time.perf_counter()
        with transaction.atomic():
            self._committee(root, self.spec.central_committee, "VN", NameMaker.for_province("01"),
                            start_date=dt.date(2024, 10, 17))
            self._flush()
        done = 0
        for province, chosen in plan:
            with transaction.atomic():
                self._province(province, chosen)
                self._flush()
            done += len(chosen)
            self.say(f"[{self._elapsed()}] {province.name}: {len(chosen)} communes — {done:,}/{total_communes:,}; "
                     f"{self.counts.people:,} people, {self.counts.invitations:,} invitations, "
                     f"{self.counts.articles:,} articles so far")
        self.seconds["rows"] = time.perf_counter() - start

        start = time.perf_counter()
        with transaction.atomic():
            self._accounts(root, provinces, plan)
            self._reset_sequences()
            from doanket.news.cache import bump_public_version

            bump_public_version()
        self.seconds["accounts"] = time.perf_counter() - start
        start = time.perf_counter()
        analyze()
        self.seconds["analyze"] = time.perf_counter() - start
        self.say(f"[{self._elapsed()}] statistics updated (ANALYZE) in {self.seconds['analyze']:.1f} s")
        self.seconds["total"] = time.perf_counter() - self.started
        return Result(scale=self.spec.name, seed=self.seed, counts=self.counts, seconds=self.seconds)

    def _flush(self) -> None:
        for sink in self.order:
            sink.flush()

    def _maybe_flush(self) -> None:
        if sum(len(s.rows) for s in self.order) > 200_000:
            self._flush()

    # -- people
    def _person(self, rng: random.Random, names: NameMaker, unit: OrgUnit, role: Role_, *, province_code: str,
                affiliation: str = "", title_chance: float = 0.0) -> Person:
        gender = "F" if rng.random() < role.female else "M"
        born = rng.randint(*role.born)
        title = rng.choice(("Thạc sĩ", "Tiến sĩ", "Cử nhân")) if title_chance and rng.random() < title_chance else ""
        person = Person(pk=self.ids.take(Person), full_name=names.make(rng, gender, born), unit_id=unit.pk,
                        gender=gender, birth_year=born, title=title, affiliation=affiliation, note="",
                        phone="", id_number="")
        if rng.random() < 0.8:
            person.phone = rng.choice(("09", "08", "03", "07")) + f"{rng.randrange(10**8):08d}"
        if rng.random() < 0.7:
            # Citizen ID: province of birth (3 digits), century and gender, year (2), serial (6): unique by construction.
            century = (0 if born < 2000 else 2) + (1 if gender == "F" else 0)
            key = f"0{province_code if province_code.isdigit() else '01'}{century}{born % 100:02d}"
            serial = self.id_serials.get(key, 0) + 1
            self.id_serials[key] = serial
            # serial → 6 digits is a bijection (7,919 is prime to 10^6), shifted per key so numbers look varied.
            shift = (int(key) * 104_729 + self.seed) % 1_000_000
            person.id_number = f"{key}{(serial * 7_919 + shift) % 1_000_000:06d}" if serial < 1_000_000 else ""
        person.refresh_derived()
        self.sinks[Person].add(person)
        self.counts.people += 1
        return person

    def _assign(self, person: Person, position: Position, unit: OrgUnit, start: dt.date, end: dt.date | None = None,
                branch_id: int | None = None) -> None:
        self.sinks[Assignment].add(Assignment(pk=self.ids.take(Assignment), person_id=person.pk, position_id=position.pk,
                                              unit_id=unit.pk, branch_id=branch_id, start_date=start, end_date=end,
                                              note=""))
        self.counts.assignments += 1

    def _committee(self, unit: OrgUnit, size: int, province_code: str, names: NameMaker,
                   start_date: dt.date) -> list[_Person]:
        rng = self._rng(f"committee:{unit.path}")
        out = []
        for role in committee_roles(size):
            position = self.positions[role.position]
            aff = rng.choice(texts.AFFILIATIONS) if role.position.startswith("Ủy viên Ủy ban") else ""
            p = self._person(rng, names, unit, role, province_code=province_code, affiliation=aff, title_chance=0.1)
            self._assign(p, position, unit, start_date)
            out.append(_Person(p.pk, unit.pk, position, p.full_name))
        return out

    # -- a province and its communes
    def _province(self, province: OrgUnit, communes: list[OrgUnit]) -> None:
        names = NameMaker.for_province(province.code)
        committee = self._committee(province, self.spec.province_committee, province.code, names, NEW_UNITS_FROM)
        heads: list[_Person] = [committee[0]]  # who the province-wide trainings invite
        area_type = self.types["area"]
        numchild: list[tuple[int, int]] = []
        for commune in communes:
            heads += self._commune(province, commune, names, area_type)
            numchild.append((commune.pk, self.spec.areas_per_commune))
            self._maybe_flush()
        self._province_trainings(province, heads)
        self._articles(province, self._rng(f"articles:{province.path}"), self.spec.province_articles, [])
        self._flush()
        if numchild:
            OrgUnit.objects.filter(pk__in=[pk for pk, _n in numchild]).update(
                numchild=models.F("numchild") + self.spec.areas_per_commune)

    def _commune(self, province: OrgUnit, commune: OrgUnit, names: NameMaker, area_type: UnitType) -> list[_Person]:
        rng = self._rng(f"commune:{commune.code}")
        region = region_of(province.code)
        # Residential areas, appended under the commune (paths computed as unit_bulk_add_children does).
        areas: list[OrgUnit] = []
        for k in range(1, self.spec.areas_per_commune + 1):
            area = OrgUnit(pk=self.ids.take(OrgUnit), unit_type_id=area_type.pk, code="",
                           name=texts.area_name(commune.name, region, k), short_name="", note="",
                           depth=commune.depth + 1, numchild=0, valid_from=None, valid_to=None)
            area.path = OrgUnit._get_path(commune.path, area.depth, commune.numchild + k)
            area.refresh_derived()
            self.sinks[OrgUnit].add(area)
            areas.append(area)
        self.counts.units += len(areas)

        people: list[_Person] = []
        chairs: list[_Person] = []
        for role in committee_roles(self.spec.commune_committee):
            position = self.positions[role.position]
            aff = rng.choice(texts.AFFILIATIONS) if role.position.startswith("Ủy viên Ủy ban") else ""
            p = self._person(rng, names, commune, role, province_code=province.code, affiliation=aff,
                             title_chance=0.05)
            self._assign(p, position, commune, NEW_UNITS_FROM)
            entry = _Person(p.pk, commune.pk, position, p.full_name)
            people.append(entry)
            if role.position == CHU_TICH:
                chairs.append(entry)
        heads: list[_Person] = list(chairs)
        for area in areas:
            branch_ids: dict[str, int] = {}
            for org_code, label in BRANCH_NAMES.items():
                bid = self.ids.take(Branch)
                self.sinks[Branch].add(Branch(pk=bid, organisation_id=self.orgs[org_code].pk, unit_id=area.pk,
                                              name=f"{label} {area.name}", valid_from=None, valid_to=None))
                branch_ids[org_code] = bid
            self.counts.branches += len(branch_ids)
            for role in AREA_ROLES:
                position = self.positions[role.position]
                p = self._person(rng, names, area, role, province_code=province.code)
                start = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
                self._assign(p, position, area, start, branch_id=branch_ids.get(role.branch))
                if rng.random() < self.spec.previous_term_share:
                    old_start = dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
                    old = self.positions[rng.choice(PREVIOUS_TERM_POSITIONS)]
                    self._assign(p, old, area, old_start, end=start - dt.timedelta(days=1))
                entry = _Person(p.pk, area.pk, position, p.full_name)
                people.append(entry)
                if role.position == TRUONG_BAN:
                    heads.append(entry)

        self._commune_events(commune, rng, people)
        self._articles(commune, rng, self.spec.commune_articles, areas)
        return heads

    # -- events
    def _event(self, organiser: OrgUnit, rng: random.Random, spec: texts.EventSpec,
               root_positions: list[tuple[OrgUnit, list[Position], UnitType | None]]) -> Event:
        roots = {root.pk for root, _positions, _type in root_positions}
        assert len(roots) == 1, "one rule root per generated event: it is the event's invited root"
        day = spec.window[0] + dt.timedelta(days=rng.randrange((spec.window[1] - spec.window[0]).days + 1))
        starts = dt.datetime.combine(day, dt.time(rng.choice((7, 8, 13, 14)), rng.choice((0, 30))), tzinfo=VN)
        event = Event(pk=self.ids.take(Event), title=spec.title, event_type_id=self.event_types[spec.type_code].pk,
                      organiser_id=organiser.pk, organiser_label=texts.organiser_label(organiser.name),
                      starts_at=starts, ends_at=starts + dt.timedelta(hours=spec.hours),
                      venue=texts.venue(organiser.name, rng), audience_label=spec.audience, status=spec.status,
                      description="", conclusion="", concluded_by_id=None, concluded_by_label="", article_title="",
                      article_lede="", article_body="", article_source="", created_at=starts - dt.timedelta(days=20),
                      invited_root_id=roots.pop())
        self.sinks[Event].add(event)
        self.counts.events += 1
        for root, positions, unit_type in root_positions:
            rule_id = self.ids.take(AudienceRule)
            self.sinks[AudienceRule].add(AudienceRule(pk=rule_id, event_id=event.pk, root_id=root.pk,
                                                      include_subtree=True, label="",
                                                      unit_type_id=unit_type.pk if unit_type else None))
            for position in positions:
                self.rule_positions.add_row((rule_id, position.pk))
        return event

    def _invite(self, event: Event, rng: random.Random, people: Iterable[_Person], past: bool) -> None:
        sink = self.sinks[Invitation]
        starts = event.starts_at
        created = starts - dt.timedelta(days=14)
        order = sink.attnames
        for p in people:
            pk = self.ids.take(Invitation)
            r = rng.random()
            if past:
                status = (InvitationStatus.CONFIRMED if r < 0.70 else InvitationStatus.DECLINED if r < 0.78
                          else InvitationStatus.INVITED)
                present = rng.random() < {InvitationStatus.CONFIRMED: 0.92, InvitationStatus.DECLINED: 0.03,
                                          InvitationStatus.INVITED: 0.60}[status]
            else:
                status = (InvitationStatus.CONFIRMED if r < 0.40 else InvitationStatus.DECLINED if r < 0.45
                          else InvitationStatus.INVITED)
                present = False
            responded = (starts - dt.timedelta(days=rng.randrange(1, 10), minutes=rng.randrange(600))
                         if status != InvitationStatus.INVITED else None)
            checked = starts + dt.timedelta(minutes=rng.randrange(-40, 15)) if present else None
            values = {"id": pk, "event_id": event.pk, "person_id": p.pk, "code": invitation_code(pk, self.seed),
                      "status": status.value, "source": "rule", "via_unit_id": p.unit_id,
                      "position_label": p.position.name, "position_rank": p.position.rank, "responded_at": responded,
                      "checked_in_at": checked, "checked_in_by_id": None, "created_at": created}
            sink.add_row(tuple(values[a] if a in values else _default(Invitation, a) for a in order))
            self.counts.invitations += 1
            self.counts.present += present

    def _commune_events(self, commune: OrgUnit, rng: random.Random, people: list[_Person]) -> None:
        positions = sorted({p.position.pk: p.position for p in people}.values(), key=lambda p: p.rank)
        for spec in texts.commune_events(commune.name)[: self.spec.commune_events]:
            event = self._event(commune, rng, spec, [(commune, positions, None)])
            self._invite(event, rng, people, past=spec.status in (EventStatus.HELD, EventStatus.REPORTED))

    def _province_trainings(self, province: OrgUnit, heads: list[_Person]) -> None:
        rng = self._rng(f"trainings:{province.path}")
        rules = [(province, [self.positions[TRUONG_BAN]], self.types["area"]),
                 (province, [self.positions[CHU_TICH]], self.types["commune"])]
        for spec in texts.province_trainings(province.name)[: self.spec.province_trainings]:
            event = self._event(province, rng, spec, rules)
            self._invite(event, rng, heads, past=spec.status in (EventStatus.HELD, EventStatus.REPORTED))

    # -- news
    def _articles(self, unit: OrgUnit, rng: random.Random, n: int, areas: list[OrgUnit]) -> None:
        cats = self.categories
        weights = [(cats[s], w) for s, w in texts.CATEGORY_WEIGHTS if s in cats]
        if not weights:
            return
        window_start = dt.datetime(2025, 7, 1, 7, 0, tzinfo=VN)
        window = int((dt.datetime(2026, 11, 20, 18, 0, tzinfo=VN) - window_start).total_seconds())
        source = texts.source_line(unit.name)
        for _i in range(n):
            story = texts.story(rng, unit.name, [a.name for a in areas])
            r = rng.random()
            status = (ArticleStatus.PUBLISHED if r < 0.95 else ArticleStatus.DRAFT if r < 0.98
                      else ArticleStatus.SUBMITTED)
            published = window_start + dt.timedelta(seconds=rng.randrange(window))
            pk = self.ids.take(Article)
            title_folded = texts.fast_fold(story.title)
            article = Article(pk=pk, unit_id=unit.pk, title=story.title,
                              slug=(slugify(title_folded) or "bai-viet")[:200].strip("-"), lede=story.lede,
                              body=story.body_html, cover="", cover_alt="", cover_caption="", source=source,
                              status=status, published_at=published if status == ArticleStatus.PUBLISHED else None,
                              author_id=None, approved_by_id=None, review_note="", origin="",
                              created_at=published - dt.timedelta(hours=rng.randrange(2, 48)), updated_at=published,
                              title_search=title_folded[:255],
                              search_text=texts.fast_fold(" ".join([story.title, story.lede, story.body_text])))
            self.sinks[Article].add(article)
            first = _weighted(rng, weights)
            self.article_categories.add_row((pk, first.pk))
            if rng.random() < 0.2:
                second = _weighted(rng, weights)
                if second.pk != first.pk:
                    self.article_categories.add_row((pk, second.pk))
            self.counts.articles += 1

    # -- logins for the benchmark and for trying the data
    def _accounts(self, root: OrgUnit, provinces: list[OrgUnit], plan: list[tuple[OrgUnit, list[OrgUnit]]]) -> None:
        if not self.password or not plan:
            return
        province, communes = plan[0]
        hashed = make_password(self.password)
        wanted = [
            ("quymo-trunguong", "Cán bộ Trung ương (dữ liệu tổng hợp)", root, [Role.ADMIN]),
            ("quymo-tinh", f"Cán bộ {province.name} (dữ liệu tổng hợp)", province, [Role.STANDING, Role.DATA_ENTRY]),
            ("quymo-xa", f"Cán bộ {communes[0].name} (dữ liệu tổng hợp)", communes[0],
             [Role.STANDING, Role.DATA_ENTRY]),
        ]
        existing = set(User.objects.filter(username__in=[w[0] for w in wanted]).values_list("username", flat=True))
        users = [User(username=u, full_name=n, unit=unit, password=hashed, is_active=True)
                 for u, n, unit, _r in wanted if u not in existing]
        User.objects.bulk_create(users)  # bulk_create: no history rows for generated accounts either
        by_name = {u.username: u for u in User.objects.filter(username__in=[w[0] for w in wanted])}
        grants = [RoleGrant(user=by_name[u], unit=unit, role=role) for u, _n, unit, roles in wanted for role in roles
                  if u not in existing]
        RoleGrant.objects.bulk_create(grants)
        self.counts.users += len(users)

    def _reset_sequences(self) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), [
            OrgUnit, Branch, Person, Assignment, Event, AudienceRule, Invitation, Article,
            AudienceRule.positions.through, Article.categories.through])
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _weighted(rng: random.Random, weights: list[tuple[Any, float]]) -> Any:
    total = sum(w for _c, w in weights)
    x = rng.random() * total
    for item, w in weights:
        x -= w
        if x < 0:
            return item
    return weights[-1][0]


_DEFAULTS: dict[tuple[type[models.Model], str], Any] = {}


def _default(model: type[models.Model], attname: str) -> Any:
    """A field the generator does not know (added to a model later): its default."""
    key = (model, attname)
    if key not in _DEFAULTS:
        f = next(f for f in model._meta.concrete_fields if f.attname == attname)
        _DEFAULTS[key] = f.get_default()
    return _DEFAULTS[key]


BIG_TABLES = (OrgUnit, Branch, Person, Assignment, Event, Invitation, Article)


def analyze() -> None:
    """Planner statistics (and, on PostgreSQL, the visibility map that lets counts use index-only scans)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            for model in (*BIG_TABLES, AudienceRule.positions.through, Article.categories.through):
                cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(model._meta.db_table)}")
        else:
            cursor.execute("ANALYZE")


def generate(scale: str | Spec, *, seed: int = 1, progress: Callable[[str], None] | None = None,
             password: str | None = None) -> Result:
    """Fill the database (which must hold no people yet) with synthetic data at a scale."""
    spec = SCALES[scale] if isinstance(scale, str) else scale
    return Generator(spec, seed, progress, password).run()
