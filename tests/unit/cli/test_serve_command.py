import importlib
import os

import uvicorn

from servicepact.entrypoints import bootstrap
from servicepact.entrypoints.cli import main


class FakeDatabase:
    class settings:  # noqa: N801 - stands in for the real object's attribute
        @staticmethod
        def redacted() -> str:
            return "sqlite:///test.db"

    def dispose(self) -> None:
        pass


def test_serve_gives_every_worker_the_same_session_key(monkeypatch, capsys):
    started = {}
    # setenv first, so that monkeypatch records the variable and removes what serve() writes after the test
    # (delenv of an unset variable records nothing, and serve's os.environ write would leak).
    monkeypatch.setenv("SERVICEPACT_SECRET_KEY", "")
    monkeypatch.delenv("SERVICEPACT_SECRET_KEY")
    monkeypatch.setattr(bootstrap, "database", lambda url: FakeDatabase())
    serve_command = importlib.import_module("servicepact.entrypoints.cli.serve")
    monkeypatch.setattr(serve_command, "ensure_port_free", lambda host, port: None)  # 8123 may be taken
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: started.update(kwargs))
    assert main(["serve", "--workers", "2", "--port", "8123"]) == 0
    assert started["workers"] == 2
    assert started["port"] == 8123
    # Workers are new processes that read the environment: the key must be fixed there before they start.
    assert len(os.environ["SERVICEPACT_SECRET_KEY"]) >= 32
