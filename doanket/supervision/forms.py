from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from doanket.core.forms import VNDateField
from doanket.orgunits.forms import UnitChoiceField

from . import conf
from .models import Answer as HouseholdAnswerChoice
from .models import AnswerChannel, ApprovalBase, DocumentKind, Outcome, Progress, SupervisionForm, TeamRole
from .selectors import Filter


def _text(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=255, required=False,
                            help_text=_("Để trống: “Kế hoạch giám sát năm …”"))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=_text(3))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"] = UnitChoiceField(label=_("Đơn vị"), queryset=units)
            self.order_fields(["unit", "year", "title", "note"])
        if not self.is_bound and "year" not in self.initial:
            self.initial["year"] = dt.date.today().year


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Tên cuộc giám sát"), max_length=255)
    subject = forms.CharField(label=_("Đối tượng được giám sát"), max_length=255,
                              help_text=_("Cơ quan, tổ chức chịu sự giám sát, ví dụ: Ủy ban nhân dân phường Khương Đình"))
    subject_superior = forms.CharField(
        label=_("Cơ quan cấp trên của đối tượng"), max_length=255, required=False,
        help_text=_("Nơi Mặt trận cấp trên gửi văn bản khi kiến nghị không được trả lời đúng hạn"))
    content = forms.CharField(label=_("Nội dung giám sát"), widget=_text(5))
    form = forms.ChoiceField(label=_("Hình thức giám sát"), choices=SupervisionForm.choices,
                             initial=SupervisionForm.TEAM)
    starts_on = VNDateField(label=_("Bắt đầu"))
    ends_on = VNDateField(label=_("Kết thúc"))

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("Ngày kết thúc không được trước ngày bắt đầu."))
        return data


class NotifyForm(forms.Form):
    notified_on = VNDateField(label=_("Ngày gửi thông báo"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notified_on"].help_text = _(
            "Gửi đối tượng được giám sát ít nhất %(days)s ngày trước ngày bắt đầu (mặc định %(default)s ngày; "
            "đổi bằng thiết lập DOANKET_SUPERVISION_NOTICE_DAYS).") % {
                "days": conf.notice_days(), "default": conf.NOTICE_DAYS_DEFAULT}


class ConductForm(forms.Form):
    conducted_on = VNDateField(label=_("Ngày làm việc với đối tượng"))


class ConcludeForm(forms.Form):
    findings = forms.CharField(label=_("Kết quả giám sát (kết luận)"), widget=_text(6))
    concluded_on = VNDateField(label=_("Ngày kết luận"))


class CloseForm(forms.Form):
    closed_on = VNDateField(label=_("Ngày kết thúc"))


class MemberForm(forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=TeamRole.choices, initial=TeamRole.MEMBER)
    position_label = forms.CharField(label=_("Chức vụ, đơn vị"), max_length=255, required=False,
                                     help_text=_("Để trống: lấy chức vụ của người đó vào ngày bắt đầu giám sát"))

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = forms.ModelChoiceField(label=_("Người (trong danh bạ)"), queryset=people)
        field.label_from_instance = lambda obj: f"{obj.full_name} — {obj.unit.name}"  # type: ignore[method-assign]
        self.fields["person"] = field
        self.order_fields(["person", "role", "position_label"])


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentKind.choices, initial=DocumentKind.OTHER)
    title = forms.CharField(label=_("Tên văn bản"), max_length=255, required=False)
    file = forms.FileField(label=_("Tệp (PDF, Word, PowerPoint, ảnh)"))


class RecommendationForm(forms.Form):
    content = forms.CharField(label=_("Nội dung kiến nghị"), widget=_text(4))
    addressee = forms.CharField(label=_("Nơi nhận kiến nghị"), max_length=255, required=False,
                                help_text=_("Để trống: đối tượng được giám sát"))
    issued_on = VNDateField(label=_("Ngày gửi kiến nghị"))
    answer_due = VNDateField(label=_("Hạn trả lời"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer_due"].help_text = _(
            "Để trống: %(days)s ngày làm việc sau ngày gửi, không tính thứ Bảy, Chủ nhật và ngày lễ, Tết (mặc định "
            "%(default)s ngày làm việc; đổi bằng thiết lập DOANKET_SUPERVISION_ANSWER_WORKING_DAYS).") % {
                "days": conf.answer_working_days(), "default": conf.ANSWER_WORKING_DAYS_DEFAULT}


class AnswerForm(forms.Form):
    answered_on = VNDateField(label=_("Ngày nhận trả lời"))
    outcome = forms.ChoiceField(label=_("Kết quả tiếp thu"), choices=Outcome.choices)
    answer = forms.CharField(label=_("Nội dung trả lời"), required=False, widget=_text(4))


class ProgressForm(forms.Form):
    progress = forms.ChoiceField(label=_("Tiến độ thực hiện"), choices=Progress.choices)
    progress_note = forms.CharField(label=_("Ghi chú tiến độ"), required=False, widget=_text(3))


class EscalateForm(forms.Form):
    reason = forms.CharField(label=_("Ghi chú thêm (không bắt buộc)"), required=False, widget=_text(2))


FILTER_LABELS = {Filter.OPEN: _("Chưa trả lời"), Filter.OVERDUE: _("Quá hạn"),
                 Filter.ESCALATED: _("Đã chuyển lên cấp trên"), Filter.ANSWERED: _("Đã trả lời"),
                 Filter.ALL: _("Tất cả")}


class FollowupFilter(forms.Form):
    show = forms.ChoiceField(label=_("Hiển thị"), required=False, choices=list(FILTER_LABELS.items()))
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1990, max_value=2100)


