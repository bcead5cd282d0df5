from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doanket.core.forms import VNDateTimeField
from doanket.orgunits.models import UnitType
from doanket.people.models import Position

from .models import EventStatus, EventType, InvitationStatus


def _unit_field(units, label, required=True):
    field = forms.ModelChoiceField(label=label, queryset=units, required=required)
    field.label_from_instance = lambda u: u.label  # type: ignore[method-assign,assignment]
    return field


class EventFilter(forms.Form):
    status = forms.ChoiceField(label=_("Trạng thái"), required=False,
                               choices=[("", _("Mọi trạng thái")), *EventStatus.choices])
    event_type = forms.ModelChoiceField(label=_("Loại"), queryset=EventType.objects.all(), required=False,
                                        empty_label=_("Mọi loại"))
    year = forms.TypedChoiceField(label=_("Năm"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        year = self.fields["year"]
        assert isinstance(year, forms.ChoiceField)
        year.choices = [("", _("Mọi năm")), *[(y, str(y)) for y in years]]


class EventForm(forms.Form):
    title = forms.CharField(label=_("Tên sự kiện"), max_length=255,
                            widget=forms.TextInput(attrs={"placeholder": _("vd: Hội nghị tập huấn kỹ năng, nghiệp vụ "
                                                                           "công tác Mặt trận Tổ quốc năm 2022")}))
    event_type = forms.ModelChoiceField(label=_("Loại"), queryset=EventType.objects.all())
    organiser_label = forms.CharField(label=_("Cơ quan tổ chức"), max_length=255, required=False,
                                      help_text=_("Để trống: “Ban Thường trực Ủy ban MTTQ Việt Nam …” theo đơn vị."))
    starts_at = VNDateTimeField(label=_("Bắt đầu"))
    ends_at = VNDateTimeField(label=_("Kết thúc"))
    venue = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    audience_label = forms.CharField(label=_("Đối tượng (cách gọi chung)"), max_length=255, required=False,
                                     help_text=_("Ví dụ: cán bộ quận và cơ sở"))
    description = forms.CharField(label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"] = _unit_field(units, _("Đơn vị tổ chức"))
        self.order_fields(["title", "event_type", "organiser"])

    def clean(self):
        data = super().clean() or {}
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("Thời gian kết thúc phải sau thời gian bắt đầu."))
        return data


class RuleForm(forms.Form):
    include_subtree = forms.BooleanField(label=_("Gồm các đơn vị trực thuộc"), required=False, initial=True)
    unit_type = forms.ModelChoiceField(label=_("Chỉ ở các đơn vị loại"), queryset=UnitType.objects.all(),
                                       required=False, empty_label=_("Mọi loại đơn vị"))
    positions = forms.ModelMultipleChoiceField(label=_("Chức vụ"), queryset=Position.objects.all(),
                                               widget=forms.CheckboxSelectMultiple)
    label = forms.CharField(label=_("Cách gọi trong báo cáo, bài viết"), max_length=255, required=False,
                            help_text=_("Ví dụ: Ủy viên Thường trực Ủy ban MTTQ Việt Nam quận và các phường"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["root"] = _unit_field(units, _("Đơn vị"))
        self.order_fields(["root", "include_subtree", "unit_type", "positions", "label"])


class PersonPickForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)


class GuestForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    position_label = forms.CharField(label=_("Chức vụ (để trống: lấy theo chức vụ ngày diễn ra)"), max_length=255,
                                     required=False)


class SpeakerForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput, required=False)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=255, required=False)
    title = forms.CharField(label=_("Học hàm, học vị"), max_length=60, required=False,
                            widget=forms.TextInput(attrs={"placeholder": _("vd: Tiến sỹ")}))
    affiliation = forms.CharField(label=_("Chức vụ, nơi công tác"), max_length=255, required=False,
                                  help_text=_("Để trống nếu chọn người trong danh bạ: lấy theo chức vụ (hoặc chức vụ "
                                              "cũ, “Nguyên …”) vào ngày diễn ra."))

    def clean(self):
        data = super().clean() or {}
        if not data.get("person") and not (data.get("full_name") or "").strip():
            self.add_error("full_name", _("Cần nhập họ và tên báo cáo viên hoặc chọn một người."))
        return data


class ProgrammeItemForm(forms.Form):
    time = forms.TimeField(label=_("Giờ"), required=False, input_formats=["%H:%M", "%Hh%M", "%Hh"],
                           widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": _("giờ:phút"),
                                                                         "inputmode": "numeric"}),
                           error_messages={"invalid": _("Giờ không hợp lệ: nhập dạng HH:MM, ví dụ 14:30.")})
    title = forms.CharField(label=_("Nội dung, chủ đề"), max_length=500)

    def __init__(self, *args, speakers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speaker"] = forms.TypedChoiceField(
            label=_("Báo cáo viên"), required=False, coerce=int, empty_value=None,
            choices=[("", "—"), *[(s.pk, s.full_name) for s in speakers]])


class MaterialForm(forms.Form):
    file = forms.FileField(label=_("Tệp (PDF, DOCX, PPTX, JPEG, PNG)"))
    title = forms.CharField(label=_("Tiêu đề"), max_length=255, required=False)


class ConcludeForm(forms.Form):
    conclusion = forms.CharField(label=_("Nội dung kết luận"), widget=forms.Textarea(attrs={"rows": 6}),
                                 help_text=_("Viết tiếp sau tên người kết luận, vd: “ghi nhận và đánh giá cao …”"))
    concluded_by_label = forms.CharField(label=_("Chức vụ người kết luận"), max_length=255, required=False,
                                         help_text=_("Để trống: lấy theo danh sách khách mời hoặc chức vụ ngày diễn ra."))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concluded_by"] = forms.TypedChoiceField(
            label=_("Người kết luận (chủ trì)"), required=False, coerce=int, empty_value=None,
            choices=[("", "—"), *[(p.pk, p.full_name) for p in people]])
        self.order_fields(["concluded_by", "concluded_by_label", "conclusion"])


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Mã cá nhân"), max_length=300, widget=forms.TextInput(attrs={
        "autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "autofocus": True,
        "placeholder": "ABCD-EFGH-JKMN", "enterkeyhint": "go"}))
    # After the event (a list ticked later), the clerk gives the real arrival time; empty = the start time.
    arrived = forms.TimeField(label=_("Giờ đến thực tế"), required=False, input_formats=["%H:%M", "%Hh%M", "%Hh"],
                              widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": _("giờ:phút"),
                                                                            "inputmode": "numeric"}),
                              error_messages={"invalid": _("Giờ đến viết dạng HH:MM, ví dụ 14:05.")})


class InvitationSearch(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên"), required=False,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("vd: nguyen van")}))
    status = forms.ChoiceField(label=_("Trả lời"), required=False,
                               choices=[("", _("Tất cả")), *InvitationStatus.choices])
    present = forms.ChoiceField(label=_("Điểm danh"), required=False,
                                choices=[("", _("Tất cả")), ("1", _("Có mặt")), ("0", _("Chưa có mặt"))])


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("Đánh giá chung"), coerce=int, widget=forms.RadioSelect,
                                    choices=[(5, _("5 — Rất tốt")), (4, _("4 — Tốt")), (3, _("3 — Được")),
                                             (2, _("2 — Chưa tốt")), (1, _("1 — Kém"))])
    comment = forms.CharField(label=_("Góp ý (không bắt buộc)"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}))
