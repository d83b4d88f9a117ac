"""Fixtures shared by every app's tests: the scenario for pytest-style tests and the browser."""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from lantoa.test import Scenario

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
# Flags for a sandboxed CI machine with no network beyond loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    """Uploads of the tests go to a temporary folder, never to var/media."""
    from django.conf import settings

    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def site_language():
    """Every test starts in the site's language: the language middleware leaves the last
    request's language active in its thread, and a test after one that chose English would
    otherwise read English messages."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def scenario(transactional_db):
    """The shared scenario, for live-server tests that cannot use a TestCase class."""
    namespace = SimpleNamespace()
    Scenario.build(namespace)
    for user in [namespace.admin, namespace.officer_a, namespace.officer_b, namespace.viewer_a]:
        user.set_password("secret-pass-123")
        user.save()
    return namespace


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: browser tests skipped")
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself
    # are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser, live_server):
    """A fresh browser page, once on a desktop and once on a phone-sized screen."""
    context = browser.new_context(
        viewport=VIEWPORTS[request.param],
        locale="vi-VN",
        base_url=live_server.url,
        is_mobile=request.param == "phone",
        has_touch=request.param == "phone",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.viewport_name = request.param
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def log_in(page, username, password="secret-pass-123"):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    # "**/" would match the login page's own address, before the sign-in has answered.
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def pytest_terminal_summary(terminalreporter):
    if not CHROMIUM.exists():
        terminalreporter.write_line(
            f"BROWSER TESTS SKIPPED: Chromium not found at {CHROMIUM} "
            "(apt-get install chromium, or set CHROMIUM_PATH).",
            yellow=True,
            bold=True,
        )
