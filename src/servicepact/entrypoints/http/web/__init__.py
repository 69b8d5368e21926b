"""The server-rendered web UI (Jinja2 + htmx, no build step), mounted by ``create_app`` beside the API.

English and Russian; sign-in with a signed session cookie; a CSRF token in every form; failed sign-ins
throttled. See ``docs/web.md`` for the pages and how they are tested. The routes are in ``router``,
what the UI keeps per app in ``state``, reading every client once before serving in ``warming``.
"""
