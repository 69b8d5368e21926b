"""Agreement uploads answer with validation and lint results; invalid text stores nothing."""

from __future__ import annotations

import pytest

from tests.integration.api.conftest import AGREEMENT, Api

pytestmark = pytest.mark.db

URL = "/api/v1/clients/acme/agreements"
YAML = {"content-type": "application/yaml"}


def changed_text() -> str:
    return AGREEMENT.read_text(encoding="utf-8").replace("notice_days: 60", "notice_days: 90")


def test_uploading_yaml_stores_a_draft_and_answers_with_the_lint_findings(api: Api) -> None:
    response = api.post(URL, content=changed_text().encode(), headers=YAML)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["version"]["number"] == 2
    assert body["version"]["status"] == "draft"
    assert body["unchanged"] is False
    assert isinstance(body["findings"], list)
    assert all({"code", "severity", "path", "line", "message"} <= set(f) for f in body["findings"])


def test_the_same_text_again_stores_nothing_and_answers_200(api: Api) -> None:
    response = api.post(URL, content=AGREEMENT.read_bytes(), headers=YAML)
    assert response.status_code == 200
    assert response.json()["unchanged"] is True
    assert response.json()["version"]["number"] == 1


def test_the_json_form_takes_the_yaml_and_may_activate(api: Api) -> None:
    body = {"yaml": changed_text(), "activate": True, "effective_from": "2027-03-01T00:00:00Z"}
    response = api.post(URL, json=body)
    assert response.status_code == 201, response.text
    assert response.json()["version"]["status"] == "active"
    versions = api.get(URL).json()["items"]
    assert [(v["number"], v["status"]) for v in versions] == [(1, "retired"), (2, "active")]


def test_invalid_yaml_is_422_with_its_problems_and_nothing_is_stored(api: Api) -> None:
    broken = AGREEMENT.read_text(encoding="utf-8").replace("P2: {response: 1h", "P2: {response: soon")
    response = api.post(URL, content=broken.encode(), headers=YAML)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_agreement"
    assert error["field"] == "support.targets.P2.response"
    assert error["problems"][0]["line"] > 1
    assert [v["number"] for v in api.get(URL).json()["items"]] == [1]
    for junk in (b"\xff\xfe", b"- just\n- a list\n", b": : :"):
        assert api.post(URL, content=junk, headers=YAML).status_code == 422


def test_a_draft_is_activated_once(api: Api) -> None:
    api.post(URL, content=changed_text().encode(), headers=YAML)
    activate = f"{URL}/northwind-acme-2027/versions/2/activate"
    first = api.post(activate, json={"effective_from": "2027-03-11T00:00:00Z"})
    assert first.status_code == 200, first.text
    assert first.json()["effective_from"] == "2027-03-11T00:00:00Z"
    assert api.post(activate).status_code == 409
    detail = api.get(f"{URL}/northwind-acme-2027/versions/2").json()
    assert "notice_days: 90" in detail["text"]
