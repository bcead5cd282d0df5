"""Demo news: the seed article of 23/09/2022 and a dozen other news items of Quận Thanh Xuân and its wards.

The seed article's title, date-time, lede, body, photo caption and source line are the published
article's (typos included). The other items are invented for the demo: plausible activities of the
district's and wards' Front committees in 2022, with no real names except the units'. Photos are
placeholders drawn with Pillow (nothing is downloaded).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from PIL import Image, ImageDraw, ImageFont

from doanket.accounts.models import RoleGrant, User
from doanket.core.permissions import Role
from doanket.core.reach import subtree_q
from doanket.orgunits.models import OrgUnit

from . import services
from .models import Article, Category

VN = dt.timezone(dt.timedelta(hours=7))
DEMO_PASSWORD = "doanket2025"  # noqa: S105 — the demo's public password (as doanket.demo.seed)

SEED_TITLE = "Quận Thanh Xuân: Tổ chức hội nghị tập huấn kỹ năng, nghiệp vụ công tác Mặt trận Tổ quốc năm 2022"
SEED_PUBLISHED = dt.datetime(2022, 9, 23, 16, 15, tzinfo=VN)
SEED_SOURCE = "Ủy ban MTTQ quận Thanh Xuân"
SEED_CAPTION = ("Tiến sỹ Tạ Văn Sỹ - Nguyên Giám đốc Trung tâm Bồi dưỡng cán bộ và Nghiên cứu khoa học MTTQ Việt Nam "
                "tại Hội nghị tập huấn cho cán bộ quận Thanh Xuân")
SEED_ALT = "Báo cáo viên phát biểu trước hội trường hội nghị tập huấn (ảnh minh hoạ)"
SEED_LEDE = ("Chiều ngày 20/9/2022, Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Xuân đã tổ chức hội nghị tập huấn "
             "công tác mặt trận tổ quốc cho cán bộ quận và cơ sở.")
# The article's paragraphs after the lede, as published (the photo comes with its caption as the cover).
SEED_PARAGRAPHS = [
    ("Dự hội nghị có các đồng chí: Khổng Minh Thảo – UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận; Văn Hùng Sơn – Phó "
     "Trưởng Ban Dân vận Quận ủy; Ủy viên Thường trực Ủy ban MTTQ Việt Nam quận và các phường; Trưởng ban công tác "
     "Mặt trận khu dân cư trên địa bàn 11 phường. Tiến sỹ Tạ Văn Sỹ - Nguyên Giám đốc Trung tâm Bồi dưỡng cán bộ và "
     "Nghiên cứu khoa học MTTQ Việt Nam làm báo cáo viên tại hội nghị."),
    ("Hội nghị đã trao đổi những nội dung cơ bản về tổ chức và hoạt động của Mặt trận Tổ quốc Việt Nam: Làm rõ "
     "những vấn đề về tổ chức của MTTQ Việt Nam; mối quan hệ giữa MTTQ Việt Nam với các thành viên trong hệ thống "
     "chính trị và phương thức hoạt động của MTTQ Việt Nam được qu định trong Hiến pháp, Luật Mặt trận, Điều lệ "
     "MTTQ Việt Nam, Cương lĩnh xây dựng đất nước và gần đây nhất là Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII."),
    ("Bên cạnh đó, Hội nghị cũng đã làm rõ những vấn đề thực tiễn tại cơ sở, về chức năng, vai trò quan trọng của "
     "Ban công tác mặt trận khu dân cư như: Chủ trì, thống nhất hành động giữa các chi hội đoàn thể để tổ chức thực "
     "hiện các cuộc vận động, các phong trào thi đua; tập hợp, đoàn kết, vận động nhân dân, chăm lo và bảo vệ lợi "
     "ích chính đáng của nhân dân,…"),
    ("Phát biểu kết luận tại Hội nghị, đồng chí Khổng Minh Thảo – UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận ghi nhận "
     "và đánh giá cao đóng góp của các ban công tác mặt trận cơ sở trong những năm qua đã giúp MTTQ phường nói "
     "riêng và quận Thanh Xuân nói chung thực hiện tốt nhiệm vụ phát huy dân chủ ở cơ sở, tham gia gia xây dựng, "
     "giám sát và bảo vệ chính quyền, tham gia quản lý xã hội, củng cố khối đại đoàn kết toàn dân tộc, góp phần vào "
     "thành tích chung của quận."),
]
SEED_BODY = "\n\n".join(SEED_PARAGRAPHS)

# (unit name under the district, or "" for the district itself; category slug; date-time; title; lede; body)
OTHER_NEWS: list[tuple[str, str, dt.datetime, str, str, str]] = [
    ("Phường Khương Mai", "hoat-dong-mat-tran", dt.datetime(2022, 8, 12, 9, 30, tzinfo=VN),
     "Phường Khương Mai: Kiện toàn Ban công tác Mặt trận các khu dân cư",
     "Ủy ban MTTQ phường Khương Mai đã hướng dẫn các khu dân cư kiện toàn Ban công tác Mặt trận, bảo đảm cơ cấu "
     "đại diện các chi hội đoàn thể.",
     "Các hội nghị được tổ chức dân chủ, đúng hướng dẫn; đại diện các chi hội Phụ nữ, Cựu chiến binh, Chi đoàn thanh "
     "niên và người có uy tín trong khu dân cư tham gia Ban công tác Mặt trận.\n\nỦy ban MTTQ phường đề nghị các Ban "
     "công tác Mặt trận sớm xây dựng chương trình hoạt động, duy trì nền nếp họp định kỳ."),
    ("", "tin-tuc-su-kien", dt.datetime(2022, 10, 5, 15, 0, tzinfo=VN),
     "Quận Thanh Xuân triển khai tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2022",
     "Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Xuân ban hành hướng dẫn tổ chức Ngày hội Đại đoàn kết toàn dân "
     "tộc ở khu dân cư năm 2022.",
     "Ngày hội được tổ chức ở tất cả các khu dân cư trên địa bàn 11 phường, gồm phần lễ ôn lại truyền thống Mặt trận "
     "Tổ quốc Việt Nam và phần hội với các hoạt động văn hoá, thể thao.\n\nCác phường chủ động lồng ghép biểu dương gia "
     "đình văn hoá tiêu biểu, trao quà cho hộ có hoàn cảnh khó khăn."),
    ("Phường Nhân Chính", "tin-tuc-su-kien", dt.datetime(2022, 11, 16, 20, 10, tzinfo=VN),
     "Phường Nhân Chính: Vui Ngày hội Đại đoàn kết ở khu dân cư",
     "Tối 16/11/2022, Ban công tác Mặt trận khu dân cư số 2 phường Nhân Chính tổ chức Ngày hội Đại đoàn kết toàn dân "
     "tộc với sự tham gia của đông đảo nhân dân.",
     "Tại ngày hội, Ban công tác Mặt trận báo cáo kết quả thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn "
     "mới, đô thị văn minh”.\n\nNhân dịp này, khu dân cư trao tặng quà cho các gia đình chính sách và hộ khó khăn."),
    ("Phường Thượng Đình", "dan-chu-phap-luat", dt.datetime(2022, 7, 20, 10, 45, tzinfo=VN),
     "Phường Thượng Đình: Giám sát việc thực hiện dân chủ ở cơ sở",
     "Ủy ban MTTQ phường Thượng Đình tổ chức giám sát việc thực hiện dân chủ ở cơ sở tại một số tổ dân phố.",
     "Đoàn giám sát ghi nhận việc công khai thông tin, lấy ý kiến nhân dân được thực hiện đúng quy định; đồng thời kiến "
     "nghị tăng cường đối thoại giữa chính quyền và nhân dân.\n\nKết quả giám sát được báo cáo Đảng ủy, gửi Ủy ban "
     "nhân dân phường xem xét."),
    ("Phường Hạ Đình", "dan-chu-phap-luat", dt.datetime(2022, 6, 28, 16, 30, tzinfo=VN),
     "Phường Hạ Đình: Hội nghị lấy ý kiến nhân dân về dự thảo văn bản pháp luật",
     "Ủy ban MTTQ phường Hạ Đình phối hợp tổ chức hội nghị lấy ý kiến nhân dân về dự thảo Luật Thực hiện dân chủ ở "
     "cơ sở.",
     "Các ý kiến tập trung vào việc công khai thông tin, trách nhiệm giải trình và vai trò của Ban thanh tra nhân "
     "dân.\n\nỦy ban MTTQ phường tổng hợp, gửi ý kiến lên Ủy ban MTTQ Việt Nam quận Thanh Xuân."),
    ("Phường Khương Trung", "cuoc-van-dong", dt.datetime(2022, 9, 10, 8, 0, tzinfo=VN),
     "Phường Khương Trung: Hưởng ứng Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”",
     "Các khu dân cư phường Khương Trung ra quân tổng vệ sinh môi trường, chỉnh trang ngõ phố.",
     "Hơn 300 lượt người dân, đoàn viên, hội viên tham gia thu gom rác thải, trồng cây xanh tại các ngõ.\n\nBan công "
     "tác Mặt trận các khu dân cư duy trì hoạt động này vào sáng chủ nhật cuối tháng."),
    ("Phường Thanh Xuân Trung", "cuoc-van-dong", dt.datetime(2022, 9, 28, 14, 20, tzinfo=VN),
     "Phường Thanh Xuân Trung: Trao kinh phí hỗ trợ sửa chữa nhà cho hộ khó khăn",
     "Từ Quỹ “Vì người nghèo”, Ủy ban MTTQ phường Thanh Xuân Trung trao kinh phí hỗ trợ sửa chữa nhà cho hộ có hoàn "
     "cảnh khó khăn.",
     "Kinh phí được huy động từ sự đóng góp của cán bộ, nhân dân và các doanh nghiệp trên địa bàn.\n\nỦy ban MTTQ "
     "phường sẽ tiếp tục giám sát việc sử dụng kinh phí đúng mục đích."),
    ("Phường Phương Liệt", "hoat-dong-mat-tran", dt.datetime(2022, 10, 12, 9, 0, tzinfo=VN),
     "Phường Phương Liệt: Hội nghị tập huấn nghiệp vụ cho Ban công tác Mặt trận khu dân cư",
     "Ủy ban MTTQ phường Phương Liệt tổ chức hội nghị tập huấn nghiệp vụ cho các thành viên Ban công tác Mặt trận "
     "khu dân cư.",
     "Hội nghị triển khai nội dung tập huấn của quận Thanh Xuân về kỹ năng tập hợp, vận động nhân dân và ghi chép "
     "sổ sách của Ban công tác Mặt trận.\n\nCác đại biểu trao đổi kinh nghiệm giải quyết kiến nghị của nhân dân "
     "ngay tại khu dân cư."),
    ("Phường Kim Giang", "tin-tuc-su-kien", dt.datetime(2022, 8, 15, 11, 15, tzinfo=VN),
     "Phường Kim Giang: Tuyên truyền phòng, chống sốt xuất huyết tại khu dân cư",
     "Ban công tác Mặt trận các khu dân cư phường Kim Giang phối hợp với trạm y tế tuyên truyền phòng, chống sốt xuất "
     "huyết.",
     "Các tổ dân phố tổ chức ra quân diệt bọ gậy, phát tờ rơi hướng dẫn người dân vệ sinh môi trường.\n\nỦy ban MTTQ "
     "phường đề nghị các chi hội đoàn thể vận động hội viên thực hiện tốt các biện pháp phòng bệnh."),
    ("Phường Thanh Xuân Bắc", "hoat-dong-mat-tran", dt.datetime(2022, 9, 5, 15, 40, tzinfo=VN),
     "Phường Thanh Xuân Bắc: Biểu dương gương điển hình tiên tiến trong công tác Mặt trận",
     "Ủy ban MTTQ phường Thanh Xuân Bắc biểu dương các tập thể, cá nhân tiêu biểu trong công tác Mặt trận giai đoạn "
     "2019–2022.",
     "Các gương điển hình là những Trưởng ban công tác Mặt trận khu dân cư gắn bó với nhân dân, tổ chức tốt các cuộc "
     "vận động.\n\nHội nghị cũng phát động phong trào thi đua chào mừng Đại hội Mặt trận các cấp."),
    ("Phường Khương Đình", "dan-chu-phap-luat", dt.datetime(2022, 10, 20, 9, 20, tzinfo=VN),
     "Phường Khương Đình: Giám sát công tác bảo vệ môi trường tại khu dân cư",
     "Ủy ban MTTQ phường Khương Đình chủ trì, phối hợp với các đoàn thể giám sát công tác thu gom, xử lý rác thải.",
     "Đoàn giám sát kiến nghị tăng tần suất thu gom rác tại các ngõ nhỏ và xử lý nghiêm việc đổ rác không đúng nơi "
     "quy định.\n\nNgười dân được mời tham gia, góp ý trực tiếp với đoàn giám sát."),
    ("Phường Thanh Xuân Nam", "cuoc-van-dong", dt.datetime(2022, 10, 17, 8, 30, tzinfo=VN),
     "Phường Thanh Xuân Nam: Phát động ủng hộ Quỹ “Vì người nghèo” năm 2022",
     "Nhân Ngày Quốc tế xoá đói giảm nghèo 17/10, Ủy ban MTTQ phường Thanh Xuân Nam phát động ủng hộ Quỹ “Vì người "
     "nghèo”.",
     "Cán bộ, đảng viên, hội viên các đoàn thể và nhân dân hưởng ứng tích cực.\n\nKinh phí ủng hộ được công khai tại "
     "trụ sở Ủy ban MTTQ phường và các khu dân cư."),
]

VOTE_TITLE = "Kết quả bình chọn Hàng Việt Nam được người tiêu dùng yêu thích 2020"
VOTE_LEDE = ("Ủy ban MTTQ Việt Nam thành phố Hà Nội công bố kết quả bình chọn Hàng Việt Nam được người tiêu dùng yêu "
             "thích năm 2020, với sự tham gia của người dân qua phiếu trực tuyến và phiếu giấy tại các khu dân cư.")
VOTE_BODY = ("<p>Cuộc bình chọn được tổ chức theo hai hình thức: bình chọn trực tuyến và phát phiếu giấy tại các khu dân "
             "cư, cửa hàng. Kết quả theo từng nhóm sản phẩm, gồm số phiếu trực tuyến và phiếu giấy, được công bố tại "
             '<a href="/binh-chon/">trang Bình chọn</a>.</p><p>Cuộc bình chọn góp phần thực hiện Cuộc vận động '
             "“Người Việt Nam ưu tiên dùng hàng Việt Nam”.</p>")
VOTE_PUBLISHED = dt.datetime(2020, 12, 28, 10, 0, tzinfo=VN)

# A ward editor for the demo: writes; the ward's standing committee ("phuongliet") approves.
DEMO_NEWS_LOGINS: list[tuple[str, str, str]] = [
    ("bientap-phuongliet", DEMO_PASSWORD,
     "Biên tập viên — Phường Phương Liệt (viết, gửi duyệt tin; Ban Thường trực “phuongliet” duyệt và xuất bản)"),
]
_FONTS = ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"]


def placeholder_photo(label: str, *, size: tuple[int, int] = (1200, 675), hue: int = 0) -> io.BytesIO:
    """A drawn stand-in for a press photo: a hall with a lectern, a screen and rows of seats."""
    w, h = size
    img = Image.new("RGB", size, (230, 224, 210))
    d = ImageDraw.Draw(img)
    red = (170 - hue % 40, 25, 35)
    d.rectangle([0, 0, w, int(h * 0.55)], fill=(245, 240, 228))
    d.rectangle([int(w * 0.12), int(h * 0.08), int(w * 0.88), int(h * 0.42)], fill=red)
    d.rectangle([int(w * 0.16), int(h * 0.12), int(w * 0.84), int(h * 0.38)], outline=(242, 201, 76), width=4)
    d.rectangle([int(w * 0.07), int(h * 0.38), int(w * 0.17), int(h * 0.70)], fill=(120, 72, 40))
    d.ellipse([int(w * 0.095), int(h * 0.27), int(w * 0.145), int(h * 0.36)], fill=(60, 45, 35))
    for row in range(4):
        y = int(h * (0.62 + row * 0.09))
        for col in range(12):
            x = int(w * (0.22 + col * 0.062))
            d.ellipse([x, y, x + int(w * 0.035), y + int(h * 0.06)], fill=(40 + row * 12, 40 + row * 10, 50 + row * 8))
    fonts = [p for p in _FONTS if Path(p).exists()]  # DejaVu draws Vietnamese; without it, no text
    if fonts:
        size = max(14, h // 18)
        font = ImageFont.truetype(fonts[0], size=size)
        while size > 14 and d.textlength(label, font=font) > w * 0.62:  # fit inside the banner
            size -= 2
            font = ImageFont.truetype(fonts[0], size=size)
        d.text((w // 2, int(h * 0.25)), label, fill=(255, 255, 255), font=font, anchor="mm")
        d.text((w - 16, h - 12), "Ảnh minh hoạ", fill=(40, 40, 40), font=ImageFont.truetype(fonts[-1], h // 30),
               anchor="rd")
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=85)
    out.seek(0)
    out.name = "anh.jpg"
    return out


@dataclass
class NewsDemo:
    created: int
    seed: Article | None


def _district() -> OrgUnit | None:
    return OrgUnit.objects.filter(unit_type__code="district", code="009", name="Quận Thanh Xuân").first()


def _publish(actor: Any, unit: OrgUnit, title: str, *, category: Category, when: dt.datetime, lede: str, body: str,
             source: str = "", photo: tuple[str, str, str] | None = None, hue: int = 0) -> Article:
    cover = {}
    if photo is not None:
        label, alt, caption = photo
        cover = {"cover": placeholder_photo(label, hue=hue), "cover_alt": alt, "cover_caption": caption}
    article = services.article_create(actor=actor, unit=unit, title=title, lede=lede, body=body, categories=[category],
                                      source=source, **cover)
    services.article_submit(actor=actor, article=article)
    return services.article_publish(actor=actor, article=article, published_at=when)


def _demo_editor(unit: OrgUnit | None) -> None:
    if unit is None:
        return
    for username, password, _description in DEMO_NEWS_LOGINS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, full_name="Biên tập viên phường Phương Liệt", unit=unit)
            user.set_password(password)
            user.save()
        RoleGrant.objects.get_or_create(user=user, unit=unit, role=Role.EDITOR)


@transaction.atomic
def load_news_demo(*, actor: Any = None, out: Any = None) -> NewsDemo:
    """Publish the demo news once (again: nothing changes). Needs the demo tree (doanket.demo.seed) or at
    least "Quận Thanh Xuân" (code 009); wards that are missing are skipped."""
    categories = {c.slug: c for c in Category.objects.all()}
    district = _district()
    created = 0
    if district is None or not categories:
        return NewsDemo(created=0, seed=None)
    wards = {u.name: u for u in OrgUnit.objects.filter(subtree_q(district.path), depth=district.depth + 1)}
    existing = set(Article.objects.values_list("title", flat=True))

    seed = Article.objects.filter(title=SEED_TITLE, unit=district).first()
    if seed is None:
        seed = _publish(actor, district, SEED_TITLE, category=categories["hoat-dong-mat-tran"], when=SEED_PUBLISHED,
                        lede=SEED_LEDE, body=SEED_BODY, source=SEED_SOURCE,
                        photo=("Hội nghị tập huấn công tác Mặt trận năm 2022", SEED_ALT, SEED_CAPTION))
        created += 1
    for i, (ward_name, slug, when, title, lede, body) in enumerate(OTHER_NEWS):
        unit = district if not ward_name else wards.get(ward_name)
        if unit is None or title in existing:
            continue
        photo = (title.split(":", 1)[-1].strip()[:48], "Quang cảnh hoạt động (ảnh minh hoạ)", "") if i % 3 == 0 else None
        _publish(actor, unit, title, category=categories[slug], when=when, lede=lede, body=body, photo=photo, hue=i * 7)
        created += 1
    hanoi = OrgUnit.objects.filter(unit_type__code="province", code="01", valid_to__isnull=True).first()
    if hanoi is not None and VOTE_TITLE not in existing:
        _publish(actor, hanoi, VOTE_TITLE, category=categories["binh-chon"], when=VOTE_PUBLISHED, lede=VOTE_LEDE,
                 body=VOTE_BODY, source="Ủy ban MTTQ thành phố Hà Nội")
        created += 1
    _demo_editor(OrgUnit.objects.filter(unit_type__code="commune", code="00352", valid_to__isnull=True).first())
    return NewsDemo(created=created, seed=seed)
