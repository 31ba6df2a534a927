"""Suite-wide fixtures and rules.

- Passwords hash with MD5 in tests (argon2 is the production hasher; a test checks that).
- Tests marked `postgres_only` are *deselected* (not skipped) on SQLite; the PostgreSQL pass runs them.
- Tests marked `replica` are deselected unless DATABASE_REPLICA_URL names a streaming replica of the
  PostgreSQL database (the PostgreSQL pass of `make test` with TEST_REPLICA_URL, .ci/replica).
- In CI (CI=true) a skipped test fails the run: nothing may be silently left out.
"""

import os

import pytest

from onewindow.common.tests.browser import browser_page  # noqa: F401 - the Chromium fixture, for every app


def _on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def _replica_configured() -> bool:
    return _on_postgres() and bool(os.environ.get("DATABASE_REPLICA_URL"))


def pytest_collection_modifyitems(config, items):
    markers = [
        name
        for name, wanted in (("postgres_only", _on_postgres()), ("replica", _replica_configured()))
        if not wanted
    ]
    if not markers:
        return
    kept, dropped = [], []
    for item in items:
        (dropped if any(item.get_closest_marker(name) for name in markers) else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("CI", "").lower() not in ("1", "true"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter and _on_postgres() and not _replica_configured():
        reporter.write_line(
            "CI: the PostgreSQL pass needs the read replica (TEST_REPLICA_URL, .ci/replica).", red=True
        )
        session.exitstatus = 1
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(
            f"CI: {len(skipped)} test(s) skipped; in CI a skipped test is a failure.", red=True
        )
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seeded_calendar(db):
    """The chinese-calendar years as after `migrate` (transactional tests flush the seed rows)."""
    from django.utils import timezone

    from onewindow.workcalendar import services

    services.calendar_seed_from_package(at=timezone.now())


@pytest.fixture
def hall(db):
    """A small county hall: see org/tests/factories.make_hall."""
    from onewindow.org.tests.factories import make_hall

    return make_hall()


@pytest.fixture
def recheck_window(settings, monkeypatch):
    """Turn a recheck window (common.recent) on for 60 s under a clock the test moves:
    `clock = recheck_window("ONEWINDOW_ACCESS_RECHECK_SECONDS", access_cache_clear)`, then
    `clock["now"] += 61` ends the window. The stores named by `clears` start and end empty."""
    from onewindow.common import recent

    clock = {"now": 1000.0}
    monkeypatch.setattr(recent.time, "monotonic", lambda: clock["now"])
    cleanups = []

    def turn_on(setting: str, *clears):
        setattr(settings, setting, 60)
        for clear in clears:
            clear()
        cleanups.extend(clears)
        return clock

    yield turn_on
    for clear in cleanups:
        clear()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached values are keyed by database ids, which a new
    test database hands out again."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _chinese_by_default():
    """Services called directly speak the hall's language; a test that switched a request to
    English must not leave the thread in English for the next test."""
    from django.utils import translation

    with translation.override("zh-hans"):
        yield
