"""The notifications app every app writes through: inbox, outbox, the gateway's report."""

from datetime import UTC, datetime

import pytest

from onewindow.notifications import selectors, services
from onewindow.notifications.models import Notification

pytestmark = pytest.mark.django_db
AT = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)
Channel = Notification.Channel


def test_inbox_and_outbox_messages(hall, django_capture_on_commit_callbacks):
    clerk = hall["clerk"].user
    with django_capture_on_commit_callbacks() as callbacks:
        services.notifications_send(
            recipients=[
                services.Recipient(channel=Channel.IN_APP, user_id=clerk.pk),
                services.Recipient(channel=Channel.SMS, address="13912345678"),
                services.Recipient(channel=Channel.EMAIL, address="a@example.com"),
            ],
            subject="测试",
            body="正文",
            at=AT,
        )

    assert len(callbacks) == 1  # the e-mail goes out after the commit
    assert [message.subject for message in selectors.inbox_of(clerk)] == ["测试"]
    assert [message.channel for message in selectors.outbox()] == [Channel.SMS, Channel.EMAIL]
    assert [message.channel for message in selectors.outbox(channel=Channel.SMS)] == [Channel.SMS]


def test_one_inbox_message_per_user_however_often_named(hall):
    clerk = hall["clerk"].user

    rows = services.inbox_send(user_ids=[clerk.pk, clerk.pk], subject="催办", body="…", at=AT)

    assert len(rows) == 1 and Notification.objects.filter(user=clerk).count() == 1


def test_the_gateway_reports_sent_or_failed(hall):
    (message,) = services.notifications_send(
        recipients=[services.Recipient(channel=Channel.SMS, address="13912345678")],
        subject="s",
        body="b",
        at=AT,
    )

    services.notification_mark_sent(notification=message, at=AT, failure="  号码停机  ")
    assert (message.sent_at, message.failure) == (None, "号码停机")
    assert list(selectors.outbox()) == [message]  # a failed message stays for another try
    services.notification_mark_sent(notification=message, at=AT)
    assert (message.sent_at, message.failure) == (AT, "")
    assert list(selectors.outbox()) == []


def test_a_supervision_warning_reaches_the_section_at_the_site_and_above(hall):
    from onewindow.org.models import Role
    from onewindow.org.tests.factories import make_staff

    township_supervisor = make_staff(site=hall["township"], roles=[Role.SUPERVISION_SECTION])

    rows = services.supervision_warn(site=hall["village"], subject="逾期", body="…", at=AT)

    assert {row.user_id for row in rows} == {hall["supervision"].user.pk, township_supervisor.user.pk}
    assert services.supervision_warn(site=hall["county"], subject="逾期", body="…", at=AT)[0].user_id == (
        hall["supervision"].user.pk
    )
