"""The window's tablet through its pages: paired with its window by the center office's link (a
signed device key, kept in a long-lived cookie), refused with how to pair otherwise; no case
number on its screen; its errors reach the screen under htmx (200) and it keeps polling; not
limited per address; the photos of staff who sit at windows only."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.core.files.base import ContentFile
from rest_framework.test import APIClient

from onewindow.cases.tests.factories import at
from onewindow.evaluations import selectors, services
from onewindow.evaluations.models import Rating, Service
from onewindow.fees.tests.factories import TUESDAY

NOW = at(TUESDAY, 10, 0)


@pytest.fixture(autouse=True)
def frozen(settings):
    settings.ONEWINDOW_FROZEN_NOW = NOW


def push(hall, *, window=1, case=None, who="market_a", minutes=0):
    return services.service_push(
        user=hall[who].user, window=hall["windows"][window], case=case, at=NOW + timedelta(minutes=minutes)
    )


def test_a_device_not_paired_with_the_window_is_refused_and_told_how_to_pair(hall, finished, client):
    service = push(hall, case=finished)
    for url in ("/rate/window/2/", "/rate/window/2/state/"):
        answer = client.get(url)
        text = answer.content.decode()
        assert answer.status_code == 403
        assert "本评价器尚未与窗口配对" in text and "窗口评价器" in text and "中心办公室" in text
        assert service.token not in text and finished.reference not in text and "刘建国" not in text
    refused = client.post("/rate/window/2/rate/", {"token": service.token, "level": 1})
    assert refused.status_code == 403 and not Rating.objects.exists()
    # a forged key, or another window's, pairs nothing
    assert client.get("/rate/window/2/", {"key": "forged"}).status_code == 403
    other = services.tablet_key(hall["windows"][0])
    assert client.get("/rate/window/2/", {"key": other}).status_code == 403
    assert (
        client.get(
            "/rate/window/2/state/", HTTP_COOKIE=f"onewindow_tablet_{hall['windows'][1].pk}=x"
        ).status_code
        == 403
    )
    # a tablet's own poll gets the notice alone, for htmx to swap in (tablet.html's config)
    polled = client.get("/rate/window/2/state/", HTTP_HX_REQUEST="true")
    assert polled.status_code == 403 and "<html" not in polled.content.decode()
    assert "尚未与窗口配对" in polled.content.decode()


def test_the_office_copies_the_link_that_pairs_the_tablet_for_good(hall, finished, client):
    window = hall["windows"][1]
    client.force_login(hall["office"].user)
    office = client.get("/office/evaluations/").content.decode()
    link = unescape(re.search(rf'id="tablet-link-{window.pk}" value="([^"]+)"', office).group(1))
    assert link.startswith("http://testserver/rate/window/2/?") and "key=" in link
    client.logout()

    paired = client.get(link)
    assert paired.status_code == 302 and "key=" not in paired["Location"]  # out of the address bar
    cookie = paired.cookies[f"onewindow_tablet_{window.pk}"]
    assert cookie.value == services.tablet_key(window)
    assert cookie["max-age"] >= 365 * 24 * 3600 and cookie["httponly"] and cookie["path"] == "/rate/window/2/"
    page = client.get(paired["Location"])
    assert page.status_code == 200 and "欢迎办事" in page.content.decode()

    service = push(hall, case=finished)
    state = client.get("/rate/window/2/state/").content.decode()
    assert service.token in state and "刘建国" in state
    assert finished.reference not in state and finished.version.name in state  # the service, not the case
    assert f"onewindow_tablet_{window.pk}" in client.get("/rate/window/2/state/").cookies  # renewed
    thanks = client.post("/rate/window/2/rate/", {"token": service.token, "level": 1})
    assert "感谢您的评价" in thanks.content.decode()


def test_only_the_center_office_hands_out_tablet_links_of_its_own_windows(hall, client):
    assert list(selectors.tablet_windows_of(hall["township_office"].user)) == [hall["township_window"]]
    assert list(selectors.tablet_windows_of(hall["office"].user)) == [
        *hall["windows"],
        hall["township_window"],
    ]
    for who in ("supervision", "business", "chief", "market_a"):
        assert not selectors.tablet_windows_of(hall[who].user).exists()
    client.force_login(hall["supervision"].user)
    assert "tablet-link" not in client.get("/office/evaluations/").content.decode()


def test_the_tablet_shows_an_error_under_htmx_and_keeps_polling(hall, client, paired):
    paired(client, hall["windows"][1])
    service = push(hall)
    # rated meanwhile (a second tap): the tap's answer is the idle screen with the reason, polling
    services.rating_at_window(token=service.token, given=services.RatingInput(level=1), at=NOW)
    answer = client.post("/rate/window/2/rate/", {"token": service.token, "level": 2}, HTTP_HX_REQUEST="true")
    text = answer.content.decode()
    assert answer.status_code == 200  # htmx 2 swaps no 4xx: the tablet would freeze
    assert "这次服务已经评价过或已结束" in text and 'hx-trigger="every 6s"' in text
    # an error while a service still waits: the rate screen with the reason, and it still polls
    waiting = push(hall, minutes=1)
    answer = client.post(
        "/rate/window/2/rate/", {"token": waiting.token, "level": "9"}, HTTP_HX_REQUEST="true"
    )
    text = answer.content.decode()
    assert answer.status_code == 200 and "请选择评价等级" in text
    assert waiting.token in text and 'hx-trigger="every 8s"' in text
    # the reasons screen goes back by itself when left alone
    reasons = client.post(
        "/rate/window/2/rate/", {"token": waiting.token, "level": 4}, HTTP_HX_REQUEST="true"
    )
    assert 'hx-trigger="load delay:90s"' in reasons.content.decode()
    # without htmx the refusal keeps its status
    assert client.post("/rate/window/2/rate/", {"token": waiting.token, "level": "x"}).status_code == 400
    assert Rating.objects.count() == 1


def test_tablet_ratings_are_not_limited_per_address(hall, client, paired, settings):
    settings.ONEWINDOW_RATINGS_PER_HOUR = 1
    paired(client, hall["windows"][1])
    for minute in range(3):
        service = push(hall, minutes=minute)
        answer = client.post("/rate/window/2/rate/", {"token": service.token, "level": 1})
        assert answer.status_code == 200 and "感谢您的评价" in answer.content.decode()
    api = APIClient()
    for minute in range(3, 5):
        service = push(hall, minutes=minute)
        answer = api.post(
            "/api/v1/evaluations/ratings/window", {"token": service.token, "level": 2}, format="json"
        )
        assert answer.status_code == 201
    assert Rating.objects.count() == 5 and not Service.objects.filter(status="WAITING").exists()


def test_the_tablet_may_be_zoomed(hall, client, paired):
    paired(client, hall["windows"][1])
    page = client.get("/rate/window/2/").content.decode()
    assert 'name="viewport"' in page and "user-scalable" not in page


def test_only_the_photos_of_staff_who_sit_at_windows_are_public(hall, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for who in ("market_a", "office", "fee"):
        hall[who].photo.save(f"{who}.png", ContentFile(b"\x89PNG\r\n\x1a\n photo"), save=True)
    answer = client.get(f"/rate/staff/{hall['market_a'].pk}/photo/")  # the A post of window 2
    # reading the whole stream closes the file (the test client's wrapper)
    assert answer.status_code == 200 and b"".join(answer.streaming_content).startswith(b"\x89PNG")
    assert client.get(f"/rate/staff/{hall['office'].pk}/photo/").status_code == 404
    assert client.get(f"/rate/staff/{hall['fee'].pk}/photo/").status_code == 404  # no window today
    # pushing a service to a window puts them at it: the tablet shows their photo
    services.service_push(user=hall["fee"].user, window=hall["windows"][2], at=NOW)
    answer = client.get(f"/rate/staff/{hall['fee'].pk}/photo/")
    assert answer.status_code == 200 and b"".join(answer.streaming_content).startswith(b"\x89PNG")


def test_the_demo_names_a_link_that_pairs_its_tablet(hall, client):
    from onewindow.evaluations.demo import evaluations_demo_tablet_path

    path = evaluations_demo_tablet_path(county=hall["county"], number="2")
    assert client.get(path).status_code == 302 and client.get("/rate/window/2/").status_code == 200
    assert evaluations_demo_tablet_path(county=hall["county"], number="99") is None
