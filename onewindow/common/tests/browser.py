"""Shared pieces of the browser journeys: the Debian Chromium driven by Playwright, a login helper,
and the folder screenshots go to (var/screenshots/)."""

import os
import shutil
from pathlib import Path

import pytest

from onewindow.org.tests.factories import PASSWORD

SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_page():
    """A Chromium page (1366×900, zh-CN); the test fails if the browser console reports an error."""
    executable = os.environ.get("ONEWINDOW_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": 1366, "height": 900}, locale="zh-CN", accept_downloads=True
        )
        page = context.new_page()
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("dialog", lambda dialog: dialog.accept())
        yield page
        browser.close()
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        assert errors == [], f"the browser console reported errors: {errors}"


def login(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click(".login-box button[type=submit]")
    page.wait_for_load_state("networkidle")


def logout(page):
    page.click(".topbar-tools button:has-text('退出')")
    page.wait_for_load_state("networkidle")
