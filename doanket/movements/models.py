"""Campaigns and emulation movements, what each residential area does for them, and the yearly
evaluation of cultured families and residential areas (Decree 86/2023/NĐ-CP).

A campaign is launched by a unit at any level with indicators and their targets (per residential
area); the units below adopt it (one row per unit of the subtree, written in one set-based insert)
and may set their own, usually higher, targets for their territory. Each residential area keeps one
current value per indicator (its history is the audit trail) and records activities with photos and
the member organisations' branches that took part.

The evaluation follows the procedure: registration (a household for "Gia đình văn hóa", the area
itself for "Tổ dân phố/Thôn văn hóa"), self-assessment, the area's evaluation meeting (attendance
and votes, checked against the quorum and approval shares in force when the meeting was recorded,
which the meeting keeps), then the commune's decision that awards the titles of the year.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CampaignKind(models.TextChoices):
    CAMPAIGN = "campaign", _("Cuộc vận động")
    MOVEMENT = "movement", _("Phong trào thi đua")
    FESTIVAL = "festival", _("Ngày hội")


class Campaign(models.Model):
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="campaigns",
                             verbose_name=_("đơn vị phát động"))
    title = models.CharField(_("tên cuộc vận động, phong trào"), max_length=255)
    kind = models.CharField(_("loại"), max_length=12, choices=CampaignKind.choices, default=CampaignKind.CAMPAIGN)
    content = models.TextField(_("nội dung"), blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("người tạo"))
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("cuộc vận động, phong trào")
        verbose_name_plural = _("cuộc vận động, phong trào")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="campaign_period_order",
                                   violation_error_message=_("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")),
            models.CheckConstraint(condition=Q(kind__in=CampaignKind.values), name="campaign_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.title


class IndicatorKind(models.TextChoices):
    NUMBER = "number", _("Số lượng")
    YESNO = "yesno", _("Có/Không")
    TEXT = "text", _("Nội dung")


class Indicator(models.Model):
    """What an area reports. The target is per residential area: a number to reach, "yes" for a yes/no
    indicator, none for a text. `unit` is who added it: the launching unit, or an adopting unit for
    an indicator of its own territory only."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="indicators",
                                 verbose_name=_("cuộc vận động"))
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("đơn vị đặt chỉ tiêu"))
    name = models.CharField(_("tên chỉ tiêu"), max_length=255)
    kind = models.CharField(_("loại chỉ tiêu"), max_length=8, choices=IndicatorKind.choices,
                            default=IndicatorKind.NUMBER)
    target = models.PositiveBigIntegerField(_("mục tiêu mỗi khu dân cư"), null=True, blank=True,
                                            help_text=_("Chỉ với chỉ tiêu số lượng; để trống nếu không đặt mục tiêu"))
    measure = models.CharField(_("đơn vị tính"), max_length=40, blank=True, help_text=_("Ví dụ: hộ, buổi, người"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit", "name"], name="indicator_unique_name",
                                    violation_error_message=_("Cuộc vận động đã có chỉ tiêu tên này.")),
            models.CheckConstraint(condition=Q(kind__in=IndicatorKind.values), name="indicator_kind_valid"),
            models.CheckConstraint(condition=Q(kind="number") | Q(target__isnull=True), name="indicator_target_number",
                                   violation_error_message=_("Chỉ chỉ tiêu số lượng mới có mục tiêu bằng số.")),
        ]

    def __str__(self) -> str:
        return self.name


