"""The guide's search pages, the kiosk's lists and the public items API: right answers, a fixed
number of queries however many items there are, and renderings that follow the catalog at once."""

import re

import pytest
from django.conf import settings
from django.test import Client

from onewindow.catalog import selectors, services, themes
from onewindow.catalog.models import Audience, Theme
from onewindow.catalog.tests.factories import NOW, make_item, publish
from onewindow.common import clock

pytestmark = pytest.mark.django_db

ITEMS = 25  # more than a guide page (20)


@pytest.fixture(autouse=True)
def seeded_themes(db):
    """The themes migration 0002 loads (a transactional test's flush removes them)."""
    for audience, names in ((Audience.PEOPLE, themes.PEOPLE), (Audience.COMPANIES, themes.COMPANIES)):
        for order, name in enumerate(names, start=1):
            Theme.objects.get_or_create(name=name, defaults={"audience": audience, "sort_order": order})


def _publish(hall, *, code, name, keywords="", **fields):
    reviewer, office = hall["reviewer"].user, hall["office"].user
    draft = make_item(
        department=hall["market"], user=reviewer, code=code, name=name, keywords=keywords, **fields
    )
    return publish(draft, submitter=reviewer, approver=office, today=clock.today())


@pytest.fixture
def catalog(hall):
    """25 licences of the market department (食品经营许可01…25), of the theme 婚姻登记 (to browse by)."""
    theme = Theme.objects.get(name="婚姻登记")
    return [
        _publish(
            hall, code=f"SP{number:04d}", name=f"食品经营许可{number:02d}", keywords="餐饮", themes=[theme]
        )
        for number in range(1, ITEMS + 1)
    ]


def _names(html: str) -> list[str]:
    return re.findall(r'<article class="result card">\s*<h2><a href="[^"]+">([^<]+)</a>', html)


def _count(html: str) -> int:
    return int(re.search(r"共 (\d+) 个事项", html).group(1))


def test_search_pages_through_every_match(catalog):
    client = Client()
    first = client.get("/guide/?q=食品").content.decode()
    assert _count(first) == ITEMS
    assert _names(first) == [f"食品经营许可{number:02d}" for number in range(1, 21)]
    assert "第 1 / 2 页" in first and "q=%E9%A3%9F%E5%93%81&amp;page=2" in first
    second = client.get("/guide/?q=食品&page=2").content.decode()
    assert _names(second) == [f"食品经营许可{number:02d}" for number in range(21, ITEMS + 1)]
    assert _names(client.get("/guide/?q=食品&page=999").content.decode()) == _names(second)  # the last page
    assert _names(client.get("/guide/?q=食品&page=abc").content.decode()) == _names(first)
    empty = client.get("/guide/?q=护照").content.decode()
    assert _count(empty) == 0 and "没有找到与“护照”相关的事项" in empty


def test_browse_by_department_theme_and_type(catalog, hall):
    client = Client()
    theme = Theme.objects.get(name="婚姻登记")
    assert _count(client.get(f"/guide/?department={hall['market'].pk}").content.decode()) == ITEMS
    assert _count(client.get(f"/guide/?department={hall['housing'].pk}").content.decode()) == 0
    by_theme = client.get(f"/guide/?theme={theme.pk}").content.decode()
    assert _count(by_theme) == ITEMS
    assert f'?theme={theme.pk}" class="active">婚姻登记 <span class="count">{ITEMS}</span>' in by_theme
    market = hall["market"].pk
    assert f'<option value="{market}" >' in client.get("/guide/").content.decode()
    assert (
        f'<option value="{market}" selected>' in client.get(f"/guide/?department={market}").content.decode()
    )
    assert _count(client.get("/guide/?type=20").content.decode()) == 0


def test_guide_pages_take_a_fixed_number_of_queries(catalog, hall, django_assert_max_num_queries):
    client = Client()
    theme = Theme.objects.get(name="婚姻登记")
    for url in ("/guide/", "/guide/?q=食品", "/guide/?q=食品&page=2", f"/guide/?theme={theme.pk}"):
        # First: the revision, the matching ids, the page's rows, the browse lists (three: the
        # theme counts, the themes, the departments) and the center's name (the shared layout).
        with django_assert_max_num_queries(7):
            assert client.get(url).status_code == 200
        with django_assert_max_num_queries(2):  # then: the revision and the center's name
            assert client.get(url).status_code == 200


