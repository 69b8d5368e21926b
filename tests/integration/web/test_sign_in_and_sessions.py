"""Signing in and out, CSRF tokens, throttled failures, the language switch."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from servicepact.entrypoints.http.web.auth import COOKIE
from tests.integration.web.helpers import ADMIN, PASSWORDS, csrf_of, sign_in


def test_a_page_without_a_session_redirects_to_sign_in_and_back_afterwards(client: TestClient):
    response = client.get("/clients/acme/tickets", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/sign-in?next=%2Fclients%2Facme%2Ftickets"
    page = client.get(response.headers["location"])
    signed = client.post(
        "/sign-in",
        data={
            "csrf_token": csrf_of(page.text),
            "email": ADMIN,
            "password": PASSWORDS[ADMIN],
            "next": "/clients/acme/tickets",
        },
        follow_redirects=False,
    )
    assert signed.headers["location"] == "/clients/acme/tickets"


def test_signing_in_sets_an_http_only_session_cookie_and_opens_the_dashboard(client: TestClient):
    response = sign_in(client, ADMIN)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert "httponly" in cookie.lower()
    assert "samesite=lax" in cookie.lower()
    dashboard = client.get("/dashboard")
    assert dashboard.status_code == 200
    assert "Acme Manufacturing Inc." in dashboard.text
    assert "АО «Ромашка»" in dashboard.text


def test_a_wrong_password_is_refused_without_saying_which_field_was_wrong(client: TestClient):
    response = sign_in(client, ADMIN, "not-the-password")
    assert response.status_code == 401
    assert "Wrong email or password." in response.text
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_a_form_without_the_csrf_token_is_refused_and_signs_no_one_in(client: TestClient):
    client.get("/sign-in")
    response = client.post(
        "/sign-in", data={"email": ADMIN, "password": PASSWORDS[ADMIN]}, follow_redirects=False
    )
    assert response.status_code == 403
    assert "The form has expired" in response.text
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_a_csrf_token_of_another_session_is_refused(client: TestClient, shared_app):  # type: ignore[no-untyped-def]
    with TestClient(shared_app) as other:
        foreign = csrf_of(other.get("/sign-in").text)
    client.get("/sign-in")
    response = client.post(
        "/sign-in",
        data={"csrf_token": foreign, "email": ADMIN, "password": PASSWORDS[ADMIN]},
        follow_redirects=False,
    )
    assert response.status_code == 403


def test_signing_out_needs_the_token_and_ends_the_session(client: TestClient):
    sign_in(client, ADMIN)
    assert client.post("/sign-out", data={}, follow_redirects=False).status_code == 403
    token = csrf_of(client.get("/dashboard").text)
    assert (
        client.post("/sign-out", data={"csrf_token": token}, follow_redirects=False).headers["location"]
        == "/sign-in"
    )
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_the_csrf_token_changes_at_sign_in(client: TestClient):
    before = csrf_of(client.get("/sign-in").text)
    sign_in(client, ADMIN)
    assert csrf_of(client.get("/dashboard").text) != before


def test_a_tampered_session_cookie_counts_as_no_session(client: TestClient):
    sign_in(client, ADMIN)
    value = client.cookies[COOKIE]
    body, signature = value.split(".")
    client.cookies.clear()
    client.cookies.set(COOKIE, body[:-2] + "xx." + signature)
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_repeated_failed_sign_ins_are_throttled_even_for_the_right_password_until_the_wait_is_over(own):  # type: ignore[no-untyped-def]
    client, time_source = own
    for _ in range(3):
        assert sign_in(client, ADMIN, "wrong-password").status_code == 401
    fourth = sign_in(client, ADMIN, "wrong-password")
    assert fourth.status_code == 401  # this failure starts the back-off
    blocked = sign_in(client, ADMIN)
    assert blocked.status_code == 429
    assert blocked.headers["retry-after"] == "2"
    assert "Too many failed sign-ins" in blocked.text
    time_source.advance(timedelta(seconds=3))
    assert sign_in(client, ADMIN).status_code == 303


def test_throttling_one_email_leaves_other_users_alone(own):  # type: ignore[no-untyped-def]
    client, _ = own
    for _ in range(5):
        sign_in(client, ADMIN, "wrong-password")
    assert sign_in(client, ADMIN).status_code == 429
    assert sign_in(client, "engineer@northwind.example").status_code == 303


def test_the_next_address_after_sign_in_never_leaves_the_site(client: TestClient):
    page = client.get("/sign-in?next=https://evil.example/")
    assert 'value="/"' in page.text
    response = client.post(
        "/sign-in",
        data={
            "csrf_token": csrf_of(page.text),
            "email": ADMIN,
            "password": PASSWORDS[ADMIN],
            "next": "//evil.example",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_the_language_switch_turns_the_pages_russian_and_back(client: TestClient):
    sign_in(client, ADMIN)
    page = client.get("/dashboard")
    assert '<html lang="en">' in page.text
    switched = client.post(
        "/language",
        data={"csrf_token": csrf_of(page.text), "language": "ru", "next": "/dashboard"},
        follow_redirects=True,
    )
    assert '<html lang="ru">' in switched.text
    assert "Сводка" in switched.text
    assert "Возможные компенсации" in switched.text
    back = client.post(
        "/language",
        data={"csrf_token": csrf_of(switched.text), "language": "en", "next": "/dashboard"},
        follow_redirects=True,
    )
    assert "Credits at stake" in back.text


def test_before_sign_in_the_browser_language_is_used(client: TestClient):
    page = client.get("/sign-in", headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"})
    assert '<html lang="ru">' in page.text
    assert "Войти" in page.text
