"""Poll pages: citizens vote once on the public page; staff set up, print codes, enter tallies, export."""

import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from doanket.polls import services
from doanket.polls.models import Ballot, TallySheet


def _vote(client, poll, options, code=""):
    data = {f"option-{o.group_id}": o.pk for o in options}
    if code:
        data["code"] = code
    return client.post(reverse("polls_public:detail", args=[poll.pk]), data, follow=True).content.decode()


@pytest.mark.django_db
def test_citizen_votes_once_with_a_code_and_is_refused_the_second_time(client, poll, codes):
    html = client.get(reverse("polls_public:detail", args=[poll.pk])).content.decode()
    assert "Phiếu bình chọn" in html and "Gạo thơm" in html and 'name="code"' in html
    html = _vote(client, poll, [poll.options.rice, poll.options.fan], code=codes[0])
    assert "Cảm ơn bạn! Phiếu bình chọn của bạn đã được ghi nhận." in html
    html = _vote(client, poll, [poll.options.sauce], code=codes[0])
    assert "Mã phiếu này đã được dùng để bình chọn" in html
    assert Ballot.objects.count() == 1


@pytest.mark.django_db
def test_two_choices_in_one_group_are_counted(client, poll, codes):
    data = {f"option-{poll.options.rice.group_id}": [poll.options.rice.pk, poll.options.sauce.pk], "code": codes[1]}
    client.post(reverse("polls_public:detail", args=[poll.pk]), data)
    assert Ballot.objects.get().choices.count() == 2


@pytest.mark.django_db
def test_citizen_confirms_email_then_votes_once(client, poll):
    page = reverse("polls_public:detail", args=[poll.pk])
    client.post(reverse("polls_public:citizen_start") + f"?next={page}", {"email": "dan@example.vn", "next": page})
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    assert "Xác nhận" in client.get(path).content.decode()  # GET does not spend the link
    resp = client.post(path, {"next": page})
    assert resp.status_code == 302 and resp["Location"] == page
    html = client.get(page).content.decode()
    assert "dan@example.vn" in html
    assert "Cảm ơn bạn" in _vote(client, poll, [poll.options.milk])
    html = client.get(page).content.decode()
    assert "Bạn đã bình chọn trong cuộc bình chọn này" in html and "Gửi phiếu bình chọn" not in html
    assert "Bạn đã bình chọn trong cuộc bình chọn này rồi" in _vote(client, poll, [poll.options.milk])
    assert Ballot.objects.count() == 1
    assert client.get(path).status_code == 404  # the link was used


@pytest.mark.django_db
def test_open_redirects_are_refused(client, poll):
    client.post(reverse("polls_public:citizen_start"), {"email": "a@example.vn", "next": "https://evil.example/"})
    assert "evil.example" not in mail.outbox[0].body


@pytest.mark.django_db
def test_draft_polls_are_not_public(client, tree, staff):
    import datetime as dt

    from django.utils import timezone

    draft = services.poll_create(actor=staff.city, unit=tree.hanoi, title="Bình chọn chưa công bố",
                                 opens_at=timezone.now(), closes_at=timezone.now() + dt.timedelta(days=1))
    for name in ("detail", "results"):
        assert client.get(reverse(f"polls_public:{name}", args=[draft.pk])).status_code == 404
    assert "Bình chọn chưa công bố" not in client.get(reverse("polls_public:list")).content.decode()


@pytest.mark.django_db
def test_results_are_public_once_closed(client, poll, staff, codes):
    services.ballot_cast(poll=poll, option_ids=[poll.options.fan.pk], code=codes[0])
    url = reverse("polls_public:results", args=[poll.pk])
    assert "Kết quả được công bố sau khi kết thúc" in client.get(url).content.decode()
    services.poll_close(actor=staff.city, poll=poll)
    html = client.get(url).content.decode()
    assert "Quạt điện" in html and "<svg" in html and "Phiếu giấy" in html and "Trực tuyến" in html


@pytest.mark.django_db
def test_staff_set_up_a_poll_through_the_pages(client, tree, staff):
    client.force_login(staff.city)
    resp = client.post(reverse("polls:create"), {
        "title": "Bình chọn mới", "unit": tree.hanoi.pk, "opens_at": "01/10/2030 08:00", "closes_at": "31/10/2030 17:00",
        "allow_codes": "on", "allow_accounts": "on",
    })
    assert resp.status_code == 302
    pk = int(resp["Location"].rstrip("/").split("/")[-1])
    client.post(reverse("polls:group_add", args=[pk]), {"name": "Nhóm 1", "max_choices": 2})
    group_id = services.Poll.objects.get(pk=pk).groups.get().pk
    client.post(reverse("polls:option_add", args=[pk]), {"group": group_id, "name": "Lựa chọn A"})
    client.post(reverse("polls:status", args=[pk]), {"action": "open"})
    html = client.get(reverse("polls:detail", args=[pk])).content.decode()
    assert "Đã công bố" in html and "Lựa chọn A" in html and "01/10/2030 08:00" in html


