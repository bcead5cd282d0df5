"""Supervision (giám sát) by the Front: annual plans per unit, supervision activities with their team
and documents, and each recommendation followed until it is answered and carried out.

Basis: Decision 217-QĐ/TW (12/12/2013), Law on MTTQ 75/2015/QH13 as amended by Law 97/2025/QH15, Joint
Resolution 403/2017 (forms of supervision). An activity moves planned → notified → conducted → concluded →
recommendations issued → closed; every move is a history row (who, when). A recommendation not answered by
its deadline (working days, Vietnamese holidays skipped) is escalated: the next Front level up writes to the
superior of the body supervised, and the escalation is a row of its own, owned by that level.

Activities and recommendations carry their plan's unit (copied by the services) so that the reach filter is
one range on the unit path, without walking up to the plan.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SupervisionPlan(models.Model):
    """A unit's supervision programme for one year (Chương trình/Kế hoạch giám sát năm)."""

    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="supervision_plans",
                             verbose_name=_("đơn vị"))
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch"), max_length=255)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("người tạo"))
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kế hoạch giám sát")
        verbose_name_plural = _("kế hoạch giám sát")
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="supervisionplan_one_per_unit_year",
                                    violation_error_message=_("Đơn vị đã có kế hoạch giám sát của năm này.")),
            models.CheckConstraint(condition=Q(year__gte=1990) & Q(year__lte=2100), name="supervisionplan_year_range",
                                   violation_error_message=_("Năm kế hoạch không hợp lệ.")),
        ]

    def __str__(self) -> str:
        return self.title


class SupervisionForm(models.TextChoices):
    """Forms of supervision (Joint Resolution 403/2017)."""

    DOCUMENT_REVIEW = "document_review", _("Nghiên cứu, xem xét văn bản")
    TEAM = "team", _("Tổ chức đoàn giám sát")
    INSPECTION_BOARD = "inspection_board", _("Thông qua Ban Thanh tra nhân dân")
    INVESTMENT_BOARD = "investment_board", _("Thông qua Ban Giám sát đầu tư của cộng đồng")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Đã lập kế hoạch")
    NOTIFIED = "notified", _("Đã thông báo")
    CONDUCTED = "conducted", _("Đã tiến hành")
    CONCLUDED = "concluded", _("Đã kết luận")
    RECOMMENDED = "recommended", _("Đã gửi kiến nghị")
    CLOSED = "closed", _("Đã kết thúc")


class SupervisionActivity(models.Model):
    plan = models.ForeignKey(SupervisionPlan, on_delete=models.PROTECT, related_name="activities",
                             verbose_name=_("kế hoạch"))
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("đơn vị giám sát"))
    title = models.CharField(_("tên cuộc giám sát"), max_length=255)
    subject = models.CharField(_("đối tượng được giám sát"), max_length=255,
                               help_text=_("Cơ quan, tổ chức chịu sự giám sát, ví dụ: Ủy ban nhân dân phường Khương Đình"))
    subject_superior = models.CharField(
        _("cơ quan cấp trên của đối tượng"), max_length=255, blank=True,
        help_text=_("Nơi Mặt trận cấp trên gửi văn bản khi kiến nghị không được trả lời đúng hạn, ví dụ: "
                    "Ủy ban nhân dân quận Thanh Xuân"))
    content = models.TextField(_("nội dung giám sát"))
    form = models.CharField(_("hình thức giám sát"), max_length=20, choices=SupervisionForm.choices,
                            default=SupervisionForm.TEAM)
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"))
    status = models.CharField(_("trạng thái"), max_length=12, choices=ActivityStatus.choices,
                              default=ActivityStatus.PLANNED)
    notified_on = models.DateField(_("ngày gửi thông báo"), null=True, blank=True)
    conducted_on = models.DateField(_("ngày làm việc với đối tượng"), null=True, blank=True)
    findings = models.TextField(_("kết quả giám sát (kết luận)"), blank=True)
    concluded_on = models.DateField(_("ngày kết luận"), null=True, blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cuộc giám sát")
        verbose_name_plural = _("cuộc giám sát")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="supervisionactivity_dates_order",
                                   violation_error_message=_("Ngày kết thúc không được trước ngày bắt đầu.")),
            models.CheckConstraint(condition=Q(status__in=ActivityStatus.values), name="supervisionactivity_status"),
            models.CheckConstraint(condition=Q(form__in=SupervisionForm.values), name="supervisionactivity_form"),
        ]
        indexes = [models.Index(fields=["unit", "status"], name="supervisionactivity_unit_st")]

    def __str__(self) -> str:
        return self.title


