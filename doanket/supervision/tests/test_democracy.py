import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from doanket.supervision import selectors, services
from doanket.supervision.models import ApprovalBase, HouseholdAnswer

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(tree, staff):
    today = dt.date.today()
    return services.consultation_create(actor=staff.standing, area=tree.km_area, opens_on=today, closes_on=today,
                                        question="Đóng góp làm đèn chiếu sáng ngõ 100.000 đồng/hộ?")


@pytest.fixture
def households(tree, staff):
    return [services.household_add(actor=staff.entry, area=tree.km_area, head_name=f"Chủ hộ {i}",
                                   address=f"Số {i} ngõ 12") for i in range(1, 6)]


def test_one_answer_per_household(consultation, households, staff):
    services.answer_record(actor=staff.entry, consultation=consultation, household=households[0], answer="agree")
    with pytest.raises(ValidationError) as exc:
        services.answer_record(actor=staff.entry, consultation=consultation, household=households[0],
                               answer="disagree", channel="online")
    assert "Hộ gia đình này đã cho ý kiến" in " ".join(exc.value.messages)
    assert HouseholdAnswer.objects.get().answer == "agree"


def test_result_against_the_rule(consultation, households, staff):
    for h, a in zip(households[:3], ["agree", "agree", "disagree"], strict=True):
        services.answer_record(actor=staff.entry, consultation=consultation, household=h, answer=a)
    r = selectors.consultation_result(consultation)
    # 3 of 5 households answered (60 % ≥ 50 %); 2 of 5 households agree (40 %, not above 50 %): not approved.
    assert (r.households, r.answers, r.agree, r.quorum_met, r.approved) == (5, 3, 2, True, False)
    consultation.approval_base = ApprovalBase.ANSWERS  # 2 of 3 answers (66.7 %) is above half
    assert selectors.consultation_result(consultation).approved


def test_a_household_of_another_area_and_closed_consultations_are_refused(consultation, tree, staff, make_user):
    stranger = services.household_add(actor=None, area=tree.nc_area, head_name="X", address="Y")
    with pytest.raises(ValidationError) as exc:
        services.answer_record(actor=staff.entry, consultation=consultation, household=stranger, answer="agree")
    assert "không thuộc khu dân cư" in " ".join(exc.value.messages)
    h = services.household_add(actor=staff.entry, area=tree.km_area, head_name="Z", address="W")
    with pytest.raises(ValidationError) as exc:
        services.answer_record(actor=staff.entry, consultation=consultation, household=h, answer="agree",
                               today=dt.date.today() + dt.timedelta(days=1))
    assert "Chỉ ghi nhận ý kiến từ ngày" in " ".join(exc.value.messages)


def test_the_page_refuses_a_second_answer(client, consultation, households, staff):
    client.force_login(staff.entry)
    url = reverse("supervision:answer_record", args=[consultation.pk])
    assert client.post(url, {"household": households[0].pk, "answer": "agree", "channel": "paper"}).status_code == 302
    resp = client.post(url, {"household": households[0].pk, "answer": "disagree", "channel": "online"})
    assert resp.status_code == 200 and "mỗi hộ chỉ một ý kiến" in resp.content.decode()
    body = client.get(reverse("supervision:consultation", args=[consultation.pk])).content.decode()
    assert "1/5" in body
    client.force_login(staff.other)
    assert client.get(reverse("supervision:consultation", args=[consultation.pk])).status_code == 404
