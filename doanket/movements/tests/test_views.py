"""Pages: launching and rolling out, an area's results on the phone page, the progress table (pinned
query count), bad input shown in Vietnamese, the meeting refused below quorum, the .xlsx export, the API."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from doanket.core.permissions import Role
from doanket.movements import services
from doanket.movements.models import Campaign, Household, Meeting, Result, TitleKind


@pytest.mark.django_db
def test_district_launches_adds_an_indicator_and_rolls_out(client, tree, staff):
    client.force_login(staff.district)
    resp = client.post(reverse("movements:create"), {
        "title": "Ngày hội Đại đoàn kết toàn dân tộc năm 2022", "unit": tree.district.pk, "kind": "festival",
        "starts_on": "01/11/2022", "ends_on": "18/11/2022", "content": ""})
    campaign = Campaign.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("movements:detail", args=[campaign.pk])
    client.post(reverse("movements:indicator_add", args=[campaign.pk]),
                {"name": "Số người tham dự", "kind": "number", "target": "200", "unit": tree.district.pk})
    html = client.post(reverse("movements:adopt", args=[campaign.pk]), {"unit": tree.district.pk},
                       follow=True).content.decode()
    assert "Đã triển khai tới 4 đơn vị." in html
    assert "Số người tham dự" in html and "Phường Nhân Chính" in html


@pytest.mark.django_db
def test_bad_dates_are_told_in_vietnamese(client, tree, staff):
    client.force_login(staff.district)
    html = client.post(reverse("movements:create"), {
        "title": "X", "unit": tree.district.pk, "kind": "campaign", "starts_on": "31/02/2022",
        "ends_on": "01/01/2022"}).content.decode()
    assert "Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy" in html
    assert not Campaign.objects.exists()


@pytest.mark.django_db
def test_area_head_records_results_on_the_phone_page(client, adopted, tree, staff):
    client.force_login(staff.ward)
    url = reverse("movements:area", args=[adopted.pk, tree.km_area.pk])
    html = client.get(url).content.decode()
    assert 'inputmode="numeric"' in html and "Mục tiêu: 10" in html
    resp = client.post(url, {f"i{adopted.sessions.pk}": "11", f"i{adopted.street.pk}": "yes",
                             f"i{adopted.model.pk}": "Ngõ phố xanh"})
    assert resp.status_code == 302
    assert Result.objects.get(indicator=adopted.sessions, area=tree.km_area).value_number == 11
    html = client.post(url, {f"i{adopted.sessions.pk}": "-1"}).content.decode()
    assert "Đảm bảo giá trị này lớn hơn hoặc bằng với 0" in html
    assert Result.objects.get(indicator=adopted.sessions, area=tree.km_area).value_number == 11


@pytest.mark.django_db
def test_other_ward_and_viewer(client, adopted, tree, staff):
    url = reverse("movements:area", args=[adopted.pk, tree.km_area.pk])
    client.force_login(staff.other_ward)
    assert client.get(url).status_code == 404
    client.force_login(staff.viewer)
    assert client.get(url).status_code == 200
    assert client.post(url, {f"i{adopted.sessions.pk}": "3"}).status_code == 403


@pytest.mark.django_db
def test_progress_page_query_count_is_pinned(client, adopted, tree, staff, django_assert_max_num_queries):
    services.results_record(actor=None, campaign=adopted, area=tree.km_area, values={adopted.sessions.pk: 12})
    client.force_login(staff.district)
    with django_assert_max_num_queries(30):
        html = client.get(reverse("movements:detail", args=[adopted.pk])).content.decode()
    assert "Phường Khương Mai" in html and "<progress" in html
    html = client.get(reverse("movements:detail", args=[adopted.pk]) + f"?don-vi={tree.khuong_mai.pk}").content.decode()
    assert reverse("movements:area", args=[adopted.pk, tree.km_area.pk]) in html
    client.force_login(staff.other_ward)
    resp = client.get(reverse("movements:detail", args=[adopted.pk]) + f"?don-vi={tree.khuong_mai.pk}")
    assert resp.status_code == 404


@pytest.mark.django_db
def test_results_export(client, adopted, tree, staff):
    services.results_record(actor=None, campaign=adopted, area=tree.km_area,
                            values={adopted.sessions.pk: 12, adopted.model.pk: "=cmd()"})
    services.results_record(actor=None, campaign=adopted, area=tree.nc_area, values={adopted.sessions.pk: 3})
    client.force_login(staff.ward)  # sees only Khương Mai's rows
    resp = client.get(reverse("movements:results_xlsx", args=[adopted.pk]))
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 2 and {r[4] for r in rows} == {12, "=cmd()"}
    assert ws.cell(row=2, column=1).value == "Khu dân cư"


@pytest.mark.django_db
def test_meeting_page_refuses_below_quorum_then_accepts(client, tree, staff):
    household = services.household_add(actor=staff.ward, area=tree.km_area, head_name="Nguyễn Văn An")
    reg = services.register(actor=staff.ward, year=2022, kind=TitleKind.FAMILY, area=tree.km_area, household=household)
    services.self_assess(actor=staff.ward, registration=reg, law_abiding=True, takes_part=True, prosperous=True)
    client.force_login(staff.ward)
    url = reverse("movements:meeting", args=[tree.km_area.pk]) + "?nam=2022"
    data = {"nam": "2022", "held_on": "05/12/2022", "called": "50", "attended": "20", "method": "hands",
            "chair": "Trưởng ban", "secretary": "Thư ký", f"v{reg.pk}": "20"}
    resp = client.post(url, data)
    assert resp.status_code == 400 and "chưa đủ tỉ lệ tối thiểu 60 %" in resp.content.decode()
    assert not Meeting.objects.exists()
    resp = client.post(url, {**data, "attended": "35", f"v{reg.pk}": "30"})
    assert resp.status_code == 302
    html = client.get(resp["Location"]).content.decode()
    assert "Được họp bình xét đề nghị" in html and "35/50" in html


@pytest.mark.django_db
def test_household_names_are_masked_for_viewers(client, tree, staff):
    household = services.household_add(actor=staff.ward, area=tree.km_area, head_name="Nguyễn Văn An")
    services.register(actor=staff.ward, year=2022, kind=TitleKind.FAMILY, area=tree.km_area, household=household)
    url = reverse("movements:eval_area", args=[tree.km_area.pk]) + "?nam=2022"
    client.force_login(staff.viewer)
    assert "Nguyễn Văn An" not in client.get(url).content.decode()
    client.force_login(staff.ward)
    assert "Nguyễn Văn An" in client.get(url).content.decode()
    assert Household.objects.count() == 1


@pytest.mark.django_db
def test_api_progress_and_results(client, adopted, tree, staff):
    client.force_login(staff.ward)
    url = f"/api/movements/campaigns/{adopted.pk}/areas/{tree.km_area.pk}/results"
    resp = client.put(url, json.dumps({"values": {str(adopted.sessions.pk): 9, str(adopted.street.pk): True}}),
                      content_type="application/json")
    assert resp.status_code == 200, resp.content
    assert {r["indicator_id"]: r["value"] for r in resp.json()}[adopted.sessions.pk] == 9
    bad = client.put(url, json.dumps({"values": {str(adopted.sessions.pk): -2}}), content_type="application/json")
    assert bad.status_code == 400 and "số nguyên không âm" in bad.json()["detail"]
    progress = client.get(f"/api/movements/campaigns/{adopted.pk}/progress").json()
    assert progress["unit_id"] == tree.khuong_mai.pk and progress["total"]["areas"] == 1
    client.force_login(staff.other_ward)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_titles_page(client, tree, staff, make_user):
    user = make_user("tt-khuongmai", tree.khuong_mai, Role.STANDING)
    client.force_login(user)
    html = client.get(reverse("movements:titles") + "?nam=2022").content.decode()
    assert "Bình xét danh hiệu văn hóa năm 2022" in html and "Ban hành quyết định công nhận" in html
    assert dt.date.today().year >= 2022


@pytest.mark.django_db
def test_printable_papers_and_titled_list(client, tree, staff, make_user):
    from docx import Document

    from doanket.movements.models import Registration

    ward = make_user("tt-khuongmai", tree.khuong_mai, Role.STANDING)
    household = services.household_add(actor=staff.ward, area=tree.km_area, head_name="Nguyễn Văn An")
    reg = services.register(actor=staff.ward, year=2022, kind=TitleKind.FAMILY, area=tree.km_area, household=household)
    services.self_assess(actor=staff.ward, registration=reg, law_abiding=True, takes_part=True, prosperous=True)
    services.meeting_record(actor=staff.ward, area=tree.km_area, year=2022, held_on=dt.date(2022, 12, 5), called=50,
                            attended=40, chair="Trưởng ban", secretary="Thư ký", votes={reg.pk: 39})
    decision = services.decision_issue(actor=ward, unit=tree.khuong_mai, year=2022, kind=TitleKind.FAMILY,
                                       number="125/QĐ-UBND", signed_on=dt.date(2022, 12, 12), signer="Lê Văn Chủ")
    assert Registration.objects.get().decision == decision
    client.force_login(ward)

    def text(url):
        resp = client.get(url)
        assert resp.status_code == 200, url
        return "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs) + "\n".join(
            c.text for t in Document(io.BytesIO(resp.content)).tables for row in t.rows for c in row.cells)

    minutes = text(reverse("movements:minutes_docx", args=[tree.km_area.pk]) + "?nam=2022")
    assert "BIÊN BẢN" in minutes and "có mặt: 40 (80,0 %, tối thiểu 60 %)" in minutes and "Nguyễn Văn An" in minutes
    decided = text(reverse("movements:decision_docx", args=[decision.pk]))
    assert "Số: 125/QĐ-UBND" in decided and "Công nhận 1 danh hiệu “Gia đình văn hóa” năm 2022" in decided
    assert "BẢN ĐĂNG KÝ" in text(reverse("movements:registration_docx", args=[reg.pk]))
    ws = load_workbook(io.BytesIO(client.get(reverse("movements:titles_xlsx") + "?nam=2022").content)).active
    assert next(iter(ws.iter_rows(min_row=2, values_only=True)))[:5] == (
        "Gia đình văn hóa", "Nguyễn Văn An", "Khu dân cư số 1", "Phường Khương Mai", "125/QĐ-UBND")
    client.force_login(staff.viewer)  # household names are not for viewers
    assert client.get(reverse("movements:decision_docx", args=[decision.pk])).status_code == 403
    ws = load_workbook(io.BytesIO(client.get(reverse("movements:titles_xlsx") + "?nam=2022").content)).active
    assert "Nguyễn Văn An" not in str(list(ws.iter_rows(values_only=True)))


@pytest.mark.django_db
def test_criteria_set_pages(client, tree, staff):
    client.force_login(staff.city)
    resp = client.post(reverse("movements:criteria_sets"), {
        "province": tree.hanoi.pk, "kind": "family", "year": "2022", "name": "Tiêu chí gia đình văn hóa",
        "pass_points": "0", "quorum_percent": "", "approval_percent": "150"})
    assert "nhỏ hơn hoặc bằng với 100" in resp.content.decode()
    resp = client.post(reverse("movements:criteria_sets"), {
        "province": tree.hanoi.pk, "kind": "family", "year": "2022", "name": "Tiêu chí gia đình văn hóa",
        "pass_points": "0", "quorum_percent": "", "approval_percent": ""})
    from doanket.movements.models import CriteriaSet

    cs = CriteriaSet.objects.get()
    assert resp.status_code == 302 and (cs.quorum_percent, cs.approval_percent) == (60, 60)
    client.post(reverse("movements:criteria_set", args=[cs.pk]), {"text": "Chấp hành pháp luật", "points": "2"})
    household = services.household_add(actor=staff.ward, area=tree.km_area, head_name="Nguyễn Văn An")
    services.register(actor=staff.ward, year=2022, kind=TitleKind.FAMILY, area=tree.km_area, household=household)
    html = client.post(reverse("movements:criteria_set", args=[cs.pk]), {"text": "Mới", "points": "1"}).content.decode()
    assert "hãy tạo phiên bản mới" in html and cs.criteria.count() == 1
    client.force_login(staff.ward)  # wards meet the criteria on the self-assessment, not on the set's page
    assert client.get(reverse("movements:criteria_set", args=[cs.pk])).status_code == 404
    html = client.get(reverse("movements:eval_area", args=[tree.km_area.pk]) + "?nam=2022").content.decode()
    assert "Chấp hành pháp luật (2 điểm)" in html


@pytest.mark.django_db
def test_clear_household_names_are_logged(client, tree, staff):
    from doanket.movements.models import HouseholdAccess

    household = services.household_add(actor=staff.ward, area=tree.km_area, head_name="Nguyễn Văn An")
    services.register(actor=staff.ward, year=2022, kind=TitleKind.FAMILY, area=tree.km_area, household=household)
    url = reverse("movements:eval_area", args=[tree.km_area.pk]) + "?nam=2022"
    client.force_login(staff.viewer)
    client.get(url)
    assert not HouseholdAccess.objects.exists()  # masked: nothing seen
    client.force_login(staff.ward)
    client.get(url)
    access = HouseholdAccess.objects.get()
    assert access.user == staff.ward and access.household == household and "nam=2022" in access.where
