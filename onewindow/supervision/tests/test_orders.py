"""Supervision orders and inquiries: issued by the section with a gap-free number and a reply
deadline in working days, replied to by the department (once at a time), accepted or returned by
the section, escalated to the office when unanswered; the letter is a PDF under the seal."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from onewindow.cases.tests.factories import at
from onewindow.common.api import NotAllowed
from onewindow.fees.tests.factories import accepted_case
from onewindow.notifications.models import Notification
from onewindow.org.models import Role
from onewindow.org.tests.factories import make_staff
from onewindow.supervision import services
from onewindow.supervision.documents import order_pdf
from onewindow.supervision.models import Order, OrderReply, Record

pytestmark = pytest.mark.django_db

TUESDAY = date(2026, 11, 24)
REPLY = "已约谈承办人员，办件已于今日办结并送达申请人。"


@pytest.fixture
def record(hall, version):
    accepted_case(hall, version, day=date(2026, 11, 16))
    services.escalation_sweep(at=at(TUESDAY, 8))
    return Record.objects.get()


def issue(hall, record, **overrides):
    values = {
        "user": hall["supervision"].user,
        "department": hall["market"],
        "subject": "办件超期未办结",
        "body": "请立即核查超期原因，落实整改并书面回复。",
        "reply_days": 3,
        "at": at(TUESDAY, 10),
        "record": record,
    }
    return services.order_issue(**{**values, **overrides})


def test_an_order_is_numbered_due_in_working_days_and_told_to_the_department(hall, record):
    first = issue(hall, record)
    second = issue(hall, None, kind=Order.Kind.INQUIRY, case=record.case)
    assert (first.number, second.number) == ("督办函〔2026〕1号", "质询函〔2026〕2号")
    assert first.reply_due_date == date(2026, 11, 27) and first.case == record.case
    assert Notification.objects.filter(user=hall["chief"].user, subject=first.number).count() == 1


def test_reply_then_accept_turns_it_green(hall, record):
    order = issue(hall, record)
    services.order_reply(order=order, user=hall["chief"].user, text=REPLY, at=at(TUESDAY, 15))
    with pytest.raises(services.OrderError):  # one reply at a time
        services.order_reply(order=order, user=hall["reviewer"].user, text=REPLY, at=at(TUESDAY, 16))
    order = services.order_review(
        order=order, user=hall["supervision"].user, accept=True, comment="", at=at(TUESDAY, 17)
    )
    assert order.status == Order.Status.ACCEPTED and order.closed_at is not None
    assert list(order.replies.values_list("review", flat=True)) == [OrderReply.Review.ACCEPTED]
    with pytest.raises(services.OrderError):
        services.order_reply(order=order, user=hall["chief"].user, text=REPLY, at=at(TUESDAY, 18))


def test_a_returned_reply_is_due_again(hall, record):
    order = issue(hall, record)
    services.order_reply(order=order, user=hall["chief"].user, text=REPLY, at=at(TUESDAY, 15))
    with pytest.raises(ValidationError):
        services.order_review(
            order=order, user=hall["supervision"].user, accept=False, comment="", at=at(TUESDAY, 16)
        )
    order = services.order_review(
        order=order,
        user=hall["supervision"].user,
        accept=False,
        comment="未附整改材料",
        at=at(date(2026, 11, 25), 9),
    )
    assert (order.status, order.reply_due_date) == (Order.Status.ISSUED, date(2026, 11, 30))
    services.order_reply(
        order=order, user=hall["chief"].user, text=REPLY + "附整改材料。", at=at(date(2026, 11, 25), 10)
    )
    assert order.replies.count() == 2


def test_wrong_people_and_bad_input_write_nothing(hall, record):
    with pytest.raises(NotAllowed):
        issue(hall, record, user=hall["office"].user)
    township_section = make_staff(site=hall["township"], roles=[Role.SUPERVISION_SECTION])
    with pytest.raises(NotAllowed):  # the county's department is outside the township's tree
        issue(hall, record, user=township_section.user)
    for bad in (
        {"subject": " "},
        {"body": "请回复"},
        {"reply_days": 0},
        {"reply_days": 61},
        {"department": hall["housing"]},
    ):
        with pytest.raises(ValidationError):
            issue(hall, record, **bad)
    assert not Order.objects.exists()
    order = issue(hall, record)
    for who in ("housing_a", "clerk", "supervision"):
        with pytest.raises(NotAllowed):
            services.order_reply(order=order, user=hall[who].user, text=REPLY, at=at(TUESDAY, 15))
    with pytest.raises(ValidationError):
        services.order_reply(order=order, user=hall["chief"].user, text="好", at=at(TUESDAY, 15))
    with pytest.raises(services.OrderError):
        services.order_review(
            order=order, user=hall["supervision"].user, accept=True, comment="", at=at(TUESDAY, 16)
        )
    services.order_reply(order=order, user=hall["chief"].user, text=REPLY, at=at(TUESDAY, 15))
    with pytest.raises(NotAllowed):
        services.order_review(
            order=order, user=hall["chief"].user, accept=True, comment="", at=at(TUESDAY, 16)
        )
    assert not order.replies.exclude(review=OrderReply.Review.PENDING).exists()


def test_an_unanswered_order_goes_to_the_office_once(hall, record):
    order = issue(hall, record)
    assert services.orders_escalate(at=at(date(2026, 11, 27), 18)) == 0  # due that day
    assert services.escalation_sweep(at=at(date(2026, 11, 30), 8)).orders_escalated == 1
    assert services.escalation_sweep(at=at(date(2026, 11, 30), 9)).orders_escalated == 0
    order.refresh_from_db()
    assert order.escalated_at is not None
    assert (
        Notification.objects.filter(user=hall["office"].user, subject=f"{order.number} 逾期未回复").count()
        == 1
    )


def test_the_letter_is_a_pdf(hall, record):
    content = order_pdf(issue(hall, record))
    assert content.startswith(b"%PDF") and len(content) > 10_000
