"""Property-based fuzzing (hypothesis) of what parses user input: dd/mm/yyyy dates, the directory's
filters, and spreadsheet cells. Whatever comes in, the answer is a value or a ValidationError/row error —
never another exception, never a 500."""

from __future__ import annotations

import datetime as dt
import math
from urllib.parse import urlencode

import pytest
from django import forms
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doanket.core.forms import VNDateField
from doanket.importexport.columns import Kind
from doanket.importexport.reading import RowReader, cell_text

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
date_like = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"\A\s*\d{0,3}[/.\- ]\d{0,3}[/.\- ]\d{0,6}\s*\Z"),
    st.builds(lambda d, m, y: f"{d}/{m}/{y}", st.integers(-5, 40), st.integers(-5, 15), st.integers(0, 99999)),
)


@FUZZ
@given(date_like)
def test_vn_date_field_gives_a_date_or_a_validation_error(value):
    field = VNDateField(required=False)
    try:
        result = field.clean(value)
    except forms.ValidationError as exc:
        # The one message a user can act on — the format to type — never a generic or English one.
        assert exc.messages == ["Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy, ví dụ 05/09/2022."]
    else:
        assert result is None or isinstance(result, dt.date)


def test_vn_date_field_reads_day_first():
    assert VNDateField().clean("05/09/2022") == dt.date(2022, 9, 5)


cells = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=True),
    st.text(max_size=40), st.datetimes(), st.dates(), st.decimals(allow_nan=False, allow_infinity=False),
    st.from_regex(r"\A\d{1,2}/\d{1,2}/\d{4}\Z"),
)


@FUZZ
@given(st.dictionaries(st.sampled_from(["pk", "full_name", "birth_year", "phone", "id_number", "note", "gender"]),
                       cells))
def test_spreadsheet_cells_give_values_or_row_errors(values):
    errors: list = []
    r = RowReader(Kind.PEOPLE, 2, values, set(values), errors)
    r.integer("pk", minimum=1, maximum=2**62)
    r.integer("birth_year", minimum=1900, maximum=2100)
    r.text("full_name", required=True, max_length=255)
    r.text("note", multiline=True)
    r.digits("phone", phone=True)
    r.digits("id_number", pad_numeric_to=12)
    assert all(e.row == 2 and isinstance(e.message, str) for e in errors)


@FUZZ
@given(cells)
def test_cell_text_is_always_normalised_text(value):
    if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
        pass
    text = cell_text(value)
    assert isinstance(text, str) and text == text.strip()


@FUZZ
@given(cells)
def test_date_cells(value):
    errors: list = []
    r = RowReader(Kind.ASSIGNMENTS, 3, {"start_date": value}, {"start_date"}, errors)
    result = r.date("start_date")
    assert result is None or isinstance(result, dt.date)


query_values = st.one_of(st.text(max_size=30), st.integers().map(str), st.just("1' OR '1'='1"),
                         st.just("<script>alert(1)</script>"), st.just("-1"), st.just("99999999999999999999"))


@pytest.mark.django_db
@FUZZ
@given(st.dictionaries(st.sampled_from(["q", "unit", "position", "current", "page", "unit_tim"]), query_values,
                       max_size=5))
def test_directory_filters_never_fail(people, users, client, params):
    client.force_login(users.ward)
    resp = client.get("/quan-ly/nguoi/?" + urlencode(params))
    assert resp.status_code == 200
    assert "Trần Văn Đức" not in resp.content.decode()  # another ward's person, whatever the filter
    resp = client.get("/quan-ly/nguoi/?" + urlencode(params), HTTP_HX_REQUEST="true")
    assert resp.status_code == 200


@pytest.mark.django_db
@FUZZ
@given(st.dictionaries(st.sampled_from(["q", "field", "blank", "selected"]), query_values, max_size=4))
def test_unit_picker_search_never_fails(people, users, client, params):
    client.force_login(users.ward)
    resp = client.get("/quan-ly/don-vi/tim/?" + urlencode(params), HTTP_HX_REQUEST="true")
    assert resp.status_code in (200, 400)
    assert "Nhân Chính" not in resp.content.decode()
