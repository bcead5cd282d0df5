"""Yearly evaluation: registration, self-assessment, the meeting's quorum and approval shares (the
defaults of the law, configurable), the commune's decision and titles held consecutive years."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from doanket.core.permissions import Role
from doanket.movements import selectors, services
from doanket.movements.models import Household, RegistrationStatus, TitleKind


@pytest.fixture
def ward_standing(tree, make_user):
    return make_user("tt-khuongmai", tree.khuong_mai, Role.STANDING)


def assessed(staff, tree, year, names=("Nguyễn Văn An", "Trần Thị Bình")):
    regs = []
    for name in names:
        household = Household.objects.filter(head_name=name, area=tree.km_area).first() or services.household_add(
            actor=staff.ward, area=tree.km_area, head_name=name)
        reg = services.register(actor=staff.ward, year=year, kind=TitleKind.FAMILY, area=tree.km_area,
                                household=household)
        regs.append(services.self_assess(actor=staff.ward, registration=reg, law_abiding=True, takes_part=True,
                                         prosperous=True))
    return regs


def meet(staff, tree, year, regs, called=50, attended=40, votes=None):
    return services.meeting_record(actor=staff.ward, area=tree.km_area, year=year, held_on=dt.date(year, 12, 5),
                                   called=called, attended=attended, chair="Trưởng ban", secretary="Thư ký",
                                   votes=votes if votes is not None else {r.pk: attended for r in regs})


@pytest.mark.django_db
def test_meeting_below_quorum_cannot_propose_a_title(staff, tree):
    regs = assessed(staff, tree, 2022)
    with pytest.raises(ValidationError) as err:
        meet(staff, tree, 2022, regs, called=50, attended=29)  # 58 % < 60 %
    assert "chưa đủ tỉ lệ tối thiểu 60 %" in str(err.value)
    assert all(r.status == RegistrationStatus.SELF_ASSESSED for r in selectors.area_registrations(tree.km_area, 2022))


@pytest.mark.django_db
def test_approval_share_decides_each_registration(staff, tree):
    a, b = assessed(staff, tree, 2022)
    meeting = meet(staff, tree, 2022, [a, b], called=50, attended=30, votes={a.pk: 18, b.pk: 17})  # 60 % and 56.7 %
    assert meeting.has_quorum and meeting.quorum_percent == 60 and meeting.approval_percent == 60
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.status == RegistrationStatus.APPROVED and b.status == RegistrationStatus.REJECTED


@pytest.mark.django_db
def test_vote_share_over_100_percent_is_refused(staff, tree):
    regs = assessed(staff, tree, 2022)
    with pytest.raises(ValidationError) as err:
        meet(staff, tree, 2022, regs, attended=40, votes={regs[0].pk: 41, regs[1].pk: 3})
    assert "tỉ lệ không thể vượt 100 %" in str(err.value)
    with pytest.raises(ValidationError, match="không thể lớn hơn số người được triệu tập"):
        meet(staff, tree, 2022, regs, called=10, attended=11)


@pytest.mark.django_db
@override_settings(DOANKET_MOVEMENTS_QUORUM_PERCENT=50, DOANKET_MOVEMENTS_APPROVAL_PERCENT=75)
def test_thresholds_are_settings_and_kept_with_the_meeting(staff, tree):
    a, b = assessed(staff, tree, 2022)
    meeting = meet(staff, tree, 2022, [a, b], called=50, attended=26, votes={a.pk: 20, b.pk: 19})
    assert (meeting.quorum_percent, meeting.approval_percent) == (50, 75)
    assert [r.status for r in selectors.area_registrations(tree.km_area, 2022)] == [
        RegistrationStatus.APPROVED, RegistrationStatus.REJECTED]


@pytest.mark.django_db
def test_decision_awards_the_approved_and_finds_consecutive_titles(staff, tree, ward_standing):
    for year in (2020, 2021, 2022):
        a, b = assessed(staff, tree, year)
        meet(staff, tree, year, [a, b], votes={a.pk: 40, b.pk: 40 if year != 2021 else 1})
        decision = services.decision_issue(actor=ward_standing, unit=tree.khuong_mai, year=year,
                                           kind=TitleKind.FAMILY, number=f"1{year}/QĐ-UBND",
                                           signed_on=dt.date(year, 12, 12), signer="Chủ tịch UBND phường")
        assert decision.registrations.count() == (1 if year == 2021 else 2)
    merit = selectors.consecutive_titles(ward_standing, TitleKind.FAMILY, 2022, 3)
    assert [m.holder for m in merit] == ["Nguyễn Văn An"]  # Trần Thị Bình missed 2021
    with pytest.raises(ValidationError, match="Chưa có đăng ký nào"):
        services.decision_issue(actor=ward_standing, unit=tree.khuong_mai, year=2023, kind=TitleKind.FAMILY,
                                number="1/QĐ", signed_on=dt.date(2023, 12, 1), signer="X")
    with pytest.raises(ValidationError, match="đã có quyết định công nhận"):
        assessed(staff, tree, 2022, names=("Lê Văn Cường",))


@pytest.mark.django_db
def test_data_entry_cannot_decide_and_households_are_erasable(staff, tree, ward_standing):
    with pytest.raises(PermissionDenied):
        services.decision_issue(actor=staff.ward, unit=tree.khuong_mai, year=2022, kind=TitleKind.FAMILY,
                                number="1", signed_on=dt.date(2022, 12, 1), signer="X")
    (reg,) = assessed(staff, tree, 2022, names=("Phạm Thị Dung",))
    services.household_erase(actor=ward_standing, household=reg.household)
    reg.household.refresh_from_db()
    assert "Phạm Thị Dung" not in reg.household.head_name
    assert not reg.household.history.filter(head_name="Phạm Thị Dung").exists()


@pytest.mark.django_db
def test_criteria_set_rules_the_meeting_and_is_frozen_once_used(staff, tree):
    cs = services.criteria_set_create(actor=staff.city, province=tree.hanoi, kind=TitleKind.FAMILY, year=2022,
                                      name="Tiêu chí gia đình văn hóa Hà Nội", pass_points=3, quorum_percent=70,
                                      approval_percent=80)
    law = services.criterion_add(actor=staff.city, criteria_set=cs, text="Chấp hành pháp luật", points=2,
                                 required=True)
    env = services.criterion_add(actor=staff.city, criteria_set=cs, text="Giữ gìn vệ sinh môi trường", points=2)
    a_household = services.household_add(actor=staff.ward, area=tree.km_area, head_name="Nguyễn Văn An")
    b_household = services.household_add(actor=staff.ward, area=tree.km_area, head_name="Trần Thị Bình")
    a = services.register(actor=staff.ward, year=2022, kind=TitleKind.FAMILY, area=tree.km_area, household=a_household)
    b = services.register(actor=staff.ward, year=2022, kind=TitleKind.FAMILY, area=tree.km_area, household=b_household)
    assert a.criteria_set == cs
    services.self_assess(actor=staff.ward, registration=a, law_abiding=True, takes_part=True, prosperous=True,
                         marks={law.pk: True, env.pk: True})
    services.self_assess(actor=staff.ward, registration=b, law_abiding=True, takes_part=True, prosperous=True,
                         marks={law.pk: False, env.pk: True})
    assert (a.points, b.points) == (4, 2)
    # Editing the set now would change evaluations made with it.
    with pytest.raises(ValidationError, match="hãy tạo phiên bản mới"):
        services.criterion_add(actor=staff.city, criteria_set=cs, text="Thêm", points=1)
    with pytest.raises(ValidationError, match="hãy tạo phiên bản mới"):
        services.criteria_set_update(actor=staff.city, criteria_set=cs, pass_points=1)
    v2 = services.criteria_set_new_version(actor=staff.city, criteria_set=cs)
    assert v2.version == 2 and v2.criteria.count() == 2
    # The set's 70 % quorum, not the default 60 %.
    with pytest.raises(ValidationError, match="chưa đủ tỉ lệ tối thiểu 70 %"):
        meet(staff, tree, 2022, [a, b], called=50, attended=34, votes={a.pk: 34, b.pk: 34})
    meeting = meet(staff, tree, 2022, [a, b], called=50, attended=40, votes={a.pk: 32, b.pk: 40})
    assert (meeting.quorum_percent, meeting.approval_percent) == (70, 80)
    a.refresh_from_db()
    b.refresh_from_db()
    # a: 80 % in favour and passes; b: unanimous but failed a required criterion.
    assert a.status == RegistrationStatus.APPROVED and b.status == RegistrationStatus.REJECTED


@pytest.mark.django_db
def test_pending_decisions_have_a_deadline_in_working_days(staff, tree, ward_standing):
    a, b = assessed(staff, tree, 2023)
    services.meeting_record(actor=staff.ward, area=tree.km_area, year=2023, held_on=dt.date(2023, 1, 19), called=10,
                            attended=10, chair="Trưởng ban", secretary="Thư ký", votes={a.pk: 10, b.pk: 9})
    (pending,) = selectors.pending_decisions(ward_standing, 2023)
    assert pending.proposed == 2 and pending.due == dt.date(2023, 2, 2)  # Tết 20–26/1 is not counted
    services.decision_issue(actor=ward_standing, unit=tree.khuong_mai, year=2023, kind=TitleKind.FAMILY,
                            number="5/QĐ", signed_on=dt.date(2023, 2, 1), signer="Chủ tịch")
    assert selectors.pending_decisions(ward_standing, 2023) == []
