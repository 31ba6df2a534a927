"""The complaints services: a complaint from filing to closing, the clocks in working days (over
the National Day holiday), and every refusal: the wrong person, the wrong state, a second review,
bad input. A refused command writes nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from onewindow.cases.tests.factories import at
from onewindow.common.api import NotAllowed
from onewindow.complaints import selectors, services
from onewindow.complaints.models import Channel, Complaint, ComplaintEvent, Rating, Result, Status
from onewindow.complaints.tests.conftest import MONDAY, file_complaint
from onewindow.notifications.models import Notification
from onewindow.org.models import Role
from onewindow.org.tests.factories import make_staff

pytestmark = pytest.mark.django_db

Action = ComplaintEvent.Action
INVESTIGATION = "调取窗口录像并约谈当班人员，确认未一次性告知所需材料。"
REPLY = "经调查情况属实，已对窗口人员进行批评教育并组织培训。"


def outbox(complaint_phone="13912345678"):
    return list(
        Notification.objects.filter(address=complaint_phone).order_by("id").values_list("subject", flat=True)
    )


def test_a_complaint_from_filing_to_a_satisfied_rating(hall, seeded_calendar, investigator):
    complaint = file_complaint(hall, window=hall["windows"][1])
    assert complaint.number == f"TS-{hall['county'].code}-2026-00001"
    assert len(complaint.query_code) == 8 and complaint.query_code.isalnum()
    assert (complaint.status, complaint.site, complaint.due_date) == (
        Status.SUBMITTED,
        hall["county"],
        date(2026, 11, 23),  # 5 working days after Monday 16
    )
    # the section is told in its inbox; the complainant saw the receipt page, no message yet
    assert Notification.objects.filter(
        user=hall["supervision"].user, subject__contains=complaint.number
    ).exists()
    assert outbox() == []

    section = hall["supervision"].user
    complaint = services.complaint_accept(
        complaint=complaint, user=section, answer_days=10, investigator=investigator, at=at(MONDAY, 15)
    )
    assert (complaint.status, complaint.answer_due_date, complaint.investigator) == (
        Status.INVESTIGATING,
        date(2026, 11, 30),
        investigator,
    )
    assert Notification.objects.filter(user=investigator.user, subject__contains="待调查").count() == 1

    complaint = services.complaint_answer(
        complaint=complaint,
        user=investigator.user,
        investigation=INVESTIGATION,
        result=Result.UPHELD,
        reply=REPLY,
        window=hall["windows"][1],
        department=hall["market"],
        at=at(date(2026, 11, 20), 16),
    )
    assert (complaint.status, complaint.due_date, complaint.result_window) == (
        Status.ANSWERED,
        None,
        hall["windows"][1],
    )
    # upheld: the department's chief representative hears of it
    assert Notification.objects.filter(user=hall["chief"].user, subject__contains="属实").exists()

    complaint = services.complaint_rate(
        complaint=complaint, rating=Rating.SATISFIED, comment="处理及时", at=at(date(2026, 11, 23), 9)
    )
    assert complaint.status == Status.CLOSED and complaint.closed_at is not None
    assert [event.action for event in selectors.timeline(complaint)] == [
        Action.REGISTERED,
        Action.ACCEPTED,
        Action.ASSIGNED,
        Action.INVESTIGATED,
        Action.ANSWERED,
        Action.RATED,
        Action.CLOSED,
    ]
    assert [event.action for event in selectors.timeline(complaint, public_only=True)] == [
        Action.REGISTERED,
        Action.ACCEPTED,
        Action.ANSWERED,
        Action.RATED,
        Action.CLOSED,
    ]
    # told by SMS and e-mail on acceptance and answer
    assert outbox() == [f"投诉已受理：{complaint.number}", f"投诉已答复：{complaint.number}"]
    assert Notification.objects.filter(address="zhang@example.cn", channel="EMAIL").count() == 2
    with pytest.raises(services.ComplaintError):
        services.complaint_rate(complaint=complaint, rating=Rating.DISSATISFIED, at=at(date(2026, 11, 24)))


def test_numbers_are_gap_free_per_site_and_year(hall, seeded_calendar):
    first = file_complaint(hall)
    second = file_complaint(hall, is_anonymous=True)
    next_year = file_complaint(hall, day=date(2027, 1, 4))
    assert [first.number[-10:], second.number[-10:], next_year.number[-10:]] == [
        "2026-00001",
        "2026-00002",
        "2027-00001",
    ]


def test_the_accept_deadline_counts_working_days_over_national_day(hall, seeded_calendar):
    # Wednesday 30 September 2026: 1–7 October are off, Saturday 10 October is a make-up working day
    complaint = file_complaint(hall, day=date(2026, 9, 30))
    assert complaint.accept_due_date == date(2026, 10, 13)  # 8, 9, 10 (Sat), 12, 13
    accepted = services.complaint_accept(
        complaint=complaint, user=hall["supervision"].user, answer_days=3, at=at(date(2026, 9, 30), 15)
    )
    assert accepted.answer_due_date == date(2026, 10, 10)  # 8, 9, and the make-up Saturday


def test_lights_green_yellow_red(hall, seeded_calendar):
    complaint = file_complaint(hall)  # due Monday 23 November
    assert selectors.light_of(complaint, today=date(2026, 11, 19)) == "green"
    assert selectors.light_of(complaint, today=date(2026, 11, 23)) == "yellow"  # due today
    assert selectors.light_of(complaint, today=date(2026, 11, 24)) == "red"
    visible = selectors.complaints_visible_to(hall["supervision"].user)
    assert list(selectors.lit(visible, light="red", today=date(2026, 11, 24))) == [complaint]
    assert list(selectors.lit(visible, light="yellow", today=date(2026, 11, 23))) == [complaint]
    assert not selectors.lit(visible, light="green", today=date(2026, 11, 23)).exists()


def test_the_accepter_may_promise_less_never_more(hall, seeded_calendar, settings):
    settings.ONEWINDOW_COMPLAINT_ANSWER_DAYS = 15
    complaint = file_complaint(hall)
    for days in (0, 16):
        with pytest.raises(ValidationError) as error:
            services.complaint_accept(
                complaint=complaint, user=hall["supervision"].user, answer_days=days, at=at(MONDAY, 15)
            )
        assert "answer_days" in error.value.message_dict
    complaint.refresh_from_db()
    assert complaint.status == Status.SUBMITTED and complaint.events.count() == 1
    accepted = services.complaint_accept(
        complaint=complaint, user=hall["supervision"].user, at=at(MONDAY, 15)
    )
    assert (accepted.answer_days, accepted.answer_due_date) == (15, date(2026, 12, 7))


def test_an_anonymous_complaint_keeps_no_contact_and_tells_nobody(hall, seeded_calendar, investigator):
    complaint = file_complaint(hall, is_anonymous=True)
    assert (complaint.complainant_name, complaint.complainant_phone, complaint.complainant_email) == (
        "",
        "",
        "",
    )
    assert not complaint.has_reply_channel
    services.complaint_accept(
        complaint=complaint, user=hall["supervision"].user, investigator=investigator, at=at(MONDAY, 15)
    )
    services.complaint_answer(
        complaint=complaint,
        user=investigator.user,
        investigation=INVESTIGATION,
        result=Result.NOT_UPHELD,
        reply=REPLY,
        at=at(MONDAY, 16),
    )
    assert not Notification.objects.filter(channel__in=["SMS", "EMAIL"]).exists()
    assert not Notification.objects.filter(address="13912345678").exists()
    # it is still tracked with its number and query code
    assert selectors.complaint_by_reference(complaint.number, complaint.query_code.lower()) == complaint
    assert selectors.complaint_by_reference(complaint.number, "AAAAAAAA") is None


def test_a_named_complaint_needs_a_name_and_a_way_to_reply(hall, seeded_calendar):
    with pytest.raises(ValidationError) as error:
        file_complaint(hall, complainant_name="", complainant_phone="", complainant_email="")
    assert set(error.value.message_dict) == {"complainant_name", "complainant_phone"}
    with pytest.raises(ValidationError) as error:
        file_complaint(hall, complainant_phone="12345", complainant_email="not-an-address")
    assert set(error.value.message_dict) == {"complainant_phone", "complainant_email"}
    with pytest.raises(ValidationError) as error:
        file_complaint(hall, title="", content="太慢")
    assert set(error.value.message_dict) == {"title", "content"}
    assert not Complaint.objects.exists()


def test_a_case_is_linked_by_its_number_and_an_unknown_one_is_refused(hall, case):
    with pytest.raises(ValidationError) as error:
        file_complaint(hall, case_reference="T000001-2026-999999", department=None)
    assert "没有找到办件" in error.value.message_dict["case"][0]
    assert not Complaint.objects.exists()
    by_receipt = file_complaint(hall, case_reference=case.receipt_number.lower(), department=None)
    by_number = file_complaint(hall, case_reference=f" {case.number} ", department=None)
    assert by_receipt.case == by_number.case == case
    assert by_number.department == case.department and by_number.site == case.site


def test_attachments_are_documents_and_images_only(hall, seeded_calendar):
    good = [
        SimpleUploadedFile("照片.jpg", b"\xff\xd8\xff\xe0 jpeg data"),
        SimpleUploadedFile("说明.pdf", b"%PDF-1.4 test"),
        SimpleUploadedFile("经过.txt", "当天上午十点到窗口。".encode()),
    ]
    complaint = file_complaint(hall, attachments=good)
    assert sorted(complaint.attachments.values_list("name", flat=True)) == [
        "照片.jpg",
        "经过.txt",
        "说明.pdf",
    ]
    for bad, words in [
        (SimpleUploadedFile("脚本.exe", b"MZ\x90\x00"), "格式不能上传"),
        (SimpleUploadedFile("伪装.pdf", b"MZ\x90\x00 not a pdf"), "内容与其扩展名不符"),
        (SimpleUploadedFile("空.png", b""), "空文件"),
    ]:
        with pytest.raises(ValidationError) as error:
            file_complaint(hall, attachments=[bad])
        assert words in error.value.message_dict["attachments"][0]
    assert Complaint.objects.count() == 1


def test_only_the_section_registers_the_other_channels(hall, seeded_calendar):
    with pytest.raises(NotAllowed):
        file_complaint(hall, user=hall["clerk"].user, channel=Channel.PHONE)
    with pytest.raises(ValidationError) as error:
        file_complaint(hall, user=hall["supervision"].user, channel=Channel.HOTLINE)
    assert "hotline_order_number" in error.value.message_dict
    complaint = file_complaint(
        hall, user=hall["supervision"].user, channel=Channel.HOTLINE, hotline_order_number="GD2026-0001"
    )
    assert (complaint.registered_by, complaint.hotline_order_number) == (hall["supervision"], "GD2026-0001")
    # registered for someone on the phone: they get the number and query code by SMS
    assert outbox() == [f"投诉已登记：{complaint.number}"]
    assert complaint.query_code in Notification.objects.get(address="13912345678").body


def test_who_may_act_on_a_complaint(hall, seeded_calendar, investigator):
    complaint = file_complaint(hall)
    township_section = make_staff(site=hall["township"], roles=[Role.SUPERVISION_SECTION])
    for user in (hall["clerk"].user, hall["chief"].user, hall["office"].user, township_section.user):
        with pytest.raises(NotAllowed):
            services.complaint_accept(complaint=complaint, user=user, at=at(MONDAY, 15))
        with pytest.raises(NotAllowed):
            services.complaint_decline(
                complaint=complaint, user=user, reason="不属于受理范围。", at=at(MONDAY, 15)
            )
    # an investigator must be in the section at the complaint's site or above
    with pytest.raises(ValidationError) as error:
        services.complaint_accept(
            complaint=complaint,
            user=hall["supervision"].user,
            investigator=township_section,
            at=at(MONDAY, 15),
        )
    assert "investigator" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.complaint_accept(
            complaint=complaint, user=hall["supervision"].user, investigator=hall["clerk"], at=at(MONDAY, 15)
        )
    complaint.refresh_from_db()
    assert complaint.status == Status.SUBMITTED and complaint.events.count() == 1

    services.complaint_accept(
        complaint=complaint, user=hall["supervision"].user, investigator=investigator, at=at(MONDAY, 15)
    )
    # only the assigned investigator answers (not another section member)
    with pytest.raises(NotAllowed):
        services.complaint_answer(
            complaint=complaint,
            user=hall["supervision"].user,
            investigation=INVESTIGATION,
            result=Result.NOT_UPHELD,
            reply=REPLY,
            at=at(MONDAY, 16),
        )
    # upheld needs someone to record it against
    with pytest.raises(ValidationError) as error:
        services.complaint_answer(
            complaint=complaint,
            user=investigator.user,
            investigation=INVESTIGATION,
            result=Result.PARTLY_UPHELD,
            reply=REPLY,
            at=at(MONDAY, 16),
        )
    assert "result" in error.value.message_dict
    # the section hands the investigation to someone else
    services.complaint_assign(
        complaint=complaint,
        user=hall["supervision"].user,
        investigator=hall["supervision"],
        at=at(MONDAY, 17),
    )
    with pytest.raises(NotAllowed):
        services.complaint_answer(
            complaint=complaint,
            user=investigator.user,
            investigation=INVESTIGATION,
            result=Result.NOT_UPHELD,
            reply=REPLY,
            at=at(MONDAY, 18),
        )
    complaint.refresh_from_db()
    assert (complaint.status, complaint.investigator) == (Status.INVESTIGATING, hall["supervision"])


def test_declined_with_reasons(hall, seeded_calendar):
    complaint = file_complaint(hall)
    with pytest.raises(ValidationError):
        services.complaint_decline(
            complaint=complaint, user=hall["supervision"].user, reason="不", at=at(MONDAY, 15)
        )
    complaint = services.complaint_decline(
        complaint=complaint,
        user=hall["supervision"].user,
        reason="不属于本中心受理范围，请向住建部门反映。",
        at=at(MONDAY, 15),
    )
    assert (complaint.status, complaint.due_date) == (Status.DECLINED, None)
    assert outbox() == [f"投诉不予受理：{complaint.number}"]
    with pytest.raises(services.ComplaintError) as error:
        services.complaint_accept(complaint=complaint, user=hall["supervision"].user, at=at(MONDAY, 16))
    assert "不能受理" in error.value.message


def _answered(hall, investigator, *, result=Result.NOT_UPHELD):
    complaint = file_complaint(hall)
    services.complaint_accept(
        complaint=complaint, user=hall["supervision"].user, investigator=investigator, at=at(MONDAY, 15)
    )
    return services.complaint_answer(
        complaint=complaint,
        user=investigator.user,
        investigation=INVESTIGATION,
        result=result,
        reply=REPLY,
        at=at(date(2026, 11, 18), 16),
    )


REASON = "答复没有说明窗口为何不一次性告知，请复核。"


def test_an_unhappy_complainant_asks_once_for_a_review_upheld_reopens(hall, seeded_calendar, investigator):
    complaint = _answered(hall, investigator)
    # a review needs a dissatisfied rating first
    with pytest.raises(services.ComplaintError):
        services.complaint_review_request(complaint=complaint, reason=REASON, at=at(date(2026, 11, 19)))
    complaint = services.complaint_rate(
        complaint=complaint, rating=Rating.DISSATISFIED, at=at(date(2026, 11, 19))
    )
    assert complaint.status == Status.ANSWERED and selectors.can_request_review(complaint)
    complaint = services.complaint_review_request(
        complaint=complaint, reason=REASON, at=at(date(2026, 11, 19), 10)
    )
    assert (complaint.status, complaint.due_date) == (Status.REVIEWING, date(2026, 11, 26))
    assert Notification.objects.filter(user=hall["office"].user, subject__contains="复核").exists()

    # the section does not decide reviews; the office does
    with pytest.raises(NotAllowed):
        services.complaint_review_decide(
            complaint=complaint,
            user=hall["supervision"].user,
            uphold=True,
            reply="重新调查。",
            at=at(date(2026, 11, 20)),
        )
    complaint = services.complaint_review_decide(
        complaint=complaint,
        user=hall["office"].user,
        uphold=True,
        reply="答复未说明原因，请重新调查。",
        answer_days=5,
        at=at(date(2026, 11, 20), 9),
    )
    assert (complaint.status, complaint.answer_due_date, complaint.rating) == (
        Status.INVESTIGATING,
        date(2026, 11, 27),
        "",
    )
    complaint = services.complaint_answer(
        complaint=complaint,
        user=investigator.user,
        investigation=INVESTIGATION + "补充调查了当日排队记录。",
        result=Result.PARTLY_UPHELD,
        reply=REPLY,
        staff=hall["market_a"],
        at=at(date(2026, 11, 24), 9),
    )
    assert selectors.can_rate(complaint) and not selectors.can_request_review(complaint)
    # a second review request: refused, whatever the rating
    complaint = services.complaint_rate(
        complaint=complaint, rating=Rating.DISSATISFIED, at=at(date(2026, 11, 25))
    )
    assert complaint.status == Status.CLOSED  # no review left to ask for
    with pytest.raises(services.ReviewAlreadyRequested) as error:
        services.complaint_review_request(complaint=complaint, reason=REASON, at=at(date(2026, 11, 25), 10))
    assert error.value.code == "review_already_requested" and error.value.status_code == 409
    assert complaint.events.filter(action=Action.REVIEW_REQUESTED).count() == 1


def test_a_review_rejected_closes_with_the_office_reply(hall, seeded_calendar, investigator):
    complaint = _answered(hall, investigator)
    services.complaint_rate(complaint=complaint, rating=Rating.DISSATISFIED, at=at(date(2026, 11, 19)))
    services.complaint_review_request(complaint=complaint, reason=REASON, at=at(date(2026, 11, 19), 10))
    complaint = services.complaint_review_decide(
        complaint=complaint,
        user=hall["office"].user,
        uphold=False,
        reply="经复核，原答复事实清楚，维持原答复。",
        at=at(date(2026, 11, 20)),
    )
    assert (complaint.status, complaint.review_outcome, complaint.due_date) == (
        Status.CLOSED,
        "REJECTED",
        None,
    )
    assert outbox()[-1] == f"投诉复核结果：{complaint.number}"
    with pytest.raises(services.ReviewAlreadyRequested):
        services.complaint_review_request(complaint=complaint, reason=REASON, at=at(date(2026, 11, 21)))


def test_a_logged_in_applicant_is_told_in_the_app_too(hall, seeded_calendar):
    from django.contrib.auth import get_user_model

    citizen = get_user_model().objects.create_user(
        username="citizen", password="x-Test-2026-pw", full_name="张晓梅"
    )
    named = file_complaint(hall, user=citizen)
    hidden = file_complaint(hall, user=citizen, is_anonymous=True)
    assert (named.complainant_user, hidden.complainant_user) == (citizen, None)
    for complaint in (named, hidden):
        services.complaint_accept(complaint=complaint, user=hall["supervision"].user, at=at(MONDAY, 15))
    inbox = Notification.objects.filter(user=citizen, channel="IN_APP")
    assert list(inbox.values_list("subject", flat=True)) == [f"投诉已受理：{named.number}"]
    # a staff member filing on the web is not linked as a citizen account
    assert file_complaint(hall, user=hall["clerk"].user).complainant_user is None
