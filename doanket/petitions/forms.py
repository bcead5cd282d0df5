from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doanket.core.forms import VNDateField
from doanket.core.reach import subtree_q
from doanket.core.text import normalize_text
from doanket.orgunits.forms import UnitChoiceField
from doanket.orgunits.models import OrgUnit

from .models import Channel, Kind, Sector, Status
from .places import PlaceMatch, provinces, resolve_place
from .services.attachments import max_bytes, max_files

PHONE = re.compile(r"^(0|\+84)\d{9,10}$")
CONSENT_TEXT = _(
    "Tôi đồng ý để Ủy ban Mặt trận Tổ quốc Việt Nam tiếp nhận xử lý họ tên, số điện thoại, e-mail và nội dung tôi gửi "
    "nhằm giải quyết phản ánh, kiến nghị này, theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15. Thông tin liên hệ "
    "không bao giờ được công khai; tôi có thể yêu cầu xem, sửa hoặc xoá dữ liệu của mình.")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); each is checked by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def _clean_phone(value: str) -> str:
    value = normalize_text(value).replace(" ", "").replace(".", "").replace("-", "")
    if value and not PHONE.match(value):
        raise ValidationError(_("Số điện thoại không hợp lệ (ví dụ 0912345678)."))
    return value


class PetitionForm(forms.Form):
    """The citizen's form. The place is typed (today's commune or an old address) and resolved through
    lineage; when several communes fit, the citizen picks one of the suggestions (`unit`)."""

    kind = forms.ChoiceField(label=_("Loại"), choices=Kind.choices, initial=Kind.FEEDBACK, widget=forms.RadioSelect,
                             help_text=_("Khiếu nại, tố cáo được Mặt trận tiếp nhận và chuyển cơ quan có thẩm quyền "
                                         "giải quyết theo Luật Khiếu nại, Luật Tố cáo."))
    sector = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Sector.objects.filter(is_active=True),
                                    empty_label=_("— Chọn lĩnh vực —"))
    subject = forms.CharField(label=_("Tiêu đề"), max_length=255,
                              widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Đèn đường ngõ 12 bị hỏng")}))
    content = forms.CharField(label=_("Nội dung"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 6}),
                              help_text=_("Sự việc, địa điểm cụ thể, thời gian; từ 20 đến 10.000 ký tự."))
    province = forms.ModelChoiceField(label=_("Tỉnh, thành phố"), queryset=OrgUnit.objects.none(), required=False,
                                      empty_label=_("— Chọn tỉnh, thành phố —"))
    place = forms.CharField(label=_("Xã, phường"), max_length=255,
                            help_text=_("Tên xã, phường hiện nay, hoặc địa chỉ cũ trước ngày 1/7/2025 "
                                        "(ví dụ: phường Khương Mai, quận Thanh Xuân)."))
    unit = forms.ChoiceField(label=_("Chọn đúng xã, phường"), required=False, widget=forms.RadioSelect)
    area = forms.ModelChoiceField(label=_("Khu dân cư, tổ dân phố (không bắt buộc)"), queryset=OrgUnit.objects.none(),
                                  required=False, empty_label=_("— Không chọn —"))
    attachments = MultipleFileField(label=_("Ảnh, tệp PDF (không bắt buộc)"), required=False)
    contact_name = forms.CharField(label=_("Họ và tên"), max_length=255,
                                   widget=forms.TextInput(attrs={"autocomplete": "name"}))
    contact_phone = forms.CharField(label=_("Số điện thoại (không bắt buộc)"), max_length=20, required=False,
                                    widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    contact_email = forms.EmailField(label=_("E-mail"), max_length=254,
                                     help_text=_("Để xác nhận phản ánh và nhận trả lời."),
                                     widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    consent = forms.BooleanField(label=CONSENT_TEXT, error_messages={
        "required": _("Hãy đồng ý với việc xử lý dữ liệu cá nhân để gửi phản ánh.")})
    confirm_new = forms.BooleanField(label=_("Tôi đã xem các phản ánh tương tự và vẫn muốn gửi phản ánh mới"),
                                     required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _("Ảnh JPEG, PNG hoặc PDF; tối đa %(n)s tệp, mỗi tệp %(mb)s MB. Vị trí "
                                                 "GPS trong ảnh được xoá trước khi lưu.") % {
            "n": max_files(), "mb": max_bytes() // (1024 * 1024)}
        province_field = self.fields["province"]
        province_field.queryset = OrgUnit.objects.filter(  # type: ignore[attr-defined]
            unit_type__code="province", valid_to__isnull=True).order_by("sort_key")
        self.matches: list[PlaceMatch] = []
        if self.is_bound:
            province = self._province()
            self.matches = resolve_place(self.data.get("place", ""), province)
            self.fields["unit"].choices = [(str(m.unit.pk), m.label) for m in self.matches]  # type: ignore[attr-defined]
            units = [m.unit for m in self.matches]
            cond = Q(pk__in=[])
            for u in units:
                cond |= subtree_q(u.path)
            self.fields["area"].queryset = OrgUnit.objects.filter(  # type: ignore[attr-defined]
                cond, unit_type__code="area", valid_to__isnull=True).order_by("path")

    def _province(self) -> OrgUnit | None:
        value = str(self.data.get("province") or "")
        if not value.isdigit() or int(value) >= 2**63:
            return None
        return next((p for p in provinces() if p.pk == int(value)), None)

    def clean_contact_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("contact_phone", ""))

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if not data.get("place"):
            return data
        chosen = data.get("unit")
        by_pk = {str(m.unit.pk): m for m in self.matches}
        if not self.matches:
            self.add_error("place", _("Không tìm thấy xã, phường “%(place)s”. Hãy kiểm tra lại tên (có thể gõ không "
                                      "dấu), chọn tỉnh, thành phố, hoặc ghi tên xã, phường hiện nay.") % {
                "place": data["place"]})
        elif chosen in by_pk:
            data["resolved"] = by_pk[chosen]
        elif len(self.matches) == 1:
            data["resolved"] = self.matches[0]
        else:
            self.add_error("unit", _("Có nhiều xã, phường phù hợp với địa chỉ này: hãy chọn một."))
        resolved = data.get("resolved")
        area = data.get("area")
        if resolved and area is not None and not area.path.startswith(resolved.unit.path):
            self.add_error("area", _("Khu dân cư không thuộc xã, phường đã chọn."))
        return data


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Mã tra cứu"), max_length=20,
                           widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false",
                                                         "placeholder": "XXXX-XXXX-XX"}))


