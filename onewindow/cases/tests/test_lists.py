"""The case-sized lists, keyset-paginated (common.keyset): the API's cases, lights and my tasks,
the desk's case list and lights page, the office dashboard. Pages walk every row once, in
order; each reader's scope is case_visible_to's; a page costs a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from onewindow.cases import selectors
from onewindow.cases.models import Case, CaseStatus, Task
from onewindow.cases.tests.factories import at, person, receive
from onewindow.org.models import Role
from onewindow.org.tests.factories import make_staff

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 16)
CASES = "/api/v1/cases/"
LIGHTS = "/api/v1/lights"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def housing_reviewer(hall):
    return make_staff(
        site=hall["county"],
        roles=[Role.DEPARTMENT_REVIEWER],
        department=hall["housing"],
        full_name="住建审核",
    )


@pytest.fixture
def cases(hall, food, settings, housing_reviewer):
    """Seven county cases (same hour: ties broken by id), four township cases of which two are
    followed by the county clerk as agent, two county cases with a housing opinion task."""
    settings.ONEWINDOW_FROZEN_NOW = at(DAY, 18)
    county = [receive(hall, food, applicant=person(name=f"王海林{number}")) for number in range(7)]
    township = [receive(hall, food, user=hall["township_clerk"].user, day=DAY) for _ in range(4)]
    Case.objects.filter(pk__in=[township[0].pk, township[2].pk]).update(agent=hall["clerk"])
    for case in county[1:3]:
        Task.objects.create(
            case=case,
            kind=Task.Kind.OPINION,
            sort_order=1,
            name="住建意见",
            department=hall["housing"],
            assisting=True,  # as handling.tasks_open marks a co-department's opinion
            role=Role.DEPARTMENT_REVIEWER,
            limit_days=5,
            status=Task.Status.WAITING,
        )
    return {"county": county, "township": township}


def newest_first(user) -> list[str]:
    return list(
        selectors.case_visible_to(user)
        .order_by("-received_at", "-id")
        .values_list("receipt_number", flat=True)
    )


def walk(client, url, **params) -> tuple[list[list[dict]], list]:
    """Every page from the first, following `next`; the pages' rows and the responses."""
    pages, responses = [], []
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.data
        assert set(response.data) == {"next", "results"}
        pages.append(response.data["results"])
        responses.append(response)
        if response.data["next"] is None:
            return pages, responses
        assert response.data["next"].startswith("http://testserver/")
        response = client.get(response.data["next"])
        assert len(pages) < 50


@pytest.mark.parametrize("reader", ["clerk", "township_clerk", "office", "reviewer", "housing", "admin"])
def test_the_pages_walk_each_readers_cases_once_newest_first(
    hall, cases, reader, housing_reviewer, django_user_model
):
    user = {
        "housing": housing_reviewer.user,
        "admin": django_user_model.objects.create_superuser("root-lists", password="x" * 12),
    }.get(reader) or hall[reader].user

    pages, _ = walk(api(user), CASES, limit=3)

    assert [row["receipt_number"] for page in pages for row in page] == newest_first(user)
    assert all(len(page) == 3 for page in pages[:-1])


def test_scopes_a_clerk_sees_his_site_and_his_agent_cases_a_reviewer_his_departments_and_joint_opinions(
    hall, cases, housing_reviewer
):
    county, township = cases["county"], cases["township"]

    def seen(user):
        pages, _ = walk(api(user), CASES, limit=4)
        return {row["receipt_number"] for page in pages for row in page}

    assert seen(hall["clerk"].user) == {case.receipt_number for case in [*county, township[0], township[2]]}
    assert seen(hall["township_clerk"].user) == {case.receipt_number for case in township}
    assert seen(hall["reviewer"].user) == {case.receipt_number for case in [*county, *township]}  # market's
    assert seen(housing_reviewer.user) == {county[1].receipt_number, county[2].receipt_number}


def test_a_list_row_is_lean_and_links_to_the_record(hall, cases):
    row = api(hall["clerk"].user).get(CASES, {"limit": 1}).data["results"][0]
    assert set(row) == {
        "number",
        "receipt_number",
        "status",
        "status_label",
        "channel",
        "item_code",
        "item_name",
        "department",
        "site",
        "applicant_name",
        "received_at",
        "decision_due_date",
        "accepted_date",
        "promised_due_date",
        "decided_date",
        "delivery_due_date",
        "light",
        "url",
    }
    assert row["url"] == f"/api/v1/cases/{row['receipt_number']}"


def test_search_and_status_are_kept_across_pages(hall, cases):
    client = api(hall["clerk"].user)
    pages, _ = walk(client, CASES, search="王海林", limit=2)  # three characters: any part of the name
    assert [row["applicant_name"] for page in pages for row in page] == [
        f"王海林{n}" for n in range(6, -1, -1)
    ]
    pages, _ = walk(client, CASES, search="王海", limit=5)  # two characters: the start of the name
    assert sum(len(page) for page in pages) == 7
    assert walk(client, CASES, search="海林", limit=5)[0] == [[]]  # not the start of any name
    assert walk(client, CASES, status="ACCEPTED")[0] == [[]]


