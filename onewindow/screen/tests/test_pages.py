"""The big screen through what its users touch: the TV paired by the office's link, the office
signed in, the data endpoint the page re-reads, the API, and everyone who may not look."""

import json
import re
from datetime import date
from html import unescape

import pytest
from rest_framework.test import APIClient

from onewindow.cases.tests.factories import at
from onewindow.org.models import Role, Site
from onewindow.org.tests.factories import make_site, make_staff
from onewindow.queueing.tests.factories import TUESDAY
from onewindow.screen.demo import screen_demo_path
from onewindow.screen.pairing import screen_key
from onewindow.stats import services as stats
from onewindow.stats.tests.factories import CaseSpec, write_cases
from onewindow.stats.tests.test_figures import items  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

NOW = at(TUESDAY, 10, 30)


@pytest.fixture
def day(hall, items, settings):  # noqa: F811 - the items fixture
    """Tuesday 2026-11-17: at the county 3 cases received today (2 accepted, 1 of them decided),
    2 accepted earlier this month; at the township 1 received and accepted today."""
    settings.ONEWINDOW_FROZEN_NOW = NOW
    county, township = hall["county"].pk, hall["township"].pk
    version = items["immediate"]
    earlier = date(2026, 11, 10)
    write_cases(
        [
            CaseSpec(version, county, TUESDAY, accepted=TUESDAY, decided=TUESDAY, applicant_name="欧阳秀英"),
            CaseSpec(version, county, TUESDAY, accepted=TUESDAY),
            CaseSpec(version, county, TUESDAY),
            CaseSpec(version, county, earlier, accepted=earlier, decided=earlier),
            CaseSpec(version, county, earlier, accepted=earlier, decided=earlier),
            CaseSpec(version, township, TUESDAY, accepted=TUESDAY),
        ],
        user=hall["clerk"].user,
    )
    stats.rollup_days(date(2026, 11, 1), TUESDAY)
    return hall


def url(site, tail=""):
    return f"/screen/{site.code}/{tail}"


def embedded(response) -> dict:
    match = re.search(
        r'<script id="sc-data" type="application/json">(.*?)</script>', response.content.decode()
    )
    assert match
    return json.loads(unescape(match.group(1)))


def pair(client, site):
    answer = client.get(url(site), {"key": screen_key(site)})
    assert answer.status_code == 302 and answer["Location"] == url(site)  # the key leaves the address bar
    return answer


# The TV ------------------------------------------------------------------------------------------


def test_a_tv_that_is_not_paired_sees_how_to_pair_and_no_figure(client, day):
    page = client.get(url(day["county"]))
    assert page.status_code == 403
    text = page.content.decode()
    assert "尚未与测试县政务服务中心的数据大屏配对" in text and "配对链接" in text
    assert "sc-data" not in text and "今日受理" not in text
    data = client.get(url(day["county"], "data"))
    assert data.status_code == 403 and data.json()["code"] == "not_paired"
    assert set(data.json()) == {"code", "message"}


def test_the_office_link_pairs_the_tv_for_good_and_it_shows_the_figures(client, day):
    county = day["county"]
    answer = pair(client, county)
    cookie = answer.cookies[f"onewindow_screen_{county.pk}"]
    assert cookie["httponly"] and cookie["path"] == url(county) and int(cookie["max-age"]) > 300 * 24 * 3600
    page = client.get(url(county))
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    text = page.content.decode()
    assert "测试县政务服务中心" in text and "echarts.common.min.js" in text and "screen/screen.js" in text
    assert 'data-figure="today_counts.received">4<' in text  # the township's case too
    assert 'data-figure="today_counts.accepted">3<' in text
    assert 'data-figure="today_counts.completed">1<' in text
    assert 'data-figure="month_counts.accepted">5<' in text
    figures = embedded(page)
    assert figures["today"] == "2026-11-17" and figures["is_working_day"] is True
    assert figures["sites"] == [
        {
            "code": day["township"].code,
            "name": day["township"].short_name or day["township"].name,
            "kind": "TOWNSHIP",
            "today_accepted": 1,
            "today_completed": 0,
            "month_accepted": 1,
            "month_completed": 0,
        }
    ]
    data = client.get(url(county, "data"))
    assert data.status_code == 200 and data["Cache-Control"] == "no-store"
    assert data["X-OneWindow-Now"] == str(int(NOW.timestamp() * 1000))  # the screen's clock
    assert data.json() == figures
    assert "欧阳秀英" not in data.content.decode()  # figures only, no person


