import anyio.to_thread
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

from servicepact.adapters.db import DatabaseSettings
from servicepact.adapters.db.engine import POOL_OVERFLOW, POOL_SIZE, make_engine
from servicepact.domain.errors import (
    AgreementError,
    ConflictError,
    InputError,
    Location,
    NotFoundError,
    PermissionDeniedError,
    Problem,
)
from servicepact.entrypoints.http.app import THREADS, create_app
from servicepact.entrypoints.http.errors import install_error_handlers
from servicepact.entrypoints.http.settings import Environment, Settings
from servicepact.testing import FakeUnitOfWork


def test_production_refuses_to_start_without_a_real_secret_key():
    with pytest.raises(InputError, match="SERVICEPACT_SECRET_KEY"):
        Settings.from_env({"SERVICEPACT_ENV": "production"})
    with pytest.raises(InputError, match="SERVICEPACT_SECRET_KEY"):
        Settings.from_env({"SERVICEPACT_ENV": "production", "SERVICEPACT_SECRET_KEY": "changeme"})


def test_production_with_a_secret_key_uses_secure_cookies_and_the_given_database():
    settings = Settings.from_env(
        {
            "SERVICEPACT_ENV": "production",
            "SERVICEPACT_SECRET_KEY": "x" * 40,
            "SERVICEPACT_DATABASE_URL": "postgresql+psycopg://db/servicepact",
        }
    )
    assert settings.environment is Environment.PRODUCTION
    assert settings.secure_cookies
    assert settings.database_url == "postgresql+psycopg://db/servicepact"


def test_development_makes_a_random_secret_per_process_and_defaults_to_sqlite():
    first, second = Settings.from_env({}), Settings.from_env({})
    assert first.secret_key != second.secret_key
    assert len(first.secret_key) >= 32
    assert first.database_url == "sqlite:///./servicepact.db"
    assert not first.secure_cookies


def test_an_unknown_environment_is_a_clear_error():
    with pytest.raises(InputError, match="SERVICEPACT_ENV"):
        Settings.from_env({"SERVICEPACT_ENV": "staging"})


def test_the_response_cache_size_comes_from_the_environment_and_bad_values_are_named():
    assert Settings.from_env({}).response_cache_size == 256
    assert Settings.from_env({"SERVICEPACT_RESPONSE_CACHE": "0"}).response_cache_size == 0
    for bad in ("-1", "many", "1e3", "100001", "\u00b2", "\u0663"):
        with pytest.raises(InputError, match="SERVICEPACT_RESPONSE_CACHE"):
            Settings.from_env({"SERVICEPACT_RESPONSE_CACHE": bad})


class Body(BaseModel):
    count: int


@pytest.fixture
def client() -> TestClient:
    app = FastAPI()
    install_error_handlers(app)
    errors = {
        "missing": NotFoundError("no client 'zeta'"),
        "forbidden": PermissionDeniedError("client users have read-only access"),
        "conflict": ConflictError("the version is active and cannot change"),
        "input": InputError("bad period", location=Location(path="period")),
        "agreement": AgreementError(
            [Problem("SP003", "bad duration", Location("a.yaml", 7, 3, "support.x"))]
        ),
        "bug": ZeroDivisionError("oops"),
    }

    @app.get("/raise/{name}")
    def raise_it(name: str) -> None:
        raise errors[name]

    @app.post("/body")
    def body(payload: Body) -> dict[str, int]:
        return {"count": payload.count}

    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize(
    ("name", "status", "code"),
    [
        ("missing", 404, "not_found"),
        ("forbidden", 403, "forbidden"),
        ("conflict", 409, "conflict"),
        ("input", 422, "invalid_input"),
        ("agreement", 422, "invalid_agreement"),
    ],
)
def test_each_error_kind_maps_to_its_status_and_one_error_body(client, name, status, code):
    response = client.get(f"/raise/{name}")
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert set(response.json()["error"]) >= {"code", "message", "field"}


def test_an_agreement_error_lists_its_problems_with_lines(client):
    error = client.get("/raise/agreement").json()["error"]
    assert error["field"] == "support.x"
    assert error["problems"] == [{"code": "SP003", "message": "bad duration", "path": "support.x", "line": 7}]


def test_bad_request_json_names_the_field_and_is_not_a_500(client):
    response = client.post("/body", json={"count": "many"})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "count"
    not_json = client.post("/body", content=b"{not json", headers={"content-type": "application/json"})
    assert not_json.status_code == 422


def test_an_unknown_route_answers_with_the_same_error_body(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_an_unexpected_fault_is_a_500_without_details(client):
    response = client.get("/raise/bug")
    assert response.status_code == 500
    assert response.json() == {"error": {"code": "internal_error", "message": "an unexpected error occurred",
                                          "field": None}}  # fmt: skip


def test_the_thread_pool_is_smaller_than_the_connections_a_process_may_open(tmp_path):
    """The event loop's short reads never wait for a connection that every thread holds."""
    app = create_app(Settings(), uow_factory=FakeUnitOfWork)

    @app.get("/threads")
    async def threads() -> int:
        return int(anyio.to_thread.current_default_thread_limiter().total_tokens)

    with TestClient(app) as client:  # the lifespan sets the limit
        assert client.get("/threads").json() == THREADS
    engine = make_engine(DatabaseSettings(f"sqlite:///{tmp_path / 'pool.db'}"))
    assert engine.pool.size() == POOL_SIZE
    assert POOL_SIZE + POOL_OVERFLOW > THREADS
    engine.dispose()
