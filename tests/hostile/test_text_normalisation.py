"""Text normalisation in one place below the forms and the API (issue 11): the API stored NUL and control
characters the web form refused. Property tests: every text field of every project model passes one rule on
save, and the same input typed in the form or sent to the API is refused, or stored, alike."""

from __future__ import annotations

import json
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doanket.core.signals import clean_text_fields, text_fields
from doanket.people import services as people_services
from doanket.people.models import Person

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Letters, Vietnamese, spaces, and the characters that must not be stored.
hostile = st.text(st.sampled_from([*"aăâđêôơưẠạẮắ ", "\x00", "\x01", "\x07", "\x1b", "\x1f", "\x7f", "\x85",
                                   "\x9b", "\t", "\n", "\r", "\u202e", "\u2066"]), max_size=30)
FORBIDDEN_ANYWHERE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

PROJECT_TEXT_FIELDS = sorted((m._meta.label, name, multiline) for m in apps.get_models()
                             if m.__module__.startswith("doanket.") for name, _a, multiline in text_fields(m))


def test_every_project_model_is_covered():
    """The receiver is connected for every project model (a new model is covered without a list to update)."""
    from django.db.models.signals import pre_save

    for model in apps.get_models():
        if model.__module__.startswith("doanket."):
            receivers = pre_save._live_receivers(model)
            receivers = receivers[0] if isinstance(receivers, tuple) else receivers
            assert clean_text_fields in receivers, model
    assert len(PROJECT_TEXT_FIELDS) > 40


@PROPERTY
@given(st.sampled_from(PROJECT_TEXT_FIELDS), hostile)
def test_every_text_field_of_every_model_is_cleaned_or_refused(field, value):
    label, name, multiline = field
    model = apps.get_model(label)
    instance = model()
    setattr(instance, model._meta.get_field(name).attname, value)
    if "\x00" in value:
        with pytest.raises(ValidationError) as exc:
            clean_text_fields(model, instance)
        assert name in exc.value.message_dict
        return
    clean_text_fields(model, instance)
    stored = getattr(instance, model._meta.get_field(name).attname)
    assert not FORBIDDEN_ANYWHERE.search(stored)
    assert "\r" not in stored
    if not multiline:
        assert "\n" not in stored and "\t" not in stored
    assert stored == stored.strip()


FIELDS = ["full_name", "title", "affiliation", "note"]


def _stored(person: Person) -> dict[str, str]:
    return {f: getattr(person, f) for f in FIELDS}


@pytest.mark.django_db
@PROPERTY
@given(st.sampled_from(FIELDS), hostile)
def test_form_and_api_refuse_or_store_alike(tree, users, client, field, value):
    """The same person typed in the web form and sent to the API: both refused, or both stored the same."""
    client.force_login(users.other_ward)
    data = {"full_name": "Nguyễn Văn Hai", "title": "", "affiliation": "", "note": "", field: value}
    before = set(Person.objects.values_list("pk", flat=True))
    form = client.post(reverse("people:create"), {**data, "unit": tree.nhan_chinh.pk, "gender": ""})
    from_form = Person.objects.exclude(pk__in=before).first()
    before = set(Person.objects.values_list("pk", flat=True))
    api = client.post("/api/people", json.dumps({**data, "unit": tree.nhan_chinh.pk}), content_type="application/json")
    from_api = Person.objects.exclude(pk__in=before).first()
    assert form.status_code < 500 and api.status_code < 500
    assert (from_form is None) == (from_api is None), (form.status_code, api.status_code, api.content[:300])
    if from_form is not None:
        assert _stored(from_form) == _stored(from_api)
        assert not FORBIDDEN_ANYWHERE.search("".join(_stored(from_api).values()))
        Person.objects.filter(pk__in=[from_form.pk, from_api.pk]).delete()


@pytest.mark.django_db
def test_api_refuses_nul_like_the_form(tree, users, client):
    client.force_login(users.other_ward)
    resp = client.post("/api/people", json.dumps({"full_name": "Nguyễn Văn Hai", "unit": tree.nhan_chinh.pk,
                                                  "note": "ghi chú\x00"}), content_type="application/json")
    assert resp.status_code == 400 and not Person.objects.filter(full_name="Nguyễn Văn Hai").exists()
    form = client.post(reverse("people:create"), {"full_name": "Nguyễn Văn Hai", "unit": tree.nhan_chinh.pk,
                                                   "note": "ghi chú\x00"})
    assert form.status_code == 200 and not Person.objects.filter(full_name="Nguyễn Văn Hai").exists()


@pytest.mark.django_db
def test_services_drop_control_characters_whatever_calls_them(tree):
    person = people_services.person_create(actor=None, unit=tree.nhan_chinh, full_name="Trần\x1b[31m Văn\u202e Ba",
                                           note="dòng 1\r\ndòng\x07 2")
    person.refresh_from_db()
    assert person.full_name == "Trần[31m Văn Ba" and person.note == "dòng 1\ndòng 2"