def test_a_forged_key_another_sites_key_and_an_old_version_pair_nothing(client, day, settings):
    county, township = day["county"], day["township"]
    assert client.get(url(county), {"key": "forged"}).status_code == 403
    assert client.get(url(county), {"key": screen_key(township)}).status_code == 403
    assert client.get(url(county), {"key": "k" * 5000}).status_code in (400, 403)
    pair(client, county)
    assert client.get(url(county)).status_code == 200
    assert client.get(url(township)).status_code == 403  # one site's key opens one site's screen
    # the office unpairs every screen at once by raising the key version
    settings.ONEWINDOW_SCREEN_KEY_VERSION = 2
    assert client.get(url(county)).status_code == 403
    assert client.get(url(county, "data")).json()["code"] == "not_paired"


@pytest.mark.parametrize("code", ["nope", "x" * 40, "210283%00", "..", "%E4%B8%AD"])
def test_a_site_that_is_not_there_is_a_404_never_a_500(client, day, code):
    client.force_login(day["office"].user)
    assert client.get(f"/screen/{code}/").status_code in (400, 404)
    assert client.get(f"/screen/{code}/data").status_code in (400, 404)
    assert client.get(f"/api/v1/screen/{code}").status_code in (400, 404)


def test_the_demo_prints_a_link_that_pairs_its_screen(client, day):
    path = screen_demo_path(county=day["county"])
    assert path.startswith(url(day["county"]) + "?key=")
    assert client.get(path).status_code == 302
    assert client.get(url(day["county"])).status_code == 200


def test_an_inactive_site_has_no_screen(client, day):
    client.force_login(day["office"].user)
    Site.objects.filter(pk=day["township"].pk).update(is_active=False)
    assert client.get(url(day["township"])).status_code == 404
    assert client.get(url(day["township"]), {"key": screen_key(day["township"])}).status_code == 404


# Signed in ------------------------------------------------------------------------------------------


def test_the_office_and_its_sections_see_their_sites_screens(client, day):
    for who in ("office", "business", "supervision"):
        client.force_login(day[who].user)
        assert client.get(url(day["county"])).status_code == 200
        assert client.get(url(day["township"])).status_code == 200
        assert client.get(url(day["county"], "data")).status_code == 200
    # a township's office sees its own, not the county's
    client.force_login(day["township_office"].user)
    assert client.get(url(day["township"])).status_code == 200
    assert client.get(url(day["county"])).status_code == 403
    assert client.get(url(day["county"], "data")).status_code == 403


@pytest.mark.parametrize("who", ["clerk", "reviewer", "chief", "fee", "agent", "township_clerk"])
def test_other_staff_do_not_see_the_screen(client, day, who):
    client.force_login(day[who].user)
    assert client.get(url(day["county"])).status_code == 403
    assert client.get(url(day["county"], "data")).status_code == 403
    assert client.get("/screen/").status_code == 403
    assert client.get("/office/screen/").status_code == 403


def test_screen_opens_ones_own_sites_screen(client, day):
    assert client.get("/screen/")["Location"].startswith("/accounts/login/")
    client.force_login(day["office"].user)
    assert client.get("/screen/")["Location"] == url(day["county"])
    client.force_login(day["township_office"].user)
    assert client.get("/screen/")["Location"] == url(day["township"])


