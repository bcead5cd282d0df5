from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doanket.core.forms import VNDateTimeField
from doanket.orgunits.forms import UnitChoiceField

from .models import Category, Status


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=255)
    categories = forms.ModelMultipleChoiceField(label=_("Danh mục"), queryset=Category.objects.all(),
                                                widget=forms.CheckboxSelectMultiple, required=False)
    lede = forms.CharField(label=_("Sapo (tóm tắt)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    body = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 18, "class": "body-editor"}),
        help_text=_("Gõ hoặc dán nội dung. Các đoạn cách nhau một dòng trống. Có thể dùng HTML đơn giản (p, h2, strong, "
                    "em, danh sách, bảng, liên kết); mọi mã khác bị loại bỏ khi lưu."),
    )
    cover = forms.FileField(label=_("Ảnh đại diện"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
                            help_text=_("JPEG, PNG, WebP hoặc GIF; ảnh rộng hơn 1600 điểm ảnh được thu nhỏ."))
    cover_alt = forms.CharField(label=_("Mô tả ảnh (cho người khiếm thị)"), max_length=255, required=False,
                                help_text=_("Bắt buộc khi có ảnh: ảnh cho thấy gì?"))
    cover_caption = forms.CharField(label=_("Chú thích ảnh"), max_length=500, required=False)
    source = forms.CharField(label=_("Nguồn tin"), max_length=255, required=False,
                             help_text=_("Để trống để dùng tên đơn vị, ví dụ: Ủy ban MTTQ quận Thanh Xuân"))
    tags = forms.CharField(label=_("Từ khoá"), max_length=500, required=False,
                           help_text=_("Cách nhau bằng dấu phẩy"))
    published_at = VNDateTimeField(label=_("Thời điểm xuất bản"), required=False,
                                   help_text=_("dd/mm/yyyy hh:mm. Để trống: xuất bản ngay khi được duyệt. Thời điểm "
                                               "trong tương lai: bài tự hiện khi đến giờ."))

    def __init__(self, *args, units=None, has_cover=False, kept_cover=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_cover = kept_cover  # a cover chosen on an earlier, failed attempt (kept by the view)
        self.fields["unit"] = UnitChoiceField(label=_("Đơn vị (chuyên mục tin của đơn vị)"), queryset=units)
        self.has_cover = has_cover
        if has_cover:
            self.fields["remove_cover"] = forms.BooleanField(label=_("Bỏ ảnh đại diện"), required=False)
        self.order_fields(["title", "unit", "categories", "lede", "body", "cover", "remove_cover", "cover_alt",
                           "cover_caption", "source", "tags", "published_at"])

    def clean(self):
        super().clean()
        data = self.cleaned_data
        has_cover = data.get("cover") or ((self.has_cover or self.kept_cover) and not data.get("remove_cover"))
        if has_cover and not (data.get("cover_alt") or "").strip():
            self.add_error("cover_alt", _("Ảnh đại diện cần có mô tả ngắn nội dung ảnh (cho người khiếm thị)."))
        return data


class ImageForm(forms.Form):
    image = forms.FileField(label=_("Ảnh"), widget=forms.ClearableFileInput(
        attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}))
    alt = forms.CharField(label=_("Mô tả ảnh (cho người khiếm thị)"), max_length=255)
    caption = forms.CharField(label=_("Chú thích ảnh"), max_length=500, required=False)


class PublishForm(forms.Form):
    published_at = VNDateTimeField(label=_("Thời điểm xuất bản"), required=False,
                                   help_text=_("Để trống để xuất bản ngay (hoặc theo giờ đã đặt trong bài)."))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Lý do / ý kiến"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ArticleFilter(forms.Form):
    q = forms.CharField(label=_("Tìm bài viết"), required=False,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("vd: hoi nghi tap huan")}))
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[("", _("Mọi trạng thái")), *Status.choices])


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm tin tức"), required=False, max_length=200)
