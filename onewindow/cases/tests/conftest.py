import pytest

from onewindow.cases.tests.factories import published_item


@pytest.fixture
def food(hall, seeded_calendar):
    """A published 食品经营许可 (5 of 20 working days) with required, shared, 容缺 and optional materials."""
    return published_item(hall)
