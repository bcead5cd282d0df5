"""Conferences and trainings: the event, its audience rules and invitations, guests of honour,
speakers, programme, materials, attendance and feedback.

An event belongs to its organising unit; everything about it is reached through that unit's
subtree. Invitations also carry the unit through which a person was invited (a snapshot), so a
ward sees the attendance of its own people at a district training and nothing more.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class EventType(models.Model):
    """A configurable kind of event (hội nghị, tập huấn/bồi dưỡng, hội thảo…)."""

    code = models.SlugField(_("mã loại"), max_length=40, unique=True)
    name = models.CharField(_("tên loại"), max_length=120)
    noun = models.CharField(_("cách gọi trong bài viết"), max_length=60,
                            help_text=_("Ví dụ: hội nghị, hội thảo, ngày hội"))
    is_training = models.BooleanField(_("là lớp tập huấn, bồi dưỡng"), default=False,
                                      help_text=_("Được tính vào quá trình bồi dưỡng của người dự"))
    rank = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        ordering = ["rank", "name"]
        verbose_name = _("loại sự kiện")
        verbose_name_plural = _("loại sự kiện")

    def __str__(self) -> str:
        return self.name


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    PLANNED = "planned", _("Đã lên kế hoạch")
    OPEN = "open", _("Đang nhận đăng ký")
    HELD = "held", _("Đã tổ chức")
    REPORTED = "reported", _("Đã báo cáo, kết thúc")


# Stages in which the plan (programme, guests, speakers, audience) may still change; before the event is
# held; after it (certificates, conclusions, the report).
BEFORE_CLOSE = (EventStatus.DRAFT, EventStatus.PLANNED, EventStatus.OPEN, EventStatus.HELD)
BEFORE_HELD = (EventStatus.DRAFT, EventStatus.PLANNED, EventStatus.OPEN)
AFTER_HELD = (EventStatus.HELD, EventStatus.REPORTED)


class Event(models.Model):
    """A conference or training organised by a unit ("Ban Thường trực Ủy ban MTTQ Việt Nam quận …")."""

    title = models.CharField(_("tên sự kiện"), max_length=255)
    event_type = models.ForeignKey(EventType, on_delete=models.PROTECT, related_name="events",
                                   verbose_name=_("loại"))
    # PROTECT: units are never deleted once records hang on them (they get a validity period instead).
    organiser = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="events",
                                  verbose_name=_("đơn vị tổ chức"))
    organiser_label = models.CharField(_("cơ quan tổ chức"), max_length=255,
                                       help_text=_("Ví dụ: Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Xuân"))
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    audience_label = models.CharField(_("đối tượng (cách gọi chung)"), max_length=255, blank=True,
                                      help_text=_("Ví dụ: cán bộ quận và cơ sở"))
    status = models.CharField(_("trạng thái"), max_length=12, choices=EventStatus.choices, default=EventStatus.DRAFT,
                              db_index=True)
    description = models.TextField(_("mô tả"), blank=True)
    conclusion = models.TextField(_("kết luận của chủ trì"), blank=True)
    concluded_by = models.ForeignKey("people.Person", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("người kết luận"))
    concluded_by_label = models.CharField(_("chức vụ của người kết luận"), max_length=255, blank=True)
    # Draft of the news article; the news module turns it into an article to edit and publish.
    article_title = models.CharField(_("tiêu đề bài viết"), max_length=255, blank=True)
    article_lede = models.TextField(_("sapo bài viết"), blank=True)
    article_body = models.TextField(_("nội dung bài viết"), blank=True,
                                    help_text=_("Các đoạn cách nhau bởi một dòng trống"))
    article_source = models.CharField(_("nguồn tin"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The lowest unit above every invitation's unit (kept by the audience services): users below another
    # unit's event look for their invitations only in events whose invited root is in or above their reach,
    # not in every event of the country (events.selectors.events_visible). Derived, so not in the history.
    invited_root = models.ForeignKey("orgunits.OrgUnit", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", editable=False)

    history = HistoricalRecords(excluded_fields=["invited_root"])

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")
        indexes = [models.Index(fields=["organiser", "starts_at"]),
                   models.Index(fields=["-starts_at", "-id"], name="event_list_order")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start",
                                   violation_error_message=_("Thời gian kết thúc phải sau thời gian bắt đầu.")),
        ]

    def __str__(self) -> str:
        return self.title


class AudienceRule(models.Model):
    """Who is invited: holders of some positions at a unit, or anywhere in its subtree (optionally
    only at units of one type), on the day of the event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rules", verbose_name=_("sự kiện"))
    root = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    include_subtree = models.BooleanField(_("gồm các đơn vị trực thuộc"), default=True)
    unit_type = models.ForeignKey("orgunits.UnitType", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("chỉ đơn vị loại"))
    positions = models.ManyToManyField("people.Position", related_name="+", verbose_name=_("chức vụ"))
    label = models.CharField(_("cách gọi trong báo cáo, bài viết"), max_length=255, blank=True,
                             help_text=_("Ví dụ: Trưởng ban công tác Mặt trận khu dân cư trên địa bàn 11 phường"))

    history = HistoricalRecords(m2m_fields=[positions])

    class Meta:
        ordering = ["id"]
        verbose_name = _("đối tượng mời")
        verbose_name_plural = _("đối tượng mời")

    def __str__(self) -> str:
        return self.label or str(self.root)


class InvitationStatus(models.TextChoices):
    INVITED = "invited", _("Đã mời")
    CONFIRMED = "confirmed", _("Xác nhận tham dự")
    DECLINED = "declined", _("Báo vắng")


