"""Demo polls: Hà Nội's vote "Hàng Việt Nam được người tiêu dùng yêu thích 2020" with results, and an open
poll a visitor can vote in now with the printed demo codes.

Honesty about the 2020 figures: the totals follow the scale of the real vote (131,775 online ballots and
119,389 paper ballots were collected in 2021; 213 products were honoured). Products are named by kind,
not by brand. The online ballots of 2020 are not individual rows here: they are one tally sheet of kind
"online, imported" that names its source. Paper ballots are tally sheets per residential area for the
demo's areas of Quận Thanh Xuân, and one city-wide sheet, also naming its source, for the rest.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from doanket.core.reach import subtree_q
from doanket.orgunits.models import OrgUnit

from . import services
from .models import BallotCode, Option, OptionGroup, Poll, PollStatus, TallyKind

VN = dt.timezone(dt.timedelta(hours=7))
VOTE_2020_TITLE = "Bình chọn Hàng Việt Nam được người tiêu dùng yêu thích 2020"
OPEN_TITLE = "Bình chọn khu dân cư tiêu biểu “Văn minh, đoàn kết”"
# Printed in the demo's output and the README: anyone trying the demo may use them, once each.
DEMO_BALLOT_CODES = ("DEMO-AAAA-2222", "DEMO-BBBB-3333", "DEMO-CCCC-4444")

ONLINE_BALLOTS_2020 = 131_775
PAPER_BALLOTS_2020 = 119_389
CHOICES_PER_GROUP = 3

PRODUCT_GROUPS: list[tuple[str, list[str]]] = [
    ("Thực phẩm chế biến", ["Giò chả truyền thống", "Bánh cốm", "Mì ăn liền", "Xúc xích tiệt trùng", "Chả cá",
                            "Nước mắm truyền thống"]),
    ("Đồ uống", ["Sữa tươi tiệt trùng", "Sữa đậu nành", "Trà xanh đóng chai", "Nước khoáng thiên nhiên",
                 "Cà phê rang xay", "Nước ép trái cây"]),
    ("Nông sản, đặc sản", ["Gạo thơm", "Chè búp khô", "Bưởi Diễn", "Nhãn lồng", "Miến dong", "Mật ong rừng"]),
    ("Hoá mỹ phẩm, tiêu dùng", ["Bột giặt", "Nước rửa chén", "Dầu gội thảo dược", "Kem đánh răng", "Xà phòng thơm",
                                "Giấy vệ sinh"]),
    ("Điện, điện tử gia dụng", ["Quạt điện", "Nồi cơm điện", "Bóng đèn LED", "Bình nóng lạnh", "Dây cáp điện",
                                "Ấm siêu tốc"]),
    ("Dệt may, da giày", ["Áo sơ mi", "Quần áo trẻ em", "Giày thể thao", "Khăn bông", "Chăn ga gối đệm", "Áo len"]),
    ("Thủ công mỹ nghệ", ["Gốm sứ Bát Tràng", "Lụa Vạn Phúc", "Mây tre đan", "Nón lá", "Tranh dân gian",
                          "Đồ gỗ mỹ nghệ"]),
]
OPEN_PROJECTS = ["Tuyến ngõ xanh, sạch, đẹp", "Camera an ninh khu dân cư", "Tủ sách cộng đồng",
                 "Bếp ăn nghĩa tình", "Sân chơi cho thiếu nhi"]


@dataclass
class PollsDemo:
    vote_2020: Poll | None = None
    open_poll: Poll | None = None
    codes: list[str] = field(default_factory=list)


def _spread(rng: random.Random, ballots: int, options: list[Option], max_choices: int) -> dict[int, int]:
    """Votes per option for `ballots` ballots that each chose about 80 % of the allowed choices in the group:
    never more votes for an option than ballots, never more choices than the rule allows."""
    budget = int(ballots * max_choices * rng.uniform(0.7, 0.9))
    weights = [rng.uniform(0.4, 1.6) for _o in options]
    total = sum(weights)
    return {o.pk: min(ballots, round(budget * w / total)) for o, w in zip(options, weights, strict=True)}


def _sheet_votes(rng: random.Random, ballots: int, groups: list[tuple[OptionGroup, list[Option]]]) -> dict[int, int]:
    votes: dict[int, int] = {}
    for group, options in groups:
        votes.update(_spread(rng, ballots, options, group.max_choices))
    return votes


def _vote_2020(actor: Any, hanoi: OrgUnit, rng: random.Random) -> Poll:
    poll = services.poll_create(
        actor=actor, unit=hanoi, title=VOTE_2020_TITLE, opens_at=dt.datetime(2020, 10, 1, 8, 0, tzinfo=VN),
        closes_at=dt.datetime(2020, 12, 15, 17, 0, tzinfo=VN), allow_accounts=True, allow_codes=True,
        description=("Người tiêu dùng Thủ đô bình chọn những sản phẩm hàng Việt Nam mình yêu thích, hưởng ứng Cuộc vận "
                     "động “Người Việt Nam ưu tiên dùng hàng Việt Nam”. Mỗi phiếu chọn tối đa 3 sản phẩm trong mỗi "
                     "nhóm.\n\nDữ liệu trình diễn: sản phẩm được gọi theo loại, không nêu thương hiệu; tổng số phiếu theo "
                     "quy mô của đợt bình chọn thực tế năm 2021 (131.775 phiếu trực tuyến, 119.389 phiếu giấy; 213 sản "
                     "phẩm được tôn vinh)."),
    )
    groups: list[tuple[OptionGroup, list[Option]]] = []
    for i, (name, products) in enumerate(PRODUCT_GROUPS, start=1):
        group = services.group_add(actor=actor, poll=poll, name=name, max_choices=CHOICES_PER_GROUP, order=i)
        options = [services.option_add(actor=actor, group=group, name=p, order=j) for j, p in enumerate(products, 1)]
        groups.append((group, options))
    services.poll_open(actor=actor, poll=poll)
    services.poll_close(actor=actor, poll=poll)  # its window ended in 2020

    services.tally_import(
        actor=actor, poll=poll, kind=TallyKind.ONLINE_IMPORTED, ballots=ONLINE_BALLOTS_2020,
        votes=_sheet_votes(rng, ONLINE_BALLOTS_2020, groups),
        source="Hệ thống bình chọn trực tuyến năm 2020 (tổng hợp theo sản phẩm, nhập một lần)",
    )
    # Paper ballots counted in the residential areas of Quận Thanh Xuân (the areas of 2020), then the rest.
    areas = OrgUnit.objects.filter(subtree_q(hanoi.path), unit_type__code="area", valid_to__isnull=False,
                                   valid_from__isnull=True).order_by("path")
    counted = 0
    for area in areas:
        ballots = rng.randint(180, 420)
        services.tally_save(actor=actor, poll=poll, area=area, ballots=ballots,
                            votes=_sheet_votes(rng, ballots, groups))
        counted += ballots
    rest = PAPER_BALLOTS_2020 - counted
    services.tally_import(actor=actor, poll=poll, kind=TallyKind.PAPER, ballots=rest,
                          votes=_sheet_votes(rng, rest, groups),
                          source="Phiếu giấy của các khu dân cư, cửa hàng khác trên địa bàn thành phố (tổng hợp)")
    return poll


def _open_poll(actor: Any, hanoi: OrgUnit, rng: random.Random) -> tuple[Poll, list[str]]:
    ward = OrgUnit.objects.filter(unit_type__code="commune", code="00367", valid_to__isnull=True).first() or hanoi
    areas = list(OrgUnit.objects.filter(subtree_q(ward.path), unit_type__code="area", valid_to__isnull=True)
                 .order_by("path")[:6])
    if not areas:  # a bare tree: any residential area in force under the city
        areas = list(OrgUnit.objects.filter(subtree_q(hanoi.path), unit_type__code="area").order_by("path")[:6])
        ward = hanoi
    now = timezone.now()
    poll = services.poll_create(
        actor=actor, unit=ward, title=OPEN_TITLE, opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=90), live_results=True,
        description=(f"Người dân {ward.name} bình chọn khu dân cư và công trình, phần việc tiêu biểu trong xây dựng "
                     "khu dân cư văn minh, đoàn kết. Mỗi người (hoặc mỗi mã phiếu) bình chọn một lần."),
    )
    first = services.group_add(actor=actor, poll=poll, name="Khu dân cư tiêu biểu", max_choices=1, order=1)
    names = [a.name for a in areas] or ["Khu dân cư số 1", "Khu dân cư số 2", "Khu dân cư số 3"]
    for j, name in enumerate(dict.fromkeys(names), 1):
        services.option_add(actor=actor, group=first, name=name, order=j)
    second = services.group_add(actor=actor, poll=poll, name="Công trình, phần việc tiêu biểu", max_choices=2, order=2)
    for j, name in enumerate(OPEN_PROJECTS, 1):
        services.option_add(actor=actor, group=second, name=name, order=j)
    services.poll_open(actor=actor, poll=poll)
    codes: list[str] = []
    if areas:
        services.codes_generate(actor=actor, poll=poll, area=areas[0], count=len(DEMO_BALLOT_CODES),
                                fixed=DEMO_BALLOT_CODES)
        codes = list(DEMO_BALLOT_CODES)
        # A few ballots already cast, so that the live results show something.
        batch = services.codes_generate(actor=actor, poll=poll, area=areas[-1], count=12)
        options = {g.pk: list(g.options.all()) for g in poll.groups.all()}
        for code in batch.codes.order_by("id"):
            chosen = [rng.choice(options[first.pk]).pk, *(o.pk for o in rng.sample(options[second.pk], 2))]
            services.ballot_cast(poll=poll, option_ids=chosen, code=code.code)
    return poll, codes


@transaction.atomic
def load_polls_demo(*, actor: Any = None, out: Callable[[str], Any] | None = print) -> PollsDemo:
    """Create the demo polls once (again: nothing changes). Needs Hà Nội (code 01) in the tree; the
    paper tallies use the residential areas of the demo's Quận Thanh Xuân when they are there."""
    result = PollsDemo()
    hanoi = OrgUnit.objects.filter(unit_type__code="province", code="01", valid_to__isnull=True).first()
    if hanoi is None:
        return result
    rng = random.Random(2020)
    result.vote_2020 = Poll.objects.filter(title=VOTE_2020_TITLE).first() or _vote_2020(actor, hanoi, rng)
    existing = Poll.objects.filter(title=OPEN_TITLE).exclude(status=PollStatus.DRAFT).first()
    if existing is not None:
        result.open_poll = existing
        result.codes = [c for c in DEMO_BALLOT_CODES
                        if BallotCode.objects.filter(code=services.normalize_code(c), poll=existing).exists()]
    else:
        result.open_poll, result.codes = _open_poll(actor, hanoi, rng)
    if out is not None and result.codes:
        out(f"Mã phiếu bình chọn trình diễn (mỗi mã dùng một lần) — {OPEN_TITLE}: {', '.join(result.codes)}")
    return result
