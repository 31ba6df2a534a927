import pytest

from onewindow.catalog import themes
from onewindow.catalog.models import Audience, Theme
from onewindow.org.models import Role
from onewindow.org.tests.factories import make_staff


@pytest.fixture
def office2(hall):
    """A second member of the center office: the office does not approve its own submissions."""
    return make_staff(site=hall["county"], roles=[Role.CENTER_OFFICE], full_name="何静怡", username="office2")


@pytest.fixture(autouse=True)
def seeded_themes(db):
    """The themes migration 0002 loads (a transactional test's flush removes them)."""
    for audience, names in ((Audience.PEOPLE, themes.PEOPLE), (Audience.COMPANIES, themes.COMPANIES)):
        for order, name in enumerate(names, start=1):
            Theme.objects.get_or_create(name=name, defaults={"audience": audience, "sort_order": order})
