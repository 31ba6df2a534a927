"""After login each role lands on its work; an explicit `next` still wins."""

import pytest
from django.test import Client

from onewindow.org.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _login(username: str, next_url: str = "") -> str:
    """Log in through the login form and return where it sends the browser, followed to the end."""
    client = Client()
    url = "/accounts/login/" + (f"?next={next_url}" if next_url else "")
    response = client.post(url, {"username": username, "password": PASSWORD}, follow=True)
    assert response.status_code == 200, username
    return response.redirect_chain[-1][0]


@pytest.mark.parametrize(
    ("person", "landing"),
    [
        ("office", "/office/"),
        ("township_office", "/office/"),
        ("business", "/office/"),
        ("supervision", "/office/supervision/"),
        ("fee", "/desk/fees/"),
        ("clerk", "/desk/cases/"),
        ("township_clerk", "/desk/cases/"),
        ("village_clerk", "/desk/cases/"),
        ("reviewer", "/desk/cases/tasks/"),
        ("chief", "/desk/cases/tasks/"),
        ("agent", "/desk/cases/tasks/"),
    ],
)
def test_each_staff_role_lands_on_its_work(seeded_calendar, hall, person, landing):
    assert _login(hall[person].user.username) == landing


def test_a_chief_representative_who_also_sits_at_the_window_lands_on_his_tasks(seeded_calendar, hall):
    from onewindow.org.models import StaffRole

    StaffRole.objects.create(staff=hall["chief"], role="WINDOW_CLERK")
    assert _login(hall["chief"].user.username) == "/desk/cases/tasks/"


def test_applicants_land_on_their_cases_and_superusers_on_the_office(seeded_calendar, django_user_model):
    django_user_model.objects.create_user("citizen", password=PASSWORD)
    django_user_model.objects.create_superuser("root", password=PASSWORD)
    assert _login("citizen") == "/my/cases/"
    assert _login("root") == "/office/"


def test_an_explicit_next_still_wins(seeded_calendar, hall):
    assert _login(hall["fee"].user.username, next_url="/desk/") == "/desk/"
    assert _login(hall["supervision"].user.username, next_url="/office/org/duty/") == "/office/org/duty/"