class CritiqueForm(forms.Form):
    title = forms.CharField(label=_("Dự thảo được phản biện"), max_length=255)
    issuing_body = forms.CharField(label=_("Cơ quan soạn thảo"), max_length=255)
    received_on = VNDateField(label=_("Ngày nhận dự thảo"))
    deadline = VNDateField(label=_("Hạn gửi ý kiến phản biện"))
    summary = forms.CharField(label=_("Tóm tắt nội dung dự thảo"), required=False, widget=_text(4))

    def __init__(self, *args, units=None, conferences=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoiceField(label=_("Đơn vị phản biện"), queryset=units)
        self.fields["conference"] = forms.ModelChoiceField(
            label=_("Hội nghị phản biện (không bắt buộc)"), queryset=conferences, required=False,
            help_text=_("Hội nghị đã lập trong mục Hội nghị, tập huấn"))
        self.order_fields(["unit", "title", "issuing_body", "received_on", "deadline", "summary", "conference"])


class OpinionForm(forms.Form):
    author = forms.CharField(label=_("Người góp ý"), max_length=255)
    affiliation = forms.CharField(label=_("Cơ quan, chuyên môn"), max_length=255, required=False)
    content = forms.CharField(label=_("Nội dung ý kiến"), widget=_text(4))
    received_on = VNDateField(label=_("Ngày nhận ý kiến"))


class CritiqueIssueForm(forms.Form):
    critique_text = forms.CharField(label=_("Nội dung phản biện"), widget=_text(8))
    issued_on = VNDateField(label=_("Ngày gửi văn bản phản biện"))


class CritiqueResponseForm(forms.Form):
    responded_on = VNDateField(label=_("Ngày nhận giải trình"))
    outcome = forms.ChoiceField(label=_("Kết quả tiếp thu"), choices=Outcome.choices)
    response = forms.CharField(label=_("Nội dung giải trình, tiếp thu"), required=False, widget=_text(4))


class ConsultationForm(forms.Form):
    question = forms.CharField(label=_("Nội dung lấy ý kiến"), max_length=500, widget=_text(3))
    opens_on = VNDateField(label=_("Bắt đầu"))
    closes_on = VNDateField(label=_("Kết thúc"))
    turnout_percent = forms.IntegerField(label=_("Tỷ lệ hộ cho ý kiến tối thiểu (%)"), min_value=0, max_value=100)
    approval_percent = forms.IntegerField(label=_("Tỷ lệ tán thành cần vượt (%)"), min_value=0, max_value=100)
    approval_base = forms.ChoiceField(label=_("Tính tỷ lệ tán thành"), choices=ApprovalBase.choices)

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"] = UnitChoiceField(label=_("Khu dân cư"), queryset=areas)
        self.fields["turnout_percent"].initial = conf.turnout_percent()
        self.fields["approval_percent"].initial = conf.approval_percent()
        self.fields["approval_percent"].help_text = _(
            "Mặc định: quá %(approval)s%% tổng số hộ tán thành, ít nhất %(turnout)s%% số hộ cho ý kiến (đổi bằng thiết "
            "lập DOANKET_GRASSROOTS_APPROVAL_PERCENT, DOANKET_GRASSROOTS_TURNOUT_PERCENT); hãy theo quy định khu dân "
            "cư áp dụng.") % {"approval": conf.APPROVAL_PERCENT_DEFAULT, "turnout": conf.TURNOUT_PERCENT_DEFAULT}
        self.order_fields(["area", "question", "opens_on", "closes_on"])


class HouseholdForm(forms.Form):
    head_name = forms.CharField(label=_("Chủ hộ"), max_length=255)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255)


class AnswerRecordForm(forms.Form):
    answer = forms.ChoiceField(label=_("Ý kiến"), choices=HouseholdAnswerChoice.choices)
    channel = forms.ChoiceField(label=_("Hình thức"), choices=AnswerChannel.choices)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args, households=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"] = forms.ModelChoiceField(label=_("Hộ gia đình"), queryset=households)
        self.order_fields(["household", "answer", "channel", "note"])
