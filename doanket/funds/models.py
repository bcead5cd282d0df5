"""Funds the Front mobilises (Quỹ "Vì người nghèo", relief funds, campaigns) as a ledger that always balances.

Documents — a receipt (phiếu thu / biên nhận), a transfer between levels, a disbursement — each post
`Entry` rows: signed integer đồng on one fund, in cash or in kind. Entries are never edited nor
deleted (a database trigger refuses it); a correction is a reversal entry of the opposite sign that
points at the entry it cancels. A fund keeps its balances as maintained aggregates updated in the
same transaction as the entries, under a lock on the fund row; check constraints hold them equal to
the sum of their parts and non-negative (beyond a configured overdraft), so the database itself
refuses a ledger that does not balance. Receipts are numbered per unit and year from a locked
counter row; the number is unique and, since it is taken inside the receipt's transaction, a
rolled-back receipt gives its number back: no gap, no reuse.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class FundKind(models.TextChoices):
    POOR = "poor", _("Quỹ “Vì người nghèo”")
    RELIEF = "relief", _("Quỹ Cứu trợ")
    CAMPAIGN = "campaign", _("Cuộc vận động ủng hộ")
    OTHER = "other", _("Quỹ khác")


class Form(models.TextChoices):
    CASH = "cash", _("Tiền")
    KIND = "kind", _("Hiện vật (quy ra tiền)")


class Fund(models.Model):
    """A fund of one unit. A relief campaign is a fund with a period: receipts are taken within it."""

    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="funds",
                             verbose_name=_("đơn vị quản lý"))
    kind = models.CharField(_("loại quỹ"), max_length=10, choices=FundKind.choices, default=FundKind.POOR)
    name = models.CharField(_("tên quỹ"), max_length=255)
    call_text = models.TextField(_("lời kêu gọi"), blank=True,
                                 help_text=_("Nội dung lời kêu gọi ủng hộ, được công khai (Nghị định 93/2021, Điều 14)."))
    starts_on = models.DateField(_("nhận ủng hộ từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True,
                               help_text=_("Để trống với quỹ thường xuyên; ghi ngày kết thúc với đợt vận động cứu trợ."))
    receiving_place = models.CharField(_("thời gian, địa điểm, cách thức tiếp nhận"), max_length=500, blank=True)
    is_public = models.BooleanField(_("công khai trên cổng thông tin"), default=True)
    overdraft_limit = models.BigIntegerField(
        _("được chi vượt số dư tối đa (đồng)"), default=0,
        help_text=_("Mặc định 0: không được chi quá số dư. Chỉ đặt khác 0 khi có quyết định cho tạm ứng."))
    # Maintained aggregates (integer đồng), updated with the entries under a lock on this row.
    received_cash = models.BigIntegerField(default=0, editable=False)
    received_kind = models.BigIntegerField(default=0, editable=False)
    transferred_in = models.BigIntegerField(default=0, editable=False)
    transferred_out = models.BigIntegerField(default=0, editable=False)
    disbursed = models.BigIntegerField(default=0, editable=False)
    balance_cash = models.BigIntegerField(default=0, editable=False)
    balance_kind = models.BigIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quỹ")
        verbose_name_plural = _("quỹ")
        ordering = ["-starts_on", "name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=FundKind.values), name="fund_kind_valid"),
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                                   name="fund_period_order",
                                   violation_error_message=_("Ngày kết thúc phải từ ngày bắt đầu trở về sau.")),
            models.CheckConstraint(condition=Q(overdraft_limit__gte=0), name="fund_overdraft_not_negative",
                                   violation_error_message=_("Mức được chi vượt không được âm.")),
            # The ledger identity, held by the database: what is there = what came in − what went out.
            models.CheckConstraint(
                condition=Q(balance_cash__gte=-F("overdraft_limit")) & Q(balance_kind__gte=0),
                name="fund_balance_not_negative",
                violation_error_message=_("Số dư của quỹ không đủ.")),
            models.CheckConstraint(
                condition=Q(balance_cash=F("received_cash") + F("received_kind") + F("transferred_in")
                            - F("transferred_out") - F("disbursed") - F("balance_kind")),
                name="fund_balance_identity"),
            models.UniqueConstraint(fields=["unit", "name"], name="fund_unique_name",
                                    violation_error_message=_("Đơn vị đã có quỹ mang tên này.")),
        ]
        indexes = [models.Index(fields=["unit", "-starts_on"])]

    def __str__(self) -> str:
        return self.name

    @property
    def balance(self) -> int:
        return self.balance_cash + self.balance_kind

    @property
    def received(self) -> int:
        return self.received_cash + self.received_kind

    def is_open_on(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class DonorKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    ORGANISATION = "organisation", _("Cơ quan, tổ chức, doanh nghiệp")
    ANONYMOUS = "anonymous", _("Nhà hảo tâm không nêu tên")


class Channel(models.TextChoices):
    CASH = "cash", _("Tiền mặt tại văn phòng")
    BANK = "bank", _("Chuyển khoản")
    AREA = "area", _("Thu qua khu dân cư")


class ReceiptCounter(models.Model):
    """The last receipt number a unit gave in a year. Its row is locked while a receipt is numbered, so two
    clerks posting at once are served one after the other."""

    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="receiptcounter_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last_number}"


class Receipt(models.Model):
    """A contribution received, with its receipt number (series per unit and year)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="receipts", verbose_name=_("quỹ"))
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("đơn vị tiếp nhận"))
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số biên nhận"))
    received_on = models.DateField(_("ngày nhận"))
    donor_kind = models.CharField(_("người ủng hộ là"), max_length=12, choices=DonorKind.choices)
    donor_name = models.CharField(_("tên người, đơn vị ủng hộ"), max_length=255, blank=True)
    donor_address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    donor_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    form = models.CharField(_("hình thức"), max_length=4, choices=Form.choices, default=Form.CASH)
    amount = models.BigIntegerField(_("số tiền (đồng)"),
                                    help_text=_("Với hiện vật: giá trị quy ra tiền, số nguyên đồng."))
    goods = models.CharField(_("hiện vật"), max_length=500, blank=True,
                             help_text=_("Tên, số lượng hiện vật (ví dụ: 50 thùng mì, 200 kg gạo)."))
    channel = models.CharField(_("hình thức tiếp nhận"), max_length=5, choices=Channel.choices, default=Channel.CASH)
    area = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("khu dân cư thu"))
    bank_reference = models.CharField(_("số giao dịch ngân hàng"), max_length=100, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("người lập"))
    created_at = models.DateTimeField(_("lập lúc"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("huỷ lúc"), null=True, blank=True)
    cancel_reason = models.CharField(_("lý do huỷ"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("biên nhận ủng hộ")
        verbose_name_plural = _("biên nhận ủng hộ")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "number"], name="receipt_number_unique",
                                    violation_error_message=_("Số biên nhận này đã được dùng.")),
            models.CheckConstraint(condition=Q(number__gte=1), name="receipt_number_positive"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="receipt_amount_positive",
                                   violation_error_message=_("Số tiền phải lớn hơn 0.")),
            models.CheckConstraint(condition=Q(donor_kind=DonorKind.ANONYMOUS) | ~Q(donor_name=""),
                                   name="receipt_donor_named",
                                   violation_error_message=_("Hãy ghi tên người hoặc đơn vị ủng hộ.")),
            models.CheckConstraint(condition=Q(form=Form.CASH) | ~Q(goods=""), name="receipt_goods_described",
                                   violation_error_message=_("Hãy ghi rõ hiện vật nhận được.")),
            models.CheckConstraint(condition=Q(form__in=Form.values), name="receipt_form_valid"),
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="receipt_channel_valid"),
            models.CheckConstraint(condition=Q(donor_kind__in=DonorKind.values), name="receipt_donor_kind_valid"),
        ]
        indexes = [models.Index(fields=["fund", "received_on"])]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        """"00012/2022": the number as printed on the receipt."""
        return f"{self.number:05d}/{self.year}"

    @property
    def donor_label(self) -> str:
        return self.donor_name if self.donor_kind != DonorKind.ANONYMOUS else str(DonorKind.ANONYMOUS.label)


