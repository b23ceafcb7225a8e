"""Schemathesis against the OpenAPI description of the REST API: no generated request makes a server error.

Every operation of the schema gets its own Hypothesis run (a few examples each, to stay fast), with an API
token of an analyst, so that the routes behind authentication are exercised too."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from web_posts import build_database
from web_site import make_users

from breachlens.web.app import create_app


def test_api_never_answers_a_server_error(tmp_path: Path) -> None:
    database = build_database(tmp_path, posts=6)
    headers = {"Authorization": f"Bearer {make_users(database)['ana']}"}
    app = create_app(database)
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    tried: list[str] = []
    statuses: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: schemathesis.Case) -> None:
            response = case.call_and_validate(headers=headers, checks=[not_a_server_error])
            statuses.append(response.status_code)

        try:
            check()
        except Exception as exc:  # name the operation that failed
            pytest.fail(f"{operation.method.upper()} {operation.path}: {exc}")
        tried.append(operation.label)
    assert any("/api/incidents" in label for label in tried)
    assert len(statuses) >= 3 * len(operations) and 200 in statuses and max(statuses) < 500
    print(f"schemathesis: {len(operations)} operations, {len(statuses)} requests, statuses {sorted(set(statuses))}")
    app.state.store.close()
