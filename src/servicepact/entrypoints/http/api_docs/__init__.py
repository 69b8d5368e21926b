"""The API's documentation pages, ``/api/v1/docs`` (Swagger UI) and ``/api/v1/redoc`` (ReDoc), with
their scripts and styles served from this package (VENDORED.md): nothing is fetched from a CDN, so the
pages work offline, and they hold no inline script (a ``script-src 'self'`` policy allows them).

On by default in development, off in production (``SERVICEPACT_API_DOCS`` decides); the OpenAPI
document itself (``/api/v1/openapi.json``) is always served.
"""

from __future__ import annotations

from html import escape
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

__all__ = ["ASSETS", "install_api_docs"]

ASSETS = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-init.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "redoc.standalone.js": "text/javascript; charset=utf-8",
    "favicon-32x32.png": "image/png",
}

_SWAGGER = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} – API</title>
<link rel="stylesheet" href="{assets}/swagger-ui.css">
<link rel="icon" type="image/png" href="{assets}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui" data-openapi-url="{openapi}"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="{assets}/swagger-init.js"></script>
</body>
</html>
"""

_REDOC = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} – API</title>
<link rel="icon" type="image/png" href="{assets}/favicon-32x32.png">
</head>
<body>
<redoc spec-url="{openapi}"></redoc>
<script src="{assets}/redoc.standalone.js"></script>
</body>
</html>
"""


def install_api_docs(app: FastAPI, prefix: str) -> None:
    """Serve ``{prefix}/docs``, ``{prefix}/redoc`` and their assets under ``{prefix}/docs/assets/``, for
    the OpenAPI document at ``app.openapi_url``."""
    assets = f"{prefix}/docs/assets"
    values = {"title": escape(app.title), "assets": assets, "openapi": escape(app.openapi_url or "")}
    swagger, redoc = _SWAGGER.format(**values), _REDOC.format(**values)

    # Plain routes, as FastAPI adds its own documentation pages: not API operations (no schema, no
    # token), and walked as such by the API's route tests.
    async def swagger_ui(request: Request) -> Response:
        return HTMLResponse(swagger)

    async def redoc_ui(request: Request) -> Response:
        return HTMLResponse(redoc)

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            return Response("not found", status_code=404, media_type="text/plain")
        return Response(
            resources.files(__name__).joinpath(name).read_bytes(),
            media_type=ASSETS[name],
            headers={"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"},
        )

    app.add_route(f"{prefix}/docs", swagger_ui, include_in_schema=False)
    app.add_route(f"{prefix}/redoc", redoc_ui, include_in_schema=False)
    app.add_route(f"{assets}/{{name}}", asset, include_in_schema=False)
