"""How events write people, units and dates: positions held on the day as the press writes them
("UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận"), former posts ("Nguyên Giám đốc …"), unit phrases
("quận Thanh Xuân") and Vietnamese dates ("Chiều ngày 20/9/2022")."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.utils import timezone

from doanket.people.models import Assignment, Person, Position
from doanket.people.selectors import current_assignments_q

# Administrative level words a unit's name starts with; "Quận Thanh Xuân" → "quận".
LEVEL_PREFIXES = ("Thành phố", "Tỉnh", "Quận", "Huyện", "Thị xã", "Thị trấn", "Phường", "Xã", "Đặc khu")
# Positions of a Front committee are written with the level after them: "Chủ tịch Ủy ban MTTQ Việt Nam quận".
COMMITTEE_SUFFIX = "Ủy ban MTTQ Việt Nam"


def level_word(unit_name: str) -> str:
    for prefix in LEVEL_PREFIXES:
        if unit_name.startswith(prefix + " "):
            return prefix.lower()
    return ""


def unit_phrase(unit_name: str) -> str:
    """"Quận Thanh Xuân" → "quận Thanh Xuân" (inside a sentence); other names unchanged."""
    level = level_word(unit_name)
    return level + unit_name[len(level):] if level else unit_name


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym ("MTTQ …")."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def press_position(position: Position, unit_name: str) -> str:
    """A position as the press writes it: its abbreviation when it has one, else its name, with the
    unit's level after a Front committee post."""
    if position.abbreviation:
        return position.abbreviation
    level = level_word(unit_name)
    if level and position.name.endswith(COMMITTEE_SUFFIX):
        return f"{position.name} {level}"
    return position.name


def assignments_on(person_ids: Iterable[int], day: dt.date) -> dict[int, list[Assignment]]:
    """Each person's assignments valid on `day`, by position rank (one query)."""
    qs = (Assignment.objects.filter(person_id__in=list(person_ids)).filter(current_assignments_q(day))
          .select_related("position", "unit").order_by("position__rank", "position__sort_key", "id"))
    out: dict[int, list[Assignment]] = defaultdict(list)
    for a in qs:
        out[a.person_id].append(a)
    return out


def press_label(assignments: list[Assignment]) -> str:
    """"UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận": the positions of the day, highest first."""
    labels: list[str] = []
    for a in assignments:
        label = press_position(a.position, a.unit.name)
        if label not in labels:
            labels.append(label)
    return ", ".join(labels)


def person_label_on(person: Person, day: dt.date) -> str:
    return press_label(assignments_on([person.pk], day).get(person.pk, []))


def speaker_affiliation(person: Person, day: dt.date) -> str:
    """What a speaker is on the day: their current posts; else their last post, as a former one
    ("Nguyên Giám đốc …"); else the affiliation written on their record."""
    current = person_label_on(person, day)
    if current:
        return current
    last = (Assignment.objects.filter(person=person, end_date__lt=day).select_related("position", "unit")
            .order_by("-end_date", "position__rank").first())
    if last is not None:
        # The post keeps its capital after "Nguyên", as the press writes it.
        return f"Nguyên {press_position(last.position, last.unit.name)}"
    return person.affiliation


def local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value)


def event_day(starts_at: dt.datetime) -> dt.date:
    """The date of an event in the project's time zone (Asia/Ho_Chi_Minh)."""
    return local(starts_at).date()


def vn_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def vn_datetime(value: dt.datetime) -> str:
    return local(value).strftime("%d/%m/%Y %H:%M")


def press_date(day: dt.date) -> str:
    """"20/9/2022": the press writes day and month without a leading zero."""
    return f"{day.day}/{day.month}/{day.year}"


def part_of_day(value: dt.datetime) -> str:
    """Sáng before noon, chiều until 18:00, tối after."""
    hour = local(value).hour
    if hour < 12:
        return "sáng"
    if hour < 18:
        return "chiều"
    return "tối"


def long_date(day: dt.date) -> str:
    """"ngày 20 tháng 9 năm 2022", as under the national motto of an official document."""
    return f"ngày {day.day} tháng {day.month} năm {day.year}"