class Transfer(models.Model):
    """Money or goods sent from one level's fund to another's (a ward to the district, a province to its
    communes): one row, two entries — out of the source fund, into the target fund."""

    source = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="transfers_out", verbose_name=_("từ quỹ"))
    target = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="transfers_in", verbose_name=_("đến quỹ"))
    form = models.CharField(_("hình thức"), max_length=4, choices=Form.choices, default=Form.CASH)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    transferred_on = models.DateField(_("ngày chuyển"))
    decision = models.CharField(_("căn cứ (văn bản, quyết định)"), max_length=255, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("người lập"))
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(_("huỷ lúc"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chuyển quỹ giữa các cấp")
        verbose_name_plural = _("chuyển quỹ giữa các cấp")
        ordering = ["-transferred_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="transfer_amount_positive",
                                   violation_error_message=_("Số tiền phải lớn hơn 0.")),
            models.CheckConstraint(condition=~Q(source=F("target")), name="transfer_not_to_itself",
                                   violation_error_message=_("Không chuyển một quỹ cho chính nó.")),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}: {self.amount}"


class HouseholdCategory(models.TextChoices):
    POOR = "poor", _("Hộ nghèo")
    NEAR_POOR = "near_poor", _("Hộ cận nghèo")
    DISASTER = "disaster", _("Hộ bị thiệt hại do thiên tai")
    HARDSHIP = "hardship", _("Hộ có hoàn cảnh đặc biệt khó khăn")
    POLICY = "policy", _("Gia đình chính sách")


class Beneficiary(models.Model):
    """A household supported by a fund. Its head's name, address, phone and ID number are personal data:
    masked for readers without `FundPerm.VIEW_PRIVATE`, every unmasked view logged, erasable on request;
    never published (the public sees categories and support levels only)."""

    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("thuộc đơn vị (khu dân cư)"))
    head_name = models.CharField(_("chủ hộ"), max_length=255)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    id_number = models.CharField(_("số định danh cá nhân"), max_length=12, blank=True)
    category = models.CharField(_("diện hỗ trợ"), max_length=10, choices=HouseholdCategory.choices)
    members = models.PositiveSmallIntegerField(_("số nhân khẩu"), default=1)
    erased_at = models.DateTimeField(_("đã xoá dữ liệu cá nhân lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hộ được hỗ trợ")
        verbose_name_plural = _("hộ được hỗ trợ")
        ordering = ["unit__path", "head_name", "id"]
        constraints = [models.CheckConstraint(condition=Q(category__in=HouseholdCategory.values),
                                              name="beneficiary_category_valid")]

    def __str__(self) -> str:
        return self.head_name


class HouseStatus(models.TextChoices):
    PLANNED = "planned", _("Đã duyệt, chưa khởi công")
    BUILDING = "building", _("Đang xây dựng")
    HANDED_OVER = "handed_over", _("Đã bàn giao")


class House(models.Model):
    """A Great Unity house (nhà Đại đoàn kết) built or repaired for a household: a project with a budget
    by source, milestones with photos and a handover record."""

    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("đơn vị thực hiện"))
    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.PROTECT, related_name="houses",
                                    verbose_name=_("hộ được hỗ trợ"))
    title = models.CharField(_("tên công trình"), max_length=255)
    is_repair = models.BooleanField(_("sửa chữa (không phải xây mới)"), default=False)
    decision = models.CharField(_("quyết định phê duyệt"), max_length=255)
    status = models.CharField(_("trạng thái"), max_length=12, choices=HouseStatus.choices, default=HouseStatus.PLANNED)
    handed_over_on = models.DateField(_("ngày bàn giao"), null=True, blank=True)
    handover_record = models.TextField(_("biên bản bàn giao"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhà Đại đoàn kết")
        verbose_name_plural = _("nhà Đại đoàn kết")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=HouseStatus.values), name="house_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=HouseStatus.HANDED_OVER) | Q(handed_over_on__isnull=False),
                name="house_handover_dated",
                violation_error_message=_("Nhà đã bàn giao phải có ngày bàn giao.")),
        ]

    def __str__(self) -> str:
        return self.title


