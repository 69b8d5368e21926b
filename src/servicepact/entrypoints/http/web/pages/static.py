"""The stylesheet and htmx, served from the package (no build step, no CDN)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from servicepact.entrypoints.http.web.common import static_file

router = APIRouter()

FILES = {"app.css": "text/css; charset=utf-8", "htmx.min.js": "text/javascript; charset=utf-8"}


@router.get("/static/{name}")
def static(name: str) -> Response:
    if name not in FILES:
        return Response("not found", status_code=404, media_type="text/plain")
    return Response(
        static_file(name),
        media_type=FILES[name],
        headers={"Cache-Control": "public, max-age=31536000, immutable", "X-Content-Type-Options": "nosniff"},
    )