class TeamRole(models.TextChoices):
    HEAD = "head", _("Trưởng đoàn")
    DEPUTY = "deputy", _("Phó Trưởng đoàn")
    MEMBER = "member", _("Thành viên")
    SECRETARY = "secretary", _("Thư ký")


class TeamMember(models.Model):
    """A person of the directory on the supervision team (member organisations' people included)."""

    activity = models.ForeignKey(SupervisionActivity, on_delete=models.CASCADE, related_name="team",
                                 verbose_name=_("cuộc giám sát"))
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="supervision_teams",
                               verbose_name=_("người"))
    role = models.CharField(_("vai trò"), max_length=10, choices=TeamRole.choices, default=TeamRole.MEMBER)
    position_label = models.CharField(_("chức vụ, đơn vị"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên đoàn giám sát")
        verbose_name_plural = _("thành viên đoàn giám sát")
        ordering = ["activity", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="teammember_once",
                                    violation_error_message=_("Người này đã có trong đoàn giám sát.")),
            models.UniqueConstraint(fields=["activity"], condition=Q(role="head"), name="teammember_one_head",
                                    violation_error_message=_("Đoàn giám sát đã có Trưởng đoàn.")),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class DocumentKind(models.TextChoices):
    PLAN = "plan", _("Kế hoạch, quyết định thành lập đoàn")
    SUBJECT_REPORT = "subject_report", _("Báo cáo của đối tượng được giám sát")
    REPORT = "report", _("Báo cáo kết quả giám sát")
    ANSWER = "answer", _("Văn bản trả lời")
    OTHER = "other", _("Khác")


class ActivityDocument(models.Model):
    """A document of the activity (PDF or Word, checked by content), served only through the activity's page."""

    activity = models.ForeignKey(SupervisionActivity, on_delete=models.CASCADE, related_name="documents",
                                 verbose_name=_("cuộc giám sát"))
    kind = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    title = models.CharField(_("tên văn bản"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="supervision/documents/%Y/")
    original_name = models.CharField(max_length=255, editable=False)
    # What the bytes are (events.services.materials.sniff): the download's content type.
    file_kind = models.CharField(max_length=10, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("người tải lên"))
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản giám sát")
        verbose_name_plural = _("văn bản giám sát")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("Tiếp thu")
    PARTLY = "partly", _("Tiếp thu một phần")
    REJECTED = "rejected", _("Không tiếp thu")


class Progress(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã thực hiện xong")


class Recommendation(models.Model):
    """One recommendation of an activity, tracked on its own until answered and carried out."""

    activity = models.ForeignKey(SupervisionActivity, on_delete=models.PROTECT, related_name="recommendations",
                                 verbose_name=_("cuộc giám sát"))
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("đơn vị kiến nghị"))
    addressee = models.CharField(_("nơi nhận kiến nghị"), max_length=255)
    content = models.TextField(_("nội dung kiến nghị"))
    issued_on = models.DateField(_("ngày gửi kiến nghị"))
    answer_due = models.DateField(_("hạn trả lời"))
    answered_on = models.DateField(_("ngày nhận trả lời"), null=True, blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    outcome = models.CharField(_("kết quả tiếp thu"), max_length=10, choices=Outcome.choices, blank=True)
    progress = models.CharField(_("tiến độ thực hiện"), max_length=12, choices=Progress.choices,
                                default=Progress.NOT_STARTED)
    progress_note = models.TextField(_("ghi chú tiến độ"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kiến nghị sau giám sát")
        verbose_name_plural = _("kiến nghị sau giám sát")
        ordering = ["answer_due", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(answer_due__gte=F("issued_on")), name="recommendation_due_after_issue",
                                   violation_error_message=_("Hạn trả lời không được trước ngày gửi kiến nghị.")),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=F("issued_on")),
                name="recommendation_answer_after_issue",
                violation_error_message=_("Ngày nhận trả lời không được trước ngày gửi kiến nghị.")),
            models.CheckConstraint(
                condition=(Q(answered_on__isnull=True, outcome="") | Q(answered_on__isnull=False) & ~Q(outcome="")),
                name="recommendation_answer_has_outcome",
                violation_error_message=_("Khi ghi nhận trả lời, hãy chọn kết quả tiếp thu.")),
            models.CheckConstraint(condition=Q(outcome__in=["", *Outcome.values]), name="recommendation_outcome"),
            models.CheckConstraint(condition=Q(progress__in=Progress.values), name="recommendation_progress"),
        ]
        # The follow-up list: open recommendations of a subtree by deadline.
        indexes = [models.Index(fields=["answered_on", "answer_due"], name="recommendation_open_due")]

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def is_answered(self) -> bool:
        return self.answered_on is not None


class Escalation(models.Model):
    """An unanswered recommendation handed to the next Front level up, which writes to the superior of the
    body supervised. Owned by that level (`to_unit`), so it shows in its own follow-up list."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="escalations",
                                       verbose_name=_("kiến nghị"))
    from_unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("đơn vị chuyển"))
    to_unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("Mặt trận cấp trên"))
    superior = models.CharField(_("cơ quan cấp trên nhận văn bản"), max_length=255)
    escalated_on = models.DateField(_("ngày chuyển"))
    reason = models.TextField(_("lý do"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("người chuyển"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chuyển kiến nghị lên cấp trên")
        verbose_name_plural = _("chuyển kiến nghị lên cấp trên")
        ordering = ["-escalated_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "to_unit"], name="escalation_once_per_level",
                                    violation_error_message=_("Kiến nghị này đã được chuyển lên cấp trên.")),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id} → {self.superior}"


# -- social critique (phản biện xã hội) ------------------------------------------------------------


class CritiqueStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận dự thảo")
    ISSUED = "issued", _("Đã gửi văn bản phản biện")
    ANSWERED = "answered", _("Đã nhận giải trình, tiếp thu")


class Critique(models.Model):
    """A draft policy or document received for social critique (Decision 217-QĐ/TW; Joint Resolution 403/2017):
    opinions are gathered (a conference through the events domain, experts' written opinions), the Front's
    critique is issued, and the drafting body's response is tracked like a recommendation's answer."""

    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="critiques",
                             verbose_name=_("đơn vị phản biện"))
    title = models.CharField(_("dự thảo được phản biện"), max_length=255)
    issuing_body = models.CharField(_("cơ quan soạn thảo"), max_length=255)
    received_on = models.DateField(_("ngày nhận dự thảo"))
    deadline = models.DateField(_("hạn gửi ý kiến phản biện"))
    summary = models.TextField(_("tóm tắt nội dung dự thảo"), blank=True)
    conference = models.ForeignKey("events.Event", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("hội nghị phản biện"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=CritiqueStatus.choices,
                              default=CritiqueStatus.RECEIVED)
    critique = models.TextField(_("nội dung phản biện"), blank=True)
    issued_on = models.DateField(_("ngày gửi văn bản phản biện"), null=True, blank=True)
    response_due = models.DateField(_("hạn giải trình, tiếp thu"), null=True, blank=True)
    responded_on = models.DateField(_("ngày nhận giải trình"), null=True, blank=True)
    response = models.TextField(_("nội dung giải trình, tiếp thu"), blank=True)
    outcome = models.CharField(_("kết quả tiếp thu"), max_length=10, choices=Outcome.choices, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phản biện xã hội")
        verbose_name_plural = _("phản biện xã hội")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gte=F("received_on")), name="critique_deadline_after_receipt",
                                   violation_error_message=_("Hạn gửi ý kiến không được trước ngày nhận dự thảo.")),
            models.CheckConstraint(condition=Q(issued_on__isnull=True) | Q(issued_on__gte=F("received_on")),
                                   name="critique_issued_after_receipt",
                                   violation_error_message=_("Ngày gửi văn bản phản biện không được trước ngày nhận "
                                                             "dự thảo.")),
            models.CheckConstraint(condition=Q(responded_on__isnull=True) | Q(responded_on__gte=F("issued_on")),
                                   name="critique_response_after_issue",
                                   violation_error_message=_("Ngày nhận giải trình không được trước ngày gửi văn bản "
                                                             "phản biện.")),
            models.CheckConstraint(condition=Q(status__in=CritiqueStatus.values), name="critique_status"),
        ]

    def __str__(self) -> str:
        return self.title


class ExpertOpinion(models.Model):
    """A written opinion collected for a critique: from a person of the directory or an outside expert."""

    critique = models.ForeignKey(Critique, on_delete=models.CASCADE, related_name="opinions",
                                 verbose_name=_("phản biện"))
    author = models.CharField(_("người góp ý"), max_length=255)
    affiliation = models.CharField(_("cơ quan, chuyên môn"), max_length=255, blank=True)
    content = models.TextField(_("nội dung ý kiến"))
    received_on = models.DateField(_("ngày nhận ý kiến"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ý kiến chuyên gia")
        verbose_name_plural = _("ý kiến chuyên gia")
        ordering = ["received_on", "id"]

    def __str__(self) -> str:
        return self.author


# -- grassroots democracy: household consultations (Law 10/2022/QH15, Decree 59/2023) ------------------


class Household(models.Model):
    """A household of a residential area, as the area's front work committee lists it for consultations."""

    area = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="households",
                             verbose_name=_("khu dân cư"))
    head_name = models.CharField(_("chủ hộ"), max_length=255)
    address = models.CharField(_("địa chỉ"), max_length=255)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hộ gia đình")
        verbose_name_plural = _("hộ gia đình")
        ordering = ["address", "head_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["area", "head_name", "address"], name="household_once_per_area",
                                    violation_error_message=_("Khu dân cư đã có hộ này (cùng chủ hộ và địa chỉ).")),
        ]

    def __str__(self) -> str:
        return f"{self.head_name} — {self.address}"


class ApprovalBase(models.TextChoices):
    HOUSEHOLDS = "households", _("Trên tổng số hộ của khu dân cư")
    ANSWERS = "answers", _("Trên số hộ cho ý kiến")


class Consultation(models.Model):
    """Asking every household of an area one question (lấy ý kiến hộ gia đình): one answer per household, on paper
    or online; the result is checked against the rule the area uses (approval share of the households or of the
    answers, and a minimum turnout)."""

    area = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="consultations",
                             verbose_name=_("khu dân cư"))
    question = models.CharField(_("nội dung lấy ý kiến"), max_length=500)
    opens_on = models.DateField(_("bắt đầu"))
    closes_on = models.DateField(_("kết thúc"))
    turnout_percent = models.PositiveSmallIntegerField(_("tỷ lệ hộ cho ý kiến tối thiểu (%)"), default=50)
    approval_percent = models.PositiveSmallIntegerField(_("tỷ lệ tán thành cần vượt (%)"), default=50)
    approval_base = models.CharField(_("tính tỷ lệ tán thành"), max_length=12, choices=ApprovalBase.choices,
                                     default=ApprovalBase.HOUSEHOLDS)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lấy ý kiến hộ gia đình")
        verbose_name_plural = _("lấy ý kiến hộ gia đình")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="consultation_dates_order",
                                   violation_error_message=_("Ngày kết thúc không được trước ngày bắt đầu.")),
            models.CheckConstraint(condition=Q(turnout_percent__lte=100) & Q(approval_percent__lte=100),
                                   name="consultation_percent_range",
                                   violation_error_message=_("Tỷ lệ phải từ 0 đến 100%.")),
        ]

    def __str__(self) -> str:
        return self.question


class Answer(models.TextChoices):
    AGREE = "agree", _("Đồng ý")
    DISAGREE = "disagree", _("Không đồng ý")
    OTHER = "other", _("Ý kiến khác")


class AnswerChannel(models.TextChoices):
    PAPER = "paper", _("Phiếu giấy")
    ONLINE = "online", _("Trực tuyến")


class HouseholdAnswer(models.Model):
    """The one answer of a household. The unique constraint, not a prior check, is what refuses a second answer
    when two are recorded at once."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="answers",
                                     verbose_name=_("lấy ý kiến"))
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="answers",
                                  verbose_name=_("hộ gia đình"))
    answer = models.CharField(_("ý kiến"), max_length=10, choices=Answer.choices)
    channel = models.CharField(_("hình thức"), max_length=10, choices=AnswerChannel.choices,
                               default=AnswerChannel.PAPER)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ý kiến của hộ")
        verbose_name_plural = _("ý kiến của hộ")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "household"], name="householdanswer_once",
                                    violation_error_message=_("Hộ gia đình này đã cho ý kiến trong đợt lấy ý kiến "
                                                              "này; mỗi hộ chỉ một ý kiến.")),
        ]

    def __str__(self) -> str:
        return f"{self.household_id}: {self.answer}"
