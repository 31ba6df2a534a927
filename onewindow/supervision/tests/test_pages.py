"""The supervision pages as their users open them: the board with its counts and drill-down, the
full-screen mode, issuing an order on a red case, the department's reply and the order turning
green; a record explained and closed; the wrong people get a 403 or 404."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from onewindow.cases.tests.factories import at
from onewindow.common import clock
from onewindow.fees.tests.factories import accepted_case
from onewindow.supervision import services
from onewindow.supervision.models import Order, Record

pytestmark = pytest.mark.django_db

TUESDAY = date(2026, 11, 24)


def client_for(staff) -> Client:
    client = Client()
    client.force_login(staff.user)
    return client


@pytest.fixture
def red(hall, version, monkeypatch):
    case = accepted_case(hall, version, day=date(2026, 11, 16))
    accepted_case(hall, version, day=date(2026, 11, 17))  # yellow on Tuesday (due Tuesday)
    monkeypatch.setattr(clock, "now", lambda: at(TUESDAY, 9))
    monkeypatch.setattr(clock, "today", lambda: TUESDAY)
    services.escalation_sweep(at=at(TUESDAY, 8))
    return case


def test_the_board_drills_from_a_department_to_its_red_cases(hall, red):
    section = client_for(hall["supervision"])
    html = section.get("/office/supervision/").content.decode()
    assert "电子监察" in html and red.number in html and "市场监督管理局" in html and "发督办函" in html
    assert f"?light=red&amp;department={hall['market'].pk}" in html
    drill = section.get("/office/supervision/cases/", {"light": "red", "department": hall["market"].pk})
    page = drill.content.decode()
    assert drill.status_code == 200 and red.number in page and "发督办函" in page
    yellow = section.get("/office/supervision/cases/", {"light": "yellow"}).content.decode()
    assert red.number not in yellow
    assert 'http-equiv="refresh"' in section.get("/office/supervision/screen/").content.decode()
    for bad in ({"light": "blue"}, {"department": "x"}, {"cursor": "nonsense"}):
        assert section.get("/office/supervision/cases/", bad).status_code == 400
    assert client_for(hall["clerk"]).get("/office/supervision/").status_code == 403


def test_an_order_issued_on_a_red_case_is_answered_and_turns_green(hall, red):
    section, chief = client_for(hall["supervision"]), client_for(hall["chief"])
    form = section.get("/office/supervision/orders/new/", {"case": red.number})
    assert form.status_code == 200 and "办件超期未办结" in form.content.decode()
    short = section.post(
        "/office/supervision/orders/new/",
        {"case": red.number, "kind": "ORDER", "subject": "超期", "body": "请回复", "reply_days": 3},
    )
    assert short.status_code == 200 and not Order.objects.exists()
    response = section.post(
        "/office/supervision/orders/new/",
        {
            "case": red.number,
            "kind": "ORDER",
            "subject": "办件超期未办结",
            "body": "请立即核查超期原因并书面回复。",
            "reply_days": 3,
        },
    )
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/office/supervision/orders/{order.pk}/"
    assert section.get(f"/office/supervision/orders/{order.pk}/pdf/")["Content-Type"] == "application/pdf"

    assert "督办函〔2026〕1号" in chief.get("/office/supervision/department/").content.decode()
    chief.post(
        f"/office/supervision/orders/{order.pk}/",
        {
            "action": "reply",
            "text": "已约谈承办人员，办件今日办结。",
            "attachment": SimpleUploadedFile("整改.pdf", b"%PDF-1.4"),
        },
    )
    order.refresh_from_db()
    assert order.status == Order.Status.REPLIED
    section.post(
        f"/office/supervision/orders/{order.pk}/", {"action": "review", "accept": "1", "comment": ""}
    )
    order.refresh_from_db()
    assert order.status == Order.Status.ACCEPTED
    assert "绿灯" in section.get(f"/office/supervision/orders/{order.pk}/").content.decode()
    assert client_for(hall["housing_a"]).get(f"/office/supervision/orders/{order.pk}/").status_code in (
        403,
        404,
    )


def test_a_record_is_explained_and_closed_on_its_page(hall, red):
    record = Record.objects.get()
    chief, section = client_for(hall["chief"]), client_for(hall["supervision"])
    assert "提交情况说明" in chief.get(f"/office/supervision/records/{record.pk}/").content.decode()
    chief.post(
        f"/office/supervision/records/{record.pk}/",
        {"action": "explain", "explanation": "现场核查延误，已整改完毕。"},
    )
    section.post(
        f"/office/supervision/records/{record.pk}/", {"action": "review", "accept": "1", "comment": "同意"}
    )
    record.refresh_from_db()
    assert record.status == Record.Status.CLOSED


def test_the_push_log_lists_waiting_events_and_resends(hall, red):
    from onewindow.supervision.models import PushEvent

    office = client_for(hall["office"])
    html = office.get("/office/supervision/push/").content.decode()
    assert "尚未配置监督中心接口地址" in html and "红灯办件" in html
    event = PushEvent.objects.filter(kind=PushEvent.Kind.RED_CASE).get()
    PushEvent.objects.filter(pk=event.pk).update(status=PushEvent.Status.DEAD, attempts=8)
    assert "重新推送" in office.get("/office/supervision/push/", {"status": "DEAD"}).content.decode()
    office.post("/office/supervision/push/", {"event": event.pk})
    event.refresh_from_db()
    assert (event.status, event.attempts) == (PushEvent.Status.PENDING, 0)
    assert office.get("/office/supervision/push/", {"status": "NOPE"}).status_code == 400
    assert office.post("/office/supervision/push/", {"event": "x"}).status_code == 400
    assert client_for(hall["clerk"]).get("/office/supervision/push/").status_code == 403


def test_the_push_api_lists_and_resends(hall, red):
    from rest_framework.test import APIClient

    from onewindow.supervision.models import PushEvent

    client = APIClient()
    client.force_authenticate(hall["supervision"].user)
    rows = client.get("/api/v1/supervision/push-events/").json()["results"]
    assert {row["kind"] for row in rows} == {"RED_CASE", "RECORD"}
    sent = rows[0]["id"]
    PushEvent.objects.filter(pk=sent).update(status=PushEvent.Status.SENT)
    assert client.post(f"/api/v1/supervision/push-events/{sent}/resend").json()["status"] == "PENDING"
    assert client.post(f"/api/v1/supervision/push-events/{sent}/resend").status_code == 409
    clerk = APIClient()
    clerk.force_authenticate(hall["clerk"].user)
    assert clerk.post(f"/api/v1/supervision/push-events/{sent}/resend").status_code == 404
