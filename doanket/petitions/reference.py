"""Default sectors and answer deadlines. Written by a data migration and by the demo; operators change
them in the operators' site (/van-hanh/). The deadlines marked "(mặc định)" could not be confirmed from a
primary legal text for the Front's own handling: they are defaults to adjust, and the help text says so."""

from __future__ import annotations

from typing import Any

SECTORS = [
    ("trat-tu-do-thi", "Trật tự đô thị, giao thông"),
    ("ha-tang", "Hạ tầng, chiếu sáng, cấp thoát nước"),
    ("moi-truong", "Môi trường, vệ sinh"),
    ("dat-dai", "Đất đai, xây dựng"),
    ("an-sinh", "An sinh xã hội, y tế, giáo dục"),
    ("an-ninh", "An ninh trật tự"),
    ("hanh-chinh", "Thủ tục hành chính, thái độ cán bộ"),
    ("khac", "Lĩnh vực khác"),
]

# kind -> (working days, legal basis, working days overdue before escalation)
DEADLINES: dict[str, tuple[int, str, int]] = {
    "feedback": (15, "Quy chế tiếp nhận, xử lý phản ánh của Ủy ban MTTQ (mặc định)", 5),
    "petition": (15, "Quy chế tiếp nhận, xử lý kiến nghị của Ủy ban MTTQ (mặc định)", 5),
    "complaint": (30, "Luật Khiếu nại số 02/2011/QH13, Điều 28 (mặc định)", 5),
    "denunciation": (30, "Luật Tố cáo số 25/2018/QH14, Điều 30 (mặc định)", 5),
}


def ensure_reference(sector_model: Any, rule_model: Any) -> None:
    """Create the defaults that are missing; never overwrite what operators changed."""
    for order, (code, name) in enumerate(SECTORS, start=1):
        sector_model.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    for kind, (days, basis, grace) in DEADLINES.items():
        rule_model.objects.get_or_create(kind=kind, defaults={"working_days": days, "legal_basis": basis,
                                                              "escalate_after": grace})
