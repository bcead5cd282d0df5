"""Public votes (bình chọn): polls with groups of options, online ballots with a verified identity,
ballot codes handed out by residential areas, and paper ballots entered as tallies per area.

A ballot is cast by a citizen with a confirmed e-mail or with a one-time code; the database refuses
a second ballot of the same citizen or code in the same poll (unique constraints), whatever the
number of simultaneous requests. Paper ballots are counted by hand in each residential area and
entered as a tally sheet (ballots collected, votes per option). Totals imported from another system
are tally sheets too, of their own kind, and say where they come from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PollStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    OPEN = "open", _("Đã công bố")
    CLOSED = "closed", _("Đã kết thúc")


class Poll(models.Model):
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="polls",
                             verbose_name=_("đơn vị tổ chức"))
    title = models.CharField(_("tên cuộc bình chọn"), max_length=255)
    description = models.TextField(_("giới thiệu"), blank=True)
    opens_at = models.DateTimeField(_("bắt đầu"))
    closes_at = models.DateTimeField(_("kết thúc"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=PollStatus.choices, default=PollStatus.DRAFT)
    area = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("chỉ dành cho địa bàn"),
                             help_text=_("Để trống nếu mọi người đều được bình chọn"))
    allow_accounts = models.BooleanField(_("bình chọn bằng tài khoản công dân (e-mail đã xác nhận)"), default=True)
    allow_codes = models.BooleanField(_("bình chọn bằng mã phiếu do khu dân cư phát"), default=True)
    live_results = models.BooleanField(_("công khai kết quả trong khi bình chọn"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("người tạo"))
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cuộc bình chọn")
        verbose_name_plural = _("cuộc bình chọn")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="poll_window_order",
                                   violation_error_message=_("Thời điểm kết thúc phải sau thời điểm bắt đầu.")),
            models.CheckConstraint(condition=Q(allow_accounts=True) | Q(allow_codes=True), name="poll_has_channel",
                                   violation_error_message=_("Hãy cho phép ít nhất một cách bình chọn trực tuyến.")),
            models.CheckConstraint(condition=Q(status__in=PollStatus.values), name="poll_status_valid"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        now = timezone.now()
        return self.status == PollStatus.OPEN and self.opens_at <= now < self.closes_at

    @property
    def is_finished(self) -> bool:
        return self.status == PollStatus.CLOSED or (self.status == PollStatus.OPEN and timezone.now() >= self.closes_at)

    @property
    def results_public(self) -> bool:
        return self.status != PollStatus.DRAFT and (self.is_finished or self.live_results)


class OptionGroup(models.Model):
    """A group of options with its own rule, e.g. a product group where up to 3 products may be chosen."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="groups", verbose_name=_("cuộc bình chọn"))
    name = models.CharField(_("tên nhóm"), max_length=255)
    max_choices = models.PositiveSmallIntegerField(_("được chọn tối đa"), default=1)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("nhóm lựa chọn")
        verbose_name_plural = _("nhóm lựa chọn")
        constraints = [
            models.CheckConstraint(condition=Q(max_choices__gte=1), name="optiongroup_max_choices_positive",
                                   violation_error_message=_("Số lựa chọn tối đa phải từ 1 trở lên.")),
            models.UniqueConstraint(fields=["poll", "name"], name="optiongroup_unique_name",
                                    violation_error_message=_("Cuộc bình chọn đã có nhóm tên này.")),
        ]

    def __str__(self) -> str:
        return self.name


class Option(models.Model):
    group = models.ForeignKey(OptionGroup, on_delete=models.CASCADE, related_name="options", verbose_name=_("nhóm"))
    name = models.CharField(_("tên lựa chọn"), max_length=255)
    description = models.CharField(_("mô tả"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("lựa chọn")
        verbose_name_plural = _("lựa chọn")
        constraints = [models.UniqueConstraint(fields=["group", "name"], name="option_unique_name",
                                               violation_error_message=_("Nhóm đã có lựa chọn tên này."))]

    def __str__(self) -> str:
        return self.name


class Citizen(models.Model):
    """A citizen who votes online. Identity = an e-mail address they confirmed by a signed link;
    no password is kept. Only what voting needs is collected (Law 91/2025/QH15)."""

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("họ và tên"), max_length=255, blank=True)
    confirmed_at = models.DateTimeField(_("xác nhận e-mail lúc"), null=True, blank=True)
    link_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("công dân")
        verbose_name_plural = _("công dân")

    def __str__(self) -> str:
        return self.full_name or self.email


class CodeBatch(models.Model):
    """Ballot codes generated together for one residential area, to print and hand out."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="code_batches",
                             verbose_name=_("cuộc bình chọn"))
    area = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("khu dân cư"))
    size = models.PositiveIntegerField(_("số mã"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("người tạo"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("đợt phát mã phiếu")
        verbose_name_plural = _("đợt phát mã phiếu")

    def __str__(self) -> str:
        return f"{self.area} — {self.size}"


class BallotCode(models.Model):
    """A one-time code printed on a slip: random, unguessable, valid for one poll only."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="codes", verbose_name=_("cuộc bình chọn"))
    batch = models.ForeignKey(CodeBatch, on_delete=models.CASCADE, related_name="codes", verbose_name=_("đợt"))
    area = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("khu dân cư"))
    code = models.CharField(_("mã phiếu"), max_length=20, unique=True)
    used_at = models.DateTimeField(_("đã dùng lúc"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("mã phiếu")
        verbose_name_plural = _("mã phiếu")

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        """"ABCDEFGHJKLM" → "ABCD-EFGH-JKLM": easier to read aloud and to type."""
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))