def test_a_cached_page_shows_a_publication_at_once(catalog, hall):
    client = Client()
    assert _names(client.get("/guide/?q=补领").content.decode()) == []
    _publish(hall, code="BL0001", name="补领食品经营许可证")
    assert _names(client.get("/guide/?q=补领").content.decode()) == ["补领食品经营许可证"]
    assert _count(client.get("/guide/").content.decode()) == ITEMS + 1


def test_a_cached_page_drops_a_withdrawn_item_at_once(catalog, hall):
    client = Client()
    assert _count(client.get("/guide/?q=食品").content.decode()) == ITEMS
    services.item_withdraw(
        item=catalog[0].item,
        user=hall["office"].user,
        now=NOW,
        today=clock.today(),
        withdrawal_date=clock.today(),
        reason="并入其他事项",
    )
    html = client.get("/guide/?q=食品").content.decode()
    assert _count(html) == ITEMS - 1 and "食品经营许可01" not in _names(html)


def test_a_cached_page_is_per_language(catalog):
    chinese = Client().get("/guide/?q=食品").content.decode()
    assert "全部部门" in chinese
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = english.get("/guide/?q=食品").content.decode()
    assert "All departments" in html and "全部部门" not in html


def test_kiosk_list_of_a_theme_and_of_a_department(catalog, hall, django_assert_max_num_queries):
    client = Client()
    theme = Theme.objects.get(name="婚姻登记")
    # The revision, the ids, the rows, the themes (two: the counts, the names) and the center's name.
    with django_assert_max_num_queries(6):
        listing = client.get(f"/kiosk/items/?theme={theme.pk}").content.decode()
    assert '<h1 class="kiosk-title">婚姻登记</h1>' in listing
    assert listing.count('class="kiosk-tile kiosk-item') == ITEMS
    assert "/kiosk/items/SP0001/" in listing
    with django_assert_max_num_queries(2):
        assert client.get(f"/kiosk/items/?theme={theme.pk}").content.decode() == listing
    by_department = client.get(f"/kiosk/items/?department={hall['market'].pk}").content.decode()
    assert f'<h1 class="kiosk-title">{hall["market"].name}</h1>' in by_department
    assert client.get("/kiosk/items/?theme=999999").status_code == 200
    assert client.get("/kiosk/items/").status_code == 404


def test_items_api_pages_the_guides_answer(catalog, django_assert_max_num_queries):
    client = Client()
    expected = [
        version.item.implementation_code
        for version in selectors.guide_search(on_date=clock.today(), query="食品")
    ]
    with django_assert_max_num_queries(3):  # the revision, the ids, the page's rows
        first = client.get("/api/v1/items/?search=食品&limit=10").json()
    assert first["count"] == ITEMS
    assert [row["implementation_code"] for row in first["results"]] == expected[:10]
    assert first["results"][0] == {
        "implementation_code": "SP0001",
        "name": "食品经营许可01",
        "department": catalog[0].item.department.name,
        "item_type": "01",
        "case_kind": "PROMISED",
        "promised_limit": 5,
        "promised_unit": "WORKING_DAYS",
        "is_online_capable": True,
        "visits_required": 1,
        "url": "/guide/SP0001/",
    }
    with django_assert_max_num_queries(1):  # the revision: the page was serialized already
        assert client.get("/api/v1/items/?search=食品&limit=10").json() == first
    last = client.get("/api/v1/items/?search=食品&limit=10&offset=20").json()
    assert [row["implementation_code"] for row in last["results"]] == expected[20:]
    assert last["next"] is None
    beyond = client.get("/api/v1/items/?search=食品&offset=100").json()
    assert beyond["count"] == ITEMS and beyond["results"] == []
    assert client.get("/api/v1/items/?search=护照").json()["count"] == 0


def test_a_cached_page_reads_nothing_but_the_revision(catalog, django_assert_num_queries):
    client = Client()
    client.get("/guide/?q=食品&page=2")
    with django_assert_num_queries(2):  # the catalog's revision and the center's name (the layout)
        html = client.get("/guide/?q=食品&page=2").content.decode()
    assert _names(html) == [f"食品经营许可{number:02d}" for number in range(21, ITEMS + 1)]
