import pytest

from onewindow.cases.tests.factories import delegate, published_item


@pytest.fixture
def version(hall, seeded_calendar):
    """食品经营许可 of the market department (promised in 5 working days), delegated to its chief
    representative."""
    version = published_item(hall)
    delegate(hall, version)
    return version
