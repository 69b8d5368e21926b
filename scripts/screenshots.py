"""Screenshots of every page of the web UI at desktop (1280×800) and phone (390×844) width.

Builds a demo database in a temporary folder, serves it on a free port, drives headless Chromium
(Debian's ``chromium`` and ``chromium-driver``) and writes ``docs/screenshots/<page>.<width>.png``.
Run by ``make screenshots``; takes about a minute.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--months 3]
"""

from __future__ import annotations

import argparse
import base64
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WIDTHS = {"desktop": (1280, 800, False), "phone": (390, 844, True)}
MAX_HEIGHT = 4000  # a long list is cut here: the screenshot shows the layout, not every row

ADMIN = "admin@northwind.example"
CLIENT = "it@acme.example"
PASSWORDS = {
    ADMIN: "screenshots-admin-1",
    CLIENT: "screenshots-client-1",
    "engineer@northwind.example": "screenshots-eng-01",
}

BROKEN = ("    P3: {response: 4h, resolution: 3bd}", "    P3: {response: 4h, resolution: soon}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(database_url: str, now) -> tuple[str, object]:  # type: ignore[no-untyped-def]
    import uvicorn

    from servicepact.adapters.demo_data import DemoTime
    from servicepact.entrypoints.bootstrap import database_uow_factory
    from servicepact.entrypoints.http.app import create_app
    from servicepact.entrypoints.http.settings import Settings
    from servicepact.entrypoints.http.web.warming import warm_up

    time_source = DemoTime(now)
    app = create_app(
        Settings(database_url=database_url, secret_key="screenshots-" + "x" * 32),
        uow_factory=database_uow_factory(database_url, time_source=time_source),
        time_source=time_source,
    )
    warm_up(app)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def _browser(profile: Path):  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-color-profile=srgb",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(argument)
    return webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))


def _shoot(driver, path: Path, width: int, height: int, mobile: bool) -> None:  # type: ignore[no-untyped-def]
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )
    time.sleep(0.3)
    full = driver.execute_script(
        "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)"
    )
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {
                "x": 0,
                "y": 0,
                "width": width,
                "height": min(max(full, height), MAX_HEIGHT),
                "scale": 1,
            },
        },
    )
    path.write_bytes(base64.b64decode(shot["data"]))


def _sign_in(driver, base: str, email: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    driver.get(f"{base}/sign-in")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(PASSWORDS[email])
    driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()
    time.sleep(0.5)


def _language(driver, code: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, f".lang-switch button[value='{code}']").click()
    time.sleep(0.3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--months", type=int, default=3)
    args = parser.parse_args()
    for needed in (CHROMIUM, CHROMEDRIVER):
        if not Path(needed).is_file():
            print(f"{needed} is missing: apt-get install chromium chromium-driver", file=sys.stderr)
            return 1
    from selenium.webdriver.common.by import By

    from servicepact.entrypoints.demo_seed import build_demo

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="servicepact-shots-") as folder:
        summary = build_demo(Path(folder) / "demo.db", months=args.months, passwords=PASSWORDS)
        base, server = _serve(summary.database_url, summary.now)
        driver = _browser(Path(folder) / "profile")
        broken = Path(folder) / "broken.yaml"
        broken.write_text((ROOT / "examples" / "northwind-acme.en.yaml").read_text().replace(*BROKEN))
        bad_csv = Path(folder) / "tickets-march.csv"
        bad_csv.write_text(
            "Number,created_at,impact,urgency,title\n"
            "INC2001,2027-03-22T10:00:00Z,high,high,Warehouse scanner offline\n"
            "INC2002,22/03/2027 11:00,low,low,Keyboard missing keys\n"
            "INC2003,2027-03-23T09:30:00Z,medium,urgent,New starter laptop\n"
            "INC2004,2027-03-23T15:10:00Z,low,medium,Teams audio echo\n"
        )

        def upload_error() -> None:
            driver.get(f"{base}/clients/acme/upload")
            driver.find_element(By.ID, "file").send_keys(str(broken))
            driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()
            time.sleep(0.8)
            driver.execute_script("document.querySelector('.has-finding')?.scrollIntoView({block: 'center'})")

        def import_preview() -> None:
            driver.get(f"{base}/clients/acme/imports")
            driver.find_element(By.ID, "file").send_keys(str(bad_csv))
            driver.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()
            time.sleep(0.5)
            driver.find_element(By.CSS_SELECTOR, "#map-0 option[value='id']").click()
            driver.find_element(By.CSS_SELECTOR, "button[formaction$='/preview']").click()
            time.sleep(0.8)

        admin_pages = [
            ("dashboard", "/dashboard"),
            ("client-agreement", "/clients/acme"),
            ("versions-diff", "/clients/acme/versions/northwind-acme-2027/2/diff"),
            ("tickets", "/clients/acme/tickets"),
            ("tickets-open", "/clients/acme/tickets?state=open"),
            ("ticket-timeline", "/clients/acme/tickets/INC1010"),
            ("reports", "/clients/acme/reports"),
            ("upload-with-errors", upload_error),
            ("imports", "/clients/acme/imports"),
            ("import-preview", import_preview),
        ]
        made = []
        try:
            for width, (w, h, mobile) in WIDTHS.items():
                driver.delete_all_cookies()
                driver.get(f"{base}/sign-in")
                _shoot(driver, args.out / f"sign-in.{width}.png", w, h, mobile)
                _sign_in(driver, base, ADMIN)
                for name, target in admin_pages:
                    if callable(target):
                        driver.execute_cdp_cmd(
                            "Emulation.setDeviceMetricsOverride",
                            {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": mobile},
                        )
                        target()
                    else:
                        driver.get(base + target)
                    _shoot(driver, args.out / f"{name}.{width}.png", w, h, mobile)
                    made.append(name)
                driver.get(f"{base}/clients/romashka")
                _language(driver, "ru")
                _shoot(driver, args.out / f"client-agreement-ru.{width}.png", w, h, mobile)
                driver.get(f"{base}/dashboard")
                _shoot(driver, args.out / f"dashboard-ru.{width}.png", w, h, mobile)
                _language(driver, "en")
                _sign_in(driver, base, CLIENT)
                _shoot(driver, args.out / f"portal-dashboard.{width}.png", w, h, mobile)
                driver.get(f"{base}/clients/romashka")
                _shoot(driver, args.out / f"portal-not-found.{width}.png", w, h, mobile)
        finally:
            driver.quit()
            server.should_exit = True  # type: ignore[attr-defined]
    count = len(list(args.out.glob("*.png")))
    print(f"{count} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
