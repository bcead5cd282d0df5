"""The organisation tree: units of the Front at every level, their lineage over time,
and the member organisations' branches attached to them.

The tree is a materialised path (django-treebeard MP_Node): a unit's subtree is every unit
whose `path` starts with its own, one indexed range scan whatever the depth. Units are never
moved or deleted when administrative boundaries change; they get a validity period and
lineage links to their successors, so that old records stay attached to the unit of their
time and still roll up to today's units.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node

from doanket.core.text import fold, normalize_text, sort_key

# The order units are offered in to choose from: top of the tree first, units in force before closed ones,
# Vietnamese name order. The picker index below serves it (selectors.unit_choices, forms.UnitSelect).
PICKER_ORDER = ("depth", "valid_to", "sort_key")

COMMUNE_REFORM = dt.date(2025, 7, 1)  # two-level local government: communes, wards and special zones
AREA_TYPE_CODE = "area"  # residential areas: named only with their commune beside them


class UnitType(models.Model):
    """A configurable level of the tree (central, province, district — historic, commune, area…)."""

    code = models.SlugField(_("mã loại"), max_length=40, unique=True)
    name = models.CharField(_("tên loại"), max_length=120)
    level = models.PositiveSmallIntegerField(_("cấp"), help_text=_("0 = trung ương; số lớn hơn là cấp thấp hơn"))
    is_historic = models.BooleanField(_("chỉ còn trong lịch sử"), default=False)
    # Which types a unit of this type may sit under (a ward under a district or a province, never a central
    # committee under a ward): a unit could otherwise name itself "Trung ương" and publish in that name.
    # Operators add their own types and rules in the admin.
    allowed_parents = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="allowed_children",
                                             verbose_name=_("được đặt dưới loại"))

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("loại đơn vị")
        verbose_name_plural = _("loại đơn vị")

    def __str__(self) -> str:
        return self.name


class OrgUnit(MP_Node):
    """A unit of the Front: the Front committee of a province, commune/ward, or a residential area."""

    steplen = 4  # 36^4 ≈ 1.7 million children per unit: room for any commune's areas

    unit_type = models.ForeignKey(UnitType, on_delete=models.PROTECT, related_name="units", verbose_name=_("loại"))
    code = models.CharField(_("mã"), max_length=32, blank=True, db_index=True,
                            help_text=_("Mã đơn vị hành chính chính thức, nếu có"))
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=120, blank=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    search_text = models.CharField(max_length=255, blank=True, editable=False)
    sort_key = models.CharField(max_length=600, blank=True, editable=False, db_index=True)

    history = HistoricalRecords(excluded_fields=["path", "depth", "numchild", "sort_key", "search_text"])

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        # The unit pickers list the first units in this order (forms.UnitSelect): an index scan with a
        # LIMIT instead of sorting every unit of a national reach.
        indexes = [models.Index(fields=list(PICKER_ORDER), name="orgunit_picker_order")]
        constraints = [
            # Official codes are reused after mergers (new Phường Phương Liệt took 00352 from the
            # old Khương Mai), so a code is unique only among units that are still in force.
            models.UniqueConstraint(
                fields=["unit_type", "code"],
                condition=Q(valid_to__isnull=True) & ~Q(code=""),
                name="orgunit_code_unique_current",
                violation_error_message=_("Mã đơn vị này đang được một đơn vị khác cùng loại sử dụng."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="orgunit_valid_period",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def refresh_derived(self) -> None:
        self.name = normalize_text(self.name)
        self.search_text = fold(self.name)
        self.sort_key = sort_key(self.name)

    def is_current(self, on: dt.date | None = None) -> bool:
        on = on or dt.date.today()
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or self.valid_to >= on)

    @property
    def full_label(self) -> str:
        """The unit and the units above it, up to (not including) the root every unit shares: "Khu dân cư số 1,
        Phường Nhân Chính, Quận Thanh Xuân, Thành phố Hà Nội". Public pages name a unit so, so that a unit of
        the same name elsewhere cannot pass for it. `selectors.with_full_labels` fills many in one query."""
        names = self.__dict__.get("_ancestor_names")
        if names is None:
            step = self.steplen
            paths = [self.path[: step * i] for i in range(2, self.depth)]
            names = list(OrgUnit.objects.filter(path__in=paths).order_by("depth").values_list("name", flat=True))
            self.__dict__["_ancestor_names"] = names
        return ", ".join([self.label, *reversed(names)])

    @property
    def type_label(self) -> str:
        """The unit's type as it was named in the unit's time: special zones (đặc khu) exist only since the
        reform of 1/7/2025, so a commune-level unit that ended before it is "Xã, phường, thị trấn"."""
        if self.unit_type.code == "commune" and self.valid_to is not None and self.valid_to < COMMUNE_REFORM:
            return str(_("Xã, phường, thị trấn"))
        return self.unit_type.name

    @property
    def display_name(self) -> str:
        """The one name a unit is shown by in pickers, lists, exports and documents. Residential areas share
        names ("Khu dân cư số 1" in every ward), so an area carries its commune: "Khu dân cư số 1 — Phường
        Khương Mai". `selectors.with_display_names` fills many in one query; alone it costs one or two."""
        context = self.__dict__.get("_context")
        if context is None:
            context = ""
            if self.unit_type.code == AREA_TYPE_CODE and self.depth > 1:
                parent = OrgUnit.objects.filter(path=self.path[: -self.steplen]).first()
                context = parent.name if parent is not None else ""
            self.__dict__["_context"] = context
        return f"{self.label} — {context}" if context else self.label

    @property
    def label(self) -> str:
        """Name with the years of a unit that no longer exists: "Phường Khương Mai (đến 2025)"."""
        if self.valid_to:
            return f"{self.name} ({_('đến')} {self.valid_to:%d/%m/%Y})"
        return self.name


