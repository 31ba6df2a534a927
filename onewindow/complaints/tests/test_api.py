"""The complaints API end to end: the public files, tracks, rates and asks for a review by number and
query code; the section accepts, assigns and the investigator answers; the office decides the
review. The wrong person, a second review, too many filings or failed look-ups, a bad upload: a
clear 4xx and nothing written."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from onewindow.cases.tests.factories import at
from onewindow.common import clock
from onewindow.complaints.models import Complaint, ComplaintEvent
from onewindow.complaints.tests.conftest import MONDAY, api, file_complaint
from onewindow.notifications.models import Notification

pytestmark = pytest.mark.django_db

FILING = {
    "title": "窗口人员态度生硬",
    "content": "在2号窗口咨询材料时工作人员态度生硬，没有一次性告知所需材料。",
    "complainant_name": "张晓梅",
    "complainant_phone": "13912345678",
}


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: at(MONDAY, 10))
    monkeypatch.setattr(clock, "today", lambda: MONDAY)


def test_the_whole_journey_through_the_api(hall, case, investigator, today):
    public = api()
    filed = public.post("/api/v1/complaints/", {**FILING, "case": case.number}, format="json")
    assert filed.status_code == 201, filed.content
    number, code = filed.json()["number"], filed.json()["query_code"]
    assert filed.json()["accept_due_date"] == "2026-11-23" and filed.json()["status"] == "SUBMITTED"
    complaint = Complaint.objects.get(number=number)
    assert complaint.case == case and complaint.department == hall["market"]

    track = public.get("/api/v1/complaints/track", {"number": number, "query_code": code.lower()})
    assert track.status_code == 200 and track.json()["status"] == "SUBMITTED"
    assert "13912345678" not in track.content.decode() and "张晓梅" not in track.content.decode()

    section = api(hall["supervision"])
    assert api(hall["clerk"]).post(f"/api/v1/complaints/{complaint.pk}/accept", {}).status_code == 404
    assert api(hall["chief"]).post(f"/api/v1/complaints/{complaint.pk}/accept", {}).status_code == 403
    accepted = section.post(f"/api/v1/complaints/{complaint.pk}/accept", {"answer_days": 10}, format="json")
    assert accepted.status_code == 200 and accepted.json()["answer_due_date"] == "2026-11-30"
    again = section.post(f"/api/v1/complaints/{complaint.pk}/accept", {}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "complaint_wrong_state"
    bad = section.post(
        f"/api/v1/complaints/{complaint.pk}/assign", {"investigator": hall["clerk"].pk}, format="json"
    )
    assert bad.status_code == 400 and "investigator" in bad.json()["errors"]
    assigned = section.post(
        f"/api/v1/complaints/{complaint.pk}/assign", {"investigator": investigator.pk}, format="json"
    )
    assert assigned.status_code == 200 and assigned.json()["investigator_name"] == "郑调查"

    answer = {
        "investigation": "调取窗口录像并约谈当班人员，确认未一次性告知所需材料。",
        "result": "UPHELD",
        "reply": "经调查情况属实，已对窗口人员进行批评教育并组织培训。",
    }
    assert section.post(f"/api/v1/complaints/{complaint.pk}/answer", answer, format="json").status_code == 403
    missing = api(investigator).post(f"/api/v1/complaints/{complaint.pk}/answer", answer, format="json")
    assert missing.status_code == 400 and "result" in missing.json()["errors"]
    answered = api(investigator).post(
        f"/api/v1/complaints/{complaint.pk}/answer",
        {**answer, "staff": hall["market_a"].pk, "window": hall["windows"][1].pk},
        format="json",
    )
    assert answered.status_code == 200 and answered.json()["status"] == "ANSWERED"
    assert answered.json()["result_staff"] == hall["market_a"].pk

    shown = public.get("/api/v1/complaints/track", {"number": number, "query_code": code}).json()
    assert (shown["result"], shown["reply"], shown["can_rate"]) == ("UPHELD", answer["reply"], True)
    wrong = public.post(
        "/api/v1/complaints/rate",
        {"number": number, "query_code": "ZZZZZZZZ", "rating": "SATISFIED"},
        format="json",
    )
    assert wrong.status_code == 404
    rated = public.post(
        "/api/v1/complaints/rate",
        {"number": number, "query_code": code, "rating": "DISSATISFIED"},
        format="json",
    )
    assert rated.status_code == 200 and rated.json()["can_request_review"] is True
    short = public.post("/api/v1/complaints/review", {"number": number, "query_code": code, "reason": "不行"})
    assert short.status_code == 400 and "reason" in short.json()["errors"]
    review = {"number": number, "query_code": code, "reason": "处理只批评教育，没有说明如何避免再次发生。"}
    assert public.post("/api/v1/complaints/review", review, format="json").json()["status"] == "REVIEWING"
    second = public.post("/api/v1/complaints/review", review, format="json")
    assert second.status_code == 409 and second.json()["code"] == "review_already_requested"
    assert "只能申请一次复核" in second.json()["message"]

    decision = {"uphold": False, "reply": "经复核，原答复事实清楚，处理得当，维持原答复。"}
    assert (
        section.post(
            f"/api/v1/complaints/{complaint.pk}/review-decision", decision, format="json"
        ).status_code
        == 403
    )
    decided = api(hall["office"]).post(
        f"/api/v1/complaints/{complaint.pk}/review-decision", decision, format="json"
    )
    assert decided.status_code == 200 and decided.json()["status"] == "CLOSED"
    detail = section.get(f"/api/v1/complaints/{complaint.pk}").json()
    assert [event["action"] for event in detail["events"]] == [
        "REGISTERED",
        "ACCEPTED",
        "ASSIGNED",
        "INVESTIGATED",
        "ANSWERED",
        "RATED",
        "REVIEW_REQUESTED",
        "REVIEW_REJECTED",
    ]
    assert detail["complainant"] == {
        "name": "张晓梅",
        "phone": "13912345678",
        "email": "",
        "is_anonymous": False,
        "is_masked": False,
    }
    # SMS on acceptance, answer and the review's result
    assert list(
        Notification.objects.filter(address="13912345678", subject__startswith="投诉")
        .order_by("id")
        .values_list("subject", flat=True)
    ) == [
        f"投诉已受理：{number}",
        f"投诉已答复：{number}",
        f"投诉复核结果：{number}",
    ]


def test_a_chief_representative_reads_the_department_complaints_masked(hall, seeded_calendar, today):
    about_market = file_complaint(hall)
    file_complaint(hall, department=hall["housing"])
    rows = api(hall["chief"]).get("/api/v1/complaints/").json()["results"]
    assert [row["number"] for row in rows] == [about_market.number]
    assert rows[0]["complainant"] == {
        "name": "张*梅",
        "phone": "139****5678",
        "email": "z***@example.cn",
        "is_anonymous": False,
        "is_masked": True,
    }
    assert api(hall["housing_a"]).get("/api/v1/complaints/").json()["results"] == []
    assert api(hall["housing_a"]).get(f"/api/v1/complaints/{about_market.pk}").status_code == 404
    # the business section sees the site's complaints, masked; the office unmasked
    business = api(hall["business"]).get(f"/api/v1/complaints/{about_market.pk}").json()
    assert business["complainant"]["is_masked"] is True
    office = api(hall["office"]).get(f"/api/v1/complaints/{about_market.pk}").json()
    assert office["complainant"]["phone"] == "13912345678"
    assert api().get("/api/v1/complaints/").status_code in (401, 403)


def test_filing_is_limited_per_client_address(hall, seeded_calendar, settings, today):
    settings.ONEWINDOW_COMPLAINTS_PER_HOUR = 2
    public = api()
    for _ in range(2):
        assert public.post("/api/v1/complaints/", FILING, format="json").status_code == 201
    refused = public.post("/api/v1/complaints/", FILING, format="json")
    assert refused.status_code == 429 and refused.json()["code"] == "too_many_complaints"
    assert "每小时最多提交 2 件投诉" in refused.json()["message"]
    assert Complaint.objects.count() == 2
    # another address is not held back; the section registering by phone is not limited
    other = public.post("/api/v1/complaints/", FILING, format="json", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 201
    phoned = api(hall["supervision"]).post(
        "/api/v1/complaints/", {**FILING, "channel": "PHONE"}, format="json"
    )
    assert phoned.status_code == 201
    assert Complaint.objects.count() == 4


def test_failed_look_ups_are_limited(hall, seeded_calendar, settings, today):
    settings.ONEWINDOW_PROGRESS_FAILURES_PER_HOUR = 3
    complaint = file_complaint(hall)
    public = api()
    for _ in range(3):
        miss = public.get("/api/v1/complaints/track", {"number": complaint.number, "query_code": "WRONG123"})
        assert miss.status_code == 404
    blocked = public.get(
        "/api/v1/complaints/track", {"number": complaint.number, "query_code": complaint.query_code}
    )
    assert blocked.status_code == 429 and blocked.json()["code"] == "too_many_attempts"


def test_bad_input_is_a_clear_400_and_nothing_is_written(hall, seeded_calendar, today):
    public = api()
    cases = [
        ({**FILING, "case": "NOPE-2026-000001"}, "case"),
        ({**FILING, "complainant_phone": "", "complainant_name": ""}, "complainant_name"),
        ({**FILING, "department": 999999}, "department"),
        ({**FILING, "window": 10**19}, "window"),
        ({**FILING, "channel": "CARRIER_PIGEON"}, "channel"),
    ]
    for body, field in cases:
        response = public.post("/api/v1/complaints/", body, format="json")
        assert response.status_code == 400, body
        assert field in response.json()["errors"], response.json()
    # a JSON list instead of an object (the CI fuzz's find): 400, not 500
    assert public.post("/api/v1/complaints/", [None, None], format="json").status_code == 400
    upload = public.post(
        "/api/v1/complaints/",
        {**FILING, "attachments": [SimpleUploadedFile("病毒.exe", b"MZ\x90\x00")]},
        format="multipart",
    )
    assert upload.status_code == 400 and "只接受文档和图片" in upload.json()["errors"]["attachments"][0]
    anonymous_registered_by_a_clerk = api(hall["clerk"]).post(
        "/api/v1/complaints/", {**FILING, "channel": "PHONE"}, format="json"
    )
    assert anonymous_registered_by_a_clerk.status_code == 403
    assert not Complaint.objects.exists() and not ComplaintEvent.objects.exists()


def test_an_anonymous_complaint_with_a_photo(hall, seeded_calendar, today):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    filed = api().post(
        "/api/v1/complaints/",
        {
            "title": "窗口无人值守",
            "content": "中午到窗口办事，窗口无人，等候二十分钟。",
            "is_anonymous": True,
            "complainant_name": "不想留名",
            "complainant_phone": "13912345678",
            "attachments": [SimpleUploadedFile("窗口.png", png)],
        },
        format="multipart",
    )
    assert filed.status_code == 201, filed.content
    complaint = Complaint.objects.get()
    assert complaint.is_anonymous and complaint.complainant_name == "" and complaint.complainant_phone == ""
    detail = api(hall["supervision"]).get(f"/api/v1/complaints/{complaint.pk}").json()
    attachment = detail["attachments"][0]
    assert (attachment["name"], attachment["size"]) == ("窗口.png", len(png))
    download = api(hall["supervision"]).get(
        f"/api/v1/complaints/{complaint.pk}/attachments/{attachment['id']}"
    )
    assert download.status_code == 200 and b"".join(download.streaming_content) == png
    assert (
        api(hall["business"])
        .get(f"/api/v1/complaints/{complaint.pk}/attachments/{attachment['id']}")
        .status_code
        == 403
    )


def test_list_filters_and_pages(hall, seeded_calendar, today):
    for _ in range(3):
        file_complaint(hall)
    late = file_complaint(hall, day=date(2026, 11, 2))  # due 9 November: red on the 16th
    section = api(hall["supervision"])
    red = section.get("/api/v1/complaints/", {"light": "red"}).json()["results"]
    assert [row["number"] for row in red] == [late.number] and red[0]["light"] == "red"
    first = section.get("/api/v1/complaints/", {"limit": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    second = section.get(first["next"]).json()
    assert len(second["results"]) == 2 and second["next"] is None
    dated = section.get("/api/v1/complaints/", {"date_from": "2026-11-01", "date_to": "2026-11-02"}).json()
    assert [row["number"] for row in dated["results"]] == [late.number]
    for bad in ({"status": "NOPE"}, {"light": "blue"}, {"date_from": "2026-13-01"}, {"cursor": "garbage"}):
        assert section.get("/api/v1/complaints/", bad).status_code == 400
