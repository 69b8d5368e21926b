"""Request and response bodies, one module per route group (``XCreate`` in, ``XPublic`` out); what
they share (the base :class:`~servicepact.entrypoints.http.api.schemas.common.Schema`, field types,
the error body) is in ``common``."""
