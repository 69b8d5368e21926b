"""The ``servicepact`` command line: one module per noun, errors mapped once in :func:`main`."""

from servicepact.entrypoints.cli.app import app, main

__all__ = ["app", "main"]
