import pytest

from onewindow.cases.tests.factories import at, delegate, published_item
from onewindow.evaluations.tests.factories import tablet_path
from onewindow.fees.tests.factories import MONDAY, decided_case


@pytest.fixture
def version(hall, seeded_calendar):
    version = published_item(hall)
    delegate(hall, version)
    return version


@pytest.fixture
def finished(hall, version):
    """A case of the market department decided (approved) on Monday 2026-11-16."""
    return decided_case(hall, version, day=MONDAY)


@pytest.fixture
def when():
    """2026-11-17 10:00 in the hall's time zone, and other hours: when(day, hour)."""
    return at


@pytest.fixture
def paired():
    """Pair a test client with a window's tablet: paired(client, window) opens the office's link
    once, which leaves the device's cookie."""

    def pair(client, window):
        answer = client.get(tablet_path(window))
        assert answer.status_code == 302, answer
        return client

    return pair