class BudgetSource(models.TextChoices):
    FUND = "fund", _("Quỹ “Vì người nghèo”")
    STATE = "state", _("Ngân sách nhà nước")
    FAMILY = "family", _("Gia đình đối ứng")
    SPONSOR = "sponsor", _("Nhà tài trợ")


class HouseBudget(models.Model):
    """One source's share of a house's budget (planned). The fund's share is paid by disbursements
    posted against the house, so the ledger stays the one record of money spent."""

    house = models.ForeignKey(House, on_delete=models.CASCADE, related_name="budget", verbose_name=_("công trình"))
    source = models.CharField(_("nguồn"), max_length=8, choices=BudgetSource.choices)
    sponsor = models.CharField(_("tên nhà tài trợ"), max_length=255, blank=True)
    amount = models.BigIntegerField(_("số tiền (đồng)"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nguồn kinh phí")
        verbose_name_plural = _("nguồn kinh phí")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="housebudget_amount_positive",
                                   violation_error_message=_("Số tiền phải lớn hơn 0.")),
            models.CheckConstraint(condition=Q(source__in=BudgetSource.values), name="housebudget_source_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.amount}"


class MilestoneKind(models.TextChoices):
    START = "start", _("Khởi công")
    ROOF = "roof", _("Cất nóc")
    HANDOVER = "handover", _("Bàn giao")


class HouseMilestone(models.Model):
    house = models.ForeignKey(House, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("công trình"))
    kind = models.CharField(_("mốc"), max_length=8, choices=MilestoneKind.choices)
    reached_on = models.DateField(_("ngày"))
    photo = models.ImageField(_("ảnh"), upload_to="funds/houses/%Y/", blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mốc xây dựng")
        verbose_name_plural = _("mốc xây dựng")
        ordering = ["reached_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["house", "kind"], name="housemilestone_once",
                                    violation_error_message=_("Công trình đã có mốc này.")),
            models.CheckConstraint(condition=Q(kind__in=MilestoneKind.values), name="housemilestone_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reached_on:%d/%m/%Y}"


class Disbursement(models.Model):
    """Support paid out of a fund, on a decision: to a household, to a house project, or to a group of
    households of one category (then `households` says how many)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="disbursements", verbose_name=_("quỹ"))
    form = models.CharField(_("hình thức"), max_length=4, choices=Form.choices, default=Form.CASH)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    paid_on = models.DateField(_("ngày chi"))
    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="disbursements", verbose_name=_("hộ được hỗ trợ"))
    house = models.ForeignKey(House, on_delete=models.PROTECT, null=True, blank=True, related_name="disbursements",
                              verbose_name=_("nhà Đại đoàn kết"))
    category = models.CharField(_("diện hỗ trợ"), max_length=10, choices=HouseholdCategory.choices)
    households = models.PositiveIntegerField(_("số hộ"), default=1)
    purpose = models.CharField(_("nội dung chi"), max_length=500)
    decision = models.CharField(_("quyết định phê duyệt"), max_length=255)
    decision_date = models.DateField(_("ngày quyết định"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("người lập"))
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(_("huỷ lúc"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khoản chi hỗ trợ")
        verbose_name_plural = _("khoản chi hỗ trợ")
        ordering = ["-paid_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="disbursement_amount_positive",
                                   violation_error_message=_("Số tiền phải lớn hơn 0.")),
            models.CheckConstraint(condition=Q(households__gte=1), name="disbursement_households_positive",
                                   violation_error_message=_("Số hộ phải từ 1 trở lên.")),
            models.CheckConstraint(condition=Q(beneficiary__isnull=True) | Q(households=1),
                                   name="disbursement_one_household"),
            models.CheckConstraint(condition=Q(decision_date__lte=F("paid_on")), name="disbursement_decided_first",
                                   violation_error_message=_("Ngày quyết định phải trước hoặc cùng ngày chi.")),
            models.CheckConstraint(condition=Q(category__in=HouseholdCategory.values),
                                   name="disbursement_category_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.purpose}: {self.amount}"


class EntryKind(models.TextChoices):
    RECEIPT = "receipt", _("Thu ủng hộ")
    TRANSFER_IN = "transfer_in", _("Nhận từ cấp khác")
    TRANSFER_OUT = "transfer_out", _("Chuyển cấp khác")
    DISBURSEMENT = "disbursement", _("Chi hỗ trợ")


# The sign of an entry of each kind; a reversal has the opposite sign and the same kind, so sums by
# kind are net figures without special cases.
INFLOWS = (EntryKind.RECEIPT, EntryKind.TRANSFER_IN)
OUTFLOWS = (EntryKind.TRANSFER_OUT, EntryKind.DISBURSEMENT)


class Entry(models.Model):
    """One posted line of a fund's ledger: a signed amount in integer đồng. Never updated nor deleted."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="entries", verbose_name=_("quỹ"))
    kind = models.CharField(_("loại"), max_length=12, choices=EntryKind.choices)
    form = models.CharField(_("hình thức"), max_length=4, choices=Form.choices)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    posted_on = models.DateField(_("ngày hạch toán"))
    receipt = models.ForeignKey(Receipt, on_delete=models.PROTECT, null=True, blank=True, related_name="entries")
    transfer = models.ForeignKey(Transfer, on_delete=models.PROTECT, null=True, blank=True, related_name="entries")
    disbursement = models.ForeignKey(Disbursement, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="entries")
    reverses = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="reversed_by", verbose_name=_("bút toán đảo của"))
    memo = models.CharField(_("diễn giải"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("người ghi"))
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bút toán")
        verbose_name_plural = _("bút toán")
        ordering = ["posted_on", "id"]
        indexes = [models.Index(fields=["fund", "posted_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EntryKind.values), name="entry_kind_valid"),
            models.CheckConstraint(condition=Q(form__in=Form.values), name="entry_form_valid"),
            # Inflows are positive, outflows negative; a reversal (and only a reversal) flips the sign.
            models.CheckConstraint(
                condition=(Q(reverses__isnull=True) & (Q(kind__in=INFLOWS, amount__gt=0)
                                                       | Q(kind__in=OUTFLOWS, amount__lt=0)))
                | (Q(reverses__isnull=False) & (Q(kind__in=INFLOWS, amount__lt=0)
                                                | Q(kind__in=OUTFLOWS, amount__gt=0))),
                name="entry_sign_by_kind"),
            # Each entry comes from exactly the document of its kind.
            models.CheckConstraint(
                condition=(Q(kind=EntryKind.RECEIPT, receipt__isnull=False, transfer__isnull=True,
                             disbursement__isnull=True)
                           | Q(kind__in=(EntryKind.TRANSFER_IN, EntryKind.TRANSFER_OUT), receipt__isnull=True,
                               transfer__isnull=False, disbursement__isnull=True)
                           | Q(kind=EntryKind.DISBURSEMENT, receipt__isnull=True, transfer__isnull=True,
                               disbursement__isnull=False)),
                name="entry_one_document"),
        ]

    def __str__(self) -> str:
        return f"{self.posted_on:%d/%m/%Y} {self.get_kind_display()} {self.amount}"

    def save(self, *args, **kwargs):
        # The database trigger is the guarantee; this says it early and in plain words.
        if self.pk is not None and not self._state.adding:
            raise RuntimeError("Posted entries are never edited: post a reversal instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Posted entries are never deleted: post a reversal instead.")


class PeriodClose(models.Model):
    """A month closed by a unit: nothing can be posted on or before it in the unit's funds."""

    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng."))
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("người khoá sổ"))
    closed_at = models.DateTimeField(_("khoá sổ lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khoá sổ tháng")
        verbose_name_plural = _("khoá sổ tháng")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "month"], name="periodclose_unique",
                                    violation_error_message=_("Tháng này đã khoá sổ.")),
        ]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y}"
