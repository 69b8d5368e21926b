"""What every page shares: the signed-in viewer, sessions and CSRF, templates, and the one place where
errors become pages (``WebRoute``), so no route repeats a check.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote

import jinja2
from fastapi import Depends, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException

from servicepact.domain.clocks.status import AT_RISK_PERCENT
from servicepact.domain.errors import (
    InputError,
    NotFoundError,
    PermissionDeniedError,
    ServicepactError,
)
from servicepact.entrypoints.http.context import context_of
from servicepact.entrypoints.http.web.auth import COOKIE, CSRF_FIELD, CSRF_HEADER, Session, csrf_ok
from servicepact.entrypoints.http.web.i18n import LANGUAGE_NAMES, LANGUAGES, Texts, choose_language, texts
from servicepact.entrypoints.http.web.state import WebState
from servicepact.services import access
from servicepact.services.model import Principal, Role, User
from servicepact.services.ports import TimeSource, UnitOfWork

PACKAGE = "servicepact.entrypoints.http.web"


class SignInRequiredError(Exception):
    """No valid session: the route answers with a redirect to the sign-in page."""


class CsrfRefusedError(Exception):
    """A form without the session's CSRF token."""


def web_state(request: Request) -> WebState:
    """What the web UI keeps for the app serving ``request``."""
    return context_of(request).web


def time_source(request: Request) -> TimeSource:
    return context_of(request).time_source


def new_uow(request: Request) -> UnitOfWork:
    return context_of(request).uow_factory()


# --- sessions ------------------------------------------------------------------------------------------


def load_session(request: Request) -> Session:
    """The request's session (a new anonymous one when the cookie is missing or invalid)."""
    found: Session | None = getattr(request.state, "session", None)
    if found is not None:
        return found
    codec = web_state(request).codec
    session = codec.load(request.cookies.get(COOKIE), now=time.time())
    if session is None:
        session = Session.new()
        request.state.session_out = session
    request.state.session = session
    return session


def save_session(request: Request, session: Session) -> None:
    """Send ``session`` back as the cookie with the response."""
    request.state.session = session
    request.state.session_out = session


def clear_session(request: Request) -> None:
    request.state.session = Session.new(load_session(request).language)
    request.state.session_out = request.state.session


