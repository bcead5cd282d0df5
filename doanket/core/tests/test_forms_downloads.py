"""The shared date-time field and the download response."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.utils import timezone

from doanket.core.downloads import download_response
from doanket.core.forms import VNDateTimeField

MESSAGE = "Thời điểm không hợp lệ: hãy nhập theo dạng dd/mm/yyyy hh:mm, ví dụ 23/09/2022 16:15."


@pytest.mark.parametrize("typed", ["20/09/2022 14:00", "20/9/2022 14:00:00", "20/09/2022 14h00", "20/09/2022 14h",
                                   " 20/09/2022 14:00 ", "2022-09-20T14:00", "2022-09-20 14:00"])
def test_date_time_is_read_day_first_in_vietnam_time(typed):
    value = VNDateTimeField().clean(typed)
    assert timezone.localtime(value).replace(tzinfo=None) == dt.datetime(2022, 9, 20, 14, 0)
    assert str(timezone.localtime(value).tzinfo) == "Asia/Ho_Chi_Minh"


def test_a_date_alone_is_midnight():
    value = VNDateTimeField().clean("05/09/2022")
    assert timezone.localtime(value).replace(tzinfo=None) == dt.datetime(2022, 9, 5, 0, 0)


@pytest.mark.parametrize("typed", ["09/20/2022 14:00", "20/09/2022 25:00", "hôm qua", "20-09-2022 14:00"])
def test_anything_else_gets_the_format_to_type(typed):
    with pytest.raises(forms.ValidationError) as exc:
        VNDateTimeField().clean(typed)
    assert exc.value.messages == [MESSAGE]


def test_shown_as_typed():
    value = dt.datetime(2022, 9, 23, 16, 15, tzinfo=timezone.get_current_timezone())
    assert 'value="23/09/2022 16:15"' in VNDateTimeField().widget.render("at", value)


def test_downloads_are_not_cached_by_default_and_keep_vietnamese_names():
    response = download_response(b"PK", "ma-phieu.xlsx")
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == 'attachment; filename="ma-phieu.xlsx"'
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    named = download_response(b"%PDF", "Giấy chứng nhận.pdf", "application/pdf", inline=True)
    assert named["Content-Disposition"].startswith("inline; filename*=utf-8''Gi%E1%BA%A5y")
