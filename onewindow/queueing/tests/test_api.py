"""The queue's API end to end: the public takes a ticket and follows it, books, cancels and checks
in; the clerk on duty calls, recalls, skips, transfers, pauses and finishes at the window; the
office reads the KPIs. Every refusal is a clear 4xx with a stable code, and nothing is written."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from onewindow.cases.tests.factories import published_item, receive
from onewindow.queueing import api as queue_api
from onewindow.queueing import services
from onewindow.queueing.models import Appointment, Call, Category, Ticket, TicketCase, WindowState
from onewindow.queueing.tests.factories import ELDERLY_ID, TUESDAY, YOUNG_ID, at, book, id_number

pytestmark = pytest.mark.django_db

BASE = "/api/v1/queue"
#: An ID card number whose check character is wrong.
BAD_ID = YOUNG_ID[:-1] + ("1" if YOUNG_ID[-1] != "1" else "2")


def api(staff=None, *, user=None) -> APIClient:
    client = APIClient()
    if staff is not None:
        client.force_authenticate(staff.user)
    elif user is not None:
        client.force_authenticate(user)
    return client


def frozen(settings, day=TUESDAY, hour=10, minute=0):
    settings.ONEWINDOW_FROZEN_NOW = at(day, hour, minute)


def issue(queue, prefix="A", minute=0, hour=9, **kwargs):
    return services.ticket_issue(category=queue[prefix], at=at(TUESDAY, hour, minute), **kwargs)


@pytest.fixture
def now(settings):
    """Tuesday 2026-11-17 10:00 in the hall."""
    frozen(settings)


@pytest.fixture
def citizen(db):
    return get_user_model().objects.create_user("citizen-queue", password="x" * 12)


def window_url(window, command=""):
    return f"{BASE}/windows/{window.pk}" + (f"/{command}" if command else "")


# Categories ----------------------------------------------------------------------------------------


def test_a_site_s_categories_with_their_waiting_counts(queue, now):
    hall = queue["hall"]
    issue(queue, "A", 1)
    issue(queue, "A", 2)
    issue(queue, "B", 3)
    Category.objects.create(site=hall["county"], prefix="Z", name="停用类别", is_active=False)
    queue["B"].slot_capacity = 0
    queue["B"].save()
    response = api().get(f"{BASE}/sites/{hall['county'].code}/categories")
    assert response.status_code == 200
    assert response.json() == {
        "site_code": hall["county"].code,
        "site_name": "测试县政务服务中心",
        "date": "2026-11-17",
        "is_open": True,
        "categories": [
            {
                "id": queue["A"].pk,
                "prefix": "A",
                "name": "市场准入",
                "description": "",
                "waiting": 2,
                "accepts_appointments": True,
            },
            {
                "id": queue["B"].pk,
                "prefix": "B",
                "name": "不动产登记",
                "description": "",
                "waiting": 1,
                "accepts_appointments": False,
            },
        ],
    }


def test_categories_of_an_unknown_site_or_out_of_hours(queue, settings):
    frozen(settings, hour=12, minute=30)  # lunch time: the page answers, the hall is closed
    shown = api().get(f"{BASE}/sites/{queue['hall']['county'].code}/categories")
    assert shown.status_code == 200 and shown.json()["is_open"] is False
    missing = api().get(f"{BASE}/sites/NOPE/categories")
    assert missing.status_code == 404
    assert missing.json() == {"code": "not_found", "message": "没有找到该服务中心。"}


# Tickets -------------------------------------------------------------------------------------------


def test_take_a_ticket_and_follow_it_until_called(queue, now):
    public = api()
    first = public.post(f"{BASE}/tickets", {"category": queue["A"].pk}, format="json")
    assert first.status_code == 201, first.content
    body = first.json()
    token = body["token"]
    assert len(token) == 24
    assert body == {
        "code": "A001",
        "token": token,
        "status": "WAITING",
        "status_display": "等候中",
        "site_name": "测试县政务服务中心",
        "category": {"id": queue["A"].pk, "prefix": "A", "name": "市场准入"},
        "priority_group": "",
        "priority_group_display": "",
        "lane": 2,
        "ahead": 0,
        "service_date": "2026-11-17",
        "issued_at": "2026-11-17T10:00:00+08:00",
        "called_at": None,
        "window": None,
        "live_url": f"http://testserver/queue/ticket/{token}/",
        "slip_pdf_url": f"http://testserver/queue/ticket/{token}/slip.pdf",
    }
    ticket = Ticket.objects.get(token=token)
    assert (ticket.source, ticket.issued_by, ticket.applicant_name) == (Ticket.Source.API, None, "")

    second = public.post(
        f"{BASE}/tickets",
        {"category": queue["A"].pk, "name": "张晓梅", "phone": "138 0013 8000"},
        format="json",
    ).json()
    assert (second["code"], second["ahead"], second["lane"]) == ("A002", 1, 2)
    assert "张晓梅" not in str(second) and "13800138000" not in str(second)
    elderly = public.post(
        f"{BASE}/tickets", {"category": queue["A"].pk, "id_number": ELDERLY_ID}, format="json"
    )
    assert elderly.json()["code"] == "A003"
    assert (elderly.json()["priority_group"], elderly.json()["lane"], elderly.json()["ahead"]) == (
        "ELDERLY",
        1,
        0,
    )
    assert public.get(f"{BASE}/tickets/{token}").json()["ahead"] == 1  # the elderly go first

    hall = queue["hall"]
    services.call_next(user=hall["clerk"].user, window=hall["windows"][0], at=at(TUESDAY, 10, 5))
    services.call_next(user=hall["market_a"].user, window=hall["windows"][1], at=at(TUESDAY, 10, 6))
    called = public.get(f"{BASE}/tickets/{token}").json()
    assert (called["status"], called["status_display"], called["ahead"]) == ("CALLED", "办理中", 0)
    assert called["called_at"] == "2026-11-17T10:06:00+08:00"
    assert called["window"] == {"id": hall["windows"][1].pk, "number": "2", "name": "测试窗口"}
    assert public.get(f"{BASE}/tickets/{second['token']}").json()["ahead"] == 0


def test_an_unknown_ticket_is_a_404(queue, now):
    for token in ("nope", "x" * 40, "A001"):
        response = api().get(f"{BASE}/tickets/{token}")
        assert response.status_code == 404
        assert response.json() == {"code": "not_found", "message": "没有找到该排队号。"}


def test_refused_tickets_are_clear_4xx_and_nothing_is_written(queue, settings, now):
    public = api()
    category = queue["A"].pk
    cases = [
        ({"category": 999999}, 400, "invalid", "category"),
        ({"category": 10**19}, 400, "invalid", "category"),
        ({"category": "A"}, 400, "invalid", "category"),
        ({}, 400, "invalid", "category"),
        ({"category": category, "priority_group": "VIP"}, 400, "invalid", "priority_group"),
        ({"category": category, "name": "张\x00三"}, 400, "invalid", "name"),
        ({"category": category, "id_number": "1" * 19}, 400, "invalid", "id_number"),
        ({"category": category, "id_number": BAD_ID}, 400, "queue_bad_id_number", None),
        ({"category": category, "phone": "12345"}, 400, "queue_bad_phone", None),
        ({"category": category, "priority_group": "GREEN_CHANNEL"}, 403, "not_allowed", None),
    ]
    for body, status, code, field in cases:
        response = public.post(f"{BASE}/tickets", body, format="json")
        assert (response.status_code, response.json()["code"]) == (status, code), (body, response.json())
        if field:
            assert field in response.json()["errors"], response.json()
    assert public.post(f"{BASE}/tickets", [None, None], format="json").status_code == 400
    assert public.post(f"{BASE}/tickets", "7", content_type="application/json").status_code == 400
    not_json = public.post(f"{BASE}/tickets", "{oops", content_type="application/json")
    assert (not_json.status_code, not_json.json()["code"]) == (400, "parse_error")

    Category.objects.filter(pk=queue["B"].pk).update(is_active=False)
    inactive = public.post(f"{BASE}/tickets", {"category": queue["B"].pk}, format="json")
    assert (inactive.status_code, inactive.json()["code"]) == (400, "queue_category_inactive")

    settings.ONEWINDOW_QUEUE_PRIORITY_GROUPS = "ELDERLY"
    unknown_group = public.post(f"{BASE}/tickets", {"category": category, "priority_group": "PREGNANT"})
    assert (unknown_group.status_code, unknown_group.json()["code"]) == (400, "queue_bad_priority")

    frozen(settings, hour=8, minute=59)
    closed = public.post(f"{BASE}/tickets", {"category": category}, format="json")
    assert (closed.status_code, closed.json()["code"]) == (409, "queue_hall_closed")
    assert "09:00-12:00、13:30-17:30" in closed.json()["message"]
    frozen(settings, day=date(2026, 11, 21))  # a Saturday
    weekend = public.post(f"{BASE}/tickets", {"category": category}, format="json")
    assert (weekend.status_code, weekend.json()["code"]) == (409, "queue_hall_closed")
    assert not Ticket.objects.exists()


def test_staff_give_the_green_channel_and_are_not_limited(queue, monkeypatch, now):
    monkeypatch.setattr(queue_api, "API_TICKETS_PER_HOUR", 1)
    hall = queue["hall"]
    token, _created = Token.objects.get_or_create(user=hall["clerk"].user)
    staff = APIClient()
    staff.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    for expected in ("A001", "A002"):
        response = staff.post(
            f"{BASE}/tickets", {"category": queue["A"].pk, "priority_group": "GREEN_CHANNEL"}, format="json"
        )
        assert response.status_code == 201, response.content
        assert (response.json()["code"], response.json()["lane"]) == (expected, 1)
        assert response.json()["priority_group_display"] == "重大项目绿色通道"
    ticket = Ticket.objects.get(code="A001")
    assert (ticket.source, ticket.issued_by) == (Ticket.Source.STAFF, hall["clerk"].user)
    # a reviewer of a department does not issue tickets: a citizen's limit, no green channel
    reviewer = api(hall["reviewer"])
    refused = reviewer.post(
        f"{BASE}/tickets", {"category": queue["A"].pk, "priority_group": "GREEN_CHANNEL"}, format="json"
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "not_allowed")


def test_public_tickets_are_limited_per_client_address(queue, monkeypatch, settings, now):
    monkeypatch.setattr(queue_api, "API_TICKETS_PER_HOUR", 2)
    public = api()
    frozen(settings, hour=8)  # refused tickets (hall closed) are not counted
    assert public.post(f"{BASE}/tickets", {"category": queue["A"].pk}).status_code == 409
    frozen(settings)
    for _ in range(2):
        assert public.post(f"{BASE}/tickets", {"category": queue["A"].pk}).status_code == 201
    refused = public.post(f"{BASE}/tickets", {"category": queue["A"].pk})
    assert refused.status_code == 429
    assert refused.json() == {
        "code": "too_many_tickets",
        "message": "同一网络地址每小时最多取号 2 次，请稍后再试，或到大厅取号机取号。",
    }
    assert Ticket.objects.count() == 2
    elsewhere = public.post(f"{BASE}/tickets", {"category": queue["A"].pk}, REMOTE_ADDR="10.0.0.9")
    assert elsewhere.status_code == 201 and elsewhere.json()["code"] == "A003"


# Slots and appointments ----------------------------------------------------------------------------


def test_slots_of_a_day_with_capacity_and_places_left(queue, now):
    book(queue, day=TUESDAY, slot=(10, 30))
    book(queue, day=TUESDAY, slot=(11, 0), person="19800101")
    book(queue, day=TUESDAY, slot=(11, 0), person="19800202")
    response = api().get(f"{BASE}/categories/{queue['A'].pk}/slots", {"date": "2026-11-17"})
    assert response.status_code == 200
    body = response.json()
    assert body["category"] == {"id": queue["A"].pk, "prefix": "A", "name": "市场准入"}
    assert (body["date"], body["is_bookable_day"], body["accepts_appointments"]) == ("2026-11-17", True, True)
    assert [slot["start"] for slot in body["slots"]] == [
        "09:00", "09:30", "10:00", "10:30", "11:00", "11:30",
        "13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00",
    ]  # fmt: skip
    by_start = {slot["start"]: slot for slot in body["slots"]}
    assert by_start["10:00"] == {
        "start": "10:00",
        "end": "10:30",
        "capacity": 2,
        "taken": 0,
        "left": 2,
        "is_past": True,
        "is_bookable": False,
    }
    assert by_start["10:30"] == {
        "start": "10:30",
        "end": "11:00",
        "capacity": 2,
        "taken": 1,
        "left": 1,
        "is_past": False,
        "is_bookable": True,
    }
    assert (by_start["11:00"]["left"], by_start["11:00"]["is_bookable"]) == (0, False)
    # today by default; a Saturday and a day past the horizon are not bookable
    assert api().get(f"{BASE}/categories/{queue['A'].pk}/slots").json()["date"] == "2026-11-17"
    for day in ("2026-11-21", "2026-11-23"):
        other = api().get(f"{BASE}/categories/{queue['A'].pk}/slots", {"date": day}).json()
        assert other["is_bookable_day"] is False
        assert not any(slot["is_bookable"] for slot in other["slots"])


def test_slots_refuse_a_bad_date_or_an_unknown_category(queue, now):
    url = f"{BASE}/categories/{queue['A'].pk}/slots"
    for value in ("2026-13-01", "tomorrow", "2026-02-30", "1900-01-01"):
        response = api().get(url, {"date": value})
        assert response.status_code == 400, value
        assert list(response.json()["errors"]) == ["date"]
    assert api().get(f"{BASE}/categories/999999/slots").status_code == 404
    Category.objects.filter(pk=queue["B"].pk).update(is_active=False)
    assert api().get(f"{BASE}/categories/{queue['B'].pk}/slots").status_code == 404


BOOKING = {"service_date": "2026-11-18", "slot_start": "10:00", "name": "李四", "phone": "13800138000"}


def test_book_read_and_cancel_an_appointment(queue, citizen, now):
    booked = api(user=citizen).post(
        f"{BASE}/appointments", {**BOOKING, "category": queue["A"].pk, "id_number": YOUNG_ID}, format="json"
    )
    assert booked.status_code == 201, booked.content
    body = booked.json()
    appointment = Appointment.objects.get()
    assert body == {
        "token": appointment.token,
        "code": appointment.code,
        "status": "BOOKED",
        "status_display": "已预约",
        "site_code": queue["hall"]["county"].code,
        "site_name": "测试县政务服务中心",
        "category": {"id": queue["A"].pk, "prefix": "A", "name": "市场准入"},
        "service_date": "2026-11-18",
        "slot_start": "10:00",
        "slot_end": "10:30",
        "applicant_name": "李*",
        "id_number": "330102********" + YOUNG_ID[-4:],
        "phone": "138****8000",
        "booked_at": "2026-11-17T10:00:00+08:00",
        "checked_in_at": None,
        "cancelled_at": None,
        "can_cancel": True,
        "ticket": None,
    }
    assert len(appointment.code) == 6 and appointment.code.isdigit()
    assert (appointment.user, appointment.channel) == (citizen, Appointment.Channel.API)

    public = api()
    assert public.get(f"{BASE}/appointments/{appointment.token}").json() == body
    cancelled = public.post(f"{BASE}/appointments/{appointment.token}/cancel")
    assert cancelled.status_code == 200
    expected = {
        **body,
        "status": "CANCELLED",
        "status_display": "已取消",
        "cancelled_at": "2026-11-17T10:00:00+08:00",
        "can_cancel": False,
    }
    assert cancelled.json() == expected
    # a retried cancel changes nothing
    again = public.post(f"{BASE}/appointments/{appointment.token}/cancel")
    assert (again.status_code, again.json()) == (200, expected)
    for path in (f"appointments/{'n' * 24}", f"appointments/{'n' * 24}/cancel"):
        missing = public.post(f"{BASE}/{path}") if path.endswith("cancel") else public.get(f"{BASE}/{path}")
        assert missing.status_code == 404
        assert missing.json() == {"code": "not_found", "message": "没有找到该预约。"}


def test_refused_bookings_are_clear_4xx(queue, settings, now):
    public = api()
    good = {**BOOKING, "category": queue["A"].pk, "id_number": YOUNG_ID}
    cases = [
        ({**good, "category": 999999}, 400, "invalid", "category"),
        ({**good, "name": ""}, 400, "invalid", "name"),
        ({**good, "service_date": "2026-11-31"}, 400, "invalid", "service_date"),
        ({**good, "slot_start": "25:00"}, 400, "invalid", "slot_start"),
        ({**good, "slot_start": "10:15"}, 400, "queue_bad_slot", None),
        ({**good, "service_date": "2026-11-16"}, 400, "queue_date_past", None),
        ({**good, "service_date": "2026-11-23"}, 400, "queue_date_beyond", None),
        ({**good, "service_date": "2026-11-17", "slot_start": "09:30"}, 400, "queue_slot_past", None),
        ({**good, "id_number": BAD_ID}, 400, "queue_bad_id_number", None),
    ]
    for body, status, code, field in cases:
        response = public.post(f"{BASE}/appointments", body, format="json")
        assert (response.status_code, response.json()["code"]) == (status, code), (body, response.json())
        if field:
            assert field in response.json()["errors"], response.json()
    assert public.post(f"{BASE}/appointments", [good], format="json").status_code == 400
    assert not Appointment.objects.exists()

    assert public.post(f"{BASE}/appointments", good, format="json").status_code == 201
    twice = public.post(f"{BASE}/appointments", good, format="json")
    assert (twice.status_code, twice.json()["code"]) == (400, "queue_already_booked")
    other = {**good, "id_number": ELDERLY_ID}
    assert public.post(f"{BASE}/appointments", other, format="json").status_code == 201
    third = {**good, "id_number": id_number("19700101", "789")}
    full = public.post(f"{BASE}/appointments", third, format="json")
    assert (full.status_code, full.json()["code"]) == (409, "queue_slot_full")
    assert "2026-11-18 10:00 时段已约满" in full.json()["message"]
    assert Appointment.objects.count() == 2


def test_bookings_are_limited_per_address_but_not_for_staff(queue, monkeypatch, now):
    monkeypatch.setattr(queue_api, "API_BOOKINGS_PER_HOUR", 1)
    good = {**BOOKING, "category": queue["A"].pk, "id_number": YOUNG_ID}
    assert api().post(f"{BASE}/appointments", good, format="json").status_code == 201
    refused = api().post(f"{BASE}/appointments", {**good, "id_number": ELDERLY_ID}, format="json")
    assert refused.status_code == 429 and refused.json()["code"] == "too_many_bookings"
    by_staff = api(queue["hall"]["clerk"]).post(
        f"{BASE}/appointments", {**good, "id_number": ELDERLY_ID}, format="json"
    )
    assert by_staff.status_code == 201
    appointment = Appointment.objects.get(token=by_staff.json()["token"])
    assert (appointment.channel, appointment.user) == (Appointment.Channel.STAFF, None)


def test_check_in_with_the_code_or_the_id_number(queue, settings):
    by_code = book(queue, day=TUESDAY, slot=(10, 0))
    by_id = book(queue, prefix="B", day=TUESDAY, slot=(10, 0), person="19800101")
    frozen(settings, hour=9, minute=40)
    public = api()
    site = queue["hall"]["county"].code
    checked = public.post(f"{BASE}/check-in", {"site": site, "code": by_code.code}, format="json")
    assert checked.status_code == 201, checked.content
    ticket = checked.json()
    assert (ticket["code"], ticket["lane"], ticket["status"], ticket["ahead"]) == ("A001", 0, "WAITING", 0)
    assert ticket["issued_at"] == "2026-11-17T09:40:00+08:00"
    by_code.refresh_from_db()
    assert by_code.status == Appointment.Status.CHECKED_IN and by_code.ticket.token == ticket["token"]
    shown = public.get(f"{BASE}/appointments/{by_code.token}").json()
    assert shown["ticket"] == {"code": "A001", "token": ticket["token"]}
    assert (shown["status"], shown["can_cancel"]) == ("CHECKED_IN", False)
    late_cancel = public.post(f"{BASE}/appointments/{by_code.token}/cancel")
    assert (late_cancel.status_code, late_cancel.json()["code"]) == (409, "queue_wrong_state")

    with_id = public.post(f"{BASE}/check-in", {"site": site, "code": by_id.id_number.lower()}, format="json")
    assert with_id.status_code == 201 and with_id.json()["code"] == "B001"
    again = public.post(f"{BASE}/check-in", {"site": site, "code": by_code.code}, format="json")
    assert (again.status_code, again.json()["token"]) == (201, ticket["token"])  # a retry: the same ticket


def test_refused_check_ins_and_the_failure_limit(queue, settings):
    booked = book(queue, day=TUESDAY, slot=(11, 0))
    frozen(settings, hour=9, minute=40)
    public = api()
    site = queue["hall"]["county"].code
    early = public.post(f"{BASE}/check-in", {"site": site, "code": booked.code}, format="json")
    assert (early.status_code, early.json()["code"]) == (400, "queue_check_in_early")
    assert early.json()["message"] == "预约时段 11:00，请于 10:30 后签到。"
    unknown_site = public.post(f"{BASE}/check-in", {"site": "NOPE", "code": booked.code}, format="json")
    assert unknown_site.status_code == 400 and list(unknown_site.json()["errors"]) == ["site"]
    assert public.post(f"{BASE}/check-in", {"site": site}, format="json").status_code == 400
    assert public.post(f"{BASE}/check-in", ["x"], format="json").status_code == 400

    settings.ONEWINDOW_PROGRESS_FAILURES_PER_HOUR = 2
    wrong = "000000" if booked.code != "000000" else "000001"
    for _ in range(2):
        miss = public.post(f"{BASE}/check-in", {"site": site, "code": wrong}, format="json")
        assert (miss.status_code, miss.json()["code"]) == (400, "queue_appointment_not_found")
    frozen(settings, hour=10, minute=40)
    blocked = public.post(f"{BASE}/check-in", {"site": site, "code": booked.code}, format="json")
    assert (blocked.status_code, blocked.json()["code"]) == (429, "too_many_attempts")
    assert not Ticket.objects.exists()
    other = public.post(f"{BASE}/check-in", {"site": site, "code": booked.code}, REMOTE_ADDR="10.0.0.8")
    assert other.status_code == 201


# The window ----------------------------------------------------------------------------------------


def test_the_clerk_serves_the_queue_through_the_api(queue, settings, now):
    hall = queue["hall"]
    window = hall["windows"][0]  # serves A and B; 王秀英 on duty
    clerk = api(hall["clerk"])
    issue(queue, "A", 1, name="张晓梅")
    issue(queue, "B", 2)
    issue(queue, "A", 3, id_number=ELDERLY_ID, name="周老伯")

    shown = clerk.get(window_url(window))
    assert shown.status_code == 200
    body = shown.json()
    assert body["window"] == {"id": window.pk, "number": "1", "name": "测试窗口"}
    assert (body["is_paused"], body["pause_reason"], body["serving"], body["serving_cases"]) == (
        False,
        "",
        None,
        [],
    )
    assert body["waiting_count"] == 3
    assert [(row["code"], row["lane"], row["applicant_name"]) for row in body["waiting"]] == [
        ("A002", 1, "周*伯"),
        ("A001", 2, "张*梅"),
        ("B001", 2, ""),
    ]
    assert body["waiting"][0] == {
        "code": "A002",
        "status": "WAITING",
        "status_display": "等候中",
        "category": {"id": queue["A"].pk, "prefix": "A", "name": "市场准入"},
        "priority_group": "ELDERLY",
        "priority_group_display": "60岁及以上老年人",
        "lane": 1,
        "applicant_name": "周*伯",
        "issued_at": "2026-11-17T09:03:00+08:00",
        "queued_at": "2026-11-17T09:03:00+08:00",
        "skip_count": 0,
        "target_window": None,
    }

    called = clerk.post(window_url(window, "next"), {}, format="json")
    assert called.status_code == 200, called.content
    assert called.json()["finished"] is None and called.json()["waiting_count"] == 2
    assert {key: value for key, value in called.json()["called"].items() if key != "ticket"} == {
        "window": "1",
        "called_at": "2026-11-17T10:00:00+08:00",
        "recall_count": 0,
        "wait_seconds": 57 * 60,
    }
    assert called.json()["called"]["ticket"]["code"] == "A002"
    assert called.json()["called"]["ticket"]["status"] == "CALLED"

    recalled = clerk.post(window_url(window, "recall"))
    assert (recalled.status_code, recalled.json()["recall_count"]) == (200, 1)
    assert clerk.post(window_url(window, "recall")).json()["recall_count"] == 2

    frozen(settings, minute=2)
    skipped = clerk.post(window_url(window, "skip"))
    assert skipped.status_code == 200
    assert (skipped.json()["code"], skipped.json()["status"], skipped.json()["skip_count"]) == (
        "A002",
        "WAITING",
        1,
    )
    assert skipped.json()["queued_at"] == "2026-11-17T10:02:00+08:00"

    frozen(settings, minute=3)
    again = clerk.post(window_url(window, "next"), {"case_ids": None}, format="json").json()
    assert again["called"]["ticket"]["code"] == "A002"  # alone in the priority lane: called again
    transferred = clerk.post(window_url(window, "transfer"), {"category": queue["B"].pk}, format="json")
    assert transferred.status_code == 200, transferred.content
    assert (transferred.json()["code"], transferred.json()["category"]["prefix"]) == ("A002", "B")
    assert transferred.json()["status"] == "WAITING"

    frozen(settings, minute=4)
    serving = clerk.post(window_url(window, "next")).json()["called"]["ticket"]
    assert serving["code"] == "A002"  # still first: the priority lane, in category B now
    busy = clerk.post(window_url(window, "pause"), {"reason": "午休"}, format="json")
    assert (busy.status_code, busy.json()["code"]) == (409, "queue_wrong_state")

    frozen(settings, minute=10)
    finished = clerk.post(window_url(window, "finish"), {}, format="json")
    assert finished.status_code == 200
    assert (finished.json()["ticket"]["code"], finished.json()["ticket"]["status"]) == ("A002", "FINISHED")
    assert finished.json()["cases"] == []
    nothing = clerk.post(window_url(window, "finish"), {}, format="json")
    assert (nothing.status_code, nothing.json()["code"]) == (409, "queue_wrong_state")
    for command in ("recall", "skip"):
        response = clerk.post(window_url(window, command))
        assert (response.status_code, response.json()["code"]) == (409, "queue_wrong_state"), command

    paused = clerk.post(window_url(window, "pause"), {"reason": "午休"}, format="json")
    assert paused.status_code == 200
    assert paused.json() == {
        "window": window.pk,
        "is_paused": True,
        "pause_reason": "午休",
        "changed_at": "2026-11-17T10:10:00+08:00",
    }
    assert clerk.post(window_url(window, "pause"), {"reason": "午休"}, format="json").status_code == 200
    assert clerk.get(window_url(window)).json()["is_paused"] is True
    refused = clerk.post(window_url(window, "next"))
    assert (refused.status_code, refused.json()["code"]) == (400, "queue_window_paused")
    for _ in range(2):  # resuming twice is resuming once
        resumed = clerk.post(window_url(window, "resume"))
        assert resumed.status_code == 200 and resumed.json()["is_paused"] is False
    assert WindowState.objects.get(window=window).is_paused is False

    codes = [clerk.post(window_url(window, "next")).json()["called"]["ticket"]["code"] for _ in range(2)]
    assert codes == ["A001", "B001"]
    last = clerk.post(window_url(window, "next")).json()
    assert (last["called"], last["finished"]["code"], last["waiting_count"]) == (None, "B001", 0)
    empty = clerk.post(window_url(window, "next"))
    assert (empty.status_code, empty.json()["code"]) == (404, "queue_empty")
    assert Call.objects.filter(window=window).count() == 5


def test_finishing_links_the_cases_received_since_the_call(citizen, queue, settings):
    # `citizen` first: a user without a staff record, so user and staff ids differ (a case names
    # its receiving staff member, not their user)
    hall = queue["hall"]
    assert hall["clerk"].pk != hall["clerk"].user.pk
    window = hall["windows"][0]
    clerk = api(hall["clerk"])
    issue(queue, "A", 1)
    frozen(settings, hour=9, minute=20)
    assert clerk.post(window_url(window, "next")).status_code == 200
    version = published_item(hall)
    first = receive(hall, version, day=TUESDAY)  # 9:30 by 王秀英
    second = receive(hall, version, day=TUESDAY)
    frozen(settings, hour=9, minute=50)
    serving_cases = clerk.get(window_url(window)).json()["serving_cases"]
    assert sorted(serving_cases, key=lambda row: row["id"]) == [
        {"id": first.pk, "reference": first.reference},
        {"id": second.pk, "reference": second.reference},
    ]
    foreign = clerk.post(window_url(window, "finish"), {"case_ids": [first.pk, 999999]}, format="json")
    assert (foreign.status_code, foreign.json()["code"]) == (400, "queue_bad_case_link")
    too_big = clerk.post(window_url(window, "finish"), {"case_ids": [10**19]}, format="json")
    assert too_big.status_code == 400 and "case_ids" in too_big.json()["errors"]
    finished = clerk.post(window_url(window, "finish"), {"case_ids": [second.pk]}, format="json")
    assert finished.status_code == 200
    assert finished.json()["cases"] == [{"id": second.pk, "reference": second.reference}]
    assert list(TicketCase.objects.values_list("case_id", flat=True)) == [second.pk]


def test_transfer_refusals(queue, now):
    hall = queue["hall"]
    window = hall["windows"][0]
    clerk = api(hall["clerk"])
    issue(queue, "A", 1)
    clerk.post(window_url(window, "next"))
    cases = [
        ({}, 400, "queue_bad_transfer", None),
        ({"category": 999999}, 400, "invalid", "category"),
        ({"window": 999999}, 400, "invalid", "window"),
        ({"window": window.pk}, 400, "queue_bad_transfer", None),
        ({"window": hall["windows"][2].pk}, 400, "queue_bad_transfer", None),  # 3 does not serve A
        ({"category": "B"}, 400, "invalid", "category"),
    ]
    for body, status, code, field in cases:
        response = clerk.post(window_url(window, "transfer"), body, format="json")
        assert (response.status_code, response.json()["code"]) == (status, code), (body, response.json())
        if field:
            assert field in response.json()["errors"]
    assert clerk.post(window_url(window, "transfer"), [1], format="json").status_code == 400
    to_window = clerk.post(window_url(window, "transfer"), {"window": hall["windows"][1].pk}, format="json")
    assert to_window.status_code == 200
    assert (to_window.json()["target_window"], to_window.json()["category"]["prefix"]) == ("2", "A")


def test_window_permission_matrix(queue, citizen, now):
    hall = queue["hall"]
    window = hall["windows"][0]
    issue(queue, "A", 1)
    commands = [("get", ""), ("post", "next"), ("post", "recall"), ("post", "skip"), ("post", "transfer")]
    commands += [("post", "pause"), ("post", "resume"), ("post", "finish")]

    def answers(client, target=window):
        return {
            command or "read": (lambda response: (response.status_code, response.json().get("code")))(
                getattr(client, method)(window_url(target, command), {}, format="json")
            )
            for method, command in commands
        }

    anonymous = answers(APIClient())
    assert {status for status, _code in anonymous.values()} == {401}
    assert set(answers(api(user=citizen)).values()) == {(404, "not_found")}
    assert set(answers(api(hall["township_office"])).values()) == {(404, "not_found")}
    assert set(answers(api(hall["township_clerk"])).values()) == {(404, "not_found")}
    # a county clerk not on duty at window 1 (赵志强), the clerk on duty at window 2
    assert set(answers(api(hall["clerk_b"])).values()) == {(403, "queue_not_on_duty")}
    assert set(answers(api(hall["market_a"])).values()) == {(403, "queue_not_on_duty")}
    # the county office reads the window's queue but does not call
    office = answers(api(hall["office"]))
    assert office.pop("read") == (200, None)
    assert set(office.values()) == {(403, "queue_not_on_duty")}
    assert not Call.objects.exists()
    on_duty = api(hall["clerk"])
    assert on_duty.get(window_url(window)).status_code == 200
    assert on_duty.post(window_url(window, "next")).status_code == 200
    assert on_duty.get(f"{BASE}/windows/999999").status_code == 404


# KPIs ----------------------------------------------------------------------------------------------


@pytest.fixture
def served(queue):
    """Tuesday: A001 waited 10 min and was served 15 at window 1; B001 waited 20 and was skipped at
    window 3; A002 waited 5, served 10 at window 2."""
    hall = queue["hall"]
    issue(queue, "A", 0)
    issue(queue, "B", 0)
    first, second, third = hall["windows"]
    services.call_next(user=hall["clerk"].user, window=first, at=at(TUESDAY, 9, 10))
    services.call_finish(user=hall["clerk"].user, window=first, at=at(TUESDAY, 9, 25))
    services.call_next(user=hall["housing_a"].user, window=third, at=at(TUESDAY, 9, 20))
    services.call_skip(user=hall["housing_a"].user, window=third, at=at(TUESDAY, 9, 22))
    issue(queue, "A", 30, hour=10)
    services.call_next(user=hall["market_a"].user, window=second, at=at(TUESDAY, 10, 35))
    services.call_finish(user=hall["market_a"].user, window=second, at=at(TUESDAY, 10, 45))


def test_kpis_for_the_office(queue, served, now):
    office = api(queue["hall"]["office"])
    response = office.get(f"{BASE}/kpis", {"from": "2026-11-17", "to": "2026-11-17"})
    assert response.status_code == 200
    assert response.json() == {
        "date_from": "2026-11-17",
        "date_to": "2026-11-17",
        "by": "category",
        "rows": [
            {
                "key": "A 市场准入",
                "calls": 2,
                "served": 2,
                "skipped": 0,
                "wait_average": 450,
                "wait_longest": 600,
                "service_average": 750,
                "service_longest": 900,
            },
            {
                "key": "B 不动产登记",
                "calls": 1,
                "served": 0,
                "skipped": 1,
                "wait_average": 1200,
                "wait_longest": 1200,
                "service_average": 0,
                "service_longest": 0,
            },
        ],
    }
    by_hour = office.get(f"{BASE}/kpis", {"by": "hour"}).json()
    assert (by_hour["date_from"], by_hour["date_to"]) == ("2026-11-01", "2026-11-17")
    assert [(row["key"], row["calls"]) for row in by_hour["rows"]] == [("09:00", 2), ("10:00", 1)]
    by_window = office.get(f"{BASE}/kpis", {"by": "window"}).json()["rows"]
    assert [(row["key"], row["served"]) for row in by_window] == [
        ("1 测试窗口", 1),
        ("2 测试窗口", 1),
        ("3 测试窗口", 0),
    ]
    by_day = office.get(f"{BASE}/kpis", {"by": "day"}).json()["rows"]
    assert [(row["key"], row["calls"], row["served"]) for row in by_day] == [("2026-11-17", 3, 2)]
    hall = queue["hall"]
    by_staff = office.get(f"{BASE}/kpis", {"by": "staff"}).json()["rows"]
    assert [(row["key"], row["calls"]) for row in by_staff] == sorted(
        [
            (f"{hall['clerk'].employee_number} 王秀英", 1),
            (f"{hall['market_a'].employee_number} 刘建国", 1),
            (f"{hall['housing_a'].employee_number} 梁磊", 1),
        ]
    )
    assert office.get(f"{BASE}/kpis", {"from": "2026-11-18", "to": "2026-11-30"}).json()["rows"] == []


def test_kpi_permissions_and_bad_parameters(queue, served, citizen, now):
    hall = queue["hall"]
    assert APIClient().get(f"{BASE}/kpis").status_code == 401
    for client in (api(user=citizen), api(hall["clerk"]), api(hall["chief"])):
        refused = client.get(f"{BASE}/kpis")
        assert (refused.status_code, refused.json()["code"]) == (403, "not_allowed")
    assert api(hall["supervision"]).get(f"{BASE}/kpis").json()["rows"][0]["calls"] == 2
    assert api(hall["township_office"]).get(f"{BASE}/kpis").json()["rows"] == []
    office = api(hall["office"])
    for params, field in (
        ({"by": "department"}, "by"),
        ({"from": "2026-02-30"}, "from"),
        ({"to": "soon"}, "to"),
        ({"from": "2026-11-18", "to": "2026-11-17"}, "from"),
        ({"from": "2000-01-01", "to": "2026-11-17"}, "from"),
    ):
        response = office.get(f"{BASE}/kpis", params)
        assert response.status_code == 400, params
        assert list(response.json()["errors"]) == [field], response.json()