class LineageKind(models.TextChoices):
    MERGE = "merge", _("Sáp nhập vào")
    RENAME = "rename", _("Đổi tên thành")
    SPLIT = "split", _("Một phần chuyển về")


# Links of these kinds move a whole unit to its successor: its records roll up there,
# and the successor's cadres inherit access to them. A split moves only part of the
# population, so the records stay with the old unit's own tree.
WHOLE_TRANSFER_KINDS = (LineageKind.MERGE, LineageKind.RENAME)


class LineageLink(models.Model):
    """One predecessor → successor step of a merge, rename or split, effective on a date.

    Abolition is a unit's `valid_to` with no successor link.
    """

    predecessor = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="successor_links",
                                    verbose_name=_("đơn vị cũ"))
    successor = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="predecessor_links",
                                  verbose_name=_("đơn vị mới"))
    kind = models.CharField(_("hình thức"), max_length=16, choices=LineageKind.choices)
    effective_date = models.DateField(_("ngày hiệu lực"))
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("biến động đơn vị")
        verbose_name_plural = _("biến động đơn vị")
        ordering = ["effective_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="lineage_unique_pair",
                                    violation_error_message=_("Biến động giữa hai đơn vị này đã được ghi.")),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="lineage_not_self",
                                   violation_error_message=_("Đơn vị không thể sáp nhập vào chính nó.")),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.effective_date:%d/%m/%Y})"


class MemberOrganisation(models.Model):
    """A member organisation of the Front (Hội Liên hiệp Phụ nữ, Đoàn Thanh niên…)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    is_socio_political = models.BooleanField(
        _("tổ chức chính trị - xã hội"), default=False,
        help_text=_("Từ 1/7/2025 trực thuộc Mặt trận (Luật 97/2025/QH15)"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("tổ chức thành viên")
        verbose_name_plural = _("tổ chức thành viên")

    def __str__(self) -> str:
        return self.name


class Branch(models.Model):
    """A member organisation's branch (chi hội, chi đoàn…) at a unit."""

    organisation = models.ForeignKey(MemberOrganisation, on_delete=models.PROTECT, related_name="branches",
                                     verbose_name=_("tổ chức"))
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="branches", verbose_name=_("đơn vị"))
    name = models.CharField(_("tên"), max_length=255)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("chi hội")
        verbose_name_plural = _("chi hội")
        constraints = [models.UniqueConstraint(fields=["unit", "organisation", "name"], name="branch_unique",
                                               violation_error_message=_("Chi hội này đã có ở đơn vị."))]

    def __str__(self) -> str:
        return self.name
