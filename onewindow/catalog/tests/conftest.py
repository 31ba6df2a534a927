import pytest

from onewindow.org.models import Role
from onewindow.org.tests.factories import make_staff


@pytest.fixture
def office2(hall):
    """A second member of the center office: the office does not approve its own submissions."""
    return make_staff(site=hall["county"], roles=[Role.CENTER_OFFICE], full_name="何静怡", username="office2")
