"""Read and evaluate every client once before serving, so the first visitor waits no longer than the next."""

from __future__ import annotations

from fastapi import FastAPI

from servicepact.entrypoints.http.context import AppContext
from servicepact.entrypoints.http.web.i18n import LANGUAGES, texts
from servicepact.entrypoints.http.web.pages.charts import uptime_chart
from servicepact.services import access, clients, dashboard


def warm_up(app: FastAPI) -> None:
    """Read and evaluate every client once as the command line (``servicepact demo``) does, in every
    language, filling the app's caches."""
    context: AppContext = app.state.context
    state = context.web
    now = context.time_source.now()
    for client in clients.list_clients(context.uow_factory(), access.SYSTEM):
        overview = dashboard.client_overview(
            context.uow_factory(),
            access.SYSTEM,
            client.slug,
            state.parser,
            context.agreements,
            now,
            cache=state.periods,
        )
        for language in LANGUAGES:
            uptime_chart(overview, texts(language))
            if overview.in_force is not None:
                dashboard.parsed_version(overview.in_force.version, state.parser, language)