class Adoption(models.Model):
    """A unit that carries out the campaign in its territory."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="adoptions",
                                 verbose_name=_("cuộc vận động"))
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    adopted_on = models.DateField(_("ngày triển khai"))
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("người triển khai"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị triển khai")
        verbose_name_plural = _("đơn vị triển khai")
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="adoption_unique",
                                               violation_error_message=_("Đơn vị đã triển khai cuộc vận động này."))]

    def __str__(self) -> str:
        return f"{self.campaign_id} — {self.unit_id}"


class LocalTarget(models.Model):
    """A unit's own target for an indicator, for every area of its subtree (the nearest one wins)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="local_targets",
                                  verbose_name=_("chỉ tiêu"))
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    target = models.PositiveBigIntegerField(_("mục tiêu mỗi khu dân cư"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục tiêu của đơn vị")
        verbose_name_plural = _("mục tiêu của đơn vị")
        constraints = [models.UniqueConstraint(fields=["indicator", "unit"], name="localtarget_unique",
                                               violation_error_message=_("Đơn vị đã đặt mục tiêu cho chỉ tiêu này."))]

    def __str__(self) -> str:
        return f"{self.indicator_id}@{self.unit_id}: {self.target}"


class Result(models.Model):
    """The current value of an indicator in a residential area (earlier values are in its history)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="results",
                                 verbose_name=_("cuộc vận động"))
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="results",
                                  verbose_name=_("chỉ tiêu"))
    area = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("khu dân cư"))
    value_number = models.PositiveBigIntegerField(_("số lượng"), null=True, blank=True)
    value_bool = models.BooleanField(_("đạt"), null=True, blank=True)
    value_text = models.TextField(_("nội dung"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("người nhập"))
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết quả thực hiện")
        verbose_name_plural = _("kết quả thực hiện")
        indexes = [models.Index(fields=["campaign", "area"], name="result_campaign_area")]
        constraints = [models.UniqueConstraint(fields=["indicator", "area"], name="result_one_per_area",
                                               violation_error_message=_("Khu dân cư đã có kết quả cho chỉ tiêu này."))]

    def __str__(self) -> str:
        return f"{self.indicator_id}@{self.area_id}"


class Activity(models.Model):
    """Something a residential area did for the campaign, with the branches that took part."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="activities",
                                 verbose_name=_("cuộc vận động"))
    area = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("khu dân cư"))
    held_on = models.DateField(_("ngày thực hiện"))
    title = models.CharField(_("hoạt động"), max_length=255)
    description = models.TextField(_("mô tả"), blank=True)
    participants = models.PositiveIntegerField(_("số người tham gia"), null=True, blank=True)
    branches = models.ManyToManyField("orgunits.Branch", blank=True, related_name="+",
                                      verbose_name=_("chi hội, đoàn thể tham gia"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("người nhập"))
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[branches])

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        indexes = [models.Index(fields=["campaign", "area"], name="activity_campaign_area")]

    def __str__(self) -> str:
        return self.title