class PublicFilterForm(forms.Form):
    donvi = forms.ModelChoiceField(label=_("Xã, phường"), queryset=OrgUnit.objects.none(), required=False,
                                   empty_label=_("Tất cả"))
    linhvuc = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Sector.objects.all(), required=False,
                                     empty_label=_("Tất cả"))
    tu = VNDateField(label=_("Từ ngày"), required=False)
    den = VNDateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["donvi"].queryset = units if units is not None else OrgUnit.objects.none()  # type: ignore[attr-defined]


class FiguresFilterForm(forms.Form):
    tinh = forms.ModelChoiceField(label=_("Tỉnh, thành phố"), queryset=OrgUnit.objects.none(), required=False,
                                  empty_label=_("Cả nước"))
    tu = VNDateField(label=_("Tiếp nhận từ ngày"), required=False)
    den = VNDateField(label=_("đến ngày"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tinh"].queryset = OrgUnit.objects.filter(  # type: ignore[attr-defined]
            unit_type__code="province", valid_to__isnull=True).order_by("sort_key")


# -- cadres -----------------------------------------------------------------------------------------


class InboxFilterForm(forms.Form):
    trang_thai = forms.ChoiceField(label=_("Trạng thái"), required=False,
                                   choices=[("", _("Tất cả")), ("open", _("Đang xử lý")), *Status.choices])
    qua_han = forms.BooleanField(label=_("Chỉ quá hạn"), required=False)
    linh_vuc = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Sector.objects.all(), required=False,
                                      empty_label=_("Tất cả"))
    q = forms.CharField(label=_("Tìm"), required=False, max_length=100)


class IntakeForm(forms.Form):
    channel = forms.ChoiceField(label=_("Kênh tiếp nhận"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    received_on = VNDateField(label=_("Ngày tiếp nhận"), required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=Kind.choices)
    sector = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Sector.objects.filter(is_active=True), required=False)
    subject = forms.CharField(label=_("Tiêu đề"), max_length=255)
    content = forms.CharField(label=_("Nội dung"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 6}))
    place_text = forms.CharField(label=_("Địa chỉ người gửi"), max_length=255, required=False)
    contact_name = forms.CharField(label=_("Họ và tên người gửi"), max_length=255, required=False)
    contact_phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    contact_email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args, units=None, events=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoiceField(label=_("Đơn vị tiếp nhận"), queryset=units)
        self.fields["event"] = forms.ModelChoiceField(
            label=_("Hội nghị tiếp xúc cử tri (nếu nêu tại hội nghị)"), required=False,
            queryset=events if events is not None else OrgUnit.objects.none(), empty_label=_("— Không —"))
        self.order_fields(["unit", "channel", "event", "received_on"])

    def clean_contact_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("contact_phone", ""))


SCREEN_OUTCOMES = [(Status.SCREENED, _("Hợp lệ")), (Status.NEEDS_INFO, _("Cần bổ sung thông tin")),
                   (Status.OUT_OF_SCOPE, _("Không thuộc phạm vi")), (Status.DUPLICATE, _("Trùng với phản ánh khác"))]


class ScreenForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Kết quả phân loại"), choices=SCREEN_OUTCOMES, widget=forms.RadioSelect)
    kind = forms.ChoiceField(label=_("Loại"), choices=Kind.choices)
    sector = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Sector.objects.filter(is_active=True), required=False)
    duplicate_code = forms.CharField(label=_("Mã tra cứu của phản ánh bị trùng"), max_length=20, required=False)
    note = forms.CharField(label=_("Ghi chú, lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RouteForm(forms.Form):
    reason = forms.CharField(label=_("Lý do chuyển"), max_length=500)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoiceField(label=_("Chuyển tới"), queryset=units)
        self.order_fields(["unit", "reason"])


class ForwardForm(forms.Form):
    authority_name = forms.CharField(label=_("Cơ quan có thẩm quyền"), max_length=255,
                                     widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: UBND phường Phương Liệt")}))
    authority_address = forms.CharField(label=_("Địa chỉ cơ quan"), max_length=255, required=False)
    forwarded_on = VNDateField(label=_("Ngày chuyển"), required=False, help_text=_("Để trống nếu là hôm nay."))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class AnswerForm(forms.Form):
    answer_text = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 5}))
    answer_on = VNDateField(label=_("Ngày nhận trả lời"), required=False, help_text=_("Để trống nếu là hôm nay."))
    document = forms.FileField(label=_("Văn bản trả lời (PDF, ảnh)"), required=False)


class PublishForm(forms.Form):
    subject = forms.CharField(label=_("Tiêu đề công khai"), max_length=255)
    public_answer = forms.CharField(label=_("Nội dung trả lời công khai"), widget=forms.Textarea(attrs={"rows": 5}),
                                    help_text=_("Không ghi họ tên, số điện thoại, địa chỉ riêng của người gửi."))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú, lý do"), required=False, max_length=1000)
