"""Voting once, and only once; codes; paper tallies within reach; results online + paper."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.http import Http404
from django.utils import timezone

from doanket.polls import selectors, services
from doanket.polls.models import Ballot, BallotCode, Channel, Citizen, PollStatus, TallyKind


@pytest.mark.django_db
def test_a_code_votes_once_then_is_refused_politely(poll, codes):
    o = poll.options
    ballot = services.ballot_cast(poll=poll, option_ids=[o.rice.pk, o.fan.pk], code=codes[0])
    assert ballot.channel == Channel.CODE and ballot.choices.count() == 2
    assert BallotCode.objects.get(code=codes[0]).used_at is not None
    with pytest.raises(ValidationError) as err:
        services.ballot_cast(poll=poll, option_ids=[o.sauce.pk], code=codes[0].lower())
    assert "đã được dùng" in str(err.value)
    assert Ballot.objects.count() == 1


@pytest.mark.django_db
def test_codes_are_typed_loosely_but_must_exist(poll, codes):
    code = codes[1]
    typed = f" {code[:4].lower()}-{code[4:8]} {code[8:]} "
    services.ballot_cast(poll=poll, option_ids=[poll.options.pot.pk], code=typed)
    with pytest.raises(ValidationError) as err:
        services.ballot_cast(poll=poll, option_ids=[poll.options.pot.pk], code="ABCD-EFGH-JKMN")
    assert "không đúng" in str(err.value)


@pytest.mark.django_db
def test_a_code_of_another_poll_is_refused(poll, codes, tree, staff):
    now = timezone.now()
    other = services.poll_create(actor=staff.city, unit=tree.hanoi, title="Cuộc khác", opens_at=now - dt.timedelta(1),
                                 closes_at=now + dt.timedelta(1))
    group = services.group_add(actor=staff.city, poll=other, name="Nhóm")
    option = services.option_add(actor=staff.city, group=group, name="A")
    services.poll_open(actor=staff.city, poll=other)
    with pytest.raises(ValidationError) as err:
        services.ballot_cast(poll=other, option_ids=[option.pk], code=codes[0])
    assert "không dùng cho cuộc bình chọn này" in str(err.value)
    assert not Ballot.objects.exists()


@pytest.mark.django_db
def test_a_citizen_votes_once(poll, citizen):
    services.ballot_cast(poll=poll, option_ids=[poll.options.milk.pk], citizen=citizen)
    with pytest.raises(ValidationError) as err:
        services.ballot_cast(poll=poll, option_ids=[poll.options.milk.pk], citizen=citizen)
    assert "Bạn đã bình chọn trong cuộc bình chọn này rồi" in str(err.value)
    assert selectors.has_voted(poll, citizen)


@pytest.mark.django_db
def test_an_unconfirmed_citizen_cannot_vote(poll):
    citizen = Citizen.objects.create(email="chua@example.vn")
    with pytest.raises(ValidationError):
        services.ballot_cast(poll=poll, option_ids=[poll.options.milk.pk], citizen=citizen)


@pytest.mark.django_db
def test_the_database_refuses_a_second_ballot_even_without_the_checks(poll, citizen, codes):
    Ballot.objects.create(poll=poll, channel=Channel.ACCOUNT, citizen=citizen)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(poll=poll, channel=Channel.ACCOUNT, citizen=citizen)
    code = BallotCode.objects.get(code=codes[2])
    Ballot.objects.create(poll=poll, channel=Channel.CODE, code=code)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(poll=poll, channel=Channel.CODE, code=code)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(poll=poll, channel=Channel.CODE, citizen=citizen, code=code)


@pytest.mark.django_db
def test_choice_rules_per_group(poll, citizen):
    o = poll.options
    for bad in ([o.rice.pk, o.sauce.pk, o.milk.pk], [o.fan.pk, o.pot.pk], [], [999999]):
        with pytest.raises(ValidationError):
            services.ballot_cast(poll=poll, option_ids=bad, citizen=citizen)
    assert not Ballot.objects.exists()


@pytest.mark.django_db
def test_closed_or_future_polls_take_no_ballots(poll, codes, staff):
    services.poll_close(actor=staff.city, poll=poll)
    with pytest.raises(ValidationError) as err:
        services.ballot_cast(poll=poll, option_ids=[poll.options.fan.pk], code=codes[0])
    assert "không nhận phiếu" in str(err.value)


@pytest.mark.django_db(transaction=True)
def test_concurrent_double_submissions_count_once(reference_data, poll, codes, citizen):
    """Two requests with the same code (and the same citizen) at the same moment: one ballot each, never two."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; the constraint test covers SQLite")
    for kwargs in ({"code": codes[3]}, {"citizen": citizen}):
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def vote(kwargs=kwargs, barrier=barrier, outcomes=outcomes):
            from django.db import connection as thread_connection

            try:
                barrier.wait()
                services.ballot_cast(poll=poll, option_ids=[poll.options.fan.pk], **kwargs)
                outcomes.append("ok")
            except ValidationError:
                outcomes.append("refused")
            finally:
                thread_connection.close()

        threads = [threading.Thread(target=vote) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["ok", "refused"]
    assert Ballot.objects.filter(poll=poll).count() == 2


@pytest.mark.django_db
def test_codes_are_random_and_for_areas_in_reach_only(poll, tree, staff):
    batch = services.codes_generate(actor=staff.ward, poll=poll, area=tree.km_area, count=200)
    values = list(batch.codes.values_list("code", flat=True))
    assert len(set(values)) == 200 and all(len(v) == 12 for v in values)
    assert all(set(v) <= set(services.CODE_ALPHABET) for v in values)
    with pytest.raises(Http404):
        services.codes_generate(actor=staff.ward, poll=poll, area=tree.nc_area, count=5)
    with pytest.raises(ValidationError):
        services.codes_generate(actor=staff.ward, poll=poll, area=tree.khuong_mai, count=5)  # a ward, not an area


@pytest.mark.django_db
def test_paper_tallies_by_area_within_reach(poll, tree, staff):
    o = poll.options
    sheet = services.tally_save(actor=staff.ward, poll=poll, area=tree.km_area, ballots=120,
                                votes={o.rice.pk: 80, o.sauce.pk: 60, o.fan.pk: 70, o.pot.pk: 40})
    assert sheet.kind == TallyKind.PAPER
    # Upsert: entering the same area again corrects it.
    services.tally_save(actor=staff.ward, poll=poll, area=tree.km_area, ballots=121, votes={o.rice.pk: 81})
    sheet.refresh_from_db()
    assert sheet.ballots == 121 and sheet.lines.get(option=o.rice).votes == 81 and sheet.lines.count() == 4
    with pytest.raises(Http404):
        services.tally_save(actor=staff.ward, poll=poll, area=tree.nc_area, ballots=1, votes={})
    with pytest.raises(Http404):
        services.tally_save(actor=staff.editor, poll=poll, area=tree.km_area, ballots=1, votes={})


@pytest.mark.django_db
@pytest.mark.parametrize(("ballots", "votes"), [(-1, {}), (10, {"rice": -1}), (10, {"rice": 11}),
                                                (10, {"fan": 6, "pot": 5})])
def test_paper_tallies_are_validated(poll, tree, staff, ballots, votes):
    o = poll.options
    with pytest.raises(ValidationError):
        services.tally_save(actor=staff.ward, poll=poll, area=tree.km_area, ballots=ballots,
                            votes={getattr(o, k).pk: v for k, v in votes.items()})


@pytest.mark.django_db
def test_results_combine_online_and_paper(poll, tree, staff, codes, citizen):
    o = poll.options
    services.ballot_cast(poll=poll, option_ids=[o.rice.pk, o.sauce.pk, o.fan.pk], code=codes[0])
    services.ballot_cast(poll=poll, option_ids=[o.rice.pk, o.pot.pk], citizen=citizen)
    services.tally_save(actor=staff.ward, poll=poll, area=tree.km_area, ballots=10, votes={o.rice.pk: 3, o.fan.pk: 9})
    services.tally_save(actor=staff.other_ward, poll=poll, area=tree.nc_area, ballots=5, votes={o.sauce.pk: 5})
    services.tally_import(actor=staff.city, poll=poll, kind=TallyKind.ONLINE_IMPORTED, source="Hệ thống cũ", ballots=100,
                          votes={o.milk.pk: 90})
    results = selectors.poll_results(poll)
    assert (results.online_ballots, results.imported_ballots, results.paper_ballots) == (2, 100, 15)
    assert results.total == 117
    food = {r.option.name: (r.online, r.paper, r.total) for r in results.groups[0].options}
    assert food == {"Gạo thơm": (2, 3, 5), "Nước mắm truyền thống": (1, 5, 6), "Sữa tươi": (90, 0, 90)}
    assert [r.option.name for r in results.groups[0].options] == ["Sữa tươi", "Nước mắm truyền thống", "Gạo thơm"]
    assert results.groups[0].options[0].online_width == "100.00"
    assert results.sources == ["Hệ thống cũ"]


@pytest.mark.django_db
def test_setup_is_the_standing_committees(poll, tree, staff):
    with pytest.raises(PermissionDenied):
        services.poll_close(actor=staff.ward, poll=poll)
    with pytest.raises(PermissionDenied):
        services.poll_create(actor=staff.ward, unit=tree.khuong_mai, title="x", opens_at=timezone.now(),
                             closes_at=timezone.now() + dt.timedelta(days=1))
    with pytest.raises(ValidationError):  # published: options are fixed
        services.option_add(actor=staff.city, group=poll.groups.first(), name="Mới")
    services.poll_close(actor=staff.city, poll=poll)
    poll.refresh_from_db()
    assert poll.status == PollStatus.CLOSED and poll.results_public


@pytest.mark.django_db
def test_citizen_confirms_an_email_with_a_one_time_link(db):
    links = []
    services.citizen_request_link(email=" NguoiDan@Example.VN ", full_name="Nguyễn Văn A", link_for=links.append)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nguoidan@example.vn"]
    assert mail.outbox[0].subject == "Xác nhận e-mail để bình chọn"
    token = links[0]
    citizen = services.citizen_confirm(token=token)
    assert citizen.confirmed_at is not None
    with pytest.raises(Http404):  # used once
        services.citizen_confirm(token=token)
    with pytest.raises(Http404):
        services.citizen_from_token(token[:-2] + "xx")
    # No second mail within a minute (a form pressed twice, or someone flooding an inbox).
    services.citizen_request_link(email="nguoidan@example.vn", link_for=links.append)
    services.citizen_request_link(email="nguoidan@example.vn", link_for=links.append)
    assert len(mail.outbox) == 2
