"""Citizens' feedback and petitions (phản ánh, kiến nghị — PAKN).

A petition is received by one Front unit (a commune or ward of today's map, or a higher level it was
passed to), screened, possibly routed up or down the tree, forwarded to the competent authority with
an answer deadline counted in working days, answered, and its answer published in a moderated
wording. Every step is a `Transition` row (who, when, from which status to which, why), shown as the
petition's timeline; the petition itself keeps a django-simple-history audit trail as well.

Citizens file online without an account: the petition only counts once the e-mail link sent to its
author is used (status PENDING until then). Its tracking code is the citizen's credential for the
status page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Kind(models.TextChoices):
    FEEDBACK = "feedback", _("Phản ánh")
    PETITION = "petition", _("Kiến nghị")
    # Received and forwarded by the Front under their own laws (Law on Complaints 02/2011, Law on
    # Denunciations 25/2018).
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")


class Status(models.TextChoices):
    PENDING = "pending", _("Chờ xác nhận e-mail")
    SUBMITTED = "submitted", _("Đã tiếp nhận")
    NEEDS_INFO = "needs_info", _("Cần bổ sung thông tin")
    SCREENED = "screened", _("Hợp lệ, đang xử lý")
    OUT_OF_SCOPE = "out_of_scope", _("Không thuộc phạm vi")
    DUPLICATE = "duplicate", _("Trùng với phản ánh khác")
    ROUTED = "routed", _("Đã chuyển đơn vị Mặt trận khác")
    FORWARDED = "forwarded", _("Đã chuyển cơ quan có thẩm quyền")
    AWAITING = "awaiting", _("Chờ cơ quan trả lời")
    ANSWERED = "answered", _("Đã có trả lời")
    PUBLISHED = "published", _("Đã công khai trả lời")
    CLOSED = "closed", _("Đã kết thúc")
    ESCALATED = "escalated", _("Quá hạn, đã chuyển cấp trên")
    WITHDRAWN = "withdrawn", _("Người gửi đã rút")
    HIDDEN = "hidden", _("Đã ẩn")


# Still waiting for someone to act: these can be overdue.
OPEN_STATUSES = (Status.SUBMITTED, Status.NEEDS_INFO, Status.SCREENED, Status.ROUTED, Status.FORWARDED,
                 Status.AWAITING, Status.ESCALATED)
# Never shown to the public nor counted as received: not confirmed yet, or hidden by the staff.
UNCOUNTED_STATUSES = (Status.PENDING, Status.HIDDEN)
# The public sees the answer of these (when it was published).
PUBLIC_STATUSES = (Status.PUBLISHED, Status.CLOSED)


class Channel(models.TextChoices):
    ONLINE = "online", _("Gửi trực tuyến")
    PAPER = "paper", _("Đơn, thư giấy")
    HOTLINE = "hotline", _("Đường dây nóng")
    IN_PERSON = "in_person", _("Tiếp công dân")
    VOTER_MEETING = "voter_meeting", _("Tiếp xúc cử tri")
    AREA_MEETING = "area_meeting", _("Họp khu dân cư")


class Sector(models.Model):
    """A field the petition is about (urban order, environment, land…): a list the operators keep."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("lĩnh vực"), max_length=120)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class DeadlineRule(models.Model):
    """How many working days an answer may take for one kind of petition, and on what legal basis.
    Laws change: the numbers are data, kept by the operators."""

    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, unique=True)
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    escalate_after = models.PositiveSmallIntegerField(
        _("chuyển cấp trên sau (ngày làm việc quá hạn)"), default=5,
        help_text=_("Quá hạn thêm chừng ấy ngày làm việc thì chuyển lên Ủy ban MTTQ cấp trên (mặc định, "
                    "có thể điều chỉnh)."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thời hạn trả lời")
        verbose_name_plural = _("thời hạn trả lời")
        constraints = [
            models.CheckConstraint(condition=Q(working_days__gte=1), name="petition_rule_days_positive",
                                   violation_error_message=_("Thời hạn phải từ 1 ngày làm việc.")),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.working_days}"


class Petition(models.Model):
    code = models.CharField(_("mã tra cứu"), max_length=16, unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.FEEDBACK)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="petitions",
                               verbose_name=_("lĩnh vực"))
    subject = models.CharField(_("tiêu đề"), max_length=255)
    content = models.TextField(_("nội dung"))
    # Folded subject and content (accents and đ removed) for search and duplicate suggestions.
    search_text = models.TextField(editable=False, blank=True)
    # The receiving Front unit today. PROTECT: a unit with petitions is closed (valid_to), not deleted.
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="petitions",
                             verbose_name=_("đơn vị tiếp nhận"))
    # The unit that first received it: it keeps seeing a petition it passed up the tree.
    origin_unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("đơn vị tiếp nhận ban đầu"))
    area = models.ForeignKey("orgunits.OrgUnit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("khu dân cư"))
    place_text = models.CharField(_("địa chỉ người gửi ghi"), max_length=255, blank=True)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=16, choices=Channel.choices, default=Channel.ONLINE)
    # The voters' meeting (an event of type "tiếp xúc cử tri") where it was raised. SET_NULL: the petition
    # outlives a deleted event.
    event = models.ForeignKey("events.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                              verbose_name=_("hội nghị tiếp xúc cử tri"))
    contact_name = models.CharField(_("họ và tên người gửi"), max_length=255, blank=True)
    contact_phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    consent_at = models.DateTimeField(_("đồng ý xử lý dữ liệu cá nhân lúc"), null=True, blank=True)
    # The e-mail link is single-use: confirming clears the nonce, so the same link cannot count twice.
    confirm_nonce = models.CharField(max_length=32, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("xác nhận e-mail lúc"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING)
    duplicate_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="duplicates", verbose_name=_("trùng với"))
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    deadline = models.DateField(_("hạn trả lời"), null=True, blank=True)
    deadline_basis = models.CharField(_("căn cứ thời hạn"), max_length=255, blank=True)
    overdue_at = models.DateTimeField(_("ghi nhận quá hạn lúc"), null=True, blank=True)
    authority_name = models.CharField(_("cơ quan có thẩm quyền"), max_length=255, blank=True)
    authority_address = models.CharField(_("địa chỉ cơ quan"), max_length=255, blank=True)
    forwarded_on = models.DateField(_("ngày chuyển"), null=True, blank=True)
    answer_text = models.TextField(_("nội dung trả lời"), blank=True)
    answer_on = models.DateField(_("ngày nhận trả lời"), null=True, blank=True)
    public_answer = models.TextField(_("nội dung trả lời công khai"), blank=True)
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["search_text", "confirm_nonce"])

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "status", "received_at"], name="petition_unit_status"),
            models.Index(fields=["status", "deadline"], name="petition_status_deadline"),
            models.Index(fields=["published_at"], name="petition_published"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="petition_status_valid"),
            models.CheckConstraint(condition=~Q(duplicate_of=models.F("id")), name="petition_not_own_duplicate",
                                   violation_error_message=_("Phản ánh không thể trùng với chính nó.")),
            models.CheckConstraint(
                condition=~Q(channel="online") | ~Q(contact_email="") | Q(status="hidden"),
                name="petition_online_has_email",
                violation_error_message=_("Phản ánh gửi trực tuyến cần địa chỉ e-mail để xác nhận.")),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.subject}"

    @property
    def code_display(self) -> str:
        """"PAK7-M9Q2-XR": read aloud and typed in groups."""
        return "-".join(self.code[i:i + 4] for i in range(0, len(self.code), 4))

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today) -> bool:  # type: ignore[no-untyped-def]
        return self.is_open and self.deadline is not None and self.deadline < today

    @property
    def answered_on_time(self) -> bool | None:
        if self.answer_on is None or self.deadline is None:
            return None
        return self.answer_on <= self.deadline


