"""Demo petitions of the Thanh Xuân wards in every state, mostly at Phường Phương Liệt: a citizen's
feedback still waiting for its e-mail confirmation, paper petitions just received, screened, routed up to
the city, forwarded to the ward's People's Committee (one overdue), answered, published and closed, a
duplicate merged into its cluster, one withdrawn and one hidden. All names, addresses and texts are
invented; the dates are relative to the day the demo is loaded, so the overdue one stays overdue."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from doanket.core.text import fold
from doanket.orgunits.models import OrgUnit

from . import services
from .models import Channel, DeadlineRule, Kind, Petition, Sector, Status
from .reference import ensure_reference
from .services._common import new_code

NEW_PHUONG_LIET, NEW_THANH_XUAN, NEW_KHUONG_DINH = "00352", "00367", "00364"
MARK = "[demo]"  # in place_text of every demo petition: the loader runs once

# (ward code, days ago received, kind, sector, subject, content, final state)
PETITIONS: list[tuple[str, int, str, str, str, str, str]] = [
    (NEW_PHUONG_LIET, 1, Kind.FEEDBACK, "ha-tang", "Đèn đường ngõ 12 Khương Trung bị hỏng",
     "Đèn chiếu sáng đầu ngõ 12 phố Khương Trung không sáng hơn một tuần, buổi tối người đi bộ rất nguy hiểm.",
     Status.SUBMITTED),
    (NEW_PHUONG_LIET, 3, Kind.FEEDBACK, "moi-truong", "Rác thải tập kết sai giờ ở chợ Khương Mai",
     "Rác được tập kết ra vỉa hè từ 15 giờ, bốc mùi, ảnh hưởng các hộ kinh doanh và người qua lại.",
     Status.SCREENED),
    (NEW_PHUONG_LIET, 5, Kind.FEEDBACK, "moi-truong", "Rác thai tap ket sai gio cho Khuong Mai",
     "Rac tap ket ra via he tu chieu, boc mui, de nghi phuong xu ly.", Status.DUPLICATE),
    (NEW_PHUONG_LIET, 8, Kind.PETITION, "trat-tu-do-thi", "Đề nghị lắp gờ giảm tốc trước trường Tiểu học Phương Liệt",
     "Xe máy đi nhanh qua cổng trường giờ tan học; đề nghị lắp gờ giảm tốc và biển báo khu vực trường học.",
     Status.FORWARDED),
    (NEW_PHUONG_LIET, 28, Kind.FEEDBACK, "ha-tang", "Nắp cống vỡ trên phố Phương Liệt",
     "Nắp cống trước số nhà 45 phố Phương Liệt bị vỡ, nhiều xe máy sa bánh, đã có người ngã.", Status.AWAITING),
    (NEW_PHUONG_LIET, 30, Kind.PETITION, "an-sinh", "Kiến nghị mở thêm lớp học bơi hè cho trẻ em",
     "Mùa hè trẻ em trong khu dân cư không có nơi học bơi an toàn; đề nghị phối hợp mở lớp tại bể bơi quận cũ.",
     Status.ANSWERED),
    (NEW_PHUONG_LIET, 45, Kind.FEEDBACK, "ha-tang", "Cây xanh gãy cành trên phố Trường Chinh",
     "Sau cơn mưa lớn, cành cây xanh trước ngõ 250 Trường Chinh gãy treo lơ lửng, nguy cơ rơi xuống đường.",
     Status.PUBLISHED),
    (NEW_PHUONG_LIET, 60, Kind.FEEDBACK, "trat-tu-do-thi", "Lấn chiếm vỉa hè bán hàng ở ngõ 40",
     "Các hộ kinh doanh lấn chiếm toàn bộ vỉa hè, người đi bộ phải đi xuống lòng đường.", Status.CLOSED),
    (NEW_PHUONG_LIET, 12, Kind.COMPLAINT, "dat-dai", "Khiếu nại việc cấp phép xây dựng nhà số 17",
     "Công trình xây dựng nhà số 17 lấn sang phần đất chung của ngõ; đề nghị kiểm tra giấy phép.", Status.ROUTED),
    (NEW_PHUONG_LIET, 6, Kind.FEEDBACK, "an-ninh", "Tụ tập gây ồn ào ban đêm ở vườn hoa",
     "Nhóm thanh niên tụ tập đến 1–2 giờ sáng ở vườn hoa, gây ồn ào mất trật tự.", Status.NEEDS_INFO),
    (NEW_PHUONG_LIET, 20, Kind.FEEDBACK, "khac", "Xin rút phản ánh về tiếng ồn công trình",
     "Công trình đã thay đổi giờ thi công, tôi xin rút phản ánh trước đây.", Status.WITHDRAWN),
    (NEW_PHUONG_LIET, 4, Kind.FEEDBACK, "khac", "Quảng cáo dịch vụ vay tiền nhanh",
     "Nội dung quảng cáo không liên quan, gửi hàng loạt.", Status.HIDDEN),
    (NEW_PHUONG_LIET, 9, Kind.FEEDBACK, "moi-truong", "Mùi hôi từ kênh thoát nước sau khu tập thể",
     "Kênh thoát nước sau khu tập thể bốc mùi hôi nồng nặc, đề nghị nạo vét.", Status.OUT_OF_SCOPE),
    (NEW_PHUONG_LIET, 60, Kind.PETITION, "trat-tu-do-thi", "Đề nghị sơn lại vạch qua đường trước chợ",
     "Vạch sơn qua đường trước chợ Phương Liệt đã mờ hết, người già qua đường rất khó khăn.", Status.ESCALATED),
    (NEW_THANH_XUAN, 9, Kind.FEEDBACK, "moi-truong", "Mùi hôi từ kênh thoát nước Thanh Xuân Bắc",
     "Kênh thoát nước sau khu tập thể bốc mùi hôi nồng nặc, đề nghị nạo vét.", Status.SUBMITTED),
    (NEW_KHUONG_DINH, 2, Kind.PETITION, "hanh-chinh", "Kiến nghị bố trí thêm giờ tiếp công dân buổi tối",
     "Người đi làm không thể đến phường trong giờ hành chính; đề nghị có buổi tiếp công dân tối thứ Năm.",
     Status.SUBMITTED),
]


def _ward(code: str) -> OrgUnit | None:
    return OrgUnit.objects.filter(unit_type__code="commune", code=code, valid_to__isnull=True).first()


def _advance(petition: Petition, target: str, received: dt.date, actor: Any) -> None:  # noqa: C901 — walks one demo petition through the lifecycle up to its target state, one branch per state
    today = timezone.localdate()
    if target in (Status.SUBMITTED, Status.ESCALATED):  # the overdue run escalates the latter
        return
    if target in (Status.HIDDEN, Status.WITHDRAWN):
        act = services.petition_hide if target == Status.HIDDEN else services.petition_withdraw
        act(actor=actor, petition=petition, note="Theo đề nghị" if target == Status.WITHDRAWN else "Quảng cáo, spam")
        return
    if target in (Status.OUT_OF_SCOPE, Status.NEEDS_INFO):
        services.petition_screen(actor=actor, petition=petition, outcome=target,
                                 note="Thuộc thẩm quyền Công ty thoát nước Hà Nội" if target == Status.OUT_OF_SCOPE
                                 else "Xin cho biết vườn hoa cụ thể và khung giờ.")
        return
    if target == Status.DUPLICATE:
        head = Petition.objects.filter(subject="Rác thải tập kết sai giờ ở chợ Khương Mai").first()
        services.petition_screen(actor=actor, petition=petition, outcome=Status.DUPLICATE, duplicate_of=head)
        return
    services.petition_screen(actor=actor, petition=petition, outcome=Status.SCREENED)
    if target == Status.SCREENED:
        return
    if target == Status.ROUTED:
        parent = OrgUnit.objects.get(path=petition.unit.path[:-OrgUnit.steplen])
        services.petition_route(actor=actor, petition=petition, unit=parent,
                                reason="Khiếu nại về cấp phép xây dựng thuộc thẩm quyền cấp trên")
        return
    forwarded = min(received + dt.timedelta(days=1), today)
    services.petition_forward(actor=actor, petition=petition, authority_name="UBND phường Phương Liệt",
                              authority_address="Số 2 Khương Trung, phường Phương Liệt", forwarded_on=forwarded)
    if target == Status.FORWARDED:
        return
    services.petition_acknowledge(actor=actor, petition=petition)
    if target == Status.AWAITING:
        return
    petition.refresh_from_db()
    answered = min(forwarded + dt.timedelta(days=10), today)
    services.petition_answer(actor=actor, petition=petition, answer_on=answered,
                             answer_text="UBND phường đã giao Tổ quản lý trật tự đô thị kiểm tra và xử lý; kết quả đã "
                                         "được thông báo tới tổ dân phố.")
    if target == Status.ANSWERED:
        return
    services.petition_publish(actor=actor, petition=petition,
                              public_answer="UBND phường Phương Liệt đã kiểm tra và xử lý dứt điểm nội dung phản ánh.")
    if target == Status.CLOSED:
        services.petition_close(actor=actor, petition=petition)


@transaction.atomic
def load_petitions_demo(*, actor: Any = None, out: Callable[[str], Any] | None = print) -> int:
    """Create the demo petitions once (a second run changes nothing). Returns how many were created."""
    ensure_reference(Sector, DeadlineRule)
    if Petition.objects.filter(place_text__contains=MARK).exists():
        return 0
    sectors = {s.code: s for s in Sector.objects.all()}
    today = timezone.localdate()
    created = 0
    for code, days_ago, kind, sector, subject, content, target in PETITIONS:
        ward = _ward(code)
        if ward is None:
            continue
        received = today - dt.timedelta(days=days_ago)
        petition = services.petition_intake(
            actor=actor, unit=ward, subject=subject, content=content, kind=kind, sector=sectors[sector],
            channel=Channel.PAPER if days_ago % 2 else Channel.HOTLINE, received_on=received,
            contact_name="Nguyễn Văn Minh", contact_phone="0912000111", contact_email="nguoidan@example.vn",
            place_text=f"{ward.name} {MARK}")
        _advance(petition, target, received, actor)
        created += 1
    # One filed online that still waits for its author's e-mail confirmation (no inbox shows it).
    ward = _ward(NEW_PHUONG_LIET)
    if ward is not None:
        Petition.objects.create(
            code=new_code(), kind=Kind.FEEDBACK, subject="Ổ gà lớn trên đường Giải Phóng",
            content="Ổ gà sâu trước số 300 Giải Phóng, trời mưa đọng nước không nhìn thấy.", unit=ward,
            search_text=fold("Ổ gà lớn trên đường Giải Phóng Ổ gà sâu trước số 300 Giải Phóng"),
            origin_unit=ward, channel=Channel.ONLINE, contact_email="chuaxacnhan@example.vn",
            place_text=f"phường Khương Mai, quận Thanh Xuân {MARK}", confirm_nonce=secrets.token_hex(16),
            consent_at=timezone.now(), status=Status.PENDING)
        created += 1
    # Marks the petitions the demo's dates made late, and escalates the one long past its deadline.
    services.petitions_mark_overdue()
    if out is not None and created:
        out(f"Phản ánh, kiến nghị trình diễn: {created} (Phường Phương Liệt và các phường lân cận).")
    return created