def _write_cookie(request: Request, response: Response) -> None:
    session = getattr(request.state, "session_out", None)
    if session is None:
        return
    settings = context_of(request).settings
    response.set_cookie(
        COOKIE,
        web_state(request).codec.dump(session, now=time.time()),
        max_age=int(web_state(request).codec.lifetime.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
        path="/",
    )


async def check_csrf(request: Request) -> None:
    """Every POST carries the session's token, in the form or (htmx) in a header."""
    if request.method != "POST":
        return
    session = load_session(request)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not csrf_ok(session, sent):
        raise CsrfRefusedError


# --- the viewer ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Viewer:
    """The signed-in user of a request, with the language they read."""

    user: User
    principal: Principal
    texts: Texts
    client_slug: str | None = None  # a client user's own client

    @property
    def staff(self) -> bool:
        return access.can_write(self.principal)

    @property
    def admin(self) -> bool:
        return self.principal.role is Role.ADMIN


def language_of(request: Request) -> str:
    return choose_language(load_session(request).language, request.headers.get("accept-language"))


def current_viewer(request: Request) -> Viewer:
    session = load_session(request)
    if session.user_id is None:
        raise SignInRequiredError
    uow = new_uow(request)
    with uow:
        user = uow.users.get(session.user_id)
        if user is None or not user.active:
            clear_session(request)
            raise SignInRequiredError
        principal = access.principal_of(user)
        slug = None
        if user.client_id is not None:
            own = uow.clients.get(user.client_id, access.scope_of(principal))
            slug = own.slug if own else None
    viewer = Viewer(user, principal, texts(language_of(request)), slug)
    request.state.viewer = viewer
    return viewer


SignedIn = Annotated[Viewer, Depends(current_viewer)]
Csrf = Annotated[None, Depends(check_csrf)]


# --- templates -----------------------------------------------------------------------------------------


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(PACKAGE, "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["static"] = static_url
    env.globals["LANGUAGES"] = LANGUAGES
    env.globals["AT_RISK_PERCENT"] = AT_RISK_PERCENT  # the meter turns "high" where a clock is at risk
    env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
    env.filters["urlpart"] = lambda value: quote(str(value), safe="")
    return env


@cache
def static_digest(name: str) -> str:
    return hashlib.sha256(static_file(name)).hexdigest()[:10]


def static_url(name: str) -> str:
    return f"/static/{name}?v={static_digest(name)}"


@cache
def static_file(name: str) -> bytes:
    return resources.files(PACKAGE).joinpath("static", name).read_bytes()


def render(
    request: Request,
    template: str,
    values: dict[str, Any] | None = None,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """A page in the viewer's language; every template gets ``_``, ``t``, ``viewer``, ``csrf``."""
    viewer: Viewer | None = getattr(request.state, "viewer", None)
    t = viewer.texts if viewer is not None else texts(language_of(request))
    session = load_session(request)
    page = {
        "request": request,
        "t": t,
        "_": t.gettext,
        "ngettext": t.ngettext,
        "lang": t.language,
        "viewer": viewer,
        "csrf": session.csrf,
        "csrf_field": CSRF_FIELD,
        "path": request.url.path,
        "full_path": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        "now": time_source(request).now(),
        **(values or {}),
    }
    html = environment().get_template(template).render(page)
    return HTMLResponse(html, status_code=status, headers=headers)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def now_of(request: Request) -> datetime:
    return time_source(request).now()


# --- errors become pages -------------------------------------------------------------------------------


def _error_page(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    return render(
        request, "error.html", {"status": status, "title": title, "message": message}, status=status
    )


class WebRoute(APIRoute):
    """Runs a page and turns what it raises into a page: sign-in redirects, 403, 404, 400; then writes the
    session cookie when the session changed."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def run(request: Request) -> Response:
            started = time.perf_counter()
            try:
                response = await handler(request)
            except SignInRequiredError:
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                if request.headers.get("HX-Request"):
                    response = Response(status_code=204, headers={"HX-Redirect": "/sign-in"})
                else:
                    response = redirect(f"/sign-in?next={quote(target, safe='')}")
            except CsrfRefusedError:
                t = texts(language_of(request))
                response = _error_page(
                    request,
                    403,
                    t.gettext("The form has expired"),
                    t.gettext(
                        "The page was open too long or the form came from elsewhere. "
                        "Go back, reload the page and try again."
                    ),
                )
            except NotFoundError:
                t = texts(language_of(request))
                response = _error_page(
                    request,
                    404,
                    t.gettext("Not found"),
                    t.gettext("There is no such page, or it is not yours to see."),
                )
            except PermissionDeniedError:
                t = texts(language_of(request))
                response = _error_page(
                    request, 403, t.gettext("Not allowed"), t.gettext("Your role cannot do this.")
                )
            except (InputError, RequestValidationError) as error:
                t = texts(language_of(request))
                message = (
                    error.message
                    if isinstance(error, ServicepactError)
                    else t.gettext("The request is not valid.")
                )
                response = _error_page(
                    request, 400, t.gettext("Something is wrong with the request"), message
                )
            except StarletteHTTPException as error:
                t = texts(language_of(request))
                response = _error_page(request, error.status_code, t.gettext("Error"), str(error.detail))
            _write_cookie(request, response)
            response.headers.setdefault("Cache-Control", "no-store")
            # The security headers are set for every response by http/security_headers.py.
            elapsed = time.perf_counter() - started
            response.headers["Server-Timing"] = f"page;dur={elapsed * 1000:.1f}"
            timings = web_state(request).timings
            if len(timings) < 10_000:
                timings.append((self.path, elapsed))
            return response

        return run
