"""The supervision API end to end: run the sweep, read the records you may, explain and review,
keep a site's rules; bad input and the wrong person get a clear 4xx and nothing is written."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from onewindow.cases.tests.factories import at
from onewindow.common import clock
from onewindow.fees.tests.factories import accepted_case
from onewindow.supervision.models import Policy, Record

pytestmark = pytest.mark.django_db

EXPLANATION = "现场核查需补充检验报告，已督促申请人补交，明日办结。"


def api(staff) -> APIClient:
    client = APIClient()
    client.force_authenticate(staff.user)
    return client


@pytest.fixture
def red_case(hall, version, monkeypatch):
    case = accepted_case(hall, version, day=date(2026, 11, 16))
    monkeypatch.setattr(clock, "now", lambda: at(date(2026, 11, 24), 8))
    return case


def test_sweep_then_explain_then_close(hall, red_case):
    assert api(hall["clerk"]).post("/api/v1/supervision/sweep").status_code == 403
    response = api(hall["supervision"]).post("/api/v1/supervision/sweep")
    assert response.status_code == 200 and response.json()["warned"] == 1 and response.json()["records"] == 1

    page = api(hall["chief"]).get("/api/v1/supervision/records/", {"status": "OPEN"}).json()
    assert response.json()["anomalies"]["STEP_OVERDUE"] == 1  # its review step is late too
    rows = {row["cause"]: row for row in page["results"]}
    assert set(rows) == {"RED", "STEP_OVERDUE"} and page["next"] is None
    assert {row["case_number"] for row in page["results"]} == {red_case.number}
    record_id = rows["RED"]["id"]
    assert api(hall["housing_a"]).get(f"/api/v1/supervision/records/{record_id}").status_code == 404

    short = api(hall["chief"]).post(f"/api/v1/supervision/records/{record_id}/explain", {"explanation": "好"})
    assert short.status_code == 400 and "explanation" in short.json()["errors"]
    done = api(hall["chief"]).post(
        f"/api/v1/supervision/records/{record_id}/explain", {"explanation": EXPLANATION}
    )
    assert done.status_code == 200 and done.json()["status"] == "EXPLAINED"
    again = api(hall["chief"]).post(
        f"/api/v1/supervision/records/{record_id}/explain", {"explanation": EXPLANATION}
    )
    assert again.status_code == 409

    assert (
        api(hall["chief"])
        .post(f"/api/v1/supervision/records/{record_id}/review", {"accept": True})
        .status_code
        == 403
    )
    closed = api(hall["supervision"]).post(
        f"/api/v1/supervision/records/{record_id}/review", {"accept": True}
    )
    assert closed.status_code == 200 and closed.json()["status"] == "CLOSED"


def test_bad_list_parameters(hall):
    client = api(hall["supervision"])
    assert client.get("/api/v1/supervision/records/", {"status": "NOPE"}).status_code == 400
    assert client.get("/api/v1/supervision/records/", {"cursor": "garbage"}).status_code == 400
    assert client.get("/api/v1/supervision/records/", {"limit": "0"}).status_code == 400
    assert client.get("/api/v1/supervision/records/999999").status_code == 404


def test_rules_read_and_keep(hall):
    county, township = hall["county"].pk, hall["township"].pk
    defaults = api(hall["supervision"]).get(f"/api/v1/supervision/rules/{township}").json()
    assert defaults == {
        "warn_on_yellow": True,
        "warn_on_red": True,
        "record_on_red": True,
        "explain_working_days": 2,
        "disabled_checks": [],
        "source_site": None,
    }
    body = {
        "warn_on_yellow": False,
        "warn_on_red": True,
        "record_on_red": True,
        "explain_working_days": 3,
        "disabled_checks": ["FEE_MISMATCH"],
    }
    assert (
        api(hall["office"]).put(f"/api/v1/supervision/rules/{county}", body, format="json").status_code == 403
    )
    assert api(hall["clerk"]).get(f"/api/v1/supervision/rules/{county}").status_code == 403
    for bad in ({"explain_working_days": 0}, {"disabled_checks": ["NOPE"]}, {"warn_on_red": "maybe"}):
        response = api(hall["supervision"]).put(
            f"/api/v1/supervision/rules/{county}", {**body, **bad}, format="json"
        )
        assert response.status_code == 400
    assert not Policy.objects.exists()
    saved = api(hall["supervision"]).put(f"/api/v1/supervision/rules/{county}", body, format="json")
    assert saved.status_code == 200 and saved.json()["source_site"] == county
    inherited = api(hall["supervision"]).get(f"/api/v1/supervision/rules/{township}").json()
    assert (inherited["explain_working_days"], inherited["source_site"]) == (3, county)
    assert not Record.objects.exists()


def test_an_order_from_issue_to_green(hall, red_case):
    from django.core.files.uploadedfile import SimpleUploadedFile

    section, chief = api(hall["supervision"]), api(hall["chief"])
    body = {
        "case": red_case.number,
        "subject": "办件超期未办结",
        "body": "请立即核查超期原因并书面回复。",
        "reply_days": 3,
    }
    assert chief.post("/api/v1/supervision/orders/", body, format="json").status_code == 403
    assert (
        section.post("/api/v1/supervision/orders/", {**body, "case": "NOPE"}, format="json").status_code
        == 404
    )
    assert (
        section.post("/api/v1/supervision/orders/", {**body, "reply_days": 0}, format="json").status_code
        == 400
    )
    created = section.post("/api/v1/supervision/orders/", body, format="json")
    assert created.status_code == 201, created.content
    order = created.json()
    assert (order["number"], order["department"], order["light"]) == (
        "督办函〔2026〕1号",
        hall["market"].pk,
        "green",
    )

    pdf = chief.get(f"/api/v1/supervision/orders/{order['id']}/pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert api(hall["housing_a"]).get(f"/api/v1/supervision/orders/{order['id']}/pdf").status_code == 404

    reply = chief.post(
        f"/api/v1/supervision/orders/{order['id']}/reply",
        {
            "text": "已约谈承办人员，办件已于今日办结。",
            "attachment": SimpleUploadedFile("整改报告.pdf", b"%PDF-1.4 test"),
        },
        format="multipart",
    )
    assert reply.status_code == 201 and reply.json()["light"] == "yellow"
    assert reply.json()["replies"][0]["attachment"]
    again = chief.post(
        f"/api/v1/supervision/orders/{order['id']}/reply", {"text": "再次回复落实情况如下。"}, format="json"
    )
    assert again.status_code == 409
    accepted = section.post(
        f"/api/v1/supervision/orders/{order['id']}/review", {"accept": True}, format="json"
    )
    assert accepted.status_code == 200 and (accepted.json()["status"], accepted.json()["light"]) == (
        "ACCEPTED",
        "green",
    )
    listed = chief.get("/api/v1/supervision/orders/", {"status": "ACCEPTED"}).json()["results"]
    assert [row["number"] for row in listed] == ["督办函〔2026〕1号"]
