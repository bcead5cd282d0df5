"""The published OpenAPI schema and docs, and CSRF on unsafe methods with session login."""

import pytest
from django.test import Client

from doanket.people.models import Person

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/units": {"get"},
    "/api/units/{unit_id}": {"get"},
    "/api/units/{unit_id}/assignments": {"get"},
    "/api/people": {"get", "post"},
    "/api/people/{person_id}": {"get", "patch", "delete"},
    "/api/assignments": {"get", "post"},
    "/api/assignments/{assignment_id}": {"patch", "delete"},
    "/api/positions": {"get"},
    "/api/supervision-plans": {"get"},
    "/api/supervision-plans/{plan_id}": {"get"},
    "/api/supervision-activities/{activity_id}": {"get"},
    "/api/supervision-recommendations": {"get"},
    "/api/supervision-recommendations/{recommendation_id}": {"get", "patch"},
    "/api/supervision-recommendations/{recommendation_id}/escalations": {"post"},
    "/api/petitions": {"get"},
    "/api/petitions/{petition_id}": {"get"},
    "/api/petitions/{petition_id}/answer": {"post"},
    "/api/movements/campaigns": {"get"},
    "/api/movements/campaigns/{campaign_id}": {"get"},
    "/api/movements/campaigns/{campaign_id}/progress": {"get"},
    "/api/movements/campaigns/{campaign_id}/areas/{area_id}/results": {"get", "put"},
}


def test_openapi_schema_lists_the_paths(client):
    resp = client.get("/api/openapi.json")
    assert resp.status_code == 200
    schema = resp.json()
    assert schema["info"]["title"] == "Đoàn Kết API"
    # The foundation's paths; domains add their own routers (doanket/core/domains.py), tested in their packages.
    listed = {path: set(ops) for path, ops in schema["paths"].items()}
    assert {path: listed.get(path) for path in PATHS} == PATHS
    assert "SessionAuth" in schema["components"]["securitySchemes"]
    person = schema["components"]["schemas"]["PersonDetailOut"]["properties"]
    assert {"phone", "id_number", "private_masked", "assignments"} <= set(person)
    responses = schema["paths"]["/api/people"]["post"]["responses"]
    assert {"201", "400", "401", "403", "404"} <= set(responses)


def test_docs_page(client):
    resp = client.get("/api/docs")
    assert resp.status_code == 200
    assert b"openapi.json" in resp.content


def test_unsafe_methods_need_the_csrf_token(tree, users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users.ward)
    data = {"full_name": "Phạm Thị Lan", "unit": tree.khuong_mai.pk}
    assert client.get("/api/people").status_code == 200  # safe methods need no token
    resp = client.post("/api/people", data, content_type="application/json")
    assert resp.status_code == 403
    assert not Person.objects.filter(full_name="Phạm Thị Lan").exists()
    token = "a" * 32
    client.cookies["csrftoken"] = token
    resp = client.post("/api/people", data, content_type="application/json", headers={"X-CSRFToken": token})
    assert resp.status_code == 201, resp.content
    assert Person.objects.filter(full_name="Phạm Thị Lan").exists()