@pytest.mark.django_db
def test_ward_staff_print_codes_and_enter_paper_ballots_of_their_areas(client, poll, tree, staff):
    client.force_login(staff.ward)
    detail = client.get(reverse("polls:detail", args=[poll.pk])).content.decode()
    assert "Khu dân cư số 1 — Phường Khương Mai" in detail and "Phường Nhân Chính" not in detail
    assert "Công bố" not in detail and "Kết thúc bình chọn" not in detail
    resp = client.post(reverse("polls:codes_generate", args=[poll.pk]), {"area": tree.km_area.pk, "count": 3})
    batch_url = resp["Location"]
    slips = client.get(batch_url).content.decode()
    assert len(re.findall(r'<span class="code">[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}</span>', slips)) == 3
    xlsx = client.get(batch_url + "ma-phieu.xlsx")
    assert xlsx["Cache-Control"] == "no-store"  # ballot codes are credentials: no cache may keep the file
    assert xlsx["Content-Disposition"].startswith("attachment;")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Mã phiếu", "Khu dân cư") and len(rows) == 4
    # Another ward's area is refused.
    assert client.post(reverse("polls:codes_generate", args=[poll.pk]), {"area": tree.nc_area.pk, "count": 3}) \
        .status_code == 302
    assert not poll.code_batches.filter(area=tree.nc_area).exists()

    url = reverse("polls:tallies", args=[poll.pk])
    page = client.get(url).content.decode()
    assert "Phường Nhân Chính" not in page
    o = poll.options
    data = {"ballots": 50, f"option_{o.rice.pk}": 30, f"option_{o.fan.pk}": 20}
    assert client.post(f"{url}?khu={tree.km_area.pk}", data).status_code == 302
    assert TallySheet.objects.get(area=tree.km_area).ballots == 50
    bad = client.post(f"{url}?khu={tree.km_area.pk}", {"ballots": 5, f"option_{o.rice.pk}": 9}).content.decode()
    assert "nhiều hơn số phiếu thu về" in bad
    neg = client.post(f"{url}?khu={tree.km_area.pk}", {"ballots": -5}).content.decode()
    assert "lớn hơn hoặc bằng" in neg
    client.post(f"{url}?khu={tree.nc_area.pk}", {"ballots": 5})
    assert not TallySheet.objects.filter(area=tree.nc_area).exists()


@pytest.mark.django_db
def test_results_export_opens_and_is_formula_safe(client, poll, tree, staff):
    services.tally_save(actor=staff.ward, poll=poll, area=tree.km_area, ballots=10, votes={poll.options.fan.pk: 4})
    services.tally_save(actor=staff.other_ward, poll=poll, area=tree.nc_area, ballots=7, votes={poll.options.fan.pk: 7})
    poll.title = "=HYPERLINK(\"http://evil\")"
    poll.save()
    client.force_login(staff.ward)
    resp = client.get(reverse("polls:results_xlsx", args=[poll.pk]))
    assert resp["Cache-Control"] == "no-store"
    wb = load_workbook(io.BytesIO(resp.content))
    results = list(wb["Kết quả"].iter_rows(values_only=True))
    assert ("Đồ gia dụng", "Quạt điện", 0, 11, 11) in results
    title_cell = wb["Kết quả"]["B2"]
    assert title_cell.data_type != "f" and title_cell.value.startswith("=")  # shown as text, never evaluated
    by_area = list(wb["Phiếu giấy theo khu"].iter_rows(values_only=True))
    assert [r[0] for r in by_area[1:]] == ["Khu dân cư số 1"] and by_area[1][4] == 4  # only the ward's own area


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["detail", "edit", "status", "group_add", "option_add", "codes_generate", "tallies",
                                  "results_xlsx"])
def test_a_poll_of_another_ward_is_404(client, tree, staff, name):
    import datetime as dt

    from django.utils import timezone

    theirs = services.poll_create(actor=None, unit=tree.nhan_chinh, title="Bình chọn Nhân Chính",
                                  opens_at=timezone.now(), closes_at=timezone.now() + dt.timedelta(days=1))
    client.force_login(staff.ward_standing)
    url = reverse(f"polls:{name}", args=[theirs.pk])
    assert client.get(url).status_code in (404, 405)
    assert client.post(url).status_code == 404


@pytest.mark.django_db
def test_staff_without_poll_rights_are_refused(client, staff):
    client.force_login(staff.editor)
    assert client.get(reverse("polls:list")).status_code == 403


@pytest.mark.django_db
def test_large_ids_are_not_written_with_thousands_separators(client, tree, staff):
    """Vietnamese number formatting writes 12345 as "12.345": ids in form values must stay plain."""
    import datetime as dt

    from django.utils import timezone

    from doanket.polls.models import Option, OptionGroup

    poll = services.poll_create(actor=None, unit=tree.hanoi, title="Id lớn", opens_at=timezone.now() - dt.timedelta(1),
                                closes_at=timezone.now() + dt.timedelta(1))
    group = OptionGroup.objects.create(pk=54321, poll=poll, name="Nhóm", max_choices=1)
    option = Option.objects.create(pk=123456, group=group, name="Lựa chọn")
    services.poll_open(actor=None, poll=poll)
    batch = services.codes_generate(actor=None, poll=poll, area=tree.km_area, count=1)
    html = client.get(reverse("polls_public:detail", args=[poll.pk])).content.decode()
    assert 'name="option-54321" value="123456"' in html
    _vote(client, poll, [option], code=batch.codes.get().code)
    assert Ballot.objects.filter(poll=poll).count() == 1


@pytest.mark.django_db
def test_public_list_shows_open_and_closed_polls(client, poll):
    html = client.get(reverse("polls_public:list")).content.decode()
    assert "Bình chọn Hàng Việt Nam được yêu thích" in html and "Đang nhận phiếu" in html
