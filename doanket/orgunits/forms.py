from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doanket.core.forms import VNDateField

from .models import PICKER_ORDER, LineageKind, MemberOrganisation, UnitType
from .selectors import with_display_names


class UnitSelect(forms.Select):
    """A unit <select> that renders a bounded list of options (the selected units and the top of the
    reach) with a search box beside it that fetches matching units through HTMX: a national user's
    form must not carry 100,000 options. The field still validates against the whole reach."""

    template_name = "orgunits/widgets/unit_select.html"
    initial_limit = 200

    def __init__(self, *args, queryset=None, empty_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.queryset = queryset
        self.empty_label = empty_label

    def optgroups(self, name, value, attrs=None):
        selected = {str(v) for v in value if v not in (None, "")}
        units = self._initial_units()
        shown = {str(u.pk) for u in units}
        # Only well-formed ids are looked up: a hand-made URL may put anything in the field.
        # isascii: "²".isdigit() is True but int("²") fails.
        missing = {v for v in selected - shown if v.isascii() and v.isdigit() and int(v) < 2**63}
        if missing:
            units = list(self.queryset.filter(pk__in=missing)) + units
        options = [("", self.empty_label)] if self.empty_label is not None else []
        with_display_names(units)  # areas share names: each is shown with its commune
        options += [(str(u.pk), u.display_name) for u in units]
        return [(None, [self.create_option(name, v, label, v in selected, i, attrs=attrs)], i)
                for i, (v, label) in enumerate(options)]

    def _initial_units(self):
        """The top of the reach and the level below it (a province and its communes, a commune and its
        areas), in name order; deeper units come through the search. Bounded by the levels, the index
        walk does not cross the rest of the country's areas to fill the list."""
        ordered = self.queryset.order_by(*PICKER_ORDER)
        top = ordered.values_list("depth", flat=True).first()
        if top is None:
            return []
        return list(ordered.filter(depth__lte=top + 1)[: self.initial_limit])

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["blank_label"] = self.empty_label or ""
        return context


class UnitChoiceField(forms.ModelChoiceField):
    """Choose a unit inside a queryset (the reach of the user for the action at hand)."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset=queryset, widget=UnitSelect, **kwargs)

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)  # type: ignore[misc]  # Django's private setter, untyped in the stubs
        self.widget.queryset = self.queryset
        self.widget.empty_label = self.empty_label if not self.required else None

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)  # type: ignore[attr-defined]

    def label_from_instance(self, obj):
        return obj.display_name


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    unit_type = forms.ModelChoiceField(label=_("Loại đơn vị"), queryset=UnitType.objects.all())
    code = forms.CharField(label=_("Mã đơn vị"), max_length=32, required=False,
                           help_text=_("Mã đơn vị hành chính chính thức, nếu có"))
    short_name = forms.CharField(label=_("Tên ngắn"), max_length=120, required=False)
    valid_from = VNDateField(label=_("Hiệu lực từ ngày"), required=False)
    valid_to = VNDateField(label=_("Hiệu lực đến ngày"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("valid_from") and data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            self.add_error("valid_to", _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))
        return data


class LineageForm(forms.Form):
    """Record that this unit merged into / was renamed to / partly moved to another unit."""

    successor = UnitChoiceField(label=_("Đơn vị mới"), queryset=None)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=LineageKind.choices)
    effective_date = VNDateField(label=_("Ngày hiệu lực"))
    legal_basis = forms.CharField(label=_("Căn cứ"), max_length=255, required=False,
                                  help_text=_("Ví dụ: Nghị quyết số 1656/NQ-UBTVQH15"))

    def __init__(self, *args, successors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = successors  # type: ignore[attr-defined]  # a ModelChoiceField


class BranchForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Tổ chức thành viên"), queryset=MemberOrganisation.objects.all())
    name = forms.CharField(label=_("Tên chi hội"), max_length=255, help_text=_("Ví dụ: Chi hội Phụ nữ khu dân cư số 1"))
    valid_from = VNDateField(label=_("Thành lập từ ngày"), required=False)
