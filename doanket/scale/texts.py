"""Words of the synthetic data: names of residential areas, events, venues, and news stories written
the way the Front's local news pages write them. Invented, with no real person's name."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from doanket.core.text import fold
from doanket.events.models import EventStatus

LEVELS = ("Thành phố", "Tỉnh", "Phường", "Xã", "Đặc khu")


def unit_phrase(name: str) -> str:
    """"Phường Ba Đình" → "phường Ba Đình" inside a sentence."""
    for level in LEVELS:
        if name.startswith(level + " "):
            return level.lower() + name[len(level):]
    return name


def area_name(commune: str, region: str, k: int) -> str:
    if commune.startswith("Phường"):
        return f"Tổ dân phố số {k}"
    if commune.startswith("Đặc khu"):
        return f"Khu dân cư số {k}"
    if region == "south":
        return f"Ấp {k}"
    if region == "mountains":
        return f"Bản {k}" if k % 3 else f"Thôn {k}"
    return f"Thôn {k}"


def organiser_label(unit: str) -> str:
    if unit.startswith("Ủy ban"):
        return f"Ban Thường trực {unit}"
    return f"Ban Thường trực Ủy ban MTTQ Việt Nam {unit_phrase(unit)}"


def source_line(unit: str) -> str:
    if unit.startswith("Ủy ban"):
        return unit
    return f"Ủy ban MTTQ {unit_phrase(unit)}"


def venue(unit: str, rng: random.Random) -> str:
    place = rng.choice(("Hội trường Ủy ban nhân dân", "Hội trường Trung tâm Chính trị", "Nhà văn hóa"))
    return f"{place} {unit_phrase(unit)}"


AFFILIATIONS = [
    "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Hội Cựu chiến binh", "Đoàn Thanh niên", "Công đoàn cơ sở",
    "Hội Người cao tuổi", "Hội Chữ thập đỏ", "Trường Tiểu học", "Trường Trung học cơ sở", "Trạm Y tế",
    "Công an", "Hợp tác xã dịch vụ nông nghiệp", "Hội Khuyến học", "Chi hội Luật gia", "Giáo xứ", "Chùa",
]


@dataclass(frozen=True)
class EventSpec:
    title: str
    type_code: str
    window: tuple[dt.date, dt.date]  # the day is drawn in this window
    hours: int
    status: str
    audience: str


def commune_events(unit: str) -> list[EventSpec]:
    u = unit_phrase(unit)
    return [
        EventSpec(f"Hội nghị Ủy ban MTTQ Việt Nam {u} lần thứ nhất, nhiệm kỳ 2024–2029", "hoi-nghi",
                  (dt.date(2025, 7, 7), dt.date(2025, 7, 31)), 4, EventStatus.REPORTED,
                  f"Ủy viên Ủy ban MTTQ Việt Nam {u} và Ban công tác Mặt trận các khu dân cư"),
        EventSpec(f"Tập huấn nghiệp vụ công tác Mặt trận năm 2025 cho cán bộ {u}", "tap-huan",
                  (dt.date(2025, 9, 8), dt.date(2025, 10, 10)), 8, EventStatus.REPORTED,
                  "cán bộ Mặt trận và Ban công tác Mặt trận khu dân cư"),
        EventSpec(f"Hội nghị tiếp xúc cử tri {u} trước kỳ họp thứ 10, Quốc hội khóa XV", "tiep-xuc-cu-tri",
                  (dt.date(2025, 10, 1), dt.date(2025, 10, 15)), 3, EventStatus.REPORTED, "cử tri và cán bộ cơ sở"),
        EventSpec(f"Ngày hội Đại đoàn kết toàn dân tộc năm 2026 tại {u}", "ngay-hoi-dai-doan-ket",
                  (dt.date(2026, 11, 8), dt.date(2026, 11, 18)), 4, EventStatus.HELD, "nhân dân và cán bộ các khu dân cư"),
        EventSpec(f"Hội nghị tổng kết công tác Mặt trận năm 2026 {u}", "hoi-nghi",
                  (dt.date(2026, 12, 15), dt.date(2026, 12, 28)), 4, EventStatus.OPEN,
                  "cán bộ Mặt trận và Ban công tác Mặt trận khu dân cư"),
    ]


def province_trainings(unit: str) -> list[EventSpec]:
    u = unit_phrase(unit)
    return [
        EventSpec(f"Tập huấn nghiệp vụ cho Trưởng ban công tác Mặt trận khu dân cư {u} năm 2025", "tap-huan",
                  (dt.date(2025, 10, 20), dt.date(2025, 11, 10)), 8, EventStatus.REPORTED,
                  "Trưởng ban công tác Mặt trận khu dân cư và Chủ tịch Ủy ban MTTQ cấp xã"),
        EventSpec(f"Bồi dưỡng kỹ năng vận động quần chúng cho cán bộ Mặt trận cơ sở {u} năm 2026", "tap-huan",
                  (dt.date(2026, 6, 1), dt.date(2026, 6, 30)), 8, EventStatus.HELD,
                  "Trưởng ban công tác Mặt trận khu dân cư và Chủ tịch Ủy ban MTTQ cấp xã"),
    ]


CATEGORY_WEIGHTS = [("hoat-dong-mat-tran", 40), ("tin-tuc-su-kien", 35), ("dan-chu-phap-luat", 10),
                    ("cuoc-van-dong", 15)]

# Titles: {U} the unit as written ("Phường Ba Đình"), {u} inside a sentence, {a} a residential area, {n} a number.
TITLES = [
    "{U}: Tổ chức Ngày hội Đại đoàn kết toàn dân tộc tại {a}",
    "{U} trao {n} suất quà cho hộ nghèo, hộ cận nghèo",
    "{U}: Hội nghị tập huấn kỹ năng, nghiệp vụ công tác Mặt trận cho cán bộ cơ sở",
    "Ủy ban MTTQ Việt Nam {u} giám sát việc thực hiện chính sách an sinh xã hội",
    "{U}: Ra mắt mô hình “Khu dân cư văn minh, an toàn” tại {a}",
    "{U} tổ chức hội nghị lấy ý kiến nhân dân về dự thảo văn bản pháp luật",
    "Ban công tác Mặt trận {a} vận động nhân dân hiến đất mở rộng đường giao thông",
    "{U}: Tiếp nhận {n} triệu đồng ủng hộ Quỹ “Vì người nghèo”",
    "{U} tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân",
    "{U}: Tuyên dương {n} gia đình văn hóa tiêu biểu",
    "Hội nghị phản biện xã hội về quy hoạch sử dụng đất tại {u}",
    "{U} phát động phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”",
    "{U}: Khánh thành nhà Đại đoàn kết cho hộ gia đình khó khăn ở {a}",
    "Ủy ban MTTQ Việt Nam {u} thăm, tặng quà các gia đình chính sách nhân dịp Tết",
    "{U}: Hiệu quả từ cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”",
    "{U} sơ kết công tác Mặt trận 6 tháng đầu năm, triển khai nhiệm vụ trọng tâm",
    "{U}: Tổ hòa giải {a} hòa giải thành {n} vụ việc",
    "{U} ra quân tổng vệ sinh môi trường, hưởng ứng “Ngày Chủ nhật xanh”",
    "{U}: Hội nghị tiếp xúc cử tri với đại biểu Hội đồng nhân dân",
    "Ban Thanh tra nhân dân {u} giám sát công trình xây dựng cơ bản",
    "{U} tổ chức “Ngày hội hiến máu tình nguyện” thu được {n} đơn vị máu",
    "{U}: Trao học bổng cho {n} học sinh nghèo vượt khó",
    "{U} triển khai Luật Mặt trận Tổ quốc Việt Nam sửa đổi đến cán bộ cơ sở",
    "{U}: Vận động nhân dân tham gia bảo đảm an ninh trật tự ở {a}",
]
LEDES = [
    "Sáng ngày {d}/{m}, Ban Thường trực Ủy ban MTTQ Việt Nam {u} đã tổ chức {what}.",
    "Chiều ngày {d}/{m}, tại {a}, Ủy ban MTTQ Việt Nam {u} phối hợp với các tổ chức thành viên tổ chức {what}.",
    "Thực hiện kế hoạch năm, Ban Thường trực Ủy ban MTTQ Việt Nam {u} vừa tổ chức {what}.",
    "Ngày {d}/{m}, Ủy ban MTTQ Việt Nam {u} chủ trì, phối hợp với chính quyền địa phương tổ chức {what}.",
]
WHATS = [
    "chương trình với sự tham gia đông đảo của cán bộ, hội viên và nhân dân",
    "hoạt động hướng tới cộng đồng dân cư trên địa bàn",
    "hội nghị với sự tham dự của đại diện các chi hội, đoàn thể",
    "buổi gặp mặt, trao đổi với Ban công tác Mặt trận các khu dân cư",
]
PARAGRAPHS = [
    "Dự chương trình có đại diện Thường trực Đảng ủy, Hội đồng nhân dân, Ủy ban nhân dân {u}; Ủy viên Ủy ban MTTQ "
    "Việt Nam {u}; Trưởng ban công tác Mặt trận các khu dân cư và đông đảo nhân dân trên địa bàn.",
    "Phát biểu tại buổi lễ, đồng chí Chủ tịch Ủy ban MTTQ Việt Nam {u} nhấn mạnh vai trò của khối đại đoàn kết toàn "
    "dân tộc, đề nghị các tổ chức thành viên tiếp tục phát huy sức mạnh tổng hợp, chăm lo đời sống nhân dân.",
    "Năm qua, Ban công tác Mặt trận {a} đã phối hợp với chi bộ, tổ dân phố và các chi hội vận động nhân dân thực hiện "
    "tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước; {n} hộ gia đình đạt danh hiệu gia đình văn hóa.",
    "Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” được triển khai sâu rộng, thu hút sự "
    "tham gia tích cực của các tầng lớp nhân dân; nhiều mô hình hay, cách làm sáng tạo được nhân rộng.",
    "Thông qua hoạt động giám sát và phản biện xã hội, Ủy ban MTTQ Việt Nam {u} đã tổng hợp, phản ánh kịp thời ý "
    "kiến, kiến nghị của cử tri và nhân dân tới các cơ quan có thẩm quyền xem xét, giải quyết.",
    "Dịp này, Ban Thường trực Ủy ban MTTQ Việt Nam {u} đã trao {n} suất quà, mỗi suất trị giá 500.000 đồng, cho các "
    "hộ gia đình có hoàn cảnh khó khăn, gia đình chính sách trên địa bàn.",
    "Các đại biểu đã thảo luận, đóng góp nhiều ý kiến tâm huyết, thiết thực về công tác vận động quần chúng, xây dựng "
    "khu dân cư an toàn, văn minh, bảo vệ môi trường và giữ gìn an ninh trật tự tại cơ sở.",
    "Quỹ “Vì người nghèo” {u} đã tiếp nhận {n} triệu đồng từ các cơ quan, đơn vị, doanh nghiệp và nhà hảo tâm, góp "
    "phần hỗ trợ xây mới, sửa chữa nhà ở cho hộ nghèo, hộ cận nghèo.",
    "Tại hội nghị, cán bộ Mặt trận cơ sở được trang bị kiến thức về Luật Mặt trận Tổ quốc Việt Nam, Luật Thực hiện "
    "dân chủ ở cơ sở và kỹ năng nắm bắt tình hình tư tưởng của nhân dân.",
    "Kết thúc chương trình, Ủy ban MTTQ Việt Nam {u} biểu dương {n} tập thể, cá nhân có thành tích xuất sắc trong "
    "công tác Mặt trận và phong trào thi đua yêu nước.",
    "Ban Thanh tra nhân dân và Ban Giám sát đầu tư của cộng đồng đã phát huy vai trò, kịp thời phát hiện và kiến "
    "nghị khắc phục những tồn tại, hạn chế trong quá trình triển khai các công trình tại địa phương.",
    "Nhân dân {a} phấn khởi, đồng lòng hưởng ứng; nhiều hộ gia đình đã tự nguyện đóng góp ngày công, kinh phí để "
    "chỉnh trang đường ngõ, lắp đặt hệ thống chiếu sáng và camera an ninh.",
    "Đồng chí Bí thư Chi bộ {a} cho biết, nhờ sự đồng thuận của nhân dân, các phong trào của khu dân cư luôn đạt và "
    "vượt chỉ tiêu đề ra, tình làng nghĩa xóm ngày càng gắn bó.",
    "Thời gian tới, Ủy ban MTTQ Việt Nam {u} sẽ tiếp tục đổi mới nội dung, phương thức hoạt động, hướng mạnh về khu "
    "dân cư, lấy sự hài lòng của nhân dân làm thước đo hiệu quả công tác.",
]


@dataclass(frozen=True)
class Story:
    title: str
    lede: str
    body_html: str
    body_text: str


def story(rng: random.Random, unit: str, areas: list[str]) -> Story:
    u = unit_phrase(unit)
    a = rng.choice(areas) if areas else u
    slots = {"U": unit, "u": u, "a": a, "n": rng.randint(5, 120), "d": rng.randint(1, 28), "m": rng.randint(1, 12),
             "what": rng.choice(WHATS)}
    title = rng.choice(TITLES).format(**slots)
    lede = rng.choice(LEDES).format(**slots)
    chosen = rng.sample(PARAGRAPHS, rng.randint(4, 6))
    paragraphs = []
    for p in chosen:
        slots["n"] = rng.randint(5, 120)
        paragraphs.append(p.format(**slots))
    body_html = "".join(f"<p>{p}</p>" for p in paragraphs)
    return Story(title=title, lede=lede, body_html=body_html, body_text=" ".join(paragraphs))


class _FoldTable(dict):
    """str.translate table: each character to its folded form, computed once by core.text.fold."""

    def __missing__(self, char: int) -> str:
        folded = fold(chr(char)) if not chr(char).isspace() else " "
        self[char] = folded
        return folded


_FOLD = _FoldTable()


def fast_fold(text: str) -> str:
    """core.text.fold for text that is already NFC with single spaces (as everything generated here),
    a character at a time through a cached table: ten times faster on article bodies."""
    return text.translate(_FOLD)
