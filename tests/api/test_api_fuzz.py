"""The JSON API fuzzed from its own OpenAPI schema (schemathesis): for a logged-in cadre, whatever the
path, query and body, no answer is a 500 and every answer is JSON (never a stack trace page)."""

from __future__ import annotations

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from config.api import api

SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api"))
# How many generated requests per operation: enough to find crashes, small enough for CI (~1 minute in all).
EXAMPLES = 50


@pytest.mark.slow
@pytest.mark.django_db
@SCHEMA.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_never_answers_500(case, people, users, client):
    client.force_login(users.district)  # standing committee and data entry of the district: reads and writes
    kwargs = case.as_transport_kwargs(base_url="http://testserver")
    method = kwargs["method"].lower()
    url = kwargs["url"].removeprefix("http://testserver")
    headers = {k: v for k, v in (kwargs.get("headers") or {}).items()
               if k.lower() not in ("content-type", "content-length", "user-agent", "accept-encoding", "connection")}
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items() if isinstance(v, str)}
    if "json" in kwargs:
        body, content_type = json.dumps(kwargs["json"]), "application/json"
    elif kwargs.get("data") is not None:
        body, content_type = kwargs["data"], kwargs.get("headers", {}).get("Content-Type", "application/octet-stream")
    else:
        body, content_type = None, "application/json"
    query = _query(kwargs.get("params"))
    resp = client.generic(method.upper(), url + query, data=body or "", content_type=content_type, **extra)
    assert resp.status_code < 500, f"{method.upper()} {url} → {resp.status_code}: {resp.content[:300]!r}"
    assert b"Traceback" not in resp.content
    if resp.status_code not in (204, 405) and resp.content:
        assert resp["Content-Type"].startswith("application/json"), f"{method.upper()} {url}: {resp['Content-Type']}"
        json.loads(resp.content)


def _query(params) -> str:
    from urllib.parse import urlencode

    return "?" + urlencode(params, doseq=True) if params else ""