class Photo(models.Model):
    """A photo of an activity: a real JPEG or PNG (checked by its content), stored under a random name."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos",
                                 verbose_name=_("hoạt động"))
    file = models.FileField(_("tệp"), upload_to="movements/photos/%Y/%m/")
    content_type = models.CharField(max_length=40)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("ảnh hoạt động")
        verbose_name_plural = _("ảnh hoạt động")

    def __str__(self) -> str:
        return self.original_name


# -- yearly evaluation ------------------------------------------------------------------------------
class TitleKind(models.TextChoices):
    FAMILY = "family", _("Gia đình văn hóa")
    AREA = "area", _("Thôn, tổ dân phố văn hóa")


class Household(models.Model):
    """A household of a residential area (personal data: masked for those without the right, erasable)."""

    area = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("khu dân cư"))
    head_name = models.CharField(_("chủ hộ"), max_length=255)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    members = models.PositiveSmallIntegerField(_("số nhân khẩu"), null=True, blank=True)
    sort_key = models.CharField(max_length=600, blank=True, editable=False)
    erased_at = models.DateTimeField(_("đã xoá dữ liệu cá nhân lúc"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["sort_key"])

    class Meta:
        ordering = ["sort_key", "id"]
        verbose_name = _("hộ gia đình")
        verbose_name_plural = _("hộ gia đình")

    def __str__(self) -> str:
        return self.head_name


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký")
    SELF_ASSESSED = "self_assessed", _("Đã tự đánh giá")
    APPROVED = "approved", _("Được họp bình xét đề nghị")
    REJECTED = "rejected", _("Không được đề nghị")
    AWARDED = "awarded", _("Được công nhận")


class Registration(models.Model):
    """A household's (family title) or an area's (area title) registration for the title of a year."""

    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("danh hiệu"), max_length=8, choices=TitleKind.choices)
    area = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("khu dân cư"))
    household = models.ForeignKey(Household, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="registrations", verbose_name=_("hộ gia đình"))
    registered_on = models.DateField(_("ngày đăng ký"))
    # The three standards of a cultured family (Decree 86/2023, Art. 8); for an area, its own assessment.
    law_abiding = models.BooleanField(_("gương mẫu chấp hành pháp luật"), null=True, blank=True)
    takes_part = models.BooleanField(_("tích cực tham gia phong trào thi đua ở địa phương"), null=True, blank=True)
    prosperous = models.BooleanField(_("no ấm, tiến bộ, hạnh phúc, tương trợ"), null=True, blank=True)
    self_assessment = models.TextField(_("tự đánh giá"), blank=True)
    self_assessed_on = models.DateField(_("ngày tự đánh giá"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=RegistrationStatus.choices,
                              default=RegistrationStatus.REGISTERED)
    decision = models.ForeignKey("Decision", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="registrations", verbose_name=_("quyết định công nhận"))
    criteria_set = models.ForeignKey("CriteriaSet", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="registrations", verbose_name=_("bộ tiêu chí"))
    points = models.PositiveSmallIntegerField(_("điểm tự đánh giá"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "kind", "id"]
        verbose_name = _("đăng ký danh hiệu")
        verbose_name_plural = _("đăng ký danh hiệu")
        indexes = [models.Index(fields=["kind", "status", "year"], name="registration_titles")]
        constraints = [
            models.UniqueConstraint(fields=["year", "household"], condition=Q(household__isnull=False),
                                    name="registration_household_once",
                                    violation_error_message=_("Hộ gia đình đã đăng ký danh hiệu năm này.")),
            models.UniqueConstraint(fields=["year", "area"], condition=Q(kind="area"),
                                    name="registration_area_once",
                                    violation_error_message=_("Khu dân cư đã đăng ký danh hiệu năm này.")),
            models.CheckConstraint(condition=Q(kind="family", household__isnull=False)
                                   | Q(kind="area", household__isnull=True), name="registration_holder",
                                   violation_error_message=_("Danh hiệu gia đình cần hộ gia đình; danh hiệu khu dân cư "
                                                             "thì không.")),
            models.CheckConstraint(condition=Q(status__in=RegistrationStatus.values), name="registration_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"

    @property
    def holder_label(self) -> str:
        return self.household.head_name if self.household_id and self.household else self.area.name


class VoteMethod(models.TextChoices):
    SECRET = "secret", _("Bỏ phiếu kín")
    HANDS = "hands", _("Giơ tay biểu quyết")


class Meeting(models.Model):
    """The evaluation meeting of a residential area for a year, with its minutes. The quorum and approval
    shares in force when it was recorded are kept with it, so later changes of the rule do not alter it."""

    area = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("khu dân cư"))
    year = models.PositiveSmallIntegerField(_("năm"))
    held_on = models.DateField(_("ngày họp"))
    called = models.PositiveIntegerField(_("số người được triệu tập"))
    attended = models.PositiveIntegerField(_("số người có mặt"))
    method = models.CharField(_("hình thức biểu quyết"), max_length=8, choices=VoteMethod.choices,
                              default=VoteMethod.HANDS)
    chair = models.CharField(_("chủ trì"), max_length=255)
    secretary = models.CharField(_("thư ký"), max_length=255)
    minutes = models.TextField(_("biên bản"), blank=True)
    quorum_percent = models.PositiveSmallIntegerField(_("tỉ lệ có mặt tối thiểu (%)"))
    approval_percent = models.PositiveSmallIntegerField(_("tỉ lệ tán thành tối thiểu (%)"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("người ghi"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-held_on"]
        verbose_name = _("cuộc họp bình xét")
        verbose_name_plural = _("cuộc họp bình xét")
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="meeting_one_per_year",
                                    violation_error_message=_("Khu dân cư đã ghi cuộc họp bình xét năm này.")),
            models.CheckConstraint(condition=Q(attended__lte=F("called")), name="meeting_attended_le_called",
                                   violation_error_message=_("Số người có mặt không thể lớn hơn số người được triệu "
                                                             "tập.")),
        ]

    def __str__(self) -> str:
        return f"{self.area_id} {self.year}"

    @property
    def has_quorum(self) -> bool:
        return self.called > 0 and self.attended * 100 >= self.quorum_percent * self.called


class MeetingVote(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="votes", verbose_name=_("cuộc họp"))
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="votes",
                                     verbose_name=_("đăng ký"))
    votes_for = models.PositiveIntegerField(_("số tán thành"))
    approved = models.BooleanField(_("được đề nghị công nhận"))

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "registration"], name="meetingvote_unique")]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.votes_for}"


class Decision(models.Model):
    """The commune chairman's decision recognising the titles of a year in the commune."""

    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("xã, phường"))
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("danh hiệu"), max_length=8, choices=TitleKind.choices)
    number = models.CharField(_("số quyết định"), max_length=60)
    signed_on = models.DateField(_("ngày ký"))
    signer = models.CharField(_("người ký"), max_length=255)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("người nhập"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-signed_on"]
        verbose_name = _("quyết định công nhận")
        verbose_name_plural = _("quyết định công nhận")
        constraints = [models.UniqueConstraint(fields=["unit", "year", "kind"], name="decision_one_per_year",
                                               violation_error_message=_("Đơn vị đã có quyết định công nhận danh "
                                                                         "hiệu này trong năm."))]

    def __str__(self) -> str:
        return f"{self.number} ({self.year})"


class CriteriaSet(models.Model):
    """A province's criteria for a title in a year (Decree 86/2023 leaves the detail to provinces), with the
    meeting's quorum and approval shares. Versioned: once a registration was assessed with a set, the set
    is frozen; a change is a new version, so evaluations already made keep the rule they were made with."""

    province = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("tỉnh, thành phố"))
    kind = models.CharField(_("danh hiệu"), max_length=8, choices=TitleKind.choices)
    year = models.PositiveSmallIntegerField(_("năm áp dụng"))
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    name = models.CharField(_("tên bộ tiêu chí"), max_length=255)
    pass_points = models.PositiveSmallIntegerField(_("số điểm tối thiểu để đạt"), default=0)
    quorum_percent = models.PositiveSmallIntegerField(
        _("tỉ lệ có mặt tối thiểu (%)"), help_text=_("Mặc định theo quy định: 60 %"))
    approval_percent = models.PositiveSmallIntegerField(
        _("tỉ lệ tán thành tối thiểu (%)"), help_text=_("Mặc định theo quy định: 60 %"))
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "kind", "-version"]
        verbose_name = _("bộ tiêu chí")
        verbose_name_plural = _("bộ tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["province", "kind", "year", "version"], name="criteriaset_version_unique",
                                    violation_error_message=_("Phiên bản này của bộ tiêu chí đã có.")),
            models.CheckConstraint(condition=Q(quorum_percent__gte=1, quorum_percent__lte=100)
                                   & Q(approval_percent__gte=1, approval_percent__lte=100),
                                   name="criteriaset_percent_range",
                                   violation_error_message=_("Tỉ lệ phải từ 1 đến 100 %.")),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class Criterion(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria",
                                     verbose_name=_("bộ tiêu chí"))
    text = models.CharField(_("tiêu chí"), max_length=500)
    points = models.PositiveSmallIntegerField(_("điểm"), default=1)
    required = models.BooleanField(_("bắt buộc đạt"), default=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")

    def __str__(self) -> str:
        return self.text


class CriterionMark(models.Model):
    """A registration's self-assessment against one criterion of its set."""

    registration = models.ForeignKey("Registration", on_delete=models.CASCADE, related_name="marks")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="marks")
    met = models.BooleanField(_("đạt"))

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["registration", "criterion"], name="criterionmark_unique")]

    def __str__(self) -> str:
        return f"{self.registration_id}/{self.criterion_id}: {self.met}"


class HouseholdAccess(models.Model):
    """Who saw a household's personal data in clear, when, and where (a page or a document)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("người xem"))
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="accesses",
                                  verbose_name=_("hộ gia đình"))
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    where = models.CharField(_("nơi xem"), max_length=255)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("lượt xem dữ liệu hộ gia đình")
        verbose_name_plural = _("lượt xem dữ liệu hộ gia đình")
        indexes = [models.Index(fields=["household", "-at"], name="householdaccess_recent")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.household_id}"