class InvitationSource(models.TextChoices):
    RULE = "rule", _("Theo đối tượng")
    MANUAL = "manual", _("Thêm thủ công")


# Codes are read aloud and typed from paper: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12  # 31^12 ≈ 2^59: not guessable


def new_invitation_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


class Invitation(models.Model):
    """One person invited to one event, with the personal code on their QR and their attendance."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("sự kiện"))
    # CASCADE: erasing a person (data protection) removes their invitations with them.
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="invitations",
                               verbose_name=_("người được mời"))
    code = models.CharField(_("mã cá nhân"), max_length=16, unique=True, default=new_invitation_code, editable=False)
    status = models.CharField(_("trạng thái"), max_length=12, choices=InvitationStatus.choices,
                              default=InvitationStatus.INVITED)
    source = models.CharField(_("nguồn"), max_length=8, choices=InvitationSource.choices, default=InvitationSource.RULE)
    # Snapshot of the day: where and as what the person was invited, even if their terms change later.
    via_unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("đơn vị"))
    position_label = models.CharField(_("chức vụ"), max_length=255, blank=True)
    position_rank = models.PositiveSmallIntegerField(default=1000, editable=False)
    responded_at = models.DateTimeField(_("thời điểm trả lời"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("thời điểm điểm danh"), null=True, blank=True)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("người điểm danh"))
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giấy mời")
        verbose_name_plural = _("giấy mời")
        indexes = [models.Index(fields=["event", "via_unit"]), models.Index(fields=["person", "event"])]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="invitation_once_per_event",
                                    violation_error_message=_("Người này đã có trong danh sách mời.")),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.event}"

    @property
    def code_display(self) -> str:
        """"ABCD-EFGH-JKMN": easier to read out and type."""
        return "-".join(self.code[i:i + 4] for i in range(0, len(self.code), 4))


class Exclusion(models.Model):
    """A person removed by hand from a rule-based list: rebuilding the list does not bring them back."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="exclusions")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("người bỏ khỏi danh sách mời")
        verbose_name_plural = _("người bỏ khỏi danh sách mời")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="exclusion_once_per_event")]

    def __str__(self) -> str:
        return f"{self.person} ∉ {self.event}"


class Guest(models.Model):
    """A guest of honour ("Dự hội nghị có các đồng chí …") with the position held on the day."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="guests", verbose_name=_("sự kiện"))
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("người"))
    position_label = models.CharField(_("chức vụ"), max_length=255, blank=True,
                                      help_text=_("Ví dụ: UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("khách mời")
        verbose_name_plural = _("khách mời")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="guest_once_per_event",
                                               violation_error_message=_("Người này đã có trong danh sách khách mời."))]

    def __str__(self) -> str:
        return f"{self.person} – {self.position_label}" if self.position_label else str(self.person)


class Speaker(models.Model):
    """A speaker (báo cáo viên): someone of the tree, or a name from outside it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("sự kiện"))
    person = models.ForeignKey("people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("người trong danh bạ"))
    full_name = models.CharField(_("họ và tên"), max_length=255)
    title = models.CharField(_("học hàm, học vị"), max_length=60, blank=True, help_text=_("Ví dụ: Tiến sỹ"))
    affiliation = models.CharField(_("chức vụ, nơi công tác"), max_length=255, blank=True,
                                   help_text=_("Ví dụ: Nguyên Giám đốc Trung tâm Bồi dưỡng cán bộ …"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("báo cáo viên")
        verbose_name_plural = _("báo cáo viên")

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        """"Tiến sỹ Tạ Văn Sỹ - Nguyên Giám đốc …", as the press writes it."""
        name = f"{self.title} {self.full_name}" if self.title else self.full_name
        return f"{name} - {self.affiliation}" if self.affiliation else name


class ProgrammeItem(models.Model):
    """A session or topic of the programme."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="programme", verbose_name=_("sự kiện"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("nội dung"), max_length=500)
    time = models.TimeField(_("giờ"), null=True, blank=True)
    speaker = models.ForeignKey(Speaker, on_delete=models.SET_NULL, null=True, blank=True, related_name="items",
                                verbose_name=_("báo cáo viên"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "time", "id"]
        verbose_name = _("nội dung chương trình")
        verbose_name_plural = _("chương trình")

    def __str__(self) -> str:
        return self.title


class MaterialKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    PPTX = "pptx", "PowerPoint (PPTX)"
    JPEG = "jpeg", _("Ảnh JPEG")
    PNG = "png", _("Ảnh PNG")


def material_path(instance: Material, filename: str) -> str:
    """A random name under MEDIA_ROOT: the uploader's file name never reaches the file system."""
    return f"events/materials/{secrets.token_hex(16)}.{instance.kind}"


class Material(models.Model):
    """A document of the event (slides, a reference text, photos). Served only through the event's page."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials", verbose_name=_("sự kiện"))
    file = models.FileField(_("tệp"), upload_to=material_path, max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    title = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    kind = models.CharField(_("loại tệp"), max_length=8, choices=MaterialKind.choices)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("tài liệu")
        verbose_name_plural = _("tài liệu")

    def __str__(self) -> str:
        return self.title or self.original_name


class Feedback(models.Model):
    """An attendee's short rating and comment, given with their personal code."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="feedback",
                                      verbose_name=_("giấy mời"))
    rating = models.PositiveSmallIntegerField(_("đánh giá"))
    comment = models.TextField(_("góp ý"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ý kiến phản hồi")
        verbose_name_plural = _("ý kiến phản hồi")
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_5",
                                   violation_error_message=_("Điểm đánh giá từ 1 đến 5.")),
        ]

    def __str__(self) -> str:
        return f"{self.invitation} — {self.rating}"