class Action(models.TextChoices):
    SUBMIT = "submit", _("Gửi phản ánh")
    CONFIRM = "confirm", _("Xác nhận e-mail")
    INTAKE = "intake", _("Cán bộ tiếp nhận")
    SCREEN = "screen", _("Phân loại")
    ROUTE = "route", _("Chuyển đơn vị")
    FORWARD = "forward", _("Chuyển cơ quan có thẩm quyền")
    ACKNOWLEDGE = "acknowledge", _("Cơ quan đã tiếp nhận")
    ANSWER = "answer", _("Ghi nhận trả lời")
    PUBLISH = "publish", _("Công khai trả lời")
    CLOSE = "close", _("Kết thúc")
    REOPEN = "reopen", _("Mở lại")
    HIDE = "hide", _("Ẩn")
    WITHDRAW = "withdraw", _("Rút phản ánh")
    OVERDUE = "overdue", _("Quá hạn")
    ESCALATE = "escalate", _("Chuyển cấp trên")
    CONTACT_VIEW = "contact_view", _("Xem thông tin liên hệ")
    ERASE = "erase", _("Xoá thông tin liên hệ")


class Transition(models.Model):
    """One step of a petition's life: the timeline on its page. `public` steps are shown to the citizen
    on the tracking page too (without the staff's names or notes)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="transitions")
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("người thực hiện"))
    action = models.CharField(_("thao tác"), max_length=16, choices=Action.choices)
    from_status = models.CharField(_("từ trạng thái"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=16, choices=Status.choices)
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("đơn vị"))
    note = models.TextField(_("ghi chú"), blank=True)
    public = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.petition_id}: {self.action} → {self.to_status}"


class AttachmentKind(models.TextChoices):
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"
    PDF = "pdf", "PDF"


class AttachmentRole(models.TextChoices):
    EVIDENCE = "evidence", _("Tài liệu người gửi")
    ANSWER = "answer", _("Văn bản trả lời")


class Attachment(models.Model):
    """A file of a petition, checked by its content; images are re-encoded without EXIF (a phone's photo
    carries the GPS position of the citizen's home). Served only through the petition's pages."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="petitions/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    kind = models.CharField(max_length=8, choices=AttachmentKind.choices)
    role = models.CharField(max_length=12, choices=AttachmentRole.choices, default=AttachmentRole.EVIDENCE)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name
