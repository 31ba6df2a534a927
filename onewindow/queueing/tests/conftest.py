import pytest

from onewindow.queueing.tests.factories import make_categories, put_on_duty


@pytest.fixture
def queue(hall, seeded_calendar):
    """The hall with its categories and the clerks on duty on Tuesday 2026-11-17: queue["A"],
    queue["B"], queue["hall"]."""
    put_on_duty(hall)
    return {**make_categories(hall), "hall": hall}
