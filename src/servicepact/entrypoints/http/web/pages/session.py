"""Sign in, sign out, and the language switch."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from servicepact.domain.errors import PermissionDeniedError
from servicepact.entrypoints.http.web.common import (
    Csrf,
    WebRoute,
    clear_session,
    language_of,
    load_session,
    new_uow,
    now_of,
    redirect,
    render,
    save_session,
    web_state,
)
from servicepact.entrypoints.http.web.i18n import LANGUAGES, texts
from servicepact.services import users

router = APIRouter(route_class=WebRoute)


def safe_next(target: str | None) -> str:
    """Only a path of this site: never another host (an open redirect)."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.get("/sign-in")
def sign_in_page(request: Request, next: str = "/") -> Response:
    session = load_session(request)
    if session.user_id is not None:
        return redirect(safe_next(next))
    return render(request, "sign_in.html", {"next": safe_next(next), "email": "", "error": None})


@router.post("/sign-in")
def sign_in(
    request: Request,
    _: Csrf,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    t = texts(language_of(request))
    state = web_state(request)
    address = client_address(request)
    now = now_of(request)
    values = {"next": safe_next(next), "email": email}
    wait = state.throttle.wait(email, address, now)
    if wait is not None:
        seconds = max(1, int(wait.total_seconds() + 0.999))
        message = t.ngettext(
            "Too many failed sign-ins. Try again in {n} second.",
            "Too many failed sign-ins. Try again in {n} seconds.",
            seconds,
        )
        return render(
            request,
            "sign_in.html",
            {**values, "error": message},
            status=429,
            headers={"Retry-After": str(seconds)},
        )
    try:
        principal = users.authenticate_password(new_uow(request), email, password)
    except PermissionDeniedError:
        state.throttle.failed(email, address, now)
        message = t.gettext("Wrong email or password.")
        return render(request, "sign_in.html", {**values, "error": message}, status=401)
    state.throttle.succeeded(email, address)
    assert principal.user_id is not None
    save_session(request, load_session(request).signed_in(principal.user_id))
    return redirect(safe_next(next))


@router.post("/sign-out")
def sign_out(request: Request, _: Csrf) -> Response:
    clear_session(request)
    return redirect("/sign-in")


@router.post("/language")
def choose_language(
    request: Request,
    _: Csrf,
    language: Annotated[str, Form()] = "en",
    next: Annotated[str, Form()] = "/",
) -> Response:
    session = load_session(request)
    if language in LANGUAGES:
        from dataclasses import replace

        save_session(request, replace(session, language=language))
    return redirect(safe_next(next))
