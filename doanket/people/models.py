"""People, the catalogue of positions, and assignments (who held which position where, when)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from doanket.core.text import fold, name_sort_key, normalize_text, sort_key


class Body(models.TextChoices):
    FRONT = "front", _("Mặt trận Tổ quốc")
    PARTY = "party", _("Đảng")
    STATE = "state", _("Chính quyền")
    MEMBER_ORG = "member_org", _("Tổ chức thành viên")
    OTHER = "other", _("Khác")


class Position(models.Model):
    """A position in the Front or another body ("UVTV" = Ủy viên Ban Thường vụ)."""

    name = models.CharField(_("tên chức vụ"), max_length=255, unique=True)
    abbreviation = models.CharField(_("viết tắt"), max_length=40, blank=True, db_index=True)
    body = models.CharField(_("thuộc"), max_length=20, choices=Body.choices, default=Body.FRONT)
    rank = models.PositiveSmallIntegerField(_("thứ tự"), default=100,
                                            help_text=_("Chức vụ có số nhỏ hơn được liệt kê trước"))
    sort_key = models.CharField(max_length=600, blank=True, editable=False)

    class Meta:
        ordering = ["rank", "sort_key"]
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")

    def __str__(self) -> str:
        return self.name

    def refresh_derived(self) -> None:
        self.name = normalize_text(self.name)
        self.sort_key = sort_key(self.name)


class Gender(models.TextChoices):
    FEMALE = "F", _("Nữ")
    MALE = "M", _("Nam")
    OTHER = "O", _("Khác")


class Person(models.Model):
    """One record per human, whatever the number of organisations they belong to."""

    full_name = models.CharField(_("họ và tên"), max_length=255)
    title = models.CharField(_("học hàm, học vị"), max_length=60, blank=True,
                             help_text=_("Ví dụ: Tiến sỹ, Thạc sĩ, Phó Giáo sư"))
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="people",
                             verbose_name=_("đơn vị quản lý"))
    gender = models.CharField(_("giới tính"), max_length=1, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    # Personal data (Law 91/2025/QH15): optional, masked for users without the right to see it.
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    id_number = models.CharField(_("số định danh cá nhân"), max_length=12, blank=True)
    affiliation = models.CharField(_("nơi công tác"), max_length=255, blank=True,
                                   help_text=_("Cơ quan ngoài hệ thống Mặt trận, nếu có"))
    note = models.TextField(_("ghi chú"), blank=True)
    # Set when the person's personal data was erased (people.services.person_erase): the record stays,
    # anonymised, so that positions held and attendance still count in statistics.
    erased_at = models.DateTimeField(_("xoá dữ liệu cá nhân lúc"), null=True, blank=True, editable=False)
    # Set when a unit entered an ID number that a person outside its reach already holds: the record is kept
    # (the unit is answered exactly as for a new number, so that the form is no oracle of who exists in the
    # country) and held for an administrator who reaches both to merge (see SECURITY.md). Never shown to
    # the unit that entered it.
    held_as_duplicate_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                             editable=False, related_name="held_duplicates",
                                             verbose_name=_("chờ hợp nhất với"))

    search_text = models.CharField(max_length=600, blank=True, editable=False)
    sort_key = models.CharField(max_length=600, blank=True, editable=False, db_index=True)

    history = HistoricalRecords(excluded_fields=["search_text", "sort_key"])

    class Meta:
        verbose_name = _("người")
        verbose_name_plural = _("người")
        # The directory walks people in name order and filters by words and units: with both in the index
        # (PostgreSQL INCLUDE) the walk reads the index, not a table row per person skipped.
        indexes = [models.Index(fields=["sort_key", "id"], include=["unit", "search_text"],
                                name="person_directory_order")]
        ordering = ["sort_key", "id"]
        constraints = [
            # One person per ID number, except records held for a merge (held_as_duplicate_of).
            models.UniqueConstraint(fields=["id_number"], condition=~Q(id_number="") & Q(held_as_duplicate_of=None),
                                    name="person_id_number_unique",
                                    violation_error_message=_("Số định danh cá nhân này đã có trong hệ thống.")),
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | Q(birth_year__gte=1900, birth_year__lte=2100),
                name="person_birth_year_range",
                violation_error_message=_("Năm sinh phải trong khoảng 1900–2100."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def refresh_derived(self) -> None:
        """Normalise the name (NFC) and recompute the search and sort columns."""
        self.full_name = normalize_text(self.full_name)
        self.search_text = fold(self.full_name)
        self.sort_key = name_sort_key(self.full_name)


class Assignment(models.Model):
    """A person holding a position at a unit (optionally in a member organisation's branch) for a term."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("người"))
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="assignments",
                                 verbose_name=_("chức vụ"))
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="assignments",
                             verbose_name=_("đơn vị"))
    branch = models.ForeignKey("orgunits.Branch", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="assignments", verbose_name=_("chi hội"))
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phân công chức vụ")
        verbose_name_plural = _("phân công chức vụ")
        ordering = ["position__rank", "start_date"]
        indexes = [models.Index(fields=["unit", "end_date"]), models.Index(fields=["person", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="assignment_term_order",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
            models.UniqueConstraint(fields=["person", "position", "unit", "start_date"], name="assignment_unique_term",
                                    violation_error_message=_(
                                        "Người này đã được ghi giữ chức vụ này ở đơn vị này từ cùng ngày.")),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.position} — {self.unit}"

    def is_current(self, on: dt.date | None = None) -> bool:
        on = on or dt.date.today()
        return (self.start_date is None or self.start_date <= on) and (self.end_date is None or self.end_date >= on)

    @property
    def position_label(self) -> str:
        """Position as the press writes it: abbreviation when one exists."""
        return self.position.abbreviation or self.position.name


class AccessAction(models.TextChoices):
    VIEW = "view", _("Xem hồ sơ")
    EXPORT = "export", _("Xuất tệp Excel")
    API = "api", _("Truy vấn API")
    ERASE = "erase", _("Xoá dữ liệu cá nhân")


class PersonalDataAccess(models.Model):
    """Who saw unmasked personal data (phone, ID number), of whom, when and how — Law 91/2025/QH15.

    Names are copied so that the log still reads after a person or an account is deleted."""

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    actor = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, related_name="+",
                              verbose_name=_("người xem"))
    actor_name = models.CharField(max_length=255)
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("người được xem"))
    person_name = models.CharField(max_length=255, blank=True)
    # Whose records: the person's managing unit, or for a list/export the unit of the reader.
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    action = models.CharField(_("hình thức"), max_length=10, choices=AccessAction.choices)
    record_count = models.PositiveIntegerField(_("số hồ sơ"), default=1)
    detail = models.CharField(_("chi tiết"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("nhật ký truy cập dữ liệu cá nhân")
        verbose_name_plural = _("nhật ký truy cập dữ liệu cá nhân")
        indexes = [models.Index(fields=["unit", "at"]), models.Index(fields=["at"])]

    def __str__(self) -> str:
        return f"{self.actor_name} → {self.person_name or self.record_count} ({self.at:%d/%m/%Y %H:%M})"