def test_the_office_page_hands_out_the_links_that_pair_the_tvs(client, day):
    client.force_login(day["office"].user)
    page = client.get("/office/screen/").content.decode()
    for site in (day["county"], day["township"], day["village"]):
        assert f"/screen/{site.code}/?key={screen_key(site)}" in page
    link = re.search(r'value="(http://testserver/screen/[^"]+)"', page).group(1)
    assert client.get(link.removeprefix("http://testserver")).status_code == 302
    # the business section opens the screens but does not hand out their keys
    client.force_login(day["business"].user)
    page = client.get("/office/screen/").content.decode()
    assert url(day["county"]) in page and "?key=" not in page
    # a township's office: its own subtree only
    client.force_login(day["township_office"].user)
    page = client.get("/office/screen/").content.decode()
    assert screen_key(day["township"]) in page and screen_key(day["county"]) not in page


# The data endpoint and the API --------------------------------------------------------------------


def test_the_api_gives_the_same_document_to_the_office_and_refuses_others(day):
    api = APIClient()
    assert api.get(f"/api/v1/screen/{day['county'].code}").status_code in (401, 403)
    api.force_authenticate(day["office"].user)
    answer = api.get(f"/api/v1/screen/{day['county'].code}")
    assert answer.status_code == 200
    document = answer.json()
    assert document["today_counts"] == {"received": 4, "accepted": 3, "completed": 1}
    assert document["month_counts"] == {"accepted": 5, "completed": 3}
    assert document["lights"] == {"green": 2, "yellow": 0, "red": 0, "suspended": 0, "handling": 2}
    assert document["satisfaction"] == {"total": 0, "bad": 0, "good": 0, "rate": None}
    assert document["queue"]["categories"] == [] and document["queue"]["average_wait_seconds"] is None
    assert [item["accepted"] for item in document["top_items"]] == [5]
    assert len(document["trend"]) == 30 and document["trend"][-1] == {
        "day": "2026-11-17",
        "accepted": 3,
        "completed": 1,
    }
    client = APIClient()
    client.force_login(day["office"].user)
    assert client.get(f"/screen/{day['county'].code}/data").json() == document
    api.force_authenticate(day["township_office"].user)
    refused = api.get(f"/api/v1/screen/{day['county'].code}")
    assert refused.status_code == 403 and refused.json()["code"] == "not_allowed"
    api.force_authenticate(day["clerk"].user)
    assert api.get(f"/api/v1/screen/{day['county'].code}").status_code == 403
    missing = APIClient()
    missing.force_authenticate(day["office"].user)
    assert missing.get("/api/v1/screen/nope").json()["code"] == "not_found"


def test_the_figures_are_computed_once_in_the_cache_time(client, day, items, settings):  # noqa: F811
    settings.ONEWINDOW_SCREEN_CACHE_SECONDS = 60
    client.force_login(day["office"].user)
    first = client.get(url(day["county"], "data")).json()
    write_cases([CaseSpec(items["immediate"], day["county"].pk, TUESDAY)], user=day["clerk"].user)
    assert client.get(url(day["county"], "data")).json() == first  # from the cache
    from django.core.cache import cache

    cache.clear()
    assert client.get(url(day["county"], "data")).json()["today_counts"]["received"] == 5
    # without a cache the new figures come at once
    settings.ONEWINDOW_SCREEN_CACHE_SECONDS = 0
    write_cases([CaseSpec(items["immediate"], day["county"].pk, TUESDAY)], user=day["clerk"].user)
    assert client.get(url(day["county"], "data")).json()["today_counts"]["received"] == 6


def test_the_screen_speaks_the_halls_language_whatever_the_tv_browser_says(client, day):
    pair(client, day["county"])
    page = client.get(url(day["county"]), HTTP_ACCEPT_LANGUAGE="en")
    assert page["Content-Language"] == "zh-hans" and "今日收件" in page.content.decode()


def test_a_site_of_another_network_is_out_of_the_offices_reach(client, day):
    other = make_site(kind=Site.Kind.CENTER, name="邻县政务服务中心")
    make_staff(site=other, roles=[Role.CENTER_OFFICE])
    client.force_login(day["office"].user)
    assert client.get(url(other)).status_code == 403
    assert screen_key(other) not in client.get("/office/screen/").content.decode()