class Channel(models.TextChoices):
    ACCOUNT = "account", _("Tài khoản công dân")
    CODE = "code", _("Mã phiếu")


class Ballot(models.Model):
    """One online ballot. The unique constraints are what makes "one person or code, one vote" true
    under concurrent submissions; the service's checks only word the refusal."""

    poll = models.ForeignKey(Poll, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("cuộc bình chọn"))
    channel = models.CharField(_("hình thức"), max_length=10, choices=Channel.choices)
    citizen = models.ForeignKey(Citizen, on_delete=models.PROTECT, null=True, blank=True, related_name="ballots",
                                verbose_name=_("công dân"))
    code = models.ForeignKey(BallotCode, on_delete=models.PROTECT, null=True, blank=True, related_name="ballots",
                             verbose_name=_("mã phiếu"))
    cast_at = models.DateTimeField(_("bỏ phiếu lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("phiếu bình chọn trực tuyến")
        verbose_name_plural = _("phiếu bình chọn trực tuyến")
        constraints = [
            models.UniqueConstraint(fields=["poll", "citizen"], condition=Q(citizen__isnull=False),
                                    name="ballot_one_per_citizen",
                                    violation_error_message=_("Bạn đã bình chọn trong cuộc bình chọn này rồi.")),
            models.UniqueConstraint(fields=["poll", "code"], condition=Q(code__isnull=False),
                                    name="ballot_one_per_code",
                                    violation_error_message=_("Mã phiếu này đã được dùng để bình chọn.")),
            models.CheckConstraint(
                condition=(Q(channel="account", citizen__isnull=False, code__isnull=True)
                           | Q(channel="code", code__isnull=False, citizen__isnull=True)),
                name="ballot_one_identity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.poll} #{self.pk}"


class BallotChoice(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    option = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="choices")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ballot", "option"], name="ballotchoice_unique")]

    def __str__(self) -> str:
        return f"{self.ballot_id} → {self.option_id}"


class TallyKind(models.TextChoices):
    PAPER = "paper", _("Phiếu giấy")
    ONLINE_IMPORTED = "online_imported", _("Trực tuyến (số liệu tổng hợp nhập từ hệ thống khác)")


class TallySheet(models.Model):
    """A counted pile of ballots: a residential area's paper ballots (ballots collected and votes per
    option), or totals imported from elsewhere. A sheet without an area must say where it comes from."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="tally_sheets",
                             verbose_name=_("cuộc bình chọn"))
    kind = models.CharField(_("loại"), max_length=20, choices=TallyKind.choices, default=TallyKind.PAPER)
    area = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("khu dân cư"))
    ballots = models.PositiveIntegerField(_("số phiếu"), default=0)
    source = models.CharField(_("nguồn số liệu"), max_length=255, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("người nhập"))
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("biên bản kiểm phiếu")
        verbose_name_plural = _("biên bản kiểm phiếu")
        constraints = [
            models.UniqueConstraint(fields=["poll", "kind", "area"], condition=Q(area__isnull=False),
                                    name="tallysheet_one_per_area",
                                    violation_error_message=_("Khu dân cư này đã có biên bản kiểm phiếu.")),
            models.CheckConstraint(condition=Q(area__isnull=False) | ~Q(source=""), name="tallysheet_source_or_area",
                                   violation_error_message=_("Số liệu không theo khu dân cư phải ghi rõ nguồn.")),
            models.CheckConstraint(condition=Q(kind__in=TallyKind.values), name="tallysheet_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.poll} — {self.area or self.source}"


class TallyLine(models.Model):
    sheet = models.ForeignKey(TallySheet, on_delete=models.CASCADE, related_name="lines")
    option = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="tally_lines")
    votes = models.PositiveIntegerField(_("số phiếu chọn"), default=0)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sheet", "option"], name="tallyline_unique")]

    def __str__(self) -> str:
        return f"{self.option_id}: {self.votes}"