def test_each_page_costs_the_same_few_queries(hall, cases):
    client = api(hall["clerk"].user)
    counts = []
    for limit in (2, 3):
        client.get(CASES, {"limit": limit})  # the user's access, read once per user object
        with CaptureQueriesContext(connection) as queries:
            response = client.get(CASES, {"limit": limit})
        counts.append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            client.get(response.data["next"])
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2] == counts[3] <= 8, counts


@pytest.mark.parametrize("cursor", ["nonsense", "x" * 500, "WzAsbnVsbF0:1tQ:bad"])
def test_a_bad_cursor_or_limit_is_a_400_not_a_500(hall, cases, cursor):
    client = api(hall["clerk"].user)
    response = client.get(CASES, {"cursor": cursor})
    assert response.status_code == 400 and response.data["code"] == "bad_cursor"
    assert client.get(LIGHTS, {"cursor": cursor}).data["code"] == "bad_cursor"
    assert client.get("/api/v1/tasks/mine", {"cursor": cursor}).data["code"] == "bad_cursor"
    for limit in ("0", "-1", "abc", "9" * 30):
        response = client.get(CASES, {"limit": limit})
        assert response.status_code == 400 and "limit" in response.data["errors"]
    assert client.get(CASES, {"limit": "100000"}).status_code == 200  # more than 200 asks for 200


def test_a_cursor_of_one_list_is_refused_by_another(hall, cases):
    client = api(hall["clerk"].user)
    next_url = client.get(CASES, {"limit": 2}).data["next"]
    cursor = next_url.split("cursor=", 1)[1].split("&", 1)[0]
    assert client.get("/api/v1/tasks/mine", {"cursor": cursor}).status_code == 400


@pytest.fixture
def lit(hall, cases, settings):
    """Four county cases in handling: two red, two yellow (and one green); two decided ones
    awaiting delivery, one of them red. Yellow: due within two working days."""
    settings.ONEWINDOW_WARNING_WORKING_DAYS = 2
    today = DAY
    rows = cases["county"]
    plan = [
        (CaseStatus.ACCEPTED, today - timedelta(days=3), None),
        (CaseStatus.ACCEPTED, today - timedelta(days=1), None),
        (CaseStatus.ACCEPTED, today, None),
        (CaseStatus.ACCEPTED, today + timedelta(days=1), None),
        (CaseStatus.ACCEPTED, today + timedelta(days=40), None),  # green
        (CaseStatus.COMPLETED, today - timedelta(days=9), today - timedelta(days=1)),
        (CaseStatus.COMPLETED, today - timedelta(days=9), today + timedelta(days=1)),
    ]
    for case, (status, promised, delivery) in zip(rows, plan, strict=True):
        Case.objects.filter(pk=case.pk).update(
            status=status, number=f"N{case.pk:05d}", promised_due_date=promised, delivery_due_date=delivery
        )
    return [f"N{case.pk:05d}" for case in rows]


def test_the_lights_api_pages_handling_then_delivery_soonest_first(hall, lit):
    pages, _ = walk(api(hall["clerk"].user), LIGHTS, limit=2, date=DAY.isoformat())
    rows = [row for page in pages for row in page]
    assert [row["number"] for row in rows] == [lit[0], lit[1], lit[2], lit[3], lit[5], lit[6]]
    assert [row["light"] for row in rows] == ["red", "red", "yellow", "yellow", "red", "yellow"]
    assert [len(page) for page in pages] == [2, 2, 2]


def test_the_lit_counts_add_the_disjoint_arms(hall, lit):
    counts = selectors.lit_counts_for(hall["clerk"].user, today=DAY, warning_days=2)
    assert counts == {"red": 2, "yellow": 2, "delivery": 2}
    assert selectors.lit_count_for(hall["clerk"].user, today=DAY, warning_days=2) == 6
    assert selectors.lit_count_for(hall["township_clerk"].user, today=DAY, warning_days=2) == 0


def test_the_lights_page_shows_fifty_and_links_to_the_next(client, hall, lit, settings, monkeypatch):
    monkeypatch.setattr(selectors, "lit_page_for_desk", _small_pages(selectors.lit_page_for_desk))
    client.force_login(hall["supervision"].user)
    first = client.get("/desk/cases/lights/").content.decode()
    assert lit[0] in first and lit[2] not in first and 'rel="next"' in first
    next_url = first.split('rel="next" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    second = client.get("/desk/cases/lights/" + next_url).content.decode()
    assert lit[2] in second and lit[0] not in second
    assert client.get("/desk/cases/lights/?cursor=bad").status_code == 400
    dashboard = client.get("/office/").content.decode()
    assert lit[0] in dashboard and 'rel="next"' in dashboard


def _small_pages(function):
    def smaller(request, **kwargs):
        return function(request, **{**kwargs, "limit": 2})

    return smaller


def test_the_desk_case_list_pages_todays_intake(client, hall, cases, settings, monkeypatch):
    from onewindow.cases import views

    monkeypatch.setattr(views, "CASE_LIST_PAGE", 4)
    client.force_login(hall["clerk"].user)
    first = client.get("/desk/cases/").content.decode()
    expected = newest_first(hall["clerk"].user)
    assert expected[0] in first and expected[4] not in first and "更早" in first
    next_url = first.split('rel="next" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    second = client.get("/desk/cases/" + next_url).content.decode()
    assert expected[4] in second and expected[0] not in second
    assert client.get("/desk/cases/?cursor=bad").status_code == 400
