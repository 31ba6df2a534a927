"""The complaints pages as their users open them: the public form (prefilled from a window's QR
code or a case, anonymous or not, limited per address), the receipt and the tracking page with its
rating and review forms; the desk's inbox and complaint page with its actions; the office list
with filters and its Excel export; the card on the case page and the section on the supervision
board. The wrong people get a 403/404 and personal data stays masked."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from onewindow.cases.tests.factories import at
from onewindow.common import clock
from onewindow.complaints import services
from onewindow.complaints.models import Complaint, Rating, Result, Status
from onewindow.complaints.tests.conftest import MONDAY, file_complaint

pytestmark = pytest.mark.django_db

FORM = {
    "complainant_name": "张晓梅",
    "complainant_phone": "13912345678",
    "complainant_email": "",
    "title": "窗口人员态度生硬",
    "content": "在2号窗口咨询材料时工作人员态度生硬，没有一次性告知所需材料。",
}
INVESTIGATION = "调取窗口录像并约谈当班人员，确认未一次性告知所需材料。"
REPLY = "经调查情况属实，已对窗口人员进行批评教育并组织培训。"


def client_for(staff=None) -> Client:
    client = Client()
    if staff is not None:
        client.force_login(staff.user)
    return client


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: at(MONDAY, 10))
    monkeypatch.setattr(clock, "today", lambda: MONDAY)


def test_the_public_form_files_and_shows_the_receipt(hall, case, today):
    public = client_for()
    window = hall["windows"][1]  # market's window: the department follows
    page = public.get("/complaints/new/", {"case": case.number, "window": window.pk})
    html = page.content.decode()
    assert page.status_code == 200 and "我要投诉" in html and f'value="{case.number}"' in html
    assert f'<option value="{window.pk}" selected>' in html
    assert f'<option value="{hall["market"].pk}" selected>' in html
    assert 'name="viewport"' in html and "complaints/complaints.css" in html

    response = public.post("/complaints/new/", {**FORM, "case": case.number, "window": window.pk})
    assert response.status_code == 302 and response["Location"] == "/complaints/new/done/"
    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.case, complaint.window) == ("WEB", case, window)
    receipt = public.get("/complaints/new/done/").content.decode()
    assert complaint.number in receipt and complaint.query_code in receipt and "2026-11-23" in receipt
    assert "短信" in receipt  # told by SMS on acceptance and answer
    assert client_for().get("/complaints/new/done/")["Location"] == "/complaints/new/"


def test_the_public_form_refuses_bad_input_in_place(hall, seeded_calendar, today):
    public = client_for()
    unknown = public.post("/complaints/new/", {**FORM, "case": "NOPE-2026-000009"})
    assert unknown.status_code == 200 and "没有找到办件" in unknown.content.decode()
    upload = public.post(
        "/complaints/new/", {**FORM, "attachments": [SimpleUploadedFile("宏病毒.exe", b"MZ\x90\x00")]}
    )
    assert upload.status_code == 200 and "只接受文档和图片" in upload.content.decode()
    nameless = public.post("/complaints/new/", {**FORM, "complainant_name": ""})
    assert "请填写投诉人姓名" in nameless.content.decode()
    assert not Complaint.objects.exists()
    anonymous = public.post("/complaints/new/", {**FORM, "complainant_name": "", "is_anonymous": "on"})
    assert anonymous.status_code == 302
    assert Complaint.objects.get().is_anonymous
    assert "处理结果不会通知您" in public.get("/complaints/new/done/").content.decode()


def test_the_public_form_is_limited_per_address(hall, seeded_calendar, settings, today):
    settings.ONEWINDOW_COMPLAINTS_PER_HOUR = 1
    public = client_for()
    assert public.post("/complaints/new/", FORM).status_code == 302
    refused = public.post("/complaints/new/", FORM)
    assert refused.status_code == 429
    assert "同一网络地址每小时最多提交 1 件投诉" in refused.content.decode()
    assert Complaint.objects.count() == 1


def _answered(hall, investigator):
    complaint = file_complaint(hall)
    services.complaint_accept(
        complaint=complaint, user=hall["supervision"].user, investigator=investigator, at=at(MONDAY, 11)
    )
    return services.complaint_answer(
        complaint=complaint,
        user=investigator.user,
        investigation=INVESTIGATION,
        result=Result.NOT_UPHELD,
        reply=REPLY,
        at=at(MONDAY, 12),
    )


def test_tracking_rates_and_asks_for_a_review(hall, seeded_calendar, investigator, today):
    complaint = _answered(hall, investigator)
    public = client_for()
    page = public.get("/complaints/track/", {"number": complaint.number, "query_code": complaint.query_code})
    html = page.content.decode()
    assert REPLY in html and "不属实" in html and 'id="rate-form"' in html and 'id="review-form"' not in html
    assert "13912345678" not in html and INVESTIGATION not in html

    keys = {"number": complaint.number, "query_code": complaint.query_code}
    rated = public.post("/complaints/track/", {**keys, "action": "rate", "rating": Rating.DISSATISFIED})
    assert rated.status_code == 302
    complaint.refresh_from_db()
    assert complaint.rating == Rating.DISSATISFIED, [str(m) for m in rated.wsgi_request._messages]
    html = public.get(rated["Location"]).content.decode()
    assert "不满意" in html and 'id="review-form"' in html and 'id="rate-form"' not in html
    public.post("/complaints/track/", {**keys, "action": "review", "reason": "答复没有说明原因，请求复核。"})
    complaint.refresh_from_db()
    assert complaint.status == Status.REVIEWING
    again = public.post(
        "/complaints/track/", {**keys, "action": "review", "reason": "再次申请复核，理由同上。"}
    )
    assert "只能申请一次复核" in public.get(again["Location"]).content.decode()
    assert complaint.events.filter(action="REVIEW_REQUESTED").count() == 1
    wrong = public.post(
        "/complaints/track/", {**keys, "query_code": "ZZZZZZZZ", "action": "rate", "rating": "SATISFIED"}
    )
    assert wrong.status_code == 404


def test_tracking_failures_are_limited(hall, seeded_calendar, settings, today):
    settings.ONEWINDOW_PROGRESS_FAILURES_PER_HOUR = 2
    complaint = file_complaint(hall)
    public = client_for()
    for _ in range(2):
        assert (
            "没有找到该投诉"
            in public.get(
                "/complaints/track/", {"number": complaint.number, "query_code": "WRONG"}
            ).content.decode()
        )
    blocked = public.get(
        "/complaints/track/", {"number": complaint.number, "query_code": complaint.query_code}
    )
    assert blocked.status_code == 429 and "查询失败次数过多" in blocked.content.decode()


def test_the_desk_inbox_and_the_complaint_page_actions(hall, seeded_calendar, investigator, today):
    complaint = file_complaint(hall)
    section = client_for(hall["supervision"])
    inbox = section.get("/desk/complaints/").content.decode()
    assert complaint.number in inbox and "13912345678" in inbox and "待受理" in inbox
    page = section.get(f"/desk/complaints/{complaint.pk}/").content.decode()
    assert 'name="action" value="accept"' in page and complaint.query_code in page

    # a chief representative sees the department's complaint, masked, and cannot act on it
    chief = client_for(hall["chief"])
    chief_inbox = chief.get("/desk/complaints/").content.decode()
    assert (
        complaint.number in chief_inbox and "139****5678" in chief_inbox and "13912345678" not in chief_inbox
    )
    chief_page = chief.get(f"/desk/complaints/{complaint.pk}/").content.decode()
    assert "张*梅" in chief_page and "13912345678" not in chief_page and "张晓梅" not in chief_page
    assert 'value="accept"' not in chief_page and complaint.query_code not in chief_page
    chief.post(f"/desk/complaints/{complaint.pk}/", {"action": "accept", "answer_days": 15})
    complaint.refresh_from_db()
    assert complaint.status == Status.SUBMITTED and complaint.events.count() == 1
    assert client_for(hall["clerk"]).get("/desk/complaints/").status_code == 403
    assert client_for(hall["housing_a"]).get(f"/desk/complaints/{complaint.pk}/").status_code == 403
    assert section.post(f"/desk/complaints/{complaint.pk}/", {"action": "nope"}).status_code == 400

    section.post(
        f"/desk/complaints/{complaint.pk}/",
        {"action": "accept", "answer_days": 10, "investigator": investigator.pk},
    )
    complaint.refresh_from_db()
    assert (complaint.status, complaint.investigator) == (Status.INVESTIGATING, investigator)
    mine = client_for(investigator).get("/desk/complaints/").content.decode()
    assert complaint.number in mine.split('id="mine"')[1].split("</section>")[0]
    client_for(investigator).post(
        f"/desk/complaints/{complaint.pk}/",
        {
            "action": "answer",
            "investigation": INVESTIGATION,
            "result": "PARTLY_UPHELD",
            "result_window": hall["windows"][1].pk,
            "reply": REPLY,
        },
    )
    complaint.refresh_from_db()
    assert (complaint.status, complaint.result) == (Status.ANSWERED, "PARTLY_UPHELD")
    assert REPLY in section.get(f"/desk/complaints/{complaint.pk}/").content.decode()


def test_the_office_decides_a_review_on_the_page(hall, seeded_calendar, investigator, today):
    complaint = _answered(hall, investigator)
    services.complaint_rate(complaint=complaint, rating=Rating.DISSATISFIED, at=at(MONDAY, 13))
    services.complaint_review_request(
        complaint=complaint, reason="答复没有说明原因，请求复核。", at=at(MONDAY, 14)
    )
    office = client_for(hall["office"])
    assert "复核决定" in office.get(f"/desk/complaints/{complaint.pk}/").content.decode()
    assert (
        "复核决定"
        not in client_for(hall["supervision"]).get(f"/desk/complaints/{complaint.pk}/").content.decode()
    )
    office.post(
        f"/desk/complaints/{complaint.pk}/",
        {"action": "review", "uphold": "1", "reply": "请补充说明原因后重新答复。", "answer_days": "3"},
    )
    complaint.refresh_from_db()
    assert (complaint.status, complaint.answer_due_date) == (Status.INVESTIGATING, date(2026, 11, 19))


def test_the_section_registers_a_hotline_work_order(hall, seeded_calendar, today):
    section = client_for(hall["supervision"])
    assert section.get("/desk/complaints/new/").status_code == 200
    missing = section.post("/desk/complaints/new/", {**FORM, "channel": "HOTLINE"})
    assert missing.status_code == 200 and "工单号" in missing.content.decode()
    done = section.post(
        "/desk/complaints/new/",
        {**FORM, "channel": "HOTLINE", "hotline_order_number": "GD20261116001", "staff": hall["market_a"].pk},
    )
    complaint = Complaint.objects.get()
    assert done["Location"] == f"/desk/complaints/{complaint.pk}/"
    assert (complaint.channel, complaint.staff, complaint.registered_by) == (
        "HOTLINE",
        hall["market_a"],
        hall["supervision"],
    )
    assert client_for(hall["office"]).get("/desk/complaints/new/").status_code == 403


def test_the_office_list_filters_and_exports(hall, seeded_calendar, today):
    late = file_complaint(hall, day=date(2026, 11, 2))
    fresh = file_complaint(hall, department=hall["housing"], complainant_name="李建华")
    office = client_for(hall["office"])
    page = office.get("/office/complaints/", {"light": "red"}).content.decode()
    assert late.number in page and fresh.number not in page
    by_department = office.get("/office/complaints/", {"department": hall["housing"].pk}).content.decode()
    assert fresh.number in by_department and late.number not in by_department
    assert (
        office.get("/office/complaints/", {"date_from": "2026-11-20", "date_to": "2026-11-01"}).status_code
        == 400
    )
    assert office.get("/office/complaints/", {"cursor": "garbage"}).status_code == 400

    export = office.get("/office/complaints/export/", {"status": "SUBMITTED"})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert [row[0] for row in rows] == [fresh.number, late.number]
    assert (rows[0][4], rows[0][5], rows[1][12]) == ("李建华", "13912345678", "红灯")

    # the business section reads the list, masked, in the office console
    business = client_for(hall["business"])
    masked = load_workbook(io.BytesIO(business.get("/office/complaints/export/").content)).active
    assert [row[4:6] for row in masked.iter_rows(min_row=4, values_only=True)] == [
        ("李*华", "139****5678"),
        ("张*梅", "139****5678"),
    ]
    assert "office/base_office.html" not in business.get(f"/desk/complaints/{late.pk}/").content.decode()
    assert client_for(hall["clerk"]).get("/office/complaints/").status_code == 403
    assert client_for(hall["chief"]).get("/office/complaints/export/").status_code == 403


def test_the_case_page_shows_its_complaints(hall, case, today):
    complaint = file_complaint(hall, case_reference=case.number, complainant_name="李建华")
    section_page = client_for(hall["supervision"]).get(f"/desk/cases/{case.number}/").content.decode()
    assert 'id="complaints"' in section_page and complaint.number in section_page and "李建华" in section_page
    chief_page = client_for(hall["chief"]).get(f"/desk/cases/{case.number}/").content.decode()
    assert complaint.number in chief_page and "李*华" in chief_page and "李建华" not in chief_page
    clerk_page = client_for(hall["clerk"]).get(f"/desk/cases/{case.number}/").content.decode()
    assert complaint.number not in clerk_page


def test_the_supervision_board_shows_late_complaints(hall, seeded_calendar, today):
    board = client_for(hall["supervision"]).get("/office/supervision/").content.decode()
    assert 'id="complaints-late"' not in board
    late = file_complaint(hall, day=date(2026, 11, 2))  # to accept by 9 November
    board = client_for(hall["supervision"]).get("/office/supervision/").content.decode()
    section = board.split('id="complaints-late"')[1]
    assert late.number in section and "2026-11-09" in section and "红灯 1" in section
    assert (
        'id="complaints-late"'
        not in client_for(hall["business"]).get("/office/supervision/").content.decode()
    )
