"""The spreadsheet formats, in one place: one workbook per kind, one column per field.

Column headers are part of the file format, not of the interface: they stay in Vietnamese whatever
language the interface is shown in, so that a file exported by one user imports for every other.
Headers are matched after normalisation (NFC, spaces, case), so "mã người" finds "Mã người".

Units are referred to in code columns by their official code when the unit is in force and its code
is unique among units in force; any other unit (a residential area without a code, a unit that no
longer exists, a code shared by two units) is referred to as "#<number>", the number shown by the
export (the unit's internal number).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Kind(StrEnum):
    UNITS = "don-vi"
    PEOPLE = "nguoi"
    ASSIGNMENTS = "chuc-vu"


KIND_LABELS: dict[Kind, Promise] = {
    Kind.UNITS: _("Đơn vị"),
    Kind.PEOPLE: _("Người"),
    Kind.ASSIGNMENTS: _("Chức vụ (phân công)"),
}

# Sheet names are part of the format too (not translated).
SHEET_TITLES: dict[Kind, str] = {Kind.UNITS: "Đơn vị", Kind.PEOPLE: "Người", Kind.ASSIGNMENTS: "Chức vụ"}
GUIDE_SHEET = "Hướng dẫn"

UNIT_REF_PREFIX = "#"
MASK_CHAR = "*"
DATE_FORMAT_TEXT = "dd/mm/yyyy"

# Gender as written in the files (fixed Vietnamese, like the headers).
GENDER_TEXT = {"M": "Nam", "F": "Nữ", "O": "Khác"}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    help: Promise
    header_required: bool = False  # the file is refused when this column is missing
    width: int = 18


UNIT_COLUMNS: tuple[Column, ...] = (
    Column("code", "Mã đơn vị", _("Mã đơn vị hành chính chính thức. Đơn vị đang có hiệu lực cùng mã và cùng loại "
                                 "được cập nhật; để trống để tạo đơn vị mới không có mã (khu dân cư). "
                                 "“#<số>” chỉ đúng một đơn vị đã có (như trong tệp xuất); khi đó mã không đổi."),
           header_required=True, width=14),
    Column("name", "Tên đơn vị", _("Bắt buộc."), header_required=True, width=40),
    Column("unit_type", "Loại đơn vị", _("Bắt buộc. Mã loại (province, commune, area…) hoặc tên loại."),
           header_required=True, width=16),
    Column("parent", "Mã đơn vị cấp trên", _("Bắt buộc với đơn vị mới: mã hoặc “#<số>” của đơn vị cấp trên, có thể là "
                                            "đơn vị mới ở một dòng phía trên. Với đơn vị đã có, không dùng để chuyển "
                                            "đơn vị sang cấp trên khác."),
           header_required=True, width=16),
    Column("parent_name", "Tên đơn vị cấp trên",
           _("Chỉ để đọc (khu dân cư kèm phường, xã); không dùng khi nhập."), width=32),
    Column("valid_from", "Hiệu lực từ", _("Ngày dạng dd/mm/yyyy (hoặc ô ngày của Excel).")),
    Column("valid_to", "Hiệu lực đến", _("Ngày dạng dd/mm/yyyy; để trống nếu đơn vị còn hiệu lực.")),
    Column("note", "Ghi chú", _("Tuỳ chọn."), width=30),
)

PEOPLE_COLUMNS: tuple[Column, ...] = (
    Column("pk", "Mã người", _("Số của người trong hệ thống (như trong tệp xuất); để trống để thêm người mới."),
           header_required=True, width=10),
    Column("full_name", "Họ và tên", _("Bắt buộc."), header_required=True, width=28),
    Column("title", "Học hàm, học vị", _("Ví dụ: Tiến sỹ, Thạc sĩ, Phó Giáo sư.")),
    Column("gender", "Giới tính", _("Nam, Nữ hoặc Khác."), width=10),
    Column("birth_year", "Năm sinh", _("Năm, ví dụ 1975."), width=10),
    Column("phone", "Điện thoại", _("Giá trị có dấu * (đã che) được giữ nguyên, không ghi đè số thật."), width=14),
    Column("id_number", "Số định danh cá nhân", _("12 chữ số. Giá trị có dấu * (đã che) được giữ nguyên."),
           width=16),
    Column("unit", "Mã đơn vị quản lý", _("Bắt buộc: mã hoặc “#<số>” của đơn vị quản lý người này."),
           header_required=True, width=16),
    Column("unit_name", "Tên đơn vị quản lý", _("Chỉ để đọc (khu dân cư kèm phường, xã); không dùng khi nhập."), width=36),
    Column("affiliation", "Nơi công tác", _("Cơ quan ngoài hệ thống Mặt trận, nếu có."), width=28),
    Column("note", "Ghi chú", _("Tuỳ chọn."), width=30),
)

ASSIGNMENT_COLUMNS: tuple[Column, ...] = (
    Column("person_pk", "Mã người", _("Số của người (như trong tệp xuất). Cần Mã người hoặc Số định danh cá nhân."),
           width=10),
    Column("id_number", "Số định danh cá nhân", _("Dùng để tìm người khi không có Mã người."), width=16),
    Column("full_name", "Họ và tên", _("Để đối chiếu: nếu có, phải khớp với người được tìm thấy."), width=28),
    Column("position", "Chức vụ", _("Bắt buộc: tên hoặc tên viết tắt của chức vụ (ví dụ UVTT)."),
           header_required=True, width=36),
    Column("unit", "Mã đơn vị", _("Bắt buộc: mã hoặc “#<số>” của đơn vị."), header_required=True, width=14),
    Column("unit_name", "Tên đơn vị", _("Chỉ để đọc (khu dân cư kèm phường, xã); không dùng khi nhập."), width=36),
    Column("start_date", "Từ ngày", _("Ngày dạng dd/mm/yyyy. Cùng người, chức vụ, đơn vị và ngày bắt đầu "
                                      "thì phân công đã có được cập nhật."), header_required=True),
    Column("end_date", "Đến ngày", _("Ngày dạng dd/mm/yyyy; để trống nếu còn đương nhiệm.")),
    Column("note", "Ghi chú", _("Tuỳ chọn."), width=30),
)

COLUMNS: dict[Kind, tuple[Column, ...]] = {
    Kind.UNITS: UNIT_COLUMNS,
    Kind.PEOPLE: PEOPLE_COLUMNS,
    Kind.ASSIGNMENTS: ASSIGNMENT_COLUMNS,
}


def column(kind: Kind, key: str) -> Column:
    for col in COLUMNS[kind]:
        if col.key == key:
            return col
    raise KeyError(key)


def header(kind: Kind, key: str) -> str:
    return column(kind, key).header
